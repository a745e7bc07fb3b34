/* vntime.h — time in Vietnam (UTC+7 all year, no daylight saving).
 *
 * Times are stored as Unix seconds (UTC). A "day number" is the number of
 * days since 1970-01-01 in Vietnam time, so "today" and week boundaries
 * follow Vietnamese midnight regardless of the server's time zone. */
#ifndef LOA_VNTIME_H
#define LOA_VNTIME_H

#include <stdbool.h>
#include <stdint.h>

#define VN_OFFSET (7 * 3600)

struct vn_date {
	int year, month, day;   /* 1-based month and day */
	int hour, min, sec;
	int wday;               /* 0 = Monday ... 6 = Sunday */
};

void vn_from_unix(int64_t t, struct vn_date *out);
/* Day number in Vietnam time of instant t. */
int64_t vn_day(int64_t t);
/* Unix time of midnight (Vietnam) starting day number d. */
int64_t vn_day_start(int64_t d);
/* Day number of the Monday of the week containing day d. */
int64_t vn_week_monday(int64_t d);
/* Day number of a calendar date; false when the date does not exist. */
bool vn_day_of(int year, int month, int day, int64_t *out);
void vn_date_of_day(int64_t d, struct vn_date *out);

/* "dd/mm/yyyy HH:MM" into out (at least 17 bytes). */
void vn_format_datetime(int64_t t, char out[static 17]);
/* "dd/mm/yyyy" into out (at least 11 bytes). */
void vn_format_date(int64_t t, char out[static 11]);
/* RFC 3339 with +07:00, e.g. 2020-01-08T09:00:00+07:00 (26 bytes). */
void vn_format_iso(int64_t t, char out[static 26]);
/* RFC 1123 in GMT for HTTP and RSS, e.g. "Wed, 08 Jan 2020 02:00:00 GMT". */
void vn_format_http(int64_t t, char out[static 30]);
/* Vietnamese weekday name: "Thứ Hai" ... "Chủ nhật". */
const char *vn_weekday_name(int wday);

/* Parses ISO 8601 "YYYY-MM-DDTHH:MM[:SS][.fff](Z|+HH:MM|-HH:MM)" or a date
 * "YYYY-MM-DD" (taken as Vietnam midnight); false on anything else. */
bool vn_parse_iso(const char *s, int64_t *out);
/* Parses a date as people type it to a Vietnam day number: d/m/yyyy with
 * '/', '-', '.' or a space between (the same one twice), two-digit years
 * (00-69 are 20xx, 70-99 19xx), ddmmyyyy or ddmmyy as bare digits, and
 * yyyy-mm-dd. White space around is ignored. False when malformed or
 * impossible (31/02/2026). */
bool vn_parse_dmy(const char *s, int64_t *day);
/* Parses a time of day: "07:30", "7:30", "7.30", "7h30", "7h", "7g30",
 * "7 giờ 30", "7 giờ"; *minutes since midnight. False when malformed or out of range. */
bool vn_parse_hm(const char *s, int *minutes);

#endif
