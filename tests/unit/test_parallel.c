/*
 * Unit tests of parallel.c: the results of -j 2 and -j 3, consumed in input
 * order, equal those of the pipeline run line by line on one thread (-j 1),
 * with their records kept or not,
 * over batches cut by line count and by bytes; a consumer that stops ends
 * the run after exactly its line.
 */
#include <stdlib.h>

#include "parallel.h"
#include "pipeline.h"
#include "rules.h"
#include "unit.h"
#include "util.h"

/* Whether describe() shows if a result has its record (not with par_new's records 0). */
static int show_record = 1;

/* Everything a sink may read of a result, as text. */
static void describe(struct buf *out, const struct trace_result *r)
{
	buf_printf(out, "%s:%llu skip=%d why=%s id=%s model=%s bytes=%zu words=%llu defects=%u hash=%016llx",
		   r->file, r->line, r->skip, r->skip && r->why ? r->why : "", r->id ? r->id : "",
		   r->model ? r->model : "", r->cot_bytes, r->words, r->defects, r->cot_hash);
	buf_printf(out, " raw=%zu:%016llx", r->rawlen, util_fnv64(FNV64_INIT, r->raw, r->rawlen));
	if (!r->skip) {
		buf_printf(out, " text=%016llx", util_fnv64(FNV64_INIT, r->text, r->cot_bytes));
		if (show_record)
			buf_printf(out, " record=%d", r->record != NULL);
		for (int b = 0; b < COT_NBEHAV; b++)
			buf_printf(out, " %u", r->counts[b]);
		for (size_t i = 0; i < r->nev; i++)
			buf_printf(out, " [%d:%u %zu-%zu]", r->ev[i].behaviour, r->ev[i].rule, r->ev[i].start, r->ev[i].end);
		if (r->warn)
			buf_printf(out, " warn=%s", r->warn);
	}
	buf_addc(out, '\n');
}

struct sink_state {
	struct buf out;
	size_t n, stop_at;         /* stop_at: ask to stop after this many results (0: never) */
};

static int consume(void *ctx, struct trace_result *r)
{
	struct sink_state *s = ctx;
	describe(&s->out, r);
	s->n++;
	return s->stop_at && s->n == s->stop_at;
}

static const char *const sentences[] = {
	"Let me compute 3 + 4 = 7.", "Wait, that is wrong, let me try again.", "Let me verify: 7 - 4 = 3, correct.",
	"First, I will break the problem into two parts.", "Working backwards from the goal, we need 24.",
	"Hmm, maybe another approach works better.", "So the answer is 12.", "Double-check the sum once more.",
};

/* Line i of the input: mostly traces of varied length, and a few lines that are skipped. */
static void make_line(struct buf *b, int i)
{
	buf_reset(b);
	if (i % 37 == 5) {
		buf_addstr(b, "");                                  /* blank */
		return;
	}
	if (i % 41 == 7) {
		buf_addstr(b, "{\"cot\": \"cut");                   /* bad JSON */
		return;
	}
	if (i % 43 == 11) {
		buf_addstr(b, "{\"cot\": \"a\\u0000b\"}");          /* NUL */
		return;
	}
	size_t reps = (size_t)(i * 7 % 23) + 1;
	if (i == 60)
		reps = 1500;                                         /* a long line: the thread's buffers grow */
	if (i == 90)
		reps = 16000;                                        /* longer than PAR_BATCH_BYTES: a batch alone */
	buf_printf(b, "{\"id\": \"t%d\", %s\"cot\": \"", i, i % 3 ? "\"model\": \"m1\", " : "");
	for (size_t k = 0; k < reps; k++)
		buf_printf(b, "%s ", sentences[(k + (size_t)i) % (sizeof sentences / sizeof *sentences)]);
	buf_addstr(b, "\"}");
}

#define NLINES 300

/* The run over every line: jobs 1 is the pipeline on this thread, as main.c runs it. */
static void run(const struct pipeline_cfg *cfg, int jobs, int records, struct sink_state *s, int *stopped)
{
	struct buf line = {0};
	struct worker w;
	struct par *p = NULL;
	*stopped = 0;
	if (jobs > 1)
		p = par_new(cfg, jobs, records, consume, s);
	else
		pipeline_worker_init(&w, cfg);
	for (int i = 0; i < NLINES && !*stopped; i++) {
		make_line(&line, i);
		const char *file = i < NLINES / 2 ? "a.jsonl" : "b.jsonl";
		const char *model = i < NLINES / 2 ? "a" : "b";
		if (p)
			*stopped = par_line(p, file, model, line.p, line.len, (unsigned long long)i + 1);
		else {
			struct trace_result r;
			pipeline_line(cfg, &w, file, model, line.p, line.len, (unsigned long long)i + 1, &r);
			*stopped = consume(s, &r);
			pipeline_worker_release(&w);
		}
	}
	if (p) {
		if (!*stopped)
			*stopped = par_drain(p);
		par_free(p);
	} else
		pipeline_worker_free(&w);
	buf_free(&line);
}

int main(void)
{
	struct ruleset rs = {0};
	struct defect_patterns dpat = {0};
	struct buf err = {0};
	int ok = rules_load_builtin(&rs, &err) == 0 && rules_finish(&rs, 0, &err) == 0 &&
		 defect_patterns_init(&dpat, &err) == 0;
	CHECK(ok, "set up: %s", err.p ? err.p : "");
	if (!ok)
		return unit_done("test_parallel");
	struct pipeline_cfg cfg = { .rules = &rs, .dpat = &dpat };

	int stopped;
	struct sink_state one = {0};
	run(&cfg, 1, 1, &one, &stopped);
	CHECK_INT(one.n, NLINES);
	CHECK_INT(stopped, 0);
	CHECK(strstr(one.out.p, "b.jsonl:300 skip=0") != NULL, "the last line tagged");
	CHECK(strstr(one.out.p, " [") != NULL, "some evidence");
	CHECK(strstr(one.out.p, "a.jsonl:6 skip=") != NULL && strstr(one.out.p, "a.jsonl:6 skip=0") == NULL, "line 6 skipped");

	for (int jobs = 2; jobs <= 3; jobs++) {
		struct sink_state par = {0};
		run(&cfg, jobs, 1, &par, &stopped);
		CHECK_INT(par.n, NLINES);
		CHECK_INT(stopped, 0);
		CHECK(par.out.len == one.out.len && memcmp(par.out.p, one.out.p, one.out.len) == 0,
		      "-j %d gives what -j 1 gives (%zu and %zu bytes)", jobs, par.out.len, one.out.len);
		buf_free(&par.out);
	}

	/* without the records: all else the same (the texts copied, records NULL) */
	show_record = 0;
	struct sink_state bare = {0};
	run(&cfg, 1, 1, &bare, &stopped);
	for (int jobs = 2; jobs <= 3; jobs++) {
		struct sink_state par = {0};
		run(&cfg, jobs, 0, &par, &stopped);
		CHECK_INT(par.n, NLINES);
		CHECK(par.out.len == bare.out.len && memcmp(par.out.p, bare.out.p, bare.out.len) == 0,
		      "-j %d without records gives what -j 1 gives (%zu and %zu bytes)", jobs, par.out.len,
		      bare.out.len);
		buf_free(&par.out);
	}
	buf_free(&bare.out);
	show_record = 1;

	/* a consumer that stops: nothing after its line is consumed */
	size_t stops[] = { 1, 50, 91 };
	for (size_t k = 0; k < sizeof stops / sizeof *stops; k++) {
		struct sink_state par = { .stop_at = stops[k] };
		run(&cfg, 2, 1, &par, &stopped);
		CHECK_INT(stopped, 1);
		CHECK_INT(par.n, stops[k]);
		CHECK(par.out.len <= one.out.len && memcmp(par.out.p, one.out.p, par.out.len) == 0 &&
		      (par.out.len == one.out.len || one.out.p[par.out.len - 1] == '\n'),
		      "stopped after %zu: the first results of -j 1", stops[k]);
		buf_free(&par.out);
	}

	buf_free(&one.out);
	buf_free(&err);
	defect_patterns_free(&dpat);
	rules_free(&rs);
	return unit_done("test_parallel");
}
