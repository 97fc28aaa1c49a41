/* engine_diff.c - see engine_diff.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine_diff.h"

int engine_pair_load(struct engine_pair *p, const char *rules, size_t len)
{
	memset(p, 0, sizeof *p);
	struct buf err = {0};
	int rc = rules_parse(&p->fast, "t.rules", rules, len, &err) == 0 && rules_finish(&p->fast, 0, &err) == 0 ? 0 : -1;
	if (rc == 0)
		rc = rules_parse(&p->ref, "t.rules", rules, len, &err) == 0 &&
		     rules_finish(&p->ref, RULES_REFERENCE, &err) == 0 ? 0 : -1;
	buf_free(&err);
	if (rc < 0) {
		rules_free(&p->fast);
		rules_free(&p->ref);
		return -1;
	}
	matcher_init(&p->mf, &p->fast);
	matcher_init(&p->mr, &p->ref);
	return 0;
}

void engine_pair_free(struct engine_pair *p)
{
	matcher_free(&p->mf);
	matcher_free(&p->mr);
	rules_free(&p->fast);
	rules_free(&p->ref);
}

static int same(const struct match *a, const struct match *b)
{
	return a->start == b->start && a->end == b->end && a->cstart == b->cstart && a->cend == b->cend &&
	       a->rule == b->rule && a->behaviour == b->behaviour;
}

int engine_pair_compare(struct engine_pair *p, const char *text, size_t len, char *why, size_t n)
{
	match_text(&p->mf, &p->fast, text, len);
	match_text(&p->mr, &p->ref, text, len);
	const struct matcher *f = &p->mf, *r = &p->mr;
	/* a PCRE2 limit counts the work of one call: the literal pass splits it differently */
	if ((f->limit_hit && f->limit_rc != 0) || (r->limit_hit && r->limit_rc != 0))
		return 1;
	if (f->nraw != r->nraw) {
		snprintf(why, n, "%zu matches on the literal pass, %zu on the reference path", f->nraw, r->nraw);
		return -1;
	}
	for (size_t i = 0; i < f->nraw; i++)
		if (!same(&f->raw[i], &r->raw[i])) {
			snprintf(why, n, "match %zu: rule %u [%zu,%zu) against rule %u [%zu,%zu)", i,
				 f->raw[i].rule, f->raw[i].start, f->raw[i].end, r->raw[i].rule, r->raw[i].start, r->raw[i].end);
			return -1;
		}
	if (f->nev != r->nev || memcmp(f->counts, r->counts, sizeof f->counts) != 0) {
		snprintf(why, n, "counts differ");
		return -1;
	}
	for (size_t i = 0; i < f->nev; i++)
		if (!same(&f->ev[i], &r->ev[i])) {
			snprintf(why, n, "evidence %zu differs", i);
			return -1;
		}
	if (f->limit_hit != r->limit_hit) {
		snprintf(why, n, "a limit was hit on one path only");
		return -1;
	}
	return 0;
}
