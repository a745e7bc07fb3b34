/* test_core.c — slugs, folding, Vietnam time, numbers, buffers, arena. */
#include <stdlib.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/num.h"
#include "core/text.h"
#include "core/vntime.h"
#include "test.h"

static const char *slug(const char *s, size_t max)
{
	static char out[512];
	struct buf b = BUF_INIT;
	text_slug(&b, s, max);
	snprintf(out, sizeof out, "%s", b.data);
	buf_reset(&b);
	return out;
}

static const char *fold(const char *s)
{
	static char out[512];
	struct buf b = BUF_INIT;
	text_fold(&b, s, strlen(s));
	snprintf(out, sizeof out, "%s", b.data);
	buf_reset(&b);
	return out;
}

static void test_slugs(void)
{
	CHECK_STR(slug("Hiệu quả công tác nhất thể hóa", 80), "hieu-qua-cong-tac-nhat-the-hoa", "slug of a Vietnamese title");
	CHECK_STR(slug("Đảng bộ xã Đông Hải: ĐẠI HỘI lần thứ XX!", 80), "dang-bo-xa-dong-hai-dai-hoi-lan-thu-xx",
		  "đ/Đ and punctuation");
	CHECK_STR(slug("  --Thuỷ lợi -- thủy lợi--  ", 80), "thuy-loi-thuy-loi", "old and new tone placement fold alike");
	CHECK_STR(slug("!!!", 80), "bai-viet", "empty slug falls back");
	CHECK_STR(slug("một hai ba bốn năm sáu", 12), "mot-hai-ba", "long slug cut at a dash");
	CHECK_STR(slug("Ðiện lực ðông", 80), "dien-luc-dong", "look-alike Ð and ð");
	CHECK_STR(slug("Năm 2026 – 100% thôn", 80), "nam-2026-100-thon", "digits kept");
	/* NFD input gives the same slug as NFC */
	CHECK_STR(slug("Ho\xcc\x80" "a Bi\xcc\x80" "nh", 80), "hoa-binh", "NFD input");
}

static void test_fold(void)
{
	CHECK_STR(fold("ĐẢNG"), "dang", "fold upper case with tone");
	CHECK_STR(fold("hoà hòa HOÀ"), "hoa hoa hoa", "fold tone placements");
	CHECK_STR(fold("Quý qúy"), "quy quy", "fold quý/qúy");
	CHECK_STR(fold("ăâêôơư"), "aaeoou", "fold vowel marks");
}

static void test_clean(void)
{
	struct arena *a = arena_new();
	CHECK(text_clean(a, "a\xff", 2) == NULL, "invalid UTF-8 rejected");
	CHECK_STR(text_clean(a, "a\r\nb\x01" "c\x7f", 7), "a\nbc", "control characters dropped, CRLF folded");
	CHECK_STR(text_clean(a, "Ho\xcc\x80" "a", 5), "Hòa", "NFC composition");
	CHECK(text_utf8_valid("Việt", strlen("Việt")), "valid UTF-8");
	CHECK(!text_utf8_valid("\xed\xa0\x80", 3), "surrogates are not valid UTF-8");
	CHECK(!text_utf8_valid("\xc0\xaf", 2), "overlong encoding rejected");
	CHECK(text_length("Việt Nam", strlen("Việt Nam")) == 8, "length counts code points");
	arena_free(a);
}

static void test_vntime(void)
{
	char dt[17], d[11], iso[26], http[30];
	/* 2020-01-08 02:00:00 UTC = 09:00 in Vietnam */
	int64_t t = 1578448800;
	vn_format_datetime(t, dt);
	CHECK_STR(dt, "08/01/2020 09:00", "dd/mm/yyyy HH:MM in Vietnam time");
	vn_format_date(t, d);
	CHECK_STR(d, "08/01/2020", "dd/mm/yyyy");
	vn_format_iso(t, iso);
	CHECK_STR(iso, "2020-01-08T09:00:00+07:00", "ISO with +07:00");
	vn_format_http(t, http);
	CHECK_STR(http, "Wed, 08 Jan 2020 02:00:00 GMT", "HTTP date in GMT");
	/* 16:59:59 UTC is 23:59:59 in Vietnam; 17:00 UTC is the next day there */
	int64_t before = 1578502799, after = 1578502800;
	CHECK(vn_day(after) == vn_day(before) + 1, "Vietnam midnight is 17:00 UTC");
	vn_format_datetime(after, dt);
	CHECK_STR(dt, "09/01/2020 00:00", "midnight formatted");
	CHECK(vn_day_start(vn_day(t)) == 1578416400, "day start is Vietnam midnight");
	struct vn_date v;
	vn_from_unix(t, &v);
	CHECK(v.wday == 2, "8 January 2020 was a Wednesday (Thứ Tư)");
	CHECK_STR(vn_weekday_name(v.wday), "Thứ Tư", "weekday name");
	CHECK(vn_week_monday(vn_day(t)) == vn_day(t) - 2, "Monday of the week");
	int64_t p;
	CHECK(vn_parse_iso("2020-01-08T09:00:00+07:00", &p) && p == t, "parse ISO with offset");
	CHECK(vn_parse_iso("2020-01-08T02:00:00Z", &p) && p == t, "parse ISO Z");
	CHECK(vn_parse_iso("2020-01-08T04:00+02:00", &p) && p == t, "parse ISO without seconds");
	CHECK(vn_parse_iso("2020-01-08T09:00:00.123+07:00", &p) && p == t, "parse fractional seconds");
	CHECK(!vn_parse_iso("2020-01-08T09:00:00", &p), "ISO without offset refused");
	CHECK(!vn_parse_iso("2020-02-30T09:00:00Z", &p), "impossible date refused");
	CHECK(!vn_parse_iso("08/01/2020", &p), "dd/mm/yyyy is not ISO");
	int64_t day;
	CHECK(vn_parse_dmy("29/02/2024", &day), "leap day parses");
	CHECK(!vn_parse_dmy("29/02/2025", &day), "non-leap 29/02 refused");
	/* Dates as people type them (the list): all the same day. */
	int64_t want;
	CHECK(vn_day_of(2026, 9, 1, &want), "1 Sept 2026 exists");
	static const char *const same[] = {"01/09/2026", "1/9/2026", "1-9-2026", "1.9.2026", "01092026", "1/9/26",
					   "010926", " 1/9/2026 ", "1 9 2026", "2026-09-01", "01.09.26"};
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
		CHECK(vn_parse_dmy(same[i], &day) && day == want, "date typed as \"%s\" is 1/9/2026", same[i]);
	CHECK(vn_parse_dmy("1/1/85", &day) && vn_day_of(1985, 1, 1, &want) && day == want, "two-digit year 85 is 1985");
	static const char *const bad[] = {"", "1/9", "1/9/", "1/9-2026", "32/1/2026", "1/13/2026", "1//2026",
					  "1/9/202", "1/9/20266", "0109202", "a/b/cccc", "1/9/2026x", "31/02/2026",
					  "123/1/2026", "1/9/2026/1"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		CHECK(!vn_parse_dmy(bad[i], &day), "\"%s\" is not a date", bad[i]);
	int mins;
	static const struct {
		const char *s;
		int m;
	} hm[] = {{"07:30", 450}, {"7:30", 450}, {"7.30", 450}, {"7h30", 450}, {"7h", 420}, {"7g30", 450},
		  {"23:59", 1439}, {"0:00", 0}, {"7 giờ 30", 450}, {"7giờ30", 450}, {"7 giờ", 420}, {"14h 05", 845},
		  {" 7 h ", 420}};
	for (size_t i = 0; i < sizeof hm / sizeof hm[0]; i++)
		CHECK(vn_parse_hm(hm[i].s, &mins) && mins == hm[i].m, "time \"%s\" is %d minutes", hm[i].s, hm[i].m);
	static const char *const badhm[] = {"", "24:00", "7:60", "7:3", "7:", "7h300", "abc", "7:30pm", "7 30",
					"giờ 30", "7 giờ 3", "7 phút"};
	for (size_t i = 0; i < sizeof badhm / sizeof badhm[0]; i++)
		CHECK(!vn_parse_hm(badhm[i], &mins), "\"%s\" is not a time", badhm[i]);
}

static void test_num(void)
{
	int64_t v;
	char s[32];
	CHECK(num_parse_i64("3815734", 0, 10000000, &v) && v == 3815734, "parse number");
	CHECK(!num_parse_i64("12a", 0, 100, &v), "trailing garbage refused");
	CHECK(!num_parse_i64("", 0, 100, &v), "empty refused");
	CHECK(!num_parse_i64("101", 0, 100, &v), "over the bound refused");
	CHECK(!num_parse_i64("99999999999999999999", 0, INT64_MAX, &v), "overflow refused");
	num_format_vi(3815734, s);
	CHECK_STR(s, "3.815.734", "Vietnamese thousands separator");
	num_format_vi(0, s);
	CHECK_STR(s, "0", "zero");
	num_format_vi(999, s);
	CHECK_STR(s, "999", "no separator below a thousand");
}

static void test_buf_arena(void)
{
	struct buf b = BUF_INIT;
	CHECK(b.data && b.data[0] == '\0', "empty buffer is a valid string");
	for (int i = 0; i < 1000; i++)
		buf_addf(&b, "%d,", i);
	CHECK(b.len == strlen(b.data), "buffer stays NUL-terminated");
	size_t n;
	char *p = buf_detach(&b, &n);
	CHECK(n > 3000 && b.len == 0 && b.data[0] == '\0', "detach hands over and empties");
	free(p);
	struct arena *a = arena_new();
	char *big = arena_alloc(a, 100000);
	memset(big, 1, 100000);
	char *s = arena_printf(a, "%s-%d", "x", 5);
	CHECK_STR(s, "x-5", "arena printf");
	char long_fmt[600];
	memset(long_fmt, 'y', sizeof long_fmt - 1);
	long_fmt[sizeof long_fmt - 1] = '\0';
	CHECK(strlen(arena_printf(a, "%s", long_fmt)) == 599, "arena printf longer than the stack buffer");
	arena_free(a);
}

int main(void)
{
	test_slugs();
	test_fold();
	test_clean();
	test_vntime();
	test_num();
	test_buf_arena();
	return test_done();
}
