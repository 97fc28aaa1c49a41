/* Unit tests of tabout.c: one small table in each format, escaping included. */
#include <stdlib.h>

#include "cotscan.h"
#include "tabout.h"
#include "unit.h"

static const char *const cols[] = { "name", "n", "rate" };

/* Writes a one-row table in fmt, stamped with a rule-set hash, and returns it (caller frees). */
static char *stamped(int fmt)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct tabout t;
	tabout_begin(&t, fp, fmt, 3, cols);
	tabout_stamp(&t, 0x00ab00cd00ef0012ULL);
	tabout_str(&t, "a");
	tabout_num(&t, "%d", 1);
	tabout_num(&t, "%.1f", 0.5);
	tabout_row_end(&t);
	tabout_end(&t);
	fclose(fp);
	return buf;
}

/* Writes a two-row table in fmt and returns it (caller frees). */
static char *table(int fmt)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct tabout t;
	tabout_begin(&t, fp, fmt, 3, cols);
	tabout_str(&t, "a,b \"q\"");
	tabout_num(&t, "%d", 3);
	tabout_num(&t, "%.2f", 0.5);
	tabout_row_end(&t);
	tabout_str(&t, "x|y\tz\\");
	tabout_num(&t, "%llu", 12345678901234ULL);
	tabout_num(&t, "%f", 0.0 / 0.0);
	tabout_row_end(&t);
	tabout_end(&t);
	fclose(fp);
	return buf;
}

int main(void)
{
	CHECK_INT(tabout_format_lookup("csv"), FMT_CSV);
	CHECK_INT(tabout_format_lookup("tsv"), FMT_TSV);
	CHECK_INT(tabout_format_lookup("markdown"), FMT_MARKDOWN);
	CHECK_INT(tabout_format_lookup("json"), FMT_JSON);
	CHECK_INT(tabout_format_lookup("xml"), -1);
	CHECK_INT(tabout_format_lookup(""), -1);
	CHECK_STR(tabout_format_name(FMT_MARKDOWN), "markdown");

	char *s = table(FMT_CSV);
	CHECK_STR(s, "name,n,rate\n\"a,b \"\"q\"\"\",3,0.50\nx|y\tz\\,12345678901234,-nan\n");
	free(s);
	s = table(FMT_TSV);
	CHECK_STR(s, "name\tn\trate\na,b \"q\"\t3\t0.50\nx|y\\tz\\\\\t12345678901234\t-nan\n");
	free(s);
	s = table(FMT_MARKDOWN);
	CHECK_STR(s, "| name | n | rate |\n|---|---|---|\n| a,b \"q\" | 3 | 0.50 |\n"
		     "| x\\|y\tz\\ | 12345678901234 | -nan |\n");
	free(s);
	s = table(FMT_JSON);
	CHECK_STR(s, "[\n{\"name\":\"a,b \\\"q\\\"\",\"n\":3,\"rate\":0.50},\n"
		     "{\"name\":\"x|y\\tz\\\\\",\"n\":12345678901234,\"rate\":null}\n]\n");
	free(s);

	/* the stamp: a last key in every json object, a line after a markdown table, nothing in csv */
	s = stamped(FMT_JSON);
	CHECK_STR(s, "[\n{\"name\":\"a\",\"n\":1,\"rate\":0.5,\"cotscan_version\":\"" COTSCAN_VERSION
		     "\",\"rules_hash\":\"00ab00cd00ef0012\"}\n]\n");
	free(s);
	s = stamped(FMT_MARKDOWN);
	CHECK_STR(s, "| name | n | rate |\n|---|---|---|\n| a | 1 | 0.5 |\n\ncotscan " COTSCAN_VERSION
		     ", rules 00ab00cd00ef0012\n");
	free(s);
	s = stamped(FMT_CSV);
	CHECK_STR(s, "name,n,rate\na,1,0.5\n");
	free(s);

	/* an empty table: the header alone, or an empty JSON array */
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct tabout t;
	tabout_begin(&t, fp, FMT_JSON, 3, cols);
	tabout_end(&t);
	fclose(fp);
	CHECK_STR(buf, "[]\n");
	free(buf);
	return unit_done("test_tabout");
}
