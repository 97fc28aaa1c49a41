/* Unit tests of gate.c: --max/--min arguments and config lines. */
#include "cotscan.h"
#include "gate.h"
#include "unit.h"

static struct buf err;

/* Parses a config line; returns the result and keeps the check in *c. */
static int line(struct gate_check *c, const char *s)
{
	buf_reset(&err);
	return gate_parse_line(c, s, &err);
}

int main(void)
{
	struct gate_check c;

	/* arguments */
	buf_reset(&err);
	CHECK_INT(gate_parse_arg(&c, '<', "empty=0.01", &err), 0);
	CHECK(c.kind == GK_DEFECT && c.which == COT_D_EMPTY && c.op == '<' && c.limit == 0.01 && !c.model, "empty");
	gate_check_free(&c);
	CHECK_INT(gate_parse_arg(&c, '>', "verification@Qwen/Qwen2.5-7B=20%", &err), 0);
	CHECK(c.kind == GK_BEHAVIOUR && c.which == COT_B_VERIFICATION && c.limit == 0.2, "behaviour");
	CHECK_STR(c.model, "Qwen/Qwen2.5-7B");
	CHECK_STR(c.key, "verification@Qwen/Qwen2.5-7B");
	gate_check_free(&c);
	CHECK_INT(gate_parse_arg(&c, '<', "padded@*=0", &err), 0);
	CHECK_STR(c.model, "*");
	gate_check_free(&c);
	CHECK_INT(gate_parse_arg(&c, '<', "skipped=.001", &err), 0);
	CHECK(c.kind == GK_SKIPPED && c.limit == 0.001, "skipped");
	gate_check_free(&c);
	CHECK_INT(gate_parse_arg(&c, '<', "bad_json=0", &err), 0);
	CHECK(c.kind == GK_SKIP_REASON && c.which == COT_SKIP_BAD_JSON, "a skip reason");
	gate_check_free(&c);

	static const struct {
		const char *spec, *msg;
	} bad[] = {
		{ "empty", "expected KEY=RATE" },
		{ "bogus=0.1", "unknown key 'bogus'" },
		{ "blank=0.1", "unknown key 'blank'" },
		{ "empty=1.5", "outside 0..1" },
		{ "empty=150%", "outside 0..1" },
		{ "empty=-0.1", "bad rate" },
		{ "empty=abc", "bad rate" },
		{ "empty=", "bad rate" },
		{ "empty=0.1x", "bad rate" },
		{ "empty=nan", "bad rate" },
		{ "skipped@m=0", "cannot be per model" },
		{ "empty@=0", "empty model name" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		buf_reset(&err);
		CHECK_INT(gate_parse_arg(&c, '<', bad[i].spec, &err), -1);
		CHECK(err.p && strstr(err.p, bad[i].msg), "'%s': got '%s', want '%s'", bad[i].spec, err.p, bad[i].msg);
	}

	/* config lines */
	CHECK_INT(line(&c, ""), 0);
	CHECK_INT(line(&c, "   \t"), 0);
	CHECK_INT(line(&c, "# a comment"), 0);
	CHECK_INT(line(&c, "  # indented comment\n"), 0);
	CHECK_INT(line(&c, "empty <= 0.01  # trailing comment\n"), 1);
	CHECK(c.kind == GK_DEFECT && c.op == '<' && c.limit == 0.01, "empty <=");
	gate_check_free(&c);
	CHECK_INT(line(&c, "verification@Sky-T1 (Qwen2.5 SFT) >= 2.5%"), 1);
	CHECK_STR(c.model, "Sky-T1 (Qwen2.5 SFT)");
	CHECK(c.op == '>' && c.limit == 0.025, "a model name with spaces");
	gate_check_free(&c);
	CHECK_INT(line(&c, "duplicate max 0\r"), 1);
	CHECK(c.op == '<' && c.kind == GK_DEFECT && c.which == COT_D_DUPLICATE, "max as a word, CRLF");
	gate_check_free(&c);
	CHECK_INT(line(&c, "backtracking@model#1 min 0.5"), 1);
	CHECK_STR(c.model, "model#1");
	gate_check_free(&c);

	static const struct {
		const char *line, *msg;
	} badl[] = {
		{ "empty <=", "expected 'KEY OP RATE'" },
		{ "empty", "expected 'KEY OP RATE'" },
		{ "empty => 0", "unknown operator '=>'" },
		{ "empty = 0", "unknown operator '='" },
		{ "nosuch <= 0", "unknown key 'nosuch'" },
		{ "empty <= 2", "outside 0..1" },
		{ "empty <= 0.1 extra", "unknown operator '0.1'" },
	};
	for (size_t i = 0; i < sizeof badl / sizeof *badl; i++) {
		CHECK_INT(line(&c, badl[i].line), -1);
		CHECK(err.p && strstr(err.p, badl[i].msg), "'%s': got '%s', want '%s'", badl[i].line, err.p, badl[i].msg);
	}
	buf_free(&err);
	return unit_done("test_gate");
}
