/* stats.c - see stats.h. */
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "util.h"

/*
 * Acklam's rational approximation (relative error 1.15e-9), then one Halley
 * step on erfc, which brings it to double precision.
 */
double stats_norm_quantile(double p)
{
	static const double a[] = { -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
				    1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00 };
	static const double b[] = { -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
				    6.680131188771972e+01, -1.328068155288572e+01 };
	static const double c[] = { -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
				    -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00 };
	static const double d[] = { 7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
				    3.754408661907416e+00 };
	const double plow = 0.02425;
	double x;
	if (!(p > 0 && p < 1))
		return p == 0 ? -INFINITY : p == 1 ? INFINITY : NAN;
	if (p < plow) {
		double q = sqrt(-2 * log(p));
		x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
		    ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
	} else if (p <= 1 - plow) {
		double q = p - 0.5, r = q * q;
		x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
		    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
	} else {
		double q = sqrt(-2 * log(1 - p));
		x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
		    ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
	}
	double e = 0.5 * erfc(-x / sqrt(2)) - p;
	double u = e * sqrt(2 * M_PI) * exp(x * x / 2);
	return x - u / (1 + x * u / 2);
}

double stats_z_for_level(double level)
{
	return stats_norm_quantile(1 - (1 - level) / 2);
}

void stats_wilson(unsigned long long k, unsigned long long n, double z, double *lo, double *hi)
{
	double nn = (double)n, p = (double)k / nn, z2 = z * z;
	double denom = 1 + z2 / nn;
	double centre = (p + z2 / (2 * nn)) / denom;
	double half = z / denom * sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn));
	*lo = centre - half;
	*hi = centre + half;
	/* exact at the ends, where rounding would leave 1e-17 outside [0, 1] */
	if (k == 0 || *lo < 0)
		*lo = 0;
	if (k == n || *hi > 1)
		*hi = 1;
}

double stats_t_quantile(double p, double df)
{
	return gsl_cdf_tdist_Pinv(p, df);
}

double stats_t_for_level(double level, double df)
{
	if (isinf(df))
		return stats_z_for_level(level);
	if (!(df > 0))
		return NAN; /* GSL's default handler would abort */
	return stats_t_quantile(1 - (1 - level) / 2, df);
}

/* The critical value of a mean of n values: t (n - 1 df) up to STATS_T_MAX_N, z above. */
static double mean_crit(unsigned long long n, double level)
{
	return stats_t_for_level(level, n <= STATS_T_MAX_N ? (double)(n - 1) : INFINITY);
}

double stats_mean_var(unsigned long long n, unsigned long long sum, unsigned long long sumsq)
{
	if (n < 2)
		return NAN;
	/* n*sumsq - sum^2 in exact integer arithmetic: no cancellation */
	unsigned __int128 ss = (unsigned __int128)n * sumsq, s2 = (unsigned __int128)sum * sum;
	double num = ss > s2 ? (double)(ss - s2) : 0.0;
	return num / ((double)n * (double)(n - 1)) / (double)n;
}

void stats_mean_interval(unsigned long long n, unsigned long long sum, unsigned long long sumsq, double level,
			 double *lo, double *hi)
{
	if (n < 2) {
		*lo = *hi = NAN;
		return;
	}
	double mean = (double)sum / (double)n, half = mean_crit(n, level) * sqrt(stats_mean_var(n, sum, sumsq));
	*lo = mean - half < 0 ? 0 : mean - half;
	*hi = mean + half;
}

void stats_ratio_interval(double m1, double v1, double m0, double v0, double cov, double c, double *lo,
			  double *hi)
{
	double lv = v1 / (m1 * m1) + v0 / (m0 * m0) - 2 * cov / (m1 * m0);
	if (!(m1 > 0 && m0 > 0) || isnan(lv)) {
		*lo = *hi = NAN;
		return;
	}
	double l = log(m1 / m0), h = c * sqrt(lv > 0 ? lv : 0);
	*lo = exp(l - h);
	*hi = exp(l + h);
}

double stats_per_words_var(unsigned long long n, unsigned long long sum_c, unsigned long long sum_cc,
			   unsigned long long sum_cw, unsigned long long sum_w, unsigned long long sum_ww)
{
	if (n < 2 || sum_w == 0)
		return NAN;
	double r = (double)sum_c / (double)sum_w;
	double num = (double)sum_cc - 2 * r * (double)sum_cw + r * r * (double)sum_ww;
	double wbar = (double)sum_w / (double)n;
	return 1e6 * (num > 0 ? num : 0) / ((double)n * (double)(n - 1) * wbar * wbar);
}

void stats_per_words(unsigned long long n, unsigned long long sum_c, unsigned long long sum_cc,
		     unsigned long long sum_cw, unsigned long long sum_w, unsigned long long sum_ww, double level,
		     double *rate, double *lo, double *hi)
{
	*rate = *lo = *hi = NAN;
	if (sum_w == 0)
		return;
	double r = (double)sum_c / (double)sum_w;
	*rate = 1000 * r;
	if (n < 2)
		return;
	double half = mean_crit(n, level) * sqrt(stats_per_words_var(n, sum_c, sum_cc, sum_cw, sum_w, sum_ww));
	*lo = *rate - half < 0 ? 0 : *rate - half;
	*hi = *rate + half;
}

void stats_diff_interval(unsigned long long k1, unsigned long long n1, unsigned long long k0,
			 unsigned long long n0, double z, double *lo, double *hi)
{
	double p1 = (double)k1 / (double)n1, p0 = (double)k0 / (double)n0, l1, u1, l0, u0;
	stats_wilson(k1, n1, z, &l1, &u1);
	stats_wilson(k0, n0, z, &l0, &u0);
	double d = p1 - p0;
	*lo = d - sqrt((p1 - l1) * (p1 - l1) + (u0 - p0) * (u0 - p0));
	*hi = d + sqrt((u1 - p1) * (u1 - p1) + (p0 - l0) * (p0 - l0));
}

double stats_prop_test(unsigned long long k1, unsigned long long n1, unsigned long long k0, unsigned long long n0)
{
	double a = (double)n1, b = (double)n0;
	double pool = (double)(k1 + k0) / (a + b);
	double se = sqrt(pool * (1 - pool) * (1 / a + 1 / b));
	if (!(se > 0))
		return 1;
	double zz = ((double)k1 / a - (double)k0 / b) / se;
	return erfc(fabs(zz) / sqrt(2));
}

/* log of the hypergeometric probability of x in the top-left cell. */
static double hyper_logp(double x, double r1, double r2, double c1, double n)
{
	return lgamma(r1 + 1) - lgamma(x + 1) - lgamma(r1 - x + 1) + lgamma(r2 + 1) - lgamma(c1 - x + 1) -
	       lgamma(r2 - c1 + x + 1) - lgamma(n + 1) + lgamma(c1 + 1) + lgamma(n - c1 + 1);
}

double stats_fisher_exact(unsigned long long a, unsigned long long b, unsigned long long c, unsigned long long d)
{
	double r1 = (double)(a + b), r2 = (double)(c + d), c1 = (double)(a + c), n = r1 + r2;
	double xmin = c1 - r2 > 0 ? c1 - r2 : 0, xmax = c1 < r1 ? c1 : r1;
	double obs = hyper_logp((double)a, r1, r2, c1, n);
	/* R: d <= d[obs] * (1 + 1e-7), in logs */
	double cut = obs + log1p(1e-7), p = 0;
	for (double x = xmin; x <= xmax; x++) {
		double lp = hyper_logp(x, r1, r2, c1, n);
		if (lp <= cut)
			p += exp(lp);
	}
	return p > 1 ? 1 : p;
}

int stats_small_counts(unsigned long long k1, unsigned long long n1, unsigned long long k0, unsigned long long n0)
{
	double n = (double)(n1 + n0), s = (double)(k1 + k0), f = n - s;
	double e[4] = { (double)n1 * s / n, (double)n1 * f / n, (double)n0 * s / n, (double)n0 * f / n };
	for (int i = 0; i < 4; i++)
		if (e[i] < 5)
			return 1;
	return 0;
}

void stats_paired_diff_interval(unsigned long long a, unsigned long long b, unsigned long long c,
				unsigned long long d, double z, double *lo, double *hi)
{
	unsigned long long n = a + b + c + d;
	double p1 = (double)(a + b) / (double)n, p2 = (double)(a + c) / (double)n, l1, u1, l2, u2;
	stats_wilson(a + b, n, z, &l1, &u1);
	stats_wilson(a + c, n, z, &l2, &u2);
	double marg = (double)(a + b) * (double)(c + d) * (double)(a + c) * (double)(b + d);
	double phi = marg > 0 ? ((double)a * (double)d - (double)b * (double)c) / sqrt(marg) : 0;
	double dl = (p1 - l1) * (p1 - l1) - 2 * phi * (p1 - l1) * (u2 - p2) + (u2 - p2) * (u2 - p2);
	double du = (u1 - p1) * (u1 - p1) - 2 * phi * (u1 - p1) * (p2 - l2) + (p2 - l2) * (p2 - l2);
	double diff = p1 - p2;
	*lo = diff - sqrt(dl > 0 ? dl : 0);
	*hi = diff + sqrt(du > 0 ? du : 0);
}

double stats_mcnemar_exact(unsigned long long b, unsigned long long c)
{
	if (b + c == 0)
		return 1;
	double p = 2 * gsl_cdf_binomial_P((unsigned)(b < c ? b : c), 0.5, (unsigned)(b + c));
	return p > 1 ? 1 : p;
}

double stats_mcnemar_chi2(unsigned long long b, unsigned long long c)
{
	if (b + c == 0)
		return 1;
	double diff = (double)b - (double)c;
	return gsl_cdf_chisq_Q(diff * diff / (double)(b + c), 1);
}

struct signed_abs {
	unsigned long long v; /* |d| */
	int pos;
};

static int cmp_abs(const void *pa, const void *pb)
{
	const struct signed_abs *a = pa, *b = pb;
	return a->v < b->v ? -1 : a->v > b->v;
}

double stats_wilcoxon(const long long *d, size_t n, int *exact)
{
	struct signed_abs *s = xmalloc((n ? n : 1) * sizeof *s);
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (d[i])
			s[m++] = (struct signed_abs){ d[i] < 0 ? (unsigned long long)-d[i] : (unsigned long long)d[i],
						      d[i] > 0 };
	*exact = 0;
	if (m == 0) {
		free(s);
		return 1;
	}
	qsort(s, m, sizeof *s, cmp_abs);
	/* average ranks; the tie term sum(t^3 - t) */
	double rplus = 0, rminus = 0, ties = 0;
	for (size_t i = 0; i < m;) {
		size_t j = i;
		while (j < m && s[j].v == s[i].v)
			j++;
		double rank = ((double)i + 1 + (double)j) / 2, t = (double)(j - i);
		for (size_t k = i; k < j; k++)
			*(s[k].pos ? &rplus : &rminus) += rank;
		ties += t * t * t - t;
		i = j;
	}
	free(s);
	double nn = (double)m, p;
	if (m <= STATS_WILCOXON_EXACT_MAX && ties == 0) {
		/* the number of subsets of the ranks 1..m with each sum: the null distribution of R+ */
		size_t top = m * (m + 1) / 2;
		double *cnt = xmalloc((top + 1) * sizeof *cnt);
		memset(cnt, 0, (top + 1) * sizeof *cnt);
		cnt[0] = 1;
		for (size_t r = 1; r <= m; r++)
			for (size_t k = r * (r + 1) / 2; k >= r; k--)
				cnt[k] += cnt[k - r];
		size_t rp = (size_t)rplus;
		double below = 0, above = 0, total = ldexp(1, (int)m);
		for (size_t k = 0; k <= top; k++) {
			if (k <= rp)
				below += cnt[k];
			if (k >= rp)
				above += cnt[k];
		}
		free(cnt);
		p = 2 * (below < above ? below : above) / total;
		*exact = 1;
	} else {
		double t = rplus < rminus ? rplus : rminus;
		double mn = nn * (nn + 1) / 4;
		double se = sqrt((nn * (nn + 1) * (2 * nn + 1) - ties / 2) / 24);
		p = se > 0 ? erfc(fabs((t - mn) / se) / sqrt(2)) : 1;
	}
	return p > 1 ? 1 : p;
}

/* mean and sample variance (ddof 1) of x[0..n) */
static void mean_var(const double *x, size_t n, double *m, double *v)
{
	double s = 0, ss = 0;
	for (size_t i = 0; i < n; i++)
		s += x[i];
	*m = s / (double)n;
	for (size_t i = 0; i < n; i++)
		ss += (x[i] - *m) * (x[i] - *m);
	*v = n > 1 ? ss / (double)(n - 1) : NAN;
}

double stats_welch(const double *x1, size_t n1, const double *x0, size_t n0, double level, double *lo,
		   double *hi, double *df)
{
	double m1 = NAN, v1 = NAN, m0 = NAN, v0 = NAN;
	if (n1)
		mean_var(x1, n1, &m1, &v1);
	if (n0)
		mean_var(x0, n0, &m0, &v0);
	double diff = m1 - m0;
	*lo = *hi = *df = NAN;
	if (n1 < 2 || n0 < 2)
		return diff;
	double a = v1 / (double)n1, b = v0 / (double)n0, se = sqrt(a + b);
	if (!(se > 0)) {
		*lo = *hi = diff;
		return diff;
	}
	*df = stats_welch_df(a, (double)n1, b, (double)n0);
	double h = stats_t_for_level(level, *df) * se;
	*lo = diff - h;
	*hi = diff + h;
	return diff;
}

double stats_welch_df(double v1, double n1, double v0, double n0)
{
	double den = v1 * v1 / (n1 - 1) + v0 * v0 / (n0 - 1);
	return n1 < 2 || n0 < 2 || !(den > 0) ? NAN : (v1 + v0) * (v1 + v0) / den;
}

double stats_welch_test(double m1, double v1, double n1, double m0, double v0, double n0, double *df)
{
	*df = stats_welch_df(v1, n1, v0, n0);
	if (n1 < 2 || n0 < 2)
		return NAN;
	if (!(v1 + v0 > 0))
		return m1 == m0 ? 1 : 0;
	double t = fabs(m1 - m0) / sqrt(v1 + v0);
	return 2 * gsl_cdf_tdist_Q(t, *df);
}

double stats_perm_test(const double *x, size_t n1, size_t n0, unsigned long long seed, int *exact)
{
	size_t n = n1 + n0;
	*exact = 0;
	if (n1 == 0 || n0 == 0 || n == 2)
		return NAN;
	double total = 0, s1 = 0;
	for (size_t i = 0; i < n; i++)
		total += x[i];
	for (size_t i = 0; i < n1; i++)
		s1 += x[i];
	double a = (double)n1, b = (double)n0;
	double obs = fabs(s1 / a - (total - s1) / b);
	double cut = obs - 1e-9 * (obs > 1 ? obs : 1); /* the observed split counts, whatever the rounding */
	double hits = 0, draws = 0;
	double ways = 1; /* C(n0 + i, i) after step i: stops once past the limit */
	for (size_t i = 1; i <= n1 && ways <= STATS_PERM_EXACT_MAX; i++)
		ways = ways * (double)(n0 + i) / (double)i;
	if (ways <= STATS_PERM_EXACT_MAX) {
		size_t *c = xmalloc(n1 * sizeof *c);
		for (size_t i = 0; i < n1; i++)
			c[i] = i;
		for (;;) {
			double s = 0;
			for (size_t i = 0; i < n1; i++)
				s += x[c[i]];
			hits += fabs(s / a - (total - s) / b) >= cut;
			draws++;
			/* the next n1-subset of 0..n-1 in lexicographic order */
			size_t i = n1;
			while (i > 0 && c[i - 1] == n - n1 + i - 1)
				i--;
			if (i == 0)
				break;
			c[i - 1]++;
			for (size_t j = i; j < n1; j++)
				c[j] = c[j - 1] + 1;
		}
		free(c);
		*exact = 1;
		return hits / draws;
	}
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(r, (unsigned long)seed);
	double *y = xmalloc(n * sizeof *y);
	memcpy(y, x, n * sizeof *y);
	for (int k = 0; k < STATS_PERM_DRAWS; k++) {
		/* a uniform n1-subset: the first n1 places of a partial Fisher-Yates shuffle */
		double s = 0;
		for (size_t i = 0; i < n1; i++) {
			size_t j = i + (size_t)gsl_rng_uniform_int(r, (unsigned long)(n - i));
			double t = y[i];
			y[i] = y[j];
			y[j] = t;
			s += y[i];
		}
		hits += fabs(s / a - (total - s) / b) >= cut;
	}
	free(y);
	gsl_rng_free(r);
	return (1 + hits) / (1 + STATS_PERM_DRAWS);
}

struct holm_item {
	double p;
	int i;
};

static int cmp_p(const void *pa, const void *pb)
{
	const struct holm_item *a = pa, *b = pb;
	if (a->p != b->p)
		return a->p < b->p ? -1 : 1;
	return a->i - b->i; /* stable, as R's order() */
}

void stats_holm(const double *p, double *adj, int n)
{
	struct holm_item *o = xmalloc((size_t)(n ? n : 1) * sizeof *o);
	int m = 0;
	for (int i = 0; i < n; i++) {
		adj[i] = NAN;
		if (!isnan(p[i]))
			o[m++] = (struct holm_item){ p[i], i };
	}
	qsort(o, (size_t)m, sizeof *o, cmp_p);
	double run = 0;
	for (int j = 0; j < m; j++) {
		double v = (double)(m - j) * o[j].p;
		if (v > run)
			run = v;
		adj[o[j].i] = run < 1 ? run : 1;
	}
	free(o);
}
