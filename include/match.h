/*
 * match.h - runs a rule set over one analysed text.
 *
 * A behaviour's count is the number of distinct, non-overlapping instances:
 * all matches of the behaviour's rules are collected, those overlapping a
 * veto match of the same behaviour are dropped, and the rest are taken
 * greedily by start offset, skipping any that overlap one already taken.
 */
#ifndef MATCH_H
#define MATCH_H

#include <stddef.h>

#include "cotscan.h"
#include "rules.h"

struct match {
	size_t start, end;     /* byte offsets into the analysed text */
	unsigned rule;         /* index into ruleset.v */
	int behaviour;
};

/* Per-thread matching state, reused across traces. */
struct matcher {
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	pcre2_jit_stack *jit;
	struct match *raw;     /* every match, before overlap removal */
	size_t nraw, capraw;
	struct match *ev;      /* the counted instances, by start offset */
	size_t nev, capev;
	unsigned counts[COT_NBEHAV];
	int limit_hit;         /* a rule stopped at the match or depth limit */
	unsigned limit_rule;   /* the first rule that did (when limit_hit) */
	int limit_rc;          /* and the PCRE2 error it stopped with */
};

void matcher_init(struct matcher *m, const struct ruleset *rs);
void matcher_free(struct matcher *m);

/* Matches every rule of rs over text[0..len); results in m->counts and m->ev. */
void match_text(struct matcher *m, const struct ruleset *rs, const char *text, size_t len);

#endif
