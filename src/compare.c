/* compare.c - see compare.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "agg.h"
#include "compare.h"
#include "diag.h"
#include "stats.h"
#include "tabout.h"

struct compare_ctx {
	struct agg agg;
	FILE *out;
	const struct compare_cfg *cfg;
	unsigned long long rules_hash;
};

static void compare_line(void *ctx, const struct trace_result *r)
{
	struct compare_ctx *c = ctx;
	agg_add_result(&c->agg, r);
}

static const char *const compare_cols[] = { "behaviour", "baseline", "traces", "rate", "baseline_traces",
					    "baseline_rate", "diff", "diff_lo", "diff_hi", "test", "p_value",
					    "p_holm", "mean_ratio" };
#define NCOMPARE_COLS (sizeof compare_cols / sizeof *compare_cols)

/* Finds the baseline among the sorted groups: by label, or the first. -1 if none. */
static long find_baseline(const struct agg *a, struct agg_group **v, size_t n, const char *want)
{
	struct buf b = {0};
	long found = -1;
	for (size_t i = 0; i < n && found < 0; i++) {
		agg_label(a, v[i], &b);
		if (!want || strcmp(b.p, want) == 0)
			found = (long)i;
	}
	buf_free(&b);
	return found;
}

/* Lists (some of) the groups after "no group X", so that a typo is easy to fix. */
static void no_such_group(const struct agg *a, struct agg_group **v, size_t n, const char *want)
{
	struct buf b = {0}, list = {0};
	for (size_t i = 0; i < n && i < 10; i++) {
		agg_label(a, v[i], &b);
		buf_printf(&list, "%s'%s'", i ? ", " : "", b.p);
	}
	if (n > 10)
		buf_printf(&list, " and %zu more", n - 10);
	diag_error("--baseline '%s' is not a group (groups: %s)", want, n ? list.p : "none");
	buf_free(&b);
	buf_free(&list);
}

static int compare_finish(void *ctx)
{
	struct compare_ctx *c = ctx;
	const struct agg *a = &c->agg;
	size_t n;
	struct agg_group **v = agg_sorted(a, &n);
	long base = find_baseline(a, v, n, c->cfg->baseline);
	if (c->cfg->baseline && base < 0) {
		no_such_group(a, v, n, c->cfg->baseline);
		free(v);
		return COT_EXIT_USAGE;
	}
	if (n == 1) {
		struct buf b = {0};
		agg_label(a, v[0], &b);
		diag_error("note: one group only ('%s'): nothing to compare with (see --group-by)", b.p);
		buf_free(&b);
	}
	size_t nrows = n > 1 ? (n - 1) * COT_NBEHAV : 0, k = 0;
	double *p = xmalloc((nrows ? nrows : 1) * sizeof *p), *adj = xmalloc((nrows ? nrows : 1) * sizeof *adj);
	int *fisher = xmalloc((nrows ? nrows : 1) * sizeof *fisher);
	for (size_t i = 0; i < n; i++) {
		if ((long)i == base)
			continue;
		const struct agg_stats *s = &v[i]->s, *s0 = &v[base]->s;
		for (int b = 0; b < COT_NBEHAV; b++, k++) {
			fisher[k] = stats_small_counts(s->with[b], s->traces, s0->with[b], s0->traces);
			p[k] = fisher[k] ? stats_fisher_exact(s->with[b], s->traces - s->with[b], s0->with[b],
							      s0->traces - s0->with[b])
					 : stats_prop_test(s->with[b], s->traces, s0->with[b], s0->traces);
		}
	}
	stats_holm(p, adj, (int)nrows);

	size_t ncols = (size_t)a->nfields + NCOMPARE_COLS;
	const char **cols = xmalloc(ncols * sizeof *cols);
	for (int f = 0; f < a->nfields; f++)
		cols[f] = a->fields[f];
	memcpy(cols + a->nfields, compare_cols, sizeof compare_cols);
	double z = stats_z_for_level(c->cfg->level);
	struct buf label = {0};
	if (base >= 0)
		agg_label(a, v[base], &label);
	struct tabout t;
	tabout_begin(&t, c->out, c->cfg->format, ncols, cols);
	tabout_stamp(&t, c->rules_hash);
	k = 0;
	for (size_t i = 0; i < n; i++) {
		if ((long)i == base)
			continue;
		const struct agg_stats *s = &v[i]->s, *s0 = &v[base]->s;
		double n1 = (double)s->traces, n0 = (double)s0->traces;
		for (int b = 0; b < COT_NBEHAV; b++, k++) {
			double lo, hi, r1 = (double)s->with[b] / n1, r0 = (double)s0->with[b] / n0;
			stats_diff_interval(s->with[b], s->traces, s0->with[b], s0->traces, z, &lo, &hi);
			for (int f = 0; f < a->nfields; f++)
				tabout_str(&t, v[i]->vals[f]);
			tabout_str(&t, cot_behaviour_name(b));
			tabout_str(&t, label.p);
			tabout_num(&t, "%llu", s->traces);
			tabout_num(&t, "%.4f", r1);
			tabout_num(&t, "%llu", s0->traces);
			tabout_num(&t, "%.4f", r0);
			tabout_num(&t, "%.4f", r1 - r0);
			tabout_num(&t, "%.4f", lo);
			tabout_num(&t, "%.4f", hi);
			tabout_str(&t, fisher[k] ? "fisher" : "z");
			tabout_num(&t, "%.3g", p[k]);
			tabout_num(&t, "%.3g", adj[k]);
			double ratio = ((double)s->sum[b] / n1) / ((double)s0->sum[b] / n0);
			tabout_num(&t, "%.4f", isnan(ratio) ? NAN : ratio); /* 0/0: nan, not -nan */
			tabout_row_end(&t);
		}
	}
	tabout_end(&t);
	buf_free(&label);
	free(cols);
	free(p);
	free(adj);
	free(fisher);
	free(v);
	return 0;
}

static void compare_free(void *ctx)
{
	struct compare_ctx *c = ctx;
	agg_free(&c->agg);
	free(c);
}

int sink_compare_init(struct sink *s, const struct compare_cfg *cfg, const struct sink_env *env)
{
	struct compare_ctx *c = xmalloc(sizeof *c);
	agg_init(&c->agg, cfg->group_by);
	c->out = env->out;
	c->cfg = cfg;
	c->rules_hash = env->rules->hash;
	*s = (struct sink){ .ctx = c, .line = compare_line, .finish = compare_finish, .free = compare_free };
	return 0;
}
