/* redirects.c — the newsroom's view of the redirect table (admins): every
 * old address an import kept, where it leads, and which import wrote it,
 * 50 a page, optionally of one source (?nguon=wordpress). Read only: the
 * table is the importers' (store_redirects.h); an editor who moves
 * content has loa's own 301s (renamed categories, article slugs). */
#include <string.h>

#include "admin/adminInt.h"
#include "core/num.h"
#include "core/status.h"
#include "core/vntime.h"
#include "store/store_redirects.h"

#define PER_PAGE 50

/* The sources the filter offers, and how they read. */
static const struct {
	const char *code, *label;
} sources[] = {
	{"wordpress", "WordPress"},
	{"nukeviet", "NukeViet"},
};

void admin_redirects(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct arena *a = ad->a;
	const char *trang = http_req_query(req, "trang"), *nguon = http_req_query(req, "nguon");
	int64_t page = 1;
	if (trang && !num_parse_i64(trang, 1, 1000000, &page))
		page = 1;
	const char *source = "";
	struct tval *filters = tv_list(a);
	for (size_t i = 0; i < sizeof sources / sizeof sources[0]; i++) {
		struct tval *f = tv_map(a);
		bool on = nguon && strcmp(nguon, sources[i].code) == 0;
		if (on)
			source = sources[i].code;
		tv_set_str(a, f, "code", sources[i].code);
		tv_set_str(a, f, "label", sources[i].label);
		tv_set_bool(a, f, "selected", on);
		tv_push(filters, f);
	}
	int64_t total = 0;
	struct redirect *rows;
	size_t n = 0;
	if (store_redirect_count(ad->app->store, ad->site.id, source, &total) != LOA_OK ||
	    store_redirect_list(ad->app->store, ad->site.id, source, PER_PAGE, (int)(page - 1) * PER_PAGE, a, &rows, &n) !=
		    LOA_OK)
		n = 0;
	struct tval *list = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		struct tval *t = tv_map(a);
		char when[17];
		vn_format_datetime(rows[i].updated_at, when);
		tv_set_str(a, t, "old", rows[i].old_path);
		tv_set_str(a, t, "target", rows[i].target);
		const char *label = rows[i].source;
		for (size_t k = 0; k < sizeof sources / sizeof sources[0]; k++)
			if (strcmp(sources[k].code, rows[i].source) == 0)
				label = sources[k].label;
		tv_set_str(a, t, "source", label);
		tv_set_str(a, t, "updated", arena_strdup(a, when));
		tv_push(list, t);
	}
	tv_set(ad->root, "rows", list);
	tv_set(ad->root, "sources", filters);
	tv_set_int(a, ad->root, "total", total);
	admin_pager(ad, *source ? arena_printf(a, "/quan-tri/chuyen-huong?nguon=%s", source) : "/quan-tri/chuyen-huong",
		    (int)page, total, PER_PAGE);
	admin_finish(ad, "redirects", "Đường dẫn cũ được chuyển hướng", 200);
}
