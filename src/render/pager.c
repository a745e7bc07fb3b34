/* pager.c — page links as template values; see pager.h. */
#include "render/pager.h"

#include <string.h>

static const char *page_url(struct arena *a, const char *base, int n)
{
	if (n == 1)
		return base;
	return arena_printf(a, "%s%ctrang=%d", base, strchr(base, '?') ? '&' : '?', n);
}

struct tval *pager_tv(struct arena *a, const char *base, int cur, int64_t total, int per_page)
{
	int pages = (int)((total + per_page - 1) / per_page);
	if (pages < 1)
		pages = 1;
	struct tval *pg = tv_map(a), *items = tv_list(a);
	tv_set_bool(a, pg, "show", pages > 1);
	tv_set_int(a, pg, "page", cur);
	tv_set_int(a, pg, "pages", pages);
	tv_set_bool(a, pg, "has_prev", cur > 1);
	tv_set_bool(a, pg, "has_next", cur < pages);
	if (cur > 1)
		tv_set_str(a, pg, "prev_url", page_url(a, base, cur - 1));
	if (cur < pages)
		tv_set_str(a, pg, "next_url", page_url(a, base, cur + 1));
	bool gap = false;
	for (int i = 1; i <= pages; i++) {
		if (i == 1 || i == pages || (i >= cur - 2 && i <= cur + 2)) {
			struct tval *it = tv_map(a);
			tv_set_int(a, it, "n", i);
			tv_set_str(a, it, "url", page_url(a, base, i));
			tv_set_bool(a, it, "current", i == cur);
			tv_push(items, it);
			gap = false;
		} else if (!gap) {
			struct tval *it = tv_map(a);
			tv_set_bool(a, it, "gap", true);
			tv_push(items, it);
			gap = true;
		}
	}
	tv_set(pg, "items", items);
	return pg;
}
