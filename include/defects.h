/*
 * defects.h - per-trace defect detectors (the `defects` column).
 * Each detector's exact rule is documented in README.md ("Defects") and
 * cotscan.1; the thresholds below are part of that documentation.
 *
 * The detectors that look at one trace run in the per-trace pipeline
 * (thread-safe: compiled patterns in a read-only struct defect_patterns its
 * owner sets up, state in a per-thread struct defect_scratch).  `duplicate`
 * needs the whole input in order: the pipeline computes the hash of the
 * normalised text (defects_text_hash) and the ordered consumer looks it up
 * in a struct dupset.
 */
#ifndef DEFECTS_H
#define DEFECTS_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "util.h"

/* Tokens: a word is a maximal run of ASCII letters, digits and non-ASCII
 * bytes (compared case-insensitively); every other non-space byte is a token
 * of its own. */
#define PAD_MIN_TOKENS 16   /* padded is judged from this many tokens on */
#define PAD_DATA_SHARE 0.5  /* not padded: at least this share are numbers or + - * / = ( ) [ ] ^ % _ */
#define PAD_NUMBER_SHARE 0.25 /* ... and at least this share are numbers or _ */
#define PAD_TOP_SHARE 0.6   /* padded: the commonest token is at least this share */
#define PAD_FEW_TYPES 4     /* padded: at most this many distinct tokens */
#define PAD_RATIO_MIN 128   /* padded by ratio: judged from this many tokens on */
#define PAD_RATIO 0.5       /* padded: distinct tokens < PAD_RATIO * sqrt(tokens) */

/* Repetition is judged on windows of REP_GRAM consecutive tokens, in texts
 * of at least 2 * REP_GRAM tokens. */
#define REP_GRAM 64
#define REP_MIN_COUNT 5     /* repetitive: one window occurs this many times */
#define REP_MIN_SHARE 0.25  /* ... and this share of the windows are a third or later occurrence */

/* non_english: at least NONLATIN_MIN letters of non-Latin scripts (see
 * defects.c) and more than NONLATIN_SHARE of the ASCII letters. */
#define NONLATIN_MIN 20
#define NONLATIN_SHARE 0.2

/* What the detectors are told from the command line. */
struct defect_opts {
	size_t min_bytes, max_bytes; /* --min-bytes, --max-bytes; 0: no bound */
	const char *answer_path;     /* --answer-field, or NULL for "answer" */
};

/* One slot of a struct defect_tab: in use in the current trace when epoch matches. */
struct defect_slot {
	unsigned long long key;
	unsigned epoch, count;
};

/*
 * A counting hash table (hash -> count), open addressing, at most half
 * full (it doubles as keys come).  A new trace starts a new epoch rather
 * than clearing the slots.
 */
struct defect_tab {
	struct defect_slot *slot;
	size_t cap, used;
	unsigned epoch;
};

/*
 * The detectors' compiled patterns (the answer markers): made once by
 * defect_patterns_init where the defect configuration is set up, read-only
 * after that and shared by every thread; freed by defect_patterns_free.
 */
struct defect_patterns {
	void *answer;                /* pcre2_code of the answer markers */
};

/* Returns 0, or -1 with a message in err (a bug: the pattern is fixed). */
int defect_patterns_init(struct defect_patterns *p, struct buf *err);
void defect_patterns_free(struct defect_patterns *p);

/* Per-thread scratch, reused across traces. */
struct defect_scratch {
	struct defect_tab tok, gram; /* token and REP_GRAM-window counts */
	unsigned long long *toks;    /* the hashes of the current text's tokens */
	size_t captoks;
	void *re_md;                 /* pcre2_match_data for the answer markers */
};

void defect_scratch_free(struct defect_scratch *s);

/* Frees tables larger than DEFECT_TAB_KEEP slots (scratch kept between calls). */
#define DEFECT_TAB_KEEP 4096
void defect_scratch_trim(struct defect_scratch *s);

/*
 * Text-only detectors over the analysed text: empty, padded, repetitive,
 * non_english.
 * Returns a bit set.  Sets *ends_in_loop when the text is repetitive and
 * the window ending at its last or last but one token is a repeat: the loop
 * form of truncated, which the caller applies when no answer follows.
 */
unsigned defects_detect(struct defect_scratch *s, const char *text, size_t len, int *ends_in_loop);

/* What the pass of defects_scan finds besides the defects. */
struct defect_text {
	unsigned long long words; /* runs of non-whitespace bytes */
	unsigned long long hash;  /* defects_text_hash(text, len) */
	int ends_in_loop;         /* as defects_detect sets it */
};

/* defects_detect, with the word count and the text hash of the same pass into *out. */
unsigned defects_scan(struct defect_scratch *s, const char *text, size_t len, struct defect_text *out);

/* 1 when the text holds an answer marker (see README "Defects"). */
int defects_answer_marker(const struct defect_patterns *p, struct defect_scratch *s, const char *text,
			  size_t len);

/* 1 when the whole text is an answer with nothing around it: one line of at
 * most ANSWER_ONLY_WORDS words and ANSWER_ONLY_BYTES bytes ("wife"), one JSON
 * value (`[["fill A", "pour A->B"]]`), or a grid (two or more lines of the
 * same number, at least 2, of space-separated cells of at most 3 bytes). */
#define ANSWER_ONLY_WORDS 3
#define ANSWER_ONLY_BYTES 40
int defects_answer_only(const char *text, size_t len);

/* 1 when the record's answer field at path (NULL: "answer") is present and non-empty. */
int defects_answer_field(const cJSON *record, const char *path);

/* 1 when the text ends mid-word or mid-sentence (its last non-space byte is
 * an ASCII letter or one of , ; : ( [ { - + = / \ ^ &; not * or _, which close markdown emphasis). */
int defects_ends_mid_sentence(const char *text, size_t len);

/* The hash of the whitespace-normalised text (never 0), or 0 for a text
 * with no non-space byte. */
unsigned long long defects_text_hash(const char *text, size_t len);

/*
 * The set of text hashes seen so far: 64-bit hashes in an open-addressing
 * table of 8-byte slots kept between 3/8 and 3/4 full (11 to 22 bytes per
 * distinct text).  Two different texts share a hash with probability about
 * n^2 / 2^65 over n texts (3e-8 for a million).
 */
struct dupset {
	unsigned long long *slots;
	size_t cap, n;
};

void dupset_free(struct dupset *d);

/* Adds hash h (non-zero); returns 1 when it was already in the set. */
int dupset_add(struct dupset *d, unsigned long long h);

/* Writes the ;-joined names of the bits in set into out (size n). */
void defects_format(unsigned set, char *out, size_t n);

#endif
