/*
 * engine_diff.h - the differential check of the literal pass: a rule file
 * loaded twice, once on the literal pass and once with every rule on the
 * reference path (COTSCAN_ENGINE=reference), must give identical matches,
 * counting spans, evidence, counts and limits on any text.  Shared by
 * tests/unit/test_engine.c and fuzz/fuzz_engine.c.
 */
#ifndef ENGINE_DIFF_H
#define ENGINE_DIFF_H

#include <stddef.h>

#include "match.h"
#include "rules.h"

struct engine_pair {
	struct ruleset fast, ref;
	struct matcher mf, mr;
};

/* Loads rules (a rule file's text) both ways; 0, or -1 when it is not a valid set. */
int engine_pair_load(struct engine_pair *p, const char *rules, size_t len);
void engine_pair_free(struct engine_pair *p);

/*
 * Matches text both ways; 0 when identical, 1 when a PCRE2 match or depth
 * limit stopped a rule on either path (the literal pass splits a scan into
 * calls of its own, so the work a limit counts differs), else -1 with the
 * first difference in why (size n).
 */
int engine_pair_compare(struct engine_pair *p, const char *text, size_t len, char *why, size_t n);

#endif
