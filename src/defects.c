/* defects.c - see defects.h. */
#include <stdio.h>
#include <string.h>

#include "cotscan.h"
#include "defects.h"

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

unsigned defects_detect(const char *text, size_t len)
{
	unsigned set = 0;
	if (is_empty(text, len))
		set |= 1u << COT_D_EMPTY;
	return set;
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
