/* Unit tests of util.c: UTF-8 validation, buffers, hashing, whole numbers. */
#include "cotscan.h"
#include "unit.h"
#include "util.h"

int main(void)
{
	static const struct { const char *s; size_t n, want; } u[] = {
		{ "plain ascii text", 16, 16 },
		{ "caf\xC3\xA9", 5, 5 },
		{ "\xE2\x9C\x93 ok", 6, 6 },              /* U+2713 */
		{ "\xF0\x9F\x98\x80", 4, 4 },             /* U+1F600 */
		{ "ab\xC0\xAF", 4, 2 },                   /* overlong '/' */
		{ "\xE0\x80\xAF", 3, 0 },                 /* overlong, 3 bytes */
		{ "x\xED\xA0\x80", 4, 1 },                /* UTF-16 surrogate D800 */
		{ "\xF4\x90\x80\x80", 4, 0 },             /* above U+10FFFF */
		{ "abc\x80", 4, 3 },                      /* stray continuation */
		{ "abc\xC3", 4, 3 },                      /* cut sequence at end */
		{ "0123456789abcdef\xFF", 17, 16 },       /* after the 8-byte fast path */
		{ "\xF8\x88\x80\x80\x80", 5, 0 },         /* 5-byte form */
	};
	for (size_t i = 0; i < sizeof u / sizeof *u; i++)
		CHECK(util_utf8_valid_prefix(u[i].s, u[i].n) == u[i].want, "case %zu: got %zu want %zu", i,
		      util_utf8_valid_prefix(u[i].s, u[i].n), u[i].want);

	struct buf b = {0};
	buf_reset(&b);
	CHECK_STR(b.p, "");
	buf_addstr(&b, "ab");
	buf_addc(&b, 'c');
	buf_printf(&b, "%d-%s", 42, "x");
	CHECK_STR(b.p, "abc42-x");
	CHECK_INT(b.len, 7);
	for (int i = 0; i < 1000; i++)
		buf_addstr(&b, "0123456789");
	CHECK_INT(b.len, 10007);
	buf_free(&b);

	/* FNV-1a 64 reference values */
	CHECK(util_fnv64(FNV64_INIT, "", 0) == 0xcbf29ce484222325ULL, "empty");
	CHECK(util_fnv64(FNV64_INIT, "a", 1) == 0xaf63dc4c8601ec8cULL, "a");

	/* util_parse_uint: plain decimal digits, nothing else, no overflow */
	static const struct { const char *s; int rc; unsigned long long v; } num[] = {
		{ "0", 0, 0 },
		{ "7", 0, 7 },
		{ "007", 0, 7 },
		{ "1234567890", 0, 1234567890ULL },
		{ "18446744073709551615", 0, 18446744073709551615ULL },
		{ "18446744073709551616", -1, 0 },
		{ "99999999999999999999999", -1, 0 },
		{ "184467440737095516150", -1, 0 },
		{ "", -1, 0 },
		{ "-1", -1, 0 },
		{ "+1", -1, 0 },
		{ " 1", -1, 0 },
		{ "1 ", -1, 0 },
		{ "1x", -1, 0 },
		{ "0x10", -1, 0 },
		{ "1.5", -1, 0 },
	};
	for (size_t i = 0; i < sizeof num / sizeof *num; i++) {
		unsigned long long v = 42;
		int rc = util_parse_uint(num[i].s, &v);
		CHECK(rc == num[i].rc, "'%s': rc %d", num[i].s, rc);
		CHECK(v == (num[i].rc == 0 ? num[i].v : 42), "'%s': value %llu", num[i].s, v);
	}

	/* util_utf8_decode: the code point and length of one character, 0 when it is not whole and valid */
	struct {
		const char *s;
		size_t n, want;
		unsigned cp;
	} d[] = {
		{ "a", 1, 1, 'a' }, { "\xc3\xa9", 2, 2, 0xe9 }, { "\xe2\x9c\x93", 3, 3, 0x2713 },
		{ "\xf0\x9f\x98\x80", 4, 4, 0x1f600 }, { "\xc3", 1, 0, 0 }, { "\x80", 1, 0, 0 },
		{ "\xc0\xaf", 2, 0, 0 }, { "\xed\xa0\x80", 3, 0, 0 }, { "\xf4\x90\x80\x80", 4, 0, 0 },
		{ "\xe2\x9cx", 3, 0, 0 },
	};
	for (size_t i = 0; i < sizeof d / sizeof *d; i++) {
		unsigned cp = 0;
		size_t got = util_utf8_decode(d[i].s, d[i].n, &cp);
		CHECK(got == d[i].want && (!got || cp == d[i].cp), "decode case %zu: %zu U+%04X", i, got, cp);
	}

	CHECK_STR(cot_behaviour_name(COT_B_BACKWARD), "backward_chaining");
	CHECK_INT(cot_behaviour_lookup("verification", 12), COT_B_VERIFICATION);
	CHECK_INT(cot_behaviour_lookup("verify", 6), -1);
	CHECK_STR(cot_skip_name(COT_SKIP_BAD_UTF8), "invalid_utf8");
	CHECK_STR(cot_defect_name(COT_D_TRUNCATED), "truncated");
	return unit_done("test_util");
}
