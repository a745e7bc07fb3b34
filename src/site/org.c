/* org.c — "Giới thiệu" on the public site, in Vietnamese and in English:
 *   /gioi-thieu, /en/              index of the static pages
 *   /gioi-thieu/{slug}, /en/{slug} a page (the English one only when the
 *                                  page has an English version)
 *   /co-cau-to-chuc, /en/organisation   the organisation tree
 *   /lanh-dao, /en/leaders              the leaders, with photos
 *   /danh-ba, /en/directory             every official by unit, ?tim= search
 *
 * Both languages share the templates (org_*.html): every word they show
 * comes from the label table below (root.t), every address from root.links.
 * English pages render inside layout_en (lang="en", English chrome, no
 * Vietnamese sidebar); each page that has a counterpart names it in
 * root.lang for the header's VI | EN switch and in page.alternates for
 * the hreflang links, both ways. */
#include <string.h>

#include "core/buf.h"
#include "core/status.h"
#include "core/vntime.h"
#include "org/org.h"
#include "render/sanitize.h"
#include "site/siteInt.h"
#include "store/store_org.h"

enum lang { VI = 0, EN = 1 };

static const struct {
	const char *code, *locale, *about, *org, *leaders, *directory, *page_prefix;
} langs[2] = {
	{"vi", "vi_VN", "/gioi-thieu", "/co-cau-to-chuc", "/lanh-dao", "/danh-ba", "/gioi-thieu/"},
	{"en", "en_GB", "/en/", "/en/organisation", "/en/leaders", "/en/directory", "/en/"},
};

/* Every word of the org_*.html templates and of layout_en, per language. */
static const struct {
	const char *key, *text[2];
} labels[] = {
	{"about", {"Giới thiệu", "About"}},
	{"about_heading", {"Giới thiệu", "About us"}},
	{"org", {"Cơ cấu tổ chức", "Organisation and functions"}},
	{"leaders", {"Lãnh đạo", "Leaders"}},
	{"directory", {"Danh bạ", "Directory"}},
	{"home", {"Trang chủ", "Home"}},
	{"pages", {"Các trang giới thiệu", "About pages"}},
	{"more", {"Xem thêm", "Read more"}},
	{"org_intro", {"Các cơ quan, đơn vị, chức năng nhiệm vụ và địa chỉ liên hệ.",
		       "Bodies and units, their functions and how to reach them."}},
	{"leaders_intro", {"Lãnh đạo chủ chốt và thông tin liên hệ.", "The leadership and their contacts."}},
	{"directory_intro", {"Điện thoại, email của cán bộ, công chức theo từng đơn vị.",
			     "Phone numbers and e-mail addresses of officials, by unit."}},
	{"address", {"Địa chỉ", "Address"}},
	{"phone", {"Điện thoại", "Phone"}},
	{"email", {"Email", "E-mail"}},
	{"functions", {"Chức năng, nhiệm vụ", "Functions and tasks"}},
	{"unit", {"Đơn vị", "Unit"}},
	{"members", {"Cán bộ, công chức", "Officials"}},
	{"no_unit", {"Cán bộ khác", "Other officials"}},
	{"updated", {"Cập nhật", "Updated"}},
	{"search_label", {"Tìm cán bộ theo tên, chức vụ hoặc đơn vị", "Find an official by name, position or unit"}},
	{"search_hint", {"Gõ có dấu hoặc không dấu, ví dụ: nguyen duc khai",
			 "Vietnamese accents are optional, e.g. nguyen duc khai"}},
	{"search_button", {"Tìm", "Search"}},
	{"search_clear", {"Xem tất cả", "Show all"}},
	{"empty_pages", {"Chưa có trang giới thiệu nào.", "No page has been published in English yet."}},
	{"empty_org", {"Chưa có thông tin cơ cấu tổ chức.", "The organisation has not been published yet."}},
	{"empty_leaders", {"Chưa có thông tin lãnh đạo.", "The leadership has not been published yet."}},
	{"empty_directory", {"Chưa có danh bạ cán bộ.", "The directory is empty."}},
	{"portal", {"Cổng thông tin điện tử", "Official web portal"}},
	{"skip", {"Bỏ qua đến nội dung chính", "Skip to main content"}},
	{"menu", {"Mục lục", "Menu"}},
	{"in_vietnamese", {"Tiếng Việt", "Tiếng Việt (Vietnamese)"}},
	{"vi_note", {"", "Some names are given in Vietnamese only."}},
	{"back_top", {"Lên đầu trang ↑", "Back to top ↑"}},
	{"photo_of", {"Ảnh", "Photo of"}},
	{"notfound", {"Không tìm thấy trang", "Page not found"}},
	{"notfound_text", {"Trang bạn tìm không tồn tại hoặc chưa có bản tiếng Anh.",
			   "This page does not exist, or it has no English version yet."}},
};

static const char *const en_weekdays[7] = {"Monday", "Tuesday", "Wednesday", "Thursday",
					   "Friday", "Saturday", "Sunday"};
static const char *const en_months[12] = {"January", "February", "March",     "April",   "May",      "June",
					  "July",    "August",   "September", "October", "November", "December"};

static const char *label(enum lang l, const char *key)
{
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].key, key) == 0)
			return labels[i].text[l];
	return "";
}

static const char *date_label(struct page *p, enum lang l, int64_t t)
{
	struct vn_date d;
	vn_from_unix(t, &d);
	if (l == EN)
		return arena_printf(p->a, "%d %s %04d", d.day, en_months[d.month - 1], d.year);
	return arena_printf(p->a, "%02d/%02d/%04d", d.day, d.month, d.year);
}

/* The header's switch and the hreflang links: vi_path and en_path are the
 * two versions of this page (en_path NULL when it has no English one:
 * the switch then leads to the English home, with no hreflang). */
static void set_counterpart(struct page *p, enum lang l, const char *vi_path, const char *en_path)
{
	struct arena *a = p->a;
	struct tval *lang = tv_map(a);
	tv_set_str(a, lang, "vi_url", vi_path);
	tv_set_str(a, lang, "en_url", en_path ? en_path : langs[EN].about);
	tv_set_bool(a, lang, "is_en", l == EN);
	tv_set(p->root, "lang", lang);
	struct tval *alts = tv_list(a);
	if (en_path) {
		const char *paths[2] = {vi_path, en_path};
		for (int k = 0; k < 2; k++) {
			struct tval *alt = tv_map(a);
			tv_set_str(a, alt, "lang", langs[k].code);
			tv_set_str(a, alt, "url", arena_printf(a, "%s%s", p->base_url, paths[k]));
			tv_push(alts, alt);
		}
	}
	tv_set(p->page, "alternates", alts);
}

/* Plain text of a body, about `max` bytes, for index cards. */
static const char *excerpt(struct page *p, const char *html, size_t max)
{
	struct buf b = BUF_INIT;
	sanitize_text(&b, html, strlen(html), max);
	const char *s = b.len == max ? arena_printf(p->a, "%s…", b.data) : arena_strndup(p->a, b.data, b.len);
	buf_reset(&b);
	return s;
}

/* The published pages of the section in language l (in English only
 * those with an English version), `current_id` marked. */
static struct tval *pages_tv(struct page *p, enum lang l, int64_t current_id)
{
	struct arena *a = p->a;
	struct org_page *pages;
	size_t n = 0;
	struct tval *list = tv_list(a);
	if (store_org_page_list(p->app->store, p->site.id, true, a, &pages, &n) != LOA_OK)
		n = 0;
	for (size_t i = 0; i < n; i++) {
		if (l == EN && !org_page_has_en(&pages[i]))
			continue;
		struct tval *m = tv_map(a);
		tv_set_str(a, m, "title", l == EN ? pages[i].title_en : pages[i].title);
		tv_set_str(a, m, "url", arena_printf(a, "%s%s", langs[l].page_prefix, pages[i].slug));
		tv_set_str(a, m, "excerpt", excerpt(p, l == EN ? pages[i].body_en : pages[i].body_html, 220));
		tv_set_bool(a, m, "current", pages[i].id == current_id);
		tv_push(list, m);
	}
	return list;
}

/* The breadcrumb's last step (partials/org_crumbs): this page. */
static void crumb(struct page *p, enum lang l, const char *key, const char *url)
{
	struct tval *c = tv_map(p->a);
	tv_set_str(p->a, c, "name", label(l, key));
	tv_set_str(p->a, c, "url", url);
	tv_set(p->root, "crumb", c);
}

/* page_begin_or_reply, then the labels, the addresses and, for English,
 * the English layout and header. */
static bool begin(struct page *p, struct app *app, struct http_req *req, enum lang l)
{
	if (site_serve_cached(app, req) || !page_begin_or_reply(p, app, req))
		return false;
	struct arena *a = p->a;
	struct tval *t = tv_map(a), *links = tv_map(a);
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		tv_set_str(a, t, labels[i].key, labels[i].text[l]);
	tv_set(p->root, "t", t);
	tv_set_str(a, links, "about", langs[l].about);
	tv_set_str(a, links, "org", langs[l].org);
	tv_set_str(a, links, "leaders", langs[l].leaders);
	tv_set_str(a, links, "directory", langs[l].directory);
	tv_set_str(a, links, "home", l == EN ? langs[EN].about : "/");
	tv_set(p->root, "links", links);
	tv_set_str(a, p->page, "lang", langs[l].code);
	tv_set_str(a, p->page, "locale", langs[l].locale);
	if (l == EN) {
		p->layout = "layout_en";
		struct vn_date d;
		vn_from_unix(p->now, &d);
		tv_set_str(a, p->root, "today_label",
			   arena_printf(a, "%s, %d %s %04d", en_weekdays[d.wday], d.day, en_months[d.month - 1], d.year));
		struct tval *site = tv_get(p->root, "site");
		tv_set_str(a, site, "tagline", label(EN, "portal"));
		tv_set_str(a, site, "home_url", langs[EN].about);
	}
	tv_set(p->root, "pages", pages_tv(p, l, 0));
	return true;
}

/* ---- the index and the pages ---- */

static void index_page(struct app *app, struct http_req *req, enum lang l)
{
	struct page p;
	if (!begin(&p, app, req, l))
		return;
	struct arena *a = p.a;
	set_counterpart(&p, l, langs[VI].about, langs[EN].about);
	const char *title = label(l, "about_heading");
	page_set_meta(&p, title, l == EN ? arena_printf(a, "About %s: organisation, leaders, contacts", p.site.name)
					 : arena_printf(a, "Giới thiệu %s: cơ cấu tổ chức, lãnh đạo, danh bạ", p.site.name),
		      langs[l].about);
	tv_set_bool(a, p.page, "is_home_en", l == EN);
	page_finish(&p, "org_index", 200);
}

void site_about(void *app, struct http_req *req)
{
	index_page(app, req, VI);
}

void site_en_home(void *app, struct http_req *req)
{
	index_page(app, req, EN);
}

void site_en_redirect(void *app, struct http_req *req)
{
	(void)app;
	http_header(req, "location", "/en/");
	http_send(req, 301, "text/plain; charset=utf-8", "", 0, 0);
}

static void static_page(struct app *app, struct http_req *req, enum lang l)
{
	struct page p;
	if (!begin(&p, app, req, l))
		return;
	struct arena *a = p.a;
	const char *slug = http_req_param(req, 0);
	struct org_page pg;
	if (!slug || store_org_page_by_slug(p.app->store, p.site.id, slug, a, &pg) != LOA_OK || !pg.published ||
	    (l == EN && !org_page_has_en(&pg))) {
		if (l == VI) {
			page_not_found(&p);
			return;
		}
		set_counterpart(&p, l, "/gioi-thieu", NULL);
		page_set_meta(&p, label(l, "notfound"), "", http_req_path(req));
		page_finish(&p, "org_notfound", 404);
		return;
	}
	bool en = org_page_has_en(&pg);
	const char *title = l == EN ? pg.title_en : pg.title;
	const char *vi_path = arena_printf(a, "/gioi-thieu/%s", pg.slug);
	const char *en_path = en ? arena_printf(a, "/en/%s", pg.slug) : NULL;
	struct tval *m = tv_map(a);
	tv_set_str(a, m, "title", title);
	tv_set(m, "body", page_body(&p, l == EN ? pg.body_en : pg.body_html));
	tv_set_str(a, m, "updated", date_label(&p, l, pg.updated_at));
	tv_set(p.root, "doc", m);
	tv_set(p.root, "pages", pages_tv(&p, l, pg.id)); /* this one marked */
	set_counterpart(&p, l, vi_path, en_path);
	page_set_meta(&p, title, excerpt(&p, l == EN ? pg.body_en : pg.body_html, 160), l == EN ? en_path : vi_path);
	page_finish(&p, "org_page", 200);
}

void site_about_page(void *app, struct http_req *req)
{
	static_page(app, req, VI);
}

void site_en_page(void *app, struct http_req *req)
{
	static_page(app, req, EN);
}

/* ---- units and officials ---- */

/* A `tel:` address for the first number of a phone field ("" if none). */
static const char *tel_href(struct arena *a, const char *phone)
{
	struct buf b = BUF_INIT;
	for (const char *s = phone; *s && !strchr(",;/", *s); s++)
		if ((*s >= '0' && *s <= '9') || (*s == '+' && !b.len))
			buf_addch(&b, *s);
	const char *out = b.len >= 3 ? arena_printf(a, "tel:%s", b.data) : "";
	buf_reset(&b);
	return out;
}

/* text, and text_vi (true) when an English page falls back to Vietnamese
 * (the template marks it lang="vi"). */
static void set_text(struct page *p, struct tval *m, enum lang l, const char *key, const char *en, const char *vi)
{
	const char *v = l == EN ? org_en(en, vi) : vi;
	tv_set_str(p->a, m, key, v);
	tv_set_bool(p->a, m, arena_printf(p->a, "%s_vi", key), l == EN && v == vi && *vi);
}

static void set_contacts(struct page *p, struct tval *m, const char *phone, const char *email)
{
	tv_set_str(p->a, m, "phone", phone);
	tv_set_str(p->a, m, "phone_href", tel_href(p->a, phone));
	tv_set_str(p->a, m, "email", email);
}

static struct tval *official_tv(struct page *p, enum lang l, const struct org_official *o, const char *unit_name,
				bool unit_vi)
{
	struct arena *a = p->a;
	struct tval *m = tv_map(a);
	tv_set_str(a, m, "name", o->name);
	set_text(p, m, l, "title", o->title_en, o->title);
	tv_set_str(a, m, "unit", unit_name);
	tv_set_bool(a, m, "unit_vi", unit_vi);
	set_contacts(p, m, o->phone, o->email);
	tv_set_str(a, m, "photo", o->photo);
	/* initials for the placeholder of a missing photo: the given name's */
	const char *last = strrchr(o->name, ' ');
	const char *given = last ? last + 1 : o->name;
	size_t len = 1;
	while (given[len] && ((unsigned char)given[len] & 0xc0) == 0x80)
		len++;
	tv_set_str(a, m, "initial", *given ? arena_strndup(a, given, len) : "");
	return m;
}

struct org_data {
	struct org_unit *units;
	size_t nunits;
	size_t *order;  /* tree order (org_tree_order) */
	int *depth;
	struct org_official *officials;
	size_t nofficials;
};

static bool load_org(struct page *p, struct org_data *d)
{
	memset(d, 0, sizeof *d);
	struct store *st = p->app->store;
	if (store_org_unit_list(st, p->site.id, p->a, &d->units, &d->nunits) != LOA_OK ||
	    store_org_official_list(st, p->site.id, p->a, &d->officials, &d->nofficials) != LOA_OK)
		return false;
	d->order = arena_alloc(p->a, (d->nunits + 1) * sizeof *d->order);
	d->depth = arena_alloc(p->a, (d->nunits + 1) * sizeof *d->depth);
	org_tree_order(d->units, d->nunits, d->order, d->depth);
	return true;
}

/* Pushes onto `into` the officials of unit_id (0: those of no unit of
 * the list) that match q (NULL: all) and, with leaders_only, lead.
 * Returns how many. */
static size_t members(struct page *p, enum lang l, const struct org_data *d, int64_t unit_id,
		      const char *unit_name, bool unit_vi, const struct search_query *q, bool leaders_only,
		      struct tval *into)
{
	size_t count = 0;
	for (size_t i = 0; i < d->nofficials; i++) {
		const struct org_official *o = &d->officials[i];
		bool known = false;
		for (size_t k = 0; !known && k < d->nunits; k++)
			known = d->units[k].id == o->unit_id;
		if ((unit_id ? o->unit_id != unit_id : known) || (leaders_only && !o->is_leader))
			continue;
		if (q && !org_official_matches(o, q))
			continue;
		tv_push(into, official_tv(p, l, o, unit_name, unit_vi));
		count++;
	}
	return count;
}

/* One line per paragraph of a plain-text field. */
static struct tval *lines_tv(struct arena *a, const char *f)
{
	struct tval *lines = tv_list(a);
	while (*f) {
		const char *nl = strchr(f, '\n');
		size_t n = nl ? (size_t)(nl - f) : strlen(f);
		if (n) {
			struct tval *line = tv_map(a);
			tv_set_str(a, line, "line", arena_strndup(a, f, n));
			tv_push(lines, line);
		}
		f += n + (nl ? 1 : 0);
	}
	return lines;
}

/* The units in tree order, each with its officials (those matching q when
 * given; then units without a match are left out), and with_details their
 * contacts and functions; the officials of no unit come last, as a group
 * of their own. *found counts the officials listed. */
static struct tval *units_tv(struct page *p, enum lang l, const struct org_data *d, const struct search_query *q,
			     bool with_details, size_t *found)
{
	struct arena *a = p->a;
	struct tval *list = tv_list(a);
	*found = 0;
	for (size_t k = 0; k <= d->nunits; k++) {
		const struct org_unit *u = k < d->nunits ? &d->units[d->order[k]] : NULL;
		struct tval *m = tv_map(a), *people = tv_list(a);
		if (u) {
			set_text(p, m, l, "name", u->name_en, u->name);
			tv_set_int(a, m, "depth", d->depth[k]);
			tv_set_bool(a, m, "is_sub", d->depth[k] > 0);
			tv_set_str(a, m, "anchor", arena_printf(a, "don-vi-%lld", (long long)u->id));
		} else {
			tv_set_str(a, m, "name", label(l, "no_unit"));
			tv_set_str(a, m, "anchor", "don-vi-khac");
		}
		if (u && with_details) {
			tv_set_str(a, m, "address", u->address);
			set_contacts(p, m, u->phone, u->email);
			const char *f = l == EN ? org_en(u->functions_en, u->functions) : u->functions;
			tv_set_bool(a, m, "functions_vi", l == EN && f == u->functions && *f);
			struct tval *lines = lines_tv(a, f);
			tv_set(m, "functions", lines);
			tv_set_bool(a, m, "has_functions", tv_len(lines) > 0);
		}
		const char *uname = u ? (l == EN ? org_en(u->name_en, u->name) : u->name) : "";
		size_t count = members(p, l, d, u ? u->id : 0, uname, u && l == EN && !*u->name_en, q, false, people);
		tv_set(m, "members", people);
		tv_set_bool(a, m, "has_members", count > 0);
		*found += count;
		if (!count && (q || !u))
			continue;
		tv_push(list, m);
	}
	return list;
}

static bool load_or_reply(struct page *p, struct org_data *d)
{
	if (load_org(p, d))
		return true;
	static const char msg[] = "Lỗi máy chủ";
	http_send(p->req, 500, "text/plain; charset=utf-8", msg, sizeof msg - 1, 0);
	return false;
}

/* The end of the organisation, leaders and directory pages: counterpart,
 * title and description from the labels `key` and `key`_intro, the
 * breadcrumb, page.is_`key` for the section's menu, then the template. */
static void finish_section(struct page *p, enum lang l, const char *key, const char *vi_path, const char *en_path,
			   const char *tmpl)
{
	const char *path = l == EN ? en_path : vi_path;
	set_counterpart(p, l, vi_path, en_path);
	page_set_meta(p, label(l, key), label(l, arena_printf(p->a, "%s_intro", key)), path);
	crumb(p, l, key, path);
	tv_set_bool(p->a, p->page, arena_printf(p->a, "is_%s", key), true);
	page_finish(p, tmpl, 200);
}

static void org_tree(struct app *app, struct http_req *req, enum lang l)
{
	struct page p;
	struct org_data d;
	if (!begin(&p, app, req, l) || !load_or_reply(&p, &d))
		return;
	size_t found;
	tv_set(p.root, "units", units_tv(&p, l, &d, NULL, true, &found));
	finish_section(&p, l, "org", langs[VI].org, langs[EN].org, "org_tree");
}

void site_org_tree(void *app, struct http_req *req)
{
	org_tree(app, req, VI);
}

void site_en_org(void *app, struct http_req *req)
{
	org_tree(app, req, EN);
}

static void leaders(struct app *app, struct http_req *req, enum lang l)
{
	struct page p;
	struct org_data d;
	if (!begin(&p, app, req, l) || !load_or_reply(&p, &d))
		return;
	/* by their unit's place in the tree, then their own order */
	struct tval *list = tv_list(p.a);
	for (size_t k = 0; k <= d.nunits; k++) {
		const struct org_unit *u = k < d.nunits ? &d.units[d.order[k]] : NULL;
		const char *name = u ? (l == EN ? org_en(u->name_en, u->name) : u->name) : "";
		members(&p, l, &d, u ? u->id : 0, name, u && l == EN && !*u->name_en, NULL, true, list);
	}
	tv_set(p.root, "leaders", list);
	finish_section(&p, l, "leaders", langs[VI].leaders, langs[EN].leaders, "org_leaders");
}

void site_leaders(void *app, struct http_req *req)
{
	leaders(app, req, VI);
}

void site_en_leaders(void *app, struct http_req *req)
{
	leaders(app, req, EN);
}

/* The directory, with a search for a name, a position or a unit, typed
 * with or without diacritics, in ?tim= (not ?q=, which the sidebar's
 * article search reads): a search is not cached (its page depends on it). */
static void directory(struct app *app, struct http_req *req, enum lang l)
{
	struct page p;
	const char *q = http_req_query(req, "tim");
	bool searching = q && *q;
	struct org_data d;
	/* searches are never stored in the cache, so never found there */
	if (!begin(&p, app, req, l) || !load_or_reply(&p, &d))
		return;
	struct arena *a = p.a;
	struct search_query *sq = NULL;
	if (searching) {
		p.no_cache = true;
		if (strlen(q) > ORG_QUERY_MAX) {
			page_bad_request(&p, l == EN ? "The search is too long (200 characters at most)."
						     : "Từ khóa tìm kiếm quá dài (tối đa 200 ký tự).");
			return;
		}
		sq = arena_alloc(a, sizeof *sq);
		search_query_parse(sq, q, strlen(q));
	}
	size_t found;
	tv_set(p.root, "units", units_tv(&p, l, &d, sq, false, &found));
	struct tval *search = tv_map(a);
	tv_set_str(a, search, "q", searching ? q : "");
	tv_set_bool(a, search, "active", searching);
	tv_set_int(a, search, "found", (int64_t)found);
	tv_set_str(a, search, "summary",
		   !searching ? ""
		   : l == EN ? (found ? arena_printf(a, "%zu official%s found for “%s”.", found, found == 1 ? "" : "s", q)
				      : arena_printf(a, "No official matches “%s”.", q))
		   : found ? arena_printf(a, "Tìm thấy %zu cán bộ phù hợp với “%s”.", found, q)
			   : arena_printf(a, "Không tìm thấy cán bộ nào phù hợp với “%s”.", q));
	tv_set(p.root, "search", search);
	finish_section(&p, l, "directory", langs[VI].directory, langs[EN].directory, "org_directory");
}

void site_directory(void *app, struct http_req *req)
{
	directory(app, req, VI);
}

void site_en_directory(void *app, struct http_req *req)
{
	directory(app, req, EN);
}

/* The footer's links to the section (page_add_chrome): the published
 * pages, then the organisation, leaders and directory. */
void site_org_footer(struct page *p)
{
	struct arena *a = p->a;
	struct org_page *pages;
	size_t n = 0;
	struct tval *list = tv_list(a);
	if (store_org_page_list(p->app->store, p->site.id, true, a, &pages, &n) != LOA_OK)
		n = 0;
	for (size_t i = 0; i < n; i++) {
		struct tval *m = tv_map(a);
		tv_set_str(a, m, "title", pages[i].title);
		tv_set_str(a, m, "url", arena_printf(a, "/gioi-thieu/%s", pages[i].slug));
		tv_push(list, m);
	}
	tv_set(p->root, "about_pages", list);
}

void site_org_sitemap(struct page *p, struct buf *b)
{
	char iso[26];
	struct org_page *pages;
	size_t n = 0;
	if (store_org_page_list(p->app->store, p->site.id, true, p->a, &pages, &n) != LOA_OK)
		n = 0;
	for (int l = VI; l <= EN; l++) {
		const char *fixed[4] = {langs[l].about, langs[l].org, langs[l].leaders, langs[l].directory};
		for (int k = 0; k < 4; k++)
			buf_addf(b, "<url><loc>%s%s</loc><changefreq>weekly</changefreq></url>\n", p->base_url, fixed[k]);
		for (size_t i = 0; i < n; i++) {
			if (l == EN && !org_page_has_en(&pages[i]))
				continue;
			vn_format_iso(pages[i].updated_at, iso);
			buf_addf(b, "<url><loc>%s%s%s</loc><lastmod>%s</lastmod></url>\n", p->base_url, langs[l].page_prefix,
				 pages[i].slug, iso);
		}
	}
}
