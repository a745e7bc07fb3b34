/* docs.c — the register of documents from JSON Lines (import.h:
 * import_documents), the path an agency brings its register over by, and
 * the demo's register.
 *
 * Each line is checked whole before anything is written: JSON, the
 * document's fields through the docs domain (docs.h) as the newsroom's
 * form checks them, and every attached file read and told by content.
 * Then, in one transaction per line, its terms, the document and its
 * files (bytes synced before their row) are written; a failure undoes the
 * line and takes its new files away again. Relations name documents by
 * number and are set after the last line. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "auth/auth.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/mem.h"
#include "core/status.h"
#include "core/text.h"
#include "docs/docs.h"
#include "files/files.h"
#include "import/import.h"
#include "import/importInt.h"
#include "store/store_docs.h"

#define MAX_PATH_LEN 1024

/* A relation waiting for the end of the input; seq is its place in the
 * input, so that sorting by document keeps the order they came in. */
struct pending {
	int64_t from_id, line;
	size_t seq;
	char *key, *number;
	int kind;
};

static int pending_cmp(const void *x, const void *y)
{
	const struct pending *a = x, *b = y;
	if (a->from_id != b->from_id)
		return a->from_id < b->from_id ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

struct pendings {
	struct pending *v;
	size_t n, cap;
};

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

/* The folded key of a term name, or NULL with *why when the name is too
 * long or has no letter or digit ("" for ""). Checked before anything is
 * written. */
static const char *term_key(struct arena *a, int kind, const char *name, const char **why)
{
	if (!*name)
		return "";
	if (text_length(name, strlen(name)) > DOCS_MAX_TERM) {
		*why = arena_printf(a, "%s dài quá %d ký tự", docs_term_kind_label(kind), DOCS_MAX_TERM);
		return NULL;
	}
	const char *key = docs_key(a, name);
	if (!*key) {
		*why = arena_printf(a, "%s “%s” không có chữ hoặc số", docs_term_kind_label(kind), name);
		return NULL;
	}
	return key;
}

/* The id of the term `name` (folded: key) of `kind`, created when missing
 * (0 for ""). */
static int ensure_term(struct store *st, int64_t site_id, int kind, const char *name, const char *key, int64_t *id)
{
	*id = 0;
	if (!*name)
		return LOA_OK;
	int rc = store_doc_term_find(st, site_id, kind, key, id);
	if (rc != LOA_NOTFOUND)
		return rc;
	struct doc_term t = {.site_id = site_id, .kind = kind, .name = name, .name_key = key, .position = 0};
	return store_doc_term_save(st, &t, id);
}

/* One attached file read whole; NULL data with *why on failure. */
struct file_in {
	char *data;
	size_t len;
	const char *name, *title;
	char digest[AUTH_TOKEN_HASH_LEN + 1];
};

static bool read_file(struct arena *a, const char *base, const char *rel, struct file_in *f, const char **why)
{
	if (!*rel || rel[0] == '/' || strstr(rel, "..") || strlen(rel) > MAX_PATH_LEN) {
		*why = arena_printf(a, "đường dẫn tệp “%s” phải nằm trong thư mục của tệp JSONL", rel);
		return false;
	}
	const char *path = arena_printf(a, "%s/%s", base, rel);
	FILE *fp = fopen(path, "rb");
	struct stat sb;
	if (!fp || fstat(fileno(fp), &sb) != 0 || !S_ISREG(sb.st_mode)) {
		*why = arena_printf(a, "không mở được tệp “%s”: %s", rel, fp ? "không phải tệp thường" : strerror(errno));
		if (fp)
			fclose(fp);
		return false;
	}
	if ((uint64_t)sb.st_size > FILES_MAX_BYTES || sb.st_size == 0) {
		fclose(fp);
		*why = arena_printf(a, "tệp “%s” %s", rel, sb.st_size ? "lớn quá 20 MB" : "trống");
		return false;
	}
	f->len = (size_t)sb.st_size;
	f->data = arena_alloc(a, f->len);
	size_t got = fread(f->data, 1, f->len, fp);
	fclose(fp);
	if (got != f->len) {
		*why = arena_printf(a, "không đọc hết tệp “%s”", rel);
		return false;
	}
	if (!files_sniff(f->data, f->len)) {
		*why = arena_printf(a, "tệp “%s” không thuộc loại được nhận (chỉ nhận " FILES_ACCEPTED_TEXT ")", rel);
		return false;
	}
	const char *slash = strrchr(rel, '/');
	f->name = slash ? slash + 1 : rel;
	auth_digest_hex(f->data, f->len, f->digest);
	return true;
}

/* The reason a document's fields were refused: the first message. */
static const char *first_error(const struct docs_errors *e)
{
	const char *all[] = {e->number, e->type, e->issuer, e->signer, e->issued,
			     e->effective, e->expires, e->summary, e->body};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (all[i])
			return all[i];
	return "văn bản không hợp lệ";
}

const char *import_doc_write(struct store *st, struct arena *a, int64_t site_id, const struct import_doc *in,
			     const char *base, const char *files_dir, struct import_doc_done *out)
{
	const char *why = NULL;
	*out = (struct import_doc_done){0};
	if (in->nfiles > DOCS_MAX_FILES)
		return "quá nhiều tệp đính kèm";
	if (!in->type || !*in->type)
		return "thiếu loại văn bản (type)";
	if (!in->issuer || !*in->issuer)
		return "thiếu cơ quan ban hành (issuer)";
	struct file_in *fin = arena_alloc(a, (in->nfiles + 1) * sizeof *fin);
	for (size_t i = 0; i < in->nfiles; i++) {
		if (!read_file(a, base, in->files[i], &fin[i], &why))
			return why;
		fin[i].title = in->file_titles ? in->file_titles[i] : "";
	}
	/* check the fields before writing anything (terms given as stand-ins) */
	struct docs_input di = {
		.number = in->number ? in->number : "", .signer = in->signer ? in->signer : "",
		.summary = in->summary ? in->summary : "", .body_html = in->body_html ? in->body_html : "",
		.issued = in->issued ? in->issued : "", .effective = in->effective ? in->effective : "",
		.expires = in->expires ? in->expires : "", .type_id = 1, .issuer_id = 1, .published = in->published,
	};
	struct document d = {.site_id = site_id};
	struct docs_errors e;
	if (!docs_from_input(a, &di, &d, &e))
		return first_error(&e);
	const char *field = in->field ? in->field : "";
	const char *tkey = term_key(a, DOC_TYPE, in->type, &why), *ikey = NULL, *fkey = NULL;
	if (!tkey || !(ikey = term_key(a, DOC_ISSUER, in->issuer, &why)) || !(fkey = term_key(a, DOC_FIELD, field, &why)))
		return why;
	out->began = true;
	out->written = arena_alloc(a, (in->nfiles + 1) * sizeof *out->written);
	int rc = ensure_term(st, site_id, DOC_TYPE, in->type, tkey, &d.type_id);
	if (rc == LOA_OK)
		rc = ensure_term(st, site_id, DOC_ISSUER, in->issuer, ikey, &d.issuer_id);
	if (rc == LOA_OK)
		rc = ensure_term(st, site_id, DOC_FIELD, field, fkey, &d.field_id);
	/* the same number of the same issuer: the same document */
	struct document *same;
	size_t nsame = 0;
	if (rc == LOA_OK && store_doc_by_key(st, site_id, d.number_key, a, &same, &nsame) == LOA_OK)
		for (size_t i = 0; i < nsame; i++)
			if (same[i].issuer_id == d.issuer_id) {
				d.id = same[i].id;
				d.created_at = same[i].created_at;
			}
	out->created = d.id == 0;
	int64_t id = d.id;
	if (rc == LOA_OK)
		rc = store_doc_save(st, &d, &id);
	struct stored_file *have = NULL;
	size_t nhave = 0;
	if (rc == LOA_OK && !out->created)
		rc = store_doc_files(st, site_id, id, a, &have, &nhave);
	for (size_t i = 0; rc == LOA_OK && i < in->nfiles; i++) {
		bool dup = false;
		for (size_t k = 0; k < nhave; k++)
			dup |= strcmp(have[k].digest, fin[i].digest) == 0;
		for (size_t k = 0; k < i; k++) /* the same bytes twice in one document */
			dup |= strcmp(fin[k].digest, fin[i].digest) == 0;
		if (dup)
			continue;
		struct files_upload up = {fin[i].data, fin[i].len, fin[i].name, fin[i].title, in->published};
		struct stored_file sf;
		const char *ferr = NULL;
		rc = files_save(st, files_dir, site_id, &up, d.updated_at ? d.updated_at : 0, a, &sf, &ferr);
		if (rc != LOA_OK) {
			why = ferr;
			break;
		}
		out->written[out->nwritten++] = sf.stored_name;
		rc = store_doc_file_attach(st, site_id, id, sf.id);
	}
	if (rc == LOA_OK)
		rc = store_doc_files_publish(st, site_id, id, in->published);
	out->id = id;
	if (rc == LOA_OK)
		return NULL;
	if (rc == LOA_CONFLICT)
		return docs_number_taken(a, d.number);
	if (rc == LOA_INVALID)
		return why ? why : "văn bản không hợp lệ";
	out->dbfail = rc != LOA_OK || !why;
	return why ? why : "lỗi cơ sở dữ liệu";
}

/* Imports one parsed line; NULL or the reason it was refused. *dbfail
 * on a database failure (the caller stops). */
static const char *import_one(struct store *st, struct arena *a, json_t *obj, const char *base,
			      const char *files_dir, const struct import_opts *o, int64_t line, struct pendings *pend,
			      bool *created, bool *dbfail)
{
	*dbfail = false;
	if (!json_is_object(obj))
		return "mỗi dòng phải là một đối tượng JSON";
	json_t *pub = json_object_get(obj, "published");
	json_t *files = json_object_get(obj, "files"), *rels = json_object_get(obj, "relations");
	if ((files && !json_is_array(files)) || (rels && !json_is_array(rels)))
		return "files và relations phải là mảng";
	if (json_array_size(files) > DOCS_MAX_FILES || json_array_size(rels) > DOCS_MAX_LINKS)
		return "quá nhiều tệp hoặc văn bản liên quan";
	size_t nf = json_array_size(files);
	const char **paths = arena_alloc(a, (nf + 1) * sizeof *paths), **titles = arena_alloc(a, (nf + 1) * sizeof *titles);
	for (size_t i = 0; i < nf; i++) {
		paths[i] = str(json_array_get(files, i), "path");
		titles[i] = str(json_array_get(files, i), "name");
	}
	for (size_t i = 0; i < json_array_size(rels); i++) {
		json_t *rj = json_array_get(rels, i);
		const char *k = str(rj, "kind");
		if ((strcmp(k, "replaces") != 0 && strcmp(k, "amends") != 0) || !*str(rj, "number"))
			return "mỗi quan hệ cần kind (replaces hoặc amends) và number";
	}
	struct import_doc in = {
		.number = str(obj, "number"), .type = str(obj, "type"), .issuer = str(obj, "issuer"),
		.field = str(obj, "field"), .signer = str(obj, "signer"), .summary = str(obj, "summary"),
		.body_html = str(obj, "body_html"), .issued = str(obj, "issued"), .effective = str(obj, "effective"),
		.expires = str(obj, "expires"), .published = !pub || json_is_true(pub), .files = paths,
		.file_titles = titles, .nfiles = nf,
	};
	if (store_begin(st) != LOA_OK) {
		*dbfail = true;
		return "lỗi cơ sở dữ liệu";
	}
	struct import_doc_done done;
	const char *why = import_doc_write(st, a, o->site_id, &in, base, files_dir, &done);
	*created = done.created;
	if (!why && store_commit(st) == LOA_OK) {
		for (size_t i = 0; i < json_array_size(rels); i++) {
			json_t *rj = json_array_get(rels, i);
			if (pend->n == pend->cap) {
				pend->cap = pend->cap ? pend->cap * 2 : 64;
				pend->v = xrealloc(pend->v, pend->cap * sizeof *pend->v);
			}
			const char *num = str(rj, "number");
			pend->v[pend->n] = (struct pending){done.id, line, pend->n, xstrdup(docs_key(a, num)), xstrdup(num),
							    strcmp(str(rj, "kind"), "replaces") == 0 ? DOC_REPLACES : DOC_AMENDS};
			pend->n++;
		}
		return NULL;
	}
	store_rollback(st);
	import_doc_unwrite(a, files_dir, &done);
	*dbfail = done.dbfail || !why;
	return why ? why : "lỗi cơ sở dữ liệu";
}

void import_doc_unwrite(struct arena *a, const char *files_dir, const struct import_doc_done *done)
{
	for (size_t i = 0; i < done->nwritten; i++)
		unlink(arena_printf(a, "%s/%s", files_dir, done->written[i]));
}

/* Sets the relations of every document that named some, by number: all
 * its lines' relations together (a document named on two lines gets
 * both), one per other document (the first named wins, as the store
 * keeps one relation per pair). */
static int resolve(struct store *st, struct arena *a, const struct import_opts *o, struct pendings *pend,
		   struct import_report *r)
{
	if (pend->n)
		qsort(pend->v, pend->n, sizeof *pend->v, pending_cmp);
	for (size_t i = 0; i < pend->n;) {
		size_t j = i;
		while (j < pend->n && pend->v[j].from_id == pend->v[i].from_id)
			j++;
		int64_t *to = arena_alloc(a, (j - i) * sizeof *to);
		int *kinds = arena_alloc(a, (j - i) * sizeof *kinds);
		size_t n = 0;
		for (size_t k = i; k < j; k++) {
			struct document *ds;
			size_t nd = 0, d = 0;
			if (store_doc_by_key(st, o->site_id, pend->v[k].key, a, &ds, &nd) != LOA_OK)
				return LOA_ERROR;
			/* the newest document of that number other than this one */
			while (d < nd && ds[d].id == pend->v[k].from_id)
				d++;
			if (d == nd) {
				/* the line itself was imported: the relation alone is missing */
				if (o->on_error)
					o->on_error(o->ctx, pend->v[k].line,
						    nd ? arena_printf(a, "văn bản không thể thay thế hay sửa đổi chính nó (số “%s”)",
								      pend->v[k].number)
						       : arena_printf(a, "không tìm thấy văn bản số “%s” để liên kết", pend->v[k].number));
				r->unlinked++;
				continue;
			}
			size_t seen = 0;
			while (seen < n && to[seen] != ds[d].id)
				seen++;
			if (seen < n)
				continue; /* named again (perhaps typed another way): linked once */
			to[n] = ds[d].id;
			kinds[n++] = pend->v[k].kind;
		}
		if (store_doc_set_links(st, o->site_id, pend->v[i].from_id, to, kinds, n) != LOA_OK)
			return LOA_ERROR;
		i = j;
	}
	return LOA_OK;
}

int import_documents(struct store *st, FILE *in, const char *base_dir, const char *files_dir,
		     const struct import_opts *o, struct import_report *r)
{
	struct buf line = BUF_INIT;
	struct arena *a = arena_new();
	struct pendings pend = {0};
	int rc = LOA_OK;
	int64_t lineno = 0;
	bool too_long;
	memset(r, 0, sizeof *r);
	while (import_read_line(in, &line, &too_long)) {
		lineno++;
		const char *s = line.data ? line.data : "";
		while (*s == ' ' || *s == '\t' || *s == '\r')
			s++;
		if (!*s)
			continue;
		r->lines++;
		arena_clear(a);
		const char *why = NULL;
		bool created = false, dbfail = false;
		json_error_t jerr;
		json_t *obj = too_long ? NULL : json_loadb(line.data, line.len, JSON_REJECT_DUPLICATES, &jerr);
		if (too_long)
			why = "dòng quá dài";
		else if (!obj)
			why = arena_printf(a, "JSON không hợp lệ (cột %d): %s", jerr.column, import_json_reason(&jerr));
		else
			why = import_one(st, a, obj, base_dir, files_dir, o, lineno, &pend, &created, &dbfail);
		json_decref(obj);
		if (dbfail) {
			if (o->on_error && why)
				o->on_error(o->ctx, lineno, why);
			rc = LOA_ERROR;
			break;
		}
		if (why) {
			if (o->on_error)
				o->on_error(o->ctx, lineno, why);
			r->failed++;
		} else if (created) {
			r->created++;
		} else {
			r->updated++;
		}
		if (o->on_progress && r->lines % 100 == 0)
			o->on_progress(o->ctx, r);
	}
	arena_clear(a);
	if (rc == LOA_OK)
		rc = resolve(st, a, o, &pend, r);
	for (size_t i = 0; i < pend.n; i++) {
		free(pend.v[i].key);
		free(pend.v[i].number);
	}
	free(pend.v);
	buf_reset(&line);
	arena_free(a);
	return rc;
}
