/*
 * Differential test of the literal pass (match.c, literals.c): random rule
 * sets built from every construct of the rule language, over random texts
 * (words the rules name, white space of every kind, sentence ends, escaped
 * breaks, the two characters that fold to ASCII letters, other non-ASCII),
 * must match exactly as the reference path does.  Also: the literal reader
 * on known patterns, and the case-folding facts it relies on.
 */
#include <stdlib.h>

#include "engine_diff.h"
#include "literals.h"
#include "unit.h"

static unsigned long long rng = 88172645463325252ULL;
static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static const char *const words[] = { "let", "me", "check", "is", "not", "wait", "no", "try", "again",
				     "we", "need", "to", "find", "k", "s", "ok", "that", "this", "work", "back" };
#define NWORDS (sizeof words / sizeof *words)

static const char *const atoms[] = {
	"\\b", "\\s+", "\\s*", "\\s", " ", "[^.\\n]{0,12}?", "[^,.\\n]{1,8}", "\\w+", "\\w", ".", "\\d+", "\\d",
	"[a-k]", "[[:alpha:]]+", "[ \\t]*", "^", "$", "(?=\\s)", "(?!no)", "(?<=\\s)", "(?<!\\w)", "\\K",
	"\\Qa.b\\E", "\\x41", "\\.", ",", "[.!?]", "\\n", "✓", "é", "\\bK\\b", "(?i)", "(?-i)", "\\S+",
	"\\p{L}+", "\\R", "\\h", "[\\s]+", "(?#c)", "(?:)", "\\B", "\\A", "\\z", "[^\\s]{2}",
	"[\\d,]*", "\\d*", "[a-c]+", "\\w*", "[^\\s]*", "(?:ok)+", "[-.]*", "[[:digit:]]+", "\\W*",
	"[\\x41-\\x43]+", "[^k]*?", "(?:no\\s+)*", "[.!?]+", "[^a-z]+", "\\S*",
};
#define NATOMS (sizeof atoms / sizeof *atoms)

static void gen_pattern(struct buf *b, int depth)
{
	int n = 1 + (int)rnd(4);
	for (int i = 0; i < n; i++) {
		unsigned k = rnd(10);
		if (k < 4)
			buf_addstr(b, words[rnd(NWORDS)]);
		else if (k < 7)
			buf_addstr(b, atoms[rnd(NATOMS)]);
		else if (depth < 3) {
			static const char *const open[] = { "(?:", "(", "(?>", "(?|", "(?<n%u>", "(?i:" };
			unsigned o = rnd(6);
			if (o == 4)
				buf_printf(b, "(?<n%u>", rnd(1000000));
			else
				buf_addstr(b, open[o]);
			int alts = 1 + (int)rnd(3);
			for (int a = 0; a < alts; a++) {
				if (a)
					buf_addc(b, '|');
				gen_pattern(b, depth + 1);
			}
			buf_addc(b, ')');
		} else
			buf_addstr(b, words[rnd(NWORDS)]);
		unsigned q = rnd(12);
		static const char *const quant[] = { "?", "*", "+", "{2}", "{0,3}", "{1,}", "??", "+?" };
		if (q < 8 && b->len && b->p[b->len - 1] != '(' )
			buf_addstr(b, quant[q]);
	}
}

static void gen_rules(struct buf *b)
{
	static const char *const beh[] = { "backtracking", "verification", "subgoal_setting", "backward_chaining" };
	static const char *const flags[] = { "-", "-", "-", "case", "sentence", "sentence+1", "ascii", "veto", "veto,sentence" };
	buf_reset(b);
	int n = 1 + (int)rnd(4);
	for (int i = 0; i < n; i++) {
		buf_printf(b, "%s r%d %s ", beh[rnd(2)], i, i == 0 ? "-" : flags[rnd(9)]);
		if (rnd(3) == 0)
			buf_addstr(b, "\\b");
		gen_pattern(b, 0);
		buf_addc(b, '\n');
	}
}

static void gen_text(struct buf *b)
{
	static const char *const seps[] = { " ", " ", " ", "  ", "\n", ". ", ", ", "! ", "\t", "\xC2\xA0",
					    "\\n", "\\n\\n", "3", " 42 ", "-", "\xE2\x80\x83", "1,000", "..", "_", "**", "?!" };
	static const char *const odd[] = { LIT_FOLD_KELVIN, LIT_FOLD_LONG_S, "\xC3\x89", "\xC3\xA9", "\xE2\x9C\x93",
					   "A.B", "a.b", "K", "S", "LET", "Check" };
	buf_reset(b);
	int n = (int)rnd(60);
	for (int i = 0; i < n; i++) {
		unsigned k = rnd(20);
		if (k < 12)
			buf_addstr(b, words[rnd(NWORDS)]);
		else if (k < 19)
			buf_addstr(b, seps[rnd(sizeof seps / sizeof *seps)]);
		else
			buf_addstr(b, odd[rnd(sizeof odd / sizeof *odd)]);
	}
	if (!b->p)
		buf_addstr(b, "");
}

static void check_lits(const char *pat, const char *want_first, size_t want_back)
{
	struct lit_set s;
	const char *why;
	int rc = lit_required(pat, &s, &why);
	CHECK(rc == 0, "%s: no literals (%s)", pat, why ? why : "");
	if (rc == 0) {
		CHECK(s.n > 0 && strlen(want_first) == s.v[0].len && memcmp(s.v[0].s, want_first, s.v[0].len) == 0,
		      "%s: first literal %.*s, want %s", pat, s.n ? s.v[0].len : 0, s.n ? (const char *)s.v[0].s : "",
		      want_first);
		CHECK(s.back == want_back, "%s: back %zu, want %zu", pat, s.back, want_back);
	}
}

static void check_none(const char *pat)
{
	struct lit_set s;
	const char *why = NULL;
	CHECK(lit_required(pat, &s, &why) < 0 && why, "%s: should take the reference path", pat);
}

int main(void)
{
	/* the literal reader */
	check_lits("\\blet\\s+me\\s+check\\b", "check", 5);
	check_lits("\\b(?:let's|let\\s+us)\\s+verify", "verify", 5);
	check_lits("(?:wait|hmm),\\s+no\\b", "wait,", 0);
	check_lits("\\Qa+b\\E", "a+b", 0);
	check_lits("\\x{2713}", "\xE2\x9C\x93", 0);
	check_lits("[^.\\n]{0,40}?\\bbackwards\\b", "backwards", 40);
	check_lits("(?m)^[ \\t]*step\\s+\\d", "step", 0);
	check_none("\\Gcheck");
	check_none("(*COMMIT)check");
	check_none("(?x) check");
	check_none("(a)(?1)");
	check_none("\\w+\\s+\\w+");
	check_none("(?:check)?");
	check_none("(?=check)\\w+");

	/* PCRE2's caseless UCP matching folds to an ASCII letter only from U+212A (k) and U+017F (s) */
	for (unsigned c = 'a'; c <= 'z'; c++) {
		char pat[8];
		snprintf(pat, sizeof pat, "%c", (char)c);
		int ec;
		PCRE2_SIZE eo;
		pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, 1, PCRE2_UTF | PCRE2_CASELESS | PCRE2_UCP, &ec, &eo, NULL);
		pcre2_match_data *md = pcre2_match_data_create(1, NULL);
		int others = 0, expected = 0;
		for (unsigned cp = 0x80; cp < 0x10000; cp++) {
			if (cp >= 0xD800 && cp < 0xE000)
				continue;
			unsigned char u[4];
			size_t n = cp < 0x800 ? 2 : 3;
			if (n == 2) {
				u[0] = (unsigned char)(0xC0 | cp >> 6);
				u[1] = (unsigned char)(0x80 | (cp & 0x3F));
			} else {
				u[0] = (unsigned char)(0xE0 | cp >> 12);
				u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
				u[2] = (unsigned char)(0x80 | (cp & 0x3F));
			}
			if (pcre2_match(re, u, n, 0, 0, md, NULL) >= 0) {
				if ((c == 'k' && cp == 0x212A) || (c == 's' && cp == 0x17F))
					expected++;
				else
					others++;
			}
		}
		CHECK(others == 0 && expected == (c == 'k' || c == 's'), "letter %c folds from %d other characters", c, others);
		pcre2_match_data_free(md);
		pcre2_code_free(re);
	}

	/* random rule sets and texts */
	struct buf rules = {0}, text = {0};
	int sets = 0, cases = 0, skipped = 0, fast_rules = 0, total_rules = 0, bad = 0;
	for (int it = 0; it < 4000; it++) {
		gen_rules(&rules);
		struct engine_pair p;
		if (engine_pair_load(&p, rules.p, rules.len) < 0)
			continue;
		sets++;
		for (size_t i = 0; i < p.fast.n; i++)
			fast_rules += p.fast.v[i].lits != NULL;
		total_rules += (int)p.fast.n;
		for (int t = 0; t < 12; t++) {
			gen_text(&text);
			char why[200];
			int rc = engine_pair_compare(&p, text.p, text.len, why, sizeof why);
			cases++;
			skipped += rc == 1;
			if (rc < 0 && bad++ < 5)
				CHECK(0, "rules:\n%stext: \"%s\"\n%s", rules.p, text.p, why);
			else
				unit_pass++;
		}
		engine_pair_free(&p);
	}
	CHECK(bad == 0, "%d differing cases", bad);
	CHECK(sets > 500 && fast_rules > total_rules / 4, "%d sets, %d of %d rules on the literal pass", sets, fast_rules, total_rules);
	printf("test_engine: %d rule sets (%d rules, %d on the literal pass), %d texts, %d stopped at a limit\n",
	       sets, total_rules, fast_rules, cases, skipped);
	buf_free(&rules);
	buf_free(&text);
	return unit_done("test_engine");
}
