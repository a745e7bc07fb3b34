/* store_sqlite_portal.c — the portal's storage (store_portal.h) in the
 * SQLite backend: the main menu's rows and order, and the footer's legal
 * facts (columns of sites). Schema: migration 7.
 *
 * How it is built: as store_sqlite_feedback.c — every statement written
 * once in the `pt_sql` table with bound parameters, prepared on first use
 * into this file's slot of the connection (struct sq_portal, made on first
 * use, freed with the connection). Every query names its site; a parent
 * or category of another site is refused by the statement itself. */
#include <stdarg.h>
#include <stdlib.h>

#include <sqlite3.h>

#include "core/status.h"
#include "store/store_portal.h"
#include "store/store_sqliteInt.h"

enum pt_id {
	P_MENU_LIST,
	P_MENU_GET,
	P_MENU_INSERT,
	P_MENU_UPDATE,
	P_MENU_DELETE,
	P_MENU_NEIGHBOUR_PREV,
	P_MENU_NEIGHBOUR_NEXT,
	P_MENU_SET_POSITION,
	P_LEGAL_GET,
	P_LEGAL_SET,
	P_COUNT
};

#define MENU_COLS "id, site_id, COALESCE(parent_id, 0), position, kind, COALESCE(category_id, 0), label, url"
/* ?1 site, ?2 parent (NULL = top), ?3 category (NULL = none): both must
 * be the site's. */
#define MENU_REFS_OK                                                                           \
	"(?2 IS NULL OR EXISTS (SELECT 1 FROM menu_items p WHERE p.id = ?2 AND p.site_id = ?1)) " \
	"AND (?3 IS NULL OR EXISTS (SELECT 1 FROM categories c WHERE c.id = ?3 AND c.site_id = ?1))"
#define NEXT_POSITION "(SELECT COALESCE(MAX(position), 0) + 1 FROM menu_items WHERE site_id = ?1 AND parent_id IS ?2)"

static const char *const pt_sql[P_COUNT] = {
	[P_MENU_LIST] = "SELECT " MENU_COLS " FROM menu_items WHERE site_id = ?1 "
			"ORDER BY parent_id IS NOT NULL, COALESCE(parent_id, 0), position, id",
	[P_MENU_GET] = "SELECT " MENU_COLS " FROM menu_items WHERE site_id = ?1 AND id = ?2",
	[P_MENU_INSERT] = "INSERT INTO menu_items (site_id, parent_id, category_id, kind, label, url, position) "
			  "SELECT ?1, ?2, ?3, ?4, ?5, ?6, " NEXT_POSITION " WHERE " MENU_REFS_OK,
	/* ?7 id. A new parent puts the item after its new siblings. */
	[P_MENU_UPDATE] = "UPDATE menu_items SET parent_id = ?2, category_id = ?3, kind = ?4, label = ?5, url = ?6, "
			  "position = CASE WHEN parent_id IS ?2 THEN position ELSE " NEXT_POSITION " END "
			  "WHERE id = ?7 AND site_id = ?1 AND " MENU_REFS_OK,
	[P_MENU_DELETE] = "DELETE FROM menu_items WHERE site_id = ?1 AND id = ?2",
	/* The sibling just before / after item ?2: id and position. */
	[P_MENU_NEIGHBOUR_PREV] = "SELECT n.id, n.position FROM menu_items m JOIN menu_items n ON n.site_id = m.site_id "
				  "AND n.parent_id IS m.parent_id AND (n.position < m.position OR "
				  "(n.position = m.position AND n.id < m.id)) WHERE m.site_id = ?1 AND m.id = ?2 "
				  "ORDER BY n.position DESC, n.id DESC LIMIT 1",
	[P_MENU_NEIGHBOUR_NEXT] = "SELECT n.id, n.position FROM menu_items m JOIN menu_items n ON n.site_id = m.site_id "
				  "AND n.parent_id IS m.parent_id AND (n.position > m.position OR "
				  "(n.position = m.position AND n.id > m.id)) WHERE m.site_id = ?1 AND m.id = ?2 "
				  "ORDER BY n.position, n.id LIMIT 1",
	[P_MENU_SET_POSITION] = "UPDATE menu_items SET position = ?3 WHERE site_id = ?1 AND id = ?2",
	[P_LEGAL_GET] = "SELECT legal_owner, legal_responsible, legal_license, legal_address, legal_phone, legal_email "
			"FROM sites WHERE id = ?1",
	[P_LEGAL_SET] = "UPDATE sites SET legal_owner = ?2, legal_responsible = ?3, legal_license = ?4, "
			"legal_address = ?5, legal_phone = ?6, legal_email = ?7 WHERE id = ?1",
};

/* This file's slot of the connection. */
struct sq_portal {
	sqlite3_stmt *stmt[P_COUNT];
};

void sq_portal_free(struct sq_portal *pt)
{
	if (!pt)
		return;
	for (int i = 0; i < P_COUNT; i++)
		sqlite3_finalize(pt->stmt[i]);
	free(pt);
}

/* Statement `id` with its parameters bound (sq_bind_v), or NULL with
 * *status set. */
static sqlite3_stmt *pt_bound(struct sq *s, enum pt_id id, int *status, const char *types, ...)
{
	if (!s->portal) {
		s->portal = calloc(1, sizeof *s->portal);
		if (!s->portal)
			abort();
	}
	sqlite3_stmt *stmt = sq_prepare(s, &s->portal->stmt[id], pt_sql[id]);
	va_list ap;
	va_start(ap, types);
	*status = sq_bind_checked(s, stmt, types, ap);
	va_end(ap);
	return *status == LOA_OK ? stmt : NULL;
}

/* LOA_NOTFOUND when a write touched no row. */
static int changed(struct sq *s, int status)
{
	return status == LOA_OK && sqlite3_changes(s->db) == 0 ? LOA_NOTFOUND : status;
}

static void read_menu_item(sqlite3_stmt *stmt, struct arena *a, void *p)
{
	struct menu_item *o = p;
	o->id = sqlite3_column_int64(stmt, 0);
	o->site_id = sqlite3_column_int64(stmt, 1);
	o->parent_id = sqlite3_column_int64(stmt, 2);
	o->position = sqlite3_column_int(stmt, 3);
	o->kind = sq_col_text(stmt, 4, a);
	o->category_id = sqlite3_column_int64(stmt, 5);
	o->label = sq_col_text(stmt, 6, a);
	o->url = sq_col_text(stmt, 7, a);
}

static int sq_menu_list(struct store *st, int64_t site_id, struct arena *a, struct menu_item **out, size_t *n)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = pt_bound(s, P_MENU_LIST, &status, "i", site_id);
	if (!stmt)
		return status;
	return sq_collect(s, stmt, read_menu_item, sizeof **out, a, (void **)out, n);
}

static int sq_menu_get(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct menu_item *out)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = pt_bound(s, P_MENU_GET, &status, "ii", site_id, id);
	if (!stmt)
		return status;
	return sq_collect_one(s, stmt, read_menu_item, a, out);
}

static int sq_menu_add(struct store *st, const struct menu_item *it, int64_t *id)
{
	struct sq *s = sq_of(st);
	if (store_blank(it->kind))
		return LOA_INVALID;
	int status;
	sqlite3_stmt *stmt = pt_bound(s, P_MENU_INSERT, &status, "ippttt", it->site_id, it->parent_id,
				      it->category_id, it->kind, it->label, it->url);
	if (stmt)
		status = changed(s, sq_run(s, stmt));
	if (status == LOA_NOTFOUND)
		return LOA_INVALID; /* the parent or the category is not the site's */
	if (status == LOA_OK && id)
		*id = sqlite3_last_insert_rowid(s->db);
	return status;
}

static int sq_menu_update(struct store *st, const struct menu_item *it)
{
	struct sq *s = sq_of(st);
	if (store_blank(it->kind) || it->parent_id == it->id)
		return LOA_INVALID;
	struct menu_item cur;
	struct arena *a = arena_new();
	int status = sq_menu_get(st, it->site_id, it->id, a, &cur);
	arena_free(a);
	if (status != LOA_OK)
		return status;
	sqlite3_stmt *stmt = pt_bound(s, P_MENU_UPDATE, &status, "ippttti", it->site_id, it->parent_id,
				      it->category_id, it->kind, it->label, it->url, it->id);
	if (stmt)
		status = changed(s, sq_run(s, stmt));
	return status == LOA_NOTFOUND ? LOA_INVALID : status;
}

static int sq_menu_delete(struct store *st, int64_t site_id, int64_t id)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = pt_bound(s, P_MENU_DELETE, &status, "ii", site_id, id);
	return stmt ? changed(s, sq_run(s, stmt)) : status;
}

/* Id and position of one row of a bound statement; LOA_NOTFOUND when none. */
static int id_position(struct sq *s, sqlite3_stmt *stmt, int64_t *id, int *pos)
{
	int rc = sqlite3_step(stmt);
	int status = rc == SQLITE_ROW ? LOA_OK : rc == SQLITE_DONE ? LOA_NOTFOUND : sq_status(s, rc);
	if (status == LOA_OK) {
		*id = sqlite3_column_int64(stmt, 0);
		*pos = sqlite3_column_int(stmt, 1);
	}
	sq_stmt_done(stmt);
	return status;
}

/* Positions may tie (rows written by hand): the pair gets distinct ones,
 * the moved item's old place going to the neighbour. */
static int sq_menu_move(struct store *st, int64_t site_id, int64_t id, int dir)
{
	struct sq *s = sq_of(st);
	struct sq_unit u;
	int status = sq_unit_begin(s, &u);
	if (status != LOA_OK)
		return status;
	struct menu_item cur;
	struct arena *a = arena_new();
	status = sq_menu_get(st, site_id, id, a, &cur);
	arena_free(a);
	int64_t other = 0;
	int other_pos = 0;
	sqlite3_stmt *stmt = NULL;
	if (status == LOA_OK)
		stmt = pt_bound(s, dir < 0 ? P_MENU_NEIGHBOUR_PREV : P_MENU_NEIGHBOUR_NEXT, &status, "ii", site_id, id);
	if (stmt) {
		status = id_position(s, stmt, &other, &other_pos);
		if (status == LOA_NOTFOUND) {
			status = LOA_OK; /* already first or last */
			other = 0;
		}
	}
	if (status == LOA_OK && other) {
		int mine = cur.position, theirs = other_pos;
		if (mine == theirs)
			mine = dir < 0 ? theirs + 1 : theirs - 1; /* break the tie in the right direction */
		stmt = pt_bound(s, P_MENU_SET_POSITION, &status, "iid", site_id, id, theirs);
		if (stmt)
			status = sq_run(s, stmt);
		if (status == LOA_OK && (stmt = pt_bound(s, P_MENU_SET_POSITION, &status, "iid", site_id, other, mine)))
			status = sq_run(s, stmt);
	}
	return sq_unit_end(s, &u, status);
}

static int sq_site_legal(struct store *st, int64_t site_id, struct arena *a, struct site_legal *out)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = pt_bound(s, P_LEGAL_GET, &status, "i", site_id);
	if (!stmt)
		return status;
	int rc = sqlite3_step(stmt);
	status = rc == SQLITE_ROW ? LOA_OK : rc == SQLITE_DONE ? LOA_NOTFOUND : sq_status(s, rc);
	if (status == LOA_OK) {
		out->owner = sq_col_text(stmt, 0, a);
		out->responsible = sq_col_text(stmt, 1, a);
		out->license = sq_col_text(stmt, 2, a);
		out->address = sq_col_text(stmt, 3, a);
		out->phone = sq_col_text(stmt, 4, a);
		out->email = sq_col_text(stmt, 5, a);
	}
	sq_stmt_done(stmt);
	return status;
}

static int sq_site_set_legal(struct store *st, int64_t site_id, const struct site_legal *l)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = pt_bound(s, P_LEGAL_SET, &status, "itttttt", site_id, l->owner, l->responsible,
				      l->license, l->address, l->phone, l->email);
	return stmt ? changed(s, sq_run(s, stmt)) : status;
}

const struct store_portal_ops sq_portal_ops = {
	.menu_list = sq_menu_list,
	.menu_get = sq_menu_get,
	.menu_add = sq_menu_add,
	.menu_update = sq_menu_update,
	.menu_delete = sq_menu_delete,
	.menu_move = sq_menu_move,
	.site_legal = sq_site_legal,
	.site_set_legal = sq_site_set_legal,
};
