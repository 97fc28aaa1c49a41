/*
 * agg.h - the per-group aggregator behind `cotscan report`.
 *
 * Groups are keyed by a string (the model name by default).  For every group
 * and behaviour it keeps the sufficient statistics: traces, traces with at
 * least one instance, the sum and the sum of squares of the counts.
 */
#ifndef AGG_H
#define AGG_H

#include <stdio.h>

#include "cotscan.h"

struct agg_stats {
	unsigned long long traces;
	unsigned long long with[COT_NBEHAV];
	unsigned long long sum[COT_NBEHAV];
	unsigned long long sumsq[COT_NBEHAV];
};

struct agg_group {
	char *key;               /* owned */
	struct agg_stats s;
};

struct agg {
	struct agg_group *slots; /* open addressing, power-of-two size */
	size_t nslots, n;
};

void agg_init(struct agg *a);
void agg_free(struct agg *a);

/* Adds one trace with the given counts to the group named key. */
void agg_add(struct agg *a, const char *key, const unsigned counts[COT_NBEHAV]);

/* Returns the groups sorted by key (caller frees the array, not the groups). */
struct agg_group **agg_sorted(const struct agg *a, size_t *n);

/* Writes the frequency table in format fmt (README "cotscan report"). */
void agg_write(const struct agg *a, FILE *fp, int fmt);

#endif
