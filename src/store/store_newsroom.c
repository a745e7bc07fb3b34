/* store_newsroom.c — the public face of the newsroom's storage
 * (store_newsroom.h): every call forwards through the backend's
 * st->ops->newsroom table (storeInt.h), as store.c does for store.h. */
#include "core/status.h"
#include "store/storeInt.h"

int store_user_add(struct store *st, const struct user *u, int64_t *id, const char **err)
{
	return st->ops->newsroom->user_add(st, u, id, err);
}

int store_user_get(struct store *st, int64_t id, struct arena *a, struct user *out)
{
	return st->ops->newsroom->user_get(st, id, a, out);
}

int store_user_by_login(struct store *st, const char *login, struct arena *a, struct user *out)
{
	return st->ops->newsroom->user_by_login(st, login, a, out);
}

int store_user_list(struct store *st, int64_t site_id, struct arena *a, struct user **out, size_t *n)
{
	return st->ops->newsroom->user_list(st, site_id, a, out, n);
}

int store_user_update(struct store *st, const struct user *u)
{
	return st->ops->newsroom->user_update(st, u);
}

bool store_user_is_last_admin(struct store *st, const struct user *before)
{
	if (before->role != ROLE_ADMIN || before->disabled)
		return false;
	struct arena *a = arena_new();
	struct user *users;
	size_t n = 0;
	bool last = true;
	if (a && store_user_list(st, before->site_id, a, &users, &n) == LOA_OK) {
		last = true;
		for (size_t i = 0; i < n; i++)
			if (users[i].id != before->id && users[i].role == ROLE_ADMIN && !users[i].disabled)
				last = false;
	}
	arena_free(a);
	return last;
}

int store_session_add(struct store *st, const struct session *s)
{
	return st->ops->newsroom->session_add(st, s);
}

int store_session_get(struct store *st, const char *token_hash, struct arena *a, struct session *out)
{
	return st->ops->newsroom->session_get(st, token_hash, a, out);
}

int store_session_touch(struct store *st, const char *token_hash, int64_t seen_at, int64_t expires_at)
{
	return st->ops->newsroom->session_touch(st, token_hash, seen_at, expires_at);
}

int store_session_delete(struct store *st, const char *token_hash)
{
	return st->ops->newsroom->session_delete(st, token_hash);
}

int store_session_delete_user(struct store *st, int64_t user_id)
{
	return st->ops->newsroom->session_delete_user(st, user_id);
}

int store_session_purge(struct store *st, int64_t now)
{
	return st->ops->newsroom->session_purge(st, now);
}

int store_audit_add(struct store *st, const struct audit_entry *e)
{
	return st->ops->newsroom->audit_add(st, e);
}

int store_audit_list(struct store *st, int64_t site_id, int limit, int offset, struct arena *a,
		     struct audit_entry **out, size_t *n)
{
	return st->ops->newsroom->audit_list(st, site_id, limit, offset, a, out, n);
}

int store_article_save(struct store *st, const struct article_edit *e, int64_t now, int64_t *id, int64_t *version,
		       const char **err)
{
	return st->ops->newsroom->article_save(st, e, now, id, version, err);
}

int store_article_meta(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct article_meta *out)
{
	return st->ops->newsroom->article_meta(st, site_id, id, a, out);
}

int store_article_admin_list(struct store *st, const struct article_filter *f, struct arena *a,
			     struct article **out, size_t *n, int64_t *total)
{
	return st->ops->newsroom->article_admin_list(st, f, a, out, n, total);
}

int store_article_publish_due(struct store *st, int64_t now, int *count)
{
	return st->ops->newsroom->article_publish_due(st, now, count);
}

int store_article_flags(struct store *st, int64_t site_id, int64_t id, bool featured, int featured_order, int hot_pin)
{
	return st->ops->newsroom->article_flags(st, site_id, id, featured, featured_order, hot_pin);
}

int store_revision_list(struct store *st, int64_t article_id, struct arena *a, struct revision **out, size_t *n)
{
	return st->ops->newsroom->revision_list(st, article_id, a, out, n);
}

int store_revision_get(struct store *st, int64_t article_id, int64_t id, struct arena *a, struct revision *out)
{
	return st->ops->newsroom->revision_get(st, article_id, id, a, out);
}

int store_autosave_put(struct store *st, int64_t site_id, int64_t article_id, int64_t user_id, const char *data,
		       int64_t now)
{
	return st->ops->newsroom->autosave_put(st, site_id, article_id, user_id, data, now);
}

int store_autosave_get(struct store *st, int64_t site_id, int64_t article_id, int64_t user_id, struct arena *a,
		       const char **data, int64_t *at)
{
	return st->ops->newsroom->autosave_get(st, site_id, article_id, user_id, a, data, at);
}

int store_autosave_delete(struct store *st, int64_t site_id, int64_t article_id, int64_t user_id)
{
	return st->ops->newsroom->autosave_delete(st, site_id, article_id, user_id);
}

int store_category_add(struct store *st, int64_t site_id, int64_t parent_id, const char *name, int64_t *id,
		       const char **err)
{
	return st->ops->newsroom->category_add(st, site_id, parent_id, name, id, err);
}

int store_category_update(struct store *st, const struct category *c, const char **err)
{
	return st->ops->newsroom->category_update(st, c, err);
}

int store_category_delete(struct store *st, int64_t site_id, int64_t id, const char **err)
{
	return st->ops->newsroom->category_delete(st, site_id, id, err);
}

int store_category_by_alias(struct store *st, int64_t site_id, const char *old_slug, struct arena *a,
			    struct category *out)
{
	return st->ops->newsroom->category_by_alias(st, site_id, old_slug, a, out);
}

int store_link_update(struct store *st, const struct link *l)
{
	return st->ops->newsroom->link_update(st, l);
}

int store_link_delete(struct store *st, int64_t site_id, int64_t id)
{
	return st->ops->newsroom->link_delete(st, site_id, id);
}

int store_calendar_get(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct cal_item *out)
{
	return st->ops->newsroom->calendar_get(st, site_id, id, a, out);
}

int store_calendar_update(struct store *st, const struct cal_item *it)
{
	return st->ops->newsroom->calendar_update(st, it);
}

int store_calendar_delete(struct store *st, int64_t site_id, int64_t id)
{
	return st->ops->newsroom->calendar_delete(st, site_id, id);
}

int store_calendar_copy_week(struct store *st, int64_t site_id, int64_t from_monday, int64_t to_monday,
			     int *copied)
{
	return st->ops->newsroom->calendar_copy_week(st, site_id, from_monday, to_monday, copied);
}

int store_media_list(struct store *st, int64_t site_id, int limit, int offset, struct arena *a, struct media **out,
		     size_t *n, int64_t *total)
{
	return st->ops->newsroom->media_list(st, site_id, limit, offset, a, out, n, total);
}

int store_media_by_path(struct store *st, int64_t site_id, const char *path, struct arena *a, struct media *out)
{
	return st->ops->newsroom->media_by_path(st, site_id, path, a, out);
}

int store_media_get(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct media *out)
{
	return st->ops->newsroom->media_get(st, site_id, id, a, out);
}

int store_article_seo(struct store *st, int64_t site_id, int64_t id, struct arena *a, const char **out)
{
	return st->ops->newsroom->article_seo(st, site_id, id, a, out);
}

int store_article_related(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct article **out,
			  size_t *n)
{
	return st->ops->newsroom->article_related(st, site_id, id, a, out, n);
}

int store_media_find(struct store *st, int64_t site_id, const char *folded, int limit, int offset, struct arena *a,
		     struct media **out, size_t *n, int64_t *total)
{
	return st->ops->newsroom->media_find(st, site_id, folded ? folded : "", limit, offset, a, out, n, total);
}

int store_media_uses(struct store *st, int64_t site_id, const char *path, const char *stem, struct arena *a,
		     struct media_use **out, size_t *n)
{
	return st->ops->newsroom->media_uses(st, site_id, path, stem, a, out, n);
}

int store_media_delete(struct store *st, int64_t site_id, int64_t id)
{
	return st->ops->newsroom->media_delete(st, site_id, id);
}

int store_media_update(struct store *st, const struct media *m)
{
	return st->ops->newsroom->media_update(st, m);
}

int store_visits_daily(struct store *st, int64_t site_id, int64_t from_day, int64_t to_day, struct arena *a,
		       struct visit_delta **out, size_t *n)
{
	return st->ops->newsroom->visits_daily(st, site_id, from_day, to_day, a, out, n);
}

int store_category_counts(struct store *st, int64_t site_id, struct arena *a, struct category_count **out,
			  size_t *n)
{
	return st->ops->newsroom->category_counts(st, site_id, a, out, n);
}

int store_editor_counts(struct store *st, int64_t site_id, int64_t from, int64_t to, struct arena *a,
			struct editor_count **out, size_t *n)
{
	return st->ops->newsroom->editor_counts(st, site_id, from, to, a, out, n);
}

int store_secret(struct store *st, unsigned char out[32])
{
	return st->ops->newsroom->secret(st, out);
}
