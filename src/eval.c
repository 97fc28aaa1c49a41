/* eval.c - see eval.h. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agg.h"
#include "diag.h"
#include "eval.h"
#include "extract.h"
#include "metrics.h"
#include "reader.h"
#include "tabout.h"
#include "util.h"

static const char *const metric_cols[] = {
	"by", "group", "behaviour", "traces", "judge_rate", "cotscan_rate", "precision", "recall", "f1",
	"spearman", "mae", "tp", "fp", "fn", "tn",
};
/* with --ci: the same, then the bootstrap intervals */
static const char *const metric_ci_cols[] = {
	"by", "group", "behaviour", "traces", "judge_rate", "cotscan_rate", "precision", "recall", "f1",
	"spearman", "mae", "tp", "fp", "fn", "tn", "f1_lo", "f1_hi", "spearman_lo", "spearman_hi",
};
static const char *const error_cols[] = {
	"file", "line", "id", "behaviour", "kind", "judge", "cotscan", "judge_evidence", "cotscan_evidence",
};

/* --ci: bootstrap resamples, and the share of them a bound needs to be defined */
#define EVAL_BOOT 1000

/* Longest excerpt of matched text in the --errors table, in bytes. */
#define EVAL_EXCERPT 200

/* One scored trace. */
struct eval_item {
	int judge[COT_NBEHAV];      /* capped label; -1: not labelled */
	int pred[COT_NBEHAV];       /* cotscan's capped count */
	char **keys;                /* owned: its value of every --by field */
};

/* Why a record's labels cannot be used (LAB_OK: they can). */
enum { LAB_OK = 0, LAB_NONE, LAB_BAD };

/* One line of the --labels file. */
struct label_entry {
	char *id;                   /* owned */
	unsigned long long line;
	int judge[COT_NBEHAV];      /* capped; -1: not labelled */
	int state;                  /* LAB_*: the problem was reported when the file was read */
	int used;                   /* a trace had this id */
	int dup;                    /* a later line with an id already seen */
	cJSON *evidence;            /* owned copy of the evidence object beside the labels, or NULL */
};

struct eval_ctx {
	const struct eval_cfg *cfg;
	const struct ruleset *rules;
	FILE *out;
	const char *labels_path;
	char *evidence_path;        /* owned: the labels path with "evidence" as its last step */
	int nby;
	int only;                   /* --behaviour, or -1 */
	struct eval_item *v;
	size_t n, cap;
	unsigned long long unlabelled, bad, left_out, shown;
	struct label_entry *lab;    /* --labels: entries sorted by id, then line */
	size_t nlab;
	unsigned long long lab_unreadable, lab_orphans;
	struct tabout t;            /* the --errors table, written as lines arrive */
	struct buf tmp, tmp2;
};

/* Reports "FILE:LINE: message" for a label problem, the first DIAG_MAX_SHOWN only. */
static void eval_report(struct eval_ctx *c, const char *file, unsigned long long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void eval_report(struct eval_ctx *c, const char *file, unsigned long long line, const char *fmt, ...)
{
	if (c->shown < DIAG_MAX_SHOWN) {
		va_list ap;
		fprintf(stderr, "%s:%llu: ", file, line);
		va_start(ap, fmt);
		vfprintf(stderr, fmt, ap);
		va_end(ap);
		fputc('\n', stderr);
		if (++c->shown == DIAG_MAX_SHOWN)
			diag_error("further label messages suppressed (counted in the eval summary)");
	}
}

/*
 * Reads the labels object of record (line FILE:LINE) into judge[] (capped,
 * -1 where absent).  Returns LAB_OK, or LAB_NONE / LAB_BAD after reporting.
 */
static int read_labels(struct eval_ctx *c, const cJSON *record, const char *file, unsigned long long line,
		       int judge[COT_NBEHAV])
{
	const cJSON *l = json_path(record, c->labels_path);
	if (!cJSON_IsObject(l)) {
		if (l)
			eval_report(c, file, line, "labels '%s' is not an object", c->labels_path);
		else
			eval_report(c, file, line, "no labels (no field '%s')", c->labels_path);
		return LAB_NONE;
	}
	int any = 0;
	for (int b = 0; b < COT_NBEHAV; b++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(l, cot_behaviour_name(b));
		judge[b] = -1;
		if (!v)
			continue;
		double d = cJSON_IsNumber(v) ? v->valuedouble : -1;
		if (d < 0 || d != floor(d) || d > 1e9) {
			eval_report(c, file, line, "label '%s.%s' is not a count (a non-negative integer)",
				    c->labels_path, cot_behaviour_name(b));
			return LAB_BAD;
		}
		judge[b] = d > EVAL_CAP ? EVAL_CAP : (int)d;
		any = 1;
	}
	if (!any) {
		eval_report(c, file, line, "labels '%s' hold none of the four behaviours", c->labels_path);
		return LAB_NONE;
	}
	return LAB_OK;
}

static int cmp_entry(const void *pa, const void *pb)
{
	const struct label_entry *a = pa, *b = pb;
	int d = strcmp(a->id, b->id);
	return d ? d : a->line < b->line ? -1 : a->line > b->line;
}

/* The first entry of the --labels file with this id, or NULL. */
static struct label_entry *find_entry(struct eval_ctx *c, const char *id)
{
	size_t lo = 0, hi = c->nlab;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(c->lab[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->nlab && strcmp(c->lab[lo].id, id) == 0 ? &c->lab[lo] : NULL;
}

/*
 * Reads the --labels file: one entry per record, keyed by its id (the
 * --id-field, else "id", else the line number, as for traces).  Problems are
 * reported as FILE:LINE and counted.  Returns 0, or COT_EXIT_IO.
 */
static int load_labels(struct eval_ctx *c, const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		diag_error("cannot open '%s': %s", path, strerror(errno));
		return COT_EXIT_IO;
	}
	struct reader rd;
	reader_init(&rd, fd, 1);
	const char *line;
	size_t len, cap = 0;
	int got;
	const char *id_path = c->cfg->id_path ? c->cfg->id_path : "id";
	while ((got = reader_next(&rd, &line, &len)) > 0) {
		size_t i = 0;
		while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
			i++;
		if (i == len)
			continue;
		const char *end = NULL;
		cJSON *root = memchr(line, '\0', len) ? NULL : cJSON_ParseWithLengthOpts(line, len, &end, 0);
		if (!cJSON_IsObject(root)) {
			eval_report(c, path, rd.lineno, "not a JSON object (a labels line must be one)");
			c->lab_unreadable++;
			cJSON_Delete(root);
			continue;
		}
		if (c->nlab == cap) {
			cap = cap ? 2 * cap : 256;
			c->lab = xrealloc(c->lab, cap * sizeof *c->lab);
		}
		struct label_entry *e = &c->lab[c->nlab++];
		memset(e, 0, sizeof *e);
		e->line = rd.lineno;
		if (!json_scalar_text(json_path(root, id_path), &c->tmp)) {
			buf_reset(&c->tmp);
			buf_printf(&c->tmp, "%llu", rd.lineno);
		}
		e->id = xstrdup(c->tmp.p);
		e->state = read_labels(c, root, path, rd.lineno, e->judge);
		const cJSON *ev = json_path(root, c->evidence_path);
		e->evidence = ev ? cJSON_Duplicate(ev, 1) : NULL;
		cJSON_Delete(root);
	}
	int ret = 0;
	if (got < 0) {
		diag_error("cannot read '%s': %s", path, strerror(rd.err));
		ret = COT_EXIT_IO;
	}
	reader_free(&rd);
	close(fd);
	if (c->nlab > 1)
		qsort(c->lab, c->nlab, sizeof *c->lab, cmp_entry);
	for (size_t k = 1; k < c->nlab; k++)
		if (strcmp(c->lab[k].id, c->lab[k - 1].id) == 0) {
			size_t first = k - 1;
			while (c->lab[first].dup)
				first--;
			c->lab[k].dup = 1;
			eval_report(c, path, c->lab[k].line, "duplicate id '%s' (line %llu is used)", c->lab[k].id,
				    c->lab[first].line);
			c->lab_unreadable++;
		}
	return ret;
}

/* The judge's evidence quotes for behaviour b (from the evidence object e) as a JSON array, into out. */
static void judge_evidence(const cJSON *e, int b, struct buf *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, cot_behaviour_name(b));
	buf_reset(out);
	if (!v) {
		buf_addstr(out, "[]");
		return;
	}
	char *s = cJSON_PrintUnformatted(v);
	buf_addstr(out, s);
	cJSON_free(s);
}

/* cotscan's evidence for behaviour b as a JSON array of "rule: text" strings, into out. */
static void cotscan_evidence(struct eval_ctx *c, const struct trace_result *r, int b, struct buf *out)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; i < r->nev; i++) {
		const struct match *m = &r->ev[i];
		if (m->behaviour != b)
			continue;
		size_t n = m->end - m->start;
		if (n > EVAL_EXCERPT)
			n = EVAL_EXCERPT;
		/* cut on a UTF-8 character boundary */
		while (n > 0 && n < m->end - m->start && ((unsigned char)r->text[m->start + n] & 0xC0) == 0x80)
			n--;
		buf_reset(&c->tmp2);
		buf_printf(&c->tmp2, "%s: %.*s%s", c->rules->v[m->rule].name, (int)n, r->text + m->start,
			   n < m->end - m->start ? "..." : "");
		cJSON_AddItemToArray(arr, cJSON_CreateString(c->tmp2.p));
	}
	char *s = cJSON_PrintUnformatted(arr);
	buf_reset(out);
	buf_addstr(out, s);
	cJSON_free(s);
	cJSON_Delete(arr);
}

static void write_errors(struct eval_ctx *c, const struct trace_result *r, const cJSON *evidence,
			 const int judge[COT_NBEHAV], const int pred[COT_NBEHAV])
{
	struct buf je = {0}, ce = {0};
	for (int b = 0; b < COT_NBEHAV; b++) {
		if (judge[b] < 0 || judge[b] == pred[b] || (c->only >= 0 && b != c->only))
			continue;
		tabout_str(&c->t, r->file);
		tabout_num(&c->t, "%llu", r->line);
		tabout_str(&c->t, r->id);
		tabout_str(&c->t, cot_behaviour_name(b));
		tabout_str(&c->t, pred[b] == 0 ? "fn" : judge[b] == 0 ? "fp" : "count");
		tabout_num(&c->t, "%d", judge[b]);
		tabout_num(&c->t, "%d", pred[b]);
		judge_evidence(evidence, b, &je);
		tabout_str(&c->t, je.p);
		cotscan_evidence(c, r, b, &ce);
		tabout_str(&c->t, ce.p);
		tabout_row_end(&c->t);
	}
	buf_free(&je);
	buf_free(&ce);
}

static void eval_line(void *ctx, const struct trace_result *r)
{
	struct eval_ctx *c = ctx;
	if (r->skip != COT_SKIP_NONE)
		return; /* reported and counted by the pipeline's summary */
	struct label_entry *e = c->cfg->labels_file ? find_entry(c, r->id) : NULL;
	if (e)
		e->used = 1; /* even when --where leaves the trace out: the labels found their trace */
	for (int i = 0; i < c->cfg->nwhere; i++)
		if (!where_match(&c->cfg->where[i], r, &c->tmp)) {
			c->left_out++;
			return;
		}
	int judge[COT_NBEHAV], pred[COT_NBEHAV], state;
	const cJSON *evidence;
	if (c->cfg->labels_file) {
		if (!e) {
			eval_report(c, r->file, r->line, "no labels for id '%s' in '%s'", r->id, c->cfg->labels_file);
			c->unlabelled++;
			return;
		}
		state = e->state;
		memcpy(judge, e->judge, sizeof judge);
		evidence = e->evidence;
	} else {
		state = read_labels(c, r->record, r->file, r->line, judge);
		evidence = json_path(r->record, c->evidence_path);
	}
	if (state != LAB_OK) {
		/* reported where the labels are; counted once per trace */
		if (state == LAB_NONE)
			c->unlabelled++;
		else
			c->bad++;
		return;
	}
	for (int b = 0; b < COT_NBEHAV; b++)
		pred[b] = r->counts[b] > EVAL_CAP ? EVAL_CAP : (int)r->counts[b];
	if (c->cfg->errors) {
		write_errors(c, r, evidence, judge, pred);
		c->n++;
		return;
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 256;
		c->v = xrealloc(c->v, c->cap * sizeof *c->v);
	}
	struct eval_item *it = &c->v[c->n++];
	memcpy(it->judge, judge, sizeof judge);
	memcpy(it->pred, pred, sizeof pred);
	it->keys = c->nby ? xmalloc((size_t)c->nby * sizeof *it->keys) : NULL;
	for (int i = 0; i < c->nby; i++)
		it->keys[i] = xstrdup(trace_field_text(r, c->cfg->by[i], &c->tmp) ? c->tmp.p : AGG_MISSING);
}

/*
 * F1 of presence and Spearman's rho of behaviour b over the items g[0..n)
 * labelled for it; x and y are scratch of n doubles.
 */
static void score(const struct eval_item *const *g, size_t n, int b, double *x, double *y, double *f1,
		  double *rho)
{
	struct confusion cf = {0};
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		if (g[i]->judge[b] < 0)
			continue;
		confusion_add(&cf, g[i]->judge[b] > 0, g[i]->pred[b] > 0);
		x[m] = g[i]->judge[b];
		y[m] = g[i]->pred[b];
		m++;
	}
	*f1 = metrics_f1(&cf);
	*rho = metrics_spearman(x, y, m);
}

/*
 * --ci: percentile bootstrap intervals (at --level, 95% by default) of F1 and Spearman for the four
 * behaviours and the macro row (index COT_NBEHAV), from EVAL_BOOT resamples
 * of the group's traces g[0..n) drawn with replacement.  The generator is
 * seeded from the group's name, so a group's intervals do not depend on the
 * other groups or on the input order of the groups.  A bound is NAN when
 * fewer than half the resamples define the metric.
 */
static void bootstrap(const struct eval_item *const *g, size_t n, const char *by, const char *key, double level,
		      double lo[2][COT_NBEHAV + 1], double hi[2][COT_NBEHAV + 1])
{
	unsigned long long st = fnv64(fnv64(FNV64_INIT, by, strlen(by) + 1), key, strlen(key));
	const struct eval_item **rs = xmalloc((n ? n : 1) * sizeof *rs);
	double *x = xmalloc(2 * (n ? n : 1) * sizeof *x), *y = x + (n ? n : 1);
	double *boot = xmalloc(2 * (COT_NBEHAV + 1) * EVAL_BOOT * sizeof *boot); /* [metric][row][resample] */
#define BOOT(m, row, r) boot[((size_t)(m) * (COT_NBEHAV + 1) + (size_t)(row)) * EVAL_BOOT + (size_t)(r)]
	for (size_t r = 0; r < EVAL_BOOT; r++) {
		for (size_t j = 0; j < n; j++)
			rs[j] = g[metrics_splitmix64(&st) % n];
		double f1[COT_NBEHAV], rho[COT_NBEHAV];
		for (int b = 0; b < COT_NBEHAV; b++) {
			score(rs, n, b, x, y, &f1[b], &rho[b]);
			BOOT(0, b, r) = f1[b];
			BOOT(1, b, r) = rho[b];
		}
		BOOT(0, COT_NBEHAV, r) = metrics_mean_defined(f1, COT_NBEHAV);
		BOOT(1, COT_NBEHAV, r) = metrics_mean_defined(rho, COT_NBEHAV);
	}
	for (int m = 0; m < 2; m++)
		for (int row = 0; row <= COT_NBEHAV; row++) {
			double *v = &BOOT(m, row, 0);
			size_t k = 0;
			for (size_t r = 0; r < EVAL_BOOT; r++)
				if (!isnan(v[r]))
					v[k++] = v[r];
			lo[m][row] = 2 * k >= EVAL_BOOT ? metrics_quantile(v, k, (1 - level) / 2) : NAN;
			hi[m][row] = 2 * k >= EVAL_BOOT ? metrics_quantile(v, k, (1 + level) / 2) : NAN;
		}
#undef BOOT
	free(boot);
	free(x);
	free(rs);
}

/* Writes the rows of one group: the items whose key k equals key (all items when k < 0). */
static void write_group(struct eval_ctx *c, int k, const char *by, const char *key)
{
	const struct eval_item **g = xmalloc((c->n ? c->n : 1) * sizeof *g);
	size_t traces = 0;
	for (size_t i = 0; i < c->n; i++)
		if (k < 0 || strcmp(c->v[i].keys[k], key) == 0)
			g[traces++] = &c->v[i];
	double *x = xmalloc(2 * (traces ? traces : 1) * sizeof *x), *y = x + (traces ? traces : 1);
	double pm[5][COT_NBEHAV]; /* judge rate, cotscan rate, P, R, F1 ... for the macro row */
	double sp[COT_NBEHAV], mae[COT_NBEHAV];
	double lo[2][COT_NBEHAV + 1], hi[2][COT_NBEHAV + 1];
	if (c->cfg->ci)
		bootstrap(g, traces, by, key, c->cfg->level, lo, hi);
	struct confusion sum = {0};
	for (int b = 0; b <= COT_NBEHAV; b++) {
		struct confusion cf = {0};
		size_t n = 0;
		if (b < COT_NBEHAV) {
			for (size_t i = 0; i < traces; i++) {
				if (g[i]->judge[b] < 0)
					continue;
				confusion_add(&cf, g[i]->judge[b] > 0, g[i]->pred[b] > 0);
				x[n] = g[i]->judge[b];
				y[n] = g[i]->pred[b];
				n++;
			}
			pm[0][b] = n ? (double)(cf.tp + cf.fn) / (double)n : NAN;
			pm[1][b] = n ? (double)(cf.tp + cf.fp) / (double)n : NAN;
			pm[2][b] = metrics_precision(&cf);
			pm[3][b] = metrics_recall(&cf);
			pm[4][b] = metrics_f1(&cf);
			sp[b] = metrics_spearman(x, y, n);
			mae[b] = metrics_mae(x, y, n);
			sum.tp += cf.tp;
			sum.fp += cf.fp;
			sum.fn += cf.fn;
			sum.tn += cf.tn;
			if (c->only >= 0 && b != c->only)
				continue;
		} else if (c->only >= 0) {
			break;
		}
		/* the macro row: means of the four over their defined values, sums of the counts */
		int macro = b == COT_NBEHAV;
		tabout_str(&c->t, by);
		tabout_str(&c->t, key);
		tabout_str(&c->t, macro ? "macro" : cot_behaviour_name(b));
		tabout_num(&c->t, "%zu", macro ? traces : n);
		for (int m = 0; m < 5; m++)
			tabout_dbl(&c->t, 4, macro ? metrics_mean_defined(pm[m], COT_NBEHAV) : pm[m][b]);
		tabout_dbl(&c->t, 4, macro ? metrics_mean_defined(sp, COT_NBEHAV) : sp[b]);
		tabout_dbl(&c->t, 4, macro ? metrics_mean_defined(mae, COT_NBEHAV) : mae[b]);
		const struct confusion *cc = macro ? &sum : &cf;
		tabout_num(&c->t, "%llu", cc->tp);
		tabout_num(&c->t, "%llu", cc->fp);
		tabout_num(&c->t, "%llu", cc->fn);
		tabout_num(&c->t, "%llu", cc->tn);
		if (c->cfg->ci) {
			tabout_dbl(&c->t, 4, lo[0][b]);
			tabout_dbl(&c->t, 4, hi[0][b]);
			tabout_dbl(&c->t, 4, lo[1][b]);
			tabout_dbl(&c->t, 4, hi[1][b]);
		}
		tabout_row_end(&c->t);
	}
	free(x);
	free(g);
}

/* Groups in the order report --group-by uses: numbers numerically, then text, then (missing). */
static int cmp_key(const void *a, const void *b)
{
	return agg_value_cmp(*(char *const *)a, *(char *const *)b);
}

static int eval_finish(void *ctx)
{
	struct eval_ctx *c = ctx;
	if (!c->cfg->errors) {
		if (c->cfg->ci)
			tabout_begin(&c->t, c->out, c->cfg->format, sizeof metric_ci_cols / sizeof *metric_ci_cols,
				     metric_ci_cols);
		else
			tabout_begin(&c->t, c->out, c->cfg->format, sizeof metric_cols / sizeof *metric_cols,
				     metric_cols);
		write_group(c, -1, "all", "all");
		char **keys = xmalloc((c->n ? c->n : 1) * sizeof *keys);
		for (int k = 0; k < c->nby; k++) {
			for (size_t i = 0; i < c->n; i++)
				keys[i] = c->v[i].keys[k];
			qsort(keys, c->n, sizeof *keys, cmp_key);
			for (size_t i = 0; i < c->n; i++)
				if (i == 0 || strcmp(keys[i], keys[i - 1]) != 0)
					write_group(c, k, c->cfg->by[k], keys[i]);
		}
		free(keys);
	}
	tabout_end(&c->t);
	for (size_t i = 0; i < c->nlab; i++)
		if (!c->lab[i].used && !c->lab[i].dup) {
			eval_report(c, c->cfg->labels_file, c->lab[i].line, "id '%s' matches no trace", c->lab[i].id);
			c->lab_orphans++;
		}
	if (!c->cfg->quiet) {
		fprintf(stderr, "cotscan: eval: %zu labelled traces scored, %llu without labels, "
			"%llu with bad labels, %llu left out by --where", c->n, c->unlabelled, c->bad, c->left_out);
		if (c->cfg->labels_file)
			fprintf(stderr, "; %llu unusable lines in the labels file, %llu labels matching no trace",
				c->lab_unreadable, c->lab_orphans);
		fputc('\n', stderr);
	}
	return c->unlabelled || c->bad || c->lab_unreadable || c->lab_orphans ? COT_EXIT_SKIPPED : COT_EXIT_OK;
}

static void eval_free(void *ctx)
{
	struct eval_ctx *c = ctx;
	for (size_t i = 0; i < c->n && c->v; i++) {
		for (int k = 0; k < c->nby; k++)
			free(c->v[i].keys[k]);
		free(c->v[i].keys);
	}
	free(c->v);
	for (size_t i = 0; i < c->nlab; i++) {
		free(c->lab[i].id);
		cJSON_Delete(c->lab[i].evidence);
	}
	free(c->lab);
	free(c->evidence_path);
	buf_free(&c->tmp);
	buf_free(&c->tmp2);
	free(c);
}

int sink_eval_init(struct sink *s, const struct eval_cfg *cfg, const struct sink_env *env)
{
	struct eval_ctx *c = xmalloc(sizeof *c);
	memset(c, 0, sizeof *c);
	*s = (struct sink){ .ctx = c, .line = eval_line, .finish = eval_finish, .free = eval_free };
	c->cfg = cfg;
	c->rules = env->rules;
	c->out = env->out;
	c->only = cfg->only;
	c->nby = cfg->nby;
	c->labels_path = cfg->labels_path;
	const char *dot = strrchr(c->labels_path, '.');
	size_t stem = dot ? (size_t)(dot - c->labels_path) + 1 : 0;
	c->evidence_path = xmalloc(stem + sizeof "evidence");
	memcpy(c->evidence_path, c->labels_path, stem);
	strcpy(c->evidence_path + stem, "evidence");
	if (cfg->labels_file) {
		int rc = load_labels(c, cfg->labels_file);
		if (rc)
			return rc;
	}
	if (cfg->errors)
		tabout_begin(&c->t, c->out, cfg->format, sizeof error_cols / sizeof *error_cols, error_cols);
	return 0;
}
