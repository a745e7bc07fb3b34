/* storeInt.h — what sits behind store.h: the table of operations a storage
 * backend provides, and the handle every backend's connection begins with.
 *
 * store.c owns the public entry points; each one forwards through
 * st->ops, so callers never know which database they talk to. A backend
 * defines its own connection struct whose first member is `struct store`
 * and casts back inside its operations. The SQLite backend is the only one
 * built today; a PostgreSQL backend adds its ops table and an open function
 * here, and a branch in store_open(), without touching any caller.
 *
 * Every operation has exactly the contract of the store.h (or
 * store_newsroom.h, store_feedback.h) function of the same name (the
 * handle already checked non-NULL). */
#ifndef LOA_STORE_INT_H
#define LOA_STORE_INT_H

#include "core/buf.h"
#include "store/store.h"
#include "store/store_consult.h"
#include "store/store_docs.h"
#include "store/store_feedback.h"
#include "store/store_files.h"
#include "store/store_mail.h"
#include "store/store_newsroom.h"
#include "store/store_org.h"
#include "store/store_portal.h"
#include "store/store_redirects.h"

struct store_newsroom_ops;
struct store_feedback_ops;
struct store_portal_ops;
struct store_org_ops;
struct store_consult_ops;
struct store_files_ops;
struct store_docs_ops;
struct store_redirects_ops;
struct store_mail_ops;

struct store_ops {
	const char *name;
	void (*close)(struct store *st);
	int (*content_version)(struct store *st, int64_t *out);
	int (*begin)(struct store *st);
	int (*commit)(struct store *st);
	int (*rollback)(struct store *st);

	int (*site_for_host)(struct store *st, const char *host, struct arena *a, struct site *out);
	int (*site_get)(struct store *st, int64_t id, struct arena *a, struct site *out);
	int (*site_list)(struct store *st, struct arena *a, struct site **out, size_t *n);
	int (*site_create)(struct store *st, const struct site *s, int64_t *id, const char **err);
	int (*site_update)(struct store *st, const struct site *s);

	int (*category_list)(struct store *st, int64_t site_id, struct arena *a, struct category **out, size_t *n);
	int (*category_by_slug)(struct store *st, int64_t site_id, const char *slug, struct arena *a,
				struct category *out);
	int (*category_ensure_path)(struct store *st, int64_t site_id, const char *path, int64_t *id,
				    const char **err);

	int (*article_get)(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct article *out);
	int (*article_list)(struct store *st, const struct article_query *q, struct arena *a,
			    struct article **out, size_t *n, int64_t *total);
	int (*article_hot)(struct store *st, int64_t site_id, int64_t since, int64_t now, int limit,
			   struct arena *a, struct article **out, size_t *n);
	int (*article_upsert)(struct store *st, const struct article *art, int64_t *id, bool *created,
			      const char **err);
	int (*article_delete)(struct store *st, int64_t site_id, int64_t id);
	int (*views_add)(struct store *st, const struct view_delta *d, size_t n);

	int (*search)(struct store *st, const struct search_request *rq, struct arena *a, struct search_hit **out,
		      size_t *n, int64_t *total);
	int (*suggest)(struct store *st, int64_t site_id, const char *q, int64_t now, int limit, struct arena *a,
		       struct article **out, size_t *n);
	int (*reindex)(struct store *st, void (*progress)(void *ctx, int64_t done, int64_t total), void *ctx);

	int (*calendar_range)(struct store *st, int64_t site_id, int64_t from_day, int64_t to_day,
			      struct arena *a, struct cal_item **out, size_t *n);
	int (*calendar_add)(struct store *st, const struct cal_item *it, int64_t *id);

	int (*link_list)(struct store *st, int64_t site_id, struct arena *a, struct link **out, size_t *n);
	int (*link_add)(struct store *st, const struct link *l, int64_t *id);

	int (*media_add)(struct store *st, const struct media *m, int64_t *id);

	int (*visits_get)(struct store *st, int64_t site_id, int64_t day, int64_t *today, int64_t *total);
	int (*visits_add)(struct store *st, const struct visit_delta *d, size_t n);

	int (*snapshot)(struct store *st, const char *path, char **err);
	int (*check)(struct store *st, struct buf *problems);
	int (*file_refs)(struct store *st, int (*fn)(void *ctx, const char *area, const char *relpath), void *ctx);
	int (*schema_version)(struct store *st, int64_t *out);

	/* The newsroom (store_newsroom.h), a table of its own so the public
	 * site's operations read in one screen. Never NULL. */
	const struct store_newsroom_ops *newsroom;
	/* Citizens' feedback and questions (store_feedback.h). Never NULL. */
	const struct store_feedback_ops *feedback;
	/* The main menu and the footer's legal facts (store_portal.h). Never NULL. */
	const struct store_portal_ops *portal;
	/* Static pages, organisation and officials (store_org.h). Never NULL. */
	const struct store_org_ops *org;
	/* Draft consultation (store_consult.h). Never NULL. */
	const struct store_consult_ops *consult;
	/* Stored files people download (store_files.h). Never NULL. */
	const struct store_files_ops *files;
	/* The register of documents (store_docs.h). Never NULL. */
	const struct store_docs_ops *docs;
	/* Old addresses and where they moved (store_redirects.h). Never NULL. */
	const struct store_redirects_ops *redirects;
	/* SMTP settings, the outbox, editors' addresses (store_mail.h). Never NULL. */
	const struct store_mail_ops *mail;
};

/* The operations of store_newsroom.h, forwarded by store_newsroom.c; each
 * has the contract of the function of the same name. store_article_delete
 * belongs to both headers and sits in store_ops. */
struct store_newsroom_ops {
	int (*user_add)(struct store *st, const struct user *u, int64_t *id, const char **err);
	int (*user_get)(struct store *st, int64_t id, struct arena *a, struct user *out);
	int (*user_by_login)(struct store *st, const char *login, struct arena *a, struct user *out);
	int (*user_list)(struct store *st, int64_t site_id, struct arena *a, struct user **out, size_t *n);
	int (*user_update)(struct store *st, const struct user *u);

	int (*session_add)(struct store *st, const struct session *s);
	int (*session_get)(struct store *st, const char *token_hash, struct arena *a, struct session *out);
	int (*session_touch)(struct store *st, const char *token_hash, int64_t seen_at, int64_t expires_at);
	int (*session_delete)(struct store *st, const char *token_hash);
	int (*session_delete_user)(struct store *st, int64_t user_id);
	int (*session_purge)(struct store *st, int64_t now);

	int (*audit_add)(struct store *st, const struct audit_entry *e);
	int (*audit_list)(struct store *st, int64_t site_id, int limit, int offset, struct arena *a,
			  struct audit_entry **out, size_t *n);

	int (*article_save)(struct store *st, const struct article_edit *e, int64_t now, int64_t *id,
			    int64_t *version, const char **err);
	int (*article_meta)(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct article_meta *out);
	int (*article_admin_list)(struct store *st, const struct article_filter *f, struct arena *a,
				  struct article **out, size_t *n, int64_t *total);
	int (*article_publish_due)(struct store *st, int64_t now, int *count);
	int (*article_flags)(struct store *st, int64_t site_id, int64_t id, bool featured, int featured_order,
			     int hot_pin);
	int (*revision_list)(struct store *st, int64_t article_id, struct arena *a, struct revision **out, size_t *n);
	int (*revision_get)(struct store *st, int64_t article_id, int64_t id, struct arena *a, struct revision *out);
	int (*autosave_put)(struct store *st, int64_t site_id, int64_t article_id, int64_t user_id, const char *data,
			    int64_t now);
	int (*autosave_get)(struct store *st, int64_t site_id, int64_t article_id, int64_t user_id, struct arena *a,
			    const char **data, int64_t *at);
	int (*autosave_delete)(struct store *st, int64_t site_id, int64_t article_id, int64_t user_id);

	int (*category_add)(struct store *st, int64_t site_id, int64_t parent_id, const char *name, int64_t *id,
			    const char **err);
	int (*category_update)(struct store *st, const struct category *c, const char **err);
	int (*category_delete)(struct store *st, int64_t site_id, int64_t id, const char **err);
	int (*category_by_alias)(struct store *st, int64_t site_id, const char *old_slug, struct arena *a,
				 struct category *out);
	int (*category_counts)(struct store *st, int64_t site_id, struct arena *a, struct category_count **out,
			       size_t *n);

	int (*link_update)(struct store *st, const struct link *l);
	int (*link_delete)(struct store *st, int64_t site_id, int64_t id);

	int (*calendar_get)(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct cal_item *out);
	int (*calendar_update)(struct store *st, const struct cal_item *it);
	int (*calendar_delete)(struct store *st, int64_t site_id, int64_t id);
	int (*calendar_copy_week)(struct store *st, int64_t site_id, int64_t from_monday, int64_t to_monday,
				  int *copied);

	int (*media_list)(struct store *st, int64_t site_id, int limit, int offset, struct arena *a,
			  struct media **out, size_t *n, int64_t *total);
	int (*media_get)(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct media *out);
	int (*media_by_path)(struct store *st, int64_t site_id, const char *path, struct arena *a, struct media *out);
	int (*media_update)(struct store *st, const struct media *m);
	int (*article_seo)(struct store *st, int64_t site_id, int64_t id, struct arena *a, const char **out);
	int (*article_related)(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct article **out,
			       size_t *n);
	int (*media_find)(struct store *st, int64_t site_id, const char *folded, int limit, int offset, struct arena *a,
			  struct media **out, size_t *n, int64_t *total);
	int (*media_uses)(struct store *st, int64_t site_id, const char *path, const char *stem, struct arena *a,
			  struct media_use **out, size_t *n);
	int (*media_delete)(struct store *st, int64_t site_id, int64_t id);

	int (*visits_daily)(struct store *st, int64_t site_id, int64_t from_day, int64_t to_day, struct arena *a,
			    struct visit_delta **out, size_t *n);
	int (*editor_counts)(struct store *st, int64_t site_id, int64_t from, int64_t to, struct arena *a,
			     struct editor_count **out, size_t *n);

	int (*secret)(struct store *st, unsigned char out[32]);
};

/* The operations of store_feedback.h, forwarded by store_feedback.c; each
 * has the contract of the function of the same name (public_list is
 * store_feedback_public). */
struct store_feedback_ops {
	int (*add)(struct store *st, const struct feedback *f, int64_t *id);
	int (*get)(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct feedback *out);
	int (*by_code)(struct store *st, int64_t site_id, const char *code, struct arena *a, struct feedback *out);
	int (*list)(struct store *st, const struct feedback_filter *f, struct arena *a, struct feedback **out,
		    size_t *n, int64_t *total);
	int (*public_list)(struct store *st, int64_t site_id, int64_t article_id, int limit, int offset,
			   struct arena *a, struct feedback **out, size_t *n, int64_t *total);
	int (*update)(struct store *st, const struct feedback *f);
	int (*count_since)(struct store *st, int64_t site_id, const char *client_hash, int64_t since,
			   int64_t *count);
	int (*duplicate)(struct store *st, int64_t site_id, const char *content_hash, int64_t since, bool *dup);
	int (*erase_contacts)(struct store *st, int64_t site_id, int64_t before, struct arena *a,
			      const char ***files, size_t *nfiles);
	int (*counts)(struct store *st, int64_t site_id, int64_t counts[5]);
	int (*site_retention)(struct store *st, int64_t site_id, int *days);
	int (*site_set_retention)(struct store *st, int64_t site_id, int days);
};

/* The operations of store_portal.h, forwarded by store_portal.c; each has
 * the contract of the function of the same name. */
struct store_portal_ops {
	int (*menu_list)(struct store *st, int64_t site_id, struct arena *a, struct menu_item **out, size_t *n);
	int (*menu_get)(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct menu_item *out);
	int (*menu_add)(struct store *st, const struct menu_item *it, int64_t *id);
	int (*menu_update)(struct store *st, const struct menu_item *it);
	int (*menu_delete)(struct store *st, int64_t site_id, int64_t id);
	int (*menu_move)(struct store *st, int64_t site_id, int64_t id, int dir);
	int (*site_legal)(struct store *st, int64_t site_id, struct arena *a, struct site_legal *out);
	int (*site_set_legal)(struct store *st, int64_t site_id, const struct site_legal *l);
};

/* The operations of store_org.h, forwarded by store_org.c; each has the
 * contract of store_org_<name>. */
struct store_org_ops {
	int (*page_list)(struct store *st, int64_t site_id, bool published_only, struct arena *a,
			 struct org_page **out, size_t *n);
	int (*page_get)(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct org_page *out);
	int (*page_by_slug)(struct store *st, int64_t site_id, const char *slug, struct arena *a,
			    struct org_page *out);
	int (*page_save)(struct store *st, const struct org_page *p, int64_t user_id, int64_t now, int64_t *id,
			 int64_t *version, bool *slug_taken);
	int (*page_delete)(struct store *st, int64_t site_id, int64_t id);
	int (*page_revisions)(struct store *st, int64_t site_id, int64_t page_id, struct arena *a,
			      struct org_page_revision **out, size_t *n);
	int (*page_revision_get)(struct store *st, int64_t site_id, int64_t page_id, int64_t id, struct arena *a,
				 struct org_page_revision *out);
	int (*unit_list)(struct store *st, int64_t site_id, struct arena *a, struct org_unit **out, size_t *n);
	int (*unit_get)(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct org_unit *out);
	int (*unit_save)(struct store *st, const struct org_unit *u, int64_t *id);
	int (*unit_delete)(struct store *st, int64_t site_id, int64_t id);
	int (*official_list)(struct store *st, int64_t site_id, struct arena *a, struct org_official **out,
			     size_t *n);
	int (*official_get)(struct store *st, int64_t site_id, int64_t id, struct arena *a,
			    struct org_official *out);
	int (*official_save)(struct store *st, const struct org_official *o, int64_t *id);
	int (*official_delete)(struct store *st, int64_t site_id, int64_t id);
};

/* The operations of store_consult.h, forwarded by store_consult.c; each
 * has the contract of the function of the same name (store_draft_*,
 * store_comment_*). */
struct store_consult_ops {
	int (*draft_save)(struct store *st, const struct draft *d, int64_t *id);
	int (*draft_get)(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct draft *out);
	int (*draft_list)(struct store *st, const struct draft_query *q, struct arena *a, struct draft **out,
			  size_t *n, int64_t *total);
	int (*draft_counts)(struct store *st, int64_t site_id, int64_t now, int64_t counts[3]);
	int (*draft_delete)(struct store *st, int64_t site_id, int64_t id);
	int (*comment_add)(struct store *st, const struct draft_comment *c, int64_t *id);
	int (*comment_get)(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct draft_comment *out);
	int (*comment_by_code)(struct store *st, int64_t site_id, const char *code, struct arena *a,
			       struct draft_comment *out);
	int (*comment_list)(struct store *st, const struct comment_filter *f, struct arena *a,
			    struct draft_comment **out, size_t *n, int64_t *total);
	int (*comment_public)(struct store *st, int64_t site_id, int64_t draft_id, int limit, int offset,
			      struct arena *a, struct draft_comment **out, size_t *n, int64_t *total);
	int (*comment_update)(struct store *st, const struct draft_comment *c);
	int (*comment_count_since)(struct store *st, int64_t site_id, const char *client_hash, int64_t since,
				   int64_t *count);
	int (*comment_duplicate)(struct store *st, int64_t site_id, const char *content_hash, int64_t since,
				 bool *dup);
	int (*comment_counts)(struct store *st, int64_t site_id, int64_t draft_id, int64_t counts[4]);
	int (*comment_erase_contacts)(struct store *st, int64_t site_id, int64_t before, int64_t *erased);
};

/* The operations of store_files.h, forwarded by store_files.c; each has
 * the contract of store_file_<name> (delete_ is store_file_delete). */
struct store_files_ops {
	int (*add)(struct store *st, const struct stored_file *f, int64_t *id);
	int (*get)(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct stored_file *out);
	int (*update)(struct store *st, const struct stored_file *f);
	int (*delete_)(struct store *st, int64_t site_id, int64_t id);
	int (*link_add)(struct store *st, int64_t site_id, const char *owner_kind, int64_t owner_id, int64_t file_id,
			const char *role);
	int (*links)(struct store *st, int64_t site_id, const char *owner_kind, int64_t owner_id, struct arena *a,
		     struct file_link **out, size_t *n);
	int (*links_range)(struct store *st, int64_t site_id, const char *owner_kind, int64_t from_id, int64_t to_id,
			   struct arena *a, struct file_link **out, size_t *n);
	int (*link_remove)(struct store *st, int64_t site_id, const char *owner_kind, int64_t owner_id,
			   int64_t file_id);
	int (*owner)(struct store *st, int64_t site_id, int64_t file_id, const char *owner_kind, int64_t *owner_id);
};

/* The operations of store_docs.h, forwarded by store_docs.c; each has the
 * contract of store_doc_<name>. */
struct store_docs_ops {
	int (*term_list)(struct store *st, int64_t site_id, int kind, struct arena *a, struct doc_term **out, size_t *n);
	int (*term_save)(struct store *st, const struct doc_term *t, int64_t *id);
	int (*term_delete)(struct store *st, int64_t site_id, int64_t id);
	int (*term_find)(struct store *st, int64_t site_id, int kind, const char *name_key, int64_t *id);
	int (*save)(struct store *st, const struct document *d, int64_t *id);
	int (*get)(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct document *out);
	int (*all)(struct store *st, int64_t site_id, bool published_only, struct arena *a, struct document **out, size_t *n);
	int (*by_key)(struct store *st, int64_t site_id, const char *key, struct arena *a, struct document **out, size_t *n);
	int (*delete)(struct store *st, int64_t site_id, int64_t id);
	int (*links)(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct doc_link **out, size_t *n);
	int (*set_links)(struct store *st, int64_t site_id, int64_t from_id, const int64_t *to_ids, const int *kinds, size_t n);
	int (*files)(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct stored_file **out, size_t *n);
	int (*file_attach)(struct store *st, int64_t site_id, int64_t doc_id, int64_t file_id);
	int (*files_publish)(struct store *st, int64_t site_id, int64_t doc_id, bool public);
	int (*search)(struct store *st, int64_t site_id, const char *match, bool published_only, int limit, struct arena *a, int64_t **ids, size_t *n);
};

/* The operations of store_redirects.h, forwarded by store_redirects.c
 * after its checks; each has the contract of store_redirect_<name>. */
struct store_redirects_ops {
	int (*lookup)(struct store *st, int64_t site_id, const char *old_path, struct arena *a, const char **target);
	int (*put)(struct store *st, int64_t site_id, const struct redirect *r, size_t n);
	int (*list)(struct store *st, int64_t site_id, const char *source, int limit, int offset, struct arena *a,
		    struct redirect **out, size_t *n);
	int (*count)(struct store *st, int64_t site_id, const char *source, int64_t *count);
};

/* The operations of store_mail.h, forwarded by store_mail.c after its
 * checks; each has the contract of the function it is named after. */
struct store_mail_ops {
	int (*settings_get)(struct store *st, int64_t site_id, struct arena *a, struct mail_settings *out);
	int (*settings_put)(struct store *st, const struct mail_settings *m);
	int (*outbox_add)(struct store *st, const struct outbox_msg *m, int64_t *id);
	int (*outbox_due)(struct store *st, int64_t now, int limit, struct arena *a, struct outbox_msg **out, size_t *n);
	int (*outbox_sent)(struct store *st, int64_t id, int attempts, int64_t now);
	int (*outbox_failed)(struct store *st, int64_t id, int attempts, int64_t next_at, bool failed, const char *error);
	int (*outbox_list)(struct store *st, int64_t site_id, int state, int limit, int offset, struct arena *a,
			   struct outbox_msg **out, size_t *n, int64_t *total);
	int (*outbox_retry_now)(struct store *st, int64_t site_id, int64_t id, int64_t now);
	int (*user_email_get)(struct store *st, int64_t user_id, struct arena *a, const char **email);
	int (*user_email_set)(struct store *st, int64_t user_id, const char *email);
	int (*user_emails)(struct store *st, int64_t site_id, int min_role, struct arena *a, const char ***out, size_t *n);
	int (*feedback_notify_set)(struct store *st, int64_t site_id, int64_t id, bool notify);
	int (*feedback_notify_get)(struct store *st, int64_t site_id, int64_t id, bool *notify);
};

/* The first member of every backend's connection. */
struct store {
	const struct store_ops *ops;
};

/* ---- rules shared by backends (store.c) ---- */

/* True when s is NULL or only whitespace (ASCII or U+00A0). */
bool store_blank(const char *s);
/* Trims s in place and turns each inner run of whitespace into one space. */
void store_name_squeeze(char *s);
/* Appends host as sites store and match it: trimmed, ASCII lower-case,
 * without port or trailing dot ("[::1]:8080" keeps its brackets). */
void store_host_normalize(struct buf *out, const char *host);
/* Reorders categories given in sibling order (position, name) so that each
 * parent comes before its subtree, then its next sibling. */
void store_category_tree_order(struct category *c, size_t n);

/* The SQLite backend (store_sqlite.c and its siblings, which share
 * store_sqliteInt.h): same contract as store_open(). */
struct store *store_sqlite_open(const char *path, bool create, char **err);

#endif
