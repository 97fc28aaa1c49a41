/* Unit tests of agg.c: counts, rates, sorting, many groups. */
#include <stdlib.h>

#include "agg.h"
#include "tabout.h"
#include "unit.h"

int main(void)
{
	struct agg a;
	agg_init(&a);
	unsigned c1[COT_NBEHAV] = { 0, 2, 1, 0 }, c2[COT_NBEHAV] = { 3, 0, 1, 0 };
	agg_add(&a, "b-model", c1);
	agg_add(&a, "a-model", c1);
	agg_add(&a, "b-model", c2);
	size_t n;
	struct agg_group **v = agg_sorted(&a, &n);
	CHECK_INT(n, 2);
	CHECK_STR(v[0]->key, "a-model");
	CHECK_INT(v[1]->s.traces, 2);
	CHECK_INT(v[1]->s.with[COT_B_BACKTRACKING], 1);
	CHECK_INT(v[1]->s.sum[COT_B_BACKTRACKING], 3);
	CHECK_INT(v[1]->s.sumsq[COT_B_BACKTRACKING], 9);
	CHECK_INT(v[1]->s.with[COT_B_SUBGOAL], 2);
	free(v);

	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	agg_write(&a, fp, FMT_CSV);
	fclose(fp);
	CHECK(strstr(buf, "model,behaviour,traces,traces_with,rate,mean_count,total_count\n") == buf, "header");
	CHECK(strstr(buf, "b-model,backtracking,2,1,0.5000,1.5000,3\n") != NULL, "row: %s", buf);
	CHECK(strstr(buf, "a-model,verification,1,1,1.0000,2.0000,2\n") != NULL, "row");
	free(buf);

	/* growth past the initial table keeps every group */
	for (int i = 0; i < 1000; i++) {
		char k[16];
		snprintf(k, sizeof k, "m%04d", i);
		agg_add(&a, k, c2);
	}
	v = agg_sorted(&a, &n);
	CHECK_INT(n, 1002);
	CHECK_STR(v[2]->key, "m0000");
	CHECK_STR(v[1001]->key, "m0999");
	free(v);
	agg_free(&a);
	return unit_done("test_agg");
}
