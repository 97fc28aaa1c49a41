/* sample.c - see sample.h. */
#include <stdlib.h>
#include <string.h>

#include "agg.h"
#include "diag.h"
#include "htab.h"
#include "sample.h"
#include "util.h"

/* One kept record: its hash and its line, owned. */
struct kept {
	unsigned long long h;
	char *line;
	size_t len;
};

/* One stratum: its value and a max-heap of its n smallest records. */
struct stratum {
	const char *key;          /* its key in sample_ctx.strata */
	struct kept *heap;        /* owned; heap[0] is the largest kept */
	size_t n, cap;
	unsigned long long seen;  /* records of the stratum read */
};

struct sample_ctx {
	const struct sample_cfg *cfg;
	FILE *out;
	struct htab strata;       /* struct stratum by value */
	unsigned long long traces;
	struct buf key;
};

unsigned long long sample_hash(unsigned long long seed, const char *p, size_t n)
{
	unsigned char sb[8];
	for (int i = 0; i < 8; i++)
		sb[i] = (unsigned char)(seed >> (8 * i));
	unsigned long long h = util_fnv64(util_fnv64(FNV64_INIT, sb, 8), p, n);
	/* FNV's low bits mix poorly: finish with splitmix64's mixer */
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	h ^= h >> 31;
	return h;
}

/* The order of the sample: by hash, then by bytes, so equal hashes cannot depend on input order. */
static int kept_cmp(const struct kept *a, const struct kept *b)
{
	if (a->h != b->h)
		return a->h < b->h ? -1 : 1;
	size_t n = a->len < b->len ? a->len : b->len;
	int d = memcmp(a->line, b->line, n);
	if (d)
		return d;
	return a->len < b->len ? -1 : a->len > b->len;
}

static int kept_qcmp(const void *a, const void *b)
{
	return kept_cmp(a, b);
}

static void sift_down(struct kept *v, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		if (l < n && kept_cmp(&v[l], &v[m]) > 0)
			m = l;
		if (r < n && kept_cmp(&v[r], &v[m]) > 0)
			m = r;
		if (m == i)
			return;
		struct kept t = v[i];
		v[i] = v[m];
		v[m] = t;
		i = m;
	}
}

static void sift_up(struct kept *v, size_t i)
{
	while (i > 0) {
		size_t p = (i - 1) / 2;
		if (kept_cmp(&v[i], &v[p]) <= 0)
			return;
		struct kept t = v[i];
		v[i] = v[p];
		v[p] = t;
		i = p;
	}
}

/* The stratum named key, made when new. */
static struct stratum *stratum_get(struct sample_ctx *c, const char *key)
{
	int added;
	struct stratum *st = htab_get(&c->strata, key, &added);
	if (added)
		st->key = htab_key(&c->strata, c->strata.n - 1);
	return st;
}

static void sample_line(void *ctx, const struct trace_result *r)
{
	struct sample_ctx *c = ctx;
	if (r->skip != COT_SKIP_NONE)
		return; /* reported and counted by the pipeline */
	c->traces++;
	const char *key = "";
	if (c->cfg->by)
		key = pipeline_field_text(r, c->cfg->by, &c->key) ? c->key.p : AGG_MISSING;
	struct stratum *st = stratum_get(c, key);
	st->seen++;
	struct kept k = { .h = sample_hash(c->cfg->seed, r->raw, r->rawlen), .line = (char *)r->raw, .len = r->rawlen };
	if (st->n == c->cfg->n && kept_cmp(&k, &st->heap[0]) >= 0)
		return; /* not among the n smallest */
	k.line = xmalloc(r->rawlen ? r->rawlen : 1);
	memcpy(k.line, r->raw, r->rawlen);
	if (st->n == c->cfg->n) {
		free(st->heap[0].line);
		st->heap[0] = k;
		sift_down(st->heap, st->n, 0);
		return;
	}
	if (st->n == st->cap) {
		st->cap = st->cap ? 2 * st->cap : 16;
		if (st->cap > c->cfg->n)
			st->cap = (size_t)c->cfg->n;
		st->heap = xrealloc(st->heap, st->cap * sizeof *st->heap);
	}
	st->heap[st->n++] = k;
	sift_up(st->heap, st->n - 1);
}

static int cmp_stratum(const void *a, const void *b)
{
	return agg_value_cmp((*(struct stratum *const *)a)->key, (*(struct stratum *const *)b)->key);
}

static int sample_finish(void *ctx)
{
	struct sample_ctx *c = ctx;
	size_t n = c->strata.n;
	struct stratum **v = xmalloc((n ? n : 1) * sizeof *v);
	unsigned long long kept = 0, small = 0;
	for (size_t i = 0; i < n; i++)
		v[i] = htab_at(&c->strata, i);
	qsort(v, n, sizeof *v, cmp_stratum);
	for (size_t i = 0; i < n; i++) {
		struct stratum *st = v[i];
		qsort(st->heap, st->n, sizeof *st->heap, kept_qcmp);
		for (size_t k = 0; k < st->n; k++) {
			fwrite(st->heap[k].line, 1, st->heap[k].len, c->out);
			fputc('\n', c->out);
		}
		kept += st->n;
		small += st->n < c->cfg->n;
	}
	free(v);
	if (!c->cfg->quiet) {
		fprintf(stderr, "cotscan: sample: %llu of %llu traces kept", kept, c->traces);
		if (c->cfg->by)
			fprintf(stderr, ", %zu values of '%s' (%llu with fewer than %llu traces, kept whole)", n,
				c->cfg->by, small, c->cfg->n);
		fputc('\n', stderr);
	}
	return COT_EXIT_OK;
}

static void sample_free(void *ctx)
{
	struct sample_ctx *c = ctx;
	for (size_t i = 0; i < c->strata.n; i++) {
		struct stratum *st = htab_at(&c->strata, i);
		for (size_t k = 0; k < st->n; k++)
			free(st->heap[k].line);
		free(st->heap);
	}
	htab_free(&c->strata);
	buf_free(&c->key);
	free(c);
}

int sink_sample_init(struct sink *s, const struct sample_cfg *cfg, const struct sink_env *env)
{
	struct sample_ctx *c = xmalloc(sizeof *c);
	memset(c, 0, sizeof *c);
	htab_init(&c->strata, sizeof(struct stratum));
	c->cfg = cfg;
	c->out = env->out;
	*s = (struct sink){ .ctx = c, .line = sample_line, .finish = sample_finish, .free = sample_free };
	return 0;
}
