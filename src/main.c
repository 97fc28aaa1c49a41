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
#include <sys/stat.h>
#include <unistd.h>

#include "agg.h"
#include "cotscan.h"
#include "decompress.h"
#include "diag.h"
#include "extract.h"
#include "judge.h"
#include "filter.h"
#include "merge.h"
#include "opts.h"
#include "outfile.h"
#include "parallel.h"
#include "pipeline.h"
#include "progress.h"
#include "reader.h"
#include "rules.h"
#include "report.h"
#include "sink.h"

/* Makes the sink of the command that runs, from its config; 0 or an enum cot_exit code. */
static int sink_open(struct sink *s, const struct cot_opts *o, const struct sink_env *env)
{
	switch (o->cmd) {
	case CMD_TAG: return sink_tag_init(s, &o->tag, env);
	case CMD_REPORT: return sink_report_init(s, &o->report, env);
	case CMD_COMPARE: return sink_compare_init(s, &o->compare, env);
	case CMD_EVAL: return sink_eval_init(s, &o->eval, env);
	case CMD_SHOW: return sink_show_init(s, &o->show, env);
	case CMD_CHECK: return sink_check_init(s, &o->check, env);
	case CMD_SAMPLE: return sink_sample_init(s, &o->sample, env);
	case CMD_JUDGE_REQUESTS: return sink_judge_requests_init(s, &o->judge_requests, env);
	case CMD_RULES: return sink_rules_init(s, &o->rulelist, env);
	}
	return COT_EXIT_USAGE; /* LCOV_EXCL_LINE: opts_parse knows no other command */
}

/*
 * The defect `duplicate`, decided in input order just before the sink sees
 * the trace: the text's hash (computed per trace in the pipeline) is looked
 * up in the set of the hashes seen so far.
 */
/* COTSCAN_ENGINE=reference runs every rule over the whole text (the engine tests' reference). */
static int reference_engine(void)
{
	const char *eng = getenv("COTSCAN_ENGINE");
	return eng && strcmp(eng, "reference") == 0;
}

static void mark_duplicate(struct dupset *seen, struct trace_result *r)
{
	if (r->skip == COT_SKIP_NONE && r->cot_hash && dupset_add(seen, r->cot_hash))
		r->defects |= 1u << COT_D_DUPLICATE;
}

/* Whether the n bytes at b end with ext; if so, cuts it off *n. */
static int cut_ext(const char *b, size_t *n, const char *ext)
{
	size_t e = strlen(ext);
	if (*n > e && memcmp(b + *n - e, ext, e) == 0) {
		*n -= e;
		return 1;
	}
	return 0;
}

/*
 * The model name of last resort: the file's base name without a compression
 * suffix (.gz, .zst, .xz, .bz2), then without .jsonl/.ndjson/.json.
 */
static char *fallback_model(const char *path)
{
	if (strcmp(path, "-") == 0)
		return xstrdup("stdin");
	const char *b = strrchr(path, '/');
	b = b ? b + 1 : path;
	size_t n = strlen(b);
	static const char *const zexts[] = { ".gz", ".zst", ".zstd", ".xz", ".bz2" };
	for (size_t i = 0; i < sizeof zexts / sizeof *zexts; i++)
		if (cut_ext(b, &n, zexts[i]))
			break;
	static const char *const exts[] = { ".jsonl", ".ndjson", ".json" };
	for (size_t i = 0; i < 3; i++)
		if (cut_ext(b, &n, exts[i]))
			break;
	return xstrndup(b, n);
}

/*
 * The field paths given on the command line, checked against the records of
 * each input: one that is missing in every record of an input gets one
 * warning when the input ends, with a "did you mean" from the keys of its
 * first records.
 */
#define FIELD_MAX 16
#define FIELD_KEYS 64
struct fieldcheck {
	int n;
	const char *opt[FIELD_MAX];
	char *path[FIELD_MAX];    /* owned */
	unsigned long long found[FIELD_MAX];
	unsigned long long records;
	const char *file;         /* the input being counted */
	char *keys[FIELD_KEYS];   /* owned: top-level keys of its first records */
	int nkeys, sampled;
	unsigned long long warned;
	struct buf msgs;          /* the warnings, printed at the end of the run */
};

static void fieldcheck_add(struct fieldcheck *fc, const char *opt, const char *path, size_t n)
{
	if (!path || fc->n == FIELD_MAX || (n == strlen(TRACE_MODEL_FIELD) && memcmp(path, TRACE_MODEL_FIELD, n) == 0))
		return;
	fc->opt[fc->n] = opt;
	fc->path[fc->n++] = xstrndup(path, n);
}

static void fieldcheck_init(struct fieldcheck *fc, const struct cot_opts *o)
{
	memset(fc, 0, sizeof *fc);
	fieldcheck_add(fc, "--cot-field", o->xo.cot_path, o->xo.cot_path ? strlen(o->xo.cot_path) : 0);
	fieldcheck_add(fc, "--model-field", o->xo.model_path, o->xo.model_path ? strlen(o->xo.model_path) : 0);
	fieldcheck_add(fc, "--id-field", o->xo.id_path, o->xo.id_path ? strlen(o->xo.id_path) : 0);
	fieldcheck_add(fc, "--answer-field", o->dx.answer_path, o->dx.answer_path ? strlen(o->dx.answer_path) : 0);
	if (o->cmd == CMD_COMPARE) {
		const char *pb = o->compare.pair_by, *cb = o->compare.cluster_by;
		fieldcheck_add(fc, "--pair-by", pb, pb ? strlen(pb) : 0);
		fieldcheck_add(fc, "--cluster-by", cb, cb ? strlen(cb) : 0);
	}
	const char *g = o->cmd == CMD_REPORT ? o->report.group_by : o->cmd == CMD_COMPARE ? o->compare.group_by : NULL;
	while (g) {
		const char *e = strchr(g, ',');
		fieldcheck_add(fc, "--group-by", g, e ? (size_t)(e - g) : strlen(g));
		g = e ? e + 1 : NULL;
	}
}

/* The first step of a path, as a key name (for the suggestion). */
static void first_step(const char *path, char *out, size_t cap)
{
	const char *p = path;
	size_t n;
	if (*p == '/' || *p == '.')
		p++;
	n = strcspn(p, *path == '/' ? "/" : ".[");
	snprintf(out, cap, "%.*s", (int)n, p);
}

/* Warns about the paths missing in every record of the input just counted, then starts over. */
static void fieldcheck_flush(struct fieldcheck *fc)
{
	for (int i = 0; i < fc->n && fc->records; i++) {
		if (fc->found[i])
			continue;
		char step[128];
		first_step(fc->path[i], step, sizeof step);
		const char *near = NULL;
		size_t best = 3;
		for (int k = 0; k < fc->nkeys; k++) {
			size_t dist = util_edit_distance(step, fc->keys[k]);
			if (dist > 0 && dist <= best && 2 * dist < strlen(step) + 1) {
				best = dist;
				near = fc->keys[k];
			}
		}
		buf_printf(&fc->msgs, "cotscan: warning: %s '%s' is missing in all %llu records of '%s'", fc->opt[i],
			   fc->path[i], fc->records, strcmp(fc->file, "-") ? fc->file : "standard input");
		if (near)
			buf_printf(&fc->msgs, "; did you mean '%s'?", near);
		buf_addc(&fc->msgs, '\n');
		fc->warned++;
	}
	for (int k = 0; k < fc->nkeys; k++)
		free(fc->keys[k]);
	fc->nkeys = fc->sampled = 0;
	fc->records = 0;
	memset(fc->found, 0, sizeof fc->found);
}

/* Counts one parsed record of file. */
static void fieldcheck_record(struct fieldcheck *fc, const char *file, const cJSON *rec)
{
	if (!fc->n)
		return;
	if (fc->file && strcmp(fc->file, file) != 0)
		fieldcheck_flush(fc);
	fc->file = file;
	if (!cJSON_IsObject(rec))
		return;
	fc->records++;
	for (int i = 0; i < fc->n; i++)
		if (!fc->found[i] && extract_path(rec, fc->path[i]))
			fc->found[i]++;
	if (fc->sampled < 5) {
		fc->sampled++;
		const cJSON *c;
		cJSON_ArrayForEach(c, rec) {
			int seen = 0;
			for (int k = 0; k < fc->nkeys && !seen; k++)
				seen = strcmp(fc->keys[k], c->string) == 0;
			if (!seen && fc->nkeys < FIELD_KEYS)
				fc->keys[fc->nkeys++] = xstrdup(c->string);
		}
	}
}

/* The end of the run: the last input's warnings, then all of them. */
static void fieldcheck_end(struct fieldcheck *fc)
{
	fieldcheck_flush(fc);
	if (fc->msgs.len)
		fputs(fc->msgs.p, stderr);
}

static void fieldcheck_free(struct fieldcheck *fc)
{
	buf_free(&fc->msgs);
	for (int i = 0; i < fc->n; i++)
		free(fc->path[i]);
	for (int k = 0; k < fc->nkeys; k++)
		free(fc->keys[k]);
	fc->n = fc->nkeys = 0;
}

/* What the ordered consumer needs; one per run. */
struct run {
	const struct cot_opts *o;
	struct diag *d;
	struct sink *s;
	struct par *par;          /* -j N > 1: the worker threads, else NULL */
	struct dupset *seen;      /* the text hashes seen so far (defect duplicate) */
	struct progress prog;
	unsigned long long bytes; /* bytes of the inputs finished so far */
	unsigned long long first_line; /* number of the next input's first line (--first-line) */
	int array;                /* the input being read is a JSON array */
	struct fieldcheck *fc;    /* the field paths given, checked per input */
	struct buf ftmp;          /* scratch of the filter */
};

/*
 * Whether a line starts (after blanks and a BOM) with '{' or '[' and ends
 * with brackets open, as line 1 of pretty-printed JSON does.
 */
static int pretty_start(const char *s, size_t n)
{
	size_t i = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i < n && (s[i] == '{' || s[i] == '[') && extract_json_unclosed(s + i, n - i);
}

/* The total size of the inputs for the progress line, or 0 when one is not a regular file. */
static unsigned long long inputs_size(char **files, int nfiles)
{
	unsigned long long total = 0;
	for (int i = 0; i < nfiles; i++) {
		struct stat st;
		int rc = strcmp(files[i], "-") ? stat(files[i], &st) : fstat(0, &st);
		if (rc < 0 || !S_ISREG(st.st_mode))
			return 0;
		total += (unsigned long long)st.st_size;
	}
	return total;
}

/*
 * The ordered consumer: every input line's result, in input order and on the
 * main thread (whatever -j is), goes through here to the sink.  Returns 1 to
 * stop the run (--strict and a bad line), else 0.
 */
static int consume_line(void *ctx, struct trace_result *r)
{
	struct run *run = ctx;
	struct diag *d = run->d;
	d->lines++;
	if (r->skip) {
		progress_clear(&run->prog);
		if (r->skip == COT_SKIP_BAD_JSON && r->line == 1 && !run->array && pretty_start(r->raw, r->rawlen)) {
			/* one record over many lines: say what to do once, on line 1 */
			struct buf why = {0};
			buf_printf(&why, "%s; looks like pretty-printed JSON: try jq -c . FILE (jq -c '.[]' FILE for an object of records)", r->why ? r->why : "");
			diag_skip(d, r->file, r->line, r->skip, why.p);
			buf_free(&why);
		} else
			diag_skip(d, r->file, r->line, r->skip, r->why);
	} else
		d->tagged++;
	if (r->record)
		fieldcheck_record(run->fc, r->file, r->record);
	mark_duplicate(run->seen, r);
	if (r->warn) {
		progress_clear(&run->prog);
		diag_warn(d, r->file, r->line, r->warn);
	}
	if (r->skip == COT_SKIP_NONE && !filter_keep(&run->o->filter, r, &run->ftmp))
		d->filtered++; /* --where, --drop-defects: not in the table, and not a bad line */
	else
		run->s->line(run->s->ctx, r);
	if (r->skip && r->skip != COT_SKIP_BLANK && run->o->strict) {
		progress_clear(&run->prog);
		diag_error("stopped at %s:%llu (--strict)", r->file, r->line);
		return 1;
	}
	return 0;
}

/*
 * Runs one input through the pipeline into the sink, numbering its lines
 * from run->first_line; standard input is called o->label when given (in
 * messages, the file column and the fallback model).  Returns 0, 1 when
 * --strict stopped at a bad line, -1 on an open or read error (reported
 * after every line before it has been consumed), or -2 when --first-line
 * was given for a compressed input.
 */
static int run_input(struct run *run, const struct pipeline_cfg *cfg, struct worker *w, const char *path)
{
	int fd = 0;
	if (strcmp(path, "-") != 0) {
		fd = open(path, O_RDONLY);
		if (fd < 0) {
			if (run->par && par_drain(run->par))
				return 1;
			progress_clear(&run->prog);
			diag_error("cannot open '%s': %s", path, strerror(errno));
			return -1;
		}
	}
	if (fd == 0 && run->o->label) /* --label NAME: what standard input is called */
		path = run->o->label;
	char *model = fallback_model(path);
	struct reader rd;
	reader_init(&rd, fd, run->first_line);
	const char *line;
	size_t len;
	int rc = 0, got = reader_sniff(&rd);
	struct trace_result r;
	if (got == 0 && (rd.kind != DECOMP_NONE || rd.array) && run->o->first_line_set) {
		/* --first-line N is for a byte range of a file: none can be cut in a compressed stream */
		if (run->par && par_drain(run->par))
			rc = 1;
		else {
			progress_clear(&run->prog);
			if (rd.kind != DECOMP_NONE)
				diag_error("--first-line cannot be used with compressed input ('%s' is %s): "
					   "a byte range cannot be cut inside a compressed stream", path,
					   decomp_name(rd.kind));
			else
				diag_error("--first-line cannot be used with a JSON array ('%s'): "
					   "a byte range cannot be cut inside an array", path);
			rc = -2;
		}
		got = 0;
	}
	run->array = rd.array;
	while (rc == 0 && got >= 0 && (got = reader_next(&rd, &line, &len)) > 0) {
		if (run->par)
			rc = par_line(run->par, path, model, line, len, rd.lineno);
		else {
			pipeline_line(cfg, w, path, model, line, len, rd.lineno, &r);
			rc = consume_line(run, &r);
		}
		if (rc)
			break;
		progress_update(&run->prog, run->bytes + reader_in_bytes(&rd), run->d->tagged);
	}
	run->bytes += reader_in_bytes(&rd);
	if (got < 0 && !rc) {
		if (run->par && par_drain(run->par))
			rc = 1;
		else {
			progress_clear(&run->prog);
			if (rd.msg)
				diag_error("cannot read '%s': %s (after record %llu)",
					   strcmp(path, "-") ? path : "standard input", rd.msg, rd.lineno);
			else if (rd.dz)
				diag_error("cannot read '%s': %s stream corrupt or cut short after line %llu: %s",
					   strcmp(path, "-") ? path : "standard input", decomp_name(rd.kind),
					   rd.lineno, reader_error(&rd));
			else
				diag_error("cannot read '%s': %s", strcmp(path, "-") ? path : "standard input",
					   reader_error(&rd));
			rc = -1;
		}
	}
	reader_free(&rd);
	free(model);
	if (fd != 0)
		close(fd);
	return rc;
}

/*
 * `cotscan judge read`: reads the judge's answers (not traces, so no rules
 * and no pipeline) and writes the label lines.  Returns the exit code.
 */
static int run_judge_read(const struct cot_opts *o)
{
	struct outfile out = {0};
	if (outfile_open(&out, o->output) < 0)
		return COT_EXIT_IO;
	int ret = judge_read_run(&o->judge_read, o->files, o->nfiles, out.fp);
	if (outfile_close(&out, ret <= COT_EXIT_SKIPPED) < 0)
		ret = COT_EXIT_IO;
	return ret;
}

/*
 * `cotscan merge`: reads partials (not JSONL, so no rules and no pipeline)
 * and writes the table one report over all their inputs would have written.
 * Returns the exit code.
 */
static int run_merge(const struct cot_opts *o)
{
	static char *stdin_only[] = { "-" };
	char **files = o->nfiles ? o->files : stdin_only;
	int nfiles = o->nfiles ? o->nfiles : 1, ret = COT_EXIT_OK;
	struct merger m;
	struct outfile out = {0};
	struct diag d = {0};
	char *block = xmalloc(1 << 16);
	merge_init(&m);
	for (int i = 0; i < nfiles && ret == COT_EXIT_OK; i++) {
		const char *name = strcmp(files[i], "-") ? files[i] : "standard input";
		int fd = 0;
		if (strcmp(files[i], "-") != 0 && (fd = open(files[i], O_RDONLY)) < 0) {
			diag_error("cannot open '%s': %s", files[i], strerror(errno));
			ret = COT_EXIT_IO;
			break;
		}
		merge_begin_input(&m, name);
		ssize_t got;
		while ((got = read(fd, block, 1 << 16)) > 0 || (got < 0 && errno == EINTR))
			if (got > 0 && merge_feed(&m, block, (size_t)got) < 0)
				break;
		if (got < 0) {
			diag_error("cannot read '%s': %s", name, strerror(errno));
			ret = COT_EXIT_IO;
		} else if (m.failed || merge_end_input(&m) < 0) {
			diag_error("%s", m.err.p);
			ret = COT_EXIT_USAGE;
		}
		if (fd != 0)
			close(fd);
	}
	if (ret == COT_EXIT_OK && !m.have_agg) {
		/* no partial at all: the empty table, grouped by model */
		agg_init(&m.agg, NULL);
		m.have_agg = 1;
	}
	if (ret == COT_EXIT_OK && outfile_open(&out, o->output) < 0)
		ret = COT_EXIT_IO;
	if (ret == COT_EXIT_OK) {
		ret = report_write(&m.agg, &o->report, out.fp, merge_rules_hash(&m));
		/* the summary of the runs that made the partials */
		size_t n;
		struct agg_group **v = agg_sorted(&m.agg, &n);
		for (size_t i = 0; i < n; i++)
			d.tagged += v[i]->s.traces;
		free(v);
		d.tagged += m.agg.filtered; /* tagged, then left out of the table */
		d.lines = d.tagged;
		for (int r = COT_SKIP_NONE + 1; r < COT_NSKIP; r++) {
			d.skipped[r] = m.agg.skipped[r];
			d.lines += d.skipped[r];
		}
		d.filtered = m.agg.filtered;
		d.filtering = m.agg.filtering;
		d.quiet = o->quiet;
		diag_summary(&d);
		if (ret == COT_EXIT_OK && diag_bad_lines(&d))
			ret = COT_EXIT_SKIPPED;
		if (outfile_close(&out, ret <= COT_EXIT_SKIPPED) < 0)
			ret = COT_EXIT_IO;
	}
	merge_free(&m);
	free(block);
	return ret;
}

int main(int argc, char **argv)
{
	struct cot_opts o;
	struct ruleset rs = {0};
	struct defect_patterns dpat = {0};
	struct buf err = {0};
	struct outfile out = {0};
	struct sink s = {0};
	struct worker w;
	struct diag d = {0};
	struct dupset seen = {0};
	struct fieldcheck fc = {0};
	struct run run = { .o = &o, .d = &d, .s = &s, .seen = &seen, .fc = &fc };
	int have_worker = 0, ret;

	/* `cotscan ... | head -1` should end quietly, as other filters do */
	signal(SIGPIPE, SIG_DFL);

	ret = opts_parse(&o, argc, argv);
	if (ret >= 0)
		goto out;
	if (o.cmd == CMD_MERGE) {
		ret = run_merge(&o);
		goto out;
	}
	if (o.cmd == CMD_JUDGE_READ) {
		ret = run_judge_read(&o);
		goto out;
	}
	run.first_line = o.first_line;

	buf_reset(&err);
	if ((o.rules ? rules_load_path(&rs, o.rules, &err) : rules_load_builtin(&rs, &err)) < 0 ||
	    rules_finish(&rs, reference_engine() ? RULES_REFERENCE : 0, &err) < 0) {
		fputs(err.p, stderr);
		ret = COT_EXIT_USAGE;
		goto out;
	}
	if ((ret = opts_check_rules(&o, &rs)) != 0)
		goto out;
	if (defect_patterns_init(&dpat, &err) < 0) {
		fputs(err.p, stderr);
		ret = COT_EXIT_USAGE;
		goto out;
	}
	if (outfile_open(&out, o.output) < 0) {
		ret = COT_EXIT_IO;
		goto out;
	}
	struct sink_env env = { .out = out.fp, .rules = &rs, .diag = &d };
	ret = sink_open(&s, &o, &env);
	if (ret > 0) {
		outfile_close(&out, 0);
		goto out;
	}

	if (o.cmd == CMD_RULES && !o.rulelist.stats) {
		/* the listing alone reads no input */
		ret = s.finish(s.ctx);
		if (outfile_close(&out, ret == COT_EXIT_OK) < 0)
			ret = COT_EXIT_IO;
		goto out;
	}
	fieldcheck_init(&fc, &o);
	/* sample and judge requests need only the records and their texts, so no rule runs */
	struct pipeline_cfg cfg = { .rules = &rs, .xo = o.xo, .dx = o.dx, .dpat = &dpat,
				    .extract_only = o.cmd == CMD_SAMPLE || o.cmd == CMD_JUDGE_REQUESTS };
	pipeline_worker_init(&w, &cfg);
	have_worker = 1;
	if (o.cmd == CMD_RULES) {
		o.rulelist.stat = xmalloc((rs.n ? rs.n : 1) * sizeof *o.rulelist.stat);
		memset(o.rulelist.stat, 0, (rs.n ? rs.n : 1) * sizeof *o.rulelist.stat);
		w.m.stat = o.rulelist.stat;
	}
	d.quiet = o.quiet;
	d.rules = o.rules;
	d.rules_hash = rs.hash;
	d.filtering = filter_active(&o.filter);
	int jobs = o.jobs ? o.jobs : par_online_cpus();
	/* consume_line reads the records for the sink, --where and the field checks only */
	int records = !s.no_record || o.filter.nwhere > 0 || fc.n > 0;
	if (jobs > 1)
		run.par = par_new(&cfg, jobs, records, consume_line, &run);

	static char *stdin_only[] = { "-" };
	char **files = o.nfiles ? o.files : stdin_only;
	int nfiles = o.nfiles ? o.nfiles : 1;
	int stopped = 0;
	progress_init(&run.prog, !o.quiet && isatty(2), stderr, inputs_size(files, nfiles));
	ret = COT_EXIT_OK;
	int unreadable = 0; /* inputs that could not be opened or read */
	for (int i = 0; i < nfiles && !stopped; i++) {
		int rc = run_input(&run, &cfg, &w, files[i]);
		run.first_line = 1; /* --first-line numbers the first input only */
		if (rc == -2) {
			ret = COT_EXIT_USAGE;
			break;
		}
		if (rc < 0) {
			/* reported; the other inputs are still read (as cat and grep do), unless --strict */
			unreadable++;
			if (o.strict) {
				diag_error("stopped at '%s' (--strict)", files[i]);
				break;
			}
			continue;
		}
		stopped = rc;
	}
	if (unreadable && ret == COT_EXIT_OK)
		ret = COT_EXIT_IO;
	if (run.par && !stopped && ret != COT_EXIT_USAGE)
		stopped = par_drain(run.par);
	par_free(run.par);
	run.par = NULL;
	progress_clear(&run.prog);
	fieldcheck_end(&fc);
	/* the results of what was read; none when nothing could be */
	if (ret != COT_EXIT_USAGE && !stopped && !(unreadable && o.strict) && unreadable < nfiles) {
		int fr = s.finish(s.ctx);
		if (fr && ret == COT_EXIT_OK)
			ret = fr;
	}
	diag_summary(&d);
	/* lines read, none tagged: a failure, whatever the sink made of it */
	if (ret <= COT_EXIT_SKIPPED && diag_no_traces(&d))
		ret = COT_EXIT_IO;
	/* for check, skipped lines count through its `skipped` check instead */
	if (ret == COT_EXIT_OK && diag_bad_lines(&d) && o.cmd != CMD_CHECK)
		ret = COT_EXIT_SKIPPED;
	/* --strict: a field path missing in every record of an input fails the run */
	if (fc.warned && o.strict && ret == COT_EXIT_OK)
		ret = COT_EXIT_SKIPPED;
	/* -o FILE is replaced only by a run that tagged something and succeeded */
	int commit = ret <= COT_EXIT_SKIPPED && !stopped && d.tagged > 0;
	if (ret <= COT_EXIT_SKIPPED && !stopped && d.tagged == 0 && out.tmp)
		diag_error("no traces: '%s' left as it was", o.output);
	if (outfile_close(&out, commit) < 0)
		ret = COT_EXIT_IO;
out:
	if (have_worker)
		pipeline_worker_free(&w);
	if (s.free)
		s.free(s.ctx);
	rules_free(&rs);
	defect_patterns_free(&dpat);
	free(o.rulelist.stat);
	buf_free(&err);
	dupset_free(&seen);
	fieldcheck_free(&fc);
	buf_free(&run.ftmp);
	opts_free(&o);
	return ret;
}
