/*
 * metrics.h - agreement metrics between a reference (the judge) and a
 * prediction (cotscan): precision, recall and F1 of presence, Spearman's
 * rank correlation and the mean absolute error of counts.
 *
 * Undefined values are NAN, never a silent 0: precision when nothing was
 * predicted present, recall when nothing is present in the reference, F1 when
 * neither side has a positive, Spearman when fewer than two pairs or when
 * either side is constant, MAE when there are no pairs.
 */
#ifndef METRICS_H
#define METRICS_H

#include <stddef.h>

/* A 2x2 table of presence (count >= 1) outcomes. */
struct confusion {
	unsigned long long tp, fp, fn, tn;
};

/* Adds one pair: ref and pred are present (non-zero) or not. */
void metrics_confusion_add(struct confusion *c, int ref, int pred);

double metrics_precision(const struct confusion *c); /* tp / (tp + fp) */
double metrics_recall(const struct confusion *c);    /* tp / (tp + fn) */
double metrics_f1(const struct confusion *c);        /* 2tp / (2tp + fp + fn) */

/*
 * Writes the ranks of x[0..n) to rank[0..n): 1 for the smallest, ties get
 * the mean of the ranks they span (the "average" method of
 * scipy.stats.rankdata).
 */
void metrics_ranks(const double *x, size_t n, double *rank);

/* Pearson's correlation of x and y; NAN when n < 2 or a side is constant. */
double metrics_pearson(const double *x, const double *y, size_t n);

/* Spearman's rho: Pearson's correlation of the average ranks (ties handled). */
double metrics_spearman(const double *x, const double *y, size_t n);

/* Mean of |x[i] - y[i]|; NAN when n == 0. */
double metrics_mae(const double *x, const double *y, size_t n);

/* Mean of the values of v[0..n) that are not NAN; NAN when there are none. */
double metrics_mean_defined(const double *v, size_t n);

/*
 * The q-quantile (0 <= q <= 1) of v[0..n) with linear interpolation between
 * order statistics (numpy.percentile's default "linear" method); sorts v.
 * NAN when n == 0.
 */
double metrics_quantile(double *v, size_t n, double q);

/* The next number of the SplitMix64 generator (Steele et al. 2014) at *state. */
unsigned long long metrics_splitmix64(unsigned long long *state);

#endif
