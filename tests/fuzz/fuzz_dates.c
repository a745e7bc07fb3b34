/* fuzz_dates.c — the date and time parsers of core/vntime on arbitrary
 * text: what they accept is a real date or time, and a date written back
 * as dd/mm/yyyy (or an instant as ISO 8601) parses to the same value. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/vntime.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 64)
		return 0;
	char *s = malloc(size + 1); /* exactly the input and its NUL: a read past it is caught */
	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	int64_t day, t, again;
	if (vn_parse_dmy(s, &day)) {
		struct vn_date d;
		vn_date_of_day(day, &d);
		char back[11];
		vn_format_date(vn_day_start(day), back);
		if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31 || !vn_parse_dmy(back, &again) || again != day)
			abort();
	}
	if (vn_parse_iso(s, &t)) {
		struct vn_date d;
		vn_from_unix(t, &d);
		char back[26];
		vn_format_iso(t, back);
		if (d.year >= 1000 && d.year <= 9999 && (!vn_parse_iso(back, &again) || again != t))
			abort();
	}
	int minutes;
	if (vn_parse_hm(s, &minutes) && (minutes < 0 || minutes >= 24 * 60))
		abort();
	free(s);
	return 0;
}
