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

/* Makes room for n keys and clears the table. */
static void tab_reset(struct defect_tab *t, size_t n)
{
	size_t want = 64;
	while (want < 2 * n)
		want *= 2;
	if (want > t->cap || (t->cap > 4096 && want < t->cap / 8)) {
		free(t->keys);
		free(t->counts);
		t->keys = xmalloc(want * sizeof *t->keys);
		t->counts = xmalloc(want * sizeof *t->counts);
		t->cap = want;
	}
	memset(t->keys, 0, t->cap * sizeof *t->keys);
}

/* Counts one more h (non-zero); returns its count.  The table never fills:
 * tab_reset made room for twice the number of keys. */
static unsigned tab_inc(struct defect_tab *t, unsigned long long h)
{
	size_t i = (size_t)h & (t->cap - 1);
	while (t->keys[i] && t->keys[i] != h)
		i = (i + 1) & (t->cap - 1);
	if (!t->keys[i]) {
		t->keys[i] = h;
		t->counts[i] = 0;
	}
	return ++t->counts[i];
}

static void tab_free(struct defect_tab *t)
{
	free(t->keys);
	free(t->counts);
	memset(t, 0, sizeof *t);
}

/* The number of tokens in text (see defects.h). */
static size_t count_tokens(const char *text, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)text[i];
		if (is_space(c)) {
			i++;
			continue;
		}
		n++;
		if (is_word(c))
			while (i < len && is_word((unsigned char)text[i]))
				i++;
		else
			i++;
	}
	return n;
}

struct text_stats {
	size_t tokens, types;
	size_t numbers, data;  /* numbers and blank cells (_); those or signs (is_sign_token) */
	unsigned top;          /* count of the commonest token */
	size_t grams;          /* REP_GRAM-token windows */
	size_t third;          /* windows that are the third or later occurrence of their tokens */
	unsigned top_gram;     /* occurrences of the commonest window */
	int tail_repeat;       /* the window ending at the last or the last but one token is a repeat */
};

/* Data rather than filler, so that grids and lists of expressions are not
 * taken for padding: numbers (words of digits only), and the signs between
 * them (arithmetic, brackets, _ for a blank cell). */
static int is_number_token(const char *tok, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (tok[i] < '0' || tok[i] > '9')
			return 0;
	return n > 0;
}

static int is_sign_token(const char *tok, size_t n)
{
	return n == 1 && strchr("+-*/=()[]^%_", tok[0]);
}

/*
 * One pass over the tokens (words case-folded): counts tokens by hash, and
 * the data tokens, for padded, and windows of REP_GRAM tokens, by a polynomial rolling hash over
 * the token hashes, for repetitive.
 */
static void text_stats(struct defect_scratch *s, const char *text, size_t len, struct text_stats *st)
{
	static const unsigned long long B = 0x9e3779b97f4a7c15ULL;
	unsigned long long ring[REP_GRAM], g = 0, bk = 1; /* bk = B^(REP_GRAM-1) */
	memset(st, 0, sizeof *st);
	st->tokens = count_tokens(text, len);
	int pad = st->tokens >= PAD_MIN_TOKENS, rep = st->tokens >= 2 * REP_GRAM;
	if (!pad)
		return;
	tab_reset(&s->tok, st->tokens);
	if (rep)
		tab_reset(&s->gram, st->tokens);
	for (int i = 1; i < REP_GRAM; i++)
		bk *= B;
	size_t k = 0;
	unsigned prev = 0, cur = 0;
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)text[i];
		if (is_space(c)) {
			i++;
			continue;
		}
		unsigned long long t = FNV64_INIT;
		size_t from = i;
		if (is_word(c)) {
			for (; i < len && is_word((unsigned char)text[i]); i++) {
				unsigned char w = (unsigned char)text[i];
				if (w >= 'A' && w <= 'Z')
					w |= 0x20;
				FNV_STEP(t, w);
			}
		} else {
			FNV_STEP(t, 0x5a);
			FNV_STEP(t, c);
			i++;
		}
		int num = is_number_token(text + from, i - from) || (i - from == 1 && text[from] == '_');
		st->numbers += num;
		st->data += num || is_sign_token(text + from, i - from);
		unsigned n = tab_inc(&s->tok, mix64(t));
		if (n == 1)
			st->types++;
		if (n > st->top)
			st->top = n;
		if (!rep)
			continue;
		if (k >= REP_GRAM)
			g -= ring[k % REP_GRAM] * bk;
		g = g * B + t;
		ring[k % REP_GRAM] = t;
		k++;
		if (k < REP_GRAM)
			continue;
		n = tab_inc(&s->gram, mix64(g));
		st->grams++;
		if (n >= 3)
			st->third++;
		if (n > st->top_gram)
			st->top_gram = n;
		prev = cur;
		cur = n;
	}
	st->tail_repeat = cur >= 2 || prev >= 2;
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

/*
 * Letters of scripts other than Latin and Greek (Greek is common in math):
 * Cyrillic to the end of the scripts block U+0400-U+1CFF (Armenian, Hebrew,
 * Arabic, Indic, Thai, Georgian, ...), kana, CJK and Hangul U+3040-U+D7FF,
 * CJK compatibility U+F900-U+FAFF.  Compared with the ASCII letters.
 */
static int is_non_english(const char *text, size_t len)
{
	size_t ascii = 0, other = 0;
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)text[i];
		if (c < 0x80) {
			ascii += (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
			i++;
			continue;
		}
		unsigned cp;
		size_t n;
		if (c >= 0xf0) {
			cp = c & 0x07;
			n = 4;
		} else if (c >= 0xe0) {
			cp = c & 0x0f;
			n = 3;
		} else {
			cp = c & 0x1f;
			n = 2;
		}
		if (c < 0xc0 || i + n > len) { /* a stray continuation byte or a cut sequence */
			i++;
			continue;
		}
		for (size_t k = 1; k < n; k++)
			cp = cp << 6 | ((unsigned char)text[i + k] & 0x3f);
		i += n;
		other += (cp >= 0x400 && cp <= 0x1cff) || (cp >= 0x3040 && cp <= 0xd7ff) ||
			 (cp >= 0xf900 && cp <= 0xfaff);
	}
	return other >= NONLATIN_MIN && (double)other > NONLATIN_SHARE * (double)ascii;
}

unsigned defects_detect(struct defect_scratch *s, const char *text, size_t len, int *ends_in_loop)
{
	unsigned set = 0;
	*ends_in_loop = 0;
	if (is_empty(text, len))
		set |= 1u << COT_D_EMPTY;
	struct text_stats st;
	text_stats(s, text, len, &st);
	if (is_padded(&st))
		set |= 1u << COT_D_PADDED;
	if (is_non_english(text, len))
		set |= 1u << COT_D_NON_ENGLISH;
	if (is_repetitive(&st)) {
		set |= 1u << COT_D_REPETITIVE;
		*ends_in_loop = st.tail_repeat;
	}
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
}

void defect_scratch_free(struct defect_scratch *s)
{
	tab_free(&s->tok);
	tab_free(&s->gram);
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
