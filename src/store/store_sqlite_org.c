/* store_sqlite_org.c — "Giới thiệu" (store_org.h) in the SQLite backend:
 * static pages and their revisions, organisation units and officials.
 * Schema: migration 6.
 *
 * How it is built: as store_sqlite_feedback.c — every statement written
 * once in the `org_sql` table with bound parameters, prepared on first use
 * into this file's slot of the connection (struct sq_org, made on first
 * use, freed with the connection). Every query names its site; a parent
 * unit or an official's unit must be of the same site, checked in the
 * statement that writes the reference. */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>

#include <sqlite3.h>

#include "core/arena.h"
#include "core/status.h"
#include "store/store_org.h"
#include "store/store_sqliteInt.h"

enum org_id {
	O_PAGE_LIST,
	O_PAGE_LIST_PUBLISHED,
	O_PAGE_GET,
	O_PAGE_BY_SLUG,
	O_PAGE_INSERT,
	O_PAGE_UPDATE,
	O_PAGE_EXISTS,
	O_PAGE_VERSION,
	O_PAGE_DELETE,
	O_REV_INSERT,
	O_REV_LIST,
	O_REV_GET,
	O_UNIT_LIST,
	O_UNIT_GET,
	O_UNIT_INSERT,
	O_UNIT_UPDATE,
	O_UNIT_EXISTS,
	O_UNIT_CHILDREN,
	O_UNIT_MEMBERS,
	O_UNIT_DELETE,
	O_OFF_LIST,
	O_OFF_GET,
	O_OFF_INSERT,
	O_OFF_UPDATE,
	O_OFF_EXISTS,
	O_OFF_DELETE,
	O_COUNT
};

/* read_page's columns. */
#define PAGE_SELECT                                                                                    \
	"SELECT p.id, p.site_id, p.slug, p.title, p.body_html, p.title_en, p.body_en, p.position, "      \
	"p.published, p.version, COALESCE(p.updated_by, 0), COALESCE(NULLIF(u.name, ''), u.login, ''), " \
	"p.created_at, p.updated_at FROM org_pages p LEFT JOIN users u ON u.id = p.updated_by "
#define PAGE_ORDER "ORDER BY p.position, p.id"
/* read_revision's columns; the page must be of site ?1. */
#define REV_SELECT                                                                                      \
	"SELECT r.id, r.page_id, COALESCE(r.user_id, 0), COALESCE(NULLIF(u.name, ''), u.login, ''), r.at, " \
	"r.title, r.body_html, r.title_en, r.body_en FROM org_page_revisions r "                            \
	"JOIN org_pages p ON p.id = r.page_id AND p.site_id = ?1 LEFT JOIN users u ON u.id = r.user_id "
#define UNIT_SELECT                                                                                 \
	"SELECT id, site_id, COALESCE(parent_id, 0), name, name_en, address, phone, email, functions, " \
	"functions_en, position FROM org_units "
#define OFF_SELECT                                                                                           \
	"SELECT o.id, o.site_id, COALESCE(o.unit_id, 0), COALESCE(u.name, ''), o.name, o.title, o.title_en, " \
	"o.phone, o.email, o.photo, o.position, o.is_leader FROM org_officials o "                         \
	"LEFT JOIN org_units u ON u.id = o.unit_id "
/* ?u is NULL or a unit of site ?s. */
#define UNIT_OF_SITE(u, s) "(" u " IS NULL OR EXISTS (SELECT 1 FROM org_units WHERE id = " u " AND site_id = " s "))"

static const char *const org_sql[O_COUNT] = {
	[O_PAGE_LIST] = PAGE_SELECT "WHERE p.site_id = ?1 " PAGE_ORDER,
	[O_PAGE_LIST_PUBLISHED] = PAGE_SELECT "WHERE p.site_id = ?1 AND p.published = 1 " PAGE_ORDER,
	[O_PAGE_GET] = PAGE_SELECT "WHERE p.site_id = ?1 AND p.id = ?2",
	[O_PAGE_BY_SLUG] = PAGE_SELECT "WHERE p.site_id = ?1 AND p.slug = ?2",
	[O_PAGE_INSERT] = "INSERT INTO org_pages (site_id, slug, title, body_html, title_en, body_en, position, "
			  "published, version, updated_by, created_at, updated_at) "
			  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9, ?10, ?10)",
	[O_PAGE_UPDATE] = "UPDATE org_pages SET slug = ?4, title = ?5, body_html = ?6, title_en = ?7, body_en = ?8, "
			  "position = ?9, published = ?10, updated_by = ?11, updated_at = ?12, version = version + 1 "
			  "WHERE id = ?1 AND site_id = ?2 AND version = ?3",
	[O_PAGE_EXISTS] = "SELECT 1 FROM org_pages WHERE id = ?1 AND site_id = ?2",
	[O_PAGE_VERSION] = "SELECT version FROM org_pages WHERE id = ?1",
	[O_PAGE_DELETE] = "DELETE FROM org_pages WHERE id = ?1 AND site_id = ?2",
	[O_REV_INSERT] = "INSERT INTO org_page_revisions (page_id, user_id, at, title, body_html, title_en, body_en) "
			 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[O_REV_LIST] = REV_SELECT "WHERE r.page_id = ?2 ORDER BY r.id DESC",
	[O_REV_GET] = REV_SELECT "WHERE r.page_id = ?2 AND r.id = ?3",

	[O_UNIT_LIST] = UNIT_SELECT "WHERE site_id = ?1 ORDER BY position, name, id",
	[O_UNIT_GET] = UNIT_SELECT "WHERE site_id = ?1 AND id = ?2",
	[O_UNIT_INSERT] = "INSERT INTO org_units (site_id, parent_id, name, name_en, address, phone, email, functions, "
			  "functions_en, position) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10 "
			  "WHERE " UNIT_OF_SITE("?2", "?1"),
	[O_UNIT_UPDATE] = "UPDATE org_units SET parent_id = ?3, name = ?4, name_en = ?5, address = ?6, phone = ?7, "
			  "email = ?8, functions = ?9, functions_en = ?10, position = ?11 "
			  "WHERE id = ?1 AND site_id = ?2 AND " UNIT_OF_SITE("?3", "?2"),
	[O_UNIT_EXISTS] = "SELECT 1 FROM org_units WHERE id = ?1 AND site_id = ?2",
	[O_UNIT_CHILDREN] = "SELECT count(*) FROM org_units WHERE parent_id = ?1",
	[O_UNIT_MEMBERS] = "SELECT count(*) FROM org_officials WHERE unit_id = ?1",
	[O_UNIT_DELETE] = "DELETE FROM org_units WHERE id = ?1 AND site_id = ?2",

	[O_OFF_LIST] = OFF_SELECT "WHERE o.site_id = ?1 ORDER BY o.position, o.name, o.id",
	[O_OFF_GET] = OFF_SELECT "WHERE o.site_id = ?1 AND o.id = ?2",
	[O_OFF_INSERT] = "INSERT INTO org_officials (site_id, unit_id, name, title, title_en, phone, email, photo, "
			 "position, is_leader) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10 "
			 "WHERE " UNIT_OF_SITE("?2", "?1"),
	[O_OFF_UPDATE] = "UPDATE org_officials SET unit_id = ?3, name = ?4, title = ?5, title_en = ?6, phone = ?7, "
			 "email = ?8, photo = ?9, position = ?10, is_leader = ?11 "
			 "WHERE id = ?1 AND site_id = ?2 AND " UNIT_OF_SITE("?3", "?2"),
	[O_OFF_EXISTS] = "SELECT 1 FROM org_officials WHERE id = ?1 AND site_id = ?2",
	[O_OFF_DELETE] = "DELETE FROM org_officials WHERE id = ?1 AND site_id = ?2",
};

/* This file's slot of the connection. */
struct sq_org {
	sqlite3_stmt *stmt[O_COUNT];
};

void sq_org_free(struct sq_org *o)
{
	if (!o)
		return;
	for (int i = 0; i < O_COUNT; i++)
		sqlite3_finalize(o->stmt[i]);
	free(o);
}

/* Statement `id` with its parameters bound (sq_bind_v), or NULL with
 * *status set. */
static sqlite3_stmt *org_bound(struct sq *s, enum org_id id, int *status, const char *types, ...)
{
	if (!s->org && !(s->org = calloc(1, sizeof *s->org)))
		abort();
	sqlite3_stmt *stmt = sq_prepare(s, &s->org->stmt[id], org_sql[id]);
	va_list ap;
	va_start(ap, types);
	*status = sq_bind_checked(s, stmt, types, ap);
	va_end(ap);
	return *status == LOA_OK ? stmt : NULL;
}

/* Runs a bound statement that returns no rows: LOA_OK, or LOA_NOTFOUND
 * when it changed no row. */
static int org_change(struct sq *s, sqlite3_stmt *stmt, int status)
{
	if (status != LOA_OK)
		return status;
	status = sq_run(s, stmt);
	return status == LOA_OK && sqlite3_changes(s->db) == 0 ? LOA_NOTFOUND : status;
}

/* Whether the row exists (a bound EXISTS or count statement). */
static int org_count(struct sq *s, sqlite3_stmt *stmt, int status, int64_t *n)
{
	*n = 0;
	if (status != LOA_OK)
		return status;
	status = sq_one_i64(s, stmt, n);
	return status == LOA_NOTFOUND ? LOA_OK : status;
}

/* ---- rows ---- */

static void read_page(sqlite3_stmt *stmt, struct arena *a, void *p)
{
	struct org_page *o = p;
	o->id = sqlite3_column_int64(stmt, 0);
	o->site_id = sqlite3_column_int64(stmt, 1);
	o->slug = sq_col_text(stmt, 2, a);
	o->title = sq_col_text(stmt, 3, a);
	o->body_html = sq_col_text(stmt, 4, a);
	o->title_en = sq_col_text(stmt, 5, a);
	o->body_en = sq_col_text(stmt, 6, a);
	o->position = sqlite3_column_int(stmt, 7);
	o->published = sqlite3_column_int(stmt, 8) != 0;
	o->version = sqlite3_column_int64(stmt, 9);
	o->updated_by = sqlite3_column_int64(stmt, 10);
	o->updated_by_name = sq_col_text(stmt, 11, a);
	o->created_at = sqlite3_column_int64(stmt, 12);
	o->updated_at = sqlite3_column_int64(stmt, 13);
}

static void read_revision(sqlite3_stmt *stmt, struct arena *a, void *p)
{
	struct org_page_revision *o = p;
	o->id = sqlite3_column_int64(stmt, 0);
	o->page_id = sqlite3_column_int64(stmt, 1);
	o->user_id = sqlite3_column_int64(stmt, 2);
	o->user_name = sq_col_text(stmt, 3, a);
	o->at = sqlite3_column_int64(stmt, 4);
	o->title = sq_col_text(stmt, 5, a);
	o->body_html = sq_col_text(stmt, 6, a);
	o->title_en = sq_col_text(stmt, 7, a);
	o->body_en = sq_col_text(stmt, 8, a);
}

static void read_unit(sqlite3_stmt *stmt, struct arena *a, void *p)
{
	struct org_unit *o = p;
	o->id = sqlite3_column_int64(stmt, 0);
	o->site_id = sqlite3_column_int64(stmt, 1);
	o->parent_id = sqlite3_column_int64(stmt, 2);
	o->name = sq_col_text(stmt, 3, a);
	o->name_en = sq_col_text(stmt, 4, a);
	o->address = sq_col_text(stmt, 5, a);
	o->phone = sq_col_text(stmt, 6, a);
	o->email = sq_col_text(stmt, 7, a);
	o->functions = sq_col_text(stmt, 8, a);
	o->functions_en = sq_col_text(stmt, 9, a);
	o->position = sqlite3_column_int(stmt, 10);
}

static void read_official(sqlite3_stmt *stmt, struct arena *a, void *p)
{
	struct org_official *o = p;
	o->id = sqlite3_column_int64(stmt, 0);
	o->site_id = sqlite3_column_int64(stmt, 1);
	o->unit_id = sqlite3_column_int64(stmt, 2);
	o->unit_name = sq_col_text(stmt, 3, a);
	o->name = sq_col_text(stmt, 4, a);
	o->title = sq_col_text(stmt, 5, a);
	o->title_en = sq_col_text(stmt, 6, a);
	o->phone = sq_col_text(stmt, 7, a);
	o->email = sq_col_text(stmt, 8, a);
	o->photo = sq_col_text(stmt, 9, a);
	o->position = sqlite3_column_int(stmt, 10);
	o->is_leader = sqlite3_column_int(stmt, 11) != 0;
}

/* A bound list statement collected into *out. */
static int org_list(struct sq *s, sqlite3_stmt *stmt, int status, sq_row_reader read, size_t size,
		    struct arena *a, void **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	return status == LOA_OK ? sq_collect(s, stmt, read, size, a, out, n) : status;
}

static int org_one(struct sq *s, sqlite3_stmt *stmt, int status, sq_row_reader read, struct arena *a, void *out)
{
	return status == LOA_OK ? sq_collect_one(s, stmt, read, a, out) : status;
}

/* ---- pages ---- */

static int sq_page_list(struct store *st, int64_t site_id, bool published_only, struct arena *a,
			struct org_page **out, size_t *n)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = org_bound(s, published_only ? O_PAGE_LIST_PUBLISHED : O_PAGE_LIST, &status, "i", site_id);
	return org_list(s, stmt, status, read_page, sizeof **out, a, (void **)out, n);
}

static int sq_page_get(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct org_page *out)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = org_bound(s, O_PAGE_GET, &status, "ii", site_id, id);
	return org_one(s, stmt, status, read_page, a, out);
}

static int sq_page_by_slug(struct store *st, int64_t site_id, const char *slug, struct arena *a,
			   struct org_page *out)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = org_bound(s, O_PAGE_BY_SLUG, &status, "it", site_id, slug);
	return org_one(s, stmt, status, read_page, a, out);
}

/* Insert or update, then the revision, in one unit of work. */
static int sq_page_save(struct store *st, const struct org_page *p, int64_t user_id, int64_t now, int64_t *id,
			int64_t *version, bool *slug_taken)
{
	struct sq *s = sq_of(st);
	struct sq_unit u;
	int64_t pid = p->id, exists = 0;
	*slug_taken = false;
	if (store_blank(p->slug) || store_blank(p->title))
		return LOA_INVALID;
	int status = sq_unit_begin(s, &u);
	if (status != LOA_OK)
		return status;
	sqlite3_stmt *stmt;
	if (!pid) {
		stmt = org_bound(s, O_PAGE_INSERT, &status, "itttttddpi", p->site_id, p->slug, p->title, p->body_html,
				 p->title_en, p->body_en, p->position, (int)p->published, user_id, now);
		status = org_change(s, stmt, status);
		pid = sqlite3_last_insert_rowid(s->db);
	} else {
		stmt = org_bound(s, O_PAGE_UPDATE, &status, "iiitttttddpi", pid, p->site_id, p->version, p->slug,
				 p->title, p->body_html, p->title_en, p->body_en, p->position, (int)p->published,
				 user_id, now);
		status = org_change(s, stmt, status);
		if (status == LOA_NOTFOUND) {
			/* no row of that version: stale, or no such page */
			stmt = org_bound(s, O_PAGE_EXISTS, &status, "ii", pid, p->site_id);
			status = org_count(s, stmt, status, &exists);
			if (status == LOA_OK)
				status = exists ? LOA_CONFLICT : LOA_NOTFOUND;
		} else if (status == LOA_CONFLICT) {
			*slug_taken = true;
		}
	}
	if (!p->id && status == LOA_CONFLICT)
		*slug_taken = true;
	if (status == LOA_OK) {
		stmt = org_bound(s, O_REV_INSERT, &status, "ipitttt", pid, user_id, now, p->title, p->body_html,
				 p->title_en, p->body_en);
		status = org_change(s, stmt, status);
	}
	if (status == LOA_OK) {
		stmt = org_bound(s, O_PAGE_VERSION, &status, "i", pid);
		if (status == LOA_OK)
			status = sq_one_i64(s, stmt, version);
	}
	status = sq_unit_end(s, &u, status);
	if (status == LOA_OK)
		*id = pid;
	return status;
}

static int sq_page_delete(struct store *st, int64_t site_id, int64_t id)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = org_bound(s, O_PAGE_DELETE, &status, "ii", id, site_id);
	return org_change(s, stmt, status);
}

static int sq_page_revisions(struct store *st, int64_t site_id, int64_t page_id, struct arena *a,
			     struct org_page_revision **out, size_t *n)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = org_bound(s, O_REV_LIST, &status, "ii", site_id, page_id);
	return org_list(s, stmt, status, read_revision, sizeof **out, a, (void **)out, n);
}

static int sq_page_revision_get(struct store *st, int64_t site_id, int64_t page_id, int64_t id, struct arena *a,
				struct org_page_revision *out)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = org_bound(s, O_REV_GET, &status, "iii", site_id, page_id, id);
	return org_one(s, stmt, status, read_revision, a, out);
}

/* ---- units ---- */

static int sq_unit_list(struct store *st, int64_t site_id, struct arena *a, struct org_unit **out, size_t *n)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = org_bound(s, O_UNIT_LIST, &status, "i", site_id);
	return org_list(s, stmt, status, read_unit, sizeof **out, a, (void **)out, n);
}

static int sq_unit_get(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct org_unit *out)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = org_bound(s, O_UNIT_GET, &status, "ii", site_id, id);
	return org_one(s, stmt, status, read_unit, a, out);
}

/* An update or insert whose reference check left no row changed: the row
 * exists (a bad reference: LOA_INVALID) or not (LOA_NOTFOUND). */
static int org_saved(struct sq *s, int status, bool update, enum org_id exists_id, int64_t id, int64_t site_id)
{
	if (status != LOA_NOTFOUND)
		return status;
	if (!update)
		return LOA_INVALID;
	int64_t exists = 0;
	sqlite3_stmt *stmt = org_bound(s, exists_id, &status, "ii", id, site_id);
	status = org_count(s, stmt, status, &exists);
	return status == LOA_OK ? (exists ? LOA_INVALID : LOA_NOTFOUND) : status;
}

static int sq_unit_save(struct store *st, const struct org_unit *u, int64_t *id)
{
	struct sq *s = sq_of(st);
	int status;
	if (store_blank(u->name) || (u->id && u->parent_id == u->id))
		return LOA_INVALID;
	sqlite3_stmt *stmt;
	if (!u->id)
		stmt = org_bound(s, O_UNIT_INSERT, &status, "iptttttttd", u->site_id, u->parent_id, u->name, u->name_en,
				 u->address, u->phone, u->email, u->functions, u->functions_en, u->position);
	else
		stmt = org_bound(s, O_UNIT_UPDATE, &status, "iiptttttttd", u->id, u->site_id, u->parent_id, u->name,
				 u->name_en, u->address, u->phone, u->email, u->functions, u->functions_en, u->position);
	status = org_saved(s, org_change(s, stmt, status), u->id != 0, O_UNIT_EXISTS, u->id, u->site_id);
	if (status == LOA_OK && id)
		*id = u->id ? u->id : sqlite3_last_insert_rowid(s->db);
	return status;
}

static int sq_unit_delete(struct store *st, int64_t site_id, int64_t id)
{
	struct sq *s = sq_of(st);
	struct sq_unit u;
	int64_t exists = 0, children = 0, members = 0;
	int status = sq_unit_begin(s, &u);
	if (status != LOA_OK)
		return status;
	sqlite3_stmt *stmt = org_bound(s, O_UNIT_EXISTS, &status, "ii", id, site_id);
	status = org_count(s, stmt, status, &exists);
	if (status == LOA_OK && !exists)
		status = LOA_NOTFOUND;
	if (status == LOA_OK) {
		stmt = org_bound(s, O_UNIT_CHILDREN, &status, "i", id);
		status = org_count(s, stmt, status, &children);
	}
	if (status == LOA_OK) {
		stmt = org_bound(s, O_UNIT_MEMBERS, &status, "i", id);
		status = org_count(s, stmt, status, &members);
	}
	if (status == LOA_OK && (children || members))
		status = LOA_CONFLICT;
	if (status == LOA_OK) {
		stmt = org_bound(s, O_UNIT_DELETE, &status, "ii", id, site_id);
		status = org_change(s, stmt, status);
	}
	return sq_unit_end(s, &u, status);
}

/* ---- officials ---- */

static int sq_official_list(struct store *st, int64_t site_id, struct arena *a, struct org_official **out,
			    size_t *n)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = org_bound(s, O_OFF_LIST, &status, "i", site_id);
	return org_list(s, stmt, status, read_official, sizeof **out, a, (void **)out, n);
}

static int sq_official_get(struct store *st, int64_t site_id, int64_t id, struct arena *a,
			   struct org_official *out)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = org_bound(s, O_OFF_GET, &status, "ii", site_id, id);
	return org_one(s, stmt, status, read_official, a, out);
}

static int sq_official_save(struct store *st, const struct org_official *o, int64_t *id)
{
	struct sq *s = sq_of(st);
	int status;
	if (store_blank(o->name))
		return LOA_INVALID;
	sqlite3_stmt *stmt;
	if (!o->id)
		stmt = org_bound(s, O_OFF_INSERT, &status, "ipttttttdd", o->site_id, o->unit_id, o->name, o->title,
				 o->title_en, o->phone, o->email, o->photo, o->position, (int)o->is_leader);
	else
		stmt = org_bound(s, O_OFF_UPDATE, &status, "iipttttttdd", o->id, o->site_id, o->unit_id, o->name,
				 o->title, o->title_en, o->phone, o->email, o->photo, o->position, (int)o->is_leader);
	status = org_saved(s, org_change(s, stmt, status), o->id != 0, O_OFF_EXISTS, o->id, o->site_id);
	if (status == LOA_OK && id)
		*id = o->id ? o->id : sqlite3_last_insert_rowid(s->db);
	return status;
}

static int sq_official_delete(struct store *st, int64_t site_id, int64_t id)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = org_bound(s, O_OFF_DELETE, &status, "ii", id, site_id);
	return org_change(s, stmt, status);
}

const struct store_org_ops sq_org_ops = {
	.page_list = sq_page_list,
	.page_get = sq_page_get,
	.page_by_slug = sq_page_by_slug,
	.page_save = sq_page_save,
	.page_delete = sq_page_delete,
	.page_revisions = sq_page_revisions,
	.page_revision_get = sq_page_revision_get,
	.unit_list = sq_unit_list,
	.unit_get = sq_unit_get,
	.unit_save = sq_unit_save,
	.unit_delete = sq_unit_delete,
	.official_list = sq_official_list,
	.official_get = sq_official_get,
	.official_save = sq_official_save,
	.official_delete = sq_official_delete,
};
