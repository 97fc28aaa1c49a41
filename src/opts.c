/* opts.c - see opts.h. */
#include <stdarg.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cotscan.h"
#include "diag.h"
#include "opts.h"
#include "tabout.h"
#include "util.h"

enum {
	OPT_RULES = 256, OPT_COT_FIELD, OPT_MODEL_FIELD, OPT_ID_FIELD, OPT_MODEL,
	OPT_WHOLE, OPT_STRICT, OPT_EVIDENCE, OPT_JSONL, OPT_FORMAT,
	OPT_GROUP_BY, OPT_LEVEL, OPT_PARTIAL, OPT_SVG, OPT_TITLE, OPT_ORDER, OPT_BASELINE, OPT_FIRST_LINE, OPT_LABEL,
};
/* eval and show */
enum {
	OPT_LABELS_FIELD = 512, OPT_BY, OPT_WHERE, OPT_ERRORS, OPT_BEHAVIOUR, OPT_RULE, OPT_ID,
	OPT_LINE, OPT_COLOR, OPT_LABELS, OPT_CI, OPT_AUDIT,
	/* defects and check */
	OPT_MIN_BYTES, OPT_MAX_BYTES, OPT_ANSWER_FIELD, OPT_GATE_MAX, OPT_GATE_MIN, OPT_MAX_SKIPPED,
	OPT_CONFIG, OPT_EXAMPLES, OPT_STATS,
	/* filters */
	OPT_DROP_DEFECTS,
	/* compare */
	OPT_PAIR_BY, OPT_CLUSTER_BY, OPT_SEED,
};
/* sample and judge */
enum { OPT_JUDGE_MODEL = 768, OPT_PROMPTS };

#define MAX_JOBS 256

#define ALL (~0u)
/* every command that writes a table (tabout.h) */
#define TABLES (~(unsigned)(CMD_TAG | CMD_SHOW | CMD_SAMPLE | CMD_JUDGE_REQUESTS | CMD_JUDGE_READ))
/* every command that reads traces (merge reads partials, judge read the judge's answers) */
#define TRACES (~(unsigned)(CMD_MERGE | CMD_JUDGE_READ))

/* The option table: parsing, --help and per-subcommand checks all read it. */
static const struct optdef {
	int id;
	const char *name;
	const char *arg;          /* NULL: takes no argument; "[X]": an optional =X */
	unsigned cmds;            /* subcommands that accept it */
	const char *help;
} optdefs[] = {
	{ 'o', "output", "FILE", ALL, "write to FILE instead of standard output" },
	{ OPT_RULES, "rules", "DIR|FILE", TRACES, "use these rule files instead of the built-in set" },
	{ OPT_COT_FIELD, "cot-field", "PATH", TRACES, "field path of the chain of thought (a.b.0.c, /a/b/0/c, .a.b[0][\"c\"])" },
	{ OPT_MODEL_FIELD, "model-field", "PATH", TRACES, "field path of the model name" },
	{ OPT_ID_FIELD, "id-field", "PATH", TRACES | CMD_JUDGE_READ, "field path of the trace id" },
	{ OPT_MODEL, "model", "NAME", TRACES, "model name for records that carry none" },
	{ OPT_WHOLE, "whole", NULL, TRACES, "analyse the whole text, not only <think> sections" },
	{ OPT_STRICT, "strict", NULL, TRACES, "stop at the first bad input line" },
	{ OPT_FIRST_LINE, "first-line", "N", TRACES, "number the first line of the first input N (default 1)" },
	{ OPT_LABEL, "label", "NAME", TRACES, "name standard input NAME (messages, file column, fallback model)" },
	{ OPT_EVIDENCE, "evidence", NULL, CMD_TAG, "add an evidence column (JSON array of matches)" },
	{ OPT_JSONL, "jsonl", NULL, CMD_TAG, "write the input records back with a \"cotscan\" object" },
	{ OPT_FORMAT, "format", "FMT", TABLES, "table format: csv, tsv, markdown or json (default csv; check: text lines)" },
	{ OPT_GROUP_BY, "group-by", "FIELDS", CMD_REPORT | CMD_COMPARE,
	  "group by these comma-separated fields (default: model)" },
	{ OPT_LEVEL, "level", "P", CMD_REPORT | CMD_MERGE | CMD_COMPARE | CMD_EVAL,
	  "confidence level of intervals (default 0.95)" },
	{ OPT_PARTIAL, "partial", NULL, CMD_REPORT | CMD_MERGE, "write mergeable sufficient statistics (CSV)" },
	{ OPT_SVG, "svg", "FILE", CMD_REPORT | CMD_MERGE, "also draw the rates as an SVG chart in FILE" },
	{ OPT_TITLE, "title", "TEXT", CMD_REPORT | CMD_MERGE, "the title line of the --svg chart (default: Behaviour rates by FIELDS)" },
	{ OPT_ORDER, "order", "GROUPS", CMD_REPORT | CMD_MERGE,
	  "the bars of the --svg chart: these comma-separated groups first (tables keep their order)" },
	{ OPT_BASELINE, "baseline", "GROUP", CMD_COMPARE, "compare every group with GROUP (default: the first)" },
	{ OPT_PAIR_BY, "pair-by", "FIELD", CMD_COMPARE, "pair traces of two groups with the same FIELD (e.g. meta.question_id)" },
	{ OPT_CLUSTER_BY, "cluster-by", "FIELD", CMD_COMPARE, "take the clusters of FIELD as the unit (e.g. model)" },
	{ OPT_SEED, "seed", "N", CMD_COMPARE | CMD_SAMPLE,
	  "compare: seed of the Monte Carlo permutation test (default 1); sample: of the record hash (default 0)" },
	{ OPT_LABELS, "labels", "FILE", CMD_EVAL, "read labels from FILE, matched by id (alone: its traces too)" },
	{ OPT_LABELS_FIELD, "labels-field", "PATH", CMD_EVAL, "field path of the labels object (default labels)" },
	{ OPT_BY, "by", "PATH", CMD_EVAL | CMD_SAMPLE,
	  "eval: also rows per value of this field (default model, none: no groups); sample: N per value" },
	{ OPT_WHERE, "where", "PATH=VAL", TRACES, "only traces whose field equals VAL (PATH!=VAL: differs; repeatable)" },
	{ OPT_DROP_DEFECTS, "drop-defects", "LIST", CMD_TAG | CMD_REPORT | CMD_COMPARE,
	  "leave out traces with these defects (e.g. repetitive,padded or all)" },
	{ OPT_ERRORS, "errors", NULL, CMD_EVAL, "list every disagreement instead of the metrics" },
	{ OPT_CI, "ci", NULL, CMD_EVAL, "add bootstrap intervals of F1 and Spearman (--level)" },
	{ OPT_AUDIT, "audit", NULL, CMD_EVAL, "score each instance against the judge's quotes, per rule (default --by none)" },
	{ OPT_BEHAVIOUR, "behaviour", "NAME", CMD_EVAL | CMD_SHOW | CMD_JUDGE_REQUESTS, "only this behaviour" },
	{ OPT_RULE, "rule", "NAME", CMD_SHOW, "list the instances of this rule (or shell pattern), in context" },
	{ OPT_ID, "id", "ID", CMD_SHOW, "only the trace with this id" },
	{ OPT_LINE, "line", "N", CMD_SHOW, "only the trace on line N (of each file)" },
	{ OPT_COLOR, "color", "[WHEN]", CMD_SHOW, "colour the matches: auto (default), always, never" },
	{ OPT_MIN_BYTES, "min-bytes", "N", TRACES, "defect too_short: fewer than N analysed bytes" },
	{ OPT_MAX_BYTES, "max-bytes", "N", TRACES, "defect too_long: more than N analysed bytes" },
	{ OPT_ANSWER_FIELD, "answer-field", "PATH", TRACES, "field path of the model's answer (default: answer)" },
	{ OPT_GATE_MAX, "max", "KEY=RATE", CMD_CHECK, "fail when the rate of KEY is above RATE (repeatable)" },
	{ OPT_GATE_MIN, "min", "KEY=RATE", CMD_CHECK, "fail when the rate of KEY is below RATE (repeatable)" },
	{ OPT_MAX_SKIPPED, "max-skipped", "RATE", CMD_CHECK, "fail when more than RATE of the lines are skipped" },
	{ OPT_CONFIG, "config", "FILE", CMD_CHECK, "read checks from FILE: one 'KEY <=|>= RATE' a line" },
	{ OPT_EXAMPLES, "examples", "N", CMD_CHECK, "show up to N FILE:LINE of each failing defect" },
	{ 'n', "count", "N", CMD_SAMPLE, "keep N records (with --by: N per value of the field)" },
	{ OPT_JUDGE_MODEL, "judge-model", "NAME", CMD_JUDGE_REQUESTS, "the judge's model name (default " JUDGE_DEFAULT_MODEL ")" },
	{ OPT_PROMPTS, "prompts", "FILE", CMD_JUDGE_REQUESTS, "read the four judge prompts from FILE, not the built-in ones" },
	{ OPT_STATS, "stats", NULL, CMD_RULES, "read the input and measure what each rule costs on it" },
	{ 'j', "jobs", "N", ALL, "threads (default: online CPUs; output is the same for any N)" },
	{ 'q', "quiet", NULL, ALL, "no summary line or progress on standard error" },
	{ 'h', "help", NULL, ALL, "show this help and exit" },
	{ 'V', "version", NULL, ALL, "show the version and exit" },
};
#define NOPTS (sizeof optdefs / sizeof *optdefs)

static const struct cmddef {
	const char *name;
	int cmd;
	const char *synopsis;
	const char *about;
} cmddefs[] = {
	{ "tag", CMD_TAG, "cotscan [tag] [OPTIONS] [FILE...]",
	  "Write one CSV row per trace: behaviour counts, defects, optional evidence." },
	{ "report", CMD_REPORT, "cotscan report [OPTIONS] [FILE...]",
	  "Write rates with confidence intervals: one row per group (model) and behaviour." },
	{ "merge", CMD_MERGE, "cotscan merge [OPTIONS] [PARTIAL...]",
	  "Combine partials of 'report --partial' into the table one run would give." },
	{ "compare", CMD_COMPARE, "cotscan compare [--baseline GROUP] [--pair-by FIELD | --cluster-by FIELD] [OPTIONS] [FILE...]",
	  "Compare every group with a baseline: rate differences, p-values (Holm)." },
	{ "eval", CMD_EVAL, "cotscan eval [OPTIONS] [FILE...]",
	  "Score the tags against labelled traces: precision, recall, F1, Spearman, MAE." },
	{ "show", CMD_SHOW, "cotscan show [OPTIONS] [FILE...]",
	  "Print traces with every match marked [behaviour:rule]{text}, to audit the tags." },
	{ "check", CMD_CHECK, "cotscan check [--max KEY=RATE] [--min KEY=RATE] [--config FILE] [OPTIONS] [FILE...]",
	  "Gate a dataset: compare defect, skip and behaviour rates with thresholds." },
	{ "sample", CMD_SAMPLE, "cotscan sample -n N [--by FIELD] [--seed S] [OPTIONS] [FILE...]",
	  "Write a reproducible sample of the records (N per value of --by), unchanged, as JSONL." },
	{ "judge requests", CMD_JUDGE_REQUESTS, "cotscan judge requests [--judge-model NAME] [--behaviour NAME] [OPTIONS] [FILE...]",
	  "Write one LLM-judge request per trace and behaviour (OpenAI Batch API lines)." },
	{ "judge read", CMD_JUDGE_READ, "cotscan judge read [OPTIONS] [RESPONSES...]",
	  "Read the judge's answers into one label line per trace, for eval --labels." },
	{ "rules", CMD_RULES, "cotscan rules [--stats] [OPTIONS] [FILE...]",
	  "List each rule's matching path and required literals; --stats: its cost on the input." },
};
#define NCMDS (sizeof cmddefs / sizeof *cmddefs)

static const char exit_help[] =
	"Exit status:\n"
	"  0  success\n"
	"  1  finished, but some input lines were skipped (bad JSON, no chain of thought, ...);\n"
	"     eval: also lines without usable labels; show: no trace or instance found;\n"
	"     check: a check failed; judge read: answers were reported and left out\n"
	"  2  usage error, bad rule file or bad configuration\n"
	"  3  input or output error: an unreadable input (the others are still read),\n"
	"     a corrupt compressed input, no trace tagged of the lines read, a write failure\n";

static const char check_help[] =
	"Keys (rates over traces, or over non-blank lines for skips):\n"
	"  a defect   empty truncated rule_limit padded repetitive duplicate no_answer\n"
	"             too_long too_short: traces with it / traces\n"
	"  a behaviour backtracking verification subgoal_setting backward_chaining:\n"
	"             traces with at least one instance / traces\n"
	"  skipped    skipped lines / non-blank lines (default check: skipped <= 0)\n"
	"  a reason   bad_json not_object no_cot cot_not_string invalid_utf8 nul_byte\n"
	"KEY@MODEL checks one model, KEY@* every model; RATE is 0..1 or a percentage (2%).\n"
	"Prints one PASS/FAIL line per check and a verdict; with --format, a table.\n\n";

static void print_options(FILE *fp, unsigned cmd)
{
	for (size_t i = 0; i < NOPTS; i++) {
		const struct optdef *d = &optdefs[i];
		if (!(d->cmds & cmd))
			continue;
		char left[64];
		if (d->arg && d->arg[0] == '[')
			snprintf(left, sizeof left, "    --%s[=%.*s]", d->name, (int)strlen(d->arg) - 2, d->arg + 1);
		else if (d->id < 256)
			snprintf(left, sizeof left, "-%c, --%s%s%s", d->id, d->name, d->arg ? " " : "",
				 d->arg ? d->arg : "");
		else
			snprintf(left, sizeof left, "    --%s%s%s", d->name, d->arg ? " " : "", d->arg ? d->arg : "");
		fprintf(fp, "  %-26s %s\n", left, d->help);
	}
}

static void help(FILE *fp, int cmd)
{
	if (cmd == 0) {
		fputs("Usage: cotscan [COMMAND] [OPTIONS] [FILE...]\n"
		      "Tag chain-of-thought traces (JSONL) with four cognitive behaviours:\n"
		      "backtracking, verification, subgoal_setting, backward_chaining.\n"
		      "Reads standard input when no FILE is given or FILE is '-'.\n\n"
		      "Commands:\n", fp);
		for (size_t i = 0; i < NCMDS; i++)
			if (strlen(cmddefs[i].name) > 8) /* judge requests, judge read */
				fprintf(fp, "  %s\n  %-8s %s\n", cmddefs[i].name, "", cmddefs[i].about);
			else
				fprintf(fp, "  %-8s %s\n", cmddefs[i].name, cmddefs[i].about);
		fputs("With no command, 'tag' is run.  'cotscan COMMAND --help' lists its options.\n\n"
		      "Options:\n", fp);
		print_options(fp, CMD_TAG);
		fputc('\n', fp);
		fputs(exit_help, fp);
		return;
	}
	for (size_t i = 0; i < NCMDS; i++)
		if (cmddefs[i].cmd == cmd) {
			fprintf(fp, "Usage: %s\n%s\n\nOptions:\n", cmddefs[i].synopsis, cmddefs[i].about);
			break;
		}
	print_options(fp, (unsigned)cmd);
	fputc('\n', fp);
	if (cmd == CMD_CHECK)
		fputs(check_help, fp);
	fputs(exit_help, fp);
}

/* `cotscan judge --help`: both judge commands, one after the other. */
static void help_judge(FILE *fp)
{
	help(fp, CMD_JUDGE_REQUESTS);
	fputc('\n', fp);
	help(fp, CMD_JUDGE_READ);
}

/*
 * The one usage printer: "cotscan: MESSAGE" and the hint to the command's
 * --help on stderr; returns COT_EXIT_USAGE.
 */
static int usage(const struct cot_opts *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int usage(const struct cot_opts *o, const char *fmt, ...)
{
	va_list ap;
	fputs("cotscan: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fprintf(stderr, "Try 'cotscan %s%s--help' for more information.\n", o->cmdname ? o->cmdname : "",
		o->cmdname ? " " : "");
	return COT_EXIT_USAGE;
}

/* Parses a decimal line number >= 1 into *n; returns 0, or -1 when s is not one. */
static int parse_line_number(const char *s, unsigned long long *n)
{
	unsigned long long v;
	if (util_parse_uint(s, &v) < 0 || v == 0)
		return -1;
	*n = v;
	return 0;
}

/* Whether a --group-by list has an empty or malformed field. */
static int group_by_bad(const char *s)
{
	for (;;) {
		const char *e = strchr(s, ',');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (!extract_path_valid(s, n))
			return 1;
		if (!e)
			return 0;
		s = e + 1;
	}
}

/* One --max, --min or --max-skipped of `check`, as given. */
struct gate_arg {
	int op;                   /* '<' for --max, '>' for --min */
	const char *spec;         /* "KEY=RATE", or "RATE" when skipped */
	int skipped;              /* --max-skipped RATE */
};

/*
 * What getopt_long gathers before the checks: the options several commands
 * share (copied into the running command's config at the end) and the
 * arguments checked only once every option has been read.
 */
struct pending {
	int format, format_given;
	double level;
	const char *group_by;
	int behaviour;            /* -1: not given */
	const char *labels_field;
	const char *by[EVAL_MAX_LIST];
	int nby;
	const char *where[EVAL_MAX_LIST];
	int nwhere;
	struct gate_arg *gates;   /* owned */
	size_t ngates;
	const char *config;       /* check --config FILE */
	unsigned long long n;     /* sample -n */
	int count;                /* -n given */
	const char *drop_defects; /* --drop-defects LIST */
};

/* The --where options into w[0..*n); 0 or COT_EXIT_USAGE. */
static int check_where(struct cot_opts *o, const struct pending *p, struct where_cond *w, int *n)
{
	for (int i = 0; i < p->nwhere; i++) {
		int rc = filter_where_parse(p->where[i], &w[*n]);
		if (rc == -1)
			return usage(o, "bad --where '%s' (expected PATH=VALUE or PATH!=VALUE)", p->where[i]);
		if (rc < 0)
			return usage(o, "bad --where path '%s'", w[*n].path);
		(*n)++;
	}
	return 0;
}

/* eval: --labels-field, --by and --where into o->eval; 0 or COT_EXIT_USAGE. */
static int check_eval(struct cot_opts *o, const struct pending *p)
{
	struct eval_cfg *e = &o->eval;
	e->labels_path = p->labels_field ? p->labels_field : "labels";
	if (!extract_path_valid(e->labels_path, strlen(e->labels_path)))
		return usage(o, "bad field path '%s' (expected a.b.0.c, a JSON Pointer /a/b/0/c or jq's .a.b[0][\"c\"])",
			     e->labels_path);
	if (e->audit && (e->errors || e->ci))
		return usage(o, "--audit cannot be combined with %s", e->errors ? "--errors" : "--ci");
	if (p->nby == 0 && !e->audit)
		e->by[e->nby++] = TRACE_MODEL_FIELD;
	for (int i = 0; i < p->nby; i++) {
		if (strcmp(p->by[i], "none") == 0)
			continue;
		if (!extract_path_valid(p->by[i], strlen(p->by[i])))
			return usage(o, "bad --by path '%s'", p->by[i]);
		e->by[e->nby++] = p->by[i];
	}
	return check_where(o, p, e->where, &e->nwhere);
}

/* sample: -n and --by into o->sample; 0 or COT_EXIT_USAGE. */
static int check_sample(struct cot_opts *o, const struct pending *p)
{
	if (!p->count)
		return usage(o, "sample needs -n N (how many records to keep)");
	o->sample.n = p->n;
	if (p->nby > 1)
		return usage(o, "sample takes one --by field, not %d", p->nby);
	if (p->nby == 1 && strcmp(p->by[0], "none") != 0) {
		if (!extract_path_valid(p->by[0], strlen(p->by[0])))
			return usage(o, "bad --by path '%s'", p->by[0]);
		o->sample.by = p->by[0];
	}
	return 0;
}

/*
 * check: the --max/--min/--max-skipped arguments and the --config file into
 * o->check, every bad one reported; then the implicit "skipped <= 0".
 * Returns 0 or an exit code.
 */
static int check_gates(struct cot_opts *o, const struct pending *p)
{
	struct buf err = {0};
	int ret = 0, have_skipped = 0;
	for (size_t i = 0; i < p->ngates; i++) {
		struct gate_check k;
		buf_reset(&err);
		const char *spec = p->gates[i].spec;
		char *tmp = NULL;
		if (p->gates[i].skipped) {
			tmp = xmalloc(strlen(spec) + 9);
			sprintf(tmp, "skipped=%s", spec);
			spec = tmp;
		}
		if (gate_parse_arg(&k, p->gates[i].op, spec, &err) < 0) {
			diag_error("--%s: %s", p->gates[i].skipped ? "max-skipped" : p->gates[i].op == '<' ? "max" : "min",
				   err.p);
			ret = COT_EXIT_USAGE;
		} else {
			o->checks = xrealloc(o->checks, (o->nchecks + 1) * sizeof *o->checks);
			o->checks[o->nchecks++] = k;
		}
		free(tmp);
	}
	buf_free(&err);
	if (p->config) {
		int r = gate_load_config(p->config, &o->checks, &o->nchecks);
		if (r && !ret)
			ret = r;
	}
	if (ret)
		return ret;
	if (o->nchecks == 0) {
		diag_error("check: no checks given (use --max KEY=RATE, --min KEY=RATE or --config FILE)");
		return COT_EXIT_USAGE;
	}
	for (size_t i = 0; i < o->nchecks; i++)
		have_skipped |= o->checks[i].kind == GK_SKIPPED;
	if (!have_skipped) {
		/* skipped lines are defects of the dataset too: none allowed unless said */
		o->checks = xrealloc(o->checks, (o->nchecks + 1) * sizeof *o->checks);
		o->checks[o->nchecks++] = (struct gate_check){ .kind = GK_SKIPPED, .which = -1, .op = '<', .limit = 0,
							       .key = xstrdup("skipped") };
	}
	o->check.checks = o->checks;
	o->check.nchecks = o->nchecks;
	return 0;
}

/* Copies the options several commands share into the config of the command that runs. */
static void share(struct cot_opts *o, const struct pending *p)
{
	switch (o->cmd) {
	case CMD_REPORT:
	case CMD_MERGE:
		o->report.group_by = p->group_by;
		o->report.format = p->format;
		o->report.level = p->level;
		break;
	case CMD_COMPARE:
		o->compare.group_by = p->group_by;
		o->compare.format = p->format;
		o->compare.level = p->level;
		break;
	case CMD_EVAL:
		o->eval.format = p->format;
		o->eval.level = p->level;
		o->eval.quiet = o->quiet;
		o->eval.id_path = o->xo.id_path;
		o->eval.only = p->behaviour;
		o->eval.labels_file = o->labels_file;
		break;
	case CMD_SHOW:
		o->show.only = p->behaviour;
		o->show.quiet = o->quiet;
		break;
	case CMD_CHECK:
		o->check.format = p->format;
		o->check.format_given = p->format_given;
		break;
	case CMD_SAMPLE:
		o->sample.quiet = o->quiet;
		break;
	case CMD_JUDGE_REQUESTS:
		o->judge_requests.only = p->behaviour;
		o->judge_requests.quiet = o->quiet;
		if (!o->judge_requests.model)
			o->judge_requests.model = JUDGE_DEFAULT_MODEL;
		break;
	case CMD_JUDGE_READ:
		o->judge_read.quiet = o->quiet;
		o->judge_read.id_path = o->xo.id_path;
		break;
	case CMD_RULES:
		o->rulelist.format = p->format;
		o->jobs = 1; /* the one worker's matcher measures the rules */
		break;
	}
}

/* The checks of opts_parse once every option is read; 0 or an exit code. */
static int finish(struct cot_opts *o, struct pending *p)
{
	const char *paths[] = { o->xo.cot_path, o->xo.model_path, o->xo.id_path, o->dx.answer_path };
	for (int i = 0; i < 4; i++)
		if (paths[i] && !extract_path_valid(paths[i], strlen(paths[i])))
			return usage(o, "bad field path '%s' (expected a.b.0.c, a JSON Pointer /a/b/0/c or jq's .a.b[0][\"c\"])",
				     paths[i]);
	if (p->group_by && group_by_bad(p->group_by))
		return usage(o, "bad --group-by '%s' (expected field paths joined by ',', e.g. model,step)", p->group_by);
	if (o->report.partial && p->format_given)
		return usage(o, "--partial always writes CSV; give --format to 'cotscan merge'");
	const char *cpaths[] = { o->compare.pair_by, o->compare.cluster_by };
	for (int i = 0; i < 2; i++)
		if (cpaths[i] && !extract_path_valid(cpaths[i], strlen(cpaths[i])))
			return usage(o, "bad --%s path '%s'", i ? "cluster-by" : "pair-by", cpaths[i]);
	if (o->compare.pair_by && o->compare.cluster_by)
		return usage(o, "--pair-by and --cluster-by cannot be combined (pair by problem, or cluster, not both)");
	if (o->tag.evidence && o->tag.jsonl)
		return usage(o, "--evidence and --jsonl cannot be combined (--jsonl always carries the evidence)");
	int rc = 0;
	if (o->cmd == CMD_EVAL)
		rc = check_eval(o, p);
	else
		rc = check_where(o, p, o->filter.where, &o->filter.nwhere);
	if (!rc && p->drop_defects) {
		struct buf err = {0};
		if (filter_parse_defects(p->drop_defects, &o->filter.drop, &err) < 0)
			rc = usage(o, "unknown defect '%s' in --drop-defects (known: empty, truncated, rule_limit, padded, "
				   "repetitive, duplicate, no_answer, too_long, too_short, or all)", err.p);
		buf_free(&err);
	}
	if (rc)
		return rc;
	if (o->cmd == CMD_CHECK)
		rc = check_gates(o, p);
	else if (o->cmd == CMD_SAMPLE)
		rc = check_sample(o, p);
	if (rc)
		return rc;
	share(o, p);
	return -1;
}



/*
 * The command name closest to s, or NULL when none is close enough to be
 * what was meant (at most 2 edits, and fewer than half of s).
 */
static const char *closest_command(const char *s)
{
	const char *best = NULL;
	size_t bd = 3, n = strlen(s);
	for (size_t i = 0; i < NCMDS; i++) {
		/* a two-word command ("judge read") by its first word */
		char first[32];
		snprintf(first, sizeof first, "%.*s", (int)strcspn(cmddefs[i].name, " "), cmddefs[i].name);
		size_t dist = util_edit_distance(s, first);
		if (dist < bd && 2 * dist < n) {
			bd = dist;
			best = cmddefs[i].name;
		}
	}
	if (best && strchr(best, ' ')) { /* a two-word command: suggest its first word ("judge") */
		static char word[32];
		snprintf(word, sizeof word, "%.*s", (int)strcspn(best, " "), best);
		return word;
	}
	return best;
}

/*
 * The long option closest to name (without its dashes and any =VALUE),
 * preferring those of command cmd, or NULL when none is close.
 */
static const char *closest_option(const char *name, size_t n, unsigned cmd)
{
	char key[65];
	if (n >= sizeof key)
		return NULL;
	memcpy(key, name, n);
	key[n] = '\0';
	const char *best = NULL;
	size_t bd = 4;
	int bapplies = 0;
	for (size_t i = 0; i < NOPTS; i++) {
		size_t dist = util_edit_distance(key, optdefs[i].name);
		int applies = (optdefs[i].cmds & cmd) != 0;
		if (dist > 3 || 2 * dist >= n + 1)
			continue;
		if (dist < bd || (dist == bd && applies && !bapplies)) {
			bd = dist;
			best = optdefs[i].name;
			bapplies = applies;
		}
	}
	return best;
}

/* The option definition of long option name[0..n) (a unique prefix too), or NULL. */
static const struct optdef *find_long(const char *name, size_t n)
{
	const struct optdef *hit = NULL;
	for (size_t i = 0; i < NOPTS; i++)
		if (strncmp(optdefs[i].name, name, n) == 0) {
			if (strlen(optdefs[i].name) == n)
				return &optdefs[i];
			if (hit)
				return NULL; /* ambiguous: getopt_long reports it */
			hit = &optdefs[i];
		}
	return hit;
}

/*
 * The index of the first argument that is not an option or an option's
 * value (the command, or the first FILE), or argc when there is none or
 * "--" comes first.
 */
static int first_operand(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0)
			return argc;
		if (a[0] != '-' || a[1] == '\0')
			return i;
		if (a[1] == '-') {
			const char *eq = strchr(a + 2, '=');
			const struct optdef *d = find_long(a + 2, eq ? (size_t)(eq - a - 2) : strlen(a + 2));
			if (d && d->arg && d->arg[0] != '[' && !eq)
				i++; /* its value */
			continue;
		}
		for (const char *c = a + 1; *c; c++) {
			const struct optdef *d = NULL;
			for (size_t k = 0; k < NOPTS; k++)
				if (optdefs[k].id == (unsigned char)*c)
					d = &optdefs[k];
			if (d && d->arg) {
				if (!c[1])
					i++; /* -j 2: the next argument is the value */
				break;
			}
		}
	}
	return argc;
}

int opts_parse(struct cot_opts *o, int argc, char **argv)
{
	memset(o, 0, sizeof *o);
	o->cmd = CMD_TAG;
	o->first_line = 1;
	o->show.color = -1;
	o->compare.seed = 1;
	struct pending p = { .level = 0.95, .behaviour = -1 };
	/* the command is the first operand, after any options (cotscan -q -j 2 report f) */
	o->argv = xmalloc(((size_t)argc + 1) * sizeof *o->argv);
	memcpy(o->argv, argv, ((size_t)argc + 1) * sizeof *argv);
	argv = o->argv;
	int at = first_operand(argc, argv);
	const char *typo = NULL, *typo_near = NULL; /* a first operand that looks like a misspelt command */
	if (at < argc) {
		for (size_t i = 0; i < NCMDS; i++) {
			/* a two-word command ("judge read") takes two arguments */
			const char *sp = strchr(cmddefs[i].name, ' ');
			size_t n1 = sp ? (size_t)(sp - cmddefs[i].name) : strlen(cmddefs[i].name);
			if (strncmp(argv[at], cmddefs[i].name, n1) != 0 || argv[at][n1] != '\0')
				continue;
			if (sp && (at + 1 >= argc || strcmp(argv[at + 1], sp + 1) != 0))
				continue;
			int words = sp ? 2 : 1;
			o->cmd = cmddefs[i].cmd;
			o->cmdname = cmddefs[i].name;
			memmove(argv + at, argv + at + words, (size_t)(argc - at - words + 1) * sizeof *argv);
			argc -= words;
			break;
		}
		if (!o->cmdname && strcmp(argv[at], "judge") == 0) {
			if (at + 1 < argc && (strcmp(argv[at + 1], "--help") == 0 || strcmp(argv[at + 1], "-h") == 0)) {
				help_judge(stdout);
				return COT_EXIT_OK;
			}
			o->cmdname = "judge";
			return usage(o, "judge needs a command: 'judge requests' or 'judge read'%s%s%s",
				     at + 1 < argc ? ", not '" : "", at + 1 < argc ? argv[at + 1] : "", at + 1 < argc ? "'" : "");
		}
		struct stat st;
		if (!o->cmdname && stat(argv[at], &st) != 0 && (typo_near = closest_command(argv[at])))
			typo = argv[at]; /* reported after the options, which may be wrong first */
	}

	struct option longopts[NOPTS + 1];
	char shortopts[2 * NOPTS + 2];
	size_t ns = 0;
	shortopts[ns++] = ':'; /* report a missing argument as ':' */
	for (size_t i = 0; i < NOPTS; i++) {
		longopts[i] = (struct option){ optdefs[i].name,
					       !optdefs[i].arg ? no_argument
					       : optdefs[i].arg[0] == '[' ? optional_argument : required_argument,
					       NULL, optdefs[i].id };
		if (optdefs[i].id < 256) {
			shortopts[ns++] = (char)optdefs[i].id;
			if (optdefs[i].arg)
				shortopts[ns++] = ':';
		}
	}
	longopts[NOPTS] = (struct option){ 0 };
	shortopts[ns] = '\0';

	optind = 0; /* 0, not 1: getopt_long also forgets where an earlier parse stopped */
	opterr = 0;
	int c, ret = -1;
	while (ret < 0 && (c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		if (c == ':') {
			ret = usage(o, "option '%s' needs an argument", argv[optind - 1]);
			break;
		}
		if (c == '?') {
			const char *a = argv[optind - 1], *near = NULL;
			if (optopt && optopt < 256)
				ret = usage(o, "unknown option '-%c'", optopt);
			else if (a[0] == '-' && a[1] == '-' &&
				 (near = closest_option(a + 2, strcspn(a + 2, "="), (unsigned)o->cmd)))
				ret = usage(o, "unknown option '%.*s'; did you mean '--%s'?", (int)strcspn(a, "="), a, near);
			else
				ret = usage(o, "unknown option '%s'", a);
			break;
		}
		const struct optdef *d = NULL;
		for (size_t i = 0; i < NOPTS; i++)
			if (optdefs[i].id == c)
				d = &optdefs[i];
		if (!(d->cmds & (unsigned)o->cmd) && o->cmd == CMD_MERGE && (c == OPT_PAIR_BY || c == OPT_CLUSTER_BY)) {
			ret = usage(o, "merge cannot make a paired or clustered comparison: partials hold per-group sums, "
				    "not the traces it needs; run 'cotscan compare --%s' on the traces", d->name);
			break;
		}
		if (!(d->cmds & (unsigned)o->cmd)) {
			ret = usage(o, "option '--%s' does not apply to '%s'", d->name, o->cmdname ? o->cmdname : "tag");
			break;
		}
		switch (c) {
		case 'o': o->output = optarg; break;
		case OPT_RULES: o->rules = optarg; break;
		case OPT_COT_FIELD: o->xo.cot_path = optarg; break;
		case OPT_MODEL_FIELD: o->xo.model_path = optarg; break;
		case OPT_ID_FIELD: o->xo.id_path = optarg; break;
		case OPT_MODEL: o->xo.model_name = optarg; break;
		case OPT_WHOLE: o->xo.whole = 1; break;
		case OPT_STRICT: o->strict = 1; break;
		case OPT_FIRST_LINE:
			o->first_line_set = 1;
			if (parse_line_number(optarg, &o->first_line) < 0)
				ret = usage(o, "bad --first-line '%s' (expected a line number, 1 or more)", optarg);
			break;
		case OPT_LABEL: o->label = optarg; break;
		case OPT_EVIDENCE: o->tag.evidence = 1; break;
		case OPT_JSONL: o->tag.jsonl = 1; break;
		case 'j': {
			unsigned long long n;
			if (util_parse_uint(optarg, &n) < 0 || n < 1 || n > MAX_JOBS)
				ret = usage(o, "bad -j '%s' (expected a whole number from 1 to %d)", optarg, MAX_JOBS);
			else
				o->jobs = (int)n;
			break;
		}
		case OPT_FORMAT:
			p.format = tabout_format_lookup(optarg);
			if (p.format < 0)
				ret = usage(o, "unknown format '%s' (known: csv, tsv, markdown, json)", optarg);
			p.format_given = 1;
			break;
		case OPT_LABELS_FIELD: p.labels_field = optarg; break;
		case OPT_LABELS: o->labels_file = optarg; break;
		case OPT_BY:
		case OPT_WHERE: {
			const char **v = c == OPT_BY ? p.by : p.where;
			int *n = c == OPT_BY ? &p.nby : &p.nwhere;
			if (*n == EVAL_MAX_LIST)
				ret = usage(o, "too many '--%s' options (at most %d)", d->name, EVAL_MAX_LIST);
			else
				v[(*n)++] = optarg;
			break;
		}
		case OPT_ERRORS: o->eval.errors = 1; break;
		case OPT_CI: o->eval.ci = 1; break;
		case OPT_AUDIT: o->eval.audit = 1; break;
		case OPT_BEHAVIOUR:
			p.behaviour = cot_behaviour_lookup(optarg, strlen(optarg));
			if (p.behaviour < 0)
				ret = usage(o, "unknown behaviour '%s' (known: backtracking, verification, "
					    "subgoal_setting, backward_chaining)", optarg);
			break;
		case OPT_RULE: o->show.rule = optarg; break;
		case OPT_STATS: o->rulelist.stats = 1; break;
		case OPT_ID: o->show.id = optarg; break;
		case OPT_LINE:
			if (parse_line_number(optarg, &o->show.line) < 0)
				ret = usage(o, "bad line number '%s' (expected a number from 1)", optarg);
			break;
		case OPT_GROUP_BY: p.group_by = optarg; break;
		case OPT_LEVEL: {
			char *end;
			p.level = strtod(optarg, &end);
			if (end == optarg || *end || !(p.level > 0 && p.level < 1))
				ret = usage(o, "bad level '%s' (expected a number between 0 and 1, e.g. 0.99)", optarg);
			break;
		}
		case OPT_COLOR:
			if (!optarg || strcmp(optarg, "auto") == 0)
				o->show.color = -1;
			else if (strcmp(optarg, "always") == 0)
				o->show.color = 1;
			else if (strcmp(optarg, "never") == 0)
				o->show.color = 0;
			else
				ret = usage(o, "bad --color '%s' (expected auto, always or never)", optarg);
			break;
		case OPT_PARTIAL: o->report.partial = 1; break;
		case OPT_SVG: o->report.svg = optarg; break;
		case OPT_TITLE: o->report.title = optarg; break;
		case OPT_ORDER: o->report.order = optarg; break;
		case OPT_BASELINE: o->compare.baseline = optarg; break;
		case OPT_PAIR_BY: o->compare.pair_by = optarg; break;
		case OPT_CLUSTER_BY: o->compare.cluster_by = optarg; break;
		case OPT_SEED:
			if (util_parse_uint(optarg, &o->compare.seed) < 0)
				ret = usage(o, "bad --seed '%s' (expected a whole number)", optarg);
			o->sample.seed = o->compare.seed;
			break;
		case OPT_MIN_BYTES:
		case OPT_MAX_BYTES:
		case OPT_EXAMPLES: {
			unsigned long long v;
			if (util_parse_uint(optarg, &v) < 0 || v > SIZE_MAX)
				ret = usage(o, "option '--%s' needs a whole number, not '%s'", d->name, optarg);
			else if (c == OPT_MIN_BYTES)
				o->dx.min_bytes = (size_t)v;
			else if (c == OPT_MAX_BYTES)
				o->dx.max_bytes = (size_t)v;
			else
				o->check.examples = (unsigned long)v;
			break;
		}
		case OPT_ANSWER_FIELD: o->dx.answer_path = optarg; break;
		case OPT_GATE_MAX:
		case OPT_GATE_MIN:
		case OPT_MAX_SKIPPED:
			p.gates = xrealloc(p.gates, (p.ngates + 1) * sizeof *p.gates);
			p.gates[p.ngates++] = (struct gate_arg){ c == OPT_GATE_MIN ? '>' : '<', optarg, c == OPT_MAX_SKIPPED };
			break;
		case OPT_CONFIG: p.config = optarg; break;
		case 'n':
			if (util_parse_uint(optarg, &p.n) < 0 || p.n == 0)
				ret = usage(o, "bad -n '%s' (expected a whole number, 1 or more)", optarg);
			p.count = 1;
			break;
		case OPT_JUDGE_MODEL: o->judge_requests.model = optarg; break;
		case OPT_PROMPTS: o->judge_requests.prompts = optarg; break;
		case OPT_DROP_DEFECTS: p.drop_defects = optarg; break;
		case 'q': o->quiet = 1; break;
		case 'h': help(stdout, o->cmdname ? o->cmd : 0); ret = COT_EXIT_OK; break;
		case 'V':
			printf("cotscan %s, built-in rules %016llx\n", COTSCAN_VERSION, rules_builtin_hash());
			ret = COT_EXIT_OK;
			break;
		}
	}
	if (ret < 0 && typo)
		ret = usage(o, "'%s' is neither a command nor a file; did you mean '%s'?", typo, typo_near);
	if (ret < 0) {
		o->files = argv + optind;
		o->nfiles = argc - optind;
		/* `eval --labels FILE` alone: the labelled file carries its traces too */
		if (o->labels_file && o->nfiles == 0) {
			o->files = &o->labels_file;
			o->nfiles = 1;
		}
		ret = finish(o, &p);
	}
	free(p.gates);
	return ret;
}

int opts_check_rules(const struct cot_opts *o, const struct ruleset *rs)
{
	if (o->cmd == CMD_SHOW && o->show.rule && show_pick_rules(rs, o->show.rule, NULL) == 0)
		return usage(o, "no rule of the rule set (%s) matches '%s'", rs->origin, o->show.rule);
	return 0;
}

void opts_free(struct cot_opts *o)
{
	free(o->argv);
	o->argv = NULL;
	for (size_t i = 0; i < o->nchecks; i++)
		gate_check_free(&o->checks[i]);
	free(o->checks);
	o->checks = NULL;
	o->nchecks = 0;
}
