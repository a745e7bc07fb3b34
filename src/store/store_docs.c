/* store_docs.c — the public face of the register's storage
 * (store_docs.h): every call forwards through the backend's st->ops->docs
 * table (storeInt.h), as store.c does for store.h. */
#include "store/storeInt.h"

int store_doc_term_list(struct store *st, int64_t site_id, int kind, struct arena *a, struct doc_term **out, size_t *n)
{
	return st->ops->docs->term_list(st, site_id, kind, a, out, n);
}

int store_doc_term_save(struct store *st, const struct doc_term *t, int64_t *id)
{
	return st->ops->docs->term_save(st, t, id);
}

int store_doc_term_delete(struct store *st, int64_t site_id, int64_t id)
{
	return st->ops->docs->term_delete(st, site_id, id);
}

int store_doc_term_find(struct store *st, int64_t site_id, int kind, const char *name_key, int64_t *id)
{
	return st->ops->docs->term_find(st, site_id, kind, name_key, id);
}

int store_doc_save(struct store *st, const struct document *d, int64_t *id)
{
	return st->ops->docs->save(st, d, id);
}

int store_doc_get(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct document *out)
{
	return st->ops->docs->get(st, site_id, id, a, out);
}

int store_doc_all(struct store *st, int64_t site_id, bool published_only, struct arena *a, struct document **out, size_t *n)
{
	return st->ops->docs->all(st, site_id, published_only, a, out, n);
}

int store_doc_by_key(struct store *st, int64_t site_id, const char *key, struct arena *a, struct document **out, size_t *n)
{
	return st->ops->docs->by_key(st, site_id, key, a, out, n);
}

int store_doc_delete(struct store *st, int64_t site_id, int64_t id)
{
	return st->ops->docs->delete(st, site_id, id);
}

int store_doc_links(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct doc_link **out, size_t *n)
{
	return st->ops->docs->links(st, site_id, id, a, out, n);
}

int store_doc_set_links(struct store *st, int64_t site_id, int64_t from_id, const int64_t *to_ids, const int *kinds, size_t n)
{
	return st->ops->docs->set_links(st, site_id, from_id, to_ids, kinds, n);
}

int store_doc_files(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct stored_file **out, size_t *n)
{
	return st->ops->docs->files(st, site_id, id, a, out, n);
}

int store_doc_file_attach(struct store *st, int64_t site_id, int64_t doc_id, int64_t file_id)
{
	return st->ops->docs->file_attach(st, site_id, doc_id, file_id);
}

int store_doc_files_publish(struct store *st, int64_t site_id, int64_t doc_id, bool public)
{
	return st->ops->docs->files_publish(st, site_id, doc_id, public);
}

int store_doc_search(struct store *st, int64_t site_id, const char *match, bool published_only, int limit, struct arena *a, int64_t **ids, size_t *n)
{
	return st->ops->docs->search(st, site_id, match, published_only, limit, a, ids, n);
}
