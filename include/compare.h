/*
 * compare.h - the `cotscan compare` sink: every group against a baseline
 * group, per behaviour: the difference in rates with its interval, a
 * two-sided test, the Holm-adjusted p-value, and the ratio of mean counts.
 *
 * Columns (README "Comparing models"), fixed in this order:
 *   GROUP...,behaviour,baseline,traces,rate,baseline_traces,baseline_rate,
 *   diff,diff_lo,diff_hi,test,p_value,p_holm,mean_ratio
 */
#ifndef COMPARE_H
#define COMPARE_H

#include "sink.h"

/* The options of `cotscan compare`. */
struct compare_cfg {
	const char *group_by;     /* --group-by: comma-separated fields, NULL for model */
	int format;               /* --format: enum cot_format (tabout.h) */
	double level;             /* --level: confidence level of the intervals */
	const char *baseline;     /* --baseline GROUP, or NULL for the first group */
	const char *pair_by;      /* --pair-by FIELD: pairs of traces with the same value, or NULL */
	const char *cluster_by;   /* --cluster-by FIELD: the cluster as the unit, or NULL */
	unsigned long long seed;  /* --seed: of the Monte Carlo permutation test (default 1) */
};

/* The `compare` sink; 0.  finish() returns COT_EXIT_USAGE when --baseline names no group. */
int sink_compare_init(struct sink *s, const struct compare_cfg *cfg, const struct sink_env *env);

#endif
