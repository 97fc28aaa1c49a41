/*
 * opts.h - the command line: one option table drives getopt_long, --help
 * and the checks of which subcommand takes which option.
 */
#ifndef OPTS_H
#define OPTS_H

#include "defects.h"
#include "extract.h"

enum cot_cmd {
	CMD_TAG = 1 << 0,
	CMD_REPORT = 1 << 1,
	CMD_MERGE = 1 << 2,
	CMD_COMPARE = 1 << 3,
	CMD_EVAL = 1 << 8,        /* eval.c */
	CMD_SHOW = 1 << 9,        /* show.c */
	CMD_CHECK = 1 << 4,       /* gate.c */
};

/* One --max/--min/--max-skipped argument of `check`, parsed by gate.c. */
struct gate_arg {
	int op;                   /* '<' for --max, '>' for --min */
	const char *spec;         /* "KEY=RATE" (argv), or "RATE" when skipped */
	int skipped;              /* --max-skipped RATE */
};

#define COT_MAX_LIST 16           /* most values of a repeatable option */

struct cot_opts {
	int cmd;                  /* enum cot_cmd */
	const char *output;       /* -o */
	const char *rules;        /* --rules, or NULL for the built-in set */
	struct extract_opts xo;
	struct defect_opts dx;     /* --min-bytes, --max-bytes, --answer-field */
	struct gate_arg *gates;    /* check: --max, --min, --max-skipped, in order (owned) */
	size_t ngates;
	const char *config;        /* check: --config FILE */
	unsigned long examples;    /* check: --examples N */
	int format_given;          /* --format was given */
	int evidence, jsonl, strict, quiet;
	unsigned long long first_line; /* --first-line: number of the first input's first line */
	const char *label;        /* --label: the name of standard input, or NULL ("-") */
	int jobs;                 /* -j; 0: the number of online CPUs */
	int format;               /* --format: enum cot_format (tabout.h), csv by default */
	const char *group_by;     /* --group-by: comma-separated fields, NULL for model */
	double level;             /* --level: confidence level of intervals, 0.95 by default */
	int partial;              /* --partial: write sufficient statistics, not the table */
	const char *svg;          /* --svg FILE: also draw the chart */
	const char *baseline;     /* --baseline GROUP (compare) */
	char **files;             /* input names; none means stdin */
	int nfiles;
	/* eval (eval.c) */
	const char *labels_field; /* --labels-field, or NULL for "labels" */
	char *labels_file;        /* --labels FILE: labels joined to the traces by id */
	const char *by[COT_MAX_LIST]; /* --by: group rows by these fields */
	int nby;
	const char *where[COT_MAX_LIST]; /* --where PATH=VALUE|PATH!=VALUE */
	int nwhere;
	int errors;               /* --errors: list the disagreements */
	int ci;                   /* --ci: bootstrap intervals of F1 and Spearman */
	/* show (show.c); --behaviour also limits eval's rows */
	const char *behaviour;    /* --behaviour */
	const char *rule;         /* --rule */
	const char *id;           /* --id */
	unsigned long long line;  /* --line, 0: any */
	int color;                /* --color: 0 never, 1 always, -1 auto */
};

/*
 * Parses argv into o.  Returns -1 when the run should go on, or an exit
 * code (0 after --help/--version, COT_EXIT_USAGE after a usage error, whose
 * message has been printed).
 */
int opts_parse(struct cot_opts *o, int argc, char **argv);

/* Frees what opts_parse allocated. */
void opts_free(struct cot_opts *o);

#endif
