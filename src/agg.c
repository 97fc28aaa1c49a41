/* agg.c - see agg.h. */
#include <stdlib.h>
#include <string.h>

#include "agg.h"
#include "csvout.h"
#include "tabout.h"
#include "sink.h"
#include "util.h"

void agg_init(struct agg *a)
{
	a->nslots = 64;
	a->n = 0;
	a->slots = xmalloc(a->nslots * sizeof *a->slots);
	memset(a->slots, 0, a->nslots * sizeof *a->slots);
}

void agg_free(struct agg *a)
{
	for (size_t i = 0; i < a->nslots; i++)
		free(a->slots[i].key);
	free(a->slots);
	memset(a, 0, sizeof *a);
}

static size_t slot_of(const struct agg_group *slots, size_t nslots, const char *key)
{
	size_t i = (size_t)fnv64(FNV64_INIT, key, strlen(key)) & (nslots - 1);
	while (slots[i].key && strcmp(slots[i].key, key) != 0)
		i = (i + 1) & (nslots - 1);
	return i;
}

static void grow(struct agg *a)
{
	size_t n2 = a->nslots * 2;
	struct agg_group *s2 = xmalloc(n2 * sizeof *s2);
	memset(s2, 0, n2 * sizeof *s2);
	for (size_t i = 0; i < a->nslots; i++)
		if (a->slots[i].key)
			s2[slot_of(s2, n2, a->slots[i].key)] = a->slots[i];
	free(a->slots);
	a->slots = s2;
	a->nslots = n2;
}

void agg_add(struct agg *a, const char *key, const unsigned counts[COT_NBEHAV])
{
	if (2 * (a->n + 1) > a->nslots)
		grow(a);
	size_t i = slot_of(a->slots, a->nslots, key);
	struct agg_group *g = &a->slots[i];
	if (!g->key) {
		g->key = xstrdup(key);
		a->n++;
	}
	g->s.traces++;
	for (int b = 0; b < COT_NBEHAV; b++) {
		unsigned long long c = counts[b];
		g->s.with[b] += c > 0;
		g->s.sum[b] += c;
		g->s.sumsq[b] += c * c;
	}
}

static int cmp_group(const void *pa, const void *pb)
{
	const struct agg_group *a = *(struct agg_group *const *)pa, *b = *(struct agg_group *const *)pb;
	return strcmp(a->key, b->key);
}

struct agg_group **agg_sorted(const struct agg *a, size_t *n)
{
	struct agg_group **v = xmalloc((a->n ? a->n : 1) * sizeof *v);
	size_t k = 0;
	for (size_t i = 0; i < a->nslots; i++)
		if (a->slots[i].key)
			v[k++] = &a->slots[i];
	qsort(v, k, sizeof *v, cmp_group);
	*n = k;
	return v;
}

void agg_write(const struct agg *a, FILE *fp, int fmt)
{
	static const char *const cols[] = { "model", "behaviour", "traces", "traces_with", "rate",
					    "mean_count", "total_count" };
	struct tabout t;
	size_t n;
	struct agg_group **v = agg_sorted(a, &n);
	tabout_begin(&t, fp, fmt, sizeof cols / sizeof *cols, cols);
	for (size_t i = 0; i < n; i++) {
		const struct agg_stats *s = &v[i]->s;
		double tr = (double)s->traces;
		for (int b = 0; b < COT_NBEHAV; b++) {
			tabout_str(&t, v[i]->key);
			tabout_str(&t, cot_behaviour_name(b));
			tabout_num(&t, "%llu", s->traces);
			tabout_num(&t, "%llu", s->with[b]);
			tabout_num(&t, "%.4f", tr > 0 ? (double)s->with[b] / tr : 0.0);
			tabout_num(&t, "%.4f", tr > 0 ? (double)s->sum[b] / tr : 0.0);
			tabout_num(&t, "%llu", s->sum[b]);
			tabout_row_end(&t);
		}
	}
	tabout_end(&t);
	free(v);
}

/* The `report` sink: aggregate per model, write the table at the end. */
struct report_ctx {
	struct agg agg;
	FILE *out;
	int format;
};

static void report_line(void *ctx, const struct trace_result *r)
{
	struct report_ctx *c = ctx;
	if (r->skip == COT_SKIP_NONE)
		agg_add(&c->agg, r->model, r->counts);
}

static int report_finish(void *ctx)
{
	struct report_ctx *c = ctx;
	agg_write(&c->agg, c->out, c->format);
	return 0;
}

static void report_free(void *ctx)
{
	struct report_ctx *c = ctx;
	agg_free(&c->agg);
	free(c);
}

int sink_report_init(struct sink *s, const struct sink_env *env)
{
	struct report_ctx *c = xmalloc(sizeof *c);
	agg_init(&c->agg);
	c->out = env->out;
	c->format = env->opts->format;
	*s = (struct sink){ .ctx = c, .line = report_line, .finish = report_finish, .free = report_free };
	return 0;
}
