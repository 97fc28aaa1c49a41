/* defects.c - see defects.h. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <math.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cotscan.h"
#include "defects.h"
#include "extract.h"
#include "util.h"

/* empty: nothing but whitespace and ASCII punctuation. */
static int is_empty(const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
			return 0;
	}
	return 1;
}

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int is_word(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* A final mix so that FNV's low bits spread over the table. */
static unsigned long long mix64(unsigned long long h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h ? h : 1;
}

/* FNV-1a, one byte at a time, inline: the detectors hash every byte. */
#define FNV_PRIME 0x100000001b3ULL
#define FNV_STEP(h, c) ((h) = ((h) ^ (unsigned char)(c)) * FNV_PRIME)

/* --- the per-trace counting tables --- */

/* Starts a trace: every slot of an earlier epoch is free. */
static void tab_begin(struct defect_tab *t)
{
	if (!t->slot) {
		t->cap = 64;
		t->slot = xmalloc(t->cap * sizeof *t->slot);
		memset(t->slot, 0, t->cap * sizeof *t->slot);
		t->epoch = 0;
	}
	if (++t->epoch == 0) { /* wrapped: clear the stamps of 2^32 traces ago */
		memset(t->slot, 0, t->cap * sizeof *t->slot);
		t->epoch = 1;
	}
	t->used = 0;
}

/* Doubles the table, keeping the current epoch's keys. */
static void tab_grow(struct defect_tab *t)
{
	size_t cap = 2 * t->cap;
	struct defect_slot *v = xmalloc(cap * sizeof *v);
	memset(v, 0, cap * sizeof *v);
	for (size_t k = 0; k < t->cap; k++) {
		const struct defect_slot *o = &t->slot[k];
		if (o->epoch != t->epoch)
			continue;
		size_t i = (size_t)o->key & (cap - 1);
		while (v[i].epoch == t->epoch)
			i = (i + 1) & (cap - 1);
		v[i] = *o;
	}
	free(t->slot);
	t->slot = v;
	t->cap = cap;
}

/* Counts one more h (non-zero); returns its count. */
static inline unsigned tab_inc(struct defect_tab *t, unsigned long long h)
{
	if (2 * (t->used + 1) > t->cap)
		tab_grow(t);
	size_t i = (size_t)h & (t->cap - 1);
	struct defect_slot *v = t->slot;
	while (v[i].epoch == t->epoch && v[i].key != h)
		i = (i + 1) & (t->cap - 1);
	if (v[i].epoch != t->epoch) {
		v[i].key = h;
		v[i].epoch = t->epoch;
		v[i].count = 0;
		t->used++;
	}
	return ++v[i].count;
}

/* The count of h, which this trace has counted. */
static unsigned tab_count(const struct defect_tab *t, unsigned long long h)
{
	size_t i = (size_t)h & (t->cap - 1);
	while (t->slot[i].key != h || t->slot[i].epoch != t->epoch)
		i = (i + 1) & (t->cap - 1);
	return t->slot[i].count;
}

static void tab_free(struct defect_tab *t)
{
	free(t->slot);
	memset(t, 0, sizeof *t);
}

/*
 * Letters of scripts other than Latin and Greek (Greek is common in math):
 * Cyrillic to the end of the scripts block U+0400-U+1CFF (Armenian, Hebrew,
 * Arabic, Indic, Thai, Georgian, ...), kana, CJK and Hangul U+3040-U+D7FF,
 * CJK compatibility U+F900-U+FAFF.  non_english compares them with the ASCII letters.
 */
static int is_non_latin(unsigned cp)
{
	return (cp >= 0x400 && cp <= 0x1cff) || (cp >= 0x3040 && cp <= 0xd7ff) || (cp >= 0xf900 && cp <= 0xfaff);
}

/* The one-byte tokens that count as data for padded (+ - * / = ( ) [ ] ^ % _). */
static int is_sign_byte(unsigned char c)
{
	switch (c) {
	case '+': case '-': case '*': case '/': case '=': case '(': case ')':
	case '[': case ']': case '^': case '%': case '_':
		return 1;
	default:
		return 0;
	}
}

struct text_stats {
	size_t tokens, types;
	size_t numbers, data;  /* numbers and blank cells (_); those or signs (is_sign_byte) */
	unsigned top;          /* count of the commonest token */
	size_t grams;          /* REP_GRAM-token windows */
	size_t third;          /* windows that are the third or later occurrence of their tokens */
	unsigned top_gram;     /* occurrences of the commonest window */
	int tail_repeat;       /* the window ending at the last or the last but one token is a repeat */
	int any_word;          /* a letter, a digit or a non-ASCII byte: not empty */
	size_t letters;        /* ASCII letters */
	size_t non_latin;      /* characters that is_non_latin names */
	unsigned long long words; /* runs of non-whitespace bytes */
	unsigned long long norm;  /* FNV-1a of the text, whitespace runs as one space, the ends trimmed */
};

/*
 * The windows of REP_GRAM tokens, for repetitive: counted by a polynomial
 * rolling hash over the token hashes tok[0..n).  A window counted a third
 * time or more holds only tokens that occur at least three times; when the
 * windows made of such tokens are too few for REP_MIN_SHARE, the text is
 * not repetitive and the windows are not counted (grams is set, third and
 * top_gram stay 0).
 */
static void gram_stats(struct defect_scratch *s, const unsigned long long *tok, size_t n, struct text_stats *st)
{
	static const unsigned long long B = 0x9e3779b97f4a7c15ULL;
	st->grams = n - REP_GRAM + 1;
	size_t can = 0, since = REP_GRAM; /* tokens since the last one that occurs less than three times */
	for (size_t k = 0; k < n; k++) {
		since = tab_count(&s->tok, mix64(tok[k])) < 3 ? 0 : since + 1;
		can += k + 1 >= REP_GRAM && since >= REP_GRAM;
	}
	if ((double)can < REP_MIN_SHARE * (double)st->grams)
		return;
	unsigned long long g = 0, bk = 1; /* bk = B^(REP_GRAM-1) */
	for (int i = 1; i < REP_GRAM; i++)
		bk *= B;
	unsigned prev = 0, cur = 0;
	tab_begin(&s->gram);
	for (size_t k = 0; k < n; k++) {
		if (k >= REP_GRAM)
			g -= tok[k - REP_GRAM] * bk;
		g = g * B + tok[k];
		if (k + 1 < REP_GRAM)
			continue;
		unsigned c = tab_inc(&s->gram, mix64(g));
		if (c >= 3)
			st->third++;
		if (c > st->top_gram)
			st->top_gram = c;
		prev = cur;
		cur = c;
	}
	st->tail_repeat = cur >= 2 || prev >= 2;
}

/*
 * The one pass over the text that every detector reads.  Tokens (words
 * case-folded) are counted by hash, with the data tokens, for padded, and
 * their hashes kept for the windows of repetitive (gram_stats); characters
 * are decoded inside the words (a non-ASCII byte is a word byte) for
 * non_english; the whitespace runs between tokens give the word count and
 * the normalised hash (norm_hash).  Numbers are words of digits only, and _
 * (a blank cell): data rather than filler, with the signs between them, so
 * that grids and lists of expressions are not taken for padding.
 */
static void text_stats(struct defect_scratch *s, const char *text, size_t len, struct text_stats *st)
{
	const unsigned char *p = (const unsigned char *)text;
	unsigned long long norm = FNV64_INIT;
	memset(st, 0, sizeof *st);
	tab_begin(&s->tok);
	int gap = 1; /* whitespace (or the start) before this token */
	for (size_t i = 0; i < len;) {
		unsigned char c = p[i];
		if (is_space(c)) {
			gap = 1;
			i++;
			continue;
		}
		if (gap) {
			st->words++;
			if (st->tokens)
				FNV_STEP(norm, ' ');
			gap = 0;
		}
		st->tokens++;
		unsigned long long t = FNV64_INIT;
		int num;
		if (is_word(c)) {
			st->any_word = 1;
			num = 1;
			while (i < len) {
				unsigned char w = p[i];
				if (w >= 0x80) {
					unsigned cp;
					size_t n = util_utf8_decode(text + i, len - i, &cp);
					if (n)
						st->non_latin += is_non_latin(cp);
					else
						n = 1; /* not a whole character: a word byte of its own */
					for (size_t e = i + n; i < e; i++) {
						FNV_STEP(t, p[i]);
						FNV_STEP(norm, p[i]);
					}
					num = 0;
					continue;
				}
				unsigned char f = w;
				if (w >= 'A' && w <= 'Z')
					f |= 0x20;
				if (f >= 'a' && f <= 'z') {
					st->letters++;
					num = 0;
				} else if (w < '0' || w > '9')
					break;
				FNV_STEP(t, f);
				FNV_STEP(norm, w);
				i++;
			}
			st->numbers += num;
			st->data += num;
		} else {
			FNV_STEP(t, 0x5a);
			FNV_STEP(t, c);
			FNV_STEP(norm, c);
			i++;
			num = c == '_';
			st->numbers += num;
			st->data += num || c == '\0' || is_sign_byte(c);
		}
		unsigned n = tab_inc(&s->tok, mix64(t));
		if (n == 1)
			st->types++;
		if (n > st->top)
			st->top = n;
		GROW(s->toks, st->tokens - 1, s->captoks);
		s->toks[st->tokens - 1] = t;
	}
	st->norm = norm;
	if (st->tokens >= 2 * REP_GRAM) /* shorter texts are not judged for repetition */
		gram_stats(s, s->toks, st->tokens, st);
}

static int is_padded(const struct text_stats *st)
{
	if (st->tokens < PAD_MIN_TOKENS)
		return 0;
	if ((double)st->data >= PAD_DATA_SHARE * (double)st->tokens &&
	    (double)st->numbers >= PAD_NUMBER_SHARE * (double)st->tokens)
		return 0; /* a grid, a list of expressions, a table of numbers */
	if ((double)st->top >= PAD_TOP_SHARE * (double)st->tokens)
		return 1;
	if (st->types <= PAD_FEW_TYPES)
		return 1;
	return st->tokens >= PAD_RATIO_MIN && (double)st->types < PAD_RATIO * sqrt((double)st->tokens);
}

static int is_repetitive(const struct text_stats *st)
{
	return st->grams && st->top_gram >= REP_MIN_COUNT &&
	       (double)st->third >= REP_MIN_SHARE * (double)st->grams;
}

static int is_non_english(const struct text_stats *st)
{
	return st->non_latin >= NONLATIN_MIN && (double)st->non_latin > NONLATIN_SHARE * (double)st->letters;
}

unsigned defects_scan(struct defect_scratch *s, const char *text, size_t len, struct defect_text *out)
{
	unsigned set = 0;
	struct text_stats st;
	text_stats(s, text, len, &st);
	out->words = st.words;
	out->hash = st.tokens ? mix64(st.norm) : 0;
	out->ends_in_loop = 0;
	if (!st.any_word)
		set |= 1u << COT_D_EMPTY;
	if (is_padded(&st))
		set |= 1u << COT_D_PADDED;
	if (is_non_english(&st))
		set |= 1u << COT_D_NON_ENGLISH;
	if (is_repetitive(&st)) {
		set |= 1u << COT_D_REPETITIVE;
		out->ends_in_loop = st.tail_repeat;
	}
	return set;
}

unsigned defects_detect(struct defect_scratch *s, const char *text, size_t len, int *ends_in_loop)
{
	struct defect_text dt;
	unsigned set = defects_scan(s, text, len, &dt);
	*ends_in_loop = dt.ends_in_loop;
	return set;
}

/* --- no_answer and the mid-sentence form of truncated --- */

/* The answer markers, documented in README "Defects". */
static const char answer_re[] =
	"</?answer>|\\banswers?\\s+(?:would|could|should|will|might)\\s+be\\b|\\\\boxed\\s*\\{|\\\\fbox\\s*\\{|\\bfinal\\s+answer\\b|\\banswers?[\\s*_`\"'\\\\]*(?:is|are|:|=)"
	"|\"answer\"\\s*:|<output>|<\\|begin_of_solution\\|>|\\bno\\s+(?:\\w+\\s+)?solutions?\\b";

int defect_patterns_init(struct defect_patterns *p, struct buf *err)
{
	int code;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)answer_re, PCRE2_ZERO_TERMINATED,
				       PCRE2_CASELESS | PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &code, &off, NULL);
	p->answer = re;
	if (!re) {
		buf_printf(err, "cotscan: BUG: answer pattern does not compile (offset %zu)\n", (size_t)off);
		return -1;
	}
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* falls back silently */
	return 0;
}

void defect_patterns_free(struct defect_patterns *p)
{
	pcre2_code_free(p->answer);
	p->answer = NULL;
}

int defects_answer_marker(const struct defect_patterns *p, struct defect_scratch *s, const char *text,
			  size_t len)
{
	const pcre2_code *re = p->answer;
	if (!s->re_md)
		s->re_md = pcre2_match_data_create_from_pattern(re, NULL);
	return pcre2_match(re, (PCRE2_SPTR)text, len, 0, 0, s->re_md, NULL) >= 0;
}

/* The cells of one grid row, line [a, b): its space-separated cells, or 0
 * when a cell is longer than 3 bytes. */
static size_t grid_cells(const char *t, size_t a, size_t b)
{
	size_t cells = 0;
	for (size_t i = a; i < b;) {
		if (t[i] == ' ' || t[i] == '\t' || t[i] == '\r') {
			i++;
			continue;
		}
		size_t j = i;
		while (j < b && t[j] != ' ' && t[j] != '\t' && t[j] != '\r')
			j++;
		if (j - i > 3)
			return 0;
		cells++;
		i = j;
	}
	return cells;
}

int defects_answer_only(const char *text, size_t len)
{
	while (len && is_space((unsigned char)text[len - 1]))
		len--;
	size_t a = 0;
	while (a < len && is_space((unsigned char)text[a]))
		a++;
	if (a == len)
		return 0;
	if (len - a <= ANSWER_ONLY_BYTES && !memchr(text + a, '\n', len - a) && !is_empty(text + a, len - a)) {
		size_t words = 1;
		for (size_t i = a; i + 1 < len; i++)
			words += is_space((unsigned char)text[i]) && !is_space((unsigned char)text[i + 1]);
		if (words <= ANSWER_ONLY_WORDS)
			return 1; /* "wife", "Peng", "x = 4" */
	}
	if (text[a] == '[' || text[a] == '{') {
		const char *end = NULL;
		cJSON *v = cJSON_ParseWithLengthOpts(text + a, len - a, &end, 0);
		int whole = v && end == text + len;
		cJSON_Delete(v);
		if (whole)
			return 1;
	}
	size_t rows = 0, width = 0;
	for (size_t i = a; i < len; i++) {
		size_t e = i;
		while (e < len && text[e] != '\n')
			e++;
		size_t n = grid_cells(text, i, e);
		if (n) {
			if (width && n != width)
				return 0;
			width = n;
			rows++;
		} else {
			for (size_t k = i; k < e; k++)
				if (!is_space((unsigned char)text[k]))
					return 0; /* a line that is not a row */
		}
		i = e;
	}
	return rows >= 2 && width >= 2;
}

int defects_answer_field(const cJSON *record, const char *path)
{
	const cJSON *v = record ? extract_path(record, path ? path : "answer") : NULL;
	if (cJSON_IsString(v))
		return v->valuestring && !is_empty(v->valuestring, strlen(v->valuestring));
	if (cJSON_IsNumber(v) || cJSON_IsBool(v))
		return 1;
	if (cJSON_IsArray(v) || cJSON_IsObject(v))
		return cJSON_GetArraySize(v) > 0;
	return 0;
}

int defects_ends_mid_sentence(const char *text, size_t len)
{
	while (len > 0 && is_space((unsigned char)text[len - 1]))
		len--;
	if (len == 0)
		return 0;
	unsigned char c = (unsigned char)text[len - 1];
	if (c == '*') {
		/* a product cut off ("16*2+16*", "5 *"), not markdown emphasis
		 * ("**7**", "*x = 5*"): a single star after a digit or ')', on a
		 * line where every star is followed by a digit, a space or '(' */
		size_t i = len - 1;
		while (i > 0 && text[i - 1] == ' ')
			i--;
		if (i == 0 || !((text[i - 1] >= '0' && text[i - 1] <= '9') || text[i - 1] == ')'))
			return 0;
		for (size_t k = len - 1; k > 0 && text[k - 1] != '\n'; k--) {
			char n = text[k];
			if (text[k - 1] == '*' && !((n >= '0' && n <= '9') || n == ' ' || n == '('))
				return 0;
		}
		return 1;
	}
	return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c && strchr(",;:([{-+=/\\^&", c));
}

/* --- duplicate --- */

/* Hash of text[a..b) with whitespace runs as one space and the ends trimmed;
 * *nonspace gets the number of non-space bytes. */
static unsigned long long norm_hash(const char *text, size_t a, size_t b, size_t *nonspace)
{
	unsigned long long h = FNV64_INIT;
	size_t n = 0;
	int pending = 0;
	for (size_t i = a; i < b; i++) {
		unsigned char c = (unsigned char)text[i];
		if (is_space(c)) {
			pending = n > 0;
			continue;
		}
		if (pending) {
			FNV_STEP(h, ' ');
			pending = 0;
		}
		FNV_STEP(h, c);
		n++;
	}
	*nonspace = n;
	return h;
}

unsigned long long defects_text_hash(const char *text, size_t len)
{
	size_t n;
	unsigned long long h = norm_hash(text, 0, len, &n);
	return n ? mix64(h) : 0;
}

void dupset_free(struct dupset *d)
{
	free(d->slots);
	memset(d, 0, sizeof *d);
}

static void dupset_put(unsigned long long *slots, size_t cap, unsigned long long h)
{
	size_t i = (size_t)h & (cap - 1);
	while (slots[i])
		i = (i + 1) & (cap - 1);
	slots[i] = h;
}

int dupset_add(struct dupset *d, unsigned long long h)
{
	if (d->cap) {
		size_t i = (size_t)h & (d->cap - 1);
		for (; d->slots[i]; i = (i + 1) & (d->cap - 1))
			if (d->slots[i] == h)
				return 1;
	}
	if (4 * (d->n + 1) > 3 * d->cap) {
		size_t cap = d->cap ? 2 * d->cap : 1024;
		unsigned long long *slots = xmalloc(cap * sizeof *slots);
		memset(slots, 0, cap * sizeof *slots);
		for (size_t i = 0; i < d->cap; i++)
			if (d->slots[i])
				dupset_put(slots, cap, d->slots[i]);
		free(d->slots);
		d->slots = slots;
		d->cap = cap;
	}
	dupset_put(d->slots, d->cap, h);
	d->n++;
	return 0;
}

void defect_scratch_trim(struct defect_scratch *s)
{
	if (s->tok.cap > DEFECT_TAB_KEEP)
		tab_free(&s->tok);
	if (s->gram.cap > DEFECT_TAB_KEEP)
		tab_free(&s->gram);
	if (s->captoks > DEFECT_TAB_KEEP) {
		free(s->toks);
		s->toks = NULL;
		s->captoks = 0;
	}
}

void defect_scratch_free(struct defect_scratch *s)
{
	tab_free(&s->tok);
	tab_free(&s->gram);
	free(s->toks);
	pcre2_match_data_free(s->re_md);
	memset(s, 0, sizeof *s);
}

void defects_format(unsigned set, char *out, size_t n)
{
	size_t used = 0;
	if (n)
		out[0] = '\0';
	for (int d = 0; d < COT_NDEFECT; d++) {
		if (!(set & (1u << d)))
			continue;
		int w = snprintf(out + used, n - used, "%s%s", used ? ";" : "", cot_defect_name(d));
		if (w < 0 || (size_t)w >= n - used)
			return;
		used += (size_t)w;
	}
}
