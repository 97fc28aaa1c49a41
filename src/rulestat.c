/* rulestat.c - see rulestat.h. */
#include <stdlib.h>
#include <string.h>

#include "rulestat.h"
#include "tabout.h"

struct rules_sink {
	const struct rules_cfg *cfg;
	const struct sink_env *env;
};

static void rules_line(void *ctx, const struct trace_result *r)
{
	(void)ctx;
	(void)r; /* the worker's matcher counts into cfg->stat */
}

/* The literals of r joined by '|' (a '|' or '\' inside one is escaped with '\'). */
static void literals_text(const struct rule *r, struct buf *b)
{
	buf_reset(b);
	for (size_t i = 0; r->lits && i < r->lits->n; i++) {
		if (i)
			buf_add(b, "|", 1);
		for (size_t k = 0; k < r->lits->v[i].len; k++) {
			char c = (char)r->lits->v[i].s[k];
			if (c == '|' || c == '\\')
				buf_add(b, "\\", 1);
			buf_add(b, &c, 1);
		}
	}
	if (!b->p)
		buf_add(b, "", 0);
}

static int rules_finish_table(void *ctx)
{
	struct rules_sink *k = ctx;
	const struct ruleset *rs = k->env->rules;
	const struct rule_stat *st = k->cfg->stat;
	static const char *const names[] = { "rule", "behaviour", "path", "back", "literals", "est_cost",
					     "seconds", "share", "mb_per_s", "hits", "calls", "matches", "full_scans" };
	size_t ncols = k->cfg->stats ? 13 : 6;
	double total = 0;
	for (size_t i = 0; st && i < rs->n; i++)
		total += st[i].seconds;
	struct tabout t;
	struct buf b = {0};
	tabout_begin(&t, k->env->out, k->cfg->format, ncols, names);
	for (size_t i = 0; i < rs->n; i++) {
		const struct rule *r = &rs->v[i];
		tabout_str(&t, r->name);
		tabout_str(&t, cot_behaviour_name(r->behaviour));
		if (r->lits) {
			tabout_str(&t, "literals");
			if (r->lits->back == LIT_UNBOUNDED)
				tabout_str(&t, "unbounded");
			else
				tabout_num(&t, "%zu", r->lits->back);
			literals_text(r, &b);
			tabout_str(&t, b.p);
			tabout_num(&t, "%.4f", r->lits->cost);
		} else {
			tabout_str(&t, "reference");
			tabout_str(&t, "");
			tabout_str(&t, r->why ? r->why : "");
			tabout_num(&t, "%.4f", 1.0);
		}
		if (k->cfg->stats) {
			const struct rule_stat *s = &st[i];
			tabout_num(&t, "%.4f", s->seconds);
			tabout_num(&t, "%.4f", total > 0 ? s->seconds / total : 0.0);
			tabout_num(&t, "%.1f", s->seconds > 0 ? (double)s->bytes / s->seconds / 1e6 : 0.0);
			tabout_num(&t, "%llu", s->hits);
			tabout_num(&t, "%llu", s->calls);
			tabout_num(&t, "%llu", s->matches);
			tabout_num(&t, "%llu", s->ref_traces);
		}
		tabout_row_end(&t);
	}
	tabout_end(&t);
	buf_free(&b);
	return 0;
}

static void rules_free_sink(void *ctx)
{
	free(ctx);
}

int sink_rules_init(struct sink *s, const struct rules_cfg *cfg, const struct sink_env *env)
{
	struct rules_sink *k = xmalloc(sizeof *k);
	k->cfg = cfg;
	k->env = env;
	*s = (struct sink){ .ctx = k, .line = rules_line, .finish = rules_finish_table, .free = rules_free_sink };
	return 0;
}
