/* store_redirects.c — the public face of the redirect table
 * (store_redirects.h): the checks every backend shares, then a forward
 * through the backend's st->ops->redirects table (storeInt.h). */
#include <string.h>

#include "core/oldpath.h"
#include "core/status.h"
#include "store/storeInt.h"

int store_redirect_lookup(struct store *st, int64_t site_id, const char *old_path, struct arena *a,
			  const char **target)
{
	if (!old_path || !*old_path || strlen(old_path) > OLDPATH_MAX)
		return LOA_NOTFOUND;
	return st->ops->redirects->lookup(st, site_id, old_path, a, target);
}

int store_redirect_put(struct store *st, int64_t site_id, const struct redirect *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (store_blank(r[i].old_path) || r[i].old_path[0] != '/' || strlen(r[i].old_path) > OLDPATH_MAX ||
		    !oldpath_target_ok(r[i].target) || !r[i].source)
			return LOA_INVALID;
	return n ? st->ops->redirects->put(st, site_id, r, n) : LOA_OK;
}

int store_redirect_list(struct store *st, int64_t site_id, const char *source, int limit, int offset,
			struct arena *a, struct redirect **out, size_t *n)
{
	return st->ops->redirects->list(st, site_id, source, limit, offset, a, out, n);
}

int store_redirect_count(struct store *st, int64_t site_id, const char *source, int64_t *count)
{
	return st->ops->redirects->count(st, site_id, source, count);
}
