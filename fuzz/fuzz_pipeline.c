/*
 * fuzz_pipeline.c - libFuzzer target: the whole per-trace path on one input.
 *
 * The input is a byte stream as cotscan reads it: framed into lines by the
 * reader (through a memfd, so the real read(2) path runs), each line run
 * (copied to an exact-size buffer) through pipeline_line (checks, JSON, extraction, sections, rule matching
 * with the built-in rules, defects) under two option sets; every result goes
 * to the tag sink (CSV with evidence) and to a report sink made for this
 * input, both writing to /dev/null.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "csvout.h"
#include "pipeline.h"
#include "reader.h"
#include "report.h"
#include "rules.h"
#include "sink.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ruleset rs;
static struct defect_patterns dpat;
static struct pipeline_cfg cfg[2];
static struct worker w[2];
static const struct tag_cfg tag_cfg = { .evidence = 1 };
static const struct report_cfg report_cfg = { .level = 0.95 };
static struct sink sk;
static struct sink_env env;
static FILE *devnull;

static void setup(void)
{
	struct buf err = {0};
	if (rules_load_builtin(&rs, &err) < 0 || rules_finish(&rs, 0, &err) < 0 ||
	    defect_patterns_init(&dpat, &err) < 0) {
		fputs(err.p ? err.p : "rules failed\n", stderr);
		abort();
	}
	buf_free(&err);
	cfg[0].rules = &rs;           /* auto-detection, reasoning sections */
	cfg[1].rules = &rs;           /* explicit paths, --whole */
	cfg[1].xo.cot_path = "messages.-1.content";
	cfg[1].xo.model_path = "meta.model";
	cfg[1].xo.id_path = "0";
	cfg[1].xo.whole = 1;
	for (int i = 0; i < 2; i++) {
		cfg[i].dpat = &dpat;
		pipeline_worker_init(&w[i], &cfg[i]);
	}
	devnull = fopen("/dev/null", "w");
	if (!devnull)
		abort();
	env = (struct sink_env){ .out = devnull, .rules = &rs };
	if (sink_tag_init(&sk, &tag_cfg, &env) != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!devnull)
		setup();
	int fd = memfd_create("fuzz", 0);
	if (fd < 0)
		abort();
	size_t done = 0;
	while (done < size) {
		ssize_t n = write(fd, data + done, size - done);
		if (n <= 0)
			abort();
		done += (size_t)n;
	}
	lseek(fd, 0, SEEK_SET);
	struct sink rep;
	if (sink_report_init(&rep, &report_cfg, &env) != 0)
		abort();
	struct reader rd;
	reader_init(&rd, fd, 1);
	const char *line;
	size_t len;
	struct trace_result r;
	while (reader_next(&rd, &line, &len) > 0) {
		/* an exact-size copy, so ASan sees any read past the end of the line */
		char *copy = malloc(len ? len : 1);
		if (!copy)
			abort();
		memcpy(copy, line, len);
		for (int i = 0; i < 2; i++) {
			pipeline_line(&cfg[i], &w[i], "fuzz.jsonl", "fuzz", copy, len, rd.lineno, &r);
			/* the contract: a skipped line always says why */
			if (r.skip && r.skip != COT_SKIP_BLANK && (!r.why || !*r.why))
				abort();
			if (!r.skip && (!r.text || !r.id || !r.model))
				abort();
			for (size_t k = 0; k < r.nev; k++)
				if (r.ev[k].start >= r.ev[k].end || r.ev[k].end > r.cot_bytes)
					abort();
			sk.line(sk.ctx, &r);
			rep.line(rep.ctx, &r);
		}
		free(copy);
	}
	reader_free(&rd);
	close(fd);
	rep.finish(rep.ctx);
	rep.free(rep.ctx);
	return 0;
}
