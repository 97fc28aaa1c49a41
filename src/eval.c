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
#include "match.h"
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
static const char *const audit_cols[] = {
	"by", "group", "behaviour", "rule", "hits", "supported", "unsupported", "unquoted", "precision",
	"quotes", "found", "recall",
};
static const char *const error_cols[] = {
	"file", "line", "id", "behaviour", "kind", "judge", "cotscan", "judge_evidence", "cotscan_evidence",
};

/* --ci: bootstrap resamples, and the share of them a bound needs to be defined */
#define EVAL_BOOT 1000

/* Longest excerpt of matched text in the --errors table, in bytes. */
#define EVAL_EXCERPT 200

/* --audit: one rule's instances in one trace (or summed over a group). */
struct audit_cell {
	unsigned rule;              /* index into the rule set */
	unsigned hits, sup, unsup, unq; /* counted instances: supported, unsupported, unquoted */
	unsigned found;             /* quotes of its behaviour that one of its instances covers */
};

/* One scored trace. */
struct eval_item {
	int judge[COT_NBEHAV];      /* capped label; -1: not labelled */
	int pred[COT_NBEHAV];       /* cotscan's capped count */
	char **keys;                /* owned: its value of every --by field */
	struct audit_cell *cells;   /* --audit, owned: the rules with instances in the trace */
	size_t ncells;
	unsigned quotes[COT_NBEHAV], found[COT_NBEHAV]; /* --audit: the judge's quotes, and those covered */
};

/* --audit: one occurrence of a quote in the analysed text, [start, end) in its bytes. */
struct audit_place {
	size_t start, end;
	int quote;                  /* index of its quote in the trace */
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
	/* --audit scratch, reused across traces */
	struct buf ntext;           /* the analysed text, normalised */
	size_t *map, capmap;        /* offset in the analysed text of every byte of ntext */
	size_t *sent, capsent;      /* sentence starts of the analysed text */
	struct audit_place *places;
	size_t nplaces, capplaces;
	int *qbehav;                /* behaviour of every quote of the trace */
	size_t capq;
	struct audit_cell *acc;     /* per rule of the set */
	unsigned long long *pairs;  /* the (rule << 32 | quote) credits of the trace */
	size_t npairs, cappairs;
	unsigned long long bad_evidence, audit_hits, audit_quotes, audit_absent;
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
	const cJSON *l = extract_path(record, c->labels_path);
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
		GROW(c->lab, c->nlab, cap);
		struct label_entry *e = &c->lab[c->nlab++];
		memset(e, 0, sizeof *e);
		e->line = rd.lineno;
		if (!extract_scalar_text(extract_path(root, id_path), &c->tmp)) {
			buf_reset(&c->tmp);
			buf_printf(&c->tmp, "%llu", rd.lineno);
		}
		e->id = xstrdup(c->tmp.p);
		e->state = read_labels(c, root, path, rd.lineno, e->judge);
		const cJSON *ev = extract_path(root, c->evidence_path);
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

/*
 * --audit: normalises n bytes at s into out (ASCII letters lower-cased,
 * every run of white space one space, the ends trimmed); when map is not
 * NULL, (*map)[i] is the offset in s of out's byte i.
 */
static void audit_normalise(const char *s, size_t n, struct buf *out, size_t **map, size_t *capmap)
{
	buf_reset(out);
	int space = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v') {
			space = out->len > 0;
			continue;
		}
		/* a space for the blanks before this byte (mapped to the last of them), then the byte */
		for (int k = space; k >= 0; k--) {
			if (map) {
				if (out->len == *capmap) {
					*capmap = *capmap ? 2 * *capmap : 1024;
					*map = xrealloc(*map, *capmap * sizeof **map);
				}
				(*map)[out->len] = i - (size_t)k;
			}
			buf_addc(out, k ? ' ' : ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : (char)ch);
		}
		space = 0;
	}
}

/* The sentence(s) of c->sent[0..nsent) that hold [start, end) of a text of len bytes, into [*a, *b). */
static void audit_sentence(const struct eval_ctx *c, size_t nsent, size_t len, size_t start, size_t end,
			   size_t *a, size_t *b)
{
	size_t lo = 0, hi = nsent; /* the last sentence starting at or before start */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->sent[mid] <= start)
			lo = mid;
		else
			hi = mid;
	}
	*a = c->sent[lo];
	size_t last = end > start ? end - 1 : start;
	while (lo + 1 < nsent && c->sent[lo + 1] <= last)
		lo++;
	*b = lo + 1 < nsent ? c->sent[lo + 1] : len;
}

/*
 * --audit: whether the evidence object e holds, for every labelled
 * behaviour, nothing or an array of strings; else reports the trace.
 */
static int audit_evidence_ok(struct eval_ctx *c, const struct trace_result *r, const cJSON *e,
			     const int judge[COT_NBEHAV])
{
	if (e && !cJSON_IsObject(e)) {
		eval_report(c, r->file, r->line, "evidence '%s' is not an object", c->evidence_path);
		return 0;
	}
	for (int b = 0; b < COT_NBEHAV; b++) {
		const cJSON *v = judge[b] >= 0 ? cJSON_GetObjectItemCaseSensitive(e, cot_behaviour_name(b)) : NULL;
		if (!v)
			continue;
		int ok = cJSON_IsArray(v);
		for (const cJSON *q = ok ? v->child : NULL; q; q = q->next)
			ok &= cJSON_IsString(q);
		if (!ok) {
			eval_report(c, r->file, r->line, "evidence '%s.%s' is not an array of strings", c->evidence_path,
				    cot_behaviour_name(b));
			return 0;
		}
	}
	return 1;
}

/* --audit: credits rule k with quote q once per trace; returns 1 the first time. */
static int audit_credit(struct eval_ctx *c, unsigned k, int q)
{
	unsigned long long key = (unsigned long long)k << 32 | (unsigned)q;
	for (size_t i = 0; i < c->npairs; i++)
		if (c->pairs[i] == key)
			return 0;
	GROW(c->pairs, c->npairs, c->cappairs);
	c->pairs[c->npairs++] = key;
	return 1;
}

/*
 * --audit: scores the counted instances of r against the judge's quotes in
 * evidence (see eval.h) into it->cells, it->quotes and it->found.
 */
static void audit_trace(struct eval_ctx *c, const struct trace_result *r, const cJSON *evidence,
			const int judge[COT_NBEHAV], struct eval_item *it)
{
	const char *text = r->text ? r->text : "";
	size_t len = r->text ? r->cot_bytes : 0;
	audit_normalise(text, len, &c->ntext, &c->map, &c->capmap);
	size_t nsent = match_sentence_starts(text, len, &c->sent, &c->capsent);
	/* every quote's places in the text */
	c->nplaces = 0;
	int nq = 0;
	memset(it->quotes, 0, sizeof it->quotes);
	memset(it->found, 0, sizeof it->found);
	for (int b = 0; b < COT_NBEHAV; b++) {
		const cJSON *v = judge[b] >= 0 ? cJSON_GetObjectItemCaseSensitive(evidence, cot_behaviour_name(b)) : NULL;
		for (const cJSON *q = cJSON_IsArray(v) ? v->child : NULL; q; q = q->next, nq++) {
			GROW(c->qbehav, (size_t)nq, c->capq);
			c->qbehav[nq] = b;
			it->quotes[b]++;
			c->audit_quotes++;
			audit_normalise(q->valuestring, strlen(q->valuestring), &c->tmp2, NULL, NULL);
			size_t n = c->tmp2.len, before = c->nplaces;
			const char *hay = c->ntext.p, *p = n && c->ntext.len ? hay : NULL;
			while (p && (p = memmem(p, c->ntext.len - (size_t)(p - hay), c->tmp2.p, n)) != NULL) {
				size_t i = (size_t)(p - hay);
				GROW(c->places, c->nplaces, c->capplaces);
				c->places[c->nplaces++] = (struct audit_place){ c->map[i], c->map[i + n - 1] + 1, nq };
				p++;
			}
			if (c->nplaces == before)
				c->audit_absent++;
		}
	}
	/* every counted instance: its sentence against the places of its behaviour's quotes */
	size_t ncells = 0;
	struct audit_cell *cells = NULL;
	unsigned char *qfound = xmalloc((size_t)(nq ? nq : 1));
	memset(qfound, 0, (size_t)(nq ? nq : 1));
	for (size_t i = 0; i < r->nev; i++) {
		const struct match *m = &r->ev[i];
		int b = m->behaviour;
		if (judge[b] < 0 || (c->only >= 0 && b != c->only))
			continue;
		size_t a, e;
		audit_sentence(c, nsent, len, m->start, m->end, &a, &e);
		if (m->cstart < a)
			a = m->cstart;
		if (m->cend > e)
			e = m->cend;
		struct audit_cell *cell = &c->acc[m->rule];
		if (cell->hits == 0) {
			cells = xrealloc(cells, (ncells + 1) * sizeof *cells);
			cells[ncells++] = (struct audit_cell){ .rule = m->rule };
		}
		cell->hits++;
		c->audit_hits++;
		int sup = 0;
		for (size_t k = 0; k < c->nplaces; k++) {
			const struct audit_place *pl = &c->places[k];
			if (c->qbehav[pl->quote] != b || pl->start >= e || pl->end <= a)
				continue;
			sup = 1;
			if (!(qfound[pl->quote] & 1)) {
				qfound[pl->quote] |= 1;
				it->found[b]++;
			}
			if (audit_credit(c, m->rule, pl->quote))
				cell->found++;
		}
		if (sup)
			cell->sup++;
		else if ((unsigned)judge[b] > it->quotes[b])
			cell->unq++;
		else
			cell->unsup++;
	}
	/* the touched rules' sums into the item; c->acc back to zeros */
	for (size_t k = 0; k < ncells; k++) {
		unsigned rule = cells[k].rule;
		cells[k] = c->acc[rule];
		cells[k].rule = rule;
		memset(&c->acc[rule], 0, sizeof c->acc[rule]);
	}
	c->npairs = 0;
	free(qfound);
	it->cells = cells;
	it->ncells = ncells;
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
		if (!filter_where_match(&c->cfg->where[i], r, &c->tmp)) {
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
		evidence = extract_path(r->record, c->evidence_path);
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
	if (c->cfg->audit && !audit_evidence_ok(c, r, evidence, judge)) {
		c->bad_evidence++;
		return;
	}
	GROW(c->v, c->n, c->cap);
	struct eval_item *it = &c->v[c->n++];
	memset(it, 0, sizeof *it);
	memcpy(it->judge, judge, sizeof judge);
	memcpy(it->pred, pred, sizeof pred);
	it->keys = c->nby ? xmalloc((size_t)c->nby * sizeof *it->keys) : NULL;
	for (int i = 0; i < c->nby; i++)
		it->keys[i] = xstrdup(pipeline_field_text(r, c->cfg->by[i], &c->tmp) ? c->tmp.p : AGG_MISSING);
	if (c->cfg->audit)
		audit_trace(c, r, evidence, judge, it);
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
		metrics_confusion_add(&cf, g[i]->judge[b] > 0, g[i]->pred[b] > 0);
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
	unsigned long long st = util_fnv64(util_fnv64(FNV64_INIT, by, strlen(by) + 1), key, strlen(key));
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
				metrics_confusion_add(&cf, g[i]->judge[b] > 0, g[i]->pred[b] > 0);
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

/* --audit: one row of the audit table. */
static void audit_row(struct eval_ctx *c, const char *by, const char *key, int b, const char *rule,
		      const struct audit_cell *x, unsigned quotes)
{
	tabout_str(&c->t, by);
	tabout_str(&c->t, key);
	tabout_str(&c->t, cot_behaviour_name(b));
	tabout_str(&c->t, rule);
	tabout_num(&c->t, "%u", x->hits);
	tabout_num(&c->t, "%u", x->sup);
	tabout_num(&c->t, "%u", x->unsup);
	tabout_num(&c->t, "%u", x->unq);
	tabout_num(&c->t, "%.4f", x->sup + x->unsup ? (double)x->sup / (double)(x->sup + x->unsup) : NAN);
	tabout_num(&c->t, "%u", quotes);
	tabout_num(&c->t, "%u", x->found);
	tabout_num(&c->t, "%.4f", quotes ? (double)x->found / (double)quotes : NAN);
	tabout_row_end(&c->t);
}

/* --audit: the rows of one group (the items whose key k equals key; all items when k < 0). */
static void write_audit_group(struct eval_ctx *c, int k, const char *by, const char *key)
{
	const struct ruleset *rs = c->rules;
	struct audit_cell *sum = xmalloc((rs->n ? rs->n : 1) * sizeof *sum);
	memset(sum, 0, (rs->n ? rs->n : 1) * sizeof *sum);
	unsigned quotes[COT_NBEHAV] = {0}, found[COT_NBEHAV] = {0};
	for (size_t i = 0; i < c->n; i++) {
		const struct eval_item *it = &c->v[i];
		if (k >= 0 && strcmp(it->keys[k], key) != 0)
			continue;
		for (int b = 0; b < COT_NBEHAV; b++) {
			quotes[b] += it->quotes[b];
			found[b] += it->found[b];
		}
		for (size_t j = 0; j < it->ncells; j++) {
			struct audit_cell *d = &sum[it->cells[j].rule];
			d->hits += it->cells[j].hits;
			d->sup += it->cells[j].sup;
			d->unsup += it->cells[j].unsup;
			d->unq += it->cells[j].unq;
			d->found += it->cells[j].found;
		}
	}
	for (int b = 0; b < COT_NBEHAV; b++) {
		if (c->only >= 0 && b != c->only)
			continue;
		struct audit_cell all = { .found = found[b] };
		for (size_t r = 0; r < rs->n; r++)
			if (rs->v[r].behaviour == b) {
				all.hits += sum[r].hits;
				all.sup += sum[r].sup;
				all.unsup += sum[r].unsup;
				all.unq += sum[r].unq;
			}
		audit_row(c, by, key, b, "(all)", &all, quotes[b]);
		for (size_t r = 0; r < rs->n; r++)
			if (rs->v[r].behaviour == b && !(rs->v[r].flags & RULE_VETO))
				audit_row(c, by, key, b, rs->v[r].name, &sum[r], quotes[b]);
	}
	free(sum);
}

/* Groups in the order report --group-by uses: numbers numerically, then text, then (missing). */
static int cmp_key(const void *a, const void *b)
{
	return agg_value_cmp(*(char *const *)a, *(char *const *)b);
}

/* Writes the rows of group "all", then of each --by value in table order. */
static void each_group(struct eval_ctx *c, void (*write)(struct eval_ctx *, int, const char *, const char *))
{
	write(c, -1, "all", "all");
	char **keys = xmalloc((c->n ? c->n : 1) * sizeof *keys);
	for (int k = 0; k < c->nby; k++) {
		for (size_t i = 0; i < c->n; i++)
			keys[i] = c->v[i].keys[k];
		qsort(keys, c->n, sizeof *keys, cmp_key);
		for (size_t i = 0; i < c->n; i++)
			if (i == 0 || strcmp(keys[i], keys[i - 1]) != 0)
				write(c, k, c->cfg->by[k], keys[i]);
	}
	free(keys);
}

static int eval_finish(void *ctx)
{
	struct eval_ctx *c = ctx;
	if (c->cfg->audit) {
		tabout_begin(&c->t, c->out, c->cfg->format, sizeof audit_cols / sizeof *audit_cols, audit_cols);
		tabout_stamp(&c->t, c->rules->hash);
		each_group(c, write_audit_group);
	} else if (!c->cfg->errors) {
		if (c->cfg->ci)
			tabout_begin(&c->t, c->out, c->cfg->format, sizeof metric_ci_cols / sizeof *metric_ci_cols,
				     metric_ci_cols);
		else
			tabout_begin(&c->t, c->out, c->cfg->format, sizeof metric_cols / sizeof *metric_cols,
				     metric_cols);
		tabout_stamp(&c->t, c->rules->hash);
		each_group(c, write_group);
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
		if (c->cfg->audit)
			fprintf(stderr, "; audit: %llu instances, %llu quotes (%llu not in the analysed text), "
				"%llu traces with bad evidence", c->audit_hits, c->audit_quotes, c->audit_absent,
				c->bad_evidence);
		fputc('\n', stderr);
	}
	return c->unlabelled || c->bad || c->bad_evidence || c->lab_unreadable || c->lab_orphans ? COT_EXIT_SKIPPED
												: COT_EXIT_OK;
}

static void eval_free(void *ctx)
{
	struct eval_ctx *c = ctx;
	for (size_t i = 0; i < c->n && c->v; i++) {
		for (int k = 0; k < c->nby; k++)
			free(c->v[i].keys[k]);
		free(c->v[i].keys);
		free(c->v[i].cells);
	}
	free(c->v);
	buf_free(&c->ntext);
	free(c->map);
	free(c->sent);
	free(c->places);
	free(c->qbehav);
	free(c->acc);
	free(c->pairs);
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
	if (cfg->audit) {
		c->acc = xmalloc((c->rules->n ? c->rules->n : 1) * sizeof *c->acc);
		memset(c->acc, 0, (c->rules->n ? c->rules->n : 1) * sizeof *c->acc);
	}
	if (cfg->labels_file) {
		int rc = load_labels(c, cfg->labels_file);
		if (rc)
			return rc;
	}
	if (cfg->errors) {
		tabout_begin(&c->t, c->out, cfg->format, sizeof error_cols / sizeof *error_cols, error_cols);
		tabout_stamp(&c->t, c->rules->hash);
	}
	return 0;
}
