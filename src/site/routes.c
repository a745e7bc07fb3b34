/* routes.c — the public URL table. Category and article URLs are claimed by
 * site_fallback (content.c) since their first segment is a category slug. */
#include "site/site.h"
#include "site/siteInt.h"

#define CACHE HTTP_ROUTE_CACHE
#define FEEDBACK_BODY (8u << 20) /* room over the 5 MB attachment limit, so that the form
                                  * itself can say a file is too large */
#define CONSULT_BODY (256u << 10) /* a comment: 5,000 characters and short fields, percent-encoded, with room for the form to say "too long" */

/* method, pattern, handler, role (0: anyone), flags, body bound. Pages
 * marked CACHE may be answered from the page cache; the rest depend on
 * more than their URL (search, tracking) or are not pages. The feedback
 * form has no session and so no CSRF token: it carries a signed time
 * stamp of its own (feedback.c). */
const struct http_route site_routes[] = {
	{"GET", "/", site_home, 0, CACHE},
	{"GET", "/lich-cong-tac", site_calendar, 0, CACHE},
	{"GET", "/lich-cong-tac.ics", site_calendar_ics},
	{"GET", "/tiep-can-thong-tin", site_access_info, 0, CACHE},
	{"GET", "/tim-kiem", site_search},
	{"GET", "/tim-kiem/goi-y", site_suggest},
	{"GET", "/hoi-dap", site_hoidap, 0, CACHE},
	{"POST", "/gop-y", site_feedback_post, 0, 0, FEEDBACK_BODY},
	{"GET", "/gop-y/tra-cuu", site_feedback_track},
	{"GET", "/du-thao", site_consult_list},
	{"GET", "/du-thao/rss.xml", site_consult_rss},
	{"GET", "/du-thao/tra-cuu", site_consult_track}, /* before {s}: a draft's segment always ends in its id */
	{"GET", "/du-thao/{s}", site_consult_draft},
	{"POST", "/du-thao/{s}", site_consult_comment, 0, 0, CONSULT_BODY},
	{"GET", "/van-ban", site_docs_list, 0, CACHE}, /* facets and ?tim= are part of the cached URL */
	{"GET", "/van-ban/rss.xml", site_docs_rss},
	{"GET", "/van-ban/{s}", site_docs_detail, 0, CACHE},
	{"GET", "/tep/{id}", site_file_download},
	{"GET", "/tep/{id}/{s}", site_file_download},
	{"GET", "/rss.xml", site_rss},
	{"GET", "/sitemap.xml", site_sitemap},
	{"GET", "/robots.txt", site_robots},
	{"GET", "/healthz", site_healthz}, /* not cached, not counted: is the database answering? */
	{"GET", "/favicon.ico", site_favicon},
	{"GET", "/gioi-thieu", site_about, 0, CACHE},
	{"GET", "/gioi-thieu/{s}", site_about_page, 0, CACHE},
	{"GET", "/co-cau-to-chuc", site_org_tree, 0, CACHE},
	{"GET", "/lanh-dao", site_leaders, 0, CACHE},
	{"GET", "/danh-ba", site_directory, 0, CACHE}, /* a search (?tim=) is never cached */
	{"GET", "/en", site_en_redirect},
	{"GET", "/en/", site_en_home, 0, CACHE},
	{"GET", "/en/organisation", site_en_org, 0, CACHE},
	{"GET", "/en/leaders", site_en_leaders, 0, CACHE},
	{"GET", "/en/directory", site_en_directory, 0, CACHE},
	{"GET", "/en/{s}", site_en_page, 0, CACHE},
};
const size_t site_nroutes = sizeof site_routes / sizeof site_routes[0];
