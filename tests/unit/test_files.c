/* test_files.c — files/files.h: types told by content (never by name),
 * containers looked into (ZIP, OLE), hostile offsets, atomic writes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/status.h"
#include "files/files.h"
#include "store/store.h"
#include "store/store_files.h"
#include "test.h"

static void put16(struct buf *b, unsigned v)
{
	unsigned char c[2] = {v & 0xff, (v >> 8) & 0xff};
	buf_add(b, c, 2);
}

static void put32(struct buf *b, unsigned long v)
{
	put16(b, v & 0xffff);
	put16(b, (v >> 16) & 0xffff);
}

/* A ZIP of stored entries: names[i] holding contents[i]. */
static void make_zip(struct buf *z, const char *const *names, const char *const *contents, int n)
{
	unsigned long offs[8];
	for (int i = 0; i < n; i++) {
		offs[i] = z->len;
		size_t nl = strlen(names[i]), cl = strlen(contents[i]);
		buf_add(z, "PK\3\4", 4);
		put16(z, 10), put16(z, 0), put16(z, 0), put16(z, 0), put16(z, 0);
		put32(z, 0), put32(z, cl), put32(z, cl);
		put16(z, nl), put16(z, 0);
		buf_add(z, names[i], nl);
		buf_add(z, contents[i], cl);
	}
	unsigned long cd = z->len;
	for (int i = 0; i < n; i++) {
		size_t nl = strlen(names[i]), cl = strlen(contents[i]);
		buf_add(z, "PK\1\2", 4);
		put16(z, 20), put16(z, 10), put16(z, 0), put16(z, 0), put16(z, 0), put16(z, 0);
		put32(z, 0), put32(z, cl), put32(z, cl);
		put16(z, nl), put16(z, 0), put16(z, 0), put16(z, 0), put16(z, 0);
		put32(z, 0), put32(z, offs[i]);
		buf_add(z, names[i], nl);
	}
	unsigned long cdlen = z->len - cd;
	buf_add(z, "PK\5\6", 4);
	put16(z, 0), put16(z, 0), put16(z, n), put16(z, n);
	put32(z, cdlen), put32(z, cd), put16(z, 0);
}

/* An OLE compound file whose first directory sector names `stream`. */
static void make_cfb(unsigned char *d, size_t n, const char *stream)
{
	memset(d, 0, n);
	memcpy(d, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
	d[30] = 9; /* 512-byte sectors */
	d[48] = 0; /* directory in sector 0, at byte 512 */
	unsigned char *root = d + 512, *ent = d + 512 + 128;
	const char *rn = "Root Entry";
	for (size_t i = 0; rn[i]; i++)
		root[2 * i] = (unsigned char)rn[i];
	root[64] = (unsigned char)(2 * (strlen(rn) + 1));
	for (size_t i = 0; stream[i]; i++)
		ent[2 * i] = (unsigned char)stream[i];
	ent[64] = (unsigned char)(2 * (strlen(stream) + 1));
}

static const char *ext_of(const void *d, size_t n)
{
	const struct file_type *t = files_sniff(d, n);
	return t ? t->ext : "(refused)";
}

static void test_sniff(void)
{
	CHECK_STR(ext_of("%PDF-1.7\n%...", 13), "pdf", "PDF by its header");
	CHECK_STR(ext_of("\xFF\xD8\xFF\xE0", 4), "jpg", "JPEG scan");
	CHECK_STR(ext_of("\x89PNG\r\n\x1a\n....", 12), "png", "PNG scan");
	CHECK_STR(ext_of("<html><script>", 14), "(refused)", "HTML refused");
	CHECK_STR(ext_of("MZ\x90\0", 4), "(refused)", "an executable refused");
	CHECK_STR(ext_of("", 0), "(refused)", "empty refused");
	CHECK(files_sniff(NULL, 10) == NULL, "NULL refused");

	struct buf z = BUF_INIT;
	const char *dn[] = {"[Content_Types].xml", "word/document.xml"}, *dc[] = {"<Types/>", "<w:document/>"};
	make_zip(&z, dn, dc, 2);
	CHECK_STR(ext_of(z.data, z.len), "docx", "DOCX by its central directory");
	const struct file_type *t = files_sniff(z.data, z.len);
	CHECK(t && strcmp(t->label, "Word") == 0 && strstr(t->mime, "wordprocessingml"), "DOCX type and label");
	buf_reset(&z);
	const char *xn[] = {"[Content_Types].xml", "xl/workbook.xml"}, *xc[] = {"<Types/>", "<workbook/>"};
	make_zip(&z, xn, xc, 2);
	CHECK_STR(ext_of(z.data, z.len), "xlsx", "XLSX by its central directory");
	buf_reset(&z);
	const char *on[] = {"mimetype", "content.xml"},
		   *oc[] = {"application/vnd.oasis.opendocument.text", "<office:document-content/>"};
	make_zip(&z, on, oc, 2);
	CHECK_STR(ext_of(z.data, z.len), "odt", "ODT by its mimetype entry");
	buf_reset(&z);
	const char *pn[] = {"evil.exe"}, *pc[] = {"MZ"};
	make_zip(&z, pn, pc, 1);
	CHECK_STR(ext_of(z.data, z.len), "(refused)", "any other ZIP refused (even named .docx)");
	/* a central directory offset pointing past the end */
	size_t e = z.len - 22;
	z.data[e + 16] = (char)0xff, z.data[e + 17] = (char)0xff, z.data[e + 18] = 0x7f;
	CHECK_STR(ext_of(z.data, z.len), "(refused)", "hostile central directory offset refused");
	/* every truncation of a DOCX is read safely */
	buf_reset(&z);
	make_zip(&z, dn, dc, 2);
	int safe = 1;
	for (size_t k = 0; k < z.len; k++) {
		const struct file_type *tt = files_sniff(z.data, k);
		if (tt && strcmp(tt->ext, "docx") == 0)
			safe = 0; /* the directory is at the end: a cut file is no DOCX */
	}
	CHECK(safe, "truncated DOCX never taken for one");
	buf_reset(&z);

	static unsigned char cfb[1024];
	make_cfb(cfb, sizeof cfb, "WordDocument");
	CHECK_STR(ext_of(cfb, sizeof cfb), "doc", "DOC by its WordDocument stream");
	make_cfb(cfb, sizeof cfb, "Workbook");
	CHECK_STR(ext_of(cfb, sizeof cfb), "xls", "XLS by its Workbook stream");
	make_cfb(cfb, sizeof cfb, "PowerPoint Document");
	CHECK_STR(ext_of(cfb, sizeof cfb), "(refused)", "other compound files refused");
	make_cfb(cfb, sizeof cfb, "WordDocument");
	cfb[48] = 0xff, cfb[49] = 0xff, cfb[50] = 0xff, cfb[51] = 0x7f;
	CHECK_STR(ext_of(cfb, sizeof cfb), "(refused)", "hostile directory sector refused");
	make_cfb(cfb, sizeof cfb, "WordDocument");
	CHECK_STR(ext_of(cfb, 600), "(refused)", "truncated compound file refused");
}

static void test_write(void)
{
	char dir[64];
	snprintf(dir, sizeof dir, "%s/loa-files-XXXXXX", P_tmpdir); /* mkdtemp's template */
	CHECK(mkdtemp(dir) != NULL, "temporary folder");
	char sub[80];
	snprintf(sub, sizeof sub, "%s/2026", dir);
	CHECK(files_write_atomic(sub, "a1b2.pdf", "%PDF-1.4 x", 10) == LOA_OK, "written (folder made)");
	char path[112];
	snprintf(path, sizeof path, "%s/a1b2.pdf", sub);
	FILE *f = fopen(path, "rb");
	char got[16] = {0};
	size_t n = f ? fread(got, 1, sizeof got, f) : 0;
	if (f)
		fclose(f);
	CHECK(n == 10 && memcmp(got, "%PDF-1.4 x", 10) == 0, "content as given");
	CHECK(files_write_atomic(sub, "a1b2.pdf", "%PDF-2", 6) == LOA_OK, "replaced whole");
	struct stat st;
	CHECK(stat(path, &st) == 0 && st.st_size == 6, "new size");
	CHECK(files_write_atomic(sub, "../x", "a", 1) == LOA_INVALID, "a name with / refused");
	CHECK(files_write_atomic(sub, "..", "a", 1) == LOA_INVALID, "'..' refused");
	CHECK(files_write_atomic(sub, ".hidden", "a", 1) == LOA_INVALID, "dot names refused");
	CHECK(files_write_atomic(sub, "", "a", 1) == LOA_INVALID, "empty name refused");
	CHECK(files_write_atomic("/proc/loa-nope/x", "a.pdf", "a", 1) == LOA_ERROR, "unwritable folder: error");
	/* nothing but the one file remains (no temporary left behind) */
	char cmd[200];
	snprintf(cmd, sizeof cmd, "test \"$(ls -A %s | wc -l)\" = 1", sub);
	CHECK(system(cmd) == 0, "no temporary file left");
	unlink(path);
	rmdir(sub);
	rmdir(dir);
}

/* Files made by a real ZIP writer (Python's zipfile), kept in the fuzz
 * corpus: compressed entries, data descriptors and all. */
static void test_corpus(void)
{
	static const char *const kinds[] = {"docx", "xlsx", "odt", "doc", "pdf"};
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		char path[128];
		snprintf(path, sizeof path, "tests/fuzz/corpus/files/%s", kinds[i]);
		FILE *f = fopen(path, "rb");
		static unsigned char data[65536];
		size_t n = f ? fread(data, 1, sizeof data, f) : 0;
		if (f)
			fclose(f);
		CHECK(n > 0, "corpus file %s readable (run from the project folder)", kinds[i]);
		CHECK_STR(ext_of(data, n), kinds[i], "real %s told by content", kinds[i]);
	}
}

static void test_names(void)
{
	struct arena *a = arena_new();
	CHECK_STR(files_clean_name(a, "C:\\fakepath\\Nghị quyết 12.PDF", "pdf"), "Nghị quyết 12.PDF",
		  "a Windows path cut to its name, extension kept");
	CHECK_STR(files_clean_name(a, "../../etc/kế hoạch", "docx"), "kế hoạch.docx", "path dropped, type added");
	CHECK_STR(files_clean_name(a, "bao \"cao\"\n.doc", "pdf"), "bao cao.doc.pdf", "quotes and breaks dropped");
	CHECK(files_clean_name(a, "   ", "pdf") == NULL, "nothing left: NULL");
	CHECK(files_clean_name(a, "\xff\xfe.pdf", "pdf") == NULL, "invalid UTF-8: NULL");
	struct stored_file f = {.id = 7, .title = "Nghị quyết số 12/NQ-HĐND", .original_name = "Nghị quyết 12 (bản ký).pdf",
				.kind = "pdf"};
	CHECK_STR(files_url(a, &f), "/tep/7/nghi-quyet-so-12-nq-hdnd.pdf", "download URL from the readable name");
	struct buf b = BUF_INIT;
	files_disposition(&b, &f);
	CHECK_STR(b.data,
		  "attachment; filename=\"nghi-quyet-so-12-nq-hdnd.pdf\"; "
		  "filename*=UTF-8''Ngh%E1%BB%8B%20quy%E1%BA%BFt%2012%20%28b%E1%BA%A3n%20k%C3%BD%29.pdf",
		  "Content-Disposition: ASCII fallback and the original percent-encoded");
	buf_reset(&b);
	CHECK_STR(files_size_text(a, 900), "900 byte", "bytes");
	CHECK_STR(files_size_text(a, 35 * 1024), "35 KB", "kilobytes");
	CHECK_STR(files_size_text(a, 1536 * 1024), "1,5 MB", "megabytes with a decimal comma");
	CHECK(files_type_by_ext("docx") && strstr(files_type_by_ext("docx")->mime, "wordprocessingml"), "type by ext");
	CHECK(files_type_by_ext("exe") == NULL, "unknown ext");
	arena_free(a);
}

static void test_stored(void)
{
	char dir[64], db[96];
	snprintf(dir, sizeof dir, "%s/loa-stored-XXXXXX", P_tmpdir);
	CHECK(mkdtemp(dir) != NULL, "temporary folder");
	snprintf(db, sizeof db, "%s/t.db", dir);
	char *oerr = NULL;
	struct store *st = store_open(db, true, &oerr);
	CHECK(st != NULL, "open (%s)", oerr ? oerr : "ok");
	free(oerr);
	if (!st)
		return;
	struct site s = {.host = "", .name = "Xã", .tagline = "", .footer = "", .contact = ""};
	int64_t site;
	const char *serr = NULL;
	CHECK(store_site_create(st, &s, &site, &serr) == LOA_OK, "site");
	struct arena *a = arena_new();
	const char *fdir = files_dir(a, dir);
	struct stored_file f;
	const char *err = NULL;
	struct files_upload bad = {"<html><script>", 14, "bao-cao.pdf", "", true};
	CHECK(files_save(st, fdir, site, &bad, 100, a, &f, &err) == LOA_INVALID, "HTML named .pdf refused");
	CHECK(err && strstr(err, "bao-cao.pdf") && strstr(err, "PDF, Word (DOC, DOCX)"), "message names file and types: %s",
	      err ? err : "");
	struct files_upload empty = {"", 0, "x.pdf", "", true};
	CHECK(files_save(st, fdir, site, &empty, 100, a, &f, &err) == LOA_INVALID, "empty refused");
	struct files_upload ok = {"%PDF-1.4\n%%EOF\n", 15, "Quyết định 5.pdf", "", true};
	CHECK(files_save(st, fdir, site, &ok, 100, a, &f, &err) == LOA_OK, "PDF saved");
	CHECK_STR(f.title, "Quyết định 5", "readable name from the file name");
	CHECK_STR(f.kind, "pdf", "kind sniffed");
	CHECK(strlen(f.stored_name) == 36 && strspn(f.stored_name, "0123456789abcdef") == 32, "random hex name: %s",
	      f.stored_name);
	CHECK(strlen(f.digest) == 64, "digest");
	struct stat sb;
	const char *path = arena_printf(a, "%s/%s", fdir, f.stored_name);
	CHECK(stat(path, &sb) == 0 && sb.st_size == 15, "bytes on disk");
	struct stored_file got;
	CHECK(store_file_get(st, site, f.id, a, &got) == LOA_OK && got.size == 15 && got.public, "row read back");
	CHECK_STR(got.original_name, "Quyết định 5.pdf", "original name kept");
	CHECK(store_file_get(st, site + 1, f.id, a, &got) == LOA_NOTFOUND, "another site's file not found");
	got.title = "Quyết định số 5";
	got.public = false;
	CHECK(store_file_update(st, &got) == LOA_OK, "update");
	CHECK(store_file_get(st, site, f.id, a, &got) == LOA_OK && !got.public, "no longer public");
	CHECK(files_remove(st, fdir, site, f.id) == LOA_OK, "removed");
	CHECK(stat(path, &sb) != 0, "bytes gone");
	CHECK(files_remove(st, fdir, site, f.id) == LOA_NOTFOUND, "removed twice: not found");
	arena_free(a);
	store_close(st);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	CHECK(system(cmd) == 0, "cleaned");
}

int main(void)
{
	test_sniff();
	test_corpus();
	test_write();
	test_names();
	test_stored();
	return test_done();
}
