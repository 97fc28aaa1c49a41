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

#define NDELIM (sizeof delims / sizeof *delims)

/*
 * The delimiter pair that decides (the first in delims[] with its opening or
 * closing tag in text), with the first occurrence of each of its tags in
 * *o and *c (NULL when absent); -1 when text holds no tag.  Every tag starts
 * with '<': one pass over the '<' of the text finds the first occurrence of
 * every tag.
 */
static int first_delim(const char *text, size_t len, const char **o, const char **c)
{
	const char *fo[NDELIM] = {0}, *fc[NDELIM] = {0};
	const char *p = text, *end = text + len;
	while (p < end && (p = memchr(p, '<', (size_t)(end - p)))) {
		size_t left = (size_t)(end - p);
		for (size_t d = 0; d < NDELIM; d++) {
			size_t ol = strlen(delims[d].open), cl = strlen(delims[d].close);
			if (!fo[d] && ol <= left && memcmp(p, delims[d].open, ol) == 0)
				fo[d] = p;
			if (!fc[d] && cl <= left && memcmp(p, delims[d].close, cl) == 0)
				fc[d] = p;
		}
		if (fo[0] && fc[0])
			break; /* the first pair decides, and later tags cannot come first */
		p++;
	}
	for (size_t d = 0; d < NDELIM; d++)
		if (fo[d] || fc[d]) {
			*o = fo[d];
			*c = fc[d];
			return (int)d;
		}
	*o = *c = NULL;
	return -1;
}

/* Appends n bytes of text at in to out, recording the piece when pieces is set. */
static void add_piece(struct buf *out, struct buf *pieces, const char *text, const char *in, size_t n)
{
	if (pieces) {
		struct section_piece pc = { out->len, (size_t)(in - text) };
		buf_add(pieces, &pc, sizeof pc);
	}
	buf_add(out, in, n);
}

int extract_sections(const char *text, size_t len, struct buf *out, int *truncated)
{
	return extract_sections_pieces(text, len, out, NULL, truncated);
}

int extract_sections_pieces(const char *text, size_t len, struct buf *out, struct buf *pieces, int *truncated)
{
	*truncated = 0;
	const char *o, *c;
	int d = first_delim(text, len, &o, &c);
	if (d >= 0) {
		const char *open = delims[d].open, *close = delims[d].close;
		size_t ol = strlen(open), cl = strlen(close);
		if (c && (!o || c < o)) {
			/* template pre-filled the opening tag: the reasoning is what precedes */
			add_piece(out, pieces, text, text, (size_t)(c - text));
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
				add_piece(out, pieces, text, in, (size_t)(end - in));
				*truncated = 1;
				break;
			}
			add_piece(out, pieces, text, in, (size_t)(c - in));
			p = c + cl;
		}
		return 1;
	}
	return 0;
}

/*
 * Field paths, in three spellings (README "Field paths"):
 *   dotted        a.b.0.c     a step is a key, or an index into an array
 *                             (negative from the end)
 *   JSON Pointer  /a/b/0/c    RFC 6901: any key, ~1 for '/', ~0 for '~'
 *   jq            .a.b[0]["0.0"].c   .name, [N] (negative from the end), ["any key"]
 *                             with JSON string escapes (\" \\ \uXXXX)
 */
enum step_kind { STEP_ANY, STEP_KEY, STEP_INDEX };

struct path_iter {
	const char *p, *end;
	int style;                /* '.': dotted, '/': pointer, 'j': jq */
	int started;
};

static void path_begin(struct path_iter *it, const char *p, size_t n)
{
	it->p = p;
	it->end = p + n;
	it->started = 0;
	it->style = n && p[0] == '/' ? '/' : n && (p[0] == '.' || p[0] == '[') ? 'j' : '.';
}

static int hex4(const char *p, const char *end, unsigned *v)
{
	*v = 0;
	for (int i = 0; i < 4; i++) {
		if (p + i >= end)
			return 0;
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

/* Appends code point u as UTF-8. */
static void add_utf8(struct buf *b, unsigned u)
{
	if (u < 0x80)
		buf_addc(b, (char)u);
	else if (u < 0x800) {
		buf_addc(b, (char)(0xC0 | (u >> 6)));
		buf_addc(b, (char)(0x80 | (u & 0x3F)));
	} else {
		buf_addc(b, (char)(0xE0 | (u >> 12)));
		buf_addc(b, (char)(0x80 | ((u >> 6) & 0x3F)));
		buf_addc(b, (char)(0x80 | (u & 0x3F)));
	}
}

/*
 * The next step of a path into key (NUL-terminated) and *kind.  Returns 1,
 * 0 at the end of the path, -1 when the path is malformed.
 */
static int path_next(struct path_iter *it, struct buf *key, int *kind)
{
	buf_reset(key);
	buf_addstr(key, "");
	const char *p = it->p, *end = it->end;
	if (it->style == '.') {
		if (p >= end)
			return it->started ? 0 : -1;
		if (it->started) {
			if (*p != '.')
				return -1;
			p++;
		}
		const char *q = p;
		while (q < end && *q != '.')
			q++;
		if (q == p)
			return -1;
		buf_add(key, p, (size_t)(q - p));
		*kind = STEP_ANY;
		it->p = q;
		it->started = 1;
		return 1;
	}
	if (it->style == '/') {
		if (p >= end)
			return it->started ? 0 : -1;
		p++; /* the '/' */
		const char *q = p;
		while (q < end && *q != '/') {
			if (*q == '~') {
				if (q + 1 >= end || (q[1] != '0' && q[1] != '1'))
					return -1;
				buf_addc(key, q[1] == '0' ? '~' : '/');
				q += 2;
				continue;
			}
			buf_addc(key, *q++);
		}
		*kind = STEP_ANY; /* a key, or an index of an array (digits) */
		it->p = q;
		it->started = 1;
		return 1;
	}
	/* jq */
	if (p >= end)
		return it->started ? 0 : -1;
	if (*p == '.' && p + 1 < end && p[1] == '[')
		p++; /* .["key"] and .[0] as jq also allows */
	if (*p == '.') {
		const char *q = ++p;
		while (q < end && *q != '.' && *q != '[')
			q++;
		if (q == p)
			return -1;
		buf_add(key, p, (size_t)(q - p));
		*kind = STEP_KEY;
		it->p = q;
		it->started = 1;
		return 1;
	}
	if (*p != '[')
		return -1;
	p++;
	if (p < end && *p == '"') {
		p++;
		while (p < end && *p != '"') {
			if (*p == '\\') {
				if (p + 1 >= end)
					return -1;
				char e = p[1];
				unsigned u;
				p += 2;
				switch (e) {
				case '"': case '\\': case '/': buf_addc(key, e); break;
				case 'n': buf_addc(key, '\n'); break;
				case 't': buf_addc(key, '\t'); break;
				case 'r': buf_addc(key, '\r'); break;
				case 'b': buf_addc(key, '\b'); break;
				case 'f': buf_addc(key, '\f'); break;
				case 'u':
					if (!hex4(p, end, &u) || (u >= 0xD800 && u <= 0xDFFF) || u == 0)
						return -1;
					add_utf8(key, u);
					p += 4;
					break;
				default: return -1;
				}
				continue;
			}
			buf_addc(key, *p++);
		}
		if (p + 1 >= end || p[1] != ']')
			return -1;
		*kind = STEP_KEY;
		it->p = p + 2;
	} else {
		const char *q = p;
		if (q < end && *q == '-')
			q++;
		while (q < end && *q >= '0' && *q <= '9')
			q++;
		if (q == p || (q == p + 1 && *p == '-') || q >= end || *q != ']')
			return -1;
		buf_add(key, p, (size_t)(q - p));
		*kind = STEP_INDEX;
		it->p = q + 1;
	}
	it->started = 1;
	return 1;
}

int extract_path_valid(const char *p, size_t n)
{
	struct path_iter it;
	struct buf key = {0};
	int kind, rc, steps = 0;
	path_begin(&it, p, n);
	while ((rc = path_next(&it, &key, &kind)) > 0)
		steps++;
	buf_free(&key);
	return rc == 0 && steps > 0;
}

/* Appends up to 10 keys of object o, quoted, to why. */
static void list_keys(const cJSON *o, struct buf *why)
{
	const cJSON *c;
	int n = 0, total = cJSON_GetArraySize(o);
	if (!total) {
		buf_addstr(why, " (it has no keys)");
		return;
	}
	buf_addstr(why, " (keys there: ");
	cJSON_ArrayForEach(c, o) {
		if (n == 10) {
			buf_printf(why, ", ... %d in all", total);
			break;
		}
		buf_printf(why, "%s'%s'", n++ ? ", " : "", c->string ? c->string : "");
	}
	buf_addc(why, ')');
}

/* extract_path, and when a step is missing and why is given, which step and what is there. */
static const cJSON *walk(const cJSON *root, const char *path, struct buf *why)
{
	struct path_iter it;
	struct buf key = {0};
	int kind, rc;
	const cJSON *cur = root;
	const char *at = path; /* the path up to the step being taken */
	path_begin(&it, path, strlen(path));
	while (cur && (rc = path_next(&it, &key, &kind)) > 0) {
		const cJSON *next = NULL;
		if (cJSON_IsArray(cur) && kind != STEP_KEY) {
			char *e;
			long idx = strtol(key.p, &e, 10);
			int size = cJSON_GetArraySize(cur);
			int digits = key.p[0] && *e == '\0' && (it.style != '/' || key.p[0] != '-');
			if (digits && idx < 0 && it.style != '/')
				idx += size;
			if (digits && idx >= 0 && idx < size)
				next = cJSON_GetArrayItem(cur, (int)idx);
			if (!next && why)
				buf_printf(why, "step '%s' of '%s' is not an index of the array there (%d elements)",
					   key.p, path, size);
		} else if (cJSON_IsObject(cur) && kind != STEP_INDEX) {
			next = cJSON_GetObjectItemCaseSensitive(cur, key.p);
			if (!next && why) {
				buf_printf(why, "no key '%s' at '%.*s'", key.p, (int)(at - path), path);
				if (at == path) {
					buf_reset(why);
					buf_printf(why, "no key '%s' in the record", key.p);
				}
				list_keys(cur, why);
			}
		} else if (why) {
			if (at == path)
				buf_printf(why, "step '%s' of '%s': the record is not an object", key.p, path);
			else
				buf_printf(why, "step '%s' of '%s': '%.*s' is %s, not %s", key.p, path, (int)(at - path),
					   path, cJSON_IsArray(cur) ? "an array" : cJSON_IsObject(cur) ? "an object" : "a scalar",
					   kind == STEP_INDEX ? "an array" : "an object");
		}
		cur = next;
		at = it.p;
	}
	buf_free(&key);
	return cur;
}

const cJSON *extract_path(const cJSON *root, const char *path)
{
	return walk(root, path, NULL);
}

const cJSON *extract_path_why(const cJSON *root, const char *path, struct buf *why)
{
	buf_reset(why);
	return walk(root, path, why);
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
	const char *o, *c;
	int d = first_delim(text, len, &o, &c);
	if (d >= 0) {
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
		buf_reset(&x->pieces);
		if (extract_sections_pieces(s, n, &x->textbuf, &x->pieces, &trunc)) {
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

int extract_json_unclosed(const char *s, size_t n)
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
	buf_reset(&x->pieces);
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
		const cJSON *v = extract_path_why(x->root, o->cot_path, &x->why);
		if (!v) {
			/* which step failed, and what is there */
			char msg[512];
			snprintf(msg, sizeof msg, "no field '%s': %s", o->cot_path, x->why.p ? x->why.p : "");
			skip(x, COT_SKIP_NO_COT, "%s", msg);
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
		mv = extract_path(x->root, o->model_path);
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

	const cJSON *iv = extract_path(x->root, o->id_path ? o->id_path : "id");
	if (!iv || !scalar_text(iv, &x->id) || x->id.len == 0) {
		buf_reset(&x->id);
		buf_printf(&x->id, "%llu", lineno);
	}
}

void extract_text(int whole, const char *s, size_t n, struct extracted *x)
{
	x->skip = COT_SKIP_NONE;
	x->defects = 0;
	cJSON_Delete(x->root);
	x->root = NULL;
	buf_reset(&x->why);
	buf_reset(&x->pieces);
	buf_reset(&x->model);
	buf_reset(&x->id);
	set_body(x, whole, s, n);
}

size_t extract_source_offset(const struct extracted *x, size_t off)
{
	if (x->text != x->textbuf.p || !x->pieces.len)
		return off + (size_t)(x->text - x->full); /* the analysed text lies in the body */
	const struct section_piece *pc = (const struct section_piece *)(const void *)x->pieces.p;
	size_t lo = 0, hi = x->pieces.len / sizeof *pc; /* the last piece starting at or before off */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (pc[mid].out <= off)
			lo = mid;
		else
			hi = mid;
	}
	return pc[lo].in + (off - pc[lo].out);
}

void extracted_free(struct extracted *x)
{
	buf_free(&x->pieces);
	cJSON_Delete(x->root);
	buf_free(&x->why);
	buf_free(&x->textbuf);
	buf_free(&x->fullbuf);
	buf_free(&x->bodybuf);
	buf_free(&x->model);
	buf_free(&x->id);
	memset(x, 0, sizeof *x);
}

int extract_scalar_text(const cJSON *v, struct buf *b)
{
	return scalar_text(v, b);
}
