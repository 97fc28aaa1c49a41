/* stats.c - see stats.h. */
#include <math.h>
#include <stdlib.h>

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

void stats_mean_interval(unsigned long long n, unsigned long long sum, unsigned long long sumsq, double z,
			 double *lo, double *hi)
{
	if (n < 2) {
		*lo = *hi = NAN;
		return;
	}
	/* n*sumsq - sum^2 in exact integer arithmetic: no cancellation */
	unsigned __int128 ss = (unsigned __int128)n * sumsq, s2 = (unsigned __int128)sum * sum;
	double num = ss > s2 ? (double)(ss - s2) : 0.0;
	double var = num / ((double)n * (double)(n - 1));
	double mean = (double)sum / (double)n, half = z * sqrt(var / (double)n);
	*lo = mean - half < 0 ? 0 : mean - half;
	*hi = mean + half;
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
