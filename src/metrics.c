/* metrics.c - see metrics.h. */
#include <math.h>
#include <stdlib.h>

#include "metrics.h"
#include "util.h"

void metrics_confusion_add(struct confusion *c, int ref, int pred)
{
	if (ref && pred)
		c->tp++;
	else if (pred)
		c->fp++;
	else if (ref)
		c->fn++;
	else
		c->tn++;
}

static double ratio(unsigned long long num, unsigned long long den)
{
	return den ? (double)num / (double)den : NAN;
}

double metrics_precision(const struct confusion *c)
{
	return ratio(c->tp, c->tp + c->fp);
}

double metrics_recall(const struct confusion *c)
{
	return ratio(c->tp, c->tp + c->fn);
}

double metrics_f1(const struct confusion *c)
{
	return ratio(2 * c->tp, 2 * c->tp + c->fp + c->fn);
}

struct ranked {
	double v;
	size_t i;
};

static int cmp_ranked(const void *pa, const void *pb)
{
	const struct ranked *a = pa, *b = pb;
	if (a->v != b->v)
		return a->v < b->v ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

void metrics_ranks(const double *x, size_t n, double *rank)
{
	struct ranked *s = xmalloc((n ? n : 1) * sizeof *s);
	for (size_t i = 0; i < n; i++)
		s[i] = (struct ranked){ x[i], i };
	qsort(s, n, sizeof *s, cmp_ranked);
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && s[j].v == s[i].v)
			j++;
		/* positions i..j-1 hold ranks i+1..j: their mean */
		double r = ((double)(i + 1) + (double)j) / 2.0;
		for (size_t k = i; k < j; k++)
			rank[s[k].i] = r;
		i = j;
	}
	free(s);
}

double metrics_pearson(const double *x, const double *y, size_t n)
{
	if (n < 2)
		return NAN;
	double mx = 0, my = 0;
	for (size_t i = 0; i < n; i++) {
		mx += x[i];
		my += y[i];
	}
	mx /= (double)n;
	my /= (double)n;
	double sxy = 0, sxx = 0, syy = 0;
	for (size_t i = 0; i < n; i++) {
		double dx = x[i] - mx, dy = y[i] - my;
		sxy += dx * dy;
		sxx += dx * dx;
		syy += dy * dy;
	}
	if (sxx == 0 || syy == 0)
		return NAN;
	double r = sxy / sqrt(sxx * syy);
	/* rounding can step just outside [-1, 1] */
	return r > 1 ? 1 : r < -1 ? -1 : r;
}

double metrics_spearman(const double *x, const double *y, size_t n)
{
	if (n < 2)
		return NAN;
	double *rx = xmalloc(2 * n * sizeof *rx), *ry = rx + n;
	metrics_ranks(x, n, rx);
	metrics_ranks(y, n, ry);
	double r = metrics_pearson(rx, ry, n);
	free(rx);
	return r;
}

double metrics_mae(const double *x, const double *y, size_t n)
{
	if (n == 0)
		return NAN;
	double s = 0;
	for (size_t i = 0; i < n; i++)
		s += fabs(x[i] - y[i]);
	return s / (double)n;
}

double metrics_mean_defined(const double *v, size_t n)
{
	double s = 0;
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!isnan(v[i])) {
			s += v[i];
			k++;
		}
	return k ? s / (double)k : NAN;
}

static int cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;
	return a < b ? -1 : a > b;
}

double metrics_quantile(double *v, size_t n, double q)
{
	if (n == 0)
		return NAN;
	qsort(v, n, sizeof *v, cmp_double);
	double h = q * (double)(n - 1);
	size_t i = (size_t)floor(h);
	if (i + 1 >= n)
		return v[n - 1];
	return v[i] + (h - (double)i) * (v[i + 1] - v[i]);
}

unsigned long long metrics_splitmix64(unsigned long long *state)
{
	unsigned long long z = (*state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}
