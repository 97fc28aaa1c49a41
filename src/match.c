/* match.c - see match.h. */
#include <stdlib.h>
#include <string.h>

#include "match.h"
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
}

void matcher_free(struct matcher *m)
{
	pcre2_match_data_free(m->md);
	pcre2_match_context_free(m->mctx);
	pcre2_jit_stack_free(m->jit);
	free(m->raw);
	free(m->ev);
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
			if (!m->limit_hit) {
				m->limit_rule = ri;
				m->limit_rc = rc;
			}
			m->limit_hit = 1;
			return;
		}
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
		if (ov[1] > ov[0])
			push(&m->raw, &m->nraw, &m->capraw,
			     (struct match){ .start = ov[0], .end = ov[1], .rule = ri, .behaviour = r->behaviour });
		off = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
		/* never resume inside a UTF-8 sequence */
		while (off < len && ((unsigned char)text[off] & 0xC0) == 0x80)
			off++;
	}
}

static int cmp_match(const void *pa, const void *pb)
{
	const struct match *a = pa, *b = pb;
	if (a->behaviour != b->behaviour)
		return a->behaviour < b->behaviour ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end > b->end ? -1 : 1; /* longer first */
	return a->rule < b->rule ? -1 : a->rule > b->rule;
}

static int cmp_start(const void *pa, const void *pb)
{
	const struct match *a = pa, *b = pb;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->behaviour < b->behaviour ? -1 : a->behaviour > b->behaviour;
}

void match_text(struct matcher *m, const struct ruleset *rs, const char *text, size_t len)
{
	m->nraw = m->nev = 0;
	m->limit_hit = 0;
	memset(m->counts, 0, sizeof m->counts);
	for (unsigned i = 0; i < rs->n; i++)
		run_rule(m, rs, i, text, len);
	if (m->nraw == 0)
		return;
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
			for (size_t v = i; v < j && m->raw[v].start < x->end; v++)
				if ((rs->v[m->raw[v].rule].flags & RULE_VETO) && m->raw[v].end > x->start) {
					vetoed = 1;
					break;
				}
			if (vetoed || (any && x->start < last_end))
				continue;
			push(&m->ev, &m->nev, &m->capev, *x);
			m->counts[b]++;
			last_end = x->end;
			any = 1;
		}
		i = j;
	}
	if (m->nev > 1) /* every match vetoed: ev may still be NULL */
		qsort(m->ev, m->nev, sizeof *m->ev, cmp_start);
}
