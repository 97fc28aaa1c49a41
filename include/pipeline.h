/*
 * pipeline.h - the per-trace pipeline shared by every subcommand:
 * one input line -> checks -> extraction -> rule matching -> defects ->
 * one trace_result.  It knows no sink and does no I/O.
 */
#ifndef PIPELINE_H
#define PIPELINE_H

#include <stddef.h>

#include "cotscan.h"
#include "defects.h"
#include "extract.h"
#include "match.h"
#include "rules.h"

struct pipeline_cfg {
	const struct ruleset *rules;
	struct extract_opts xo;
	struct defect_opts dx;
	const struct defect_patterns *dpat; /* the owner's, from defect_patterns_init; read-only, shared by threads */
	int extract_only;         /* stop after extraction: no counts, defects or text hash (sample, judge requests) */
};

/*
 * Per-line state, reused across lines: the extracted text, the matcher, the
 * defect scratch and the result's storage.  One thread uses a worker at a
 * time (-j N gives each thread its own, parallel.c).
 */
struct worker {
	struct extracted x;
	struct matcher m;
	struct buf why;
	struct defect_scratch ds;
	struct buf warn;
};

/* The outcome for one line; pointers are valid until the worker's next line. */
struct trace_result {
	int skip;                   /* enum cot_skip; COT_SKIP_NONE: a tagged trace */
	const char *why;            /* reason text when skipped */
	const char *file;           /* input name as given ("-" for stdin) */
	unsigned long long line;
	const char *raw;            /* the input line */
	size_t rawlen;
	const char *id, *model;
	const char *text;           /* analysed text (evidence offsets point into it) */
	size_t cot_bytes;
	unsigned long long words;   /* of the analysed text: runs of non-whitespace bytes (per-1,000-word rates) */
	unsigned counts[COT_NBEHAV];
	unsigned defects;           /* bit set of enum cot_defect */
	const struct match *ev;     /* counted instances, by start offset */
	size_t nev;
	const cJSON *record;        /* parsed record (NULL when skipped before parsing) */
	unsigned long long cot_hash; /* of the whitespace-normalised text; 0 when blank (duplicate) */
	const char *warn;           /* a tagged trace's warning (a rule hit a limit), or NULL */
};

/* The field path that names the extracted model (r->model), not a record field. */
#define TRACE_MODEL_FIELD "model"

/*
 * The text of field path of a tagged trace, into out: TRACE_MODEL_FIELD is
 * the model as cotscan found it, any other path a field of the record, a
 * string as it is and any other value as its JSON text.  Returns 0 (out
 * empty) when the field is missing.
 */
int pipeline_field_text(const struct trace_result *r, const char *path, struct buf *out);

void pipeline_worker_init(struct worker *w, const struct pipeline_cfg *cfg);
void pipeline_worker_free(struct worker *w);

/*
 * Frees what the last line's result holds that is large (the parsed record,
 * defect tables grown by a long text), once it has been consumed; the worker
 * stays usable.  libcotscan keeps workers between calls, so this keeps
 * memory flat.
 */
void pipeline_worker_release(struct worker *w);
/*
 * Hands over the last line's parsed record (NULL when none), which the next
 * line then leaves alone, for pipeline_record_free on the thread that parsed it
 * (malloc's per-thread arenas: a free on another thread contends for them).
 */
struct cJSON *pipeline_worker_detach(struct worker *w);
void pipeline_record_free(struct cJSON *record);

void pipeline_line(const struct pipeline_cfg *cfg, struct worker *w, const char *file,
		   const char *fallback_model, const char *line, size_t len,
		   unsigned long long lineno, struct trace_result *r);

/*
 * Analyses a plain text as pipeline_line analyses a record's chain of
 * thought: its reasoning sections (all of it with cfg->xo.whole; see
 * extract_text), then matching and defects.  A NUL byte or invalid UTF-8
 * skips it as they skip a line.  r->record is NULL, r->id and r->model
 * empty; text must stay valid while r is used.
 */
void pipeline_text(const struct pipeline_cfg *cfg, struct worker *w, const char *text, size_t len,
		   struct trace_result *r);
#endif
