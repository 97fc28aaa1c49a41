/* merge.c - see merge.h. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cotscan.h"
#include "merge.h"

void merge_init(struct merger *m)
{
	memset(m, 0, sizeof *m);
	csv_init(&m->p, CSV_STRICT | CSV_APPEND_NULL);
}

void merge_free(struct merger *m)
{
	if (m->have_agg)
		agg_free(&m->agg);
	csv_free(&m->p);
	for (size_t i = 0; i < m->capcells; i++)
		buf_free(&m->cells[i]);
	free(m->cells);
	free(m->hash);
	free(m->fields);
	buf_free(&m->err);
	memset(m, 0, sizeof *m);
}

static int fail(struct merger *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Records the first error, prefixed by "INPUT:ROW: ". */
static int fail(struct merger *m, const char *fmt, ...)
{
	if (m->failed)
		return -1;
	m->failed = 1;
	buf_reset(&m->err);
	buf_printf(&m->err, "%s:%llu: ", m->name, m->row);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&m->err, fmt, ap);
	va_end(ap);
	return -1;
}

static void on_field(void *s, size_t len, void *data)
{
	struct merger *m = data;
	if (m->ncells == m->capcells) {
		size_t n2 = m->capcells ? 2 * m->capcells : 32;
		m->cells = xrealloc(m->cells, n2 * sizeof *m->cells);
		memset(m->cells + m->capcells, 0, (n2 - m->capcells) * sizeof *m->cells);
		m->capcells = n2;
	}
	struct buf *b = &m->cells[m->ncells++];
	buf_reset(b);
	buf_add(b, s ? s : "", s ? len : 0);
}

static const char *cell(const struct merger *m, size_t i)
{
	return m->cells[i].p;
}

static void header_row(struct merger *m)
{
	struct buf b = {0}, fields = {0};
	size_t n = m->ncells;
	if (n < AGG_PARTIAL_LEAD + 1 + AGG_PARTIAL_TAIL) {
		fail(m, "partial header has %zu columns, expected at least %d", n,
		     AGG_PARTIAL_LEAD + 1 + AGG_PARTIAL_TAIL);
		goto out;
	}
	for (size_t i = 0; i < AGG_PARTIAL_LEAD; i++)
		if (strcmp(cell(m, i), agg_partial_lead[i]) != 0) {
			fail(m, "partial header column %zu is '%s', expected '%s'", i + 1, cell(m, i),
			     agg_partial_lead[i]);
			goto out;
		}
	size_t tail0 = n - AGG_PARTIAL_TAIL;
	for (size_t i = 0; i < AGG_PARTIAL_TAIL; i++)
		if (strcmp(cell(m, tail0 + i), agg_partial_tail((int)i, &b)) != 0) {
			fail(m, "partial header column %zu is '%s', expected '%s' (made by another cotscan version?)",
			     tail0 + i + 1, cell(m, tail0 + i), agg_partial_tail((int)i, &b));
			goto out;
		}
	for (size_t i = AGG_PARTIAL_LEAD; i < tail0; i++) {
		if (agg_partial_unescape(m->cells[i].p) < 0) {
			fail(m, "bad backslash escape in column %zu", i + 1);
			goto out;
		}
		if (i > AGG_PARTIAL_LEAD)
			buf_addc(&fields, ',');
		buf_addstr(&fields, cell(m, i));
	}
	if (!m->fields) {
		m->fields = xstrdup(fields.p);
		agg_init(&m->agg, m->fields);
		m->have_agg = 1;
	} else if (strcmp(m->fields, fields.p) != 0) {
		fail(m, "partial grouped by '%s', but an earlier one by '%s' (partials must share --group-by)",
		     fields.p, m->fields);
		goto out;
	}
	m->hdr_cols = n;
	m->partials++;
out:
	buf_free(&b);
	buf_free(&fields);
}

static void data_row(struct merger *m)
{
	size_t n = m->ncells;
	if (!m->hdr_cols) {
		fail(m, "not a cotscan partial: no '%s' header line before this row (make partials with "
			"'cotscan report --partial')", AGG_PARTIAL_MAGIC);
		return;
	}
	if (strcmp(cell(m, 0), AGG_PARTIAL_FORMAT) != 0) {
		unsigned long long v;
		if (util_parse_uint(cell(m, 0), &v) == 0)
			fail(m, "partial format %s, but this cotscan reads format %s", cell(m, 0), AGG_PARTIAL_FORMAT);
		else
			fail(m, "not a cotscan partial row (first field '%s')", cell(m, 0));
		return;
	}
	if (n != m->hdr_cols) {
		fail(m, "%zu fields, but the partial's header has %zu", n, m->hdr_cols);
		return;
	}
	if (strcmp(cell(m, 1), COTSCAN_VERSION) != 0) {
		fail(m, "partial made by cotscan %s, but this is cotscan %s (merge partials with the version "
			"that made them)", cell(m, 1), COTSCAN_VERSION);
		return;
	}
	if (!m->hash) {
		m->hash = xstrdup(cell(m, 2));
	} else if (strcmp(m->hash, cell(m, 2)) != 0) {
		fail(m, "partial made with rule set %s, but an earlier one with rule set %s (partials from "
			"different rule sets cannot be merged)", cell(m, 2), m->hash);
		return;
	}
	size_t tail0 = n - AGG_PARTIAL_TAIL;
	unsigned long long v[AGG_PARTIAL_TAIL];
	for (size_t i = 0; i < AGG_PARTIAL_TAIL; i++)
		if (util_parse_uint(cell(m, tail0 + i), &v[i]) < 0) {
			struct buf b = {0};
			fail(m, "bad count '%s' in column '%s'", cell(m, tail0 + i), agg_partial_tail((int)i, &b));
			buf_free(&b);
			return;
		}
	const char *kind = cell(m, 3), *reason = cell(m, 4);
	if (strcmp(kind, "group") == 0) {
		struct agg_stats s = { .traces = v[0], .words = v[1], .wordsq = v[2] };
		for (int b = 0; b < COT_NBEHAV; b++) {
			s.with[b] = v[3 + 4 * b];
			s.sum[b] = v[4 + 4 * b];
			s.sumsq[b] = v[5 + 4 * b];
			s.cw[b] = v[6 + 4 * b];
		}
		for (size_t i = AGG_PARTIAL_LEAD; i < tail0; i++)
			if (agg_partial_unescape(m->cells[i].p) < 0) {
				fail(m, "bad backslash escape in group value '%s'", cell(m, i));
				return;
			}
		const char **vp = xmalloc((tail0 - AGG_PARTIAL_LEAD) * sizeof *vp);
		for (size_t i = AGG_PARTIAL_LEAD; i < tail0; i++)
			vp[i - AGG_PARTIAL_LEAD] = cell(m, i);
		agg_add_stats(&m->agg, vp, &s);
		free(vp);
	} else if (strcmp(kind, "skipped") == 0) {
		int r;
		for (r = COT_SKIP_NONE + 1; r < COT_NSKIP; r++)
			if (strcmp(reason, cot_skip_name(r)) == 0)
				break;
		if (r == COT_NSKIP) {
			fail(m, "unknown skip reason '%s'", reason);
			return;
		}
		m->agg.skipped[r] += v[0];
	} else if (strcmp(kind, "filtered") == 0) {
		m->agg.filtered += v[0];
		m->agg.filtering = 1;
	} else {
		fail(m, "unknown row kind '%s' (expected 'group', 'skipped' or 'filtered')", kind);
	}
}

static void on_row(int c, void *data)
{
	(void)c;
	struct merger *m = data;
	m->row++;
	/* Hadoop Streaming hands a reducer "KEY\tVALUE" lines: with no tab in a
	 * partial's line, the value is empty and a tab ends the line */
	if (m->ncells) {
		struct buf *last = &m->cells[m->ncells - 1];
		if (last->len && last->p[last->len - 1] == '\t')
			last->p[--last->len] = '\0';
	}
	if (!m->failed && m->ncells) {
		if (strcmp(cell(m, 0), AGG_PARTIAL_MAGIC) == 0)
			header_row(m);
		else
			data_row(m);
	}
	m->ncells = 0;
}

void merge_begin_input(struct merger *m, const char *name)
{
	m->name = name;
	m->row = 0;
	m->hdr_cols = 0;
	m->ncells = 0;
}

int merge_feed(struct merger *m, const void *data, size_t len)
{
	if (m->failed)
		return -1;
	if (csv_parse(&m->p, data, len, on_field, on_row, m) != len) {
		m->row++;
		return fail(m, "not a cotscan partial: CSV error: %s", csv_strerror(csv_error(&m->p)));
	}
	return m->failed ? -1 : 0;
}

int merge_end_input(struct merger *m)
{
	if (m->failed)
		return -1;
	if (csv_fini(&m->p, on_field, on_row, m) != 0) {
		m->row++;
		return fail(m, "not a cotscan partial: CSV error: %s", csv_strerror(csv_error(&m->p)));
	}
	return m->failed ? -1 : 0;
}

unsigned long long merge_rules_hash(const struct merger *m)
{
	return m->hash ? strtoull(m->hash, NULL, 16) : 0;
}
