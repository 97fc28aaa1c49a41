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

	/*
	 * counts 0,1,1,2,5,0,0,3 (n 8, sum 12, sum of squares 40):
	 * scipy.stats.norm.interval(level, loc=x.mean(), scale=x.std(ddof=1)/sqrt(8))
	 */
	stats_mean_interval(8, 12, 40, z95, &lo, &hi);
	CHECK_NEAR(lo, 0.2715275596492759, 1e-12);
	CHECK_NEAR(hi, 2.728472440350724, 1e-12);
	stats_mean_interval(8, 12, 40, z99, &lo, &hi);
	CHECK_NEAR(lo, 0.0, 1e-12); /* -0.1145 clamped: counts are never negative */
	CHECK_NEAR(hi, 3.1144864576173323, 1e-12);
	stats_mean_interval(1, 3, 9, z95, &lo, &hi);
	CHECK(isnan(lo) && isnan(hi), "one trace: no interval");
	stats_mean_interval(4, 8, 16, z95, &lo, &hi); /* all counts 2: no spread */
	CHECK_NEAR(lo, 2.0, 1e-15);
	CHECK_NEAR(hi, 2.0, 1e-15);
	/* exact where doubles would cancel: 10^9 traces of count 10^4 and one of 0 */
	stats_mean_interval(1000000001ULL, 10000000000000ULL, 100000000000000000ULL, z95, &lo, &hi);
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
