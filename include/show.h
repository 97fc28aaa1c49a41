/*
 * show.h - the `cotscan show` sink: prints traces with every counted match
 * marked, so that a researcher can audit why a tag fired.
 *
 * A trace is printed as a header and its analysed text, each counted
 * instance written as
 *     [behaviour:rule]{matched text}
 * (coloured by behaviour when colour is on; the markers are there either
 * way).  With --rule NAME, one line per instance of that rule instead:
 *     FILE:LINE: ID: ...context[behaviour:rule]{matched text}context...
 * Input text never reaches the output raw: control characters are written
 * in caret notation (^[ for ESC, ^M for CR, ^? for DEL), C1 controls as
 * <U+0080> to <U+009F>; newlines and tabs are kept in a trace's text and
 * become spaces in one-line output.
 */
#ifndef SHOW_H
#define SHOW_H

#include <stddef.h>

#include "rules.h"
#include "sink.h"
#include "util.h"

/* The options of `cotscan show`, checked. */
struct show_cfg {
	int only;                 /* --behaviour, or -1 for all four */
	const char *rule;         /* --rule: a rule name or shell pattern that names one or more, or NULL */
	const char *id;           /* --id, or NULL */
	unsigned long long line;  /* --line, 0: any */
	int color;                /* --color: 0 never, 1 always, -1 auto (stdout a terminal, NO_COLOR unset) */
	int quiet;                /* -q: no --rule summary line */
};

/* The `show` sink; 0. */
int sink_show_init(struct sink *s, const struct show_cfg *cfg, const struct sink_env *env);

/*
 * The rules of rs that pattern (a name or a shell pattern, fnmatch(3))
 * names: sets pick[i] to 1 for each and 0 for the others when pick is not
 * NULL (rs->n bytes).  Returns how many it names.
 */
size_t show_pick_rules(const struct ruleset *rs, const char *pattern, unsigned char *pick);

/* Bytes of context either side of a match in the --rule listing. */
#define SHOW_CONTEXT 60

/*
 * Appends s[0..n) to out with control characters made visible (see above);
 * oneline: newlines and tabs become spaces too.  s must be valid UTF-8.
 */
void show_safe(struct buf *out, const char *s, size_t n, int oneline);

/* One instance to mark: [start, end) of the text, its behaviour and rule name (borrowed). */
struct show_mark {
	size_t start, end;
	int behaviour;
	const char *rule;
};

/*
 * Appends text[0..len) to out (through show_safe) with every mark m[0..n)
 * written as [behaviour:rule]{...}, SGR-coloured by behaviour when color is
 * set.  Instances of different behaviours may overlap: one inside another
 * nests ("[a:x]{That [b:y]{does not work}}"); of two marks that cross,
 * the inner one is split where the outer one ends
 * ("[a:x]{ab[b:y]{cd}}[b:y]{ef}").  Sorts m (by start, longer first).
 */
void show_marked(struct buf *out, const char *text, size_t len, struct show_mark *m, size_t n, int color,
		 int oneline);

/*
 * Returns where a context window ending at (before=1: starting at) off should
 * begin (end) so that it spans at most max bytes of text[0..len) and cuts no
 * UTF-8 character: the window is [result, off) or [off, result).
 */
size_t show_context_edge(const char *text, size_t len, size_t off, size_t max, int before);

#endif
