/*
 * rules.h - rule files: parsing, validation and PCRE2 compilation.
 *
 * A rule file is line-oriented (full grammar in rules/README.md):
 *
 *     # comment
 *     BEHAVIOUR  NAME  FLAGS  PATTERN
 *
 * BEHAVIOUR is one of the four behaviour names, NAME is unique across the
 * rule set, FLAGS is `-` or a comma-separated list (`case`, `veto`,
 * `sentence`, `ascii`), and PATTERN (the rest of the line) is a PCRE2
 * pattern.  Every pattern is compiled once, caseless, UTF-8 and with
 * Unicode word boundaries (PCRE2_UCP) unless flagged otherwise, and JIT
 * compiled where the platform allows.
 *
 *     define  NAME  PATTERN
 *
 * names a pattern fragment for the rest of the same file: `(?&NAME)` in a
 * later rule or define is replaced by `(?:PATTERN)` before compilation.
 */
#ifndef RULES_H
#define RULES_H

#include <stddef.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "literals.h"
#include "util.h"

enum rule_flag {
	RULE_CASE = 1 << 0, /* case-sensitive (the default is caseless) */
	RULE_VETO = 1 << 1, /* exclusion: cancels matches of its behaviour that it overlaps */
	RULE_SENTENCE = 1 << 2, /* the match stands for its whole sentence (one instance per sentence) */
	RULE_ASCII = 1 << 3, /* \b, \w, \d ASCII-only (no PCRE2_UCP) */
	RULE_NEXT = 1 << 4 /* `sentence+1`: with RULE_SENTENCE, the span also covers the next sentence */
};

struct rule {
	char *name;            /* owned */
	char *pattern;         /* owned, as written (defines not expanded) */
	char *file;            /* owned; where it was defined */
	unsigned line;
	int behaviour;         /* enum cot_behaviour */
	unsigned flags;        /* enum rule_flag */
	pcre2_code *code;      /* owned */
	char *expanded;        /* owned: the pattern as compiled (defines expanded) */
	struct lit_set *lits;  /* owned: its required literals (literals.h), or NULL: the reference path */
	const char *why;       /* when lits is NULL: why (a static string) */
};

struct lit_db;

struct ruleset {
	struct rule *v;        /* owned */
	size_t n, cap;
	unsigned long long hash; /* rules_hash_file() over every file loaded, in order */
	char *origin;          /* owned: "built-in" or the --rules argument */
	struct lit_db *db;     /* owned: every rule's literals in one matcher (match.h); built by rules_finish */
};

/*
 * Parses and compiles the len bytes at text as a rule file named fname,
 * appending its rules to rs.  On error appends "FILE:LINE: message" lines to
 * err and returns -1 (rs keeps whatever rules were valid); returns 0 on success.
 */
int rules_parse(struct ruleset *rs, const char *fname, const char *text, size_t len, struct buf *err);

/*
 * The rule set's hash: 64-bit FNV-1a, from FNV64_INIT, over each rule file
 * in load order (name order): its base name, a NUL byte, then its bytes.
 * So `--rules rules/` hashes as the built-in set does, wherever the copy
 * lies.  rules_hash_file() adds one file to h.
 */
unsigned long long rules_hash_file(unsigned long long h, const char *fname, const char *text, size_t len);

/* The hash of the built-in rule set, without compiling it. */
unsigned long long rules_builtin_hash(void);

/* Loads the rule set embedded at build time from rules/ (*.rules). */
int rules_load_builtin(struct ruleset *rs, struct buf *err);

/*
 * Loads path: a file, or a directory whose *.rules files are loaded in name
 * order.  Returns 0, or -1 with the reason in err.
 */
int rules_load_path(struct ruleset *rs, const char *path, struct buf *err);

/* rules_finish flags */
enum { RULES_REFERENCE = 1 }; /* every rule runs over the whole text: no literal pass */
/*
 * Checks the whole set (non-empty, every veto has a positive rule) and
 * builds the literal pass; 0, or -1 with the reason in err.
 */
int rules_finish(struct ruleset *rs, unsigned flags, struct buf *err);

void rules_free(struct ruleset *rs);

/* The embedded files (generated into build/rules_builtin.c). */
struct rules_builtin_file {
	const char *name;
	const char *text;
};
extern const struct rules_builtin_file rules_builtin[];
extern const size_t rules_builtin_count;

#endif
