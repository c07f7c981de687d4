# readarticle — build, test, install. `make help` lists the targets.

PREFIX  ?= /usr/local
DESTDIR ?=
LIBDIR  ?= $(PREFIX)/lib
INCDIR  ?= $(PREFIX)/include
BINDIR  ?= $(PREFIX)/bin
BUILD   ?= build
CC      ?= cc

VERSION := $(shell sed -n 's/^\#define RA_VERSION_STRING "\(.*\)"/\1/p' include/readarticle.h)
MAJOR   := $(shell sed -n 's/^\#define RA_VERSION_MAJOR \([0-9]*\)/\1/p' include/readarticle.h)
SONAME  := libreadarticle.so.$(MAJOR)

PKGS      := espeak-ng sndfile libutf8proc
WARN      := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wvla
ifdef CI
WARN      += -Werror
endif
OPT       ?= -O2 -g
SAN       ?=
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs sndfile libutf8proc 2>/dev/null)
# MP3 encoding arrived in libsndfile 1.1 (as enum constants, which #ifdef cannot see)
HAVE_MP3   = $(shell pkg-config --atleast-version=1.1.0 sndfile 2>/dev/null && echo -DRA_HAVE_MP3)
ALL_CFLAGS = -std=c11 $(OPT) $(SAN) $(WARN) -fPIC -fvisibility=hidden -DRA_BUILDING $(HAVE_MP3) \
             -Iinclude $(addprefix -I,$(STAGES)) $(PKG_CFLAGS) $(CFLAGS)
LIBS       = $(PKG_LIBS) -ldl -lpthread

# one folder per pipeline stage, lowest first (ARCHITECTURE.md): a stage includes only its own
# headers and those of the stages before it
STAGES   := lib/common lib/input lib/lexicon lib/segment lib/norm lib/speech lib/audio lib/api
LIB_SRC  := $(wildcard $(addsuffix /*.c,$(STAGES)))
LIB_HDR  := $(wildcard $(addsuffix /*.h,$(STAGES)))
LIB_OBJ  := $(patsubst lib/%.c,$(BUILD)/obj/%.o,$(LIB_SRC)) $(BUILD)/obj/tables.o
DATA     := $(sort $(wildcard lib/data/*.tsv))
VOICES   := $(sort $(wildcard voices/*.voice))
TESTS    := $(patsubst tests/%.c,$(BUILD)/tests/%,$(wildcard tests/test_*.c))

.DELETE_ON_ERROR:
.PHONY: all lib cli deps demo test check example bench asan ubsan fuzz install uninstall clean help
all: lib cli

help:
	@echo "make demo     install what is missing, build, read tests/data/example-article.txt to $(BUILD)/example.wav"
	@echo "make test     install what is missing, build, run the whole test suite"
	@echo "make          build $(BUILD)/libreadarticle.{a,so} and $(BUILD)/readarticle"
	@echo "make check    build and run the tests;  make bench  speed against espeak-ng"
	@echo "make asan / make ubsan   the tests under sanitizers;  make install PREFIX=... DESTDIR=..."

# ---- dependencies (Debian/Ubuntu): checks with pkg-config, installs what is missing with apt-get
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
deps:
	@need=""; \
	command -v pkg-config >/dev/null 2>&1 || need="$$need pkg-config"; \
	command -v cc >/dev/null 2>&1 || need="$$need gcc"; \
	command -v espeak-ng >/dev/null 2>&1 || need="$$need espeak-ng"; \
	pkg-config --exists espeak-ng 2>/dev/null || need="$$need libespeak-ng-dev"; \
	pkg-config --exists sndfile 2>/dev/null || need="$$need libsndfile1-dev"; \
	pkg-config --exists libutf8proc 2>/dev/null || need="$$need libutf8proc-dev"; \
	pkg-config --exists cmocka 2>/dev/null || need="$$need libcmocka-dev"; \
	if [ -n "$$need" ]; then \
	  echo "installing:$$need"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$need >/dev/null; \
	else echo "dependencies: all present"; fi

demo: deps
	$(MAKE) all
	$(MAKE) example

test: deps
	$(MAKE) all
	$(MAKE) check

example: all
	$(BUILD)/readarticle tests/data/example-article.txt -o $(BUILD)/example.wav
	@echo "wrote $(BUILD)/example.wav"

# ---- library
$(BUILD)/gen/tables.c: lib/gen/gentables.sh $(DATA) $(VOICES)
	@mkdir -p $(@D)
	sh lib/gen/gentables.sh $@ --tsv gen_acronyms 4 lib/data/acronyms.tsv \
	  --tsv gen_loanwords 2 lib/data/loanwords.tsv --tsv gen_letters 2 lib/data/letters.tsv \
	  --tsv gen_symbols 2 lib/data/symbols.tsv --tsv gen_units 3 lib/data/units.tsv \
	  --tsv gen_contexts 2 lib/data/contexts.tsv --files gen_voices $(VOICES)

$(BUILD)/obj/tables.o: $(BUILD)/gen/tables.c
	$(CC) -std=c11 $(OPT) $(SAN) -fPIC -fvisibility=hidden -c -o $@ $<

$(BUILD)/obj/%.o: lib/%.c $(LIB_HDR) include/readarticle.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

lib: $(BUILD)/libreadarticle.a $(BUILD)/libreadarticle.so

$(BUILD)/libreadarticle.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/libreadarticle.so: $(LIB_OBJ)
	$(CC) -shared -Wl,-soname,$(SONAME) $(SAN) -o $(BUILD)/libreadarticle.so.$(VERSION) $^ $(LIBS) $(LDFLAGS)
	ln -sf libreadarticle.so.$(VERSION) $(BUILD)/$(SONAME)
	ln -sf libreadarticle.so.$(VERSION) $@

# ---- command line (linked statically against the library: runs from the build tree)
cli: $(BUILD)/readarticle
$(BUILD)/readarticle: $(wildcard cli/*.c cli/*.h) include/readarticle.h $(BUILD)/libreadarticle.a
	$(CC) -std=c11 $(OPT) $(SAN) $(WARN) -Iinclude $(CFLAGS) -o $@ $(wildcard cli/*.c) $(BUILD)/libreadarticle.a $(LIBS) $(LDFLAGS)

# ---- tests (cmocka), golden files under tests/golden, CLI tests run the built binary
$(BUILD)/tests/%: tests/%.c tests/testutil.h $(BUILD)/libreadarticle.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -o $@ $< $(BUILD)/libreadarticle.a \
	  $(shell pkg-config --libs cmocka 2>/dev/null) $(LIBS) -lsndfile $(LDFLAGS)

check: all $(TESTS)
	@failed=0; for t in $(TESTS); do \
	  echo "== $$t"; RA_BUILD=$(BUILD) $$t || failed=$$((failed + 1)); \
	done; \
	if [ $$failed -ne 0 ]; then echo "$$failed test program(s) failed"; exit 1; fi; \
	echo "all test programs passed"

asan:
	$(MAKE) BUILD=build/asan SAN="-fsanitize=address,undefined -fno-omit-frame-pointer" OPT="-O1 -g" check

ubsan:
	$(MAKE) BUILD=build/ubsan SAN="-fsanitize=undefined -fno-sanitize-recover=undefined" OPT="-O1 -g" check

# ---- fuzzing: libFuzzer where clang has it, else a replay of the corpus under ASan
FUZZ_SECONDS ?= 60
fuzz:
	@if echo 'int LLVMFuzzerTestOneInput(const char *d, long n){return 0;}' | \
	    clang -x c -fsanitize=fuzzer -o /dev/null - 2>/dev/null; then \
	  $(MAKE) BUILD=build/fuzz CC=clang SAN="-fsanitize=address,undefined,fuzzer-no-link" OPT="-O1 -g" lib && \
	  clang -std=c11 -O1 -g -DRA_LIBFUZZER -fsanitize=address,undefined,fuzzer -Iinclude -o build/fuzz/fuzz_text \
	    tests/fuzz_text.c build/fuzz/libreadarticle.a $(LIBS) && \
	  mkdir -p build/fuzz/corpus && cp tests/fuzz-corpus/* build/fuzz/corpus/ && \
	  build/fuzz/fuzz_text -max_total_time=$(FUZZ_SECONDS) -max_len=4096 build/fuzz/corpus; \
	else \
	  $(MAKE) BUILD=build/asan SAN="-fsanitize=address,undefined -fno-omit-frame-pointer" OPT="-O1 -g" lib && \
	  $(CC) -std=c11 -O1 -g -fsanitize=address,undefined -Iinclude -o build/asan/fuzz-replay tests/fuzz_text.c \
	    build/asan/libreadarticle.a $(LIBS) && build/asan/fuzz-replay tests/fuzz-corpus; \
	fi

# ---- benchmark: CPU time against the espeak-ng program on the same article
$(BUILD)/bench: tests/bench.c $(BUILD)/libreadarticle.a
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libreadarticle.a $(LIBS) $(LDFLAGS)

BENCH_ARTICLE ?= $(firstword $(wildcard ../shared/eval/article-hiephoa.txt) tests/data/example-article.txt)
bench: all $(BUILD)/bench
	$(BUILD)/bench $(BENCH_ARTICLE) $(BUILD)/readarticle

# ---- install
readarticle.pc: $(BUILD)/readarticle.pc
$(BUILD)/readarticle.pc: Makefile include/readarticle.h
	@mkdir -p $(@D)
	printf 'prefix=%s\nlibdir=%s\nincludedir=%s\n\nName: readarticle\nDescription: Vietnamese article reader (text normalization and speech through espeak-ng)\nVersion: %s\nRequires.private: sndfile libutf8proc\nLibs: -L$${libdir} -lreadarticle\nLibs.private: -ldl -lpthread\nCflags: -I$${includedir}\n' \
	  '$(PREFIX)' '$(LIBDIR)' '$(INCDIR)' '$(VERSION)' > $@

install: all $(BUILD)/readarticle.pc
	install -d $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCDIR) $(DESTDIR)$(BINDIR)
	install -m 644 $(BUILD)/libreadarticle.a $(DESTDIR)$(LIBDIR)/
	install -m 755 $(BUILD)/libreadarticle.so.$(VERSION) $(DESTDIR)$(LIBDIR)/
	ln -sf libreadarticle.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf libreadarticle.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libreadarticle.so
	install -m 644 include/readarticle.h $(DESTDIR)$(INCDIR)/
	install -m 644 $(BUILD)/readarticle.pc $(DESTDIR)$(LIBDIR)/pkgconfig/
	install -m 755 $(BUILD)/readarticle $(DESTDIR)$(BINDIR)/

uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/libreadarticle.a $(DESTDIR)$(LIBDIR)/libreadarticle.so* \
	  $(DESTDIR)$(INCDIR)/readarticle.h $(DESTDIR)$(LIBDIR)/pkgconfig/readarticle.pc \
	  $(DESTDIR)$(BINDIR)/readarticle

clean:
	rm -rf $(BUILD)
