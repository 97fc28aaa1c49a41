/*
 * report.h - the `cotscan report` sink: traces aggregated per group
 * (agg.h), then the table of rates with confidence intervals, or with
 * --partial the sufficient statistics (agg_write_partial), and with --svg
 * also the chart (svg.h).  `cotscan merge` writes its aggregate through
 * report_write() too.
 *
 * The table's columns (README "cotscan report"), fixed in this order:
 *   GROUP...,behaviour,traces,traces_with,rate,rate_lo,rate_hi,
 *   mean_count,mean_lo,mean_hi,total_count,per_1k_words,per_1k_lo,per_1k_hi
 */
#ifndef REPORT_H
#define REPORT_H

#include <stdio.h>

#include "agg.h"
#include "sink.h"

/* The options of `cotscan report` (and of `merge`, which ignores group_by). */
struct report_cfg {
	const char *group_by;     /* --group-by: comma-separated fields, NULL for model */
	int format;               /* --format: enum cot_format (tabout.h) */
	double level;             /* --level: confidence level of the intervals */
	int partial;              /* --partial: write sufficient statistics, not the table */
	const char *svg;          /* --svg FILE: also draw the chart, or NULL */
	const char *title;        /* --title TEXT: the chart's title, or NULL for the default */
	const char *order;        /* --order A,B: these groups first in the chart, or NULL */
};

/*
 * Writes the results of a as cfg says: the table (or with partial, the
 * partial stamped with rules_hash) on out, then the chart into cfg->svg
 * when set (replaced only when complete).  Returns 0, or COT_EXIT_IO when
 * the chart cannot be written (message printed).
 */
int report_write(const struct agg *a, const struct report_cfg *cfg, FILE *out, unsigned long long rules_hash);

/* Writes the report table of a in format fmt (enum cot_format) with intervals at level, stamped with rules_hash. */
void report_table(const struct agg *a, FILE *fp, int fmt, double level, unsigned long long rules_hash);

/* The `report` sink; 0. */
int sink_report_init(struct sink *s, const struct report_cfg *cfg, const struct sink_env *env);

#endif
