/* feeds.c — machine-readable documents: RSS 2.0 for the site and each
 * category, sitemap.xml and robots.txt. */
#include <string.h>

#include "core/buf.h"
#include "core/status.h"
#include "core/vntime.h"
#include "render/escape.h"
#include "site/siteInt.h"

#define RSS_ITEMS 30
#define SITEMAP_MAX 50000 /* the sitemap protocol's limit per file */

static void xml_el(struct buf *b, const char *tag, const char *text)
{
	buf_addf(b, "<%s>", tag);
	esc_xml(b, text, strlen(text));
	buf_addf(b, "</%s>\n", tag);
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
	const char *self = arena_printf(a, "%s%s", p->base_url, http_req_path(p->req));
	buf_adds(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		     "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" "
		     "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n");
	xml_el(&b, "title", title);
	xml_el(&b, "link", link);
	xml_el(&b, "description", *p->site.tagline ? p->site.tagline : p->site.name);
	xml_el(&b, "language", "vi");
	buf_adds(&b, "<atom:link href=\"");
	esc_xml(&b, self, strlen(self));
	buf_adds(&b, "\" rel=\"self\" type=\"application/rss+xml\"/>\n");
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
	for (size_t i = 0; i < p.ncats; i++)
		buf_addf(&b, "<url><loc>%s/%s</loc><changefreq>daily</changefreq></url>\n", p.base_url, p.cats[i].slug);
	site_org_sitemap(&p, &b);
	struct article *arts;
	size_t n;
	struct article_query q = {.site_id = p.site.id, .now = p.now, .limit = SITEMAP_MAX - 3 - (int)p.ncats};
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
