/*
 * diag.h - messages, skip counters and the end-of-run summary.
 * Messages go to stderr as "FILE:LINE: reason"; after DIAG_MAX_SHOWN of one
 * kind the rest are only counted.
 */
#ifndef DIAG_H
#define DIAG_H

#include <stdio.h>

#include "cotscan.h"

#define DIAG_MAX_SHOWN 20

struct diag {
	unsigned long long lines;            /* lines read */
	unsigned long long tagged;           /* traces produced */
	unsigned long long skipped[COT_NSKIP];
	unsigned long long shown[COT_NSKIP];
	unsigned long long warned, warned_shown; /* tagged traces with a warning */
	char first_why[COT_NSKIP][1024];     /* the first message of each reason, as FILE:LINE: why */
	unsigned long long filtered;         /* tagged traces left out by --where / --drop-defects */
	int filtering;                       /* a filter is given: the summary counts what it left out */
	int quiet;                           /* -q: no summary */
	const char *rules;                   /* --rules DIR|FILE, or NULL: the built-in set */
	unsigned long long rules_hash;       /* the hash of the rules loaded (with rules) */
	FILE *err;                           /* stderr, or a test's stream */
};

/* Prints "cotscan: " and a formatted message to stderr. */
void diag_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Counts a skipped line and reports it (rate-limited per reason). */
void diag_skip(struct diag *d, const char *file, unsigned long long line, int reason, const char *why);

/* Counts a warning about a tagged trace and reports it (rate-limited). */
void diag_warn(struct diag *d, const char *file, unsigned long long line, const char *why);

/* Lines skipped for a reason other than blank. */
unsigned long long diag_bad_lines(const struct diag *d);

/*
 * When lines were read but none could be tagged (every non-blank line
 * skipped): prints why, naming the commonest reason with its first message,
 * and returns 1; else returns 0.  Printed even with -q.
 */
int diag_no_traces(const struct diag *d);

/*
 * One summary line on d->err (unless quiet): lines read, tagged, skipped by
 * reason, with a filter the tagged traces it left out, and with --rules
 * the hash of the rules loaded.
 */
void diag_summary(const struct diag *d);

#endif
