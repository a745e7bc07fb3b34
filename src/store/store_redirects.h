/* store_redirects.h — the storage contract of the redirect table: per
 * site, an old portal's address (its key by core/oldpath.h) and the loa
 * path it has moved to, answered 301 by the public site when no route
 * answers (src/site/redirect.c). Importers (WordPress, NukeViet) write
 * it; the report and the newsroom list it. Same rules as store.h:
 * arena-owned results, LOA_* statuses, every query names its site.
 *
 * The backend stores and finds. What a key is belongs to oldpath.h; the
 * forwarders (store_redirects.c) refuse what no backend may store: a blank
 * key, a key past OLDPATH_MAX, or a target that oldpath_target_ok refuses
 * (another host, a scheme, a control character), so the table can never
 * send a reader off the site. */
#ifndef LOA_STORE_REDIRECTS_H
#define LOA_STORE_REDIRECTS_H

#include "store/store.h"

struct redirect {
	int64_t id, site_id;
	const char *old_path;   /* the key: oldpath_key() of the old URL */
	const char *target;     /* "/tin-tuc/ten-bai-12", "/tim-kiem?q=..." */
	const char *source;     /* what wrote it: "wordpress", "nukeviet", ... */
	int64_t created_at, updated_at;
};

/* The target of old_path (a key) in the site: LOA_OK with *target in the
 * arena, or LOA_NOTFOUND. One indexed lookup. */
int store_redirect_lookup(struct store *st, int64_t site_id, const char *old_path, struct arena *a,
			  const char **target);
/* Adds r[0..n) to site_id (each r's site_id is ignored), a key already
 * there getting the new target and source (an import run again updates,
 * it never duplicates). All or nothing: inside the caller's transaction
 * (store_begin) as a savepoint, else in one of its own. LOA_INVALID when
 * one is refused (see above), nothing written. created_at 0 means now. */
int store_redirect_put(struct store *st, int64_t site_id, const struct redirect *r, size_t n);
/* The site's redirects by key, source "" meaning every source. */
int store_redirect_list(struct store *st, int64_t site_id, const char *source, int limit, int offset,
			struct arena *a, struct redirect **out, size_t *n);
/* How many the site has (source "" = every source). */
int store_redirect_count(struct store *st, int64_t site_id, const char *source, int64_t *count);

#endif
