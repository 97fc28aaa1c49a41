/* pipeline.c - see pipeline.h. */
#include <string.h>

#include "defects.h"
#include "pipeline.h"

int pipeline_field_text(const struct trace_result *r, const char *path, struct buf *out)
{
	buf_reset(out);
	if (strcmp(path, TRACE_MODEL_FIELD) == 0) {
		buf_addstr(out, r->model);
		return 1;
	}
	const cJSON *v = extract_path(r->record, path);
	if (!v)
		return 0;
	if (cJSON_IsString(v)) {
		buf_addstr(out, v->valuestring);
		return 1;
	}
	char *s = cJSON_PrintUnformatted(v);
	if (!s) /* LCOV_EXCL_LINE: out of memory inside cJSON */
		return 0;
	buf_addstr(out, s);
	cJSON_free(s);
	return 1;
}

void pipeline_worker_init(struct worker *w, const struct pipeline_cfg *cfg)
{
	memset(w, 0, sizeof *w);
	matcher_init(&w->m, cfg->rules);
}

void pipeline_worker_free(struct worker *w)
{
	extracted_free(&w->x);
	matcher_free(&w->m);
	buf_free(&w->why);
	defect_scratch_free(&w->ds);
	buf_free(&w->warn);
}

void pipeline_worker_release(struct worker *w)
{
	cJSON_Delete(pipeline_worker_detach(w));
	defect_scratch_trim(&w->ds);
}

struct cJSON *pipeline_worker_detach(struct worker *w)
{
	cJSON *root = w->x.root;
	w->x.root = NULL;
	return root;
}

void pipeline_record_free(struct cJSON *record)
{
	cJSON_Delete(record);
}

/* Finds "\u0000" that is a real escape (preceded by an even run of backslashes). */
static const char *find_escaped_nul(const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	while ((p = memmem(p, (size_t)(end - p), "\\u0000", 6))) {
		size_t bs = 1; /* p[0]; never form a pointer before s */
		for (const char *q = p; q > s && q[-1] == '\\'; q--)
			bs++;
		if (bs % 2 == 1)
			return p;
		p += 6;
		if (p >= end)
			break;
	}
	return NULL;
}

/*
 * The per-trace defect detectors (README "Defects"); duplicate is decided
 * later, in input order, from r->cot_hash.
 */
static void trace_defects(const struct defect_opts *dx, const struct defect_patterns *dpat,
			  struct defect_scratch *ds, const struct extracted *x, struct trace_result *r)
{
	struct defect_text dt;
	r->defects |= defects_scan(ds, x->text, x->len, &dt);
	r->words = dt.words;
	int after = 0;
	for (size_t i = 0; i < x->after_len && !after; i++) {
		unsigned char c = (unsigned char)x->after[i];
		after = c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
	}
	/* a cut text is truncated even when the record keeps an answer field;
	 * a bare answer ("wife", a grid) is not cut, though it has no marker.
	 * An answer in the text (what follows the reasoning, or a marker) only
	 * matters without an answer field or when the text ends mid-sentence,
	 * so the marker search runs only then. */
	if (!after) {
		int field = defects_answer_field(r->record, dx->answer_path);
		int mid = defects_ends_mid_sentence(x->full, x->full_len);
		if ((!field || mid) && !defects_answer_marker(dpat, ds, x->full, x->full_len)) {
			if (!field)
				r->defects |= 1u << COT_D_NO_ANSWER;
			if (mid && !defects_answer_only(x->full, x->full_len))
				r->defects |= 1u << COT_D_TRUNCATED;
		}
	}
	if (dt.ends_in_loop && !after)
		r->defects |= 1u << COT_D_TRUNCATED;
	if (dx->min_bytes && x->len < dx->min_bytes)
		r->defects |= 1u << COT_D_TOO_SHORT;
	if (dx->max_bytes && x->len > dx->max_bytes)
		r->defects |= 1u << COT_D_TOO_LONG;
	r->cot_hash = r->defects & (1u << COT_D_EMPTY) ? 0 : dt.hash;
}

static void skipped(struct trace_result *r, struct worker *w, int reason)
{
	r->skip = reason;
	r->why = w->why.p;
}

/* A NUL byte or invalid UTF-8 skips the line (0); 1 when its bytes are fine. */
static int check_bytes(struct worker *w, const char *line, size_t len, struct trace_result *r)
{
	const char *nul = memchr(line, '\0', len);
	if (nul) {
		buf_printf(&w->why, "NUL byte at column %zu", (size_t)(nul - line) + 1);
		skipped(r, w, COT_SKIP_NUL);
		return 0;
	}
	size_t ok = util_utf8_valid_prefix(line, len);
	if (ok != len) {
		buf_printf(&w->why, "invalid UTF-8 at column %zu", ok + 1);
		skipped(r, w, COT_SKIP_BAD_UTF8);
		return 0;
	}
	return 1;
}

/* Everything after extraction: words, matching, defects. */
static void analyse(const struct pipeline_cfg *cfg, struct worker *w, struct trace_result *r)
{
	struct extracted *x = &w->x;
	r->id = x->id.p;
	r->model = x->model.p;
	r->text = x->text;
	r->cot_bytes = x->len;
	if (cfg->extract_only) {
		/* the words the defect pass counts otherwise */
		r->words = 0;
		for (size_t k = 0, in = 0; k < x->len; k++) {
			int sp = x->text[k] == ' ' || (x->text[k] >= '\t' && x->text[k] <= '\r');
			r->words += !sp && !in;
			in = !sp;
		}
		return;
	}

	struct matcher *m = &w->m;
	match_text(m, cfg->rules, x->text, x->len);
	memcpy(r->counts, m->counts, sizeof r->counts);
	r->ev = m->ev;
	r->nev = m->nev;
	r->defects = x->defects;
	if (m->limit_hit) {
		r->defects |= 1u << COT_D_RULE_LIMIT;
		char msg[128];
		match_limit_message(m, msg, sizeof msg);
		const struct rule *lr = &cfg->rules->v[m->limit_rule];
		buf_reset(&w->warn);
		buf_printf(&w->warn, "rule '%s' (%s:%u) gave up: %s; counts may be low (defect rule_limit)",
			   lr->name, lr->file, lr->line, msg);
		r->warn = w->warn.p;
	}
	trace_defects(&cfg->dx, cfg->dpat, &w->ds, x, r);
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
	if (!check_bytes(w, line, len, r))
		return;
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
	analyse(cfg, w, r);
}

void pipeline_text(const struct pipeline_cfg *cfg, struct worker *w, const char *text, size_t len,
		   struct trace_result *r)
{
	memset(r, 0, sizeof *r);
	r->file = "";
	r->raw = text;
	r->rawlen = len;
	buf_reset(&w->why);
	if (!check_bytes(w, text, len, r))
		return;
	extract_text(cfg->xo.whole, text, len, &w->x);
	analyse(cfg, w, r);
}
