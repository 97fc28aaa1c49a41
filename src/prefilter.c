/* prefilter.c - see prefilter.h. */
#include <stdlib.h>
#include <string.h>

#include "prefilter.h"
#include "rules.h"
#include "util.h"

/* ---- the pattern reader ------------------------------------------------ */

/* A prefix being built: open while the pattern may still extend it. */
struct pstr {
	unsigned char s[PF_MAXLEN];
	unsigned char len, open;
	unsigned char word;     /* a \b stood before its first byte */
	unsigned char line;     /* a ^ (multiline) stood before its first byte */
};

struct pset {
	struct pstr v[PF_MAXSET];
	size_t n;
};

struct cursor {
	const char *p;
	int caseless;
	int multiline;          /* (?m) at the start: ^ is a line start */
	int bad;                /* a construct that rules out any prefilter */
};

static int all_closed(const struct pset *s)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].open)
			return 0;
	return 1;
}

static void close_all(struct pset *s)
{
	for (size_t i = 0; i < s->n; i++)
		s->v[i].open = 0;
}

static int is_alpha(unsigned c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* ASCII white space, as \s matches it (Unicode spaces are >= 0x80). */
static int is_space(unsigned c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/*
 * Appends the n bytes at b to the open string x, keeping PF_WS runs honest:
 * PF_WS right after PF_WS is dropped (one greedy run stands for both, a
 * superset), and a white-space byte right after PF_WS closes x (the greedy
 * run would already have eaten it).  Closes x when full.
 */
static void join(struct pstr *x, const unsigned char *b, size_t n, int open)
{
	for (size_t i = 0; i < n && x->open; i++) {
		int after_ws = x->len > 0 && x->s[x->len - 1] == PF_WS;
		if (after_ws && b[i] == PF_WS)
			continue;
		if ((after_ws && is_space(b[i])) || x->len == PF_MAXLEN) {
			x->open = 0;
			return;
		}
		x->s[x->len++] = b[i];
	}
	if (!open)
		x->open = 0;
}

/* Appends bytes c[0..n) to every open string. */
static void append(struct pset *s, const unsigned char *c, size_t n)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].open)
			join(&s->v[i], c, n, 1);
}

/* s = s followed by g (each open string of s extended by each of g). */
static void concat(struct pset *s, const struct pset *g)
{
	size_t open = 0;
	for (size_t i = 0; i < s->n; i++)
		open += s->v[i].open;
	if (s->n - open + open * g->n > PF_MAXSET) {
		close_all(s); /* too many: the strings so far are still prefixes */
		return;
	}
	struct pset out = { .n = 0 };
	for (size_t i = 0; i < s->n; i++) {
		const struct pstr *x = &s->v[i];
		if (!x->open) {
			out.v[out.n++] = *x;
			continue;
		}
		for (size_t k = 0; k < g->n; k++) {
			struct pstr y = *x;
			if (y.len == 0) {
				y.word |= g->v[k].word;
				y.line |= g->v[k].line;
			}
			join(&y, g->v[k].s, g->v[k].len, g->v[k].open);
			out.v[out.n++] = y;
		}
	}
	*s = out;
}

/* s = s or s followed by g: an optional element. */
static void optional(struct pset *s, const struct pset *g)
{
	struct pset with = *s;
	concat(&with, g);
	if (s->n + with.n > PF_MAXSET) {
		close_all(s);
		return;
	}
	for (size_t i = 0; i < with.n; i++)
		s->v[s->n++] = with.v[i];
}

/*
 * s followed by g repeated as quantifier q says (0: once).  X* is "s, or s
 * then X and the prefix ends there": both are true prefixes.
 */
static void repeat(struct pset *s, const struct pset *g, int q)
{
	if (g->n == 1 && g->v[0].len == 1 && g->v[0].s[0] == PF_WS && g->v[0].open)
		q = q == '*' ? '?' : q == '+' ? 0 : q; /* a PF_WS run already means "one or more" */
	if (q == 0 || q == '+') {
		concat(s, g);
		if (q == '+')
			close_all(s);
	} else if (q == '?')
		optional(s, g);
	else {
		struct pset with = *s;
		concat(&with, g);
		close_all(&with);
		if (s->n + with.n > PF_MAXSET) {
			close_all(s);
			return;
		}
		for (size_t i = 0; i < with.n; i++)
			s->v[s->n++] = with.v[i];
	}
}

/* Skips a character class at c->p ('['); returns 0, or -1 when it is not understood. */
static int skip_class(struct cursor *c)
{
	const char *p = c->p + 1;
	if (*p == '^')
		p++;
	if (*p == ']')
		p++;
	while (*p && *p != ']') {
		if (*p == '\\') {
			if (p[1] == 'Q' || p[1] == 'E' || !p[1])
				return -1;
			p += 2;
		} else if (*p == '[' && (p[1] == ':' || p[1] == '.' || p[1] == '=')) {
			const char *e = strchr(p + 2, ']');
			if (!e)
				return -1;
			p = e + 1;
		} else
			p++;
	}
	if (*p != ']')
		return -1;
	c->p = p + 1;
	return 0;
}

/*
 * Skips a quantifier at c->p, if any; returns its kind: 0 none, '?' (0 or
 * 1), '*' (0 or more) or '+' (at least 1, as {n,...} with n >= 1).
 */
static int quantifier(struct cursor *c)
{
	const char *p = c->p;
	int kind = 0;
	if (*p == '?' || *p == '*' || *p == '+') {
		kind = *p;
		p++;
	} else if (*p == '{') {
		const char *q = p + 1;
		while (*q == ' ')
			q++;
		if (*q >= '0' && *q <= '9') {
			const char *e = strchr(p, '}');
			if (!e)
				return 0; /* a literal '{' */
			kind = strtol(q, NULL, 10) >= 1 ? '+' : '*';
			p = e + 1;
		} else
			return 0;
	} else
		return 0;
	if (*p == '?' || *p == '+')
		p++; /* lazy or possessive */
	c->p = p;
	return kind;
}

static void parse_alts(struct cursor *c, struct pset *out, int depth);

/*
 * Skips one element the prefixes cannot use (after they are closed, or an
 * element that closes them).  Sets c->bad for what cannot be skipped safely.
 */
static void skip_element(struct cursor *c)
{
	const char *p = c->p;
	if (*p == '\\') {
		if (p[1] == 'Q' || p[1] == 'G' || p[1] == 'c' || !p[1]) {
			c->bad = 1;
			return;
		}
		c->p = p + 2;
		if ((p[1] == 'x' || p[1] == 'o' || p[1] == 'p' || p[1] == 'P' || p[1] == 'N' || p[1] == 'g' ||
		     p[1] == 'k') && (p[2] == '{' || p[2] == '<' || p[2] == '\'')) {
			char close = p[2] == '{' ? '}' : p[2] == '<' ? '>' : '\'';
			const char *e = strchr(p + 3, close);
			if (!e) {
				c->bad = 1;
				return;
			}
			c->p = e + 1;
		}
	} else if (*p == '[') {
		if (skip_class(c) < 0)
			c->bad = 1;
	} else if (*p == '(') {
		if (p[1] == '*' || (p[1] == '?' && p[2] == '#')) {
			c->bad = 1; /* verbs change how a scan proceeds; comments are rare */
			return;
		}
		/* any group: read (and discard) its prefixes just to find its end */
		c->p = p + 1;
		if (p[1] == '?') {
			c->p = p + 2;
			while (*c->p && *c->p != ':' && *c->p != ')' && *c->p != '(' && *c->p != '\\' &&
			       *c->p != '[' && *c->p != '|' && c->p - p < 40)
				c->p++;
			if (*c->p == ':')
				c->p++;
			else if (*c->p == ')') {
				c->p++; /* an option setting such as (?i) */
				return;
			}
		}
		struct pset g;
		parse_alts(c, &g, 1);
		if (*c->p != ')')
			c->bad = 1;
		else
			c->p++;
	} else if (*p) {
		c->p = p + 1;
		while (((unsigned char)*c->p & 0xC0) == 0x80)
			c->p++; /* the rest of a UTF-8 character */
	}
	quantifier(c);
}

/*
 * Code points that match only themselves caselessly: arrows, mathematical
 * operators, technical symbols, box drawing, shapes, symbols and dingbats
 * (U+2190-23FF, U+2500-27BF; test_prefilter checks it against PCRE2).
 */
static int caseless_safe(unsigned cp)
{
	return (cp >= 0x2190 && cp <= 0x23FF) || (cp >= 0x2500 && cp <= 0x27BF);
}

static size_t literal(struct cursor *c, unsigned char lit[4], const char **next);

/*
 * A character class of plain members ([.;:!?], [=≈], [a-c]) as a set of
 * one-character strings in g; returns 0, or -1 when it is anything else
 * (negated, \d and the like, POSIX names, long ranges).
 */
static int parse_class(struct cursor *c, struct pset *g)
{
	const char *p = c->p + 1;
	g->n = 0;
	if (*p == '^')
		return -1;
	int first = 1;
	while (*p && (*p != ']' || first)) {
		first = 0;
		unsigned char lit[4];
		size_t n;
		const char *next;
		struct cursor one = { .p = p, .caseless = c->caseless };
		if (*p == '[' || (*p == '\\' && p[1] && !strchr(".-^$|()?*+{}[]\\/'\"#&~%@!,;:<>=` tnrfv", p[1])))
			return -1;
		if (*p == '\\') {
			if ((n = literal(&one, lit, &next)) == 0)
				return -1;
		} else if ((unsigned char)*p < 0x80) {
			lit[0] = (unsigned char)(c->caseless && is_alpha((unsigned char)*p) ? (*p | 0x20) : *p);
			n = 1;
			next = p + 1;
		} else if ((n = literal(&one, lit, &next)) == 0)
			return -1;
		if (next[0] == '-' && next[1] != ']') {
			/* a range: ASCII only, at most 16 members */
			unsigned lo = (unsigned char)*p, hi = (unsigned char)next[1];
			if (*p == '\\' || n != 1 || hi >= 0x80 || hi < lo || hi - lo >= 16 || next[1] == '\\')
				return -1;
			for (unsigned x = lo; x <= hi; x++) {
				if (g->n == PF_MAXSET)
					return -1;
				unsigned b = c->caseless && is_alpha(x) ? (x | 0x20) : x;
				g->v[g->n++] = (struct pstr){ .s = { (unsigned char)b }, .len = 1, .open = 1 };
			}
			p = next + 2;
			continue;
		}
		if (g->n == PF_MAXSET)
			return -1;
		struct pstr x = { .len = (unsigned char)n, .open = 1 };
		memcpy(x.s, lit, n);
		g->v[g->n++] = x;
		p = next;
	}
	if (*p != ']' || g->n == 0)
		return -1;
	c->p = p + 1;
	int spaces = 1;
	for (size_t i = 0; i < g->n; i++)
		spaces &= g->v[i].len == 1 && is_space(g->v[i].s[0]);
	if (spaces) {
		/* [ \t] and the like: within \s, so a PF_WS run stands for them */
		g->n = 1;
		g->v[0] = (struct pstr){ .s = { PF_WS }, .len = 1, .open = 1 };
	}
	return 0;
}

/* A literal character at c->p: its bytes in lit (lowercased when caseless); 0 when not a literal. */
static size_t literal(struct cursor *c, unsigned char lit[4], const char **next)
{
	const unsigned char *p = (const unsigned char *)c->p;
	unsigned ch = p[0];
	if (ch == '\\') {
		unsigned e = p[1];
		const char *ctl = e ? strchr("t\tn\nr\rf\fv\v", (int)e) : NULL;
		if (ctl && (ctl - "t\tn\nr\rf\fv\v") % 2 == 0)
			e = (unsigned char)ctl[1]; /* \t \n \r \f \v */
		else if (!e || (e < 0x80 && ((e | 0x20) >= 'a' && (e | 0x20) <= 'z')) || (e >= '0' && e <= '9') ||
			 e >= 0x80)
			return 0; /* \b \s \d \x.. \1 ...: not a literal */
		lit[0] = (unsigned char)e;
		*next = c->p + 2;
		return 1;
	}
	if (ch < 0x09 || strchr("^$.[|()?*+{", (int)ch))
		return 0; /* (bytes below tab stand for PF_WS and PF_DIGIT in prefixes) */
	if (ch < 0x80) {
		lit[0] = (unsigned char)(c->caseless && is_alpha(ch) ? (ch | 0x20) : ch);
		*next = c->p + 1;
		return 1;
	}
	size_t n = ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : ch >= 0xC0 ? 2 : 0;
	for (size_t i = 1; i < n; i++)
		if ((p[i] & 0xC0) != 0x80)
			return 0;
	if (!n)
		return 0;
	if (c->caseless && !(n == 3 && caseless_safe((ch & 0x0F) << 12 | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu))))
		return 0; /* a non-ASCII letter may have case variants of other lengths */
	memcpy(lit, p, n);
	*next = c->p + n;
	return n;
}

/* One alternative: a sequence of elements up to '|', ')' or the end. */
static void parse_seq(struct cursor *c, struct pset *s, int depth)
{
	s->n = 1;
	s->v[0] = (struct pstr){ .len = 0, .open = 1 };
	while (*c->p && *c->p != '|' && *c->p != ')' && !c->bad) {
		if (all_closed(s)) {
			skip_element(c);
			continue;
		}
		if (c->p[0] == '\\' && c->p[1] == 's') {
			/* \s, \s+: a run of white space (see join) */
			c->p += 2;
			int q = quantifier(c);
			static const unsigned char ws = PF_WS;
			if (q == 0 || q == '+')
				append(s, &ws, 1); /* PF_WS is already "one or more" */
			else {
				struct pset g = { .n = 1 };
				g.v[0] = (struct pstr){ .s = { PF_WS }, .len = 1, .open = 1 };
				optional(s, &g); /* \s*: none, or a run */
			}
			continue;
		}
		unsigned char lit[4];
		const char *next;
		size_t n = literal(c, lit, &next);
		if (n) {
			c->p = next;
			int q = quantifier(c);
			if (q == 0)
				append(s, lit, n);
			else {
				struct pset g = { .n = 1 };
				g.v[0] = (struct pstr){ .len = (unsigned char)n, .open = 1 };
				memcpy(g.v[0].s, lit, n);
				repeat(s, &g, q);
			}
			continue;
		}
		if (c->p[0] == '(' && c->p[1] != '*' && (c->p[1] != '?' || c->p[2] == ':')) {
			c->p += c->p[1] == '?' ? 3 : 1;
			struct pset g;
			parse_alts(c, &g, depth + 1);
			if (c->bad)
				return;
			if (*c->p != ')') {
				c->bad = 1;
				return;
			}
			c->p++;
			repeat(s, &g, quantifier(c));
			continue;
		}
		if (c->p[0] == '^' && c->multiline) {
			/* ^ at the start of a prefix: a line start; later: the end of it */
			c->p++;
			for (size_t i = 0; i < s->n; i++) {
				if (s->v[i].len == 0)
					s->v[i].line = 1;
				else
					s->v[i].open = 0;
			}
			continue;
		}
		if (c->p[0] == '[') {
			struct pset g;
			struct cursor save = *c;
			if (parse_class(c, &g) == 0) {
				repeat(s, &g, quantifier(c));
				continue;
			}
			*c = save;
		}
		if (c->p[0] == '\\' && c->p[1] == 'd') {
			c->p += 2;
			struct pset g = { .n = 1 };
			g.v[0] = (struct pstr){ .s = { PF_DIGIT }, .len = 1, .open = 1 };
			repeat(s, &g, quantifier(c));
			continue;
		}
		if (c->p[0] == '\\' && c->p[1] == 'K') {
			/* \K moves the reported start, not where the attempt starts */
			c->p += 2;
			continue;
		}
		if (c->p[0] == '\\' && c->p[1] == 'b') {
			/* \b at the start of a prefix: a word start; later: the end of it */
			c->p += 2;
			for (size_t i = 0; i < s->n; i++) {
				if (s->v[i].len == 0)
					s->v[i].word = 1;
				else
					s->v[i].open = 0;
			}
			continue;
		}
		if (c->p[0] == '(' && c->p[1] == '?' &&
		    (c->p[2] == '=' || c->p[2] == '!' || (c->p[2] == '<' && (c->p[3] == '=' || c->p[3] == '!')))) {
			/* a lookaround consumes nothing: the prefixes go on after it */
			skip_element(c);
			continue;
		}
		/* anything else ends the prefixes here */
		close_all(s);
		skip_element(c);
	}
}

/* Alternatives up to ')' or the end, into out (the union). */
static void parse_alts(struct cursor *c, struct pset *out, int depth)
{
	out->n = 0;
	if (depth > 32) {
		c->bad = 1;
		return;
	}
	for (;;) {
		struct pset s;
		parse_seq(c, &s, depth);
		if (c->bad)
			return;
		if (out->n + s.n > PF_MAXSET) {
			/* too many: make every string empty, i.e. no prefix at all */
			out->n = 1;
			out->v[0] = (struct pstr){ .len = 0, .open = 0 };
		} else
			for (size_t i = 0; i < s.n; i++)
				out->v[out->n++] = s.v[i];
		if (*c->p != '|')
			return;
		c->p++;
	}
}

/* Is a a prefix of b? */
static int is_prefix(const struct pstr *a, const struct pstr *b)
{
	return a->len <= b->len && memcmp(a->s, b->s, a->len) == 0;
}

int prefilter_prefixes(const char *pattern, int caseless, struct pf_set *out)
{
	out->n = 0;
	if (strstr(pattern, "(*") || strstr(pattern, "\\G"))
		return -1;
	struct cursor c = { .p = pattern, .caseless = caseless };
	/* leading option settings that leave literals alone */
	while (c.p[0] == '(' && c.p[1] == '?' && (c.p[2] == 'm' || c.p[2] == 's')) {
		const char *q = c.p + 2;
		while (*q == 'm' || *q == 's')
			c.multiline |= *q++ == 'm';
		if (*q != ')')
			break;
		c.p = q + 1;
	}
	struct pset s;
	parse_alts(&c, &s, 0);
	if (c.bad || *c.p != '\0')
		return -1;
	/* keep the shortest: a string with another one as its prefix adds nothing */
	for (size_t i = 0; i < s.n; i++) {
		if (s.v[i].len == 0)
			return -1; /* even at line starts: PCRE2's own scan finds those faster */
		int redundant = 0;
		for (size_t k = 0; k < s.n && !redundant; k++) {
			const struct pstr *a = &s.v[k], *b = &s.v[i];
			if (k != i && is_prefix(a, b) && a->word <= b->word && a->line <= b->line &&
			    (a->len < b->len || a->word < b->word || a->line < b->line || k < i))
				redundant = 1;
		}
		if (redundant)
			continue;
		struct pf_prefix *x = &out->v[out->n++];
		memcpy(x->s, s.v[i].s, s.v[i].len);
		x->len = s.v[i].len;
		unsigned f = x->s[0];
		x->line = s.v[i].line;
		x->word = (unsigned char)(!x->line && s.v[i].word && x->len &&
					  (is_alpha(f) || (f >= '0' && f <= '9') || f == '_'));
	}
	return out->n ? 0 : -1;
}

/* ---- the index ---------------------------------------------------------- */

static int after_newline(unsigned c);

/*
 * The prefixes of all rules in two tries (one for caseless rules, whose
 * letters are stored lowercase, one for case-sensitive ones), each split by
 * whether the prefix needs a word start.  A node's children are a linked
 * list, except the roots, which are indexed by the first byte.  A node ends
 * the prefixes of the rules on its list.
 */
struct pf_node {
	unsigned char byte;      /* a prefix byte, or PF_WS */
	unsigned child, next;    /* first child, next sibling (0: none) */
	unsigned rules;          /* index into pf_index.ends of the rules ending here (0: none) */
};

enum { T_CASELESS_WORD, T_CASELESS, T_CASE_WORD, T_CASE, NTRIES };

/*
 * The key filter in front of the word-start tries: the first four symbols
 * of the text at a word start, where a symbol is a letter (any case), a run
 * of ASCII white space, or another ASCII byte.  A prefix can begin there only
 * if its own key (its first four symbols; all completions when shorter) is
 * in the set.  Text with a byte >= 0x80 in those symbols, or too near the
 * end, skips the filter (the tries decide).
 */
#define SYM_SPACE 26
#define SYM_OTHER 27
#define NSYM 28
#define KEY_SPACE (NSYM * NSYM * NSYM * NSYM)

enum { A_CW = 1, A_CN = 2, A_SW = 4, A_SN = 8, A_LINE = 16 };

struct pf_index {
	unsigned char *has;      /* per rule: has prefixes */
	pcre2_code **anchored;   /* per rule with prefixes: compiled PCRE2_ANCHORED (JIT needs that) */
	size_t nrules;
	struct pf_node *node;    /* node 0 is unused */
	size_t nnode, capnode;
	unsigned *ends;          /* lists: count, then rule numbers */
	size_t nends, capends;
	unsigned root[NTRIES][256]; /* first node for each first byte (0: none) */
	unsigned char wordc[256];   /* ASCII word characters */
	unsigned char sym[256];     /* text byte -> key symbol (see key4) */
	unsigned char *keys;        /* KEY_SPACE bits: the keys of the word-start prefixes */
	unsigned char *keys_nw;     /* the same for the other prefixes */
	unsigned char act[256];     /* per first text byte: which tries have a root (A_*) */
	unsigned char nl[256];      /* a line may begin after this byte (when any prefix needs a line start) */
	struct pf_line {            /* prefixes that start at a line start, tried there */
		struct pf_prefix p;
		unsigned rule;
		int caseless;
	} *lines;
	size_t nlines;
	int used[NTRIES];
};

/* ASCII white space and the Unicode white space \s matches with PCRE2_UCP. */
static size_t space_len(const unsigned char *t, size_t q, size_t len)
{
	unsigned c = t[q];
	if (is_space(c))
		return 1;
	if (c < 0xC2 || q + 1 >= len)
		return 0;
	unsigned c1 = t[q + 1];
	if (c == 0xC2)
		return c1 == 0x85 || c1 == 0xA0 ? 2 : 0;
	if (q + 2 >= len)
		return 0;
	unsigned c2 = t[q + 2];
	if (c == 0xE1)
		return (c1 == 0x9A && c2 == 0x80) || (c1 == 0xA0 && c2 == 0x8E) ? 3 : 0;
	if (c == 0xE2)
		return (c1 == 0x80 && (c2 <= 0x8A || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF)) ||
		       (c1 == 0x81 && c2 == 0x9F) ? 3 : 0;
	if (c == 0xE3)
		return c1 == 0x80 && c2 == 0x80 ? 3 : 0;
	return 0;
}

/* The non-ASCII case variants: U+212A KELVIN SIGN for k, U+017F LONG S for s. */
static size_t variant_len(unsigned b, const unsigned char *t, size_t q, size_t len)
{
	if (b == 'k' && t[q] == 0xE2 && q + 2 < len && t[q + 1] == 0x84 && t[q + 2] == 0xAA)
		return 3;
	if (b == 's' && t[q] == 0xC5 && q + 1 < len && t[q + 1] == 0xBF)
		return 2;
	return 0;
}

/*
 * How many text bytes at t[q] match the prefix byte b (0: none).  Caseless
 * letters also match their non-ASCII case variants (variant_len; the only
 * ones PCRE2 has: test_prefilter checks that against the library).  PF_WS
 * is handled by the caller.
 */
static inline size_t byte_len(unsigned b, int caseless, const unsigned char *t, size_t q, size_t len)
{
	unsigned c = t[q];
	if (b == PF_DIGIT) {
		/* an ASCII digit, or any non-ASCII character (\d with UCP: a superset) */
		if (c - '0' < 10)
			return 1;
		size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
		return n && q + n <= len ? n : 0;
	}
	if (c == b)
		return 1;
	if (!caseless || !is_alpha(b))
		return 0;
	if ((c | 0x20) == b)
		return 1;
	return c >= 0x80 ? variant_len(b, t, q, len) : 0;
}

/* The bytes of the white-space run at t[q] (0: none). */
static inline size_t ws_run(const unsigned char *t, size_t q, size_t len)
{
	size_t e = q, s;
	while (e < len && (s = space_len(t, e, len)) > 0)
		e += s;
	return e - q;
}

static unsigned new_node(struct pf_index *ix, unsigned char byte)
{
	if (ix->nnode == ix->capnode) {
		ix->capnode = ix->capnode ? ix->capnode * 2 : 256;
		ix->node = xrealloc(ix->node, ix->capnode * sizeof *ix->node);
	}
	ix->node[ix->nnode] = (struct pf_node){ .byte = byte };
	return (unsigned)ix->nnode++;
}

/* The child of n holding byte, made when missing (n == 0: the root for byte of trie tr). */
static unsigned child(struct pf_index *ix, int tr, unsigned n, unsigned char byte)
{
	if (n == 0) {
		if (!ix->root[tr][byte])
			ix->root[tr][byte] = new_node(ix, byte);
		return ix->root[tr][byte];
	}
	unsigned c = ix->node[n].child;
	for (; c; c = ix->node[c].next)
		if (ix->node[c].byte == byte)
			return c;
	c = new_node(ix, byte);
	ix->node[c].next = ix->node[n].child;
	ix->node[n].child = c;
	return c;
}

/* Adds rule ri to the end list of node n (lists are rebuilt whole: they are short). */
static void add_end(struct pf_index *ix, unsigned n, unsigned ri)
{
	unsigned old = ix->node[n].rules, cnt = old ? ix->ends[old] : 0;
	if (ix->nends + cnt + 2 > ix->capends) {
		ix->capends = (ix->nends + cnt + 2) * 2;
		ix->ends = xrealloc(ix->ends, ix->capends * sizeof *ix->ends);
	}
	unsigned at = (unsigned)ix->nends;
	ix->ends[at] = cnt + 1;
	for (unsigned i = 0; i < cnt; i++)
		ix->ends[at + 1 + i] = ix->ends[old + 1 + i];
	ix->ends[at + 1 + cnt] = ri;
	ix->nends += cnt + 2;
	ix->node[n].rules = at;
}

/* Sets the key bits of prefix x: its first symbols, every completion when it is shorter. */
static void add_keys(struct pf_index *ix, unsigned char *keys, const struct pf_prefix *x)
{
	unsigned syms[4];
	int n = 0;
	for (size_t i = 0; i < x->len && n < 4; i++) {
		unsigned b = x->s[i];
		unsigned sy = b == PF_WS ? SYM_SPACE : b == PF_DIGIT ? SYM_OTHER : b >= 0x80 ? 255 : ix->sym[b];
		if (sy == 255)
			return; /* only text with a byte >= 0x80 can match: it skips the filter */
		if (sy == SYM_SPACE && n > 0 && syms[n - 1] == SYM_SPACE)
			continue; /* the text's white space is one symbol per run */
		syms[n++] = sy;
	}
	unsigned base = 0, span = 1;
	for (int i = 0; i < 4; i++) {
		base = base * NSYM + (i < n ? syms[i] : 0);
		if (i >= n)
			span *= NSYM;
	}
	for (unsigned k = base; k < base + span; k++)
		keys[k >> 3] |= (unsigned char)(1u << (k & 7));
}

/* The root bytes a first prefix byte b may meet in a text (see byte_len, space_len). */
static void add_prefix(struct pf_index *ix, int tr, const struct pf_prefix *x, unsigned ri, int caseless)
{
	unsigned char firsts[80];
	size_t nf = 0;
	unsigned b = x->s[0];
	if (b == PF_DIGIT) {
		for (unsigned d = '0'; d <= '9'; d++)
			firsts[nf++] = (unsigned char)d;
		for (unsigned d = 0xC2; d <= 0xF4; d++)
			firsts[nf++] = (unsigned char)d;
	} else if (b == PF_WS) {
		static const unsigned char ws[] = { ' ', '\t', '\n', 0x0B, '\f', '\r', 0xC2, 0xE1, 0xE2, 0xE3 };
		memcpy(firsts, ws, sizeof ws);
		nf = sizeof ws;
	} else {
		firsts[nf++] = (unsigned char)b;
		if (caseless && is_alpha(b)) {
			firsts[nf++] = (unsigned char)(b & ~0x20u);
			if (b == 'k')
				firsts[nf++] = 0xE2;
			if (b == 's')
				firsts[nf++] = 0xC5;
		}
	}
	for (size_t f = 0; f < nf; f++) {
		/* the root node stands for the prefix's first byte, whatever the text byte was */
		if (!ix->root[tr][firsts[f]]) {
			ix->root[tr][firsts[f]] = new_node(ix, (unsigned char)b);
		} else if (ix->node[ix->root[tr][firsts[f]]].byte != b) {
			/* two prefix bytes share a text byte (k and its Kelvin sign at 0xE2 with a
			 * PF_WS root): chain a second root as the first's sibling */
			unsigned r = ix->root[tr][firsts[f]];
			while (ix->node[r].byte != b && ix->node[r].next)
				r = ix->node[r].next;
			if (ix->node[r].byte != b) {
				unsigned nn = new_node(ix, (unsigned char)b);
				ix->node[r].next = nn;
			}
		}
	}
	/* every root for this first byte gets the rest of the prefix */
	for (size_t f = 0; f < nf; f++) {
		unsigned n = ix->root[tr][firsts[f]];
		while (ix->node[n].byte != b)
			n = ix->node[n].next;
		for (size_t i = 1; i < x->len; i++)
			n = child(ix, tr, n, x->s[i]);
		/* do not add the same rule twice to a node (two text bytes, one root) */
		unsigned l = ix->node[n].rules;
		int dup = 0;
		for (unsigned i = 0; l && i < ix->ends[l]; i++)
			dup |= ix->ends[l + 1 + i] == ri;
		if (!dup)
			add_end(ix, n, ri);
	}
	ix->used[tr] = 1;
}

struct pf_index *pf_index_build(const struct ruleset *rs)
{
	struct pf_index *ix = xmalloc(sizeof *ix);
	memset(ix, 0, sizeof *ix);
	ix->nrules = rs->n;
	ix->has = xmalloc(rs->n ? rs->n : 1);
	memset(ix->has, 0, rs->n ? rs->n : 1);
	ix->anchored = xmalloc((rs->n ? rs->n : 1) * sizeof *ix->anchored);
	memset(ix->anchored, 0, (rs->n ? rs->n : 1) * sizeof *ix->anchored);
	new_node(ix, 0); /* node 0 means "none" */
	for (unsigned c = 0; c < 256; c++) {
		ix->wordc[c] = (unsigned char)(is_alpha(c) || (c >= '0' && c <= '9') || c == '_');
		ix->sym[c] = (unsigned char)(c >= 0x80 ? 255 : is_alpha(c) ? (c | 0x20) - 'a' : is_space(c) ? SYM_SPACE
									   : SYM_OTHER);
	}
	ix->keys = xmalloc(KEY_SPACE / 8);
	memset(ix->keys, 0, KEY_SPACE / 8);
	ix->keys_nw = xmalloc(KEY_SPACE / 8);
	memset(ix->keys_nw, 0, KEY_SPACE / 8);
	ix->ends = xmalloc(16 * sizeof *ix->ends);
	ix->capends = 16;
	ix->nends = 1; /* index 0 means "none" */
	int any = 0;
	for (size_t i = 0; i < rs->n; i++) {
		const struct rule *r = &rs->v[i];
		struct pf_set set;
		int caseless = !(r->flags & RULE_CASE);
		const char *pat = r->expanded ? r->expanded : r->pattern;
		if (prefilter_prefixes(pat, caseless, &set) < 0)
			continue;
		/* the same pattern and options, anchored: what a scan tries at each position */
		uint32_t opts = 0;
		int ec;
		PCRE2_SIZE eo;
		pcre2_pattern_info(r->code, PCRE2_INFO_ARGOPTIONS, &opts);
		ix->anchored[i] = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, opts | PCRE2_ANCHORED,
						&ec, &eo, NULL);
		if (!ix->anchored[i])
			continue; /* LCOV_EXCL_LINE: it compiled unanchored */
		(void)pcre2_jit_compile(ix->anchored[i], PCRE2_JIT_COMPLETE);
		ix->has[i] = 1;
		any = 1;
		for (size_t k = 0; k < set.n; k++) {
			if (set.v[k].line) {
				ix->lines = xrealloc(ix->lines, (ix->nlines + 1) * sizeof *ix->lines);
				ix->lines[ix->nlines++] = (struct pf_line){ set.v[k], (unsigned)i, caseless };
				continue;
			}
			int tr = caseless ? (set.v[k].word ? T_CASELESS_WORD : T_CASELESS)
					  : (set.v[k].word ? T_CASE_WORD : T_CASE);
			add_prefix(ix, tr, &set.v[k], (unsigned)i, caseless);
			add_keys(ix, set.v[k].word ? ix->keys : ix->keys_nw, &set.v[k]);
		}
	}
	if (!any) {
		pf_index_free(ix);
		return NULL;
	}
	for (unsigned c = 0; c < 256; c++) {
		ix->act[c] = (unsigned char)((ix->root[T_CASELESS_WORD][c] ? A_CW : 0) | (ix->root[T_CASELESS][c] ? A_CN : 0) |
					     (ix->root[T_CASE_WORD][c] ? A_SW : 0) | (ix->root[T_CASE][c] ? A_SN : 0));
		ix->nl[c] = (unsigned char)(ix->nlines && after_newline(c));
	}
	return ix;
}

void pf_index_free(struct pf_index *ix)
{
	if (!ix)
		return;
	for (size_t i = 0; i < ix->nrules; i++)
		pcre2_code_free(ix->anchored[i]);
	free(ix->anchored);
	free(ix->has);
	free(ix->node);
	free(ix->ends);
	free(ix->keys);
	free(ix->keys_nw);
	free(ix->lines);
	free(ix);
}

int pf_index_has(const struct pf_index *ix, unsigned ri)
{
	return ix && ri < ix->nrules && ix->has[ri];
}

const pcre2_code *pf_index_anchored(const struct pf_index *ix, unsigned ri)
{
	return pf_index_has(ix, ri) ? ix->anchored[ri] : NULL;
}

struct walk {
	const struct pf_index *ix;
	const unsigned char *t;
	size_t len, pos;
	int caseless;
	int (*fn)(void *ctx, unsigned rule, size_t pos);
	void *ctx;
	int stop;
};

static void emit(struct walk *w, unsigned n)
{
	unsigned l = w->ix->node[n].rules;
	for (unsigned i = 0; l && i < w->ix->ends[l] && !w->stop; i++)
		w->stop = w->fn(w->ctx, w->ix->ends[l + 1 + i], w->pos);
}

/*
 * Node n matched the text up to q: report its rules, then follow the child
 * that matches next (a loop), and any other child that matches as well (a
 * recursion; only white space against PF_WS and a literal space can both).
 */
static void walk_from(struct walk *w, unsigned n, size_t q, int depth)
{
	const struct pf_node *node = w->ix->node;
	for (;;) {
		if (node[n].rules)
			emit(w, n);
		if (w->stop || q >= w->len || depth >= PF_MAXLEN)
			return;
		unsigned next = 0;
		size_t nextq = 0;
		for (unsigned c = node[n].child; c; c = node[c].next) {
			unsigned b = node[c].byte;
			size_t k = b == PF_WS ? ws_run(w->t, q, w->len) : byte_len(b, w->caseless, w->t, q, w->len);
			if (!k)
				continue;
			if (!next) {
				next = c;
				nextq = q + k;
			} else
				walk_from(w, c, q + k, depth + 1);
		}
		if (!next)
			return;
		n = next;
		q = nextq;
		depth++;
	}
}

/* The root node(s) for the text byte at pos: the first prefix byte they stand for must match too. */
static void walk_root(struct walk *w, unsigned r)
{
	for (; r && !w->stop; r = w->ix->node[r].next) {
		unsigned b = w->ix->node[r].byte;
		size_t k = b == PF_WS ? ws_run(w->t, w->pos, w->len) : byte_len(b, w->caseless, w->t, w->pos, w->len);
		if (k)
			walk_from(w, r, w->pos + k, 1);
	}
}

/* Does prefix x begin at t[p]? */
static int prefix_at(const struct pf_prefix *x, int caseless, const unsigned char *t, size_t len, size_t p)
{
	size_t q = p;
	for (size_t i = 0; i < x->len; i++) {
		if (q >= len)
			return 0;
		size_t k = x->s[i] == PF_WS ? ws_run(t, q, len) : byte_len(x->s[i], caseless, t, q, len);
		if (!k)
			return 0;
		q += k;
	}
	return 1;
}

/* May a line begin after byte c?  A superset of PCRE2's newline conventions (LF, CR, NEL, LS, PS ...). */
static int after_newline(unsigned c)
{
	return c == '\n' || c == '\r' || c == 0x0B || c == '\f' || c == 0x85 || c == 0xA8 || c == 0xA9;
}

/* The key at t[p] (see KEY_SPACE); 0 when the filter cannot tell. */
static inline int key4(const struct pf_index *ix, const unsigned char *t, size_t p, size_t len, unsigned *key)
{
	unsigned k = 0;
	size_t q = p;
	for (int i = 0; i < 4; i++) {
		if (q >= len)
			return 0;
		unsigned sy = ix->sym[t[q]];
		if (sy == 255)
			return 0;
		q++;
		if (sy == SYM_SPACE)
			while (q < len && ix->sym[t[q]] == SYM_SPACE)
				q++;
		k = k * NSYM + sy;
	}
	*key = k;
	return 1;
}

void pf_index_scan(const struct pf_index *ix, const char *text, size_t len,
		   int (*fn)(void *ctx, unsigned rule, size_t pos), void *ctx)
{
	const unsigned char *t = (const unsigned char *)text;
	struct walk w = { .ix = ix, .t = t, .len = len, .fn = fn, .ctx = ctx };
	const unsigned *cw = ix->root[T_CASELESS_WORD], *cn = ix->root[T_CASELESS];
	const unsigned *sw = ix->root[T_CASE_WORD], *sn = ix->root[T_CASE];
	const unsigned char *act = ix->act, *nl = ix->nl;
	unsigned prev = '\n'; /* the start of the text is a word start and a line start */
	for (size_t p = 0; p < len && !w.stop; prev = t[p], p++) {
		unsigned c = t[p], a = act[c];
		/* no \b between two ASCII word characters: most positions end here */
		if (c < 0x80 && ix->wordc[prev])
			a &= ~(unsigned)(A_CW | A_SW);
		if (nl[prev])
			a |= A_LINE;
		if (!a)
			continue;
		w.pos = p;
		if (a & A_LINE)
			for (size_t i = 0; i < ix->nlines && !w.stop; i++)
				if (prefix_at(&ix->lines[i].p, ix->lines[i].caseless, t, len, p))
					w.stop = fn(ctx, ix->lines[i].rule, p);
		if (!(a & (A_CW | A_SW | A_CN | A_SN)))
			continue;
		unsigned key;
		if (key4(ix, t, p, len, &key)) {
			/* the key filter: no prefix of that kind begins like this */
			if (!(ix->keys[key >> 3] & (1u << (key & 7))))
				a &= ~(unsigned)(A_CW | A_SW);
			if (!(ix->keys_nw[key >> 3] & (1u << (key & 7))))
				a &= ~(unsigned)(A_CN | A_SN);
		}
		if (a & A_CW) {
			w.caseless = 1;
			walk_root(&w, cw[c]);
		}
		if (a & A_CN) {
			w.caseless = 1;
			walk_root(&w, cn[c]);
		}
		if (a & A_SW) {
			w.caseless = 0;
			walk_root(&w, sw[c]);
		}
		if (a & A_SN) {
			w.caseless = 0;
			walk_root(&w, sn[c]);
		}
	}
}
