/*
 * fuzz_rules.c - libFuzzer target: the rule-file parser and compiler.
 *
 * The input is parsed as one rule file; when the set is valid it is run over
 * a fixed sample text, so every pattern the parser accepts is also matched
 * (under the match and depth limits).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char sample[] =
	"Let me try 3 + 4 = 7. Wait, that is wrong; let me go back. "
	"Check: 7 * 2 = 14, correct. First, we need to reach 24. Working backwards "
	"from 24, we need 6 * 4. aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa! \xC3\xA9t\xC3\xA9 \xE2\x88\x9A";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ruleset rs = {0};
	struct buf err = {0};
	int rc = rules_parse(&rs, "fuzz.rules", (const char *)data, size, &err);
	/* the contract: failure always explains itself as FILE:LINE: ... */
	if (rc < 0 && (!err.p || strncmp(err.p, "fuzz.rules:", 11) != 0))
		abort();
	if (rc == 0 && rules_finish(&rs, 0, &err) == 0) {
		struct matcher m;
		matcher_init(&m, &rs);
		match_text(&m, &rs, sample, sizeof sample - 1);
		for (size_t k = 0; k < m.nev; k++)
			if (m.ev[k].start >= m.ev[k].end || m.ev[k].end > sizeof sample - 1)
				abort();
		matcher_free(&m);
	}
	rules_free(&rs);
	buf_free(&err);
	return 0;
}
