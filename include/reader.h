/*
 * reader.h - JSONL framing: splits a byte stream into lines.
 *
 * Reads with read(2) in large blocks into one growable buffer that is reused
 * for the whole stream, so memory is bounded by the longest line.  A UTF-8
 * byte-order mark at the start of the stream is dropped, a CR before the LF
 * is dropped, and a last line without LF is returned like any other.
 */
#ifndef READER_H
#define READER_H

#include <stddef.h>

struct reader {
	int fd;
	char *buf;              /* owned; holds [pos, len) unread bytes */
	size_t cap, len, pos;
	unsigned long long lineno; /* number of the line last returned (1-based) */
	unsigned long long bytes;  /* bytes consumed so far */
	int eof, err;           /* err: errno of a failed read, else 0 */
	int first;              /* no line returned yet: check for a BOM */
};

/*
 * Starts reading fd; first_line is the number given to the first line.  A
 * stream that starts past line 1 (a byte range of a file) is mid-file, so a
 * BOM there is data, as it would be in a read of the whole file.
 */
void reader_init(struct reader *r, int fd, unsigned long long first_line);

/*
 * Returns 1 and sets *line and *len to the next line (without its LF or CRLF),
 * 0 at end of input, -1 on a read error (r->err holds errno).  The view is
 * valid until the next call.  A line may contain NUL bytes.
 */
int reader_next(struct reader *r, const char **line, size_t *len);

/* Frees the buffer; does not close fd. */
void reader_free(struct reader *r);

#endif
