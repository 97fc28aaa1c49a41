/*
 * reader.h - JSONL framing: splits a byte stream into lines.
 *
 * Reads with read(2) in large blocks into one growable buffer that is reused
 * for the whole stream, so memory is bounded by the longest line.  A stream
 * that starts with the magic bytes of gzip, zstd, xz or bzip2 is
 * decompressed on the way (decompress.h), in constant memory.  A UTF-8
 * byte-order mark at the start of the stream is dropped, a CR before the LF
 * is dropped, and a last line without LF is returned like any other.
 */
#ifndef READER_H
#define READER_H

#include <stddef.h>

/* The largest JSON array file read whole (1 GiB). */
#define READER_ARRAY_MAX ((size_t)1 << 30)

struct reader {
	int fd;
	char *buf;              /* owned; holds [pos, len) unread bytes */
	size_t cap, len, pos;
	unsigned long long lineno; /* number of the line last returned (1-based) */
	unsigned long long bytes;  /* bytes consumed so far */
	int eof, err;           /* err: errno of a failed read, else 0 */
	int first;              /* no line returned yet: check for a BOM */
	int sniffed;            /* the start of the stream was looked at */
	int kind;               /* enum decomp_kind, once sniffed */
	struct decomp *dz;      /* the decompressor of a compressed stream, else NULL */
	int array;              /* a JSON array of records: its elements are the lines */
	int loaded, closed;     /* array: read whole; its closing bracket was reached */
	size_t ascan, aend;     /* array: scanned up to; just past its closing bracket (0: not found) */
	size_t adepth;
	int astr;               /* array scan: inside a string (2: after its backslash) */
	char *elem;             /* array: the element last returned, without blanks */
	size_t elemcap;
	const char *msg;        /* why the framing failed (array), else NULL */
	unsigned long long raw_bytes; /* bytes read from fd so far */
};

/*
 * Starts reading fd; first_line is the number given to the first line.  A
 * stream that starts past line 1 (a byte range of a file) is mid-file, so a
 * BOM there is data, as it would be in a read of the whole file.
 */
void reader_init(struct reader *r, int fd, unsigned long long first_line);

/*
 * Reads the start of the stream and decides whether it is compressed
 * (r->kind) and, for a stream that starts at line 1, whether it is a JSON
 * array (r->array: its first non-blank byte is '['); reader_next does it on
 * its first call.  Returns 0, or -1 on a read error.
 *
 * A JSON array is read whole (at most READER_ARRAY_MAX bytes) and returned
 * element by element, numbered from 1, each with the blanks outside its
 * strings removed (one line of JSON Lines); the array must end with ']' and
 * nothing but blanks after it.  When a line with more JSON follows the
 * closing bracket, the stream is JSON Lines whose first line is an array,
 * and is read line by line.
 */
int reader_sniff(struct reader *r);

/*
 * Returns 1 and sets *line and *len to the next line (without its LF or CRLF),
 * 0 at end of input, -1 on a read error or a corrupt or truncated compressed
 * stream (reader_error says which).  The view is
 * valid until the next call.  A line may contain NUL bytes.
 */
int reader_next(struct reader *r, const char **line, size_t *len);

/* Why reader_next returned -1: the system's reason, or the decompressor's. */
const char *reader_error(const struct reader *r);

/* Input bytes read so far, compressed bytes for a compressed stream (for progress). */
unsigned long long reader_in_bytes(const struct reader *r);

/* Frees the buffer and the decompressor; does not close fd. */
void reader_free(struct reader *r);

#endif
