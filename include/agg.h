/*
 * agg.h - the per-group aggregate behind `cotscan report`, `merge` and
 * `compare`: groups, their sums, and the partial that carries them.
 *
 * Traces are grouped by the values of one or more fields (--group-by; the
 * extracted model name by default).  For every group and behaviour the
 * aggregate keeps only sufficient statistics: traces, traces with at least
 * one instance, the sum and sum of squares of the per-trace counts, and for
 * the rates per 1,000 words the sums of words, words squared and count
 * times words.
 * Every number of the report table (report.h) is a function of these, so
 * aggregates of disjoint inputs add up exactly (agg_add_stats, `cotscan
 * merge`).  Nothing here knows a table format, a chart or a sink.
 */
#ifndef AGG_H
#define AGG_H

#include <stdio.h>

#include "cotscan.h"
#include "htab.h"
#include "pipeline.h"
#include "util.h"

/* The group value of a trace whose record lacks the field. */
#define AGG_MISSING "(missing)"

/* The group-by field that means the extracted model name, not a record path. */
#define AGG_MODEL_FIELD TRACE_MODEL_FIELD

struct agg_stats {
	unsigned long long traces;
	unsigned long long words, wordsq;    /* sum of the per-trace words, and of their squares */
	unsigned long long with[COT_NBEHAV];
	unsigned long long sum[COT_NBEHAV];
	unsigned long long sumsq[COT_NBEHAV];
	unsigned long long cw[COT_NBEHAV];   /* sum of count * words (the per-words interval) */
};

struct agg_group {
	const char *key;         /* the values, length-prefixed: the group's key in agg.groups */
	char **vals;             /* owned: one value per group-by field */
	struct agg_stats s;
};

struct agg {
	struct htab groups;      /* struct agg_group by key, in the order first seen */
	int nfields;
	char **fields;           /* owned: the group-by fields, in order */
	unsigned long long skipped[COT_NSKIP]; /* input lines skipped, by reason */
	unsigned long long filtered; /* tagged traces left out by --where / --drop-defects */
	int filtering;            /* a filter was given (the partial's "filtered" row) */
	struct buf key, *vbuf;   /* scratch */
	const char **vtmp;       /* scratch: nfields values */
};

/*
 * Starts an empty aggregate grouped by group_by, a comma-separated list of
 * fields ("model,step"); NULL means "model".
 */
void agg_init(struct agg *a, const char *group_by);
void agg_free(struct agg *a);

/* Adds stats to the group whose field values are vals[0..nfields-1]. */
void agg_add_stats(struct agg *a, const char *const *vals, const struct agg_stats *s);

/*
 * Adds one trace of the given words and counts to the group vals; returns
 * the group's key (owned by a, the same string for every trace of the
 * group, valid until agg_free).
 */
const char *agg_add(struct agg *a, const char *const *vals, unsigned long long words,
		    const unsigned counts[COT_NBEHAV]);

/*
 * Adds one pipeline result: a tagged trace to its group (values looked up
 * in r->record, "model" being r->model), a skipped line to the skip counts.
 * Returns the group's key as agg_add, or NULL for a skipped line.
 */
const char *agg_add_result(struct agg *a, const struct trace_result *r);

/* Returns the groups in table order (caller frees the array, not the groups). */
struct agg_group **agg_sorted(const struct agg *a, size_t *n);

/*
 * Orders two group values: numbers (as a whole, e.g. "100", "-2.5e3")
 * numerically first, then other text bytewise, then AGG_MISSING.
 */
int agg_value_cmp(const char *a, const char *b);

/* The group's values joined by ',' (a label for compare and charts), into b. */
void agg_label(const struct agg *a, const struct agg_group *g, struct buf *b);

/*
 * Writes the sufficient statistics as a partial (README "Running at scale"),
 * stamped with the cotscan version and the rule set's hash.
 */
void agg_write_partial(const struct agg *a, FILE *fp, unsigned long long rules_hash);

/* The partial's fixed leading columns, and the number of trailing ones. */
#define AGG_PARTIAL_MAGIC "#cotscan_partial"
#define AGG_PARTIAL_FORMAT "2"
#define AGG_PARTIAL_LEAD 5
#define AGG_PARTIAL_TAIL (3 + 4 * COT_NBEHAV)
extern const char *const agg_partial_lead[AGG_PARTIAL_LEAD];

/*
 * Undoes the backslash escapes of a partial's text cell in place
 * (\\ \n \r \t); -1 on any other escape.
 */
int agg_partial_unescape(char *s);

/* The name of trailing partial column i (traces, words, wordsq, then with/sum/sumsq/cw per behaviour). */
const char *agg_partial_tail(int i, struct buf *b);

#endif
