# readarticle — build, test, install. `make help` lists the targets.

PREFIX  ?= /usr/local
DESTDIR ?=
LIBDIR  ?= $(PREFIX)/lib
INCDIR  ?= $(PREFIX)/include
BINDIR  ?= $(PREFIX)/bin
LIBEXECDIR ?= $(PREFIX)/libexec
MANDIR  ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
BUILD   ?= build
CC      ?= cc
LD      ?= ld
OBJCOPY ?= objcopy
# the speech worker: the library runs espeak-ng in this program, never in its host
WORKER_PATH = $(LIBEXECDIR)/readarticle/readarticle-worker

VERSION := $(shell sed -n 's/^\#define RA_VERSION_STRING "\(.*\)"/\1/p' include/readarticle.h)
MAJOR   := $(shell sed -n 's/^\#define RA_VERSION_MAJOR \([0-9]*\)/\1/p' include/readarticle.h)
SONAME  := libreadarticle.so.$(MAJOR)

PKGS      := sndfile libutf8proc gumbo soxr
ESPEAK_VERSION := $(shell pkg-config --modversion espeak-ng 2>/dev/null || echo unknown)
WARN      := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wvla
ifdef CI
WARN      += -Werror
endif
OPT       ?= -O2 -g
SAN       ?=
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
# MP3 encoding arrived in libsndfile 1.1 (as enum constants, which #ifdef cannot see)
HAVE_MP3   = $(shell pkg-config --atleast-version=1.1.0 sndfile 2>/dev/null && echo -DRA_HAVE_MP3)
ALL_CFLAGS = -std=c11 $(OPT) $(SAN) $(WARN) -fPIC -fvisibility=hidden -DRA_BUILDING $(HAVE_MP3) \
             -Iinclude $(addprefix -I,$(STAGES)) -I$(BUILD)/gen $(PKG_CFLAGS) $(CFLAGS)
LIBS       = $(PKG_LIBS) -lpthread

# one folder per pipeline stage, lowest first (ARCHITECTURE.md): a stage includes only its own
# headers and those of the stages before it
STAGES   := lib/common lib/input lib/lexicon lib/segment lib/norm lib/speech lib/audio lib/api
LIB_SRC  := $(wildcard $(addsuffix /*.c,$(STAGES)))
LIB_HDR  := $(wildcard $(addsuffix /*.h,$(STAGES)))
LIB_OBJ  := $(patsubst lib/%.c,$(BUILD)/obj/%.o,$(LIB_SRC)) $(BUILD)/obj/tables.o
DATA     := $(sort $(wildcard lib/data/*.tsv))
VOICES   := $(sort $(wildcard voices/*.voice))
TESTS    := $(patsubst tests/%.c,$(BUILD)/tests/%,$(wildcard tests/test_*.c))
HOSTS    := $(BUILD)/tests/host_names $(BUILD)/tests/host_key $(BUILD)/tests/bad_worker
WORKER_SRC := $(wildcard lib/speech/worker/*.c)

.DELETE_ON_ERROR:
.PHONY: all lib cli worker deps test-deps player-deps demo test check test-player eval-real eval-html example bench asan ubsan fuzz espeak-asan install uninstall clean help FORCE
all: lib cli worker

help:
	@echo "make demo     install what is missing, build, read tests/data/example-article.txt to $(BUILD)/example.wav"
	@echo "make test     install what is missing, build, run the whole test suite"
	@echo "make          build $(BUILD)/libreadarticle.{a,so} and $(BUILD)/readarticle"
	@echo "make check    build and run the tests;  make bench  speed against espeak-ng"
	@echo "make test-player   the player page (examples/player/) in headless Chromium"
	@echo "make asan / make ubsan   the tests under sanitizers;  make install PREFIX=... DESTDIR=..."

# ---- dependencies (Debian/Ubuntu): checks what is there, installs what is missing with apt-get.
# deps: building and reading; test-deps: also the test suite (cmocka, Python and PHP for the
# bindings, a locale source for the Turkish-locale test).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
NEED_BUILD = command -v pkg-config >/dev/null 2>&1 || need="$$need pkg-config"; \
	command -v cc >/dev/null 2>&1 || need="$$need gcc"; \
	command -v espeak-ng >/dev/null 2>&1 || need="$$need espeak-ng"; \
	pkg-config --exists espeak-ng 2>/dev/null || need="$$need libespeak-ng-dev"; \
	pkg-config --exists sndfile 2>/dev/null || need="$$need libsndfile1-dev"; \
	pkg-config --exists libutf8proc 2>/dev/null || need="$$need libutf8proc-dev"; \
	pkg-config --exists gumbo 2>/dev/null || need="$$need libgumbo-dev"; \
	pkg-config --exists soxr 2>/dev/null || need="$$need libsoxr-dev";
NEED_TEST = pkg-config --exists cmocka 2>/dev/null || need="$$need libcmocka-dev"; \
	command -v python3 >/dev/null 2>&1 || need="$$need python3"; \
	command -v php >/dev/null 2>&1 || need="$$need php-cli"; \
	[ -e /usr/share/i18n/locales/tr_TR ] || need="$$need locales"; \
	command -v soxi >/dev/null 2>&1 || need="$$need sox"; \
	sox -h 2>/dev/null | grep -q 'FORMATS:.* mp3' || need="$$need libsox-fmt-mp3"; \
	command -v opusinfo >/dev/null 2>&1 || need="$$need opus-tools"; \
	$(NEED_PLAYER)
# the player page's test drives Debian's Chromium through its DevTools pipe, from Python
NEED_PLAYER = command -v chromium >/dev/null 2>&1 || need="$$need chromium"; \
	command -v python3 >/dev/null 2>&1 || need="$$need python3";
# without root, sudo must be there and allowed to run without a password; else the exact command
# to run is printed and make stops, instead of a bare "sudo: Permission denied"
INSTALL_NEEDED = if [ -z "$$need" ]; then echo "dependencies: all present"; \
	elif [ -n "$(SUDO)" ] && ! sudo -n true 2>/dev/null; then \
	  echo "missing:$$need"; \
	  echo "install them as root, then run make again:"; \
	  echo "  apt-get update && apt-get install -y --no-install-recommends$$need"; exit 1; \
	else \
	  echo "installing:$$need"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$need >/dev/null; \
	fi
deps:
	@need=""; $(NEED_BUILD) $(INSTALL_NEEDED)
test-deps:
	@need=""; $(NEED_BUILD) $(NEED_TEST) $(INSTALL_NEEDED)
player-deps:
	@need=""; $(NEED_BUILD) $(NEED_PLAYER) $(INSTALL_NEEDED)

demo: deps
	$(MAKE) all
	$(MAKE) example

test: test-deps
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
	  --tsv gen_spelled 2 lib/data/spelled.tsv \
	  --tsv gen_symbols 2 lib/data/symbols.tsv --tsv gen_units 3 lib/data/units.tsv \
	  --tsv gen_contexts 2 lib/data/contexts.tsv --tsv gen_acronym_parts 2 lib/data/acronym-parts.tsv \
	  --tsv gen_vnwords 3 lib/data/vn-words.tsv --tsv gen_html_hints 2 lib/data/html-hints.tsv \
	  --tsv gen_tcvn3 2 lib/data/tcvn3.tsv --tsv gen_vni 2 lib/data/vni.tsv \
	  --files gen_voices $(VOICES)

$(BUILD)/obj/tables.o: $(BUILD)/gen/tables.c
	$(CC) -std=c11 $(OPT) $(SAN) -fPIC -fvisibility=hidden -c -o $@ $<

$(BUILD)/obj/%.o: lib/%.c $(LIB_HDR) include/readarticle.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# the compiled-in place of the worker; rewritten (and proc.o rebuilt) only when it changes
$(BUILD)/gen/config.h: FORCE
	@mkdir -p $(@D)
	@printf '#define RA_WORKER_PATH "%s"\n' '$(WORKER_PATH)' > $@.new
	@cmp -s $@.new $@ && rm -f $@.new || mv $@.new $@
$(BUILD)/obj/speech/proc.o: $(BUILD)/gen/config.h

lib: $(BUILD)/libreadarticle.a $(BUILD)/libreadarticle.so

# The static library is one relocatable object in which only the ra_* functions stay global, so
# that its internal names (segment, tokenize ...) never collide with a program's own.
$(BUILD)/obj/readarticle.o: $(LIB_OBJ)
	$(LD) -r -o $@ $^
	$(OBJCOPY) --localize-hidden $@
$(BUILD)/libreadarticle.a: $(BUILD)/obj/readarticle.o
	rm -f $@
	ar rcs $@ $^

# the same objects with their internal names visible, for the unit tests
$(BUILD)/libreadarticle-internal.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/libreadarticle.so: $(LIB_OBJ)
	$(CC) -shared -Wl,-soname,$(SONAME) $(SAN) -o $(BUILD)/libreadarticle.so.$(VERSION) $^ $(LIBS) $(LDFLAGS)
	ln -sf libreadarticle.so.$(VERSION) $(BUILD)/$(SONAME)
	ln -sf libreadarticle.so.$(VERSION) $@

# ---- the speech worker: the only program that links libespeak-ng. Built without
# -fvisibility=hidden: its stand-ins for libpcaudio's functions must be exported to take their
# place (lib/speech/worker/noaudio.c).
worker: $(BUILD)/readarticle-worker
$(BUILD)/readarticle-worker: $(WORKER_SRC) lib/speech/wire.h include/readarticle.h
	@mkdir -p $(@D)
	$(CC) -std=c11 $(OPT) $(SAN) $(WARN) -Iinclude -Ilib/speech $(shell pkg-config --cflags espeak-ng 2>/dev/null) \
	  $(CFLAGS) -o $@ $(WORKER_SRC) $(shell pkg-config --libs espeak-ng 2>/dev/null) $(LDFLAGS)

# ---- command line (linked statically against the library: runs from the build tree)
cli: $(BUILD)/readarticle
$(BUILD)/readarticle: $(wildcard cli/*.c cli/*.h) include/readarticle.h $(BUILD)/libreadarticle.a
	$(CC) -std=c11 $(OPT) $(SAN) $(WARN) -Iinclude -DRA_ESPEAK_VERSION='"$(ESPEAK_VERSION)"' $(CFLAGS) -o $@ \
	  $(wildcard cli/*.c) $(BUILD)/libreadarticle.a $(LIBS) $(LDFLAGS)

# ---- tests (cmocka), golden files under tests/golden, CLI tests run the built binary, host
# programs (tests/hosts) link the library as a backend would, the bindings run their own tests
$(BUILD)/tests/%: tests/%.c tests/testutil.h $(BUILD)/libreadarticle-internal.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -Wno-format-truncation -o $@ $< $(BUILD)/libreadarticle-internal.a \
	  $(shell pkg-config --libs cmocka 2>/dev/null) $(LIBS) -lsndfile -lm $(LDFLAGS)

# a program with its own tokenize() and segment(), linked against the public static library
$(BUILD)/tests/host_names: tests/hosts/host_names.c $(BUILD)/libreadarticle.a
	@mkdir -p $(@D)
	$(CC) -std=c11 $(OPT) $(SAN) $(WARN) -Iinclude -o $@ $< $(BUILD)/libreadarticle.a $(LIBS) $(LDFLAGS)

# a program that uses a pthread key (as Python, PHP and the JVM do), linked against the .so
$(BUILD)/tests/host_key: tests/hosts/host_key.c $(BUILD)/libreadarticle.so
	@mkdir -p $(@D)
	$(CC) -std=c11 $(OPT) $(SAN) $(WARN) -Iinclude -o $@ $< -L$(BUILD) -lreadarticle -lpthread \
	  -Wl,-rpath,'$$ORIGIN/..' $(LDFLAGS)

# an interpreter loading a library built with AddressSanitizer needs its runtime loaded first
BINDING_ENV = $(if $(findstring address,$(SAN)),LD_PRELOAD=$$($(CC) -print-file-name=libasan.so) ASAN_OPTIONS=detect_leaks=0)

# PHP loads its extensions with RTLD_DEEPBIND, which AddressSanitizer refuses: no PHP under ASan
PHP_TEST = $(if $(findstring address,$(SAN)),echo "skipped under AddressSanitizer (PHP uses RTLD_DEEPBIND)";,\
	RA_BUILD=$(BUILD) $(RUN_T) php bindings/php/tests/test_readarticle.php || failed=$$((failed + 1));)

# a worker that answers a text with an impossible message
$(BUILD)/tests/bad_worker: tests/hosts/bad_worker.c lib/speech/wire.h
	@mkdir -p $(@D)
	$(CC) -std=c11 $(OPT) $(SAN) $(WARN) -D_DEFAULT_SOURCE -Ilib/speech -o $@ $< $(LDFLAGS)

LOCALES = $(BUILD)/locale
$(LOCALES)/tr_TR.UTF-8/LC_CTYPE:
	@mkdir -p $(LOCALES)
	-@localedef -i tr_TR -f UTF-8 $(LOCALES)/tr_TR.UTF-8 2>/dev/null || echo "no tr_TR locale source: the Turkish-locale test will be skipped"

# every test program has TEST_TIMEOUT seconds (a hung test fails instead of hanging make check)
TEST_TIMEOUT ?= 900
RUN_T = timeout -k 10 $(TEST_TIMEOUT)
check: all $(TESTS) $(HOSTS) $(LOCALES)/tr_TR.UTF-8/LC_CTYPE $(BUILD)/fuzz-replay-text $(BUILD)/fuzz-replay-html $(BUILD)/fuzz-replay-speak
	@failed=0; for t in $(TESTS); do \
	  echo "== $$t"; RA_BUILD=$(BUILD) READARTICLE_WORKER=$(BUILD)/readarticle-worker LOCPATH=$(LOCALES) \
	    $(RUN_T) $$t || { echo "$$t failed (exit $$?; 124 = timed out)"; failed=$$((failed + 1)); }; \
	done; \
	echo "== fuzz corpora"; $(RUN_T) $(BUILD)/fuzz-replay-text tests/fuzz-corpus && \
	  $(RUN_T) $(BUILD)/fuzz-replay-html tests/fuzz-corpus-html && \
	  READARTICLE_WORKER=$(BUILD)/readarticle-worker $(RUN_T) $(BUILD)/fuzz-replay-speak tests/fuzz-corpus \
	  || failed=$$((failed + 1)); \
	echo "== real sentences"; $(RUN_T) python3 tests/real_sentences.py $(BUILD)/readarticle tests/golden/real-sentences.tsv \
	  || failed=$$((failed + 1)); \
	echo "== encodings"; $(RUN_T) python3 tests/encodings.py $(BUILD)/readarticle tests/data/example-article.txt \
	  || failed=$$((failed + 1)); \
	echo "== batch"; $(RUN_T) python3 tests/batch.py $(BUILD)/readarticle tests/data/example-article.txt \
	  || failed=$$((failed + 1)); \
	echo "== decoders"; $(RUN_T) sh tests/decoders.sh $(BUILD)/readarticle tests/data/example-article.txt \
	  || failed=$$((failed + 1)); \
	echo "== player page"; $(RUN_T) python3 tests/player.py $(BUILD)/readarticle $(PLAYER_ARTICLE) \
	  || failed=$$((failed + 1)); \
	echo "== install"; MAKEFLAGS= $(RUN_T) sh tests/install.sh || failed=$$((failed + 1)); \
	echo "== html pages"; for set in pages heldout; do $(RUN_T) python3 tests/html_pages.py $(BUILD)/readarticle \
	  tests/html/$$set --known tests/html/known-misses.txt || failed=$$((failed + 1)); done; \
	echo "== bindings/python"; RA_BUILD=$(BUILD) $(BINDING_ENV) $(RUN_T) python3 bindings/python/tests/test_readarticle.py \
	  || failed=$$((failed + 1)); \
	echo "== bindings/php"; $(PHP_TEST) \
	if [ $$failed -ne 0 ]; then echo "$$failed test program(s) failed"; exit 1; fi; \
	echo "all test programs passed"

# the player page in a real browser, on a real saved article page; PLAYER_SHOT=docs/player.png
# also keeps the mid-playback screenshot there (the README shows it)
PLAYER_ARTICLE ?= tests/html/pages/baochinhphu-raynau-lua.html
test-player: player-deps
	$(MAKE) all
	$(RUN_T) python3 tests/player.py $(BUILD)/readarticle $(PLAYER_ARTICLE) $(if $(PLAYER_SHOT),--screenshot $(PLAYER_SHOT))

# real sentences the normalizer promises, and those it does not read right yet, by category
eval-real: all
	python3 tests/real_sentences.py $(BUILD)/readarticle tests/golden/real-sentences.tsv --report | tail -12
	python3 tests/real_sentences.py $(BUILD)/readarticle tests/golden/real-sentences-open.tsv --report | tail -1

# whole saved pages: the article finder against reading every visible text
eval-html: all
	for set in pages heldout; do python3 tests/html_pages.py $(BUILD)/readarticle tests/html/$$set --report; \
	  echo "reading the whole page instead:"; \
	  python3 tests/html_pages.py $(BUILD)/readarticle tests/html/$$set --report --whole-page | tail -1; done

asan:
	$(MAKE) BUILD=build/asan SAN="-fsanitize=address,undefined -fno-omit-frame-pointer" OPT="-O1 -g" check

ubsan:
	$(MAKE) BUILD=build/ubsan SAN="-fsanitize=undefined -fno-sanitize-recover=undefined" OPT="-O1 -g" check

# ---- fuzzing: libFuzzer where clang has it, else a replay of the corpus under ASan
FUZZ_SECONDS ?= 60
# each harness also builds as a plain replayer of its corpus (make check replays both)
FUZZ_HARNESSES := text html speak
$(BUILD)/fuzz-replay-%: tests/fuzz_%.c tests/fuzz_replay.h tests/fuzz_check.h $(BUILD)/libreadarticle.a
	$(CC) -std=c11 $(OPT) $(SAN) $(WARN) -Iinclude -o $@ $< $(BUILD)/libreadarticle.a $(LIBS) $(LDFLAGS)

fuzz:
	@if echo 'int LLVMFuzzerTestOneInput(const char *d, long n){return 0;}' | \
	    clang -x c -fsanitize=fuzzer -o /dev/null - 2>/dev/null; then \
	  $(MAKE) BUILD=build/fuzz CC=clang SAN="-fsanitize=address,undefined,fuzzer-no-link" OPT="-O1 -g" lib && \
	  for h in $(FUZZ_HARNESSES); do \
	    clang -std=c11 -O1 -g -DRA_LIBFUZZER -fsanitize=address,undefined,fuzzer -Iinclude -o build/fuzz/fuzz_$$h \
	      tests/fuzz_$$h.c build/fuzz/libreadarticle.a $(LIBS) || exit 1; \
	    corpus=tests/fuzz-corpus; [ $$h = html ] && corpus=tests/fuzz-corpus-html; \
	    mkdir -p build/fuzz/corpus-$$h && cp $$corpus/* build/fuzz/corpus-$$h/ && \
	    READARTICLE_WORKER=$(BUILD)/readarticle-worker build/fuzz/fuzz_$$h -max_total_time=$(FUZZ_SECONDS) \
	      -max_len=8192 -timeout=10 build/fuzz/corpus-$$h || exit 1; \
	  done; \
	else \
	  $(MAKE) BUILD=build/asan SAN="-fsanitize=address,undefined -fno-omit-frame-pointer" OPT="-O1 -g" lib \
	    build/asan/fuzz-replay-text build/asan/fuzz-replay-html && \
	  build/asan/fuzz-replay-text tests/fuzz-corpus && build/asan/fuzz-replay-html tests/fuzz-corpus-html; \
	fi

# ---- espeak-ng under AddressSanitizer: builds Debian's espeak-ng 1.51 with ASan (needs deb-src
# lines or ESPEAK_NG_GIT) and runs the gated pipeline against it (tests/espeak-asan/README.md)
espeak-asan: all
	sh tests/espeak-asan/build.sh && sh tests/espeak-asan/run.sh $(ESPEAK_ASAN_TEXTS)
ESPEAK_ASAN_TEXTS ?= 2000

# ---- benchmark: CPU time against the espeak-ng program on the same article
$(BUILD)/bench: tests/bench.c $(BUILD)/libreadarticle.a
	$(CC) -std=c11 $(OPT) $(WARN) -Iinclude -o $@ $< $(BUILD)/libreadarticle.a $(LIBS) $(LDFLAGS)

BENCH_ARTICLE ?= $(firstword $(wildcard ../shared/eval/article-hiephoa.txt) tests/data/example-article.txt)
bench: all $(BUILD)/bench
	$(BUILD)/bench $(BENCH_ARTICLE) $(BUILD)/readarticle tests/html/pages

# ---- install
readarticle.pc: $(BUILD)/readarticle.pc
# rewritten whenever a path or the version changes (an install into another PREFIX gets its own)
$(BUILD)/readarticle.pc: FORCE
	@mkdir -p $(@D)
	@printf 'prefix=%s\nlibdir=%s\nincludedir=%s\n\nName: readarticle\nDescription: Vietnamese article reader (text normalization and speech through espeak-ng)\nVersion: %s\nRequires.private: sndfile libutf8proc gumbo soxr\nLibs: -L$${libdir} -lreadarticle\nLibs.private: -lpthread\nCflags: -I$${includedir}\n' \
	  '$(PREFIX)' '$(LIBDIR)' '$(INCDIR)' '$(VERSION)' > $@.new
	@cmp -s $@.new $@ && rm -f $@.new || mv $@.new $@

install: all $(BUILD)/readarticle.pc
	install -d $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCDIR) $(DESTDIR)$(BINDIR)
	install -m 644 $(BUILD)/libreadarticle.a $(DESTDIR)$(LIBDIR)/
	install -m 755 $(BUILD)/libreadarticle.so.$(VERSION) $(DESTDIR)$(LIBDIR)/
	ln -sf libreadarticle.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf libreadarticle.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libreadarticle.so
	install -m 644 include/readarticle.h $(DESTDIR)$(INCDIR)/
	install -m 644 $(BUILD)/readarticle.pc $(DESTDIR)$(LIBDIR)/pkgconfig/
	install -m 755 $(BUILD)/readarticle $(DESTDIR)$(BINDIR)/
	install -d $(DESTDIR)$(LIBEXECDIR)/readarticle
	install -m 755 $(BUILD)/readarticle-worker $(DESTDIR)$(LIBEXECDIR)/readarticle/
	install -d $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASHCOMPDIR)
	install -m 644 cli/readarticle.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 cli/readarticle.bash-completion $(DESTDIR)$(BASHCOMPDIR)/readarticle
	install -d $(DESTDIR)$(ZSHCOMPDIR)
	install -m 644 cli/readarticle.zsh-completion $(DESTDIR)$(ZSHCOMPDIR)/_readarticle

uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/libreadarticle.a $(DESTDIR)$(LIBDIR)/libreadarticle.so* \
	  $(DESTDIR)$(INCDIR)/readarticle.h $(DESTDIR)$(LIBDIR)/pkgconfig/readarticle.pc \
	  $(DESTDIR)$(BINDIR)/readarticle $(DESTDIR)$(LIBEXECDIR)/readarticle/readarticle-worker \
	  $(DESTDIR)$(MANDIR)/man1/readarticle.1 $(DESTDIR)$(BASHCOMPDIR)/readarticle \
	  $(DESTDIR)$(ZSHCOMPDIR)/_readarticle
	-rmdir $(DESTDIR)$(LIBEXECDIR)/readarticle 2>/dev/null

clean:
	rm -rf $(BUILD)
