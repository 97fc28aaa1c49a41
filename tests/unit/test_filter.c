/* Unit tests of filter.c: --where parsing and matching, --drop-defects. */
#include <cjson/cJSON.h>

#include "cotscan.h"
#include "filter.h"
#include "unit.h"

int main(void)
{
	struct where_cond w;
	CHECK_INT(filter_where_parse("split=dev", &w), 0);
	CHECK_STR(w.path, "split");
	CHECK_STR(w.value, "dev");
	CHECK_INT(w.negate, 0);
	CHECK_INT(filter_where_parse("meta.n!=3", &w), 0);
	CHECK_STR(w.path, "meta.n");
	CHECK_STR(w.value, "3");
	CHECK_INT(w.negate, 1);
	CHECK_INT(filter_where_parse("a=b=c", &w), 0); /* the first '=' splits */
	CHECK_STR(w.value, "b=c");
	CHECK_INT(filter_where_parse("a=", &w), 0);    /* the empty value */
	CHECK_STR(w.value, "");
	CHECK_INT(filter_where_parse("split", &w), -1);
	CHECK_INT(filter_where_parse("=dev", &w), -1);
	CHECK_INT(filter_where_parse("!=dev", &w), -1);
	CHECK_INT(filter_where_parse("a..b=1", &w), -2);

	cJSON *rec = cJSON_Parse("{\"split\":\"dev\",\"meta\":{\"n\":3},\"flag\":true}");
	struct trace_result r = { .record = rec, .model = "m1" };
	struct buf tmp = {0};
	filter_where_parse("split=dev", &w);
	CHECK_INT(filter_where_match(&w, &r, &tmp), 1);
	filter_where_parse("split!=dev", &w);
	CHECK_INT(filter_where_match(&w, &r, &tmp), 0);
	filter_where_parse("meta.n=3", &w); /* a number compares as its JSON text */
	CHECK_INT(filter_where_match(&w, &r, &tmp), 1);
	filter_where_parse("flag=true", &w);
	CHECK_INT(filter_where_match(&w, &r, &tmp), 1);
	filter_where_parse("model=m1", &w); /* the model as cotscan found it */
	CHECK_INT(filter_where_match(&w, &r, &tmp), 1);
	filter_where_parse("nosuch=x", &w); /* a missing field equals nothing ... */
	CHECK_INT(filter_where_match(&w, &r, &tmp), 0);
	filter_where_parse("nosuch!=x", &w); /* ... and differs from everything */
	CHECK_INT(filter_where_match(&w, &r, &tmp), 1);

	struct trace_filter f = {0};
	CHECK_INT(filter_active(&f), 0);
	CHECK_INT(filter_keep(&f, &r, &tmp), 1);
	struct buf err = {0};
	CHECK_INT(filter_parse_defects("repetitive,padded", &f.drop, &err), 0);
	CHECK_INT(f.drop, (1u << COT_D_REPETITIVE) | (1u << COT_D_PADDED));
	CHECK_INT(filter_active(&f), 1);
	r.defects = 1u << COT_D_TRUNCATED;
	CHECK_INT(filter_keep(&f, &r, &tmp), 1);
	r.defects |= 1u << COT_D_PADDED;
	CHECK_INT(filter_keep(&f, &r, &tmp), 0);
	CHECK_INT(filter_parse_defects("all", &f.drop, &err), 0);
	CHECK_INT(f.drop, (1u << COT_NDEFECT) - 1);
	CHECK_INT(filter_parse_defects("padded,nosuch", &f.drop, &err), -1);
	CHECK_STR(err.p, "nosuch");
	CHECK_INT(filter_parse_defects("padded,", &f.drop, &err), -1); /* an empty name */
	/* --where and --drop-defects together: both must let the trace through */
	f.drop = 1u << COT_D_REPETITIVE;
	r.defects = 0;
	filter_where_parse("split=dev", &f.where[0]);
	filter_where_parse("meta.n!=4", &f.where[1]);
	f.nwhere = 2;
	CHECK_INT(filter_keep(&f, &r, &tmp), 1);
	filter_where_parse("meta.n!=3", &f.where[1]);
	CHECK_INT(filter_keep(&f, &r, &tmp), 0);
	buf_free(&tmp);
	buf_free(&err);
	cJSON_Delete(rec);
	return unit_done("test_filter");
}
