/* compare.c - see compare.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "agg.h"
#include "compare.h"
#include "diag.h"
#include "stats.h"
#include "tabout.h"

/* One trace, kept for --pair-by: its group, its pair key, its counts and words. */
struct ptrace {
	const char *gkey;         /* the group's key in the aggregate (one pointer per group) */
	char *pkey;               /* owned: the --pair-by value, NULL when the field is missing */
	size_t g;                 /* the group's index in table order (set at the end) */
	unsigned counts[COT_NBEHAV];
	unsigned long long words;
};

/* Per group and a hash of a trace's prompt or model, for the notes on dependence. */
struct seen {
	const char *gkey;
	unsigned long long h;
};

/* (hash, group) order */
static int cmp_seen(const void *pa, const void *pb)
{
	const struct seen *a = pa, *b = pb;
	if (a->h != b->h)
		return a->h < b->h ? -1 : 1;
	return a->gkey < b->gkey ? -1 : a->gkey > b->gkey;
}

/* (group, hash) order */
static int cmp_seen_group(const void *pa, const void *pb)
{
	const struct seen *a = pa, *b = pb;
	if (a->gkey != b->gkey)
		return a->gkey < b->gkey ? -1 : 1;
	return a->h < b->h ? -1 : a->h > b->h;
}

/*
 * A list of (group, hash) seen, kept free of repeats: sorted and made unique
 * (in cmp's order) whenever it fills, so that it grows with the distinct
 * pairs (prompts per group, models per group), not with the traces.
 */
struct seenv {
	struct seen *v;
	size_t n, cap;
};

static void seen_add(struct seenv *l, struct seen s, int (*cmp)(const void *, const void *))
{
	if (l->n == l->cap) {
		size_t k = 0;
		if (l->n)
			qsort(l->v, l->n, sizeof *l->v, cmp);
		for (size_t i = 0; i < l->n; i++)
			if (k == 0 || cmp(&l->v[k - 1], &l->v[i]) != 0)
				l->v[k++] = l->v[i];
		l->n = k;
		if (l->cap == 0 || l->n > l->cap / 2) {
			l->cap = l->cap ? 2 * l->cap : 1024;
			l->v = xrealloc(l->v, l->cap * sizeof *l->v);
		}
	}
	l->v[l->n++] = s;
}

struct compare_ctx {
	struct agg agg;           /* per group: every number of the unpaired comparison */
	struct agg clusters;      /* --cluster-by: per group and cluster */
	int clustered;
	struct ptrace *pt;        /* --pair-by: every tagged trace */
	size_t npt, cappt;
	struct seenv prompts, models; /* without --pair-by/--cluster-by: what the notes look at */
	struct buf tmp;
	FILE *out;
	const struct compare_cfg *cfg;
	unsigned long long rules_hash;
};

static void compare_line(void *ctx, const struct trace_result *r)
{
	struct compare_ctx *c = ctx;
	const char *gkey = agg_add_result(&c->agg, r);
	if (!gkey)
		return;
	if (c->clustered)
		agg_add_result(&c->clusters, r);
	if (c->cfg->pair_by) {
		GROW(c->pt, c->npt, c->cappt);
		struct ptrace *p = &c->pt[c->npt++];
		p->gkey = gkey;
		p->pkey = pipeline_field_text(r, c->cfg->pair_by, &c->tmp) ? xstrdup(c->tmp.p) : NULL;
		memcpy(p->counts, r->counts, sizeof p->counts);
		p->words = r->words;
	}
	if (!c->cfg->pair_by && !c->cfg->cluster_by) {
		if (pipeline_field_text(r, "prompt", &c->tmp))
			seen_add(&c->prompts, (struct seen){ gkey, util_fnv64(FNV64_INIT, c->tmp.p, c->tmp.len) }, cmp_seen);
		seen_add(&c->models, (struct seen){ gkey, util_fnv64(FNV64_INIT, r->model, strlen(r->model)) }, cmp_seen_group);
	}
}

static const char *const compare_cols[] = {
	"behaviour", "baseline", "traces", "rate", "baseline_traces", "baseline_rate", "diff", "diff_lo", "diff_hi",
	"test", "p_value", "p_holm", "mean_ratio",
	/* added after the columns above, which stay as they were */
	"mean_ratio_lo", "mean_ratio_hi", "count_test", "count_p", "per_1k_words", "baseline_per_1k_words",
	"per_1k_ratio", "per_1k_ratio_lo", "per_1k_ratio_hi", "unit", "pairs", "unpaired", "baseline_unpaired",
	"discordant_group", "discordant_baseline", "clusters", "baseline_clusters",
};
#define NCOMPARE_COLS (sizeof compare_cols / sizeof *compare_cols)

/* One row of the table: a group against the baseline on one behaviour. */
struct row {
	double rate, brate, diff, lo, hi, p;
	const char *test;
	double ratio, rlo, rhi;   /* mean_ratio */
	const char *count_test;
	double count_p;
	double k, bk, kratio, klo, khi; /* per 1,000 words */
	double pairs, unp, bunp, disc, bdisc, ncl, bncl; /* NAN: not this analysis */
};

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

/* The row fields that every analysis fills the same way when it does not apply. */
static void row_blank(struct row *r)
{
	r->pairs = r->unp = r->bunp = r->disc = r->bdisc = r->ncl = r->bncl = NAN;
	r->count_p = NAN;
	r->count_test = "";
}

/* The per-1,000-words columns of independent samples: ratio by the delta method, Welch df. */
static void per_words_indep(struct row *r, const struct agg_stats *s, const struct agg_stats *s0, int b, double level)
{
	double lo, hi;
	stats_per_words(s->traces, s->sum[b], s->sumsq[b], s->cw[b], s->words, s->wordsq, level, &r->k, &lo, &hi);
	stats_per_words(s0->traces, s0->sum[b], s0->sumsq[b], s0->cw[b], s0->words, s0->wordsq, level, &r->bk, &lo,
			&hi);
	double v1 = stats_per_words_var(s->traces, s->sum[b], s->sumsq[b], s->cw[b], s->words, s->wordsq);
	double v0 = stats_per_words_var(s0->traces, s0->sum[b], s0->sumsq[b], s0->cw[b], s0->words, s0->wordsq);
	double df = stats_welch_df(v1, (double)s->traces, v0, (double)s0->traces);
	r->kratio = r->k / r->bk;
	stats_ratio_interval(r->k, v1, r->bk, v0, 0, stats_t_for_level(level, df), &r->klo, &r->khi);
}

/* Traces treated as independent: the 2x2 test per behaviour, Welch on the counts. */
static void rows_traces(struct row *rows, const struct agg_stats *s, const struct agg_stats *s0, double level)
{
	double z = stats_z_for_level(level);
	for (int b = 0; b < COT_NBEHAV; b++) {
		struct row *r = &rows[b];
		row_blank(r);
		double n1 = (double)s->traces, n0 = (double)s0->traces;
		r->rate = (double)s->with[b] / n1;
		r->brate = (double)s0->with[b] / n0;
		r->diff = r->rate - r->brate;
		stats_diff_interval(s->with[b], s->traces, s0->with[b], s0->traces, z, &r->lo, &r->hi);
		int fisher = stats_small_counts(s->with[b], s->traces, s0->with[b], s0->traces);
		r->p = fisher ? stats_fisher_exact(s->with[b], s->traces - s->with[b], s0->with[b], s0->traces - s0->with[b])
			      : stats_prop_test(s->with[b], s->traces, s0->with[b], s0->traces);
		r->test = fisher ? "fisher" : "z";
		double m1 = (double)s->sum[b] / n1, m0 = (double)s0->sum[b] / n0, df;
		double v1 = stats_mean_var(s->traces, s->sum[b], s->sumsq[b]);
		double v0 = stats_mean_var(s0->traces, s0->sum[b], s0->sumsq[b]);
		r->ratio = m1 / m0;
		r->count_p = stats_welch_test(m1, v1, n1, m0, v0, n0, &df);
		r->count_test = "welch";
		stats_ratio_interval(m1, v1, m0, v0, 0, stats_t_for_level(level, df), &r->rlo, &r->rhi);
		per_words_indep(r, s, s0, b, level);
	}
}

static int cmp_ptrace(const void *pa, const void *pb)
{
	const struct ptrace *a = pa, *b = pb;
	int c = strcmp(a->pkey, b->pkey);
	if (c)
		return c;
	return a->g < b->g ? -1 : a->g > b->g;
}

/*
 * --pair-by: a trace of group g and one of the baseline with the same value
 * are a pair when each is the only trace of its group with that value.
 * pt[0..n) are the keyed traces sorted by (key, group).
 */
static void rows_pairs(struct row *rows, const struct ptrace *pt, size_t n, size_t g, size_t base,
		       const struct agg_stats *s, const struct agg_stats *s0, double level)
{
	double z = stats_z_for_level(level);
	unsigned long long np = 0, tab[COT_NBEHAV][4] = { { 0 } };
	struct agg_stats p1 = {0}, p0 = {0};
	double sxy[COT_NBEHAV] = { 0 };
	long long *d = xmalloc(COT_NBEHAV * (n ? n : 1) * sizeof *d);
	for (size_t i = 0; i < n;) {
		size_t j = i, ng = 0, nb = 0;
		const struct ptrace *tg = NULL, *tb = NULL;
		while (j < n && strcmp(pt[j].pkey, pt[i].pkey) == 0) {
			if (pt[j].g == g)
				ng++, tg = &pt[j];
			else if (pt[j].g == base)
				nb++, tb = &pt[j];
			j++;
		}
		i = j;
		if (ng != 1 || nb != 1)
			continue;
		const struct ptrace *two[2] = { tg, tb };
		struct agg_stats *ps[2] = { &p1, &p0 };
		for (int k = 0; k < 2; k++) {
			ps[k]->traces++;
			ps[k]->words += two[k]->words;
			ps[k]->wordsq += two[k]->words * two[k]->words;
		}
		for (int b = 0; b < COT_NBEHAV; b++) {
			unsigned long long x = tg->counts[b], y = tb->counts[b];
			tab[b][(x > 0 ? 0 : 2) + (y > 0 ? 0 : 1)]++; /* a: both, b: only the group, c: only the baseline, d: neither */
			unsigned long long xy[2] = { x, y };
			for (int k = 0; k < 2; k++) {
				ps[k]->with[b] += xy[k] > 0;
				ps[k]->sum[b] += xy[k];
				ps[k]->sumsq[b] += xy[k] * xy[k];
				ps[k]->cw[b] += xy[k] * two[k]->words;
			}
			sxy[b] += (double)x * (double)y;
			d[(size_t)b * n + np] = (long long)x - (long long)y;
		}
		np++;
	}
	for (int b = 0; b < COT_NBEHAV; b++) {
		struct row *r = &rows[b];
		row_blank(r);
		r->pairs = (double)np;
		r->unp = (double)(s->traces - np);
		r->bunp = (double)(s0->traces - np);
		unsigned long long a = tab[b][0], bb = tab[b][1], cc = tab[b][2], dd = tab[b][3];
		r->disc = (double)bb;
		r->bdisc = (double)cc;
		r->k = r->bk = r->kratio = r->klo = r->khi = NAN;
		if (np == 0) {
			r->rate = r->brate = r->diff = r->lo = r->hi = r->p = NAN;
			r->ratio = r->rlo = r->rhi = NAN;
			r->test = r->count_test = "none";
			continue;
		}
		double nn = (double)np;
		r->rate = (double)(a + bb) / nn;
		r->brate = (double)(a + cc) / nn;
		r->diff = r->rate - r->brate;
		stats_paired_diff_interval(a, bb, cc, dd, z, &r->lo, &r->hi);
		int exact = bb + cc < STATS_MCNEMAR_EXACT_BELOW;
		r->p = exact ? stats_mcnemar_exact(bb, cc) : stats_mcnemar_chi2(bb, cc);
		r->test = exact ? "mcnemar-exact" : "mcnemar-chi2";
		int wexact;
		r->count_p = stats_wilcoxon(d + (size_t)b * n, np, &wexact);
		r->count_test = wexact ? "wilcoxon-exact" : "wilcoxon-normal";
		/* the ratio of the paired means, with the covariance of the pairs */
		double m1 = (double)p1.sum[b] / nn, m0 = (double)p0.sum[b] / nn;
		double v1 = stats_mean_var(np, p1.sum[b], p1.sumsq[b]), v0 = stats_mean_var(np, p0.sum[b], p0.sumsq[b]);
		double cov = np > 1 ? (sxy[b] - nn * m1 * m0) / (nn - 1) / nn : NAN;
		r->ratio = m1 / m0;
		stats_ratio_interval(m1, v1, m0, v0, cov, stats_t_for_level(level, np <= STATS_T_MAX_N ? nn - 1 : INFINITY),
				     &r->rlo, &r->rhi);
		per_words_indep(r, &p1, &p0, b, level);
	}
	free(d);
}

/* The mean of x[0..n) and the variance of that mean (s^2 / n; NaN when n < 2). */
static void mean_and_var(const double *x, size_t n, double *m, double *v)
{
	double s = 0, ss = 0;
	for (size_t i = 0; i < n; i++)
		s += x[i];
	*m = s / (double)n;
	for (size_t i = 0; i < n; i++)
		ss += (x[i] - *m) * (x[i] - *m);
	*v = n > 1 ? ss / (double)(n - 1) / (double)n : NAN;
}

/* The clusters of one group: [first, first + n) of the sorted cluster aggregate. */
struct cluster_span {
	size_t first, n;
};

/*
 * --cluster-by: every number from the cluster-level rates, means and
 * per-1,000-word rates, the cluster the unit: Welch's interval and a
 * permutation test over the assignment of the clusters to the two groups.
 */
static void rows_clusters(struct row *rows, struct agg_group **cl, struct cluster_span g, struct cluster_span g0,
			  const struct compare_cfg *cfg)
{
	size_t n = g.n + g0.n;
	double *x = xmalloc(3 * (n ? n : 1) * sizeof *x), *m = x + n, *k = m + n;
	for (int b = 0; b < COT_NBEHAV; b++) {
		struct row *r = &rows[b];
		row_blank(r);
		r->ncl = (double)g.n;
		r->bncl = (double)g0.n;
		for (size_t i = 0; i < n; i++) {
			const struct agg_stats *s = &cl[i < g.n ? g.first + i : g0.first + i - g.n]->s;
			x[i] = (double)s->with[b] / (double)s->traces;
			m[i] = (double)s->sum[b] / (double)s->traces;
			k[i] = s->words ? 1000.0 * (double)s->sum[b] / (double)s->words : 0;
		}
		double df, ignore;
		r->diff = stats_welch(x, g.n, x + g.n, g0.n, cfg->level, &r->lo, &r->hi, &df);
		mean_and_var(x, g.n, &r->rate, &ignore);
		mean_and_var(x + g.n, g0.n, &r->brate, &ignore);
		/* the ratios of the mean cluster means (and per-1,000-word rates), Welch's df */
		double m1, v1, m0, v0;
		mean_and_var(m, g.n, &m1, &v1);
		mean_and_var(m + g.n, g0.n, &m0, &v0);
		r->ratio = m1 / m0;
		df = stats_welch_df(v1, (double)g.n, v0, (double)g0.n);
		stats_ratio_interval(m1, v1, m0, v0, 0, stats_t_for_level(cfg->level, df), &r->rlo, &r->rhi);
		mean_and_var(k, g.n, &m1, &v1);
		mean_and_var(k + g.n, g0.n, &m0, &v0);
		r->k = m1;
		r->bk = m0;
		r->kratio = m1 / m0;
		df = stats_welch_df(v1, (double)g.n, v0, (double)g0.n);
		stats_ratio_interval(m1, v1, m0, v0, 0, stats_t_for_level(cfg->level, df), &r->klo, &r->khi);
		int exact;
		r->p = stats_perm_test(x, g.n, g0.n, cfg->seed, &exact);
		r->test = isnan(r->p) ? "none" : exact ? "cluster-permutation" : "cluster-permutation-mc";
		r->count_p = stats_perm_test(m, g.n, g0.n, cfg->seed, &exact);
		r->count_test = isnan(r->count_p) ? "none" : exact ? "cluster-permutation" : "cluster-permutation-mc";
	}
	free(x);
}

/* The runs of equal first key (by first) of sorted v[0..n) that hold two second keys (by second). */
static size_t mixed_runs(const struct seen *v, size_t n, int by_hash)
{
	size_t runs = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		int mixed = 0;
		for (; j < n && (by_hash ? v[j].h == v[i].h : v[j].gkey == v[i].gkey); j++)
			mixed |= by_hash ? v[j].gkey != v[i].gkey : v[j].h != v[i].h;
		if (mixed)
			runs++;
		i = j;
	}
	return runs;
}

/*
 * Without --pair-by or --cluster-by: a note on stderr when traces of
 * different groups share their prompt text, or a group holds several
 * models, since then the traces are not independent.
 */
static void dependence_notes(struct compare_ctx *c)
{
	if (c->prompts.n)
		qsort(c->prompts.v, c->prompts.n, sizeof *c->prompts.v, cmp_seen);
	size_t shared = mixed_runs(c->prompts.v, c->prompts.n, 1);
	if (shared)
		diag_error("note: %zu prompts are answered in more than one group, so the traces are not independent: "
			   "pair them by problem (--pair-by FIELD, e.g. meta.question_id or prompt)", shared);
	if (c->models.n)
		qsort(c->models.v, c->models.n, sizeof *c->models.v, cmp_seen_group);
	size_t multi = mixed_runs(c->models.v, c->models.n, 0);
	if (multi)
		diag_error("note: %zu groups are made of several models, so their traces are not independent: "
			   "take the model as the unit (--cluster-by model)", multi);
}

/* The unit of analysis, for the unit column and the markdown caption. */
static void unit_text(const struct compare_cfg *cfg, struct buf *b)
{
	buf_reset(b);
	if (cfg->pair_by)
		buf_printf(b, "pairs by %s", cfg->pair_by);
	else if (cfg->cluster_by)
		buf_printf(b, "clusters by %s", cfg->cluster_by);
	else
		buf_addstr(b, "traces treated as independent");
}

/* The key of a group of the cluster aggregate equals group v's on the group fields. */
static int same_group(const struct agg_group *cl, const struct agg_group *v, int nfields)
{
	for (int f = 0; f < nfields; f++)
		if (strcmp(cl->vals[f], v->vals[f]) != 0)
			return 0;
	return 1;
}

/* A group's key and its index in table order. */
struct gindex {
	const char *key;
	size_t i;
};

static int cmp_gindex(const void *pa, const void *pb)
{
	const struct gindex *a = pa, *b = pb;
	return a->key < b->key ? -1 : a->key > b->key;
}

static int compare_finish(void *ctx)
{
	struct compare_ctx *c = ctx;
	const struct compare_cfg *cfg = c->cfg;
	const struct agg *a = &c->agg;
	size_t n;
	struct agg_group **v = agg_sorted(a, &n);
	long base = find_baseline(a, v, n, cfg->baseline);
	if (cfg->baseline && base < 0) {
		no_such_group(a, v, n, cfg->baseline);
		free(v);
		return COT_EXIT_USAGE;
	}
	if (n == 1) {
		struct buf b = {0};
		agg_label(a, v[0], &b);
		diag_error("note: one group only ('%s'): nothing to compare with (see --group-by)", b.p);
		buf_free(&b);
	}
	if (n > 1 && !cfg->pair_by && !cfg->cluster_by)
		dependence_notes(c);

	/* --pair-by: the traces in (key, group) order, the keyless ones left out */
	size_t nk = 0, dup = 0;
	if (cfg->pair_by) {
		struct gindex *gi = xmalloc((n ? n : 1) * sizeof *gi);
		for (size_t i = 0; i < n; i++)
			gi[i] = (struct gindex){ v[i]->key, i };
		qsort(gi, n, sizeof *gi, cmp_gindex);
		for (size_t i = 0; i < c->npt; i++) {
			struct gindex want = { c->pt[i].gkey, 0 }, *hit = bsearch(&want, gi, n, sizeof *gi, cmp_gindex);
			c->pt[i].g = hit->i;
			if (c->pt[i].pkey)
				c->pt[nk++] = c->pt[i];
		}
		for (size_t i = nk; i < c->npt; i++)
			c->pt[i].pkey = NULL; /* moved, or none: each key is owned by one entry below nk */
		free(gi);
		if (nk)
			qsort(c->pt, nk, sizeof *c->pt, cmp_ptrace);
		for (size_t i = 1; i < nk; i++)
			if (c->pt[i].g == c->pt[i - 1].g && strcmp(c->pt[i].pkey, c->pt[i - 1].pkey) == 0)
				dup++;
		if (c->npt > nk)
			diag_error("note: %zu traces have no field '%s': left unpaired", c->npt - nk, cfg->pair_by);
		if (dup)
			diag_error("note: %zu traces repeat a '%s' value of their group: those values are left unpaired "
				   "(for repeated answers to one problem, use --cluster-by)", dup, cfg->pair_by);
	}
	/* --cluster-by: each group's span of the clusters */
	size_t ncl = 0;
	struct agg_group **cl = NULL;
	struct cluster_span *span = xmalloc((n ? n : 1) * sizeof *span);
	memset(span, 0, (n ? n : 1) * sizeof *span);
	if (c->clustered) {
		cl = agg_sorted(&c->clusters, &ncl);
		for (size_t i = 0, j = 0; i < n; i++) {
			span[i].first = j;
			while (j < ncl && same_group(cl[j], v[i], a->nfields))
				j++;
			span[i].n = j - span[i].first;
		}
	}

	size_t nrows = n > 1 ? (n - 1) * COT_NBEHAV : 0, k = 0;
	struct row *rows = xmalloc((nrows ? nrows : 1) * sizeof *rows);
	double *p = xmalloc((nrows ? nrows : 1) * sizeof *p), *adj = xmalloc((nrows ? nrows : 1) * sizeof *adj);
	struct buf label = {0}, other = {0};
	if (base >= 0)
		agg_label(a, v[base], &label);
	for (size_t i = 0; i < n; i++) {
		if ((long)i == base)
			continue;
		const struct agg_stats *s = &v[i]->s, *s0 = &v[base]->s;
		if (cfg->pair_by)
			rows_pairs(&rows[k], c->pt, nk, i, (size_t)base, s, s0, cfg->level);
		else if (c->clustered) {
			rows_clusters(&rows[k], cl, span[i], span[base], cfg);
			if (span[i].n == 1 && span[base].n == 1) {
				agg_label(a, v[i], &other);
				diag_error("note: '%s' and the baseline '%s' have one cluster each (--cluster-by %s): "
					   "no interval and no p-value", other.p, label.p, cfg->cluster_by);
			}
		} else
			rows_traces(&rows[k], s, s0, cfg->level);
		for (int b = 0; b < COT_NBEHAV; b++, k++)
			p[k] = rows[k].p;
	}
	stats_holm(p, adj, (int)nrows);

	size_t ncols = (size_t)a->nfields + NCOMPARE_COLS;
	const char **cols = xmalloc(ncols * sizeof *cols);
	for (int f = 0; f < a->nfields; f++)
		cols[f] = a->fields[f];
	memcpy(cols + a->nfields, compare_cols, sizeof compare_cols);
	struct buf unit = {0};
	unit_text(cfg, &unit);
	if (cfg->format == FMT_MARKDOWN)
		fprintf(c->out, "Unit of analysis: %s.\n\n", unit.p);
	struct tabout t;
	tabout_begin(&t, c->out, cfg->format, ncols, cols);
	tabout_stamp(&t, c->rules_hash);
	k = 0;
	for (size_t i = 0; i < n; i++) {
		if ((long)i == base)
			continue;
		for (int b = 0; b < COT_NBEHAV; b++, k++) {
			const struct row *r = &rows[k];
			for (int f = 0; f < a->nfields; f++)
				tabout_str(&t, v[i]->vals[f]);
			tabout_str(&t, cot_behaviour_name(b));
			tabout_str(&t, label.p);
			tabout_num(&t, "%llu", v[i]->s.traces);
			tabout_dbl(&t, 4, r->rate);
			tabout_num(&t, "%llu", v[base]->s.traces);
			tabout_dbl(&t, 4, r->brate);
			tabout_dbl(&t, 4, r->diff);
			tabout_dbl(&t, 4, r->lo);
			tabout_dbl(&t, 4, r->hi);
			tabout_str(&t, r->test);
			tabout_sig(&t, 3, r->p);
			tabout_sig(&t, 3, adj[k]);
			/* 0/0: nan, not -nan */
			tabout_dbl(&t, 4, isnan(r->ratio) ? NAN : r->ratio);
			tabout_dbl(&t, 4, r->rlo);
			tabout_dbl(&t, 4, r->rhi);
			tabout_str(&t, r->count_test);
			tabout_sig(&t, 3, r->count_p);
			tabout_dbl(&t, 4, r->k);
			tabout_dbl(&t, 4, r->bk);
			tabout_dbl(&t, 4, isnan(r->kratio) ? NAN : r->kratio);
			tabout_dbl(&t, 4, r->klo);
			tabout_dbl(&t, 4, r->khi);
			tabout_str(&t, unit.p);
			const double cnt[] = { r->pairs, r->unp, r->bunp, r->disc, r->bdisc, r->ncl, r->bncl };
			for (size_t j = 0; j < sizeof cnt / sizeof *cnt; j++)
				tabout_dbl(&t, 0, cnt[j]);
			tabout_row_end(&t);
		}
	}
	tabout_end(&t);
	buf_free(&unit);
	buf_free(&label);
	buf_free(&other);
	free(cols);
	free(rows);
	free(p);
	free(adj);
	free(span);
	free(cl);
	free(v);
	return 0;
}

static void compare_free(void *ctx)
{
	struct compare_ctx *c = ctx;
	agg_free(&c->agg);
	if (c->clustered)
		agg_free(&c->clusters);
	for (size_t i = 0; i < c->npt; i++)
		free(c->pt[i].pkey);
	free(c->pt);
	free(c->prompts.v);
	free(c->models.v);
	buf_free(&c->tmp);
	free(c);
}

int sink_compare_init(struct sink *s, const struct compare_cfg *cfg, const struct sink_env *env)
{
	struct compare_ctx *c = xmalloc(sizeof *c);
	memset(c, 0, sizeof *c);
	agg_init(&c->agg, cfg->group_by);
	if (cfg->cluster_by) {
		struct buf f = {0};
		buf_printf(&f, "%s,%s", cfg->group_by ? cfg->group_by : AGG_MODEL_FIELD, cfg->cluster_by);
		agg_init(&c->clusters, f.p);
		buf_free(&f);
		c->clustered = 1;
	}
	c->out = env->out;
	c->cfg = cfg;
	c->rules_hash = env->rules->hash;
	*s = (struct sink){ .ctx = c, .line = compare_line, .finish = compare_finish, .free = compare_free };
	return 0;
}
