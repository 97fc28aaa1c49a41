/* filter.c - see filter.h. */
#include <string.h>

#include "cotscan.h"
#include "filter.h"

int filter_where_parse(const char *arg, struct where_cond *w)
{
	const char *eq = strchr(arg, '=');
	int neg = eq && eq > arg && eq[-1] == '!';
	size_t plen = eq ? (size_t)(eq - arg) - (size_t)neg : 0;
	if (!eq || plen == 0 || plen >= sizeof w->path)
		return -1;
	memcpy(w->path, arg, plen);
	w->path[plen] = '\0';
	if (!extract_path_valid(w->path, plen))
		return -2;
	w->value = eq + 1;
	w->negate = neg;
	return 0;
}

int filter_where_match(const struct where_cond *w, const struct trace_result *r, struct buf *tmp)
{
	int eq = pipeline_field_text(r, w->path, tmp) && strcmp(tmp->p, w->value) == 0;
	return eq != w->negate;
}

int filter_active(const struct trace_filter *f)
{
	return f->nwhere > 0 || f->drop != 0;
}

int filter_keep(const struct trace_filter *f, const struct trace_result *r, struct buf *tmp)
{
	if (r->defects & f->drop)
		return 0;
	for (int i = 0; i < f->nwhere; i++)
		if (!filter_where_match(&f->where[i], r, tmp))
			return 0;
	return 1;
}

int filter_parse_defects(const char *list, unsigned *drop, struct buf *err)
{
	*drop = 0;
	if (strcmp(list, "all") == 0) {
		*drop = (1u << COT_NDEFECT) - 1;
		return 0;
	}
	for (const char *p = list;;) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		int d = cot_defect_lookup(p, n);
		if (d < 0) {
			buf_reset(err);
			buf_printf(err, "%.*s", (int)n, p);
			return -1;
		}
		*drop |= 1u << d;
		if (!e)
			return 0;
		p = e + 1;
	}
}
