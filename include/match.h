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

#include <hs.h>

#include "cotscan.h"
#include "rules.h"

struct match {
	size_t start, end;     /* byte offsets into the analysed text */
	size_t cstart, cend;   /* counting span: start, end, or their sentence(s) */
	unsigned rule;         /* index into ruleset.v */
	int behaviour;
};

/* What one rule cost over the traces matched with matcher.stat set. */
struct rule_stat {
	double seconds;        /* wall time in the rule (CLOCK_MONOTONIC) */
	unsigned long long hits, calls, matches, bytes;
	unsigned long long ref_traces; /* traces it ran over in full (its path, or a text that needed it) */
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
	size_t *vstart, *vmaxend; /* one behaviour's vetoes: counting starts, running largest end */
	size_t nveto, capveto;
	pcre2_match_context *lctx; /* mctx with the offset limit of the literal pass */
	const struct lit_db *db;   /* the rule set's literals (NULL: none) */
	hs_scratch_t *scratch;
	size_t **hits;         /* per rule: where its literals occur in the current text */
	size_t *nhits, *caphits;
	size_t nrules, hitcap; /* hitcap: hits kept per rule (HIT_BUDGET shared out) */
	unsigned char *over;   /* per rule: more hits than hitcap in the current text */
	struct rule_stat *stat; /* when set (per rule): what each rule cost, summed over traces */
	int fold;              /* the text holds a character that folds to an ASCII letter: the reference path */
	unsigned counts[COT_NBEHAV];
	int limit_hit;         /* a rule stopped at the match or depth limit */
	unsigned limit_rule;   /* the first rule that did (when limit_hit) */
	int limit_rc;          /* and the PCRE2 error it stopped with (0: MATCH_BUDGET) */
};

/* Matches kept per trace; a rule that would add more stops there (rule_limit). */
#define MATCH_BUDGET 1000000

/*
 * Literal hits kept per trace (8 bytes each), shared out evenly among the
 * rules on the literal pass: a rule with more hits than its share runs over
 * the whole text for that trace.
 */
#define HIT_BUDGET 8000000

/* The Vectorscan database of every rule's required literals (rules_finish builds it). */
struct lit_db;
int match_lit_db_build(const struct ruleset *rs, struct lit_db **out, struct buf *err);
void match_lit_db_free(struct lit_db *db);

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

/* Why the limit was hit (when m->limit_hit): PCRE2's message, or the budget. */
void match_limit_message(const struct matcher *m, char *out, size_t n);

#endif
