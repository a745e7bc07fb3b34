/* text.h — UTF-8 text helpers: validation, NFC, Vietnamese folding, slugs.
 *
 * This is the only module that includes utf8proc. Folding is the single
 * function used for URL slugs now and for search indexing and queries later
 * (the search issue), so that "Đảng", "dang" and "ĐẢNG" meet. */
#ifndef LOA_TEXT_H
#define LOA_TEXT_H

#include <stdbool.h>
#include <stddef.h>

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

/* Appends a URL slug: folded, ASCII letters and digits kept, every other run
 * turned into one '-', no leading or trailing '-', at most `max` bytes (cut
 * at a '-' when possible). An empty result becomes "bai-viet". */
void text_slug(struct buf *out, const char *s, size_t max);

/* Number of code points (for length limits stated to users). */
size_t text_length(const char *s, size_t n);

#endif
