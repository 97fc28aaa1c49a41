/*
 * Unit tests of stats.c against values computed with SciPy 1.10.1 and
 * statsmodels 0.13.5 (Debian 12 python3-scipy, python3-statsmodels); the
 * call that produced each value is named beside it.  A changed formula
 * fails here.
 */
#include <math.h>

#include "stats.h"
#include "unit.h"

/* |got - want| within rel * |want| (or 1e-15 absolute near 0) */
#define CHECK_NEAR(got, want, rel) do { \
	double g_ = (got), w_ = (want); \
	CHECK(fabs(g_ - w_) <= (rel) * fabs(w_) + 1e-15, "got %.17g, want %.17g", g_, w_); \
} while (0)

int main(void)
{
	double lo, hi;

	/* scipy.stats.norm.ppf(p) */
	CHECK_NEAR(stats_norm_quantile(0.975), 1.959963984540054, 1e-13);
	CHECK_NEAR(stats_norm_quantile(0.995), 2.5758293035489004, 1e-13);
	CHECK_NEAR(stats_norm_quantile(0.3), -0.5244005127080409, 1e-13);
	CHECK_NEAR(stats_norm_quantile(1e-10), -6.361340902404056, 1e-12);
	CHECK_NEAR(stats_norm_quantile(0.9999), 3.719016485455709, 1e-12);
	CHECK_NEAR(stats_z_for_level(0.95), 1.959963984540054, 1e-13);
	CHECK_NEAR(stats_z_for_level(0.99), 2.5758293035489004, 1e-13);
	CHECK(isnan(stats_norm_quantile(1.5)), "outside (0,1)");

	/* statsmodels proportion_confint(k, n, alpha=0.05, method="wilson") */
	double z95 = stats_z_for_level(0.95), z99 = stats_z_for_level(0.99);
	stats_wilson(0, 10, z95, &lo, &hi);
	CHECK_NEAR(lo, 0.0, 1e-12);
	CHECK_NEAR(hi, 0.27753279986288926, 1e-12);
	stats_wilson(10, 10, z95, &lo, &hi);
	CHECK_NEAR(lo, 0.7224672001371106, 1e-12);
	CHECK_NEAR(hi, 1.0, 1e-12);
	stats_wilson(68, 721, z95, &lo, &hi);
	CHECK_NEAR(lo, 0.0750785179065345, 1e-12);
	CHECK_NEAR(hi, 0.11784844166365074, 1e-12);
	stats_wilson(132, 721, z95, &lo, &hi);
	CHECK_NEAR(lo, 0.15655486496082166, 1e-12);
	CHECK_NEAR(hi, 0.21296243507947693, 1e-12);
	stats_wilson(1, 2, z95, &lo, &hi);
	CHECK_NEAR(lo, 0.09453120573423068, 1e-12);
	CHECK_NEAR(hi, 0.9054687942657693, 1e-12);
	/* ... alpha=0.01 */
	stats_wilson(68, 721, z99, &lo, &hi);
	CHECK_NEAR(lo, 0.0698601116671877, 1e-12);
	CHECK_NEAR(hi, 0.12616525389362757, 1e-12);

	/* scipy.stats.t.ppf(p, df); GSL agrees to about 2e-10 */
	CHECK_NEAR(stats_t_quantile(0.975, 7), 2.3646242510102993, 1e-8);
	CHECK_NEAR(stats_t_quantile(0.995, 3), 5.84090929975643, 1e-8);
	CHECK_NEAR(stats_t_for_level(0.95, 12.5), 2.1691859427099556, 1e-10);
	CHECK_NEAR(stats_t_for_level(0.95, INFINITY), 1.959963984540054, 1e-13);

	/*
	 * counts 0,1,1,2,5,0,0,3 (n 8, sum 12, sum of squares 40), Student's t:
	 * scipy.stats.t.interval(level, 7, loc=x.mean(), scale=x.std(ddof=1)/sqrt(8))
	 */
	stats_mean_interval(8, 12, 40, 0.95, &lo, &hi);
	CHECK_NEAR(lo, 0.017893314844346753, 1e-7);
	CHECK_NEAR(hi, 2.982106685155653, 1e-8);
	stats_mean_interval(8, 12, 40, 0.99, &lo, &hi);
	CHECK_NEAR(lo, 0.0, 1e-12); /* -0.6934 clamped: counts are never negative */
	CHECK_NEAR(hi, 3.693417236323158, 1e-10);
	stats_mean_interval(1, 3, 9, 0.95, &lo, &hi);
	CHECK(isnan(lo) && isnan(hi), "one trace: no interval");
	stats_mean_interval(4, 8, 16, 0.95, &lo, &hi); /* all counts 2: no spread */
	CHECK_NEAR(lo, 2.0, 1e-15);
	CHECK_NEAR(hi, 2.0, 1e-15);
	/* above STATS_T_MAX_N it is z: 1001 counts, 1000 of 1 and one of 0 */
	stats_mean_interval(1001, 1000, 1000, 0.95, &lo, &hi);
	CHECK_NEAR(hi - lo, 2 * 1.959963984540054 * sqrt(1000.0 / 1001 * (1 - 1000.0 / 1001) / 1000), 1e-9);
	/* exact where doubles would cancel: 10^9 traces of count 10^4 and one of 0 */
	stats_mean_interval(1000000001ULL, 10000000000000ULL, 100000000000000000ULL, 0.95, &lo, &hi);
	CHECK(lo > 0 && hi > lo && hi - lo < 1e-2, "big sums: %g %g", lo, hi);

	/*
	 * statsmodels confint_proportions_2indep(k1, n1, k0, n0,
	 * method="newcomb", compare="diff", alpha=0.05)
	 */
	stats_diff_interval(68, 721, 132, 721, z95, &lo, &hi);
	CHECK_NEAR(lo, -0.12430430114081928, 1e-10);
	CHECK_NEAR(hi, -0.053305366128044436, 1e-10);
	stats_diff_interval(720, 842, 356, 842, z95, &lo, &hi);
	CHECK_NEAR(lo, 0.3901553624812142, 1e-10);
	CHECK_NEAR(hi, 0.47200846688823905, 1e-10);
	stats_diff_interval(5, 20, 10, 20, z95, &lo, &hi);
	CHECK_NEAR(lo, -0.49364621698518074, 1e-10);
	CHECK_NEAR(hi, 0.046835583083318644, 1e-10);
	stats_diff_interval(0, 10, 3, 10, z95, &lo, &hi);
	CHECK_NEAR(lo, -0.6032218525388546, 1e-10);
	CHECK_NEAR(hi, 0.03759243457905065, 1e-10);

	/*
	 * statsmodels proportions_ztest([k1, k0], [n1, n0])[1], equal to
	 * scipy.stats.chi2_contingency(table, correction=False)[1]
	 */
	CHECK_NEAR(stats_prop_test(68, 721, 132, 721), 1.081163664125506e-06, 1e-9);
	CHECK_NEAR(stats_prop_test(720, 842, 356, 842), 3.7525595412290093e-76, 1e-8);
	CHECK_NEAR(stats_prop_test(5, 20, 10, 20), 0.10247043485974937, 1e-10);
	CHECK_NEAR(stats_prop_test(0, 10, 0, 10), 1.0, 0); /* no variance: no evidence */

	/* scipy.stats.fisher_exact([[a, b], [c, d]])[1] */
	CHECK_NEAR(stats_fisher_exact(3, 1, 1, 3), 0.48571428571428565, 1e-10);
	CHECK_NEAR(stats_fisher_exact(8, 2, 1, 5), 0.034965034965034975, 1e-10);
	CHECK_NEAR(stats_fisher_exact(0, 10, 5, 5), 0.032507739938080496, 1e-10);
	CHECK_NEAR(stats_fisher_exact(68, 653, 132, 589), 1.3371307095833728e-06, 1e-8);
	CHECK_NEAR(stats_fisher_exact(1, 0, 0, 1), 1.0, 1e-12);
	CHECK_NEAR(stats_fisher_exact(2, 7, 8, 2), 0.02301413756522116, 1e-10);

	/* Cochran's rule: an expected count below 5 */
	CHECK_INT(stats_small_counts(3, 4, 1, 4), 1);
	CHECK_INT(stats_small_counts(68, 721, 132, 721), 0);
	CHECK_INT(stats_small_counts(1, 721, 3, 721), 1);

	/*
	 * mean_ratio, delta method on the log ratio; a reimplementation with
	 * numpy (counts above vs 1,2,0,1,3,1):
	 *   exp(log(m1/m0) -+ norm.ppf(.975) * sqrt(v1/m1**2 + v0/m0**2)),
	 *   v = x.var(ddof=1)/n  ->  (0.4028105556554071, 3.1419856859031916)
	 */
	stats_ratio_interval(12.0 / 8, stats_mean_var(8, 12, 40), 8.0 / 6, stats_mean_var(6, 8, 16), 0, z95, &lo, &hi);
	CHECK_NEAR(lo, 0.4028105556554071, 1e-10);
	CHECK_NEAR(hi, 3.1419856859031916, 1e-10);
	stats_ratio_interval(0, 0.1, 1, 0.1, 0, z95, &lo, &hi);
	CHECK(isnan(lo) && isnan(hi), "a zero mean: no ratio interval");

	/*
	 * per 1,000 words, ratio estimator (Cochran 1977, 6.9); numpy
	 * reimplementation, c = 0,1,1,2,5,0,0,3, w = 100,250,80,400,900,60,120,300:
	 *   R = c.sum()/w.sum(); var = ((c-R*w)**2).sum()/(n*(n-1)*w.mean()**2);
	 *   1000*(R -+ t.ppf(.975, 7)*sqrt(var))
	 */
	double rate;
	stats_per_words(8, 12, 40, 6530, 2210, 1156900, 0.95, &rate, &lo, &hi);
	CHECK_NEAR(rate, 5.4298642533936645, 1e-12);
	CHECK_NEAR(lo, 3.385186214767158, 1e-9);
	CHECK_NEAR(hi, 7.474542292020173, 1e-9);
	stats_per_words(3, 0, 0, 0, 0, 0, 0.95, &rate, &lo, &hi);
	CHECK(isnan(rate) && isnan(lo), "no words: no rate");

	/*
	 * Newcombe's paired method 10; his own example (Stat Med 1998;17:2635,
	 * Table II, 36/12/2/0: 0.0569 to 0.3404), and a reimplementation over
	 * statsmodels proportion_confint(method="wilson") for the others
	 */
	stats_paired_diff_interval(36, 12, 2, 0, z95, &lo, &hi);
	CHECK_NEAR(lo, 0.05692958400323875, 1e-10);
	CHECK_NEAR(hi, 0.3404276029749408, 1e-10);
	stats_paired_diff_interval(263, 15, 21, 57, z95, &lo, &hi);
	CHECK_NEAR(lo, -0.05036249100789927, 1e-10);
	CHECK_NEAR(hi, 0.016409681323084853, 1e-10);
	stats_paired_diff_interval(5, 0, 0, 15, z95, &lo, &hi);
	CHECK_NEAR(lo, -0.08056257902640977, 1e-10);
	CHECK_NEAR(hi, 0.08056257902640977, 1e-10);
	stats_paired_diff_interval(3, 4, 1, 12, z95, &lo, &hi);
	CHECK_NEAR(lo, -0.061136778936056096, 1e-10);
	CHECK_NEAR(hi, 0.34915342654877457, 1e-10);

	/*
	 * statsmodels.stats.contingency_tables.mcnemar([[0, b], [c, 0]],
	 * exact=True).pvalue and (exact=False, correction=False).pvalue
	 */
	CHECK_NEAR(stats_mcnemar_exact(12, 2), 0.012939453125, 1e-12);
	CHECK_NEAR(stats_mcnemar_chi2(12, 2), 0.007526315166457882, 1e-10);
	CHECK_NEAR(stats_mcnemar_exact(5, 5), 1.0, 1e-12);
	CHECK_NEAR(stats_mcnemar_exact(0, 3), 0.25, 1e-12);
	CHECK_NEAR(stats_mcnemar_chi2(0, 3), 0.08326451666355042, 1e-10);
	CHECK_NEAR(stats_mcnemar_exact(30, 14), 0.022628841205914796, 1e-10);
	CHECK_NEAR(stats_mcnemar_chi2(30, 14), 0.015861332739773026, 1e-10);
	CHECK_NEAR(stats_mcnemar_chi2(120, 80), 0.004677734981047276, 1e-10);
	CHECK_NEAR(stats_mcnemar_exact(0, 0), 1.0, 0);

	/* scipy.stats.wilcoxon(d).pvalue (exact), wilcoxon(d, method="approx").pvalue */
	int exact;
	long long w1[] = { 3, -1, 4, -2, 6, 5, -7, 8, 9, 10, 12, -11 };
	CHECK_NEAR(stats_wilcoxon(w1, 12, &exact), 0.17626953125, 1e-12);
	CHECK_INT(exact, 1);
	long long w2[] = { 0, 1, 1, 2, -1, 3, 0, 2, 2, -2, 4, 1, 1, 5, 0, 3 }; /* zeros and ties */
	CHECK_NEAR(stats_wilcoxon(w2, 16, &exact), 0.013531047182834295, 1e-10);
	CHECK_INT(exact, 0);
	long long w3[60]; /* 1..60, every third negative: more than 50, normal */
	for (int i = 0; i < 60; i++)
		w3[i] = (i + 1) % 3 ? i + 1 : -(i + 1);
	CHECK_NEAR(stats_wilcoxon(w3, 60, &exact), 0.03590012321587811, 1e-10);
	CHECK_INT(exact, 0);
	long long w4[] = { 1, -2, 3 };
	CHECK_NEAR(stats_wilcoxon(w4, 3, &exact), 0.75, 1e-12);
	long long w5[] = { 0, 0 };
	CHECK_NEAR(stats_wilcoxon(w5, 2, &exact), 1.0, 0);

	/*
	 * Welch on cluster-level rates, numpy/scipy reimplementation:
	 *   a = var(q, ddof=1)/4, b = var(l, ddof=1)/4, df = (a+b)**2/(a*a/3+b*b/3),
	 *   diff -+ t.ppf(.975, df)*sqrt(a+b)
	 */
	double q4[] = { 0.2285, 0.19, 0.25, 0.21 }, l4[] = { 0.12, 0.10, 0.15, 0.13 }, df;
	double diff = stats_welch(q4, 4, l4, 4, 0.95, &lo, &hi, &df);
	CHECK_NEAR(diff, 0.09462499999999999, 1e-12);
	CHECK_NEAR(lo, 0.05380558579589873, 1e-8);
	CHECK_NEAR(hi, 0.13544441420410125, 1e-8);
	CHECK_NEAR(df, 5.757332178955099, 1e-10);
	/* scipy.stats.ttest_ind(q, l, equal_var=False).pvalue, and on the counts above vs 1,2,0,1,3,1 */
	CHECK_NEAR(stats_welch_test(0.219625, 0.0006572291666666667 / 4, 4, 0.125, 0.00043333333333333315 / 4, 4, &df),
		   0.0014122952185535026, 1e-8);
	CHECK_NEAR(stats_welch_test(1.5, stats_mean_var(8, 12, 40), 8, 8.0 / 6, stats_mean_var(6, 8, 16), 6, &df),
		   0.8292541423819167, 1e-8);
	stats_welch(q4, 1, l4, 4, 0.95, &lo, &hi, &df);
	CHECK(isnan(lo) && isnan(hi), "one cluster: no interval");

	/*
	 * permutation test over the assignment of clusters to groups:
	 * scipy.stats.permutation_test((q, l), mean difference,
	 * permutation_type="independent", n_resamples=inf).pvalue = 0.028571 (2 of 70),
	 * and an itertools.combinations reimplementation for the others
	 */
	double ql[] = { 0.2285, 0.19, 0.25, 0.21, 0.12, 0.10, 0.15, 0.13 };
	CHECK_NEAR(stats_perm_test(ql, 4, 4, 1, &exact), 0.02857142857142857, 1e-12);
	CHECK_INT(exact, 1);
	double x5[] = { 1, 2, 3, 10, 11 };
	CHECK_NEAR(stats_perm_test(x5, 3, 2, 1, &exact), 0.1, 1e-12);
	double same[] = { 0.5, 0.5, 0.5, 0.5, 0.5, 0.5 };
	CHECK_NEAR(stats_perm_test(same, 3, 3, 1, &exact), 1.0, 1e-12);
	CHECK(isnan(stats_perm_test(x5, 1, 1, 1, &exact)), "one cluster each: no p-value");
	/* 40 vs 40 clusters: Monte Carlo, the same for the same seed, about 1/(1+draws) when far apart */
	double big[80];
	for (int i = 0; i < 80; i++)
		big[i] = i < 40 ? 1 + 0.01 * i : 0.01 * i;
	double pa = stats_perm_test(big, 40, 40, 7, &exact), pb = stats_perm_test(big, 40, 40, 7, &exact);
	CHECK_INT(exact, 0);
	CHECK(pa == pb, "seeded: %g vs %g", pa, pb);
	CHECK_NEAR(pa, 1.0 / (1 + STATS_PERM_DRAWS), 1e-12);
	for (int i = 0; i < 80; i++)
		big[i] = (double)(i % 7);
	pa = stats_perm_test(big, 40, 40, 7, &exact);
	CHECK(pa > 0.2 && pa <= 1, "no difference: %g", pa);

	/* statsmodels multipletests(p, method="holm")[1] */
	double p[] = { 0.01, 0.04, 0.03, 0.005, 0.5, 0.04 }, adj[6];
	double want[] = { 0.05, 0.12, 0.12, 0.03, 0.5, 0.12 };
	stats_holm(p, adj, 6);
	for (int i = 0; i < 6; i++)
		CHECK_NEAR(adj[i], want[i], 1e-12);
	/* NaN p-values stay out of the family: adjusted as if there were 2 */
	double q[] = { 0.02, NAN, 0.04 };
	stats_holm(q, adj, 3);
	CHECK_NEAR(adj[0], 0.04, 1e-12);
	CHECK(isnan(adj[1]), "NaN stays NaN");
	CHECK_NEAR(adj[2], 0.04, 1e-12);
	return unit_done("test_stats");
}
