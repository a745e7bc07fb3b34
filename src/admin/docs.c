/* docs.c — "Văn bản" in the newsroom: the register's list, a document's
 * form (all fields, term pickers, relations chosen by number, several
 * files uploaded with readable names, a file removed, published or not),
 * deleting with confirmation, and the three term lists (/danh-muc).
 * Approvers and admins (the route table).
 *
 * The rules of a valid document are the docs domain's (docs.h); a file is
 * checked and written by the files domain (files.h) before its row, and a
 * refused file keeps the rest of the form as typed. */
#include <string.h>

#include "admin/adminInt.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/num.h"
#include "core/status.h"
#include "core/text.h"
#include "core/vntime.h"
#include "docs/docs.h"
#include "files/files.h"
#include "store/store_docs.h"

#define UPLOAD_SLOTS 5
#define PER_PAGE 50

static const char *files_folder(struct admin *ad)
{
	return files_dir(ad->a, ad->app->cfg.media_dir);
}

void admin_docs_list(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct arena *a = ad->a;
	struct document *ds;
	size_t n = 0;
	if (store_doc_all(ad->app->store, ad->site.id, false, a, &ds, &n) != LOA_OK)
		n = 0;
	const char *trang = http_req_query(req, "trang");
	int64_t page = 1;
	if (trang && !num_parse_i64(trang, 1, 100000, &page))
		page = 1;
	int64_t today = vn_day(clock_now()); /* the public pages' clock */
	struct tval *rows = tv_list(a);
	for (size_t i = (size_t)(page - 1) * PER_PAGE; i < n && i < (size_t)page * PER_PAGE; i++) {
		struct tval *r = tv_map(a);
		int v = docs_validity(&ds[i], today);
		tv_set_str(a, r, "number", ds[i].number);
		tv_set_str(a, r, "type", ds[i].type_name);
		tv_set_str(a, r, "issuer", ds[i].issuer_name);
		tv_set_str(a, r, "summary", ds[i].summary);
		tv_set_str(a, r, "issued", docs_day_text(a, ds[i].issued_day));
		tv_set_str(a, r, "validity", docs_validity_key(v));
		tv_set_str(a, r, "validity_label", docs_validity_label(v));
		tv_set_bool(a, r, "published", ds[i].published);
		tv_set_int(a, r, "files", ds[i].files);
		tv_set_str(a, r, "edit_url", arena_printf(a, "/quan-tri/van-ban/%lld", (long long)ds[i].id));
		tv_set_str(a, r, "public_url", docs_path(a, ds[i].id, ds[i].slug));
		tv_push(rows, r);
	}
	tv_set(ad->root, "rows", rows);
	tv_set_bool(a, ad->root, "empty", n == 0);
	admin_pager(ad, "/quan-tri/van-ban", (int)page, (int64_t)n, PER_PAGE);
	admin_finish(ad, "docs", "Văn bản", 200);
}

/* The term choices of one kind, `chosen` selected. */
static struct tval *term_options(struct admin *ad, const struct doc_term *ts, size_t n, int kind, int64_t chosen)
{
	struct tval *list = tv_list(ad->a);
	for (size_t i = 0; i < n; i++) {
		if (ts[i].kind != kind)
			continue;
		struct tval *o = tv_map(ad->a);
		tv_set_int(ad->a, o, "id", ts[i].id);
		tv_set_str(ad->a, o, "name", ts[i].name);
		tv_set_bool(ad->a, o, "selected", ts[i].id == chosen);
		tv_push(list, o);
	}
	return list;
}

/* What the form holds as typed, or as stored. */
struct form {
	struct docs_input in;
	const char *replaces, *amends; /* numbers, one a line */
};

static void render_edit(struct admin *ad, const struct document *d, const struct form *f,
			const struct docs_errors *err, const char *general, int status)
{
	struct arena *a = ad->a;
	struct tval *v = tv_map(a), *e = tv_map(a);
	tv_set_str(a, v, "number", f->in.number);
	tv_set_str(a, v, "signer", f->in.signer);
	tv_set_str(a, v, "summary", f->in.summary);
	tv_set_str(a, v, "body", f->in.body_html);
	tv_set_str(a, v, "issued", f->in.issued);
	tv_set_str(a, v, "effective", f->in.effective);
	tv_set_str(a, v, "expires", f->in.expires);
	tv_set_str(a, v, "replaces", f->replaces);
	tv_set_str(a, v, "amends", f->amends);
	tv_set_bool(a, v, "published", f->in.published);
	if (err) {
		const char *keys[] = {"number", "type", "issuer", "signer", "issued", "effective", "expires", "summary", "body"};
		const char *vals[] = {err->number, err->type, err->issuer, err->signer, err->issued,
				      err->effective, err->expires, err->summary, err->body};
		for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
			if (vals[i])
				tv_set_str(a, e, keys[i], vals[i]);
	}
	if (general)
		tv_set_str(a, e, "general", general);
	tv_set(ad->root, "form", v);
	tv_set(ad->root, "errors", e);
	struct doc_term *ts;
	size_t nt = 0;
	if (store_doc_term_list(ad->app->store, ad->site.id, -1, a, &ts, &nt) != LOA_OK)
		nt = 0;
	tv_set(ad->root, "types", term_options(ad, ts, nt, DOC_TYPE, f->in.type_id));
	tv_set(ad->root, "issuers", term_options(ad, ts, nt, DOC_ISSUER, f->in.issuer_id));
	tv_set(ad->root, "fields", term_options(ad, ts, nt, DOC_FIELD, f->in.field_id));
	struct tval *slots = tv_list(a);
	for (int i = 1; i <= UPLOAD_SLOTS; i++) {
		struct tval *s = tv_map(a);
		tv_set_int(a, s, "n", i);
		tv_push(slots, s);
	}
	tv_set(ad->root, "upload_slots", slots);
	tv_set_str(a, ad->root, "accept", FILES_ACCEPT_ATTR);
	tv_set_str(a, ad->root, "accepted", FILES_ACCEPTED_TEXT);
	const char *action = d->id ? arena_printf(a, "/quan-tri/van-ban/%lld", (long long)d->id) : "/quan-tri/van-ban/moi";
	tv_set_str(a, ad->root, "action", action);
	if (d->id) {
		struct tval *t = tv_map(a), *fl = tv_list(a);
		tv_set_str(a, t, "public_url", docs_path(a, d->id, d->slug));
		tv_set_bool(a, t, "published", d->published);
		struct stored_file *files;
		size_t nf = 0;
		if (store_doc_files(ad->app->store, ad->site.id, d->id, a, &files, &nf) != LOA_OK)
			nf = 0;
		for (size_t i = 0; i < nf; i++) {
			struct tval *x = tv_map(a);
			tv_set_int(a, x, "id", files[i].id);
			tv_set_str(a, x, "title", files[i].title);
			tv_set_str(a, x, "original", files[i].original_name);
			tv_set_str(a, x, "size", files_size_text(a, files[i].size));
			tv_set_str(a, x, "kind", files[i].kind);
			tv_push(fl, x);
		}
		tv_set(t, "files", fl);
		tv_set(ad->root, "doc", t);
	}
	admin_finish(ad, "docs_edit", d->id ? "Sửa văn bản" : "Văn bản mới", status);
}

/* The numbers of outgoing relations of `kind`, one a line. */
static const char *link_numbers(struct admin *ad, int64_t id, int kind)
{
	struct doc_link *ls;
	size_t n = 0;
	if (!id || store_doc_links(ad->app->store, ad->site.id, id, ad->a, &ls, &n) != LOA_OK)
		return "";
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++)
		if (ls[i].outgoing && ls[i].kind == kind)
			buf_addf(&b, "%s%s", b.len ? "\n" : "", ls[i].number);
	const char *s = arena_strndup(ad->a, b.data ? b.data : "", b.len);
	buf_reset(&b);
	return s;
}

static void form_of_doc(struct admin *ad, const struct document *d, struct form *f)
{
	memset(f, 0, sizeof *f);
	f->in = (struct docs_input){
		.number = d->number ? d->number : "", .signer = d->signer ? d->signer : "",
		.summary = d->summary ? d->summary : "", .body_html = d->body_html ? d->body_html : "",
		.issued = docs_day_text(ad->a, d->issued_day), .effective = docs_day_text(ad->a, d->effective_day),
		.expires = docs_day_text(ad->a, d->expires_day), .type_id = d->type_id, .issuer_id = d->issuer_id,
		.field_id = d->field_id, .published = d->published,
	};
	f->replaces = link_numbers(ad, d->id, DOC_REPLACES);
	f->amends = link_numbers(ad, d->id, DOC_AMENDS);
}

/* The document the route's {id} names (*d zeroed for "moi"); 404 itself. */
static bool doc_of_or_reply(struct admin *ad, struct document *d)
{
	memset(d, 0, sizeof *d);
	int64_t id = http_req_param_id(ad->req, 0);
	if (!id)
		return true;
	if (store_doc_get(ad->app->store, ad->site.id, id, ad->a, d) != LOA_OK) {
		admin_error(ad, 404, "Không tìm thấy văn bản này.");
		return false;
	}
	return true;
}

void admin_docs_edit(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct document d;
	if (!doc_of_or_reply(ad, &d))
		return;
	struct form f;
	form_of_doc(ad, &d, &f);
	if (!d.id)
		f.in.published = true;
	render_edit(ad, &d, &f, NULL, NULL, 200);
}

static int64_t field_id(struct admin *ad, const char *name)
{
	int64_t v = 0;
	const char *s = admin_field(ad, name);
	return *s && num_parse_i64(s, 1, INT64_MAX, &v) ? v : 0;
}

/* Resolves the numbers typed (one a line, or separated by ';') into
 * ids, appended at ids[*n] (both fields share one array); a document
 * named again, in either field, is linked once, the first way it was
 * named (the store keeps one relation per pair). False with a message
 * naming the first one not found. */
static bool resolve_numbers(struct admin *ad, const char *text, int kind, int64_t self, int64_t *ids, int *kinds,
			    size_t *n, const char **err)
{
	char *copy = arena_strdup(ad->a, text), *save = NULL;
	/* strtok_r: handlers run on several worker threads at once */
	for (char *tok = strtok_r(copy, "\n;", &save); tok; tok = strtok_r(NULL, "\n;", &save)) {
		const char *key = docs_key(ad->a, tok);
		if (!*key)
			continue;
		struct document *ds;
		size_t nd = 0;
		if (store_doc_by_key(ad->app->store, ad->site.id, key, ad->a, &ds, &nd) != LOA_OK || nd == 0 ||
		    ds[0].id == self) {
			*err = arena_printf(ad->a, "Không tìm thấy văn bản số “%s” trong hệ thống văn bản.", key);
			return false;
		}
		size_t seen = 0;
		while (seen < *n && ids[seen] != ds[0].id)
			seen++;
		if (seen < *n)
			continue;
		if (*n >= DOCS_MAX_LINKS) {
			*err = "Quá nhiều văn bản liên quan (tối đa 50).";
			return false;
		}
		ids[*n] = ds[0].id;
		kinds[(*n)++] = kind;
	}
	return true;
}

void admin_docs_save(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct arena *a = ad->a;
	struct document d;
	if (!doc_of_or_reply(ad, &d))
		return;
	struct form f = {
		.in = {.number = admin_field(ad, "so"), .signer = admin_field(ad, "nguoi-ky"),
		       .summary = admin_field(ad, "trich-yeu"), .body_html = admin_field(ad, "toan-van"),
		       .issued = admin_field(ad, "ngay-ban-hanh"), .effective = admin_field(ad, "ngay-hieu-luc"),
		       .expires = admin_field(ad, "ngay-het-hieu-luc"), .type_id = field_id(ad, "loai"),
		       .issuer_id = field_id(ad, "co-quan"), .field_id = field_id(ad, "linh-vuc"),
		       .published = strcmp(admin_field(ad, "cong-bo"), "1") == 0},
		.replaces = admin_field(ad, "thay-the"),
		.amends = admin_field(ad, "sua-doi"),
	};
	struct docs_errors err;
	d.site_id = ad->site.id;
	if (!docs_from_input(a, &f.in, &d, &err)) {
		render_edit(ad, &d, &f, &err, "Chưa lưu: hãy sửa các mục được đánh dấu.", 422);
		return;
	}
	int64_t ids[DOCS_MAX_LINKS];
	int kinds[DOCS_MAX_LINKS];
	size_t nl = 0;
	const char *lerr = NULL;
	if (!resolve_numbers(ad, f.replaces, DOC_REPLACES, d.id, ids, kinds, &nl, &lerr) ||
	    !resolve_numbers(ad, f.amends, DOC_AMENDS, d.id, ids, kinds, &nl, &lerr)) {
		render_edit(ad, &d, &f, NULL, lerr, 422);
		return;
	}
	/* every file is checked before anything is written */
	const struct http_file *up[UPLOAD_SLOTS];
	const char *titles[UPLOAD_SLOTS];
	for (int i = 0; i < UPLOAD_SLOTS; i++) {
		up[i] = http_req_file(req, arena_printf(a, "tep-%d", i + 1));
		titles[i] = admin_field(ad, arena_printf(a, "ten-tep-%d", i + 1));
		if (up[i] && up[i]->len == 0 && (!up[i]->filename || !*up[i]->filename))
			up[i] = NULL; /* an empty slot */
		if (up[i] && (up[i]->len == 0 || up[i]->len > FILES_MAX_BYTES || !files_sniff(up[i]->data, up[i]->len))) {
			const char *name = up[i]->filename && *up[i]->filename ? up[i]->filename : "tệp";
			render_edit(ad, &d, &f, NULL,
				    up[i]->len > FILES_MAX_BYTES
					    ? arena_printf(a, "Tệp “%s” lớn quá 20 MB. Văn bản chưa được lưu.", name)
					    : arena_printf(a, "Tệp “%s” không thuộc loại được nhận. Chỉ nhận tệp " FILES_ACCEPTED_TEXT
							      ". Văn bản chưa được lưu.", name),
				    415);
			return;
		}
	}
	bool created = d.id == 0;
	d.updated_at = ad->now;
	int64_t id;
	int rc = store_doc_save(ad->app->store, &d, &id);
	if (rc == LOA_CONFLICT) {
		memset(&err, 0, sizeof err);
		err.number = docs_number_taken(a, d.number);
		render_edit(ad, &d, &f, &err, "Chưa lưu: hãy sửa các mục được đánh dấu.", 409);
		return;
	}
	if (rc != LOA_OK) {
		render_edit(ad, &d, &f, NULL, "Không lưu được văn bản. Vui lòng thử lại.", rc == LOA_INVALID ? 422 : 503);
		return;
	}
	d.id = id;
	const char *ferr = NULL;
	for (size_t i = 0; i < nl; i++)
		if (ids[i] == id)
			ferr = "Một văn bản không thay thế hay sửa đổi chính nó.";
	if (!ferr && store_doc_set_links(ad->app->store, ad->site.id, id, ids, kinds, nl) != LOA_OK)
		ferr = "Không lưu được văn bản liên quan.";
	for (int i = 0; i < UPLOAD_SLOTS && !ferr; i++) {
		if (!up[i])
			continue;
		struct files_upload fu = {up[i]->data, up[i]->len, up[i]->filename, titles[i], d.published};
		struct stored_file sf;
		if (files_save(ad->app->store, files_folder(ad), ad->site.id, &fu, ad->now, a, &sf, &ferr) == LOA_OK) {
			if (store_doc_file_attach(ad->app->store, ad->site.id, id, sf.id) != LOA_OK)
				ferr = "Không đính kèm được tệp.";
			else
				admin_audit(ad, "document-file-add", arena_printf(a, "văn bản %s", d.number), sf.title);
		}
	}
	store_doc_files_publish(ad->app->store, ad->site.id, id, d.published);
	admin_audit(ad, created ? "document-create" : "document-update", arena_printf(a, "văn bản %lld", (long long)id),
		    d.number);
	admin_content_changed(ad);
	if (ferr) {
		render_edit(ad, &d, &f, NULL, arena_printf(a, "Đã lưu văn bản, nhưng: %s", ferr), 422);
		return;
	}
	admin_redirect(ad, arena_printf(a, "/quan-tri/van-ban/%lld", (long long)id), "da-luu");
}

void admin_docs_file_remove(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct document d;
	if (!doc_of_or_reply(ad, &d))
		return;
	int64_t fid = http_req_param_id(req, 1);
	struct stored_file *fs;
	size_t n = 0;
	bool mine = false;
	const char *title = "";
	if (store_doc_files(ad->app->store, ad->site.id, d.id, ad->a, &fs, &n) == LOA_OK)
		for (size_t i = 0; i < n; i++)
			if (fs[i].id == fid) {
				mine = true;
				title = fs[i].title;
			}
	if (!mine || files_remove(ad->app->store, files_folder(ad), ad->site.id, fid) != LOA_OK) {
		admin_error(ad, 404, "Không tìm thấy tệp này của văn bản.");
		return;
	}
	admin_audit(ad, "document-file-remove", arena_printf(ad->a, "văn bản %s", d.number), title);
	admin_content_changed(ad);
	admin_redirect(ad, arena_printf(ad->a, "/quan-tri/van-ban/%lld", (long long)d.id), "da-xoa");
}

void admin_docs_delete(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct document d;
	if (!doc_of_or_reply(ad, &d))
		return;
	struct stored_file *fs;
	size_t n = 0;
	if (store_doc_files(ad->app->store, ad->site.id, d.id, ad->a, &fs, &n) != LOA_OK)
		n = 0;
	if (store_doc_delete(ad->app->store, ad->site.id, d.id) != LOA_OK) {
		admin_error(ad, 404, "Không tìm thấy văn bản này.");
		return;
	}
	for (size_t i = 0; i < n; i++)
		files_remove(ad->app->store, files_folder(ad), ad->site.id, fs[i].id);
	admin_audit(ad, "document-delete", arena_printf(ad->a, "văn bản %lld", (long long)d.id), d.number);
	admin_content_changed(ad);
	admin_redirect(ad, "/quan-tri/van-ban", "da-xoa");
}

/* ---- the term lists ---- */

static void render_terms(struct admin *ad, const char *error, int status)
{
	struct arena *a = ad->a;
	struct doc_term *ts;
	size_t n = 0;
	if (store_doc_term_list(ad->app->store, ad->site.id, -1, a, &ts, &n) != LOA_OK)
		n = 0;
	struct tval *kinds = tv_list(a);
	for (int k = DOC_TYPE; k <= DOC_FIELD; k++) {
		struct tval *kt = tv_map(a), *items = tv_list(a);
		tv_set_int(a, kt, "kind", k);
		tv_set_str(a, kt, "label", docs_term_kind_label(k));
		for (size_t i = 0; i < n; i++) {
			if (ts[i].kind != k)
				continue;
			struct tval *t = tv_map(a);
			tv_set_int(a, t, "id", ts[i].id);
			tv_set_str(a, t, "name", ts[i].name);
			tv_set_int(a, t, "position", ts[i].position);
			tv_set_int(a, t, "uses", ts[i].uses);
			tv_push(items, t);
		}
		tv_set(kt, "items", items);
		tv_push(kinds, kt);
	}
	tv_set(ad->root, "kinds", kinds);
	struct tval *e = tv_map(a);
	if (error)
		tv_set_str(a, e, "general", error);
	tv_set(ad->root, "errors", e);
	admin_finish(ad, "docs_terms", "Danh mục văn bản", status);
}

void admin_docs_terms(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	if (strcmp(http_req_method(req), "POST") != 0) {
		render_terms(ad, NULL, 200);
		return;
	}
	/* a new term, or a rename (id given), or a delete (xoa=1) */
	struct arena *a = ad->a;
	int64_t id = field_id(ad, "id"), kind = 0;
	const char *kind_s = admin_field(ad, "loai-danh-muc");
	if (strcmp(admin_field(ad, "xoa"), "1") == 0) {
		int rc = store_doc_term_delete(ad->app->store, ad->site.id, id);
		if (rc != LOA_OK) {
			render_terms(ad, rc == LOA_CONFLICT ? "Mục này đang được văn bản dùng, không xóa được."
							    : "Không tìm thấy mục này.",
				     rc == LOA_CONFLICT ? 409 : 404);
			return;
		}
		admin_audit(ad, "document-term-delete", arena_printf(a, "mục %lld", (long long)id), "");
		admin_content_changed(ad);
		admin_redirect(ad, "/quan-tri/van-ban/danh-muc", "da-xoa");
		return;
	}
	if (!id && (!num_parse_i64(kind_s, DOC_TYPE, DOC_FIELD, &kind))) {
		render_terms(ad, "Danh mục không hợp lệ.", 400);
		return;
	}
	const char *name = text_clean(a, admin_field(ad, "ten"), strlen(admin_field(ad, "ten")));
	const char *key = name ? docs_key(a, name) : "";
	if (!name || !*key || text_length(name, strlen(name)) > DOCS_MAX_TERM) {
		render_terms(ad, "Tên mục phải có chữ hoặc số, tối đa 200 ký tự.", 422);
		return;
	}
	int64_t pos = 0;
	const char *ps = admin_field(ad, "thu-tu");
	if (*ps && !num_parse_i64(ps, -1000, 1000, &pos))
		pos = 0;
	struct doc_term t = {.id = id, .site_id = ad->site.id, .kind = (int)kind, .name = name, .name_key = key,
			     .position = (int)pos};
	if (id) {
		/* the kind of a term never changes: read it back */
		struct doc_term *ts;
		size_t n = 0;
		t.kind = -1;
		if (store_doc_term_list(ad->app->store, ad->site.id, -1, a, &ts, &n) == LOA_OK)
			for (size_t i = 0; i < n; i++)
				if (ts[i].id == id)
					t.kind = ts[i].kind;
	}
	int rc = store_doc_term_save(ad->app->store, &t, &id);
	if (rc != LOA_OK) {
		render_terms(ad, rc == LOA_CONFLICT ? arena_printf(a, "Danh mục đã có mục “%s”.", name) : "Không lưu được mục này.",
			     rc == LOA_CONFLICT ? 409 : 422);
		return;
	}
	admin_audit(ad, t.id ? "document-term-update" : "document-term-add", docs_term_kind_label(t.kind), name);
	admin_content_changed(ad);
	admin_redirect(ad, "/quan-tri/van-ban/danh-muc", "da-luu");
}
