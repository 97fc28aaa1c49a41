/*
 * sink.h - what a subcommand does with the pipeline's results.
 *
 * Every subcommand runs the same pipeline (pipeline.h) and differs only in
 * its sink.  main.c calls line() for every input line in input order (tagged
 * or skipped: r->skip tells), then finish() once, then free().
 *
 * Each sink has a constructor and a small config struct of its own, both in
 * the sink's header (csvout.h, report.h, compare.h, eval.h, show.h, gate.h):
 *   int sink_NAME_init(struct sink *s, const struct NAME_cfg *cfg, const struct sink_env *env);
 * The config holds the command's options, already checked (opts.c fills it
 * and reports every usage error); it outlives the sink, which may borrow it.
 * No sink sees the whole command line.
 */
#ifndef SINK_H
#define SINK_H

#include <stdio.h>

#include "pipeline.h"
#include "rules.h"

struct sink {
	void *ctx;
	void (*line)(void *ctx, const struct trace_result *r);
	/* writes the results; returns 0 or an enum cot_exit code */
	int (*finish)(void *ctx);
	void (*free)(void *ctx);
	int no_record;  /* line() never reads r->record: -j N frees each record after its line */
};

struct diag;

/*
 * What every sink is given besides its config: the output stream, the rule
 * set, and the run's counters (diag.h; final when finish() is called).
 */
struct sink_env {
	FILE *out;
	const struct ruleset *rules;
	const struct diag *diag;
};

#endif
