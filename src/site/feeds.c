/* feeds.c — machine-readable documents: RSS 2.0 for the site and each
 * category, the register of documents and the drafts, sitemap.xml and
 * robots.txt. */
#include <string.h>

#include "consult/consult.h"
#include "core/buf.h"
#include "core/status.h"
#include "core/vntime.h"
#include "docs/docs.h"
#include "render/escape.h"
#include "site/siteInt.h"

#define RSS_ITEMS 30
#define SITEMAP_MAX 50000 /* the sitemap protocol's limit per file */
#define CONSULT_FEED_MAX 1000
#define DOCS_SITEMAP_MAX 10000 /* the register and its documents */

static void xml_el(struct buf *b, const char *tag, const char *text)
{
	buf_addf(b, "<%s>", tag);
	esc_xml(b, text, strlen(text));
	buf_addf(b, "</%s>\n", tag);
}

/* The document's and channel's opening, up to the first item. */
static void rss_open(struct buf *b, struct page *p, const char *title, const char *link, const char *description)
{
	const char *self = arena_printf(p->a, "%s%s", p->base_url, http_req_path(p->req));
	buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" "
		    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n");
	xml_el(b, "title", title);
	xml_el(b, "link", link);
	xml_el(b, "description", description);
	xml_el(b, "language", "vi");
	buf_adds(b, "<atom:link href=\"");
	esc_xml(b, self, strlen(self));
	buf_adds(b, "\" rel=\"self\" type=\"application/rss+xml\"/>\n");
}

static void rss(struct page *p, const struct category *c)
{
	struct arena *a = p->a;
	struct buf b = BUF_INIT;
	struct article *arts;
	size_t n;
	struct article_query q = {.site_id = p->site.id, .category_id = c ? c->id : 0, .now = p->now, .limit = RSS_ITEMS};
	if (store_article_list(p->app->store, &q, a, &arts, &n, NULL) != LOA_OK)
		n = 0;
	const char *title = c ? arena_printf(a, "%s - %s", c->name, p->site.name) : p->site.name;
	const char *link = c ? arena_printf(a, "%s/%s", p->base_url, c->slug) : arena_printf(a, "%s/", p->base_url);
	rss_open(&b, p, title, link, *p->site.tagline ? p->site.tagline : p->site.name);
	char date[30];
	if (n) {
		vn_format_http(arts[0].published_at, date);
		xml_el(&b, "lastBuildDate", date);
	}
	for (size_t i = 0; i < n; i++) {
		const char *url = arena_printf(a, "%s%s", p->base_url, page_article_url(p, &arts[i]));
		buf_adds(&b, "<item>\n");
		xml_el(&b, "title", arts[i].title);
		xml_el(&b, "link", url);
		buf_adds(&b, "<guid isPermaLink=\"true\">");
		esc_xml(&b, url, strlen(url));
		buf_adds(&b, "</guid>\n");
		xml_el(&b, "description", arts[i].lead);
		xml_el(&b, "category", arts[i].category_name);
		if (*arts[i].author)
			xml_el(&b, "dc:creator", arts[i].author);
		vn_format_http(arts[i].published_at, date);
		xml_el(&b, "pubDate", date);
		if (*arts[i].image && arts[i].image[0] == '/') {
			const char *img = arena_printf(a, "%s%s", p->base_url, arts[i].image);
			const char *ext = strrchr(arts[i].image, '.');
			const char *type = !ext ? "image/jpeg" : strcmp(ext, ".svg") == 0 ? "image/svg+xml"
							      : strcmp(ext, ".png") == 0 ? "image/png"
							      : strcmp(ext, ".webp") == 0 ? "image/webp" : "image/jpeg";
			buf_adds(&b, "<enclosure url=\"");
			esc_xml(&b, img, strlen(img));
			buf_addf(&b, "\" length=\"0\" type=\"%s\"/>\n", type);
		}
		buf_adds(&b, "</item>\n");
	}
	buf_adds(&b, "</channel>\n</rss>\n");
	page_send_doc(p, "application/rss+xml; charset=utf-8", b.data, b.len);
	buf_reset(&b);
}

void site_rss(void *app, struct http_req *req)
{
	struct page p;
	if (page_begin_or_reply(&p, app, req))
		rss(&p, NULL);
}

void site_category_rss(struct page *p, const struct category *c)
{
	rss(p, c);
}

/* "Lấy ý kiến dự thảo": the list and every draft (at most CONSULT_FEED_MAX). */
static void sitemap_drafts(struct page *p, struct buf *b)
{
	struct draft_query q = {.site_id = p->site.id, .when = DRAFT_ANY, .now = p->now, .limit = CONSULT_FEED_MAX};
	struct draft *ds;
	size_t n;
	char iso[26];
	if (store_draft_list(p->app->store, &q, p->a, &ds, &n, NULL) != LOA_OK)
		n = 0;
	buf_addf(b, "<url><loc>%s/du-thao</loc><changefreq>daily</changefreq></url>\n", p->base_url);
	for (size_t i = 0; i < n; i++) {
		vn_format_iso(ds[i].updated_at, iso);
		buf_addf(b, "<url><loc>%s%s</loc><lastmod>%s</lastmod></url>\n", p->base_url,
			 consult_draft_path(p->a, &ds[i]), iso);
	}
}

/* /du-thao/rss.xml: the newest drafts put out for comment. */
void site_consult_rss(void *app, struct http_req *req)
{
	struct page p;
	if (!page_begin_or_reply(&p, app, req))
		return;
	struct arena *a = p.a;
	struct buf b = BUF_INIT;
	struct draft_query q = {.site_id = p.site.id, .when = DRAFT_ANY, .now = p.now, .limit = RSS_ITEMS};
	struct draft *ds;
	size_t n;
	if (store_draft_list(p.app->store, &q, a, &ds, &n, NULL) != LOA_OK)
		n = 0;
	rss_open(&b, &p, arena_printf(a, "Lấy ý kiến dự thảo - %s", p.site.name), arena_printf(a, "%s/du-thao", p.base_url),
		 "Dự thảo văn bản đang lấy ý kiến nhân dân, tổ chức.");
	char date[30];
	for (size_t i = 0; i < n; i++) {
		const char *url = arena_printf(a, "%s%s", p.base_url, consult_draft_path(a, &ds[i]));
		char opens[17], closes[17];
		vn_format_datetime(ds[i].opens_at, opens);
		vn_format_datetime(ds[i].closes_at, closes);
		buf_adds(&b, "<item>\n");
		xml_el(&b, "title", ds[i].title);
		xml_el(&b, "link", url);
		buf_adds(&b, "<guid isPermaLink=\"true\">");
		esc_xml(&b, url, strlen(url));
		buf_adds(&b, "</guid>\n");
		xml_el(&b, "description", arena_printf(a, "%s lấy ý kiến từ %s đến %s (%s).", ds[i].drafting_body, opens,
						       closes, consult_phase_label(consult_phase(&ds[i], p.now))));
		vn_format_http(ds[i].created_at, date);
		xml_el(&b, "pubDate", date);
		buf_adds(&b, "</item>\n");
	}
	buf_adds(&b, "</channel>\n</rss>\n");
	page_send_doc(&p, "application/rss+xml; charset=utf-8", b.data, b.len);
	buf_reset(&b);
}

/* /van-ban/rss.xml: the newest published documents of the register. */
void site_docs_rss(void *app, struct http_req *req)
{
	struct page p;
	if (!page_begin_or_reply(&p, app, req))
		return;
	struct arena *a = p.a;
	struct buf b = BUF_INIT;
	struct document *ds;
	size_t n;
	if (store_doc_all(p.app->store, p.site.id, true, a, &ds, &n) != LOA_OK)
		n = 0;
	rss_open(&b, &p, arena_printf(a, "Văn bản - %s", p.site.name), arena_printf(a, "%s/van-ban", p.base_url),
		 "Văn bản mới ban hành.");
	char date[30];
	for (size_t i = 0; i < n && i < RSS_ITEMS; i++) {
		const char *url = arena_printf(a, "%s%s", p.base_url, docs_path(a, ds[i].id, ds[i].slug));
		buf_adds(&b, "<item>\n");
		xml_el(&b, "title", arena_printf(a, "%s%s%s", ds[i].type_name, *ds[i].type_name ? " " : "", ds[i].number));
		xml_el(&b, "link", url);
		buf_adds(&b, "<guid isPermaLink=\"true\">");
		esc_xml(&b, url, strlen(url));
		buf_adds(&b, "</guid>\n");
		xml_el(&b, "description", arena_printf(a, "%s (%s, ban hành ngày %s)", ds[i].summary, ds[i].issuer_name,
						       docs_day_text(a, ds[i].issued_day)));
		vn_format_http(vn_day_start(ds[i].issued_day), date);
		xml_el(&b, "pubDate", date);
		buf_adds(&b, "</item>\n");
	}
	buf_adds(&b, "</channel>\n</rss>\n");
	page_send_doc(&p, "application/rss+xml; charset=utf-8", b.data, b.len);
	buf_reset(&b);
}

/* The register and every published document; returns how many. */
static int sitemap_docs(struct page *p, struct buf *b, int room)
{
	struct document *ds;
	size_t n;
	char iso[26];
	buf_addf(b, "<url><loc>%s/van-ban</loc><changefreq>daily</changefreq></url>\n", p->base_url);
	if (store_doc_all(p->app->store, p->site.id, true, p->a, &ds, &n) != LOA_OK)
		n = 0;
	int used = 1;
	for (size_t i = 0; i < n && used < room; i++, used++) {
		vn_format_iso(ds[i].updated_at, iso);
		buf_addf(b, "<url><loc>%s%s</loc><lastmod>%s</lastmod></url>\n", p->base_url,
			 docs_path(p->a, ds[i].id, ds[i].slug), iso);
	}
	return used;
}

void site_sitemap(void *app, struct http_req *req)
{
	struct page p;
	if (!page_begin_or_reply(&p, app, req))
		return;
	struct buf b = BUF_INIT;
	char iso[26];
	buf_adds(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		     "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	buf_addf(&b, "<url><loc>%s/</loc><changefreq>hourly</changefreq></url>\n", p.base_url);
	buf_addf(&b, "<url><loc>%s/lich-cong-tac</loc><changefreq>daily</changefreq></url>\n", p.base_url);
	buf_addf(&b, "<url><loc>%s/tiep-can-thong-tin</loc><changefreq>weekly</changefreq></url>\n", p.base_url);
	sitemap_drafts(&p, &b);
	int docs_used = sitemap_docs(&p, &b, DOCS_SITEMAP_MAX);
	for (size_t i = 0; i < p.ncats; i++)
		buf_addf(&b, "<url><loc>%s/%s</loc><changefreq>daily</changefreq></url>\n", p.base_url, p.cats[i].slug);
	site_org_sitemap(&p, &b);
	struct article *arts;
	size_t n;
	struct article_query q = {.site_id = p.site.id, .now = p.now, .limit = SITEMAP_MAX - 3 - CONSULT_FEED_MAX - docs_used - (int)p.ncats};
	if (store_article_list(p.app->store, &q, p.a, &arts, &n, NULL) != LOA_OK)
		n = 0;
	for (size_t i = 0; i < n; i++) {
		vn_format_iso(arts[i].updated_at > arts[i].published_at ? arts[i].updated_at : arts[i].published_at, iso);
		buf_addf(&b, "<url><loc>%s%s</loc><lastmod>%s</lastmod></url>\n", p.base_url, page_article_url(&p, &arts[i]),
			 iso);
	}
	buf_adds(&b, "</urlset>\n");
	page_send_doc(&p, "application/xml; charset=utf-8", b.data, b.len);
	buf_reset(&b);
}

void site_robots(void *app, struct http_req *req)
{
	struct page p;
	if (!page_begin_or_reply(&p, app, req))
		return;
	const char *body = arena_printf(p.a,
					"User-agent: *\n"
					"Disallow: /quan-tri\n"
					"Disallow: /tim-kiem\n"
					"\n"
					"Sitemap: %s/sitemap.xml\n",
					p.base_url);
	page_send_doc(&p, "text/plain; charset=utf-8", body, strlen(body));
}

/* /favicon.ico: browsers ask for it by that name where no page names an
 * icon (a downloaded PDF, a feed, an image): the theme's emblem, in SVG. */
void site_favicon(void *app, struct http_req *req)
{
	struct app *ap = app;
	const char *file = arena_printf(http_req_arena(req), "%s/static/favicon.svg", ap->cfg.theme_dir);
	http_send_file(req, file, "image/svg+xml", HTTP_COMPRESS, "public, max-age=86400");
}
