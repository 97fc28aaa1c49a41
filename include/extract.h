/*
 * extract.h - finds the chain of thought, model and id in one JSON record.
 *
 * Field auto-detection order, reasoning delimiters and the handling of chat
 * shapes are documented in README.md ("Where cotscan looks") and cotscan.1.
 */
#ifndef EXTRACT_H
#define EXTRACT_H

#include <cjson/cJSON.h>

#include "cotscan.h"
#include "util.h"

struct extract_opts {
	const char *cot_path;   /* --cot-field, or NULL to auto-detect */
	const char *model_path; /* --model-field, or NULL */
	const char *id_path;    /* --id-field, or NULL */
	const char *model_name; /* --model: fallback model name, or NULL */
	int whole;              /* --whole: do not cut out reasoning sections */
};

/* Result of extraction, reused across records (buffers keep their memory). */
struct extracted {
	int skip;               /* enum cot_skip; COT_SKIP_NONE when a trace was found */
	struct buf why;         /* human-readable reason when skip != NONE */
	cJSON *root;            /* parsed record, owned; freed by the next extract_line */
	const char *text;       /* analysed text: into root or into textbuf */
	size_t len;
	struct buf textbuf;
	struct buf model, id;   /* NUL-terminated */
	unsigned defects;       /* bit set of enum cot_defect found during extraction */
	/* the whole text the analysed text was cut from (reasoning and body), and
	 * what follows the reasoning: the body after the last closed reasoning
	 * section, or a message's content next to explicit reasoning (may be empty) */
	const char *full, *after;
	size_t full_len, after_len;
	struct buf fullbuf, bodybuf;
	struct buf pieces;      /* struct section_piece: where the cut-out sections came from in full */
};

/* A piece of the analysed text: the bytes from offset out came from offset in of the body. */
struct section_piece {
	size_t out, in;
};

/*
 * Parses one JSONL line and fills x.  fallback_model names traces that carry
 * no model field and no --model was given; lineno is the id of last resort.
 * The line must not contain NUL bytes and must be valid UTF-8 (the caller
 * checks: see pipeline.c).
 */
void extract_line(const struct extract_opts *o, const char *line, size_t len,
		  const char *fallback_model, unsigned long long lineno, struct extracted *x);

void extracted_free(struct extracted *x);

/*
 * Looks up a field path under root: dotted ("a.b.0.c"; a negative index
 * counts from the end of an array), a JSON Pointer ("/a/b/0/c", RFC 6901)
 * or jq's spelling (".a.b[0][\"0.0\"].c"), see extract.c.  Returns NULL
 * when any step is missing.
 */
const cJSON *extract_path(const cJSON *root, const char *path);

/* extract_path, and when a step is missing, which one and the keys there (at most 10) into why. */
const cJSON *extract_path_why(const cJSON *root, const char *path, struct buf *why);

/* Whether the n bytes at p form a field path in one of the three spellings. */
int extract_path_valid(const char *p, size_t n);

/*
 * Whether JSON text s[0..n) ends with brackets still open, outside any
 * string: the first line of a record written over several lines.
 */
int extract_json_unclosed(const char *s, size_t n);

/*
 * The text of a string, number or boolean, as the id and model columns
 * show it (an integral number without a fraction), into b; 0 for any other value.
 */
int extract_scalar_text(const cJSON *v, struct buf *b);

/*
 * Cuts the reasoning sections out of text (see the delimiter table in
 * extract.c) into out; returns 1 when a section was found (0: out is the whole
 * text) and sets *truncated when a section was opened but never closed.
 */
int extract_sections(const char *text, size_t len, struct buf *out, int *truncated);
/* extract_sections, appending a struct section_piece to pieces for every piece it copies. */
int extract_sections_pieces(const char *text, size_t len, struct buf *out, struct buf *pieces, int *truncated);
/*
 * Fills x from a plain text rather than a record, as extract_line fills it
 * from a record's chain-of-thought field: the analysed text is the text's
 * reasoning sections (all of it with whole), x->root is NULL, model and id
 * are empty.  s must outlive x's use.
 */
void extract_text(int whole, const char *s, size_t n, struct extracted *x);
/*
 * After extract_text: the offset in s that offset off of the analysed text
 * came from (a joint between two sections maps past the end of the first).
 */
size_t extract_source_offset(const struct extracted *x, size_t off);

#endif
