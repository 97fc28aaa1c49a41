/*
 * report.h - the `cotscan report` sink: traces aggregated per group
 * (agg.h), then the table of rates with confidence intervals, or with
 * --partial the sufficient statistics, and with --svg also the chart.
 * `cotscan merge` writes its result through the same config.
 */
#ifndef REPORT_H
#define REPORT_H

#include "sink.h"

/* The options of `cotscan report` (and of `merge`, which ignores group_by). */
struct report_cfg {
	const char *group_by;     /* --group-by: comma-separated fields, NULL for model */
	int format;               /* --format: enum cot_format (tabout.h) */
	double level;             /* --level: confidence level of the intervals */
	int partial;              /* --partial: write sufficient statistics, not the table */
	const char *svg;          /* --svg FILE: also draw the chart, or NULL */
};

/* The `report` sink; 0. */
int sink_report_init(struct sink *s, const struct report_cfg *cfg, const struct sink_env *env);

#endif
