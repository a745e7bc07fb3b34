/* fuzz_import.c — import_jsonl (`loa import`, JSON Lines of articles) on
 * arbitrary bytes, into an in-memory database. Besides memory errors (the
 * sanitizers watch) it checks what the import promises: the input is read
 * to the end (an in-memory database never fails), every non-blank line is
 * counted once (created + updated + failed), each refused line is reported
 * with its number, and the articles table grows by at most the lines
 * counted as created. The database is made anew every few hundred inputs
 * so that it stays small and the fuzzer fast. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/status.h"
#include "import/import.h"
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct store *st;
static int64_t site;
static int uses;

static void close_store(void)
{
	store_close(st);
	st = NULL;
}

static void open_store(void)
{
	char *err = NULL;
	st = store_open(":memory:", true, &err);
	struct site s = {.name = "Xã Thử", .host = "thu.example"};
	if (!st || store_site_create(st, &s, &site, NULL) != LOA_OK) {
		fprintf(stderr, "fuzz_import: %s\n", err ? err : "no store");
		abort();
	}
	free(err);
}

struct errors {
	int64_t n, last_line;
};

static void on_error(void *ctx, int64_t line, const char *msg)
{
	struct errors *e = ctx;
	if (line < 1 || line < e->last_line || !msg || !*msg)
		abort();
	e->last_line = line;
	e->n++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 65536)
		return 0;
	if (!st) {
		open_store();
		atexit(close_store);
	} else if (++uses % 300 == 0) {
		store_close(st);
		open_store();
	}
	/* a copy of exactly `size` bytes, so that a read past the end is caught */
	char *copy = malloc(size ? size : 1);
	if (!copy)
		abort();
	if (size)
		memcpy(copy, data, size);
	FILE *in = size ? fmemopen(copy, size, "r") : fopen("/dev/null", "r");
	if (!in)
		abort();
	struct errors e = {0, 0};
	struct import_opts o = {.site_id = site, .on_error = on_error, .ctx = &e};
	struct import_report r;
	memset(&r, 0, sizeof r);
	int rc = import_jsonl(st, in, &o, &r);
	fclose(in);
	free(copy);
	if (rc != LOA_OK || r.created < 0 || r.updated < 0 || r.failed < 0 ||
	    r.lines != r.created + r.updated + r.failed || e.n != r.failed) {
		fprintf(stderr, "fuzz_import: rc %d, lines %lld, created %lld, updated %lld, failed %lld, reported %lld\n",
			rc, (long long)r.lines, (long long)r.created, (long long)r.updated, (long long)r.failed,
			(long long)e.n);
		abort();
	}
	return 0;
}
