/*
 * stats.h - the statistics behind `cotscan report` and `cotscan compare`.
 *
 * Pure functions of counts (no I/O, no state), so that every number cotscan
 * prints can be checked against a statistics package (tests/unit/test_stats.c
 * holds values from SciPy and R).  Everything works from sufficient
 * statistics, which is what makes report shards merge exactly.
 */
#ifndef STATS_H
#define STATS_H

/* The standard normal quantile: x with P(Z <= x) = p, for 0 < p < 1. */
double stats_norm_quantile(double p);

/* The two-sided critical value for confidence level (0.95 -> 1.959964). */
double stats_z_for_level(double level);

/*
 * Wilson score interval for k successes in n trials at critical value z.
 * n must be > 0.
 */
void stats_wilson(unsigned long long k, unsigned long long n, double z, double *lo, double *hi);

/*
 * Normal interval for the mean of n counts from their sum and sum of
 * squares: mean +- z * s / sqrt(n), s the sample standard deviation, the
 * lower end clamped at 0 (counts are never negative).  Both ends are NaN
 * when n < 2 (no spread can be estimated from one trace).
 */
void stats_mean_interval(unsigned long long n, unsigned long long sum, unsigned long long sumsq, double z,
			 double *lo, double *hi);

/*
 * Newcombe's hybrid score interval (his method 10, 1998) for the difference
 * k1/n1 - k0/n0, built from the two Wilson intervals at critical value z.
 */
void stats_diff_interval(unsigned long long k1, unsigned long long n1, unsigned long long k0,
			 unsigned long long n0, double z, double *lo, double *hi);

/*
 * Two-sided p-value of the pooled two-proportion z test (the same as R's
 * prop.test(correct = FALSE) and a chi-squared test without correction).
 * 1 when both groups are all-or-nothing alike (no variance).
 */
double stats_prop_test(unsigned long long k1, unsigned long long n1, unsigned long long k0, unsigned long long n0);

/*
 * Two-sided p-value of Fisher's exact test on the 2x2 table [[a, b], [c, d]]
 * (tables at most as likely as the observed one, relative tolerance 1e-7,
 * as R's fisher.test and SciPy's fisher_exact).
 */
double stats_fisher_exact(unsigned long long a, unsigned long long b, unsigned long long c, unsigned long long d);

/*
 * Whether the 2x2 comparison of k1/n1 with k0/n0 needs Fisher's exact test:
 * some expected cell count is below 5 (Cochran's rule).
 */
int stats_small_counts(unsigned long long k1, unsigned long long n1, unsigned long long k0, unsigned long long n0);

/*
 * Holm's step-down adjustment of n p-values (as R's p.adjust(p, "holm")):
 * adj[i] for p[i]; NaN p-values are left out of the family and stay NaN.
 */
void stats_holm(const double *p, double *adj, int n);

#endif
