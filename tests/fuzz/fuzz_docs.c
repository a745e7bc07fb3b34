/* fuzz_docs.c — import_documents (`loa import --documents`) on arbitrary
 * bytes, into an in-memory database emptied after each input, with a folder of
 * attachments the lines may name (files/a.pdf, files/b.pdf, files/scan.png,
 * a web page, an empty file, a folder). Besides memory errors (the
 * sanitizers watch) it checks what the import promises:
 *   - the input is read to the end (an in-memory database never fails);
 *   - every non-blank line is counted once: created + updated + failed;
 *   - the register holds exactly the documents counted as created, each
 *     valid by the domain's rules (docs.h);
 *   - the files folder holds exactly the bytes the documents' files name:
 *     nothing left behind by a refused line, nothing missing.
 * The fixtures and the database are made on the first input; after each
 * input the import's documents, files and terms are removed again, so
 * every input starts from an empty register (and the fuzzer stays fast). */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/status.h"
#include "docs/docs.h"
#include "files/files.h"
#include "import/import.h"
#include "store/store.h"
#include "store/store_docs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char base[64];  /* the JSONL file's folder, with files/ */
static char files[96]; /* where the import writes the stored files */
static struct store *st;
static int64_t site;

static void put(const char *rel, const void *bytes, size_t n)
{
	char path[160];
	snprintf(path, sizeof path, "%s/%s", base, rel);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(bytes, 1, n, f) != n || fclose(f) != 0)
		abort();
}

static void empty_dir(const char *dir, bool remove_it)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[400];
	while (d && (e = readdir(d)))
		if (e->d_name[0] != '.') {
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			if (unlink(path) != 0)
				empty_dir(path, true);
		}
	if (d)
		closedir(d);
	if (remove_it)
		rmdir(dir);
}

static void remove_fixtures(void)
{
	store_close(st);
	empty_dir(base, true);
}

static void make_fixtures(void)
{
	snprintf(base, sizeof base, "%s/loa-fuzz-docs-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(base))
		abort();
	atexit(remove_fixtures);
	char dir[96];
	snprintf(dir, sizeof dir, "%s/files", base);
	snprintf(files, sizeof files, "%s/stored", base);
	if (mkdir(dir, 0700) != 0 || mkdir(files, 0700) != 0)
		abort();
	static const char pdf_a[] = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
	static const char pdf_b[] = "%PDF-1.7\n% another document\n%%EOF\n";
	static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
	static const char html[] = "<!doctype html><title>không phải văn bản</title>";
	put("files/a.pdf", pdf_a, sizeof pdf_a - 1);
	put("files/b.pdf", pdf_b, sizeof pdf_b - 1);
	put("files/scan.png", png, sizeof png);
	put("files/page.pdf", html, sizeof html - 1); /* a web page named .pdf */
	put("files/empty.pdf", "", 0);
	snprintf(dir, sizeof dir, "%s/files/folder.pdf", base);
	if (mkdir(dir, 0700) != 0)
		abort();
	char *err = NULL;
	st = store_open(":memory:", true, &err);
	struct site s = {.name = "Xã Thử", .host = "thu.example"};
	if (!st || store_site_create(st, &s, &site, NULL) != LOA_OK) {
		fprintf(stderr, "fuzz_docs: %s\n", err ? err : "no store");
		abort();
	}
	free(err);
}

/* Takes every document, its files (rows and bytes) and every term away. */
static void empty_register(void)
{
	struct arena *a = arena_new();
	struct document *docs;
	struct doc_term *terms;
	size_t n = 0, nt = 0;
	if (store_doc_all(st, site, false, a, &docs, &n) != LOA_OK)
		abort();
	for (size_t i = 0; i < n; i++) {
		struct stored_file *f;
		size_t nf = 0;
		if (store_doc_files(st, site, docs[i].id, a, &f, &nf) != LOA_OK)
			abort();
		for (size_t k = 0; k < nf; k++)
			if (files_remove(st, files, site, f[k].id) != LOA_OK)
				abort();
		if (store_doc_delete(st, site, docs[i].id) != LOA_OK)
			abort();
	}
	if (store_doc_term_list(st, site, -1, a, &terms, &nt) != LOA_OK)
		abort();
	for (size_t i = 0; i < nt; i++)
		if (store_doc_term_delete(st, site, terms[i].id) != LOA_OK)
			abort();
	arena_free(a);
}

static size_t count_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;
	while (d && (e = readdir(d)))
		n += e->d_name[0] != '.';
	if (d)
		closedir(d);
	return n;
}

static void fail(const char *what, const struct import_report *r)
{
	fprintf(stderr, "fuzz_docs: %s (lines %lld, created %lld, updated %lld, failed %lld, unlinked %lld)\n", what,
		(long long)r->lines, (long long)r->created, (long long)r->updated, (long long)r->failed,
		(long long)r->unlinked);
	abort();
}

/* Each stored document passes the domain's rules again, and the files
 * folder holds exactly its documents' files. */
static void check_register(const struct import_report *r)
{
	struct arena *a = arena_new();
	struct document *docs;
	size_t n = 0, nfiles = 0;
	if (store_doc_all(st, site, false, a, &docs, &n) != LOA_OK)
		fail("the register cannot be read", r);
	if ((int64_t)n != r->created)
		fail("documents stored differ from those counted as created", r);
	for (size_t i = 0; i < n; i++) {
		struct stored_file *f;
		size_t nf = 0;
		if (store_doc_files(st, site, docs[i].id, a, &f, &nf) != LOA_OK)
			fail("a document's files cannot be read", r);
		for (size_t k = 0; k < nf; k++) {
			char path[300];
			struct stat sb;
			snprintf(path, sizeof path, "%s/%s", files, f[k].stored_name);
			if (stat(path, &sb) != 0 || sb.st_size != f[k].size || f[k].public != docs[i].published)
				fail("a stored file is missing, of the wrong size or visibility", r);
		}
		nfiles += nf;
		if (!*docs[i].number || !*docs[i].number_key || !*docs[i].summary || !docs[i].issued_day ||
		    (docs[i].effective_day && docs[i].effective_day < docs[i].issued_day) ||
		    (docs[i].expires_day && docs[i].expires_day <= docs[i].issued_day))
			fail("a stored document breaks the domain's rules", r);
	}
	if (count_dir(files) != nfiles)
		fail("the files folder holds bytes no document names", r);
	arena_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!*base)
		make_fixtures();
	/* a copy of exactly `size` bytes, so that a read past the end is caught */
	char *copy = malloc(size ? size : 1);
	if (!copy)
		abort();
	if (size)
		memcpy(copy, data, size);
	FILE *in = size ? fmemopen(copy, size, "r") : fopen("/dev/null", "r");
	if (!in)
		abort();
	struct import_opts o = {.site_id = site};
	struct import_report r;
	int rc = import_documents(st, in, base, files, &o, &r);
	fclose(in);
	if (rc != LOA_OK)
		fail("the import stopped on a database failure", &r);
	if (r.lines != r.created + r.updated + r.failed)
		fail("lines not counted once each", &r);
	check_register(&r);
	empty_register();
	if (count_dir(files) != 0)
		fail("removing the documents' files left bytes behind", &r);
	free(copy);
	return 0;
}
