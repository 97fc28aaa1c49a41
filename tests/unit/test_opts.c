/* Unit tests of opts.c: opts_parse on argument arrays (good options, usage errors, numbers). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cotscan.h"
#include "opts.h"
#include "unit.h"
#include "util.h"

static struct cot_opts o;
static char msg[4096]; /* what the last parse wrote to stderr and stdout */

/* opts_parse on the NULL-terminated words after "cotscan", its output caught in msg. */
static int parse(const char *const *words)
{
	char *argv[64];
	int argc = 0;
	argv[argc++] = "cotscan";
	for (; *words; words++)
		argv[argc++] = (char *)*words;
	argv[argc] = NULL;
	fflush(stdout);
	fflush(stderr);
	FILE *tmp = tmpfile();
	int save_out = dup(1), save_err = dup(2);
	dup2(fileno(tmp), 1);
	dup2(fileno(tmp), 2);
	opts_free(&o);
	int rc = opts_parse(&o, argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(save_out, 1);
	dup2(save_err, 2);
	close(save_out);
	close(save_err);
	rewind(tmp);
	size_t n = fread(msg, 1, sizeof msg - 1, tmp);
	msg[n] = '\0';
	fclose(tmp);
	return rc;
}

#define ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* A usage error: exit code 2 and a message holding want, then the --help hint. */
#define USAGE(words, want) do { \
	CHECK_INT(parse(words), COT_EXIT_USAGE); \
	CHECK(strstr(msg, want) != NULL, "message '%s' has '%s'", msg, want); \
	CHECK(strstr(msg, "--help' for more information.") != NULL, "hint in '%s'", msg); \
} while (0)

int main(void)
{
	/* no command: tag, every operand a file */
	CHECK_INT(parse(ARGS("a.jsonl", "b.jsonl")), -1);
	CHECK_INT(o.cmd, CMD_TAG);
	CHECK(o.cmdname == NULL, "tag is implied");
	CHECK_INT(o.nfiles, 2);
	CHECK_STR(o.files[0], "a.jsonl");
	CHECK_STR(o.files[1], "b.jsonl");
	CHECK_INT(o.jobs, 0);
	CHECK_INT(o.first_line, 1);
	CHECK_STR(msg, "");

	/* no operand at all: standard input */
	CHECK_INT(parse(ARGS("--evidence")), -1);
	CHECK_INT(o.nfiles, 0);
	CHECK_INT(o.tag.evidence, 1);

	/* the run's options, after the command and before it */
	CHECK_INT(parse(ARGS("-q", "-j", "3", "report", "--min-bytes", "10", "--max-bytes=20", "--answer-field",
			     "meta.answer", "-o", "out.csv", "--level", "0.9", "--group-by", "model,step", "in.jsonl")), -1);
	CHECK_INT(o.cmd, CMD_REPORT);
	CHECK_STR(o.cmdname, "report");
	CHECK_INT(o.quiet, 1);
	CHECK_INT(o.jobs, 3);
	CHECK_INT(o.dx.min_bytes, 10);
	CHECK_INT(o.dx.max_bytes, 20);
	CHECK_STR(o.dx.answer_path, "meta.answer");
	CHECK_STR(o.output, "out.csv");
	CHECK_INT(o.nfiles, 1);
	CHECK_STR(o.files[0], "in.jsonl");

	/* options may follow the files; -- ends them */
	CHECK_INT(parse(ARGS("tag", "in.jsonl", "--strict", "--", "-j")), -1);
	CHECK_INT(o.strict, 1);
	CHECK_INT(o.nfiles, 2);
	CHECK_STR(o.files[0], "in.jsonl");
	CHECK_STR(o.files[1], "-j");

	/* two-word commands, and numbers at their bounds */
	CHECK_INT(parse(ARGS("judge", "requests", "x.jsonl")), -1);
	CHECK_INT(o.cmd, CMD_JUDGE_REQUESTS);
	CHECK_INT(parse(ARGS("-j", "256", "--first-line", "18446744073709551615", "x.jsonl")), -1);
	CHECK_INT(o.jobs, 256);
	CHECK(o.first_line == 18446744073709551615ULL, "--first-line %llu", o.first_line);
	CHECK_INT(o.first_line_set, 1);
	CHECK_INT(parse(ARGS("sample", "-n", "5", "--seed", "42", "x.jsonl")), -1);
	CHECK_INT(o.cmd, CMD_SAMPLE);
	CHECK(o.sample.seed == 42, "sample seed %llu", (unsigned long long)o.sample.seed);
	CHECK_INT(parse(ARGS("check", "--max", "empty=0.1", "--examples", "0", "x.jsonl")), -1);
	CHECK_INT(o.cmd, CMD_CHECK);
	CHECK_INT(o.check.examples, 0);
	CHECK_INT(o.nchecks, 2); /* and the implied skipped <= 0 */
	CHECK_STR(o.checks[1].key, "skipped");

	/* --help and --version end the run with 0 */
	CHECK_INT(parse(ARGS("report", "--help")), COT_EXIT_OK);
	CHECK(strstr(msg, "--group-by") != NULL, "report --help lists --group-by");
	CHECK_INT(parse(ARGS("--version")), COT_EXIT_OK);
	CHECK(strncmp(msg, "cotscan ", 8) == 0 && strstr(msg, ", built-in rules ") != NULL, "version '%s'", msg);

	/* usage errors */
	USAGE(ARGS("-j", "0", "x"), "bad -j '0' (expected a whole number from 1 to 256)");
	USAGE(ARGS("-j", "257", "x"), "bad -j '257'");
	USAGE(ARGS("-j", "2x", "x"), "bad -j '2x'");
	USAGE(ARGS("-j", " 2", "x"), "bad -j ' 2'");
	USAGE(ARGS("-j", "-1", "x"), "bad -j '-1'");
	USAGE(ARGS("--min-bytes", "18446744073709551616", "x"),
	      "option '--min-bytes' needs a whole number, not '18446744073709551616'");
	USAGE(ARGS("--max-bytes", "+5", "x"), "option '--max-bytes' needs a whole number, not '+5'");
	USAGE(ARGS("--max-bytes", "", "x"), "option '--max-bytes' needs a whole number, not ''");
	USAGE(ARGS("--first-line", "0", "x"), "bad --first-line '0'");
	USAGE(ARGS("sample", "-n", "0", "x"), "bad -n '0' (expected a whole number, 1 or more)");
	USAGE(ARGS("sample", "--seed", "1e3", "x"), "bad --seed '1e3' (expected a whole number)");
	USAGE(ARGS("report", "--level", "1", "x"), "bad level '1'");
	USAGE(ARGS("report", "--evidence", "x"), "option '--evidence' does not apply to 'report'");
	USAGE(ARGS("--evidnce", "x"), "unknown option '--evidnce'; did you mean '--evidence'?");
	USAGE(ARGS("-Z", "x"), "unknown option '-Z'");
	USAGE(ARGS("x", "-o"), "option '-o' needs an argument");
	USAGE(ARGS("--evidence", "--jsonl", "x"), "--evidence and --jsonl cannot be combined");
	USAGE(ARGS("--cot-field", "a..b", "x"), "bad field path 'a..b'");
	USAGE(ARGS("reprot", "x"), "'reprot' is neither a command nor a file; did you mean 'report'?");
	USAGE(ARGS("judge", "x"), "judge needs a command: 'judge requests' or 'judge read', not 'x'");
	CHECK(strstr(msg, "Try 'cotscan judge --help'") != NULL, "the hint names the command: '%s'", msg);

	/* a clustered short option that fails mid-way leaves nothing behind for the next parse */
	USAGE(ARGS("-Zo", "x"), "unknown option '-Z'");
	CHECK_INT(parse(ARGS("y")), -1);
	CHECK(o.output == NULL, "no -o left over: '%s'", o.output ? o.output : "");
	CHECK_INT(o.nfiles, 1);

	opts_free(&o);
	return unit_done("test_opts");
}
