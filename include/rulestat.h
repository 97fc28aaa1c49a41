/*
 * rulestat.h - the sink of `cotscan rules`: every rule's matching path
 * (its required literals, or the reference path and why) and, with
 * --stats, what each rule cost on the input (match.h struct rule_stat).
 */
#ifndef RULESTAT_H
#define RULESTAT_H

#include "match.h"
#include "sink.h"

struct rules_cfg {
	int stats;                /* --stats: read the input, time every rule */
	int format;               /* enum cot_format */
	struct rule_stat *stat;   /* with stats: per rule, filled by the (single) worker; main.c owns it */
};

int sink_rules_init(struct sink *s, const struct rules_cfg *cfg, const struct sink_env *env);

#endif
