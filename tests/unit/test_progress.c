/* test_progress.c - the progress line: off, rate-limited, its fields. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "progress.h"
#include "unit.h"

static void sleep_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&t, NULL);
}

/* Reads back what was written to fp. */
static void contents(FILE *fp, char *out, size_t n)
{
	fflush(fp);
	long len = ftell(fp);
	rewind(fp);
	size_t got = fread(out, 1, n - 1, fp);
	out[got] = '\0';
	fseek(fp, len, SEEK_SET);
}

int main(void)
{
	char s[1024];
	struct progress p;

	/* off: nothing, ever */
	FILE *fp = tmpfile();
	progress_init(&p, 0, fp, 1000);
	sleep_ms(300);
	for (int i = 0; i < 200; i++)
		progress_update(&p, 500, 5);
	progress_clear(&p);
	contents(fp, s, sizeof s);
	CHECK_STR(s, "");
	fclose(fp);

	/* on, known total: nothing before 1/4 s, then percentage and ETA */
	fp = tmpfile();
	progress_init(&p, 1, fp, 2000000);
	for (int i = 0; i < 200; i++)
		progress_update(&p, 1000000, 10);
	contents(fp, s, sizeof s);
	CHECK_STR(s, "");
	sleep_ms(300);
	for (int i = 0; i < 64; i++)
		progress_update(&p, 1000000, 10);
	contents(fp, s, sizeof s);
	CHECK(strncmp(s, "\rcotscan: 1.0 MB of 2.0 MB (50%), 10 traces, ", 44) == 0, "got '%s'", s);
	CHECK(strstr(s, "traces/s") && strstr(s, "MB/s") && strstr(s, ", ETA 0:00:0"), "got '%s'", s);
	CHECK(strcmp(s + strlen(s) - 3, "\033[K") == 0, "line not cleared to the end: '%s'", s);
	CHECK_INT(p.shown, 1);
	/* rate-limited: an immediate second update draws nothing */
	long before = ftell(fp);
	for (int i = 0; i < 64; i++)
		progress_update(&p, 1500000, 15);
	CHECK_INT(ftell(fp), before);
	progress_clear(&p);
	contents(fp, s, sizeof s);
	CHECK(strcmp(s + strlen(s) - 4, "\r\033[K") == 0, "not erased: '%s'", s);
	CHECK_INT(p.shown, 0);
	fclose(fp);

	/* unknown total (a pipe): no percentage, no ETA */
	fp = tmpfile();
	progress_init(&p, 1, fp, 0);
	sleep_ms(300);
	for (int i = 0; i < 64; i++)
		progress_update(&p, 123456789, 1000);
	contents(fp, s, sizeof s);
	CHECK(strncmp(s, "\rcotscan: 123.5 MB, 1000 traces, ", 33) == 0, "got '%s'", s);
	CHECK(!strstr(s, "ETA") && !strstr(s, "%"), "got '%s'", s);
	fclose(fp);
	return unit_done("progress");
}
