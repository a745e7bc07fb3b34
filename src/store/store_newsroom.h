/* store_newsroom.h — the storage contract of the newsroom (/quan-tri):
 * accounts, sessions, the audit log, the editorial life of an article
 * (versions, revisions, autosaves, scheduling) and the admin's lists
 * (categories, linked websites, the work calendar, media, statistics).
 * Same rules as store.h: arena-owned results, LOA_* statuses, `err` gets a
 * one-line Vietnamese message (static or in the arena) where there is one,
 * every query names its site. */
#ifndef LOA_STORE_NEWSROOM_H
#define LOA_STORE_NEWSROOM_H

#include "store/store.h"

/* ---- accounts ---- */
enum user_role { ROLE_WRITER = 1, ROLE_APPROVER = 2, ROLE_ADMIN = 3 };

struct user {
	int64_t id;
	int64_t site_id;           /* 0 = every site (a province-wide user) */
	const char *login;         /* unique, compared case-insensitively */
	const char *name;          /* display name, e.g. "Nguyễn Thùy Loan" */
	const char *pw_hash;       /* argon2id string */
	int role;                  /* enum user_role */
	bool disabled;
	int64_t created_at, pw_changed_at, last_login_at;
};

/* LOA_CONFLICT (err "tên đăng nhập đã có") when the login is taken. */
int store_user_add(struct store *st, const struct user *u, int64_t *id, const char **err);
int store_user_get(struct store *st, int64_t id, struct arena *a, struct user *out);
int store_user_by_login(struct store *st, const char *login, struct arena *a, struct user *out);
/* Users of a site plus the province-wide ones; site_id 0 = everyone. */
int store_user_list(struct store *st, int64_t site_id, struct arena *a, struct user **out, size_t *n);
/* Writes name, role, site_id, disabled, pw_hash, pw_changed_at, last_login_at. */
int store_user_update(struct store *st, const struct user *u);
/* True when `before` is an enabled admin and no other enabled admin can
 * manage its scope (its site's admins and the province-wide ones; for a
 * province-wide user, every admin): demoting or locking it would leave the
 * site with nobody to manage users. A rule above the backends, read through
 * store_user_list; true too when the list cannot be read (refuse, never
 * guess). */
bool store_user_is_last_admin(struct store *st, const struct user *before);

/* ---- sessions (the token itself is never stored, only its hash) ---- */
struct session {
	const char *token_hash;
	int64_t user_id;
	int64_t created_at, expires_at, seen_at;
	const char *addr, *user_agent;
};
int store_session_add(struct store *st, const struct session *s);
/* LOA_NOTFOUND for an unknown token hash (expiry is the caller's check). */
int store_session_get(struct store *st, const char *token_hash, struct arena *a, struct session *out);
int store_session_touch(struct store *st, const char *token_hash, int64_t seen_at, int64_t expires_at);
int store_session_delete(struct store *st, const char *token_hash);
int store_session_delete_user(struct store *st, int64_t user_id); /* revokes all of a user's sessions */
int store_session_purge(struct store *st, int64_t now);           /* drops expired sessions */

/* ---- audit log: who did what, when, from where ---- */
struct audit_entry {
	int64_t id, site_id, user_id;
	const char *user_login;    /* joined on read; "" for failed logins of unknown users */
	const char *action;        /* "login", "login-failed", "article-publish", ... */
	const char *object;        /* e.g. "bài viết #12" */
	const char *detail;
	const char *addr;
	int64_t at;
};
int store_audit_add(struct store *st, const struct audit_entry *e);
/* Newest first; site_id 0 = all sites. */
int store_audit_list(struct store *st, int64_t site_id, int limit, int offset, struct arena *a,
		     struct audit_entry **out, size_t *n);

/* ---- articles in the newsroom ---- */
struct article_edit {
	struct article art;        /* id 0 = new; art.status as wanted; body_html sanitized */
	int64_t version;           /* the version the editor started from (0 for new) */
	int64_t user_id;           /* who saves */
	const char *review_note;   /* approver's comment when returning a draft, else "" */
	/* The editor's extras, written with the article when set_extras (a
	 * bulk action or a restore leaves them as they are): the SEO
	 * description ("" = none) and the hand-picked related articles, ids
	 * of the same site in their order (others, and the article itself,
	 * are skipped). */
	bool set_extras;
	const char *seo_description;
	const int64_t *related;
	size_t nrelated;
};
struct article_meta {
	int64_t version;
	int64_t created_by, updated_by;
	const char *created_by_name, *updated_by_name;
	const char *review_note;
};
/* Saves in one transaction: inserts (version 1) or updates only when the
 * stored version equals e->version — otherwise LOA_CONFLICT with err naming
 * who saved last — then increments the version and records a revision
 * (the new content, user, time). Sets *id and *version. */
int store_article_save(struct store *st, const struct article_edit *e, int64_t now, int64_t *id, int64_t *version,
		       const char **err);
int store_article_meta(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct article_meta *out);
int store_article_delete(struct store *st, int64_t site_id, int64_t id);
/* The article's SEO description, "" when it has none (*out in a). */
int store_article_seo(struct store *st, int64_t site_id, int64_t id, struct arena *a, const char **out);
/* The articles picked as related to `id`, in their order, of any status
 * (the public page shows the public ones); bodies are left "". */
int store_article_related(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct article **out,
			  size_t *n);

struct article_filter {
	int64_t site_id;
	int status;                /* -1 = any */
	int64_t created_by;        /* 0 = anyone */
	int64_t category_id;       /* 0 = any (no descendants) */
	const char *q;             /* title contains, case- and diacritic-insensitive; "" = any */
	int limit, offset;
};
/* Any status, most recently updated first, body_html not loaded. */
int store_article_admin_list(struct store *st, const struct article_filter *f, struct arena *a,
			     struct article **out, size_t *n, int64_t *total);
/* Publishes every scheduled article whose time has come; *count = how many. */
int store_article_publish_due(struct store *st, int64_t now, int *count);
/* Sets featured flag/order and hot pin (approvers). */
int store_article_flags(struct store *st, int64_t site_id, int64_t id, bool featured, int featured_order, int hot_pin);

struct revision {
	int64_t id, article_id, user_id;
	const char *user_name;
	int64_t at;
	struct article art;        /* the content saved then (title, lead, body_html, image, image_srcset,
				      caption, author, source, category_id, status, published_at) */
};
/* Newest first, bodies not loaded. */
int store_revision_list(struct store *st, int64_t article_id, struct arena *a, struct revision **out, size_t *n);
int store_revision_get(struct store *st, int64_t article_id, int64_t id, struct arena *a, struct revision *out);

/* Autosave: one slot per (article, user); article_id 0 = a new article. */
int store_autosave_put(struct store *st, int64_t site_id, int64_t article_id, int64_t user_id, const char *data,
		       int64_t now);
int store_autosave_get(struct store *st, int64_t site_id, int64_t article_id, int64_t user_id, struct arena *a,
		       const char **data, int64_t *at);
int store_autosave_delete(struct store *st, int64_t site_id, int64_t article_id, int64_t user_id);

/* ---- categories ---- */
int store_category_add(struct store *st, int64_t site_id, int64_t parent_id, const char *name, int64_t *id,
		       const char **err);
/* Renames, moves (parent_id) and reorders (position). A changed slug keeps
 * the old one as an alias so old URLs answer 301 (store_category_by_alias).
 * Refuses a parent inside its own subtree. */
int store_category_update(struct store *st, const struct category *c, const char **err);
/* Refuses (LOA_CONFLICT, err) while the category has articles or children. */
int store_category_delete(struct store *st, int64_t site_id, int64_t id, const char **err);
int store_category_by_alias(struct store *st, int64_t site_id, const char *old_slug, struct arena *a,
			    struct category *out);
/* How many articles (of any status) each category of the site holds
 * itself, not counting its subcategories; categories without articles are
 * left out. */
struct category_count {
	int64_t category_id;
	int64_t articles;
};
int store_category_counts(struct store *st, int64_t site_id, struct arena *a, struct category_count **out,
			  size_t *n);

/* ---- linked websites ---- */
int store_link_update(struct store *st, const struct link *l);
int store_link_delete(struct store *st, int64_t site_id, int64_t id);

/* ---- work calendar ---- */
int store_calendar_get(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct cal_item *out);
int store_calendar_update(struct store *st, const struct cal_item *it);
int store_calendar_delete(struct store *st, int64_t site_id, int64_t id);
/* Copies the items of the week starting from_monday to the week starting
 * to_monday (same weekday and session), state reset to normal. */
int store_calendar_copy_week(struct store *st, int64_t site_id, int64_t from_monday, int64_t to_monday,
			     int *copied);

/* ---- media library ---- */
int store_media_list(struct store *st, int64_t site_id, int limit, int offset, struct arena *a, struct media **out,
		     size_t *n, int64_t *total);
int store_media_get(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct media *out);
/* The library's image whose URL path is `path` ("/media/..."); LOA_NOTFOUND
 * when the site has none. */
int store_media_by_path(struct store *st, int64_t site_id, const char *path, struct arena *a, struct media *out);
int store_media_update(struct store *st, const struct media *m); /* alt and caption */
/* Like store_media_list, only the images whose file name, caption or alt
 * text hold `folded` (text_fold of the words searched: "hoi nghi" finds
 * "Hội nghị" and hoi-nghi-ab12cd.jpg); "" lists them all. */
int store_media_find(struct store *st, int64_t site_id, const char *folded, int limit, int offset, struct arena *a,
		     struct media **out, size_t *n, int64_t *total);

/* Where a library image is used: a cover, a body, a page, the logo, ... */
enum media_use_kind {
	MEDIA_USE_COVER = 1,     /* an article's cover (articles.image) */
	MEDIA_USE_ARTICLE = 2,   /* inside an article's body */
	MEDIA_USE_PAGE = 3,      /* inside a page of "Giới thiệu" */
	MEDIA_USE_LOGO = 4,      /* the site's logo */
	MEDIA_USE_OFFICIAL = 5,  /* an official's photo */
	MEDIA_USE_DRAFT = 6,     /* a draft consultation's summary or report */
	MEDIA_USE_DOC = 7,       /* a document's text */
};
struct media_use {
	int kind;                /* enum media_use_kind */
	int64_t id;              /* of the article, page, official, ... (the site for the logo) */
	const char *title;       /* its title, name or number */
};
/* Every use (at most 50) of the image stored as `path` in the site's
 * content, articles of every status included (not their revisions). A body
 * counts when it holds `stem` (the path without its extension, so the
 * WebP sizes count too). */
int store_media_uses(struct store *st, int64_t site_id, const char *path, const char *stem, struct arena *a,
		     struct media_use **out, size_t *n);
/* Deletes the row only (media_library_delete checks the uses and removes
 * the files); LOA_NOTFOUND when the site has no such image. */
int store_media_delete(struct store *st, int64_t site_id, int64_t id);

/* ---- statistics for the dashboard ---- */
/* Visits per day in [from_day, to_day]; days without visits are absent. */
int store_visits_daily(struct store *st, int64_t site_id, int64_t from_day, int64_t to_day, struct arena *a,
		       struct visit_delta **out, size_t *n);
struct editor_count {
	int64_t user_id;
	const char *login, *name;
	int64_t published;
};
/* Articles published in [from, to) per creating user, most first. */
int store_editor_counts(struct store *st, int64_t site_id, int64_t from, int64_t to, struct arena *a,
			struct editor_count **out, size_t *n);

/* A random 32-byte secret of this database, made on first use; keys for
 * CSRF tokens derive from it so they survive restarts. */
int store_secret(struct store *st, unsigned char out[32]);

#endif
