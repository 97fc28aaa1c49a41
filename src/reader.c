/* reader.c - see reader.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reader.h"
#include "util.h"

#define READ_BLOCK (256 * 1024)

void reader_init(struct reader *r, int fd, unsigned long long first_line)
{
	memset(r, 0, sizeof *r);
	r->fd = fd;
	r->lineno = first_line ? first_line - 1 : 0;
	r->first = first_line <= 1; /* a BOM can only start line 1 of a file */
}

/* Makes room for at least READ_BLOCK more bytes after len, compacting first. */
static void make_room(struct reader *r)
{
	if (r->pos > 0) {
		memmove(r->buf, r->buf + r->pos, r->len - r->pos);
		r->len -= r->pos;
		r->pos = 0;
	}
	if (r->cap - r->len < READ_BLOCK) {
		size_t ncap = r->cap ? r->cap : READ_BLOCK * 4;
		while (ncap - r->len < READ_BLOCK)
			ncap *= 2;
		r->buf = xrealloc(r->buf, ncap);
		r->cap = ncap;
	}
}

int reader_next(struct reader *r, const char **line, size_t *len)
{
	size_t scan = r->pos; /* where to resume looking for LF */

	for (;;) {
		char *nl = r->len > scan ? memchr(r->buf + scan, '\n', r->len - scan) : NULL;
		if (nl || (r->eof && r->pos < r->len)) {
			char *start = r->buf + r->pos;
			size_t n = nl ? (size_t)(nl - start) : r->len - r->pos;
			r->pos += n + (nl != NULL);
			r->bytes += n + (nl != NULL);
			if (n > 0 && start[n - 1] == '\r')
				n--;
			if (r->first) {
				r->first = 0;
				if (n >= 3 && memcmp(start, "\xEF\xBB\xBF", 3) == 0) {
					start += 3;
					n -= 3;
				}
			}
			r->lineno++;
			*line = start;
			*len = n;
			return 1;
		}
		if (r->eof)
			return 0;
		size_t off = r->len - r->pos; /* bytes already scanned */
		make_room(r);
		scan = off;
		ssize_t got;
		do
			got = read(r->fd, r->buf + r->len, r->cap - r->len);
		while (got < 0 && errno == EINTR);
		if (got < 0) {
			r->err = errno;
			return -1;
		}
		if (got == 0)
			r->eof = 1;
		r->len += (size_t)got;
	}
}

void reader_free(struct reader *r)
{
	free(r->buf);
	r->buf = NULL;
	r->cap = r->len = r->pos = 0;
}
