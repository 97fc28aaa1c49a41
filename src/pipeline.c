/* pipeline.c - see pipeline.h. */
#include <string.h>

#include "defects.h"
#include "pipeline.h"

void worker_init(struct worker *w, const struct pipeline_cfg *cfg)
{
	memset(w, 0, sizeof *w);
	matcher_init(&w->m, cfg->rules);
}

void worker_free(struct worker *w)
{
	extracted_free(&w->x);
	matcher_free(&w->m);
	buf_free(&w->why);
}

void worker_release(struct worker *w)
{
	cJSON_Delete(w->x.root);
	w->x.root = NULL;
}

/* Finds "\u0000" that is a real escape (preceded by an even run of backslashes). */
static const char *find_escaped_nul(const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	while ((p = memmem(p, (size_t)(end - p), "\\u0000", 6))) {
		size_t bs = 0;
		for (const char *q = p; q >= s && *q == '\\'; q--)
			bs++;
		if (bs % 2 == 1)
			return p;
		p += 6;
		if (p >= end)
			break;
	}
	return NULL;
}

static void skipped(struct trace_result *r, struct worker *w, int reason)
{
	r->skip = reason;
	r->why = w->why.p;
}

void pipeline_line(const struct pipeline_cfg *cfg, struct worker *w, const char *file,
		   const char *fallback_model, const char *line, size_t len,
		   unsigned long long lineno, struct trace_result *r)
{
	memset(r, 0, sizeof *r);
	r->file = file;
	r->line = lineno;
	r->raw = line;
	r->rawlen = len;
	buf_reset(&w->why);

	size_t i = 0;
	while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
		i++;
	if (i == len) {
		skipped(r, w, COT_SKIP_BLANK);
		return;
	}
	const char *nul = memchr(line, '\0', len);
	if (nul) {
		buf_printf(&w->why, "NUL byte at column %zu", (size_t)(nul - line) + 1);
		skipped(r, w, COT_SKIP_NUL);
		return;
	}
	size_t ok = utf8_valid_prefix(line, len);
	if (ok != len) {
		buf_printf(&w->why, "invalid UTF-8 at column %zu", ok + 1);
		skipped(r, w, COT_SKIP_BAD_UTF8);
		return;
	}
	const char *esc = find_escaped_nul(line, len);
	if (esc) {
		buf_printf(&w->why, "NUL character (\\u0000) at column %zu", (size_t)(esc - line) + 1);
		skipped(r, w, COT_SKIP_NUL);
		return;
	}

	struct extracted *x = &w->x;
	extract_line(&cfg->xo, line, len, fallback_model, lineno, x);
	r->record = x->root;
	if (x->skip) {
		buf_add(&w->why, x->why.p, x->why.len);
		skipped(r, w, x->skip);
		return;
	}
	r->id = x->id.p;
	r->model = x->model.p;
	r->text = x->text;
	r->cot_bytes = x->len;

	match_text(&w->m, cfg->rules, x->text, x->len);
	memcpy(r->counts, w->m.counts, sizeof r->counts);
	r->ev = w->m.ev;
	r->nev = w->m.nev;
	r->defects = x->defects | defects_detect(x->text, x->len);
	if (w->m.limit_hit)
		r->defects |= 1u << COT_D_RULE_LIMIT;
}
