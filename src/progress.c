/* progress.c - see progress.h. */
#include <time.h>

#include "progress.h"

#define PROGRESS_INTERVAL 0.25

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

void progress_init(struct progress *p, int on, FILE *fp, unsigned long long total)
{
	*p = (struct progress){ .on = on, .fp = fp, .total = total };
	if (on) {
		p->start = now();
		p->next = p->start + PROGRESS_INTERVAL;
	}
}

/* "1.2 GB" and the like, in decimal units as MB/s are. */
static void human(char *out, size_t n, double bytes)
{
	static const char *const units[] = { "B", "kB", "MB", "GB", "TB" };
	int u = 0;
	while (bytes >= 1000 && u < 4) {
		bytes /= 1000;
		u++;
	}
	snprintf(out, n, u ? "%.1f %s" : "%.0f %s", bytes, units[u]);
}

void progress_update(struct progress *p, unsigned long long bytes, unsigned long long traces)
{
	/* the clock is read every 64 lines: cheap next to the lines themselves */
	if (!p->on || (++p->calls & 63) != 0)
		return;
	double t = now();
	if (t < p->next)
		return;
	p->next = t + PROGRESS_INTERVAL;
	double el = t - p->start;
	char done[32], all[32];
	human(done, sizeof done, (double)bytes);
	fprintf(p->fp, "\rcotscan: %s", done);
	if (p->total && bytes <= p->total) {
		human(all, sizeof all, (double)p->total);
		fprintf(p->fp, " of %s (%.0f%%)", all, 100.0 * (double)bytes / (double)p->total);
	}
	fprintf(p->fp, ", %llu traces, %.0f traces/s, %.1f MB/s", traces, (double)traces / el,
		(double)bytes / el / 1e6);
	if (p->total && bytes > 0 && bytes <= p->total) {
		double left = el * (double)(p->total - bytes) / (double)bytes;
		unsigned s = (unsigned)(left + 0.5);
		fprintf(p->fp, ", ETA %u:%02u:%02u", s / 3600, s / 60 % 60, s % 60);
	}
	fputs("\033[K", p->fp);
	fflush(p->fp);
	p->shown = 1;
}

void progress_clear(struct progress *p)
{
	if (!p->shown)
		return;
	fputs("\r\033[K", p->fp);
	fflush(p->fp);
	p->shown = 0;
}
