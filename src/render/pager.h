/* pager.h — the page links under a list, as template values. */
#ifndef LOA_PAGER_H
#define LOA_PAGER_H

#include <stdint.h>

#include "core/arena.h"
#include "render/tmpl.h"

/* { show, page, pages, has_prev, prev_url, has_next, next_url,
 *   items: [ { n, url, current } or { gap } ] } for page `cur` of `total`
 * items at `per_page`: the first, the last and two on either side of the
 * current page, with gaps between. Page 1's URL is `base` itself; the
 * others add trang=N after '?' or '&'. */
struct tval *pager_tv(struct arena *a, const char *base, int cur, int64_t total, int per_page);

#endif
