/* libcotscan.c - the public library interface over the pipeline; see libcotscan.h. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "libcotscan.h"
#include "pipeline.h"

/* Scratches cotscan_tag_many keeps for its next call (their buffers stay warm). */
#define POOL_MAX 64

struct cotscan_tagger {
	struct ruleset rs;
	struct defect_patterns dpat;
	struct pipeline_cfg cfg;
	char *strings[5];           /* owned copies of the option strings */
	pthread_mutex_t pool_mu;    /* guards pool: the only state that changes after open */
	cotscan_scratch *pool[POOL_MAX];
	int npool;
};

struct cotscan_scratch {
	const cotscan_tagger *t;
	struct worker w;
	struct cotscan_match *ev;
	size_t capev;
};

_Static_assert((int)COTSCAN_NBEHAVIOURS == (int)COT_NBEHAV, "behaviour enums agree");
_Static_assert((int)COTSCAN_BACKWARD_CHAINING == (int)COT_B_BACKWARD, "behaviour order agrees");

const char *cotscan_version(void)
{
	return COTSCAN_VERSION;
}

static void set_err(char *err, size_t errlen, const struct buf *b)
{
	if (!err || !errlen)
		return;
	size_t n = b->len < errlen - 1 ? b->len : errlen - 1;
	memcpy(err, b->p ? b->p : "", n);
	err[n] = '\0';
}

static const char *own(cotscan_tagger *t, int i, const char *s)
{
	return s ? (t->strings[i] = xstrdup(s)) : NULL;
}

cotscan_tagger *cotscan_open_opts(const struct cotscan_options *opts, char *err, size_t errlen)
{
	static const struct cotscan_options none;
	if (!opts)
		opts = &none;
	cotscan_tagger *t = xmalloc(sizeof *t);
	memset(t, 0, sizeof *t);
	pthread_mutex_init(&t->pool_mu, NULL);
	struct buf e = {0};
	int rc = opts->rules ? rules_load_path(&t->rs, opts->rules, &e) : rules_load_builtin(&t->rs, &e);
	if (rc == 0)
		rc = rules_finish(&t->rs, opts->reference ? RULES_REFERENCE : 0, &e);
	if (rc == 0)
		rc = defect_patterns_init(&t->dpat, &e);
	if (rc < 0) {
		set_err(err, errlen, &e);
		buf_free(&e);
		cotscan_close(t);
		return NULL;
	}
	buf_free(&e);
	if (err && errlen)
		err[0] = '\0';
	t->cfg.rules = &t->rs;
	t->cfg.dpat = &t->dpat;
	t->cfg.xo.cot_path = own(t, 0, opts->cot_field);
	t->cfg.xo.model_path = own(t, 1, opts->model_field);
	t->cfg.xo.id_path = own(t, 2, opts->id_field);
	t->cfg.dx.answer_path = own(t, 3, opts->answer_field);
	t->cfg.dx.min_bytes = opts->min_bytes;
	t->cfg.dx.max_bytes = opts->max_bytes;
	return t;
}

cotscan_tagger *cotscan_open(const char *path, char *err, size_t errlen)
{
	struct cotscan_options o = { .rules = path };
	return cotscan_open_opts(&o, err, errlen);
}

void cotscan_close(cotscan_tagger *t)
{
	if (!t)
		return;
	for (int i = 0; i < t->npool; i++)
		cotscan_scratch_free(t->pool[i]);
	pthread_mutex_destroy(&t->pool_mu);
	rules_free(&t->rs);
	defect_patterns_free(&t->dpat);
	for (size_t i = 0; i < sizeof t->strings / sizeof *t->strings; i++)
		free(t->strings[i]);
	free(t);
}

unsigned long long cotscan_rules_hash(const cotscan_tagger *t)
{
	return t ? t->rs.hash : 0;
}

size_t cotscan_nrules(const cotscan_tagger *t)
{
	return t ? t->rs.n : 0;
}

const char *cotscan_rule_name(const cotscan_tagger *t, size_t i)
{
	return t && i < t->rs.n ? t->rs.v[i].name : NULL;
}

int cotscan_rule_behaviour(const cotscan_tagger *t, size_t i)
{
	return t && i < t->rs.n ? t->rs.v[i].behaviour : -1;
}

cotscan_scratch *cotscan_scratch_new(const cotscan_tagger *t)
{
	if (!t)
		return NULL;
	cotscan_scratch *s = xmalloc(sizeof *s);
	memset(s, 0, sizeof *s);
	s->t = t;
	pipeline_worker_init(&s->w, &t->cfg);
	return s;
}

void cotscan_scratch_free(cotscan_scratch *s)
{
	if (!s)
		return;
	pipeline_worker_free(&s->w);
	free(s->ev);
	free(s);
}

/* The pipeline's result as the public struct; src maps offsets back into a text given. */
static void fill(cotscan_scratch *s, const struct trace_result *tr, int src, struct cotscan_result *r)
{
	memset(r, 0, sizeof *r);
	r->skip = tr->skip;
	r->why = tr->skip ? (tr->why ? tr->why : "") : NULL;
	r->text = tr->text ? tr->text : "";
	r->text_len = tr->skip ? 0 : tr->cot_bytes;
	memcpy(r->counts, tr->counts, sizeof r->counts);
	r->defects = tr->defects;
	r->words = tr->words;
	r->model = tr->model ? tr->model : "";
	r->id = tr->id ? tr->id : "";
	r->warning = tr->warn;
	r->text_hash = tr->cot_hash;
	if (s->capev < tr->nev) {
		free(s->ev);
		s->capev = tr->nev;
		s->ev = xmalloc(s->capev * sizeof *s->ev);
	}
	const struct ruleset *rs = &s->t->rs;
	for (size_t i = 0; i < tr->nev; i++) {
		const struct match *m = &tr->ev[i];
		struct cotscan_match *o = &s->ev[i];
		o->behaviour = m->behaviour;
		o->rule = rs->v[m->rule].name;
		o->start = m->start;
		o->end = m->end;
		o->src_start = src ? extract_source_offset(&s->w.x, m->start) : m->start;
		/* the last byte's source, so that an end at a joint stays in its section */
		o->src_end = !src ? m->end : m->end > m->start ? extract_source_offset(&s->w.x, m->end - 1) + 1
							: o->src_start;
	}
	r->evidence = tr->nev ? s->ev : NULL;
	r->nevidence = tr->nev;
}

static struct pipeline_cfg call_cfg(const cotscan_tagger *t, unsigned flags)
{
	struct pipeline_cfg c = t->cfg;
	c.xo.whole = (flags & COTSCAN_WHOLE) != 0;
	return c;
}

int cotscan_tag_text(const cotscan_tagger *t, cotscan_scratch *s, const char *text, size_t len,
		     unsigned flags, struct cotscan_result *r)
{
	if (!t || !s || s->t != t || !r || (!text && len))
		return -1;
	struct pipeline_cfg c = call_cfg(t, flags);
	struct trace_result tr;
	pipeline_text(&c, &s->w, text ? text : "", len, &tr);
	fill(s, &tr, 1, r);
	return 0;
}

static void tag_record_at(const cotscan_tagger *t, cotscan_scratch *s, const char *json, size_t len,
			  unsigned flags, unsigned long long lineno, struct cotscan_result *r)
{
	struct pipeline_cfg c = call_cfg(t, flags);
	struct trace_result tr;
	pipeline_line(&c, &s->w, "", "", json ? json : "", len, lineno, &tr);
	fill(s, &tr, 0, r);
}

int cotscan_tag_record(const cotscan_tagger *t, cotscan_scratch *s, const char *json, size_t len,
		       unsigned flags, struct cotscan_result *r)
{
	if (!t || !s || s->t != t || !r || (!json && len))
		return -1;
	tag_record_at(t, s, json, len, flags, 1, r);
	return 0;
}

/* Copies a result out of its scratch into one block of its own (r->owned_). */
static void keep(struct cotscan_result *r)
{
	size_t nev = r->nevidence * sizeof *r->evidence;
	size_t why = r->why ? strlen(r->why) + 1 : 0, model = strlen(r->model) + 1, id = strlen(r->id) + 1;
	size_t warn = r->warning ? strlen(r->warning) + 1 : 0;
	char *b = xmalloc(nev + r->text_len + 1 + why + model + id + warn);
	char *p = b;
	if (nev)
		memcpy(p, r->evidence, nev);
	r->evidence = r->nevidence ? (const struct cotscan_match *)(void *)p : NULL;
	p += nev;
	if (r->text_len)
		memcpy(p, r->text, r->text_len);
	p[r->text_len] = '\0';
	r->text = p;
	p += r->text_len + 1;
	if (why) {
		memcpy(p, r->why, why);
		r->why = p;
		p += why;
	}
	memcpy(p, r->model, model);
	r->model = p;
	p += model;
	memcpy(p, r->id, id);
	r->id = p;
	p += id;
	if (warn) {
		memcpy(p, r->warning, warn);
		r->warning = p;
	}
	r->owned_ = b;
}

struct many {
	const cotscan_tagger *t;
	size_t n;
	const char *const *text;
	const size_t *len;
	unsigned flags;
	struct cotscan_result *out;
	atomic_size_t next;
};

/* A scratch from the tagger's pool, or a new one. */
static cotscan_scratch *pool_get(const cotscan_tagger *ct)
{
	cotscan_tagger *t = (cotscan_tagger *)ct; /* only pool and pool_mu change */
	cotscan_scratch *s = NULL;
	pthread_mutex_lock(&t->pool_mu);
	if (t->npool > 0)
		s = t->pool[--t->npool];
	pthread_mutex_unlock(&t->pool_mu);
	return s ? s : cotscan_scratch_new(ct);
}

static void pool_put(const cotscan_tagger *ct, cotscan_scratch *s)
{
	cotscan_tagger *t = (cotscan_tagger *)ct;
	pthread_mutex_lock(&t->pool_mu);
	if (t->npool < POOL_MAX) {
		t->pool[t->npool++] = s;
		s = NULL;
	}
	pthread_mutex_unlock(&t->pool_mu);
	cotscan_scratch_free(s);
}

static void *many_run(void *arg)
{
	struct many *m = arg;
	cotscan_scratch *s = pool_get(m->t);
	for (;;) {
		size_t i = atomic_fetch_add(&m->next, 1);
		if (i >= m->n)
			break;
		const char *txt = m->text[i] ? m->text[i] : "";
		size_t len = m->text[i] ? m->len[i] : 0;
		if (m->flags & COTSCAN_RECORDS)
			tag_record_at(m->t, s, txt, len, m->flags, (unsigned long long)i + 1, &m->out[i]);
		else
			cotscan_tag_text(m->t, s, txt, len, m->flags, &m->out[i]);
		keep(&m->out[i]);
		pipeline_worker_release(&s->w);
	}
	pool_put(m->t, s);
	return NULL;
}

int cotscan_tag_many(const cotscan_tagger *t, size_t n, const char *const *text, const size_t *len,
		     unsigned flags, int jobs, struct cotscan_result *out)
{
	if (!t || (n && (!text || !len || !out)))
		return -1;
	if (n)
		memset(out, 0, n * sizeof *out);
	if (jobs <= 0) {
		long c = sysconf(_SC_NPROCESSORS_ONLN);
		jobs = c > 0 ? (int)c : 1;
	}
	if ((size_t)jobs > n)
		jobs = n ? (int)n : 1;
	struct many m = { .t = t, .n = n, .text = text, .len = len, .flags = flags, .out = out };
	atomic_init(&m.next, 0);
	pthread_t *th = xmalloc((size_t)jobs * sizeof *th);
	int started = 0;
	for (int i = 1; i < jobs; i++) {
		if (pthread_create(&th[i], NULL, many_run, &m) != 0)
			break; /* fewer threads give the same results */
		started++;
	}
	many_run(&m);
	for (int i = 1; i <= started; i++)
		pthread_join(th[i], NULL);
	free(th);
	struct dupset seen = {0};
	for (size_t i = 0; i < n; i++)
		if (!out[i].skip && out[i].text_hash && dupset_add(&seen, out[i].text_hash))
			out[i].defects |= 1u << COT_D_DUPLICATE;
	dupset_free(&seen);
	return 0;
}

void cotscan_results_free(struct cotscan_result *out, size_t n)
{
	for (size_t i = 0; out && i < n; i++) {
		free(out[i].owned_);
		memset(&out[i], 0, sizeof out[i]);
	}
}

const char *cotscan_behaviour_name(int b)
{
	return b >= 0 && b < COT_NBEHAV ? cot_behaviour_name(b) : NULL;
}

const char *cotscan_defect_name(int d)
{
	return d >= 0 && d < COT_NDEFECT ? cot_defect_name(d) : NULL;
}

int cotscan_ndefects(void)
{
	return COT_NDEFECT;
}

const char *cotscan_skip_name(int s)
{
	return s >= 0 && s < COT_NSKIP ? cot_skip_name(s) : NULL;
}
