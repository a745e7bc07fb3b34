/* page.c — what every public page shares: choosing the site, the layout's
 * context (navigation and the sidebar widgets of the reference portal),
 * rendering, the page cache with live visit counters, and visit counting.
 *
 * Read path: a GET for a cacheable page first looks in the page cache under
 * "host\npath?query". A hit costs a hash lookup, a visit count in memory and
 * a few small per-request pieces (the counters); the page bytes and their
 * gzip form are shared. A miss renders the page once with slot markers for
 * the counters and stores it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/num.h"
#include "core/status.h"
#include "core/vntime.h"
#include "media/library.h"
#include "render/pagecache.h"
#include "render/pager.h"
#include "render/sanitize.h"
#include "site/civic.h"
#include "site/site.h"
#include "site/siteInt.h"
#include "stats/stats.h"

#define HOT_DAYS 7
#define HOT_LIMIT 8
#define FEATURED_LIMIT 6
#define CACHE_TTL 60            /* seconds: hot list and today's calendar move */

static const char *session_label(int s)
{
	return s == CAL_AFTERNOON ? "Chiều" : s == CAL_EVENING ? "Tối" : "Sáng";
}

const struct category *page_category_by_id(struct page *p, int64_t id)
{
	for (size_t i = 0; i < p->ncats; i++)
		if (p->cats[i].id == id)
			return &p->cats[i];
	return NULL;
}

const char *page_category_url(struct page *p, const struct category *c)
{
	return arena_printf(p->a, "/%s", c->slug);
}

const char *page_article_url(struct page *p, const struct article *art)
{
	return arena_printf(p->a, "/%s/%s-%lld", art->category_slug, art->slug, (long long)art->id);
}

struct tval *page_body(struct page *p, const char *html)
{
	size_t n = strlen(html);
	if (!sanitize_body_bare_top(html, n) && !sanitize_body_unsized_img(html, n))
		return tv_html(p->a, html);
	struct buf b = BUF_INIT;
	const char *shown = html;
	struct media_library lib = {p->app->store, p->site.id, p->a};
	if (sanitize_body(&b, html, n, media_library_img, &lib) == LOA_OK)
		shown = arena_strndup(p->a, b.data, b.len);
	buf_reset(&b);
	return tv_html(p->a, shown);
}

struct tval *page_card(struct page *p, const struct article *art)
{
	struct arena *a = p->a;
	struct tval *m = tv_map(a);
	char date[17], iso[26];
	vn_format_datetime(art->published_at, date);
	vn_format_iso(art->published_at, iso);
	tv_set_int(a, m, "id", art->id);
	tv_set_str(a, m, "title", art->title);
	tv_set_str(a, m, "url", page_article_url(p, art));
	tv_set_str(a, m, "lead", art->lead);
	tv_set_str(a, m, "date", arena_strdup(a, date));
	tv_set_str(a, m, "iso", arena_strdup(a, iso));
	tv_set_str(a, m, "image", art->image);
	tv_set_str(a, m, "caption", art->caption);
	tv_set_bool(a, m, "has_image", art->image && *art->image);
	tv_set_str(a, m, "image_srcset", art->image && *art->image ? art->image_srcset : "");
	tv_set_str(a, m, "category_name", art->category_name);
	tv_set_str(a, m, "category_url", arena_printf(a, "/%s", art->category_slug));
	return m;
}

bool page_begin_or_reply(struct page *p, struct app *app, struct http_req *req)
{
	memset(p, 0, sizeof *p);
	p->app = app;
	p->req = req;
	p->a = http_req_arena(req);
	p->now = clock_now();
	/* taken before the first read: a page built from data an editor
	 * changed meanwhile is then not cached (pagecache_put_since) */
	p->cache_gen = pagecache_generation(app->cache);
	int rc = store_site_for_host(app->store, http_req_host(req), p->a, &p->site);
	if (rc == LOA_OK)
		rc = store_category_list(app->store, p->site.id, p->a, &p->cats, &p->ncats);
	if (rc != LOA_OK) {
		static const char msg[] = "<!doctype html><meta charset=utf-8><title>Lỗi máy chủ</title>"
					  "<h1>Lỗi máy chủ</h1><p>Trang chưa được khởi tạo hoặc cơ sở dữ liệu "
					  "đang gặp sự cố. Vui lòng thử lại sau.</p>";
		http_send(req, rc == LOA_NOTFOUND ? 503 : 500, "text/html; charset=utf-8", msg, sizeof msg - 1, 0);
		return false;
	}
	const char *host = http_req_header(req, "host");
	p->base_url = arena_printf(p->a, "%s://%s", http_req_is_tls(req) ? "https" : "http",
				   host && *host ? host : "localhost");
	struct arena *a = p->a;
	p->root = tv_map(a);
	struct tval *site = tv_map(a);
	tv_set_str(a, site, "name", p->site.name);
	tv_set_str(a, site, "tagline", p->site.tagline);
	tv_set_str(a, site, "logo", p->site.logo);
	tv_set_str(a, site, "home_url", "/");
	const char *texts[2] = {p->site.footer, p->site.contact};
	const char *keys[2] = {"footer_lines", "contact_lines"};
	for (int k = 0; k < 2; k++) {
		struct tval *lines = tv_list(a);
		const char *s = texts[k] ? texts[k] : "";
		while (*s) {
			const char *nl = strchr(s, '\n');
			size_t n = nl ? (size_t)(nl - s) : strlen(s);
			if (n) {
				struct tval *l = tv_map(a);
				tv_set_str(a, l, "line", arena_strndup(a, s, n));
				tv_push(lines, l);
			}
			s += n + (nl ? 1 : 0);
		}
		tv_set(site, keys[k], lines);
	}
	tv_set(p->root, "site", site);
	p->page = tv_map(a);
	tv_set(p->root, "page", p->page);
	struct tval *asset = tv_map(a);
	const char *version = app_theme(app)->asset_version;
	tv_set_str(a, asset, "css", arena_printf(a, "/static/%s/style.css", version));
	tv_set_str(a, asset, "icon", arena_printf(a, "/static/%s/favicon.svg", version));
	tv_set_str(a, asset, "js", arena_printf(a, "/static/%s/search.js", version));
	tv_set(p->root, "asset", asset);
	struct vn_date d;
	vn_from_unix(p->now, &d);
	tv_set_str(a, p->root, "today_label",
		   arena_printf(a, "%s, %02d/%02d/%04d", vn_weekday_name(d.wday), d.day, d.month, d.year));
	/* the header's VI | EN switch: pages with an English counterpart
	 * name it (site/org.c); the others lead to the English home */
	struct tval *lang = tv_map(a);
	tv_set_str(a, lang, "vi_url", http_req_path(req) ? http_req_path(req) : "/");
	tv_set_str(a, lang, "en_url", "/en/");
	tv_set(p->root, "lang", lang);
	return true;
}

void page_set_meta(struct page *p, const char *title, const char *description, const char *canonical_path)
{
	struct arena *a = p->a;
	const char *full = title && *title ? arena_printf(a, "%s - %s", title, p->site.name) : p->site.name;
	tv_set_str(a, p->page, "title", full);
	tv_set_str(a, p->page, "heading", title ? title : "");
	tv_set_str(a, p->page, "description", description && *description ? description : p->site.tagline);
	tv_set_str(a, p->page, "canonical", arena_printf(a, "%s%s", p->base_url, canonical_path));
	if (!tv_get(p->page, "og_type"))
		tv_set_str(a, p->page, "og_type", "website");
	if (!tv_get(p->page, "rss_url"))
		tv_set_str(a, p->page, "rss_url", arena_printf(a, "%s/rss.xml", p->base_url));
}

static const struct category *top_ancestor(struct page *p, const struct category *c, int *depth)
{
	int d = 0;
	while (c->parent_id && d < 16) {
		const struct category *par = page_category_by_id(p, c->parent_id);
		if (!par)
			break;
		c = par;
		d++;
	}
	if (depth)
		*depth = d;
	return c;
}

static bool path_in(const char *path, const char *url)
{
	size_t n = strlen(url);
	return path && strncmp(path, url, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

static struct tval *nav_item(struct page *p, const struct category *c, const char *path)
{
	struct tval *item = tv_map(p->a);
	const char *url = page_category_url(p, c);
	tv_set_str(p->a, item, "name", c->name);
	tv_set_str(p->a, item, "url", url);
	tv_set_bool(p->a, item, "active", path_in(path, url));
	return item;
}

/* Navigation (top-level categories with their descendants) and the
 * category choices of the sidebar search form. */
static void add_nav(struct page *p, struct tval *sidebar)
{
	struct arena *a = p->a;
	struct tval *nav = tv_list(a), *sel = tv_list(a);
	const char *path = http_req_path(p->req);
	const char *chosen = http_req_query(p->req, "chuyen-muc");
	for (size_t i = 0; i < p->ncats; i++) {
		const struct category *c = &p->cats[i];
		int depth;
		top_ancestor(p, c, &depth);
		struct buf label = BUF_INIT;
		for (int k = 0; k < depth; k++)
			buf_adds(&label, "— ");
		buf_adds(&label, c->name);
		struct tval *opt = tv_map(a);
		tv_set_str(a, opt, "slug", c->slug);
		tv_set_str(a, opt, "label", arena_strndup(a, label.data, label.len));
		tv_set_bool(a, opt, "selected", chosen && strcmp(chosen, c->slug) == 0);
		tv_push(sel, opt);
		buf_reset(&label);
		if (c->parent_id)
			continue;
		struct tval *item = nav_item(p, c, path), *children = tv_list(a);
		for (size_t j = 0; j < p->ncats; j++)
			if (p->cats[j].parent_id && top_ancestor(p, &p->cats[j], NULL) == c)
				tv_push(children, nav_item(p, &p->cats[j], path));
		tv_set(item, "children", children);
		tv_set_bool(a, item, "has_children", tv_len(children) > 0);
		tv_push(nav, item);
	}
	tv_set(p->root, "nav", nav);
	tv_set(sidebar, "categories", sel);
}

static struct tval *cal_item_tv(struct page *p, const struct cal_item *it)
{
	struct arena *a = p->a;
	struct tval *m = tv_map(a);
	tv_set_str(a, m, "time", it->start_time);
	tv_set_str(a, m, "session_label", session_label(it->session));
	tv_set_str(a, m, "content", it->content);
	tv_set_str(a, m, "chair", it->chair);
	tv_set_str(a, m, "participants", it->participants);
	tv_set_str(a, m, "location", it->location);
	tv_set_str(a, m, "unit", it->unit);
	tv_set_str(a, m, "note", it->note);
	tv_set_bool(a, m, "changed", it->state == 1);
	tv_set_bool(a, m, "cancelled", it->state == 2);
	return m;
}

struct tval *page_cal_item(struct page *p, const struct cal_item *it)
{
	return cal_item_tv(p, it);
}

static const char *day_label(struct page *p, int64_t day)
{
	struct vn_date d;
	vn_date_of_day(day, &d);
	return arena_printf(p->a, "%s, %02d/%02d/%04d", vn_weekday_name(d.wday), d.day, d.month, d.year);
}

/* Sidebar "Lịch công tác": today's items and the rest of this week. */
static void add_calendar_widget(struct page *p, struct tval *sidebar)
{
	struct arena *a = p->a;
	int64_t today = vn_day(p->now), sunday = vn_week_monday(today) + 6;
	struct cal_item *items;
	size_t n = 0;
	struct tval *cal = tv_map(a), *today_items = tv_list(a), *days = tv_list(a);
	if (store_calendar_range(p->app->store, p->site.id, today, sunday, a, &items, &n) != LOA_OK)
		n = 0;
	struct tval *day_items = NULL;
	int64_t cur_day = -1;
	for (size_t i = 0; i < n; i++) {
		if (items[i].day == today) {
			tv_push(today_items, cal_item_tv(p, &items[i]));
			continue;
		}
		if (items[i].day != cur_day) {
			cur_day = items[i].day;
			struct tval *d = tv_map(a);
			tv_set_str(a, d, "label", day_label(p, cur_day));
			day_items = tv_list(a);
			tv_set(d, "items", day_items);
			tv_push(days, d);
		}
		tv_push(day_items, cal_item_tv(p, &items[i]));
	}
	struct tval *t = tv_map(a);
	tv_set_str(a, t, "label", day_label(p, today));
	tv_set(t, "items", today_items);
	tv_set(cal, "today", t);
	tv_set(cal, "week_days", days);
	tv_set_bool(a, cal, "empty", n == 0);
	tv_set_str(a, cal, "url", "/lich-cong-tac");
	tv_set(sidebar, "calendar", cal);
}

void page_add_chrome(struct page *p)
{
	struct arena *a = p->a;
	struct store *st = p->app->store;
	struct tval *sidebar = tv_map(a);
	tv_set(p->root, "sidebar", sidebar);
	add_nav(p, sidebar);

	/* the search page's own fields (its dates as it read them), else the query's */
	struct tval *search = tv_get(p->root, "query");
	if (!search) {
		search = tv_map(a);
		static const char *fields[][2] = {{"q", "q"}, {"from", "tu-ngay"}, {"to", "den-ngay"},
						  {"category_slug", "chuyen-muc"}};
		for (size_t i = 0; i < 4; i++) {
			const char *v = http_req_query(p->req, fields[i][1]);
			tv_set_str(a, search, fields[i][0], v ? v : "");
		}
	}
	tv_set(sidebar, "search", search);

	struct article *arts;
	size_t n;
	struct tval *hot = tv_list(a);
	if (store_article_hot(st, p->site.id, p->now - HOT_DAYS * 86400, p->now, HOT_LIMIT, a, &arts, &n) == LOA_OK)
		for (size_t i = 0; i < n; i++)
			tv_push(hot, page_card(p, &arts[i]));
	tv_set(sidebar, "hot", hot);

	struct tval *feat = tv_list(a);
	struct article_query q = {.site_id = p->site.id, .now = p->now, .featured_only = true, .limit = FEATURED_LIMIT};
	if (store_article_list(st, &q, a, &arts, &n, NULL) == LOA_OK)
		for (size_t i = 0; i < n; i++)
			tv_push(feat, page_card(p, &arts[i]));
	tv_set(sidebar, "featured", feat);

	add_calendar_widget(p, sidebar);

	struct link *links;
	struct tval *lt = tv_list(a), *services = tv_list(a);
	if (store_link_list(st, p->site.id, a, &links, &n) == LOA_OK)
		for (size_t i = 0; i < n; i++) {
			struct tval *l = tv_map(a);
			tv_set_str(a, l, "title", links[i].title);
			tv_set_str(a, l, "url", links[i].url);
			tv_push(links[i].kind == LINK_SERVICE ? services : lt, l);
		}
	tv_set(sidebar, "links", lt);
	tv_set(sidebar, "services", services);
	tv_set_bool(a, sidebar, "has_services", tv_len(services) > 0);
	page_add_portal(p, sidebar);
	site_org_footer(p);

	/* live values: slots filled per request from the cached page */
	struct tval *stats = tv_map(a);
	tv_set_str(a, stats, "online", PAGECACHE_SLOT("online"));
	tv_set_str(a, stats, "today", PAGECACHE_SLOT("today"));
	tv_set_str(a, stats, "total", PAGECACHE_SLOT("total"));
	tv_set(sidebar, "stats", stats);
}

bool page_number(struct page *p, int *out)
{
	const char *s = http_req_query(p->req, "trang");
	int64_t v = 1;
	if (s && !num_parse_i64(s, 1, 100000, &v))
		return false;
	*out = (int)v;
	return true;
}

void page_pager(struct page *p, const char *url_base, int cur, int64_t total, int per_page)
{
	tv_set(p->root, "pager", pager_tv(p->a, url_base, cur, total, per_page));
}

/* ---- sending, caching, counting ---- */

static bool wants_count(struct http_req *req)
{
	return !stats_is_bot(http_req_header(req, "user-agent"));
}

/* Counts the visit (unless a bot) and sets the visitor cookie when needed;
 * fills the three live values. */
static void count_and_fill(struct app *app, struct http_req *req, bool human, int64_t site_id, int64_t visits_base,
			   struct pc_var vars[4])
{
	struct arena *a = http_req_arena(req);
	int64_t now = clock_now();
	if (human) {
		char key[33];
		if (stats_visitor_key(app->stats, http_req_cookie(req, STATS_COOKIE), http_req_remote_addr(req),
				      http_req_header(req, "user-agent"), key))
			http_header(req, "set-cookie",
				    arena_printf(a, "%s=%s; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly%s",
						 STATS_COOKIE, key, http_req_is_tls(req) ? "; Secure" : ""));
		stats_hit(app->stats, site_id, visits_base, key, now);
	}
	struct stats_view v;
	stats_get(app->stats, site_id, visits_base, now, &v);
	char buf[32];
	vars[0].name = "online";
	num_format_vi(v.online, buf);
	vars[0].value = arena_strdup(a, buf);
	vars[1].name = "today";
	num_format_vi(v.today, buf);
	vars[1].value = arena_strdup(a, buf);
	vars[2].name = "total";
	num_format_vi(v.total, buf);
	vars[2].value = arena_strdup(a, buf);
	/* the feedback form's signed time stamp (pages without a form have no
	 * such slot); it is left out of the ETag: an older token is still good */
	vars[3].name = "fbtoken";
	vars[3].value = civic_token(app, a, now);
}

/* Sends a cached or fresh entry with the live values filled in. Takes over
 * the caller's reference to e. */
static void send_entry(struct app *app, struct http_req *req, struct pagecache_entry *e, int status, int64_t site_id,
		       int64_t visits_base, int64_t article_id)
{
	struct arena *a = http_req_arena(req);
	struct pc_var vars[4];
	http_req_defer(req, pagecache_entry_release, e);
	bool human = wants_count(req);
	count_and_fill(app, req, human, site_id, visits_base, vars);
	if (article_id && human)
		stats_article_view(app->stats, article_id, (int64_t)time(NULL));
	bool gz = http_req_accepts_gzip(req);
	http_header(req, "cache-control", "no-cache");
	http_header(req, "vary", "Accept-Encoding");
	if (status == 200 && http_not_modified(req, pagecache_entry_etag(e, vars, 3, gz, a)))
		return;
	struct pc_part *parts;
	size_t nparts, total;
	pagecache_entry_parts(e, vars, 4, gz, a, &parts, &nparts, &total);
	http_send_parts(req, status, "text/html; charset=utf-8", (const struct http_part *)parts, nparts,
			gz ? HTTP_GZIPPED : 0);
}

/* What a cached page needs to be served again without the store. */
struct cached_meta {
	int64_t site_id, visits_base, article_id;
};

static const char *cache_key(struct http_req *req)
{
	return arena_printf(http_req_arena(req), "%s\n%s", http_req_host(req), http_req_raw_path(req));
}

bool site_serve_cached(struct app *app, struct http_req *req)
{
	struct pagecache_entry *e = pagecache_get(app->cache, cache_key(req));
	if (!e)
		return false;
	const struct cached_meta *m = pagecache_entry_user(e);
	if ((int64_t)time(NULL) - pagecache_entry_created(e) > CACHE_TTL) {
		pagecache_entry_unref(e);
		return false;
	}
	send_entry(app, req, e, 200, m->site_id, m->visits_base, m->article_id);
	return true;
}

bool site_cached(void *app, struct http_req *req)
{
	return http_req_path(req) && site_serve_cached(app, req);
}

static void render_layout(struct page *p, const char *tmpl, struct buf *out)
{
	struct buf content = BUF_INIT;
	const struct tmpl_set *set = app_theme(p->app)->tmpl;
	if (tmpl_render(set, tmpl, p->root, &content) != LOA_OK)
		buf_addf(&content, "<p>Thiếu mẫu giao diện \"%s\".</p>", tmpl);
	tv_set(p->root, "content", tv_html(p->a, arena_strndup(p->a, content.data, content.len)));
	buf_reset(&content);
	const char *layout = p->layout ? p->layout : "layout";
	if (!tmpl_exists(set, layout) || tmpl_render(set, layout, p->root, out) != LOA_OK)
		buf_adds(out, "<!doctype html><meta charset=utf-8><p>Thiếu mẫu layout.</p>");
}

void page_finish(struct page *p, const char *tmpl, int status)
{
	struct buf out = BUF_INIT;
	if (!p->layout && !tv_get(p->root, "sidebar"))
		page_add_chrome(p);
	tv_set_str(p->a, p->page, "kind", tmpl);
	render_layout(p, tmpl, &out);
	struct cached_meta meta = {p->site.id, p->site.visits_base, p->article_id};
	struct pagecache_entry *e = pagecache_entry_new(out.data, out.len, p->now);
	buf_reset(&out);
	if (!e) {
		static const char msg[] = "Lỗi máy chủ";
		http_send(p->req, 500, "text/plain; charset=utf-8", msg, sizeof msg - 1, 0);
		return;
	}
	pagecache_entry_set_user(e, &meta, sizeof meta);
	if (status == 200 && !p->no_cache && !p->preview)
		pagecache_put_since(p->app->cache, cache_key(p->req), e, p->cache_gen);
	if (p->preview) {
		/* an editor looking at a draft is not a visit */
		struct pc_var vars[4] = {{"online", "0"}, {"today", "0"}, {"total", "0"},
					 {"fbtoken", civic_token(p->app, p->a, p->now)}};
		struct pc_part *parts;
		size_t nparts, total;
		http_req_defer(p->req, pagecache_entry_release, e);
		http_header(p->req, "cache-control", "no-store");
		pagecache_entry_parts(e, vars, 4, false, p->a, &parts, &nparts, &total);
		http_send_parts(p->req, status, "text/html; charset=utf-8", (const struct http_part *)parts, nparts, 0);
		return;
	}
	send_entry(p->app, p->req, e, status, meta.site_id, meta.visits_base, meta.article_id);
}

void page_send_doc(struct page *p, const char *content_type, const char *body, size_t len)
{
	/* documents change only with content: an ETag from their bytes */
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)body[i]) * 1099511628211ULL;
	http_header(p->req, "cache-control", "public, max-age=300");
	if (http_not_modified(p->req, arena_printf(p->a, "\"%016llx\"", (unsigned long long)h)))
		return;
	http_send(p->req, 200, content_type, body, len, HTTP_COMPRESS);
}

void page_not_found(struct page *p)
{
	if (site_redirect_missing(p))
		return;
	page_set_meta(p, "Không tìm thấy trang", "", http_req_path(p->req) ? http_req_path(p->req) : "/");
	tv_set_str(p->a, p->root, "message",
		   "Trang bạn tìm không tồn tại hoặc đã được chuyển đi. Hãy quay về trang chủ hoặc tìm kiếm bài viết.");
	page_finish(p, "notfound", 404);
}

void page_bad_request(struct page *p, const char *message)
{
	page_set_meta(p, "Yêu cầu không hợp lệ", "", "/");
	tv_set_str(p->a, p->root, "message", message);
	page_finish(p, "notfound", 400);
}
