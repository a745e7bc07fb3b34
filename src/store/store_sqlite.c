/* store_sqlite.c — the embedded storage backend: loa's data in one SQLite
 * file, opened in WAL mode so the event loop, the statistics flusher and
 * command-line tools can use it at the same time.
 *
 * How it is built:
 *  - Every statement is written once, in the `sql` table below, with bound
 *    parameters; it is prepared on first use and kept for the life of the
 *    connection (reset and unbound after every use). No SQL is ever built
 *    from data.
 *  - Writes that touch several rows run as one "unit": BEGIN IMMEDIATE ...
 *    COMMIT on their own, or a savepoint inside a transaction the caller
 *    opened with store_begin() (the importer batches that way).
 *  - synchronous=FULL: a write acknowledged by a store function survives a
 *    power cut, not just a crash of the process. Visits and views are
 *    flushed in batches once a second, so the extra fsync is cheap.
 *  - Strings handed back are copies in the caller's arena; NULL columns come
 *    back as "". Lists are gathered on the heap and copied into the arena
 *    once, so the arena holds no abandoned growth.
 *
 * The statement, binding, row and unit helpers defined here are shared
 * with the backend's other files (search, newsroom, feedback) through
 * store_sqliteInt.h. Only the files of src/store/ include sqlite3.h. */
#include <assert.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/log.h"
#include "core/status.h"
#include "core/text.h"
#include "core/vntime.h"
#include "store/store_sqliteInt.h"

#define BUSY_TIMEOUT_MS 5000
#define SLUG_TRIES 10000

/* ---- statements ---- */

enum stmt_id {
	S_BEGIN,
	S_COMMIT,
	S_ROLLBACK,
	S_SAVEPOINT,
	S_RELEASE,
	S_ROLLBACK_TO,
	S_CONTENT_VERSION,
	S_SITE_FOR_HOST,
	S_SITE_GET,
	S_SITE_LIST,
	S_SITE_CLEAR_DEFAULT,
	S_SITE_SET_DEFAULT,
	S_SITE_INSERT,
	S_SITE_UPDATE,
	S_CAT_LIST,
	S_CAT_BY_SLUG,
	S_CAT_FIND_CHILD,
	S_CAT_SLUG_TAKEN,
	S_CAT_INSERT,
	S_CAT_IN_SITE,
	S_ART_GET,
	S_ART_GET_NOBODY,
	S_ART_DELETE,
	/* The four list and count variants are indexed by
	 * (category filter ? 1 : 0) + (featured only ? 2 : 0). */
	S_ART_LIST,
	S_ART_LIST_CAT,
	S_ART_LIST_FEAT,
	S_ART_LIST_CAT_FEAT,
	S_ART_COUNT,
	S_ART_COUNT_CAT,
	S_ART_COUNT_FEAT,
	S_ART_COUNT_CAT_FEAT,
	S_ART_HOT,
	S_ART_BY_EXTERNAL,
	S_ART_INSERT,
	S_ART_UPDATE,
	S_VIEWS_TOTAL_ADD,
	S_VIEWS_DAILY_ADD,
	S_CAL_RANGE,
	S_CAL_INSERT,
	S_LINK_LIST,
	S_LINK_INSERT,
	S_MEDIA_INSERT,
	S_VISITS_DAY,
	S_VISITS_TOTAL,
	S_VISITS_DAY_ADD,
	S_VISITS_TOTAL_ADD,
	S_COUNT
};

#define SITE_COLS "id, host, name, tagline, footer, contact, visits_base, is_default, logo"

/* Without statistics the planner walks a site's whole published index for
 * these; the featured set is small and a category's rows sit together, so
 * the listings name the index that fits (the schema guarantees it exists:
 * a migration renaming one must update these). */
#define FROM_FEATURED "FROM articles a INDEXED BY articles_featured "
#define FROM_BY_CATEGORY "FROM articles a INDEXED BY articles_by_category "

/* List parameters: ?1 site, ?2 now, ?3 excluded id, ?4 with body,
 * ?5 category (root of the subtree), ?6 limit, ?7 offset. The literal
 * status 3 (ARTICLE_PUBLISHED) and featured 1 let the partial indexes apply. */
#define SUBTREE                                                                                     \
	"WITH RECURSIVE subtree(id) AS (SELECT ?5 UNION "                                           \
	"SELECT k.id FROM categories k JOIN subtree t ON k.parent_id = t.id) "
#define LIST_WHERE "WHERE a.site_id = ?1 AND a.status = 3 AND a.published_at <= ?2 AND a.id <> ?3 "
#define IN_SUBTREE "AND a.category_id IN (SELECT id FROM subtree) "
#define ONLY_FEATURED "AND a.featured = 1 "
#define ORDER_NEWEST "ORDER BY a.published_at DESC, a.id DESC "
#define ORDER_FEATURED "ORDER BY a.featured_order, a.published_at DESC, a.id DESC "
#define PAGE "LIMIT ?6 OFFSET ?7"
#define LIST_BODY "CASE WHEN ?4 THEN a.body_html ELSE '' END"
#define COUNT "SELECT count(*) "

static const char *const sql[S_COUNT] = {
	[S_BEGIN] = "BEGIN IMMEDIATE",
	[S_COMMIT] = "COMMIT",
	[S_ROLLBACK] = "ROLLBACK",
	[S_SAVEPOINT] = "SAVEPOINT store_unit",
	[S_RELEASE] = "RELEASE store_unit",
	[S_ROLLBACK_TO] = "ROLLBACK TO store_unit",
	[S_CONTENT_VERSION] = "SELECT value FROM meta WHERE key = 'content_version'",

	/* Exact host, else the default site, else the oldest site. */
	[S_SITE_FOR_HOST] = "SELECT " SITE_COLS " FROM ("
			    "SELECT 0 AS rank, * FROM sites WHERE host = ?1 "
			    "UNION ALL SELECT 1, * FROM sites WHERE is_default = 1 "
			    "UNION ALL SELECT 2, * FROM (SELECT * FROM sites ORDER BY id LIMIT 1)"
			    ") ORDER BY rank LIMIT 1",
	[S_SITE_GET] = "SELECT " SITE_COLS " FROM sites WHERE id = ?1",
	[S_SITE_LIST] = "SELECT " SITE_COLS " FROM sites ORDER BY is_default DESC, id",
	[S_SITE_CLEAR_DEFAULT] = "UPDATE sites SET is_default = 0 WHERE is_default = 1 AND id <> ?1",
	[S_SITE_SET_DEFAULT] = "UPDATE sites SET is_default = 1 WHERE id = ?1 AND is_default = 0",
	[S_SITE_INSERT] = "INSERT INTO sites (host, name, tagline, footer, contact, visits_base, is_default, logo) "
			  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
			  "?7 OR NOT EXISTS (SELECT 1 FROM sites WHERE is_default = 1), ?8)",
	[S_SITE_UPDATE] = "UPDATE sites SET host = ?2, name = ?3, tagline = ?4, footer = ?5, contact = ?6, "
			  "visits_base = ?7, logo = ?8 WHERE id = ?1",

	[S_CAT_LIST] = "SELECT " SQ_CAT_COLS " FROM categories WHERE site_id = ?1 ORDER BY position, name, id",
	[S_CAT_BY_SLUG] = "SELECT " SQ_CAT_COLS " FROM categories WHERE site_id = ?1 AND slug = ?2",
	[S_CAT_FIND_CHILD] = "SELECT id FROM categories WHERE site_id = ?1 AND parent_id IS ?2 AND name = ?3 "
			     "ORDER BY id LIMIT 1",
	[S_CAT_SLUG_TAKEN] = "SELECT 1 FROM categories WHERE site_id = ?1 AND slug = ?2",
	/* A new category goes after its existing siblings. */
	[S_CAT_INSERT] = "INSERT INTO categories (site_id, parent_id, name, slug, position) "
			 "VALUES (?1, ?2, ?3, ?4, (SELECT COALESCE(MAX(position), 0) + 1 FROM categories "
			 "WHERE site_id = ?1 AND parent_id IS ?2))",
	[S_CAT_IN_SITE] = "SELECT 1 FROM categories WHERE id = ?1 AND site_id = ?2",

	[S_ART_GET] = SQ_ART_SELECT("a.body_html") "WHERE a.site_id = ?1 AND a.id = ?2",
	[S_ART_GET_NOBODY] = SQ_ART_SELECT("''") "WHERE a.site_id = ?1 AND a.id = ?2",
	[S_ART_DELETE] = "DELETE FROM articles WHERE site_id = ?1 AND id = ?2",
	[S_ART_LIST] = SQ_ART_SELECT(LIST_BODY) LIST_WHERE ORDER_NEWEST PAGE,
	[S_ART_LIST_CAT] = SUBTREE SQ_ART_SELECT(LIST_BODY) LIST_WHERE IN_SUBTREE ORDER_NEWEST PAGE,
	[S_ART_LIST_FEAT] = SQ_ART_COLUMNS(LIST_BODY) FROM_FEATURED SQ_ART_JOIN LIST_WHERE ONLY_FEATURED ORDER_FEATURED PAGE,
	[S_ART_LIST_CAT_FEAT] = SUBTREE SQ_ART_COLUMNS(LIST_BODY) FROM_FEATURED SQ_ART_JOIN LIST_WHERE IN_SUBTREE
		ONLY_FEATURED ORDER_FEATURED PAGE,
	[S_ART_COUNT] = COUNT "FROM articles a " LIST_WHERE,
	[S_ART_COUNT_CAT] = SUBTREE COUNT FROM_BY_CATEGORY LIST_WHERE IN_SUBTREE,
	[S_ART_COUNT_FEAT] = COUNT FROM_FEATURED LIST_WHERE ONLY_FEATURED,
	[S_ART_COUNT_CAT_FEAT] = SUBTREE COUNT FROM_FEATURED LIST_WHERE IN_SUBTREE ONLY_FEATURED,
	/* ?1 site, ?2 since, ?3 now, ?4 first Vietnam day of the window,
	 * ?5 limit. Pinned first (smallest pin first), then views in the window. */
	[S_ART_HOT] = SQ_ART_SELECT("''") "WHERE a.site_id = ?1 AND a.status = 3 "
		      "AND a.published_at >= ?2 AND a.published_at <= ?3 "
		      "ORDER BY a.hot_pin <= 0, CASE WHEN a.hot_pin > 0 THEN a.hot_pin ELSE 0 END, "
		      "(SELECT COALESCE(SUM(v.views), 0) FROM article_views_daily v "
		      "WHERE v.article_id = a.id AND v.day >= ?4) DESC, a.published_at DESC, a.id DESC "
		      "LIMIT ?5",
	/* `external_id <> ''` lets the partial unique index serve the lookup. */
	[S_ART_BY_EXTERNAL] = "SELECT id FROM articles WHERE site_id = ?1 AND external_id = ?2 AND external_id <> ''",
	[S_ART_INSERT] = "INSERT INTO articles (site_id, category_id, title, slug, lead, body_html, image, caption, "
			 "author, source, external_id, status, published_at, updated_at, created_at, featured, "
			 "featured_order, hot_pin, views, image_srcset) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
			 "?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
	/* A zero publication time keeps the stored one. A re-import is a new
	 * version by no newsroom user, so an editor's form opened before it
	 * gets a conflict instead of silently undoing it (store_article_save). */
	[S_ART_UPDATE] = "UPDATE articles SET category_id = ?2, title = ?3, slug = ?4, lead = ?5, body_html = ?6, "
			 "image = ?7, caption = ?8, author = ?9, source = ?10, status = ?11, "
			 "published_at = CASE WHEN ?12 = 0 THEN published_at ELSE ?12 END, updated_at = ?13, "
			 "featured = ?14, featured_order = ?15, hot_pin = ?16, version = version + 1, "
			 "updated_by = NULL, image_srcset = ?17 WHERE id = ?1",
	[S_VIEWS_TOTAL_ADD] = "UPDATE articles SET views = views + ?2 WHERE id = ?1",
	[S_VIEWS_DAILY_ADD] = "INSERT INTO article_views_daily (article_id, day, views) VALUES (?1, ?2, ?3) "
			      "ON CONFLICT (article_id, day) DO UPDATE SET views = views + excluded.views",

	/* Within a session, items with a start time come before those without. */
	[S_CAL_RANGE] = "SELECT " SQ_CAL_COLS " FROM calendar_items WHERE site_id = ?1 AND day BETWEEN ?2 AND ?3 "
			"ORDER BY day, session, start_time = '', start_time, id",
	[S_CAL_INSERT] = "INSERT INTO calendar_items (site_id, day, session, start_time, content, chair, "
			 "participants, location, unit, note, state, updated_at) "
			 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
	[S_LINK_LIST] = "SELECT " SQ_LINK_COLS " FROM links WHERE site_id = ?1 ORDER BY kind, position, id",
	[S_LINK_INSERT] = "INSERT INTO links (site_id, title, url, position, kind) VALUES (?1, ?2, ?3, ?4, ?5)",
	[S_MEDIA_INSERT] = "INSERT INTO media (site_id, path, mime, alt, caption, srcset, width, height, created_at) "
			   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",

	[S_VISITS_DAY] = "SELECT visits FROM visits_daily WHERE site_id = ?1 AND day = ?2",
	[S_VISITS_TOTAL] = "SELECT visits FROM visits_total WHERE site_id = ?1",
	/* Counts for a site deleted meanwhile are dropped, not an error. */
	[S_VISITS_DAY_ADD] = "INSERT INTO visits_daily (site_id, day, visits) "
			     "SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM sites WHERE id = ?1) "
			     "ON CONFLICT (site_id, day) DO UPDATE SET visits = visits + excluded.visits",
	[S_VISITS_TOTAL_ADD] = "INSERT INTO visits_total (site_id, visits) "
			       "SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM sites WHERE id = ?1) "
			       "ON CONFLICT (site_id) DO UPDATE SET visits = visits + excluded.visits",
};

/* Unexpected failures are written to stderr (the server's log) because no
 * caller can do more with the detail than that. */
int sq_status(struct sq *s, int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_ROW:
	case SQLITE_DONE:
		return LOA_OK;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return LOA_BUSY;
	case SQLITE_CONSTRAINT:
		if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
			return LOA_CONFLICT;
		return LOA_INVALID;
	default:
		log_error("cơ sở dữ liệu: %s (mã %d)", sqlite3_errmsg(s->db), rc);
		return LOA_ERROR;
	}
}

sqlite3_stmt *sq_prepare(struct sq *s, sqlite3_stmt **slot, const char *text)
{
	if (!*slot) {
		int rc = sqlite3_prepare_v3(s->db, text, -1, SQLITE_PREPARE_PERSISTENT, slot, NULL);
		if (rc != SQLITE_OK) {
			log_error("cơ sở dữ liệu: không chuẩn bị được câu lệnh: %s\n  %s", sqlite3_errmsg(s->db), text);
			sqlite3_finalize(*slot);
			*slot = NULL;
		}
	}
	return *slot;
}

/* The cached statement `id` of this file, prepared on first use; NULL
 * (logged) when it cannot be prepared. */
static sqlite3_stmt *stmt_get(struct sq *s, enum stmt_id id)
{
	return sq_prepare(s, &s->stmt[id], sql[id]);
}

void sq_stmt_done(sqlite3_stmt *stmt)
{
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
}

/* Every function of the backend calls sq_stmt_done() before returning, so
 * text bound without a copy never outlives the caller's string. */
int sq_bind_v(sqlite3_stmt *stmt, const char *types, va_list ap)
{
	assert(sqlite3_bind_parameter_count(stmt) == (int)strlen(types));
	int rc = SQLITE_OK;
	for (int i = 0; types[i] && rc == SQLITE_OK; i++) {
		int col = i + 1;
		switch (types[i]) {
		case 'i':
			rc = sqlite3_bind_int64(stmt, col, va_arg(ap, int64_t));
			break;
		case 'd':
			rc = sqlite3_bind_int(stmt, col, va_arg(ap, int));
			break;
		case 't': {
			const char *t = va_arg(ap, const char *);
			rc = sqlite3_bind_text(stmt, col, t ? t : "", -1, SQLITE_STATIC);
			break;
		}
		case 'p': {
			int64_t v = va_arg(ap, int64_t);
			rc = v ? sqlite3_bind_int64(stmt, col, v) : sqlite3_bind_null(stmt, col);
			break;
		}
		default:
			rc = SQLITE_MISUSE;
			break;
		}
	}
	return rc;
}

int sq_bind_checked(struct sq *s, sqlite3_stmt *stmt, const char *types, va_list ap)
{
	if (!stmt)
		return LOA_ERROR;
	int rc = sq_bind_v(stmt, types, ap);
	if (rc != SQLITE_OK) {
		sq_stmt_done(stmt);
		return sq_status(s, rc);
	}
	return LOA_OK;
}

/* The cached statement `id` with its parameters bound (see sq_bind_v), or
 * NULL with *status set to the failure. */
static sqlite3_stmt *stmt_bound(struct sq *s, enum stmt_id id, int *status, const char *types, ...)
{
	sqlite3_stmt *stmt = stmt_get(s, id);
	va_list ap;
	va_start(ap, types);
	*status = sq_bind_checked(s, stmt, types, ap);
	va_end(ap);
	return *status == LOA_OK ? stmt : NULL;
}

int sq_run(struct sq *s, sqlite3_stmt *stmt)
{
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		;
	sq_stmt_done(stmt);
	return sq_status(s, rc);
}

/* Binds and runs statement `id` that returns no rows. */
static int exec_id(struct sq *s, enum stmt_id id, const char *types, ...)
{
	sqlite3_stmt *stmt = stmt_get(s, id);
	va_list ap;
	va_start(ap, types);
	int status = sq_bind_checked(s, stmt, types, ap);
	va_end(ap);
	return status == LOA_OK ? sq_run(s, stmt) : status;
}

int sq_one_i64(struct sq *s, sqlite3_stmt *stmt, int64_t *out)
{
	int rc = sqlite3_step(stmt);
	int status;
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(stmt, 0);
		status = LOA_OK;
	} else if (rc == SQLITE_DONE) {
		status = LOA_NOTFOUND;
	} else {
		status = sq_status(s, rc);
	}
	sq_stmt_done(stmt);
	return status;
}

/* Binds and runs query `id` for one integer (see sq_one_i64). */
static int query_i64(struct sq *s, int64_t *out, enum stmt_id id, const char *types, ...)
{
	sqlite3_stmt *stmt = stmt_get(s, id);
	va_list ap;
	va_start(ap, types);
	int status = sq_bind_checked(s, stmt, types, ap);
	va_end(ap);
	return status == LOA_OK ? sq_one_i64(s, stmt, out) : status;
}

/* ---- statement tables of the backend's other files ---- */

sqlite3_stmt *sq_table_bound(struct sq *s, struct sq_table t, int id, int *status, const char *types, ...)
{
	sqlite3_stmt *stmt = sq_prepare(s, &t.slots[id], t.sql[id]);
	va_list ap;
	va_start(ap, types);
	*status = sq_bind_checked(s, stmt, types, ap);
	va_end(ap);
	return *status == LOA_OK ? stmt : NULL;
}

int sq_table_change(struct sq *s, struct sq_table t, int id, const char *types, ...)
{
	sqlite3_stmt *stmt = sq_prepare(s, &t.slots[id], t.sql[id]);
	va_list ap;
	va_start(ap, types);
	int status = sq_bind_checked(s, stmt, types, ap);
	va_end(ap);
	if (status == LOA_OK)
		status = sq_run(s, stmt);
	return status == LOA_OK && sqlite3_changes(s->db) == 0 ? LOA_NOTFOUND : status;
}

int sq_table_i64(struct sq *s, struct sq_table t, int id, int64_t *out, const char *types, ...)
{
	sqlite3_stmt *stmt = sq_prepare(s, &t.slots[id], t.sql[id]);
	va_list ap;
	va_start(ap, types);
	int status = sq_bind_checked(s, stmt, types, ap);
	va_end(ap);
	return status == LOA_OK ? sq_one_i64(s, stmt, out) : status;
}

int sq_limit(int limit)
{
	return limit > 0 ? limit : -1;
}

int sq_offset(int offset)
{
	return offset > 0 ? offset : 0;
}

/* ---- units of work ---- */

/* Outside a caller's transaction a unit is BEGIN IMMEDIATE ... COMMIT:
 * taking the write lock first means the reads inside see the rows the
 * writes build on (a deferred transaction could fail to upgrade under
 * WAL), and busy_timeout covers the wait. Inside store_begin() it is a
 * savepoint, so the caller's rollback undoes it and a failed unit undoes
 * only itself. */
int sq_unit_begin(struct sq *s, struct sq_unit *u)
{
	u->nested = !sqlite3_get_autocommit(s->db);
	return exec_id(s, u->nested ? S_SAVEPOINT : S_BEGIN, "");
}

int sq_unit_end(struct sq *s, struct sq_unit *u, int status)
{
	if (status == LOA_OK) {
		status = exec_id(s, u->nested ? S_RELEASE : S_COMMIT, "");
		if (status == LOA_OK)
			return LOA_OK;
	}
	/* Some errors (I/O, full disk) already rolled the whole transaction
	 * back; then there is nothing left to undo here. */
	if (u->nested) {
		if (exec_id(s, S_ROLLBACK_TO, "") == LOA_OK)
			exec_id(s, S_RELEASE, "");
	} else if (!sqlite3_get_autocommit(s->db)) {
		exec_id(s, S_ROLLBACK, "");
	}
	return status;
}

/* ---- rows ---- */

const char *sq_col_text(sqlite3_stmt *stmt, int i, struct arena *a)
{
	const unsigned char *t = sqlite3_column_text(stmt, i);
	if (!t)
		return "";
	return arena_strndup(a, (const char *)t, (size_t)sqlite3_column_bytes(stmt, i));
}

static int64_t col_i64(sqlite3_stmt *stmt, int i)
{
	return sqlite3_column_int64(stmt, i);
}

static int col_int(sqlite3_stmt *stmt, int i)
{
	return sqlite3_column_int(stmt, i);
}

/* A growing array on the heap, copied into the arena when complete. OOM
 * aborts, as everywhere in loa (buf.h). */
struct rows {
	char *p;
	size_t n, cap, size;
};

static void *rows_push(struct rows *r)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		char *p = realloc(r->p, cap * r->size);
		if (!p)
			abort();
		r->p = p;
		r->cap = cap;
	}
	void *e = r->p + r->n++ * r->size;
	memset(e, 0, r->size);
	return e;
}

/* Moves the rows into the arena; the result is never NULL. */
static void *rows_finish(struct rows *r, struct arena *a, size_t *n)
{
	void *out = arena_zalloc(a, (r->n ? r->n : 1) * r->size);
	if (r->n)
		memcpy(out, r->p, r->n * r->size);
	*n = r->n;
	free(r->p);
	r->p = NULL;
	r->n = r->cap = 0;
	return out;
}

static void rows_discard(struct rows *r)
{
	free(r->p);
	r->p = NULL;
	r->n = r->cap = 0;
}

int sq_collect(struct sq *s, sqlite3_stmt *stmt, sq_row_reader read, size_t size, struct arena *a, void **out,
		   size_t *n)
{
	struct rows r = {.size = size};
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		read(stmt, a, rows_push(&r));
	sq_stmt_done(stmt);
	int status = sq_status(s, rc);
	if (status != LOA_OK) {
		rows_discard(&r);
		*out = NULL;
		*n = 0;
		return status;
	}
	*out = rows_finish(&r, a, n);
	return LOA_OK;
}

int sq_collect_one(struct sq *s, sqlite3_stmt *stmt, sq_row_reader read, struct arena *a, void *out)
{
	int rc = sqlite3_step(stmt);
	int status;
	if (rc == SQLITE_ROW) {
		read(stmt, a, out);
		status = LOA_OK;
	} else if (rc == SQLITE_DONE) {
		status = LOA_NOTFOUND;
	} else {
		status = sq_status(s, rc);
	}
	sq_stmt_done(stmt);
	return status;
}

static void read_site(sqlite3_stmt *stmt, struct arena *a, void *p)
{
	struct site *o = p;
	o->id = col_i64(stmt, 0);
	o->host = sq_col_text(stmt, 1, a);
	o->name = sq_col_text(stmt, 2, a);
	o->tagline = sq_col_text(stmt, 3, a);
	o->footer = sq_col_text(stmt, 4, a);
	o->contact = sq_col_text(stmt, 5, a);
	o->visits_base = col_i64(stmt, 6);
	o->is_default = col_int(stmt, 7) != 0;
	o->logo = sq_col_text(stmt, 8, a);
}

void sq_read_category(sqlite3_stmt *stmt, struct arena *a, void *p)
{
	struct category *o = p;
	o->id = col_i64(stmt, 0);
	o->site_id = col_i64(stmt, 1);
	o->parent_id = col_i64(stmt, 2);
	o->name = sq_col_text(stmt, 3, a);
	o->slug = sq_col_text(stmt, 4, a);
	o->position = col_int(stmt, 5);
}

void sq_read_article(sqlite3_stmt *stmt, struct arena *a, void *p)
{
	struct article *o = p;
	o->id = col_i64(stmt, 0);
	o->site_id = col_i64(stmt, 1);
	o->category_id = col_i64(stmt, 2);
	o->category_name = sq_col_text(stmt, 3, a);
	o->category_slug = sq_col_text(stmt, 4, a);
	o->title = sq_col_text(stmt, 5, a);
	o->slug = sq_col_text(stmt, 6, a);
	o->lead = sq_col_text(stmt, 7, a);
	o->body_html = sq_col_text(stmt, 8, a);
	o->image = sq_col_text(stmt, 9, a);
	o->caption = sq_col_text(stmt, 10, a);
	o->author = sq_col_text(stmt, 11, a);
	o->source = sq_col_text(stmt, 12, a);
	o->external_id = sq_col_text(stmt, 13, a);
	o->status = col_int(stmt, 14);
	o->published_at = col_i64(stmt, 15);
	o->updated_at = col_i64(stmt, 16);
	o->created_at = col_i64(stmt, 17);
	o->featured = col_int(stmt, 18) != 0;
	o->featured_order = col_int(stmt, 19);
	o->hot_pin = col_int(stmt, 20);
	o->views = col_i64(stmt, 21);
	o->image_srcset = sq_col_text(stmt, 22, a);
}

void sq_read_cal_item(sqlite3_stmt *stmt, struct arena *a, void *p)
{
	struct cal_item *o = p;
	o->id = col_i64(stmt, 0);
	o->site_id = col_i64(stmt, 1);
	o->day = col_i64(stmt, 2);
	o->session = col_int(stmt, 3);
	o->start_time = sq_col_text(stmt, 4, a);
	o->content = sq_col_text(stmt, 5, a);
	o->chair = sq_col_text(stmt, 6, a);
	o->participants = sq_col_text(stmt, 7, a);
	o->location = sq_col_text(stmt, 8, a);
	o->unit = sq_col_text(stmt, 9, a);
	o->note = sq_col_text(stmt, 10, a);
	o->state = col_int(stmt, 11);
	o->updated_at = col_i64(stmt, 12);
	o->sequence = col_int(stmt, 13);
}

void sq_read_link(sqlite3_stmt *stmt, struct arena *a, void *p)
{
	struct link *o = p;
	o->id = col_i64(stmt, 0);
	o->site_id = col_i64(stmt, 1);
	o->title = sq_col_text(stmt, 2, a);
	o->url = sq_col_text(stmt, 3, a);
	o->position = col_int(stmt, 4);
	o->kind = col_int(stmt, 5);
}

void sq_read_media(sqlite3_stmt *stmt, struct arena *a, void *p)
{
	struct media *o = p;
	o->id = col_i64(stmt, 0);
	o->site_id = col_i64(stmt, 1);
	o->path = sq_col_text(stmt, 2, a);
	o->mime = sq_col_text(stmt, 3, a);
	o->alt = sq_col_text(stmt, 4, a);
	o->caption = sq_col_text(stmt, 5, a);
	o->srcset = sq_col_text(stmt, 6, a);
	o->width = col_int(stmt, 7);
	o->height = col_int(stmt, 8);
	o->created_at = col_i64(stmt, 9);
}

/* ---- small text helpers ---- */

void sq_set_err(const char **err, const char *msg)
{
	if (err)
		*err = msg;
}

const char *sq_status_message(int status)
{
	switch (status) {
	case LOA_BUSY:
		return "cơ sở dữ liệu đang bận, vui lòng thử lại";
	case LOA_CONFLICT:
		return "dữ liệu trùng với một mục đã có";
	case LOA_INVALID:
		return "dữ liệu không hợp lệ";
	default:
		return "lỗi cơ sở dữ liệu";
	}
}

int64_t sq_now(void)
{
	return (int64_t)time(NULL);
}

/* ---- lifetime ---- */

static const struct store_ops sqlite_ops;

/* A malloc'ed "không mở được cơ sở dữ liệu PATH: REASON". */
static char *open_error(const char *path, int rc, sqlite3 *db)
{
	struct buf b = BUF_INIT;
	const char *why;
	switch (rc & 0xff) {
	case SQLITE_CANTOPEN:
		why = "tệp không tồn tại hoặc không có quyền truy cập";
		break;
	case SQLITE_NOTADB:
		why = "tệp không phải là cơ sở dữ liệu SQLite";
		break;
	case SQLITE_CORRUPT:
		why = "cơ sở dữ liệu bị hỏng";
		break;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		why = "cơ sở dữ liệu đang bị một tiến trình khác khoá";
		break;
	case SQLITE_READONLY:
	case SQLITE_PERM:
		why = "không có quyền ghi vào tệp";
		break;
	case SQLITE_FULL:
		why = "ổ đĩa đã đầy";
		break;
	case SQLITE_IOERR:
		why = "lỗi đọc ghi ổ đĩa";
		break;
	default:
		why = NULL;
		break;
	}
	buf_addf(&b, "không mở được cơ sở dữ liệu %s: ", path);
	if (why)
		buf_adds(&b, why);
	else
		buf_addf(&b, "%s", db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
	return buf_detach(&b, NULL);
}

/* Runs one statement of a fixed text and reads its first column (if any)
 * as an integer. Used only while opening, before the cache is in use. */
static int open_exec(sqlite3 *db, const char *text, int64_t *value)
{
	sqlite3_stmt *stmt = NULL;
	int rc = sqlite3_prepare_v2(db, text, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		if (value)
			*value = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Brings the schema up to date. The version is read first without a lock
 * so that opening an up-to-date database never waits for writers; when
 * migrations are due they run under BEGIN IMMEDIATE and the version is
 * read again, so two processes opening at once migrate only once. A
 * database with content made by an older loa is first copied to
 * PATH.vN.bak (N its version; an existing copy, from an earlier attempt,
 * is kept as the original): no upgrade without a way back. On failure
 * returns an SQLite code and, for a schema newer than this build or a
 * copy that could not be made, a malloc'ed message in *msg. */
static int migrate(sqlite3 *db, const char *path, char **msg)
{
	int64_t version = 0;
	int rc = open_exec(db, "PRAGMA user_version", &version);
	if (rc != SQLITE_OK)
		return rc;
	if (version == store_sqlite_migration_count)
		return SQLITE_OK;
	if (version > 0 && version < store_sqlite_migration_count && strcmp(path, ":memory:") != 0) {
		char *bak = sqlite3_mprintf("%s.v%lld.bak", path, (long long)version), *why = NULL;
		if (!bak)
			return SQLITE_NOMEM;
		if (access(bak, F_OK) != 0) {
			if (sq_snapshot_db(db, bak, &why) != LOA_OK) {
				struct buf b = BUF_INIT;
				buf_addf(&b, "chưa cập nhật cấu trúc cơ sở dữ liệu %s vì không sao lưu được trước: %s", path,
					 why ? why : "");
				*msg = buf_detach(&b, NULL);
				free(why);
				sqlite3_free(bak);
				return SQLITE_ERROR;
			}
			log_info("đã sao lưu cơ sở dữ liệu vào %s trước khi cập nhật cấu trúc (phiên bản %lld lên %d)", bak,
				 (long long)version, store_sqlite_migration_count);
		}
		sqlite3_free(bak);
	}
	rc = open_exec(db, "BEGIN IMMEDIATE", NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = open_exec(db, "PRAGMA user_version", &version);
	if (rc == SQLITE_OK && (version < 0 || version > store_sqlite_migration_count)) {
		struct buf b = BUF_INIT;
		buf_addf(&b,
			 "không mở được cơ sở dữ liệu %s: cấu trúc dữ liệu (phiên bản %lld) mới hơn phiên bản "
			 "loa này hỗ trợ (%d); hãy cập nhật loa",
			 path, (long long)version, store_sqlite_migration_count);
		*msg = buf_detach(&b, NULL);
		rc = SQLITE_ERROR;
	}
	for (int64_t v = version; rc == SQLITE_OK && v < store_sqlite_migration_count; v++) {
		rc = sqlite3_exec(db, store_sqlite_migrations[v], NULL, NULL, NULL);
		if (rc != SQLITE_OK) {
			struct buf b = BUF_INIT;
			buf_addf(&b, "không cập nhật được cấu trúc cơ sở dữ liệu %s lên phiên bản %lld: %s", path,
				 (long long)v + 1, sqlite3_errmsg(db));
			*msg = buf_detach(&b, NULL);
		}
	}
	if (rc == SQLITE_OK) {
		/* PRAGMA takes no parameters; the number is ours, not data. */
		char *set = sqlite3_mprintf("PRAGMA user_version = %d", store_sqlite_migration_count);
		rc = set ? open_exec(db, set, NULL) : SQLITE_NOMEM;
		sqlite3_free(set);
	}
	if (rc == SQLITE_OK)
		rc = open_exec(db, "COMMIT", NULL);
	if (rc != SQLITE_OK && !sqlite3_get_autocommit(db))
		open_exec(db, "ROLLBACK", NULL);
	return rc;
}

struct store *store_sqlite_open(const char *path, bool create, char **err)
{
	char *msg = NULL;
	sqlite3 *db = NULL;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
	if (create)
		flags |= SQLITE_OPEN_CREATE;
	if (!path || !*path) {
		struct buf b = BUF_INIT;
		buf_adds(&b, "không mở được cơ sở dữ liệu: chưa chỉ định tệp");
		msg = buf_detach(&b, NULL);
		goto fail;
	}
	int rc = sqlite3_open_v2(path, &db, flags, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS);
	/* Reading the schema is the first real read of the file: this is
	 * where "not a database" and a corrupt header show up. */
	if (rc == SQLITE_OK)
		rc = open_exec(db, "SELECT count(*) FROM sqlite_schema", NULL);
	if (rc == SQLITE_OK)
		rc = open_exec(db, "PRAGMA journal_mode = WAL", NULL);
	if (rc == SQLITE_OK)
		rc = open_exec(db, "PRAGMA synchronous = FULL", NULL);
	if (rc == SQLITE_OK)
		rc = open_exec(db, "PRAGMA foreign_keys = ON", NULL);
	/* Reads through a memory map instead of a read() copy per page: the
	 * search index's doclists are read in long runs (a no-op where SQLite
	 * cannot map). */
	if (rc == SQLITE_OK)
		rc = open_exec(db, "PRAGMA mmap_size = 8589934592", NULL);
	if (rc == SQLITE_OK)
		rc = sq_search_register(db);
	if (rc == SQLITE_OK)
		rc = sq_newsroom_register(db);
	if (rc == SQLITE_OK)
		rc = migrate(db, path, &msg);
	if (rc != SQLITE_OK) {
		if (!msg)
			msg = open_error(path, rc, db);
		goto fail;
	}
	struct sq *s = calloc(1, sizeof *s);
	sqlite3_stmt **stmts = calloc(S_COUNT, sizeof *stmts);
	if (!s || !stmts)
		abort();
	s->base.ops = &sqlite_ops;
	s->db = db;
	s->stmt = stmts;
	return &s->base;

fail:
	sqlite3_close_v2(db);
	if (err)
		*err = msg;
	else
		free(msg);
	return NULL;
}

static void sq_close(struct store *st)
{
	struct sq *s = sq_of(st);
	for (int i = 0; i < S_COUNT; i++)
		sqlite3_finalize(s->stmt[i]);
	free(s->stmt);
	sq_search_free(s->search);
	sq_newsroom_free(s->newsroom);
	sq_feedback_free(s->feedback);
	sq_portal_free(s->portal);
	sq_org_free(s->org);
	sq_consult_free(s->consult);
	sq_files_free(s->files);
	sq_docs_free(s->docs);
	sq_redirects_free(s->redirects);
	sq_mail_free(s->mail);
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	/* Keeps the planner's statistics current; cheap when nothing changed. */
	sqlite3_exec(s->db, "PRAGMA optimize", NULL, NULL, NULL);
	sqlite3_close_v2(s->db);
	free(s);
}

static int sq_content_version(struct store *st, int64_t *out)
{
	struct sq *s = sq_of(st);
	int status = query_i64(s, out, S_CONTENT_VERSION, "");
	return status == LOA_NOTFOUND ? LOA_ERROR : status;
}

static int sq_begin(struct store *st)
{
	struct sq *s = sq_of(st);
	if (!sqlite3_get_autocommit(s->db))
		return LOA_INVALID; /* transactions do not nest */
	return exec_id(s, S_BEGIN, "");
}

static int sq_commit(struct store *st)
{
	struct sq *s = sq_of(st);
	if (sqlite3_get_autocommit(s->db))
		return LOA_INVALID; /* no transaction open */
	int status = exec_id(s, S_COMMIT, "");
	if (status != LOA_OK && !sqlite3_get_autocommit(s->db))
		exec_id(s, S_ROLLBACK, "");
	return status;
}

static int sq_rollback(struct store *st)
{
	struct sq *s = sq_of(st);
	if (sqlite3_get_autocommit(s->db))
		return LOA_OK; /* already undone (or never begun) */
	return exec_id(s, S_ROLLBACK, "");
}

/* ---- sites ---- */

static int sq_site_for_host(struct store *st, const char *host, struct arena *a, struct site *out)
{
	struct sq *s = sq_of(st);
	struct buf h = BUF_INIT;
	store_host_normalize(&h, host);
	int status;
	sqlite3_stmt *stmt = stmt_bound(s, S_SITE_FOR_HOST, &status, "t", h.data);
	if (stmt)
		status = sq_collect_one(s, stmt, read_site, a, out);
	buf_reset(&h);
	return status;
}

static int sq_site_get(struct store *st, int64_t id, struct arena *a, struct site *out)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = stmt_bound(s, S_SITE_GET, &status, "i", id);
	return stmt ? sq_collect_one(s, stmt, read_site, a, out) : status;
}

static int sq_site_list(struct store *st, struct arena *a, struct site **out, size_t *n)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = stmt_bound(s, S_SITE_LIST, &status, "");
	if (!stmt)
		return status;
	return sq_collect(s, stmt, read_site, sizeof **out, a, (void **)out, n);
}

static int sq_site_create(struct store *st, const struct site *in, int64_t *id, const char **err)
{
	struct sq *s = sq_of(st);
	if (store_blank(in->name)) {
		sq_set_err(err, "tên trang không được để trống");
		return LOA_INVALID;
	}
	struct buf h = BUF_INIT;
	store_host_normalize(&h, in->host);
	struct sq_unit u;
	int status = sq_unit_begin(s, &u);
	if (status != LOA_OK)
		goto done;
	if (in->is_default)
		status = exec_id(s, S_SITE_CLEAR_DEFAULT, "i", (int64_t)0);
	if (status == LOA_OK)
		status = exec_id(s, S_SITE_INSERT, "tttttidt", h.data, in->name, in->tagline, in->footer, in->contact,
				 in->visits_base, (int)in->is_default, in->logo);
	if (status == LOA_OK && id)
		*id = sqlite3_last_insert_rowid(s->db);
	status = sq_unit_end(s, &u, status);
done:
	if (status == LOA_CONFLICT)
		sq_set_err(err, "tên miền này đã được dùng cho một trang khác");
	else if (status != LOA_OK)
		sq_set_err(err, sq_status_message(status));
	buf_reset(&h);
	return status;
}

/* Updates every field by id. is_default true makes this the default site;
 * false leaves the default as it is (a portal always has one). */
static int sq_site_update(struct store *st, const struct site *in)
{
	struct sq *s = sq_of(st);
	if (store_blank(in->name))
		return LOA_INVALID;
	struct buf h = BUF_INIT;
	store_host_normalize(&h, in->host);
	struct sq_unit u;
	int status = sq_unit_begin(s, &u);
	if (status != LOA_OK)
		goto done;
	status = exec_id(s, S_SITE_UPDATE, "itttttit", in->id, h.data, in->name, in->tagline, in->footer,
			 in->contact, in->visits_base, in->logo);
	if (status == LOA_OK && sqlite3_changes(s->db) == 0)
		status = LOA_NOTFOUND;
	if (status == LOA_OK && in->is_default) {
		status = exec_id(s, S_SITE_CLEAR_DEFAULT, "i", in->id);
		if (status == LOA_OK)
			status = exec_id(s, S_SITE_SET_DEFAULT, "i", in->id);
	}
	status = sq_unit_end(s, &u, status);
done:
	buf_reset(&h);
	return status;
}

/* ---- categories ---- */

static int sq_category_list(struct store *st, int64_t site_id, struct arena *a, struct category **out, size_t *n)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = stmt_bound(s, S_CAT_LIST, &status, "i", site_id);
	if (!stmt)
		return status;
	status = sq_collect(s, stmt, sq_read_category, sizeof **out, a, (void **)out, n);
	if (status == LOA_OK)
		store_category_tree_order(*out, *n);
	return status;
}

static int sq_category_by_slug(struct store *st, int64_t site_id, const char *slug, struct arena *a,
			       struct category *out)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = stmt_bound(s, S_CAT_BY_SLUG, &status, "it", site_id, slug);
	return stmt ? sq_collect_one(s, stmt, sq_read_category, a, out) : status;
}

/* Picks a slug for a new category named `name`: its text_slug(), or that
 * with -2, -3, ... appended, the first that no category of the site uses
 * and that is not reserved. Leaves it in `slug`. */
int sq_category_new_slug(struct sq *s, int64_t site_id, const char *name, struct buf *slug)
{
	struct buf base = BUF_INIT;
	text_slug(&base, name, SQ_SLUG_MAX);
	int status = LOA_CONFLICT;
	for (int k = 1; k <= SLUG_TRIES; k++) {
		buf_setlen(slug, 0);
		buf_add(slug, base.data, base.len);
		if (k > 1)
			buf_addf(slug, "-%d", k);
		if (store_slug_reserved(slug->data))
			continue;
		int64_t taken;
		status = query_i64(s, &taken, S_CAT_SLUG_TAKEN, "it", site_id, slug->data);
		if (status == LOA_NOTFOUND) {
			status = LOA_OK;
			break;
		}
		if (status != LOA_OK)
			break;
		status = LOA_CONFLICT;
	}
	buf_reset(&base);
	return status;
}

/* Splits `path` on '/' into cleaned level names (NFC, whitespace trimmed
 * and squeezed, empty levels dropped). Returns the number of levels, or -1
 * when the path is not valid UTF-8. */
static int category_levels(struct arena *a, const char *path, char ***levels)
{
	size_t cap = 1;
	for (const char *p = path; *p; p++)
		cap += *p == '/';
	char **out = arena_alloc(a, cap * sizeof *out);
	int n = 0;
	const char *p = path;
	for (;;) {
		size_t len = strcspn(p, "/");
		char *name = text_clean(a, p, len);
		if (!name)
			return -1;
		store_name_squeeze(name);
		if (*name)
			out[n++] = name;
		if (!p[len])
			break;
		p += len + 1;
	}
	*levels = out;
	return n;
}

static int sq_category_ensure_path(struct store *st, int64_t site_id, const char *path, int64_t *id,
				   const char **err)
{
	struct sq *s = sq_of(st);
	struct arena *a = arena_new();
	struct buf slug = BUF_INIT;
	const char *msg = NULL;
	char **levels;
	int status = LOA_INVALID;
	int n = category_levels(a, path ? path : "", &levels);
	if (n <= 0) {
		msg = n < 0 ? "tên chuyên mục không phải văn bản UTF-8 hợp lệ" : "chuyên mục trống";
		goto done;
	}
	struct sq_unit u;
	status = sq_unit_begin(s, &u);
	if (status != LOA_OK)
		goto done;
	int64_t parent = 0;
	for (int i = 0; i < n && status == LOA_OK; i++) {
		int64_t found;
		status = query_i64(s, &found, S_CAT_FIND_CHILD, "ipt", site_id, parent, levels[i]);
		if (status == LOA_OK) {
			parent = found;
			continue;
		}
		if (status != LOA_NOTFOUND)
			break;
		status = sq_category_new_slug(s, site_id, levels[i], &slug);
		if (status == LOA_CONFLICT)
			msg = "không tạo được đường dẫn riêng cho chuyên mục";
		if (status != LOA_OK)
			break;
		status = exec_id(s, S_CAT_INSERT, "iptt", site_id, parent, levels[i], slug.data);
		if (status == LOA_INVALID)
			msg = "trang không tồn tại"; /* the only constraint left is the site reference */
		parent = sqlite3_last_insert_rowid(s->db);
	}
	status = sq_unit_end(s, &u, status);
	if (status == LOA_OK && id)
		*id = parent;
done:
	if (status != LOA_OK)
		sq_set_err(err, msg ? msg : sq_status_message(status));
	buf_reset(&slug);
	arena_free(a);
	return status;
}

/* ---- articles ---- */

static int sq_article_get(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct article *out)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = stmt_bound(s, S_ART_GET, &status, "ii", site_id, id);
	return stmt ? sq_collect_one(s, stmt, sq_read_article, a, out) : status;
}

/* limit <= 0 means no limit; a negative offset counts as 0. */
static int sq_article_list(struct store *st, const struct article_query *q, struct arena *a,
			   struct article **out, size_t *n, int64_t *total)
{
	struct sq *s = sq_of(st);
	int variant = (q->category_id ? 1 : 0) + (q->featured_only ? 2 : 0);
	*out = NULL;
	*n = 0;

	sqlite3_stmt *stmt = stmt_get(s, (enum stmt_id)(S_ART_LIST + variant));
	if (!stmt)
		return LOA_ERROR;
	int rc = sqlite3_bind_int64(stmt, 1, q->site_id);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(stmt, 2, q->now);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(stmt, 3, q->exclude_id);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int(stmt, 4, q->with_body);
	if (rc == SQLITE_OK && q->category_id)
		rc = sqlite3_bind_int64(stmt, 5, q->category_id);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int(stmt, 6, q->limit > 0 ? q->limit : -1);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int(stmt, 7, q->offset > 0 ? q->offset : 0);
	if (rc != SQLITE_OK) {
		sq_stmt_done(stmt);
		return sq_status(s, rc);
	}
	int status = sq_collect(s, stmt, sq_read_article, sizeof **out, a, (void **)out, n);
	if (status != LOA_OK || !total)
		return status;

	stmt = stmt_get(s, (enum stmt_id)(S_ART_COUNT + variant));
	if (!stmt)
		return LOA_ERROR;
	rc = sqlite3_bind_int64(stmt, 1, q->site_id);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(stmt, 2, q->now);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(stmt, 3, q->exclude_id);
	if (rc == SQLITE_OK && q->category_id)
		rc = sqlite3_bind_int64(stmt, 5, q->category_id);
	if (rc != SQLITE_OK) {
		sq_stmt_done(stmt);
		return sq_status(s, rc);
	}
	*total = 0;
	status = sq_one_i64(s, stmt, total);
	return status == LOA_NOTFOUND ? LOA_ERROR : status;
}

static int sq_article_hot(struct store *st, int64_t site_id, int64_t since, int64_t now, int limit,
			  struct arena *a, struct article **out, size_t *n)
{
	struct sq *s = sq_of(st);
	*out = NULL;
	*n = 0;
	if (limit <= 0) {
		*out = arena_zalloc(a, sizeof **out);
		return LOA_OK;
	}
	int status;
	sqlite3_stmt *stmt = stmt_bound(s, S_ART_HOT, &status, "iiiid", site_id, since, now, vn_day(since), limit);
	if (!stmt)
		return status;
	return sq_collect(s, stmt, sq_read_article, sizeof **out, a, (void **)out, n);
}

static int sq_article_upsert(struct store *st, const struct article *art, int64_t *id, bool *created,
			     const char **err)
{
	struct sq *s = sq_of(st);
	const char *msg = NULL;
	struct buf slug = BUF_INIT;
	int status = LOA_INVALID;
	bool made = false;
	int64_t row = 0;

	if (store_blank(art->title)) {
		msg = "tiêu đề bài viết trống";
		goto done;
	}
	if (art->status < ARTICLE_DRAFT || art->status > ARTICLE_PUBLISHED) {
		msg = "trạng thái bài viết không hợp lệ";
		goto done;
	}
	if (art->slug && *art->slug)
		buf_adds(&slug, art->slug);
	else
		text_slug(&slug, art->title, SQ_SLUG_MAX);

	int64_t now = sq_now();
	const char *ext = art->external_id ? art->external_id : "";
	struct sq_unit u;
	status = sq_unit_begin(s, &u);
	if (status != LOA_OK)
		goto done;

	int64_t one;
	status = query_i64(s, &one, S_CAT_IN_SITE, "ii", art->category_id, art->site_id);
	if (status == LOA_NOTFOUND) {
		msg = "chuyên mục không thuộc trang này";
		status = LOA_INVALID;
	}
	if (status == LOA_OK && *ext) {
		status = query_i64(s, &row, S_ART_BY_EXTERNAL, "it", art->site_id, ext);
		if (status == LOA_NOTFOUND) {
			row = 0;
			status = LOA_OK;
		}
	}
	if (status == LOA_OK && row) {
		int64_t updated = art->updated_at ? art->updated_at : now;
		status = exec_id(s, S_ART_UPDATE, "iittttttttdiidddt", row, art->category_id, art->title, slug.data,
				 art->lead, art->body_html, art->image, art->caption, art->author, art->source,
				 art->status, art->published_at, updated, (int)art->featured, art->featured_order,
				 art->hot_pin, art->image_srcset);
	} else if (status == LOA_OK) {
		int64_t created_at = art->created_at ? art->created_at : now;
		int64_t updated = art->updated_at ? art->updated_at : created_at;
		int64_t published = art->published_at;
		if (!published && art->status == ARTICLE_PUBLISHED)
			published = now;
		status = exec_id(s, S_ART_INSERT, "iitttttttttdiiidddit", art->site_id, art->category_id, art->title,
				 slug.data, art->lead, art->body_html, art->image, art->caption, art->author,
				 art->source, ext, art->status, published, updated, created_at, (int)art->featured,
				 art->featured_order, art->hot_pin, art->views, art->image_srcset);
		if (status == LOA_OK) {
			row = sqlite3_last_insert_rowid(s->db);
			made = true;
		}
	}
	status = sq_unit_end(s, &u, status);
done:
	if (status == LOA_OK) {
		if (id)
			*id = row;
		if (created)
			*created = made;
	} else {
		sq_set_err(err, msg ? msg : sq_status_message(status));
	}
	buf_reset(&slug);
	return status;
}

static int sq_article_delete(struct store *st, int64_t site_id, int64_t id)
{
	struct sq *s = sq_of(st);
	int status = exec_id(s, S_ART_DELETE, "ii", site_id, id);
	if (status == LOA_OK && sqlite3_changes(s->db) == 0)
		status = LOA_NOTFOUND;
	return status;
}

int sq_articles_by_id(struct store *st, int64_t site_id, const int64_t *ids, size_t count, bool body,
		      struct arena *a, struct article *out, size_t *n)
{
	struct sq *s = sq_of(st);
	*n = 0;
	for (size_t i = 0; i < count; i++) {
		int status;
		sqlite3_stmt *stmt = stmt_bound(s, body ? S_ART_GET : S_ART_GET_NOBODY, &status, "ii", site_id, ids[i]);
		if (!stmt)
			return status;
		status = sq_collect_one(s, stmt, sq_read_article, a, &out[*n]);
		if (status == LOA_OK)
			(*n)++;
		else if (status != LOA_NOTFOUND)
			return status;
	}
	return LOA_OK;
}

struct sqlite3 *sq_db(struct store *st)
{
	return sq_of(st)->db;
}

struct sq_search **sq_search_slot(struct store *st)
{
	return &sq_of(st)->search;
}

/* Adds each delta to the article's total and its day; an article deleted
 * since the views were counted is skipped. */
static int sq_views_add(struct store *st, const struct view_delta *d, size_t n)
{
	struct sq *s = sq_of(st);
	struct sq_unit u;
	int status = sq_unit_begin(s, &u);
	if (status != LOA_OK)
		return status;
	for (size_t i = 0; i < n && status == LOA_OK; i++) {
		if (d[i].views == 0)
			continue;
		status = exec_id(s, S_VIEWS_TOTAL_ADD, "ii", d[i].article_id, d[i].views);
		if (status == LOA_OK && sqlite3_changes(s->db) > 0)
			status = exec_id(s, S_VIEWS_DAILY_ADD, "iii", d[i].article_id, d[i].day, d[i].views);
	}
	return sq_unit_end(s, &u, status);
}

/* ---- work calendar ---- */

static int sq_calendar_range(struct store *st, int64_t site_id, int64_t from_day, int64_t to_day, struct arena *a,
			     struct cal_item **out, size_t *n)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = stmt_bound(s, S_CAL_RANGE, &status, "iii", site_id, from_day, to_day);
	if (!stmt)
		return status;
	return sq_collect(s, stmt, sq_read_cal_item, sizeof **out, a, (void **)out, n);
}

static int sq_calendar_add(struct store *st, const struct cal_item *it, int64_t *id)
{
	struct sq *s = sq_of(st);
	if (store_blank(it->content) || it->session < CAL_MORNING || it->session > CAL_EVENING || it->state < 0 ||
	    it->state > 2)
		return LOA_INVALID;
	int status = exec_id(s, S_CAL_INSERT, "iidtttttttdi", it->site_id, it->day, it->session, it->start_time,
			     it->content, it->chair, it->participants, it->location, it->unit, it->note, it->state,
			     sq_now());
	if (status == LOA_OK && id)
		*id = sqlite3_last_insert_rowid(s->db);
	return status;
}

/* ---- linked websites ---- */

static int sq_link_list(struct store *st, int64_t site_id, struct arena *a, struct link **out, size_t *n)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = stmt_bound(s, S_LINK_LIST, &status, "i", site_id);
	if (!stmt)
		return status;
	return sq_collect(s, stmt, sq_read_link, sizeof **out, a, (void **)out, n);
}

static int sq_link_add(struct store *st, const struct link *l, int64_t *id)
{
	struct sq *s = sq_of(st);
	if (store_blank(l->title) || store_blank(l->url) || (l->kind != LINK_WEBSITE && l->kind != LINK_SERVICE))
		return LOA_INVALID;
	int status = exec_id(s, S_LINK_INSERT, "ittdd", l->site_id, l->title, l->url, l->position, l->kind);
	if (status == LOA_OK && id)
		*id = sqlite3_last_insert_rowid(s->db);
	return status;
}

/* ---- media ---- */

/* LOA_CONFLICT when the site already has a file at that path. */
static int sq_media_add(struct store *st, const struct media *m, int64_t *id)
{
	struct sq *s = sq_of(st);
	if (store_blank(m->path) || m->width < 0 || m->height < 0)
		return LOA_INVALID;
	int64_t created = m->created_at ? m->created_at : sq_now();
	int status = exec_id(s, S_MEDIA_INSERT, "itttttddi", m->site_id, m->path, m->mime, m->alt, m->caption,
			     m->srcset, m->width, m->height, created);
	if (status == LOA_OK && id)
		*id = sqlite3_last_insert_rowid(s->db);
	return status;
}

/* ---- visit statistics ---- */

static int sq_visits_get(struct store *st, int64_t site_id, int64_t day, int64_t *today, int64_t *total)
{
	struct sq *s = sq_of(st);
	int64_t t = 0, all = 0;
	int status = query_i64(s, &t, S_VISITS_DAY, "ii", site_id, day);
	if (status == LOA_OK || status == LOA_NOTFOUND)
		status = query_i64(s, &all, S_VISITS_TOTAL, "i", site_id);
	if (status == LOA_NOTFOUND)
		status = LOA_OK;
	if (status == LOA_OK) {
		if (today)
			*today = t;
		if (total)
			*total = all;
	}
	return status;
}

static int sq_visits_add(struct store *st, const struct visit_delta *d, size_t n)
{
	struct sq *s = sq_of(st);
	struct sq_unit u;
	int status = sq_unit_begin(s, &u);
	if (status != LOA_OK)
		return status;
	for (size_t i = 0; i < n && status == LOA_OK; i++) {
		if (d[i].visits == 0)
			continue;
		status = exec_id(s, S_VISITS_DAY_ADD, "iii", d[i].site_id, d[i].day, d[i].visits);
		if (status == LOA_OK)
			status = exec_id(s, S_VISITS_TOTAL_ADD, "ii", d[i].site_id, d[i].visits);
	}
	return sq_unit_end(s, &u, status);
}

static const struct store_ops sqlite_ops = {
	.name = "sqlite",
	.close = sq_close,
	.content_version = sq_content_version,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.site_for_host = sq_site_for_host,
	.site_get = sq_site_get,
	.site_list = sq_site_list,
	.site_create = sq_site_create,
	.site_update = sq_site_update,
	.category_list = sq_category_list,
	.category_by_slug = sq_category_by_slug,
	.category_ensure_path = sq_category_ensure_path,
	.article_get = sq_article_get,
	.article_list = sq_article_list,
	.article_hot = sq_article_hot,
	.article_upsert = sq_article_upsert,
	.article_delete = sq_article_delete,
	.views_add = sq_views_add,
	.search = sq_search,
	.suggest = sq_suggest,
	.reindex = sq_reindex,
	.calendar_range = sq_calendar_range,
	.calendar_add = sq_calendar_add,
	.link_list = sq_link_list,
	.link_add = sq_link_add,
	.media_add = sq_media_add,
	.visits_get = sq_visits_get,
	.visits_add = sq_visits_add,
	.snapshot = sq_snapshot,
	.check = sq_check,
	.file_refs = sq_file_refs,
	.schema_version = sq_schema_version,
	.newsroom = &sq_newsroom_ops,
	.feedback = &sq_feedback_ops,
	.portal = &sq_portal_ops,
	.org = &sq_org_ops,
	.consult = &sq_consult_ops,
	.files = &sq_files_ops,
	.docs = &sq_docs_ops,
	.redirects = &sq_redirects_ops,
	.mail = &sq_mail_ops,
};
