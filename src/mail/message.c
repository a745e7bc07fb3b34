/* message.c — builds the messages the outbox sends (message.h). */
#include "mail/message.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void mail_base64(struct buf *out, const void *data, size_t n)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		buf_addch(out, b64[(v >> 18) & 63]);
		buf_addch(out, b64[(v >> 12) & 63]);
		buf_addch(out, i + 1 < n ? b64[(v >> 6) & 63] : '=');
		buf_addch(out, i + 2 < n ? b64[v & 63] : '=');
	}
}

/* Length of the UTF-8 sequence starting with byte c (1 for stray bytes). */
static size_t seq_len(unsigned char c)
{
	return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

void mail_encode_phrase(struct buf *out, const char *text)
{
	bool plain = true;
	for (const unsigned char *c = (const unsigned char *)text; *c; c++)
		if (*c < 0x20 || *c > 0x7E)
			plain = false;
	if (plain && strlen(text) <= 900 && !strstr(text, "=?")) {
		buf_adds(out, text);
		return;
	}
	/* "=?UTF-8?B?" + 60 base64 characters (45 bytes) + "?=" = 72 */
	const unsigned char *p = (const unsigned char *)text;
	size_t n = strlen(text);
	bool first = true;
	unsigned char chunk[45];
	while (n) {
		size_t used = 0;
		while (used < n) {
			size_t k = seq_len(p[used]);
			if (used + k > n)
				k = n - used;
			if (used + k > sizeof chunk)
				break;
			used += k;
		}
		for (size_t i = 0; i < used; i++)
			chunk[i] = p[i] < 0x20 || p[i] == 0x7F ? ' ' : p[i];
		if (!first)
			buf_adds(out, "\r\n ");
		buf_adds(out, "=?UTF-8?B?");
		mail_base64(out, chunk, used);
		buf_adds(out, "?=");
		first = false;
		p += used;
		n -= used;
	}
}

/* A header value from the outside: control characters become spaces. */
static void add_clean(struct buf *out, const char *s)
{
	for (; *s; s++)
		buf_addch(out, (unsigned char)*s < 0x20 || *s == 0x7F ? ' ' : *s);
}

bool mail_addr_ok(const char *addr)
{
	size_t n = strlen(addr);
	const char *at = strchr(addr, '@');
	if (n == 0 || n > 254 || !at || at == addr || strchr(at + 1, '@') || !strchr(at + 1, '.') ||
	    at[1] == '.' || addr[n - 1] == '.')
		return false;
	for (const unsigned char *c = (const unsigned char *)addr; *c; c++)
		if (*c <= 0x20 || *c >= 0x7F || strchr("<>()[]\\,;:\"", *c))
			return false;
	return true;
}

void mail_message_build(struct buf *out, const struct mail_message *m)
{
	/* Vietnam has kept +0700 without daylight saving since 1975 */
	time_t t = (time_t)(m->date + 7 * 3600);
	struct tm tm;
	gmtime_r(&t, &tm);
	static const char *days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char *months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
				       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	const char *at = strchr(m->from_addr, '@');
	const char *domain = at ? at + 1 : "localhost";

	buf_adds(out, "From: ");
	if (m->from_name && *m->from_name) {
		mail_encode_phrase(out, m->from_name);
		buf_adds(out, " ");
	}
	buf_adds(out, "<");
	add_clean(out, m->from_addr);
	buf_adds(out, ">\r\nTo: <");
	add_clean(out, m->to);
	buf_adds(out, ">\r\nSubject: ");
	mail_encode_phrase(out, m->subject);
	buf_addf(out, "\r\nDate: %s, %02d %s %04d %02d:%02d:%02d +0700\r\n", days[tm.tm_wday], tm.tm_mday,
		 months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
	buf_addf(out, "Message-ID: <loa.%lld.%lld@", (long long)m->id, (long long)m->date);
	add_clean(out, domain);
	buf_adds(out, ">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
		      "Content-Transfer-Encoding: 8bit\r\nAuto-Submitted: auto-generated\r\n\r\n");
	const char *p = m->body;
	size_t col = 0;
	while (*p) {
		if (*p == '\r' && p[1] == '\n')
			p++;
		if (*p == '\n' || *p == '\r') {
			buf_adds(out, "\r\n");
			col = 0;
			p++;
			continue;
		}
		size_t k = seq_len((unsigned char)*p);
		if (strnlen(p, k) < k)
			k = strnlen(p, k);
		if (col + k > 998) {
			buf_adds(out, "\r\n");
			col = 0;
		}
		buf_add(out, p, k);
		col += k;
		p += k;
	}
	if (col)
		buf_adds(out, "\r\n");
}

void mail_dot_stuff(struct buf *out, const char *data, size_t len)
{
	bool bol = true;
	for (size_t i = 0; i < len; i++) {
		char c = data[i];
		if (bol && c == '.')
			buf_addch(out, '.');
		if (c == '\n' && (i == 0 || data[i - 1] != '\r'))
			buf_addch(out, '\r');
		if (c == '\r' && (i + 1 >= len || data[i + 1] != '\n')) {
			buf_adds(out, "\r\n"); /* a bare CR ends a line too */
			bol = true;
			continue;
		}
		buf_addch(out, c);
		bol = c == '\n';
	}
	if (!bol)
		buf_adds(out, "\r\n");
	buf_adds(out, ".\r\n");
}
