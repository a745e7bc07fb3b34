/* num.c — checked number parsing and Vietnamese number formatting. */
#include "core/num.h"

#include <stdio.h>
#include <string.h>

bool num_parse_i64(const char *s, int64_t min, int64_t max, int64_t *out)
{
	if (!s || !*s)
		return false;
	bool neg = false;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (!*s || strlen(s) > 19)
		return false;
	uint64_t v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	if (v > (uint64_t)INT64_MAX)
		return false;
	int64_t r = neg ? -(int64_t)v : (int64_t)v;
	if (r < min || r > max)
		return false;
	*out = r;
	return true;
}

void num_format_vi(int64_t v, char out[static 32])
{
	char tmp[24];
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	int n = 0;
	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	int o = 0;
	if (v < 0)
		out[o++] = '-';
	for (int i = n - 1; i >= 0; i--) {
		out[o++] = tmp[i];
		if (i && i % 3 == 0)
			out[o++] = '.';
	}
	out[o] = '\0';
}

int num_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}
