/*
 * match.h - runs a rule set over one analysed text.
 *
 * A behaviour's count is the number of distinct, non-overlapping instances:
 * all matches of the behaviour's rules are collected, those overlapping a
 * veto match of the same behaviour are dropped, and the rest are taken
 * greedily by start offset, skipping any that overlap one already taken.
 *
 * Each match has two spans: the matched text [start, end) (the evidence)
 * and the counting span [cstart, cend).  They are equal, except for a rule
 * flagged `sentence`, whose counting span is the whole sentence(s) holding
 * the match, and `sentence+1`, whose span also covers the sentence after
 * ("That is wrong. Let me redo it." is one instance).  Vetoes test a veto's counting span against a candidate's
 * matched text (so a `sentence` veto cancels its behaviour's matches
 * anywhere in its sentence); the greedy pass tests counting spans against
 * each other (so a `sentence` rule counts at most once per sentence and
 * absorbs the behaviour's other matches in that sentence).
 *
 * A sentence ends at a newline, or after '.', '!' or '?' followed by
 * white space or the end of the text; the next one starts at the first
 * non-blank byte after that.
 *
 * Escaped line breaks: text that carries JSON escapes verbatim (a model
 * writing a JSON answer inside its reply: the two bytes '\\' 'n') is matched
 * as if each '\\n' or '\\t' were a space and a newline (tab).  One followed
 * by a lowercase ASCII letter may be TeX (\neq, \times), so it is taken as a
 * break only in text that holds a written-out blank line ("\\n\\n").  The
 * length is unchanged, so offsets and evidence refer to the original text.
 */
#ifndef MATCH_H
#define MATCH_H

#include <stddef.h>

#include "cotscan.h"
#include "rules.h"

struct match {
	size_t start, end;     /* byte offsets into the analysed text */
	size_t cstart, cend;   /* counting span: start, end, or their sentence(s) */
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
	char *norm;            /* the text with escaped line breaks made real, when it has any */
	size_t capnorm;
	size_t *sent;          /* sentence start offsets of the current text, when needed */
	size_t nsent, capsent;
	size_t *resume;        /* per rule: where its next match may start (SIZE_MAX: done) */
	size_t nresume;
	unsigned counts[COT_NBEHAV];
	int limit_hit;         /* a rule stopped at the match or depth limit */
	unsigned limit_rule;   /* the first rule that did (when limit_hit) */
	int limit_rc;          /* and the PCRE2 error it stopped with */
};

/*
 * The start offset of every sentence of text[0..len) (as defined above;
 * the first is 0) into *v, grown as needed (*cap: its capacity); returns
 * how many.
 */
size_t match_sentence_starts(const char *text, size_t len, size_t **v, size_t *cap);

void matcher_init(struct matcher *m, const struct ruleset *rs);
void matcher_free(struct matcher *m);

/* Matches every rule of rs over text[0..len); results in m->counts and m->ev. */
void match_text(struct matcher *m, const struct ruleset *rs, const char *text, size_t len);

#endif
