/* store_org.c — the public face of the "Giới thiệu" storage (store_org.h):
 * every call forwards through the backend's st->ops->org table
 * (storeInt.h), as store_feedback.c does for store_feedback.h. */
#include "store/storeInt.h"

int store_org_page_list(struct store *st, int64_t site_id, bool published_only, struct arena *a,
			struct org_page **out, size_t *n)
{
	return st->ops->org->page_list(st, site_id, published_only, a, out, n);
}

int store_org_page_get(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct org_page *out)
{
	return st->ops->org->page_get(st, site_id, id, a, out);
}

int store_org_page_by_slug(struct store *st, int64_t site_id, const char *slug, struct arena *a,
			   struct org_page *out)
{
	return st->ops->org->page_by_slug(st, site_id, slug, a, out);
}

int store_org_page_save(struct store *st, const struct org_page *p, int64_t user_id, int64_t now, int64_t *id,
			int64_t *version, bool *slug_taken)
{
	return st->ops->org->page_save(st, p, user_id, now, id, version, slug_taken);
}

int store_org_page_delete(struct store *st, int64_t site_id, int64_t id)
{
	return st->ops->org->page_delete(st, site_id, id);
}

int store_org_page_revisions(struct store *st, int64_t site_id, int64_t page_id, struct arena *a,
			     struct org_page_revision **out, size_t *n)
{
	return st->ops->org->page_revisions(st, site_id, page_id, a, out, n);
}

int store_org_page_revision_get(struct store *st, int64_t site_id, int64_t page_id, int64_t id, struct arena *a,
				struct org_page_revision *out)
{
	return st->ops->org->page_revision_get(st, site_id, page_id, id, a, out);
}

int store_org_unit_list(struct store *st, int64_t site_id, struct arena *a, struct org_unit **out, size_t *n)
{
	return st->ops->org->unit_list(st, site_id, a, out, n);
}

int store_org_unit_get(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct org_unit *out)
{
	return st->ops->org->unit_get(st, site_id, id, a, out);
}

int store_org_unit_save(struct store *st, const struct org_unit *u, int64_t *id)
{
	return st->ops->org->unit_save(st, u, id);
}

int store_org_unit_delete(struct store *st, int64_t site_id, int64_t id)
{
	return st->ops->org->unit_delete(st, site_id, id);
}

int store_org_official_list(struct store *st, int64_t site_id, struct arena *a, struct org_official **out,
			    size_t *n)
{
	return st->ops->org->official_list(st, site_id, a, out, n);
}

int store_org_official_get(struct store *st, int64_t site_id, int64_t id, struct arena *a,
			   struct org_official *out)
{
	return st->ops->org->official_get(st, site_id, id, a, out);
}

int store_org_official_save(struct store *st, const struct org_official *o, int64_t *id)
{
	return st->ops->org->official_save(st, o, id);
}

int store_org_official_delete(struct store *st, int64_t site_id, int64_t id)
{
	return st->ops->org->official_delete(st, site_id, id);
}
