/*
 * csvout.h - the per-trace sink of `cotscan tag`: CSV rows (libcsv quoting)
 * or the input records back as JSONL with a "cotscan" object added.
 *
 * CSV columns, fixed in this order (README "Output columns"):
 *   file,line,id,model,cot_bytes,backtracking,verification,subgoal_setting,
 *   backward_chaining,defects[,evidence]
 */
#ifndef CSVOUT_H
#define CSVOUT_H

#include <stdio.h>

#include "pipeline.h"
#include "rules.h"
#include "sink.h"
#include "util.h"

/* The options of `cotscan tag`. */
struct tag_cfg {
	int evidence;             /* --evidence: add the evidence column */
	int jsonl;                /* --jsonl: records back with a cotscan object */
};

/* The `tag` sink: a header, then one row per tagged trace; 0. */
int sink_tag_init(struct sink *s, const struct tag_cfg *cfg, const struct sink_env *env);

struct tagout {
	FILE *fp;
	int evidence;             /* --evidence: add the evidence column */
	int jsonl;                /* --jsonl: records back with a cotscan object */
	const struct ruleset *rules;
	struct buf tmp;
};

/* Writes one CSV field, quoted (by libcsv) only when it must be. */
void csvout_field(FILE *fp, const char *s, size_t n);

/* The evidence of r as a JSON array, into b (replacing its contents). */
void csvout_evidence_json(const struct ruleset *rs, const struct trace_result *r, struct buf *b);

void tagout_header(struct tagout *t);
void tagout_row(struct tagout *t, const struct trace_result *r);
void tagout_free(struct tagout *t);

#endif
