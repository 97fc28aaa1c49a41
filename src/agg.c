/* agg.c - see agg.h. */
#include <csv.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "agg.h"
#include "util.h"

void agg_init(struct agg *a, const char *group_by)
{
	memset(a, 0, sizeof *a);
	htab_init(&a->groups, sizeof(struct agg_group));
	if (!group_by)
		group_by = AGG_MODEL_FIELD;
	int n = 1;
	for (const char *p = group_by; *p; p++)
		n += *p == ',';
	a->fields = xmalloc((size_t)n * sizeof *a->fields);
	a->vtmp = xmalloc((size_t)n * sizeof *a->vtmp);
	a->vbuf = xmalloc((size_t)n * sizeof *a->vbuf);
	memset(a->vbuf, 0, (size_t)n * sizeof *a->vbuf);
	const char *p = group_by;
	for (int i = 0; i < n; i++) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		a->fields[i] = xstrndup(p, len);
		p += len + 1;
	}
	a->nfields = n;
}

void agg_free(struct agg *a)
{
	for (size_t i = 0; i < a->groups.n; i++) {
		struct agg_group *g = htab_at(&a->groups, i);
		for (int f = 0; f < a->nfields; f++)
			free(g->vals[f]);
		free(g->vals);
	}
	htab_free(&a->groups);
	for (int f = 0; f < a->nfields; f++) {
		free(a->fields[f]);
		buf_free(&a->vbuf[f]);
	}
	free(a->fields);
	free(a->vbuf);
	free(a->vtmp);
	buf_free(&a->key);
	memset(a, 0, sizeof *a);
}

/* The group of vals, created empty when new. */
static struct agg_group *group_of(struct agg *a, const char *const *vals)
{
	/* "LEN:VALUE" per field: unambiguous whatever the values hold */
	buf_reset(&a->key);
	for (int f = 0; f < a->nfields; f++)
		buf_printf(&a->key, "%zu:%s", strlen(vals[f]), vals[f]);
	int added;
	struct agg_group *g = htab_get(&a->groups, a->key.p, &added);
	if (added) {
		g->key = htab_key(&a->groups, a->groups.n - 1);
		g->vals = xmalloc((size_t)a->nfields * sizeof *g->vals);
		for (int f = 0; f < a->nfields; f++)
			g->vals[f] = xstrdup(vals[f]);
	}
	return g;
}

void agg_add_stats(struct agg *a, const char *const *vals, const struct agg_stats *s)
{
	struct agg_group *g = group_of(a, vals);
	g->s.traces += s->traces;
	g->s.words += s->words;
	g->s.wordsq += s->wordsq;
	for (int b = 0; b < COT_NBEHAV; b++) {
		g->s.with[b] += s->with[b];
		g->s.sum[b] += s->sum[b];
		g->s.sumsq[b] += s->sumsq[b];
		g->s.cw[b] += s->cw[b];
	}
}

const char *agg_add(struct agg *a, const char *const *vals, unsigned long long words,
		    const unsigned counts[COT_NBEHAV])
{
	struct agg_group *g = group_of(a, vals);
	g->s.traces++;
	g->s.words += words;
	g->s.wordsq += words * words;
	for (int b = 0; b < COT_NBEHAV; b++) {
		unsigned long long c = counts[b];
		g->s.with[b] += c > 0;
		g->s.sum[b] += c;
		g->s.sumsq[b] += c * c;
		g->s.cw[b] += c * words;
	}
	return g->key;
}

const char *agg_add_result(struct agg *a, const struct trace_result *r)
{
	if (r->skip != COT_SKIP_NONE) {
		a->skipped[r->skip]++;
		return NULL;
	}
	const char **v = a->vtmp;
	for (int f = 0; f < a->nfields; f++)
		v[f] = pipeline_field_text(r, a->fields[f], &a->vbuf[f]) ? a->vbuf[f].p : AGG_MISSING;
	return agg_add(a, v, r->words, r->counts);
}

/* Whether s is a number as a whole (decimal, finite); its value in *d. */
static int numeric(const char *s, double *d)
{
	if (!*s || strpbrk(s, "xXnNiI") || *s == ' ')
		return 0;
	char *end;
	*d = strtod(s, &end);
	return *end == '\0' && isfinite(*d);
}

int agg_value_cmp(const char *a, const char *b)
{
	int ma = strcmp(a, AGG_MISSING) == 0, mb = strcmp(b, AGG_MISSING) == 0;
	if (ma || mb)
		return ma - mb;
	double da, db;
	int na = numeric(a, &da), nb = numeric(b, &db);
	if (na != nb)
		return nb - na;
	if (na && da != db)
		return da < db ? -1 : 1;
	return strcmp(a, b);
}

static int cmp_group(const void *pa, const void *pb, void *arg)
{
	const struct agg_group *a = *(struct agg_group *const *)pa, *b = *(struct agg_group *const *)pb;
	int nfields = *(const int *)arg;
	for (int f = 0; f < nfields; f++) {
		int c = agg_value_cmp(a->vals[f], b->vals[f]);
		if (c)
			return c;
	}
	return 0;
}

struct agg_group **agg_sorted(const struct agg *a, size_t *n)
{
	size_t k = a->groups.n;
	struct agg_group **v = xmalloc((k ? k : 1) * sizeof *v);
	for (size_t i = 0; i < k; i++)
		v[i] = htab_at(&a->groups, i);
	qsort_r(v, k, sizeof *v, cmp_group, (void *)&a->nfields);
	*n = k;
	return v;
}

void agg_label(const struct agg *a, const struct agg_group *g, struct buf *b)
{
	buf_reset(b);
	for (int f = 0; f < a->nfields; f++) {
		if (f)
			buf_addc(b, ',');
		buf_addstr(b, g->vals[f]);
	}
}

const char *const agg_partial_lead[AGG_PARTIAL_LEAD] = { AGG_PARTIAL_MAGIC, "cotscan_version", "rules_hash",
							 "kind", "reason" };

const char *agg_partial_tail(int i, struct buf *b)
{
	static const char *const what[] = { "with", "sum", "sumsq", "cw" };
	static const char *const lead[] = { "traces", "words", "wordsq" };
	if (i < 3)
		return lead[i];
	buf_reset(b);
	buf_printf(b, "%s_%s", cot_behaviour_name((i - 3) / 4), what[(i - 3) % 4]);
	return b->p;
}

/*
 * A partial's text cell: always quoted (libcsv trims blanks around unquoted
 * fields), with backslash, newline, CR and tab written as \\, \n, \r, \t so
 * that every row is one line, whatever line-based tool (split, sort, a
 * Hadoop shuffle) moves it.  agg_partial_unescape() reverses it.
 */
static void partial_text(FILE *fp, const char *s, struct buf *b)
{
	buf_reset(b);
	for (; *s; s++) {
		switch (*s) {
		case '\\': buf_addstr(b, "\\\\"); break;
		case '\n': buf_addstr(b, "\\n"); break;
		case '\r': buf_addstr(b, "\\r"); break;
		case '\t': buf_addstr(b, "\\t"); break;
		default: buf_addc(b, *s);
		}
	}
	csv_fwrite(fp, b->p, b->len);
}

int agg_partial_unescape(char *s)
{
	char *w = s;
	for (const char *r = s; *r; r++) {
		if (*r != '\\') {
			*w++ = *r;
			continue;
		}
		switch (*++r) {
		case '\\': *w++ = '\\'; break;
		case 'n': *w++ = '\n'; break;
		case 'r': *w++ = '\r'; break;
		case 't': *w++ = '\t'; break;
		default: return -1;
		}
	}
	*w = '\0';
	return 0;
}

static void partial_lead(FILE *fp, unsigned long long rules_hash, const char *kind, const char *reason)
{
	fprintf(fp, "%s,%s,%016llx,%s,%s", AGG_PARTIAL_FORMAT, COTSCAN_VERSION, rules_hash, kind, reason);
}

void agg_write_partial(const struct agg *a, FILE *fp, unsigned long long rules_hash)
{
	struct buf b = {0};
	for (int i = 0; i < AGG_PARTIAL_LEAD; i++)
		fprintf(fp, "%s%s", i ? "," : "", agg_partial_lead[i]);
	for (int f = 0; f < a->nfields; f++) {
		fputc(',', fp);
		partial_text(fp, a->fields[f], &b);
	}
	for (int i = 0; i < AGG_PARTIAL_TAIL; i++)
		fprintf(fp, ",%s", agg_partial_tail(i, &b));
	fputc('\n', fp);

	size_t n;
	struct agg_group **v = agg_sorted(a, &n);
	for (size_t i = 0; i < n; i++) {
		const struct agg_stats *s = &v[i]->s;
		partial_lead(fp, rules_hash, "group", "");
		for (int f = 0; f < a->nfields; f++) {
			fputc(',', fp);
			partial_text(fp, v[i]->vals[f], &b);
		}
		fprintf(fp, ",%llu,%llu,%llu", s->traces, s->words, s->wordsq);
		for (int k = 0; k < COT_NBEHAV; k++)
			fprintf(fp, ",%llu,%llu,%llu,%llu", s->with[k], s->sum[k], s->sumsq[k], s->cw[k]);
		fputc('\n', fp);
	}
	free(v);
	for (int r = COT_SKIP_NONE + 1; r < COT_NSKIP; r++) {
		if (!a->skipped[r])
			continue;
		partial_lead(fp, rules_hash, "skipped", cot_skip_name(r));
		for (int f = 0; f < a->nfields; f++)
			fputc(',', fp);
		fprintf(fp, ",%llu", a->skipped[r]);
		for (int k = 1; k < AGG_PARTIAL_TAIL; k++)
			fputs(",0", fp);
		fputc('\n', fp);
	}
	if (a->filtering) {
		partial_lead(fp, rules_hash, "filtered", "");
		for (int f = 0; f < a->nfields; f++)
			fputc(',', fp);
		fprintf(fp, ",%llu", a->filtered);
		for (int k = 1; k < AGG_PARTIAL_TAIL; k++)
			fputs(",0", fp);
		fputc('\n', fp);
	}
	buf_free(&b);
}
