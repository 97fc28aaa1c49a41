/*
 * svg.h - the chart of `cotscan report --svg FILE`: the rate of every
 * behaviour per group with its Wilson interval as an error bar, drawn as
 * a self-contained SVG (no scripts, no external fonts or styles).
 *
 * - A grouped bar chart: groups along x, one bar per behaviour in each
 *   (<rect class="bar">, one per group and behaviour).
 * - A line chart when the last --group-by field is a number in every group
 *   and takes at least two values (a step or checkpoint): that field along
 *   x on a linear scale, one line per behaviour and per value of the other
 *   fields (<circle class="point">, one per group and behaviour).
 * Every mark carries a <title> with the exact numbers (a tooltip).
 * The title line at the top is title, or "Behaviour rates by FIELDS"
 * when title is NULL.  The bars are in natural order of the group
 * labels (3B < 7B < 32B), after the groups named in order (labels
 * separated by ',', or NULL); a name that is no group is a warning.
 */
#ifndef SVG_H
#define SVG_H

#include <stdio.h>

#include "agg.h"

/* Draws the chart of the groups of a, with intervals at confidence level, titled title, bars in order, on fp. */
void svg_write(const struct agg *a, FILE *fp, double level, const char *title, const char *order);

#endif
