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
	CMD_CHECK = 1 << 2,
};

/* One --max/--min/--max-skipped argument of `check`, parsed by gate.c. */
struct gate_arg {
	int op;                   /* '<' for --max, '>' for --min */
	const char *spec;         /* "KEY=RATE" (argv), or "RATE" when skipped */
	int skipped;              /* --max-skipped RATE */
};

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
	int format;               /* --format: enum cot_format (tabout.h), csv by default */
	char **files;             /* input names; none means stdin */
	int nfiles;
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
