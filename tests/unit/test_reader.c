/* Unit tests of reader.c: framing, CRLF, BOM, last line, long lines. */
#include <stdlib.h>
#include <unistd.h>

#include "reader.h"
#include "unit.h"

/* Writes n bytes to a temporary file and returns a descriptor at its start. */
static int fd_of(const char *s, size_t n)
{
	FILE *f = tmpfile();
	fwrite(s, 1, n, f);
	fflush(f);
	int fd = dup(fileno(f));
	fclose(f);
	lseek(fd, 0, SEEK_SET);
	return fd;
}

struct want { const char *s; size_t n; };

static void check_lines(const char *in, size_t inlen, const struct want *w, size_t nw)
{
	struct reader r;
	int fd = fd_of(in, inlen);
	reader_init(&r, fd, 1);
	const char *line;
	size_t len, i = 0;
	while (reader_next(&r, &line, &len) > 0) {
		CHECK(i < nw, "extra line %zu", i + 1);
		if (i < nw) {
			CHECK(len == w[i].n && memcmp(line, w[i].s, len) == 0, "line %zu: got '%.*s'", i + 1, (int)len, line);
			CHECK_INT(r.lineno, i + 1);
		}
		i++;
	}
	CHECK_INT(i, nw);
	CHECK_INT(r.bytes, inlen);
	reader_free(&r);
	close(fd);
}

int main(void)
{
	{ struct want w[] = { {"a", 1}, {"bc", 2} }; check_lines("a\nbc\n", 5, w, 2); }
	/* CRLF and a last line without LF */
	{ struct want w[] = { {"a", 1}, {"", 0}, {"x", 1} }; check_lines("a\r\n\r\nx", 6, w, 3); }
	/* BOM only dropped from the first line */
	{ struct want w[] = { {"{}", 2}, {"\xEF\xBB\xBF{}", 5} }; check_lines("\xEF\xBB\xBF{}\n\xEF\xBB\xBF{}\n", 12, w, 2); }
	/* empty input: no line */
	check_lines("", 0, NULL, 0);
	/* NUL bytes are kept in the line */
	{ struct want w[] = { {"a\0b", 3} }; check_lines("a\0b\n", 4, w, 1); }
	/* a line far longer than the read block, then a short one */
	{
		size_t big = 3 * 1024 * 1024 + 17;
		char *s = malloc(big + 4);
		memset(s, 'x', big);
		memcpy(s + big, "\nyz", 3);
		struct want w[] = { {s, big}, {"yz", 2} };
		check_lines(s, big + 3, w, 2);
		free(s);
	}
	/* first_line offsets the numbering */
	{
		struct reader r;
		int fd = fd_of("a\nb\n", 4);
		reader_init(&r, fd, 41);
		const char *l; size_t n;
		reader_next(&r, &l, &n);
		CHECK_INT(r.lineno, 41);
		reader_next(&r, &l, &n);
		CHECK_INT(r.lineno, 42);
		CHECK_INT(reader_next(&r, &l, &n), 0);
		reader_free(&r);
		close(fd);
	}
	/* a stream that starts past line 1 is mid-file: a BOM there is kept */
	{
		struct reader r;
		int fd = fd_of("\xEF\xBB\xBF" "a\n", 5);
		reader_init(&r, fd, 7);
		const char *l; size_t n;
		CHECK_INT(reader_next(&r, &l, &n), 1);
		CHECK_INT(n, 4);
		CHECK(memcmp(l, "\xEF\xBB\xBF" "a", 4) == 0, "BOM kept past line 1");
		reader_free(&r);
		close(fd);
	}
	/* a read error is reported, not taken for end of input */
	{
		struct reader r;
		reader_init(&r, -1, 1);
		const char *l; size_t n;
		CHECK_INT(reader_next(&r, &l, &n), -1);
		CHECK(r.err != 0, "errno kept");
		reader_free(&r);
	}
	return unit_done("test_reader");
}
