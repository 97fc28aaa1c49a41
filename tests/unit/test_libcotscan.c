/*
 * Unit tests of the public library (include/libcotscan.h), linked against
 * libcotscan.a alone: it must build and work without the CLI's modules.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "libcotscan.h"
#include "unit.h"

/* Writes text to a temporary rule file; returns its path (static storage). */
static const char *rule_file(const char *text)
{
	static char path[64];
	snprintf(path, sizeof path, "/tmp/cotscan-unit-%ld.rules", (long)getpid());
	FILE *fp = fopen(path, "w");
	fputs(text, fp);
	fclose(fp);
	return path;
}

static int has_defect(const struct cotscan_result *r, const char *name)
{
	for (int d = 0; d < cotscan_ndefects(); d++)
		if (strcmp(cotscan_defect_name(d), name) == 0)
			return (r->defects >> d) & 1;
	return -1;
}

static int same_result(const struct cotscan_result *a, const struct cotscan_result *b)
{
	if (a->skip != b->skip || a->defects != b->defects || a->nevidence != b->nevidence ||
	    memcmp(a->counts, b->counts, sizeof a->counts) != 0)
		return 0;
	for (size_t i = 0; i < a->nevidence; i++)
		if (a->evidence[i].start != b->evidence[i].start || a->evidence[i].end != b->evidence[i].end ||
		    strcmp(a->evidence[i].rule, b->evidence[i].rule) != 0)
			return 0;
	return 1;
}

int main(void)
{
	char err[512];
	CHECK_STR(cotscan_version(), "0.1.0");
	cotscan_tagger *t = cotscan_open(NULL, err, sizeof err);
	CHECK(t != NULL, "built-in rules: %s", err);
	CHECK_STR(err, "");
	CHECK(cotscan_nrules(t) > 20, "%zu rules", cotscan_nrules(t));
	CHECK(cotscan_rules_hash(t) != 0, "a hash");
	CHECK(cotscan_rule_name(t, cotscan_nrules(t)) == NULL, "out of range");
	CHECK_INT(cotscan_rule_behaviour(t, cotscan_nrules(t)), -1);
	cotscan_scratch *s = cotscan_scratch_new(t);
	CHECK(s != NULL, "scratch");

	/* a text: offsets index it, counts and evidence agree */
	struct cotscan_result r;
	const char *txt = "We need 24. 5*6 = 30. Wait, that gives 30, not 24. Let me try 6*4 = 24 instead. "
			  "Let me verify: 6*4 = 24. Correct. The answer is 24.";
	CHECK_INT(cotscan_tag_text(t, s, txt, strlen(txt), 0, &r), 0);
	CHECK_INT(r.skip, 0);
	CHECK(r.why == NULL, "no reason when tagged");
	CHECK(r.counts[COTSCAN_BACKTRACKING] >= 1, "backtracking %u", r.counts[COTSCAN_BACKTRACKING]);
	CHECK(r.counts[COTSCAN_VERIFICATION] >= 1, "verification %u", r.counts[COTSCAN_VERIFICATION]);
	unsigned total = 0;
	for (int b = 0; b < COTSCAN_NBEHAVIOURS; b++)
		total += r.counts[b];
	CHECK_INT(r.nevidence, total);
	CHECK_INT(r.text_len, strlen(txt));
	for (size_t i = 0; i < r.nevidence; i++) {
		const struct cotscan_match *m = &r.evidence[i];
		CHECK(m->start < m->end && m->end <= r.text_len, "span %zu-%zu", m->start, m->end);
		CHECK(m->src_start == m->start && m->src_end == m->end, "no cut: the same offsets");
		CHECK(cotscan_behaviour_name(m->behaviour) != NULL, "behaviour %d", m->behaviour);
		CHECK(i == 0 || r.evidence[i - 1].start <= m->start, "by start offset");
	}
	CHECK(!has_defect(&r, "no_answer"), "has an answer");
	CHECK(r.words == 30, "%llu words", r.words);

	/* the same text as a record's field gives the same result */
	struct cotscan_result rr;
	char json[1024];
	snprintf(json, sizeof json, "{\"id\":\"a7\",\"model\":\"m/x\",\"cot\":\"%s\"}", txt);
	char keep_counts[sizeof r.counts];
	memcpy(keep_counts, r.counts, sizeof r.counts);
	size_t nev = r.nevidence;
	CHECK_INT(cotscan_tag_record(t, s, json, strlen(json), 0, &rr), 0);
	CHECK_INT(rr.skip, 0);
	CHECK(memcmp(keep_counts, rr.counts, sizeof rr.counts) == 0, "record counts = text counts");
	CHECK_INT(rr.nevidence, nev);
	CHECK_STR(rr.model, "m/x");
	CHECK_STR(rr.id, "a7");

	/* reasoning sections: only the <think> part, offsets mapped back into the text given */
	const char *cut = "Intro. <think>First, find x. Wait, that is wrong.</think> To verify, check it. "
			  "<think>Let me verify: 2+2 = 4.</think> The answer is 4.";
	CHECK_INT(cotscan_tag_text(t, s, cut, strlen(cut), 0, &r), 0);
	CHECK(r.text_len < strlen(cut), "cut to the sections");
	CHECK(memcmp(r.text, "First, find x.", 14) == 0, "the first section");
	CHECK(r.nevidence > 0, "evidence in the sections");
	for (size_t i = 0; i < r.nevidence; i++) {
		const struct cotscan_match *m = &r.evidence[i];
		size_t n = m->end - m->start;
		CHECK(m->src_end - m->src_start == n, "same length");
		CHECK(memcmp(cut + m->src_start, r.text + m->start, n) == 0, "the text given holds '%.*s' at %zu",
		      (int)n, r.text + m->start, m->src_start);
		CHECK(m->src_start > 7, "past the intro");
	}
	unsigned ver_cut = r.counts[COTSCAN_VERIFICATION];
	CHECK_INT(cotscan_tag_text(t, s, cut, strlen(cut), COTSCAN_WHOLE, &r), 0);
	CHECK_INT(r.text_len, strlen(cut));
	CHECK(r.counts[COTSCAN_VERIFICATION] > ver_cut, "whole: the verification outside the sections counts (%u > %u)",
	      r.counts[COTSCAN_VERIFICATION], ver_cut);

	/* bad input is skipped with the CLI's reason, never a crash */
	CHECK_INT(cotscan_tag_text(t, s, "ok \xff\xfe", 5, 0, &r), 0);
	CHECK_STR(cotscan_skip_name(r.skip), "invalid_utf8");
	CHECK_STR(r.why, "invalid UTF-8 at column 4");
	CHECK_INT(cotscan_tag_text(t, s, "a\0b", 3, 0, &r), 0);
	CHECK_STR(cotscan_skip_name(r.skip), "nul_byte");
	CHECK_INT(cotscan_tag_record(t, s, "{\"cot\": ", 8, 0, &r), 0);
	CHECK_STR(cotscan_skip_name(r.skip), "bad_json");
	CHECK_INT(cotscan_tag_record(t, s, "{\"x\": 1}", 8, 0, &r), 0);
	CHECK_STR(cotscan_skip_name(r.skip), "no_cot");
	CHECK_INT(cotscan_tag_text(t, s, "", 0, 0, &r), 0);
	CHECK_INT(r.skip, 0);
	CHECK_INT(has_defect(&r, "empty"), 1);
	CHECK_INT(cotscan_tag_text(t, s, NULL, 0, 0, &r), 0);
	CHECK_INT(cotscan_tag_text(t, s, NULL, 3, 0, &r), -1);
	CHECK_INT(cotscan_tag_text(NULL, s, "x", 1, 0, &r), -1);
	CHECK_INT(cotscan_tag_record(t, NULL, "{}", 2, 0, &r), -1);
	CHECK(cotscan_scratch_new(NULL) == NULL, "no tagger, no scratch");
	CHECK(cotscan_skip_name(99) == NULL && cotscan_defect_name(-1) == NULL && cotscan_behaviour_name(4) == NULL,
	      "names out of range");

	/* tag_many: the same results on 1 and 3 threads, duplicates marked in order */
	enum { N = 40 };
	const char *texts[N];
	size_t lens[N];
	for (int i = 0; i < N; i++) {
		texts[i] = i % 3 == 0 ? txt : i % 3 == 1 ? cut : "Step 1: add. Then we check the sum.";
		lens[i] = strlen(texts[i]);
	}
	struct cotscan_result one[N], three[N];
	CHECK_INT(cotscan_tag_many(t, N, texts, lens, 0, 1, one), 0);
	CHECK_INT(cotscan_tag_many(t, N, texts, lens, 0, 3, three), 0);
	int same = 1;
	for (int i = 0; i < N; i++)
		same &= same_result(&one[i], &three[i]);
	CHECK(same, "jobs 1 and 3 agree");
	CHECK_INT(has_defect(&one[0], "duplicate"), 0);
	CHECK_INT(has_defect(&one[1], "duplicate"), 0);
	CHECK_INT(has_defect(&one[3], "duplicate"), 1);
	CHECK_INT(has_defect(&three[39], "duplicate"), 1);
	cotscan_tag_text(t, s, texts[1], lens[1], 0, &r);
	CHECK(same_result(&r, &one[1]), "tag_many = tag_text");
	CHECK(one[1].text[one[1].text_len] == '\0', "owned text, terminated");
	cotscan_results_free(one, N);
	cotscan_results_free(three, N);
	CHECK(one[0].evidence == NULL && one[0].nevidence == 0, "freed results are zeroed");

	/* records, with a line number as the id of last resort */
	const char *recs[3] = { "{\"cot\":\"Wait, that is wrong.\"}", "not json", json };
	size_t rlens[3] = { strlen(recs[0]), strlen(recs[1]), strlen(recs[2]) };
	struct cotscan_result out[3];
	CHECK_INT(cotscan_tag_many(t, 3, recs, rlens, COTSCAN_RECORDS, 0, out), 0);
	CHECK_STR(out[0].id, "1");
	CHECK_STR(cotscan_skip_name(out[1].skip), "bad_json");
	CHECK(out[1].why && strstr(out[1].why, "column") != NULL, "why: %s", out[1].why ? out[1].why : "");
	CHECK_STR(out[2].id, "a7");
	cotscan_results_free(out, 3);
	CHECK_INT(cotscan_tag_many(t, 0, NULL, NULL, 0, 0, NULL), 0);
	CHECK_INT(cotscan_tag_many(NULL, 1, texts, lens, 0, 0, out), -1);

	cotscan_scratch_free(s);
	cotscan_close(t);

	/* a rule path: errors as FILE:LINE: text, a working set otherwise */
	const char *bad = rule_file("verification v1 - (unclosed\n");
	t = cotscan_open(bad, err, sizeof err);
	CHECK(t == NULL, "a bad rule file");
	CHECK(strncmp(err, bad, strlen(bad)) == 0 && strstr(err, ":1: rule 'v1'") != NULL, "err: %s", err);
	t = cotscan_open(bad, err, 8);
	CHECK_INT(strlen(err), 7);
	CHECK(cotscan_open("/nonexistent/rules", NULL, 0) == NULL, "a missing path, no err buffer");
	const char *good = rule_file("verification mine - \\bzork\\b\n");
	struct cotscan_options o = { .rules = good, .cot_field = "body.text", .min_bytes = 100 };
	t = cotscan_open_opts(&o, err, sizeof err);
	CHECK(t != NULL, "%s", err);
	CHECK_INT(cotscan_nrules(t), 1);
	CHECK_STR(cotscan_rule_name(t, 0), "mine");
	CHECK_INT(cotscan_rule_behaviour(t, 0), COTSCAN_VERIFICATION);
	s = cotscan_scratch_new(t);
	const char *rec = "{\"body\":{\"text\":\"zork and Zork\"},\"cot\":\"no\"}";
	CHECK_INT(cotscan_tag_record(t, s, rec, strlen(rec), 0, &r), 0);
	CHECK_INT(r.counts[COTSCAN_VERIFICATION], 2);
	CHECK_STR(r.evidence[1].rule, "mine");
	CHECK_INT(has_defect(&r, "too_short"), 1);
	cotscan_scratch_free(s);
	cotscan_close(t);
	cotscan_close(NULL);
	cotscan_scratch_free(NULL);
	cotscan_results_free(NULL, 3);
	unlink(good);
	return unit_done("libcotscan");
}
