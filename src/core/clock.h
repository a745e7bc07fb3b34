/* clock.h — the server's time source for what the public side decides by
 * the clock (a consultation opens and closes, a form's time stamp).
 *
 * clock_now() is time(NULL), unless `loa serve --test-clock FILE` turned on
 * the test clock at start-up: then it is time(NULL) plus the offset in
 * seconds written in FILE (a signed decimal number; a missing or malformed
 * file counts as 0), read again on every call. Integration tests move the
 * server's time forward by rewriting the file instead of sleeping. The
 * setting is made once, before the server starts, and never changes. */
#ifndef LOA_CLOCK_H
#define LOA_CLOCK_H

#include <stdint.h>

int64_t clock_now(void);
/* Turns on the test clock; path is copied. Call before any thread starts. */
void clock_use_offset_file(const char *path);

#endif
