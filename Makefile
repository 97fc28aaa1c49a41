# cotscan - plain GNU make.  `make` builds ./cotscan; `make check` runs every
# test, then every test again under ASan+UBSan.  See README.md.

CC      ?= cc
PKG_CONFIG ?= pkg-config
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
DESTDIR ?=

WARN    = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla -Wformat=2
CFLAGS  ?= -O2 -g
DEPS_CFLAGS := $(shell $(PKG_CONFIG) --cflags libcjson libpcre2-8 2>/dev/null)
DEPS_LIBS   := $(shell $(PKG_CONFIG) --libs libcjson libpcre2-8 2>/dev/null || echo -lcjson -lpcre2-8) -lcsv
ALL_CPPFLAGS = -Iinclude -D_GNU_SOURCE $(DEPS_CFLAGS) $(CPPFLAGS)
ALL_CFLAGS   = -std=c11 $(WARN) $(CFLAGS)
LIBS    = $(DEPS_LIBS) -lm -lpthread

# BUILD is the object directory; `make check` also builds into build-asan/.
BUILD   ?= build
SAN_FLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

CORE_SRC = src/names.c src/util.c src/reader.c src/rules.c src/match.c src/extract.c \
           src/defects.c src/pipeline.c src/diag.c src/csvout.c src/agg.c src/outfile.c \
           src/opts.c src/tabout.c src/stats.c src/merge.c src/compare.c src/svg.c \
           src/parallel.c src/progress.c src/prefilter.c
# eval and show (issue 9)
CORE_SRC += src/metrics.c src/eval.c src/show.c
# defects and the check gate (issue 5)
CORE_SRC += src/gate.c
CORE_OBJ = $(CORE_SRC:src/%.c=$(BUILD)/%.o) $(BUILD)/rules_builtin.o
RULE_FILES = $(sort $(wildcard rules/*.rules))
UNIT_SRC = $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/%)

.PHONY: all clean test check asan install uninstall run setup-and-run bench

all: cotscan

cotscan: $(BUILD)/cotscan
	cp $< $@

$(BUILD)/cotscan: $(CORE_OBJ) $(BUILD)/main.o
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/%.o: src/%.c | $(BUILD)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# The default rule set is compiled into the binary, so it works anywhere.
$(BUILD)/rules_builtin.c: $(RULE_FILES) src/embed_rules.sh | $(BUILD)
	sh src/embed_rules.sh $(RULE_FILES) > $@.tmp && mv $@.tmp $@

$(BUILD)/rules_builtin.o: $(BUILD)/rules_builtin.c
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/test_%: tests/unit/test_%.c tests/unit/unit.h $(CORE_OBJ)
	$(CC) $(ALL_CPPFLAGS) -Itests/unit $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(CORE_OBJ) $(LIBS)

$(BUILD):
	mkdir -p $(BUILD)

# Bench helpers: the parse-only floor and a getrusage runner (see bench/bench.sh).
BENCH_BIN = $(BUILD)/parse_floor $(BUILD)/runstat

$(BUILD)/parse_floor: bench/parse_floor.c $(BUILD)/reader.o $(BUILD)/util.o
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/reader.o $(BUILD)/util.o $(LIBS)

$(BUILD)/runstat: bench/runstat.c | $(BUILD)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $<

# The speed and memory table (slow: not part of check).  BENCH_MB, BENCH_RUNS,
# BENCH_PY_MB and BENCH_SRC tune it; see bench/bench.sh.
bench:
	@$(MAKE) --no-print-directory BUILD=build-bench CFLAGS="-O2 -g -DNDEBUG" \
		build-bench/cotscan build-bench/parse_floor build-bench/runstat
	@sh bench/bench.sh build-bench

# Every test: unit tests and golden CLI tests; the last line is "N passed, N failed".
test: $(BUILD)/cotscan $(UNIT_BIN) $(BENCH_BIN)
	@sh tests/run.sh $(BUILD)

asan:
	@$(MAKE) --no-print-directory BUILD=build-asan CFLAGS="-O1 -g $(SAN_FLAGS)" LDFLAGS="$(SAN_FLAGS)" \
		build-asan/cotscan $(UNIT_BIN:$(BUILD)/%=build-asan/%) build-asan/parse_floor build-asan/runstat

# The CI entry point: the suite on the normal build, then under ASan+UBSan.
check: $(BUILD)/cotscan $(UNIT_BIN) $(BENCH_BIN) asan cotscan
	@sh tests/run.sh $(BUILD) build-asan

run setup-and-run: cotscan
	./cotscan report data/*.jsonl

install: cotscan
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 cotscan $(DESTDIR)$(BINDIR)/cotscan
	install -m 644 cotscan.1 $(DESTDIR)$(MANDIR)/man1/cotscan.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/cotscan $(DESTDIR)$(MANDIR)/man1/cotscan.1

clean:
	rm -rf build build-asan build-bench build-cov build-fuzz cotscan

-include $(wildcard $(BUILD)/*.d)
