/*
 * judge.h - the LLM-judge loop: `cotscan judge requests` writes one request
 * per trace and behaviour for any OpenAI-compatible batch runner, and
 * `cotscan judge read` turns the judge's answers into the labels that
 * `cotscan eval --labels` takes (README "Checking it on your own traces").
 *
 * A request is one OpenAI Batch API line:
 *   {"custom_id": ID, "method": "POST", "url": "/v1/chat/completions",
 *    "body": {"model": M, "messages": [...], "temperature": 0}}
 * ID is "BEHAVIOUR|FILE|LINE|TRACE-ID", FILE and TRACE-ID percent-encoded
 * ('%', '|' and control bytes as %XX), so every answer joins back to one
 * trace of one input line whatever characters its id holds.
 *
 * The prompts file (the built-in prompts/judge.prompts, or --prompts FILE):
 * a line "[NAME]" starts a section, NAME one of the four behaviours or
 * "system" (optional: the system message of every request); lines before the
 * first section are comments.  A section's text is the user message, with
 * {{trace}} (required) replaced by the analysed chain of thought and
 * {{problem}} by the record's "prompt" field.  Every behaviour needs a
 * section.
 *
 * An answer counts when its text holds <count>N</count> (one value; the same
 * value repeated is fine) and its quotes are the <quote>...</quote> in it.
 */
#ifndef JUDGE_H
#define JUDGE_H

#include <stdio.h>

#include <cjson/cJSON.h>

#include "sink.h"
#include "util.h"

#define JUDGE_DEFAULT_MODEL "gpt-4o-mini"

/* The options of `cotscan judge requests`, checked. */
struct judge_requests_cfg {
	const char *model;        /* --judge-model */
	const char *prompts;      /* --prompts FILE, or NULL for the built-in prompts */
	int only;                 /* --behaviour, or -1 for all four */
	int quiet;                /* -q: no summary line */
};

/* The options of `cotscan judge read`. */
struct judge_read_cfg {
	int quiet;                /* -q: no summary line */
	const char *id_path;      /* --id-field: where the label lines hold the id (as eval reads it), or NULL: "id" */
};

/* The built-in prompts file (generated from prompts/judge.prompts). */
extern const char judge_prompts_builtin[];

/* The custom_id of behaviour b of the trace id on line `line` of file, into out. */
void judge_custom_id(struct buf *out, int b, const char *file, unsigned long long line, const char *id);

/*
 * Splits a custom_id made by judge_custom_id: *b, *line, and the decoded
 * file and id into file and id.  Returns 0, or -1 when s is not one.
 */
int judge_parse_custom_id(const char *s, int *b, struct buf *file, unsigned long long *line, struct buf *id);

/*
 * Reads a judge's answer text: *count from its <count>N</count>, and each
 * <quote>...</quote> (trimmed) appended to quotes, a cJSON array.  Returns 0,
 * or -1 with the reason in why.
 */
int judge_parse_answer(const char *text, size_t len, long *count, cJSON *quotes, struct buf *why);

/* The `judge requests` sink; 0, or COT_EXIT_USAGE / COT_EXIT_IO after a bad prompts file (message printed). */
int sink_judge_requests_init(struct sink *s, const struct judge_requests_cfg *cfg, const struct sink_env *env);

/*
 * `judge read`: reads the answer files (none: standard input) and writes one
 * label line per trace on out.  Returns the exit code: 0, COT_EXIT_SKIPPED
 * when an answer was reported (and left out), COT_EXIT_IO when an input
 * cannot be read.
 */
int judge_read_run(const struct judge_read_cfg *cfg, char **files, int nfiles, FILE *out);

#endif
