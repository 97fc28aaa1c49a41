/* match.c - see match.h. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "match.h"
#include "util.h"

/* Bound the work one trace can cause: a pathological rule cannot hang a run. */
#define MATCH_LIMIT 5000000
#define DEPTH_LIMIT 100000

/* One distinct literal of the rule set: its length and the rules that require it. */
struct lit_entry {
	unsigned len;
	unsigned *rules;
	size_t nrules;
};

struct lit_db {
	hs_database_t *hs;
	struct lit_entry *lit;  /* by Vectorscan id; ids >= nlit mark a case-folding character */
	size_t nlit;
	unsigned char (*counted)[256]; /* by rule: 1 for the bytes window_start counts (ASCII, not free) */
	unsigned char *jitted;  /* by rule: bit 0, its code is JIT-compiled; bit 1, its wcode */
	pcre2_code **wcode;     /* by rule: the code of its attempts in a window, or NULL (window_code) */
	size_t nrules;
};

/*
 * A second compile, with PCRE2_NO_START_OPTIMIZE, for the attempts of rule
 * r in a window, when PCRE2 knows no first code unit nor start bitmap of it
 * (every start position is tried anyway) but a last code unit: then the
 * start optimisations only add a search for that code unit from the start
 * onwards, which can run far past a window of a few bytes.  NULL otherwise.
 */
static pcre2_code *window_code(const struct rule *r)
{
	uint32_t first = 1, last = 0, opts = 0;
	const uint8_t *bitmap = NULL;
	if (!r->lits || r->lits->back == LIT_UNBOUNDED || !r->expanded ||
	    pcre2_pattern_info(r->code, PCRE2_INFO_FIRSTCODETYPE, &first) != 0 ||
	    pcre2_pattern_info(r->code, PCRE2_INFO_FIRSTBITMAP, &bitmap) != 0 ||
	    pcre2_pattern_info(r->code, PCRE2_INFO_LASTCODETYPE, &last) != 0 ||
	    pcre2_pattern_info(r->code, PCRE2_INFO_ARGOPTIONS, &opts) != 0)
		return NULL; /* LCOV_EXCL_LINE: the information is always there */
	if (first != 0 || bitmap || last == 0)
		return NULL;
	int ec;
	PCRE2_SIZE eo;
	pcre2_code *c = pcre2_compile((PCRE2_SPTR)r->expanded, PCRE2_ZERO_TERMINATED, opts | PCRE2_NO_START_OPTIMIZE,
				      &ec, &eo, NULL);
	if (c)
		(void)pcre2_jit_compile(c, PCRE2_JIT_COMPLETE);
	return c;
}

/* One match attempt of rule ri (in a window: with its wcode when it has one):
 * straight into the JIT code when there is one (pcre2_match would only check
 * its arguments and call it). */
static int rule_match(const struct lit_db *db, unsigned ri, const pcre2_code *code, int window, const char *text,
		      size_t len, size_t off, pcre2_match_data *md, pcre2_match_context *ctx)
{
	unsigned jit = 1;
	if (db && window && db->wcode[ri]) {
		code = db->wcode[ri];
		jit = 2;
	}
	if (db && db->jitted[ri] & jit)
		return pcre2_jit_match(code, (PCRE2_SPTR)text, len, off, 0, md, ctx);
	return pcre2_match(code, (PCRE2_SPTR)text, len, off, 0, md, ctx);
}


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
	m->lctx = pcre2_match_context_copy(m->mctx);
	m->db = rs->db;
	if (rs->db && hs_alloc_scratch(rs->db->hs, &m->scratch) != HS_SUCCESS)
		m->scratch = NULL; /* LCOV_EXCL_LINE: out of memory; every trace takes the reference path */
	size_t n = rs->n ? rs->n : 1;
	m->hits = xmalloc(n * sizeof *m->hits);
	m->over = xmalloc(n);
	size_t nfast = 0;
	for (size_t i = 0; i < rs->n; i++)
		nfast += rs->v[i].lits != NULL;
	m->hitcap = HIT_BUDGET / (nfast ? nfast : 1);
	m->nhits = xmalloc(n * sizeof *m->nhits);
	m->caphits = xmalloc(n * sizeof *m->caphits);
	for (size_t i = 0; i < n; i++) {
		m->hits[i] = NULL;
		m->nhits[i] = m->caphits[i] = 0;
	}
	m->nrules = rs->n;
}

void matcher_free(struct matcher *m)
{
	pcre2_match_data_free(m->md);
	pcre2_match_context_free(m->mctx);
	pcre2_match_context_free(m->lctx);
	pcre2_jit_stack_free(m->jit);
	hs_free_scratch(m->scratch);
	for (size_t i = 0; m->hits && i < m->nrules; i++)
		free(m->hits[i]);
	free(m->hits);
	free(m->over);
	free(m->nhits);
	free(m->caphits);
	free(m->raw);
	free(m->ev);
	free(m->sent);
	free(m->norm);
	free(m->vstart);
	free(m->vmaxend);
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

/*
 * Records one match of rule ri; -1 (and the limit) once the trace holds
 * MATCH_BUDGET matches: a text full of matches costs bounded memory and time.
 */
static int add_raw(struct matcher *m, unsigned ri, int behaviour, size_t start, size_t end)
{
	if (m->nraw >= MATCH_BUDGET) {
		limit_reached(m, ri, 0);
		return -1;
	}
	push(&m->raw, &m->nraw, &m->capraw,
	     (struct match){ .start = start, .end = end, .cstart = start, .cend = end,
			     .rule = ri, .behaviour = behaviour });
	return 0;
}

void match_limit_message(const struct matcher *m, char *out, size_t n)
{
	if (m->limit_rc == 0) {
		snprintf(out, n, "more than %d matches in one trace", MATCH_BUDGET);
		return;
	}
	PCRE2_UCHAR msg[128];
	pcre2_get_error_message(m->limit_rc, msg, sizeof msg);
	snprintf(out, n, "%s", (char *)msg);
}

/* Collects every non-empty match of rule ri into m->raw. */

/* Where the next attempt starts after the match ov[0..1]: its end, one past
 * an empty match, never inside a UTF-8 sequence.  Both matching paths use it,
 * so that they find the same matches. */
static size_t resume_at(const char *text, size_t len, const PCRE2_SIZE *ov)
{
	size_t off = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
	while (off < len && ((unsigned char)text[off] & 0xC0) == 0x80)
		off++;
	return off;
}
static void run_rule(struct matcher *m, const struct ruleset *rs, unsigned ri, const char *text, size_t len)
{
	const struct rule *r = &rs->v[ri];
	PCRE2_SIZE off = 0;
	while (off <= len) {
		int rc = rule_match(m->db, ri, r->code, 0, text, len, off, m->md, m->mctx);
		if (m->stat)
			m->stat[ri].calls++;
		if (rc == PCRE2_ERROR_NOMATCH)
			return;
		if (rc < 0 && rc != PCRE2_ERROR_PARTIAL) {
			/* match/depth/heap limit or JIT stack: count it, keep what was found */
			limit_reached(m, ri, rc);
			return;
		}
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
		if (ov[1] > ov[0] && add_raw(m, ri, r->behaviour, ov[0], ov[1]) < 0)
			return;
		off = resume_at(text, len, ov);
	}
}

/* ---- the literal pass ------------------------------------------------- */

void match_lit_db_free(struct lit_db *db)
{
	if (!db)
		return;
	hs_free_database(db->hs);
	for (size_t i = 0; i < db->nlit; i++)
		free(db->lit[i].rules);
	free(db->lit);
	free(db->counted);
	free(db->jitted);
	for (size_t i = 0; db->wcode && i < db->nrules; i++)
		pcre2_code_free(db->wcode[i]);
	free(db->wcode);
	free(db);
}

static int same_folded(const unsigned char *a, const unsigned char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((a[i] >= 'A' && a[i] <= 'Z' ? a[i] + 32 : a[i]) != (b[i] >= 'A' && b[i] <= 'Z' ? b[i] + 32 : b[i]))
			return 0;
	return 1;
}

int match_lit_db_build(const struct ruleset *rs, struct lit_db **out, struct buf *err)
{
	*out = NULL;
	size_t total = 0;
	for (size_t i = 0; i < rs->n; i++)
		if (rs->v[i].lits)
			total += rs->v[i].lits->n;
	if (total == 0)
		return 0;
	struct lit_db *db = xmalloc(sizeof *db);
	memset(db, 0, sizeof *db);
	db->lit = xmalloc(total * sizeof *db->lit);
	db->counted = xmalloc(rs->n * sizeof *db->counted);
	db->jitted = xmalloc(rs->n);
	db->wcode = xmalloc(rs->n * sizeof *db->wcode);
	db->nrules = rs->n;
	for (size_t i = 0; i < rs->n; i++) {
		size_t jit = 0, wjit = 0;
		db->wcode[i] = window_code(&rs->v[i]);
		db->jitted[i] = (pcre2_pattern_info(rs->v[i].code, PCRE2_INFO_JITSIZE, &jit) == 0 && jit > 0) |
				(db->wcode[i] && pcre2_pattern_info(db->wcode[i], PCRE2_INFO_JITSIZE, &wjit) == 0 && wjit > 0)
					<< 1;
		const struct lit_set *ls = rs->v[i].lits;
		for (unsigned c = 0; c < 256; c++)
			db->counted[i][c] = ls && c < 0x80 && !(ls->free[c / 8] >> (c % 8) & 1);
	}
	const unsigned char **text = xmalloc((total + 2) * sizeof *text);
	for (size_t i = 0; i < rs->n; i++) {
		const struct lit_set *ls = rs->v[i].lits;
		for (size_t k = 0; ls && k < ls->n; k++) {
			const struct lit *l = &ls->v[k];
			size_t e = 0;
			while (e < db->nlit && !(db->lit[e].len == l->len && same_folded(text[e], l->s, l->len)))
				e++;
			if (e == db->nlit) {
				db->lit[e] = (struct lit_entry){ .len = l->len };
				text[e] = l->s;
				db->nlit++;
			}
			struct lit_entry *le = &db->lit[e];
			if (le->nrules == 0 || le->rules[le->nrules - 1] != i) {
				le->rules = xrealloc(le->rules, (le->nrules + 1) * sizeof *le->rules);
				le->rules[le->nrules++] = (unsigned)i;
			}
		}
	}
	size_t n = db->nlit + 2;
	unsigned *ids = xmalloc(n * sizeof *ids), *flags = xmalloc(n * sizeof *flags);
	size_t *lens = xmalloc(n * sizeof *lens);
	for (size_t i = 0; i < db->nlit; i++)
		lens[i] = db->lit[i].len;
	text[db->nlit] = (const unsigned char *)LIT_FOLD_KELVIN;
	lens[db->nlit] = strlen(LIT_FOLD_KELVIN);
	text[db->nlit + 1] = (const unsigned char *)LIT_FOLD_LONG_S;
	lens[db->nlit + 1] = strlen(LIT_FOLD_LONG_S);
	for (size_t i = 0; i < n; i++) {
		ids[i] = (unsigned)i;
		flags[i] = HS_FLAG_CASELESS;
	}
	hs_compile_error_t *ce = NULL;
	if (hs_compile_lit_multi((const char *const *)text, flags, ids, lens, (unsigned)n, HS_MODE_BLOCK,
				 NULL, &db->hs, &ce) != HS_SUCCESS) {
		/* LCOV_EXCL_START: literals always compile */
		buf_printf(err, "cannot build the literal matcher: %s\n", ce ? ce->message : "?");
		hs_free_compile_error(ce);
		db->hs = NULL;
		match_lit_db_free(db);
		db = NULL;
		/* LCOV_EXCL_STOP */
	}
	free(text);
	free(ids);
	free(flags);
	free(lens);
	*out = db;
	return db ? 0 : -1;
}

/* Vectorscan's callback: files the hit under every rule that requires the literal. */
static int on_hit(unsigned id, unsigned long long from, unsigned long long to, unsigned fl, void *ctx)
{
	(void)from;
	(void)fl;
	struct matcher *m = ctx;
	if (id >= m->db->nlit) {
		m->fold = 1;
		return 1;
	}
	const struct lit_entry *le = &m->db->lit[id];
	size_t pos = (size_t)to - le->len;
	for (size_t i = 0; i < le->nrules; i++) {
		unsigned r = le->rules[i];
		if (m->nhits[r] >= m->hitcap) {
			m->over[r] = 1;
			continue;
		}
		if (m->nhits[r] == m->caphits[r]) {
			m->caphits[r] = m->caphits[r] ? m->caphits[r] * 2 : 64;
			m->hits[r] = xrealloc(m->hits[r], m->caphits[r] * sizeof *m->hits[r]);
		}
		m->hits[r][m->nhits[r]++] = pos;
	}
	return 0;
}

/* Finds every literal of the rule set in text; 0, or -1 when the trace takes the reference path. */
static int scan_literals(struct matcher *m, const struct ruleset *rs, const char *text, size_t len)
{
	if (!rs->db || !m->scratch || len > UINT_MAX)
		return -1;
	for (size_t i = 0; i < rs->n; i++) {
		m->nhits[i] = 0;
		m->over[i] = 0;
	}
	m->fold = 0;
	hs_error_t e = hs_scan(rs->db->hs, text, (unsigned)len, 0, m->scratch, on_hit, m);
	if (m->fold || (e != HS_SUCCESS && e != HS_SCAN_TERMINATED))
		return -1;
	return 0;
}

static int cmp_size(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	return a < b ? -1 : a > b;
}

/*
 * Where an attempt that needs the literal at h may start: back from h over
 * at most `back` counted bytes (counted[c] set) and any free ones (literals.h),
 * not before floor; then forward to a character start.
 */
static size_t window_start(const char *text, size_t len, size_t h, size_t floor, size_t back,
			   const unsigned char *counted)
{
	size_t p = h;
	if (back == LIT_UNBOUNDED)
		p = floor;
	else {
		const unsigned char *t = (const unsigned char *)text;
		size_t c = 0;
		/* stops before the (back+1)-th counted byte; no branch on the byte itself */
		while (p > floor) {
			size_t k = counted[t[p - 1]];
			if (c + k > back)
				break;
			c += k;
			p--;
		}
	}
	while (p < len && ((unsigned char)text[p] & 0xC0) == 0x80)
		p++;
	return p;
}

/*
 * Rule ri from its literal hits.  A scan from off (run_rule) finds the
 * least q >= off where an attempt succeeds.  Such an attempt holds a hit h
 * >= q with q >= window_start(h), and window_start grows with h; so
 * searching, hit by hit in increasing order, the starts from
 * max(off, window_start(h), the last failed hit + 1) up to h (PCRE2's
 * offset limit) finds the same q, and the same match.
 */
static void run_windows(struct matcher *m, const struct ruleset *rs, unsigned ri, const char *text, size_t len)
{
	const struct rule *r = &rs->v[ri];
	size_t *h = m->hits[ri], n = m->nhits[ri];
	for (size_t k = 1; k < n; k++)
		if (h[k] < h[k - 1]) {
			qsort(h, n, sizeof *h, cmp_size);
			break;
		}
	size_t off = 0, scanned = 0, back = r->lits->back;
	size_t k = 0;
	while (k < n) {
		size_t hp = h[k];
		if (hp < off || hp < scanned) {
			k++;
			continue;
		}
		size_t lo = window_start(text, len, hp, off > scanned ? off : scanned, back, m->db->counted[ri]);
		pcre2_set_offset_limit(m->lctx, hp);
		int rc = rule_match(m->db, ri, r->code, 1, text, len, lo, m->md, m->lctx);
		if (m->stat)
			m->stat[ri].calls++;
		if (rc == PCRE2_ERROR_NOMATCH) {
			scanned = hp + 1;
			k++;
			continue;
		}
		if (rc < 0 && rc != PCRE2_ERROR_PARTIAL) {
			limit_reached(m, ri, rc);
			return;
		}
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
		if (ov[1] > ov[0] && add_raw(m, ri, r->behaviour, ov[0], ov[1]) < 0)
			return;
		off = resume_at(text, len, ov);
	}
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

/* The bytes that may end a sentence. */
static const unsigned char sentence_end[256] = { ['\n'] = 1, ['.'] = 1, ['!'] = 1, ['?'] = 1 };

size_t match_sentence_starts(const char *text, size_t len, size_t **v, size_t *cap)
{
	size_t n = 0;
	push_sent(v, &n, cap, 0);
	const unsigned char *t = (const unsigned char *)text;
	for (size_t i = 0; i < len; i++) {
		if (!sentence_end[t[i]])
			continue;
		if (t[i] != '\n' && !(i + 1 == len || is_blank(text[i + 1])))
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

/*
 * The vetoes of one behaviour's matches raw[i..j) (sorted by counting start):
 * their counting starts in order and, for each, the largest counting end of
 * it and every earlier one, so that whether some veto overlaps a match is
 * one binary search.
 */
static void collect_vetoes(struct matcher *m, const struct ruleset *rs, size_t i, size_t j)
{
	m->nveto = 0;
	size_t maxend = 0;
	for (size_t k = i; k < j; k++) {
		const struct match *v = &m->raw[k];
		if (!(rs->v[v->rule].flags & RULE_VETO))
			continue;
		if (m->nveto == m->capveto) {
			m->capveto = m->capveto ? m->capveto * 2 : 64;
			m->vstart = xrealloc(m->vstart, m->capveto * sizeof *m->vstart);
			m->vmaxend = xrealloc(m->vmaxend, m->capveto * sizeof *m->vmaxend);
		}
		if (v->cend > maxend)
			maxend = v->cend;
		m->vstart[m->nveto] = v->cstart;
		m->vmaxend[m->nveto++] = maxend;
	}
}

/* Does a veto's counting span overlap x's matched text (cstart < x->end, cend > x->start)? */
static int vetoed(const struct matcher *m, const struct match *x)
{
	size_t lo = 0, hi = m->nveto; /* the vetoes before lo start before x->end */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->vstart[mid] < x->end)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && m->vmaxend[lo - 1] > x->start;
}

void match_text(struct matcher *m, const struct ruleset *rs, const char *text, size_t len)
{
	text = unescape_breaks(m, text, len);
	m->nraw = m->nev = 0;
	m->limit_hit = 0;
	memset(m->counts, 0, sizeof m->counts);
	int fast = scan_literals(m, rs, text, len) == 0;
	for (unsigned i = 0; i < rs->n; i++) {
		/* once the budget is spent no rule can add a match, and the first rule to reach it is known */
		if (m->limit_hit && m->limit_rc == 0)
			break;
		struct timespec t0;
		size_t n0 = m->nraw;
		if (m->stat)
			clock_gettime(CLOCK_MONOTONIC, &t0);
		int windows = fast && rs->v[i].lits && !m->over[i];
		if (windows)
			run_windows(m, rs, i, text, len);
		else
			run_rule(m, rs, i, text, len);
		if (m->stat) {
			struct timespec t1;
			clock_gettime(CLOCK_MONOTONIC, &t1);
			struct rule_stat *st = &m->stat[i];
			st->seconds += (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
			st->matches += m->nraw - n0;
			st->bytes += len;
			if (windows)
				st->hits += m->nhits[i];
			else
				st->ref_traces++;
		}
	}
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
		collect_vetoes(m, rs, i, j);
		size_t last_end = 0;
		int any = 0;
		for (size_t k = i; k < j; k++) {
			const struct match *x = &m->raw[k];
			if (rs->v[x->rule].flags & RULE_VETO)
				continue;
			if (vetoed(m, x) || (any && x->cstart < last_end))
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
