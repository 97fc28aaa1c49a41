/* report.c - see report.h. */
#include <stdlib.h>
#include <string.h>

#include "agg.h"
#include "diag.h"
#include "outfile.h"
#include "report.h"
#include "stats.h"
#include "svg.h"
#include "tabout.h"

static const char *const report_cols[] = { "behaviour", "traces", "traces_with", "rate", "rate_lo", "rate_hi",
					   "mean_count", "mean_lo", "mean_hi", "total_count",
					   "per_1k_words", "per_1k_lo", "per_1k_hi" };
#define NREPORT_COLS (sizeof report_cols / sizeof *report_cols)

void report_table(const struct agg *a, FILE *fp, int fmt, double level, unsigned long long rules_hash)
{
	size_t ncols = (size_t)a->nfields + NREPORT_COLS;
	const char **cols = xmalloc(ncols * sizeof *cols);
	for (int f = 0; f < a->nfields; f++)
		cols[f] = a->fields[f];
	memcpy(cols + a->nfields, report_cols, sizeof report_cols);
	double z = stats_z_for_level(level);
	struct tabout t;
	size_t n;
	struct agg_group **v = agg_sorted(a, &n);
	tabout_begin(&t, fp, fmt, ncols, cols);
	tabout_stamp(&t, rules_hash);
	for (size_t i = 0; i < n; i++) {
		const struct agg_stats *s = &v[i]->s;
		double tr = (double)s->traces;
		for (int b = 0; b < COT_NBEHAV; b++) {
			double rlo, rhi, mlo, mhi, k, klo, khi;
			stats_wilson(s->with[b], s->traces, z, &rlo, &rhi);
			stats_mean_interval(s->traces, s->sum[b], s->sumsq[b], level, &mlo, &mhi);
			stats_per_words(s->traces, s->sum[b], s->sumsq[b], s->cw[b], s->words, s->wordsq, level, &k,
					&klo, &khi);
			for (int f = 0; f < a->nfields; f++)
				tabout_str(&t, v[i]->vals[f]);
			tabout_str(&t, cot_behaviour_name(b));
			tabout_num(&t, "%llu", s->traces);
			tabout_num(&t, "%llu", s->with[b]);
			tabout_dbl(&t, 4, (double)s->with[b] / tr);
			tabout_dbl(&t, 4, rlo);
			tabout_dbl(&t, 4, rhi);
			tabout_dbl(&t, 4, (double)s->sum[b] / tr);
			tabout_dbl(&t, 4, mlo);
			tabout_dbl(&t, 4, mhi);
			tabout_num(&t, "%llu", s->sum[b]);
			tabout_dbl(&t, 4, k);
			tabout_dbl(&t, 4, klo);
			tabout_dbl(&t, 4, khi);
			tabout_row_end(&t);
		}
	}
	tabout_end(&t);
	free(v);
	free(cols);
}

int report_write(const struct agg *a, const struct report_cfg *cfg, FILE *out, unsigned long long rules_hash)
{
	if (cfg->partial)
		agg_write_partial(a, out, rules_hash);
	else
		report_table(a, out, cfg->format, cfg->level, rules_hash);
	if (!cfg->svg)
		return 0;
	/* the chart: -o semantics, replaced only when complete */
	struct outfile o = {0};
	if (outfile_open(&o, cfg->svg) < 0)
		return COT_EXIT_IO;
	svg_write(a, o.fp, cfg->level, cfg->title, cfg->order);
	return outfile_close(&o, 1) < 0 ? COT_EXIT_IO : 0;
}

/* The `report` sink: aggregate per group, write the results at the end. */
struct report_ctx {
	struct agg agg;
	FILE *out;
	const struct report_cfg *cfg;
	unsigned long long rules_hash;
	const struct diag *diag;
};

static void report_line(void *ctx, const struct trace_result *r)
{
	struct report_ctx *c = ctx;
	agg_add_result(&c->agg, r);
}

static int report_finish(void *ctx)
{
	struct report_ctx *c = ctx;
	if (c->diag) { /* what --where / --drop-defects left out, for the partial */
		c->agg.filtered = c->diag->filtered;
		c->agg.filtering = c->diag->filtering;
	}
	return report_write(&c->agg, c->cfg, c->out, c->rules_hash);
}

static void report_free(void *ctx)
{
	struct report_ctx *c = ctx;
	agg_free(&c->agg);
	free(c);
}

int sink_report_init(struct sink *s, const struct report_cfg *cfg, const struct sink_env *env)
{
	struct report_ctx *c = xmalloc(sizeof *c);
	agg_init(&c->agg, cfg->group_by);
	c->out = env->out;
	c->cfg = cfg;
	c->rules_hash = env->rules->hash;
	c->diag = env->diag;
	*s = (struct sink){ .ctx = c, .line = report_line, .finish = report_finish, .free = report_free };
	return 0;
}
