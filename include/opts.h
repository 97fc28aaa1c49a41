/*
 * opts.h - the command line: one option table drives getopt_long, --help
 * and the checks of which subcommand takes which option.
 */
#ifndef OPTS_H
#define OPTS_H

#include "extract.h"

enum cot_cmd {
	CMD_TAG = 1 << 0,
	CMD_REPORT = 1 << 1,
	CMD_EVAL = 1 << 8,        /* eval.c */
	CMD_SHOW = 1 << 9,        /* show.c */
};

#define COT_MAX_LIST 16           /* most values of a repeatable option */

struct cot_opts {
	int cmd;                  /* enum cot_cmd */
	const char *output;       /* -o */
	const char *rules;        /* --rules, or NULL for the built-in set */
	struct extract_opts xo;
	int evidence, jsonl, strict, quiet;
	int jobs;                 /* -j; 0: the number of online CPUs */
	int format;               /* --format: enum cot_format (tabout.h), csv by default */
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

#endif
