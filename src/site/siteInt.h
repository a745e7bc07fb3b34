/* siteInt.h — internals shared by the public page handlers (src/site/).
 *
 * A handler builds a `struct page`: the request, the site chosen by Host, a
 * root template context with everything the layout needs (navigation,
 * sidebar widgets), then adds its own keys and calls page_finish(), which
 * renders the page template into the layout, caches the result with the
 * live visit counters left as slots, and sends it. */
#ifndef LOA_SITE_INT_H
#define LOA_SITE_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "app.h"
#include "core/arena.h"
#include "core/buf.h"
#include "http/http.h"
#include "render/tmpl.h"
#include "store/store.h"

struct page {
	struct app *app;
	struct http_req *req;
	struct arena *a;
	struct site site;
	int64_t now;
	uint64_t cache_gen;        /* the page cache's generation before any read */
	const char *base_url;      /* "http://host[:port]" for absolute links */
	struct category *cats;     /* all categories of the site, tree order */
	size_t ncats;
	struct tval *root;         /* the template context */
	struct tval *page;         /* root.page */
	int64_t article_id;        /* set by the article page: counts a view */
	bool no_cache;             /* the page depends on more than its URL */
	bool preview;              /* an editor's preview: not cached, not counted */
	const char *layout;        /* NULL: "layout" with its sidebar; another layout
				    * (layout_en) brings its own chrome */
};

/* Resolves the site and loads the categories. On failure answers 500 itself
 * and returns false ("...OrReply" style): the caller just returns. */
bool page_begin_or_reply(struct page *p, struct app *app, struct http_req *req);
/* Adds navigation and sidebar to the root context. */
void page_add_chrome(struct page *p);
/* The portal's part of the chrome (portal.c): the menu built in the
 * newsroom in place of the category navigation, the public-services block
 * in the sidebar, the footer's legal facts. */
void page_add_portal(struct page *p, struct tval *sidebar);
/* Renders `tmpl` (then the layout around it) and sends it with `status`.
 * 200 pages are cached under the request's host and path. */
void page_finish(struct page *p, const char *tmpl, int status);
/* Sends a complete non-HTML document (feeds, sitemap) with an ETag. */
void page_send_doc(struct page *p, const char *content_type, const char *body, size_t len);
/* The Vietnamese 404 page. */
void page_not_found(struct page *p);
/* Old links (redirect.c): 301 to where the redirect table says the
 * request's address moved, true when sent. _missing is for a request on
 * its way to a 404 (page_not_found asks it); _query for an existing route
 * whose query may name old content ("/?p=12"), before the page cache:
 * it resolves the site itself and looks up only such queries. */
bool site_redirect_missing(struct page *p);
bool site_redirect_query(struct app *app, struct http_req *req);
/* 400 with a Vietnamese message, as a full page. */
void page_bad_request(struct page *p, const char *message);

/* Serves the request from the page cache when it holds a fresh copy. */
bool site_serve_cached(struct app *app, struct http_req *req);
struct tval *page_cal_item(struct page *p, const struct cal_item *it);

/* URLs and cards */
const char *page_article_url(struct page *p, const struct article *art);
const char *page_category_url(struct page *p, const struct category *c);
struct tval *page_card(struct page *p, const struct article *art);
/* A stored rich-text body as trusted HTML for a template. One saved
 * before the sanitizer did all it does now is shown through sanitize_body
 * again: one that opens with bare text gets its first paragraph, library
 * images without srcset get their WebP sizes, width and height. */
struct tval *page_body(struct page *p, const char *html);
const struct category *page_category_by_id(struct page *p, int64_t id);
/* Parses ?trang=N (1 when absent). false when malformed: caller answers 404. */
bool page_number(struct page *p, int *out);
/* Builds root.pager for `total` items at `per_page` on page `cur`;
 * url_base is the path, ?trang=N is appended for N > 1. */
void page_pager(struct page *p, const char *url_base, int cur, int64_t total, int per_page);
void page_set_meta(struct page *p, const char *title, const char *description, const char *canonical_path);

/* Adds the published Q&A of an article (or of the general page when
 * article_id is 0) and an empty feedback form to the page's context. */
void feedback_add_to_page(struct page *p, int64_t article_id, int limit);

/* Handlers */
void site_home(void *app, struct http_req *req);
void site_calendar(void *app, struct http_req *req);
void site_calendar_ics(void *app, struct http_req *req);
void site_access_info(void *app, struct http_req *req);
void site_rss(void *app, struct http_req *req);
void site_sitemap(void *app, struct http_req *req);
void site_robots(void *app, struct http_req *req);
void site_healthz(void *app, struct http_req *req);
void site_favicon(void *app, struct http_req *req);
void site_search(void *app, struct http_req *req);
void site_suggest(void *app, struct http_req *req);
void site_feedback_post(void *app, struct http_req *req);
void site_feedback_track(void *app, struct http_req *req);
void site_hoidap(void *app, struct http_req *req);
void site_consult_list(void *app, struct http_req *req);
void site_consult_rss(void *app, struct http_req *req);
void site_consult_draft(void *app, struct http_req *req);
void site_consult_comment(void *app, struct http_req *req);
void site_consult_track(void *app, struct http_req *req);
/* Downloads of stored files (files.c) */
void site_file_download(void *app, struct http_req *req);
/* "Văn bản", the register of documents (docs.c; its feed in feeds.c) */
void site_docs_list(void *app, struct http_req *req);
void site_docs_detail(void *app, struct http_req *req);
void site_docs_rss(void *app, struct http_req *req);
/* The first `limit` published documents that /van-ban?tim=q lists, in its
 * order (a number typed any way first, then the full-text ranking), as
 * items of partials/doc_item; *total counts every match. An empty list
 * for a query with no letter or digit. */
struct tval *site_docs_found(struct page *p, const char *q, size_t limit, int64_t *total);
struct file_link;
struct stored_file;
/* One stored file for partials/files (url, ext, title, type, size). */
struct tval *site_file_item(struct page *p, const struct stored_file *f);
/* The files of l[0..n) whose role is `role` as a list for partials/files
 * (url, ext, title, type, size); owner_id > 0 keeps only that owner's. */
struct tval *site_file_list(struct page *p, const struct file_link *l, size_t n, int64_t owner_id, const char *role);
void site_category(struct page *p, const struct category *c, const char *rest);
void site_article(struct page *p, const struct category *c, int64_t id, const char *slug);
void site_category_rss(struct page *p, const struct category *c);
/* "Giới thiệu" and the English pages (org.c) */
void site_about(void *app, struct http_req *req);
void site_about_page(void *app, struct http_req *req);
void site_org_tree(void *app, struct http_req *req);
void site_leaders(void *app, struct http_req *req);
void site_directory(void *app, struct http_req *req);
void site_en_redirect(void *app, struct http_req *req);
void site_en_home(void *app, struct http_req *req);
void site_en_page(void *app, struct http_req *req);
void site_en_org(void *app, struct http_req *req);
void site_en_leaders(void *app, struct http_req *req);
void site_en_directory(void *app, struct http_req *req);
/* Adds root.about_pages (the published static pages) for the footer. */
void site_org_footer(struct page *p);
/* Appends the sitemap entries of "Giới thiệu" and the English pages. */
void site_org_sitemap(struct page *p, struct buf *b);

#endif
