/*
 * gate.h - `cotscan check`: a dataset quality gate.
 *
 * A check compares one measured rate with a threshold:
 *   KEY <= RATE   (--max KEY=RATE)     KEY >= RATE   (--min KEY=RATE)
 * KEY is a defect name (rate: traces with the defect / traces), a behaviour
 * name (traces with at least one instance / traces), `skipped` (skipped
 * lines / non-blank lines) or a skip reason such as `bad_json` (lines
 * skipped for it / non-blank lines).  A defect or behaviour key may name a
 * model, KEY@MODEL, or every model, KEY@* (one result per model).  RATE is
 * a number from 0 to 1, or a percentage such as 2.5%.
 *
 * The config file (--config) holds one check a line, `KEY OP RATE` with OP
 * one of <= >= (or max, min); `#` starts a comment; blank lines are ignored.
 * MODEL may contain spaces: the last two words are OP and RATE.
 */
#ifndef GATE_H
#define GATE_H

#include <stddef.h>

#include "sink.h"
#include "util.h"

enum gate_kind { GK_DEFECT, GK_BEHAVIOUR, GK_SKIPPED, GK_SKIP_REASON };

struct gate_check {
	int kind;             /* enum gate_kind */
	int which;            /* defect, behaviour or skip reason; -1 for GK_SKIPPED */
	int op;               /* '<': at most (max), '>': at least (min) */
	double limit;
	char *model;          /* NULL: all traces; "*": every model; else one model (owned) */
	char *key;            /* the key as written, KEY or KEY@MODEL (owned) */
};

/*
 * Parses "KEY=RATE" (a --max/--min argument; op '<' or '>') into c.
 * Returns 0, or -1 with a message in err.
 */
int gate_parse_arg(struct gate_check *c, int op, const char *spec, struct buf *err);

/*
 * Parses one config line (NUL-terminated, no newline) into c.  Returns 1
 * for a check, 0 for a blank or comment line, -1 with a message in err.
 */
int gate_parse_line(struct gate_check *c, const char *line, struct buf *err);

void gate_check_free(struct gate_check *c);

/*
 * Reads the checks of the config file at path, appending them to *v (*n of
 * them, grown with xrealloc).  Every bad line is reported as
 * "cotscan: FILE:LINE: reason" on stderr.  Returns 0, COT_EXIT_USAGE after
 * a bad line or a missing or unreadable file, or COT_EXIT_IO.
 */
int gate_load_config(const char *path, struct gate_check **v, size_t *n);

/* The options of `cotscan check`, checked. */
struct check_cfg {
	const struct gate_check *checks; /* every check, in order, the implicit "skipped <= 0" included */
	size_t nchecks;
	unsigned long examples;   /* --examples N: FILE:LINE shown per failing check */
	int format;               /* --format: enum cot_format (tabout.h) */
	int format_given;         /* --format was given: a table, not PASS/FAIL lines */
};

/* The `check` sink; 0.  finish() returns COT_EXIT_GATE when a check failed. */
int sink_check_init(struct sink *s, const struct check_cfg *cfg, const struct sink_env *env);

#endif
