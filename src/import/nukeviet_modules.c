/* nukeviet_modules.c — the NukeViet modules beside the news: the laws
 * module into the register of documents (docs.h) through the register's
 * own writer, and the page modules into Giới thiệu (nukevietInt.h). */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/oldpath.h"
#include "core/status.h"
#include "core/vntime.h"
#include "docs/docs.h"
#include "import/nukevietInt.h"
#include "store/store_docs.h"

/* ---- the laws module, into the register of documents ---- */

static const struct nv_name *law_name(struct nv *nv, int kind, int64_t id)
{
	const struct nv_name *n = nv->names.p;
	for (size_t i = 0; i < nv->names.n; i++)
		if (n[i].base == nv->base && n[i].kind == kind && n[i].id == id)
			return &n[i];
	return NULL;
}

static const char *law_title(struct nv *nv, int kind, int64_t id)
{
	const struct nv_name *n = law_name(nv, kind, id);
	return n ? n->title : "";
}

/* The field of a document: its first _laws_row_area, else the old aid. */
static const char *law_field(struct nv *nv, const struct nv_law *l)
{
	const struct nv_name *n = nv->names.p;
	for (size_t i = 0; i < nv->names.n; i++)
		if (n[i].base == nv->base && n[i].kind == NV_LAWS_ROW_AREA && n[i].id == l->id)
			return law_title(nv, NV_LAWS_AREA, n[i].ref);
	return law_title(nv, NV_LAWS_AREA, l->aid);
}

static const char *day_text(struct arena *a, int64_t t)
{
	return t > 0 ? docs_day_text(a, vn_day(t)) : "";
}

/* The attached files of l that are there (relative to uploads/<upload>);
 * the others are reported. */
static size_t law_files(struct nv *nv, const struct nv_law *l, const char **out, size_t max)
{
	struct arena *a = nv->tmp;
	size_t n = 0;
	const char *what = arena_printf(a, "tệp của văn bản %lld", (long long)l->id);
	for (const char *p = l->files; *p && n < max;) {
		const char *comma = strchr(p, ',');
		const char *f = arena_strndup(a, p, comma ? (size_t)(comma - p) : strlen(p));
		p = comma ? comma + 1 : p + strlen(p);
		f = import_trim((char *)f);
		struct stat sb;
		if (!*f)
			continue;
		if (strncmp(f, "http", 4) == 0)
			nv_skip(nv, what, arena_printf(a, "tệp nằm ở trang khác, không chép: %s", f));
		else if (!nv->o->uploads)
			nv_skip(nv, what, "không có --uploads (thư mục uploads của NukeViet) nên không chép được tệp");
		else if (!nv_rel_path_ok(f))
			nv_skip(nv, what, "đường dẫn tệp không hợp lệ");
		else if (stat(arena_printf(a, "%s/%s/%s", nv->o->uploads, nv->laws_upload, f), &sb) != 0 ||
			 !S_ISREG(sb.st_mode))
			nv_skip(nv, what, arena_printf(a, "không có tệp trong thư mục tải lên (uploads/%s/%s)", nv->laws_upload, f));
		else
			out[n++] = f;
	}
	return n;
}

static int law_write(struct nv *nv, struct nv_law *l, const char *files_dir)
{
	struct arena *a = nv->tmp;
	const char *what = arena_printf(a, "văn bản %lld \"%s\"", (long long)l->id, *l->code ? l->code : l->title);
	const char *files[DOCS_MAX_FILES];
	struct import_doc in = {
		.number = l->code,
		.type = law_title(nv, NV_LAWS_CAT, l->cid),
		.issuer = law_title(nv, NV_LAWS_SUBJECT, l->sid),
		.field = law_field(nv, l),
		.signer = law_title(nv, NV_LAWS_SIGNER, l->sgid),
		.summary = *l->introtext ? l->introtext : l->title,
		.body_html = l->bodytext,
		.issued = day_text(a, l->publtime),
		.effective = day_text(a, l->startvalid),
		.expires = day_text(a, l->exptime),
		.published = l->status == 1,
		.files = files,
	};
	if (!*in.type || !*in.issuer || !*in.number) {
		nv->rep->docs_skipped++;
		nv_skip(nv, what, !*in.number ? "văn bản không có số hiệu"
			       : !*in.type ? "văn bản không có thể loại (loại văn bản) trong tệp"
					   : "văn bản không có cơ quan ban hành trong tệp");
		return LOA_OK;
	}
	in.nfiles = law_files(nv, l, files, DOCS_MAX_FILES);
	struct import_doc_done done;
	const char *why = import_doc_write(nv->st, a, nv->o->site_id, &in,
					   arena_printf(a, "%s/%s", nv->o->uploads ? nv->o->uploads : ".", nv->laws_upload),
					   files_dir, &done);
	for (size_t i = 0; i < done.nwritten; i++)
		*(const char **)nv_vec_push(&nv->files_written, sizeof(char *)) = arena_strdup(nv->a, done.written[i]);
	if (why && !done.began) {
		nv->rep->docs_skipped++;
		nv_skip(nv, what, why);
		return LOA_OK;
	}
	if (why) {
		nv_fail(nv, done.dbfail ? LOA_ERROR : LOA_INVALID, "không ghi được %s: %s", what, why);
		return nv->status;
	}
	l->loa_id = done.id;
	nv->rep->doc_files += (int64_t)done.nwritten;
	if (done.created)
		nv->rep->docs_created++;
	else
		nv->rep->docs_updated++;
	struct document d;
	if (store_doc_get(nv->st, nv->o->site_id, done.id, a, &d) != LOA_OK) {
		nv_fail(nv, LOA_ERROR, "không đọc lại được %s", what);
		return nv->status;
	}
	if (!d.published || !*l->alias)
		return LOA_OK;
	const char *urls[8];
	const char *op = arena_printf(a, "detail/%s", l->alias);
	size_t n = nv_old_forms_of(nv, nv->laws_module, false, a, arena_printf(a, "%s/", op), op, urls);
	return nv_redirects(nv, urls, n, docs_path(a, d.id, d.slug));
}

/* What the laws module's lists were: a type's, an issuer's, a field's
 * page go to the register filtered the same way. */
static int law_term_redirects(struct nv *nv)
{
	struct arena *a = nv->tmp;
	static const struct {
		int table, kind;
		const char *op, *param;
	} lists[] = {{NV_LAWS_CAT, DOC_TYPE, "", "loai"},
		     {NV_LAWS_SUBJECT, DOC_ISSUER, "subject/", "co-quan"},
		     {NV_LAWS_AREA, DOC_FIELD, "area/", "linh-vuc"}};
	const struct nv_name *n = nv->names.p;
	for (size_t i = 0; i < nv->names.n; i++)
		for (size_t k = 0; k < sizeof lists / sizeof lists[0]; k++) {
			int64_t id;
			if (n[i].base != nv->base || n[i].kind != lists[k].table || !*n[i].alias || !*n[i].title)
				continue;
			arena_clear(a);
			if (store_doc_term_find(nv->st, nv->o->site_id, lists[k].kind, docs_key(a, n[i].title), &id) != LOA_OK)
				continue; /* no imported document has it */
			const char *op = arena_printf(a, "%s%s", lists[k].op, n[i].alias), *urls[8];
			size_t c = nv_old_forms_of(nv, nv->laws_module, false, a, arena_printf(a, "%s/", op), op, urls);
			if (nv_redirects(nv, urls, c, arena_printf(a, "/van-ban?%s=%lld", lists[k].param, (long long)id)) != LOA_OK)
				return nv->status;
		}
	arena_clear(a);
	const char *l = nv->o->lang, *m = nv->laws_module;
	const char *home[3] = {arena_printf(a, "/%s/%s/", l, m), arena_printf(a, "/%s/", m),
			       arena_printf(a, "/index.php?language=%s&nv=%s", l, m)};
	if (nv_redirects(nv, home, 3, "/van-ban") != LOA_OK)
		return nv->status;
	const char *rss[3] = {arena_printf(a, "/%s/%s/rss/", l, m), arena_printf(a, "/%s/rss/", m),
			      arena_printf(a, "/index.php?language=%s&nv=%s&op=rss", l, m)};
	return nv_redirects(nv, rss, 3, "/van-ban/rss.xml");
}

/* Every document of the table set, then what each replaces (by the
 * NukeViet ids of its "replacement" list). */
int nv_laws_write(struct nv *nv)
{
	struct nv_law *l = nv->laws.p;
	bool any = false;
	const char *files_dir = arena_printf(nv->a, "%s/files", nv->o->media_dir);
	for (size_t i = 0; i < nv->laws.n; i++) {
		if (l[i].base != nv->base)
			continue;
		any = true;
		arena_clear(nv->tmp);
		if (law_write(nv, &l[i], files_dir) != LOA_OK)
			return nv->status;
	}
	if (!any)
		return LOA_OK;
	for (size_t i = 0; i < nv->laws.n; i++) {
		if (l[i].base != nv->base || !l[i].loa_id || !*l[i].replacement)
			continue;
		int64_t to[DOCS_MAX_LINKS];
		int kinds[DOCS_MAX_LINKS];
		size_t n = 0;
		for (const char *p = l[i].replacement; *p && n < DOCS_MAX_LINKS;) {
			char *end;
			long long id = strtoll(p, &end, 10);
			if (end == p)
				break;
			for (size_t k = 0; k < nv->laws.n; k++)
				if (l[k].base == nv->base && l[k].id == id && l[k].loa_id && l[k].loa_id != l[i].loa_id) {
					to[n] = l[k].loa_id;
					kinds[n++] = DOC_REPLACES;
				}
			p = *end == ',' ? end + 1 : end;
			if (*end != ',')
				break;
		}
		if (store_doc_set_links(nv->st, nv->o->site_id, l[i].loa_id, to, kinds, n) != LOA_OK) {
			nv_fail(nv, LOA_ERROR, "không ghi được quan hệ thay thế của văn bản %lld", (long long)l[i].id);
			return nv->status;
		}
	}
	return law_term_redirects(nv);
}

/* ---- the page module (Giới thiệu) ---- */

/* One page of a page module's table (<prefix>_<lang>_<module_data>:
 * title, alias, description, bodytext, weight, status) as a page of
 * "Giới thiệu"; its first old address is the one an import made again
 * finds it by. */
int nv_page_write(struct nv *nv, const struct nv_module *m, const struct sqldump_row *row)
{
	struct arena *a = nv->tmp;
	int64_t id = nv_vint(row, "id");
	const char *title = nv_plain(a, nv_vstr(row, "title"), MAX_NAME), *alias = nv_raw(a, nv_vstr(row, "alias"), 250);
	const char *what = arena_printf(a, "trang %lld \"%s\"", (long long)id, title);
	if (nv_vint(row, "status") != 1) {
		nv->rep->pages_skipped++;
		nv_skip(nv, what, "trang đang ẩn trên NukeViet");
		return LOA_OK;
	}
	const char *body = nv_vstr(row, "bodytext"), *desc = nv_vstr(row, "description");
	if (!body || !*body)
		body = desc ? desc : "";
	if (!(body = nv_body_images(nv, arena_printf(a, "trang %lld", (long long)id), title, nv_raw(a, body, DOCS_MAX_BODY))))
		return nv->status;
	const char *l = nv->o->lang;
	const char *urls[4] = {
		arena_printf(a, "/%s/%s/%s.html", l, m->title, alias),
		arena_printf(a, "/%s/%s.html", m->title, alias),
		arena_printf(a, "/index.php?language=%s&nv=%s&op=%s.html", l, m->title, alias),
		arena_printf(a, "/index.php?language=%s&nv=%s&op=%s", l, m->title, alias),
	};
	int64_t weight = nv_vint(row, "weight");
	struct import_page in = {.title = title, .slug = alias, .body_html = body,
				 .position = (int)(weight > 0 && weight < 100000 ? weight : 0), .old_urls = urls,
				 .nold = *alias ? 4 : 0};
	struct import_written w;
	const char *why = NULL;
	int rc = import_page_write(&nv->run, &in, a, &w, &why);
	int64_t *counts[3] = {&nv->rep->pages_created, &nv->rep->pages_updated, &nv->rep->pages_skipped};
	if ((rc = nv_tally(nv, rc, w.created, what, why, counts)) != LOA_OK)
		return rc > 0 ? LOA_OK : rc;
	/* listed in the report as stored (the writer stored them already) */
	if (*alias && nv_redirects(nv, urls, 4, w.url) != LOA_OK)
		return nv->status;
	return LOA_OK;
}

/* The page modules' home pages go to the list of pages. */
int nv_page_module_redirects(struct nv *nv)
{
	struct arena *a = nv->tmp;
	const struct nv_module *pm = nv->pagemods.p;
	for (size_t i = 0; i < nv->pagemods.n; i++) {
		arena_clear(a);
		const char *l = nv->o->lang, *m = pm[i].title;
		const char *home[3] = {arena_printf(a, "/%s/%s/", l, m), arena_printf(a, "/%s/", m),
				       arena_printf(a, "/index.php?language=%s&nv=%s", l, m)};
		if (nv_redirects(nv, home, 3, "/gioi-thieu") != LOA_OK)
			return nv->status;
	}
	return LOA_OK;
}
