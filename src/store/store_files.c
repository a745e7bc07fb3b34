/* store_files.c — the public face of the stored files' storage
 * (store_files.h): every call forwards through the backend's
 * st->ops->files table (storeInt.h), as store.c does for store.h. */
#include "store/storeInt.h"

int store_file_add(struct store *st, const struct stored_file *f, int64_t *id)
{
	return st->ops->files->add(st, f, id);
}

int store_file_get(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct stored_file *out)
{
	return st->ops->files->get(st, site_id, id, a, out);
}

int store_file_update(struct store *st, const struct stored_file *f)
{
	return st->ops->files->update(st, f);
}

int store_file_delete(struct store *st, int64_t site_id, int64_t id)
{
	return st->ops->files->delete_(st, site_id, id);
}

int store_file_link_add(struct store *st, int64_t site_id, const char *owner_kind, int64_t owner_id,
			int64_t file_id, const char *role)
{
	return st->ops->files->link_add(st, site_id, owner_kind, owner_id, file_id, role);
}

int store_file_links(struct store *st, int64_t site_id, const char *owner_kind, int64_t owner_id,
		     struct arena *a, struct file_link **out, size_t *n)
{
	return st->ops->files->links(st, site_id, owner_kind, owner_id, a, out, n);
}

int store_file_links_range(struct store *st, int64_t site_id, const char *owner_kind, int64_t from_id,
			   int64_t to_id, struct arena *a, struct file_link **out, size_t *n)
{
	return st->ops->files->links_range(st, site_id, owner_kind, from_id, to_id, a, out, n);
}

int store_file_link_remove(struct store *st, int64_t site_id, const char *owner_kind, int64_t owner_id,
			   int64_t file_id)
{
	return st->ops->files->link_remove(st, site_id, owner_kind, owner_id, file_id);
}

int store_file_owner(struct store *st, int64_t site_id, int64_t file_id, const char *owner_kind, int64_t *owner_id)
{
	return st->ops->files->owner(st, site_id, file_id, owner_kind, owner_id);
}
