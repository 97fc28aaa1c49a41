/*
 * libcotscan.h - the cotscan tagger as a C library.
 *
 * The per-trace core of the cotscan command: rule files, field detection,
 * matching and defects, without any I/O of its own.  The command-line tool
 * is one client of it; the Python module (python/) is another.
 *
 *     char err[1024];
 *     cotscan_tagger *t = cotscan_open(NULL, err, sizeof err);    // built-in rules
 *     cotscan_scratch *s = cotscan_scratch_new(t);
 *     struct cotscan_result r;
 *     if (cotscan_tag_text(t, s, text, len, 0, &r) == 0 && !r.skip)
 *             printf("%u backtracking\n", r.counts[COTSCAN_BACKTRACKING]);
 *     cotscan_scratch_free(s);
 *     cotscan_close(t);
 *
 * Build with `pkg-config --cflags --libs cotscan`.
 *
 * Ownership: a result points into the scratch that made it (and into the
 * text given), and stays valid until that scratch's next call or its free;
 * rule names point into the tagger.  Nothing here is to be freed by the
 * caller except what cotscan_open, cotscan_scratch_new and
 * cotscan_tag_many hand out, each with its own free function.
 *
 * Thread safety: a tagger may be shared by any number of threads; once
 * open it is read-only but for a mutex-guarded pool of scratches that
 * cotscan_tag_many reuses from call to call.  A scratch belongs to one
 * thread at a time.  The library keeps no global state of its own.
 * cJSON (1.7.15, as Debian ships it) writes a global error pointer on
 * every parse; cotscan never reads it (errors come from return values),
 * so concurrent parses are safe for cotscan, but a host that reads
 * cJSON_GetErrorPtr() while cotscan runs on other threads may see
 * cotscan's value.
 *
 * Out of memory: the library prints one line to stderr and calls abort().
 */
#ifndef LIBCOTSCAN_H
#define LIBCOTSCAN_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define COTSCAN_API __attribute__((visibility("default")))
#else
#define COTSCAN_API
#endif

/* The behaviours, in the order of the counts array and of the CSV columns. */
enum {
	COTSCAN_BACKTRACKING = 0,
	COTSCAN_VERIFICATION,
	COTSCAN_SUBGOAL_SETTING,
	COTSCAN_BACKWARD_CHAINING,
	COTSCAN_NBEHAVIOURS
};

/* Per-call flags. */
enum {
	COTSCAN_WHOLE = 1 /* analyse the whole text, not only its reasoning sections (<think> ...) */
};

/* What to open a tagger with.  Zeroed fields take the CLI's defaults. */
struct cotscan_options {
	const char *rules;        /* a rule file or a directory of *.rules; NULL: the built-in rules */
	const char *cot_field;    /* --cot-field: the record's chain-of-thought field path; NULL: auto-detect */
	const char *model_field;  /* --model-field; NULL: model, model_name or generator */
	const char *id_field;     /* --id-field; NULL: id */
	const char *answer_field; /* --answer-field (defect no_answer); NULL: auto-detect */
	size_t min_bytes;         /* --min-bytes (defect too_short); 0: off */
	size_t max_bytes;         /* --max-bytes (defect too_long); 0: off */
	int reference;            /* every rule over the whole text (the engine's reference path) */
};

/* One counted instance: the evidence for one count. */
struct cotscan_match {
	int behaviour;            /* COTSCAN_BACKTRACKING ... */
	const char *rule;         /* the rule's name, as in its rule file */
	size_t start, end;        /* byte offsets into the result's text (as `cotscan tag --evidence`) */
	size_t src_start, src_end; /* cotscan_tag_text: byte offsets into the text given
	                              (the section cut undone); cotscan_tag_record: equal to start, end */
};

struct cotscan_result {
	int skip;                 /* 0: tagged; else why not (cotscan_skip_name): bad JSON, no field, bad UTF-8 ... */
	const char *why;          /* with skip: the reason, as the CLI prints it */
	const char *text;         /* the analysed text (not NUL-terminated) */
	size_t text_len;
	unsigned counts[COTSCAN_NBEHAVIOURS];
	unsigned defects;         /* bit set: bit d is cotscan_defect_name(d) */
	const struct cotscan_match *evidence; /* the counted instances, by start offset */
	size_t nevidence;
	unsigned long long words; /* runs of non-blank bytes in the analysed text */
	const char *model, *id;   /* cotscan_tag_record: as the CLI finds them ("" for a text) */
	const char *warning;      /* a rule stopped at a limit (defect rule_limit), or NULL */
	unsigned long long text_hash; /* of the whitespace-normalised text; 0 when empty (for duplicates) */
	void *owned_;             /* private: the storage of a cotscan_tag_many result */
};

typedef struct cotscan_tagger cotscan_tagger;
typedef struct cotscan_scratch cotscan_scratch;

/* "0.1.0" */
COTSCAN_API const char *cotscan_version(void);

/*
 * Opens a tagger with the rules at path (NULL: built-in).  On error returns
 * NULL and writes "FILE:LINE: message" lines (NUL-terminated, cut to errlen)
 * into err when err is not NULL.
 */
COTSCAN_API cotscan_tagger *cotscan_open(const char *path, char *err, size_t errlen);
/* cotscan_open with every option; opts may be NULL. */
COTSCAN_API cotscan_tagger *cotscan_open_opts(const struct cotscan_options *opts, char *err, size_t errlen);
COTSCAN_API void cotscan_close(cotscan_tagger *t);

/* The rule set's hash, as `cotscan --version` prints it (16 hex digits). */
COTSCAN_API unsigned long long cotscan_rules_hash(const cotscan_tagger *t);
/* The number of rules, and the name and behaviour of rule i. */
COTSCAN_API size_t cotscan_nrules(const cotscan_tagger *t);
COTSCAN_API const char *cotscan_rule_name(const cotscan_tagger *t, size_t i);
COTSCAN_API int cotscan_rule_behaviour(const cotscan_tagger *t, size_t i);

/* Per-thread matching state; NULL only when t is NULL. */
COTSCAN_API cotscan_scratch *cotscan_scratch_new(const cotscan_tagger *t);
COTSCAN_API void cotscan_scratch_free(cotscan_scratch *s);

/*
 * Tags a text as the CLI tags a trace's chain of thought: its reasoning
 * sections only (<think>...</think> and the other delimiters of README
 * "Where cotscan looks"), unless flags has COTSCAN_WHOLE.  A text with a
 * NUL byte or invalid UTF-8 is skipped (r->skip), as the CLI skips such a
 * line.  The duplicate defect needs a sequence: see cotscan_tag_many.
 * Returns 0, or -1 when an argument is NULL.
 */
COTSCAN_API int cotscan_tag_text(const cotscan_tagger *t, cotscan_scratch *s, const char *text, size_t len,
				 unsigned flags, struct cotscan_result *r);
/*
 * Tags one JSON record (one JSONL line without its newline) with the CLI's
 * field detection; a line the CLI skips is skipped here with the same
 * reason.  Returns 0, or -1 when an argument is NULL.
 */
COTSCAN_API int cotscan_tag_record(const cotscan_tagger *t, cotscan_scratch *s, const char *json, size_t len,
				   unsigned flags, struct cotscan_result *r);

/*
 * Tags n texts (or, with COTSCAN_RECORDS in flags, n JSON records) on jobs
 * threads (0: one per online CPU) into out[0..n), then marks the duplicate
 * defect in input order as the CLI does over one input.  Every result owns
 * its storage: free them with cotscan_results_free.  Returns 0, or -1 when
 * an argument is NULL or memory or a thread could not be had (out is then
 * zeroed).  text[i] may be NULL when len[i] is 0.
 */
enum { COTSCAN_RECORDS = 2 };
COTSCAN_API int cotscan_tag_many(const cotscan_tagger *t, size_t n, const char *const *text, const size_t *len,
				 unsigned flags, int jobs, struct cotscan_result *out);
COTSCAN_API void cotscan_results_free(struct cotscan_result *out, size_t n);

/* Names, as the CSV columns and the defects column spell them; NULL when out of range. */
COTSCAN_API const char *cotscan_behaviour_name(int b);
COTSCAN_API const char *cotscan_defect_name(int d);  /* 0 <= d < cotscan_ndefects() */
COTSCAN_API int cotscan_ndefects(void);
COTSCAN_API const char *cotscan_skip_name(int s);    /* "bad_json", ...; 0: "none" */

#ifdef __cplusplus
}
#endif
#endif
