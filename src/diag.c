/* diag.c - see diag.h. */
#include <stdarg.h>

#include "diag.h"

void diag_error(const char *fmt, ...)
{
	va_list ap;
	fputs("cotscan: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void diag_skip(struct diag *d, const char *file, unsigned long long line, int reason, const char *why)
{
	FILE *err = d->err ? d->err : stderr;
	d->skipped[reason]++;
	if (reason == COT_SKIP_BLANK)
		return;
	if (d->skipped[reason] == 1)
		snprintf(d->first_why[reason], sizeof d->first_why[reason], "%s:%llu: %s", file, line,
			 why && *why ? why : cot_skip_name(reason));
	if (d->shown[reason] < DIAG_MAX_SHOWN) {
		fprintf(err, "%s:%llu: %s\n", file, line, why && *why ? why : cot_skip_name(reason));
		if (++d->shown[reason] == DIAG_MAX_SHOWN)
			fprintf(err, "cotscan: further '%s' messages suppressed (counted in the summary)\n",
				cot_skip_name(reason));
	}
}

void diag_warn(struct diag *d, const char *file, unsigned long long line, const char *why)
{
	FILE *err = d->err ? d->err : stderr;
	d->warned++;
	if (d->warned_shown < DIAG_MAX_SHOWN) {
		fprintf(err, "%s:%llu: warning: %s\n", file, line, why);
		if (++d->warned_shown == DIAG_MAX_SHOWN)
			fputs("cotscan: further warnings suppressed (counted in the summary)\n", err);
	}
}

unsigned long long diag_bad_lines(const struct diag *d)
{
	unsigned long long n = 0;
	for (int s = COT_SKIP_BLANK + 1; s < COT_NSKIP; s++)
		n += d->skipped[s];
	return n;
}

int diag_no_traces(const struct diag *d)
{
	unsigned long long bad = diag_bad_lines(d);
	if (d->tagged || !bad)
		return 0;
	int top = COT_SKIP_BLANK + 1;
	for (int s = top + 1; s < COT_NSKIP; s++)
		if (d->skipped[s] > d->skipped[top])
			top = s;
	FILE *err = d->err ? d->err : stderr;
	if (bad == 1)
		fputs("cotscan: no trace could be tagged: the one non-blank line was skipped", err);
	else
		fprintf(err, "cotscan: no trace could be tagged: all %llu non-blank lines were skipped", bad);
	if (d->skipped[top] == bad)
		fprintf(err, " for %s", cot_skip_name(top));
	else
		fprintf(err, ", most (%llu) for %s", d->skipped[top], cot_skip_name(top));
	fprintf(err, "; the first: %s\n", d->first_why[top]);
	return 1;
}

void diag_summary(const struct diag *d)
{
	FILE *err = d->err ? d->err : stderr;
	if (d->quiet)
		return;
	unsigned long long total = 0;
	for (int s = 1; s < COT_NSKIP; s++)
		total += d->skipped[s];
	fprintf(err, "cotscan: %llu lines read, %llu traces tagged, %llu skipped", d->lines, d->tagged, total);
	if (total) {
		const char *sep = " (";
		for (int s = 1; s < COT_NSKIP; s++)
			if (d->skipped[s]) {
				fprintf(err, "%s%s %llu", sep, cot_skip_name(s), d->skipped[s]);
				sep = ", ";
			}
		fputc(')', err);
	}
	if (d->filtering)
		fprintf(err, ", %llu filtered", d->filtered);
	if (d->warned)
		fprintf(err, ", %llu with warnings", d->warned);
	if (d->rules)
		fprintf(err, "; rules %s %016llx", d->rules, d->rules_hash);
	fputc('\n', err);
}
