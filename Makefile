# loa — build, test and demo. See README.md.
#   make            build build/loa
#   make check      build and run every test (also under ASan+UBSan)
#   make demo       install missing Debian packages, build, create and serve the demo site
#   make SANITIZE=address,undefined   sanitized build in build/san/
#   make SANITIZE=thread              ThreadSanitizer build in build/tsan/
#   make fuzz [FUZZ_TIME=60]          libFuzzer build in build/fuzz/, each target run FUZZ_TIME s

CC      ?= cc
PKGS    := libh2o-evloop gumbo libutf8proc sqlite3 jansson zlib openssl libsodium vips libxml-2.0
SANITIZE ?=

ifeq ($(SANITIZE),)
BUILD   := build
OPT     ?= -O2
else ifeq ($(SANITIZE),thread)
BUILD   := build/tsan
OPT     ?= -O1
SANFLAGS := -fsanitize=thread -fno-omit-frame-pointer
else ifeq ($(SANITIZE),fuzzer)
# libFuzzer (clang only): the library is instrumented for coverage, and only
# the fuzz targets link libFuzzer's main (`make fuzz`).
BUILD   := build/fuzz
CC      := clang
OPT     ?= -O1
SANFLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
FUZZ_MAIN :=
FUZZ_LDFLAGS := -fsanitize=fuzzer
else
BUILD   := build/san
OPT     ?= -O1
SANFLAGS := -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
endif

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

# Debian's libh2o-evloop.pc lacks this define; without it h2o.h expects libuv.
CPPFLAGS += -Isrc -D_GNU_SOURCE -DH2O_USE_LIBUV=0 $(PKG_CFLAGS)
CFLAGS   += -std=c11 $(OPT) -g -Wall -Wextra -Werror -Wshadow -Wmissing-prototypes \
            -Wno-missing-field-initializers -MMD -MP $(SANFLAGS)
LDFLAGS  += $(SANFLAGS)
LDLIBS   += $(PKG_LIBS) -lpthread -lm

SRC      := $(shell find src -name '*.c' | sort)
OBJ      := $(SRC:%.c=$(BUILD)/%.o)
LIB_OBJ  := $(filter-out $(BUILD)/src/main.o,$(OBJ))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/tests/%)
# The fuzz targets' main: replay.c runs a corpus once; the fuzzer build
# (SANITIZE=fuzzer) takes libFuzzer's instead.
FUZZ_MAIN    ?= tests/fuzz/replay.c
FUZZ_LDFLAGS ?=

.PHONY: all check check-fast demo deps clean unit bench install fuzz fuzz-bin
all: $(BUILD)/loa

$(BUILD)/loa: $(OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests/unit $(CFLAGS) -o $@ $< $(LIB_OBJ) $(LDFLAGS) $(LDLIBS)

# Fuzz targets are built as replay programs over their corpus (no libFuzzer
# needed): the corpus is replayed on every `make check`. Under
# SANITIZE=fuzzer the same sources link with libFuzzer (`make fuzz`).
$(BUILD)/tests/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_MAIN) $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(FUZZ_MAIN) $(LIB_OBJ) $(LDFLAGS) $(FUZZ_LDFLAGS) $(LDLIBS)

fuzz-bin: $(FUZZ_BIN)

# Small programs that integration tests drive (tests/tools/*.c).
TOOL_SRC := $(sort $(wildcard tests/tools/*.c))
TOOL_BIN := $(TOOL_SRC:tests/tools/%.c=$(BUILD)/tests/tools/%)
$(BUILD)/tests/tools/%: tests/tools/%.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(LIB_OBJ) $(LDFLAGS) $(LDLIBS)

unit: $(UNIT_BIN) $(FUZZ_BIN) $(TOOL_BIN)

# Every test: unit, fuzz replay, integration and browser tests on the normal
# build, then unit, fuzz and integration tests again under ASan and UBSan,
# then the tests of concurrent code (tests/run names them) under TSan.
# Both install what is missing first (scripts/deps.sh, the one list of
# packages), then build in sub-makes, which see the libraries pkg-config
# finds only after the install. Builds use every core.
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

check: deps
	$(MAKE) -j$(JOBS) all unit
	$(MAKE) -j$(JOBS) SANITIZE=address,undefined all unit
	$(MAKE) -j$(JOBS) SANITIZE=thread all unit
	tests/run

demo: deps
	$(MAKE) -j$(JOBS) all
	$(BUILD)/loa demo --db demo.db --force
	$(BUILD)/loa serve --db demo.db --listen 127.0.0.1:8080

deps:
	scripts/deps.sh

# make fuzz [FUZZ_TIME=seconds] [FUZZ_ONLY=name]: builds every target of
# tests/fuzz with libFuzzer, ASan and UBSan (build/fuzz/), runs each for
# FUZZ_TIME seconds over its corpus, and merges the inputs that found new
# coverage into tests/fuzz/corpus/NAME (so `make check` replays them).
FUZZ_TIME ?= 60
fuzz: deps
	$(MAKE) -j$(JOBS) SANITIZE=fuzzer fuzz-bin
	FUZZ_TIME=$(FUZZ_TIME) tests/fuzz/run $(FUZZ_ONLY)

bench: all
	bench/run

# make install [PREFIX=/usr/local] [DESTDIR=staging]: the binary, the default
# theme and the demo content (PREFIX/share/loa, where loa finds them beside
# PREFIX/bin), the systemd units (PREFIX/lib/systemd/system, which systemd
# reads), an example configuration and a logrotate rule under /etc. The
# units and the example name PREFIX's paths. Nothing is started or enabled.
PREFIX     ?= /usr/local
SYSCONFDIR ?= /etc
UNITDIR    ?= $(PREFIX)/lib/systemd/system
INSTALL    ?= install
SUBST      := sed -e 's|/usr/local/bin/loa|$(PREFIX)/bin/loa|g' -e 's|/usr/local/share|$(PREFIX)/share|g'

install: all
	$(INSTALL) -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/loa $(DESTDIR)$(UNITDIR) \
		$(DESTDIR)$(SYSCONFDIR)/loa $(DESTDIR)$(SYSCONFDIR)/logrotate.d $(DESTDIR)$(PREFIX)/share/doc/loa
	$(INSTALL) -m 0755 $(BUILD)/loa $(DESTDIR)$(PREFIX)/bin/loa
	rm -rf $(DESTDIR)$(PREFIX)/share/loa/themes $(DESTDIR)$(PREFIX)/share/loa/demo
	cp -R themes demo $(DESTDIR)$(PREFIX)/share/loa/
	for u in loa.service loa-backup.service loa-backup.timer; do \
		$(SUBST) dist/systemd/$$u > $(DESTDIR)$(UNITDIR)/$$u && chmod 0644 $(DESTDIR)$(UNITDIR)/$$u || exit 1; \
	done
	$(SUBST) dist/loa.conf.example > $(DESTDIR)$(SYSCONFDIR)/loa/loa.conf.example
	$(INSTALL) -m 0644 dist/logrotate/loa $(DESTDIR)$(SYSCONFDIR)/logrotate.d/loa
	$(INSTALL) -m 0644 README.md $(DESTDIR)$(PREFIX)/share/doc/loa/README.md

clean:
	rm -rf build

-include $(OBJ:.o=.d)
