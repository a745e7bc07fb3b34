/* num.h — checked number parsing: whole string, decimal, within bounds. */
#ifndef LOA_NUM_H
#define LOA_NUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when s is an optionally signed decimal integer in [min, max]. */
bool num_parse_i64(const char *s, int64_t min, int64_t max, int64_t *out);
/* The value of hexadecimal digit c (0-9, a-f, A-F), or -1. */
int num_hexval(int c);
/* Formats v with '.' thousands separators, Vietnamese style: 3.815.734. */
void num_format_vi(int64_t v, char out[static 32]);

#endif
