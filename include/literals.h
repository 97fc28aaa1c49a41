/*
 * literals.h - a rule's required literals, read from its pattern.
 *
 * A set of literals is *required* when every match of the pattern contains
 * one of them (ASCII case folded), starting after at most `back` counted
 * characters of the match attempt.  Free bytes are not counted: non-ASCII
 * ones, ASCII white space, and every ASCII byte that some unbounded repeat
 * of the pattern may consume (found in a first pass; a superset is safe);
 * so `\s+` or `\d+` before a literal keeps `back` finite.
 * A match attempt that succeeds at q therefore has a literal occurrence at
 * some h >= q, and [q, h) holds at most `back` counted bytes.  match.c runs
 * PCRE2 only from such q (see match.h "The literal pass").
 *
 * The reader understands literals, escapes, \Q..\E, classes, ., groups of
 * every kind, alternation, quantifiers, anchors, lookarounds (which add no
 * literals and consume nothing) and \K.  A construct it does not know, or
 * one that makes an attempt depend on where the scan began (\G, (*VERB),
 * callouts, conditionals, recursion, (?x)), gives no set: the rule runs over
 * the whole text (the reference path), with the reason in `why`.
 *
 * Non-ASCII literal characters are kept only where they have no other case
 * (punctuation, arrows, mathematical operators, dingbats).  Two non-ASCII
 * characters fold to ASCII letters under PCRE2's caseless Unicode matching
 * (U+212A KELVIN SIGN to k, U+017F LONG S to s): match.c runs the reference
 * path on a text holding either (LIT_FOLD_KELVIN, LIT_FOLD_LONG_S).
 */
#ifndef LITERALS_H
#define LITERALS_H

#include <stddef.h>

#define LIT_MAXSET 64           /* most literals per rule */
#define LIT_MAXLEN 48           /* longest literal kept */
#define LIT_UNBOUNDED ((size_t)-1)
#define LIT_MAX_COST 0.8        /* a set that costs more takes the reference path */

#define LIT_FOLD_KELVIN "\xE2\x84\xAA"
#define LIT_FOLD_LONG_S "\xC5\xBF"

struct lit {
	unsigned char s[LIT_MAXLEN];
	unsigned char len;
};

struct lit_set {
	struct lit v[LIT_MAXSET];
	size_t n;
	size_t back;            /* counted characters before a literal, or LIT_UNBOUNDED */
	unsigned char free[16]; /* ASCII bytes not counted (bit c of free[c / 8]): white space, and
				   every byte an unbounded repeat of the pattern may consume */
	double cost;            /* estimated work per text byte; the reference costs 1 */
};

/*
 * Reads pattern (as compiled: defines expanded) into out.  Returns 0, or -1
 * with a short reason in *why when the rule must take the reference path.
 */
int lit_required(const char *pattern, struct lit_set *out, const char **why);

/* Estimated hits per text byte of one literal (an English letter model). */
double lit_freq(const unsigned char *s, size_t n);

#endif
