/*
 * tests/fuzz/fuzz.h: shared by the fuzz targets.  Each target defines
 * LLVMFuzzerTestOneInput(); libFuzzer (make fuzz) or tests/fuzz/replay.c
 * (make build-tests) provides main().
 */
#ifndef TESTS_FUZZ_FUZZ_H
#define TESTS_FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/*
 * Called once before the first input (by libFuzzer, and by replay.c):
 * points the stdio stream stderr at /dev/null so that error() and
 * warning() print nothing, unless FUZZ_VERBOSE is set.  File descriptor 2
 * is left alone, so sanitizer and libFuzzer reports still show.
 */
int	LLVMFuzzerInitialize(int *argc, char ***argv);

/*
 * A malloc()ed, NUL-terminated copy of data (the caller frees it); the
 * string parsers see the bytes up to the first NUL, as they would a name.
 */
char	*fuzz_strdup(const uint8_t *data, size_t size);
/*
 * Writes data to a private temporary file and returns its path (static
 * storage, the same file every call, removed at exit), or NULL on failure.
 */
const char *fuzz_tmpfile(const uint8_t *data, size_t size);

#endif
