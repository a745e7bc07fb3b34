/* ical.c — iCalendar content lines (ical.h). A line is built whole in a
 * scratch buffer, then copied out in pieces of at most 75 octets (74 after
 * the leading space of a continuation), each cut moved back to the start
 * of a UTF-8 sequence so that no character is split across lines. */
#include <string.h>

#include "render/ical.h"

void ical_escape_text(struct buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\\' || c == ';' || c == ',') {
			buf_addch(out, '\\');
			buf_addch(out, (char)c);
		} else if (c == '\n') {
			buf_adds(out, "\\n");
		} else if (c == '\r') {
			if (i + 1 >= n || s[i + 1] != '\n')
				buf_adds(out, "\\n"); /* a lone CR is a line break too */
		} else if (c < 0x20 || c == 0x7f) {
			/* control characters are not allowed in TEXT */
		} else {
			buf_addch(out, (char)c);
		}
	}
}

/* Appends line (n bytes, no CRLF) folded. */
static void fold(struct buf *out, const char *line, size_t n)
{
	size_t pos = 0, room = ICAL_LINE_MAX;
	while (n - pos > room) {
		size_t cut = pos + room;
		while (cut > pos && ((unsigned char)line[cut] & 0xC0) == 0x80)
			cut--; /* back to the first byte of the sequence */
		if (cut == pos)
			cut = pos + room; /* not UTF-8 at all: cut where the limit is */
		buf_add(out, line + pos, cut - pos);
		buf_adds(out, "\r\n ");
		pos = cut;
		room = ICAL_LINE_MAX - 1;
	}
	buf_add(out, line + pos, n - pos);
	buf_adds(out, "\r\n");
}

void ical_line(struct buf *out, const char *name, const char *value)
{
	struct buf line = BUF_INIT;
	buf_adds(&line, name);
	buf_addch(&line, ':');
	buf_adds(&line, value ? value : "");
	fold(out, line.data, line.len);
	buf_reset(&line);
}

void ical_text(struct buf *out, const char *name, const char *text)
{
	struct buf line = BUF_INIT;
	buf_adds(&line, name);
	buf_addch(&line, ':');
	if (text)
		ical_escape_text(&line, text, strlen(text));
	fold(out, line.data, line.len);
	buf_reset(&line);
}
