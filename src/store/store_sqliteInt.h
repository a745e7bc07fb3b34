/* store_sqliteInt.h — what the files of the SQLite backend share, and
 * nothing else: the connection (struct sq), the statement, binding and row
 * helpers of store_sqlite.c, the unit-of-work rules, and the entry points
 * each file hands to the others. Only src/store/store_sqlite*.c and
 * migrations_sqlite.c include it; everything above the backend sees
 * storeInt.h's table of operations.
 *
 * Files of the backend:
 *   store_sqlite.c           connection, migrations runner, public-site operations,
 *                            the helpers below
 *   store_sqlite_search.c    FTS5 tokenizer, ranking, search and suggestions
 *   store_sqlite_newsroom.c  accounts, sessions, audit, editing, admin lists
 *   store_sqlite_feedback.c  citizens' feedback and questions, their moderation
 *   store_sqlite_portal.c    the main menu, the footer's legal facts
 *   store_sqlite_org.c       static pages, organisation units, officials
 *   store_sqlite_consult.c   drafts under consultation, their comments
 *   store_sqlite_files.c     stored files people download
 *   store_sqlite_docs.c      the register of documents
 *   store_sqlite_redirects.c old addresses of imported content and their new paths
 *   store_sqlite_mail.c      SMTP settings, the outbox, editors' addresses
 *   store_sqlite_maint.c     snapshots, integrity checks, the files content refers to
 *   migrations_sqlite.c      the schema, append-only
 *
 * Each file keeps its statements in its own table, prepared on first use
 * and cached for the life of the connection; store_sqlite_search.c,
 * store_sqlite_newsroom.c and store_sqlite_feedback.c hang theirs off the
 * connection in a slot of their own, made on first use and freed by
 * sq_close(). */
#ifndef LOA_STORE_SQLITE_INT_H
#define LOA_STORE_SQLITE_INT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "core/arena.h"
#include "store/storeInt.h"

struct sq_search;   /* statements of store_sqlite_search.c */
struct sq_newsroom; /* statements of store_sqlite_newsroom.c */
struct sq_feedback; /* statements of store_sqlite_feedback.c */
struct sq_portal;   /* statements of store_sqlite_portal.c */
struct sq_org;      /* statements of store_sqlite_org.c */
struct sq_consult;  /* statements of store_sqlite_consult.c */
struct sq_files;    /* statements of store_sqlite_files.c */
struct sq_docs;     /* statements of store_sqlite_docs.c */
struct sq_redirects; /* statements of store_sqlite_redirects.c */
struct sq_mail;      /* statements of store_sqlite_mail.c */

/* One connection. `base` must stay first: store.c hands us &base. */
struct sq {
	struct store base;
	sqlite3 *db;
	sqlite3_stmt **stmt;          /* store_sqlite.c's statements, by its enum stmt_id */
	struct sq_search *search;     /* made on first search */
	struct sq_newsroom *newsroom; /* made on first newsroom call */
	struct sq_feedback *feedback; /* made on first feedback call */
	struct sq_portal *portal;     /* made on first menu or legal-facts call */
	struct sq_org *org;           /* made on first call of store_org.h */
	struct sq_consult *consult;   /* made on first consultation call */
	struct sq_files *files;       /* made on first call of store_files.h */
	struct sq_docs *docs;         /* made on first call of store_docs.h */
	struct sq_redirects *redirects; /* made on first call of store_redirects.h */
	struct sq_mail *mail;         /* made on first call of store_mail.h */
};

static inline struct sq *sq_of(struct store *st)
{
	return (struct sq *)st;
}

/* ---- statements (store_sqlite.c) ---- */

/* Maps an SQLite result code to a LOA status: ROW/DONE/OK -> LOA_OK,
 * BUSY/LOCKED -> LOA_BUSY, UNIQUE/PRIMARYKEY -> LOA_CONFLICT, other
 * constraints -> LOA_INVALID; anything else is logged to stderr and is
 * LOA_ERROR. */
int sq_status(struct sq *s, int rc);
/* *slot, preparing `text` into it (persistent) on first use; NULL (logged)
 * when it cannot be prepared. */
sqlite3_stmt *sq_prepare(struct sq *s, sqlite3_stmt **slot, const char *text);
/* Makes a statement ready for its next use and drops borrowed text. */
void sq_stmt_done(sqlite3_stmt *stmt);
/* Binds parameters 1, 2, ... in order, one per letter of `types`:
 * 'i' int64_t, 'd' int (bool promotes to it), 't' text (NULL binds ''),
 * 'p' int64_t bound as NULL when 0 (an optional reference). Text is bound
 * without copying: it must stay valid until sq_stmt_done(). Returns an
 * SQLite result code; the count of letters must match the statement. */
int sq_bind_v(sqlite3_stmt *stmt, const char *types, va_list ap);
/* Binds (sq_bind_v) a statement from sq_prepare (NULL -> LOA_ERROR);
 * on failure resets it. A LOA status. */
int sq_bind_checked(struct sq *s, sqlite3_stmt *stmt, const char *types, va_list ap);
/* Steps a statement that returns no rows to the end, then resets it. */
int sq_run(struct sq *s, sqlite3_stmt *stmt);
/* Steps a bound statement for one integer, then resets it: LOA_OK with
 * *out, or LOA_NOTFOUND when there is no row (*out untouched). */
int sq_one_i64(struct sq *s, sqlite3_stmt *stmt, int64_t *out);

/* A file's statements: its cache of prepared statements and their text,
 * both indexed by the file's own enum. The sq_table_* calls prepare
 * statement `id` on first use, then bind it (sq_bind_v's letters);
 * files written later use them instead of a private copy each. */
struct sq_table {
	sqlite3_stmt **slots;
	const char *const *sql;
};
/* Statement id, bound, or NULL with *status set. */
sqlite3_stmt *sq_table_bound(struct sq *s, struct sq_table t, int id, int *status, const char *types, ...);
/* Binds and runs statement id that returns no rows; LOA_NOTFOUND when it
 * changed no row. */
int sq_table_change(struct sq *s, struct sq_table t, int id, const char *types, ...);
/* Binds and runs query id for one integer (sq_one_i64: LOA_NOTFOUND when
 * there is no row). */
int sq_table_i64(struct sq *s, struct sq_table t, int id, int64_t *out, const char *types, ...);
/* SQLite's LIMIT for limit (<= 0: no limit) and OFFSET (never negative). */
int sq_limit(int limit);
int sq_offset(int offset);

/* Reads the current row into *out (a struct of the reader's type). */
typedef void (*sq_row_reader)(sqlite3_stmt *stmt, struct arena *a, void *out);
/* Steps a bound statement to the end, one element of `size` bytes per row,
 * into a new array in the arena (never NULL, even when empty); resets the
 * statement. On failure *out is NULL and *n 0. */
int sq_collect(struct sq *s, sqlite3_stmt *stmt, sq_row_reader read, size_t size, struct arena *a, void **out,
	       size_t *n);
/* Steps a bound statement for at most one row; LOA_NOTFOUND when none. */
int sq_collect_one(struct sq *s, sqlite3_stmt *stmt, sq_row_reader read, struct arena *a, void *out);

/* Column i as an arena copy; NULL reads as "". */
const char *sq_col_text(sqlite3_stmt *stmt, int i, struct arena *a);

/* Row readers for the column lists below. */
void sq_read_category(sqlite3_stmt *stmt, struct arena *a, void *out);
void sq_read_article(sqlite3_stmt *stmt, struct arena *a, void *out);
void sq_read_cal_item(sqlite3_stmt *stmt, struct arena *a, void *out);
void sq_read_link(sqlite3_stmt *stmt, struct arena *a, void *out);
void sq_read_media(sqlite3_stmt *stmt, struct arena *a, void *out);

/* Column lists in the order the readers expect. */
#define SQ_CAT_COLS "id, site_id, COALESCE(parent_id, 0), name, slug, position"
#define SQ_CAL_COLS                                                                                    \
	"id, site_id, day, session, start_time, content, chair, participants, location, unit, note, state, " \
	"updated_at, sequence"
#define SQ_LINK_COLS "id, site_id, title, url, position, kind"
#define SQ_MEDIA_COLS "id, site_id, path, mime, alt, caption, srcset, width, height, created_at"
/* sq_read_article's columns, `body` (column 8) being an expression such as
 * a.body_html or ''; the article is `a`, its category `c` (ART_JOIN). */
#define SQ_ART_COLUMNS(body)                                                                        \
	"SELECT a.id, a.site_id, a.category_id, COALESCE(c.name, ''), COALESCE(c.slug, ''), a.title, " \
	"a.slug, a.lead, " body ", a.image, a.caption, a.author, a.source, a.external_id, a.status, "  \
	"a.published_at, a.updated_at, a.created_at, a.featured, a.featured_order, a.hot_pin, a.views, "   \
	"a.image_srcset "
#define SQ_ART_JOIN "LEFT JOIN categories c ON c.id = a.category_id "
#define SQ_ART_SELECT(body) SQ_ART_COLUMNS(body) "FROM articles a " SQ_ART_JOIN

/* ---- units of work (store_sqlite.c) ----
 * Several statements that must take effect together: BEGIN IMMEDIATE ...
 * COMMIT on their own, or a savepoint inside a transaction the caller
 * opened with store_begin(). */
struct sq_unit {
	bool nested;
};
int sq_unit_begin(struct sq *s, struct sq_unit *u);
/* Commits the unit when status is LOA_OK, else undoes it. Returns status,
 * or the failure to commit. */
int sq_unit_end(struct sq *s, struct sq_unit *u, int status);

/* ---- small rules (store_sqlite.c) ---- */
void sq_set_err(const char **err, const char *msg);
/* A message for a status that has no more specific explanation. */
const char *sq_status_message(int status);
int64_t sq_now(void);
/* Picks a slug for a new category named `name` in the site: text_slug(),
 * or that with -2, -3, ... appended, the first no category of the site
 * uses and not reserved; left in `slug`. LOA_CONFLICT when none is free. */
int sq_category_new_slug(struct sq *s, int64_t site_id, const char *name, struct buf *slug);
#define SQ_SLUG_MAX 80

/* ---- full-text search (store_sqlite_search.c) ----
 * The index is the FTS5 table article_search over articles (title, lead,
 * body_html), kept by triggers in the transaction of every article change;
 * its tokenizer "loa" and ranking function loa_rank() are registered on
 * every connection before migrations run. */

/* Registers the tokenizer and the ranking function; an SQLite result code. */
int sq_search_register(sqlite3 *db);
void sq_search_free(struct sq_search *ss);
/* The connection and its search state slot. */
sqlite3 *sq_db(struct store *st);
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

/* ---- the newsroom (store_sqlite_newsroom.c) ---- */

/* Registers the SQL function loa_fold(text) (text_fold of core/text.h,
 * deterministic) used by the admin's title filter; an SQLite result code. */
int sq_newsroom_register(sqlite3 *db);
void sq_newsroom_free(struct sq_newsroom *nr);
/* The operations of store_newsroom.h. */
extern const struct store_newsroom_ops sq_newsroom_ops;

/* ---- citizens' feedback (store_sqlite_feedback.c) ---- */

void sq_feedback_free(struct sq_feedback *fb);
/* The operations of store_feedback.h. */
extern const struct store_feedback_ops sq_feedback_ops;

/* ---- the portal: menu and legal facts (store_sqlite_portal.c) ---- */

void sq_portal_free(struct sq_portal *pt);
/* The operations of store_portal.h. */
extern const struct store_portal_ops sq_portal_ops;
/* ---- static pages, organisation, officials (store_sqlite_org.c) ---- */

void sq_org_free(struct sq_org *o);
/* The operations of store_org.h. */
extern const struct store_org_ops sq_org_ops;
/* ---- draft consultation (store_sqlite_consult.c) ---- */

void sq_consult_free(struct sq_consult *c);
/* The operations of store_consult.h. */
extern const struct store_consult_ops sq_consult_ops;

/* ---- stored files (store_sqlite_files.c) ---- */

void sq_files_free(struct sq_files *f);
/* The operations of store_files.h. */
extern const struct store_files_ops sq_files_ops;
/* Reads a struct stored_file from SQ_FILE_COLS (of `files`, unqualified or
 * prefixed by the caller's alias f.). */
void sq_read_stored_file(sqlite3_stmt *stmt, struct arena *a, void *out);
#define SQ_FILE_COLS "id, site_id, stored_name, original_name, title, kind, size, digest, public, created_at"
#define SQ_FILE_COLS_F \
	"f.id, f.site_id, f.stored_name, f.original_name, f.title, f.kind, f.size, f.digest, f.public, f.created_at"

/* ---- the register of documents (store_sqlite_docs.c) ---- */

void sq_docs_free(struct sq_docs *d);
/* The operations of store_docs.h. */
extern const struct store_docs_ops sq_docs_ops;

/* ---- the redirect table (store_sqlite_redirects.c) ---- */

void sq_redirects_free(struct sq_redirects *r);
/* The operations of store_redirects.h. */
extern const struct store_redirects_ops sq_redirects_ops;

/* ---- mail notifications (store_sqlite_mail.c) ---- */

void sq_mail_free(struct sq_mail *m);
/* The operations of store_mail.h. */
extern const struct store_mail_ops sq_mail_ops;

/* ---- schema (migrations_sqlite.c) ----
 * Entry i takes a database from PRAGMA user_version i to i + 1. Entries
 * are only ever appended; a released entry is never edited. */
extern const char *const store_sqlite_migrations[];
extern const int store_sqlite_migration_count;

/* store_sqlite_maint.c */
int sq_snapshot(struct store *st, const char *path, char **err);
/* The same on a raw connection (used before a migration, see migrate()). */
int sq_snapshot_db(sqlite3 *db, const char *path, char **err);
int sq_check(struct store *st, struct buf *problems);
int sq_file_refs(struct store *st, int (*fn)(void *ctx, const char *area, const char *relpath), void *ctx);
int sq_schema_version(struct store *st, int64_t *out);

#endif
