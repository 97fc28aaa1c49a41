/* reader.c - see reader.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decompress.h"
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

/* Reads raw bytes from fd into the buffer; returns what read(2) returned. */
static ssize_t read_raw(struct reader *r)
{
	ssize_t got;
	do
		got = read(r->fd, r->buf + r->len, r->cap - r->len);
	while (got < 0 && errno == EINTR);
	if (got < 0)
		r->err = errno;
	else
		r->raw_bytes += (unsigned long long)got;
	return got;
}

/* Appends the next block of the (decompressed) stream; returns its size, 0 at the end, -1 on error. */
static ssize_t fill(struct reader *r)
{
	if (!r->dz)
		return read_raw(r);
	ssize_t got = decomp_read(r->dz, r->buf + r->len, r->cap - r->len);
	if (got < 0)
		r->err = EIO;
	return got;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Counts in the bytes a read of fill or read_raw appended (got, or -1 on an
 * error) and marks the end; returns -1 on an error, else 0. */
static int append(struct reader *r, ssize_t got)
{
	if (got < 0)
		return -1;
	if (got == 0)
		r->eof = 1;
	r->len += (size_t)got;
	return 0;
}

int reader_sniff(struct reader *r)
{
	if (r->sniffed)
		return 0;
	r->sniffed = 1;
	make_room(r);
	/* a pipe may hand over fewer bytes than the longest magic at a time */
	while (r->len < DECOMP_MAGIC_MAX && !r->eof) {
		if (append(r, read_raw(r)) < 0)
			return -1;
	}
	r->kind = decomp_detect(r->buf, r->len);
	if (r->kind != DECOMP_NONE) {
		r->dz = decomp_open(r->fd, r->kind, r->buf, r->len);
		if (!r->dz) { /* LCOV_EXCL_START: out of memory in a decompressor */
			r->err = ENOMEM;
			return -1;
		} /* LCOV_EXCL_STOP */
		r->len = 0;
		r->eof = 0;
	}
	if (r->first) {
		/* a JSON array? its first non-blank byte tells */
		size_t i = 0;
		for (;;) {
			if (i == 0 && r->len >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0)
				i = 3;
			while (i < r->len && is_blank(r->buf[i]))
				i++;
			if (i < r->len || r->eof)
				break;
			make_room(r);
			if (append(r, fill(r)) < 0)
				return -1;
		}
		if (i < r->len && r->buf[i] == '[') {
			r->array = 1;
			r->pos = i + 1;
		}
	}
	return 0;
}


int reader_next(struct reader *r, const char **line, size_t *len);

static int framing_error(struct reader *r, const char *msg)
{
	r->err = EINVAL;
	r->msg = msg;
	return -1;
}


/* Scans the array's new bytes for its closing bracket (r->aend). */
static void array_scan(struct reader *r)
{
	if (r->ascan == 0)
		r->ascan = r->pos; /* just past the opening bracket, depth 1 */
	if (r->adepth == 0 && !r->aend)
		r->adepth = 1;
	for (size_t p = r->ascan; p < r->len && !r->aend; p++) {
		char c = r->buf[p];
		if (r->astr == 2)
			r->astr = 1;
		else if (r->astr) {
			if (c == '\\')
				r->astr = 2;
			else if (c == '"')
				r->astr = 0;
		} else if (c == '"')
			r->astr = 1;
		else if (c == '[' || c == '{')
			r->adepth++;
		else if ((c == ']' || c == '}') && --r->adepth == 0)
			r->aend = p + 1;
	}
	r->ascan = r->len;
}

/* The next element of a JSON array (see reader_sniff). */
static int array_next(struct reader *r, const char **line, size_t *len)
{
	while (!r->loaded) {
		array_scan(r);
		if (r->aend) {
			/* after the closing bracket: blanks to the end, or a new line of JSON Lines? */
			size_t q = r->aend;
			int nl = 0;
			while (q < r->len && is_blank(r->buf[q]))
				nl |= r->buf[q++] == '\n';
			if (q < r->len && nl) {
				r->array = 0; /* JSON Lines: read it from its first line */
				r->pos = 0;
				return reader_next(r, line, len);
			}
			if (q < r->len) /* more on the same line: the array's error */
				r->loaded = 1;
		}
		if (r->eof) {
			r->loaded = 1;
			break;
		}
		if (r->len > READER_ARRAY_MAX)
			return framing_error(r, "a JSON array over 1 GiB is not read whole: "
					     "convert it to JSON Lines first (jq -c '.[]' FILE)");
		if (r->cap - r->len < READ_BLOCK) {
			size_t pos = r->pos;
			r->pos = 0; /* keep the whole array: make_room must not compact */
			make_room(r);
			r->pos = pos;
		}
		if (append(r, fill(r)) < 0)
			return -1;
	}
	const char *b = r->buf;
	size_t p = r->pos, n = r->len;
	while (p < n && is_blank(b[p]))
		p++;
	if (r->closed || (r->lineno == 0 && p < n && b[p] == ']')) {
		if (!r->closed)
			p++;
		r->closed = 1;
		while (p < n && is_blank(b[p]))
			p++;
		r->pos = r->bytes = p;
		if (p < n)
			return framing_error(r, "data after the end of the JSON array");
		return 0;
	}
	if (p >= n)
		return framing_error(r, "the JSON array is not closed with ']': truncated file?");
	/* the element: up to the ',' or ']' at its own level */
	size_t start = p, depth = 0;
	int in_str = 0;
	for (; p < n; p++) {
		char c = b[p];
		if (in_str) {
			if (c == '\\')
				p++;
			else if (c == '"')
				in_str = 0;
		} else if (c == '"')
			in_str = 1;
		else if (c == '[' || c == '{')
			depth++;
		else if ((c == ']' || c == '}') && depth > 0)
			depth--;
		else if (depth == 0 && (c == ',' || c == ']'))
			break;
	}
	size_t end = p < n ? p : n;
	if (end - start + 1 > r->elemcap) {
		r->elemcap = end - start + 1;
		r->elem = xrealloc(r->elem, r->elemcap);
	}
	/* one line of JSON Lines: the blanks outside strings dropped, the rest as it is */
	size_t k = 0;
	in_str = 0;
	for (size_t i = start; i < end; i++) {
		char c = b[i];
		if (in_str) {
			r->elem[k++] = c;
			if (c == '\\' && i + 1 < end)
				r->elem[k++] = b[++i];
			else if (c == '"')
				in_str = 0;
		} else if (!is_blank(c)) {
			r->elem[k++] = c;
			in_str = c == '"';
		}
	}
	if (k == 0) /* an empty element ("[1,,2]"): a syntax error, not a blank line */
		r->elem[k++] = ',';
	if (p < n && b[p] == ']')
		r->closed = 1;
	r->pos = r->bytes = p < n ? p + 1 : n;
	r->lineno++;
	*line = r->elem;
	*len = k;
	return 1;
}

int reader_next(struct reader *r, const char **line, size_t *len)
{
	if (!r->sniffed && reader_sniff(r) < 0)
		return -1;
	if (r->array)
		return array_next(r, line, len);
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
		if (append(r, fill(r)) < 0)
			return -1;
	}
}

const char *reader_error(const struct reader *r)
{
	if (r->msg)
		return r->msg;
	if (r->dz && r->err == EIO)
		return decomp_error(r->dz);
	return strerror(r->err);
}

unsigned long long reader_in_bytes(const struct reader *r)
{
	return r->dz ? decomp_in_bytes(r->dz) : r->bytes;
}

void reader_free(struct reader *r)
{
	decomp_close(r->dz);
	r->dz = NULL;
	free(r->elem);
	r->elem = NULL;
	free(r->buf);
	r->buf = NULL;
	r->cap = r->len = r->pos = 0;
}
