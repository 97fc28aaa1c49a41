/* Unit tests of defects.c: each detector on texts written for the test. */
#include <stdlib.h>

#include "defects.h"
#include "cotscan.h"
#include "unit.h"
#include "util.h"

static struct defect_scratch ds;
static int loop_end;

static unsigned det(const char *s)
{
	return defects_detect(&ds, s, strlen(s), &loop_end);
}

#define HAS(set, d) (((set) >> (d)) & 1u)

/* Repeats s n times into a static buffer. */
static const char *rep(const char *s, int n)
{
	static struct buf b;
	buf_reset(&b);
	for (int i = 0; i < n; i++)
		buf_addstr(&b, s);
	return b.p;
}

static const char prose[] =
	"First, we need to find the number of apples in each basket. The farmer has 3 baskets "
	"and puts 12 apples in the first one. The second basket holds twice as many, so it has 24. "
	"The third basket holds 5 fewer than the second, which gives 19. Adding them up, "
	"12 + 24 + 19 = 55 apples in total. Let me verify: 55 - 19 = 36 and 36 - 24 = 12, which "
	"matches the first basket. Now we divide the apples equally among 5 children, so each "
	"child receives 55 / 5 = 11 apples. Checking once more, 11 * 5 = 55. The answer is 11.";

int main(void)
{
	unsigned d;

	/* empty */
	CHECK(HAS(det(""), COT_D_EMPTY), "nothing");
	CHECK(HAS(det(" \n\t "), COT_D_EMPTY), "whitespace");
	CHECK(HAS(det(". , ; ! ?"), COT_D_EMPTY), "punctuation");
	CHECK(!HAS(det("x"), COT_D_EMPTY), "a letter");
	CHECK(!HAS(det("\xc3\xa9"), COT_D_EMPTY), "non-ASCII");

	/* padded: the paper's filler, a repeated word, pause tokens, few types, low ratio */
	d = det(rep(" .", 200));
	CHECK(HAS(d, COT_D_PADDED) && HAS(d, COT_D_EMPTY), "dots are empty and padded");
	CHECK(HAS(det(rep("... ", 50)), COT_D_PADDED), "ellipses");
	CHECK(HAS(det(rep("wait ", 40)), COT_D_PADDED), "a repeated word");
	CHECK(HAS(det(rep("<pause>", 30)), COT_D_PADDED), "pause tokens");
	CHECK(HAS(det(rep("hmm, ", 30)), COT_D_PADDED), "a short pattern");
	CHECK(!HAS(det(rep(" .", 7)), COT_D_PADDED), "too short to judge");
	{
		struct buf b = {0};
		buf_addstr(&b, prose);
		buf_addstr(&b, rep(" .", 600));
		CHECK(HAS(defects_detect(&ds, b.p, b.len, &loop_end), COT_D_PADDED), "prose drowned in filler");
		/* 12 words in a random order, 2000 tokens: too few distinct tokens */
		static const char *const w[] = { "so", "then", "we", "get", "it", "and", "thus", "the",
						 "value", "is", "one", "two" };
		buf_reset(&b);
		srand(7);
		for (int i = 0; i < 2000; i++) {
			buf_addstr(&b, w[rand() % 12]);
			buf_addc(&b, ' ');
		}
		d = defects_detect(&ds, b.p, b.len, &loop_end);
		CHECK(HAS(d, COT_D_PADDED), "low distinct-token ratio");
		/* a list of numbers is not filler: the commas are half of the tokens */
		buf_reset(&b);
		for (int i = 1; i <= 300; i++)
			buf_printf(&b, "%d, ", i);
		CHECK(!HAS(defects_detect(&ds, b.p, b.len, &loop_end), COT_D_PADDED), "an enumeration");
		/* data is not filler: a grid of few digits, a list of expressions over four numbers */
		buf_reset(&b);
		for (int i = 0; i < 30; i++)
			buf_printf(&b, "%d %d %d %d %d %d\n", i % 3, 3, 3, (i + 1) % 3, 3, 9);
		CHECK(!HAS(defects_detect(&ds, b.p, b.len, &loop_end), COT_D_PADDED), "a grid of digits");
		buf_reset(&b);
		for (int i = 0; i < 60; i++)
			buf_printf(&b, "%d %c %d * %d - %d\n", (int[]){12, 7, 30, 5}[i % 4], "+-"[i % 2],
				   (int[]){7, 30, 5, 12}[i / 4 % 4], (int[]){30, 5, 12, 7}[i / 16 % 4], 5);
		CHECK(!HAS(defects_detect(&ds, b.p, b.len, &loop_end), COT_D_PADDED), "a list of expressions");
		CHECK(!HAS(det("_ 2 _ 4\n3 _ 1 _\n_ 1 _ 3\n4 _ 2 _"), COT_D_PADDED), "a puzzle with blank cells");
		buf_reset(&b);
		for (int i = 0; i < 40; i++)
			buf_addstr(&b, "\\boxed{7}. ");
		CHECK(HAS(defects_detect(&ds, b.p, b.len, &loop_end), COT_D_PADDED), "a boxed number repeated is filler");
		buf_free(&b);
	}
	d = det(prose);
	CHECK(d == 0, "clean prose has no text defect (got %u)", d);

	/* repetitive: a sentence or a paragraph looped; a passage restated once is not */
	d = det(rep("Let me recompute the sum of the first two baskets to be sure it is right. ", 12));
	CHECK(HAS(d, COT_D_REPETITIVE), "a looped sentence");
	CHECK(loop_end, "the text ends in its loop");
	{
		struct buf b = {0};
		buf_addstr(&b, prose);
		for (int i = 0; i < 6; i++)
			buf_addstr(&b, "\n\nSo the total is 55. But wait, the second basket holds twice as many as "
				       "the first, so it has 24 and the third has 19, which gives 55 again.");
		buf_add(&b, "\n\nSo the total is 55. But wa", 27);
		d = defects_detect(&ds, b.p, b.len, &loop_end);
		CHECK(HAS(d, COT_D_REPETITIVE) && loop_end, "a paragraph loop cut off inside the loop");
		buf_addstr(&b, "\n\nAfter all this, I am sure: the first basket has 12 apples, the second "
			       "24 and the third 19, and splitting 55 among 5 children gives 11 each, with "
			       "nothing left over, because 11 times 5 is exactly 55. That settles it for good.");
		d = defects_detect(&ds, b.p, b.len, &loop_end);
		CHECK(HAS(d, COT_D_REPETITIVE) && !loop_end, "a loop left behind is not an ending loop");
		buf_reset(&b);
		buf_addstr(&b, prose);
		buf_addstr(&b, "\n\nSummary: ");
		buf_addstr(&b, prose);
		CHECK(!HAS(defects_detect(&ds, b.p, b.len, &loop_end), COT_D_REPETITIVE), "restated once");
		buf_free(&b);
	}

	/* answer markers */
	struct defect_patterns pat = {0};
	struct buf perr = {0};
	CHECK_INT(defect_patterns_init(&pat, &perr), 0);
	buf_free(&perr);
	static const char *const with[] = {
		"so <answer>42</answer>", "we get \\boxed{7}", "\\fbox{x}", "The final answer: 3",
		"The answer is 12", "**Answer:** 5", "ANSWER = 9", "{\"reasoning\": \"r\", \"answer\": \"4\"}",
		"`answer`: \"16\"", "\\\"answer\\\": \"5\"", "<Output>yes</Output>",
		"<|begin_of_solution|>x", "Steps: ... No solution", "there is no valid solution here",
		"12 + 7 + 30 + 5</answer>", "A valid answer would be\n8 * 3",
	};
	for (size_t i = 0; i < sizeof with / sizeof *with; i++)
		CHECK(defects_answer_marker(&pat, &ds, with[i], strlen(with[i])), "marker in '%s'", with[i]);
	static const char *const without[] = {
		"so the total is 18", "we answered the phone", "answering this", "the solutions of x^2 = 4",
		"",
	};
	for (size_t i = 0; i < sizeof without / sizeof *without; i++)
		CHECK(!defects_answer_marker(&pat, &ds, without[i], strlen(without[i])), "no marker in '%s'", without[i]);
	defect_patterns_free(&pat);

	/* a text that is only an answer: one JSON value, or a grid */
	static const struct {
		const char *s;
		int want;
	} only[] = {
		{ "[[\"fill A\", \"pour A->B\"]]", 1 }, { " {\"x\": 1}\n", 1 }, { "1 2\n3 4", 1 },
		{ "_ _ 3\n4 _ _\n\n2 1 _\n", 1 }, { "7 8 7\n8 8 8\n7 8", 0 }, { "1 2 3 4", 0 },
		{ "[1, 2] is the list", 0 }, { "so 12 34\n56 78", 0 }, { "", 0 }, { "[", 0 },
		{ " wife\n", 1 }, { "x = 4", 1 }, { "We add two and", 0 }, { "so\nthen", 0 },
	};
	for (size_t i = 0; i < sizeof only / sizeof *only; i++)
		CHECK(defects_answer_only(only[i].s, strlen(only[i].s)) == only[i].want, "answer only: '%s'", only[i].s);

	/* non_english: a script other than Latin and Greek for much of the text */
	CHECK(HAS(det("\xe6\x88\x91\xe4\xbb\xac\xe5\x85\x88\xe8\xae\xa1\xe7\xae\x97\xe4\xb8\xa4\xe4\xb8\xaa"
		      "\xe7\xaf\xae\xe5\xad\x90\xe9\x87\x8c\xe7\x9a\x84\xe8\x8b\xb9\xe6\x9e\x9c\xe6\x95\xb0"
		      "\xe9\x87\x8f\xe3\x80\x82\xe6\x80\xbb\xe5\x85\xb1 12 + 24 = 36\xe3\x80\x82"
		      "\xe8\xae\xa9\xe6\x88\x91\xe4\xbb\xac\xe9\xaa\x8c\xe8\xaf\x81\xe4\xb8\x80\xe4\xb8\x8b"), COT_D_NON_ENGLISH),
	      "Chinese reasoning");
	{
		struct buf b = {0};
		for (int i = 0; i < 30; i++)
			buf_addstr(&b, "Let \xce\xb8 = \xcf\x80/4 and \xce\xb1 + \xce\xb2 = \xce\xb8. ");
		CHECK(!HAS(defects_detect(&ds, b.p, b.len, &loop_end), COT_D_NON_ENGLISH), "Greek letters in math");
		buf_reset(&b);
		for (int i = 0; i < 25; i++)
			buf_addstr(&b, "\xd0\xb4");
		buf_addstr(&b, prose);
		CHECK(!HAS(defects_detect(&ds, b.p, b.len, &loop_end), COT_D_NON_ENGLISH), "a few Cyrillic letters in English");
		buf_free(&b);
	}
	CHECK(!HAS(det("\xe6\x88\x91\xe4\xbb\xac 12"), COT_D_NON_ENGLISH), "too few letters to judge");

	/* answer fields */
	static const struct {
		const char *json, *path;
		int want;
	} fields[] = {
		{ "{\"answer\":\"42\"}", NULL, 1 },
		{ "{\"answer\":42}", NULL, 1 },
		{ "{\"answer\":false}", NULL, 1 },
		{ "{\"answer\":\" \"}", NULL, 0 },
		{ "{\"answer\":null}", NULL, 0 },
		{ "{\"answer\":[]}", NULL, 0 },
		{ "{\"answer\":[\"a\"]}", NULL, 1 },
		{ "{\"other\":\"42\"}", NULL, 0 },
		{ "{\"out\":{\"pred\":[\"x\",\"7\"]}}", "out.pred.-1", 1 },
		{ "{\"answer\":\"7\"}", "pred", 0 },
	};
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
		cJSON *j = cJSON_Parse(fields[i].json);
		CHECK_INT(defects_answer_field(j, fields[i].path), fields[i].want);
		cJSON_Delete(j);
	}
	CHECK(!defects_answer_field(NULL, NULL), "no record");

	/* mid-sentence ends */
	static const struct {
		const char *s;
		int want;
	} ends[] = {
		{ "The total is 5.", 0 }, { "and then we", 1 }, { "so x = 3 and y =", 1 }, { "we have 12,", 1 },
		{ "is it 4?", 0 }, { "f(x) = (x+1)", 0 }, { "the total is 42", 0 }, { "cut in the mid  \n ", 1 },
		{ "", 0 }, { "  ", 0 }, { "\\frac{1}{", 1 }, { "so 16*2+16*", 1 }, { "30 - 5 *  ", 1 },
		{ "**0.7 eV**", 0 }, { "*x = 5*", 0 }, { "(3 + 4)*", 1 },
	};
	for (size_t i = 0; i < sizeof ends / sizeof *ends; i++)
		CHECK(defects_ends_mid_sentence(ends[i].s, strlen(ends[i].s)) == ends[i].want, "'%s'", ends[i].s);

	/* the duplicate hash: whitespace-normalised, 0 for blank text */
	const char *a = "  The answer\n\tis  42. ", *b = "The answer is 42.", *c = "The answer is 43.";
	CHECK(defects_text_hash(a, strlen(a)) == defects_text_hash(b, strlen(b)), "whitespace runs");
	CHECK(defects_text_hash(b, strlen(b)) != defects_text_hash(c, strlen(c)), "different texts");
	CHECK(defects_text_hash(" \n ", 3) == 0, "blank");
	CHECK(defects_text_hash("x", 1) != 0, "non-blank is never 0");

	/* defects_scan: the word count and the hash of the same pass */
	const char *scan[] = { "", " \n ", "x", a, b, "  Wait,  wait...\n\tno!  ", "caf\xc3\xa9 \xd0\x94\xd0\xb0 x=1+2" };
	for (size_t i = 0; i < sizeof scan / sizeof *scan; i++) {
		struct defect_text dt;
		size_t n = strlen(scan[i]);
		unsigned long long words = 0;
		for (size_t k = 0, in = 0; k < n; k++) {
			int sp = scan[i][k] == ' ' || (scan[i][k] >= '\t' && scan[i][k] <= '\r');
			words += !sp && !in;
			in = !sp;
		}
		defects_scan(&ds, scan[i], n, &dt);
		CHECK(dt.hash == defects_text_hash(scan[i], n), "scan hash of '%s'", scan[i]);
		CHECK(dt.words == words, "scan words of '%s': %llu, want %llu", scan[i], dt.words, words);
	}

	/* the hash set, through several growths */
	struct dupset set = {0};
	int wrong = 0;
	for (unsigned long long i = 1; i <= 5000; i++)
		wrong += dupset_add(&set, i * 0x9e3779b97f4a7c15ULL) != 0;
	for (unsigned long long i = 1; i <= 5000; i++)
		wrong += dupset_add(&set, i * 0x9e3779b97f4a7c15ULL) != 1;
	CHECK_INT(wrong, 0);
	CHECK_INT(set.n, 5000);
	CHECK(set.cap * 3 >= set.n * 4 && set.cap * 3 <= set.n * 8 * 2, "load between 3/8 and 3/4 (cap %zu)", set.cap);
	dupset_free(&set);

	/* names */
	char out[256];
	defects_format((1u << COT_D_EMPTY) | (1u << COT_D_PADDED) | (1u << COT_D_DUPLICATE) | (1u << COT_D_TOO_SHORT),
		       out, sizeof out);
	CHECK_STR(out, "empty;padded;duplicate;too_short");
	CHECK_INT(cot_defect_lookup("no_answer", 9), COT_D_NO_ANSWER);
	CHECK_INT(cot_defect_lookup("nope", 4), -1);

	defect_scratch_free(&ds);
	return unit_done("test_defects");
}
