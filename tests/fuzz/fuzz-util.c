/*
 * tests/fuzz/fuzz-util.c: helpers shared by the fuzz targets.  Test-only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

static char	tmp_path[64];

char *
fuzz_strdup(const uint8_t *data, size_t size)
{
	char	*s;

	if ((s = malloc(size + 1)) == NULL)
		abort();
	if (size > 0)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	FILE	*f;

	(void)argc;
	(void)argv;
	/* glibc's stderr is an ordinary variable; fd 2 stays open. */
	if (getenv("FUZZ_VERBOSE") == NULL &&
	    (f = fopen("/dev/null", "w")) != NULL)
		stderr = f;
	return 0;
}

static void
fuzz_tmp_remove(void)
{
	if (tmp_path[0] != '\0')
		unlink(tmp_path);
}

const char *
fuzz_tmpfile(const uint8_t *data, size_t size)
{
	FILE	*f;
	int	 fd;

	if (tmp_path[0] == '\0') {
		snprintf(tmp_path, sizeof tmp_path, "%s/maskcat-fuzz.XXXXXX",
		    getenv("TMPDIR") != NULL && strlen(getenv("TMPDIR")) < 32 ?
		    getenv("TMPDIR") : "/tmp");
		if ((fd = mkstemp(tmp_path)) < 0) {
			tmp_path[0] = '\0';
			return NULL;
		}
		close(fd);
		atexit(fuzz_tmp_remove);
	}
	if ((f = fopen(tmp_path, "wb")) == NULL)
		return NULL;
	if (size > 0 && fwrite(data, 1, size, f) != size) {
		fclose(f);
		return NULL;
	}
	if (fclose(f) != 0)
		return NULL;
	return tmp_path;
}
