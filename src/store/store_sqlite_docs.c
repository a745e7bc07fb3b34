/* store_sqlite_docs.c — the register of documents (store_docs.h) in the
 * SQLite backend: terms, documents, relations, attached files and the
 * full-text index document_search. Schema: migration 11.
 *
 * How it is built: as store_sqlite_consult.c — every statement written
 * once in the `dc_sql` table with bound parameters, prepared on first use
 * into this file's slot of the connection (struct sq_docs), freed with the
 * connection. Every query names its site.
 *
 * What a list needs to tell a document's validity (src/docs/) comes with
 * every row: the earliest day a published document replacing or amending
 * it takes effect (replaced_on, amended_on), so no second query per row. */
#include <stdint.h>
#include <stdlib.h>

#include <sqlite3.h>

#include "core/arena.h"
#include "core/status.h"
#include "store/store_docs.h"
#include "store/store_sqliteInt.h"

enum dc_id {
	T_LIST,
	T_LIST_KIND,
	T_INSERT,
	T_UPDATE,
	T_USES,
	T_DELETE,
	T_FIND,
	T_CHECK,
	D_INSERT,
	D_UPDATE,
	D_GET,
	D_ALL,
	D_ALL_PUBLISHED,
	D_BY_KEY,
	D_DELETE,
	L_LIST,
	L_CLEAR,
	L_INSERT,
	F_LIST,
	F_ATTACH,
	F_PUBLISH,
	S_MATCH,
	S_MATCH_PUBLISHED,
	DC_COUNT
};

#define T_SELECT                                                                                   \
	"SELECT t.id, t.site_id, t.kind, t.name, t.name_key, t.position, (SELECT count(*) FROM documents d " \
	"WHERE d.type_id = t.id OR d.issuer_id = t.id OR d.field_id = t.id) FROM doc_terms t "
/* The day a relating document takes effect. */
#define D_FROM_DAY "MIN(CASE WHEN f.effective_day > 0 THEN f.effective_day ELSE f.issued_day END)"
#define D_RELATED(kind)                                                                          \
	"(SELECT COALESCE(" D_FROM_DAY ", 0) FROM doc_relations r JOIN documents f ON f.id = r.from_id " \
	"WHERE r.to_id = d.id AND r.kind = " kind " AND f.published = 1)"
/* struct document's columns in read_doc's order; body is d.body_html or ''. */
#define D_COLUMNS(body)                                                                                   \
	"SELECT d.id, d.site_id, d.number, d.number_key, COALESCE(d.type_id, 0), COALESCE(d.issuer_id, 0), "   \
	"COALESCE(d.field_id, 0), COALESCE(tt.name, ''), COALESCE(ti.name, ''), COALESCE(tf.name, ''), "       \
	"d.signer, d.issued_day, d.effective_day, d.expires_day, d.summary, " body ", d.slug, d.published, "  \
	"d.created_at, d.updated_at, " D_RELATED("1") ", " D_RELATED("2") ", "                                 \
	"(SELECT count(*) FROM document_files x WHERE x.document_id = d.id) "                                  \
	"FROM documents d LEFT JOIN doc_terms tt ON tt.id = d.type_id LEFT JOIN doc_terms ti ON ti.id = d.issuer_id " \
	"LEFT JOIN doc_terms tf ON tf.id = d.field_id "
#define D_ORDER "ORDER BY d.issued_day DESC, d.id DESC"

static const char *const dc_sql[DC_COUNT] = {
	[T_LIST] = T_SELECT "WHERE t.site_id = ?1 AND ?2 < 0 ORDER BY t.kind, t.position, t.name_key",
	[T_LIST_KIND] = T_SELECT "WHERE t.site_id = ?1 AND t.kind = ?2 ORDER BY t.position, t.name_key",
	[T_INSERT] = "INSERT INTO doc_terms (site_id, kind, name, name_key, position) VALUES (?1, ?2, ?3, ?4, ?5)",
	[T_UPDATE] = "UPDATE doc_terms SET name = ?3, name_key = ?4, position = ?5 WHERE id = ?2 AND site_id = ?1",
	[T_USES] = "SELECT count(*) FROM documents WHERE site_id = ?1 AND (type_id = ?2 OR issuer_id = ?2 OR field_id = ?2)",
	[T_DELETE] = "DELETE FROM doc_terms WHERE site_id = ?1 AND id = ?2",
	[T_FIND] = "SELECT id FROM doc_terms WHERE site_id = ?1 AND kind = ?2 AND name_key = ?3",
	/* how many of the given (non-zero) ids are terms of the site of the right kind */
	[T_CHECK] = "SELECT count(*) FROM doc_terms WHERE site_id = ?1 AND ((id = ?2 AND kind = 0) OR "
		    "(id = ?3 AND kind = 1) OR (id = ?4 AND kind = 2))",

	[D_INSERT] = "INSERT INTO documents (site_id, number, number_key, type_id, issuer_id, field_id, signer, "
		     "issued_day, effective_day, expires_day, summary, body_html, slug, published, created_at, updated_at) "
		     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
	[D_UPDATE] = "UPDATE documents SET number = ?3, number_key = ?4, type_id = ?5, issuer_id = ?6, field_id = ?7, "
		     "signer = ?8, issued_day = ?9, effective_day = ?10, expires_day = ?11, summary = ?12, "
		     "body_html = ?13, slug = ?14, published = ?15, updated_at = ?16 WHERE id = ?1 AND site_id = ?2",
	[D_GET] = D_COLUMNS("d.body_html") "WHERE d.site_id = ?1 AND d.id = ?2",
	[D_ALL] = D_COLUMNS("''") "WHERE d.site_id = ?1 " D_ORDER,
	[D_ALL_PUBLISHED] = D_COLUMNS("''") "WHERE d.site_id = ?1 AND d.published = 1 " D_ORDER,
	[D_BY_KEY] = D_COLUMNS("''") "WHERE d.site_id = ?1 AND d.number_key = ?2 " D_ORDER,
	[D_DELETE] = "DELETE FROM documents WHERE site_id = ?1 AND id = ?2",

	/* ?1 site, ?2 document: outgoing, then incoming */
	[L_LIST] = "SELECT r.kind, 1, o.id, o.number, o.summary, o.slug, o.published, o.issued_day "
		   "FROM doc_relations r JOIN documents o ON o.id = r.to_id WHERE r.from_id = ?2 AND o.site_id = ?1 "
		   "UNION ALL SELECT r.kind, 0, o.id, o.number, o.summary, o.slug, o.published, o.issued_day "
		   "FROM doc_relations r JOIN documents o ON o.id = r.from_id WHERE r.to_id = ?2 AND o.site_id = ?1 "
		   "ORDER BY 2 DESC, 8 DESC, 3 DESC",
	[L_CLEAR] = "DELETE FROM doc_relations WHERE from_id = ?2 AND EXISTS (SELECT 1 FROM documents WHERE id = ?2 AND site_id = ?1)",
	[L_INSERT] = "INSERT INTO doc_relations (from_id, to_id, kind) SELECT ?2, ?3, ?4 "
		     "WHERE EXISTS (SELECT 1 FROM documents WHERE id = ?2 AND site_id = ?1) "
		     "AND EXISTS (SELECT 1 FROM documents WHERE id = ?3 AND site_id = ?1)",

	[F_LIST] = "SELECT " SQ_FILE_COLS_F " FROM document_files x JOIN files f ON f.id = x.file_id "
		   "WHERE x.document_id = ?2 AND f.site_id = ?1 ORDER BY x.position, f.id",
	[F_ATTACH] = "INSERT INTO document_files (document_id, file_id, position) SELECT ?2, ?3, "
		     "(SELECT COALESCE(MAX(position), 0) + 1 FROM document_files WHERE document_id = ?2) "
		     "WHERE EXISTS (SELECT 1 FROM documents WHERE id = ?2 AND site_id = ?1) "
		     "AND EXISTS (SELECT 1 FROM files WHERE id = ?3 AND site_id = ?1)",
	[F_PUBLISH] = "UPDATE files SET public = ?3 WHERE site_id = ?1 AND public <> ?3 AND id IN "
		      "(SELECT file_id FROM document_files WHERE document_id = ?2)",

	/* ?1 expression, ?2 site, ?3 limit */
	[S_MATCH] = "SELECT d.id FROM document_search CROSS JOIN documents d ON d.id = document_search.rowid "
		    "WHERE document_search MATCH ?1 AND d.site_id = ?2 ORDER BY document_search.rank LIMIT ?3",
	[S_MATCH_PUBLISHED] = "SELECT d.id FROM document_search CROSS JOIN documents d ON d.id = document_search.rowid "
			      "WHERE document_search MATCH ?1 AND d.site_id = ?2 AND d.published = 1 "
			      "ORDER BY document_search.rank LIMIT ?3",
};

struct sq_docs {
	sqlite3_stmt *stmt[DC_COUNT];
};

void sq_docs_free(struct sq_docs *d)
{
	if (!d)
		return;
	for (int i = 0; i < DC_COUNT; i++)
		sqlite3_finalize(d->stmt[i]);
	free(d);
}

/* This file's statement table, made on first use. */
static struct sq_table dc(struct sq *s)
{
	if (!s->docs) {
		s->docs = calloc(1, sizeof *s->docs);
		if (!s->docs)
			abort();
	}
	return (struct sq_table){s->docs->stmt, dc_sql};
}

/* ---- terms ---- */

static void read_term(sqlite3_stmt *stmt, struct arena *a, void *p)
{
	struct doc_term *t = p;
	t->id = sqlite3_column_int64(stmt, 0);
	t->site_id = sqlite3_column_int64(stmt, 1);
	t->kind = sqlite3_column_int(stmt, 2);
	t->name = sq_col_text(stmt, 3, a);
	t->name_key = sq_col_text(stmt, 4, a);
	t->position = sqlite3_column_int(stmt, 5);
	t->uses = sqlite3_column_int64(stmt, 6);
}

static int sq_term_list(struct store *st, int64_t site_id, int kind, struct arena *a, struct doc_term **out,
			size_t *n)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = sq_table_bound(s, dc(s), kind < 0 ? T_LIST : T_LIST_KIND, &status, "id", site_id, kind);
	if (!stmt) {
		*out = NULL;
		*n = 0;
		return status;
	}
	return sq_collect(s, stmt, read_term, sizeof **out, a, (void **)out, n);
}

static int sq_term_save(struct store *st, const struct doc_term *t, int64_t *id)
{
	struct sq *s = sq_of(st);
	if (t->kind < DOC_TYPE || t->kind > DOC_FIELD || store_blank(t->name) || store_blank(t->name_key))
		return LOA_INVALID;
	if (t->id) {
		int status = sq_table_change(s, dc(s), T_UPDATE, "iittd", t->site_id, t->id, t->name, t->name_key,
					     t->position);
		if (status == LOA_OK && id)
			*id = t->id;
		return status;
	}
	int status = sq_table_change(s, dc(s), T_INSERT, "idttd", t->site_id, t->kind, t->name, t->name_key,
				     t->position);
	if (status == LOA_OK && id)
		*id = sqlite3_last_insert_rowid(s->db);
	return status;
}

static int sq_term_delete(struct store *st, int64_t site_id, int64_t id)
{
	struct sq *s = sq_of(st);
	int64_t uses = 0;
	int status = sq_table_i64(s, dc(s), T_USES, &uses, "ii", site_id, id);
	if (status != LOA_OK)
		return status == LOA_NOTFOUND ? LOA_ERROR : status;
	if (uses)
		return LOA_CONFLICT;
	return sq_table_change(s, dc(s), T_DELETE, "ii", site_id, id);
}

static int sq_term_find(struct store *st, int64_t site_id, int kind, const char *name_key, int64_t *id)
{
	struct sq *s = sq_of(st);
	return sq_table_i64(s, dc(s), T_FIND, id, "idt", site_id, kind, name_key);
}

/* ---- documents ---- */

static void read_doc(sqlite3_stmt *stmt, struct arena *a, void *p)
{
	struct document *d = p;
	d->id = sqlite3_column_int64(stmt, 0);
	d->site_id = sqlite3_column_int64(stmt, 1);
	d->number = sq_col_text(stmt, 2, a);
	d->number_key = sq_col_text(stmt, 3, a);
	d->type_id = sqlite3_column_int64(stmt, 4);
	d->issuer_id = sqlite3_column_int64(stmt, 5);
	d->field_id = sqlite3_column_int64(stmt, 6);
	d->type_name = sq_col_text(stmt, 7, a);
	d->issuer_name = sq_col_text(stmt, 8, a);
	d->field_name = sq_col_text(stmt, 9, a);
	d->signer = sq_col_text(stmt, 10, a);
	d->issued_day = sqlite3_column_int64(stmt, 11);
	d->effective_day = sqlite3_column_int64(stmt, 12);
	d->expires_day = sqlite3_column_int64(stmt, 13);
	d->summary = sq_col_text(stmt, 14, a);
	d->body_html = sq_col_text(stmt, 15, a);
	d->slug = sq_col_text(stmt, 16, a);
	d->published = sqlite3_column_int(stmt, 17) != 0;
	d->created_at = sqlite3_column_int64(stmt, 18);
	d->updated_at = sqlite3_column_int64(stmt, 19);
	d->replaced_on = sqlite3_column_int64(stmt, 20);
	d->amended_on = sqlite3_column_int64(stmt, 21);
	d->files = sqlite3_column_int64(stmt, 22);
}

/* True when every non-zero term id of d is a term of the site and kind. */
static int terms_ok(struct sq *s, const struct document *d)
{
	int64_t want = (d->type_id != 0) + (d->issuer_id != 0) + (d->field_id != 0), got = 0;
	if (!want)
		return LOA_OK;
	int status = sq_table_i64(s, dc(s), T_CHECK, &got, "iiii", d->site_id, d->type_id, d->issuer_id, d->field_id);
	if (status != LOA_OK)
		return status == LOA_NOTFOUND ? LOA_ERROR : status;
	return got == want ? LOA_OK : LOA_INVALID;
}

static int sq_doc_save(struct store *st, const struct document *d, int64_t *id)
{
	struct sq *s = sq_of(st);
	if (store_blank(d->number) || store_blank(d->number_key) || store_blank(d->summary) || !d->slug ||
	    !d->signer || !d->body_html || d->issued_day <= 0)
		return LOA_INVALID;
	int status = terms_ok(s, d);
	if (status != LOA_OK)
		return status;
	int64_t now = sq_now();
	int64_t updated = d->updated_at ? d->updated_at : now;
	if (d->id) {
		status = sq_table_change(s, dc(s), D_UPDATE, "iittppptiiitttdi", d->id, d->site_id, d->number,
					 d->number_key, d->type_id, d->issuer_id, d->field_id, d->signer, d->issued_day,
					 d->effective_day, d->expires_day, d->summary, d->body_html, d->slug,
					 (int)d->published, updated);
		if (status == LOA_OK && id)
			*id = d->id;
		return status;
	}
	status = sq_table_change(s, dc(s), D_INSERT, "ittppptiiitttdii", d->site_id, d->number, d->number_key,
				 d->type_id, d->issuer_id, d->field_id, d->signer, d->issued_day, d->effective_day,
				 d->expires_day, d->summary, d->body_html, d->slug, (int)d->published,
				 d->created_at ? d->created_at : now, updated);
	if (status == LOA_OK && id)
		*id = sqlite3_last_insert_rowid(s->db);
	return status;
}

static int sq_doc_get(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct document *out)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = sq_table_bound(s, dc(s), D_GET, &status, "ii", site_id, id);
	return stmt ? sq_collect_one(s, stmt, read_doc, a, out) : status;
}

/* Runs a bound document list into *out. */
static int collect_docs(struct sq *s, sqlite3_stmt *stmt, int status, struct arena *a, struct document **out,
			size_t *n)
{
	*out = NULL;
	*n = 0;
	return stmt ? sq_collect(s, stmt, read_doc, sizeof **out, a, (void **)out, n) : status;
}

static int sq_doc_all(struct store *st, int64_t site_id, bool published_only, struct arena *a, struct document **out,
		      size_t *n)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = sq_table_bound(s, dc(s), published_only ? D_ALL_PUBLISHED : D_ALL, &status, "i", site_id);
	return collect_docs(s, stmt, status, a, out, n);
}

static int sq_doc_by_key(struct store *st, int64_t site_id, const char *key, struct arena *a, struct document **out,
			 size_t *n)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = sq_table_bound(s, dc(s), D_BY_KEY, &status, "it", site_id, key);
	return collect_docs(s, stmt, status, a, out, n);
}

static int sq_doc_delete(struct store *st, int64_t site_id, int64_t id)
{
	struct sq *s = sq_of(st);
	return sq_table_change(s, dc(s), D_DELETE, "ii", site_id, id);
}

/* ---- relations ---- */

static void read_link(sqlite3_stmt *stmt, struct arena *a, void *p)
{
	struct doc_link *l = p;
	l->kind = sqlite3_column_int(stmt, 0);
	l->outgoing = sqlite3_column_int(stmt, 1) != 0;
	l->other_id = sqlite3_column_int64(stmt, 2);
	l->number = sq_col_text(stmt, 3, a);
	l->summary = sq_col_text(stmt, 4, a);
	l->slug = sq_col_text(stmt, 5, a);
	l->published = sqlite3_column_int(stmt, 6) != 0;
	l->issued_day = sqlite3_column_int64(stmt, 7);
}

static int sq_doc_links(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct doc_link **out,
			size_t *n)
{
	struct sq *s = sq_of(st);
	int status;
	*out = NULL;
	*n = 0;
	sqlite3_stmt *stmt = sq_table_bound(s, dc(s), L_LIST, &status, "ii", site_id, id);
	return stmt ? sq_collect(s, stmt, read_link, sizeof **out, a, (void **)out, n) : status;
}

static int sq_doc_set_links(struct store *st, int64_t site_id, int64_t from_id, const int64_t *to_ids,
			    const int *kinds, size_t n)
{
	struct sq *s = sq_of(st);
	struct sq_unit u;
	int status = sq_unit_begin(s, &u);
	if (status != LOA_OK)
		return status;
	status = sq_table_change(s, dc(s), L_CLEAR, "ii", site_id, from_id);
	if (status == LOA_NOTFOUND)
		status = LOA_OK;
	for (size_t i = 0; status == LOA_OK && i < n; i++) {
		if (to_ids[i] == from_id || (kinds[i] != DOC_REPLACES && kinds[i] != DOC_AMENDS)) {
			status = LOA_INVALID;
			break;
		}
		status = sq_table_change(s, dc(s), L_INSERT, "iiid", site_id, from_id, to_ids[i], kinds[i]);
		if (status == LOA_NOTFOUND)
			status = LOA_INVALID;
	}
	return sq_unit_end(s, &u, status);
}

/* ---- attached files ---- */

static int sq_doc_files(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct stored_file **out,
			size_t *n)
{
	struct sq *s = sq_of(st);
	int status;
	*out = NULL;
	*n = 0;
	sqlite3_stmt *stmt = sq_table_bound(s, dc(s), F_LIST, &status, "ii", site_id, id);
	return stmt ? sq_collect(s, stmt, sq_read_stored_file, sizeof **out, a, (void **)out, n) : status;
}

static int sq_doc_file_attach(struct store *st, int64_t site_id, int64_t doc_id, int64_t file_id)
{
	struct sq *s = sq_of(st);
	int status = sq_table_change(s, dc(s), F_ATTACH, "iii", site_id, doc_id, file_id);
	return status == LOA_NOTFOUND ? LOA_INVALID : status;
}

static int sq_doc_files_publish(struct store *st, int64_t site_id, int64_t doc_id, bool public)
{
	struct sq *s = sq_of(st);
	int status = sq_table_change(s, dc(s), F_PUBLISH, "iid", site_id, doc_id, (int)public);
	return status == LOA_NOTFOUND ? LOA_OK : status;
}

/* ---- search ---- */

static void read_id(sqlite3_stmt *stmt, struct arena *a, void *p)
{
	(void)a;
	*(int64_t *)p = sqlite3_column_int64(stmt, 0);
}

static int sq_doc_search(struct store *st, int64_t site_id, const char *match, bool published_only, int limit,
			 struct arena *a, int64_t **ids, size_t *n)
{
	struct sq *s = sq_of(st);
	int status;
	*ids = NULL;
	*n = 0;
	sqlite3_stmt *stmt = sq_table_bound(s, dc(s), published_only ? S_MATCH_PUBLISHED : S_MATCH, &status, "tid",
					    match, site_id, sq_limit(limit));
	return stmt ? sq_collect(s, stmt, read_id, sizeof **ids, a, (void **)ids, n) : status;
}

const struct store_docs_ops sq_docs_ops = {
	.term_list = sq_term_list,
	.term_save = sq_term_save,
	.term_delete = sq_term_delete,
	.term_find = sq_term_find,
	.save = sq_doc_save,
	.get = sq_doc_get,
	.all = sq_doc_all,
	.by_key = sq_doc_by_key,
	.delete = sq_doc_delete,
	.links = sq_doc_links,
	.set_links = sq_doc_set_links,
	.files = sq_doc_files,
	.file_attach = sq_doc_file_attach,
	.files_publish = sq_doc_files_publish,
	.search = sq_doc_search,
};
