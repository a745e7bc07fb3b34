/* store_sqlite_files.c — stored files (store_files.h) in the SQLite
 * backend. Schema: migration 10 (the files table), 12 (file_links).
 *
 * How it is built: as store_sqlite_consult.c — every statement written
 * once in the `fl_sql` table with bound parameters, prepared on first use
 * into this file's slot of the connection (struct sq_files), freed with
 * the connection. Every query names its site. */
#include <stdint.h>
#include <stdlib.h>

#include <sqlite3.h>

#include "core/arena.h"
#include "core/status.h"
#include "store/store_files.h"
#include "store/store_sqliteInt.h"

enum fl_id { F_INSERT, F_GET, F_UPDATE, F_DELETE, L_INSERT, L_LIST, L_RANGE, L_DELETE, L_OWNER, FL_COUNT };

#define LINK_COLUMNS "l.owner_id, l.role, l.position, " SQ_FILE_COLS_F " FROM file_links l JOIN files f ON f.id = l.file_id "

static const char *const fl_sql[FL_COUNT] = {
	[F_INSERT] = "INSERT INTO files (site_id, stored_name, original_name, title, kind, size, digest, public, "
		     "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[F_GET] = "SELECT " SQ_FILE_COLS " FROM files WHERE site_id = ?1 AND id = ?2",
	[F_UPDATE] = "UPDATE files SET title = ?3, public = ?4 WHERE id = ?2 AND site_id = ?1",
	[F_DELETE] = "DELETE FROM files WHERE site_id = ?1 AND id = ?2",
	/* the file must be the site's: INSERT ... SELECT finds no row otherwise */
	[L_INSERT] = "INSERT INTO file_links (site_id, owner_kind, owner_id, file_id, role, position) "
		     "SELECT ?1, ?2, ?3, f.id, ?5, (SELECT coalesce(max(position), 0) + 1 FROM file_links "
		     "WHERE site_id = ?1 AND owner_kind = ?2 AND owner_id = ?3 AND role = ?5) "
		     "FROM files f WHERE f.site_id = ?1 AND f.id = ?4",
	[L_LIST] = "SELECT " LINK_COLUMNS "WHERE l.site_id = ?1 AND l.owner_kind = ?2 AND l.owner_id = ?3 "
		   "ORDER BY l.role, l.position, f.id",
	[L_RANGE] = "SELECT " LINK_COLUMNS "WHERE l.site_id = ?1 AND l.owner_kind = ?2 AND l.owner_id BETWEEN ?3 AND ?4 "
		    "ORDER BY l.owner_id, l.role, l.position, f.id",
	[L_DELETE] = "DELETE FROM file_links WHERE site_id = ?1 AND owner_kind = ?2 AND owner_id = ?3 AND file_id = ?4",
	[L_OWNER] = "SELECT owner_id FROM file_links WHERE site_id = ?1 AND file_id = ?2 AND owner_kind = ?3 "
		    "ORDER BY owner_id LIMIT 1",
};

struct sq_files {
	sqlite3_stmt *stmt[FL_COUNT];
};

void sq_files_free(struct sq_files *f)
{
	if (!f)
		return;
	for (int i = 0; i < FL_COUNT; i++)
		sqlite3_finalize(f->stmt[i]);
	free(f);
}

/* This file's statement table, made on first use. */
static struct sq_table fl(struct sq *s)
{
	if (!s->files) {
		s->files = calloc(1, sizeof *s->files);
		if (!s->files)
			abort();
	}
	return (struct sq_table){s->files->stmt, fl_sql};
}

/* The file's columns from column `c` on (SQ_FILE_COLS' order). */
static void read_file_at(sqlite3_stmt *stmt, int c, struct arena *a, struct stored_file *f)
{
	f->id = sqlite3_column_int64(stmt, c);
	f->site_id = sqlite3_column_int64(stmt, c + 1);
	f->stored_name = sq_col_text(stmt, c + 2, a);
	f->original_name = sq_col_text(stmt, c + 3, a);
	f->title = sq_col_text(stmt, c + 4, a);
	f->kind = sq_col_text(stmt, c + 5, a);
	f->size = sqlite3_column_int64(stmt, c + 6);
	f->digest = sq_col_text(stmt, c + 7, a);
	f->public = sqlite3_column_int(stmt, c + 8) != 0;
	f->created_at = sqlite3_column_int64(stmt, c + 9);
}

void sq_read_stored_file(sqlite3_stmt *stmt, struct arena *a, void *p)
{
	read_file_at(stmt, 0, a, p);
}

static void read_link(sqlite3_stmt *stmt, struct arena *a, void *p)
{
	struct file_link *l = p;
	l->owner_id = sqlite3_column_int64(stmt, 0);
	l->role = sq_col_text(stmt, 1, a);
	l->position = sqlite3_column_int(stmt, 2);
	read_file_at(stmt, 3, a, &l->file);
}

static int sq_file_add(struct store *st, const struct stored_file *f, int64_t *id)
{
	struct sq *s = sq_of(st);
	if (store_blank(f->stored_name) || store_blank(f->kind) || store_blank(f->title) || f->size < 0)
		return LOA_INVALID;
	int status = sq_table_change(s, fl(s), F_INSERT, "ittttitdi", f->site_id, f->stored_name, f->original_name,
				     f->title, f->kind, f->size, f->digest, (int)f->public,
				     f->created_at ? f->created_at : sq_now());
	if (status == LOA_OK && id)
		*id = sqlite3_last_insert_rowid(s->db);
	return status;
}

static int sq_file_get(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct stored_file *out)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = sq_table_bound(s, fl(s), F_GET, &status, "ii", site_id, id);
	return stmt ? sq_collect_one(s, stmt, sq_read_stored_file, a, out) : status;
}

static int sq_file_update(struct store *st, const struct stored_file *f)
{
	struct sq *s = sq_of(st);
	if (store_blank(f->title))
		return LOA_INVALID;
	return sq_table_change(s, fl(s), F_UPDATE, "iitd", f->site_id, f->id, f->title, (int)f->public);
}

static int sq_file_delete(struct store *st, int64_t site_id, int64_t id)
{
	struct sq *s = sq_of(st);
	return sq_table_change(s, fl(s), F_DELETE, "ii", site_id, id);
}

static int sq_file_link_add(struct store *st, int64_t site_id, const char *owner_kind, int64_t owner_id,
			    int64_t file_id, const char *role)
{
	struct sq *s = sq_of(st);
	if (store_blank(owner_kind) || owner_id <= 0)
		return LOA_INVALID;
	return sq_table_change(s, fl(s), L_INSERT, "itiit", site_id, owner_kind, owner_id, file_id, role ? role : "");
}

static int sq_file_links(struct store *st, int64_t site_id, const char *owner_kind, int64_t owner_id,
			 struct arena *a, struct file_link **out, size_t *n)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = sq_table_bound(s, fl(s), L_LIST, &status, "iti", site_id, owner_kind, owner_id);
	return stmt ? sq_collect(s, stmt, read_link, sizeof **out, a, (void **)out, n) : status;
}

static int sq_file_links_range(struct store *st, int64_t site_id, const char *owner_kind, int64_t from_id,
			       int64_t to_id, struct arena *a, struct file_link **out, size_t *n)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = sq_table_bound(s, fl(s), L_RANGE, &status, "itii", site_id, owner_kind, from_id, to_id);
	return stmt ? sq_collect(s, stmt, read_link, sizeof **out, a, (void **)out, n) : status;
}

static int sq_file_link_remove(struct store *st, int64_t site_id, const char *owner_kind, int64_t owner_id,
			       int64_t file_id)
{
	struct sq *s = sq_of(st);
	return sq_table_change(s, fl(s), L_DELETE, "itii", site_id, owner_kind, owner_id, file_id);
}

static int sq_file_owner(struct store *st, int64_t site_id, int64_t file_id, const char *owner_kind,
			 int64_t *owner_id)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = sq_table_bound(s, fl(s), L_OWNER, &status, "iit", site_id, file_id, owner_kind);
	return stmt ? sq_one_i64(s, stmt, owner_id) : status;
}

const struct store_files_ops sq_files_ops = {
	.owner = sq_file_owner,
	.add = sq_file_add,
	.get = sq_file_get,
	.update = sq_file_update,
	.delete_ = sq_file_delete,
	.link_add = sq_file_link_add,
	.links = sq_file_links,
	.links_range = sq_file_links_range,
	.link_remove = sq_file_link_remove,
};
