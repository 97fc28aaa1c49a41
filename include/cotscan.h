/*
 * cotscan.h - constants shared by every module: exit codes, behaviours,
 * skip reasons and defects.  Names here are part of the CLI contract
 * (CSV columns, summary keys, --help); change them only with the docs.
 */
#ifndef COTSCAN_H
#define COTSCAN_H

#include <stddef.h>

#define COTSCAN_VERSION "0.1.0"

/* Exit codes: one enum, documented in --help, cotscan.1 and README. */
enum cot_exit {
	COT_EXIT_OK = 0,      /* finished, nothing skipped */
	COT_EXIT_SKIPPED = 1, /* finished, but input lines were skipped (check: a gate failed) */
	COT_EXIT_GATE = 1,    /* check: a gate failed (the same code as SKIPPED) */
	COT_EXIT_USAGE = 2,   /* bad option, rule file or config */
	COT_EXIT_IO = 3       /* input or output error */
};

/* The four behaviours of Gandhi et al. (2025), in CSV column order. */
enum cot_behaviour {
	COT_B_BACKTRACKING = 0,
	COT_B_VERIFICATION,
	COT_B_SUBGOAL,
	COT_B_BACKWARD,
	COT_NBEHAV
};

/* Why an input line produced no trace.  COT_SKIP_NONE means tagged. */
enum cot_skip {
	COT_SKIP_NONE = 0,
	COT_SKIP_BLANK,       /* empty or whitespace-only line (no message) */
	COT_SKIP_BAD_JSON,    /* not parseable as JSON */
	COT_SKIP_NOT_OBJECT,  /* valid JSON, but not an object */
	COT_SKIP_NO_COT,      /* no chain-of-thought field found */
	COT_SKIP_COT_TYPE,    /* the chain-of-thought field is not a string */
	COT_SKIP_BAD_UTF8,    /* invalid UTF-8 in the line */
	COT_SKIP_NUL,         /* NUL byte, raw or as \u0000 */
	COT_NSKIP
};

/* Per-trace defects, a bit set; names are the `defects` column values. */
enum cot_defect {
	COT_D_EMPTY = 0,      /* no analysable text */
	COT_D_TRUNCATED,      /* reasoning section opened but never closed */
	COT_D_RULE_LIMIT,     /* a rule hit the PCRE2 match/depth limit */
	COT_D_PADDED,         /* filler: one token or a short pattern dominates */
	COT_D_REPETITIVE,     /* a long verbatim loop of one sentence or line */
	COT_D_DUPLICATE,      /* the same normalised text seen earlier in the input */
	COT_D_NO_ANSWER,      /* no final answer field, section or marker */
	COT_D_TOO_LONG,       /* more analysed bytes than --max-bytes */
	COT_D_TOO_SHORT,      /* fewer analysed bytes than --min-bytes */
	COT_D_NON_ENGLISH,    /* written mostly in a script other than Latin */
	COT_NDEFECT
};

const char *cot_behaviour_name(int b);
int cot_behaviour_lookup(const char *name, size_t len);
const char *cot_skip_name(int s);
const char *cot_defect_name(int d);
int cot_defect_lookup(const char *name, size_t len);
int cot_skip_lookup(const char *name, size_t len);

#endif
