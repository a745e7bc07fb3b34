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
 * Every operation has exactly the contract of the store.h function of the
 * same name (the handle already checked non-NULL). */
#ifndef LOA_STORE_INT_H
#define LOA_STORE_INT_H

#include "core/buf.h"
#include "store/store.h"

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

/* The SQLite backend (store_sqlite.c): same contract as store_open(). */
struct store *store_sqlite_open(const char *path, bool create, char **err);

/* ---- full-text search in the SQLite backend (store_sqlite_search.c) ----
 * The index is the FTS5 table article_search over articles (title, lead,
 * body_html), kept by triggers in the transaction of every article change;
 * its tokenizer "loa" and ranking function loa_rank() are registered on
 * every connection before migrations run. */
struct sqlite3;
struct sq_search; /* per-connection statements of the search queries */

/* Registers the tokenizer and the ranking function; an SQLite result code. */
int sq_search_register(struct sqlite3 *db);
void sq_search_free(struct sq_search *ss);
/* The connection and its search state slot, for store_sqlite_search.c. */
struct sqlite3 *sq_db(struct store *st);
struct sq_search **sq_search_slot(struct store *st);
/* Articles by id in the given order, with or without body_html; an id not
 * in the site is skipped (*n counts those found). */
int sq_articles_by_id(struct store *st, int64_t site_id, const int64_t *ids, size_t count, bool body,
		      struct arena *a, struct article *out, size_t *n);

int sq_search(struct store *st, const struct search_request *rq, struct arena *a, struct search_hit **out,
	      size_t *n, int64_t *total);
int sq_suggest(struct store *st, int64_t site_id, const char *q, int64_t now, int limit, struct arena *a,
	       struct article **out, size_t *n);
int sq_reindex(struct store *st, void (*progress)(void *ctx, int64_t done, int64_t total), void *ctx);

/* Versioned schema of the SQLite backend (migrations_sqlite.c): entry i
 * takes a database from PRAGMA user_version i to i + 1. Entries are only
 * ever appended; a released entry is never edited. */
extern const char *const store_sqlite_migrations[];
extern const int store_sqlite_migration_count;

#endif
