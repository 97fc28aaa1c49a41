/* rules.c - see rules.h. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cotscan.h"
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
		else {
			buf_printf(err, "%s:%u: unknown flag '%.*s' (known: case, veto, or - for none)\n",
				   fname, lineno, (int)len, p);
			return -1;
		}
		p += len + (comma != NULL);
	}
	return 0;
}

static int compile_rule(struct rule *r, struct buf *err)
{
	uint32_t opts = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF;
	if (!(r->flags & RULE_CASE))
		opts |= PCRE2_CASELESS;
	int ec;
	PCRE2_SIZE off;
	r->code = pcre2_compile((PCRE2_SPTR)r->pattern, PCRE2_ZERO_TERMINATED, opts, &ec, &off, NULL);
	if (!r->code) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(ec, msg, sizeof msg);
		buf_printf(err, "%s:%u: rule '%s': bad pattern at offset %zu: %s\n",
			   r->file, r->line, r->name, (size_t)off, (char *)msg);
		return -1;
	}
	/* JIT is an optimisation: without it (unsupported CPU) the interpreter runs. */
	(void)pcre2_jit_compile(r->code, PCRE2_JIT_COMPLETE);
	return 0;
}

int rules_parse(struct ruleset *rs, const char *fname, const char *text, size_t len, struct buf *err)
{
	const char *p = text, *end = text + len;
	unsigned lineno = 0;
	int rc = 0;

	rs->hash = fnv64(rs->hash ? rs->hash : FNV64_INIT, fname, strlen(fname) + 1);
	rs->hash = fnv64(rs->hash, text, len);
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
		if (compile_rule(&r, err) < 0) {
			free(r.name);
			free(r.pattern);
			free(r.file);
			rc = -1;
			continue;
		}
		if (rs->n == rs->cap) {
			rs->cap = rs->cap ? rs->cap * 2 : 32;
			rs->v = xrealloc(rs->v, rs->cap * sizeof *rs->v);
		}
		rs->v[rs->n++] = r;
	}
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
			if (n == cap) {
				cap = cap ? cap * 2 : 8;
				names = xrealloc(names, cap * sizeof *names);
			}
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

int rules_finish(struct ruleset *rs, struct buf *err)
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
	return rc;
}

void rules_free(struct ruleset *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		free(rs->v[i].name);
		free(rs->v[i].pattern);
		free(rs->v[i].file);
		pcre2_code_free(rs->v[i].code);
	}
	free(rs->v);
	free(rs->origin);
	memset(rs, 0, sizeof *rs);
}
