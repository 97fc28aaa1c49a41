/*
 * Unit tests of metrics.c on hand-made cases with known answers.
 *
 * The Spearman values were computed with scipy.stats.spearmanr (SciPy
 * 1.10.1, Debian 12 python3-scipy) and the ranks with
 * scipy.stats.rankdata(method="average"), printed to 15 decimals:
 *   python3 -c 'from scipy.stats import spearmanr; print("%.15f" % spearmanr(x, y).correlation)'
 * The precision/recall/F1 and MAE cases are small enough to count by hand.
 */
#include <math.h>
#include <string.h>

#include "metrics.h"
#include "unit.h"

#define CHECK_NEAR(got, want) do { \
	double g_ = (got), w_ = (want); \
	CHECK(fabs(g_ - w_) < 1e-12, "got %.15f, want %.15f", g_, w_); \
} while (0)

#define N(a) (sizeof(a) / sizeof *(a))

struct sp_case {
	double x[8], y[8];
	size_t n;
	double rho; /* scipy.stats.spearmanr(x, y).correlation */
};

static const struct sp_case sp_cases[] = {
	/* no ties in x, one tie in y */
	{ { 1, 2, 3, 4, 5 }, { 5, 6, 7, 8, 7 }, 5, 0.820782681668123 },
	/* ties on both sides */
	{ { 0, 0, 1, 2, 2, 3 }, { 0, 1, 1, 1, 3, 2 }, 6, 0.750366479376867 },
	/* count-like data: many zeros, the cap value 20 */
	{ { 0, 0, 0, 1, 1, 2, 5, 20 }, { 0, 1, 0, 0, 2, 2, 3, 20 }, 8, 0.854430379746836 },
	/* a perfect inverse */
	{ { 1, 2, 3 }, { 3, 2, 1 }, 3, -1.0 },
	/* unordered input, ties on both sides */
	{ { 3, 1, 4, 1, 5, 9, 2, 6 }, { 2, 7, 1, 8, 2, 8, 1, 8 }, 8, 0.198853681209925 },
};

int main(void)
{
	/* confusion counts: ref 1 1 1 0 0 0 0, pred 1 1 0 1 0 0 0 -> tp 2, fn 1, fp 1, tn 3 */
	static const int ref[] = { 1, 1, 1, 0, 0, 0, 0 }, pred[] = { 3, 1, 0, 2, 0, 0, 0 };
	struct confusion c = {0};
	for (size_t i = 0; i < N(ref); i++)
		metrics_confusion_add(&c, ref[i], pred[i]);
	CHECK_INT(c.tp, 2);
	CHECK_INT(c.fp, 1);
	CHECK_INT(c.fn, 1);
	CHECK_INT(c.tn, 3);
	CHECK_NEAR(metrics_precision(&c), 2.0 / 3.0);
	CHECK_NEAR(metrics_recall(&c), 2.0 / 3.0);
	CHECK_NEAR(metrics_f1(&c), 2.0 / 3.0);

	/* tp 1, fp 3, fn 0: P = 1/4, R = 1, F1 = 2/5 */
	struct confusion c2 = { .tp = 1, .fp = 3, .fn = 0, .tn = 5 };
	CHECK_NEAR(metrics_precision(&c2), 0.25);
	CHECK_NEAR(metrics_recall(&c2), 1.0);
	CHECK_NEAR(metrics_f1(&c2), 0.4);

	/* undefined cases are NaN, not 0 */
	struct confusion none = { .tn = 4 };
	CHECK(isnan(metrics_precision(&none)), "precision with no predicted positive");
	CHECK(isnan(metrics_recall(&none)), "recall with no reference positive");
	CHECK(isnan(metrics_f1(&none)), "f1 with no positive at all");
	/* missing every positive: recall 0, F1 0, precision undefined */
	struct confusion miss = { .fn = 2, .tn = 1 };
	CHECK(isnan(metrics_precision(&miss)), "precision with no predicted positive");
	CHECK_NEAR(metrics_recall(&miss), 0.0);
	CHECK_NEAR(metrics_f1(&miss), 0.0);

	/* average ranks, as scipy.stats.rankdata gives [4, 1.5, 5, 1.5, 6, 8, 3, 7] */
	static const double rx[] = { 3, 1, 4, 1, 5, 9, 2, 6 }, want_r[] = { 4, 1.5, 5, 1.5, 6, 8, 3, 7 };
	double r[8];
	metrics_ranks(rx, 8, r);
	for (size_t i = 0; i < 8; i++)
		CHECK_NEAR(r[i], want_r[i]);
	/* all tied: every rank is the middle one */
	static const double flat[] = { 7, 7, 7, 7 };
	metrics_ranks(flat, 4, r);
	for (size_t i = 0; i < 4; i++)
		CHECK_NEAR(r[i], 2.5);

	for (size_t i = 0; i < N(sp_cases); i++) {
		const struct sp_case *k = &sp_cases[i];
		CHECK_NEAR(metrics_spearman(k->x, k->y, k->n), k->rho);
		/* symmetric */
		CHECK_NEAR(metrics_spearman(k->y, k->x, k->n), k->rho);
	}
	/* a constant side has no correlation (scipy returns nan too); so have n < 2 */
	static const double z[] = { 0, 0, 0, 0 }, w[] = { 0, 1, 2, 3 };
	CHECK(isnan(metrics_spearman(z, w, 4)), "constant side");
	CHECK(isnan(metrics_spearman(w, w, 1)), "one pair");
	CHECK(isnan(metrics_spearman(w, w, 0)), "no pairs");
	CHECK_NEAR(metrics_spearman(w, w, 4), 1.0);
	/* Pearson on raw values: y = 2x + 1 */
	static const double px[] = { 1, 2, 4, 8 }, py[] = { 3, 5, 9, 17 };
	CHECK_NEAR(metrics_pearson(px, py, 4), 1.0);

	/* MAE: |0-1| + |2-2| + |5-1| + |20-0| = 25 over 4 */
	static const double ma[] = { 0, 2, 5, 20 }, mb[] = { 1, 2, 1, 0 };
	CHECK_NEAR(metrics_mae(ma, mb, 4), 6.25);
	CHECK(isnan(metrics_mae(ma, mb, 0)), "mae of nothing");

	/* the macro mean skips undefined values */
	double v[] = { 0.5, NAN, 1.0, 0.0 };
	CHECK_NEAR(metrics_mean_defined(v, 4), 0.5);
	double u[] = { NAN, NAN };
	CHECK(isnan(metrics_mean_defined(u, 2)), "mean of undefined values");
	/* quantiles as numpy.percentile(v, 100 * q) gives them (numpy 1.24, Debian 12) */
	static const double qv[] = { 0.9, 0.1, 0.5, 0.3, 0.7, 0.2, 1.0 };
	static const double qs[] = { 0, 0.025, 0.5, 0.975, 1 }, qw[] = { 0.1, 0.115, 0.5, 0.985, 1.0 };
	for (size_t i = 0; i < N(qs); i++) {
		double tmp[N(qv)];
		memcpy(tmp, qv, sizeof qv);
		CHECK_NEAR(metrics_quantile(tmp, N(qv), qs[i]), qw[i]);
	}
	double one_v = 3;
	CHECK_NEAR(metrics_quantile(&one_v, 1, 0.025), 3.0);
	CHECK(isnan(metrics_quantile(NULL, 0, 0.5)), "quantile of nothing");

	/* SplitMix64 from state 0: the reference implementation's first outputs */
	unsigned long long st = 0;
	CHECK(metrics_splitmix64(&st) == 0xe220a8397b1dcdafULL, "splitmix64 #1");
	CHECK(metrics_splitmix64(&st) == 0x6e789e6aa1b965f4ULL, "splitmix64 #2");
	CHECK(metrics_splitmix64(&st) == 0x06c45d188009454fULL, "splitmix64 #3");
	return unit_done("test_metrics");
}
