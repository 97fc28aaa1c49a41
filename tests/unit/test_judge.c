/* Unit tests of judge.c and sample.c: custom_id round trips, answer parsing, the sample hash. */
#include <stdlib.h>

#include "cotscan.h"
#include "judge.h"
#include "sample.h"
#include "unit.h"

int main(void)
{
	struct buf id = {0}, file = {0}, tid = {0}, why = {0};

	/* every id and file name comes back, whatever characters it holds */
	static const struct { const char *file, *id, *want; } ids[] = {
		{ "a.jsonl", "m1", "verification|a.jsonl|12|m1" },
		{ "dir/x.jsonl", "q\"1#a", "verification|dir/x.jsonl|12|q\"1#a" },
		{ "p|q%.jsonl", "a|b%c", "verification|p%7Cq%25.jsonl|12|a%7Cb%25c" },
		{ "-", "tab\there\nnl\x7f", "verification|-|12|tab%09here%0Anl%7F" },
		{ "f", "", "verification|f|12|" },
		{ "f", "caf\xC3\xA9 \xE2\x9C\x93", "verification|f|12|caf\xC3\xA9 \xE2\x9C\x93" },
	};
	for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
		judge_custom_id(&id, COT_B_VERIFICATION, ids[i].file, 12, ids[i].id);
		CHECK_STR(id.p, ids[i].want);
		int b = -1;
		unsigned long long line = 0;
		CHECK_INT(judge_parse_custom_id(id.p, &b, &file, &line, &tid), 0);
		CHECK_INT(b, COT_B_VERIFICATION);
		CHECK_INT(line, 12);
		CHECK_STR(file.p, ids[i].file);
		CHECK_STR(tid.p, ids[i].id);
	}
	static const char *const bad_ids[] = {
		"", "request-1", "verification|f|12", "verification|f|12|a|b", "verify|f|1|a", "verification||1|a",
		"verification|f|0|a", "verification|f|01|a", "verification|f|1x|a", "verification|f||a",
		"verification|f|99999999999999999999999|a", "verification|f|1|a%", "verification|f|1|a%4",
		"verification|f|1|a%zz", "verification|f|1|a%00", "verification|f|1|%FF", "backtracking |f|1|a",
	};
	for (size_t i = 0; i < sizeof bad_ids / sizeof *bad_ids; i++) {
		int b;
		unsigned long long line;
		CHECK(judge_parse_custom_id(bad_ids[i], &b, &file, &line, &tid) < 0, "'%s' parsed", bad_ids[i]);
	}

	/* answers: a count, its quotes; anything else is a reason, never a 0 */
	static const struct { const char *text; long count; int nquotes; const char *why; } ans[] = {
		{ "<count>3</count>", 3, 0, NULL },
		{ "<quote> a </quote>\n<quote>b\nc</quote><count>2</count>", 2, 2, NULL },
		{ "<COUNT>\n 0 \n</Count>", 0, 0, NULL },
		{ "<count>4</count> ... so <count>4</count>", 4, 0, NULL },
		{ "<count>25</count>", 25, 0, NULL },
		{ "", -1, 0, "no <count>N</count> in the answer" },
		{ "count: 3", -1, 0, "no <count>N</count> in the answer" },
		{ "<count>3", -1, 0, "no <count>N</count> in the answer" },
		{ "<count></count>", -1, 0, "<count></count> is not a count (a whole number of at most 9 digits)" },
		{ "<count>-1</count>", -1, 0, "<count>-1</count> is not a count (a whole number of at most 9 digits)" },
		{ "<count>2.5</count>", -1, 0, "<count>2.5</count> is not a count (a whole number of at most 9 digits)" },
		{ "<count>1234567890</count>", -1, 0,
		  "<count>1234567890</count> is not a count (a whole number of at most 9 digits)" },
		{ "<count>1</count> <count>2</count>", -1, 0, "<count> tags disagree (1 and 2)" },
		{ "<count>1</count> <count>N</count>", -1, 0,
		  "<count>N</count> is not a count (a whole number of at most 9 digits)" },
	};
	for (size_t i = 0; i < sizeof ans / sizeof *ans; i++) {
		cJSON *q = cJSON_CreateArray();
		long count = -1;
		int rc = judge_parse_answer(ans[i].text, strlen(ans[i].text), &count, q, &why);
		if (ans[i].why) {
			CHECK(rc < 0, "case %zu parsed", i);
			CHECK_STR(why.p, ans[i].why);
		} else {
			CHECK(rc == 0, "case %zu: %s", i, why.p);
			CHECK_INT(count, ans[i].count);
			CHECK_INT(cJSON_GetArraySize(q), ans[i].nquotes);
		}
		cJSON_Delete(q);
	}
	cJSON *q = cJSON_CreateArray();
	long count;
	const char *t = "<quote>  That doesn't work \"here\"  </quote><count>1</count>";
	CHECK_INT(judge_parse_answer(t, strlen(t), &count, q, &why), 0);
	CHECK_STR(cJSON_GetArrayItem(q, 0)->valuestring, "That doesn't work \"here\"");
	cJSON_Delete(q);

	/* the sample hash: depends on the seed and on every byte */
	CHECK(sample_hash(0, "abc", 3) == sample_hash(0, "abc", 3), "stable");
	CHECK(sample_hash(0, "abc", 3) != sample_hash(1, "abc", 3), "seed");
	CHECK(sample_hash(0, "abc", 3) != sample_hash(0, "abd", 3), "bytes");
	CHECK(sample_hash(0, "abc", 3) != sample_hash(0, "abc", 2), "length");

	buf_free(&id);
	buf_free(&file);
	buf_free(&tid);
	buf_free(&why);
	return unit_done("test_judge");
}
