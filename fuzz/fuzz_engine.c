/*
 * fuzz_engine.c - libFuzzer target: the literal pass against the reference
 * path.  The input is a rule file, a line "----", then a text; when the rule
 * file is a valid set, both paths must give identical matches on the text
 * (engine_diff.h; a case stopped by a PCRE2 limit is not compared).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine_diff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	const char *sep = memmem(s, size, "\n----\n", 6);
	size_t rlen = sep ? (size_t)(sep - s) + 1 : size;
	const char *text = sep ? sep + 6 : "";
	size_t tlen = sep ? size - (size_t)(text - s) : 0;
	if (memchr(s, '\0', rlen))
		return 0;
	struct engine_pair p;
	if (engine_pair_load(&p, s, rlen) < 0)
		return 0;
	char why[256];
	if (engine_pair_compare(&p, text, tlen, why, sizeof why) < 0) {
		fprintf(stderr, "literal pass differs from the reference path: %s\n", why);
		abort();
	}
	engine_pair_free(&p);
	return 0;
}
