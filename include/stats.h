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

#include <stddef.h>

/* The standard normal quantile: x with P(Z <= x) = p, for 0 < p < 1. */
double stats_norm_quantile(double p);

/* The two-sided critical value for confidence level (0.95 -> 1.959964). */
double stats_z_for_level(double level);

/*
 * Wilson score interval for k successes in n trials at critical value z.
 * n must be > 0.
 */
void stats_wilson(unsigned long long k, unsigned long long n, double z, double *lo, double *hi);

/* The Student t quantile: x with P(T <= x) = p for df degrees of freedom (GSL). */
double stats_t_quantile(double p, double df);

/*
 * The two-sided critical value of Student's t with df degrees of freedom
 * for confidence level (0.95, df 7 -> 2.364624); z when df is infinite.
 */
double stats_t_for_level(double level, double df);

/*
 * The mean-count interval uses Student's t with n - 1 degrees of freedom up
 * to n = STATS_T_MAX_N traces and z above it (where the two critical values
 * differ by less than 0.15%).
 */
#define STATS_T_MAX_N 1000

/*
 * Interval for the mean of n counts from their sum and sum of squares at
 * confidence level: mean +- c * s / sqrt(n), s the sample standard
 * deviation, c Student's t (n - 1 df) for n <= STATS_T_MAX_N and z above,
 * the lower end clamped at 0 (counts are never negative).  Both ends are NaN
 * when n < 2 (no spread can be estimated from one trace).
 */
void stats_mean_interval(unsigned long long n, unsigned long long sum, unsigned long long sumsq, double level,
			 double *lo, double *hi);

/*
 * The variance of the mean of n counts (s^2 / n) from their sum and sum of
 * squares, computed without cancellation; NaN when n < 2.
 */
double stats_mean_var(unsigned long long n, unsigned long long sum, unsigned long long sumsq);

/*
 * Delta-method interval for the ratio m1 / m0 of two means, on the log
 * scale: exp(log(m1/m0) +- c * sqrt(v1/m1^2 + v0/m0^2 - 2 cov/(m1 m0))),
 * v1 and v0 the variances of the two means, cov their covariance (0 for
 * independent samples), c the critical value.  NaN when a mean is 0 or a
 * variance NaN.
 */
void stats_ratio_interval(double m1, double v1, double m0, double v0, double cov, double c, double *lo,
			  double *hi);

/*
 * Instances per 1,000 words as a ratio estimator, 1000 * sum(c) / sum(w),
 * from per-trace sums over n traces (c the count, w the words): sum_c,
 * sum_cc (of c^2), sum_cw (of c*w), sum_w, sum_ww (of w^2).  The variance is
 * the linearisation (Taylor) variance of a ratio (Cochran 1977, 6.9):
 * sum((c - R w)^2) / (n (n - 1) mean(w)^2).  *rate is NaN without words;
 * the interval (*lo clamped at 0) uses Student's t like stats_mean_interval,
 * NaN when n < 2.
 */
void stats_per_words(unsigned long long n, unsigned long long sum_c, unsigned long long sum_cc,
		     unsigned long long sum_cw, unsigned long long sum_w, unsigned long long sum_ww, double level,
		     double *rate, double *lo, double *hi);

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
 * Newcombe's score interval for the difference of two paired proportions
 * (his method 10, Statistics in Medicine 1998;17:2635-2650), from the 2x2
 * table of n pairs: a both with, b only the first with, c only the second,
 * d neither.  The difference is (b - c) / n; the interval combines the two
 * Wilson intervals with the phi correlation of the table (0 when a margin
 * is empty).
 */
void stats_paired_diff_interval(unsigned long long a, unsigned long long b, unsigned long long c,
				unsigned long long d, double z, double *lo, double *hi);

/*
 * McNemar's test on the b and c discordant pairs.  Exact: the two-sided
 * binomial test of min(b, c) in b + c trials at 1/2 (statsmodels
 * mcnemar(exact=True)); 1 without discordant pairs.  Chi-square: (b - c)^2 /
 * (b + c) on 1 df without continuity correction (mcnemar(exact=False,
 * correction=False)).  compare uses the exact test below
 * STATS_MCNEMAR_EXACT_BELOW discordant pairs, the chi-square from there.
 */
double stats_mcnemar_exact(unsigned long long b, unsigned long long c);
double stats_mcnemar_chi2(unsigned long long b, unsigned long long c);
#define STATS_MCNEMAR_EXACT_BELOW 25

/*
 * Two-sided p-value of the Wilcoxon signed-rank test of n paired
 * differences d[] (zeros dropped, as SciPy's zero_method="wilcox").  Exact
 * (the null distribution of the rank sum) when at most
 * STATS_WILCOXON_EXACT_MAX differences remain and no two have the same
 * size; otherwise the normal approximation with the tie correction and no
 * continuity correction (scipy.stats.wilcoxon(method="approx")).  *exact
 * says which; 1 when every difference is 0.
 */
double stats_wilcoxon(const long long *d, size_t n, int *exact);
#define STATS_WILCOXON_EXACT_MAX 50

/*
 * Welch's interval for mean(x1) - mean(x0) (n1, n0 >= 2 values): Student's
 * t with the Welch-Satterthwaite degrees of freedom (*df); NaN ends when a
 * group has fewer than 2 values.  Returns the difference.
 */
double stats_welch(const double *x1, size_t n1, const double *x0, size_t n0, double level, double *lo,
		   double *hi, double *df);

/*
 * Welch's test from summary values: the means m1, m0 and the variances of
 * the means v1 = s1^2/n1, v0 = s0^2/n0.  Returns the two-sided p-value of
 * (m1 - m0) / sqrt(v1 + v0) against Student's t with the Welch-Satterthwaite
 * degrees of freedom (*df; NaN ends when a group has fewer than 2 values,
 * p 1 when both variances are 0 and the means equal, 0 when they differ).
 */
double stats_welch_test(double m1, double v1, double n1, double m0, double v0, double n0, double *df);

/* The Welch-Satterthwaite degrees of freedom of two means' variances v1, v0 of n1, n0 values. */
double stats_welch_df(double v1, double n1, double v0, double n0);

/*
 * The variance of the per-1,000-words rate of stats_per_words (of
 * 1000 * sum(c) / sum(w)); NaN when n < 2 or without words.
 */
double stats_per_words_var(unsigned long long n, unsigned long long sum_c, unsigned long long sum_cc,
			   unsigned long long sum_cw, unsigned long long sum_w, unsigned long long sum_ww);

/*
 * Two-sided permutation test of mean(x[0..n1)) - mean(x[n1..n1+n0)): the
 * share of the assignments of the n1 + n0 values to two groups of n1 and n0
 * whose |difference| is at least the observed one.  Every assignment when
 * there are at most STATS_PERM_EXACT_MAX of them (*exact = 1, the observed
 * one included); else STATS_PERM_DRAWS random ones from GSL's MT19937
 * seeded with seed, p = (1 + hits) / (1 + draws) (*exact = 0).  NaN when a
 * group is empty or both have one value.
 */
double stats_perm_test(const double *x, size_t n1, size_t n0, unsigned long long seed, int *exact);
#define STATS_PERM_EXACT_MAX 100000
#define STATS_PERM_DRAWS 9999

/*
 * Holm's step-down adjustment of n p-values (as R's p.adjust(p, "holm")):
 * adj[i] for p[i]; NaN p-values are left out of the family and stay NaN.
 */
void stats_holm(const double *p, double *adj, int n);

#endif
