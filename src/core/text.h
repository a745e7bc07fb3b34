/* text.h — UTF-8 text helpers: validation, NFC, Vietnamese folding, slugs.
 *
 * This is the only module that includes utf8proc. Folding is the single
 * function used for URL slugs now and for search indexing and queries later
 * (the search issue), so that "Đảng", "dang" and "ĐẢNG" meet. */
#ifndef LOA_TEXT_H
#define LOA_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"

/* True when s[0..n) is well-formed UTF-8 (no overlongs, no surrogates). */
bool text_utf8_valid(const char *s, size_t n);

/* Returns an arena copy of s in Unicode NFC with C0 control characters other
 * than \t \n removed and \r\n turned into \n; NULL if s is not valid UTF-8. */
char *text_clean(struct arena *a, const char *s, size_t n);

/* Appends the folded form of s: đ/Đ/Ð/ð -> d, NFD then every combining mark
 * dropped, then lower-cased. Invalid UTF-8 bytes are skipped. */
void text_fold(struct buf *out, const char *s, size_t n);

/* How the search tokenizer sees a code point: letters and digits (Unicode
 * L* and N*) make words, combining marks (M*) belong to the letter before
 * them, everything else separates words. */
enum text_kind { TEXT_SEPARATOR = 0, TEXT_WORD = 1, TEXT_MARK = 2 };

#define TEXT_FOLD_MAX 24 /* bytes of one code point's folded form, at most */
#define TEXT_MARKS_MAX 4

/* One code point, as text_fold treats it: `fold` is exactly what text_fold
 * appends for it alone; `marks` are the combining marks of its canonical
 * decomposition (a lone mark lists itself), in order, the first
 * TEXT_MARKS_MAX kept. */
struct text_char {
	int kind; /* enum text_kind */
	uint8_t fold_len, nmarks;
	char fold[TEXT_FOLD_MAX];
	int32_t marks[TEXT_MARKS_MAX];
};
/* Fills *out for code point cp (any value; invalid ones are separators
 * that fold to nothing). */
void text_char_info(int32_t cp, struct text_char *out);

/* Appends a URL slug: folded, ASCII letters and digits kept, every other run
 * turned into one '-', no leading or trailing '-', at most `max` bytes (cut
 * at a '-' when possible). An empty result becomes "bai-viet". */
void text_slug(struct buf *out, const char *s, size_t max);

/* Number of code points (for length limits stated to users). */
size_t text_length(const char *s, size_t n);

#endif
