/* Unit tests of agg.c (counts, grouping, ordering, partials) and report.c's table. */
#include <stdlib.h>

#include "agg.h"
#include "report.h"
#include "tabout.h"
#include "unit.h"

static char *report(const struct agg *a, int fmt, double level)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	report_table(a, fp, fmt, level, 0x0123456789abcdefULL);
	fclose(fp);
	return buf;
}

int main(void)
{
	struct agg a;
	agg_init(&a, NULL);
	CHECK_INT(a.nfields, 1);
	CHECK_STR(a.fields[0], "model");
	unsigned c1[COT_NBEHAV] = { 0, 2, 1, 0 }, c2[COT_NBEHAV] = { 3, 0, 1, 0 };
	const char *bm[] = { "b-model" }, *am[] = { "a-model" };
	agg_add(&a, bm, 100, c1);
	agg_add(&a, am, 100, c1);
	agg_add(&a, bm, 100, c2);
	size_t n;
	struct agg_group **v = agg_sorted(&a, &n);
	CHECK_INT(n, 2);
	CHECK_STR(v[0]->vals[0], "a-model");
	CHECK_INT(v[1]->s.traces, 2);
	CHECK_INT(v[1]->s.with[COT_B_BACKTRACKING], 1);
	CHECK_INT(v[1]->s.sum[COT_B_BACKTRACKING], 3);
	CHECK_INT(v[1]->s.sumsq[COT_B_BACKTRACKING], 9);
	CHECK_INT(v[1]->s.with[COT_B_SUBGOAL], 2);
	free(v);

	char *buf = report(&a, FMT_CSV, 0.95);
	CHECK(strstr(buf, "model,behaviour,traces,traces_with,rate,rate_lo,rate_hi,mean_count,mean_lo,mean_hi,"
			  "total_count,per_1k_words,per_1k_lo,per_1k_hi\n") == buf, "header: %s", buf);
	/*
	 * b-model backtracking: counts 0 and 3.  Wilson 1/2: statsmodels 0.13.5
	 * proportion_confint(1, 2, alpha=0.05, method="wilson") = (0.0945, 0.9055);
	 * mean: scipy 1.10 t.interval(0.95, 1, loc=1.5, scale=std([0,3], ddof=1)/sqrt(2))
	 * = (-17.5593, 20.5593), the lower end clamped at 0.  Per 1,000 words
	 * (100 words each): 1000 * 3/200 = 15, and with equal words the ratio
	 * interval is the mean's times 10.
	 */
	CHECK(strstr(buf, "b-model,backtracking,2,1,0.5000,0.0945,0.9055,1.5000,0.0000,20.5593,3,15.0000,0.0000,"
			  "205.5931\n") != NULL, "row: %s", buf);
	/* one trace: no spread, so no mean interval */
	CHECK(strstr(buf, "a-model,verification,1,1,1.0000,0.2065,1.0000,2.0000,nan,nan,2,20.0000,nan,nan\n") != NULL,
	      "row: %s", buf);
	free(buf);
	/* json: full precision */
	buf = report(&a, FMT_JSON, 0.95);
	CHECK(strstr(buf, "\"rate_hi\":0.90546879426576921,") != NULL, "json: %s", buf);
	free(buf);
	/* --level 0.99: statsmodels proportion_confint(1, 2, alpha=0.01, method="wilson") = (0.0617, 0.9383) */
	buf = report(&a, FMT_CSV, 0.99);
	CHECK(strstr(buf, "b-model,backtracking,2,1,0.5000,0.0617,0.9383,") != NULL, "row: %s", buf);
	free(buf);

	/* growth past the initial table keeps every group */
	for (int i = 0; i < 1000; i++) {
		char k[16];
		snprintf(k, sizeof k, "m%04d", i);
		const char *kv[] = { k };
		agg_add(&a, kv, 100, c2);
	}
	v = agg_sorted(&a, &n);
	CHECK_INT(n, 1002);
	CHECK_STR(v[2]->vals[0], "m0000");
	CHECK_STR(v[1001]->vals[0], "m0999");
	free(v);
	agg_free(&a);

	/* ordering of values: numbers numerically, then text, then (missing) */
	CHECK(agg_value_cmp("9", "10") < 0, "9 < 10");
	CHECK(agg_value_cmp("-2.5", "1e-3") < 0, "-2.5 < 1e-3");
	CHECK(agg_value_cmp("100", "abc") < 0, "numbers first");
	CHECK(agg_value_cmp("zzz", AGG_MISSING) < 0, "missing last");
	CHECK(agg_value_cmp("nan", "inf") > 0, "nan is text");
	CHECK(agg_value_cmp("0x10", "2") > 0, "hex is text");
	CHECK(agg_value_cmp("10", "10.0") != 0, "distinct values stay distinct");
	CHECK_INT(agg_value_cmp("a", "a"), 0);

	/* several fields: values that would collide when joined stay apart */
	agg_init(&a, "model,step");
	CHECK_INT(a.nfields, 2);
	CHECK_STR(a.fields[1], "step");
	const char *g1[] = { "a,b", "c" }, *g2[] = { "a", "b,c" }, *g3[] = { "a", "10" }, *g4[] = { "a", "9" };
	agg_add(&a, g1, 100, c1);
	agg_add(&a, g2, 100, c1);
	agg_add(&a, g3, 100, c1);
	agg_add(&a, g4, 100, c1);
	v = agg_sorted(&a, &n);
	CHECK_INT(n, 4);
	CHECK_STR(v[0]->vals[1], "9");
	CHECK_STR(v[1]->vals[1], "10");
	CHECK_STR(v[2]->vals[1], "b,c");
	CHECK_STR(v[3]->vals[0], "a,b");
	free(v);
	agg_free(&a);
	return unit_done("test_agg");
}
