/* store_consult.c — the public face of the consultation storage
 * (store_consult.h): every call forwards through the backend's
 * st->ops->consult table (storeInt.h), as store.c does for store.h. */
#include "store/storeInt.h"

int store_draft_save(struct store *st, const struct draft *d, int64_t *id)
{
	return st->ops->consult->draft_save(st, d, id);
}

int store_draft_get(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct draft *out)
{
	return st->ops->consult->draft_get(st, site_id, id, a, out);
}

int store_draft_list(struct store *st, const struct draft_query *q, struct arena *a, struct draft **out, size_t *n,
		     int64_t *total)
{
	return st->ops->consult->draft_list(st, q, a, out, n, total);
}

int store_draft_counts(struct store *st, int64_t site_id, int64_t now, int64_t counts[3])
{
	return st->ops->consult->draft_counts(st, site_id, now, counts);
}

int store_draft_delete(struct store *st, int64_t site_id, int64_t id)
{
	return st->ops->consult->draft_delete(st, site_id, id);
}

int store_comment_add(struct store *st, const struct draft_comment *c, int64_t *id)
{
	return st->ops->consult->comment_add(st, c, id);
}

int store_comment_get(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct draft_comment *out)
{
	return st->ops->consult->comment_get(st, site_id, id, a, out);
}

int store_comment_by_code(struct store *st, int64_t site_id, const char *code, struct arena *a,
			  struct draft_comment *out)
{
	return st->ops->consult->comment_by_code(st, site_id, code, a, out);
}

int store_comment_list(struct store *st, const struct comment_filter *f, struct arena *a,
		       struct draft_comment **out, size_t *n, int64_t *total)
{
	return st->ops->consult->comment_list(st, f, a, out, n, total);
}

int store_comment_public(struct store *st, int64_t site_id, int64_t draft_id, int limit, int offset,
			 struct arena *a, struct draft_comment **out, size_t *n, int64_t *total)
{
	return st->ops->consult->comment_public(st, site_id, draft_id, limit, offset, a, out, n, total);
}

int store_comment_update(struct store *st, const struct draft_comment *c)
{
	return st->ops->consult->comment_update(st, c);
}

int store_comment_count_since(struct store *st, int64_t site_id, const char *client_hash, int64_t since,
			      int64_t *count)
{
	return st->ops->consult->comment_count_since(st, site_id, client_hash, since, count);
}

int store_comment_duplicate(struct store *st, int64_t site_id, const char *content_hash, int64_t since, bool *dup)
{
	return st->ops->consult->comment_duplicate(st, site_id, content_hash, since, dup);
}

int store_comment_counts(struct store *st, int64_t site_id, int64_t draft_id, int64_t counts[4])
{
	return st->ops->consult->comment_counts(st, site_id, draft_id, counts);
}

int store_comment_erase_contacts(struct store *st, int64_t site_id, int64_t before, int64_t *erased)
{
	return st->ops->consult->comment_erase_contacts(st, site_id, before, erased);
}
