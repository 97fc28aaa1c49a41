/* tabout.c - see tabout.h. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "cotscan.h"
#include "csvout.h"
#include "tabout.h"

static const char *const format_names[] = { "csv", "tsv", "markdown", "json" };

int tabout_format_lookup(const char *name)
{
	for (int i = 0; i < (int)(sizeof format_names / sizeof *format_names); i++)
		if (strcmp(name, format_names[i]) == 0)
			return i;
	return -1;
}

const char *tabout_format_name(int fmt)
{
	return format_names[fmt];
}

static void tsv_text(FILE *fp, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '\t': fputs("\\t", fp); break;
		case '\n': fputs("\\n", fp); break;
		case '\r': fputs("\\r", fp); break;
		case '\\': fputs("\\\\", fp); break;
		default: fputc(*s, fp);
		}
	}
}

static void md_text(FILE *fp, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			fputs("\\|", fp);
		else if (*s == '\n' || *s == '\r')
			fputc(' ', fp);
		else
			fputc(*s, fp);
	}
}

static void json_string(FILE *fp, const char *s)
{
	cJSON *v = cJSON_CreateString(s);
	char *out = cJSON_PrintUnformatted(v);
	fputs(out, fp);
	cJSON_free(out);
	cJSON_Delete(v);
}

void tabout_begin(struct tabout *t, FILE *fp, int fmt, size_t ncols, const char *const *names)
{
	memset(t, 0, sizeof *t);
	t->fp = fp;
	t->fmt = fmt;
	t->ncols = ncols;
	t->names = names;
	switch (fmt) {
	case FMT_CSV:
	case FMT_TSV:
		for (size_t i = 0; i < ncols; i++) {
			if (i)
				fputc(fmt == FMT_CSV ? ',' : '\t', fp);
			if (fmt == FMT_CSV)
				csvout_field(fp, names[i], strlen(names[i]));
			else
				tsv_text(fp, names[i]);
		}
		fputc('\n', fp);
		break;
	case FMT_MARKDOWN:
		for (size_t i = 0; i < ncols; i++) {
			fputs("| ", fp);
			md_text(fp, names[i]);
			fputc(' ', fp);
		}
		fputs("|\n", fp);
		for (size_t i = 0; i < ncols; i++)
			fputs("|---", fp);
		fputs("|\n", fp);
		break;
	case FMT_JSON:
		fputc('[', fp);
		break;
	}
}

void tabout_stamp(struct tabout *t, unsigned long long rules_hash)
{
	t->stamped = 1;
	t->rules_hash = rules_hash;
}

/* Writes the separator before cell t->col, or opens the row. */
static void cell_start(struct tabout *t)
{
	switch (t->fmt) {
	case FMT_CSV:
	case FMT_TSV:
		if (t->col)
			fputc(t->fmt == FMT_CSV ? ',' : '\t', t->fp);
		break;
	case FMT_MARKDOWN:
		fputs("| ", t->fp);
		break;
	case FMT_JSON:
		if (t->col == 0)
			fputs(t->rows ? ",\n{" : "\n{", t->fp);
		else
			fputc(',', t->fp);
		json_string(t->fp, t->names[t->col]);
		fputc(':', t->fp);
		break;
	}
}

static void cell_end(struct tabout *t)
{
	if (t->fmt == FMT_MARKDOWN)
		fputc(' ', t->fp);
	t->col++;
}

void tabout_str(struct tabout *t, const char *s)
{
	cell_start(t);
	switch (t->fmt) {
	case FMT_CSV: csvout_field(t->fp, s, strlen(s)); break;
	case FMT_TSV: tsv_text(t->fp, s); break;
	case FMT_MARKDOWN: md_text(t->fp, s); break;
	case FMT_JSON: json_string(t->fp, s); break;
	}
	cell_end(t);
}

void tabout_num(struct tabout *t, const char *fmt, ...)
{
	va_list ap;
	buf_reset(&t->tmp);
	va_start(ap, fmt);
	buf_vprintf(&t->tmp, fmt, ap);
	va_end(ap);
	cell_start(t);
	if (t->fmt == FMT_JSON && (strstr(t->tmp.p, "nan") || strstr(t->tmp.p, "inf")))
		fputs("null", t->fp);
	else
		fputs(t->tmp.p, t->fp);
	cell_end(t);
}

void tabout_dbl(struct tabout *t, int decimals, double v)
{
	if (t->fmt == FMT_JSON && isfinite(v))
		tabout_num(t, "%.17g", v);
	else
		tabout_num(t, "%.*f", decimals, v);
}

void tabout_sig(struct tabout *t, int digits, double v)
{
	if (t->fmt == FMT_JSON && isfinite(v))
		tabout_num(t, "%.17g", v);
	else
		tabout_num(t, "%.*g", digits, v);
}

void tabout_row_end(struct tabout *t)
{
	switch (t->fmt) {
	case FMT_CSV:
	case FMT_TSV:
		fputc('\n', t->fp);
		break;
	case FMT_MARKDOWN:
		fputs("|\n", t->fp);
		break;
	case FMT_JSON:
		if (t->stamped)
			fprintf(t->fp, ",\"cotscan_version\":\"%s\",\"rules_hash\":\"%016llx\"", COTSCAN_VERSION,
				t->rules_hash);
		fputc('}', t->fp);
		break;
	}
	t->col = 0;
	t->rows++;
}

void tabout_end(struct tabout *t)
{
	if (t->fmt == FMT_JSON)
		fputs(t->rows ? "\n]\n" : "]\n", t->fp);
	if (t->fmt == FMT_MARKDOWN && t->stamped)
		fprintf(t->fp, "\ncotscan %s, rules %016llx\n", COTSCAN_VERSION, t->rules_hash);
	buf_free(&t->tmp);
}
