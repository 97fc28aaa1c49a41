/* Unit tests of rules.c and match.c: the rule format, errors, counting. */
#include <stdlib.h>

#include "match.h"
#include "rules.h"
#include "unit.h"

/* Parses text as a rule file; returns the error text ("" when it loaded). */
static const char *parse(struct ruleset *rs, const char *text)
{
	static struct buf err;
	rules_free(rs);
	buf_reset(&err);
	if (rules_parse(rs, "t.rules", text, strlen(text), &err) == 0)
		rules_finish(rs, 0, &err);
	return err.p;
}

int main(void)
{
	struct ruleset rs = {0};

	CHECK_STR(parse(&rs, "# c\n\nverification v1 - \\bcheck\\b\n"), "");
	CHECK_INT(rs.n, 1);
	CHECK_STR(rs.v[0].pattern, "\\bcheck\\b");
	CHECK_INT(rs.v[0].line, 3);
	CHECK_STR(parse(&rs, "verification v1 - (unclosed\n"),
		  "t.rules:1: rule 'v1': bad pattern at offset 9: missing closing parenthesis\n");
	CHECK_STR(parse(&rs, "verify v1 - x\n"),
		  "t.rules:1: unknown behaviour 'verify' (known: backtracking, verification, subgoal_setting, backward_chaining)\n");
	CHECK_STR(parse(&rs, "verification v1 loud x\n"),
		  "t.rules:1: unknown flag 'loud' (known: case, veto, sentence, sentence+1, ascii, or - for none)\n");
	CHECK_STR(parse(&rs, "verification v1 - x\nbacktracking v1 - y\n"),
		  "t.rules:2: duplicate rule name 'v1' (first defined at t.rules:1)\n");
	CHECK_STR(parse(&rs, "verification v1 -\n"), "t.rules:1: expected 'BEHAVIOUR NAME FLAGS PATTERN'\n");
	CHECK_STR(parse(&rs, "verification v/1 - x\n"),
		  "t.rules:1: bad rule name 'v/1' (letters, digits, '_', '.', '-'; at most 64)\n");
	CHECK_STR(parse(&rs, "# only comments\n"), "rules '?': no rules defined\n");
	CHECK_STR(parse(&rs, "verification v1 veto x\n"), "t.rules:1: veto rule 'v1' has no verification rule to cancel\n");
	CHECK_STR(parse(&rs, "backtracking b1 - y\nverification v1 veto x\n"),
		  "t.rules:2: veto rule 'v1' has no verification rule to cancel\n");
	CHECK_STR(parse(&rs, "verification v1 veto x\nverification v2 - y\n"), "");
	CHECK_STR(parse(&rs, "\xEF\xBB\xBFverification v1 - x\r\n"), "");
	CHECK_INT(rs.n, 1);

	/* counting: distinct, non-overlapping, vetoes, case */
	struct matcher m;
	CHECK_STR(parse(&rs,
		"verification check - let me check\n"
		"verification check2 - check the\n"
		"verification noq veto check the question\n"
		"backtracking again - try again\r\n"
		"subgoal_setting Step case Step \\d\n"), "");
	matcher_init(&m, &rs);
	const char *t = "Let me check the sum. Let me check the question. try again, TRY AGAIN. step 1 Step 2";
	match_text(&m, &rs, t, strlen(t));
	CHECK_INT(m.counts[COT_B_VERIFICATION], 1);
	CHECK_INT(m.counts[COT_B_BACKTRACKING], 2);
	CHECK_INT(m.counts[COT_B_SUBGOAL], 1);
	CHECK_INT(m.counts[COT_B_BACKWARD], 0);
	CHECK_INT(m.nev, 4);
	CHECK_INT(m.ev[0].start, 0);
	CHECK_INT(m.ev[0].end, 12);
	CHECK_STR(rs.v[m.ev[0].rule].name, "check");
	for (size_t i = 1; i < m.nev; i++)
		CHECK(m.ev[i - 1].start <= m.ev[i].start, "evidence sorted");
	/* invalid UTF-8 in the subject never crashes */
	const char bad[] = "try again \xC3\x28 try again \xFF";
	match_text(&m, &rs, bad, sizeof bad - 1);
	CHECK_INT(m.counts[COT_B_BACKTRACKING], 2);
	matcher_free(&m);

	/* a fresh matcher whose every match is vetoed (found by fuzz_rules: qsort of NULL) */
	CHECK_STR(parse(&rs, "verification v - check\nverification nov veto check the question\n"), "");
	matcher_init(&m, &rs);
	const char *allveto = "Let me check the question.";
	match_text(&m, &rs, allveto, strlen(allveto));
	CHECK_INT(m.counts[COT_B_VERIFICATION], 0);
	CHECK_INT(m.nev, 0);
	matcher_free(&m);

	/* catastrophic backtracking stops at the limit and is flagged */
	CHECK_STR(parse(&rs, "verification slow - (a+)+$\n"), "");
	matcher_init(&m, &rs);
	char many[64];
	memset(many, 'a', 40);
	strcpy(many + 40, "!");
	match_text(&m, &rs, many, strlen(many));
	CHECK(m.limit_hit, "limit hit");
	matcher_free(&m);

	/* defines: (?&NAME) expands to (?:BODY), in later defines too; escaped or unknown calls stay */
	CHECK_STR(parse(&rs,
		"define A (?:x|y)\n"
		"define AB (?&A)z\n"
		"verification v1 - ^(?&AB)$\n"
		"verification v2 - \\(?&A\\)\n"), "");
	CHECK_STR(rs.v[0].pattern, "^(?&AB)$");
	matcher_init(&m, &rs);
	match_text(&m, &rs, "yz", 2);
	CHECK_INT(m.counts[COT_B_VERIFICATION], 1);
	match_text(&m, &rs, "(?&A)", 5);
	CHECK_INT(m.counts[COT_B_VERIFICATION], 1);
	CHECK_STR(rs.v[m.ev[0].rule].name, "v2");
	matcher_free(&m);
	CHECK_STR(parse(&rs, "verification v1 - a\ndefine A x\nverification v2 - (?&A)\n"), "");
	CHECK_STR(parse(&rs, "define A x\ndefine A y\nverification v1 - a\n"), "t.rules:2: duplicate define 'A'\n");
	CHECK_STR(parse(&rs, "define A-b x\nverification v1 - a\n"),
		  "t.rules:1: bad define name 'A-b' (letters, digits, '_'; not a digit first; at most 32)\n");
	CHECK_STR(parse(&rs, "define A (\nverification v1 - a\n"),
		  "t.rules:1: define 'A': bad pattern at offset 1: missing closing parenthesis\n");
	CHECK_STR(parse(&rs, "define A x\nverification v1 - (?&A)(\n"),
		  "t.rules:2: rule 'v1': bad pattern at offset 6 (after expanding defines): missing closing parenthesis\n");
	CHECK_STR(parse(&rs, "define\n"), "t.rules:1: expected 'define NAME PATTERN'\n");
	CHECK_STR(parse(&rs, "defined v1 - x\n"),
		  "t.rules:1: unknown behaviour 'defined' (known: backtracking, verification, subgoal_setting, backward_chaining)\n");

	/* Unicode word boundaries by default; `ascii` restores ASCII ones */
	CHECK_STR(parse(&rs, "verification u - \\bve\\b\nbacktracking a ascii \\bve\\b\n"), "");
	matcher_init(&m, &rs);
	t = "na\xC3\xAFve ve";
	match_text(&m, &rs, t, strlen(t));
	CHECK_INT(m.counts[COT_B_VERIFICATION], 1);
	CHECK_INT(m.counts[COT_B_BACKTRACKING], 2);
	matcher_free(&m);

	/* sentence: one instance per sentence; the evidence stays the matched text */
	CHECK_STR(parse(&rs,
		"verification s sentence \\bcheck\\b\n"
		"verification p - \\bmatches\\b\n"
		"backtracking v veto,sentence \\bquestion\\b\n"
		"backtracking w - \\bwrong\\b\n"), "");
	matcher_init(&m, &rs);
	t = "check, check and matches. check 3.5 check\ncheck! matches wrong? wrong question. wrong";
	match_text(&m, &rs, t, strlen(t));
	CHECK_INT(m.counts[COT_B_VERIFICATION], 4); /* 3 sentences with check, 1 lone matches */
	CHECK_INT(m.counts[COT_B_BACKTRACKING], 2); /* the wrong in the question sentence is vetoed */
	CHECK_INT(m.ev[0].start, 0);
	CHECK_INT(m.ev[0].end, 5);
	CHECK_INT(m.ev[0].cstart, 0);
	CHECK_INT(m.ev[0].cend, 26);
	CHECK_INT(m.ev[1].start, 26);
	CHECK_INT(m.ev[1].cend, 42); /* "3.5" is no boundary; the newline is */
	matcher_free(&m);
	/* sentence+1: the rejection and the redo in the next sentence are one instance */
	CHECK_STR(parse(&rs, "backtracking w sentence+1 \\bwrong\\b\nbacktracking r - \\bredo\\b\n"), "");
	CHECK(rs.v[0].flags & RULE_SENTENCE, "sentence+1 implies sentence");
	matcher_init(&m, &rs);
	t = "That is wrong. Let me redo it. Then redo again. wrong";
	match_text(&m, &rs, t, strlen(t));
	CHECK_INT(m.counts[COT_B_BACKTRACKING], 3); /* wrong+redo, redo, the last wrong */
	CHECK_INT(m.ev[0].cend, 31);
	CHECK_INT(m.ev[2].start, 48);
	CHECK_INT(m.ev[2].cend, 53); /* no next sentence: its own */
	matcher_free(&m);

	/* a sentence match spanning two sentences stands for both */
	CHECK_STR(parse(&rs, "verification s sentence a\\. b\nverification p - \\bc\\b\n"), "");
	matcher_init(&m, &rs);
	t = "x a. b c. c";
	match_text(&m, &rs, t, strlen(t));
	CHECK_INT(m.counts[COT_B_VERIFICATION], 2);
	CHECK_INT(m.ev[0].cstart, 0);
	CHECK_INT(m.ev[0].cend, 10);
	matcher_free(&m);

	/* escaped line breaks ("\\n" written out) match as real ones; TeX's \\neq does not */
	CHECK_STR(parse(&rs, "verification f case (?m)^First\\b\nbacktracking s sentence \\bwrong\\b\n"), "");
	matcher_init(&m, &rs);
	t = "abc\\nFirst";
	match_text(&m, &rs, t, strlen(t));
	CHECK_INT(m.counts[COT_B_VERIFICATION], 1);
	CHECK_INT(m.ev[0].start, 5);
	t = "a \\neq First, x\\\\nFirst, \\nfirst";
	match_text(&m, &rs, t, strlen(t));
	CHECK_INT(m.counts[COT_B_VERIFICATION], 0);
	t = "wrong\\n\\nwrong\\twrong";
	match_text(&m, &rs, t, strlen(t));
	/* in visibly escaped text (a "\\n\\n") every escape is a break; a newline ends a sentence */
	CHECK_INT(m.counts[COT_B_BACKTRACKING], 2);
	CHECK_INT(m.ev[1].cstart, 9);
	CHECK_INT(m.nraw, 3);
	matcher_free(&m);

	/* the built-in set loads and covers every behaviour */
	rules_free(&rs);
	struct buf err = {0};
	buf_reset(&err);
	CHECK_INT(rules_load_builtin(&rs, &err), 0);
	CHECK_STR(err.p, "");
	int seen[COT_NBEHAV] = {0};
	for (size_t i = 0; i < rs.n; i++)
		seen[rs.v[i].behaviour]++;
	for (int b = 0; b < COT_NBEHAV; b++)
		CHECK(seen[b] > 0, "behaviour %d has rules", b);
	/* the hash: the built-in set's without compiling it; base names, not paths */
	CHECK(rs.hash == rules_builtin_hash(), "built-in hash %016llx", rs.hash);
	CHECK(rules_hash_file(FNV64_INIT, "a/b/x.rules", "t", 1) == rules_hash_file(FNV64_INIT, "x.rules", "t", 1),
	      "the directory does not count");
	CHECK(rules_hash_file(FNV64_INIT, "x.rules", "t", 1) != rules_hash_file(FNV64_INIT, "y.rules", "t", 1),
	      "the name counts");
	CHECK(rules_hash_file(FNV64_INIT, "x.rules", "t", 1) != rules_hash_file(FNV64_INIT, "x.rules", "u", 1),
	      "the bytes count");
	/* FNV-1a 64 of "x\0t", worked out by hand from the offset basis and prime */
	unsigned long long h = 0xcbf29ce484222325ULL;
	const unsigned char bytes[] = { 'x', 0, 't' };
	for (int i = 0; i < 3; i++)
		h = (h ^ bytes[i]) * 0x100000001b3ULL;
	CHECK(rules_hash_file(FNV64_INIT, "dir/x", "t", 1) == h, "FNV-1a of base name, NUL, bytes");

	/* sentence starts (match.h): newline, or . ! ? before white space; blanks skipped */
	size_t *v = NULL, cap = 0;
	const char *st = "One. Two?  Three\nFour.Five!\n\n";
	size_t n = match_sentence_starts(st, strlen(st), &v, &cap);
	CHECK_INT((int)n, 4);
	CHECK_INT((int)v[0], 0);
	CHECK_INT((int)v[1], 5);
	CHECK_INT((int)v[2], 11);
	CHECK_INT((int)v[3], 17);
	free(v);

	buf_free(&err);
	rules_free(&rs);
	return unit_done("test_rules");
}
