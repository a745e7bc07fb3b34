/* structure.c — the admin's rooms for the site's structure: categories
 * (tree, order, rename keeps old URLs working), linked websites, and site
 * settings (name, tagline, footer, contact, starting visit total). */
#include <string.h>

#include "admin/adminInt.h"
#include "core/buf.h"
#include "core/num.h"
#include "core/status.h"
#include "core/text.h"
#include "store/store_feedback.h"
#include "store/store_portal.h"

/* A short text field, cleaned to NFC; NULL (and an error set) when longer
 * than max code points. */
static const char *text_field(struct admin *ad, const char *name, size_t max, struct tval *errors, const char *key,
			      const char *label)
{
	const char *v = admin_field(ad, name);
	const char *c = text_clean(ad->a, v, strlen(v));
	if (!c)
		c = "";
	if (text_length(c, strlen(c)) > max) {
		tv_set_str(ad->a, errors, key, arena_printf(ad->a, "%s dài quá %zu ký tự.", label, max));
		return NULL;
	}
	return c;
}

/* ---- categories ---- */

/* True when category id is ancestor or one of its descendants (the parent
 * chain is followed at most n steps, so a cycle cannot loop). */
static bool category_within(const struct category *cats, size_t n, int64_t id, int64_t ancestor)
{
	for (size_t steps = 0; id && steps <= n; steps++) {
		if (id == ancestor)
			return true;
		int64_t parent = 0;
		for (size_t k = 0; k < n; k++)
			if (cats[k].id == id)
				parent = cats[k].parent_id;
		id = parent;
	}
	return false;
}

static void render_categories(struct admin *ad, int status, const char *error)
{
	struct arena *a = ad->a;
	struct category *cats;
	size_t n = 0;
	if (store_category_list(ad->app->store, ad->site.id, a, &cats, &n) != LOA_OK)
		n = 0;
	struct category_count *counts = NULL;
	size_t ncounts = 0;
	if (store_category_counts(ad->app->store, ad->site.id, a, &counts, &ncounts) != LOA_OK)
		ncounts = 0;
	struct tval *rows = tv_list(a), *parents = tv_list(a), *errors = tv_map(a);
	for (size_t i = 0; i < n; i++) {
		/* its own articles, and with its sub-categories' (what its public page lists) */
		int64_t count = 0, all = 0;
		for (size_t k = 0; k < ncounts; k++) {
			if (counts[k].category_id == cats[i].id)
				count = counts[k].articles;
			if (category_within(cats, n, counts[k].category_id, cats[i].id))
				all += counts[k].articles;
		}
		const char *lab = admin_category_label(a, cats, n, i);
		struct tval *r = tv_map(a);
		tv_set_int(a, r, "id", cats[i].id);
		tv_set_str(a, r, "name", cats[i].name);
		tv_set_str(a, r, "slug", cats[i].slug);
		tv_set_str(a, r, "label", lab);
		tv_set_int(a, r, "parent_id", cats[i].parent_id);
		tv_set_int(a, r, "position", cats[i].position);
		tv_set_int(a, r, "articles", count);
		if (all > count)
			tv_set_int(a, r, "articles_all", all);
		tv_set_str(a, r, "edit_url", arena_printf(a, "/quan-tri/chuyen-muc/%lld", (long long)cats[i].id));
		tv_set_str(a, r, "public_url", arena_printf(a, "/%s", cats[i].slug));
		/* each row's own parent choices, with its current parent selected */
		struct tval *popts = tv_list(a);
		struct tval *o0 = tv_map(a);
		tv_set_int(a, o0, "id", 0);
		tv_set_str(a, o0, "label", "(Chuyên mục gốc)");
		tv_set_bool(a, o0, "selected", cats[i].parent_id == 0);
		tv_push(popts, o0);
		for (size_t k = 0; k < n; k++) {
			if (k == i)
				continue;
			struct tval *o = tv_map(a);
			tv_set_int(a, o, "id", cats[k].id);
			tv_set_str(a, o, "label", cats[k].name);
			tv_set_bool(a, o, "selected", cats[k].id == cats[i].parent_id);
			tv_push(popts, o);
		}
		tv_set(r, "parent_choices", popts);
		tv_push(rows, r);
		struct tval *p = tv_map(a);
		tv_set_int(a, p, "id", cats[i].id);
		tv_set_str(a, p, "label", lab);
		tv_push(parents, p);
	}
	tv_set_str(a, errors, "general", error ? error : "");
	tv_set(ad->root, "rows", rows);
	tv_set(ad->root, "parent_options", parents);
	tv_set(ad->root, "errors", errors);
	admin_finish(ad, "categories", "Chuyên mục", status);
}

void admin_categories(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	if (strcmp(http_req_method(req), "POST") != 0) {
		render_categories(ad, 200, NULL);
		return;
	}
	struct tval *errors = tv_map(ad->a);
	const char *name = text_field(ad, "ten", 200, errors, "general", "Tên chuyên mục");
	int64_t parent = 0, id;
	const char *err = NULL;
	if (!name || !*name) {
		render_categories(ad, 422, name ? "Hãy nhập tên chuyên mục." : "Tên chuyên mục quá dài.");
		return;
	}
	const char *ps = admin_field(ad, "cha");
	if (*ps && !num_parse_i64(ps, 0, INT64_MAX, &parent)) {
		render_categories(ad, 422, "Chuyên mục cha không hợp lệ.");
		return;
	}
	if (store_category_add(ad->app->store, ad->site.id, parent, name, &id, &err) != LOA_OK) {
		render_categories(ad, 422, err ? err : "Không thêm được chuyên mục.");
		return;
	}
	admin_audit(ad, "category-add", arena_printf(ad->a, "chuyên mục #%lld", (long long)id), name);
	admin_content_changed(ad);
	admin_redirect(ad, "/quan-tri/chuyen-muc", "da-them");
}

void admin_category_delete(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	int64_t id = http_req_param_id(req, 0);
	const char *err = NULL;
	if (store_category_delete(ad->app->store, ad->site.id, id, &err) != LOA_OK) {
		render_categories(ad, 409, err ? err : "Không xóa được chuyên mục.");
		return;
	}
	admin_audit(ad, "category-delete", arena_printf(ad->a, "chuyên mục #%lld", (long long)id), "");
	admin_content_changed(ad);
	admin_redirect(ad, "/quan-tri/chuyen-muc", "da-xoa");
}

void admin_category_update(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	int64_t id = http_req_param_id(req, 0);
	const char *err = NULL;
	struct tval *errors = tv_map(ad->a);
	struct category c = {.id = id, .site_id = ad->site.id};
	c.name = text_field(ad, "ten", 200, errors, "general", "Tên chuyên mục");
	c.slug = admin_field(ad, "duong-dan");
	int64_t v;
	if (!c.name || !*c.name) {
		render_categories(ad, 422, "Hãy nhập tên chuyên mục.");
		return;
	}
	c.parent_id = num_parse_i64(admin_field(ad, "cha"), 0, INT64_MAX, &v) ? v : 0;
	c.position = num_parse_i64(admin_field(ad, "thu-tu"), 0, 100000, &v) ? (int)v : 0;
	for (const char *p = c.slug; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-')) {
			render_categories(ad, 422, "Đường dẫn chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang.");
			return;
		}
	if (store_category_update(ad->app->store, &c, &err) != LOA_OK) {
		render_categories(ad, 422, err ? err : "Không lưu được chuyên mục.");
		return;
	}
	admin_audit(ad, "category-update", arena_printf(ad->a, "chuyên mục #%lld", (long long)id), c.name);
	admin_content_changed(ad);
	admin_redirect(ad, "/quan-tri/chuyen-muc", "da-luu");
}

/* ---- linked websites and public-service portals ---- */

/* The form's value of each link kind ("loai"), by enum link_kind. */
static const char *const link_kinds[2][2] = {{"website", "Website liên kết"}, {"dich-vu-cong", "Dịch vụ công"}};

static struct tval *link_kind_options(struct admin *ad, int chosen)
{
	struct tval *l = tv_list(ad->a);
	for (int k = 0; k < 2; k++) {
		struct tval *o = tv_map(ad->a);
		tv_set_str(ad->a, o, "value", link_kinds[k][0]);
		tv_set_str(ad->a, o, "label", link_kinds[k][1]);
		tv_set_bool(ad->a, o, "selected", k == chosen);
		tv_push(l, o);
	}
	return l;
}

static void render_links(struct admin *ad, int status, const char *error)
{
	struct arena *a = ad->a;
	struct link *links;
	size_t n = 0;
	if (store_link_list(ad->app->store, ad->site.id, a, &links, &n) != LOA_OK)
		n = 0;
	struct tval *rows = tv_list(a), *errors = tv_map(a);
	for (size_t i = 0; i < n; i++) {
		struct tval *r = tv_map(a);
		tv_set_int(a, r, "id", links[i].id);
		tv_set_str(a, r, "title", links[i].title);
		tv_set_str(a, r, "url", links[i].url);
		tv_set_int(a, r, "position", links[i].position);
		tv_set_str(a, r, "kind_label", link_kinds[links[i].kind == LINK_SERVICE][1]);
		tv_set(r, "kind_options", link_kind_options(ad, links[i].kind));
		tv_set_str(a, r, "edit_url", arena_printf(a, "/quan-tri/lien-ket/%lld", (long long)links[i].id));
		tv_push(rows, r);
	}
	tv_set_str(a, errors, "general", error ? error : "");
	tv_set(ad->root, "rows", rows);
	tv_set(ad->root, "errors", errors);
	tv_set(ad->root, "kind_options", link_kind_options(ad, strcmp(admin_field(ad, "loai"), link_kinds[1][0]) == 0));
	admin_finish(ad, "links", "Website liên kết và dịch vụ công", status);
}

/* Reads and checks a link form; NULL error when fine. */
static const char *read_link(struct admin *ad, struct link *l)
{
	struct tval *errors = tv_map(ad->a);
	l->title = text_field(ad, "tieu-de", 200, errors, "general", "Tên website");
	l->url = admin_field(ad, "dia-chi");
	if (!l->title || !*l->title)
		return "Hãy nhập tên website (tối đa 200 ký tự).";
	if (strlen(l->url) > 2000 || (strncmp(l->url, "https://", 8) != 0 && strncmp(l->url, "http://", 7) != 0) ||
	    strpbrk(l->url, " \"'<>"))
		return "Địa chỉ phải bắt đầu bằng http:// hoặc https:// và không có dấu cách.";
	const char *kind = admin_field(ad, "loai");
	if (*kind && strcmp(kind, link_kinds[0][0]) != 0 && strcmp(kind, link_kinds[1][0]) != 0)
		return "Loại liên kết không hợp lệ: chọn Website liên kết hoặc Dịch vụ công.";
	l->kind = strcmp(kind, link_kinds[1][0]) == 0 ? LINK_SERVICE : LINK_WEBSITE;
	return NULL;
}

void admin_links(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	if (strcmp(http_req_method(req), "POST") != 0) {
		render_links(ad, 200, NULL);
		return;
	}
	struct link l = {.site_id = ad->site.id, .position = 1000};
	const char *err = read_link(ad, &l);
	int64_t id;
	if (err) {
		render_links(ad, 422, err);
		return;
	}
	if (store_link_add(ad->app->store, &l, &id) != LOA_OK) {
		render_links(ad, 503, "Không thêm được liên kết.");
		return;
	}
	admin_audit(ad, "link-add", l.title, l.url);
	admin_content_changed(ad);
	admin_redirect(ad, "/quan-tri/lien-ket", "da-them");
}

void admin_link_delete(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	int64_t id = http_req_param_id(req, 0);
	store_link_delete(ad->app->store, ad->site.id, id);
	admin_audit(ad, "link-delete", arena_printf(ad->a, "liên kết #%lld", (long long)id), "");
	admin_content_changed(ad);
	admin_redirect(ad, "/quan-tri/lien-ket", "da-xoa");
}

void admin_link_update(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	int64_t id = http_req_param_id(req, 0), v;
	struct link l = {.id = id, .site_id = ad->site.id};
	const char *err = read_link(ad, &l);
	if (err) {
		render_links(ad, 422, err);
		return;
	}
	l.position = num_parse_i64(admin_field(ad, "thu-tu"), 0, 100000, &v) ? (int)v : 0;
	if (store_link_update(ad->app->store, &l) != LOA_OK) {
		render_links(ad, 503, "Không lưu được liên kết.");
		return;
	}
	admin_audit(ad, "link-update", l.title, l.url);
	admin_content_changed(ad);
	admin_redirect(ad, "/quan-tri/lien-ket", "da-luu");
}

/* ---- site settings ---- */

void admin_settings(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct arena *a = ad->a;
	struct tval *form = tv_map(a), *errors = tv_map(a);
	struct site s = ad->site;
	struct site_legal legal = {"", "", "", "", "", ""};
	store_site_legal(ad->app->store, s.id, a, &legal);
	int status = 200;
	if (strcmp(http_req_method(req), "POST") == 0) {
		const char *name = text_field(ad, "ten", 200, errors, "name", "Tên trang");
		const char *tagline = text_field(ad, "khau-hieu", 300, errors, "general", "Khẩu hiệu");
		const char *footer = text_field(ad, "chan-trang", 3000, errors, "general", "Chân trang");
		const char *contact = text_field(ad, "lien-he", 3000, errors, "general", "Thông tin liên hệ");
		int64_t base = 0, keep = 0;
		const char *bs = admin_field(ad, "tong-truy-cap"), *ks = admin_field(ad, "luu-tru");
		bool ok = name && tagline && footer && contact;
		ok &= admin_legal_read(ad, &legal, errors);
		if (name && !*name) {
			tv_set_str(a, errors, "name", "Hãy nhập tên trang.");
			ok = false;
		}
		if (*bs && !num_parse_i64(bs, 0, 1000000000000LL, &base)) {
			tv_set_str(a, errors, "visits_base", "Tổng lượt truy cập ban đầu phải là số nguyên không âm.");
			ok = false;
		}
		if (*ks && !num_parse_i64(ks, 0, 36500, &keep)) {
			tv_set_str(a, errors, "retention", "Số ngày lưu phải là số nguyên từ 0 đến 36500.");
			ok = false;
		}
		const char *logo = text_clean(a, admin_field(ad, "logo"), strlen(admin_field(ad, "logo")));
		if (!logo)
			logo = "";
		if (*logo && (strlen(logo) > 1000 || !admin_media_path_ok(logo, strlen(logo)))) {
			tv_set_str(a, errors, "logo",
				   "Logo phải là đường dẫn của một ảnh trong thư viện ảnh (bắt đầu bằng /media/), "
				   "không chứa dấu cách, dấu nháy hay \"..\".");
			ok = false;
		}
		if (ok) {
			s.logo = logo;
			s.name = name;
			s.tagline = tagline;
			s.footer = footer;
			s.contact = contact;
			s.visits_base = base;
			/* all or nothing: the site, the retention and the legal facts */
			bool begun = store_begin(ad->app->store) == LOA_OK;
			if (begun && store_site_update(ad->app->store, &s) == LOA_OK &&
			    store_site_set_retention(ad->app->store, s.id, (int)keep) == LOA_OK &&
			    store_site_set_legal(ad->app->store, s.id, &legal) == LOA_OK &&
			    store_commit(ad->app->store) == LOA_OK) {
				admin_audit(ad, "settings-update", s.name, "");
				admin_content_changed(ad);
				admin_redirect(ad, "/quan-tri/thiet-lap", "da-luu");
				return;
			}
			if (begun)
				store_rollback(ad->app->store);
			tv_set_str(a, errors, "general", "Không lưu được thiết lập.");
		}
		status = 422;
		s.name = admin_field(ad, "ten");
		s.tagline = admin_field(ad, "khau-hieu");
		s.footer = admin_field(ad, "chan-trang");
		s.contact = admin_field(ad, "lien-he");
		s.logo = admin_field(ad, "logo");
	}
	tv_set_str(a, form, "name", s.name);
	tv_set_str(a, form, "logo", s.logo);
	tv_set_str(a, form, "tagline", s.tagline);
	tv_set_str(a, form, "footer", s.footer);
	tv_set_str(a, form, "contact", s.contact);
	tv_set_int(a, form, "visits_base", s.visits_base);
	int days = 0;
	store_site_retention(ad->app->store, s.id, &days);
	tv_set_int(a, form, "retention_days", days);
	admin_legal_form(ad, form, &legal);
	admin_legal_warning(ad);
	tv_set(ad->root, "form", form);
	tv_set(ad->root, "errors", errors);
	admin_finish(ad, "settings", "Thiết lập trang", status);
}
