/*
 * sink.h - what a subcommand does with the pipeline's results.
 *
 * Every subcommand runs the same pipeline (pipeline.h) and differs only in
 * its sink.  main.c calls line() for every input line in input order (tagged
 * or skipped: r->skip tells), then finish() once, then free().
 */
#ifndef SINK_H
#define SINK_H

#include <stdio.h>

#include "opts.h"
#include "pipeline.h"
#include "rules.h"

struct sink {
	void *ctx;
	void (*line)(void *ctx, const struct trace_result *r);
	/* writes the results; returns 0 or an enum cot_exit code */
	int (*finish)(void *ctx);
	void (*free)(void *ctx);
};

/* What a sink may use: the options, the output stream and the rule set. */
struct sink_env {
	const struct cot_opts *opts;
	FILE *out;
	const struct ruleset *rules;
};

/* Constructors, one per subcommand; each returns 0 or an enum cot_exit code. */
int sink_tag_init(struct sink *s, const struct sink_env *env);    /* csvout.c */
int sink_report_init(struct sink *s, const struct sink_env *env); /* agg.c */
int sink_compare_init(struct sink *s, const struct sink_env *env); /* compare.c */
int sink_eval_init(struct sink *s, const struct sink_env *env);   /* eval.c */
int sink_show_init(struct sink *s, const struct sink_env *env);   /* show.c */
int sink_check_init(struct sink *s, const struct sink_env *env);  /* gate.c */

#endif
