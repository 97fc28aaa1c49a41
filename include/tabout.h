/*
 * tabout.h - writes a table (a header and rows of cells) in one of the
 * output formats that --format selects: csv, tsv, markdown or json.
 *
 * Every table-shaped output (report, merge, compare, eval, check) goes
 * through here, so the formats behave the same everywhere:
 *   csv       RFC 4180; a field is quoted (libcsv) only when it must be
 *   tsv       tab-separated; tab, newline, CR and backslash in a cell are
 *             written as \t, \n, \r and \\
 *   markdown  a pipe table; '|' in a cell is written as '\|', newlines as spaces
 *   json      one array of objects keyed by the column names; numeric cells
 *             (at full precision through tabout_dbl/tabout_sig)
 *             are JSON numbers (nan and inf become null), text cells strings
 * Cells are written left to right; tabout_row_end() closes a row.
 *
 * A table stamped with tabout_stamp() says which rules made it: in json
 * every object ends with "cotscan_version" and "rules_hash" (the rule set's
 * hash, rules.h, as 16 hex digits); in markdown a blank line and the line
 * "cotscan VERSION, rules HASH" follow the table; csv and tsv are unchanged.
 */
#ifndef TABOUT_H
#define TABOUT_H

#include <stdio.h>

#include "util.h"

enum cot_format { FMT_CSV = 0, FMT_TSV, FMT_MARKDOWN, FMT_JSON };

/* The enum cot_format value of a --format name, or -1. */
int tabout_format_lookup(const char *name);
const char *tabout_format_name(int fmt);

struct tabout {
	FILE *fp;
	int fmt;                  /* enum cot_format */
	size_t ncols, col;        /* columns, and cells written in the current row */
	const char *const *names; /* column names, borrowed for the table's life */
	unsigned long long rows;
	int stamped;              /* tabout_stamp() was called */
	unsigned long long rules_hash;
	struct buf tmp;
};

/* Starts a table of ncols columns named names[] (borrowed) on fp. */
void tabout_begin(struct tabout *t, FILE *fp, int fmt, size_t ncols, const char *const *names);

/* Stamps the table (after tabout_begin) with the rule set's hash, see above. */
void tabout_stamp(struct tabout *t, unsigned long long rules_hash);

/* A text cell. */
void tabout_str(struct tabout *t, const char *s);

/* A numeric cell, printf-formatted ("%.4f", "%llu"); a bare number in json. */
void tabout_num(struct tabout *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * A numeric cell from a double: in csv, tsv and markdown with that many
 * decimals ("%.*f", tabout_dbl) or significant digits ("%.*g",
 * tabout_sig), in json at full precision (%.17g, so that a program reading
 * it gets the value cotscan computed); nan and inf as tabout_num.
 */
void tabout_dbl(struct tabout *t, int decimals, double v);
void tabout_sig(struct tabout *t, int digits, double v);

/* Ends the current row (every column must have had its cell). */
void tabout_row_end(struct tabout *t);

/* Ends the table and frees its scratch memory. */
void tabout_end(struct tabout *t);

#endif
