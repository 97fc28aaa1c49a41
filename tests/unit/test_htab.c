/* Unit tests of htab.c: indices in order of first add, lookups across growth, zeroed values. */
#include <stdio.h>

#include "htab.h"
#include "unit.h"

struct val {
	int count;
	long pad[3];
};

int main(void)
{
	struct htab h;
	htab_init(&h, sizeof(struct val));
	int added = -1;
	struct val *v = htab_get(&h, "a", &added);
	CHECK_INT(added, 1);
	CHECK_INT(v->count, 0);
	v->count = 7;
	v = htab_get(&h, "a", &added);
	CHECK_INT(added, 0);
	CHECK_INT(v->count, 7);
	CHECK_INT(h.n, 1);
	v = htab_get(&h, "", NULL); /* the empty key is a key */
	CHECK_INT(v->count, 0);
	CHECK_INT(h.n, 2);

	/* many keys: the table and the values grow, indices stay in order of first add */
	char key[32];
	int bad = 0;
	for (int i = 0; i < 5000; i++) {
		snprintf(key, sizeof key, "k%d", i);
		v = htab_get(&h, key, &added);
		bad += added != 1 || v->count != 0;
		v->count = i;
	}
	CHECK_INT(bad, 0);
	CHECK_INT(h.n, 5002);
	CHECK(2 * h.n <= h.cap, "at most half full (%zu of %zu)", h.n, h.cap);
	bad = 0;
	for (int i = 0; i < 5000; i++) {
		snprintf(key, sizeof key, "k%d", i);
		v = htab_get(&h, key, &added);
		bad += added != 0 || v->count != i || v != htab_at(&h, (size_t)i + 2) ||
		       strcmp(htab_key(&h, (size_t)i + 2), key) != 0;
	}
	CHECK_INT(bad, 0);
	CHECK_STR(htab_key(&h, 0), "a");
	CHECK_INT(((struct val *)htab_at(&h, 0))->count, 7);
	CHECK_INT(h.n, 5002);
	htab_free(&h);
	CHECK_INT(h.n, 0);
	CHECK(h.slot == NULL && h.keys == NULL, "freed");
	return unit_done("test_htab");
}
