/* store_portal.c — the public face of the portal's storage
 * (store_portal.h): every call forwards through the backend's
 * st->ops->portal table (storeInt.h), as store.c does for store.h. */
#include "store/storeInt.h"

int store_menu_list(struct store *st, int64_t site_id, struct arena *a, struct menu_item **out, size_t *n)
{
	return st->ops->portal->menu_list(st, site_id, a, out, n);
}

int store_menu_get(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct menu_item *out)
{
	return st->ops->portal->menu_get(st, site_id, id, a, out);
}

int store_menu_add(struct store *st, const struct menu_item *it, int64_t *id)
{
	return st->ops->portal->menu_add(st, it, id);
}

int store_menu_update(struct store *st, const struct menu_item *it)
{
	return st->ops->portal->menu_update(st, it);
}

int store_menu_delete(struct store *st, int64_t site_id, int64_t id)
{
	return st->ops->portal->menu_delete(st, site_id, id);
}

int store_menu_move(struct store *st, int64_t site_id, int64_t id, int dir)
{
	return st->ops->portal->menu_move(st, site_id, id, dir);
}

int store_site_legal(struct store *st, int64_t site_id, struct arena *a, struct site_legal *out)
{
	return st->ops->portal->site_legal(st, site_id, a, out);
}

int store_site_set_legal(struct store *st, int64_t site_id, const struct site_legal *l)
{
	return st->ops->portal->site_set_legal(st, site_id, l);
}
