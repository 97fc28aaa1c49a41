/* judge.c - see judge.h. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pcre2.h>

#include "diag.h"
#include "extract.h"
#include "judge.h"
#include "reader.h"
#include "show.h"

/* The record field {{problem}} stands for, and what it says when the record has none. */
#define JUDGE_PROBLEM_FIELD "prompt"
#define JUDGE_NO_PROBLEM "(not given)"

/* ---- custom_id ---- */

/* Appends s percent-encoded: '%', '|' and control bytes as %XX. */
static void add_escaped(struct buf *out, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '%' || c == '|' || c < 0x20 || c == 0x7f)
			buf_printf(out, "%%%02X", c);
		else
			buf_addc(out, (char)c);
	}
}

void judge_custom_id(struct buf *out, int b, const char *file, unsigned long long line, const char *id)
{
	buf_reset(out);
	buf_printf(out, "%s|", cot_behaviour_name(b));
	add_escaped(out, file);
	buf_printf(out, "|%llu|", line);
	add_escaped(out, id);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Decodes the n percent-encoded bytes at s into out; -1 on a bad or NUL %XX. */
static int unescape(const char *s, size_t n, struct buf *out)
{
	buf_reset(out);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%') {
			if (i + 2 >= n)
				return -1;
			int h = hexval(s[i + 1]), l = hexval(s[i + 2]);
			if (h < 0 || l < 0 || (h == 0 && l == 0))
				return -1;
			buf_addc(out, (char)(h * 16 + l));
			i += 2;
		} else
			buf_addc(out, s[i]);
	}
	return 0;
}

int judge_parse_custom_id(const char *s, int *b, struct buf *file, unsigned long long *line, struct buf *id)
{
	const char *p1 = strchr(s, '|');
	const char *p2 = p1 ? strchr(p1 + 1, '|') : NULL;
	const char *p3 = p2 ? strchr(p2 + 1, '|') : NULL;
	if (!p3 || strchr(p3 + 1, '|'))
		return -1;
	*b = cot_behaviour_lookup(s, (size_t)(p1 - s));
	if (*b < 0)
		return -1;
	if (p3 == p2 + 1 || p2[1] < '1' || p2[1] > '9')
		return -1;
	unsigned long long v = 0;
	for (const char *q = p2 + 1; q < p3; q++) {
		if (*q < '0' || *q > '9' || v > (~0ULL - 9) / 10)
			return -1;
		v = v * 10 + (unsigned long long)(*q - '0');
	}
	*line = v;
	if (unescape(p1 + 1, (size_t)(p2 - p1 - 1), file) < 0 || file->len == 0 ||
	    unescape(p3 + 1, strlen(p3 + 1), id) < 0)
		return -1;
	if (util_utf8_valid_prefix(file->p, file->len) != file->len ||
	    util_utf8_valid_prefix(id->p, id->len) != id->len)
		return -1;
	return 0;
}

/* ---- reading an answer ---- */

static pcre2_code *re_count, *re_quote;

/* Compiles the two answer patterns once (they are constant, so they compile). */
static void answer_patterns(void)
{
	if (re_count)
		return;
	int err;
	PCRE2_SIZE off;
	re_count = pcre2_compile((PCRE2_SPTR) "<count>(.*?)</count>", PCRE2_ZERO_TERMINATED,
				 PCRE2_CASELESS | PCRE2_DOTALL | PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &err, &off, NULL);
	re_quote = pcre2_compile((PCRE2_SPTR) "<quote>(.*?)</quote>", PCRE2_ZERO_TERMINATED,
				 PCRE2_CASELESS | PCRE2_DOTALL | PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &err, &off, NULL);
	if (!re_count || !re_quote) { /* LCOV_EXCL_START: constant patterns */
		diag_error("BUG: answer patterns do not compile");
		abort();
	} /* LCOV_EXCL_STOP */
}

/* Frees the answer patterns (judge read, at its end). */
static void answer_patterns_free(void)
{
	pcre2_code_free(re_count);
	pcre2_code_free(re_quote);
	re_count = re_quote = NULL;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Trims the span [*s, *s + *n) of white space at both ends. */
static void trim(const char **s, size_t *n)
{
	while (*n && is_space(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && is_space((*s)[*n - 1]))
		(*n)--;
}

/* Calls fn on the first group of every match of re in text; returns the number of matches. */
static size_t each_match(pcre2_code *re, const char *text, size_t len,
			 void (*fn)(void *arg, const char *s, size_t n), void *arg)
{
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	size_t start = 0, found = 0;
	while (start <= len) {
		int rc = pcre2_match(re, (PCRE2_SPTR)text, len, start, 0, md, NULL);
		if (rc < 0)
			break;
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		fn(arg, text + ov[2], ov[3] - ov[2]);
		found++;
		start = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
	}
	pcre2_match_data_free(md);
	return found;
}

struct counts_seen {
	int bad;                  /* a <count> that is not a whole number */
	long first;               /* the first value, -1 before it */
	int differ;               /* a later value differs from it */
	struct buf text;          /* the offending text, for the message */
};

static void on_count(void *arg, const char *s, size_t n)
{
	struct counts_seen *cs = arg;
	trim(&s, &n);
	long v = 0;
	int ok = n > 0 && n <= 9;
	for (size_t i = 0; ok && i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			ok = 0;
		else
			v = v * 10 + (s[i] - '0');
	}
	if (!ok) {
		if (!cs->bad) {
			cs->bad = 1;
			buf_reset(&cs->text);
			buf_add(&cs->text, s, n > 40 ? 40 : n);
			if (n > 40)
				buf_addstr(&cs->text, "...");
		}
		return;
	}
	if (cs->first < 0)
		cs->first = v;
	else if (v != cs->first && !cs->differ) {
		cs->differ = 1;
		buf_reset(&cs->text);
		buf_printf(&cs->text, "%ld and %ld", cs->first, v);
	}
}

static void on_quote(void *arg, const char *s, size_t n)
{
	trim(&s, &n);
	char *q = xstrndup(s, n);
	cJSON_AddItemToArray((cJSON *)arg, cJSON_CreateString(q));
	free(q);
}

int judge_parse_answer(const char *text, size_t len, long *count, cJSON *quotes, struct buf *why)
{
	answer_patterns();
	struct counts_seen cs = { .first = -1 };
	size_t n = each_match(re_count, text, len, on_count, &cs);
	int ret = -1;
	buf_reset(why);
	if (n == 0)
		buf_addstr(why, "no <count>N</count> in the answer");
	else if (cs.bad)
		buf_printf(why, "<count>%s</count> is not a count (a whole number of at most 9 digits)", cs.text.p);
	else if (cs.differ)
		buf_printf(why, "<count> tags disagree (%s)", cs.text.p);
	else {
		*count = cs.first;
		each_match(re_quote, text, len, on_quote, quotes);
		ret = 0;
	}
	buf_free(&cs.text);
	return ret;
}

/* ---- the prompts file ---- */

/* Section 0..3: the behaviours; JUDGE_SYSTEM: the system message. */
#define JUDGE_SYSTEM COT_NBEHAV

struct prompts {
	char *text[COT_NBEHAV + 1]; /* owned; NULL: no such section */
};

/* Reports "FILE:LINE: message" for the prompts file; returns -1. */
static int prompts_error(const char *name, unsigned long long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int prompts_error(const char *name, unsigned long long line, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s:%llu: ", name, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

/*
 * Checks the {{...}} of section sec, whose header is on line `header` and
 * whose text t starts on line `first`; 0 or -1 after reporting.
 */
static int check_placeholders(const char *name, unsigned long long header, unsigned long long first, int sec,
			      const char *t)
{
	int have_trace = 0;
	for (const char *p = t; (p = strstr(p, "{{")) != NULL; p += 2) {
		unsigned long long l = first;
		for (const char *q = t; q < p; q++)
			l += *q == '\n';
		if (strncmp(p, "{{trace}}", 9) == 0 && sec != JUDGE_SYSTEM)
			have_trace = 1;
		else if (strncmp(p, "{{problem}}", 11) != 0 || sec == JUDGE_SYSTEM) {
			const char *e = strstr(p, "}}");
			int n = e && e - p < 40 ? (int)(e - p) + 2 : 2;
			if (sec == JUDGE_SYSTEM)
				return prompts_error(name, l, "placeholder '%.*s' in [system] (the system message takes none)",
						     n, p);
			return prompts_error(name, l, "unknown placeholder '%.*s' (known: {{trace}}, {{problem}})", n, p);
		}
	}
	if (sec != JUDGE_SYSTEM && !have_trace)
		return prompts_error(name, header, "section [%s] has no {{trace}}", cot_behaviour_name(sec));
	return 0;
}

/* Parses the prompts file text (named name in messages) into pr; 0 or -1 after reporting. */
static int prompts_parse(struct prompts *pr, const char *name, const char *text, size_t len)
{
	struct buf cur = {0};
	unsigned long long lineno = 0, start[COT_NBEHAV + 1] = {0};
	int sec = -1, ret = 0;
	const char *p = text, *end = text + len;
	memset(pr, 0, sizeof *pr);
	for (;;) {
		int eof = p >= end, header = 0;
		const char *nl = NULL;
		size_t n = 0;
		if (!eof) {
			nl = memchr(p, '\n', (size_t)(end - p));
			n = (size_t)((nl ? nl : end) - p);
			if (n && p[n - 1] == '\r')
				n--;
			lineno++;
			header = n >= 3 && p[0] == '[' && p[n - 1] == ']';
		}
		if (eof || header) {
			if (sec >= 0) {
				/* close the section: drop the blank lines around it */
				const char *t = cur.p ? cur.p : "";
				size_t tn = cur.len;
				unsigned long long lead = 0;
				while (tn && t[0] == '\n')
					t++, tn--, lead++;
				while (tn && is_space(t[tn - 1]))
					tn--;
				pr->text[sec] = xstrndup(t, tn);
				if (check_placeholders(name, start[sec], start[sec] + 1 + lead, sec, pr->text[sec]) < 0)
					ret = -1;
			}
			if (eof)
				break;
			const char *h = p + 1;
			size_t hn = n - 2;
			sec = hn == 6 && memcmp(h, "system", 6) == 0 ? JUDGE_SYSTEM : cot_behaviour_lookup(h, hn);
			if (sec < 0) {
				ret = prompts_error(name, lineno, "unknown section '%.*s' (known: system, backtracking, "
						    "verification, subgoal_setting, backward_chaining)", (int)n, p);
			} else if (start[sec]) {
				ret = prompts_error(name, lineno, "section '%.*s' given twice (first on line %llu)", (int)n,
						    p, start[sec]);
				sec = -1;
			} else
				start[sec] = lineno;
			buf_reset(&cur);
		} else if (sec >= 0) {
			buf_add(&cur, p, n);
			buf_addc(&cur, '\n');
		}
		p = nl ? nl + 1 : end;
	}
	for (int b = 0; b < COT_NBEHAV && ret == 0; b++)
		if (!pr->text[b])
			ret = prompts_error(name, lineno, "no section [%s] (every behaviour needs its prompt)",
					    cot_behaviour_name(b));
	buf_free(&cur);
	return ret;
}

static void prompts_free(struct prompts *pr)
{
	for (int i = 0; i <= COT_NBEHAV; i++)
		free(pr->text[i]);
}

/* Reads and parses the prompts file at path; 0, COT_EXIT_USAGE or COT_EXIT_IO after reporting. */
static int prompts_load(struct prompts *pr, const char *path)
{
	memset(pr, 0, sizeof *pr);
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		diag_error("cannot open '%s': %s", path, strerror(errno));
		return COT_EXIT_IO;
	}
	struct buf t = {0};
	char block[1 << 14];
	ssize_t got;
	while ((got = read(fd, block, sizeof block)) > 0 || (got < 0 && errno == EINTR))
		if (got > 0)
			buf_add(&t, block, (size_t)got);
	int err = got < 0 ? errno : 0;
	close(fd);
	int ret = 0;
	if (err) {
		diag_error("cannot read '%s': %s", path, strerror(err));
		ret = COT_EXIT_IO;
	} else if (t.len && (memchr(t.p, '\0', t.len) || util_utf8_valid_prefix(t.p, t.len) != t.len)) {
		diag_error("'%s' is not UTF-8 text", path);
		ret = COT_EXIT_USAGE;
	} else if (prompts_parse(pr, path, t.p ? t.p : "", t.len) < 0)
		ret = COT_EXIT_USAGE;
	buf_free(&t);
	return ret;
}

/* ---- judge requests ---- */

struct requests_ctx {
	const struct judge_requests_cfg *cfg;
	FILE *out;
	struct prompts pr;
	unsigned long long traces, requests;
	struct buf id, msg, problem;
};

/* Appends template t with {{trace}} and {{problem}} filled in to out. */
static void expand(struct buf *out, const char *t, const char *trace, size_t trace_len, const char *problem)
{
	buf_reset(out);
	for (const char *p = t; *p;) {
		if (strncmp(p, "{{trace}}", 9) == 0) {
			buf_add(out, trace, trace_len);
			p += 9;
		} else if (strncmp(p, "{{problem}}", 11) == 0) {
			buf_addstr(out, problem);
			p += 11;
		} else
			buf_addc(out, *p++);
	}
}

static void requests_line(void *ctx, const struct trace_result *r)
{
	struct requests_ctx *c = ctx;
	if (r->skip != COT_SKIP_NONE)
		return; /* reported and counted by the pipeline */
	c->traces++;
	if (!pipeline_field_text(r, JUDGE_PROBLEM_FIELD, &c->problem)) {
		buf_reset(&c->problem);
		buf_addstr(&c->problem, JUDGE_NO_PROBLEM);
	}
	for (int b = 0; b < COT_NBEHAV; b++) {
		if (c->cfg->only >= 0 && b != c->cfg->only)
			continue;
		judge_custom_id(&c->id, b, r->file, r->line, r->id);
		cJSON *req = cJSON_CreateObject();
		cJSON_AddStringToObject(req, "custom_id", c->id.p);
		cJSON_AddStringToObject(req, "method", "POST");
		cJSON_AddStringToObject(req, "url", "/v1/chat/completions");
		cJSON *body = cJSON_AddObjectToObject(req, "body");
		cJSON_AddStringToObject(body, "model", c->cfg->model);
		cJSON *msgs = cJSON_AddArrayToObject(body, "messages");
		if (c->pr.text[JUDGE_SYSTEM]) {
			cJSON *m = cJSON_CreateObject();
			cJSON_AddStringToObject(m, "role", "system");
			cJSON_AddStringToObject(m, "content", c->pr.text[JUDGE_SYSTEM]);
			cJSON_AddItemToArray(msgs, m);
		}
		expand(&c->msg, c->pr.text[b], r->text ? r->text : "", r->cot_bytes, c->problem.p);
		cJSON *m = cJSON_CreateObject();
		cJSON_AddStringToObject(m, "role", "user");
		cJSON_AddStringToObject(m, "content", c->msg.p);
		cJSON_AddItemToArray(msgs, m);
		cJSON_AddNumberToObject(body, "temperature", 0);
		char *s = cJSON_PrintUnformatted(req);
		fputs(s, c->out);
		fputc('\n', c->out);
		cJSON_free(s);
		cJSON_Delete(req);
		c->requests++;
	}
}

static int requests_finish(void *ctx)
{
	struct requests_ctx *c = ctx;
	if (!c->cfg->quiet)
		fprintf(stderr, "cotscan: judge requests: %llu requests for %llu traces (model %s)\n", c->requests,
			c->traces, c->cfg->model);
	return COT_EXIT_OK;
}

static void requests_free(void *ctx)
{
	struct requests_ctx *c = ctx;
	prompts_free(&c->pr);
	buf_free(&c->id);
	buf_free(&c->msg);
	buf_free(&c->problem);
	free(c);
}

int sink_judge_requests_init(struct sink *s, const struct judge_requests_cfg *cfg, const struct sink_env *env)
{
	struct requests_ctx *c = xmalloc(sizeof *c);
	memset(c, 0, sizeof *c);
	c->cfg = cfg;
	c->out = env->out;
	*s = (struct sink){ .ctx = c, .line = requests_line, .finish = requests_finish, .free = requests_free };
	if (cfg->prompts)
		return prompts_load(&c->pr, cfg->prompts);
	if (prompts_parse(&c->pr, "prompts/judge.prompts (built in)", judge_prompts_builtin,
			  strlen(judge_prompts_builtin)) < 0)
		return COT_EXIT_USAGE; /* LCOV_EXCL_LINE: the built-in file is tested */
	return 0;
}

/* ---- judge read ---- */

/* What became of one answer line. */
enum { ANS_OK = 0, ANS_UNPARSABLE, ANS_ERROR };

/* Kinds of message, each counted and rate-limited on its own. */
enum { K_BAD_LINE, K_UNPARSABLE, K_ERROR, K_DUPLICATE, K_MISSING, K_AMBIGUOUS, K_N };
static const char *const kind_name[K_N] = {
	"bad lines", "unparsable", "errors", "duplicates", "missing", "ambiguous ids",
};

/* One answer line with a custom_id of ours. */
struct answer {
	char *file, *id;          /* owned: the trace's input and id */
	unsigned long long line;  /* the trace's line */
	int b;
	int state;                /* ANS_* */
	long count;
	cJSON *quotes;            /* owned array (ANS_OK) */
	const char *src;          /* the answers file (borrowed from argv) */
	unsigned long long srcline;
	size_t order;             /* read order, for a stable sort */
	int left_out;             /* a duplicate */
};

struct reader_ctx {
	const struct judge_read_cfg *cfg;
	struct answer *v;
	size_t n, cap;
	unsigned long long lines, count[K_N], shown[K_N];
	unsigned long long answers, labelled, blank;
	struct buf file, id, why, tmp;
};

/* Reports "FILE:LINE: message" of one kind and counts it. */
static void read_report(struct reader_ctx *c, int kind, const char *file, unsigned long long line, const char *fmt,
			...) __attribute__((format(printf, 5, 6)));
static void read_report(struct reader_ctx *c, int kind, const char *file, unsigned long long line, const char *fmt,
			...)
{
	c->count[kind]++;
	if (c->shown[kind] >= DIAG_MAX_SHOWN)
		return;
	/* ids and the judge's messages are input: control characters are shown, never sent raw */
	struct buf m = {0}, safe = {0};
	va_list ap;
	buf_printf(&m, "%s:%llu: ", file, line);
	va_start(ap, fmt);
	buf_vprintf(&m, fmt, ap);
	va_end(ap);
	show_safe(&safe, m.p, m.len, 1);
	fprintf(stderr, "%s\n", safe.p);
	buf_free(&m);
	buf_free(&safe);
	if (++c->shown[kind] == DIAG_MAX_SHOWN)
		diag_error("further '%s' messages suppressed (counted in the summary)", kind_name[kind]);
}

/* The message of an error object (OpenAI's {"code", "message"}), into out. */
static void error_text(const cJSON *e, struct buf *out)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(e, "message");
	const cJSON *code = cJSON_GetObjectItemCaseSensitive(e, "code");
	buf_reset(out);
	if (cJSON_IsString(code) && code->valuestring[0])
		buf_printf(out, "%s%s", code->valuestring, cJSON_IsString(m) ? ": " : "");
	if (cJSON_IsString(m))
		buf_addstr(out, m->valuestring);
	else if (cJSON_IsString(e))
		buf_addstr(out, e->valuestring);
	else if (!cJSON_IsString(code)) {
		char *s = cJSON_PrintUnformatted(e);
		buf_addstr(out, s);
		cJSON_free(s);
	}
	if (out->len > 200) {
		out->len = 200;
		while (out->len && ((unsigned char)out->p[out->len] & 0xC0) == 0x80)
			out->len--;
		out->p[out->len] = '\0';
		buf_addstr(out, "...");
	}
}

/*
 * The answer text of one response record: the plain {"content"} shape, or a
 * Batch API output line.  Returns the text, or NULL with *state and why set.
 */
static const char *answer_text(const cJSON *root, int *state, struct buf *why, struct buf *tmp)
{
	const cJSON *err = cJSON_GetObjectItemCaseSensitive(root, "error");
	const cJSON *resp = cJSON_GetObjectItemCaseSensitive(root, "response");
	const cJSON *content = cJSON_GetObjectItemCaseSensitive(root, "content");
	buf_reset(why);
	if (err && !cJSON_IsNull(err)) {
		error_text(err, tmp);
		buf_printf(why, "the judge returned an error (%s)", tmp->p);
		*state = ANS_ERROR;
		return NULL;
	}
	if (content) {
		if (cJSON_IsString(content))
			return content->valuestring;
		buf_addstr(why, "'content' is not a string");
		*state = ANS_UNPARSABLE;
		return NULL;
	}
	if (!resp) {
		buf_addstr(why, "neither 'response' (Batch API output) nor 'content'");
		*state = ANS_UNPARSABLE;
		return NULL;
	}
	if (cJSON_IsNull(resp)) {
		buf_addstr(why, "the judge returned no response (\"response\": null)");
		*state = ANS_ERROR;
		return NULL;
	}
	const cJSON *status = cJSON_GetObjectItemCaseSensitive(resp, "status_code");
	const cJSON *body = cJSON_GetObjectItemCaseSensitive(resp, "body");
	if (cJSON_IsNumber(status) && status->valuedouble != 200) {
		const cJSON *be = cJSON_GetObjectItemCaseSensitive(body, "error");
		if (be)
			error_text(be, tmp);
		else
			buf_reset(tmp);
		buf_printf(why, "the judge returned status %g%s%s%s", status->valuedouble, tmp->len ? " (" : "",
			   tmp->len ? tmp->p : "", tmp->len ? ")" : "");
		*state = ANS_ERROR;
		return NULL;
	}
	const cJSON *text = extract_path(body, "choices.0.message.content");
	if (!cJSON_IsString(text)) {
		buf_addstr(why, "no answer text (response.body.choices.0.message.content)");
		*state = ANS_UNPARSABLE;
		return NULL;
	}
	return text->valuestring;
}

/* Reads one answers file into c; 0, or -1 on an open or read error (reported). */
static int read_answers(struct reader_ctx *c, const char *path)
{
	int fd = 0;
	if (strcmp(path, "-") != 0 && (fd = open(path, O_RDONLY)) < 0) {
		diag_error("cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	struct reader rd;
	reader_init(&rd, fd, 1);
	const char *line;
	size_t len;
	int got;
	while ((got = reader_next(&rd, &line, &len)) > 0) {
		size_t i = 0;
		while (i < len && is_space(line[i]))
			i++;
		c->lines++;
		if (i == len) {
			c->blank++;
			continue;
		}
		size_t ok = util_utf8_valid_prefix(line, len);
		if (ok != len) {
			read_report(c, K_BAD_LINE, path, rd.lineno, "invalid UTF-8 at column %zu", ok + 1);
			continue;
		}
		const char *end = NULL;
		cJSON *root = memchr(line, '\0', len) ? NULL : cJSON_ParseWithLengthOpts(line, len, &end, 0);
		if (!cJSON_IsObject(root)) {
			read_report(c, K_BAD_LINE, path, rd.lineno, "not a JSON object (an answer line must be one)");
			cJSON_Delete(root);
			continue;
		}
		const cJSON *cid = cJSON_GetObjectItemCaseSensitive(root, "custom_id");
		struct answer a = { .src = path, .srcline = rd.lineno, .order = c->n };
		if (!cJSON_IsString(cid)) {
			read_report(c, K_BAD_LINE, path, rd.lineno, "no custom_id (a string)");
			cJSON_Delete(root);
			continue;
		}
		if (judge_parse_custom_id(cid->valuestring, &a.b, &c->file, &a.line, &c->id) < 0) {
			buf_reset(&c->tmp);
			buf_add(&c->tmp, cid->valuestring, strlen(cid->valuestring) > 80 ? 80 : strlen(cid->valuestring));
			read_report(c, K_BAD_LINE, path, rd.lineno,
				    "custom_id '%s%s' is not one of 'cotscan judge requests'", c->tmp.p,
				    strlen(cid->valuestring) > 80 ? "..." : "");
			cJSON_Delete(root);
			continue;
		}
		a.file = xstrdup(c->file.p);
		a.id = xstrdup(c->id.p ? c->id.p : "");
		const char *text = answer_text(root, &a.state, &c->why, &c->tmp);
		if (text) {
			a.quotes = cJSON_CreateArray();
			if (judge_parse_answer(text, strlen(text), &a.count, a.quotes, &c->why) < 0) {
				a.state = ANS_UNPARSABLE;
				cJSON_Delete(a.quotes);
				a.quotes = NULL;
			}
		}
		if (a.state != ANS_OK)
			read_report(c, a.state == ANS_ERROR ? K_ERROR : K_UNPARSABLE, path, rd.lineno,
				    "%s of trace '%s' (%s:%llu): %s; left out, not counted as 0",
				    cot_behaviour_name(a.b), a.id, a.file, a.line, c->why.p);
		else
			c->answers++;
		GROW(c->v, c->n, c->cap);
		c->v[c->n++] = a;
		cJSON_Delete(root);
	}
	int ret = 0;
	if (got < 0) {
		diag_error("cannot read '%s': %s", strcmp(path, "-") ? path : "standard input", strerror(rd.err));
		ret = -1;
	}
	reader_free(&rd);
	if (fd != 0)
		close(fd);
	return ret;
}

/* Order of the trace (file, line, id), then behaviour, then read order. */
static int cmp_answer(const void *pa, const void *pb)
{
	const struct answer *a = pa, *b = pb;
	int d = strcmp(a->file, b->file);
	if (d)
		return d;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if ((d = strcmp(a->id, b->id)))
		return d;
	if (a->b != b->b)
		return a->b - b->b;
	return a->order < b->order ? -1 : a->order > b->order;
}

static int same_trace(const struct answer *a, const struct answer *b)
{
	return a->line == b->line && strcmp(a->file, b->file) == 0 && strcmp(a->id, b->id) == 0;
}

/* One trace with answers: its first answer and the answer used per behaviour. */
struct trace_answers {
	const struct answer *first;
	const struct answer *use[COT_NBEHAV]; /* NULL: left out */
	int dropped;              /* its id also names another trace */
};

static int cmp_trace_id(const void *pa, const void *pb)
{
	const struct trace_answers *a = *(const struct trace_answers *const *)pa;
	const struct trace_answers *b = *(const struct trace_answers *const *)pb;
	int d = strcmp(a->first->id, b->first->id);
	return d ? d : a < b ? -1 : a > b;
}

/*
 * Writes the label line of trace t on out, the id at id_path (a valid field
 * path: nested objects, so that eval --id-field finds it).
 */
static void write_label(const struct trace_answers *t, const char *id_path, FILE *out)
{
	cJSON *o = cJSON_CreateObject(), *at = o;
	for (const char *p = id_path;;) {
		const char *dot = strchr(p, '.');
		char *step = dot ? xstrndup(p, (size_t)(dot - p)) : xstrdup(p);
		if (dot)
			at = cJSON_AddObjectToObject(at, step);
		else
			cJSON_AddStringToObject(at, step, t->first->id);
		free(step);
		if (!dot)
			break;
		p = dot + 1;
	}
	cJSON_AddStringToObject(o, "file", t->first->file);
	cJSON_AddNumberToObject(o, "line", (double)t->first->line);
	cJSON *labels = cJSON_AddObjectToObject(o, "labels");
	cJSON *ev = cJSON_AddObjectToObject(o, "evidence");
	for (int b = 0; b < COT_NBEHAV; b++)
		if (t->use[b]) {
			cJSON_AddNumberToObject(labels, cot_behaviour_name(b), (double)t->use[b]->count);
			cJSON_AddItemToObject(ev, cot_behaviour_name(b), cJSON_Duplicate(t->use[b]->quotes, 1));
		}
	char *s = cJSON_PrintUnformatted(o);
	fputs(s, out);
	fputc('\n', out);
	cJSON_free(s);
	cJSON_Delete(o);
}

/*
 * Joins the answers into traces: duplicates and missing behaviours are
 * reported and left out, ids naming two traces dropped; then the label
 * lines, in the order of the traces' files and lines.
 */
static void write_labels(struct reader_ctx *c, FILE *out)
{
	if (c->n > 1)
		qsort(c->v, c->n, sizeof *c->v, cmp_answer);
	int asked[COT_NBEHAV] = {0}; /* behaviours anyone was asked about */
	for (size_t i = 0; i < c->n; i++)
		asked[c->v[i].b] = 1;
	struct trace_answers *tr = xmalloc((c->n ? c->n : 1) * sizeof *tr);
	size_t nt = 0;
	for (size_t i = 0; i < c->n;) {
		size_t j = i;
		while (j < c->n && same_trace(&c->v[i], &c->v[j]))
			j++;
		struct trace_answers *t = &tr[nt];
		memset(t, 0, sizeof *t);
		t->first = &c->v[i];
		int got[COT_NBEHAV] = {0};
		for (size_t k = i; k < j; k++) {
			struct answer *a = &c->v[k];
			if (got[a->b]++) {
				const struct answer *f = &c->v[k - 1];
				while (f > &c->v[i] && f[-1].b == a->b)
					f--;
				read_report(c, K_DUPLICATE, a->src, a->srcline,
					    "%s of trace '%s' (%s:%llu): a second answer (the first is at %s:%llu); "
					    "both left out", cot_behaviour_name(a->b), a->id, a->file, a->line, f->src,
					    f->srcline);
				t->use[a->b] = NULL;
				continue;
			}
			if (a->state == ANS_OK)
				t->use[a->b] = a;
		}
		for (int b = 0; b < COT_NBEHAV; b++)
			if (asked[b] && !got[b])
				read_report(c, K_MISSING, t->first->file, t->first->line,
					    "%s of trace '%s': no answer; left out, not counted as 0",
					    cot_behaviour_name(b), t->first->id);
		int any = 0;
		for (int b = 0; b < COT_NBEHAV; b++)
			any |= t->use[b] != NULL;
		if (any)
			nt++;
		i = j;
	}
	/* eval joins labels to traces by id: an id that names two traces cannot be joined */
	struct trace_answers **byid = xmalloc((nt ? nt : 1) * sizeof *byid);
	for (size_t i = 0; i < nt; i++)
		byid[i] = &tr[i];
	if (nt > 1)
		qsort(byid, nt, sizeof *byid, cmp_trace_id);
	for (size_t i = 0; i < nt;) {
		size_t j = i + 1;
		while (j < nt && strcmp(byid[j]->first->id, byid[i]->first->id) == 0)
			j++;
		if (j - i > 1)
			for (size_t k = i; k < j; k++) {
				const struct trace_answers *o = byid[k == i ? i + 1 : i];
				byid[k]->dropped = 1;
				read_report(c, K_AMBIGUOUS, byid[k]->first->file, byid[k]->first->line,
					    "id '%s' also names the trace at %s:%llu; eval joins labels by id, so "
					    "both are left out (give the traces unique ids)", byid[k]->first->id,
					    o->first->file, o->first->line);
			}
		i = j;
	}
	free(byid);
	for (size_t i = 0; i < nt; i++)
		if (!tr[i].dropped) {
			write_label(&tr[i], c->cfg->id_path ? c->cfg->id_path : "id", out);
			c->labelled++;
		}
	free(tr);
}

int judge_read_run(const struct judge_read_cfg *cfg, char **files, int nfiles, FILE *out)
{
	static char *stdin_only[] = { "-" };
	struct reader_ctx c = { .cfg = cfg };
	int ret = COT_EXIT_OK;
	if (nfiles == 0) {
		files = stdin_only;
		nfiles = 1;
	}
	for (int i = 0; i < nfiles && ret == COT_EXIT_OK; i++)
		if (read_answers(&c, files[i]) < 0)
			ret = COT_EXIT_IO;
	if (ret == COT_EXIT_OK) {
		write_labels(&c, out);
		if (!cfg->quiet) {
			fprintf(stderr, "cotscan: judge read: %llu lines read", c.lines);
			if (c.blank)
				fprintf(stderr, " (%llu blank)", c.blank);
			fprintf(stderr, ", %llu counts parsed, %llu traces labelled", c.answers, c.labelled);
			for (int k = 0; k < K_N; k++)
				fprintf(stderr, "%s%llu %s", k ? ", " : "; ", c.count[k], kind_name[k]);
			fputc('\n', stderr);
		}
		for (int k = 0; k < K_N; k++)
			if (c.count[k])
				ret = COT_EXIT_SKIPPED;
	}
	for (size_t i = 0; i < c.n; i++) {
		free(c.v[i].file);
		free(c.v[i].id);
		cJSON_Delete(c.v[i].quotes);
	}
	free(c.v);
	answer_patterns_free();
	buf_free(&c.file);
	buf_free(&c.id);
	buf_free(&c.why);
	buf_free(&c.tmp);
	return ret;
}
