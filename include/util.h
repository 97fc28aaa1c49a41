/* util.h - allocation that cannot fail, growable buffers, small helpers. */
#ifndef UTIL_H
#define UTIL_H

#include <stdarg.h>
#include <stddef.h>

/* Allocators that print one message and abort when memory runs out. */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/*
 * Growable arrays: GROW(v, n, cap) makes room in v (of cap elements) for
 * element n, doubling cap (from 16) when n == cap.  xgrow is its helper:
 * returns p reallocated to the new *cap elements of size elem.
 */
void *xgrow(void *p, size_t *cap, size_t elem);
#define GROW(v, n, cap) \
	do { \
		if ((n) >= (cap)) \
			(v) = xgrow((v), &(cap), sizeof *(v)); \
	} while (0)

/* A growable byte buffer; always NUL-terminated when len > 0 or after buf_reset. */
struct buf {
	char *p;
	size_t len, cap;
};

void buf_reset(struct buf *b);
void buf_add(struct buf *b, const void *data, size_t n);
void buf_addc(struct buf *b, char c);
void buf_addstr(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void buf_free(struct buf *b);

/*
 * Parses a whole number into *v: plain decimal digits only.  The empty
 * string, a sign, leading blanks, anything after the digits and a value
 * above ULLONG_MAX are rejected.  Returns 0, or -1 (and leaves *v alone).
 */
int util_parse_uint(const char *s, unsigned long long *v);

/* Returns the length of the longest valid UTF-8 prefix of s (== n when valid). */
size_t util_utf8_valid_prefix(const char *s, size_t n);

/*
 * The character at s[0..n), n > 0: its code point into *cp and its length
 * in bytes, or 0 when s does not start with a whole, valid character.
 * Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
 */
size_t util_utf8_decode(const char *s, size_t n, unsigned *cp);

/* 64-bit FNV-1a over n bytes, continuing from h (start with FNV64_INIT). */
#define FNV64_INIT 0xcbf29ce484222325ULL
/*
 * The edit distance of a and b (insertions, deletions, substitutions and
 * swaps of two neighbours), for "did you mean"; 64 when either is longer than 64 bytes.
 */
size_t util_edit_distance(const char *a, const char *b);

unsigned long long util_fnv64(unsigned long long h, const void *p, size_t n);

#endif
