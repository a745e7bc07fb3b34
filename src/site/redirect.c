/* redirect.c — old links of an imported portal: a request nothing else
 * answers is looked up in the site's redirect table (store_redirects.h)
 * by its key (core/oldpath.h) and answered 301 with the new loa path.
 *
 * Cost: nothing on pages that exist. page_not_found() asks here first, so
 * only a request on its way to a 404 pays for one indexed lookup; the one
 * existing route old links land on, the home page ("/?p=12",
 * "/index.php?nv=news&op=..."), asks only when its query names content
 * (oldpath_query_names_content), before the page cache. */
#include <string.h>

#include "core/buf.h"
#include "core/oldpath.h"
#include "core/status.h"
#include "site/siteInt.h"
#include "store/store_redirects.h"

/* Answers 301 when the request's address has a target in site_id's
 * table; false (nothing sent) otherwise. */
static bool redirect_if_known(struct app *app, struct http_req *req, int64_t site_id)
{
	if (strcmp(http_req_method(req), "GET") != 0 && strcmp(http_req_method(req), "HEAD") != 0)
		return false;
	const char *raw = http_req_raw_path(req);
	struct buf key = BUF_INIT;
	const char *target = NULL;
	bool sent = false;
	if (raw && oldpath_key(raw, strlen(raw), &key) == LOA_OK &&
	    store_redirect_lookup(app->store, site_id, key.data, http_req_arena(req), &target) == LOA_OK) {
		http_header(req, "cache-control", "public, max-age=3600");
		http_redirect(req, 301, target);
		sent = true;
	}
	buf_reset(&key);
	return sent;
}

bool site_redirect_missing(struct page *p)
{
	return redirect_if_known(p->app, p->req, p->site.id);
}

bool site_redirect_query(struct app *app, struct http_req *req)
{
	const char *raw = http_req_raw_path(req);
	const char *q = raw ? strchr(raw, '?') : NULL;
	if (!q || !oldpath_query_names_content(q + 1))
		return false;
	struct site s;
	if (store_site_for_host(app->store, http_req_host(req), http_req_arena(req), &s) != LOA_OK)
		return false;
	return redirect_if_known(app, req, s.id);
}
