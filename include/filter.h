/*
 * filter.h - which tagged traces a table is made of: --where PATH=VALUE
 * (PATH!=VALUE) and --drop-defects LIST.
 *
 * main.c applies the filter to every tagged trace in input order, after the
 * defect `duplicate` is decided and before the sink sees it; a trace left
 * out is counted in the summary as filtered (not skipped: its line was
 * fine).  `eval` applies its --where itself (it also reports labels that
 * found their trace), through filter_where_match().
 */
#ifndef FILTER_H
#define FILTER_H

#include "pipeline.h"
#include "util.h"

#define FILTER_MAX_WHERE 16      /* most --where options */
#define FILTER_PATH_MAX 256      /* longest --where path, with its NUL */

/* One --where PATH=VALUE (or PATH!=VALUE). */
struct where_cond {
	char path[FILTER_PATH_MAX]; /* a valid field path */
	const char *value;        /* borrowed from the command line */
	int negate;               /* PATH!=VALUE */
};

/*
 * Parses "PATH=VALUE" or "PATH!=VALUE" into w (value borrowed from arg).
 * Returns 0, -1 when arg has no '=' or an empty or too long path, -2 when
 * the path is not a valid field path.
 */
int filter_where_parse(const char *arg, struct where_cond *w);

/*
 * Whether the tagged trace r meets w: its field's text (pipeline_field_text)
 * equals the value, or for PATH!=VALUE differs from it (a missing field
 * differs from every value).  tmp is scratch.
 */
int filter_where_match(const struct where_cond *w, const struct trace_result *r, struct buf *tmp);

struct trace_filter {
	struct where_cond where[FILTER_MAX_WHERE]; /* all must hold */
	int nwhere;
	unsigned drop;            /* --drop-defects: bit set of enum cot_defect */
};

/* Whether f leaves anything out (some --where or --drop-defects given). */
int filter_active(const struct trace_filter *f);

/* Whether the tagged trace r stays in the table. */
int filter_keep(const struct trace_filter *f, const struct trace_result *r, struct buf *tmp);

/*
 * Parses a --drop-defects list, defect names joined by ',' or "all", into
 * the bit set *drop.  Returns 0, or -1 with the unknown name in err.
 */
int filter_parse_defects(const char *list, unsigned *drop, struct buf *err);

#endif
