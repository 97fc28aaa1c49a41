/*
 * htab.h - a table of values keyed by string: open addressing on the
 * key's FNV-1a hash, a power-of-two number of slots kept at most half
 * full.  Each distinct key gets the next index (0, 1, 2, ... in the order
 * keys were first added); the values sit in one array by that index, each
 * vsize bytes, zeroed when added.  The table owns copies of its keys.
 */
#ifndef HTAB_H
#define HTAB_H

#include <stddef.h>

struct htab {
	size_t *slot;      /* 1 + the index of the key in the slot; 0: free */
	size_t cap;        /* slots: 0 or a power of two */
	char **keys;       /* owned copies, by index */
	unsigned char *vals; /* n values of vsize bytes, by index */
	size_t n, nalloc, vsize;
};

/* An empty table of values of vsize bytes. */
void htab_init(struct htab *h, size_t vsize);

/*
 * The value of key, added (zeroed) when new; *added (when not NULL) is
 * set to 1 when it was.  The pointer is valid until the next htab_get:
 * adding a key may move the values.
 */
void *htab_get(struct htab *h, const char *key, int *added);

/* The key and the value of index i (< h->n). */
const char *htab_key(const struct htab *h, size_t i);
void *htab_at(const struct htab *h, size_t i);

/* Frees the table and its keys; what the values point to is the caller's. */
void htab_free(struct htab *h);

#endif
