/* routes.c — the public URL table. Category and article URLs are claimed by
 * site_fallback (content.c) since their first segment is a category slug. */
#include "site/site.h"
#include "site/siteInt.h"

const struct http_route site_routes[] = {
	{"GET", "/", site_home},
	{"GET", "/lich-cong-tac", site_calendar},
	{"GET", "/tim-kiem", site_search},
	{"GET", "/tim-kiem/goi-y", site_suggest},
	{"GET", "/hoi-dap", site_hoidap},
	{"POST", "/gop-y", site_feedback_post},
	{"GET", "/gop-y/tra-cuu", site_feedback_track},
	{"GET", "/rss.xml", site_rss},
	{"GET", "/sitemap.xml", site_sitemap},
	{"GET", "/robots.txt", site_robots},
};
const size_t site_nroutes = sizeof site_routes / sizeof site_routes[0];
