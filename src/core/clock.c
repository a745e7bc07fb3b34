/* clock.c — the server's time source (clock.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "core/num.h"

static char *offset_file; /* set once at start-up, then only read */

void clock_use_offset_file(const char *path)
{
	free(offset_file);
	offset_file = path ? strdup(path) : NULL;
}

/* The offset in FILE, 0 when it cannot be read as a bounded number. */
static int64_t read_offset(void)
{
	FILE *f = fopen(offset_file, "r");
	if (!f)
		return 0;
	char line[32] = "";
	if (!fgets(line, sizeof line, f))
		line[0] = '\0';
	fclose(f);
	line[strcspn(line, " \t\r\n")] = '\0';
	int64_t v = 0;
	return num_parse_i64(line, -(int64_t)100 * 366 * 86400, (int64_t)100 * 366 * 86400, &v) ? v : 0;
}

int64_t clock_now(void)
{
	int64_t now = (int64_t)time(NULL);
	return offset_file ? now + read_offset() : now;
}
