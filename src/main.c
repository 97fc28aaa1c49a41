/*
 * main.c - cotscan's command line: options, rules, then the pipeline
 * (reader -> pipeline_line -> the subcommand's sink) over every input, then
 * the sink's results and the summary.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cotscan.h"
#include "diag.h"
#include "opts.h"
#include "outfile.h"
#include "pipeline.h"
#include "reader.h"
#include "rules.h"
#include "sink.h"

/* Each subcommand's sink. */
static const struct {
	int cmd;
	int (*init)(struct sink *s, const struct sink_env *env);
} sinks[] = {
	{ CMD_TAG, sink_tag_init },
	{ CMD_REPORT, sink_report_init },
};

/* The model name of last resort: the file's base name without .jsonl/.json. */
static char *fallback_model(const char *path)
{
	if (strcmp(path, "-") == 0)
		return xstrdup("stdin");
	const char *b = strrchr(path, '/');
	b = b ? b + 1 : path;
	size_t n = strlen(b);
	static const char *const exts[] = { ".jsonl", ".ndjson", ".json" };
	for (size_t i = 0; i < 3; i++) {
		size_t e = strlen(exts[i]);
		if (n > e && strcmp(b + n - e, exts[i]) == 0) {
			n -= e;
			break;
		}
	}
	return xstrndup(b, n);
}

/*
 * Runs one input through the pipeline into the sink.  Returns 0, 1 when
 * --strict stopped at a bad line, or -1 on an open or read error (reported).
 */
static int run_input(const struct cot_opts *o, const struct pipeline_cfg *cfg, struct worker *w,
		     struct diag *d, struct sink *s, const char *path)
{
	int fd = 0;
	if (strcmp(path, "-") != 0) {
		fd = open(path, O_RDONLY);
		if (fd < 0) {
			diag_error("cannot open '%s': %s", path, strerror(errno));
			return -1;
		}
	}
	char *model = fallback_model(path);
	struct reader rd;
	reader_init(&rd, fd, 1);
	const char *line;
	size_t len;
	int rc = 0, got;
	struct trace_result r;
	while ((got = reader_next(&rd, &line, &len)) > 0) {
		d->lines++;
		pipeline_line(cfg, w, path, model, line, len, rd.lineno, &r);
		if (r.skip)
			diag_skip(d, path, rd.lineno, r.skip, r.why);
		else
			d->tagged++;
		if (r.warn)
			diag_warn(d, path, rd.lineno, r.warn);
		s->line(s->ctx, &r);
		if (r.skip && r.skip != COT_SKIP_BLANK && o->strict) {
			diag_error("stopped at %s:%llu (--strict)", path, rd.lineno);
			rc = 1;
			break;
		}
	}
	if (got < 0) {
		diag_error("cannot read '%s': %s", strcmp(path, "-") ? path : "standard input", strerror(rd.err));
		rc = -1;
	}
	reader_free(&rd);
	free(model);
	if (fd != 0)
		close(fd);
	return rc;
}

int main(int argc, char **argv)
{
	struct cot_opts o;
	struct ruleset rs = {0};
	struct buf err = {0};
	struct outfile out = {0};
	struct sink s = {0};
	struct worker w;
	struct diag d = {0};
	int have_worker = 0, ret;

	/* `cotscan ... | head -1` should end quietly, as other filters do */
	signal(SIGPIPE, SIG_DFL);

	ret = opts_parse(&o, argc, argv);
	if (ret >= 0)
		goto out;

	buf_reset(&err);
	if ((o.rules ? rules_load_path(&rs, o.rules, &err) : rules_load_builtin(&rs, &err)) < 0 ||
	    rules_finish(&rs, &err) < 0) {
		fputs(err.p, stderr);
		ret = COT_EXIT_USAGE;
		goto out;
	}
	if (outfile_open(&out, o.output) < 0) {
		ret = COT_EXIT_IO;
		goto out;
	}
	struct sink_env env = { .opts = &o, .out = out.fp, .rules = &rs };
	for (size_t i = 0; i < sizeof sinks / sizeof *sinks; i++)
		if (sinks[i].cmd == o.cmd)
			ret = sinks[i].init(&s, &env);
	if (ret > 0) {
		outfile_close(&out, 0);
		goto out;
	}

	struct pipeline_cfg cfg = { .rules = &rs, .xo = o.xo };
	worker_init(&w, &cfg);
	have_worker = 1;
	d.quiet = o.quiet;

	static char *stdin_only[] = { "-" };
	char **files = o.nfiles ? o.files : stdin_only;
	int nfiles = o.nfiles ? o.nfiles : 1;
	int stopped = 0;
	ret = COT_EXIT_OK;
	for (int i = 0; i < nfiles && !stopped; i++) {
		int rc = run_input(&o, &cfg, &w, &d, &s, files[i]);
		if (rc < 0) {
			ret = COT_EXIT_IO;
			break;
		}
		stopped = rc;
	}
	if (ret == COT_EXIT_OK && !stopped)
		ret = s.finish(s.ctx);
	diag_summary(&d);
	if (ret == COT_EXIT_OK && diag_bad_lines(&d))
		ret = COT_EXIT_SKIPPED;
	if (outfile_close(&out, ret <= COT_EXIT_SKIPPED && !stopped) < 0)
		ret = COT_EXIT_IO;
out:
	if (have_worker)
		worker_free(&w);
	if (s.free)
		s.free(s.ctx);
	rules_free(&rs);
	buf_free(&err);
	return ret;
}
