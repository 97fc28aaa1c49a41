/* Unit tests of show.c's helpers: control characters made visible, context cut on UTF-8 boundaries. */
#include "show.h"
#include "unit.h"

static const char *safe(const char *s, size_t n, int oneline)
{
	static struct buf b;
	buf_reset(&b);
	show_safe(&b, s, n, oneline);
	return b.p;
}

int main(void)
{
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
