/* store_sqlite_newsroom.c — the newsroom's storage (store_newsroom.h) in
 * the SQLite backend: accounts, sessions, the audit log, the editorial life
 * of an article (optimistic versions, revisions, autosaves, scheduled
 * publication) and the admin's lists of categories, links, the work
 * calendar, media and statistics. Schema: migration 3.
 *
 * How it is built: as store_sqlite.c (store_sqliteInt.h) — every statement
 * written once in the `nr_sql` table with bound parameters, prepared on
 * first use into this file's slot of the connection (struct sq_newsroom,
 * made on first use, freed with the connection); writes of several rows run
 * as one unit. Every query of site data names its site, except where the
 * contract has none to give (users and sessions span sites; revisions are
 * reached through an article the caller has already found in its site).
 *
 * Optimistic locking: articles.version starts at 1 and every newsroom save
 * is `UPDATE ... WHERE version = <what the editor started from>`; no row
 * changed means someone saved in between, and the caller gets LOA_CONFLICT
 * with who and when, never a silent overwrite. Each save then copies the
 * stored row into article_revisions. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/log.h"
#include "core/status.h"
#include "core/text.h"
#include "core/vntime.h"
#include "store/store_sqliteInt.h"

/* ---- statements ---- */

enum nr_id {
	N_USER_INSERT,
	N_USER_GET,
	N_USER_BY_LOGIN,
	N_USER_LIST_ALL,
	N_USER_LIST_SITE,
	N_USER_UPDATE,
	N_SESSION_INSERT,
	N_SESSION_GET,
	N_SESSION_TOUCH,
	N_SESSION_DELETE,
	N_SESSION_DELETE_USER,
	N_SESSION_PURGE,
	N_AUDIT_INSERT,
	N_AUDIT_LIST_ALL,
	N_AUDIT_LIST_SITE,
	N_CAT_IN_SITE,
	N_ART_INSERT,
	N_ART_UPDATE,
	N_ART_LAST_SAVE,
	N_REV_INSERT,
	N_ART_META,
	N_ART_ADMIN_LIST,
	N_ART_ADMIN_COUNT,
	N_ART_PUBLISH_DUE,
	N_ART_FLAGS,
	N_REV_LIST,
	N_REV_GET,
	N_AUTOSAVE_PUT,
	N_AUTOSAVE_GET,
	N_AUTOSAVE_DELETE,
	N_CAT_GET,
	N_CAT_SIBLING_NAMED,
	N_CAT_INSERT,
	N_CAT_IN_SUBTREE,
	N_CAT_SLUG_OWNER,
	N_CAT_UPDATE,
	N_ALIAS_PUT,
	N_ALIAS_DROP,
	N_CAT_ARTICLES,
	N_CAT_COUNTS,
	N_CAT_CHILDREN,
	N_CAT_DELETE,
	N_CAT_BY_ALIAS,
	N_LINK_UPDATE,
	N_LINK_DELETE,
	N_CAL_GET,
	N_CAL_UPDATE,
	N_CAL_DELETE,
	N_CAL_COPY_WEEK,
	N_MEDIA_GET,
	N_MEDIA_BY_PATH,
	N_MEDIA_UPDATE,
	N_MEDIA_FIND,
	N_ART_SEO_SET,
	N_ART_SEO_GET,
	N_REL_CLEAR,
	N_REL_ADD,
	N_REL_LIST,
	N_MEDIA_FIND_COUNT,
	N_MEDIA_USES,
	N_MEDIA_DELETE,
	N_VISITS_DAILY,
	N_EDITOR_COUNTS,
	N_SECRET_GET,
	N_SECRET_MAKE,
	N_COUNT
};

#define USER_COLS "id, COALESCE(site_id, 0), login, name, pw_hash, role, disabled, created_at, pw_changed_at, last_login_at"
#define SESSION_COLS "token_hash, user_id, created_at, expires_at, seen_at, addr, user_agent"
/* How a user is named to others: the display name, else the login. */
#define USER_NAME(u) "COALESCE(NULLIF(" u ".name, ''), " u ".login, '')"

#define AUDIT_SELECT                                                                                    \
	"SELECT l.id, COALESCE(l.site_id, 0), COALESCE(l.user_id, 0), COALESCE(u.login, ''), l.action, " \
	"l.object, l.detail, l.addr, l.at FROM audit_log l LEFT JOIN users u ON u.id = l.user_id "
#define AUDIT_ORDER "ORDER BY l.at DESC, l.id DESC "

/* Admin list filters: ?1 site, ?2 status (-1 any), ?3 creator (0 any),
 * ?4 category (0 any), ?5 folded words of the title ('' any); ?6 limit,
 * ?7 offset. */
#define ADMIN_WHERE                                                                                 \
	"WHERE a.site_id = ?1 AND (?2 < 0 OR a.status = ?2) AND (?3 = 0 OR a.created_by = ?3) "     \
	"AND (?4 = 0 OR a.category_id = ?4) AND (?5 = '' OR instr(loa_fold(a.title), ?5) > 0) "

/* struct revision's columns; `body` (column 7) is r.body_html or ''. */
#define REV_SELECT(body)                                                                                \
	"SELECT r.id, r.article_id, COALESCE(r.user_id, 0), " USER_NAME("u") ", r.at, r.title, r.lead, " \
	body ", r.image, r.caption, r.author, r.source, r.category_id, COALESCE(c.name, ''), "          \
	"COALESCE(c.slug, ''), r.status, r.published_at, a.site_id, a.slug, r.image_srcset "              \
	"FROM article_revisions r JOIN articles a ON a.id = r.article_id "                              \
	"LEFT JOIN users u ON u.id = r.user_id LEFT JOIN categories c ON c.id = r.category_id "

/* True when the bound values ?3..?12 of N_CAL_UPDATE differ from the row. */
#define CAL_CHANGED                                                                                   \
	"(day <> ?3 OR session <> ?4 OR start_time <> ?5 OR content <> ?6 OR chair <> ?7 OR "          \
	"participants <> ?8 OR location <> ?9 OR unit <> ?10 OR note <> ?11 OR state <> ?12)"

static const char *const nr_sql[N_COUNT] = {
	[N_USER_INSERT] = "INSERT INTO users (site_id, login, name, pw_hash, role, disabled, created_at, "
			  "pw_changed_at, last_login_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[N_USER_GET] = "SELECT " USER_COLS " FROM users WHERE id = ?1",
	/* The column's NOCASE collation makes this case-insensitive. */
	[N_USER_BY_LOGIN] = "SELECT " USER_COLS " FROM users WHERE login = ?1",
	[N_USER_LIST_ALL] = "SELECT " USER_COLS " FROM users ORDER BY login, id",
	[N_USER_LIST_SITE] = "SELECT " USER_COLS " FROM users WHERE site_id = ?1 OR site_id IS NULL ORDER BY login, id",
	[N_USER_UPDATE] = "UPDATE users SET name = ?2, role = ?3, site_id = ?4, disabled = ?5, pw_hash = ?6, "
			  "pw_changed_at = ?7, last_login_at = ?8 WHERE id = ?1",

	[N_SESSION_INSERT] = "INSERT INTO sessions (" SESSION_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[N_SESSION_GET] = "SELECT " SESSION_COLS " FROM sessions WHERE token_hash = ?1",
	[N_SESSION_TOUCH] = "UPDATE sessions SET seen_at = ?2, expires_at = ?3 WHERE token_hash = ?1",
	[N_SESSION_DELETE] = "DELETE FROM sessions WHERE token_hash = ?1",
	[N_SESSION_DELETE_USER] = "DELETE FROM sessions WHERE user_id = ?1",
	[N_SESSION_PURGE] = "DELETE FROM sessions WHERE expires_at <= ?1",

	[N_AUDIT_INSERT] = "INSERT INTO audit_log (site_id, user_id, action, object, detail, addr, at) "
			   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[N_AUDIT_LIST_ALL] = AUDIT_SELECT AUDIT_ORDER "LIMIT ?1 OFFSET ?2",
	/* A site's log includes the entries of no site (scheduled publication,
	 * command-line account changes). */
	[N_AUDIT_LIST_SITE] = AUDIT_SELECT "WHERE l.site_id = ?1 OR l.site_id IS NULL " AUDIT_ORDER "LIMIT ?2 OFFSET ?3",

	[N_CAT_IN_SITE] = "SELECT 1 FROM categories WHERE id = ?1 AND site_id = ?2",
	[N_ART_INSERT] = "INSERT INTO articles (site_id, category_id, title, slug, lead, body_html, image, caption, "
			 "author, source, external_id, status, published_at, updated_at, created_at, featured, "
			 "featured_order, hot_pin, version, created_by, updated_by, review_note, image_srcset) "
			 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14, ?15, ?16, ?17, 1, "
			 "?18, ?18, ?19, ?20)",
	/* external_id is left alone: an imported article keeps its link to
	 * the old portal's id through any number of edits. */
	[N_ART_UPDATE] = "UPDATE articles SET category_id = ?3, title = ?4, slug = ?5, lead = ?6, body_html = ?7, "
			 "image = ?8, caption = ?9, author = ?10, source = ?11, status = ?12, published_at = ?13, "
			 "featured = ?14, featured_order = ?15, hot_pin = ?16, review_note = ?17, updated_by = ?18, "
			 "updated_at = ?19, version = version + 1, image_srcset = ?21 "
			 "WHERE id = ?1 AND site_id = ?2 AND version = ?20",
	[N_ART_LAST_SAVE] = "SELECT a.version, " USER_NAME("u") ", a.updated_at FROM articles a "
			    "LEFT JOIN users u ON u.id = a.updated_by WHERE a.id = ?1 AND a.site_id = ?2",
	/* The revision is the row as just stored. */
	[N_REV_INSERT] = "INSERT INTO article_revisions (article_id, user_id, at, title, lead, body_html, image, "
			 "caption, author, source, category_id, status, published_at, image_srcset) "
			 "SELECT id, ?2, ?3, title, lead, body_html, image, caption, author, source, category_id, "
			 "status, published_at, image_srcset FROM articles WHERE id = ?1",
	[N_ART_META] = "SELECT a.version, COALESCE(a.created_by, 0), COALESCE(a.updated_by, 0), " USER_NAME("cu")
		       ", " USER_NAME("uu") ", a.review_note FROM articles a "
		       "LEFT JOIN users cu ON cu.id = a.created_by LEFT JOIN users uu ON uu.id = a.updated_by "
		       "WHERE a.site_id = ?1 AND a.id = ?2",
	[N_ART_ADMIN_LIST] = SQ_ART_SELECT("''") ADMIN_WHERE "ORDER BY a.updated_at DESC, a.id DESC LIMIT ?6 OFFSET ?7",
	[N_ART_ADMIN_COUNT] = "SELECT count(*) FROM articles a " ADMIN_WHERE,
	/* Literal statuses (2 scheduled, 3 published) let the partial index
	 * articles_scheduled serve the search. */
	[N_ART_PUBLISH_DUE] = "UPDATE articles SET status = 3 WHERE status = 2 AND published_at <= ?1",
	[N_ART_FLAGS] = "UPDATE articles SET featured = ?3, featured_order = ?4, hot_pin = ?5 "
			"WHERE site_id = ?1 AND id = ?2",
	[N_REV_LIST] = REV_SELECT("''") "WHERE r.article_id = ?1 ORDER BY r.id DESC",
	[N_REV_GET] = REV_SELECT("r.body_html") "WHERE r.article_id = ?1 AND r.id = ?2",

	[N_AUTOSAVE_PUT] = "INSERT INTO autosaves (site_id, article_id, user_id, data, at) VALUES (?1, ?2, ?3, ?4, ?5) "
			   "ON CONFLICT (site_id, article_id, user_id) DO UPDATE SET data = excluded.data, at = excluded.at",
	[N_AUTOSAVE_GET] = "SELECT data, at FROM autosaves WHERE site_id = ?1 AND article_id = ?2 AND user_id = ?3",
	[N_AUTOSAVE_DELETE] = "DELETE FROM autosaves WHERE site_id = ?1 AND article_id = ?2 AND user_id = ?3",

	[N_CAT_GET] = "SELECT " SQ_CAT_COLS " FROM categories WHERE id = ?1 AND site_id = ?2",
	/* ?3: the category itself when renaming (0 when adding). */
	[N_CAT_SIBLING_NAMED] = "SELECT id FROM categories WHERE site_id = ?1 AND parent_id IS ?2 AND name = ?4 "
				"AND id <> ?3 LIMIT 1",
	/* A new category goes after its existing siblings. */
	[N_CAT_INSERT] = "INSERT INTO categories (site_id, parent_id, name, slug, position) "
			 "VALUES (?1, ?2, ?3, ?4, (SELECT COALESCE(MAX(position), 0) + 1 FROM categories "
			 "WHERE site_id = ?1 AND parent_id IS ?2))",
	/* Whether ?2 is ?1 or one of its descendants. */
	[N_CAT_IN_SUBTREE] = "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION "
			     "SELECT k.id FROM categories k JOIN sub ON k.parent_id = sub.id) "
			     "SELECT 1 FROM sub WHERE id = ?2",
	[N_CAT_SLUG_OWNER] = "SELECT id FROM categories WHERE site_id = ?1 AND slug = ?2",
	[N_CAT_UPDATE] = "UPDATE categories SET name = ?3, slug = ?4, parent_id = ?5, position = ?6 "
			 "WHERE id = ?1 AND site_id = ?2",
	[N_ALIAS_PUT] = "INSERT INTO category_aliases (site_id, slug, category_id) VALUES (?1, ?2, ?3) "
			"ON CONFLICT (site_id, slug) DO UPDATE SET category_id = excluded.category_id",
	[N_ALIAS_DROP] = "DELETE FROM category_aliases WHERE site_id = ?1 AND slug = ?2",
	[N_CAT_ARTICLES] = "SELECT count(*) FROM articles WHERE category_id = ?1",
	[N_CAT_COUNTS] = "SELECT category_id, count(*) FROM articles WHERE site_id = ?1 GROUP BY category_id",
	[N_CAT_CHILDREN] = "SELECT count(*) FROM categories WHERE parent_id = ?1",
	[N_CAT_DELETE] = "DELETE FROM categories WHERE id = ?1 AND site_id = ?2",
	[N_CAT_BY_ALIAS] = "SELECT " SQ_CAT_COLS " FROM categories WHERE site_id = ?1 AND id = "
			   "(SELECT category_id FROM category_aliases WHERE site_id = ?1 AND slug = ?2)",

	[N_LINK_UPDATE] = "UPDATE links SET title = ?3, url = ?4, position = ?5, kind = ?6 WHERE id = ?1 AND site_id = ?2",
	[N_LINK_DELETE] = "DELETE FROM links WHERE id = ?1 AND site_id = ?2",

	[N_CAL_GET] = "SELECT " SQ_CAL_COLS " FROM calendar_items WHERE id = ?1 AND site_id = ?2",
	/* A change (SET reads the old row) counts in sequence and updated_at,
	 * so subscribed calendars replace their copy; saving an unchanged
	 * form leaves both alone. ?13 is now. */
	[N_CAL_UPDATE] = "UPDATE calendar_items SET day = ?3, session = ?4, start_time = ?5, content = ?6, chair = ?7, "
			 "participants = ?8, location = ?9, unit = ?10, note = ?11, state = ?12, "
			 "sequence = sequence + (" CAL_CHANGED "), "
			 "updated_at = CASE WHEN " CAL_CHANGED " THEN ?13 ELSE updated_at END "
			 "WHERE id = ?1 AND site_id = ?2",
	[N_CAL_DELETE] = "DELETE FROM calendar_items WHERE id = ?1 AND site_id = ?2",
	/* ?2 source Monday, ?3 target Monday. An item already on the target
	 * day (same session, time and content) is not copied again, so a
	 * repeated copy adds nothing. */
	[N_CAL_COPY_WEEK] = "INSERT INTO calendar_items (site_id, day, session, start_time, content, chair, "
			    "participants, location, unit, note, state, updated_at) "
			    "SELECT f.site_id, f.day - ?2 + ?3, f.session, f.start_time, f.content, f.chair, "
			    "f.participants, f.location, f.unit, '', 0, ?4 FROM calendar_items f "
			    "WHERE f.site_id = ?1 AND f.day BETWEEN ?2 AND ?2 + 6 AND NOT EXISTS ("
			    "SELECT 1 FROM calendar_items t WHERE t.site_id = ?1 AND t.day = f.day - ?2 + ?3 "
			    "AND t.session = f.session AND t.start_time = f.start_time AND t.content = f.content) "
			    "ORDER BY f.day, f.session, f.start_time, f.id",

	[N_MEDIA_GET] = "SELECT " SQ_MEDIA_COLS " FROM media WHERE id = ?1 AND site_id = ?2",
	[N_MEDIA_BY_PATH] = "SELECT " SQ_MEDIA_COLS " FROM media WHERE site_id = ?1 AND path = ?2",
	[N_MEDIA_UPDATE] = "UPDATE media SET alt = ?3, caption = ?4 WHERE id = ?1 AND site_id = ?2",
	[N_ART_SEO_SET] = "UPDATE articles SET seo_description = ?3 WHERE id = ?1 AND site_id = ?2",
	[N_ART_SEO_GET] = "SELECT seo_description FROM articles WHERE id = ?1 AND site_id = ?2",
	[N_REL_CLEAR] = "DELETE FROM article_related WHERE article_id = ?1",
	/* only an article of the same site, never itself, each once */
	[N_REL_ADD] = "INSERT OR IGNORE INTO article_related (article_id, related_id, position) "
		      "SELECT ?1, id, ?3 FROM articles WHERE id = ?2 AND site_id = ?4 AND id <> ?1",
	[N_REL_LIST] = SQ_ART_SELECT("''") "JOIN article_related r ON r.related_id = a.id "
		       "WHERE r.article_id = ?1 AND a.site_id = ?2 ORDER BY r.position, a.id",
/* the folded words (?4, ?2 in the count); the file name's dashes read as spaces */
#define MEDIA_MATCH(q) "site_id = ?1 AND (" q " = '' OR " \
	"instr(loa_fold(replace(path, '-', ' ') || ' ' || caption || ' ' || alt), " q ") > 0)"
	[N_MEDIA_FIND] = "SELECT " SQ_MEDIA_COLS " FROM media WHERE " MEDIA_MATCH("?4") " "
			 "ORDER BY created_at DESC, id DESC LIMIT ?2 OFFSET ?3",
	[N_MEDIA_FIND_COUNT] = "SELECT count(*) FROM media WHERE " MEDIA_MATCH("?2"),
#undef MEDIA_MATCH
	/* ?2 the path, ?3 its stem; covers, logo and photos may name a WebP size */
	[N_MEDIA_USES] = "SELECT 1, id, title FROM articles WHERE site_id = ?1 AND (image = ?2 OR instr(image, ?3) = 1) "
			 "UNION ALL SELECT 2, id, title FROM articles WHERE site_id = ?1 AND instr(body_html, ?3) > 0 "
			 "UNION ALL SELECT 3, id, title FROM org_pages WHERE site_id = ?1 "
			 "AND (instr(body_html, ?3) > 0 OR instr(body_en, ?3) > 0) "
			 "UNION ALL SELECT 4, id, name FROM sites WHERE id = ?1 AND (logo = ?2 OR instr(logo, ?3) = 1) "
			 "UNION ALL SELECT 5, id, name FROM org_officials WHERE site_id = ?1 "
			 "AND (photo = ?2 OR instr(photo, ?3) = 1) "
			 "UNION ALL SELECT 6, id, title FROM drafts WHERE site_id = ?1 "
			 "AND (instr(summary_html, ?3) > 0 OR instr(report_html, ?3) > 0) "
			 "UNION ALL SELECT 7, id, number FROM documents WHERE site_id = ?1 AND instr(body_html, ?3) > 0 "
			 "LIMIT 50",
	[N_MEDIA_DELETE] = "DELETE FROM media WHERE id = ?1 AND site_id = ?2",

	[N_VISITS_DAILY] = "SELECT site_id, day, visits FROM visits_daily WHERE site_id = ?1 AND day BETWEEN ?2 AND ?3 "
			   "ORDER BY day",
	/* Imported articles (no creator, or one deleted since) form one group. */
	[N_EDITOR_COUNTS] = "SELECT COALESCE(a.created_by, 0) AS who, COALESCE(u.login, ''), " USER_NAME("u")
			    ", count(*) AS n FROM articles a LEFT JOIN users u ON u.id = a.created_by "
			    "WHERE a.site_id = ?1 AND a.status = 3 AND a.published_at >= ?2 AND a.published_at < ?3 "
			    "GROUP BY who ORDER BY n DESC, who",

	[N_SECRET_GET] = "SELECT value FROM meta WHERE key = 'secret'",
	/* randomblob() draws on SQLite's generator, seeded from the operating
	 * system's (the VFS reads /dev/urandom). */
	[N_SECRET_MAKE] = "INSERT INTO meta (key, value) VALUES ('secret', randomblob(32)) ON CONFLICT (key) DO NOTHING",
};

/* This file's slot of the connection. `msg` holds an error message that
 * has no arena to live in (store_article_save's conflict): it stays valid
 * until the next newsroom call on the same handle. */
struct sq_newsroom {
	sqlite3_stmt *stmt[N_COUNT];
	struct buf msg;
};

void sq_newsroom_free(struct sq_newsroom *nr)
{
	if (!nr)
		return;
	for (int i = 0; i < N_COUNT; i++)
		sqlite3_finalize(nr->stmt[i]);
	buf_reset(&nr->msg);
	free(nr);
}

static sqlite3_stmt *nr_get(struct sq *s, enum nr_id id)
{
	if (!s->newsroom) {
		s->newsroom = calloc(1, sizeof *s->newsroom);
		if (!s->newsroom)
			abort();
		buf_init(&s->newsroom->msg);
	}
	return sq_prepare(s, &s->newsroom->stmt[id], nr_sql[id]);
}

/* Statement `id` with its parameters bound (sq_bind_v), or NULL with
 * *status set. */
static sqlite3_stmt *nr_bound(struct sq *s, enum nr_id id, int *status, const char *types, ...)
{
	sqlite3_stmt *stmt = nr_get(s, id);
	va_list ap;
	va_start(ap, types);
	*status = sq_bind_checked(s, stmt, types, ap);
	va_end(ap);
	return *status == LOA_OK ? stmt : NULL;
}

/* Binds and runs statement `id` that returns no rows. */
static int nr_exec(struct sq *s, enum nr_id id, const char *types, ...)
{
	sqlite3_stmt *stmt = nr_get(s, id);
	va_list ap;
	va_start(ap, types);
	int status = sq_bind_checked(s, stmt, types, ap);
	va_end(ap);
	return status == LOA_OK ? sq_run(s, stmt) : status;
}

/* Binds and runs query `id` for one integer (sq_one_i64). */
static int nr_query_i64(struct sq *s, int64_t *out, enum nr_id id, const char *types, ...)
{
	sqlite3_stmt *stmt = nr_get(s, id);
	va_list ap;
	va_start(ap, types);
	int status = sq_bind_checked(s, stmt, types, ap);
	va_end(ap);
	return status == LOA_OK ? sq_one_i64(s, stmt, out) : status;
}

/* LOA_NOTFOUND for a write that matched no row. */
static int nr_changed(struct sq *s, int status)
{
	if (status == LOA_OK && sqlite3_changes(s->db) == 0)
		return LOA_NOTFOUND;
	return status;
}

/* SQLite's LIMIT for "no limit" when limit <= 0. */
static int page_limit(int limit)
{
	return limit > 0 ? limit : -1;
}

static int page_offset(int offset)
{
	return offset > 0 ? offset : 0;
}

/* ---- loa_fold() ---- */

static void fold_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	const unsigned char *t = sqlite3_value_text(argv[0]);
	if (!t) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	struct buf b = BUF_INIT;
	text_fold(&b, (const char *)t, (size_t)sqlite3_value_bytes(argv[0]));
	sqlite3_result_text(ctx, b.data, (int)b.len, SQLITE_TRANSIENT);
	buf_reset(&b);
}

int sq_newsroom_register(sqlite3 *db)
{
	return sqlite3_create_function_v2(db, "loa_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
					  NULL, fold_fn, NULL, NULL, NULL);
}

/* ---- rows ---- */

static void read_user(sqlite3_stmt *stmt, struct arena *a, void *p)
{
	struct user *o = p;
	o->id = sqlite3_column_int64(stmt, 0);
	o->site_id = sqlite3_column_int64(stmt, 1);
	o->login = sq_col_text(stmt, 2, a);
	o->name = sq_col_text(stmt, 3, a);
	o->pw_hash = sq_col_text(stmt, 4, a);
	o->role = sqlite3_column_int(stmt, 5);
	o->disabled = sqlite3_column_int(stmt, 6) != 0;
	o->created_at = sqlite3_column_int64(stmt, 7);
	o->pw_changed_at = sqlite3_column_int64(stmt, 8);
	o->last_login_at = sqlite3_column_int64(stmt, 9);
}

static void read_session(sqlite3_stmt *stmt, struct arena *a, void *p)
{
	struct session *o = p;
	o->token_hash = sq_col_text(stmt, 0, a);
	o->user_id = sqlite3_column_int64(stmt, 1);
	o->created_at = sqlite3_column_int64(stmt, 2);
	o->expires_at = sqlite3_column_int64(stmt, 3);
	o->seen_at = sqlite3_column_int64(stmt, 4);
	o->addr = sq_col_text(stmt, 5, a);
	o->user_agent = sq_col_text(stmt, 6, a);
}

static void read_audit(sqlite3_stmt *stmt, struct arena *a, void *p)
{
	struct audit_entry *o = p;
	o->id = sqlite3_column_int64(stmt, 0);
	o->site_id = sqlite3_column_int64(stmt, 1);
	o->user_id = sqlite3_column_int64(stmt, 2);
	o->user_login = sq_col_text(stmt, 3, a);
	o->action = sq_col_text(stmt, 4, a);
	o->object = sq_col_text(stmt, 5, a);
	o->detail = sq_col_text(stmt, 6, a);
	o->addr = sq_col_text(stmt, 7, a);
	o->at = sqlite3_column_int64(stmt, 8);
}

static void read_meta(sqlite3_stmt *stmt, struct arena *a, void *p)
{
	struct article_meta *o = p;
	o->version = sqlite3_column_int64(stmt, 0);
	o->created_by = sqlite3_column_int64(stmt, 1);
	o->updated_by = sqlite3_column_int64(stmt, 2);
	o->created_by_name = sq_col_text(stmt, 3, a);
	o->updated_by_name = sq_col_text(stmt, 4, a);
	o->review_note = sq_col_text(stmt, 5, a);
}

static void read_revision(sqlite3_stmt *stmt, struct arena *a, void *p)
{
	struct revision *o = p;
	o->id = sqlite3_column_int64(stmt, 0);
	o->article_id = sqlite3_column_int64(stmt, 1);
	o->user_id = sqlite3_column_int64(stmt, 2);
	o->user_name = sq_col_text(stmt, 3, a);
	o->at = sqlite3_column_int64(stmt, 4);
	struct article *r = &o->art;
	r->id = o->article_id;
	r->title = sq_col_text(stmt, 5, a);
	r->lead = sq_col_text(stmt, 6, a);
	r->body_html = sq_col_text(stmt, 7, a);
	r->image = sq_col_text(stmt, 8, a);
	r->caption = sq_col_text(stmt, 9, a);
	r->author = sq_col_text(stmt, 10, a);
	r->source = sq_col_text(stmt, 11, a);
	r->category_id = sqlite3_column_int64(stmt, 12);
	r->category_name = sq_col_text(stmt, 13, a);
	r->category_slug = sq_col_text(stmt, 14, a);
	r->status = sqlite3_column_int(stmt, 15);
	r->published_at = sqlite3_column_int64(stmt, 16);
	r->site_id = sqlite3_column_int64(stmt, 17);
	r->slug = sq_col_text(stmt, 18, a);
	r->image_srcset = sq_col_text(stmt, 19, a);
	r->external_id = "";
	r->updated_at = r->created_at = o->at;
}

static void read_visit(sqlite3_stmt *stmt, struct arena *a, void *p)
{
	(void)a;
	struct visit_delta *o = p;
	o->site_id = sqlite3_column_int64(stmt, 0);
	o->day = sqlite3_column_int64(stmt, 1);
	o->visits = sqlite3_column_int64(stmt, 2);
}

static void read_editor_count(sqlite3_stmt *stmt, struct arena *a, void *p)
{
	struct editor_count *o = p;
	o->user_id = sqlite3_column_int64(stmt, 0);
	o->login = sq_col_text(stmt, 1, a);
	o->name = o->user_id ? sq_col_text(stmt, 2, a) : "Nhập từ hệ thống cũ";
	o->published = sqlite3_column_int64(stmt, 3);
}

/* ---- accounts ---- */

static bool role_valid(int role)
{
	return role >= ROLE_WRITER && role <= ROLE_ADMIN;
}

static int sq_user_add(struct store *st, const struct user *u, int64_t *id, const char **err)
{
	struct sq *s = sq_of(st);
	if (store_blank(u->login)) {
		sq_set_err(err, "Tên đăng nhập trống.");
		return LOA_INVALID;
	}
	if (!role_valid(u->role)) {
		sq_set_err(err, "Vai trò không hợp lệ.");
		return LOA_INVALID;
	}
	int status = nr_exec(s, N_USER_INSERT, "ptttddiii", u->site_id, u->login, u->name, u->pw_hash, u->role,
			     (int)u->disabled, u->created_at, u->pw_changed_at, u->last_login_at);
	if (status == LOA_OK) {
		if (id)
			*id = sqlite3_last_insert_rowid(s->db);
	} else if (status == LOA_CONFLICT) {
		sq_set_err(err, "Tên đăng nhập đã có.");
	} else if (status == LOA_INVALID) {
		sq_set_err(err, "Trang của người dùng không tồn tại.");
	} else {
		sq_set_err(err, sq_status_message(status));
	}
	return status;
}

static int sq_user_get(struct store *st, int64_t id, struct arena *a, struct user *out)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = nr_bound(s, N_USER_GET, &status, "i", id);
	return stmt ? sq_collect_one(s, stmt, read_user, a, out) : status;
}

static int sq_user_by_login(struct store *st, const char *login, struct arena *a, struct user *out)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = nr_bound(s, N_USER_BY_LOGIN, &status, "t", login);
	return stmt ? sq_collect_one(s, stmt, read_user, a, out) : status;
}

static int sq_user_list(struct store *st, int64_t site_id, struct arena *a, struct user **out, size_t *n)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = site_id ? nr_bound(s, N_USER_LIST_SITE, &status, "i", site_id)
				     : nr_bound(s, N_USER_LIST_ALL, &status, "");
	if (!stmt)
		return status;
	return sq_collect(s, stmt, read_user, sizeof **out, a, (void **)out, n);
}

static int sq_user_update(struct store *st, const struct user *u)
{
	struct sq *s = sq_of(st);
	if (!role_valid(u->role))
		return LOA_INVALID;
	int status = nr_exec(s, N_USER_UPDATE, "itdpdtii", u->id, u->name, u->role, u->site_id, (int)u->disabled,
			     u->pw_hash, u->pw_changed_at, u->last_login_at);
	return nr_changed(s, status);
}

/* ---- sessions ---- */

static int sq_session_add(struct store *st, const struct session *in)
{
	struct sq *s = sq_of(st);
	if (store_blank(in->token_hash))
		return LOA_INVALID;
	return nr_exec(s, N_SESSION_INSERT, "tiiiitt", in->token_hash, in->user_id, in->created_at, in->expires_at,
		       in->seen_at, in->addr, in->user_agent);
}

static int sq_session_get(struct store *st, const char *token_hash, struct arena *a, struct session *out)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = nr_bound(s, N_SESSION_GET, &status, "t", token_hash);
	return stmt ? sq_collect_one(s, stmt, read_session, a, out) : status;
}

/* LOA_NOTFOUND when the session is gone (revoked or purged). */
static int sq_session_touch(struct store *st, const char *token_hash, int64_t seen_at, int64_t expires_at)
{
	struct sq *s = sq_of(st);
	return nr_changed(s, nr_exec(s, N_SESSION_TOUCH, "tii", token_hash, seen_at, expires_at));
}

/* Deleting what is not there is not an error: logging out twice is fine. */
static int sq_session_delete(struct store *st, const char *token_hash)
{
	return nr_exec(sq_of(st), N_SESSION_DELETE, "t", token_hash);
}

static int sq_session_delete_user(struct store *st, int64_t user_id)
{
	return nr_exec(sq_of(st), N_SESSION_DELETE_USER, "i", user_id);
}

static int sq_session_purge(struct store *st, int64_t now)
{
	return nr_exec(sq_of(st), N_SESSION_PURGE, "i", now);
}

/* ---- audit log ---- */

/* site_id and user_id 0 are stored as "none". */
static int sq_audit_add(struct store *st, const struct audit_entry *e)
{
	struct sq *s = sq_of(st);
	if (store_blank(e->action))
		return LOA_INVALID;
	return nr_exec(s, N_AUDIT_INSERT, "pptttti", e->site_id, e->user_id, e->action, e->object, e->detail,
		       e->addr, e->at ? e->at : sq_now());
}

/* limit <= 0 means no limit. */
static int sq_audit_list(struct store *st, int64_t site_id, int limit, int offset, struct arena *a,
			 struct audit_entry **out, size_t *n)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = site_id ? nr_bound(s, N_AUDIT_LIST_SITE, &status, "idd", site_id, page_limit(limit),
						 page_offset(offset))
				     : nr_bound(s, N_AUDIT_LIST_ALL, &status, "dd", page_limit(limit),
						page_offset(offset));
	if (!stmt)
		return status;
	return sq_collect(s, stmt, read_audit, sizeof **out, a, (void **)out, n);
}

/* ---- articles ---- */

/* Writes "Bài viết đã được Nguyễn Văn A lưu lúc 14:05 (phiên bản 7)." into
 * out, naming the day too when it was not today: what a version conflict
 * says. */
static void conflict_message(struct buf *out, const char *who, int64_t at, int64_t version, int64_t now)
{
	struct vn_date d;
	vn_from_unix(at, &d);
	buf_setlen(out, 0);
	buf_adds(out, "Bài viết đã được ");
	if (*who)
		buf_addf(out, "%s ", who);
	buf_addf(out, "lưu lúc %02d:%02d", d.hour, d.min);
	if (vn_day(at) != vn_day(now))
		buf_addf(out, " ngày %02d/%02d/%04d", d.day, d.month, d.year);
	buf_addf(out, " (phiên bản %lld).", (long long)version);
}

/* Explains why the versioned update of article `id` changed nothing:
 * LOA_CONFLICT with who saved last (the message kept in the connection's
 * slot), or LOA_NOTFOUND. */
static int save_conflict(struct sq *s, int64_t site_id, int64_t id, int64_t now, const char **msg)
{
	int status;
	sqlite3_stmt *stmt = nr_bound(s, N_ART_LAST_SAVE, &status, "ii", id, site_id);
	if (!stmt)
		return status;
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		const unsigned char *who = sqlite3_column_text(stmt, 1);
		conflict_message(&s->newsroom->msg, who ? (const char *)who : "", sqlite3_column_int64(stmt, 2),
				 sqlite3_column_int64(stmt, 0), now);
		*msg = s->newsroom->msg.data;
		status = LOA_CONFLICT;
	} else if (rc == SQLITE_DONE) {
		*msg = "Bài viết không còn tồn tại.";
		status = LOA_NOTFOUND;
	} else {
		status = sq_status(s, rc);
	}
	sq_stmt_done(stmt);
	return status;
}

static bool status_valid(int status)
{
	return status >= ARTICLE_DRAFT && status <= ARTICLE_PUBLISHED;
}

static int sq_article_save(struct store *st, const struct article_edit *e, int64_t now, int64_t *id, int64_t *version,
			   const char **err)
{
	struct sq *s = sq_of(st);
	const struct article *art = &e->art;
	const char *msg = NULL;
	struct buf slug = BUF_INIT;
	int status = LOA_INVALID;
	int64_t row = art->id, ver = 0;

	if (store_blank(art->title)) {
		msg = "Tiêu đề bài viết trống.";
		goto done;
	}
	if (!status_valid(art->status)) {
		msg = "Trạng thái bài viết không hợp lệ.";
		goto done;
	}
	if (art->slug && *art->slug)
		buf_adds(&slug, art->slug);
	else
		text_slug(&slug, art->title, SQ_SLUG_MAX);
	int64_t published = art->published_at;
	if (!published && art->status == ARTICLE_PUBLISHED)
		published = now;

	struct sq_unit u;
	status = sq_unit_begin(s, &u);
	if (status != LOA_OK)
		goto done;
	int64_t one;
	status = nr_query_i64(s, &one, N_CAT_IN_SITE, "ii", art->category_id, art->site_id);
	if (status == LOA_NOTFOUND) {
		msg = "Chuyên mục không thuộc trang này.";
		status = LOA_INVALID;
	}
	if (status == LOA_OK && !row) {
		status = nr_exec(s, N_ART_INSERT, "iitttttttttdiidddptt", art->site_id, art->category_id, art->title,
				 slug.data, art->lead, art->body_html, art->image, art->caption, art->author, art->source,
				 art->external_id, art->status, published, now, (int)art->featured, art->featured_order,
				 art->hot_pin, e->user_id, e->review_note, art->image_srcset);
		if (status == LOA_OK) {
			row = sqlite3_last_insert_rowid(s->db);
			ver = 1;
		}
	} else if (status == LOA_OK) {
		status = nr_exec(s, N_ART_UPDATE, "iiittttttttdidddtpiit", row, art->site_id, art->category_id,
				 art->title, slug.data, art->lead, art->body_html, art->image, art->caption, art->author,
				 art->source, art->status, published, (int)art->featured, art->featured_order,
				 art->hot_pin, e->review_note, e->user_id, now, e->version, art->image_srcset);
		if (status == LOA_OK && sqlite3_changes(s->db) == 0)
			status = save_conflict(s, art->site_id, row, now, &msg);
		else if (status == LOA_OK)
			ver = e->version + 1;
	}
	if (status == LOA_OK)
		status = nr_exec(s, N_REV_INSERT, "ipi", row, e->user_id, now);
	if (status == LOA_OK && e->set_extras) {
		status = nr_exec(s, N_ART_SEO_SET, "iit", row, art->site_id, e->seo_description ? e->seo_description : "");
		if (status == LOA_OK)
			status = nr_exec(s, N_REL_CLEAR, "i", row);
		for (size_t i = 0; status == LOA_OK && i < e->nrelated; i++)
			status = nr_exec(s, N_REL_ADD, "iidi", row, e->related[i], (int)i, art->site_id);
	}
	status = sq_unit_end(s, &u, status);
done:
	if (status == LOA_OK) {
		if (id)
			*id = row;
		if (version)
			*version = ver;
	} else {
		sq_set_err(err, msg ? msg : sq_status_message(status));
	}
	buf_reset(&slug);
	return status;
}

static void read_text(sqlite3_stmt *stmt, struct arena *a, void *p)
{
	*(const char **)p = sq_col_text(stmt, 0, a);
}

static int sq_article_seo(struct store *st, int64_t site_id, int64_t id, struct arena *a, const char **out)
{
	struct sq *s = sq_of(st);
	int status;
	*out = "";
	sqlite3_stmt *stmt = nr_bound(s, N_ART_SEO_GET, &status, "ii", id, site_id);
	return stmt ? sq_collect_one(s, stmt, read_text, a, out) : status;
}

static int sq_article_related(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct article **out,
			      size_t *n)
{
	struct sq *s = sq_of(st);
	int status;
	*out = NULL;
	*n = 0;
	sqlite3_stmt *stmt = nr_bound(s, N_REL_LIST, &status, "ii", id, site_id);
	return stmt ? sq_collect(s, stmt, sq_read_article, sizeof **out, a, (void **)out, n) : status;
}

static int sq_article_meta(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct article_meta *out)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = nr_bound(s, N_ART_META, &status, "ii", site_id, id);
	return stmt ? sq_collect_one(s, stmt, read_meta, a, out) : status;
}

/* The title filter: q with whitespace squeezed, then folded (as loa_fold()
 * folds titles); "" when q is blank. */
static void title_filter(struct buf *out, const char *q)
{
	if (store_blank(q))
		return;
	struct buf tmp = BUF_INIT;
	buf_adds(&tmp, q);
	store_name_squeeze(tmp.data);
	text_fold(out, tmp.data, strlen(tmp.data));
	buf_reset(&tmp);
}

/* limit <= 0 means no limit. */
static int sq_article_admin_list(struct store *st, const struct article_filter *f, struct arena *a,
				 struct article **out, size_t *n, int64_t *total)
{
	struct sq *s = sq_of(st);
	struct buf q = BUF_INIT;
	title_filter(&q, f->q);
	int status;
	*out = NULL;
	*n = 0;
	sqlite3_stmt *stmt = nr_bound(s, N_ART_ADMIN_LIST, &status, "idiitdd", f->site_id, f->status, f->created_by,
				      f->category_id, q.data, page_limit(f->limit), page_offset(f->offset));
	if (stmt)
		status = sq_collect(s, stmt, sq_read_article, sizeof **out, a, (void **)out, n);
	if (status == LOA_OK && total) {
		*total = 0;
		stmt = nr_bound(s, N_ART_ADMIN_COUNT, &status, "idiit", f->site_id, f->status, f->created_by,
				f->category_id, q.data);
		if (stmt)
			status = sq_one_i64(s, stmt, total);
		if (status == LOA_NOTFOUND)
			status = LOA_ERROR;
	}
	buf_reset(&q);
	return status;
}

static int sq_article_publish_due(struct store *st, int64_t now, int *count)
{
	struct sq *s = sq_of(st);
	int status = nr_exec(s, N_ART_PUBLISH_DUE, "i", now);
	if (count)
		*count = status == LOA_OK ? sqlite3_changes(s->db) : 0;
	return status;
}

/* Does not change the article's version: flags are not part of what an
 * editor's open form could overwrite unknowingly. */
static int sq_article_flags(struct store *st, int64_t site_id, int64_t id, bool featured, int featured_order,
			    int hot_pin)
{
	struct sq *s = sq_of(st);
	return nr_changed(s, nr_exec(s, N_ART_FLAGS, "iiddd", site_id, id, (int)featured, featured_order, hot_pin));
}

static int sq_revision_list(struct store *st, int64_t article_id, struct arena *a, struct revision **out, size_t *n)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = nr_bound(s, N_REV_LIST, &status, "i", article_id);
	if (!stmt)
		return status;
	return sq_collect(s, stmt, read_revision, sizeof **out, a, (void **)out, n);
}

static int sq_revision_get(struct store *st, int64_t article_id, int64_t id, struct arena *a, struct revision *out)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = nr_bound(s, N_REV_GET, &status, "ii", article_id, id);
	return stmt ? sq_collect_one(s, stmt, read_revision, a, out) : status;
}

static int sq_autosave_put(struct store *st, int64_t site_id, int64_t article_id, int64_t user_id, const char *data,
			   int64_t now)
{
	return nr_exec(sq_of(st), N_AUTOSAVE_PUT, "iiiti", site_id, article_id, user_id, data, now);
}

static int sq_autosave_get(struct store *st, int64_t site_id, int64_t article_id, int64_t user_id, struct arena *a,
			   const char **data, int64_t *at)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = nr_bound(s, N_AUTOSAVE_GET, &status, "iii", site_id, article_id, user_id);
	if (!stmt)
		return status;
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		if (data)
			*data = sq_col_text(stmt, 0, a);
		if (at)
			*at = sqlite3_column_int64(stmt, 1);
		status = LOA_OK;
	} else {
		status = rc == SQLITE_DONE ? LOA_NOTFOUND : sq_status(s, rc);
	}
	sq_stmt_done(stmt);
	return status;
}

static int sq_autosave_delete(struct store *st, int64_t site_id, int64_t article_id, int64_t user_id)
{
	return nr_exec(sq_of(st), N_AUTOSAVE_DELETE, "iii", site_id, article_id, user_id);
}

/* ---- categories ---- */

/* The name as stored: NFC, whitespace trimmed and squeezed; NULL with
 * *msg when it is not valid UTF-8 or blank. */
static char *category_name(struct arena *a, const char *name, const char **msg)
{
	char *out = text_clean(a, name ? name : "", name ? strlen(name) : 0);
	if (!out) {
		*msg = "Tên chuyên mục không phải văn bản UTF-8 hợp lệ.";
		return NULL;
	}
	store_name_squeeze(out);
	if (!*out) {
		*msg = "Tên chuyên mục trống.";
		return NULL;
	}
	return out;
}

/* A slug an editor may choose: lower-case ASCII letters, digits and inner
 * hyphens, at most SQ_SLUG_MAX bytes. */
static bool slug_valid(const char *slug)
{
	size_t n = strlen(slug);
	if (n == 0 || n > SQ_SLUG_MAX || slug[0] == '-' || slug[n - 1] == '-')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = slug[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
			return false;
	}
	return true;
}

/* The category's parent must be a category of the site outside its own
 * subtree (self = 0 for a new category). LOA_OK, or LOA_INVALID with *msg. */
static int check_parent(struct sq *s, int64_t site_id, int64_t self, int64_t parent, const char **msg)
{
	if (!parent)
		return LOA_OK;
	int64_t one;
	int status = nr_query_i64(s, &one, N_CAT_IN_SITE, "ii", parent, site_id);
	if (status == LOA_NOTFOUND) {
		*msg = "Chuyên mục cha không thuộc trang này.";
		return LOA_INVALID;
	}
	if (status != LOA_OK || !self)
		return status;
	status = nr_query_i64(s, &one, N_CAT_IN_SUBTREE, "ii", self, parent);
	if (status == LOA_OK) {
		*msg = "Không thể chuyển chuyên mục vào chính nó hoặc vào chuyên mục con của nó.";
		return LOA_INVALID;
	}
	return status == LOA_NOTFOUND ? LOA_OK : status;
}

/* LOA_CONFLICT with *msg when a sibling under `parent` has this name. */
static int check_sibling_name(struct sq *s, int64_t site_id, int64_t self, int64_t parent, const char *name,
			      const char **msg)
{
	int64_t other;
	int status = nr_query_i64(s, &other, N_CAT_SIBLING_NAMED, "ipit", site_id, parent, self, name);
	if (status == LOA_OK) {
		*msg = "Đã có chuyên mục cùng tên ở cấp này.";
		return LOA_CONFLICT;
	}
	return status == LOA_NOTFOUND ? LOA_OK : status;
}

/* A live slug is never also an alias: a category taking a slug drops the
 * alias that pointed elsewhere. */
static int sq_category_add(struct store *st, int64_t site_id, int64_t parent_id, const char *name, int64_t *id,
			   const char **err)
{
	struct sq *s = sq_of(st);
	struct arena *a = arena_new();
	struct buf slug = BUF_INIT;
	const char *msg = NULL;
	int status = LOA_INVALID;
	char *nm = category_name(a, name, &msg);
	if (!nm)
		goto done;
	struct sq_unit u;
	status = sq_unit_begin(s, &u);
	if (status != LOA_OK)
		goto done;
	status = check_parent(s, site_id, 0, parent_id, &msg);
	if (status == LOA_OK)
		status = check_sibling_name(s, site_id, 0, parent_id, nm, &msg);
	if (status == LOA_OK) {
		status = sq_category_new_slug(s, site_id, nm, &slug);
		if (status == LOA_CONFLICT)
			msg = "Không tạo được đường dẫn riêng cho chuyên mục.";
	}
	if (status == LOA_OK)
		status = nr_exec(s, N_CAT_INSERT, "iptt", site_id, parent_id, nm, slug.data);
	int64_t row = status == LOA_OK ? sqlite3_last_insert_rowid(s->db) : 0;
	if (status == LOA_OK)
		status = nr_exec(s, N_ALIAS_DROP, "it", site_id, slug.data);
	status = sq_unit_end(s, &u, status);
	if (status == LOA_OK && id)
		*id = row;
done:
	if (status != LOA_OK)
		sq_set_err(err, msg ? msg : sq_status_message(status));
	buf_reset(&slug);
	arena_free(a);
	return status;
}

/* An empty c->slug keeps the current one. A changed slug is checked
 * (format, reserved paths, uniqueness in the site) and the old one becomes
 * an alias of this category. */
static int sq_category_update(struct store *st, const struct category *c, const char **err)
{
	struct sq *s = sq_of(st);
	struct arena *a = arena_new();
	const char *msg = NULL;
	int status = LOA_INVALID;
	char *nm = category_name(a, c->name, &msg);
	if (!nm)
		goto done;
	struct sq_unit u;
	status = sq_unit_begin(s, &u);
	if (status != LOA_OK)
		goto done;
	struct category cur;
	sqlite3_stmt *stmt = nr_bound(s, N_CAT_GET, &status, "ii", c->id, c->site_id);
	if (stmt)
		status = sq_collect_one(s, stmt, sq_read_category, a, &cur);
	if (status == LOA_NOTFOUND)
		msg = "Chuyên mục không tồn tại.";
	if (status == LOA_OK)
		status = check_parent(s, c->site_id, c->id, c->parent_id, &msg);
	if (status == LOA_OK)
		status = check_sibling_name(s, c->site_id, c->id, c->parent_id, nm, &msg);
	const char *slug = status == LOA_OK ? cur.slug : "";
	bool renamed = status == LOA_OK && c->slug && *c->slug && strcmp(c->slug, cur.slug) != 0;
	if (renamed) {
		int64_t owner;
		if (!slug_valid(c->slug)) {
			msg = "Đường dẫn chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang.";
			status = LOA_INVALID;
		} else if (store_slug_reserved(c->slug)) {
			msg = "Đường dẫn này trùng với một trang của hệ thống.";
			status = LOA_INVALID;
		} else if ((status = nr_query_i64(s, &owner, N_CAT_SLUG_OWNER, "it", c->site_id, c->slug)) == LOA_OK) {
			msg = "Đường dẫn đã được chuyên mục khác dùng.";
			status = LOA_CONFLICT;
		} else if (status == LOA_NOTFOUND) {
			status = LOA_OK;
			slug = c->slug;
		}
	}
	if (status == LOA_OK)
		status = nr_exec(s, N_CAT_UPDATE, "iittpd", c->id, c->site_id, nm, slug, c->parent_id, c->position);
	if (status == LOA_OK && renamed)
		status = nr_exec(s, N_ALIAS_DROP, "it", c->site_id, slug);
	if (status == LOA_OK && renamed)
		status = nr_exec(s, N_ALIAS_PUT, "iti", c->site_id, cur.slug, c->id);
	status = sq_unit_end(s, &u, status);
done:
	if (status != LOA_OK)
		sq_set_err(err, msg ? msg : sq_status_message(status));
	arena_free(a);
	return status;
}

/* The refusal names how many articles are in the way; that message lives
 * in the connection's slot until the next newsroom call. */
static int sq_category_delete(struct store *st, int64_t site_id, int64_t id, const char **err)
{
	struct sq *s = sq_of(st);
	const char *msg = NULL;
	struct sq_unit u;
	int status = sq_unit_begin(s, &u);
	if (status != LOA_OK)
		goto done;
	int64_t one, count = 0;
	status = nr_query_i64(s, &one, N_CAT_IN_SITE, "ii", id, site_id);
	if (status == LOA_NOTFOUND)
		msg = "Chuyên mục không tồn tại.";
	if (status == LOA_OK)
		status = nr_query_i64(s, &count, N_CAT_ARTICLES, "i", id);
	if (status == LOA_OK && count > 0) {
		struct buf *m = &s->newsroom->msg;
		buf_setlen(m, 0);
		buf_addf(m, "Chuyên mục còn %lld bài viết; hãy chuyển các bài sang chuyên mục khác trước khi xóa.",
			 (long long)count);
		msg = m->data;
		status = LOA_CONFLICT;
	}
	if (status == LOA_OK)
		status = nr_query_i64(s, &count, N_CAT_CHILDREN, "i", id);
	if (status == LOA_OK && count > 0) {
		msg = "Chuyên mục còn chuyên mục con; hãy chuyển hoặc xóa các chuyên mục con trước.";
		status = LOA_CONFLICT;
	}
	if (status == LOA_OK)
		status = nr_changed(s, nr_exec(s, N_CAT_DELETE, "ii", id, site_id));
	status = sq_unit_end(s, &u, status);
done:
	if (status != LOA_OK)
		sq_set_err(err, msg ? msg : sq_status_message(status));
	return status;
}

static int sq_category_by_alias(struct store *st, int64_t site_id, const char *old_slug, struct arena *a,
				struct category *out)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = nr_bound(s, N_CAT_BY_ALIAS, &status, "it", site_id, old_slug);
	return stmt ? sq_collect_one(s, stmt, sq_read_category, a, out) : status;
}

/* ---- linked websites ---- */

static int sq_link_update(struct store *st, const struct link *l)
{
	struct sq *s = sq_of(st);
	if (store_blank(l->title) || store_blank(l->url) || (l->kind != LINK_WEBSITE && l->kind != LINK_SERVICE))
		return LOA_INVALID;
	return nr_changed(s, nr_exec(s, N_LINK_UPDATE, "iittdd", l->id, l->site_id, l->title, l->url, l->position,
				     l->kind));
}

static int sq_link_delete(struct store *st, int64_t site_id, int64_t id)
{
	struct sq *s = sq_of(st);
	return nr_changed(s, nr_exec(s, N_LINK_DELETE, "ii", id, site_id));
}

/* ---- work calendar ---- */

static int sq_calendar_get(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct cal_item *out)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = nr_bound(s, N_CAL_GET, &status, "ii", id, site_id);
	return stmt ? sq_collect_one(s, stmt, sq_read_cal_item, a, out) : status;
}

static int sq_calendar_update(struct store *st, const struct cal_item *it)
{
	struct sq *s = sq_of(st);
	if (store_blank(it->content) || it->session < CAL_MORNING || it->session > CAL_EVENING || it->state < 0 ||
	    it->state > 2)
		return LOA_INVALID;
	int status = nr_exec(s, N_CAL_UPDATE, "iiidtttttttdi", it->id, it->site_id, it->day, it->session, it->start_time,
			     it->content, it->chair, it->participants, it->location, it->unit, it->note, it->state,
			     sq_now());
	return nr_changed(s, status);
}

static int sq_calendar_delete(struct store *st, int64_t site_id, int64_t id)
{
	struct sq *s = sq_of(st);
	return nr_changed(s, nr_exec(s, N_CAL_DELETE, "ii", id, site_id));
}

/* One statement, so the copy is atomic without a unit. */
static int sq_calendar_copy_week(struct store *st, int64_t site_id, int64_t from_monday, int64_t to_monday,
				 int *copied)
{
	struct sq *s = sq_of(st);
	int status = nr_exec(s, N_CAL_COPY_WEEK, "iiii", site_id, from_monday, to_monday, sq_now());
	if (copied)
		*copied = status == LOA_OK ? sqlite3_changes(s->db) : 0;
	return status;
}

/* ---- media library ---- */

static int sq_media_by_path(struct store *st, int64_t site_id, const char *path, struct arena *a,
			    struct media *out)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = nr_bound(s, N_MEDIA_BY_PATH, &status, "it", site_id, path);
	return stmt ? sq_collect_one(s, stmt, sq_read_media, a, out) : status;
}

static int sq_media_get(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct media *out)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = nr_bound(s, N_MEDIA_GET, &status, "ii", id, site_id);
	return stmt ? sq_collect_one(s, stmt, sq_read_media, a, out) : status;
}

static int sq_media_update(struct store *st, const struct media *m)
{
	struct sq *s = sq_of(st);
	return nr_changed(s, nr_exec(s, N_MEDIA_UPDATE, "iitt", m->id, m->site_id, m->alt, m->caption));
}

/* Newest first; limit <= 0 means no limit; folded "" matches every image. */
static int sq_media_find(struct store *st, int64_t site_id, const char *folded, int limit, int offset,
			 struct arena *a, struct media **out, size_t *n, int64_t *total)
{
	struct sq *s = sq_of(st);
	int status;
	*out = NULL;
	*n = 0;
	sqlite3_stmt *stmt = nr_bound(s, N_MEDIA_FIND, &status, "iddt", site_id, page_limit(limit), page_offset(offset),
				      folded);
	if (!stmt)
		return status;
	status = sq_collect(s, stmt, sq_read_media, sizeof **out, a, (void **)out, n);
	if (status != LOA_OK || !total)
		return status;
	*total = 0;
	status = nr_query_i64(s, total, N_MEDIA_FIND_COUNT, "it", site_id, folded);
	return status == LOA_NOTFOUND ? LOA_ERROR : status;
}

static int sq_media_list(struct store *st, int64_t site_id, int limit, int offset, struct arena *a,
			 struct media **out, size_t *n, int64_t *total)
{
	return sq_media_find(st, site_id, "", limit, offset, a, out, n, total);
}

static void read_media_use(sqlite3_stmt *stmt, struct arena *a, void *p)
{
	struct media_use *o = p;
	o->kind = sqlite3_column_int(stmt, 0);
	o->id = sqlite3_column_int64(stmt, 1);
	o->title = sq_col_text(stmt, 2, a);
}

static int sq_media_uses(struct store *st, int64_t site_id, const char *path, const char *stem, struct arena *a,
			 struct media_use **out, size_t *n)
{
	struct sq *s = sq_of(st);
	int status;
	*out = NULL;
	*n = 0;
	sqlite3_stmt *stmt = nr_bound(s, N_MEDIA_USES, &status, "itt", site_id, path, stem);
	return stmt ? sq_collect(s, stmt, read_media_use, sizeof **out, a, (void **)out, n) : status;
}

static int sq_media_delete(struct store *st, int64_t site_id, int64_t id)
{
	struct sq *s = sq_of(st);
	return nr_changed(s, nr_exec(s, N_MEDIA_DELETE, "ii", id, site_id));
}

/* ---- statistics ---- */

static int sq_visits_daily(struct store *st, int64_t site_id, int64_t from_day, int64_t to_day, struct arena *a,
			   struct visit_delta **out, size_t *n)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = nr_bound(s, N_VISITS_DAILY, &status, "iii", site_id, from_day, to_day);
	if (!stmt)
		return status;
	return sq_collect(s, stmt, read_visit, sizeof **out, a, (void **)out, n);
}

static void read_category_count(sqlite3_stmt *stmt, struct arena *a, void *p)
{
	struct category_count *o = p;
	(void)a;
	o->category_id = sqlite3_column_int64(stmt, 0);
	o->articles = sqlite3_column_int64(stmt, 1);
}

static int sq_category_counts(struct store *st, int64_t site_id, struct arena *a, struct category_count **out,
			      size_t *n)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = nr_bound(s, N_CAT_COUNTS, &status, "i", site_id);
	if (!stmt)
		return status;
	return sq_collect(s, stmt, read_category_count, sizeof **out, a, (void **)out, n);
}

static int sq_editor_counts(struct store *st, int64_t site_id, int64_t from, int64_t to, struct arena *a,
			    struct editor_count **out, size_t *n)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = nr_bound(s, N_EDITOR_COUNTS, &status, "iii", site_id, from, to);
	if (!stmt)
		return status;
	return sq_collect(s, stmt, read_editor_count, sizeof **out, a, (void **)out, n);
}

/* ---- the database secret ---- */

/* Reads the secret, making it first when the row is missing. A value that
 * is not 32 bytes of blob (a damaged row) is LOA_ERROR, never replaced:
 * replacing it would silently void every outstanding token. */
static int sq_secret(struct store *st, unsigned char out[32])
{
	struct sq *s = sq_of(st);
	int status = LOA_NOTFOUND;
	for (int attempt = 0; attempt < 2 && status == LOA_NOTFOUND; attempt++) {
		if (attempt == 1) {
			status = nr_exec(s, N_SECRET_MAKE, "");
			if (status != LOA_OK)
				break;
		}
		sqlite3_stmt *stmt = nr_bound(s, N_SECRET_GET, &status, "");
		if (!stmt)
			break;
		int rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW) {
			const void *v = sqlite3_column_blob(stmt, 0);
			if (sqlite3_column_type(stmt, 0) == SQLITE_BLOB && sqlite3_column_bytes(stmt, 0) == 32 && v) {
				memcpy(out, v, 32);
				status = LOA_OK;
			} else {
				log_error("khóa bí mật trong cơ sở dữ liệu bị hỏng");
				status = LOA_ERROR;
			}
		} else {
			status = rc == SQLITE_DONE ? LOA_NOTFOUND : sq_status(s, rc);
		}
		sq_stmt_done(stmt);
	}
	return status == LOA_NOTFOUND ? LOA_ERROR : status;
}

const struct store_newsroom_ops sq_newsroom_ops = {
	.user_add = sq_user_add,
	.user_get = sq_user_get,
	.user_by_login = sq_user_by_login,
	.user_list = sq_user_list,
	.user_update = sq_user_update,
	.session_add = sq_session_add,
	.session_get = sq_session_get,
	.session_touch = sq_session_touch,
	.session_delete = sq_session_delete,
	.session_delete_user = sq_session_delete_user,
	.session_purge = sq_session_purge,
	.audit_add = sq_audit_add,
	.audit_list = sq_audit_list,
	.article_save = sq_article_save,
	.article_meta = sq_article_meta,
	.article_admin_list = sq_article_admin_list,
	.article_publish_due = sq_article_publish_due,
	.article_flags = sq_article_flags,
	.revision_list = sq_revision_list,
	.revision_get = sq_revision_get,
	.autosave_put = sq_autosave_put,
	.autosave_get = sq_autosave_get,
	.autosave_delete = sq_autosave_delete,
	.category_add = sq_category_add,
	.category_update = sq_category_update,
	.category_delete = sq_category_delete,
	.category_by_alias = sq_category_by_alias,
	.category_counts = sq_category_counts,
	.link_update = sq_link_update,
	.link_delete = sq_link_delete,
	.calendar_get = sq_calendar_get,
	.calendar_update = sq_calendar_update,
	.calendar_delete = sq_calendar_delete,
	.calendar_copy_week = sq_calendar_copy_week,
	.media_list = sq_media_list,
	.media_get = sq_media_get,
	.media_by_path = sq_media_by_path,
	.media_update = sq_media_update,
	.media_find = sq_media_find,
	.article_seo = sq_article_seo,
	.article_related = sq_article_related,
	.media_uses = sq_media_uses,
	.media_delete = sq_media_delete,
	.visits_daily = sq_visits_daily,
	.editor_counts = sq_editor_counts,
	.secret = sq_secret,
};
