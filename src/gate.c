/* gate.c - see gate.h: check parsing, the config file and the `check` sink. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cotscan.h"
#include "diag.h"
#include "gate.h"
#include "htab.h"
#include "tabout.h"

/* --- parsing --- */

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Parses RATE: a number in [0, 1], or a percentage in [0%, 100%]. */
static int parse_rate(const char *s, size_t n, double *out, struct buf *err)
{
	char tmp[64];
	if (n == 0 || n >= sizeof tmp) {
		buf_printf(err, "bad rate '%.*s' (expected a number from 0 to 1, or a percentage)", (int)n, s);
		return -1;
	}
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	int pct = tmp[n - 1] == '%';
	if (pct)
		tmp[--n] = '\0';
	char *e;
	errno = 0;
	double v = strtod(tmp, &e);
	if (n == 0 || *e || errno || isnan(v) || (!(tmp[0] >= '0' && tmp[0] <= '9') && tmp[0] != '.')) {
		buf_printf(err, "bad rate '%s%s' (expected a number from 0 to 1, or a percentage)", tmp,
			   pct ? "%" : "");
		return -1;
	}
	if (pct)
		v /= 100;
	if (v < 0 || v > 1) {
		buf_printf(err, "rate '%s%s' is outside 0..1 (0%%..100%%)", tmp, pct ? "%" : "");
		return -1;
	}
	*out = v;
	return 0;
}

/* Parses KEY (n bytes at s) into c's kind, which, model and key. */
static int parse_key(struct gate_check *c, const char *s, size_t n, struct buf *err)
{
	while (n && is_blank(*s))
		s++, n--;
	while (n && is_blank(s[n - 1]))
		n--;
	const char *at = memchr(s, '@', n);
	size_t kl = at ? (size_t)(at - s) : n;
	int d = cot_defect_lookup(s, kl), b = cot_behaviour_lookup(s, kl), r = cot_skip_lookup(s, kl);
	if (d >= 0) {
		c->kind = GK_DEFECT;
		c->which = d;
	} else if (b >= 0) {
		c->kind = GK_BEHAVIOUR;
		c->which = b;
	} else if (kl == 7 && memcmp(s, "skipped", 7) == 0) {
		c->kind = GK_SKIPPED;
		c->which = -1;
	} else if (r > COT_SKIP_BLANK) {
		c->kind = GK_SKIP_REASON;
		c->which = r;
	} else {
		buf_printf(err, "unknown key '%.*s' (expected a defect, a behaviour, 'skipped' or a skip reason; "
			   "see 'cotscan check --help')", (int)kl, s);
		return -1;
	}
	if (at) {
		size_t ml = n - kl - 1;
		if (c->kind == GK_SKIPPED || c->kind == GK_SKIP_REASON) {
			buf_printf(err, "'%.*s' cannot be per model (skipped lines have no model)", (int)kl, s);
			return -1;
		}
		if (ml == 0) {
			buf_printf(err, "empty model name in '%.*s' (use KEY@MODEL or KEY@*)", (int)n, s);
			return -1;
		}
		c->model = xstrndup(at + 1, ml);
	}
	c->key = xstrndup(s, n);
	return 0;
}

int gate_parse_arg(struct gate_check *c, int op, const char *spec, struct buf *err)
{
	memset(c, 0, sizeof *c);
	c->op = op;
	const char *eq = strrchr(spec, '=');
	if (!eq) {
		buf_printf(err, "'%s': expected KEY=RATE, e.g. empty=0.01", spec);
		return -1;
	}
	if (parse_key(c, spec, (size_t)(eq - spec), err) < 0 || parse_rate(eq + 1, strlen(eq + 1), &c->limit, err) < 0) {
		gate_check_free(c);
		return -1;
	}
	return 0;
}

int gate_parse_line(struct gate_check *c, const char *line, struct buf *err)
{
	memset(c, 0, sizeof *c);
	/* a comment starts at '#' at the start or after a blank */
	size_t n = strlen(line);
	for (size_t i = 0; i < n; i++)
		if (line[i] == '#' && (i == 0 || is_blank(line[i - 1]))) {
			n = i;
			break;
		}
	while (n && (is_blank(line[n - 1]) || line[n - 1] == '\n'))
		n--;
	size_t i = 0;
	while (i < n && is_blank(line[i]))
		i++;
	if (i == n)
		return 0;
	/* the last two words are OP and RATE; the rest is KEY */
	size_t re = n, rs = re;
	while (rs > i && !is_blank(line[rs - 1]))
		rs--;
	size_t oe = rs;
	while (oe > i && is_blank(line[oe - 1]))
		oe--;
	size_t os = oe;
	while (os > i && !is_blank(line[os - 1]))
		os--;
	if (os == i || oe == os) {
		buf_printf(err, "expected 'KEY OP RATE' (e.g. 'empty <= 0.01'), got '%.*s'", (int)(n - i), line + i);
		return -1;
	}
	const char *op = line + os;
	size_t ol = oe - os;
	if ((ol == 2 && memcmp(op, "<=", 2) == 0) || (ol == 3 && memcmp(op, "max", 3) == 0))
		c->op = '<';
	else if ((ol == 2 && memcmp(op, ">=", 2) == 0) || (ol == 3 && memcmp(op, "min", 3) == 0))
		c->op = '>';
	else {
		buf_printf(err, "unknown operator '%.*s' (expected <=, >=, max or min)", (int)ol, op);
		return -1;
	}
	if (parse_key(c, line + i, os - i, err) < 0 || parse_rate(line + rs, re - rs, &c->limit, err) < 0) {
		gate_check_free(c);
		return -1;
	}
	return 1;
}

void gate_check_free(struct gate_check *c)
{
	free(c->model);
	free(c->key);
	c->model = c->key = NULL;
}

/* --- measuring --- */

/* A place to show: FILE:LINE. */
struct example {
	const char *file;     /* borrowed from the command line */
	unsigned long long line;
};

struct examples {
	struct example *v;
	size_t n;
};

struct gstats {
	const char *model;    /* its key in check_ctx.models; NULL for the overall stats */
	unsigned long long traces;
	unsigned long long with[COT_NBEHAV];
	unsigned long long defects[COT_NDEFECT];
	struct examples ex[COT_NDEFECT];
};

struct check_ctx {
	const struct gate_check *checks; /* borrowed from the config */
	size_t nchecks;
	int per_model;                 /* some check names a model */
	unsigned long examples;        /* --examples */
	struct gstats all;
	struct htab models;            /* struct gstats by model */
	unsigned long long lines;      /* non-blank lines */
	unsigned long long skipped[COT_NSKIP], skipped_all;
	struct examples skip_ex[COT_NSKIP], skip_all_ex;
	FILE *out;
	int format, format_given;
};

static void add_example(struct examples *e, unsigned long max, const char *file, unsigned long long line)
{
	if (e->n >= max)
		return;
	e->v = xrealloc(e->v, (e->n + 1) * sizeof *e->v);
	e->v[e->n++] = (struct example){ file, line };
}

static struct gstats *model_stats(struct check_ctx *c, const char *model)
{
	int added;
	struct gstats *g = htab_get(&c->models, model, &added);
	if (added)
		g->model = htab_key(&c->models, c->models.n - 1);
	return g;
}

static void count_trace(struct gstats *g, const struct trace_result *r, unsigned long max_ex)
{
	g->traces++;
	for (int b = 0; b < COT_NBEHAV; b++)
		g->with[b] += r->counts[b] > 0;
	for (int d = 0; d < COT_NDEFECT; d++)
		if (r->defects & (1u << d)) {
			g->defects[d]++;
			add_example(&g->ex[d], max_ex, r->file, r->line);
		}
}

static void check_line(void *ctx, const struct trace_result *r)
{
	struct check_ctx *c = ctx;
	if (r->skip == COT_SKIP_BLANK)
		return;
	c->lines++;
	if (r->skip) {
		c->skipped[r->skip]++;
		c->skipped_all++;
		add_example(&c->skip_ex[r->skip], c->examples, r->file, r->line);
		add_example(&c->skip_all_ex, c->examples, r->file, r->line);
		return;
	}
	count_trace(&c->all, r, c->examples);
	if (c->per_model)
		count_trace(model_stats(c, r->model), r, c->examples);
}

/* --- results --- */

static const char *const result_cols[] = { "result", "check", "model", "op", "threshold", "value",
					   "count", "total", "examples" };

/* One measured check. */
struct outcome {
	const struct gate_check *chk;
	const char *model;             /* NULL: all traces or lines */
	unsigned long long count, total;
	double value;
	int pass;
	const struct examples *ex;     /* NULL: none kept */
	const char *note;              /* why it failed beyond the numbers, or NULL */
};

static void measure(struct check_ctx *c, const struct gate_check *k, const struct gstats *g, struct outcome *o)
{
	memset(o, 0, sizeof *o);
	o->chk = k;
	o->model = g ? g->model : NULL;
	if (!g)
		g = &c->all;
	switch (k->kind) {
	case GK_DEFECT:
		o->count = g->defects[k->which];
		o->total = g->traces;
		o->ex = &g->ex[k->which];
		break;
	case GK_BEHAVIOUR:
		o->count = g->with[k->which];
		o->total = g->traces;
		break;
	case GK_SKIPPED:
		o->count = c->skipped_all;
		o->total = c->lines;
		o->ex = &c->skip_all_ex;
		break;
	case GK_SKIP_REASON:
		o->count = c->skipped[k->which];
		o->total = c->lines;
		o->ex = &c->skip_ex[k->which];
		break;
	}
	o->value = o->total ? (double)o->count / (double)o->total : 0.0;
	/* a small tolerance so that 1/100 passes "<= 0.01" */
	o->pass = k->op == '<' ? o->value <= k->limit + 1e-12 : o->value >= k->limit - 1e-12;
}

static const char *unit_of(const struct gate_check *k)
{
	return k->kind == GK_SKIPPED || k->kind == GK_SKIP_REASON ? "lines" : "traces";
}

/* The check's name as shown: KEY, or KEY@MODEL with the model measured. */
static void outcome_name(const struct outcome *o, struct buf *b)
{
	const struct gate_check *k = o->chk;
	buf_reset(b);
	if (o->model)
		buf_printf(b, "%.*s@%s", (int)(strchr(k->key, '@') - k->key), k->key, o->model);
	else
		buf_addstr(b, k->key);
}

static void write_text(struct check_ctx *c, const struct outcome *o, int width, struct buf *name)
{
	const struct gate_check *k = o->chk;
	outcome_name(o, name);
	fprintf(c->out, "%s  %-*s  %s %-6g  measured %.4f  (%llu of %llu %s)%s%s\n", o->pass ? "PASS" : "FAIL",
		width, name->p, k->op == '<' ? "<=" : ">=", k->limit, o->value, o->count, o->total, unit_of(k),
		o->note ? ": " : "", o->note ? o->note : "");
	if (!o->pass && o->ex)
		for (size_t i = 0; i < o->ex->n; i++)
			fprintf(c->out, "      %s:%llu\n", o->ex->v[i].file, o->ex->v[i].line);
}

static void write_row(struct tabout *t, const struct outcome *o, struct buf *tmp)
{
	const struct gate_check *k = o->chk;
	tabout_str(t, o->pass ? "PASS" : "FAIL");
	buf_reset(tmp);
	const char *at = strchr(k->key, '@');
	buf_add(tmp, k->key, at ? (size_t)(at - k->key) : strlen(k->key));
	tabout_str(t, tmp->p);
	tabout_str(t, o->model ? o->model : "");
	tabout_str(t, k->op == '<' ? "<=" : ">=");
	tabout_num(t, "%g", k->limit);
	tabout_dbl(t, 6, o->value);
	tabout_num(t, "%llu", o->count);
	tabout_num(t, "%llu", o->total);
	buf_reset(tmp);
	if (!o->pass && o->ex)
		for (size_t i = 0; i < o->ex->n; i++)
			buf_printf(tmp, "%s%s:%llu", i ? " " : "", o->ex->v[i].file, o->ex->v[i].line);
	tabout_str(t, tmp->p);
	tabout_row_end(t);
}

static int cmp_model(const void *pa, const void *pb)
{
	const struct gstats *a = *(struct gstats *const *)pa, *b = *(struct gstats *const *)pb;
	return strcmp(a->model, b->model);
}

static int check_finish(void *ctx)
{
	struct check_ctx *c = ctx;
	size_t nres = 0, nfail = 0;
	struct outcome *res = NULL;
	/* models in name order for KEY@* */
	size_t nm = c->models.n;
	struct gstats **sorted = xmalloc((nm ? nm : 1) * sizeof *sorted);
	for (size_t i = 0; i < nm; i++)
		sorted[i] = htab_at(&c->models, i);
	qsort(sorted, nm, sizeof *sorted, cmp_model);

	for (size_t i = 0; i < c->nchecks; i++) {
		const struct gate_check *k = &c->checks[i];
		if (k->model && strcmp(k->model, "*") == 0) {
			res = xrealloc(res, (nres + nm + 1) * sizeof *res);
			for (size_t m = 0; m < nm; m++)
				measure(c, k, sorted[m], &res[nres++]);
			if (nm == 0) {
				measure(c, k, NULL, &res[nres]);
				res[nres].pass = 0;
				res[nres++].note = "no traces";
			}
			continue;
		}
		res = xrealloc(res, (nres + 1) * sizeof *res);
		if (k->model) {
			struct gstats *g = NULL;
			for (size_t m = 0; m < nm && !g; m++)
				if (strcmp(sorted[m]->model, k->model) == 0)
					g = sorted[m];
			if (!g) {
				static struct gstats none;
				none.model = k->model;
				measure(c, k, &none, &res[nres]);
				res[nres].pass = 0;
				res[nres++].note = "no traces of this model";
				continue;
			}
			measure(c, k, g, &res[nres++]);
		} else
			measure(c, k, NULL, &res[nres++]);
	}
	for (size_t i = 0; i < nres; i++)
		nfail += !res[i].pass;

	if (c->format_given) {
		struct tabout t;
		struct buf tmp = {0};
		tabout_begin(&t, c->out, c->format, sizeof result_cols / sizeof *result_cols, result_cols);
		for (size_t i = 0; i < nres; i++)
			write_row(&t, &res[i], &tmp);
		tabout_end(&t);
		buf_free(&tmp);
	} else {
		struct buf name = {0};
		int width = 0;
		for (size_t i = 0; i < nres; i++) {
			outcome_name(&res[i], &name);
			if ((int)name.len > width)
				width = name.len > 60 ? 60 : (int)name.len;
		}
		for (size_t i = 0; i < nres; i++)
			write_text(c, &res[i], width, &name);
		buf_free(&name);
		if (nfail)
			fprintf(c->out, "FAIL: %zu of %zu checks failed (%llu traces, %llu of %llu lines skipped)\n",
				nfail, nres, c->all.traces, c->skipped_all, c->lines);
		else
			fprintf(c->out, "PASS: all %zu checks passed (%llu traces, %llu of %llu lines skipped)\n",
				nres, c->all.traces, c->skipped_all, c->lines);
	}
	free(res);
	free(sorted);
	return nfail ? COT_EXIT_GATE : COT_EXIT_OK;
}

static void stats_free(struct gstats *g)
{
	for (int d = 0; d < COT_NDEFECT; d++)
		free(g->ex[d].v);
}

static void check_free(void *ctx)
{
	struct check_ctx *c = ctx;
	stats_free(&c->all);
	for (size_t i = 0; i < c->models.n; i++)
		stats_free(htab_at(&c->models, i));
	htab_free(&c->models);
	for (int s = 0; s < COT_NSKIP; s++)
		free(c->skip_ex[s].v);
	free(c->skip_all_ex.v);
	free(c);
}

int gate_load_config(const char *path, struct gate_check **v, size_t *nv)
{
	FILE *fp = fopen(path, "r");
	if (!fp) {
		diag_error("cannot open config '%s': %s", path, strerror(errno));
		return errno == ENOENT || errno == EACCES || errno == EISDIR ? COT_EXIT_USAGE : COT_EXIT_IO;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	unsigned long lineno = 0;
	int ret = 0;
	struct buf err = {0};
	while ((n = getline(&line, &cap, fp)) >= 0) {
		lineno++;
		struct gate_check k;
		buf_reset(&err);
		if (memchr(line, '\0', (size_t)n)) {
			fprintf(stderr, "cotscan: %s:%lu: NUL byte in config\n", path, lineno);
			ret = COT_EXIT_USAGE;
			continue;
		}
		int got = gate_parse_line(&k, line, &err);
		if (got < 0) {
			fprintf(stderr, "cotscan: %s:%lu: %s\n", path, lineno, err.p);
			ret = COT_EXIT_USAGE;
		} else if (got > 0) {
			*v = xrealloc(*v, (*nv + 1) * sizeof **v);
			(*v)[(*nv)++] = k;
		}
	}
	if (ferror(fp)) {
		diag_error("cannot read config '%s': %s", path, strerror(errno));
		ret = COT_EXIT_USAGE;
	}
	free(line);
	buf_free(&err);
	fclose(fp);
	return ret;
}

int sink_check_init(struct sink *s, const struct check_cfg *cfg, const struct sink_env *env)
{
	struct check_ctx *c = xmalloc(sizeof *c);
	memset(c, 0, sizeof *c);
	htab_init(&c->models, sizeof(struct gstats));
	c->out = env->out;
	c->format = cfg->format;
	c->format_given = cfg->format_given;
	c->examples = cfg->examples;
	c->checks = cfg->checks;
	c->nchecks = cfg->nchecks;
	for (size_t i = 0; i < c->nchecks; i++)
		if (c->checks[i].model)
			c->per_model = 1;
	*s = (struct sink){ .ctx = c, .line = check_line, .finish = check_finish, .free = check_free,
			    .no_record = 1 };
	return 0;
}
