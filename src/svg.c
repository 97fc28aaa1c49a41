/* svg.c - see svg.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cotscan.h"
#include "stats.h"
#include "svg.h"

/* Okabe-Ito colours: distinguishable with colour-blindness, dark enough on white. */
static const char *const colours[COT_NBEHAV] = { "#0072B2", "#D55E00", "#009E73", "#CC79A7" };
static const char *const dashes[] = { "", "6 3", "2 3", "8 3 2 3", "12 4", "1 2" };
#define NDASH (sizeof dashes / sizeof *dashes)

#define TOP 56.0
#define PLOT_H 300.0
#define LEGEND_MAX 20 /* legend rows of a line chart before "(more series...)" */
#define LABEL_MAX 40   /* characters of a group label */
#define CHAR_W 6.6     /* a generous width of one 12px character */

/* The length in bytes of the character at s[i] (at least 1, at most what is left). */
static size_t char_len(const char *s, size_t i, size_t n)
{
	unsigned cp;
	size_t len = util_utf8_decode(s + i, n - i, &cp);
	return len ? len : 1;
}

/* Writes the characters of s[from..to) escaped, control characters and invalid UTF-8 as '?'. */
static void xml_span(FILE *fp, const char *s, size_t from, size_t to)
{
	size_t n = strlen(s);
	for (size_t i = from; i < to;) {
		unsigned char c = (unsigned char)s[i];
		size_t len = char_len(s, i, n);
		if (c >= 0x80 && len == 1) {
			fputc('?', fp);
			i++;
			continue;
		}
		switch (c) {
		case '&': fputs("&amp;", fp); break;
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		case '"': fputs("&quot;", fp); break;
		default:
			if (c < 0x20 || c == 0x7f)
				fputc('?', fp);
			else
				fwrite(s + i, 1, len, fp);
		}
		i += len;
	}
}

/*
 * Writes s as XML text, at most max characters: a longer one keeps its
 * start and its end around an ellipsis, so that labels sharing a long
 * prefix (Qwen/Qwen2.5-Math-...-7B, ...-72B) still read differently.
 */
static void xml_text(FILE *fp, const char *s, size_t max)
{
	size_t n = strlen(s), chars = 0;
	for (size_t i = 0; i < n; i += char_len(s, i, n))
		chars++;
	if (chars <= max) {
		xml_span(fp, s, 0, n);
		return;
	}
	size_t head = max / 3, tail = max - head - 1, i = 0, k = 0;
	for (; k < head; k++)
		i += char_len(s, i, n);
	xml_span(fp, s, 0, i);
	fputs("\xe2\x80\xa6", fp); /* an ellipsis */
	size_t j = i;
	for (; k < chars - tail; k++)
		j += char_len(s, j, n);
	xml_span(fp, s, j, n);
}

/*
 * Natural order of two labels: runs of digits compare as numbers
 * (3B < 7B < 32B < 72B), the rest bytewise.
 */
static int natural_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
			while (*a == '0')
				a++;
			while (*b == '0')
				b++;
			size_t na = strspn(a, "0123456789"), nb = strspn(b, "0123456789");
			if (na != nb)
				return na < nb ? -1 : 1;
			int c = memcmp(a, b, na);
			if (c)
				return c;
			a += na;
			b += nb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return *a ? 1 : *b ? -1 : 0;
}

struct labelled {
	char *label;
	const struct agg_group *g;
};

static int labelled_cmp(const void *x, const void *y)
{
	const struct labelled *a = x, *b = y;
	int c = natural_cmp(a->label, b->label);
	return c ? c : strcmp(a->label, b->label);
}

/* Puts the groups of a bar chart in natural order of their labels. */
static void natural_order(const struct agg *a, struct agg_group **v, size_t n)
{
	struct labelled *l = xmalloc((n ? n : 1) * sizeof *l);
	struct buf b = {0};
	for (size_t i = 0; i < n; i++) {
		agg_label(a, v[i], &b);
		l[i] = (struct labelled){ xstrdup(b.p ? b.p : ""), v[i] };
	}
	qsort(l, n, sizeof *l, labelled_cmp);
	for (size_t i = 0; i < n; i++) {
		v[i] = (struct agg_group *)l[i].g;
		free(l[i].label);
	}
	free(l);
	buf_free(&b);
}

/* The number of characters of the UTF-8 string s. */
static size_t utf8_chars(const char *s)
{
	size_t chars = 0;
	for (; *s; s++)
		chars += ((unsigned char)*s & 0xc0) != 0x80;
	return chars;
}

/*
 * Puts the groups named in order (their labels, the values joined by ',',
 * separated by ',') first, in that order, the others after them as they
 * are; with apply 0, only checks the names.  A label containing ',' is
 * found as the longest label that the list continues with.  A name that
 * is no group gets a warning on stderr.
 */
static void explicit_order(const struct agg *a, struct agg_group **v, size_t n, const char *order, int apply)
{
	char **lab = xmalloc((n ? n : 1) * sizeof *lab);
	char *used = xmalloc(n ? n : 1);
	memset(used, 0, n ? n : 1);
	struct agg_group **out = xmalloc((n ? n : 1) * sizeof *out);
	struct buf b = {0};
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		agg_label(a, v[i], &b);
		lab[i] = xstrdup(b.p ? b.p : "");
	}
	for (const char *p = order; *p;) {
		size_t best = n, bestlen = 0;
		for (size_t i = 0; i < n; i++) {
			size_t len = strlen(lab[i]);
			if (len && strncmp(p, lab[i], len) == 0 && (p[len] == ',' || !p[len]) &&
			    (best == n || len > bestlen)) {
				best = i;
				bestlen = len;
			}
		}
		if (best < n) {
			if (!used[best]) {
				used[best] = 1;
				out[k++] = v[best];
			}
			p += bestlen;
		} else {
			size_t len = strcspn(p, ",");
			if (len) {
				fputs("cotscan: warning: --order: no group '", stderr);
				fwrite(p, 1, len, stderr);
				fputs("' in the chart\n", stderr);
			}
			p += len;
		}
		if (*p == ',')
			p++;
	}
	for (size_t i = 0; i < n; i++)
		if (!used[i])
			out[k++] = v[i];
	if (apply)
		memcpy(v, out, n * sizeof *v);
	for (size_t i = 0; i < n; i++)
		free(lab[i]);
	free(lab);
	free(used);
	free(out);
	buf_free(&b);
}

/* A round tick step near span/5: 1, 2 or 5 times a power of ten. */
static double tick_step(double span)
{
	double raw = span / 5, p = pow(10, floor(log10(raw))), f = raw / p;
	return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

struct chart {
	FILE *fp;
	const struct agg *a;
	struct agg_group **v;
	size_t n;
	double z, ymax;
	double left, right, width, height; /* the plot spans left..right; the picture width x height */
	struct buf label;
};

static double ypos(const struct chart *c, double r)
{
	return TOP + PLOT_H * (1 - r / c->ymax);
}

/* The y axis, grid lines and labels, and the title. */
static void frame(struct chart *c, const char *title, double level)
{
	FILE *fp = c->fp;
	double left = c->left, right = c->right, step = tick_step(c->ymax);
	fprintf(fp, "<text x=\"%.1f\" y=\"24\" font-size=\"16\" font-weight=\"bold\">", left);
	xml_text(fp, title, 200);
	fprintf(fp, "</text>\n<text x=\"%.1f\" y=\"42\" font-size=\"12\" fill=\"#444\">"
		"error bars: %g%% Wilson score intervals</text>\n", left, level * 100);
	for (double t = 0; t <= c->ymax + step / 1000; t += step) {
		double y = ypos(c, t);
		fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", left, y,
			right, y);
		fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"end\">%g</text>\n", left - 6,
			y + 4, round(t * 1e6) / 1e6);
	}
	fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000\"/>\n", left, TOP, left,
		TOP + PLOT_H);
	fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000\"/>\n", left, TOP + PLOT_H,
		right, TOP + PLOT_H);
	fprintf(fp, "<text transform=\"translate(%.1f %.1f) rotate(-90)\" font-size=\"13\" text-anchor=\"middle\">"
		"rate (share of traces with the behaviour)</text>\n", left - 50, TOP + PLOT_H / 2);
}

/* The x axis title: the group-by fields from the first. */
static void x_title(struct chart *c, int first)
{
	int nfields = c->a->nfields;
	fprintf(c->fp, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"13\" text-anchor=\"middle\">", (c->left + c->right) / 2,
		c->height - 14);
	for (int f = first; f < nfields; f++) {
		if (f > first)
			fputs(", ", c->fp);
		xml_text(c->fp, c->a->fields[f], LABEL_MAX);
	}
	fputs("</text>\n", c->fp);
}

/* One legend entry at the top right, row k. */
static void legend(struct chart *c, int k, const char *colour, const char *dash, const char *text)
{
	double x = c->right + 24, y = TOP + 4 + 18 * k;
	fprintf(c->fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%s\"%s%s%s/>\n",
		x, y, x + 22, y, colour, *dash ? "2" : "8", *dash ? " stroke-dasharray=\"" : "", dash,
		*dash ? "\"" : "");
	fprintf(c->fp, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\">", x + 28, y + 4);
	xml_text(c->fp, text, LABEL_MAX);
	fputs("</text>\n", c->fp);
}

/* A mark's tooltip. */
static void tip(struct chart *c, const struct agg_group *g, int b, double lo, double hi)
{
	agg_label(c->a, g, &c->label);
	fputs("<title>", c->fp);
	xml_text(c->fp, c->label.p, 200);
	fprintf(c->fp, " %s: rate %.4f [%.4f, %.4f], %llu of %llu traces</title>", cot_behaviour_name(b),
		(double)g->s.with[b] / (double)g->s.traces, lo, hi, g->s.with[b], g->s.traces);
}

static void error_bar(struct chart *c, double x, double lo, double hi, const char *colour)
{
	fprintf(c->fp, "<path d=\"M%.1f %.1fV%.1fM%.1f %.1fH%.1fM%.1f %.1fH%.1f\" stroke=\"%s\" fill=\"none\"/>\n",
		x, ypos(c, lo), ypos(c, hi), x - 3, ypos(c, lo), x + 3, x - 3, ypos(c, hi), x + 3, colour);
}

static void bars(struct chart *c)
{
	FILE *fp = c->fp;
	double barw = 14, groupw = COT_NBEHAV * barw + 22;
	for (size_t i = 0; i < c->n; i++) {
		const struct agg_group *g = c->v[i];
		double x0 = c->left + 16 + (double)i * groupw;
		for (int b = 0; b < COT_NBEHAV; b++) {
			double lo, hi, r = (double)g->s.with[b] / (double)g->s.traces, x = x0 + b * barw;
			stats_wilson(g->s.with[b], g->s.traces, c->z, &lo, &hi);
			fprintf(fp, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">",
				x, ypos(c, r), barw - 1, TOP + PLOT_H - ypos(c, r), colours[b]);
			tip(c, g, b, lo, hi);
			fputs("</rect>\n", fp);
			error_bar(c, x + (barw - 1) / 2, lo, hi, "#222");
		}
		double lx = x0 + COT_NBEHAV * barw / 2, ly = TOP + PLOT_H + 14;
		agg_label(c->a, g, &c->label);
		fprintf(fp, "<text transform=\"translate(%.1f %.1f) rotate(-45)\" font-size=\"12\" text-anchor=\"end\">",
			lx, ly);
		xml_text(fp, c->label.p, LABEL_MAX);
		fputs("</text>\n", fp);
	}
	for (int b = 0; b < COT_NBEHAV; b++)
		legend(c, b, colours[b], "", cot_behaviour_name(b));
}

/* The label of g without its last field (the series of a line chart), into b. */
static void prefix_label(const struct agg *a, const struct agg_group *g, struct buf *b)
{
	buf_reset(b);
	for (int f = 0; f + 1 < a->nfields; f++) {
		if (f)
			buf_addc(b, ',');
		buf_addstr(b, g->vals[f]);
	}
}

static void lines(struct chart *c, double xmin, double xmax)
{
	FILE *fp = c->fp;
	int last = c->a->nfields - 1;
	double plot_w = c->right - c->left - 40, step = tick_step(xmax - xmin);
#define XPOS(x) (c->left + 20 + plot_w * ((x) - xmin) / (xmax - xmin))
	for (double t = ceil(xmin / step) * step; t <= xmax + step / 1000; t += step)
		fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\">%g</text>\n", XPOS(t),
			TOP + PLOT_H + 18, round(t / step) * step);
	/* groups are sorted by the earlier fields, then numerically by the last:
	 * each run of one prefix is one series per behaviour, left to right */
	struct buf prev = {0}, cur = {0};
	int series = 0, nleg = 0;
	for (size_t i = 0; i < c->n;) {
		size_t j = i;
		prefix_label(c->a, c->v[i], &prev);
		for (; j < c->n; j++) {
			prefix_label(c->a, c->v[j], &cur);
			if (strcmp(cur.p, prev.p) != 0)
				break;
		}
		const char *dash = dashes[series % NDASH];
		for (int b = 0; b < COT_NBEHAV; b++) {
			fprintf(fp, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s%s%s points=\"", colours[b],
				*dash ? " stroke-dasharray=\"" : "", dash, *dash ? "\"" : "");
			for (size_t k = i; k < j; k++) {
				const struct agg_group *g = c->v[k];
				fprintf(fp, "%s%.1f,%.1f", k > i ? " " : "", XPOS(strtod(g->vals[last], NULL)) + (b - 1.5) * 3,
					ypos(c, (double)g->s.with[b] / (double)g->s.traces));
			}
			fputs("\"/>\n", fp);
			for (size_t k = i; k < j; k++) {
				const struct agg_group *g = c->v[k];
				/* dodge the behaviours a little, so that their error bars stay apart */
				double lo, hi, x = XPOS(strtod(g->vals[last], NULL)) + (b - 1.5) * 3;
				stats_wilson(g->s.with[b], g->s.traces, c->z, &lo, &hi);
				error_bar(c, x, lo, hi, colours[b]);
				fprintf(fp, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\">", x,
					ypos(c, (double)g->s.with[b] / (double)g->s.traces), colours[b]);
				tip(c, g, b, lo, hi);
				fputs("</circle>\n", fp);
			}
			buf_reset(&cur);
			if (prev.len)
				buf_printf(&cur, "%s: ", prev.p);
			buf_addstr(&cur, cot_behaviour_name(b));
			if (nleg < LEGEND_MAX)
				legend(c, nleg, colours[b], *dash ? dash : "1 0", cur.p);
			else if (nleg == LEGEND_MAX)
				legend(c, nleg, "#fff", "", "(more series: see the tooltips)");
			nleg++;
		}
		series++;
		i = j;
	}
#undef XPOS
	buf_free(&prev);
	buf_free(&cur);
}

/* Whether the last group field is a number in every group, with two values or more; the range. */
static int numeric_x(const struct chart *c, double *xmin, double *xmax)
{
	int last = c->a->nfields - 1;
	if (c->n < 2)
		return 0;
	*xmin = INFINITY;
	*xmax = -INFINITY;
	for (size_t i = 0; i < c->n; i++) {
		const char *s = c->v[i]->vals[last];
		char *end;
		double x = strtod(s, &end);
		if (!*s || *end || !isfinite(x) || strpbrk(s, "xXnNiI"))
			return 0;
		*xmin = fmin(*xmin, x);
		*xmax = fmax(*xmax, x);
	}
	return *xmax > *xmin;
}

void svg_write(const struct agg *a, FILE *fp, double level, const char *title_text, const char *order)
{
	struct chart c = { .fp = fp, .a = a, .z = stats_z_for_level(level) };
	c.v = agg_sorted(a, &c.n);
	double hi_max = 0, xmin, xmax;
	for (size_t i = 0; i < c.n; i++)
		for (int b = 0; b < COT_NBEHAV; b++) {
			double lo, hi;
			stats_wilson(c.v[i]->s.with[b], c.v[i]->s.traces, c.z, &lo, &hi);
			hi_max = fmax(hi_max, hi);
		}
	double step = tick_step(hi_max > 0 ? hi_max : 0.1);
	c.ymax = fmin(1, ceil(hi_max / step - 1e-9) * step);
	if (!(c.ymax > 0))
		c.ymax = 0.1;
	struct buf title = {0};
	if (title_text)
		buf_addstr(&title, title_text);
	else {
		buf_addstr(&title, "Behaviour rates by ");
		for (int f = 0; f < a->nfields; f++)
			buf_printf(&title, "%s%s", f ? ", " : "", a->fields[f]);
	}
	int line = numeric_x(&c, &xmin, &xmax);
	if (!line) /* tables keep their order; a bar chart reads best in natural order */
		natural_order(a, c.v, c.n);
	if (order) /* the bars in this order; a line chart keeps its x axis */
		explicit_order(a, c.v, c.n, order, !line);
	/* slanted group labels (45 degrees) reach down and to the left */
	size_t longest = 0;
	for (size_t i = 0; !line && i < c.n; i++) {
		agg_label(a, c.v[i], &c.label);
		size_t chars = utf8_chars(c.label.p ? c.label.p : "");
		longest = chars > longest ? chars : longest;
	}
	double slant = (double)(longest < LABEL_MAX ? longest : LABEL_MAX + 1) * CHAR_W * 0.7071;
	c.left = fmax(80, slant - 16 + 8);
	/* the plot as wide as its groups need, a margin of 16 each side; the
	 * legend right of it as wide and as tall as its entries */
	c.right = line ? c.left + 640 : c.left + 10 + (double)c.n * (COT_NBEHAV * 14 + 22);
	size_t nleg = COT_NBEHAV, legend_chars = strlen("backward_chaining");
	if (line) {
		struct buf prev = {0}, cur = {0};
		nleg = 0;
		for (size_t i = 0; i < c.n; i++) {
			prefix_label(a, c.v[i], &cur);
			if (i && strcmp(cur.p ? cur.p : "", prev.p ? prev.p : "") == 0)
				continue;
			nleg += COT_NBEHAV;
			size_t chars = cur.len ? utf8_chars(cur.p) + 2 + strlen("backward_chaining") : 0;
			legend_chars = chars > legend_chars ? chars : legend_chars;
			buf_reset(&prev);
			buf_addstr(&prev, cur.p ? cur.p : "");
		}
		buf_free(&prev);
		buf_free(&cur);
		if (nleg > LEGEND_MAX) {
			nleg = LEGEND_MAX + 1;
			legend_chars = legend_chars > 31 ? legend_chars : 31; /* "(more series: see the tooltips)" */
		}
	}
	legend_chars = legend_chars < LABEL_MAX ? legend_chars : LABEL_MAX;
	c.width = c.right + 24 + 28 + (double)legend_chars * CHAR_W + 12;
	/* the subtitle (error bars: ...) is about 250px wide */
	c.width = fmax(c.width, c.left + 260);
	/* a long title widens the picture (16px bold: about 10px a character) */
	c.width = fmax(c.width, c.left + fmin(200, (double)utf8_chars(title.p ? title.p : "")) * 10 + 16);
	c.height = TOP + PLOT_H + (line ? 30 : slant + 24) + 36;
	c.height = fmax(c.height, TOP + 4 + 18 * (double)nleg + 12);
	fprintf(fp, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
		"font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n"
		"<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n", c.width, c.height, c.width, c.height);
	frame(&c, title.p ? title.p : "", level);
	x_title(&c, line ? a->nfields - 1 : 0);
	if (line)
		lines(&c, xmin, xmax);
	else
		bars(&c);
	fputs("</svg>\n", fp);
	buf_free(&title);
	buf_free(&c.label);
	free(c.v);
}
