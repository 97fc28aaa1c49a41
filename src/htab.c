/* htab.c - see htab.h. */
#include <stdlib.h>
#include <string.h>

#include "htab.h"
#include "util.h"

void htab_init(struct htab *h, size_t vsize)
{
	memset(h, 0, sizeof *h);
	h->vsize = vsize;
}

/* The slot of key: the one holding it, or the free one where it goes. */
static size_t slot_of(const struct htab *h, const char *key)
{
	size_t mask = h->cap - 1;
	size_t i = (size_t)util_fnv64(FNV64_INIT, key, strlen(key)) & mask;
	while (h->slot[i] && strcmp(h->keys[h->slot[i] - 1], key) != 0)
		i = (i + 1) & mask;
	return i;
}

static void grow(struct htab *h)
{
	size_t *old = h->slot, oldcap = h->cap;
	h->cap = oldcap ? 2 * oldcap : 16;
	h->slot = xmalloc(h->cap * sizeof *h->slot);
	memset(h->slot, 0, h->cap * sizeof *h->slot);
	for (size_t i = 0; i < oldcap; i++)
		if (old[i])
			h->slot[slot_of(h, h->keys[old[i] - 1])] = old[i];
	free(old);
}

void *htab_get(struct htab *h, const char *key, int *added)
{
	if (added)
		*added = 0;
	if (2 * (h->n + 1) > h->cap)
		grow(h);
	size_t s = slot_of(h, key);
	if (h->slot[s])
		return htab_at(h, h->slot[s] - 1);
	if (h->n == h->nalloc) {
		h->nalloc = h->nalloc ? 2 * h->nalloc : 16;
		h->keys = xrealloc(h->keys, h->nalloc * sizeof *h->keys);
		h->vals = xrealloc(h->vals, h->nalloc * h->vsize);
	}
	size_t i = h->n++;
	h->keys[i] = xstrdup(key);
	memset(h->vals + i * h->vsize, 0, h->vsize);
	h->slot[s] = i + 1;
	if (added)
		*added = 1;
	return htab_at(h, i);
}

const char *htab_key(const struct htab *h, size_t i)
{
	return h->keys[i];
}

void *htab_at(const struct htab *h, size_t i)
{
	return h->vals + i * h->vsize;
}

void htab_free(struct htab *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->keys[i]);
	free(h->keys);
	free(h->vals);
	free(h->slot);
	memset(h, 0, sizeof *h);
}
