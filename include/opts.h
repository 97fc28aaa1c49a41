/*
 * opts.h - the command line: one option table drives getopt_long, --help
 * and the checks of which subcommand takes which option.
 *
 * opts_parse() checks every option and reports every usage error itself
 * (one message, then the "Try 'cotscan CMD --help'" hint); what it returns
 * is ready to use: the run's own options, and the config of each sink
 * (csvout.h, report.h, compare.h, eval.h, show.h, gate.h), of which main.c
 * hands the command's to its sink.  An option of one command is parsed
 * straight into that command's config; an option several commands take is
 * parsed once and copied into the config of the command that runs.
 */
#ifndef OPTS_H
#define OPTS_H

#include "compare.h"
#include "csvout.h"
#include "defects.h"
#include "eval.h"
#include "extract.h"
#include "filter.h"
#include "gate.h"
#include "judge.h"
#include "report.h"
#include "rules.h"
#include "sample.h"
#include "rulestat.h"
#include "show.h"

enum cot_cmd {
	CMD_TAG = 1 << 0,
	CMD_REPORT = 1 << 1,
	CMD_MERGE = 1 << 2,
	CMD_COMPARE = 1 << 3,
	CMD_EVAL = 1 << 8,        /* eval.c */
	CMD_SHOW = 1 << 9,        /* show.c */
	CMD_CHECK = 1 << 4,       /* gate.c */
	CMD_SAMPLE = 1 << 10,     /* sample.c */
	CMD_JUDGE_REQUESTS = 1 << 11, /* judge.c */
	CMD_JUDGE_READ = 1 << 12, /* judge.c */
	CMD_RULES = 1 << 13,      /* rulestat.c */
};

struct cot_opts {
	int cmd;                  /* enum cot_cmd */
	const char *cmdname;      /* the command as given, NULL when implied (tag) */
	/* the run (main.c) */
	const char *output;       /* -o */
	const char *rules;        /* --rules, or NULL for the built-in set */
	struct extract_opts xo;
	struct defect_opts dx;     /* --min-bytes, --max-bytes, --answer-field */
	struct trace_filter filter; /* --where (but eval's), --drop-defects: the traces of the table */
	int strict, quiet;
	unsigned long long first_line; /* --first-line: number of the first input's first line */
	int first_line_set;       /* --first-line was given */
	const char *label;        /* --label: the name of standard input, or NULL ("-") */
	int jobs;                 /* -j; 0: the number of online CPUs */
	char **files;             /* input names (into argv); none means stdin */
	char **argv;              /* owned: the arguments without the command */
	int nfiles;
	/* each command's sink */
	struct tag_cfg tag;
	struct report_cfg report; /* report and merge */
	struct compare_cfg compare;
	struct eval_cfg eval;
	struct show_cfg show;
	struct check_cfg check;
	struct sample_cfg sample;
	struct judge_requests_cfg judge_requests;
	struct judge_read_cfg judge_read;
	struct rules_cfg rulelist;
	/* owned storage behind the configs */
	char *labels_file;        /* --labels FILE (also the input when no FILE is given) */
	struct gate_check *checks;
	size_t nchecks;
};

/*
 * Parses argv into o.  Returns -1 when the run should go on, or an exit
 * code (0 after --help/--version, COT_EXIT_USAGE after a usage error, whose
 * message has been printed).
 */
int opts_parse(struct cot_opts *o, int argc, char **argv);

/*
 * The checks that need the rule set (show --rule must name a rule of it).
 * Returns 0, or COT_EXIT_USAGE after printing the usage error.
 */
int opts_check_rules(const struct cot_opts *o, const struct ruleset *rs);

/* Frees what opts_parse allocated. */
void opts_free(struct cot_opts *o);

#endif
