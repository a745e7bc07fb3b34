/* text.c — UTF-8 helpers on top of utf8proc; see text.h. */
#include "core/text.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

bool text_utf8_valid(const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t i = 0;
	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0)
			return false;
		i += (size_t)k;
	}
	return true;
}

size_t text_length(const char *s, size_t n)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			count++;
	return count;
}

/* A quick check that s is in NFC without normalizing it: true when every
 * code point is one that NFC leaves alone whatever surrounds it (below
 * U+0300, Latin Extended Additional with the precomposed Vietnamese
 * letters, common punctuation) — so no combining mark is present. Text that
 * fails the check is simply normalized. */
static bool already_nfc(const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t i = 0;
	while (i < n) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0)
			return false;
		if (!(cp < 0x300 || (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2010 && cp <= 0x2027)))
			return false;
		i += (size_t)k;
	}
	return true;
}

char *text_clean(struct arena *a, const char *s, size_t n)
{
	if (!text_utf8_valid(s, n))
		return NULL;
	/* drop control characters first (ASCII-only, safe bytewise) */
	char *tmp = arena_alloc(a, n + 1);
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\r') {
			if (i + 1 < n && s[i + 1] == '\n')
				continue;
			tmp[m++] = '\n';
		} else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
			continue;
		} else {
			tmp[m++] = (char)c;
		}
	}
	tmp[m] = '\0';
	if (m == 0 || already_nfc(tmp, m))
		return tmp;
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)tmp, (utf8proc_ssize_t)m, &nfc,
					  UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (r < 0)
		return NULL;
	char *out = arena_strndup(a, (const char *)nfc, (size_t)r);
	free(nfc);
	return out;
}

static bool is_d_stroke(utf8proc_int32_t cp)
{
	return cp == 0x0110 || cp == 0x0111 || cp == 0x00D0 || cp == 0x00F0;
}

static void char_info_slow(int32_t cp, struct text_char *out);

/* Latin letters with marks (all of Vietnamese's among them) are looked up
 * in tables filled once: decomposing every character of every article was
 * the largest cost of indexing. */
#define LATIN_LO 0x0080
#define LATIN_HI 0x0250
#define EXT_LO 0x1E00
#define EXT_HI 0x1F00
static struct text_char latin_table[LATIN_HI - LATIN_LO], ext_table[EXT_HI - EXT_LO];
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static void fill_tables(void)
{
	for (int32_t cp = LATIN_LO; cp < LATIN_HI; cp++)
		char_info_slow(cp, &latin_table[cp - LATIN_LO]);
	for (int32_t cp = EXT_LO; cp < EXT_HI; cp++)
		char_info_slow(cp, &ext_table[cp - EXT_LO]);
}

void text_char_info(int32_t cp, struct text_char *out)
{
	if (cp >= LATIN_LO && cp < LATIN_HI) {
		pthread_once(&tables_once, fill_tables);
		*out = latin_table[cp - LATIN_LO];
		return;
	}
	if (cp >= EXT_LO && cp < EXT_HI) {
		pthread_once(&tables_once, fill_tables);
		*out = ext_table[cp - EXT_LO];
		return;
	}
	char_info_slow(cp, out);
}

static void char_info_slow(int32_t cp, struct text_char *out)
{
	memset(out, 0, sizeof *out);
	if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return;
	if (cp < 0x80) {
		char c = (char)cp;
		bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
		out->kind = alnum ? TEXT_WORD : TEXT_SEPARATOR;
		out->fold[0] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
		out->fold_len = 1;
		return;
	}
	switch (utf8proc_get_property(cp)->category) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		out->kind = TEXT_WORD;
		break;
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		out->kind = TEXT_MARK;
		break;
	default:
		out->kind = TEXT_SEPARATOR;
		break;
	}
	if (is_d_stroke(cp)) {
		out->fold[0] = 'd';
		out->fold_len = 1;
		return;
	}
	utf8proc_int32_t dec[8];
	int last = 0;
	utf8proc_ssize_t m = utf8proc_decompose_char(cp, dec, 8, UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD, &last);
	if (m < 0 || m > 8)
		return;
	for (utf8proc_ssize_t j = 0; j < m; j++) {
		const utf8proc_property_t *prop = utf8proc_get_property(dec[j]);
		if (prop->category == UTF8PROC_CATEGORY_MN || prop->category == UTF8PROC_CATEGORY_MC ||
		    prop->category == UTF8PROC_CATEGORY_ME) {
			if (out->nmarks < TEXT_MARKS_MAX)
				out->marks[out->nmarks++] = dec[j];
			continue;
		}
		utf8proc_int32_t c = is_d_stroke(dec[j]) ? 'd' : dec[j];
		uint8_t enc[4];
		utf8proc_ssize_t e = utf8proc_encode_char(c, enc);
		if (e > 0 && out->fold_len + (size_t)e <= TEXT_FOLD_MAX) {
			memcpy(out->fold + out->fold_len, enc, (size_t)e);
			out->fold_len = (uint8_t)(out->fold_len + e);
		}
	}
}

void text_fold(struct buf *out, const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t i = 0;
	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0) {
			i++;
			continue;
		}
		i += (size_t)k;
		if (cp < 0x80) {
			char c = (char)cp;
			buf_addch(out, c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c);
			continue;
		}
		struct text_char tc;
		text_char_info(cp, &tc);
		buf_add(out, tc.fold, tc.fold_len);
	}
}

void text_slug(struct buf *out, const char *s, size_t max)
{
	struct buf f = BUF_INIT;
	text_fold(&f, s, strlen(s));
	size_t start = out->len;
	bool dash = false;
	for (size_t i = 0; i < f.len; i++) {
		char c = f.data[i];
		bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
		if (keep) {
			if (dash && out->len > start)
				buf_addch(out, '-');
			dash = false;
			buf_addch(out, c);
		} else {
			dash = true;
		}
	}
	buf_reset(&f);
	if (out->len - start > max) {
		size_t cut = start + max;
		while (cut > start && out->data[cut] != '-')
			cut--;
		if (cut == start)
			cut = start + max;
		buf_setlen(out, cut);
	}
	if (out->len == start)
		buf_adds(out, "bai-viet");
}
