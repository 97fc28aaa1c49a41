/* show.c - see show.h. */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "show.h"

/* SGR colours by behaviour: the marker, and the matched text (bold). */
static const char *const colour[COT_NBEHAV] = { "31", "32", "34", "35" };

void show_safe(struct buf *out, const char *s, size_t n, int oneline)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c == '\n' || c == '\t') && !oneline)
			buf_addc(out, (char)c);
		else if (c == '\n' || c == '\t')
			buf_addc(out, ' ');
		else if (c < 0x20 || c == 0x7f) {
			buf_addc(out, '^');
			buf_addc(out, (char)(c ^ 0x40));
		} else if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
			   (unsigned char)s[i + 1] <= 0x9F) {
			buf_printf(out, "<U+%04X>", (unsigned char)s[i + 1]);
			i++;
		} else
			buf_addc(out, (char)c);
	}
}

size_t show_context_edge(const char *text, size_t len, size_t off, size_t max, int before)
{
	size_t e;
	if (before) {
		e = off > max ? off - max : 0;
		while (e > 0 && e < off && ((unsigned char)text[e] & 0xC0) == 0x80)
			e++;
	} else {
		e = len - off > max ? off + max : len;
		while (e < len && e > off && ((unsigned char)text[e] & 0xC0) == 0x80)
			e--;
	}
	return e;
}

struct show_ctx {
	FILE *out;
	const struct show_cfg *cfg;
	const struct ruleset *rules;
	int color;               /* 1: write SGR sequences */
	int only;                /* --behaviour, or -1 */
	unsigned char *pick;     /* --rule: pick[i] set for the rules it names; NULL without */
	unsigned long long traces, hits, hit_traces;
	struct show_mark *marks; /* scratch for one trace */
	size_t nmarks;
	struct buf b;
};

static int cmp_mark(const void *pa, const void *pb)
{
	const struct show_mark *a = pa, *b = pb;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->end > b->end ? -1 : a->end < b->end;
}

static void mark_open(struct buf *out, const struct show_mark *m, int color)
{
	if (color)
		buf_printf(out, "\033[%sm", colour[m->behaviour]);
	buf_printf(out, "[%s:%s]{", cot_behaviour_name(m->behaviour), m->rule);
	if (color)
		buf_printf(out, "\033[1;%sm", colour[m->behaviour]);
}

/* Closes m; the colour goes back to the innermost mark still open (top), or off. */
static void mark_close(struct buf *out, const struct show_mark *m, const struct show_mark *top, int color)
{
	if (color)
		buf_printf(out, "\033[0;%sm", colour[m->behaviour]);
	buf_addc(out, '}');
	if (color && top)
		buf_printf(out, "\033[1;%sm", colour[top->behaviour]);
	else if (color)
		buf_addstr(out, "\033[0m");
}

void show_marked(struct buf *out, const char *text, size_t len, struct show_mark *m, size_t n, int color,
		 int oneline)
{
	if (n > 1)
		qsort(m, n, sizeof *m, cmp_mark);
	const struct show_mark **open = xmalloc(2 * (n ? n : 1) * sizeof *open), **again = open + (n ? n : 1);
	size_t nopen = 0, k = 0, pos = 0;
	for (;;) {
		size_t next = k < n ? m[k].start : (size_t)-1;
		for (size_t i = 0; i < nopen; i++)
			if (open[i]->end < next)
				next = open[i]->end;
		if (next == (size_t)-1)
			break;
		if (next > len)
			next = len;
		show_safe(out, text + pos, next - pos, oneline);
		pos = next;
		/*
		 * Close what ends here.  Marks nest, so everything above the
		 * lowest one that ends is closed too, innermost first; those that
		 * go on are opened again (a mark that crosses another is split).
		 */
		size_t low = nopen;
		for (size_t i = 0; i < nopen && low == nopen; i++)
			if (open[i]->end <= pos)
				low = i;
		size_t nagain = 0;
		for (size_t i = nopen; i-- > low;) {
			mark_close(out, open[i], i ? open[i - 1] : NULL, color);
			if (open[i]->end > pos)
				again[nagain++] = open[i];
		}
		nopen = low;
		while (nagain > 0) {
			mark_open(out, again[--nagain], color);
			open[nopen++] = again[nagain];
		}
		/* then open what starts here, outermost first; an empty mark closes on the next pass */
		while (k < n && m[k].start <= pos) {
			mark_open(out, &m[k], color);
			open[nopen++] = &m[k++];
		}
	}
	show_safe(out, text + pos, len - pos, oneline);
	free(open);
}

/* Appends the marked instance m of r's text to c->b. */
static void put_match(struct show_ctx *c, const struct trace_result *r, const struct match *m, int oneline)
{
	struct show_mark one = { 0, m->end - m->start, m->behaviour, c->rules->v[m->rule].name };
	show_marked(&c->b, r->text + m->start, m->end - m->start, &one, 1, c->color, oneline);
}

/* One line per instance of the --rule rule: FILE:LINE: ID: context[b:r]{text}context */
static void show_rule_hits(struct show_ctx *c, const struct trace_result *r)
{
	unsigned long long before = c->hits;
	for (size_t i = 0; i < r->nev; i++) {
		const struct match *m = &r->ev[i];
		if (!c->pick[m->rule] || (c->only >= 0 && m->behaviour != c->only))
			continue;
		c->hits++;
		size_t from = show_context_edge(r->text, r->cot_bytes, m->start, SHOW_CONTEXT, 1);
		size_t to = show_context_edge(r->text, r->cot_bytes, m->end, SHOW_CONTEXT, 0);
		buf_reset(&c->b);
		show_safe(&c->b, r->file, strlen(r->file), 1);
		buf_printf(&c->b, ":%llu: ", r->line);
		show_safe(&c->b, r->id, strlen(r->id), 1);
		buf_addstr(&c->b, ": ");
		if (from > 0)
			buf_addstr(&c->b, "...");
		show_safe(&c->b, r->text + from, m->start - from, 1);
		put_match(c, r, m, 1);
		show_safe(&c->b, r->text + m->end, to - m->end, 1);
		if (to < r->cot_bytes)
			buf_addstr(&c->b, "...");
		buf_addc(&c->b, '\n');
		fwrite(c->b.p, 1, c->b.len, c->out);
	}
	c->hit_traces += c->hits > before;
}

/* The whole trace: a header, then its analysed text with the instances marked. */
static void show_trace(struct show_ctx *c, const struct trace_result *r)
{
	buf_reset(&c->b);
	if (c->traces > 1)
		buf_addc(&c->b, '\n');
	if (c->color)
		buf_addstr(&c->b, "\033[1m");
	buf_addstr(&c->b, "== ");
	show_safe(&c->b, r->file, strlen(r->file), 1);
	buf_printf(&c->b, ":%llu  id ", r->line);
	show_safe(&c->b, r->id, strlen(r->id), 1);
	buf_addstr(&c->b, "  model ");
	show_safe(&c->b, r->model, strlen(r->model), 1);
	buf_printf(&c->b, "  %zu bytes\n== ", r->cot_bytes);
	for (int b = 0; b < COT_NBEHAV; b++)
		buf_printf(&c->b, "%s%s %u", b ? ", " : "", cot_behaviour_name(b), r->counts[b]);
	for (int d = 0, first = 1; d < COT_NDEFECT; d++)
		if (r->defects & (1u << d)) {
			buf_printf(&c->b, "%s%s", first ? "; defects: " : ", ", cot_defect_name(d));
			first = 0;
		}
	if (c->color)
		buf_addstr(&c->b, "\033[0m");
	buf_addc(&c->b, '\n');
	size_t n = 0;
	if (c->nmarks < r->nev) {
		c->nmarks = r->nev;
		c->marks = xrealloc(c->marks, c->nmarks * sizeof *c->marks);
	}
	for (size_t i = 0; i < r->nev; i++) {
		const struct match *m = &r->ev[i];
		if (c->only < 0 || m->behaviour == c->only)
			c->marks[n++] = (struct show_mark){ m->start, m->end, m->behaviour, c->rules->v[m->rule].name };
	}
	show_marked(&c->b, r->text, r->cot_bytes, c->marks, n, c->color, 0);
	if (r->cot_bytes == 0 || r->text[r->cot_bytes - 1] != '\n')
		buf_addc(&c->b, '\n');
	fwrite(c->b.p, 1, c->b.len, c->out);
}

static void show_line(void *ctx, const struct trace_result *r)
{
	struct show_ctx *c = ctx;
	if (r->skip != COT_SKIP_NONE)
		return; /* reported and counted by the pipeline's summary */
	if ((c->cfg->id && strcmp(r->id, c->cfg->id) != 0) || (c->cfg->line && r->line != c->cfg->line))
		return;
	c->traces++;
	if (c->pick)
		show_rule_hits(c, r);
	else
		show_trace(c, r);
}

static int show_finish(void *ctx)
{
	struct show_ctx *c = ctx;
	if (c->pick) {
		if (!c->cfg->quiet)
			fprintf(stderr, "cotscan: show: --rule '%s': %llu instances in %llu of %llu traces\n",
				c->cfg->rule, c->hits, c->hit_traces, c->traces);
		return c->hits ? COT_EXIT_OK : COT_EXIT_SKIPPED;
	}
	if ((c->cfg->id || c->cfg->line) && c->traces == 0) {
		if (c->cfg->id)
			diag_error("no trace with id '%s'%s", c->cfg->id, c->cfg->line ? " on that line" : "");
		else
			diag_error("no trace on line %llu", c->cfg->line);
		return COT_EXIT_SKIPPED;
	}
	return COT_EXIT_OK;
}

static void show_free(void *ctx)
{
	struct show_ctx *c = ctx;
	buf_free(&c->b);
	free(c->pick);
	free(c->marks);
	free(c);
}

size_t show_pick_rules(const struct ruleset *rs, const char *pattern, unsigned char *pick)
{
	size_t n = 0;
	for (size_t i = 0; i < rs->n; i++) {
		int hit = fnmatch(pattern, rs->v[i].name, 0) == 0;
		if (pick)
			pick[i] = (unsigned char)hit;
		n += (size_t)hit;
	}
	return n;
}

int sink_show_init(struct sink *s, const struct show_cfg *cfg, const struct sink_env *env)
{
	struct show_ctx *c = xmalloc(sizeof *c);
	memset(c, 0, sizeof *c);
	*s = (struct sink){ .ctx = c, .line = show_line, .finish = show_finish, .free = show_free,
			    .no_record = 1 };
	if (cfg->rule) {
		c->pick = xmalloc(env->rules->n + 1);
		show_pick_rules(env->rules, cfg->rule, c->pick);
	}
	c->out = env->out;
	c->cfg = cfg;
	c->rules = env->rules;
	c->only = cfg->only;
	if (cfg->color < 0) {
		const char *nc = getenv("NO_COLOR");
		c->color = isatty(fileno(env->out)) && !(nc && *nc);
	} else
		c->color = cfg->color;
	return 0;
}
