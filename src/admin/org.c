/* org.c — the newsroom's rooms of "Giới thiệu": static pages (approvers
 * and admins: rich text in both languages, revisions kept and restorable,
 * edit conflicts caught), the organisation's units and its officials
 * (admins, as the other structure rooms). Every form is checked by the
 * rules of org/org.h; a refused form comes back with a Vietnamese message
 * beside each field, the text as typed, and 422 (409 on a conflict). */
#include <string.h>

#include "admin/adminInt.h"
#include "core/num.h"
#include "core/status.h"
#include "core/vntime.h"
#include "media/library.h"
#include "org/org.h"
#include "store/store_org.h"

/* errors.<field> for the template; general when nothing names a field. */
static struct tval *errors_tv(struct admin *ad, const struct org_errors *e, const char *general)
{
	struct tval *m = tv_map(ad->a);
	for (int i = 0; i < e->n; i++)
		tv_set_str(ad->a, m, e->e[i].field, e->e[i].message);
	if (general)
		tv_set_str(ad->a, m, "general", general);
	else if (e->n)
		tv_set_str(ad->a, m, "general", "Chưa lưu được: hãy sửa các ô được đánh dấu bên dưới.");
	return m;
}

/* The "thu-tu" field: 0 when empty, -1 (refused by the rules) when not a
 * number in range. */
static int position_field(struct admin *ad)
{
	const char *s = admin_field(ad, "thu-tu");
	int64_t v = 0;
	if (*s && !num_parse_i64(s, 0, ORG_POSITION_MAX, &v))
		return -1;
	return (int)v;
}

static const char *date_time(struct admin *ad, int64_t t)
{
	char buf[17];
	vn_format_datetime(t, buf);
	return arena_strdup(ad->a, buf);
}

/* ---- pages ---- */

void admin_org_pages(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct arena *a = ad->a;
	struct org_page *pages;
	size_t n = 0;
	if (store_org_page_list(ad->app->store, ad->site.id, false, a, &pages, &n) != LOA_OK)
		n = 0;
	struct tval *rows = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		struct tval *r = tv_map(a);
		tv_set_str(a, r, "title", pages[i].title);
		tv_set_str(a, r, "slug", pages[i].slug);
		tv_set_bool(a, r, "published", pages[i].published);
		tv_set_bool(a, r, "has_en", org_page_has_en(&pages[i]));
		tv_set_int(a, r, "position", pages[i].position);
		tv_set_str(a, r, "updated", date_time(ad, pages[i].updated_at));
		tv_set_str(a, r, "updated_by", pages[i].updated_by_name);
		tv_set_str(a, r, "edit_url", arena_printf(a, "/quan-tri/trang/%lld", (long long)pages[i].id));
		tv_set_str(a, r, "public_url", arena_printf(a, "/gioi-thieu/%s", pages[i].slug));
		tv_set_str(a, r, "en_url", arena_printf(a, "/en/%s", pages[i].slug));
		tv_push(rows, r);
	}
	tv_set(ad->root, "rows", rows);
	admin_finish(ad, "org_pages", "Trang giới thiệu", 200);
}

static void render_page(struct admin *ad, const struct org_page *p, struct tval *errors, int status)
{
	struct arena *a = ad->a;
	struct tval *f = tv_map(a);
	tv_set_int(a, f, "id", p->id);
	tv_set_int(a, f, "version", p->version);
	tv_set_str(a, f, "title", p->title);
	tv_set_str(a, f, "slug", p->slug);
	tv_set_str(a, f, "body", p->body_html);
	tv_set_str(a, f, "title_en", p->title_en);
	tv_set_str(a, f, "body_en", p->body_en);
	tv_set_int(a, f, "position", p->position);
	tv_set_bool(a, f, "published", p->published);
	tv_set_str(a, f, "action", p->id ? arena_printf(a, "/quan-tri/trang/%lld", (long long)p->id) : "/quan-tri/trang/moi");
	if (p->id) {
		tv_set_str(a, f, "revisions_url", arena_printf(a, "/quan-tri/trang/%lld/phien-ban", (long long)p->id));
		tv_set_str(a, f, "delete_url", arena_printf(a, "/quan-tri/trang/%lld/xoa", (long long)p->id));
		if (p->published && *p->slug) {
			tv_set_str(a, f, "public_url", arena_printf(a, "/gioi-thieu/%s", p->slug));
			if (org_page_has_en(p))
				tv_set_str(a, f, "en_url", arena_printf(a, "/en/%s", p->slug));
		}
	}
	tv_set(ad->root, "form", f);
	tv_set(ad->root, "errors", errors ? errors : tv_map(a));
	admin_finish(ad, "org_page", p->id ? "Sửa trang giới thiệu" : "Trang giới thiệu mới", status);
}

/* The page named by the route's first {id}, or a 404 answered. */
static bool page_or_reply(struct admin *ad, struct org_page *p)
{
	if (store_org_page_get(ad->app->store, ad->site.id, http_req_param_id(ad->req, 0), ad->a, p) == LOA_OK)
		return true;
	admin_error(ad, 404, "Không tìm thấy trang giới thiệu này.");
	return false;
}

/* Saves *p (prepared, no errors) and answers: 303 to the page's form, or
 * the form again with why not. */
static void save_page(struct admin *ad, struct org_page *p, const char *audit, const char *notice)
{
	int64_t id, version;
	bool taken = false;
	int rc = store_org_page_save(ad->app->store, p, ad->user.id, ad->now, &id, &version, &taken);
	if (rc == LOA_OK) {
		admin_audit(ad, audit, arena_printf(ad->a, "trang #%lld", (long long)id), p->title);
		admin_content_changed(ad);
		admin_redirect(ad, arena_printf(ad->a, "/quan-tri/trang/%lld", (long long)id), notice);
		return;
	}
	struct org_errors e = {0};
	const char *general = "Không lưu được trang. Vui lòng thử lại.";
	int status = 503;
	if (taken) {
		org_error_add(&e, "slug", "Đường dẫn này đã có trang khác dùng; hãy chọn đường dẫn khác.");
		general = NULL;
		status = 422;
	} else if (rc == LOA_CONFLICT) {
		general = "Trang đã được người khác lưu sau khi bạn mở. Nội dung của bạn chưa được lưu: hãy sao chép "
			  "phần thay đổi, tải lại trang rồi sửa lại.";
		status = 409;
	} else if (rc == LOA_NOTFOUND) {
		admin_error(ad, 404, "Không tìm thấy trang giới thiệu này.");
		return;
	}
	render_page(ad, p, errors_tv(ad, &e, general), status);
}

void admin_org_page_edit(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct org_page p = {.published = true, .slug = "", .title = "", .body_html = "", .title_en = "", .body_en = ""};
	if (http_req_param_id(req, 0) && !page_or_reply(ad, &p))
		return;
	if (strcmp(http_req_method(req), "POST") != 0) {
		render_page(ad, &p, NULL, 200);
		return;
	}
	struct org_errors e = {0};
	int64_t version = 0;
	num_parse_i64(admin_field(ad, "version"), 0, INT64_MAX, &version);
	struct org_page in = {.id = p.id, .site_id = ad->site.id, .version = version,
			      .slug = admin_field(ad, "duong-dan"), .title = admin_field(ad, "tieu-de"),
			      .body_html = admin_field(ad, "noi-dung"), .title_en = admin_field(ad, "tieu-de-en"),
			      .body_en = admin_field(ad, "noi-dung-en"), .position = position_field(ad),
			      .published = *admin_field(ad, "hien-thi") != '\0'};
	org_page_prepare(ad->a, &in, media_library_img, &(struct media_library){ad->app->store, ad->site.id, ad->a},
			 &e);
	if (e.n) {
		render_page(ad, &in, errors_tv(ad, &e, NULL), 422);
		return;
	}
	save_page(ad, &in, p.id ? "page-update" : "page-add", p.id ? "da-luu" : "da-them");
}

void admin_org_page_revisions(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct arena *a = ad->a;
	struct org_page p;
	if (!page_or_reply(ad, &p))
		return;
	struct org_page_revision *revs;
	size_t n = 0;
	if (store_org_page_revisions(ad->app->store, ad->site.id, p.id, a, &revs, &n) != LOA_OK)
		n = 0;
	struct tval *rows = tv_list(a), *pg = tv_map(a);
	for (size_t i = 0; i < n; i++) {
		struct tval *r = tv_map(a);
		tv_set_str(a, r, "at", date_time(ad, revs[i].at));
		tv_set_str(a, r, "user_name", *revs[i].user_name ? revs[i].user_name : "—");
		tv_set_str(a, r, "title", revs[i].title);
		tv_set_bool(a, r, "has_en", *revs[i].title_en && *revs[i].body_en);
		tv_set_bool(a, r, "current", i == 0);
		tv_set_str(a, r, "restore_url", arena_printf(a, "/quan-tri/trang/%lld/phien-ban/%lld/khoi-phuc",
							     (long long)p.id, (long long)revs[i].id));
		tv_push(rows, r);
	}
	tv_set_str(a, pg, "title", p.title);
	tv_set_str(a, pg, "edit_url", arena_printf(a, "/quan-tri/trang/%lld", (long long)p.id));
	tv_set(ad->root, "doc", pg);
	tv_set(ad->root, "rows", rows);
	admin_finish(ad, "org_revisions", "Các phiên bản của trang", 200);
}

/* Restoring saves the revision's text as the page's newest version (its
 * slug, order and visibility stay): the state it replaces stays in the
 * list, so a restore can itself be undone. */
void admin_org_page_restore(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct org_page p;
	struct org_page_revision r;
	if (!page_or_reply(ad, &p))
		return;
	if (store_org_page_revision_get(ad->app->store, ad->site.id, p.id, http_req_param_id(req, 1), ad->a, &r) !=
	    LOA_OK) {
		admin_error(ad, 404, "Không tìm thấy phiên bản này của trang.");
		return;
	}
	p.title = r.title;
	p.body_html = r.body_html;
	p.title_en = r.title_en;
	p.body_en = r.body_en;
	save_page(ad, &p, "page-restore", "da-khoi-phuc-trang");
}

void admin_org_page_delete(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct org_page p;
	if (!page_or_reply(ad, &p))
		return;
	if (store_org_page_delete(ad->app->store, ad->site.id, p.id) != LOA_OK) {
		admin_error(ad, 503, "Không xóa được trang. Vui lòng thử lại.");
		return;
	}
	admin_audit(ad, "page-delete", arena_printf(ad->a, "trang #%lld", (long long)p.id), p.title);
	admin_content_changed(ad);
	admin_redirect(ad, "/quan-tri/trang", "da-xoa");
}

/* ---- units ---- */

/* The site's units in tree order, each labelled with "— " per level. */
struct unit_tree {
	struct org_unit *units;
	size_t n;
	size_t *order;
	int *depth;
};

static void load_tree(struct admin *ad, struct unit_tree *t)
{
	memset(t, 0, sizeof *t);
	if (store_org_unit_list(ad->app->store, ad->site.id, ad->a, &t->units, &t->n) != LOA_OK)
		t->n = 0;
	t->order = arena_alloc(ad->a, (t->n + 1) * sizeof *t->order);
	t->depth = arena_alloc(ad->a, (t->n + 1) * sizeof *t->depth);
	org_tree_order(t->units, t->n, t->order, t->depth);
}

static const char *tree_label(struct admin *ad, const struct unit_tree *t, size_t k)
{
	const char *s = t->units[t->order[k]].name;
	for (int d = 0; d < t->depth[k]; d++)
		s = arena_printf(ad->a, "— %s", s);
	return s;
}

/* Choices of a unit select: `none` first (id 0), then the tree; `skip`
 * (a unit being edited) and its descendants left out. */
static struct tval *unit_choices(struct admin *ad, const struct unit_tree *t, const char *none, int64_t selected,
				 int64_t skip)
{
	struct arena *a = ad->a;
	struct tval *list = tv_list(a), *o = tv_map(a);
	tv_set_int(a, o, "id", 0);
	tv_set_str(a, o, "label", none);
	tv_set_bool(a, o, "selected", selected == 0);
	tv_push(list, o);
	for (size_t k = 0; k < t->n; k++) {
		const struct org_unit *u = &t->units[t->order[k]];
		if (skip && !org_unit_parent_ok(t->units, t->n, skip, u->id))
			continue;
		o = tv_map(a);
		tv_set_int(a, o, "id", u->id);
		tv_set_str(a, o, "label", tree_label(ad, t, k));
		tv_set_bool(a, o, "selected", u->id == selected);
		tv_push(list, o);
	}
	return list;
}

void admin_org_units(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct arena *a = ad->a;
	struct unit_tree t;
	load_tree(ad, &t);
	struct org_official *offs;
	size_t noffs = 0;
	if (store_org_official_list(ad->app->store, ad->site.id, a, &offs, &noffs) != LOA_OK)
		noffs = 0;
	struct tval *rows = tv_list(a);
	for (size_t k = 0; k < t.n; k++) {
		const struct org_unit *u = &t.units[t.order[k]];
		int64_t people = 0;
		for (size_t i = 0; i < noffs; i++)
			people += offs[i].unit_id == u->id;
		struct tval *r = tv_map(a);
		tv_set_str(a, r, "name", u->name);
		tv_set_str(a, r, "name_en", u->name_en);
		tv_set_int(a, r, "depth", t.depth[k]);
		tv_set_int(a, r, "position", u->position);
		tv_set_int(a, r, "people", people);
		tv_set_str(a, r, "phone", u->phone);
		tv_set_str(a, r, "email", u->email);
		tv_set_str(a, r, "edit_url", arena_printf(a, "/quan-tri/co-cau/%lld", (long long)u->id));
		tv_push(rows, r);
	}
	tv_set(ad->root, "rows", rows);
	admin_finish(ad, "org_units", "Cơ cấu tổ chức", 200);
}

static void render_unit(struct admin *ad, const struct org_unit *u, struct tval *errors, int status)
{
	struct arena *a = ad->a;
	struct unit_tree t;
	load_tree(ad, &t);
	struct tval *f = tv_map(a);
	tv_set_int(a, f, "id", u->id);
	tv_set_str(a, f, "name", u->name);
	tv_set_str(a, f, "name_en", u->name_en);
	tv_set_str(a, f, "address", u->address);
	tv_set_str(a, f, "phone", u->phone);
	tv_set_str(a, f, "email", u->email);
	tv_set_str(a, f, "functions", u->functions);
	tv_set_str(a, f, "functions_en", u->functions_en);
	tv_set_int(a, f, "position", u->position);
	tv_set(f, "parents", unit_choices(ad, &t, "(Cấp cao nhất)", u->parent_id, u->id));
	tv_set_str(a, f, "action", u->id ? arena_printf(a, "/quan-tri/co-cau/%lld", (long long)u->id) : "/quan-tri/co-cau/moi");
	if (u->id)
		tv_set_str(a, f, "delete_url", arena_printf(a, "/quan-tri/co-cau/%lld/xoa", (long long)u->id));
	tv_set(ad->root, "form", f);
	tv_set(ad->root, "errors", errors ? errors : tv_map(a));
	admin_finish(ad, "org_unit", u->id ? "Sửa đơn vị" : "Thêm đơn vị", status);
}

static bool unit_or_reply(struct admin *ad, struct org_unit *u)
{
	if (store_org_unit_get(ad->app->store, ad->site.id, http_req_param_id(ad->req, 0), ad->a, u) == LOA_OK)
		return true;
	admin_error(ad, 404, "Không tìm thấy đơn vị này.");
	return false;
}

void admin_org_unit_edit(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct org_unit u = {.name = "", .name_en = "", .address = "", .phone = "", .email = "", .functions = "",
			     .functions_en = ""};
	if (http_req_param_id(req, 0) && !unit_or_reply(ad, &u))
		return;
	if (strcmp(http_req_method(req), "POST") != 0) {
		render_unit(ad, &u, NULL, 200);
		return;
	}
	struct org_errors e = {0};
	int64_t parent = 0;
	struct org_unit in = {.id = u.id, .site_id = ad->site.id, .name = admin_field(ad, "ten"),
			      .name_en = admin_field(ad, "ten-en"), .address = admin_field(ad, "dia-chi"),
			      .phone = admin_field(ad, "dien-thoai"), .email = admin_field(ad, "email"),
			      .functions = admin_field(ad, "chuc-nang"), .functions_en = admin_field(ad, "chuc-nang-en"),
			      .position = position_field(ad)};
	org_unit_prepare(ad->a, &in, &e);
	struct unit_tree t;
	load_tree(ad, &t);
	const char *ps = admin_field(ad, "cap-tren");
	if ((*ps && !num_parse_i64(ps, 0, INT64_MAX, &parent)) || !org_unit_parent_ok(t.units, t.n, u.id, parent)) {
		org_error_add(&e, "parent", "Đơn vị cấp trên không hợp lệ (không thể là chính đơn vị này hay đơn vị trực thuộc nó).");
	}
	in.parent_id = parent;
	int64_t id;
	int rc = e.n ? LOA_INVALID : store_org_unit_save(ad->app->store, &in, &id);
	if (rc != LOA_OK) {
		render_unit(ad, &in, errors_tv(ad, &e, e.n ? NULL : "Không lưu được đơn vị. Vui lòng thử lại."),
			    e.n ? 422 : 503);
		return;
	}
	admin_audit(ad, u.id ? "org-unit-update" : "org-unit-add", arena_printf(ad->a, "đơn vị #%lld", (long long)id),
		    in.name);
	admin_content_changed(ad);
	admin_redirect(ad, "/quan-tri/co-cau", u.id ? "da-luu" : "da-them");
}

void admin_org_unit_delete(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct org_unit u;
	if (!unit_or_reply(ad, &u))
		return;
	int rc = store_org_unit_delete(ad->app->store, ad->site.id, u.id);
	if (rc == LOA_CONFLICT) {
		struct org_errors e = {0};
		render_unit(ad, &u,
			    errors_tv(ad, &e, "Đơn vị còn đơn vị trực thuộc hoặc cán bộ. Hãy chuyển họ sang đơn vị khác "
					      "hoặc xóa trước, rồi xóa đơn vị này."),
			    409);
		return;
	}
	if (rc != LOA_OK) {
		admin_error(ad, 503, "Không xóa được đơn vị. Vui lòng thử lại.");
		return;
	}
	admin_audit(ad, "org-unit-delete", arena_printf(ad->a, "đơn vị #%lld", (long long)u.id), u.name);
	admin_content_changed(ad);
	admin_redirect(ad, "/quan-tri/co-cau", "da-xoa");
}

/* ---- officials ---- */

void admin_org_officials(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct arena *a = ad->a;
	struct org_official *offs;
	size_t n = 0;
	if (store_org_official_list(ad->app->store, ad->site.id, a, &offs, &n) != LOA_OK)
		n = 0;
	/* by unit, in tree order, then those of no unit */
	struct unit_tree t;
	load_tree(ad, &t);
	struct tval *groups = tv_list(a);
	for (size_t k = 0; k <= t.n; k++) {
		int64_t uid = k < t.n ? t.units[t.order[k]].id : 0;
		struct tval *g = tv_map(a), *rows = tv_list(a);
		for (size_t i = 0; i < n; i++) {
			if (offs[i].unit_id != uid)
				continue;
			struct tval *r = tv_map(a);
			tv_set_str(a, r, "name", offs[i].name);
			tv_set_str(a, r, "title", offs[i].title);
			tv_set_str(a, r, "phone", offs[i].phone);
			tv_set_str(a, r, "email", offs[i].email);
			tv_set_bool(a, r, "is_leader", offs[i].is_leader);
			tv_set_bool(a, r, "has_photo", *offs[i].photo);
			tv_set_int(a, r, "position", offs[i].position);
			tv_set_str(a, r, "edit_url", arena_printf(a, "/quan-tri/can-bo/%lld", (long long)offs[i].id));
			tv_push(rows, r);
		}
		if (!tv_len(rows))
			continue;
		tv_set_str(a, g, "unit", k < t.n ? tree_label(ad, &t, k) : "(Chưa thuộc đơn vị nào)");
		tv_set(g, "rows", rows);
		tv_push(groups, g);
	}
	tv_set(ad->root, "groups", groups);
	admin_finish(ad, "org_officials", "Cán bộ, công chức", 200);
}

static void render_official(struct admin *ad, const struct org_official *o, struct tval *errors, int status)
{
	struct arena *a = ad->a;
	struct unit_tree t;
	load_tree(ad, &t);
	struct tval *f = tv_map(a);
	tv_set_int(a, f, "id", o->id);
	tv_set_str(a, f, "name", o->name);
	tv_set_str(a, f, "title", o->title);
	tv_set_str(a, f, "title_en", o->title_en);
	tv_set_str(a, f, "phone", o->phone);
	tv_set_str(a, f, "email", o->email);
	tv_set_str(a, f, "photo", o->photo);
	tv_set_int(a, f, "position", o->position);
	tv_set_bool(a, f, "is_leader", o->is_leader);
	tv_set(f, "units", unit_choices(ad, &t, "(Chưa thuộc đơn vị nào)", o->unit_id, 0));
	tv_set_str(a, f, "action", o->id ? arena_printf(a, "/quan-tri/can-bo/%lld", (long long)o->id) : "/quan-tri/can-bo/moi");
	if (o->id)
		tv_set_str(a, f, "delete_url", arena_printf(a, "/quan-tri/can-bo/%lld/xoa", (long long)o->id));
	tv_set(ad->root, "form", f);
	tv_set(ad->root, "errors", errors ? errors : tv_map(a));
	admin_finish(ad, "org_official", o->id ? "Sửa thông tin cán bộ" : "Thêm cán bộ", status);
}

static bool official_or_reply(struct admin *ad, struct org_official *o)
{
	if (store_org_official_get(ad->app->store, ad->site.id, http_req_param_id(ad->req, 0), ad->a, o) == LOA_OK)
		return true;
	admin_error(ad, 404, "Không tìm thấy cán bộ này.");
	return false;
}

void admin_org_official_edit(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct org_official o = {.name = "", .title = "", .title_en = "", .phone = "", .email = "", .photo = ""};
	if (http_req_param_id(req, 0) && !official_or_reply(ad, &o))
		return;
	if (strcmp(http_req_method(req), "POST") != 0) {
		render_official(ad, &o, NULL, 200);
		return;
	}
	struct org_errors e = {0};
	struct org_official in = {.id = o.id, .site_id = ad->site.id, .name = admin_field(ad, "ho-ten"),
				  .title = admin_field(ad, "chuc-vu"), .title_en = admin_field(ad, "chuc-vu-en"),
				  .phone = admin_field(ad, "dien-thoai"), .email = admin_field(ad, "email"),
				  .photo = admin_field(ad, "anh"), .position = position_field(ad),
				  .is_leader = *admin_field(ad, "lanh-dao") != '\0'};
	org_official_prepare(ad->a, &in, &e);
	if (*in.photo && (strlen(in.photo) > 1000 || !admin_media_path_ok(in.photo, strlen(in.photo)))) {
		org_error_add(&e, "photo", "Ảnh phải là đường dẫn của một ảnh trong thư viện ảnh (bắt đầu bằng /media/), "
				     "không chứa dấu cách, dấu nháy hay \"..\".");
	}
	struct unit_tree t;
	load_tree(ad, &t);
	int64_t unit = 0;
	const char *us = admin_field(ad, "don-vi");
	if ((*us && !num_parse_i64(us, 0, INT64_MAX, &unit)) || !org_unit_parent_ok(t.units, t.n, 0, unit)) {
		org_error_add(&e, "unit", "Hãy chọn một đơn vị trong danh sách.");
	}
	in.unit_id = unit;
	int64_t id;
	int rc = e.n ? LOA_INVALID : store_org_official_save(ad->app->store, &in, &id);
	if (rc != LOA_OK) {
		render_official(ad, &in, errors_tv(ad, &e, e.n ? NULL : "Không lưu được thông tin cán bộ. Vui lòng thử lại."),
				e.n ? 422 : 503);
		return;
	}
	admin_audit(ad, o.id ? "official-update" : "official-add", arena_printf(ad->a, "cán bộ #%lld", (long long)id),
		    in.name);
	admin_content_changed(ad);
	admin_redirect(ad, "/quan-tri/can-bo", o.id ? "da-luu" : "da-them");
}

void admin_org_official_delete(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct org_official o;
	if (!official_or_reply(ad, &o))
		return;
	if (store_org_official_delete(ad->app->store, ad->site.id, o.id) != LOA_OK) {
		admin_error(ad, 503, "Không xóa được cán bộ. Vui lòng thử lại.");
		return;
	}
	admin_audit(ad, "official-delete", arena_printf(ad->a, "cán bộ #%lld", (long long)o.id), o.name);
	admin_content_changed(ad);
	admin_redirect(ad, "/quan-tri/can-bo", "da-xoa");
}
