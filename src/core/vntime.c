/* vntime.c — civil-date arithmetic (Howard Hinnant's days_from_civil) fixed
 * at UTC+7; no libc time-zone state is touched, so it is thread-safe. */
#include "core/vntime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t yy = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

static int64_t floordiv(int64_t a, int64_t b)
{
	int64_t q = a / b;
	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

int64_t vn_day(int64_t t)
{
	return floordiv(t + VN_OFFSET, 86400);
}

int64_t vn_day_start(int64_t d)
{
	return d * 86400 - VN_OFFSET;
}

int64_t vn_week_monday(int64_t d)
{
	/* 1970-01-01 was a Thursday: (d + 3) mod 7 == 0 on Mondays */
	int64_t w = ((d + 3) % 7 + 7) % 7;
	return d - w;
}

void vn_date_of_day(int64_t d, struct vn_date *out)
{
	memset(out, 0, sizeof *out);
	civil_from_days(d, &out->year, &out->month, &out->day);
	out->wday = (int)(((d + 3) % 7 + 7) % 7);
}

void vn_from_unix(int64_t t, struct vn_date *out)
{
	int64_t d = vn_day(t);
	int64_t s = t + VN_OFFSET - d * 86400;
	vn_date_of_day(d, out);
	out->hour = (int)(s / 3600);
	out->min = (int)(s / 60 % 60);
	out->sec = (int)(s % 60);
}

static int days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && (unsigned)y % 100u != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

bool vn_day_of(int year, int month, int day, int64_t *out)
{
	if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
		return false;
	*out = days_from_civil(year, month, day);
	return true;
}

void vn_format_datetime(int64_t t, char out[static 17])
{
	struct vn_date v;
	vn_from_unix(t, &v);
	snprintf(out, 17, "%02u/%02u/%04u %02u:%02u", (unsigned)v.day % 100u, (unsigned)v.month % 100u, (unsigned)v.year % 10000u, (unsigned)v.hour % 100u,
		 (unsigned)v.min % 100u);
}

void vn_format_date(int64_t t, char out[static 11])
{
	struct vn_date v;
	vn_from_unix(t, &v);
	snprintf(out, 11, "%02u/%02u/%04u", (unsigned)v.day % 100u, (unsigned)v.month % 100u, (unsigned)v.year % 10000u);
}

void vn_format_iso(int64_t t, char out[static 26])
{
	struct vn_date v;
	vn_from_unix(t, &v);
	snprintf(out, 26, "%04u-%02u-%02uT%02u:%02u:%02u+07:00", (unsigned)v.year % 10000u, (unsigned)v.month % 100u, (unsigned)v.day % 100u,
		 (unsigned)v.hour % 100u, (unsigned)v.min % 100u, (unsigned)v.sec % 100u);
}

void vn_format_http(int64_t t, char out[static 30])
{
	static const char *wd[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
	static const char *mn[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
				   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	int64_t d = floordiv(t, 86400);
	int64_t s = t - d * 86400;
	int y, m, dd;
	civil_from_days(d, &y, &m, &dd);
	int w = (int)(((d + 3) % 7 + 7) % 7);
	snprintf(out, 30, "%s, %02u %s %04u %02u:%02u:%02u GMT", wd[w], (unsigned)dd % 100u, mn[m - 1], (unsigned)y % 10000u,
		 (unsigned)(s / 3600) % 100u, (unsigned)(s / 60 % 60), (unsigned)(s % 60));
}

const char *vn_weekday_name(int wday)
{
	static const char *names[] = {"Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"};
	return wday >= 0 && wday < 7 ? names[wday] : "";
}

static bool digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool vn_parse_iso(const char *s, int64_t *out)
{
	int y, mo, d, h = 0, mi = 0, se = 0;
	int64_t day;
	size_t n = strlen(s);
	if (n < 10 || !digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &mo) || s[7] != '-' ||
	    !digits(s + 8, 2, &d) || !vn_day_of(y, mo, d, &day))
		return false;
	if (n == 10) {
		*out = vn_day_start(day);
		return true;
	}
	const char *p = s + 10;
	if ((*p != 'T' && *p != ' ') || !digits(p + 1, 2, &h) || p[3] != ':' || !digits(p + 4, 2, &mi))
		return false;
	p += 6;
	if (*p == ':') {
		if (!digits(p + 1, 2, &se))
			return false;
		p += 3;
		if (*p == '.') {
			p++;
			while (*p >= '0' && *p <= '9')
				p++;
		}
	}
	if (h > 23 || mi > 59 || se > 60)
		return false;
	int64_t off;
	if (*p == 'Z' && p[1] == '\0') {
		off = 0;
	} else if ((*p == '+' || *p == '-') && strlen(p) == 6 && p[3] == ':') {
		int oh, om;
		if (!digits(p + 1, 2, &oh) || !digits(p + 4, 2, &om) || oh > 14 || om > 59)
			return false;
		off = (oh * 3600 + om * 60) * (*p == '-' ? -1 : 1);
	} else {
		return false;
	}
	*out = day * 86400 + h * 3600 + mi * 60 + se - off;
	return true;
}

/* Years written with two digits: 70..99 are 19xx, 00..69 are 20xx. */
static int full_year(int y, int ndigits)
{
	return ndigits == 2 ? (y >= 70 ? 1900 + y : 2000 + y) : y;
}

/* Reads 1..max digits at *p into *v; false when there is none. */
static bool read_num(const char **p, int max, int *v, int *ndigits)
{
	int n = 0, x = 0;
	while (n < max && (*p)[n] >= '0' && (*p)[n] <= '9') {
		x = x * 10 + ((*p)[n] - '0');
		n++;
	}
	if (n == 0 || ((*p)[n] >= '0' && (*p)[n] <= '9'))
		return false;
	*p += n;
	*v = x;
	*ndigits = n;
	return true;
}

bool vn_parse_dmy(const char *s, int64_t *day)
{
	int d, m, y, nd, nm, ny;
	while (*s == ' ' || *s == '\t')
		s++;
	size_t len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len == 0 || len > 10)
		return false;
	char buf[11];
	memcpy(buf, s, len);
	buf[len] = '\0';
	const char *p = buf;
	bool all_digits = strspn(buf, "0123456789") == len;
	if (all_digits && (len == 8 || len == 6)) { /* ddmmyyyy, ddmmyy */
		d = (buf[0] - '0') * 10 + (buf[1] - '0');
		m = (buf[2] - '0') * 10 + (buf[3] - '0');
		y = atoi(buf + 4);
		return vn_day_of(full_year(y, (int)len - 4), m, d, day);
	}
	if (len == 10 && buf[4] == '-' && buf[7] == '-') { /* yyyy-mm-dd */
		int64_t t;
		return vn_parse_iso(buf, &t) && (*day = vn_day(t), true);
	}
	if (!read_num(&p, 2, &d, &nd) || !strchr("/-. ", *p) || !*p)
		return false;
	char sep = *p++;
	if (!read_num(&p, 2, &m, &nm) || *p != sep)
		return false;
	p++;
	if (!read_num(&p, 4, &y, &ny) || *p || (ny != 2 && ny != 4))
		return false;
	(void)nd;
	(void)nm;
	return vn_day_of(full_year(y, ny), m, d, day);
}

/* The words written between hours and minutes: "7h30", "7g30", "7 giờ 30". */
static size_t hour_word(const char *p)
{
	static const char *const words[] = {"giờ", "h", "H", "g"};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strncmp(p, words[i], strlen(words[i])) == 0)
			return strlen(words[i]);
	return 0;
}

bool vn_parse_hm(const char *s, int *minutes)
{
	int h, m = 0, nh, nm;
	while (*s == ' ')
		s++;
	const char *p = s;
	if (!read_num(&p, 2, &h, &nh))
		return false;
	if (*p == ':' || *p == '.') {
		p++;
		if (!read_num(&p, 2, &m, &nm) || nm != 2)
			return false; /* "7:", "7:3" */
	} else {
		const char *q = p;
		while (*q == ' ')
			q++;
		size_t w = hour_word(q);
		if (w) {
			p = q + w;
			while (*p == ' ')
				p++;
			if (*p >= '0' && *p <= '9' && (!read_num(&p, 2, &m, &nm) || nm != 2))
				return false;
		}
	}
	while (*p == ' ')
		p++;
	if (*p || h > 23 || m > 59)
		return false;
	*minutes = h * 60 + m;
	return true;
}
