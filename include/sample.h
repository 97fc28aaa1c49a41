/*
 * sample.h - the `cotscan sample` sink: a reproducible sample of the input
 * records, written back unchanged as JSONL.
 *
 * Every tagged trace's line gets a seeded 64-bit hash of its bytes; per
 * stratum (the value of the --by field, or one stratum without it) the N
 * lines with the smallest hashes are kept (bottom-k), so memory holds at
 * most N lines per stratum and the sample depends only on the seed and the
 * set of lines: not on -j, the order of the inputs or how they are split
 * into files.  At the end the strata are written in the order of report's
 * groups (numbers numerically, then text, then "(missing)"), each in the
 * order of its hashes.  Skipped lines are reported by the pipeline and
 * never sampled.
 */
#ifndef SAMPLE_H
#define SAMPLE_H

#include "sink.h"

/* The options of `cotscan sample`, checked. */
struct sample_cfg {
	unsigned long long n;     /* -n: records per stratum, 1 or more */
	unsigned long long seed;  /* --seed */
	const char *by;           /* --by: a valid field path ("model": as cotscan finds it), or NULL */
	int quiet;                /* -q: no sample summary line */
};

/* The seeded hash of one record's bytes that orders the sample. */
unsigned long long sample_hash(unsigned long long seed, const char *p, size_t n);

/* The `sample` sink; 0. */
int sink_sample_init(struct sink *s, const struct sample_cfg *cfg, const struct sink_env *env);

#endif
