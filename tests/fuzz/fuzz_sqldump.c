/* fuzz_sqldump.c — sqldump_read on arbitrary bytes: never reads outside
 * its input or the values it delivers (the sanitizers watch), every
 * delivered value is terminated and every text value is UTF-8, and an
 * error always comes with a message. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/status.h"
#include "core/text.h"
#include "import/sqldump.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int check_row(void *ctx, const struct sqldump_row *r)
{
	(void)ctx;
	if (!r->table || (r->ncols && !r->v))
		abort();
	for (size_t i = 0; i < r->ncols; i++) {
		const struct sqldump_value *v = &r->v[i];
		if (v->s[v->len] != '\0')
			abort();
		if (v->kind == SQLDUMP_STR && !text_utf8_valid(v->s, v->len))
			abort();
		if (r->cols && !r->cols[i])
			abort();
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy = calloc(1, size ? size : 1);
	if (!copy)
		abort();
	if (size)
		memcpy(copy, data, size);
	FILE *f = fmemopen(copy, size ? size : 1, "r");
	if (!f)
		abort();
	if (!size)
		fgetc(f); /* fmemopen needs a non-empty buffer: read it away */
	struct sqldump_opts o = {.on_row = check_row, .max_value = 4096, .max_rows = 10000};
	struct sqldump_info info;
	char *err = NULL;
	int rc = sqldump_read(f, &o, &info, &err);
	if (rc != LOA_OK && (!err || !*err || !text_utf8_valid(err, strlen(err))))
		abort();
	if (rc == LOA_OK && err)
		abort();
	free(err);
	fclose(f);
	free(copy);
	return 0;
}
