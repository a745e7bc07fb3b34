/* escape.c — output escaping for HTML, XML, URL components and JSON; see
 * escape.h.
 *
 * Every function appends to `out` and copies runs of bytes that need no
 * escaping in one buf_add, so the common case (plain Vietnamese text) costs
 * one scan and one copy. None of them validate UTF-8 except esc_xml, which
 * must drop what XML cannot carry. */
#include "render/escape.h"

#include <stdint.h>

void esc_html(struct buf *out, const char *s, size_t n)
{
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_add(out, s + run, i - run);
		buf_adds(out, rep);
		run = i + 1;
	}
	buf_add(out, s + run, n - run);
}

/* Decodes one UTF-8 sequence at s[0..n) into *cp and returns its length, or
 * 0 when the bytes are not well-formed (overlong, surrogate, truncated). */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char c = s[0];
	size_t len;
	uint32_t v, min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		len = 2; v = c & 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3; v = c & 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4; v = c & 0x07; min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t k = 1; k < len; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[k] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

/* XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF] */
static int xml_char_ok(uint32_t cp)
{
	if (cp < 0x20)
		return cp == 0x9 || cp == 0xA || cp == 0xD;
	if (cp <= 0xD7FF)
		return 1;
	if (cp >= 0xE000 && cp <= 0xFFFD)
		return 1;
	return cp >= 0x10000 && cp <= 0x10FFFF;
}

void esc_xml(struct buf *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;
	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(p + i, n - i, &cp);
		if (k == 0 || !xml_char_ok(cp)) {
			/* malformed byte or a character XML cannot carry: drop it */
			esc_html(out, s + run, i - run);
			i += k ? k : 1;
			run = i;
			continue;
		}
		i += k;
	}
	esc_html(out, s + run, n - run);
}

void esc_url_component(struct buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~')
			continue;
		buf_add(out, s + run, i - run);
		char enc[3] = { '%', hex[c >> 4], hex[c & 15] };
		buf_add(out, enc, 3);
		run = i + 1;
	}
	buf_add(out, s + run, n - run);
}

/* JSON string body. Besides what JSON requires (" \ and C0 controls), < > &
 * and U+2028/U+2029 are escaped too, so the output is also safe inside an
 * HTML <script> element and in JavaScript source. */
void esc_json(struct buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *rep = NULL;
		char u[7];
		size_t skip = 1;
		switch (c) {
		case '"': rep = "\\\""; break;
		case '\\': rep = "\\\\"; break;
		case '\n': rep = "\\n"; break;
		case '\r': rep = "\\r"; break;
		case '\t': rep = "\\t"; break;
		case '\b': rep = "\\b"; break;
		case '\f': rep = "\\f"; break;
		case '<': rep = "\\u003c"; break;
		case '>': rep = "\\u003e"; break;
		case '&': rep = "\\u0026"; break;
		default:
			if (c < 0x20) {
				u[0] = '\\'; u[1] = 'u'; u[2] = '0'; u[3] = '0';
				u[4] = hex[c >> 4]; u[5] = hex[c & 15]; u[6] = '\0';
				rep = u;
			} else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
				   ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
				rep = (unsigned char)s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029";
				skip = 3;
			}
			break;
		}
		if (!rep)
			continue;
		buf_add(out, s + run, i - run);
		buf_adds(out, rep);
		i += skip - 1;
		run = i + 1;
	}
	buf_add(out, s + run, n - run);
}

void esc_csv(struct buf *out, const char *s)
{
	buf_addch(out, '"');
	if (*s == '=' || *s == '+' || *s == '-' || *s == '@')
		buf_addch(out, '\'');
	for (; *s; s++) {
		if (*s == '"')
			buf_addch(out, '"');
		buf_addch(out, *s);
	}
	buf_addch(out, '"');
}
