/* csvout.c - see csvout.h. */
#include <csv.h>
#include <string.h>

#include "csvout.h"
#include "defects.h"
#include <stdlib.h>

static const char *const columns[] = {
	"file", "line", "id", "model", "cot_bytes",
	"backtracking", "verification", "subgoal_setting", "backward_chaining",
	"defects",
};

void csvout_field(FILE *fp, const char *s, size_t n)
{
	int quote = n > 0 && (s[0] == ' ' || s[n - 1] == ' ');
	for (size_t i = 0; i < n && !quote; i++)
		quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
	if (quote)
		csv_fwrite(fp, s, n);
	else
		fwrite(s, 1, n, fp);
}

static void csv_str(FILE *fp, const char *s)
{
	csvout_field(fp, s, strlen(s));
}

/* Builds the evidence array with cJSON so that every string is escaped right. */
void csvout_evidence_json(const struct ruleset *rs, const struct trace_result *r, struct buf *b)
{
	cJSON *arr = cJSON_CreateArray();
	struct buf txt = {0};
	for (size_t i = 0; i < r->nev; i++) {
		const struct match *m = &r->ev[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "behaviour", cot_behaviour_name(m->behaviour));
		cJSON_AddStringToObject(o, "rule", rs->v[m->rule].name);
		cJSON_AddNumberToObject(o, "start", (double)m->start);
		cJSON_AddNumberToObject(o, "end", (double)m->end);
		buf_reset(&txt);
		buf_add(&txt, r->text + m->start, m->end - m->start);
		cJSON_AddStringToObject(o, "text", txt.p);
		cJSON_AddItemToArray(arr, o);
	}
	char *s = cJSON_PrintUnformatted(arr);
	buf_reset(b);
	buf_addstr(b, s);
	cJSON_free(s);
	cJSON_Delete(arr);
	buf_free(&txt);
}

void tagout_header(struct tagout *t)
{
	if (t->jsonl)
		return;
	for (size_t i = 0; i < sizeof columns / sizeof *columns; i++)
		fprintf(t->fp, "%s%s", i ? "," : "", columns[i]);
	fputs(t->evidence ? ",evidence\n" : "\n", t->fp);
}

static void jsonl_row(struct tagout *t, const struct trace_result *r)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *counts = cJSON_AddObjectToObject(o, "counts");
	for (int b = 0; b < COT_NBEHAV; b++)
		cJSON_AddNumberToObject(counts, cot_behaviour_name(b), r->counts[b]);
	cJSON *defects = cJSON_AddArrayToObject(o, "defects");
	for (int d = 0; d < COT_NDEFECT; d++)
		if (r->defects & (1u << d))
			cJSON_AddItemToArray(defects, cJSON_CreateString(cot_defect_name(d)));
	cJSON_AddNumberToObject(o, "cot_bytes", (double)r->cot_bytes);
	csvout_evidence_json(t->rules, r, &t->tmp);
	cJSON_AddItemToObject(o, "evidence", cJSON_Parse(t->tmp.p));
	char *s = cJSON_PrintUnformatted(o);

	/* splice before the record's closing brace: the record stays byte-identical */
	size_t n = r->rawlen;
	while (n > 0 && (r->raw[n - 1] == ' ' || r->raw[n - 1] == '\t' || r->raw[n - 1] == '\r'))
		n--;
	n--; /* the '}' (the record is a valid object) */
	size_t k = n;
	while (k > 0 && (r->raw[k - 1] == ' ' || r->raw[k - 1] == '\t' || r->raw[k - 1] == '\n' ||
			 r->raw[k - 1] == '\r'))
		k--;
	int empty = r->raw[k - 1] == '{';
	fwrite(r->raw, 1, n, t->fp);
	fprintf(t->fp, "%s\"cotscan\":%s}\n", empty ? "" : ",", s);
	cJSON_free(s);
	cJSON_Delete(o);
}

void tagout_row(struct tagout *t, const struct trace_result *r)
{
	if (t->jsonl) {
		jsonl_row(t, r);
		return;
	}
	FILE *fp = t->fp;
	char defects[256];
	csv_str(fp, r->file);
	fprintf(fp, ",%llu,", r->line);
	csv_str(fp, r->id);
	fputc(',', fp);
	csv_str(fp, r->model);
	fprintf(fp, ",%zu", r->cot_bytes);
	for (int b = 0; b < COT_NBEHAV; b++)
		fprintf(fp, ",%u", r->counts[b]);
	fputc(',', fp);
	defects_format(r->defects, defects, sizeof defects);
	csv_str(fp, defects);
	if (t->evidence) {
		fputc(',', fp);
		csvout_evidence_json(t->rules, r, &t->tmp);
		csvout_field(fp, t->tmp.p, t->tmp.len);
	}
	fputc('\n', fp);
}

void tagout_free(struct tagout *t)
{
	buf_free(&t->tmp);
}

/* The `tag` sink: a header, then one row per tagged trace. */
static void tag_line(void *ctx, const struct trace_result *r)
{
	if (r->skip == COT_SKIP_NONE)
		tagout_row(ctx, r);
}

static int tag_finish(void *ctx)
{
	(void)ctx;
	return 0;
}

static void tag_free(void *ctx)
{
	tagout_free(ctx);
	free(ctx);
}

int sink_tag_init(struct sink *s, const struct tag_cfg *cfg, const struct sink_env *env)
{
	struct tagout *t = xmalloc(sizeof *t);
	*t = (struct tagout){ .fp = env->out, .evidence = cfg->evidence, .jsonl = cfg->jsonl, .rules = env->rules };
	tagout_header(t);
	*s = (struct sink){ .ctx = t, .line = tag_line, .finish = tag_finish, .free = tag_free,
			    .no_record = 1 };
	return 0;
}
