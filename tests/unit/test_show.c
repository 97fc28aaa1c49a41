/* Unit tests of show.c's helpers: control characters made visible, context cut on UTF-8 boundaries. */
#include <string.h>

#include "show.h"
#include "unit.h"

static const char *safe(const char *s, size_t n, int oneline)
{
	static struct buf b;
	buf_reset(&b);
	show_safe(&b, s, n, oneline);
	return b.p;
}

static const char *marked(const char *text, struct show_mark *m, size_t n, int color)
{
	static struct buf b;
	buf_reset(&b);
	show_marked(&b, text, strlen(text), m, n, color, 0);
	return b.p;
}

static void test_marked(void)
{
	/* none; one; two apart, given out of order */
	CHECK_STR(marked("abc", NULL, 0, 0), "abc");
	struct show_mark one[] = { { 1, 2, 1, "v.x" } };
	CHECK_STR(marked("abc", one, 1, 0), "a[verification:v.x]{b}c");
	struct show_mark two[] = { { 4, 5, 2, "s.y" }, { 0, 1, 0, "b.z" } };
	CHECK_STR(marked("a b c", two, 2, 0), "[backtracking:b.z]{a} b [subgoal_setting:s.y]{c}");
	/* adjacent: the first closes before the second opens */
	struct show_mark adj[] = { { 0, 2, 0, "b" }, { 2, 4, 1, "v" } };
	CHECK_STR(marked("abcd", adj, 2, 0), "[backtracking:b]{ab}[verification:v]{cd}");
	/* different behaviours overlap: one inside another nests */
	struct show_mark nest[] = { { 5, 17, 1, "ver.not_equal" }, { 0, 17, 0, "bt.doesnt_work" } };
	CHECK_STR(marked("That doesn't work, so", nest, 2, 0),
		  "[backtracking:bt.doesnt_work]{That [verification:ver.not_equal]{doesn't work}}, so");
	/* same start: the longer one is the outer one */
	struct show_mark same[] = { { 0, 2, 1, "in" }, { 0, 4, 0, "out" } };
	CHECK_STR(marked("abcdef", same, 2, 0), "[backtracking:out]{[verification:in]{ab}cd}ef");
	/* crossing: the inner mark is split where the outer one ends */
	struct show_mark cross[] = { { 0, 4, 0, "A" }, { 2, 6, 3, "B" } };
	CHECK_STR(marked("abcdefgh", cross, 2, 0), "[backtracking:A]{ab[backward_chaining:B]{cd}}[backward_chaining:B]{ef}gh");
	/* three deep, the outermost ends first: both inner ones go on */
	struct show_mark deep[] = { { 0, 3, 0, "A" }, { 1, 5, 1, "B" }, { 2, 6, 2, "C" } };
	CHECK_STR(marked("abcdefg", deep, 3, 0),
		  "[backtracking:A]{a[verification:B]{b[subgoal_setting:C]{c}}}[verification:B]{[subgoal_setting:C]{de}}"
		  "[subgoal_setting:C]{f}g");
	/* empty, and at the very end */
	struct show_mark empty[] = { { 1, 1, 1, "e" }, { 3, 3, 2, "z" } };
	CHECK_STR(marked("abc", empty, 2, 0), "a[verification:e]{}bc[subgoal_setting:z]{}");
	/* colour: bold inside, back to the outer mark's colour after an inner one closes */
	struct show_mark col[] = { { 0, 3, 0, "o" }, { 1, 2, 1, "i" } };
	CHECK_STR(marked("xyz", col, 2, 1),
		  "\033[31m[backtracking:o]{\033[1;31mx\033[32m[verification:i]{\033[1;32my\033[0;32m}\033[1;31m"
		  "z\033[0;31m}\033[0m");
	/* the text between marks is made safe too */
	struct show_mark ctl[] = { { 2, 3, 1, "c" } };
	CHECK_STR(marked("\033x\033y", ctl, 1, 0), "^[x[verification:c]{^[}y");
}

int main(void)
{
	test_marked();
	/* ESC, CR, DEL, BEL in caret notation; newline and tab kept, or spaces on one line */
	static const char in[] = "a\033[31mb\r\n\tc\177d\007";
	CHECK_STR(safe(in, sizeof in - 1, 0), "a^[[31mb^M\n\tc^?d^G");
	CHECK_STR(safe(in, sizeof in - 1, 1), "a^[[31mb^M  c^?d^G");
	/* C1 controls (U+0085, U+009B CSI) written as <U+XXXX>; other non-ASCII kept */
	static const char c1[] = "x\xc2\x85y\xc2\x9bz\xc2\xa0\xc3\xa9";
	CHECK_STR(safe(c1, sizeof c1 - 1, 1), "x<U+0085>y<U+009B>z\xc2\xa0\xc3\xa9");
	CHECK_STR(safe("", 0, 0), "");
	/* only n bytes are read */
	CHECK_STR(safe("abc\033", 3, 0), "abc");

	/* context windows: "h\xc3\xa9llo w\xc3\xb6rld" = h é l l o ' ' w ö r l d (13 bytes) */
	static const char t[] = "h\xc3\xa9llo w\xc3\xb6rld";
	size_t len = sizeof t - 1;
	CHECK_INT(len, 13);
	/* 10 bytes before offset 12 would start at 2, inside the é: move on to 3 */
	CHECK_INT(show_context_edge(t, len, 12, 10, 1), 3);
	CHECK_INT(show_context_edge(t, len, 12, 11, 1), 1);
	CHECK_INT(show_context_edge(t, len, 5, 60, 1), 0);
	/* 8 bytes after offset 1 would end at 9, inside the ö: move back to 8 */
	CHECK_INT(show_context_edge(t, len, 1, 8, 0), 8);
	CHECK_INT(show_context_edge(t, len, 1, 7, 0), 8);
	CHECK_INT(show_context_edge(t, len, 1, 9, 0), 10);
	CHECK_INT(show_context_edge(t, len, 4, 60, 0), 13);
	CHECK_INT(show_context_edge(t, len, 13, 5, 0), 13);
	CHECK_INT(show_context_edge(t, len, 0, 5, 1), 0);
	return unit_done("test_show");
}
