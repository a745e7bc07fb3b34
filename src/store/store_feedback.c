/* store_feedback.c — the public face of the feedback storage
 * (store_feedback.h): every call forwards through the backend's
 * st->ops->feedback table (storeInt.h), as store.c does for store.h. */
#include "store/storeInt.h"

int store_feedback_add(struct store *st, const struct feedback *f, int64_t *id)
{
	return st->ops->feedback->add(st, f, id);
}

int store_feedback_get(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct feedback *out)
{
	return st->ops->feedback->get(st, site_id, id, a, out);
}

int store_feedback_by_code(struct store *st, int64_t site_id, const char *code, struct arena *a,
			   struct feedback *out)
{
	return st->ops->feedback->by_code(st, site_id, code, a, out);
}

int store_feedback_list(struct store *st, const struct feedback_filter *f, struct arena *a, struct feedback **out,
			size_t *n, int64_t *total)
{
	return st->ops->feedback->list(st, f, a, out, n, total);
}

int store_feedback_public(struct store *st, int64_t site_id, int64_t article_id, int limit, int offset,
			  struct arena *a, struct feedback **out, size_t *n, int64_t *total)
{
	return st->ops->feedback->public_list(st, site_id, article_id, limit, offset, a, out, n, total);
}

int store_feedback_update(struct store *st, const struct feedback *f)
{
	return st->ops->feedback->update(st, f);
}

int store_feedback_count_since(struct store *st, int64_t site_id, const char *client_hash, int64_t since,
			       int64_t *count)
{
	return st->ops->feedback->count_since(st, site_id, client_hash, since, count);
}

int store_feedback_duplicate(struct store *st, int64_t site_id, const char *content_hash, int64_t since, bool *dup)
{
	return st->ops->feedback->duplicate(st, site_id, content_hash, since, dup);
}

int store_feedback_erase_contacts(struct store *st, int64_t site_id, int64_t before, struct arena *a,
				  const char ***files, size_t *nfiles)
{
	return st->ops->feedback->erase_contacts(st, site_id, before, a, files, nfiles);
}

int store_feedback_counts(struct store *st, int64_t site_id, int64_t counts[5])
{
	return st->ops->feedback->counts(st, site_id, counts);
}

int store_site_retention(struct store *st, int64_t site_id, int *days)
{
	return st->ops->feedback->site_retention(st, site_id, days);
}

int store_site_set_retention(struct store *st, int64_t site_id, int days)
{
	return st->ops->feedback->site_set_retention(st, site_id, days);
}
