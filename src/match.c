/* match.c - see match.h. */
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "prefilter.h"
#include "util.h"

/* Bound the work one trace can cause: a pathological rule cannot hang a run. */
#define MATCH_LIMIT 5000000
#define DEPTH_LIMIT 100000

void matcher_init(struct matcher *m, const struct ruleset *rs)
{
	memset(m, 0, sizeof *m);
	uint32_t pairs = 1;
	for (size_t i = 0; i < rs->n; i++) {
		uint32_t c = 0;
		pcre2_pattern_info(rs->v[i].code, PCRE2_INFO_CAPTURECOUNT, &c);
		if (c + 1 > pairs)
			pairs = c + 1;
	}
	m->md = pcre2_match_data_create(pairs, NULL);
	m->mctx = pcre2_match_context_create(NULL);
	pcre2_set_match_limit(m->mctx, MATCH_LIMIT);
	pcre2_set_depth_limit(m->mctx, DEPTH_LIMIT);
	m->jit = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
	if (m->jit)
		pcre2_jit_stack_assign(m->mctx, NULL, m->jit);
	m->nresume = rs->n;
	m->resume = xmalloc((rs->n ? rs->n : 1) * sizeof *m->resume);
}

void matcher_free(struct matcher *m)
{
	pcre2_match_data_free(m->md);
	pcre2_match_context_free(m->mctx);
	pcre2_jit_stack_free(m->jit);
	free(m->raw);
	free(m->ev);
	free(m->resume);
	free(m->sent);
	free(m->norm);
	memset(m, 0, sizeof *m);
}

static void push(struct match **v, size_t *n, size_t *cap, struct match x)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*v = xrealloc(*v, *cap * sizeof **v);
	}
	(*v)[(*n)++] = x;
}

/* Records that rule ri stopped at a PCRE2 limit (rc); the first one is reported. */
static void limit_reached(struct matcher *m, unsigned ri, int rc)
{
	if (!m->limit_hit) {
		m->limit_rule = ri;
		m->limit_rc = rc;
	}
	m->limit_hit = 1;
}

/* Collects every non-empty match of rule ri into m->raw. */
static void run_rule(struct matcher *m, const struct ruleset *rs, unsigned ri, const char *text, size_t len)
{
	const struct rule *r = &rs->v[ri];
	PCRE2_SIZE off = 0;
	while (off <= len) {
		int rc = pcre2_match(r->code, (PCRE2_SPTR)text, len, off, 0, m->md, m->mctx);
		if (rc == PCRE2_ERROR_NOMATCH)
			return;
		if (rc < 0 && rc != PCRE2_ERROR_PARTIAL) {
			/* match/depth/heap limit or JIT stack: count it, keep what was found */
			limit_reached(m, ri, rc);
			return;
		}
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
		if (ov[1] > ov[0])
			push(&m->raw, &m->nraw, &m->capraw,
			     (struct match){ .start = ov[0], .end = ov[1], .cstart = ov[0], .cend = ov[1],
					     .rule = ri, .behaviour = r->behaviour });
		off = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
		/* never resume inside a UTF-8 sequence */
		while (off < len && ((unsigned char)text[off] & 0xC0) == 0x80)
			off++;
	}
}

/*
 * The indexed scan.  A scan of rule r from offset off (run_rule) returns the
 * first position p >= off where r matches anchored at p.  r can match only
 * where one of its prefixes begins (prefilter.h), so trying r anchored at
 * exactly those positions, in increasing order, skipping those before its
 * resume offset and resuming as run_rule does, yields the same matches.
 */
struct indexed {
	struct matcher *m;
	const struct ruleset *rs;
	const char *text;
	size_t len;
};

static int try_at(void *ctx, unsigned ri, size_t pos)
{
	struct indexed *x = ctx;
	struct matcher *m = x->m;
	if (pos < m->resume[ri])
		return 0;
	const struct rule *r = &x->rs->v[ri];
	int rc = pcre2_match(pf_index_anchored(x->rs->pf, ri), (PCRE2_SPTR)x->text, x->len, pos, 0, m->md, m->mctx);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0 && rc != PCRE2_ERROR_PARTIAL) {
		limit_reached(m, ri, rc);
		m->resume[ri] = SIZE_MAX;
		return 0;
	}
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
	if (ov[1] > ov[0])
		push(&m->raw, &m->nraw, &m->capraw,
		     (struct match){ .start = ov[0], .end = ov[1], .cstart = ov[0], .cend = ov[1],
				     .rule = ri, .behaviour = r->behaviour });
	size_t off = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
	while (off < x->len && ((unsigned char)x->text[off] & 0xC0) == 0x80)
		off++;
	m->resume[ri] = off;
	return 0;
}

static void run_indexed(struct matcher *m, const struct ruleset *rs, const char *text, size_t len)
{
	memset(m->resume, 0, m->nresume * sizeof *m->resume);
	struct indexed x = { .m = m, .rs = rs, .text = text, .len = len };
	pf_index_scan(rs->pf, text, len, try_at, &x);
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static void push_sent(size_t **v, size_t *n, size_t *cap, size_t off)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		*v = xrealloc(*v, *cap * sizeof **v);
	}
	(*v)[(*n)++] = off;
}

size_t match_sentence_starts(const char *text, size_t len, size_t **v, size_t *cap)
{
	size_t n = 0;
	push_sent(v, &n, cap, 0);
	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		if (c != '\n' && !((c == '.' || c == '!' || c == '?') && (i + 1 == len || is_blank(text[i + 1]))))
			continue;
		size_t j = i + 1;
		while (j < len && is_blank(text[j]))
			j++;
		if (j >= len)
			break;
		if (j > (*v)[n - 1])
			push_sent(v, &n, cap, j);
		i = j - 1;
	}
	return n;
}

/* Fills m->sent with the start offset of every sentence of text (see match.h). */
static void find_sentences(struct matcher *m, const char *text, size_t len)
{
	m->nsent = match_sentence_starts(text, len, &m->sent, &m->capsent);
}

/* Index of the sentence holding offset off: the last start <= off. */
static size_t sentence_of(const struct matcher *m, size_t off)
{
	size_t lo = 0, hi = m->nsent; /* sent[lo] <= off < sent[hi] */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->sent[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Widens the counting span of every `sentence` match to its sentence(s), plus the next for `sentence+1`. */
static void widen_sentences(struct matcher *m, const struct ruleset *rs, const char *text, size_t len)
{
	int need = 0;
	for (size_t i = 0; i < m->nraw && !need; i++)
		need = (rs->v[m->raw[i].rule].flags & RULE_SENTENCE) != 0;
	if (!need)
		return;
	find_sentences(m, text, len);
	for (size_t i = 0; i < m->nraw; i++) {
		struct match *x = &m->raw[i];
		if (!(rs->v[x->rule].flags & RULE_SENTENCE))
			continue;
		size_t a = sentence_of(m, x->start), b = sentence_of(m, x->end - 1);
		if ((rs->v[x->rule].flags & RULE_NEXT) && b + 1 < m->nsent)
			b++;
		x->cstart = m->sent[a];
		x->cend = b + 1 < m->nsent ? m->sent[b + 1] : len;
	}
}

static int cmp_match(const void *pa, const void *pb)
{
	const struct match *a = pa, *b = pb;
	if (a->behaviour != b->behaviour)
		return a->behaviour < b->behaviour ? -1 : 1;
	if (a->cstart != b->cstart)
		return a->cstart < b->cstart ? -1 : 1;
	if (a->cend != b->cend)
		return a->cend > b->cend ? -1 : 1; /* longer first */
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->rule < b->rule ? -1 : a->rule > b->rule;
}

static int cmp_start(const void *pa, const void *pb)
{
	const struct match *a = pa, *b = pb;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->behaviour < b->behaviour ? -1 : a->behaviour > b->behaviour;
}

/*
 * Returns text, or, when it holds escaped line breaks, a copy in m->norm
 * where each is replaced by a space and a real newline (tab): same length,
 * so offsets still hold.  An escaped break is the two bytes '\\' 'n' (or 't')
 * not part of an escaped backslash.  Where it is followed by a lowercase
 * letter it may be a TeX command (\neq, \times), so it counts only in text
 * that is visibly escaped: text holding a written-out blank line "\\n\\n".
 */
static const char *unescape_breaks(struct matcher *m, const char *text, size_t len)
{
	const char *p = memchr(text, '\\', len);
	if (!p)
		return text;
	int escaped = memmem(text, len, "\\n\\n", 4) != NULL;
	int copied = 0;
	while (p) {
		size_t i = (size_t)(p - text);
		if (i + 1 < len && (text[i + 1] == 'n' || text[i + 1] == 't') &&
		    (escaped || !(i + 2 < len && text[i + 2] >= 'a' && text[i + 2] <= 'z'))) {
			if (!copied) {
				if (m->capnorm < len) {
					m->capnorm = len;
					m->norm = xrealloc(m->norm, len);
				}
				memcpy(m->norm, text, len);
				copied = 1;
			}
			m->norm[i] = ' ';
			m->norm[i + 1] = text[i + 1] == 'n' ? '\n' : '\t';
		}
		/* skip the escaped byte, so "\\\\n" (an escaped backslash, then n) stays */
		size_t next = i + 2;
		p = next < len ? memchr(text + next, '\\', len - next) : NULL;
	}
	return copied ? m->norm : text;
}

void match_text(struct matcher *m, const struct ruleset *rs, const char *text, size_t len)
{
	text = unescape_breaks(m, text, len);
	m->nraw = m->nev = 0;
	m->limit_hit = 0;
	memset(m->counts, 0, sizeof m->counts);
	for (unsigned i = 0; i < rs->n; i++)
		if (!pf_index_has(rs->pf, i))
			run_rule(m, rs, i, text, len);
	if (rs->pf && m->nresume == rs->n)
		run_indexed(m, rs, text, len);
	if (m->nraw == 0)
		return;
	widen_sentences(m, rs, text, len);
	qsort(m->raw, m->nraw, sizeof *m->raw, cmp_match);

	/* per behaviour (raw is grouped by behaviour): drop vetoed, then greedy */
	size_t i = 0;
	while (i < m->nraw) {
		size_t j = i;
		int b = m->raw[i].behaviour;
		while (j < m->nraw && m->raw[j].behaviour == b)
			j++;
		size_t last_end = 0;
		int any = 0;
		for (size_t k = i; k < j; k++) {
			const struct match *x = &m->raw[k];
			if (rs->v[x->rule].flags & RULE_VETO)
				continue;
			int vetoed = 0;
			for (size_t v = i; v < j && m->raw[v].cstart < x->end; v++)
				if ((rs->v[m->raw[v].rule].flags & RULE_VETO) && m->raw[v].cend > x->start) {
					vetoed = 1;
					break;
				}
			if (vetoed || (any && x->cstart < last_end))
				continue;
			push(&m->ev, &m->nev, &m->capev, *x);
			m->counts[b]++;
			last_end = x->cend;
			any = 1;
		}
		i = j;
	}
	if (m->nev > 1) /* every match vetoed: ev may still be NULL */
		qsort(m->ev, m->nev, sizeof *m->ev, cmp_start);
}
