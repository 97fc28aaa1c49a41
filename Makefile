# cotscan - plain GNU make.  `make` builds ./cotscan; `make check` runs every
# test, then every test again under ASan+UBSan.  See README.md.

CC      ?= cc
PKG_CONFIG ?= pkg-config
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
LIBDIR  ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DESTDIR ?=

WARN    = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla -Wformat=2
# warnings are errors in `make check` (CI), not in the build a user runs
WERROR  =
CFLAGS  ?= -O2 -g
DEPS_CFLAGS := $(shell $(PKG_CONFIG) --cflags libcjson libpcre2-8 libhs gsl zlib libzstd liblzma 2>/dev/null)
DEPS_LIBS   := $(shell $(PKG_CONFIG) --libs libcjson libpcre2-8 libhs gsl zlib libzstd liblzma 2>/dev/null || echo -lcjson -lpcre2-8 -lhs -lgsl -lgslcblas -lz -lzstd -llzma) -lbz2 -lcsv
ALL_CPPFLAGS = -Iinclude -D_GNU_SOURCE $(DEPS_CFLAGS) $(CPPFLAGS)
ALL_CFLAGS   = -std=c11 $(WARN) $(WERROR) $(CFLAGS)
LIBS    = $(DEPS_LIBS) -lm -lpthread

# BUILD is the object directory; `make check` also builds into build-asan/.
BUILD   ?= build
# float-cast-overflow: part of clang's "undefined", not of gcc's
SAN_FLAGS = -fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all -fno-omit-frame-pointer

# libcotscan: the per-trace core (rules, extraction, matching, defects),
# compiled position-independent for libcotscan.so; the CLI links the same objects.
LIB_SRC = src/names.c src/util.c src/rules.c src/literals.c src/match.c src/extract.c \
          src/defects.c src/pipeline.c src/libcotscan.c
LIB_OBJ = $(LIB_SRC:src/%.c=$(BUILD)/%.o) $(BUILD)/rules_builtin.o
LIB_LIBS = $(shell $(PKG_CONFIG) --libs libcjson libpcre2-8 libhs 2>/dev/null || echo -lcjson -lpcre2-8 -lhs) -lm -lpthread
LIB_VERSION = 0.1.0
LIB_SONAME = libcotscan.so.0
# the command-line tool: input, subcommands and their sinks, output
CLI_SRC = src/reader.c src/decompress.c src/diag.c src/opts.c src/outfile.c src/progress.c \
          src/parallel.c src/htab.c src/csvout.c src/agg.c src/report.c src/tabout.c src/stats.c src/merge.c \
          src/compare.c src/svg.c src/rulestat.c src/engine_diff.c src/metrics.c src/eval.c \
          src/show.c src/gate.c src/sample.c src/judge.c src/filter.c
CLI_OBJ = $(CLI_SRC:src/%.c=$(BUILD)/%.o) $(BUILD)/prompts_builtin.o
# what the unit tests and fuzz replayers link
CORE_OBJ = $(LIB_OBJ) $(CLI_OBJ)
RULE_FILES = $(sort $(wildcard rules/*.rules))
UNIT_SRC = $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/%)

.PHONY: all clean test check asan install uninstall run setup-and-run fuzz fuzz-build coverage valgrind bench eval-by-source python

all: cotscan $(BUILD)/libcotscan.a $(BUILD)/libcotscan.so

$(LIB_OBJ): ALL_CFLAGS += -fPIC

$(BUILD)/libcotscan.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

# only the cotscan_* functions of include/libcotscan.h are exported
$(BUILD)/libcotscan.so: $(LIB_OBJ) src/libcotscan.map
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -shared -Wl,-soname,$(LIB_SONAME) -Wl,--version-script=src/libcotscan.map \
		-o $@ $(LIB_OBJ) $(LIB_LIBS)

cotscan: $(BUILD)/cotscan
	cp $< $@

$(BUILD)/cotscan: $(BUILD)/main.o $(CLI_OBJ) $(BUILD)/libcotscan.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/%.o: src/%.c | $(BUILD)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# The default rule set is compiled into the binary, so it works anywhere.
$(BUILD)/rules_builtin.c: $(RULE_FILES) src/embed_rules.sh | $(BUILD)
	sh src/embed_rules.sh $(RULE_FILES) > $@.tmp && mv $@.tmp $@

$(BUILD)/rules_builtin.o: $(BUILD)/rules_builtin.c
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

# So are the judge prompts of `cotscan judge requests`.
$(BUILD)/prompts_builtin.c: prompts/judge.prompts src/embed_text.sh | $(BUILD)
	sh src/embed_text.sh judge_prompts_builtin prompts/judge.prompts > $@.tmp && mv $@.tmp $@

$(BUILD)/prompts_builtin.o: $(BUILD)/prompts_builtin.c
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

# the public header's tests link the library alone
$(BUILD)/test_libcotscan: tests/unit/test_libcotscan.c tests/unit/unit.h $(BUILD)/libcotscan.a
	$(CC) $(ALL_CPPFLAGS) -Itests/unit $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libcotscan.a $(LIB_LIBS)

$(BUILD)/test_%: tests/unit/test_%.c tests/unit/unit.h $(CORE_OBJ)
	$(CC) $(ALL_CPPFLAGS) -Itests/unit $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(CORE_OBJ) $(LIBS)

$(BUILD):
	mkdir -p $(BUILD)

# The Python module (python/cotscan) built in place over libcotscan.a, for
# PYTHONPATH=python; `pip install ./python` builds the same through setup.py.
PYTHON ?= /usr/bin/python3
PY_EXT = python/cotscan/_cotscan$(shell $(PYTHON) -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')
PY_INCLUDE = $(shell $(PYTHON) -c 'import sysconfig; print(sysconfig.get_paths()["include"])')

python: $(BUILD)/libcotscan.a python/cotscan/_cotscan.c include/libcotscan.h
	$(CC) -Iinclude -I$(PY_INCLUDE) -std=c11 -Wall -Wextra $(WERROR) $(CFLAGS) -fPIC -shared $(LDFLAGS) \
		-Wl,--exclude-libs,ALL -o $(PY_EXT) python/cotscan/_cotscan.c $(BUILD)/libcotscan.a $(LIB_LIBS)

# Bench helpers: the parse-only floor and a getrusage runner (see bench/bench.sh).
BENCH_BIN = $(BUILD)/parse_floor $(BUILD)/runstat

$(BUILD)/parse_floor: bench/parse_floor.c $(BUILD)/reader.o $(BUILD)/decompress.o $(BUILD)/util.o
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/reader.o $(BUILD)/decompress.o $(BUILD)/util.o $(LIBS)

$(BUILD)/runstat: bench/runstat.c | $(BUILD)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $<

# The speed and memory table (slow: not part of check).  BENCH_MB, BENCH_RUNS,
# BENCH_PY_MB and BENCH_SRC tune it; see bench/bench.sh.
bench:
	@$(MAKE) --no-print-directory BUILD=build-bench CFLAGS="-O2 -g -DNDEBUG" \
		build-bench/cotscan build-bench/parse_floor build-bench/runstat
	@$(MAKE) --no-print-directory BUILD=build-bench CFLAGS="-O2 -g -DNDEBUG" python || \
		echo "bench: no Python module (python3-dev missing?): its rows are left out"
	@sh bench/bench.sh build-bench


# Agreement with the judge per source and per model family, and leave one
# out (contrib/eval/eval_by_source.py; README "How accurate is it?"), on
# EVAL_FILES: ../shared/eval's labelled sets when present, else data/labelled.jsonl.
EVAL_FILES ?= $(or $(wildcard ../shared/eval/dev.jsonl ../shared/eval/train.jsonl),data/labelled.jsonl)
eval-by-source: cotscan
	@python3 contrib/eval/eval_by_source.py --cotscan ./cotscan $(EVAL_ARGS) $(EVAL_FILES)

# Fuzz-target replayers: a plain main() over corpus files (tests/sh/fuzz_replay.sh).
FUZZ_TARGETS = pipeline rules engine
REPLAY_BIN = $(FUZZ_TARGETS:%=$(BUILD)/replay_%)
$(BUILD)/replay_%: fuzz/fuzz_%.c fuzz/fuzz_main.c $(CORE_OBJ)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ fuzz/fuzz_$*.c fuzz/fuzz_main.c $(CORE_OBJ) $(LIBS)

# Every test: unit tests and golden CLI tests; the last line is "N passed, N failed".
test: $(BUILD)/cotscan $(UNIT_BIN) $(REPLAY_BIN) $(BENCH_BIN)
	@sh tests/run.sh $(BUILD)

asan:
	@$(MAKE) --no-print-directory BUILD=build-asan CFLAGS="-O1 -g $(SAN_FLAGS)" LDFLAGS="$(SAN_FLAGS)" WERROR="$(WERROR)" \
		build-asan/cotscan $(UNIT_BIN:$(BUILD)/%=build-asan/%) $(REPLAY_BIN:$(BUILD)/%=build-asan/%) \
		build-asan/parse_floor build-asan/runstat

# The CI entry point: the suite on the normal build, then under ASan+UBSan,
# both built with -Werror (a clean tree: `make clean check`).
check: WERROR = -Werror
check: $(BUILD)/cotscan $(UNIT_BIN) $(REPLAY_BIN) $(BENCH_BIN) asan cotscan
	@sh tests/run.sh $(BUILD) build-asan

# libFuzzer targets (clang): `make fuzz` runs each for FUZZ_SECONDS on a
# working corpus in build-fuzz/corpus/TARGET, seeded from fuzz/seed, fuzz/regress,
# data/ and rules/.  New crashes land in build-fuzz/ as crash-*.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_ARGS    ?=
FUZZ_SAN      = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_BIN      = $(FUZZ_TARGETS:%=build-fuzz/fuzz_%)

fuzz-build:
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=$(FUZZ_CC) \
		CFLAGS="-O1 -g $(FUZZ_SAN) -fsanitize=fuzzer-no-link" LDFLAGS="$(FUZZ_SAN)" $(FUZZ_BIN)

build-fuzz/fuzz_%: fuzz/fuzz_%.c $(CORE_OBJ)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $< $(CORE_OBJ) $(LIBS)

fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
		c=build-fuzz/corpus/$$t; mkdir -p $$c; \
		cp fuzz/seed/$$t/* fuzz/regress/$$t/* $$c/ 2>/dev/null; \
		if [ $$t = pipeline ]; then cp data/*.jsonl $$c/; elif [ $$t = rules ]; then cp rules/*.rules $$c/; fi; \
		echo "== fuzz_$$t for $(FUZZ_SECONDS)s"; \
		(cd build-fuzz && ./fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -timeout=30 -rss_limit_mb=4096 $(FUZZ_ARGS) \
			-print_final_stats=1 -dict=../fuzz/$$t.dict corpus/$$t) || exit 1; \
	done

# Line and branch coverage of src/ from the whole test suite (gcc --coverage,
# build-cov/; report by gcovr, Debian package gcovr).  LCOV_EXCL_LINE marks the
# few lines no test can reach (allocation failure).
coverage:
	@$(MAKE) --no-print-directory BUILD=build-cov CFLAGS="-O0 -g --coverage" LDFLAGS="--coverage" \
		build-cov/cotscan $(UNIT_BIN:$(BUILD)/%=build-cov/%) $(REPLAY_BIN:$(BUILD)/%=build-cov/%)
	@find build-cov -name '*.gcda' -delete
	@sh tests/run.sh build-cov | tail -n 1
	@gcovr -r . --object-directory build-cov --filter 'src/' --exclude-unreachable-branches \
		--exclude-throw-branches -s --txt build-cov/coverage.txt
	@gcovr -r . --object-directory build-cov --filter 'src/' --exclude-unreachable-branches -b \
		--txt build-cov/branches.txt >/dev/null
	@cat build-cov/coverage.txt build-cov/branches.txt

# valgrind memcheck over the real corpus (not in CI: minutes).  The PCRE2 JIT
# is switched off by a preloaded shim (tests/valgrind/nojit.c): memcheck
# cannot follow JIT code.  VALGRIND_INPUT picks other inputs.
VALGRIND_INPUT ?= $(wildcard ../shared/corpus/*.jsonl) data/*.jsonl
valgrind: $(BUILD)/cotscan
	$(CC) -shared -fPIC -O2 -o $(BUILD)/nojit.so tests/valgrind/nojit.c
	LD_PRELOAD=$(CURDIR)/$(BUILD)/nojit.so valgrind --tool=memcheck --leak-check=full \
		--show-leak-kinds=all --errors-for-leak-kinds=all --error-exitcode=99 \
		$(BUILD)/cotscan -o /dev/null $(VALGRIND_INPUT)
	$(MAKE) --no-print-directory python
	PYTHONPATH=python PYTHONMALLOC=malloc LD_PRELOAD=$(CURDIR)/$(BUILD)/nojit.so valgrind --tool=memcheck \
		--leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite --error-exitcode=99 \
		$(PYTHON) tests/valgrind/python_calls.py

run setup-and-run: cotscan
	./cotscan report data/*.jsonl

install: cotscan $(BUILD)/libcotscan.a $(BUILD)/libcotscan.so
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR)
	install -m 755 cotscan $(DESTDIR)$(BINDIR)/cotscan
	install -m 644 cotscan.1 $(DESTDIR)$(MANDIR)/man1/cotscan.1
	install -m 644 include/libcotscan.h $(DESTDIR)$(INCLUDEDIR)/libcotscan.h
	install -m 644 $(BUILD)/libcotscan.a $(DESTDIR)$(LIBDIR)/libcotscan.a
	install -m 755 $(BUILD)/libcotscan.so $(DESTDIR)$(LIBDIR)/libcotscan.so.$(LIB_VERSION)
	ln -sf libcotscan.so.$(LIB_VERSION) $(DESTDIR)$(LIBDIR)/$(LIB_SONAME)
	ln -sf $(LIB_SONAME) $(DESTDIR)$(LIBDIR)/libcotscan.so
	# cotscan.pc names the PREFIX of this install, so it is written here, not built
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' \
		-e 's|@VERSION@|$(LIB_VERSION)|' cotscan.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/cotscan.pc
	chmod 644 $(DESTDIR)$(LIBDIR)/pkgconfig/cotscan.pc

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/cotscan $(DESTDIR)$(MANDIR)/man1/cotscan.1 \
		$(DESTDIR)$(INCLUDEDIR)/libcotscan.h $(DESTDIR)$(LIBDIR)/libcotscan.a \
		$(DESTDIR)$(LIBDIR)/libcotscan.so.$(LIB_VERSION) $(DESTDIR)$(LIBDIR)/$(LIB_SONAME) \
		$(DESTDIR)$(LIBDIR)/libcotscan.so $(DESTDIR)$(LIBDIR)/pkgconfig/cotscan.pc

clean:
	rm -rf build build-asan build-bench build-cov build-fuzz cotscan python/cotscan/_cotscan*.so python/build python/*.egg-info

-include $(wildcard $(BUILD)/*.d)
