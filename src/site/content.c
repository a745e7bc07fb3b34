/* content.c — category pages and article pages, reached through the
 * fallback route: /{category} and /{category}/{slug}-{id}. Old or wrong
 * slugs of a valid article answer 301 to its canonical URL. */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/num.h"
#include "core/status.h"
#include "core/vntime.h"
#include "site/site.h"
#include "render/escape.h"
#include "site/siteInt.h"
#include "store/store_newsroom.h"
#include "files/files.h"

#define PER_PAGE 20
#define RELATED 6

static void add_breadcrumbs(struct page *p, const struct category *c, bool include_self_link)
{
	struct arena *a = p->a;
	const struct category *chain[16];
	int n = 0;
	for (const struct category *k = c; k && n < 16; k = k->parent_id ? page_category_by_id(p, k->parent_id) : NULL)
		chain[n++] = k;
	struct tval *bc = tv_list(a);
	struct tval *home = tv_map(a);
	tv_set_str(a, home, "name", "Trang chủ");
	tv_set_str(a, home, "url", "/");
	tv_push(bc, home);
	for (int i = n - 1; i >= 0; i--) {
		if (i == 0 && !include_self_link)
			break;
		struct tval *it = tv_map(a);
		tv_set_str(a, it, "name", chain[i]->name);
		tv_set_str(a, it, "url", page_category_url(p, chain[i]));
		tv_push(bc, it);
	}
	tv_set(p->root, "breadcrumbs", bc);
}

void site_category(struct page *p, const struct category *c, const char *rest)
{
	(void)rest;
	struct arena *a = p->a;
	int cur;
	if (!page_number(p, &cur)) {
		page_not_found(p);
		return;
	}
	struct article *arts;
	size_t n;
	int64_t total = 0;
	struct article_query q = {.site_id = p->site.id,
				  .category_id = c->id,
				  .now = p->now,
				  .limit = PER_PAGE,
				  .offset = (cur - 1) * PER_PAGE};
	if (store_article_list(p->app->store, &q, a, &arts, &n, &total) != LOA_OK) {
		http_send(p->req, 500, "text/plain; charset=utf-8", "Lỗi máy chủ", strlen("Lỗi máy chủ"), 0);
		return;
	}
	if (cur > 1 && n == 0) {
		page_not_found(p);
		return;
	}
	const char *url = page_category_url(p, c);
	const char *title = cur > 1 ? arena_printf(a, "%s - Trang %d", c->name, cur) : c->name;
	tv_set_str(a, p->page, "rss_url", arena_printf(a, "%s%s/rss.xml", p->base_url, url));
	page_set_meta(p, title, arena_printf(a, "Tin bài chuyên mục %s - %s", c->name, p->site.name),
		      cur > 1 ? arena_printf(a, "%s?trang=%d", url, cur) : url);
	struct tval *cat = tv_map(a);
	tv_set_str(a, cat, "name", c->name);
	tv_set_str(a, cat, "url", url);
	tv_set_str(a, cat, "rss_url", arena_printf(a, "%s/rss.xml", url));
	tv_set(p->root, "category", cat);
	add_breadcrumbs(p, c, false);
	struct tval *subs = tv_list(a);
	for (size_t i = 0; i < p->ncats; i++)
		if (p->cats[i].parent_id == c->id) {
			struct tval *s = tv_map(a);
			tv_set_str(a, s, "name", p->cats[i].name);
			tv_set_str(a, s, "url", page_category_url(p, &p->cats[i]));
			tv_push(subs, s);
		}
	tv_set(p->root, "subcategories", subs);
	struct tval *list = tv_list(a);
	for (size_t i = 0; i < n; i++)
		tv_push(list, page_card(p, &arts[i]));
	tv_set(p->root, "articles", list);
	tv_set_bool(a, p->root, "empty", n == 0);
	page_pager(p, url, cur, total, PER_PAGE);
	page_finish(p, "category", 200);
}

static const char *byline(struct arena *a, const struct article *art)
{
	if (*art->author && *art->source)
		return arena_printf(a, "%s/%s", art->author, art->source);
	return *art->author ? art->author : art->source;
}

static bool is_public(const struct page *p, const struct article *art)
{
	return art->status == ARTICLE_PUBLISHED && art->published_at <= p->now;
}

/* Fills the article page's context and sends it: the public page, or with
 * `preview` the same page for an editor (not cached, not counted, never
 * indexed). */
static void article_page(struct page *p, const struct article *art, bool preview)
{
	struct arena *a = p->a;
	const char *url = page_article_url(p, art);
	const struct category *cat = page_category_by_id(p, art->category_id);
	char date[17], iso[26], upd[17];
	vn_format_datetime(art->published_at, date);
	vn_format_iso(art->published_at, iso);
	vn_format_datetime(art->updated_at, upd);
	struct tval *m = page_card(p, art);
	tv_set_str(a, m, "date", arena_strdup(a, date));
	tv_set_str(a, m, "iso", arena_strdup(a, iso));
	tv_set_str(a, m, "updated", art->updated_at > art->published_at + 60 ? arena_strdup(a, upd) : "");
	tv_set(m, "body", page_body(p, art->body_html));
	tv_set_str(a, m, "author", art->author);
	tv_set_str(a, m, "source", art->source);
	tv_set_str(a, m, "byline", byline(a, art));
	tv_set_str(a, m, "print_url", arena_printf(a, "%s?ban-in=1", url));
	tv_set_str(a, m, "feedback_url", arena_printf(a, "%s#gui-y-kien", url));
	tv_set_str(a, m, "canonical", arena_printf(a, "%s%s", p->base_url, url));
	tv_set_int(a, m, "views", art->views);
	/* share links that are plain links: no third-party script on the page */
	struct buf enc = BUF_INIT;
	const char *abs = arena_printf(a, "%s%s", p->base_url, url);
	esc_url_component(&enc, abs, strlen(abs));
	tv_set_str(a, m, "share_facebook", arena_printf(a, "https://www.facebook.com/sharer/sharer.php?u=%s", enc.data));
	tv_set_str(a, m, "share_zalo", arena_printf(a, "https://sp.zalo.me/share_inline?url=%s", enc.data));
	buf_reset(&enc);
	struct file_link *fl;
	size_t nf = 0;
	if (!art->id || store_file_links(p->app->store, p->site.id, FILES_OWNER_ARTICLE, art->id, a, &fl, &nf) != LOA_OK)
		nf = 0;
	struct tval *files = site_file_list(p, fl, nf, 0, "");
	tv_set(m, "files", files);
	tv_set_bool(a, m, "has_files", tv_len(files) > 0);
	tv_set(p->root, "article", m);
	if (!preview)
		p->article_id = art->id;

	tv_set_str(a, p->page, "og_type", "article");
	if (*art->image)
		tv_set_str(a, p->page, "og_image",
			   art->image[0] == '/' ? arena_printf(a, "%s%s", p->base_url, art->image) : art->image);
	tv_set_str(a, p->page, "published_iso", arena_strdup(a, iso));
	/* the editor's SEO description, else the lead (a preview has no row) */
	const char *desc = "";
	if (!art->id || store_article_seo(p->app->store, p->site.id, art->id, a, &desc) != LOA_OK)
		desc = "";
	page_set_meta(p, art->title, *desc ? desc : art->lead, url);
	if (cat)
		add_breadcrumbs(p, cat, true);

	if (!preview && http_req_query(p->req, "ban-in")) {
		struct buf out = BUF_INIT;
		tmpl_render(app_theme(p->app)->tmpl, "print", p->root, &out);
		http_header(p->req, "cache-control", "no-cache");
		http_header(p->req, "x-robots-tag", "noindex");
		http_send(p->req, 200, "text/html; charset=utf-8", out.data, out.len, HTTP_COMPRESS);
		buf_reset(&out);
		return;
	}

	/* the editor's picks first, in their order, then the newest of the
	 * category up to RELATED in all */
	struct article *rel, *picked;
	size_t n, npicked = 0, shown = 0;
	struct tval *related = tv_list(a);
	if (!art->id || store_article_related(p->app->store, p->site.id, art->id, a, &picked, &npicked) != LOA_OK)
		npicked = 0;
	for (size_t i = 0; i < npicked; i++)
		if (is_public(p, &picked[i])) {
			tv_push(related, page_card(p, &picked[i]));
			shown++;
		}
	struct article_query q = {.site_id = p->site.id, .category_id = art->category_id, .now = p->now,
				  .exclude_id = art->id, .limit = RELATED + (int)npicked};
	if (shown < RELATED && store_article_list(p->app->store, &q, a, &rel, &n, NULL) == LOA_OK)
		for (size_t i = 0; i < n && shown < RELATED; i++) {
			bool dup = false;
			for (size_t k = 0; k < npicked && !dup; k++)
				dup = picked[k].id == rel[i].id;
			if (!dup) {
				tv_push(related, page_card(p, &rel[i]));
				shown++;
			}
		}
	tv_set(p->root, "related", related);
	feedback_add_to_page(p, art->id ? art->id : -2, 5); /* -2: no Q&A for an unsaved preview */
	if (preview) {
		p->preview = true;
		tv_set_bool(a, p->page, "preview", true);
		http_header(p->req, "x-robots-tag", "noindex");
	}
	page_finish(p, "article", 200);
}

void site_article(struct page *p, const struct category *c, int64_t id, const char *slug)
{
	struct article art;
	int rc = store_article_get(p->app->store, p->site.id, id, p->a, &art);
	if (rc != LOA_OK || !is_public(p, &art)) {
		page_not_found(p);
		return;
	}
	const char *url = page_article_url(p, &art);
	if (strcmp(art.slug, slug) != 0 || strcmp(art.category_slug, c->slug) != 0) {
		/* not this article's address: an old portal's ("/thoi-su/bai-so-12")
		 * goes where the redirect table says, not to article 12 */
		if (site_redirect_missing(p))
			return;
		const char *q = http_req_query(p->req, "ban-in");
		http_redirect(p->req, 301, q ? arena_printf(p->a, "%s?ban-in=1", url) : url);
		return;
	}
	article_page(p, &art, false);
}

void site_article_preview(struct app *app, struct http_req *req, const struct article *in)
{
	struct page p;
	if (!page_begin_or_reply(&p, app, req))
		return;
	struct article art = *in;
	const struct category *c = page_category_by_id(&p, art.category_id);
	art.category_slug = c ? c->slug : "xem-truoc";
	art.category_name = c ? c->name : "";
	if (!art.slug || !*art.slug)
		art.slug = "xem-truoc";
	article_page(&p, &art, true);
}

/* Splits "slug-words-123" into its slug and trailing numeric id. */
static bool split_slug_id(struct arena *a, const char *s, const char **slug, int64_t *id)
{
	const char *dash = strrchr(s, '-');
	const char *num = dash ? dash + 1 : s;
	if (!num_parse_i64(num, 1, INT64_MAX / 2, id) || num[0] == '+' || num[0] == '-')
		return false;
	*slug = dash ? arena_strndup(a, s, (size_t)(dash - s)) : "";
	return true;
}

/* url followed by the request's own query string, so a redirect keeps
 * ?trang=N and the like. */
static const char *with_query(struct page *p, const char *url)
{
	const char *q = strchr(http_req_raw_path(p->req), '?');
	return q && q[1] ? arena_printf(p->a, "%s%s", url, q) : url;
}

void site_fallback(void *app, struct http_req *req)
{
	struct page p;
	const char *path = http_req_path(req);
	if (path && strcmp(http_req_method(req), "GET") != 0 && strcmp(http_req_method(req), "HEAD") != 0) {
		http_header(req, "allow", "GET, HEAD");
		http_send(req, 405, "text/plain; charset=utf-8", "Phương thức không được hỗ trợ",
			  strlen("Phương thức không được hỗ trợ"), 0);
		return;
	}
	if (path && site_serve_cached(app, req))
		return;
	if (!page_begin_or_reply(&p, app, req))
		return;
	if (!path) {
		page_bad_request(&p, "Địa chỉ không hợp lệ.");
		return;
	}
	/* /{category}[/{rest}] */
	const char *s = path + 1;
	const char *slash = strchr(s, '/');
	const char *cslug = slash ? arena_strndup(p.a, s, (size_t)(slash - s)) : s;
	const char *rest = slash ? slash + 1 : "";
	struct category *c = NULL;
	for (size_t i = 0; i < p.ncats; i++)
		if (strcmp(p.cats[i].slug, cslug) == 0)
			c = &p.cats[i];
	int64_t id;
	const char *slug;
	struct category moved;
	if (!c && *cslug && store_category_by_alias(p.app->store, p.site.id, cslug, p.a, &moved) == LOA_OK) {
		/* a renamed category: its old URLs keep working */
		http_redirect(req, 301, with_query(&p, arena_printf(p.a, "/%s%s%s", moved.slug, slash ? "/" : "", rest)));
		return;
	}
	if (!*cslug) {
		page_not_found(&p);
	} else if (!*rest) {
		if (c && !slash)
			site_category(&p, c, "");
		else if (c)
			http_redirect(req, 301, with_query(&p, page_category_url(&p, c))); /* "/cat/" -> "/cat" */
		else
			page_not_found(&p);
	} else if (c && strcmp(rest, "rss.xml") == 0) {
		site_category_rss(&p, c);
	} else if (!strchr(rest, '/') && split_slug_id(p.a, rest, &slug, &id)) {
		/* an article id with any category: site_article checks and redirects */
		if (!c) {
			struct category dummy = {.slug = ""};
			site_article(&p, &dummy, id, slug);
		} else {
			site_article(&p, c, id, slug);
		}
	} else {
		page_not_found(&p);
	}
}
