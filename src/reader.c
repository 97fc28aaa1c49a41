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

int reader_sniff(struct reader *r)
{
	if (r->sniffed)
		return 0;
	r->sniffed = 1;
	make_room(r);
	/* a pipe may hand over fewer bytes than the longest magic at a time */
	while (r->len < DECOMP_MAGIC_MAX && !r->eof) {
		ssize_t got = read_raw(r);
		if (got < 0)
			return -1;
		if (got == 0)
			r->eof = 1;
		r->len += (size_t)got;
	}
	r->kind = decomp_detect(r->buf, r->len);
	if (r->kind != DECOMP_NONE) {
		r->dz = decomp_open(r->fd, r->kind, r->buf, r->len);
		if (!r->dz) { /* LCOV_EXCL_START: out of memory in libarchive */
			r->err = ENOMEM;
			return -1;
		} /* LCOV_EXCL_STOP */
		r->len = 0;
		r->eof = 0;
	}
	return 0;
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

int reader_next(struct reader *r, const char **line, size_t *len)
{
	if (!r->sniffed && reader_sniff(r) < 0)
		return -1;
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
		ssize_t got = fill(r);
		if (got < 0)
			return -1;
		if (got == 0)
			r->eof = 1;
		r->len += (size_t)got;
	}
}

const char *reader_error(const struct reader *r)
{
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
	free(r->buf);
	r->buf = NULL;
	r->cap = r->len = r->pos = 0;
}
