/* names.c - the stable names of behaviours, skip reasons and defects. */
#include <string.h>

#include "cotscan.h"

static const char *const behaviour_names[COT_NBEHAV] = {
	"backtracking", "verification", "subgoal_setting", "backward_chaining"
};

static const char *const skip_names[COT_NSKIP] = {
	"none", "blank", "bad_json", "not_object", "no_cot", "cot_not_string",
	"invalid_utf8", "nul_byte"
};

static const char *const defect_names[COT_NDEFECT] = {
	"empty", "truncated", "rule_limit", "padded", "repetitive", "duplicate", "no_answer",
	"too_long", "too_short", "non_english"
};

const char *cot_behaviour_name(int b)
{
	return b >= 0 && b < COT_NBEHAV ? behaviour_names[b] : "?";
}

/* Returns the behaviour whose name is the len bytes at name, or -1. */
int cot_behaviour_lookup(const char *name, size_t len)
{
	for (int b = 0; b < COT_NBEHAV; b++)
		if (strlen(behaviour_names[b]) == len && memcmp(behaviour_names[b], name, len) == 0)
			return b;
	return -1;
}

const char *cot_skip_name(int s)
{
	return s >= 0 && s < COT_NSKIP ? skip_names[s] : "?";
}

const char *cot_defect_name(int d)
{
	return d >= 0 && d < COT_NDEFECT ? defect_names[d] : "?";
}

/* Returns the defect whose name is the len bytes at name, or -1. */
int cot_defect_lookup(const char *name, size_t len)
{
	for (int d = 0; d < COT_NDEFECT; d++)
		if (strlen(defect_names[d]) == len && memcmp(defect_names[d], name, len) == 0)
			return d;
	return -1;
}

/* Returns the skip reason whose name is the len bytes at name, or -1. */
int cot_skip_lookup(const char *name, size_t len)
{
	for (int s = 0; s < COT_NSKIP; s++)
		if (strlen(skip_names[s]) == len && memcmp(skip_names[s], name, len) == 0)
			return s;
	return -1;
}
