# maskcat: a plain Makefile with pkg-config.  One build folder per flavour
# (O=build, build-asan, ...), so objects never mix.
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
DESTDIR    ?=
PKG_CONFIG ?= pkg-config
PKGS        = sqlite3 libjpeg libpng zlib libxxhash libarchive expat
O          ?= build
CC         ?= cc
CFLAGS     ?= -O2 -g
LDFLAGS    ?=
WARNINGS    = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
              -Wformat=2 -Wvla
SAN         = -fsanitize=address,undefined -fno-sanitize-recover=all \
              -fno-omit-frame-pointer

PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
ALL_CPPFLAGS = -D_GNU_SOURCE $(CPPFLAGS)
ALL_CFLAGS   = -std=c11 $(WARNINGS) $(PKG_CFLAGS) $(CFLAGS)
LIBS         = $(PKG_LIBS) -lm -lpthread

# Every module folder; a new file is picked up without editing this list.
MODULES   = lib cmd db image tree quality export audit importers reports synth
LIB_SRCS := $(foreach m,$(MODULES),$(wildcard $(m)/*.c))
LIB_OBJS  = $(LIB_SRCS:%.c=$(O)/%.o)
UNIT_SRCS := $(wildcard tests/unit/t-*.c)
UNIT_BINS  = $(UNIT_SRCS:tests/unit/%.c=$(O)/tests/unit/%)
HELPERS    = $(O)/tests/helper/mkimg $(O)/tests/helper/treecat \
             $(O)/tests/helper/mkbad $(O)/tests/helper/faultfs.so
# One fuzz target per parser of untrusted input (tests/fuzz/fuzz-<name>.c):
# libFuzzer binaries in build-fuzz/ (make fuzz), and in every flavour a
# replay-<name> that runs the target on its corpus for make check.
FUZZ_NAMES = image csv base-name names voc-xml zip labelmap exif
FUZZ_OBJS  = $(FUZZ_NAMES:%=$(O)/tests/fuzz/fuzz-%.o) \
             $(O)/tests/fuzz/fuzz-util.o $(O)/tests/fuzz/replay.o
FUZZ_REPLAYS = $(FUZZ_NAMES:%=$(O)/tests/fuzz/replay-%)
FUZZ_SAN   = -fsanitize=fuzzer-no-link,address,undefined \
             -fno-sanitize-recover=all -fno-omit-frame-pointer

.PHONY: all check test asan demo bench audit-eval install uninstall clean \
        deps test-deps build-tests debug fuzz fuzz-targets

all: $(O)/maskcat

deps:
	@scripts/install-deps build

test-deps:
	@scripts/install-deps test

$(O)/maskcat: $(O)/main.o $(LIB_OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(O)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(O)/tests/unit/%: $(O)/tests/unit/%.o $(LIB_OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(O)/tests/helper/%: $(O)/tests/helper/%.o $(LIB_OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

# The LD_PRELOAD fault injector (disk full, read errors) for t6300; built
# with the flavour's flags like everything else.
$(O)/tests/helper/faultfs.so: tests/helper/faultfs.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -std=c11 $(WARNINGS) $(CFLAGS) -fPIC -shared \
	    $(LDFLAGS) -o $@ $< -ldl -lpthread

$(O)/tests/fuzz/replay-%: $(O)/tests/fuzz/fuzz-%.o $(O)/tests/fuzz/replay.o \
    $(O)/tests/fuzz/fuzz-util.o $(LIB_OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

# Keep the objects make would otherwise delete as intermediate.
.SECONDARY: $(FUZZ_OBJS)

build-tests: $(O)/maskcat $(UNIT_BINS) $(HELPERS) $(FUZZ_REPLAYS)

# libFuzzer targets, built with clang into build-fuzz/ (the project's
# objects too, instrumented; main.o left out).  Run one with
#   build-fuzz/fuzz-<name> tests/fuzz/corpus/<name>
fuzz:
	@scripts/install-deps fuzz
	@$(MAKE) -s --no-print-directory O=build-fuzz CC=clang \
	    CFLAGS='-O1 -g $(FUZZ_SAN)' \
	    LDFLAGS='-fsanitize=fuzzer,address,undefined' fuzz-targets

fuzz-targets: $(FUZZ_NAMES:%=$(O)/fuzz-%)

$(O)/fuzz-%: $(O)/tests/fuzz/fuzz-%.o $(O)/tests/fuzz/fuzz-util.o $(LIB_OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

# The whole suite, twice: the release build, then the AddressSanitizer +
# UndefinedBehaviorSanitizer build.  Ends with "N passed, N failed".
check: test-deps
	@$(MAKE) -s --no-print-directory build-tests
	@$(MAKE) -s --no-print-directory O=build-asan CFLAGS='-O1 -g $(SAN)' \
	    LDFLAGS='$(SAN)' build-tests
	@tests/run-suite build build-asan

test: test-deps
	@$(MAKE) -s --no-print-directory build-tests
	@tests/run-suite $(O)

asan: test-deps
	@$(MAKE) -s --no-print-directory O=build-asan CFLAGS='-O1 -g $(SAN)' \
	    LDFLAGS='$(SAN)' build-tests
	@tests/run-suite build-asan

debug:
	@$(MAKE) --no-print-directory O=build-debug CFLAGS='-O0 -g3'

# The main job on the built-in sample: synthesise, import, report, export
# a leak-free balanced split and verify it, audit the labels.
DEMO ?= demo
demo: deps
	@$(MAKE) --no-print-directory all
	rm -rf $(DEMO) && mkdir -p $(DEMO)
	$(O)/maskcat synth $(DEMO)/data --persons 2700 --seed 1 \
	    --errors $(DEMO)/truth.csv --dirt $(DEMO)/dirt.csv
	$(O)/maskcat --db $(DEMO)/maskcat.db import base $(DEMO)/data/train
	$(O)/maskcat --db $(DEMO)/maskcat.db import eval $(DEMO)/data/eval
	$(O)/maskcat --db $(DEMO)/maskcat.db info
	$(O)/maskcat --db $(DEMO)/maskcat.db report imbalance
	$(O)/maskcat --db $(DEMO)/maskcat.db report quality --limit 3
	$(O)/maskcat --db $(DEMO)/maskcat.db report duplicates --across --limit 5
	$(O)/maskcat --db $(DEMO)/maskcat.db export $(DEMO)/export --source base \
	    --size 224x224 --crop center --balance oversample --balance-by age \
	    --seed 1
	$(O)/maskcat verify $(DEMO)/export
	$(O)/maskcat --db $(DEMO)/maskcat.db audit --source base --limit 5

$(O)/tests/bench/%: $(O)/tests/bench/%.o $(LIB_OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

bench: deps
	@scripts/install-deps bench
	@tests/bench/run build-release

# The label audit's quality on real and synthetic data (see README).
audit-eval: deps
	@scripts/install-deps bench
	@tests/bench/audit-eval.sh build-release

install: all
	install -d $(DESTDIR)$(BINDIR)
	install -m 0755 $(O)/maskcat $(DESTDIR)$(BINDIR)/maskcat

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/maskcat

clean:
	rm -rf build build-* demo

-include $(shell find $(O) -name '*.d' 2>/dev/null)
