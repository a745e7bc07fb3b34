/* store_sqlite_redirects.c — the redirect table (store_redirects.h) in
 * the SQLite backend. Schema: migration 13.
 *
 * How it is built: as store_sqlite_files.c — every statement written once
 * in the `rd_sql` table with bound parameters, prepared on first use into
 * this file's slot of the connection (struct sq_redirects), freed with the
 * connection. A lookup is one probe of the (site_id, old_path) unique
 * index. */
#include <stdint.h>
#include <stdlib.h>

#include <sqlite3.h>

#include "core/arena.h"
#include "core/status.h"
#include "store/store_redirects.h"
#include "store/store_sqliteInt.h"

enum rd_id { R_LOOKUP, R_PUT, R_LIST, R_COUNT, RD_COUNT };

#define R_COLS "id, site_id, old_path, target, source, created_at, updated_at"

static const char *const rd_sql[RD_COUNT] = {
	[R_LOOKUP] = "SELECT target FROM redirects WHERE site_id = ?1 AND old_path = ?2",
	/* the same key again: new target and source, the first creation kept */
	[R_PUT] = "INSERT INTO redirects (site_id, old_path, target, source, created_at, updated_at) "
		  "VALUES (?1, ?2, ?3, ?4, ?5, ?5) ON CONFLICT (site_id, old_path) DO UPDATE SET "
		  "target = excluded.target, source = excluded.source, updated_at = excluded.updated_at",
	[R_LIST] = "SELECT " R_COLS " FROM redirects WHERE site_id = ?1 AND (?2 = '' OR source = ?2) "
		   "ORDER BY old_path LIMIT ?3 OFFSET ?4",
	[R_COUNT] = "SELECT count(*) FROM redirects WHERE site_id = ?1 AND (?2 = '' OR source = ?2)",
};

struct sq_redirects {
	sqlite3_stmt *stmt[RD_COUNT];
};

void sq_redirects_free(struct sq_redirects *r)
{
	if (!r)
		return;
	for (int i = 0; i < RD_COUNT; i++)
		sqlite3_finalize(r->stmt[i]);
	free(r);
}

static struct sq_table rd(struct sq *s)
{
	if (!s->redirects) {
		s->redirects = calloc(1, sizeof *s->redirects);
		if (!s->redirects)
			abort();
	}
	return (struct sq_table){s->redirects->stmt, rd_sql};
}

static void read_redirect(sqlite3_stmt *stmt, struct arena *a, void *p)
{
	struct redirect *r = p;
	r->id = sqlite3_column_int64(stmt, 0);
	r->site_id = sqlite3_column_int64(stmt, 1);
	r->old_path = sq_col_text(stmt, 2, a);
	r->target = sq_col_text(stmt, 3, a);
	r->source = sq_col_text(stmt, 4, a);
	r->created_at = sqlite3_column_int64(stmt, 5);
	r->updated_at = sqlite3_column_int64(stmt, 6);
}

static int sq_redirect_lookup(struct store *st, int64_t site_id, const char *old_path, struct arena *a,
			      const char **target)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = sq_table_bound(s, rd(s), R_LOOKUP, &status, "it", site_id, old_path);
	if (!stmt)
		return status;
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*target = sq_col_text(stmt, 0, a);
		status = LOA_OK;
	} else {
		status = rc == SQLITE_DONE ? LOA_NOTFOUND : sq_status(s, rc);
	}
	sq_stmt_done(stmt);
	return status;
}

static int sq_redirect_put(struct store *st, int64_t site_id, const struct redirect *r, size_t n)
{
	struct sq *s = sq_of(st);
	struct sq_unit u;
	int status = sq_unit_begin(s, &u);
	if (status != LOA_OK)
		return status;
	int64_t now = sq_now();
	for (size_t i = 0; i < n && status == LOA_OK; i++)
		status = sq_table_change(s, rd(s), R_PUT, "ittti", site_id, r[i].old_path,
					 r[i].target, r[i].source, r[i].created_at ? r[i].created_at : now);
	return sq_unit_end(s, &u, status);
}

static int sq_redirect_list(struct store *st, int64_t site_id, const char *source, int limit, int offset,
			    struct arena *a, struct redirect **out, size_t *n)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = sq_table_bound(s, rd(s), R_LIST, &status, "itdd", site_id,
					    source ? source : "", sq_limit(limit), sq_offset(offset));
	return stmt ? sq_collect(s, stmt, read_redirect, sizeof **out, a, (void **)out, n) : status;
}

static int sq_redirect_count(struct store *st, int64_t site_id, const char *source, int64_t *count)
{
	struct sq *s = sq_of(st);
	return sq_table_i64(s, rd(s), R_COUNT, count, "it", site_id, source ? source : "");
}

const struct store_redirects_ops sq_redirects_ops = {
	.lookup = sq_redirect_lookup,
	.put = sq_redirect_put,
	.list = sq_redirect_list,
	.count = sq_redirect_count,
};
