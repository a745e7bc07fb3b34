/* test_ical.c — the iCalendar writer (render/ical.h): TEXT escaping and
 * folding at 75 octets without splitting a UTF-8 sequence. */
#include <stdbool.h>
#include <string.h>

#include "render/ical.h"
#include "test.h"

/* Every physical line of `s` ends with CRLF, is at most 75 octets, and
 * every continuation starts with a space and not inside a UTF-8 sequence. */
static bool lines_ok(const char *s, size_t *nlines)
{
	*nlines = 0;
	while (*s) {
		const char *crlf = strstr(s, "\r\n");
		if (!crlf || crlf - s > ICAL_LINE_MAX)
			return false;
		if (*nlines > 0 && (s[0] != ' ' || ((unsigned char)s[1] & 0xC0) == 0x80))
			return false;
		for (const char *p = s; p < crlf; p++)
			if (*p == '\r' || *p == '\n')
				return false;
		(*nlines)++;
		s = crlf + 2;
	}
	return true;
}

/* The logical line back: CRLF + space removed (RFC 5545 3.1 unfolding). */
static void unfold(const char *s, struct buf *out)
{
	for (; *s; s++) {
		if (s[0] == '\r' && s[1] == '\n' && s[2] == ' ') {
			s += 2;
			continue;
		}
		buf_addch(out, *s);
	}
}

static void test_escape(void)
{
	struct buf b = BUF_INIT;
	ical_text(&b, "SUMMARY", "Họp; bàn, kế hoạch\\năm\nmới\r\nxong\rhết\x01");
	CHECK_STR(b.data, "SUMMARY:Họp\\; bàn\\, kế hoạch\\\\năm\\nmới\\nxong\\nhết\r\n",
		  "TEXT: backslash, semicolon, comma, LF, CRLF and CR escaped; controls dropped");
	buf_setlen(&b, 0);
	ical_text(&b, "LOCATION", "");
	CHECK_STR(b.data, "LOCATION:\r\n", "empty TEXT value");
	buf_setlen(&b, 0);
	ical_line(&b, "DTSTART;TZID=Asia/Ho_Chi_Minh", "20260105T073000");
	CHECK_STR(b.data, "DTSTART;TZID=Asia/Ho_Chi_Minh:20260105T073000\r\n", "a line with a parameter, not escaped");
	buf_reset(&b);
}

static void test_fold(void)
{
	struct buf b = BUF_INIT, u = BUF_INIT;
	size_t n;
	char ascii[200];
	memset(ascii, 'a', sizeof ascii - 1);
	ascii[sizeof ascii - 1] = '\0';
	ical_text(&b, "DESCRIPTION", ascii);
	CHECK(lines_ok(b.data, &n) && n == 3, "ASCII: folded into lines of at most 75 octets (%zu lines)", n);
	CHECK(strncmp(b.data, "DESCRIPTION:", 12) == 0 && b.data[75] == '\r', "the first line is exactly 75 octets");
	unfold(b.data, &u);
	CHECK(strncmp(u.data, "DESCRIPTION:", 12) == 0 && strncmp(u.data + 12, ascii, 199) == 0 &&
		      strcmp(u.data + 12 + 199, "\r\n") == 0,
	      "unfolding gives the line back");
	buf_setlen(&b, 0);
	buf_setlen(&u, 0);

	/* Vietnamese: 2- and 3-byte sequences everywhere, so some cut must move */
	const char *vi = "Hội nghị triển khai nhiệm vụ phát triển kinh tế - xã hội, quốc phòng - an ninh "
			 "năm 2026 của Ủy ban nhân dân xã Hòa Lạc Sơn; thành phần: lãnh đạo các ngành, đoàn thể";
	for (int shift = 0; shift < 4; shift++) {
		char name[16] = "SUMMARY";
		memset(name + 7, 'X', (size_t)shift); /* move the cuts across the text */
		name[7 + shift] = '\0';
		ical_text(&b, name, vi);
		bool ok = lines_ok(b.data, &n);
		CHECK(ok && n >= 2, "Vietnamese (shift %d): lines of at most 75 octets, no sequence split", shift);
		unfold(b.data, &u);
		struct buf esc = BUF_INIT;
		ical_escape_text(&esc, vi, strlen(vi));
		CHECK(strstr(u.data, esc.data) != NULL, "Vietnamese (shift %d): unfolds to the same text", shift);
		buf_reset(&esc);
		buf_setlen(&b, 0);
		buf_setlen(&u, 0);
	}

	char exact[76];
	memset(exact, 'b', 75);
	exact[75] = '\0';
	ical_line(&b, "X", exact + 2); /* "X:" + 73 = 75 octets: no fold */
	CHECK(lines_ok(b.data, &n) && n == 1, "a line of exactly 75 octets is not folded");
	buf_setlen(&b, 0);
	ical_line(&b, "X", exact + 1); /* 76 octets: one fold */
	CHECK(lines_ok(b.data, &n) && n == 2, "a line of 76 octets is folded once");
	buf_reset(&b);
	buf_reset(&u);
}

int main(void)
{
	test_escape();
	test_fold();
	return test_done();
}
