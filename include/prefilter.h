/*
 * prefilter.h - where a rule can start: literal prefixes taken from its
 * pattern, so that PCRE2 runs only where a match is possible.
 *
 * For a pattern such as \b(?:let(?:'s| me)|we)\s+try, every match starts
 * with "let's" or "let me" or "we", then white space, then "try"
 * (ASCII-caseless for a caseless rule), at a word start.
 * prefilter_prefixes() reads such a set from the opening of a pattern:
 * literals, groups, alternations, quantifiers, small character classes,
 * \s and \d, \b and (under a leading (?m)) ^, lookarounds and \K (which
 * do not move where an attempt starts).  Anything it does not understand
 * ends the prefixes where they are (they are still true prefixes); when that
 * leaves an empty prefix, the rule gets none and is scanned over the whole
 * text as before.  Patterns with backtracking verbs (*...) or \G get none
 * (they make an anchored attempt differ from a scan).
 *
 * The index over a whole rule set finds, in one pass over a text, every
 * position where some rule's prefix occurs; match.c runs PCRE2 anchored at
 * those positions only, in position order per rule, which yields exactly the
 * matches a scan from the start would (see match.c, run_indexed).
 *
 * A prefix may also hold PF_WS, standing for \s or \s+: one or more
 * white-space characters, compared greedily, and PF_DIGIT, standing for \d.
 * A prefix may instead be bound to a line start (^ under (?m)).
 *
 * Text is compared as PCRE2 would: a caseless letter also matches its
 * non-ASCII case variants (only U+212A KELVIN SIGN for k and U+017F LONG S
 * for s exist), PF_WS also matches the Unicode white space \s matches with
 * PCRE2_UCP, a non-ASCII literal in a caseless rule is used only where it
 * has no other case (symbol blocks), and a word start is ruled out only
 * between two ASCII word characters.  test_prefilter checks these facts
 * against the installed PCRE2.
 */
#ifndef PREFILTER_H
#define PREFILTER_H

#include <stddef.h>

#include "rules.h"

#define PF_MAXLEN 16            /* longest prefix kept */
#define PF_MAXSET 64            /* most prefixes per rule */
#define PF_WS 0                 /* in a prefix: a run of white space (\s or \s+) */
#define PF_DIGIT 1              /* in a prefix: a digit (\d; any non-ASCII character too) */

struct pf_prefix {
	unsigned char s[PF_MAXLEN];
	unsigned char len;
	unsigned char word;     /* the pattern starts with \b before a word character */
	unsigned char line;     /* the pattern starts with ^ under (?m): a line start (len may be 0) */
};

struct pf_set {
	struct pf_prefix v[PF_MAXSET];
	size_t n;
};

/*
 * Fills out with prefixes one of which begins every match of pattern
 * (compiled caseless when caseless is set).  Returns 0, or -1 when no such
 * set of non-empty prefixes was found.
 */
int prefilter_prefixes(const char *pattern, int caseless, struct pf_set *out);

/* The index of every rule's prefixes; NULL when no rule has any. */
struct pf_index;
struct pf_index *pf_index_build(const struct ruleset *rs);
void pf_index_free(struct pf_index *ix);

/* Does rule ri go through the index (else it is scanned in full)? */
int pf_index_has(const struct pf_index *ix, unsigned ri);

/* Rule ri compiled with PCRE2_ANCHORED (JIT cannot take that option at match time). */
const pcre2_code *pf_index_anchored(const struct pf_index *ix, unsigned ri);

/*
 * Calls fn(ctx, rule, pos) for every position pos of text (in increasing
 * order; for one position, in increasing rule order, each rule at most once)
 * where a prefix of rule may begin.  fn returns nonzero to stop early.
 */
void pf_index_scan(const struct pf_index *ix, const char *text, size_t len,
		   int (*fn)(void *ctx, unsigned rule, size_t pos), void *ctx);

#endif
