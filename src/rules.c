/* rules.c - see rules.h. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cotscan.h"
#include "match.h"
#include "rules.h"

static const char *skip_space(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

static const char *skip_word(const char *p, const char *end)
{
	while (p < end && *p != ' ' && *p != '\t')
		p++;
	return p;
}

static int valid_name(const char *s, size_t n)
{
	if (n == 0 || n > 64)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '.' || c == '-'))
			return 0;
	}
	return 1;
}

/* Parses FLAGS; returns 0 and sets *flags, or -1 naming the bad flag in err. */
static int parse_flags(const char *p, size_t n, unsigned *flags, struct buf *err,
		       const char *fname, unsigned lineno)
{
	*flags = 0;
	if (n == 1 && *p == '-')
		return 0;
	const char *end = p + n;
	while (p < end) {
		const char *comma = memchr(p, ',', (size_t)(end - p));
		size_t len = comma ? (size_t)(comma - p) : (size_t)(end - p);
		if (len == 4 && memcmp(p, "case", 4) == 0)
			*flags |= RULE_CASE;
		else if (len == 4 && memcmp(p, "veto", 4) == 0)
			*flags |= RULE_VETO;
		else if (len == 8 && memcmp(p, "sentence", 8) == 0)
			*flags |= RULE_SENTENCE;
		else if (len == 10 && memcmp(p, "sentence+1", 10) == 0)
			*flags |= RULE_SENTENCE | RULE_NEXT;
		else if (len == 5 && memcmp(p, "ascii", 5) == 0)
			*flags |= RULE_ASCII;
		else {
			buf_printf(err, "%s:%u: unknown flag '%.*s' (known: case, veto, sentence, sentence+1, ascii, or - for none)\n",
				   fname, lineno, (int)len, p);
			return -1;
		}
		p += len + (comma != NULL);
	}
	return 0;
}

/* A named pattern fragment of one rule file (`define NAME PATTERN`). */
struct define {
	char *name;            /* owned */
	char *body;            /* owned, with earlier defines already expanded */
};

struct defines {
	struct define *v;
	size_t n, cap;
};

static void defines_free(struct defines *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].name);
		free(d->v[i].body);
	}
	free(d->v);
}

/* A define name must also be a valid PCRE2 group name: [A-Za-z_][A-Za-z0-9_]*, at most 32. */
static int valid_define_name(const char *s, size_t n)
{
	if (n == 0 || n > 32 || (s[0] >= '0' && s[0] <= '9'))
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
			return 0;
	}
	return 1;
}

/*
 * Writes pat into out with every unescaped `(?&NAME)` whose NAME is in defs
 * replaced by `(?:BODY)`; other group calls are kept.  Returns the number of
 * replacements.
 */
static int expand_defines(const char *pat, const struct defines *defs, struct buf *out)
{
	int n = 0;
	buf_reset(out);
	for (const char *p = pat; *p;) {
		if (p[0] == '\\' && p[1]) {
			buf_add(out, p, 2);
			p += 2;
			continue;
		}
		if (p[0] == '(' && p[1] == '?' && p[2] == '&') {
			const char *close = strchr(p + 3, ')');
			size_t len = close ? (size_t)(close - (p + 3)) : 0;
			const struct define *d = NULL;
			for (size_t i = 0; close && i < defs->n; i++)
				if (strlen(defs->v[i].name) == len && memcmp(defs->v[i].name, p + 3, len) == 0)
					d = &defs->v[i];
			if (d) {
				buf_printf(out, "(?:%s)", d->body);
				p = close + 1;
				n++;
				continue;
			}
		}
		buf_add(out, p, 1);
		p++;
	}
	return n;
}

static uint32_t compile_options(unsigned flags)
{
	/* USE_OFFSET_LIMIT: the literal pass bounds where an attempt may start */
	uint32_t opts = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_USE_OFFSET_LIMIT;
	if (!(flags & RULE_CASE))
		opts |= PCRE2_CASELESS;
	if (!(flags & RULE_ASCII))
		opts |= PCRE2_UCP;
	return opts;
}

/* Compiles r (its pattern expanded with defs); -1 with "FILE:LINE: ..." in err. */
static int compile_rule(struct rule *r, const struct defines *defs, struct buf *err)
{
	struct buf x = {0};
	int expanded = expand_defines(r->pattern, defs, &x);
	int ec;
	PCRE2_SIZE off;
	r->code = pcre2_compile((PCRE2_SPTR)x.p, x.len, compile_options(r->flags), &ec, &off, NULL);
	r->expanded = x.p;
	if (!r->code) {
		free(r->expanded);
		r->expanded = NULL;
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(ec, msg, sizeof msg);
		buf_printf(err, "%s:%u: rule '%s': bad pattern at offset %zu%s: %s\n",
			   r->file, r->line, r->name, (size_t)off,
			   expanded ? " (after expanding defines)" : "", (char *)msg);
		return -1;
	}
	/* JIT is an optimisation: without it (unsupported CPU) the interpreter runs. */
	(void)pcre2_jit_compile(r->code, PCRE2_JIT_COMPLETE);
	return 0;
}

/*
 * Parses the rest of a `define NAME PATTERN` line (s..lend, after the
 * keyword) into defs; the body is expanded and test-compiled so that a bad
 * fragment is reported at its own line.  Returns 0 or -1 with err set.
 */
static int parse_define(struct defines *defs, const char *fname, unsigned lineno,
			const char *s, const char *lend, struct buf *err)
{
	const char *name = skip_space(s, lend);
	const char *ne = skip_word(name, lend);
	const char *pat = skip_space(ne, lend);
	size_t nlen = (size_t)(ne - name);
	if (name == lend || pat == lend) {
		buf_printf(err, "%s:%u: expected 'define NAME PATTERN'\n", fname, lineno);
		return -1;
	}
	if (!valid_define_name(name, nlen)) {
		buf_printf(err, "%s:%u: bad define name '%.*s' (letters, digits, '_'; not a digit first; at most 32)\n",
			   fname, lineno, (int)nlen, name);
		return -1;
	}
	for (size_t i = 0; i < defs->n; i++)
		if (strlen(defs->v[i].name) == nlen && memcmp(defs->v[i].name, name, nlen) == 0) {
			buf_printf(err, "%s:%u: duplicate define '%.*s'\n", fname, lineno, (int)nlen, name);
			return -1;
		}
	char *raw = xstrndup(pat, (size_t)(lend - pat));
	struct buf x = {0};
	expand_defines(raw, defs, &x);
	free(raw);
	int ec;
	PCRE2_SIZE off;
	pcre2_code *c = pcre2_compile((PCRE2_SPTR)x.p, x.len, compile_options(0), &ec, &off, NULL);
	if (!c) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(ec, msg, sizeof msg);
		buf_printf(err, "%s:%u: define '%.*s': bad pattern at offset %zu: %s\n",
			   fname, lineno, (int)nlen, name, (size_t)off, (char *)msg);
		buf_free(&x);
		return -1;
	}
	pcre2_code_free(c);
	GROW(defs->v, defs->n, defs->cap);
	defs->v[defs->n++] = (struct define){ .name = xstrndup(name, nlen), .body = x.p ? x.p : xstrdup("") };
	return 0;
}

unsigned long long rules_hash_file(unsigned long long h, const char *fname, const char *text, size_t len)
{
	const char *base = strrchr(fname, '/');
	base = base ? base + 1 : fname;
	h = util_fnv64(h, base, strlen(base) + 1);
	return util_fnv64(h, text, len);
}

unsigned long long rules_builtin_hash(void)
{
	unsigned long long h = FNV64_INIT;
	for (size_t i = 0; i < rules_builtin_count; i++)
		h = rules_hash_file(h, rules_builtin[i].name, rules_builtin[i].text, strlen(rules_builtin[i].text));
	return h;
}

int rules_parse(struct ruleset *rs, const char *fname, const char *text, size_t len, struct buf *err)
{
	const char *p = text, *end = text + len;
	unsigned lineno = 0;
	int rc = 0;
	struct defines defs = {0};

	rs->hash = rules_hash_file(rs->hash ? rs->hash : FNV64_INIT, fname, text, len);
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3; /* a UTF-8 byte-order mark, as some editors write */
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		lineno++;
		const char *q = skip_space(p, eol);
		const char *lend = eol;
		if (lend > q && lend[-1] == '\r')
			lend--;
		while (lend > q && (lend[-1] == ' ' || lend[-1] == '\t'))
			lend--;
		p = nl ? nl + 1 : end;
		if (q == lend || *q == '#')
			continue;
		if (memchr(q, '\0', (size_t)(lend - q))) {
			buf_printf(err, "%s:%u: NUL byte in rule line\n", fname, lineno);
			rc = -1;
			continue;
		}

		if (lend - q >= 6 && memcmp(q, "define", 6) == 0 && (lend - q == 6 || q[6] == ' ' || q[6] == '\t')) {
			if (parse_define(&defs, fname, lineno, q + 6, lend, err) < 0)
				rc = -1;
			continue;
		}

		const char *f[3], *fe[3];
		int nf = 0;
		const char *s = q;
		for (; nf < 3; nf++) {
			s = skip_space(s, lend);
			if (s == lend)
				break;
			f[nf] = s;
			s = skip_word(s, lend);
			fe[nf] = s;
		}
		const char *pat = skip_space(s, lend);
		if (nf < 3 || pat == lend) {
			buf_printf(err, "%s:%u: expected 'BEHAVIOUR NAME FLAGS PATTERN'\n", fname, lineno);
			rc = -1;
			continue;
		}
		int b = cot_behaviour_lookup(f[0], (size_t)(fe[0] - f[0]));
		if (b < 0) {
			buf_printf(err, "%s:%u: unknown behaviour '%.*s' (known: backtracking, verification, "
				   "subgoal_setting, backward_chaining)\n", fname, lineno, (int)(fe[0] - f[0]), f[0]);
			rc = -1;
			continue;
		}
		size_t nlen = (size_t)(fe[1] - f[1]);
		if (!valid_name(f[1], nlen)) {
			buf_printf(err, "%s:%u: bad rule name '%.*s' (letters, digits, '_', '.', '-'; at most 64)\n",
				   fname, lineno, (int)nlen, f[1]);
			rc = -1;
			continue;
		}
		int dup = 0;
		for (size_t i = 0; i < rs->n; i++)
			if (strlen(rs->v[i].name) == nlen && memcmp(rs->v[i].name, f[1], nlen) == 0) {
				buf_printf(err, "%s:%u: duplicate rule name '%.*s' (first defined at %s:%u)\n",
					   fname, lineno, (int)nlen, f[1], rs->v[i].file, rs->v[i].line);
				dup = 1;
				break;
			}
		if (dup) {
			rc = -1;
			continue;
		}
		unsigned flags;
		if (parse_flags(f[2], (size_t)(fe[2] - f[2]), &flags, err, fname, lineno) < 0) {
			rc = -1;
			continue;
		}
		struct rule r = {
			.name = xstrndup(f[1], nlen),
			.pattern = xstrndup(pat, (size_t)(lend - pat)),
			.file = xstrdup(fname),
			.line = lineno,
			.behaviour = b,
			.flags = flags,
		};
		if (compile_rule(&r, &defs, err) < 0) {
			free(r.name);
			free(r.pattern);
			free(r.file);
			rc = -1;
			continue;
		}
		GROW(rs->v, rs->n, rs->cap);
		rs->v[rs->n++] = r;
	}
	defines_free(&defs);
	return rc;
}

int rules_load_builtin(struct ruleset *rs, struct buf *err)
{
	int rc = 0;
	free(rs->origin);
	rs->origin = xstrdup("built-in");
	for (size_t i = 0; i < rules_builtin_count; i++)
		if (rules_parse(rs, rules_builtin[i].name, rules_builtin[i].text,
				strlen(rules_builtin[i].text), err) < 0)
			rc = -1; /* LCOV_EXCL_LINE: the built-in rules are checked by every test run */
	return rc;
}

/* Reads a whole (small) file; returns NULL with the reason in err. */
static char *slurp(const char *path, size_t *len, struct buf *err)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		buf_printf(err, "cannot open rule file '%s': %s\n", path, strerror(errno));
		return NULL;
	}
	struct buf b = {0};
	buf_reset(&b);
	char tmp[65536];
	for (;;) {
		ssize_t n = read(fd, tmp, sizeof tmp);
		if (n < 0 && errno == EINTR)
			continue; /* LCOV_EXCL_LINE: a signal mid-read */
		if (n < 0) {
			buf_printf(err, "cannot read rule file '%s': %s\n", path, strerror(errno));
			close(fd);
			buf_free(&b);
			return NULL;
		}
		if (n == 0)
			break;
		buf_add(&b, tmp, (size_t)n);
	}
	close(fd);
	*len = b.len;
	return b.p;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_file(struct ruleset *rs, const char *path, struct buf *err)
{
	size_t len;
	char *text = slurp(path, &len, err);
	if (!text)
		return -1;
	int rc = rules_parse(rs, path, text, len, err);
	free(text);
	return rc;
}

int rules_load_path(struct ruleset *rs, const char *path, struct buf *err)
{
	struct stat st;
	free(rs->origin);
	rs->origin = xstrdup(path);
	if (stat(path, &st) < 0) {
		buf_printf(err, "cannot open rules '%s': %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return load_file(rs, path, err);

	DIR *d = opendir(path);
	if (!d) {
		buf_printf(err, "cannot open rules directory '%s': %s\n", path, strerror(errno));
		return -1;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		if (l > 6 && strcmp(e->d_name + l - 6, ".rules") == 0 && e->d_name[0] != '.') {
			GROW(names, n, cap);
			struct buf full = {0};
			buf_printf(&full, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/", e->d_name);
			names[n++] = full.p;
		}
	}
	closedir(d);
	int rc = 0;
	if (n == 0) {
		buf_printf(err, "no *.rules files in directory '%s'\n", path);
		rc = -1;
	}
	if (n)
		qsort(names, n, sizeof *names, cmp_str);
	for (size_t i = 0; i < n; i++) {
		if (load_file(rs, names[i], err) < 0)
			rc = -1;
		free(names[i]);
	}
	free(names);
	return rc;
}

int rules_finish(struct ruleset *rs, unsigned flags, struct buf *err)
{
	size_t positive = 0;
	for (size_t i = 0; i < rs->n; i++)
		positive += !(rs->v[i].flags & RULE_VETO);
	if (positive == 0 && rs->n == 0) {
		buf_printf(err, "rules '%s': no rules defined\n", rs->origin ? rs->origin : "?");
		return -1;
	}
	int rc = 0;
	for (size_t i = 0; i < rs->n; i++) {
		const struct rule *v = &rs->v[i];
		if (!(v->flags & RULE_VETO))
			continue;
		size_t k = 0;
		while (k < rs->n && ((rs->v[k].flags & RULE_VETO) || rs->v[k].behaviour != v->behaviour))
			k++;
		if (k == rs->n) {
			buf_printf(err, "%s:%u: veto rule '%s' has no %s rule to cancel\n", v->file, v->line,
				   v->name, cot_behaviour_name(v->behaviour));
			rc = -1;
		}
	}
	if (rc < 0)
		return rc;
	int reference = (flags & RULES_REFERENCE) != 0;
	for (size_t i = 0; i < rs->n; i++) {
		struct rule *r = &rs->v[i];
		free(r->lits);
		r->lits = xmalloc(sizeof *r->lits);
		if (reference) {
			r->why = "COTSCAN_ENGINE=reference";
		} else if (lit_required(r->expanded, r->lits, &r->why) == 0 && r->lits->cost >= LIT_MAX_COST)
			r->why = "its required literals are too common";
		else if (!r->why)
			continue;
		free(r->lits);
		r->lits = NULL;
	}
	match_lit_db_free(rs->db);
	rs->db = NULL;
	if (match_lit_db_build(rs, &rs->db, err) < 0)
		return -1;
	return rc;
}

void rules_free(struct ruleset *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		free(rs->v[i].name);
		free(rs->v[i].pattern);
		free(rs->v[i].file);
		pcre2_code_free(rs->v[i].code);
		free(rs->v[i].expanded);
		free(rs->v[i].lits);
	}
	match_lit_db_free(rs->db);
	free(rs->v);
	free(rs->origin);
	memset(rs, 0, sizeof *rs);
}
