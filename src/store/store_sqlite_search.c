/* store_sqlite_search.c — full-text search in the SQLite backend: the FTS5
 * tokenizer "loa", the ranking function loa_rank(), and store_search,
 * store_suggest and store_reindex.
 *
 * Index (migration 2): article_search, an FTS5 table with external content
 * `articles` (title, lead, body_html; rowid = article id). For every
 * syllable (search.h) the tokenizer emits the folded form and, at the same
 * position (FTS5_TOKEN_COLOCATED), the tone key. body_html is sanitized HTML:
 * tags are skipped, character references decoded. Query text is never
 * tokenized as language: search_query_match() already spells each token, so
 * in query mode the tokenizer only splits on spaces. The index holds every
 * article whatever its status; filters are applied by joining articles.
 *
 * Ranking (loa_rank, higher first), from the instances FTS5 reports:
 *   per query term, the best instance: column weight (title 30, lead 20,
 *   body 10) + 100 when its tone key matches (only for terms the user wrote
 *   with a diacritic), + min(instances, 5);
 *   + 20 for each pair of consecutive query terms found side by side.
 * Ties: newer published_at, then larger id. So a tone match outweighs the
 * column, the column outweighs frequency, and a run of the query's
 * syllables outweighs them scattered in the same column.
 *
 * Query plan. The match runs from the FTS side (CROSS JOIN articles on the
 * rowid, so the planner never scans articles probing FTS per row), and all
 * matches within the filters are read once: id, date and score, sorted here;
 * the page's articles are then loaded by id and get their snippet. When a
 * category or date range narrows the search, the filtered rows are read
 * first from the articles indexes (at most BOUNDS_CAP of them) for their
 * smallest and largest id: FTS5 then reads only that rowid range of its
 * doclists, which is a small slice when ids follow publication time, as
 * they do for imported and newly written articles. Past BOUNDS_CAP rows the
 * full range is read. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/log.h"
#include "core/status.h"
#include "search/search.h"
#include "store/store_sqliteInt.h"

/* sqlite3.h carries the FTS5 extension interface (fts5_api,
 * fts5_tokenizer, Fts5ExtensionApi). */

/* ---- tokenizer ---- */

static int tok_create(void *ud, const char **argv, int argc, Fts5Tokenizer **out)
{
	(void)argv;
	(void)argc;
	*out = ud; /* stateless: any non-NULL handle */
	return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *t)
{
	(void)t;
}

struct tok_emit {
	void *ctx;
	int (*fn)(void *, int, const char *, int, int, int);
};

static int tok_syllable(void *ctx, const struct search_syllable *syl)
{
	struct tok_emit *e = ctx;
	int rc = e->fn(e->ctx, 0, syl->folded, (int)syl->folded_len, (int)syl->start, (int)syl->end);
	if (rc == SQLITE_OK)
		rc = e->fn(e->ctx, FTS5_TOKEN_COLOCATED, syl->key, (int)syl->key_len, (int)syl->start, (int)syl->end);
	return rc;
}

static int tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int n, int (*fn)(void *, int, const char *, int, int, int))
{
	(void)t;
	if (n <= 0)
		return SQLITE_OK;
	if (flags & FTS5_TOKENIZE_QUERY) {
		/* already spelled by search_query_match(): split on spaces */
		int i = 0;
		while (i < n) {
			while (i < n && text[i] == ' ')
				i++;
			int start = i;
			while (i < n && text[i] != ' ')
				i++;
			if (i > start) {
				int rc = fn(ctx, 0, text + start, i - start, start, i);
				if (rc != SQLITE_OK)
					return rc;
			}
		}
		return SQLITE_OK;
	}
	struct tok_emit e = {ctx, fn};
	return search_tokenize(text, (size_t)n, true, tok_syllable, &e);
}

/* ---- ranking ---- */

#define PLAN_TYPE "loa_search_plan"
#define W_TONE 100.0
#define W_PAIR 20.0
#define TF_MAX 5
static const double column_weight[] = {30.0, 20.0, 10.0}; /* title, lead, body_html */

/* Per-query scratch kept as FTS5 auxiliary data: positions grouped by term. */
struct rank_scratch {
	int64_t *pos;
	size_t cap;
};

static void scratch_free(void *p)
{
	struct rank_scratch *s = p;
	if (s) {
		free(s->pos);
		free(s);
	}
}

static void rank_fn(const Fts5ExtensionApi *api, Fts5Context *fc, sqlite3_context *ctx, int nval,
		    sqlite3_value **val)
{
	const struct search_plan *plan = nval == 1 ? sqlite3_value_pointer(val[0], PLAN_TYPE) : NULL;
	if (!plan) {
		sqlite3_result_error(ctx, "loa_rank: missing plan", -1);
		return;
	}
	enum { MAX_PHRASES = 4 * SEARCH_MAX_TERMS };
	int8_t term_of[MAX_PHRASES], is_key[MAX_PHRASES];
	memset(term_of, -1, sizeof term_of);
	memset(is_key, 0, sizeof is_key);
	int m = plan->nterms;
	for (int t = 0; t < m; t++) {
		if (plan->folded[t] >= 0 && plan->folded[t] < MAX_PHRASES)
			term_of[plan->folded[t]] = (int8_t)t;
		if (plan->key[t] >= 0 && plan->key[t] < MAX_PHRASES) {
			term_of[plan->key[t]] = (int8_t)t;
			is_key[plan->key[t]] = 1;
		}
	}
	struct rank_scratch *s = api->xGetAuxdata(fc, 0);
	if (!s) {
		s = calloc(1, sizeof *s);
		if (!s || api->xSetAuxdata(fc, s, scratch_free) != SQLITE_OK) {
			sqlite3_result_error_nomem(ctx);
			return;
		}
	}
	int ninst = 0;
	int rc = api->xInstCount(fc, &ninst);
	if (rc != SQLITE_OK) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	double best[SEARCH_MAX_TERMS] = {0};
	int count[SEARCH_MAX_TERMS] = {0};
	size_t first[SEARCH_MAX_TERMS + 1];
	if ((size_t)ninst > s->cap) {
		free(s->pos);
		s->cap = (size_t)ninst * 2;
		s->pos = malloc(s->cap * sizeof *s->pos);
		if (!s->pos) {
			s->cap = 0;
			sqlite3_result_error_nomem(ctx);
			return;
		}
	}
	/* Pass 1: best instance and instance count per term. */
	for (int i = 0; i < ninst; i++) {
		int p, col, off;
		if (api->xInst(fc, i, &p, &col, &off) != SQLITE_OK || p < 0 || p >= MAX_PHRASES || term_of[p] < 0)
			continue;
		int t = term_of[p];
		double w = (col >= 0 && col < 3 ? column_weight[col] : 0) + (is_key[p] ? W_TONE : 0);
		if (w > best[t])
			best[t] = w;
		if (!is_key[p])
			count[t]++;
	}
	/* Pass 2: positions of each term's folded instances, in (column,
	 * offset) order as FTS5 reports them, grouped by term. */
	first[0] = 0;
	for (int t = 0; t < m; t++)
		first[t + 1] = first[t] + (size_t)count[t];
	size_t fill[SEARCH_MAX_TERMS];
	for (int t = 0; t < m; t++)
		fill[t] = first[t];
	if (m > 1) {
		for (int i = 0; i < ninst; i++) {
			int p, col, off;
			if (api->xInst(fc, i, &p, &col, &off) != SQLITE_OK || p < 0 || p >= MAX_PHRASES ||
			    term_of[p] < 0 || is_key[p])
				continue;
			int t = term_of[p];
			if (fill[t] < first[t + 1])
				s->pos[fill[t]++] = ((int64_t)col << 32) | (uint32_t)off;
		}
	}
	double score = 0;
	for (int t = 0; t < m; t++)
		score += best[t] + (count[t] < TF_MAX ? count[t] : TF_MAX);
	for (int t = 0; t + 1 < m; t++) {
		size_t i = first[t], j = first[t + 1];
		while (i < first[t + 1] && j < first[t + 2]) {
			int64_t want = s->pos[i] + 1;
			if (s->pos[j] == want) {
				score += W_PAIR;
				break;
			}
			if (s->pos[j] < want)
				j++;
			else
				i++;
		}
	}
	sqlite3_result_double(ctx, score);
}

static fts5_api *fts5_api_of(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *stmt = NULL;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(stmt, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	return api;
}

#define SET_TYPE "loa_search_set"

/* The articles that pass a search's filters, sorted by id. */
struct id_set {
	struct set_row {
		int64_t id, published_at;
	} *v;
	size_t n;
};

static const struct set_row *set_find(const struct id_set *set, int64_t id)
{
	size_t lo = 0, hi = set->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (set->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < set->n && set->v[lo].id == id ? &set->v[lo] : NULL;
}

/* loa_in_set(id, set): whether id passed the filters. Letting FTS5 test
 * membership here is much cheaper than joining each match to articles. */
static void in_set_fn(sqlite3_context *ctx, int nval, sqlite3_value **val)
{
	const struct id_set *set = nval == 2 ? sqlite3_value_pointer(val[1], SET_TYPE) : NULL;
	if (!set) {
		sqlite3_result_error(ctx, "loa_in_set: missing set", -1);
		return;
	}
	sqlite3_result_int(ctx, set_find(set, sqlite3_value_int64(val[0])) != NULL);
}

int sq_search_register(struct sqlite3 *db)
{
	static fts5_tokenizer tok = {tok_create, tok_delete, tok_tokenize};
	static int handle; /* what tok_create hands out */
	fts5_api *api = fts5_api_of(db);
	if (!api || api->iVersion < 2)
		return SQLITE_ERROR;
	int rc = api->xCreateTokenizer(api, "loa", &handle, &tok, NULL);
	if (rc == SQLITE_OK)
		rc = api->xCreateFunction(api, "loa_rank", NULL, rank_fn, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(db, "loa_in_set", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL, in_set_fn, NULL,
					     NULL);
	return rc;
}

/* ---- statements ---- */

enum search_stmt {
	Q_BOUNDS,
	Q_BOUNDS_CAT,
	Q_MATCH,
	Q_MATCH_SET,
	Q_LIST,
	Q_LIST_CAT,
	Q_COUNT,
	Q_COUNT_CAT,
	Q_SUGGEST,
	Q_COUNT_ALL,
	Q_REINDEX_NEXT,
	Q_REINDEX_BATCH,
	Q_STATEMENTS
};

#define BOUNDS_CAP 20000
#define REINDEX_BATCH 500

/* Parameters shared by the filtered statements: ?1 site, ?2 now, ?3 from
 * (inclusive), ?4 to (exclusive), ?5 category (root of the subtree). The
 * literal status 3 is ARTICLE_PUBLISHED. */
#define Q_SUBTREE                                                                                   \
	"WITH RECURSIVE subtree(id) AS (SELECT ?5 UNION "                                           \
	"SELECT k.id FROM categories k JOIN subtree t ON k.parent_id = t.id) "
#define Q_WHERE                                                                                     \
	"a.site_id = ?1 AND a.status = 3 AND a.published_at <= ?2 AND a.published_at >= ?3 "        \
	"AND a.published_at < ?4 "
#define Q_IN_SUBTREE "AND a.category_id IN (SELECT id FROM subtree) "

static const char *const search_sql[Q_STATEMENTS] = {
	/* ?6 cap */
	[Q_BOUNDS] = "SELECT a.id, a.published_at FROM articles a WHERE " Q_WHERE "AND ?5 = 0 LIMIT ?6",
	[Q_BOUNDS_CAT] = Q_SUBTREE "SELECT a.id, a.published_at FROM articles a INDEXED BY articles_by_category "
				   "WHERE " Q_WHERE Q_IN_SUBTREE "LIMIT ?6",
	/* ?6 MATCH expression, ?7 lowest rowid, ?8 highest, ?9 the plan (a
	 * pointer value, which reads as NULL in SQL), ?10 rank or not */
	[Q_MATCH] = Q_SUBTREE "SELECT a.id, a.published_at, "
			      "CASE WHEN ?10 THEN loa_rank(article_search, ?9) ELSE 0 END "
			      "FROM article_search CROSS JOIN articles a INDEXED BY articles_search_filter "
			      "ON a.id = article_search.rowid WHERE article_search MATCH ?6 AND article_search.rowid BETWEEN ?7 AND ?8 AND " Q_WHERE
			      "AND (?5 = 0 OR a.category_id IN (SELECT id FROM subtree))",
	/* ?1 expression, ?2 lowest rowid, ?3 highest, ?4 the filtered set (a
	 * pointer), ?5 the plan (a pointer), ?6 rank or not */
	[Q_MATCH_SET] = "SELECT rowid, CASE WHEN ?6 THEN loa_rank(article_search, ?5) ELSE 0 END FROM article_search "
			"WHERE article_search MATCH ?1 AND rowid BETWEEN ?2 AND ?3 AND loa_in_set(rowid, ?4)",
	/* ?6 limit, ?7 offset */
	[Q_LIST] = "SELECT a.id FROM articles a WHERE " Q_WHERE "AND ?5 = 0 "
		   "ORDER BY a.published_at DESC, a.id DESC LIMIT ?6 OFFSET ?7",
	[Q_LIST_CAT] = Q_SUBTREE "SELECT a.id FROM articles a INDEXED BY articles_by_category WHERE " Q_WHERE
				 Q_IN_SUBTREE "ORDER BY a.published_at DESC, a.id DESC LIMIT ?6 OFFSET ?7",
	[Q_COUNT] = "SELECT count(*) FROM articles a WHERE " Q_WHERE "AND ?5 = 0",
	[Q_COUNT_CAT] = Q_SUBTREE "SELECT count(*) FROM articles a INDEXED BY articles_by_category WHERE " Q_WHERE
				  Q_IN_SUBTREE,
	/* ?1 expression, ?2 site, ?3 now, ?4 limit */
	[Q_SUGGEST] = "SELECT a.id FROM article_search CROSS JOIN articles a INDEXED BY articles_search_filter "
		      "ON a.id = article_search.rowid "
		      "WHERE article_search MATCH ?1 AND a.site_id = ?2 AND a.status = 3 AND a.published_at <= ?3 "
		      "ORDER BY a.published_at DESC, a.id DESC LIMIT ?4",
	[Q_COUNT_ALL] = "SELECT count(*) FROM articles",
	/* ?1 after this id, ?2 batch size: the batch's count and last id */
	[Q_REINDEX_NEXT] = "SELECT count(*), max(id) FROM (SELECT id FROM articles WHERE id > ?1 ORDER BY id "
			   "LIMIT ?2)",
	/* ?1 after this id, ?2 up to this one */
	[Q_REINDEX_BATCH] = "INSERT INTO article_search (rowid, title, lead, body_html) "
			    "SELECT id, title, lead, body_html FROM articles WHERE id > ?1 AND id <= ?2",
};

struct sq_search {
	sqlite3_stmt *stmt[Q_STATEMENTS];
};

void sq_search_free(struct sq_search *ss)
{
	if (!ss)
		return;
	for (int i = 0; i < Q_STATEMENTS; i++)
		sqlite3_finalize(ss->stmt[i]);
	free(ss);
}

static int status_of(sqlite3 *db, int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_ROW:
	case SQLITE_DONE:
		return LOA_OK;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return LOA_BUSY;
	default:
		log_error("tìm kiếm: %s (mã %d)", sqlite3_errmsg(db), rc);
		return LOA_ERROR;
	}
}

/* The cached statement `id` of this connection, prepared on first use. */
static sqlite3_stmt *q_get(struct store *st, enum search_stmt id)
{
	struct sq_search **slot = sq_search_slot(st);
	if (!*slot) {
		*slot = calloc(1, sizeof **slot);
		if (!*slot)
			abort();
	}
	struct sq_search *ss = *slot;
	if (!ss->stmt[id]) {
		sqlite3 *db = sq_db(st);
		if (sqlite3_prepare_v3(db, search_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &ss->stmt[id], NULL) !=
		    SQLITE_OK) {
			log_error("tìm kiếm: không chuẩn bị được câu lệnh %d: %s", (int)id, sqlite3_errmsg(db));
			sqlite3_finalize(ss->stmt[id]);
			ss->stmt[id] = NULL;
		}
	}
	return ss->stmt[id];
}

static void q_done(sqlite3_stmt *stmt)
{
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
}

/* Binds the shared filter parameters ?1..?5. */
static int bind_filters(sqlite3_stmt *stmt, const struct search_request *rq)
{
	int rc = sqlite3_bind_int64(stmt, 1, rq->site_id);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(stmt, 2, rq->now);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(stmt, 3, rq->from ? rq->from : INT64_MIN);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(stmt, 4, rq->to ? rq->to : INT64_MAX);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(stmt, 5, rq->category_id);
	return rc;
}

/* ---- search ---- */

struct match_row {
	int64_t id, published_at;
	double score;
};

static int by_score(const void *x, const void *y)
{
	const struct match_row *p = x, *q = y;
	if (p->score != q->score)
		return p->score < q->score ? 1 : -1;
	if (p->published_at != q->published_at)
		return p->published_at < q->published_at ? 1 : -1;
	return (p->id < q->id) - (p->id > q->id);
}

static int by_date(const void *x, const void *y)
{
	const struct match_row *p = x, *q = y;
	if (p->published_at != q->published_at)
		return p->published_at < q->published_at ? 1 : -1;
	return (p->id < q->id) - (p->id > q->id);
}

static int set_row_cmp(const void *x, const void *y)
{
	const struct set_row *p = x, *q = y;
	return (p->id > q->id) - (p->id < q->id);
}

/* When a category or a date range narrows the search to fewer than
 * BOUNDS_CAP articles, reads them (id and date) into *set, sorted by id, and
 * sets *narrow. Otherwise the set stays empty and the join filters. */
static int filter_set(struct store *st, const struct search_request *rq, struct id_set *set, bool *narrow)
{
	set->v = NULL;
	set->n = 0;
	*narrow = false;
	if (!rq->category_id && !rq->from && !rq->to)
		return LOA_OK;
	sqlite3 *db = sq_db(st);
	sqlite3_stmt *stmt = q_get(st, rq->category_id ? Q_BOUNDS_CAT : Q_BOUNDS);
	if (!stmt)
		return LOA_ERROR;
	int rc = bind_filters(stmt, rq);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int(stmt, 6, BOUNDS_CAP);
	set->v = malloc(BOUNDS_CAP * sizeof *set->v);
	if (!set->v)
		abort();
	while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		set->v[set->n++] = (struct set_row){sqlite3_column_int64(stmt, 0), sqlite3_column_int64(stmt, 1)};
		rc = SQLITE_OK;
	}
	q_done(stmt);
	int status = status_of(db, rc);
	if (status == LOA_OK && set->n < BOUNDS_CAP) {
		*narrow = true;
		if (set->n > 1)
			qsort(set->v, set->n, sizeof *set->v, set_row_cmp);
	}
	return status;
}

/* All matches among a narrow filtered set: FTS5 reads only the rowid range
 * of the set and tests membership itself. */
static int match_set_rows(struct store *st, const char *expr, const struct search_plan *plan,
			  const struct id_set *set, struct match_row **rows, size_t *n)
{
	sqlite3 *db = sq_db(st);
	*rows = NULL;
	*n = 0;
	if (set->n == 0)
		return LOA_OK;
	sqlite3_stmt *stmt = q_get(st, Q_MATCH_SET);
	if (!stmt)
		return LOA_ERROR;
	int rc = sqlite3_bind_text(stmt, 1, expr, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(stmt, 2, set->v[0].id);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(stmt, 3, set->v[set->n - 1].id);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_pointer(stmt, 4, (void *)set, SET_TYPE, NULL);
	if (rc == SQLITE_OK && plan)
		rc = sqlite3_bind_pointer(stmt, 5, (void *)plan, PLAN_TYPE, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int(stmt, 6, plan != NULL);
	size_t cap = 0;
	struct match_row *v = NULL;
	while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const struct set_row *r = set_find(set, sqlite3_column_int64(stmt, 0));
		rc = SQLITE_OK;
		if (!r)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			v = realloc(v, cap * sizeof *v);
			if (!v)
				abort();
		}
		v[(*n)++] = (struct match_row){r->id, r->published_at, sqlite3_column_double(stmt, 1)};
	}
	q_done(stmt);
	int status = status_of(db, rc);
	if (status != LOA_OK) {
		free(v);
		*n = 0;
		return status;
	}
	*rows = v;
	return LOA_OK;
}

/* All matches of the expression within the filters, unsorted, on the heap. */
static int match_rows(struct store *st, const struct search_request *rq, const char *expr,
		      const struct search_plan *plan, int64_t lo, int64_t hi, struct match_row **rows, size_t *n)
{
	sqlite3 *db = sq_db(st);
	*rows = NULL;
	*n = 0;
	sqlite3_stmt *stmt = q_get(st, Q_MATCH);
	if (!stmt)
		return LOA_ERROR;
	int rc = bind_filters(stmt, rq);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(stmt, 6, expr, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(stmt, 7, lo);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(stmt, 8, hi);
	if (rc == SQLITE_OK && plan)
		rc = sqlite3_bind_pointer(stmt, 9, (void *)plan, PLAN_TYPE, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int(stmt, 10, plan != NULL);
	size_t cap = 0;
	struct match_row *v = NULL;
	while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			v = realloc(v, cap * sizeof *v);
			if (!v)
				abort();
		}
		v[*n] = (struct match_row){sqlite3_column_int64(stmt, 0), sqlite3_column_int64(stmt, 1),
					   sqlite3_column_double(stmt, 2)};
		(*n)++;
		rc = SQLITE_OK;
	}
	q_done(stmt);
	int status = status_of(db, rc);
	if (status != LOA_OK) {
		free(v);
		*n = 0;
		return status;
	}
	*rows = v;
	return LOA_OK;
}

/* The filtered list without keywords, newest first: a page of ids and the
 * total. */
static int list_ids(struct store *st, const struct search_request *rq, struct arena *a, int64_t **out, size_t *n,
		    int64_t *total)
{
	sqlite3 *db = sq_db(st);
	struct buf ids = BUF_INIT; /* int64_t values */
	*n = 0;
	sqlite3_stmt *stmt = q_get(st, rq->category_id ? Q_LIST_CAT : Q_LIST);
	if (!stmt)
		return LOA_ERROR;
	int rc = bind_filters(stmt, rq);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int(stmt, 6, rq->limit > 0 ? rq->limit : -1);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int(stmt, 7, rq->offset > 0 ? rq->offset : 0);
	while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(stmt, 0);
		buf_add(&ids, &id, sizeof id);
		rc = SQLITE_OK;
	}
	q_done(stmt);
	*n = ids.len / sizeof(int64_t);
	*out = arena_alloc(a, ids.len + sizeof(int64_t));
	memcpy(*out, ids.data, ids.len);
	buf_reset(&ids);
	int status = status_of(db, rc);
	if (status != LOA_OK)
		return status;
	stmt = q_get(st, rq->category_id ? Q_COUNT_CAT : Q_COUNT);
	if (!stmt)
		return LOA_ERROR;
	rc = bind_filters(stmt, rq);
	if (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		*total = sqlite3_column_int64(stmt, 0);
		rc = SQLITE_OK;
	}
	q_done(stmt);
	return status_of(db, rc);
}

#define SNIPPET_WORDS 30

/* Loads the articles of one page and gives each its snippet (lead then body
 * text, around the best match; the lead's start without keywords). */
static int page_hits(struct store *st, const struct search_request *rq, const struct search_query *q,
		     const int64_t *ids, size_t count, struct arena *a, struct search_hit **out, size_t *n)
{
	struct article *arts = arena_zalloc(a, (count ? count : 1) * sizeof *arts);
	size_t found = 0;
	int status = sq_articles_by_id(st, rq->site_id, ids, count, true, a, arts, &found);
	if (status != LOA_OK)
		return status;
	struct search_hit *hits = arena_zalloc(a, (found ? found : 1) * sizeof *hits);
	struct buf text = BUF_INIT, snip = BUF_INIT;
	for (size_t i = 0; i < found; i++) {
		buf_setlen(&text, 0);
		buf_setlen(&snip, 0);
		buf_adds(&text, arts[i].lead);
		if (search_query_has_keywords(q)) {
			search_html_text(&text, arts[i].body_html, strlen(arts[i].body_html));
		} else if (!text.len) {
			search_html_text(&text, arts[i].body_html, strlen(arts[i].body_html));
		}
		search_snippet(&snip, text.data, text.len, q, SNIPPET_WORDS);
		hits[i].art = arts[i];
		hits[i].art.body_html = "";
		hits[i].snippet = arena_strndup(a, snip.data, snip.len);
	}
	buf_reset(&text);
	buf_reset(&snip);
	*out = hits;
	*n = found;
	return LOA_OK;
}

int sq_search(struct store *st, const struct search_request *rq, struct arena *a, struct search_hit **out,
	      size_t *n, int64_t *total)
{
	*out = arena_zalloc(a, sizeof **out);
	*n = 0;
	if (total)
		*total = 0;
	struct search_query *q = arena_alloc(a, sizeof *q);
	const char *text = rq->q ? rq->q : "";
	search_query_parse(q, text, strlen(text));
	int64_t all = 0;
	int status;

	if (!search_query_has_keywords(q)) {
		int64_t *ids;
		size_t k = 0;
		status = list_ids(st, rq, a, &ids, &k, &all);
		if (status == LOA_OK)
			status = page_hits(st, rq, q, ids, k, a, out, n);
		if (status == LOA_OK && total)
			*total = all;
		return status;
	}

	struct buf expr = BUF_INIT;
	struct search_plan plan;
	search_query_match(&expr, q, &plan);
	struct id_set set;
	bool narrow;
	struct match_row *rows = NULL;
	size_t nrows = 0;
	const struct search_plan *ranking = rq->newest ? NULL : &plan;
	status = filter_set(st, rq, &set, &narrow);
	if (status == LOA_OK && narrow)
		status = match_set_rows(st, expr.data, ranking, &set, &rows, &nrows);
	else if (status == LOA_OK)
		status = match_rows(st, rq, expr.data, ranking, INT64_MIN, INT64_MAX, &rows, &nrows);
	free(set.v);
	if (status == LOA_OK) {
		if (nrows > 1)
			qsort(rows, nrows, sizeof *rows, rq->newest ? by_date : by_score);
		size_t from = rq->offset > 0 ? (size_t)rq->offset : 0;
		if (from > nrows)
			from = nrows;
		size_t count = nrows - from;
		if (rq->limit > 0 && count > (size_t)rq->limit)
			count = (size_t)rq->limit;
		int64_t *ids = arena_alloc(a, (count ? count : 1) * sizeof *ids);
		for (size_t i = 0; i < count; i++)
			ids[i] = rows[from + i].id;
		status = page_hits(st, rq, q, ids, count, a, out, n);
		if (status == LOA_OK && total)
			*total = (int64_t)nrows;
	}
	free(rows);
	buf_reset(&expr);
	return status;
}

/* ---- suggestions ---- */

int sq_suggest(struct store *st, int64_t site_id, const char *text, int64_t now, int limit, struct arena *a,
	       struct article **out, size_t *n)
{
	*out = arena_zalloc(a, sizeof **out);
	*n = 0;
	if (limit <= 0 || !text)
		return LOA_OK;
	struct search_query *q = arena_alloc(a, sizeof *q);
	search_query_parse(q, text, strlen(text));
	if (!search_query_has_keywords(q))
		return LOA_OK;
	sqlite3 *db = sq_db(st);
	struct buf expr = BUF_INIT;
	search_query_prefix(&expr, q);
	int64_t *ids = arena_alloc(a, (size_t)limit * sizeof *ids);
	size_t k = 0;
	int status = LOA_ERROR;
	sqlite3_stmt *stmt = q_get(st, Q_SUGGEST);
	if (stmt) {
		int rc = sqlite3_bind_text(stmt, 1, expr.data, -1, SQLITE_STATIC);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_int64(stmt, 2, site_id);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_int64(stmt, 3, now);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_int(stmt, 4, limit);
		while (rc == SQLITE_OK && k < (size_t)limit && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
			ids[k++] = sqlite3_column_int64(stmt, 0);
			rc = SQLITE_OK;
		}
		q_done(stmt);
		status = status_of(db, rc);
	}
	buf_reset(&expr);
	if (status != LOA_OK)
		return status;
	struct article *arts = arena_zalloc(a, (k ? k : 1) * sizeof *arts);
	status = sq_articles_by_id(st, site_id, ids, k, false, a, arts, n);
	if (status == LOA_OK)
		*out = arts;
	return status;
}

/* ---- reindex ---- */

/* Rebuilds the whole index in one transaction (readers keep the old index
 * until it commits; a failure leaves it untouched): delete-all, then the
 * articles in id order, REINDEX_BATCH at a time with progress after each,
 * then an FTS5 'optimize' merging the index into one segment. Inside a
 * caller's transaction it runs as a savepoint. */
int sq_reindex(struct store *st, void (*progress)(void *ctx, int64_t done, int64_t total), void *ctx)
{
	sqlite3 *db = sq_db(st);
	bool nested = !sqlite3_get_autocommit(db);
	int rc = sqlite3_exec(db, nested ? "SAVEPOINT store_reindex" : "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return status_of(db, rc);
	int64_t total = 0, done = 0, last = INT64_MIN;
	sqlite3_stmt *stmt = q_get(st, Q_COUNT_ALL);
	if (!stmt)
		rc = SQLITE_ERROR;
	if (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		total = sqlite3_column_int64(stmt, 0);
		rc = SQLITE_OK;
	}
	if (stmt)
		q_done(stmt);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "INSERT INTO article_search (article_search) VALUES ('delete-all')", NULL, NULL,
				  NULL);
	if (rc == SQLITE_OK && progress)
		progress(ctx, 0, total);
	sqlite3_stmt *next = rc == SQLITE_OK ? q_get(st, Q_REINDEX_NEXT) : NULL;
	stmt = next ? q_get(st, Q_REINDEX_BATCH) : NULL;
	if (rc == SQLITE_OK && !stmt)
		rc = SQLITE_ERROR;
	while (rc == SQLITE_OK) {
		int64_t batch = 0, upto = last;
		rc = sqlite3_bind_int64(next, 1, last);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_int(next, 2, REINDEX_BATCH);
		if (rc == SQLITE_OK && (rc = sqlite3_step(next)) == SQLITE_ROW) {
			batch = sqlite3_column_int64(next, 0);
			upto = sqlite3_column_int64(next, 1);
			rc = SQLITE_OK;
		}
		q_done(next);
		if (rc != SQLITE_OK || batch == 0)
			break;
		rc = sqlite3_bind_int64(stmt, 1, last);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_int64(stmt, 2, upto);
		if (rc == SQLITE_OK)
			rc = sqlite3_step(stmt);
		q_done(stmt);
		if (rc != SQLITE_DONE)
			break;
		rc = SQLITE_OK;
		last = upto;
		done += batch;
		if (progress)
			progress(ctx, done, total > done ? total : done);
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "INSERT INTO article_search (article_search) VALUES ('optimize')", NULL, NULL,
				  NULL);
	int status = status_of(db, rc);
	if (status == LOA_OK) {
		rc = sqlite3_exec(db, nested ? "RELEASE store_reindex" : "COMMIT", NULL, NULL, NULL);
		status = status_of(db, rc);
	}
	if (status != LOA_OK) {
		if (nested) {
			if (sqlite3_exec(db, "ROLLBACK TO store_reindex", NULL, NULL, NULL) == SQLITE_OK)
				sqlite3_exec(db, "RELEASE store_reindex", NULL, NULL, NULL);
		} else if (!sqlite3_get_autocommit(db)) {
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		}
	}
	return status;
}
