/*
 * test_prefilter.c - the literal-prefix index: which prefixes a pattern
 * yields, the library facts it relies on, and that matching through it finds
 * exactly what a scan of every rule finds (random texts, tricky bytes).
 */
#include <stdlib.h>

#include "match.h"
#include "prefilter.h"
#include "rules.h"
#include "unit.h"

/*
 * The prefixes of pattern as "[p1][p2]..." with PF_WS as '_', PF_DIGIT as
 * '#', a word start (\b) as '^' and a line start as '$'; or "NONE".
 */
static const char *prefixes(const char *pattern, int caseless)
{
	static char out[4096];
	struct pf_set s;
	if (prefilter_prefixes(pattern, caseless, &s) < 0)
		return "NONE";
	size_t n = 0;
	for (size_t i = 0; i < s.n; i++) {
		n += (size_t)snprintf(out + n, sizeof out - n, "[%s%s", s.v[i].line ? "$" : "", s.v[i].word ? "^" : "");
		for (size_t k = 0; k < s.v[i].len; k++)
			out[n++] = s.v[i].s[k] == PF_WS ? '_' : s.v[i].s[k] == PF_DIGIT ? '#' : (char)s.v[i].s[k];
		n += (size_t)snprintf(out + n, sizeof out - n, "]");
	}
	out[n] = '\0';
	return out;
}

static int enc(unsigned c, unsigned char *o)
{
	if (c < 0x80) {
		o[0] = (unsigned char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (unsigned char)(0xC0 | c >> 6);
		o[1] = (unsigned char)(0x80 | (c & 63));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (unsigned char)(0xE0 | c >> 12);
		o[1] = (unsigned char)(0x80 | (c >> 6 & 63));
		o[2] = (unsigned char)(0x80 | (c & 63));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | c >> 18);
	o[1] = (unsigned char)(0x80 | (c >> 12 & 63));
	o[2] = (unsigned char)(0x80 | (c >> 6 & 63));
	o[3] = (unsigned char)(0x80 | (c & 63));
	return 4;
}

/* Every non-ASCII code point the installed PCRE2 matches with pattern, as "U+XXXX " items. */
static const char *non_ascii_matches(const char *pattern)
{
	static char out[1024];
	int ec;
	PCRE2_SIZE eo;
	pcre2_code *c = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
				      PCRE2_UTF | PCRE2_UCP | PCRE2_ANCHORED | PCRE2_ENDANCHORED, &ec, &eo, NULL);
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	size_t n = 0;
	out[0] = '\0';
	for (unsigned cp = 0x80; cp < 0x110000; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		unsigned char b[4];
		int l = enc(cp, b);
		if (pcre2_match(c, b, (size_t)l, 0, 0, md, NULL) >= 0 && n < sizeof out - 16)
			n += (size_t)snprintf(out + n, sizeof out - n, "U+%04X ", cp);
	}
	pcre2_match_data_free(md);
	pcre2_code_free(c);
	return out;
}

/* How many code points outside [lo1,hi1] and [lo2,hi2] match "(?i)[those ranges]" (the caseless_safe claim). */
static size_t caseless_outside(unsigned lo1, unsigned hi1, unsigned lo2, unsigned hi2, size_t *inside)
{
	char pat[128];
	snprintf(pat, sizeof pat, "(?i)[\\x{%x}-\\x{%x}\\x{%x}-\\x{%x}]", lo1, hi1, lo2, hi2);
	int ec;
	PCRE2_SIZE eo;
	pcre2_code *c = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
				      PCRE2_UTF | PCRE2_UCP | PCRE2_ANCHORED | PCRE2_ENDANCHORED, &ec, &eo, NULL);
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	size_t out = 0;
	*inside = 0;
	for (unsigned cp = 0; cp < 0x110000; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		unsigned char b[4];
		int l = enc(cp, b);
		if (pcre2_match(c, b, (size_t)l, 0, 0, md, NULL) >= 0) {
			if ((cp >= lo1 && cp <= hi1) || (cp >= lo2 && cp <= hi2))
				++*inside;
			else
				out++;
		}
	}
	pcre2_match_data_free(md);
	pcre2_code_free(c);
	return out;
}

/* Matches text with and without the index; returns 1 when the results are the same. */
static int same_both_ways(struct ruleset *rs, struct matcher *m, const char *text, size_t len)
{
	struct pf_index *ix = rs->pf;
	rs->pf = NULL;
	match_text(m, rs, text, len);
	size_t nev = m->nev;
	struct match *ref = malloc((nev ? nev : 1) * sizeof *ref);
	memcpy(ref, m->ev, nev * sizeof *ref);
	unsigned counts[COT_NBEHAV];
	memcpy(counts, m->counts, sizeof counts);
	int limit = m->limit_hit;
	rs->pf = ix;
	match_text(m, rs, text, len);
	int same = m->nev == nev && memcmp(m->ev, ref, nev * sizeof *ref) == 0 &&
		   memcmp(m->counts, counts, sizeof counts) == 0 && m->limit_hit == limit;
	if (!same)
		fprintf(stderr, "differs on: %.*s\n", (int)len, text);
	free(ref);
	return same;
}

/* Pieces of text that exercise the rules and the index's corner cases. */
static const char *const pieces[] = {
	"Let's try again", "let me   try\tover", "LET US TRY AGAIN", "I'll try", "we will\nstart over",
	"this doesn't work", "that did not help", "I made a mistake", "we have made an error",
	"wait, that's wrong", "Hmm. this is incorrect", "let's recalculate", "let me re-examine the problem",
	"go back to the original", "going back to the start", "not 5, so let's try", "working backwards",
	"to get 24 we need", "for this to hold we must", "target minus 3 so we need", "since the goal is 7 we must",
	"in order to reach 10 we need", "first, we need to find", "To find x, we first need to",
	"Step 2: find the radius", "1. compute", "break this problem down into parts", "next we need to find",
	"our goal is to", "let's verify", "to double-check", "which matches the target", "it does not equal 5",
	"= 24 \xe2\x9c\x93", "\xe2\x89\x88 3.14 \\checkmark", "substituting back", "this is correct", "sanity check",
	"\xe2\x84\xaa" "elvin", "let'\xc5\xbf try again", "\xc5\xbf" "anity check", "this\xc2\xa0" "is correct",
	"we\xe2\x80\x83will start over", "this\xe3\x80\x80" "doesn't work", "caf\xc3\xa9 it is right",
	"lets", "letter", "blet's try again", "_this is right", "9this is right", "\xe4\xb8\xad\xe6\x96\x87",
	" ", "  ", "\n", ".", ",", "'", "it", "is", "the answer is correct", "The Answer Seems Right",
};

int main(void)
{
	/* prefixes: literals, groups, alternations, optional parts, \s runs */
	CHECK_STR(prefixes("\\bcheck\\b", 1), "[^check]");
	CHECK_STR(prefixes("\\b(?:let(?:'s| me)|we)\\s+try", 1), "[^let's_try][^let me_try][^we_try]");
	CHECK_STR(prefixes("Check", 1), "[check]");
	CHECK_STR(prefixes("Check", 0), "[Check]");
	CHECK_STR(prefixes("\\bwork(?:ing)?\\s+backwards?\\b", 1), "[^work_backward][^working_backward]");
	CHECK_STR(prefixes("ab?c", 1), "[ac][abc]");
	CHECK_STR(prefixes("ab*c", 1), "[ac][ab]");
	CHECK_STR(prefixes("ab+c", 1), "[ab]");
	CHECK_STR(prefixes("a{2}b", 1), "[a]");
	CHECK_STR(prefixes("a\\.b\\-c", 1), "[a.b-c]");
	CHECK_STR(prefixes("a\\s*b", 1), "[ab][a_b]");
	CHECK_STR(prefixes("a\\s+\\s+b", 1), "[a_b]");
	CHECK_STR(prefixes("a\\s+ b", 1), "[a_]");
	CHECK_STR(prefixes("a \\s+b", 1), "[a _b]");
	CHECK_STR(prefixes("(?:a|b)(?:c|d)", 1), "[ac][ad][bc][bd]");
	CHECK_STR(prefixes("(a|bc)d", 1), "[ad][bcd]");
	CHECK_STR(prefixes("a(?=b)c", 1), "[ac]");
	CHECK_STR(prefixes("(?<=x\\s|y)ab", 1), "[ab]");
	CHECK_STR(prefixes("\\bab|\\bcd|e", 1), "[^ab][^cd][e]");
	CHECK_STR(prefixes("a\\bc", 1), "[a]");
	CHECK_STR(prefixes("(?:\\ba|b)c", 1), "[^ac][bc]");
	CHECK_STR(prefixes("\\ba|ab", 1), "[^a][ab]");
	CHECK_STR(prefixes("a|\\bab", 1), "[a]");
	CHECK_STR(prefixes("a[xy]b", 1), "[axb][ayb]");
	CHECK_STR(prefixes("a[X-Zq]", 1), "[ax][ay][az][aq]");
	CHECK_STR(prefixes("a[^x]b", 1), "[a]");
	CHECK_STR(prefixes("a[\\w.]b", 1), "[a]");
	CHECK_STR(prefixes("a[a-z]b", 1), "[a]");
	CHECK_STR(prefixes("a[ \\t]+b[ ]*c", 1), "[a_bc][a_b_c]");
	CHECK_STR(prefixes("a\\d+b\\d?c", 1), "[a#]");
	CHECK_STR(prefixes("x\\d?c", 1), "[xc][x#c]");
	CHECK_STR(prefixes("a\\tb", 1), "[a\tb]");
	CHECK_STR(prefixes("a\x01" "b", 1), "[a]");
	CHECK_STR(prefixes("\xe2\x9c\x93 ok", 1), "[\xe2\x9c\x93 ok]");
	CHECK_STR(prefixes("\xe2\x84\xaa", 1), "NONE");
	CHECK_STR(prefixes("\\b(?:it|\\d)x", 1), "[^itx][#x]");
	CHECK_STR(prefixes("\\b(?:it|\\w)x", 1), "NONE");
	CHECK_STR(prefixes("(?:a|)b", 1), "[ab][b]");
	CHECK_STR(prefixes("(?:a|)", 1), "NONE");
	CHECK_STR(prefixes("x?y", 1), "[y][xy]");
	CHECK_STR(prefixes("\\b'x", 1), "['x]");
	CHECK_STR(prefixes("\xc3\xa9t\xc3\xa9", 1), "NONE");
	CHECK_STR(prefixes("\xc3\xa9t\xc3\xa9", 0), "[\xc3\xa9t\xc3\xa9]");
	CHECK_STR(prefixes("[=x]y", 0), "[=y][xy]");
	CHECK_STR(prefixes("(?m)^step", 1), "[$step]");
	CHECK_STR(prefixes("^step", 1), "NONE");
	CHECK_STR(prefixes("(?m)(?:^[ \\t]*|[.!]\\s+)\\Kto", 1), "[$to][$_to][._to][!_to]");
	CHECK_STR(prefixes("(?m)^[ #]*x", 1), "[$x][$ ][$#]");
	CHECK_STR(prefixes("(?m)a^b", 1), "[a]");
	CHECK_STR(prefixes("(?i)abc", 0), "NONE");
	CHECK_STR(prefixes("abc(*SKIP)d", 1), "NONE");
	CHECK_STR(prefixes("\\Gabc", 1), "NONE");
	CHECK_STR(prefixes("a\\Kbc", 1), "[abc]");
	CHECK_STR(prefixes("abc)", 1), "NONE");
	CHECK_STR(prefixes("a(?:b[)|]c|d)e", 1), "[ab)ce][ab|ce][ade]");
	CHECK_STR(prefixes("a(?<n>b)c", 1), "[a]");
	CHECK_STR(prefixes("abcdefghijklmnopqrstuvwxyz", 1), "[abcdefghijklmnop]");
	CHECK_STR(prefixes("a|b|c", 1), "[a][b][c]");
	CHECK_STR(prefixes("ab|a", 1), "[a]");

	/* the library facts the index relies on (prefilter.h): the only non-ASCII
	 * characters that match an ASCII letter caselessly, and \s with UCP */
	CHECK_STR(non_ascii_matches("(?i)k"), "U+212A ");
	CHECK_STR(non_ascii_matches("(?i)s"), "U+017F ");
	CHECK_STR(non_ascii_matches("(?i)[abcdefghijlmnopqrtuvwxyz]"), "");
	CHECK_STR(non_ascii_matches("\\s"), "U+0085 U+00A0 U+1680 U+180E U+2000 U+2001 U+2002 U+2003 U+2004 "
					    "U+2005 U+2006 U+2007 U+2008 U+2009 U+200A U+2028 U+2029 U+202F "
					    "U+205F U+3000 ");

	/* the symbol blocks whose characters have no other case (caseless_safe) */
	size_t inside;
	CHECK_INT(caseless_outside(0x2190, 0x23FF, 0x2500, 0x27BF, &inside), 0);
	CHECK_INT(inside, (0x23FF - 0x2190 + 1) + (0x27BF - 0x2500 + 1));

	/* the built-in rules: the same matches with and without the index on
	 * texts made of the pieces above, joined by assorted separators */
	struct ruleset rs = {0};
	struct buf err = {0};
	buf_reset(&err);
	CHECK(rules_load_builtin(&rs, &err) == 0 && rules_finish(&rs, &err) == 0, "%s", err.p);
	CHECK(rs.pf != NULL, "no index for the built-in rules");
	size_t indexed = 0;
	for (unsigned i = 0; i < rs.n; i++)
		indexed += pf_index_has(rs.pf, i);
	CHECK(indexed * 4 >= rs.n * 3, "only %zu of %zu rules indexed", indexed, rs.n);
	struct matcher m;
	matcher_init(&m, &rs);
	static const char *const seps[] = { " ", ". ", "\n", "", "  ", "\t", ", ", "\xc2\xa0" };
	srand(7);
	size_t npieces = sizeof pieces / sizeof *pieces, differ = 0, found = 0;
	struct buf text = {0};
	for (int round = 0; round < 3000; round++) {
		buf_reset(&text);
		int n = 1 + rand() % 12;
		for (int k = 0; k < n; k++) {
			buf_addstr(&text, pieces[(size_t)rand() % npieces]);
			buf_addstr(&text, seps[(size_t)rand() % (sizeof seps / sizeof *seps)]);
		}
		differ += !same_both_ways(&rs, &m, text.p, text.len);
		found += m.nev;
	}
	CHECK_INT(differ, 0);
	CHECK(found > 3000, "the random texts matched only %zu times", found);
	/* every prefix of every piece, so texts end in the middle of a prefix */
	for (size_t i = 0; i < npieces; i++)
		for (size_t l = 0; l <= strlen(pieces[i]); l++)
			differ += !same_both_ways(&rs, &m, pieces[i], l);
	CHECK_INT(differ, 0);
	matcher_free(&m);
	rules_free(&rs);

	/* a rule file of the index's corner cases: case-sensitive rules, a
	 * literal space next to \s+, optional groups, a \K, non-ASCII literals */
	const char *rules =
		"verification c1 case Check\\s+it\n"
		"verification c2 - a \\s+b\n"
		"verification c3 - x\\s+\\s+y\n"
		"backtracking c4 - \\bk(?:elvin)?s\n"
		"backtracking c5 case \xc3\xa9t\xc3\xa9\\b\n"
		"subgoal_setting c6 - ab?c\\Kd\n"
		"subgoal_setting c7 - (?:s|t)(?:s|t)\n"
		"backward_chaining c8 - \\b(?:it|its)\\b\n"
		"backward_chaining c9 veto \\bits\\b\n"
		"backward_chaining c10 - (?m)(?:^[ \\t]*|[.;]\\s+)\\K(?:so|then)\\b\n"
		"backward_chaining c11 - (?m)^[ >#*-]*(?:\\*\\*)?step\\s+\\d+\n"
		"verification c12 - (?:\\b(?:is|gives)|=)\\s*\\$?-?\\d[\\d.]*\\s*(?:\xe2\x9c\x93|ok)\n"
		"verification c13 - (?<=\\bour\\s|\\bthe\\s)goal\\s+is\\b\n"
		"subgoal_setting c14 - \\b(?:x|y)[ \\t]+z\\b\n";
	CHECK(rules_parse(&rs, "t.rules", rules, strlen(rules), &err) == 0 && rules_finish(&rs, &err) == 0,
	      "%s", err.p);
	matcher_init(&m, &rs);
	static const char *const bits[] = {
		"Check it", "check it", "CHECK  it", "a b", "a  b", "a\tb", "a \xc2\xa0" "b", "x y", "x  y", "x\xe2\x80\x83 y",
		"ks", "kelvins", "\xe2\x84\xaa" "s", "\xe2\x84\xaa" "elvin\xc5\xbf", "\xc3\xa9t\xc3\xa9", "\xc3\x89t\xc3\xa9",
		"acd", "abcd", "abd", "ss", "st", "\xc5\xbft", "it", "its", "it's", "xits", " ", "\n",
		"so", "then", "  so", "\tthen", ". so", "; then", ".so", "step 3", "**Step 12", "> - step 1", " step x",
		"is 5 ok", "gives -3.5 \xe2\x9c\x93", "= $12 ok", "=7ok", "is \xd9\xa3 ok", "our goal is", "the  goal is",
		"x z", "y\t z", "xz", "\r\n", "\xc2\x85" "so", "\xe2\x80\xa8" "then",
	};
	size_t nbits = sizeof bits / sizeof *bits;
	for (int round = 0; round < 3000; round++) {
		buf_reset(&text);
		int n = 1 + rand() % 10;
		for (int k = 0; k < n; k++) {
			buf_addstr(&text, bits[(size_t)rand() % nbits]);
			buf_addstr(&text, seps[(size_t)rand() % (sizeof seps / sizeof *seps)]);
		}
		differ += !same_both_ways(&rs, &m, text.p, text.len);
		found += m.nev;
	}
	CHECK_INT(differ, 0);
	for (unsigned i = 0; i < rs.n; i++)
		CHECK(pf_index_has(rs.pf, i), "rule %s not indexed", rs.v[i].name);
	matcher_free(&m);
	rules_free(&rs);
	buf_free(&text);
	buf_free(&err);
	return unit_done("prefilter");
}
