/* ical.h — writing iCalendar (RFC 5545) content lines: TEXT escaping
 * (3.3.11) and line folding (3.1). Every line ends with CRLF and is folded
 * at 75 octets, continuation lines starting with one space, never inside a
 * UTF-8 sequence. The caller builds the calendar's structure from these. */
#ifndef LOA_RENDER_ICAL_H
#define LOA_RENDER_ICAL_H

#include <stddef.h>

#include "core/buf.h"

#define ICAL_LINE_MAX 75 /* octets per physical line, CRLF excluded */

/* Appends `s` (n bytes) escaped as a TEXT value: backslash, semicolon and
 * comma get a backslash, a newline (LF or CRLF) becomes "\n", other
 * control characters are dropped. */
void ical_escape_text(struct buf *out, const char *s, size_t n);
/* Appends the content line "name:value" (value written as given: the
 * caller escaped it), folded, with its CRLF. `name` may carry parameters
 * ("DTSTART;TZID=Asia/Ho_Chi_Minh"). */
void ical_line(struct buf *out, const char *name, const char *value);
/* ical_line with `text` escaped as TEXT first. */
void ical_text(struct buf *out, const char *name, const char *text);

#endif
