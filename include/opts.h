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
};

struct cot_opts {
	int cmd;                  /* enum cot_cmd */
	const char *output;       /* -o */
	const char *rules;        /* --rules, or NULL for the built-in set */
	struct extract_opts xo;
	int evidence, jsonl, strict, quiet;
	int jobs;                 /* -j; 0: the number of online CPUs */
	char **files;             /* input names; none means stdin */
	int nfiles;
};

/*
 * Parses argv into o.  Returns -1 when the run should go on, or an exit
 * code (0 after --help/--version, COT_EXIT_USAGE after a usage error, whose
 * message has been printed).
 */
int opts_parse(struct cot_opts *o, int argc, char **argv);

#endif
