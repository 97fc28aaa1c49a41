/* literals.c - see literals.h. */
#include <stdlib.h>
#include <string.h>

#include "literals.h"
#include "util.h"

#define MAX_DEPTH 100

/* A set of ASCII bytes (bit c of b[c / 8]). */
struct aset {
	unsigned char b[16];
};

static void aset_add(struct aset *s, unsigned c)
{
	if (c < 128)
		s->b[c / 8] |= (unsigned char)(1u << (c % 8));
}

static int aset_has(const struct aset *s, unsigned c)
{
	return c < 128 && (s->b[c / 8] >> (c % 8) & 1);
}

static void aset_range(struct aset *s, unsigned a, unsigned z)
{
	for (unsigned c = a; c <= z && c < 128; c++)
		aset_add(s, c);
}

static void aset_all(struct aset *s)
{
	memset(s->b, 0xFF, sizeof s->b);
}

static void aset_or(struct aset *s, const struct aset *t)
{
	for (size_t i = 0; i < sizeof s->b; i++)
		s->b[i] |= t->b[i];
}

static int aset_subset(const struct aset *s, const struct aset *t)
{
	for (size_t i = 0; i < sizeof s->b; i++)
		if (s->b[i] & ~t->b[i])
			return 0;
	return 1;
}

/* Adds the other case of every letter (caseless matching; a superset is safe). */
static void aset_fold(struct aset *s)
{
	for (unsigned c = 'a'; c <= 'z'; c++)
		if (aset_has(s, c) || aset_has(s, c - 32)) {
			aset_add(s, c);
			aset_add(s, c - 32);
		}
}

static void aset_escape(struct aset *s, char e)
{
	struct aset t = {0};
	switch (e) {
	case 'd': case 'D': aset_range(&t, '0', '9'); break;
	case 'w': case 'W': aset_range(&t, '0', '9'); aset_range(&t, 'a', 'z'); aset_range(&t, 'A', 'Z'); aset_add(&t, '_'); break;
	case 's': case 'S': aset_range(&t, '\t', '\r'); aset_add(&t, ' '); break;
	case 'h': case 'H': aset_add(&t, '\t'); aset_add(&t, ' '); break;
	case 'v': case 'V': case 'R': aset_range(&t, '\n', '\r'); break;
	default: aset_all(&t); break;
	}
	if (e == 'D' || e == 'W' || e == 'S' || e == 'H' || e == 'V')
		for (size_t i = 0; i < sizeof t.b; i++)
			t.b[i] = (unsigned char)~t.b[i];
	aset_or(s, &t);
}
#define PRODUCT_MAX 4           /* X{n} with n up to this is spelled out */

/*
 * What the reader knows about a piece of pattern: the most counted
 * characters it can consume, its exact spellings when it is a small finite
 * set of strings, and the cheapest required set found inside it (`back`
 * relative to the piece's start).
 */
struct piece {
	size_t cnt;
	struct aset set;        /* every ASCII byte it may consume */
	int exact;
	struct lit_set ex;      /* when exact (back, cost unused) */
	int has_req;
	struct lit_set req;
};

struct reader {
	const char *p;
	const char *why;        /* set: give up */
	int depth;
	struct aset free;       /* bytes not counted */
	struct aset acc;        /* what unbounded repeats consume */
	struct piece *tmp;      /* quantify's result being built (large: off the stack; quantify does not recurse) */
};

static size_t add_cnt(size_t a, size_t b)
{
	return a == LIT_UNBOUNDED || b == LIT_UNBOUNDED || a + b < a ? LIT_UNBOUNDED : a + b;
}

static size_t mul_cnt(size_t a, size_t n)
{
	if (a == 0 || n == 0)
		return 0;
	if (a == LIT_UNBOUNDED || n == LIT_UNBOUNDED || a > LIT_UNBOUNDED / n)
		return LIT_UNBOUNDED;
	return a * n;
}


static unsigned lower(unsigned c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

double lit_freq(const unsigned char *s, size_t n)
{
	/* rough shares of English text, letters a..z */
	static const double letter[26] = {
		.065, .012, .022, .035, .100, .018, .016, .050, .057, .001, .006, .033, .020,
		.057, .060, .015, .001, .050, .053, .075, .023, .008, .017, .0015, .015, .0007,
	};
	double f = 1;
	for (size_t i = 0; i < n; i++) {
		unsigned c = lower(s[i]);
		if (c >= 'a' && c <= 'z')
			f *= letter[c - 'a'];
		else if (c == ' ')
			f *= .16;
		else if (c == '\n')
			f *= .02;
		else if (c >= '0' && c <= '9')
			f *= .01;
		else if (c < 0x80)
			f *= .01;
		else
			f *= .05; /* one byte of a multi-byte symbol: the lead byte carries it */
	}
	return f;
}

/*
 * Work per text byte of running a rule from the hits of set s; spread is
 * how many text bytes a counted one stands for (free bytes between them).
 * A hit costs a fixed part, a part per byte of its window and a part that
 * grows with the square of the window: a long window holds more starts
 * where the pattern gets under way (callgrind on the corpus: a rule with
 * windows of about 200 bytes cost several times what the linear part
 * gave, more than a rarer set with short windows).
 */
static void set_cost_spread(struct lit_set *s, double spread)
{
	double f = 0;
	size_t maxlen = 0;
	for (size_t i = 0; i < s->n; i++) {
		f += lit_freq(s->v[i].s, s->v[i].len);
		if (s->v[i].len > maxlen)
			maxlen = s->v[i].len;
	}
	if (s->back == LIT_UNBOUNDED) {
		/* each hit runs PCRE2 over everything since the last one */
		double c = f * 4000 + 0.02;
		s->cost = c < 1 ? c : 1;
	} else {
		double w = (double)(s->back + 1);
		s->cost = f * (64 + 1.5 * spread * w + spread * w * w / 32 + (double)maxlen);
	}
}

static void set_cost(struct lit_set *s)
{
	set_cost_spread(s, 1);
}

static int lit_eq(const struct lit *a, const struct lit *b)
{
	if (a->len != b->len)
		return 0;
	for (size_t i = 0; i < a->len; i++)
		if (lower(a->s[i]) != lower(b->s[i]))
			return 0;
	return 1;
}

/* Is a a (case-folded) prefix of b? */
static int lit_prefix(const struct lit *a, const struct lit *b)
{
	if (a->len > b->len)
		return 0;
	for (size_t i = 0; i < a->len; i++)
		if (lower(a->s[i]) != lower(b->s[i]))
			return 0;
	return 1;
}

/* Adds x to s unless present; 0, or -1 when s is full. */
static int set_add(struct lit_set *s, const struct lit *x)
{
	for (size_t i = 0; i < s->n; i++)
		if (lit_eq(&s->v[i], x))
			return 0;
	if (s->n == LIT_MAXSET)
		return -1;
	s->v[s->n++] = *x;
	return 0;
}

static int set_has_empty(const struct lit_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].len == 0)
			return 1;
	return 0;
}

/* Drops every literal that has another one of the set as a prefix (its hits are a subset). */
static void set_prune(struct lit_set *s)
{
	size_t k = 0;
	for (size_t i = 0; i < s->n; i++) {
		int drop = 0;
		for (size_t j = 0; j < s->n && !drop; j++)
			drop = j != i && lit_prefix(&s->v[j], &s->v[i]) && (s->v[j].len < s->v[i].len || j < i);
		if (!drop)
			s->v[k++] = s->v[i];
	}
	s->n = k;
}

/* Offers candidate c (with its back and literals) to p: kept when cheaper. */
static void offer(struct piece *p, struct lit_set *c)
{
	if (c->n == 0 || set_has_empty(c))
		return;
	set_prune(c);
	set_cost(c);
	if (!p->has_req || c->cost < p->req.cost) {
		p->req = *c;
		p->has_req = 1;
	}
}

static void offer_exact(struct piece *p, const struct lit_set *ex, size_t back)
{
	struct lit_set c = *ex;
	c.back = back;
	offer(p, &c);
}

/* out = a x b (every spelling of a followed by every one of b); -1 when too large. */
static int product(const struct lit_set *a, const struct lit_set *b, struct lit_set *out)
{
	if (a->n * b->n > LIT_MAXSET)
		return -1;
	struct lit_set r;
	r.n = 0;
	for (size_t i = 0; i < a->n; i++)
		for (size_t j = 0; j < b->n; j++) {
			if ((size_t)a->v[i].len + b->v[j].len > LIT_MAXLEN)
				return -1;
			struct lit x;
			memcpy(x.s, a->v[i].s, a->v[i].len);
			memcpy(x.s + a->v[i].len, b->v[j].s, b->v[j].len);
			x.len = (unsigned char)(a->v[i].len + b->v[j].len);
			if (set_add(&r, &x) < 0)
				return -1;
		}
	*out = r;
	return 0;
}

/* Resets p to "consumes nothing known, no spellings, no set" without clearing its large arrays. */
static void piece_clear(struct piece *p)
{
	p->cnt = 0;
	memset(&p->set, 0, sizeof p->set);
	p->exact = 0;
	p->ex.n = 0;
	p->has_req = 0;
	p->req.n = 0;
}

static void piece_empty(struct piece *p)
{
	piece_clear(p);
	p->exact = 1;
	p->ex.n = 1;            /* the empty string */
	p->ex.v[0].len = 0;
}

/* One character from the ASCII set cs (or any non-ASCII one), not exactly known. */
static void piece_set(struct reader *r, struct piece *p, const struct aset *cs)
{
	piece_clear(p);
	p->set = *cs;
	aset_fold(&p->set);
	p->cnt = aset_subset(&p->set, &r->free) ? 0 : 1;
}

/* Any one character. */
static void piece_any(struct reader *r, struct piece *p)
{
	struct aset all;
	aset_all(&all);
	piece_set(r, p, &all);
}

/* Any character, and an unknown number of them counted (back references, \X). */
static void piece_wild(struct piece *p)
{
	piece_clear(p);
	aset_all(&p->set);
	p->cnt = LIT_UNBOUNDED;
}

static void piece_bytes(struct reader *r, struct piece *p, const unsigned char *b, size_t n)
{
	piece_clear(p);
	p->exact = 1;
	p->ex.n = 1;
	memcpy(p->ex.v[0].s, b, n);
	p->ex.v[0].len = (unsigned char)n;
	for (size_t i = 0; i < n; i++)
		aset_add(&p->set, b[i]);
	aset_fold(&p->set);
	p->cnt = n == 1 && b[0] < 0x80 && !aset_has(&r->free, b[0]) && !aset_has(&r->free, lower(b[0])) ? 1 : 0;
}

/* Non-ASCII characters without other cases: kept as literals. */
static int caseless_symbol(unsigned cp)
{
	return (cp >= 0x2000 && cp <= 0x20FF) || (cp >= 0x2190 && cp <= 0x23FF) ||
	       (cp >= 0x2500 && cp <= 0x2BFF);
}

static size_t utf8_encode(unsigned cp, unsigned char *o)
{
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | cp >> 6);
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | cp >> 12);
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | cp >> 18);
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* One literal character by code point (from an escape or the text). */
static void piece_cp(struct reader *r, struct piece *p, unsigned cp)
{
	unsigned char b[4];
	if (cp < 0x80 || caseless_symbol(cp)) {
		size_t n = utf8_encode(cp, b);
		piece_bytes(r, p, b, n);
	} else {
		struct aset none = {0};
		piece_set(r, p, &none); /* a letter with other cases, or a space: no literal, not counted */
	}
}

/* Decodes the UTF-8 character at r->p (the pattern is valid UTF-8: PCRE2 compiled it). */
static unsigned next_cp(struct reader *r)
{
	const unsigned char *s = (const unsigned char *)r->p;
	unsigned c = s[0];
	size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	unsigned cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			r->why = "bad UTF-8 in pattern";
			r->p += i;
			return 0xFFFD;
		}
		cp = cp << 6 | (s[i] & 0x3F);
	}
	r->p += n;
	return cp;
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
}

static void parse_alt(struct reader *r, struct piece *out);

/* A character class [..]: one character of the ASCII bytes it may hold (a superset). */
static void parse_class(struct reader *r, struct piece *out)
{
	const char *p = r->p + 1;
	int neg = *p == '^';
	if (neg)
		p++;
	struct aset cs = {0};
	int first = 1;
	for (;;) {
		if (!*p) {
			r->why = "unclosed class";
			return;
		}
		if (*p == ']' && !first)
			break;
		first = 0;
		if (p[0] == '[' && p[1] == ':') {
			const char *e = strstr(p + 2, ":]");
			if (!e) {
				r->why = "bad POSIX class";
				return;
			}
			struct aset t = {0};
			const char *nm = p[2] == '^' ? p + 3 : p + 2;
			if (strncmp(nm, "digit:", 6) == 0)
				aset_range(&t, '0', '9');
			else if (strncmp(nm, "alpha:", 6) == 0) {
				aset_range(&t, 'a', 'z');
				aset_range(&t, 'A', 'Z');
			} else if (strncmp(nm, "space:", 6) == 0)
				aset_escape(&t, 's');
			else
				aset_all(&t);
			if (p[2] == '^')
				aset_all(&t);
			aset_or(&cs, &t);
			p = e + 2;
			continue;
		}
		unsigned lo;
		if (*p == '\\') {
			char e = p[1];
			if (!e || e == 'Q' || e == 'E') {
				r->why = "\\Q or \\E in a class";
				return;
			}
			p += 2;
			if (e == 'x') {
				unsigned cp = 0;
				if (*p == '{') {
					const char *c = strchr(p, '}');
					if (!c) {
						r->why = "bad escape in class";
						return;
					}
					for (const char *q = p + 1; q < c && cp < 0x110000; q++)
						cp = cp * 16 + (unsigned)(hexval(*q) < 0 ? 0 : hexval(*q));
					p = c + 1;
				} else
					for (int i = 0; i < 2 && hexval(*p) >= 0; i++)
						cp = cp * 16 + (unsigned)hexval(*p++);
				lo = cp;
			} else if (e == 'n' || e == 't' || e == 'r' || e == 'f' || e == 'e' || e == 'a') {
				lo = e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e == 'f' ? '\f' : e == 'e' ? 0x1B : 0x07;
			} else if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') || (e >= '0' && e <= '9')) {
				/* \d \w \s ..., or \p{..} \N{..} \o{..}: their ASCII part, or every byte */
				aset_escape(&cs, e);
				if (*p == '{') {
					const char *c = strchr(p, '}');
					if (!c) {
						r->why = "bad escape in class";
						return;
					}
					p = c + 1;
				} else if ((e == 'p' || e == 'P') && *p)
					p++;
				continue;
			} else
				lo = (unsigned char)e;
		} else if ((unsigned char)*p >= 0x80) {
			r->p = p;
			lo = next_cp(r);
			p = r->p;
		} else
			lo = (unsigned char)*p++;
		if (p[0] == '-' && p[1] && p[1] != ']') {
			/* a range: its end as a plain character, else every byte */
			if (p[1] == '\\' || p[1] == '[' || (unsigned char)p[1] >= 0x80) {
				aset_all(&cs);
				p += 2;
				if (p[-1] == '\\' && *p)
					p++;
				while (((unsigned char)*p & 0xC0) == 0x80)
					p++;
				continue;
			}
			aset_range(&cs, lo, (unsigned char)p[1]);
			p += 2;
			continue;
		}
		aset_add(&cs, lo);
	}
	r->p = p + 1;
	if (neg)
		for (size_t i = 0; i < sizeof cs.b; i++)
			cs.b[i] = (unsigned char)~cs.b[i];
	piece_set(r, out, &cs);
}

/* Skips a group name up to its terminator t; 0, or -1 (why set). */
static int skip_name(struct reader *r, char t)
{
	const char *e = strchr(r->p, t);
	if (!e) {
		r->why = "bad group name";
		return -1;
	}
	r->p = e + 1;
	return 0;
}

/* A group after its '('; the reader stands after the group's ')' afterwards. */
static void parse_group(struct reader *r, struct piece *out)
{
	const char *p = r->p + 1;
	int look = 0;
	if (*p == '*') {
		r->why = "backtracking verb or option setting (*...)";
		return;
	}
	if (*p == '?') {
		p++;
		if (*p == ':' || *p == '|' || *p == '>')
			p++;
		else if (*p == '=' || *p == '!') {
			look = 1;
			p++;
		} else if (*p == '<' && (p[1] == '=' || p[1] == '!')) {
			look = 1;
			p += 2;
		} else if (*p == '<' || *p == '\'' || (*p == 'P' && p[1] == '<')) {
			char t = *p == '\'' ? '\'' : '>';
			r->p = p + (*p == 'P' ? 2 : 1);
			if (skip_name(r, t) < 0)
				return;
			p = r->p;
		} else if (*p == '#') {
			const char *e = strchr(p, ')');
			if (!e) {
				r->why = "unclosed comment";
				return;
			}
			r->p = e + 1;
			piece_empty(out);
			return;
		} else {
			/* option letters: (?i) (?-i) (?i:...) */
			const char *q = p;
			while (*q && strchr("imnsJUa-^", *q))
				q++;
			if (q == p || (*q != ')' && *q != ':')) {
				r->why = *q == 'x' ? "extended mode (?x)" :
					 "recursion, conditional, callout or back reference group";
				return;
			}
			if (*q == ')') {
				r->p = q + 1;
				piece_empty(out);
				return;
			}
			p = q + 1;
		}
	}
	r->p = p;
	if (++r->depth > MAX_DEPTH) {
		r->why = "groups nested too deep";
		return;
	}
	struct piece in;
	parse_alt(r, &in);
	r->depth--;
	if (r->why)
		return;
	if (*r->p != ')') {
		r->why = "unclosed group";
		return;
	}
	r->p++;
	if (look)
		piece_empty(out); /* consumes nothing; its literals may lie outside the match */
	else
		*out = in;
}

/* An escape; r->p at the backslash. */
static void parse_escape(struct reader *r, struct piece *out)
{
	char e = r->p[1];
	const char *after = r->p + 2;
	if (!e) {
		r->why = "trailing backslash";
		return;
	}
	r->p = after;
	switch (e) {
	case 'b': case 'B': case 'A': case 'z': case 'Z': case 'K': case 'E':
		piece_empty(out);
		return;
	case 'G':
		r->why = "\\G (an attempt depends on where the scan began)";
		return;
	case 'C':
		r->why = "\\C";
		return;
	case 's': case 'h': case 'v': case 'R':
	case 'd': case 'D': case 'w': case 'W': case 'S': case 'H': case 'V': {
		struct aset cs = {0};
		aset_escape(&cs, e);
		piece_set(r, out, &cs);
		return;
	}
	case 'N':
		if (*after == '{') {
			r->why = "\\N{...}";
			return;
		}
		piece_any(r, out);
		return;
	case 'X':
		piece_wild(out);
		return;
	case 'p': case 'P':
		if (*after == '{') {
			const char *c = strchr(after, '}');
			if (!c) {
				r->why = "bad \\p";
				return;
			}
			r->p = c + 1;
		} else if (*after)
			r->p = after + 1;
		piece_any(r, out);
		return;
	case 'n': piece_cp(r, out, '\n'); return;
	case 't': piece_cp(r, out, '\t'); return;
	case 'r': piece_cp(r, out, '\r'); return;
	case 'f': piece_cp(r, out, '\f'); return;
	case 'e': piece_cp(r, out, 0x1B); return;
	case 'a': piece_cp(r, out, 0x07); return;
	case 'x': {
		unsigned cp = 0;
		if (*after == '{') {
			const char *q = after + 1;
			int any = 0;
			while (hexval(*q) >= 0 && cp < 0x110000) {
				cp = cp * 16 + (unsigned)hexval(*q++);
				any = 1;
			}
			if (*q != '}' || !any) {
				r->why = "bad \\x{...}";
				return;
			}
			r->p = q + 1;
		} else {
			const char *q = after;
			for (int i = 0; i < 2 && hexval(*q) >= 0; i++)
				cp = cp * 16 + (unsigned)hexval(*q++);
			r->p = q;
		}
		piece_cp(r, out, cp);
		return;
	}
	case 'g': case 'k':
		/* back references: \g1 \g{-1} \g{name} \k<name> \k'name' \k{name} */
		if (*after == '<' || *after == '{' || *after == '\'') {
			r->p = after + 1;
			if (skip_name(r, *after == '<' ? '>' : *after == '{' ? '}' : '\'') < 0)
				return;
		} else if (e == 'g') {
			const char *q = after;
			if (*q == '-' || *q == '+')
				q++;
			while (*q >= '0' && *q <= '9')
				q++;
			r->p = q;
		} else {
			r->why = "bad \\k";
			return;
		}
		piece_wild(out);
		return;
	default:
		break;
	}
	if (e >= '1' && e <= '9') {
		const char *q = after;
		while (*q >= '0' && *q <= '9')
			q++;
		r->p = q;
		piece_wild(out); /* a back reference (or octal: a character) */
		return;
	}
	if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') || e == '0') {
		r->why = "an escape the literal reader does not know";
		return;
	}
	r->p = r->p - 1; /* an escaped character stands for itself */
	piece_cp(r, out, next_cp(r));
}

/* Reads a quantifier at r->p: 1 with *min, *max set, 0 when none, -1 on error. */
static int parse_quant(struct reader *r, size_t *min, size_t *max)
{
	const char *p = r->p;
	if (*p == '*' || *p == '+' || *p == '?') {
		*min = *p == '+';
		*max = *p == '?' ? 1 : LIT_UNBOUNDED;
		p++;
	} else if (*p == '{') {
		const char *q = p + 1;
		size_t a = 0, b;
		int da = 0;
		while (*q >= '0' && *q <= '9' && a < 100000) {
			a = a * 10 + (size_t)(*q++ - '0');
			da = 1;
		}
		if (!da) {
			r->why = "a brace that is not a quantifier";
			return -1;
		}
		if (*q == '}')
			b = a;
		else if (*q == ',') {
			q++;
			if (*q == '}')
				b = LIT_UNBOUNDED;
			else {
				b = 0;
				int db = 0;
				while (*q >= '0' && *q <= '9' && b < 100000) {
					b = b * 10 + (size_t)(*q++ - '0');
					db = 1;
				}
				if (!db || *q != '}') {
					r->why = "a brace that is not a quantifier";
					return -1;
				}
			}
		} else {
			r->why = "a brace that is not a quantifier";
			return -1;
		}
		*min = a;
		*max = b;
		p = q + 1;
	} else
		return 0;
	if (*p == '?' || *p == '+')
		p++;
	r->p = p;
	return 1;
}

static void quantify(struct reader *r, struct piece *a, size_t min, size_t max)
{
	if (min == 1 && max == 1)
		return;
	if (max == LIT_UNBOUNDED && a->cnt > 0)
		aset_or(&r->acc, &a->set);
	struct piece *q = r->tmp;
	piece_clear(q);
	q->set = a->set;
	q->cnt = mul_cnt(a->cnt, max);
	if (min >= 1) {
		q->has_req = a->has_req;
		q->req = a->req;
		if (a->exact)
			offer_exact(q, &a->ex, 0);
	}
	if (a->exact && min == 0 && max == 1) {
		q->exact = 1;
		q->ex = a->ex;
		struct lit empty = { .len = 0 };
		if (set_add(&q->ex, &empty) < 0)
			q->exact = 0;
	} else if (a->exact && min == max && min <= PRODUCT_MAX) {
		struct lit_set s = a->ex;
		q->exact = 1;
		for (size_t i = 1; i < min && q->exact; i++)
			if (product(&s, &a->ex, &s) < 0)
				q->exact = 0;
		if (q->exact)
			q->ex = s;
		if (min == 0) {
			q->ex.n = 1;
			q->ex.v[0].len = 0;
		}
	}
	*a = *q;
}

/* The state of a sequence being read: what it consumed so far and its open run of exact atoms. */
struct seq {
	struct piece *out;
	size_t cnt;
	int all_exact;
	int run;                /* a run of exact atoms is open */
	size_t run_back;
	struct lit_set runset;
};

static void seq_flush(struct seq *q)
{
	if (!q->run)
		return;
	struct lit_set c = q->runset;
	c.back = q->run_back;
	offer(q->out, &c);
	q->run = 0;
}

/* Appends atom a (already quantified) to the sequence. */
static void seq_add(struct seq *q, const struct piece *a)
{
	aset_or(&q->out->set, &a->set);
	if (a->has_req) {
		struct lit_set c = a->req;
		c.back = add_cnt(q->cnt, a->req.back);
		offer(q->out, &c);
	}
	if (a->exact) {
		if (q->run && product(&q->runset, &a->ex, &q->runset) == 0) {
			/* extended */
		} else {
			if (q->run)
				q->all_exact = 0; /* too many spellings to stay exact */
			seq_flush(q);
			q->run = 1;
			q->runset = a->ex;
			q->run_back = q->cnt;
		}
	} else {
		seq_flush(q);
		q->all_exact = 0;
	}
	q->cnt = add_cnt(q->cnt, a->cnt);
}

/* A sequence of quantified atoms, up to '|' or ')' or the end. */
static void parse_seq(struct reader *r, struct piece *out)
{
	piece_clear(out);
	struct seq q = { .out = out, .all_exact = 1 };
	struct piece a;
	while (!r->why && *r->p && *r->p != '|' && *r->p != ')') {
		char c = *r->p;
		if (c == '(')
			parse_group(r, &a);
		else if (c == '[')
			parse_class(r, &a);
		else if (c == '\\' && r->p[1] == 'Q') {
			/* \Q...\E: literal characters; only the last may be quantified */
			r->p += 2;
			const char *e = strstr(r->p, "\\E");
			const char *stop = e ? e : r->p + strlen(r->p);
			if (stop == r->p) {
				r->p = e ? e + 2 : stop;
				continue;
			}
			for (;;) {
				piece_cp(r, &a, next_cp(r));
				if (r->why || r->p >= stop)
					break;
				seq_add(&q, &a);
			}
			if (e)
				r->p = e + 2;
		} else if (c == '\\')
			parse_escape(r, &a);
		else if (c == '.') {
			r->p++;
			piece_any(r, &a);
		} else if (c == '^' || c == '$') {
			r->p++;
			piece_empty(&a);
		} else if (c == '*' || c == '+' || c == '?' || c == '{') {
			r->why = "quantifier without an atom";
			break;
		} else
			piece_cp(r, &a, next_cp(r));
		if (r->why)
			break;
		size_t min, max;
		int k = parse_quant(r, &min, &max);
		if (k < 0)
			break;
		if (k > 0)
			quantify(r, &a, min, max);
		seq_add(&q, &a);
	}
	int run = q.run;
	struct lit_set runset = q.runset;
	seq_flush(&q);
	out->cnt = q.cnt;
	if (q.all_exact) {
		out->exact = 1;
		if (run)
			out->ex = runset;
		else {
			out->ex.n = 1; /* nothing at all: the empty string */
			out->ex.v[0].len = 0;
		}
	}
}

static void parse_alt(struct reader *r, struct piece *out)
{
	parse_seq(r, out);
	while (!r->why && *r->p == '|') {
		r->p++;
		struct piece b;
		parse_seq(r, &b);
		if (r->why)
			return;
		out->cnt = out->cnt > b.cnt ? out->cnt : b.cnt;
		aset_or(&out->set, &b.set);
		if (out->exact && b.exact) {
			for (size_t i = 0; i < b.ex.n && out->exact; i++)
				if (set_add(&out->ex, &b.ex.v[i]) < 0)
					out->exact = 0;
		} else
			out->exact = 0;
		if (out->has_req && b.has_req) {
			struct lit_set u = out->req;
			int ok = 1;
			for (size_t i = 0; i < b.req.n && ok; i++)
				ok = set_add(&u, &b.req.v[i]) == 0;
			out->has_req = 0;
			if (ok) {
				u.back = out->req.back > b.req.back ? out->req.back : b.req.back;
				offer(out, &u);
			}
		} else
			out->has_req = 0;
		if (out->exact)
			offer_exact(out, &out->ex, 0);
	}
}

/*
 * Reads pattern with uncounted as the bytes not counted (white space at least)
 * into out; returns 0, or -1 with why set.  acc, when not NULL, receives the
 * bytes unbounded repeats consume.
 */
static int read_with(const char *pattern, const struct aset *uncounted, struct aset *acc, struct lit_set *out,
		     const char **why)
{
	struct piece *pieces = xmalloc(2 * sizeof *pieces); /* large: off the stack */
	struct piece *top = &pieces[0];
	struct reader r = { .p = pattern, .free = *uncounted, .tmp = &pieces[1] };
	int ret = -1;
	parse_alt(&r, top);
	if (!r.why && *r.p == ')')
		r.why = "unbalanced parenthesis";
	if (acc)
		*acc = r.acc;
	if (r.why) {
		*why = r.why;
		goto done;
	}
	if (top->exact)
		offer_exact(top, &top->ex, 0);
	if (!top->has_req) {
		*why = "no literal occurs in every match";
		goto done;
	}
	*out = top->req;
	memcpy(out->free, r.free.b, sizeof out->free);
	/* windows widen by the free bytes between counted ones: 1 / (1 - their share), by the letter model */
	double share = 0.01; /* non-ASCII */
	for (unsigned c = 0; c < 128; c++)
		if (aset_has(&r.free, c) && !(c >= 'A' && c <= 'Z')) {
			unsigned char b = (unsigned char)c;
			share += lit_freq(&b, 1);
		}
	double q = 1 - share;
	if (q < 0.05 && out->back != LIT_UNBOUNDED)
		out->back = LIT_UNBOUNDED; /* nearly every byte is free: a window reaches back to the last one */
	set_cost_spread(out, 1 / (q > 0.05 ? q : 0.05));
	ret = 0;
done:
	free(pieces);
	return ret;
}

int lit_required(const char *pattern, struct lit_set *out, const char **why)
{
	/*
	 * Two readings: white space alone free (what an unbounded repeat holds
	 * is counted, so literals after it are unbounded), and also every byte
	 * an unbounded repeat may consume free (a first pass finds them); the
	 * cheaper one is kept.
	 */
	struct aset ws = {0}, acc = {0};
	aset_escape(&ws, 's');
	struct lit_set b;
	const char *why_a = NULL, *why_b = NULL;
	int ra = read_with(pattern, &ws, &acc, out, &why_a);
	if (why_a && ra < 0 && strcmp(why_a, "no literal occurs in every match") != 0) {
		*why = why_a;
		return -1;
	}
	struct aset wide = ws;
	aset_or(&wide, &acc);
	aset_fold(&wide);
	int rb = read_with(pattern, &wide, NULL, &b, &why_b);
	if (rb == 0 && (ra < 0 || b.cost < out->cost))
		*out = b;
	if (ra < 0 && rb < 0) {
		*why = why_b ? why_b : why_a;
		return -1;
	}
	*why = NULL;
	return 0;
}
