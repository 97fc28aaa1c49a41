/* extract.c - see extract.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"

/*
 * Reasoning delimiters seen in real outputs, tried in this order.  The first
 * pair whose opening or closing tag occurs in the text decides.
 */
static const struct delim {
	const char *open, *close;
} delims[] = {
	{ "<think>", "</think>" },
	{ "<thinking>", "</thinking>" },
	{ "<|begin_of_thought|>", "<|end_of_thought|>" },
	{ "<Thought>", "</Thought>" },
	{ "<thought>", "</thought>" },
};

/* Auto-detected chain-of-thought fields, in order (then messages, choices, content). */
static const char *const cot_fields[] = {
	"cot", "reasoning_content", "reasoning", "completion", "response",
	"output", "generated", "text",
};

static const char *const model_fields[] = { "model", "model_name", "generator" };

static const char *find_mem(const char *h, size_t hl, const char *n)
{
	size_t nl = strlen(n);
	if (nl > hl)
		return NULL;
	return memmem(h, hl, n, nl);
}

int extract_sections(const char *text, size_t len, struct buf *out, int *truncated)
{
	*truncated = 0;
	for (size_t d = 0; d < sizeof delims / sizeof *delims; d++) {
		const char *open = delims[d].open, *close = delims[d].close;
		size_t ol = strlen(open), cl = strlen(close);
		const char *o = find_mem(text, len, open);
		const char *c = find_mem(text, len, close);
		if (!o && !c)
			continue;
		if (c && (!o || c < o)) {
			/* template pre-filled the opening tag: the reasoning is what precedes */
			buf_add(out, text, (size_t)(c - text));
			return 1;
		}
		/* one or more sections: <open> ... <close>, joined by a blank line */
		const char *p = text, *end = text + len;
		int n = 0;
		while ((o = find_mem(p, (size_t)(end - p), open))) {
			const char *in = o + ol;
			c = find_mem(in, (size_t)(end - in), close);
			if (n++)
				buf_add(out, "\n\n", 2);
			if (!c) {
				buf_add(out, in, (size_t)(end - in));
				*truncated = 1;
				break;
			}
			buf_add(out, in, (size_t)(c - in));
			p = c + cl;
		}
		return 1;
	}
	return 0;
}

int json_path_valid(const char *p, size_t n)
{
	if (n == 0 || p[0] == '.' || p[n - 1] == '.')
		return 0;
	for (size_t i = 1; i < n; i++)
		if (p[i] == '.' && p[i - 1] == '.')
			return 0;
	return 1;
}

const cJSON *json_path(const cJSON *root, const char *path)
{
	const cJSON *cur = root;
	const char *p = path;
	while (cur && *p) {
		const char *dot = strchr(p, '.');
		size_t n = dot ? (size_t)(dot - p) : strlen(p);
		char key[256];
		if (n >= sizeof key)
			return NULL;
		memcpy(key, p, n);
		key[n] = '\0';
		if (cJSON_IsArray(cur)) {
			char *e;
			long idx = strtol(key, &e, 10);
			if (n == 0 || *e)
				return NULL;
			int size = cJSON_GetArraySize(cur);
			if (idx < 0)
				idx += size;
			if (idx < 0 || idx >= size)
				return NULL;
			cur = cJSON_GetArrayItem(cur, (int)idx);
		} else if (cJSON_IsObject(cur)) {
			cur = cJSON_GetObjectItemCaseSensitive(cur, key);
		} else
			return NULL;
		p = dot ? dot + 1 : p + n;
		if (dot && !*p)
			return NULL;
	}
	return cur;
}

static const char *type_name(const cJSON *v)
{
	if (cJSON_IsNull(v))
		return "null";
	if (cJSON_IsBool(v))
		return "a boolean";
	if (cJSON_IsNumber(v))
		return "a number";
	if (cJSON_IsArray(v))
		return "an array";
	if (cJSON_IsObject(v))
		return "an object";
	return "a string";
}

static void skip(struct extracted *x, int why, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void skip(struct extracted *x, int why, const char *fmt, ...)
{
	va_list ap;
	char msg[512];
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	x->skip = why;
	buf_reset(&x->why);
	buf_addstr(&x->why, msg);
}

/*
 * The offset just past the last closing delimiter of the pair that
 * extract_sections would use; len when that pair is never closed, and
 * (size_t)-1 when the text has no delimiter.
 */
static size_t after_sections(const char *text, size_t len)
{
	for (size_t d = 0; d < sizeof delims / sizeof *delims; d++) {
		const char *o = find_mem(text, len, delims[d].open);
		const char *c = find_mem(text, len, delims[d].close);
		if (!o && !c)
			continue;
		size_t cl = strlen(delims[d].close), end = len;
		for (const char *p = text; (c = find_mem(p, (size_t)(text + len - p), delims[d].close)); p = c + cl)
			end = (size_t)(c - text) + cl;
		return end;
	}
	return (size_t)-1;
}

/* Sets the analysed text from a body string, cutting reasoning sections. */
static void set_body(struct extracted *x, int whole, const char *s, size_t n)
{
	int trunc = 0;
	x->full = s;
	x->full_len = n;
	x->after = s + n; /* no delimiter: no answer part */
	x->after_len = 0;
	if (whole) {
		size_t a = after_sections(s, n);
		if (a < n) {
			x->after = s + a;
			x->after_len = n - a;
		}
	} else {
		buf_reset(&x->textbuf);
		if (extract_sections(s, n, &x->textbuf, &trunc)) {
			size_t a = after_sections(s, n);
			x->after = s + a;
			x->after_len = n - a;
			x->text = x->textbuf.p;
			x->len = x->textbuf.len;
			if (trunc)
				x->defects |= 1u << COT_D_TRUNCATED;
			return;
		}
	}
	x->text = s;
	x->len = n;
}

static int nonempty_string(const cJSON *v)
{
	return cJSON_IsString(v) && v->valuestring;
}

/*
 * A chat message (or record shaped like one): explicit reasoning fields,
 * Anthropic-style content blocks, and a content body.  Explicit reasoning is
 * the chain of thought; sections cut from the body are appended to it; a
 * body without sections is the answer, analysed only when there is no
 * explicit reasoning (or with --whole).
 */
static void from_message(struct extracted *x, int whole, const cJSON *m)
{
	struct buf *t = &x->textbuf;
	buf_reset(t);
	int have_reasoning = 0;
	const cJSON *rc = cJSON_GetObjectItemCaseSensitive(m, "reasoning_content");
	if (!nonempty_string(rc))
		rc = cJSON_GetObjectItemCaseSensitive(m, "reasoning");
	if (nonempty_string(rc)) {
		buf_addstr(t, rc->valuestring);
		have_reasoning = 1;
	}
	const cJSON *content = cJSON_GetObjectItemCaseSensitive(m, "content");
	struct buf body = x->bodybuf;
	buf_reset(&body);
	if (cJSON_IsArray(content)) {
		const cJSON *blk;
		cJSON_ArrayForEach(blk, content) {
			const cJSON *type = cJSON_GetObjectItemCaseSensitive(blk, "type");
			const char *ty = cJSON_IsString(type) ? type->valuestring : "";
			const cJSON *th = cJSON_GetObjectItemCaseSensitive(blk, "thinking");
			const cJSON *tx = cJSON_GetObjectItemCaseSensitive(blk, "text");
			if (strcmp(ty, "thinking") == 0 && nonempty_string(th)) {
				if (have_reasoning)
					buf_add(t, "\n\n", 2);
				buf_addstr(t, th->valuestring);
				have_reasoning = 1;
			} else if (nonempty_string(tx)) {
				if (body.len)
					buf_add(&body, "\n\n", 2);
				buf_addstr(&body, tx->valuestring);
			}
		}
	} else if (nonempty_string(content))
		buf_addstr(&body, content->valuestring);
	buf_reset(&x->fullbuf);
	buf_add(&x->fullbuf, t->p, t->len); /* the explicit reasoning, before the body is added */
	if (!cJSON_IsArray(content) && !nonempty_string(content) && !have_reasoning) {
		x->bodybuf = body;
		if (content && !cJSON_IsNull(content))
			skip(x, COT_SKIP_COT_TYPE, "field '%s' is %s, not a string", "content", type_name(content));
		else
			skip(x, COT_SKIP_NO_COT, "message has no '%s' or '%s'", "content", "reasoning_content");
		return;
	}

	if (whole) {
		if (have_reasoning && body.len)
			buf_add(t, "\n\n", 2);
		buf_add(t, body.p, body.len);
	} else {
		struct buf sec = {0};
		int trunc = 0;
		buf_reset(&sec);
		if (extract_sections(body.p, body.len, &sec, &trunc)) {
			if (have_reasoning && sec.len)
				buf_add(t, "\n\n", 2);
			buf_add(t, sec.p, sec.len);
			if (trunc)
				x->defects |= 1u << COT_D_TRUNCATED;
		} else if (!have_reasoning)
			buf_add(t, body.p, body.len);
		buf_free(&sec);
	}
	x->text = t->p;
	x->len = t->len;
	/* the whole text: explicit reasoning, then the body; the answer part is
	 * the body after its last closed section, or all of it next to
	 * explicit reasoning */
	x->bodybuf = body;
	struct buf *f = &x->fullbuf;
	if (f->len && body.len)
		buf_add(f, "\n\n", 2);
	size_t body_at = f->len;
	buf_add(f, body.p, body.len);
	x->full = f->p;
	x->full_len = f->len;
	size_t a = after_sections(body.p, body.len);
	if (a > body.len)
		a = have_reasoning ? 0 : body.len;
	x->after = f->p + body_at + a;
	x->after_len = body.len - a;
}

/* Auto-detection of the chain of thought; see the README for the order. */
static void find_cot(struct extracted *x, int whole, const cJSON *root)
{
	const char *null_field = NULL; /* the first candidate present but null */
	for (size_t i = 0; i < sizeof cot_fields / sizeof *cot_fields; i++) {
		const char *f = cot_fields[i];
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, f);
		if (v && cJSON_IsNull(v) && !null_field)
			null_field = f;
		if (!v || cJSON_IsNull(v))
			continue;
		if (cJSON_IsString(v)) {
			if (i == 1 || i == 2) /* reasoning_content / reasoning: a message */
				from_message(x, whole, root);
			else
				set_body(x, whole, v->valuestring, strlen(v->valuestring));
			return;
		}
		if (cJSON_IsArray(v) && cJSON_IsString(cJSON_GetArrayItem(v, 0))) {
			const char *s = cJSON_GetArrayItem(v, 0)->valuestring;
			set_body(x, whole, s, strlen(s));
			return;
		}
		skip(x, COT_SKIP_COT_TYPE, "field '%s' is %s, not a string", f, type_name(v));
		return;
	}
	const cJSON *msgs = cJSON_GetObjectItemCaseSensitive(root, "messages");
	if (cJSON_IsArray(msgs)) {
		const cJSON *last = NULL, *m;
		cJSON_ArrayForEach(m, msgs) {
			const cJSON *role = cJSON_GetObjectItemCaseSensitive(m, "role");
			if (cJSON_IsString(role) && strcmp(role->valuestring, "assistant") == 0)
				last = m;
		}
		if (!last) {
			skip(x, COT_SKIP_NO_COT, "'%s' has no '%s' message", "messages", "assistant");
			return;
		}
		from_message(x, whole, last);
		return;
	}
	const cJSON *choice = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "choices"), 0);
	if (choice) {
		const cJSON *m = cJSON_GetObjectItemCaseSensitive(choice, "message");
		const cJSON *t = cJSON_GetObjectItemCaseSensitive(choice, "text");
		if (cJSON_IsObject(m)) {
			from_message(x, whole, m);
			return;
		}
		if (nonempty_string(t)) {
			set_body(x, whole, t->valuestring, strlen(t->valuestring));
			return;
		}
	}
	const cJSON *content = cJSON_GetObjectItemCaseSensitive(root, "content");
	if (content && !cJSON_IsNull(content)) {
		from_message(x, whole, root);
		return;
	}
	if (null_field)
		skip(x, COT_SKIP_COT_TYPE, "field '%s' is null, not a string (and no other chain-of-thought "
		     "field was found)", null_field);
	else
		skip(x, COT_SKIP_NO_COT, "no chain-of-thought field (tried cot, reasoning_content, reasoning, "
		     "completion, response, output, generated, text, messages, choices, content)");
}

/* Writes a scalar JSON value as text into b; returns 0 if it is not a scalar. */
static int scalar_text(const cJSON *v, struct buf *b)
{
	buf_reset(b);
	if (cJSON_IsString(v)) {
		buf_addstr(b, v->valuestring);
		return 1;
	}
	if (cJSON_IsNumber(v)) {
		double d = v->valuedouble;
		if (d > -1e15 && d < 1e15 && d == (double)(long long)d) /* cast only in range */
			buf_printf(b, "%lld", (long long)d);
		else
			buf_printf(b, "%.17g", d);
		return 1;
	}
	if (cJSON_IsBool(v)) {
		buf_addstr(b, cJSON_IsTrue(v) ? "true" : "false");
		return 1;
	}
	return 0;
}

static int hexval(const char *p, unsigned *v)
{
	*v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		unsigned d;
		if (c >= '0' && c <= '9')
			d = (unsigned)(c - '0');
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			d = (unsigned)((c | 0x20) - 'a' + 10);
		else
			return 0;
		*v = *v * 16 + d;
	}
	return 1;
}

/*
 * Finds a \uD800-\uDFFF escape that is not a high surrogate followed by a
 * low one: cJSON rejects these, but they are an encoding error, not a syntax
 * error, so they are reported as invalid UTF-8.
 */
static const char *lone_surrogate(const char *s, size_t n)
{
	for (size_t i = 0; i + 6 <= n; i++) {
		if (s[i] != '\\')
			continue;
		if (s[i + 1] != 'u') {
			i++; /* skip the escaped character */
			continue;
		}
		unsigned v, w;
		if (!hexval(s + i + 2, &v))
			continue;
		if (v >= 0xD800 && v <= 0xDBFF) {
			if (i + 12 <= n && s[i + 6] == '\\' && s[i + 7] == 'u' && hexval(s + i + 8, &w) &&
			    w >= 0xDC00 && w <= 0xDFFF) {
				i += 11;
				continue;
			}
			return s + i;
		}
		if (v >= 0xDC00 && v <= 0xDFFF)
			return s + i;
		i += 5;
	}
	return NULL;
}

/*
 * Scans JSON text s up to stop for what cJSON does not say: returns the
 * bracket depth at stop, and sets *str to the opening quote of the string
 * that is still open at stop (NULL when none is).
 */
static size_t json_scan(const char *s, const char *stop, const char **str)
{
	size_t depth = 0;
	*str = NULL;
	for (const char *p = s; p < stop; p++) {
		if (*str) {
			if (*p == '\\')
				p++;
			else if (*p == '"')
				*str = NULL;
		} else if (*p == '"')
			*str = p;
		else if (*p == '[' || *p == '{')
			depth++;
		else if ((*p == ']' || *p == '}') && depth > 0)
			depth--;
	}
	return depth;
}

int json_unclosed(const char *s, size_t n)
{
	const char *str;
	return json_scan(s, s + n, &str) > 0 && !str;
}

/* Explains why cJSON failed at err (a position in line[0..len]). */
static void bad_json(struct extracted *x, const char *line, size_t len, const char *err)
{
	const char *str;
	size_t col = (size_t)(err - line) + 1;
	int opens = err < line + len && (*err == '[' || *err == '{');
	if (opens && json_scan(line, err, &str) >= CJSON_NESTING_LIMIT && !str) {
		skip(x, COT_SKIP_BAD_JSON, "malformed JSON: nested deeper than %d levels at column %zu",
		     CJSON_NESTING_LIMIT, col);
		return;
	}
	json_scan(line, line + len, &str);
	if (str && str < err + 1)
		skip(x, COT_SKIP_BAD_JSON, "malformed JSON: string from column %zu never ends (truncated line?)",
		     (size_t)(str - line) + 1);
	else
		skip(x, COT_SKIP_BAD_JSON, "malformed JSON near column %zu", col);
}

void extract_line(const struct extract_opts *o, const char *line, size_t len,
		  const char *fallback_model, unsigned long long lineno, struct extracted *x)
{
	x->skip = COT_SKIP_NONE;
	x->defects = 0;
	x->text = NULL;
	x->len = 0;
	x->full = x->after = NULL;
	x->full_len = x->after_len = 0;
	cJSON_Delete(x->root);
	const char *end = NULL;
	x->root = cJSON_ParseWithLengthOpts(line, len, &end, 0);
	if (!x->root) {
		const char *sur = lone_surrogate(line, len);
		if (sur) {
			skip(x, COT_SKIP_BAD_UTF8, "invalid UTF-8: lone UTF-16 surrogate '%.6s' at column %zu",
			     sur, (size_t)(sur - line) + 1);
			return;
		}
		bad_json(x, line, len, end && end >= line && end <= line + len ? end : line);
		return;
	}
	/* cJSON stops after the first value: anything but whitespace after it is an error */
	for (const char *p = end; p < line + len; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') {
			skip(x, COT_SKIP_BAD_JSON, "malformed JSON: trailing data at column %zu",
			     (size_t)(p - line) + 1);
			return;
		}
	if (!cJSON_IsObject(x->root)) {
		const char *v = cJSON_IsString(x->root) ? x->root->valuestring : "";
		while (*v == ' ' || *v == '\t')
			v++;
		if (*v == '{')
			skip(x, COT_SKIP_NOT_OBJECT, "record is a string holding JSON text (double-encoded?), "
			     "not an object");
		else
			skip(x, COT_SKIP_NOT_OBJECT, "record is %s, not an object", type_name(x->root));
		return;
	}

	if (o->cot_path) {
		const cJSON *v = json_path(x->root, o->cot_path);
		if (!v) {
			skip(x, COT_SKIP_NO_COT, "no field '%s'", o->cot_path);
			return;
		}
		if (!cJSON_IsString(v)) {
			skip(x, COT_SKIP_COT_TYPE, "field '%s' is %s, not a string", o->cot_path, type_name(v));
			return;
		}
		set_body(x, o->whole, v->valuestring, strlen(v->valuestring));
	} else {
		find_cot(x, o->whole, x->root);
		if (x->skip)
			return;
	}

	/* model: --model-field, else model/model_name/generator, else --model, else file name */
	const cJSON *mv = NULL;
	if (o->model_path)
		mv = json_path(x->root, o->model_path);
	else
		for (size_t i = 0; i < sizeof model_fields / sizeof *model_fields && !mv; i++) {
			mv = cJSON_GetObjectItemCaseSensitive(x->root, model_fields[i]);
			if (!cJSON_IsString(mv))
				mv = NULL;
		}
	if (!mv || !scalar_text(mv, &x->model) || x->model.len == 0) {
		buf_reset(&x->model);
		buf_addstr(&x->model, o->model_name ? o->model_name : fallback_model);
	}

	const cJSON *iv = json_path(x->root, o->id_path ? o->id_path : "id");
	if (!iv || !scalar_text(iv, &x->id) || x->id.len == 0) {
		buf_reset(&x->id);
		buf_printf(&x->id, "%llu", lineno);
	}
}

void extracted_free(struct extracted *x)
{
	cJSON_Delete(x->root);
	buf_free(&x->why);
	buf_free(&x->textbuf);
	buf_free(&x->fullbuf);
	buf_free(&x->bodybuf);
	buf_free(&x->model);
	buf_free(&x->id);
	memset(x, 0, sizeof *x);
}

int json_scalar_text(const cJSON *v, struct buf *b)
{
	return scalar_text(v, b);
}
