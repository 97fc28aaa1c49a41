/* Unit tests of merge.c: two partials merged give the partial of one aggregate over all their traces. */
#include <stdlib.h>

#include "agg.h"
#include "merge.h"
#include "unit.h"

#define HASH 0x0123456789abcdefULL

/* The partial of a, as a string to free. */
static char *partial(const struct agg *a, unsigned long long hash)
{
	char *p = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&p, &n);
	agg_write_partial(a, fp, hash);
	fclose(fp);
	return p;
}

/* Feeds text to m as the input called name, chunk bytes at a time; 0, or -1 as merge does. */
static int feed(struct merger *m, const char *name, const char *text, size_t chunk)
{
	merge_begin_input(m, name);
	size_t len = strlen(text);
	for (size_t at = 0; at < len; at += chunk)
		if (merge_feed(m, text + at, len - at < chunk ? len - at : chunk) < 0)
			return -1;
	return merge_end_input(m);
}

/* One trace of the model and step (group-by model,step) into a and into all. */
static void add(struct agg *a, struct agg *all, const char *model, const char *step, unsigned long long words,
		unsigned b0, unsigned b1)
{
	const char *vals[] = { model, step };
	unsigned counts[COT_NBEHAV] = { b0, b1, 0, 1 };
	agg_add(a, vals, words, counts);
	agg_add(all, vals, words, counts);
}

int main(void)
{
	struct agg a, b, all;
	agg_init(&a, "model,step");
	agg_init(&b, "model,step");
	agg_init(&all, "model,step");
	/* m1/1 in both partials, m2/1 only in a, m3/2 only in b; a value with a comma, quote and tab */
	add(&a, &all, "m1", "1", 120, 2, 0);
	add(&a, &all, "m1", "1", 80, 0, 1);
	add(&a, &all, "m2", "1", 50, 1, 1);
	add(&b, &all, "m1", "1", 300, 4, 2);
	add(&b, &all, "m3", "2", 10, 0, 0);
	add(&b, &all, "we\"ird,\tone", "10", 7, 1, 0);
	a.skipped[COT_SKIP_BAD_JSON] = 2;
	all.skipped[COT_SKIP_BAD_JSON] += 2;
	b.skipped[COT_SKIP_BAD_JSON] = 1;
	b.skipped[COT_SKIP_NUL] = 3;
	all.skipped[COT_SKIP_BAD_JSON] += 1;
	all.skipped[COT_SKIP_NUL] += 3;
	char *pa = partial(&a, HASH), *pb = partial(&b, HASH), *want = partial(&all, HASH);

	/* two inputs, fed in chunks that split rows and cells */
	size_t chunks[] = { 1, 7, 64, 1 << 16 };
	for (size_t c = 0; c < sizeof chunks / sizeof *chunks; c++) {
		struct merger m;
		merge_init(&m);
		CHECK_INT(feed(&m, "a.csv", pa, chunks[c]), 0);
		CHECK_INT(feed(&m, "b.csv", pb, chunks[c]), 0);
		CHECK(m.have_agg, "an aggregate (chunks of %zu)", chunks[c]);
		CHECK_INT(m.partials, 2);
		CHECK(merge_rules_hash(&m) == HASH, "rules hash %016llx", merge_rules_hash(&m));
		char *got = partial(&m.agg, merge_rules_hash(&m));
		CHECK(strcmp(got, want) == 0, "chunks of %zu: merged\n%s\nwant\n%s", chunks[c], got, want);
		free(got);
		merge_free(&m);
	}

	/* the two partials concatenated in one input, in the other order */
	size_t la = strlen(pa), lb = strlen(pb);
	char *both = malloc(la + lb + 1);
	memcpy(both, pb, lb);
	memcpy(both + lb, pa, la + 1);
	struct merger m;
	merge_init(&m);
	CHECK_INT(feed(&m, "standard input", both, 100), 0);
	CHECK_INT(m.partials, 2);
	char *got = partial(&m.agg, HASH);
	CHECK_STR(got, want);
	free(got);
	merge_free(&m);
	free(both);

	/* a partial of another rule set stops the merge, naming the input and row */
	char *other = partial(&b, HASH + 1);
	merge_init(&m);
	CHECK_INT(feed(&m, "a.csv", pa, 1 << 16), 0);
	CHECK_INT(feed(&m, "other.csv", other, 1 << 16), -1);
	CHECK(m.failed, "failed");
	CHECK(strncmp(m.err.p, "other.csv:2: partial made with rule set ", 40) == 0, "message '%s'", m.err.p);
	merge_free(&m);
	free(other);

	/* another --group-by */
	struct agg c;
	agg_init(&c, "model");
	const char *cv[] = { "m1" };
	unsigned cc[COT_NBEHAV] = { 0 };
	agg_add(&c, cv, 5, cc);
	char *pc = partial(&c, HASH);
	merge_init(&m);
	CHECK_INT(feed(&m, "a.csv", pa, 1 << 16), 0);
	CHECK_INT(feed(&m, "c.csv", pc, 1 << 16), -1);
	CHECK(strstr(m.err.p, "c.csv:1: partial grouped by 'model', but an earlier one by 'model,step'") == m.err.p,
	      "message '%s'", m.err.p);
	merge_free(&m);
	free(pc);
	agg_free(&c);

	/* rows without a header, and a bad count */
	merge_init(&m);
	const char *row = strchr(pa, '\n') + 1;
	CHECK_INT(feed(&m, "rows.csv", row, 1 << 16), -1);
	CHECK(strstr(m.err.p, "rows.csv:1: not a cotscan partial: no '") == m.err.p, "message '%s'", m.err.p);
	merge_free(&m);
	char *bad = strdup(pa);
	char *last = strrchr(bad, ',');
	CHECK(last != NULL, "a comma");
	last[1] = 'x';
	merge_init(&m);
	CHECK_INT(feed(&m, "bad.csv", bad, 1 << 16), -1);
	CHECK(strstr(m.err.p, "bad count '") != NULL, "message '%s'", m.err.p);
	merge_free(&m);
	free(bad);

	free(pa);
	free(pb);
	free(want);
	agg_free(&a);
	agg_free(&b);
	agg_free(&all);
	return unit_done("test_merge");
}
