/* site.h — the public side of a portal: the pages citizens read. `loa serve`
 * registers these routes with the HTTP server; every handler receives the
 * server context (struct app, app.h) as its first argument. */
#ifndef LOA_SITE_H
#define LOA_SITE_H

#include <stdbool.h>
#include <stddef.h>

#include "http/http.h"

extern const struct http_route site_routes[];
extern const size_t site_nroutes;

/* Category pages, articles and 404s: everything no fixed route claims. */
void site_fallback(void *app, struct http_req *req);
/* Once a second (http_config.tick): drops cached pages when content changed. */
void site_tick(void *app);
/* http_config.cached: answers a GET from the page cache (on the loop, no
 * store access) or returns false. */
bool site_cached(void *app, struct http_req *req);

struct app;
struct article;
/* Answers with the public article page for `art` exactly as readers would
 * see it, for an editor's preview: not cached, not counted, noindex. */
void site_article_preview(struct app *app, struct http_req *req, const struct article *art);

#endif
