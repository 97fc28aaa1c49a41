/*
 * merge.h - reads partials (`cotscan report --partial`) back into one
 * aggregate, for `cotscan merge`.
 *
 * Input is fed in arbitrary chunks per input (a file, or stdin holding
 * several partials concatenated: every header line starts a partial).  All
 * partials must have been made by this cotscan version and agree on the
 * rule-set hash and the group-by fields; the first disagreement or malformed row stops the merge
 * with a message naming the input and row.  Parsing is libcsv's.
 */
#ifndef MERGE_H
#define MERGE_H

#include <csv.h>
#include <stddef.h>

#include "agg.h"
#include "util.h"

struct merger {
	struct agg agg;            /* valid once have_agg (after the first header) */
	int have_agg;
	struct csv_parser p;
	const char *name;          /* current input, borrowed */
	unsigned long long row;    /* CSV rows read from the current input */
	size_t hdr_cols;           /* columns of the current partial, 0 before its header */
	struct buf *cells;         /* the row being parsed */
	size_t ncells, capcells;
	char *hash;                /* owned: the rule-set hash of the first data row */
	char *fields;              /* owned: the first header's group-by fields, joined by ',' */
	unsigned long long partials; /* header lines seen */
	int failed;
	struct buf err;            /* the message when failed */
};

void merge_init(struct merger *m);
void merge_free(struct merger *m);

/* Starts reading the input called name (borrowed until merge_end_input). */
void merge_begin_input(struct merger *m, const char *name);

/* Parses len more bytes of the current input; 0, or -1 with m->err set. */
int merge_feed(struct merger *m, const void *data, size_t len);

/* Ends the current input; 0, or -1 with m->err set. */
int merge_end_input(struct merger *m);

/* The rule-set hash the partials carried (0 when none did). */
unsigned long long merge_rules_hash(const struct merger *m);

#endif
