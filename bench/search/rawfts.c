/* rawfts.c — the floor of the search benchmark: the benchmark's queries as
 * raw FTS5 SQL on loa's database, without the server, the page or the
 * snippets.
 *
 *   rawfts DB RESOLVED [PASSES]
 *
 * RESOLVED is what `client.py resolve` wrote: words, category id, from, to
 * (Unix seconds, [from, to)), URL. Each query is turned into loa's own
 * MATCH expression (search_query_parse + search_query_match, so both sides
 * look up exactly the same index tokens) and run on a connection of our
 * own, with loa's tokenizer and loa_rank() registered by
 * sq_search_register(), in two forms:
 *
 *   raw          one statement, as one would write it by hand: the match
 *                joined to articles (FTS side first), the same filters
 *                (site, published, published_at <= now, date window,
 *                category subtree), ordered by loa_rank() then date, LIMIT
 *                10, with the number of matches as count(*) OVER ().
 *   raw-bounded  the same after narrowing the rowid range to the ids that
 *                pass the filters (when fewer than 20,000 do), so FTS5
 *                reads only a slice of long doclists.
 *   raw-set      the filtered articles (id, date) read first; when fewer
 *                than 20,000, FTS5 over their rowid range tests membership
 *                itself (a function of ours) so no match is joined to
 *                articles, and the best 10 are kept here; else as raw. The
 *                same plan as loa's store, without page, snippets or HTTP.
 *
 * One untimed warm-up pass, then PASSES (default 3) timed passes of each;
 * prints nearest-rank percentiles in milliseconds, and how many articles
 * matched (all three variants must agree). */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "search/search.h"
#include "store/store_sqliteInt.h"

#define PLAN_TYPE "loa_search_plan" /* the pointer type loa_rank() accepts */
#define BOUNDS_CAP 20000

#define SUBTREE                                                                                     \
	"WITH RECURSIVE subtree(id) AS (SELECT ?5 UNION "                                           \
	"SELECT k.id FROM categories k JOIN subtree t ON k.parent_id = t.id) "
#define FILTERS                                                                                     \
	"a.site_id = ?1 AND a.status = 3 AND a.published_at <= ?2 AND a.published_at >= ?3 "        \
	"AND a.published_at < ?4 AND a.category_id IN (SELECT id FROM subtree) "

/* ?1 site ?2 now ?3 from ?4 to ?5 category ?6 MATCH ?7 plan ?8 lowest rowid ?9 highest */
static const char sql_match[] =
	SUBTREE "SELECT id, count(*) OVER () FROM (SELECT a.id, a.published_at, "
		"loa_rank(article_search, ?7) AS score FROM article_search CROSS JOIN articles a "
		"ON a.id = article_search.rowid WHERE article_search MATCH ?6 "
		"AND article_search.rowid BETWEEN ?8 AND ?9 AND " FILTERS
		") ORDER BY score DESC, published_at DESC, id DESC LIMIT 10";
/* ?6 cap */
static const char sql_bounds[] =
	SUBTREE "SELECT count(*), min(id), max(id) FROM (SELECT a.id FROM articles a "
		"INDEXED BY articles_by_category WHERE " FILTERS "LIMIT ?6)";
/* ?6 cap */
static const char sql_set[] =
	SUBTREE "SELECT a.id, a.published_at FROM articles a INDEXED BY articles_by_category WHERE " FILTERS
		"LIMIT ?6";
/* ?1 MATCH ?2 plan ?3 lowest rowid ?4 highest ?5 the set */
static const char sql_match_set[] =
	"SELECT rowid, loa_rank(article_search, ?2) FROM article_search WHERE article_search MATCH ?1 "
	"AND rowid BETWEEN ?3 AND ?4 AND raw_in_set(rowid, ?5)";

#define SET_TYPE "rawfts_set"

/* The articles that pass a query's filters, sorted by id. */
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

static void in_set_fn(sqlite3_context *ctx, int nval, sqlite3_value **val)
{
	const struct id_set *set = nval == 2 ? sqlite3_value_pointer(val[1], SET_TYPE) : NULL;
	sqlite3_result_int(ctx, set && set_find(set, sqlite3_value_int64(val[0])) != NULL);
}

static int set_row_cmp(const void *x, const void *y)
{
	const struct set_row *p = x, *q = y;
	return (p->id > q->id) - (p->id < q->id);
}

enum variant { RAW, RAW_BOUNDED, RAW_SET, VARIANTS };

struct stmts {
	sqlite3_stmt *match, *bounds, *set, *match_set;
};

struct query {
	char *words;
	int64_t category, from, to;
};

static void die(const char *what, sqlite3 *db)
{
	fprintf(stderr, "rawfts: %s%s%s\n", what, db ? ": " : "", db ? sqlite3_errmsg(db) : "");
	exit(1);
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return (a > b) - (a < b);
}

static int cmp_i64(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return (a > b) - (a < b);
}

/* Nearest-rank percentile of a sorted array. */
static double pct(const double *v, size_t n, int p)
{
	size_t k = (size_t)((p * n + 99) / 100);
	return v[k ? k - 1 : 0];
}

static void report(const char *label, double *ms, size_t n)
{
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += ms[i];
	qsort(ms, n, sizeof *ms, cmp_double);
	printf("%s n=%zu p50=%.2f p95=%.2f p99=%.2f max=%.2f mean=%.2f\n", label, n, pct(ms, n, 50), pct(ms, n, 95),
	       pct(ms, n, 99), ms[n - 1], sum / (double)n);
}

static void bind_filters(sqlite3 *db, sqlite3_stmt *s, const struct query *q, int64_t now)
{
	if (sqlite3_bind_int64(s, 1, 1) || sqlite3_bind_int64(s, 2, now) || sqlite3_bind_int64(s, 3, q->from) ||
	    sqlite3_bind_int64(s, 4, q->to) || sqlite3_bind_int64(s, 5, q->category))
		die("bind", db);
}

/* RAW_SET: the filtered set first (at most BOUNDS_CAP - 1 rows), then
 * FTS5 over its rowid range testing membership itself, the best 10 kept
 * here. Returns -1 when the set is too large (the caller falls back to
 * the joined statement over the full range), else the number of matches. */
static int64_t run_set(sqlite3 *db, struct stmts *st, const struct query *q, int64_t now, const struct buf *expr,
		       const struct search_plan *plan, struct set_row *space)
{
	struct id_set set = {space, 0};
	bind_filters(db, st->set, q, now);
	if (sqlite3_bind_int(st->set, 6, BOUNDS_CAP))
		die("bind", db);
	int rc;
	while ((rc = sqlite3_step(st->set)) == SQLITE_ROW)
		set.v[set.n++] = (struct set_row){sqlite3_column_int64(st->set, 0), sqlite3_column_int64(st->set, 1)};
	if (rc != SQLITE_DONE)
		die("set", db);
	sqlite3_reset(st->set);
	if (set.n >= BOUNDS_CAP)
		return -1;
	if (set.n == 0)
		return 0;
	qsort(set.v, set.n, sizeof *set.v, set_row_cmp);
	if (sqlite3_bind_text(st->match_set, 1, expr->data, (int)expr->len, SQLITE_STATIC) ||
	    sqlite3_bind_pointer(st->match_set, 2, (void *)plan, PLAN_TYPE, NULL) ||
	    sqlite3_bind_int64(st->match_set, 3, set.v[0].id) ||
	    sqlite3_bind_int64(st->match_set, 4, set.v[set.n - 1].id) ||
	    sqlite3_bind_pointer(st->match_set, 5, &set, SET_TYPE, NULL))
		die("bind", db);
	struct top {
		double score;
		int64_t published_at, id;
	} top[10];
	int ntop = 0;
	int64_t matches = 0;
	while ((rc = sqlite3_step(st->match_set)) == SQLITE_ROW) {
		const struct set_row *r = set_find(&set, sqlite3_column_int64(st->match_set, 0));
		if (!r)
			continue;
		matches++;
		struct top t = {sqlite3_column_double(st->match_set, 1), r->published_at, r->id};
		int k = ntop < 10 ? ntop++ : 10;
		while (k > 0 && (top[k - 1].score < t.score ||
				 (top[k - 1].score == t.score && (top[k - 1].published_at < t.published_at ||
								   (top[k - 1].published_at == t.published_at &&
								    top[k - 1].id < t.id))))) {
			if (k < 10)
				top[k] = top[k - 1];
			k--;
		}
		if (k < 10)
			top[k] = t;
	}
	if (rc != SQLITE_DONE)
		die("match", db);
	sqlite3_reset(st->match_set);
	sqlite3_clear_bindings(st->match_set);
	return matches;
}

/* Runs one query; returns the number of matches. */
static int64_t run(sqlite3 *db, struct stmts *st, const struct query *q, int64_t now, enum variant v,
		   struct set_row *space)
{
	sqlite3_stmt *match = st->match, *bounds = st->bounds;
	struct search_query sq;
	struct search_plan plan;
	struct buf expr = BUF_INIT;
	search_query_parse(&sq, q->words, strlen(q->words));
	search_query_match(&expr, &sq, &plan);
	int64_t lo = INT64_MIN, hi = INT64_MAX, matches = 0;
	if (v == RAW_SET) {
		matches = run_set(db, st, q, now, &expr, &plan, space);
		if (matches >= 0) {
			buf_reset(&expr);
			return matches;
		}
		matches = 0;
	}
	if (v == RAW_BOUNDED) {
		bind_filters(db, bounds, q, now);
		if (sqlite3_bind_int(bounds, 6, BOUNDS_CAP) || sqlite3_step(bounds) != SQLITE_ROW)
			die("bounds", db);
		int64_t count = sqlite3_column_int64(bounds, 0);
		if (count > 0 && count < BOUNDS_CAP) {
			lo = sqlite3_column_int64(bounds, 1);
			hi = sqlite3_column_int64(bounds, 2);
		} else if (count == 0) {
			lo = 1;
			hi = 0;
		}
		sqlite3_reset(bounds);
	}
	bind_filters(db, match, q, now);
	if (sqlite3_bind_text(match, 6, expr.data, (int)expr.len, SQLITE_STATIC) ||
	    sqlite3_bind_pointer(match, 7, &plan, PLAN_TYPE, NULL) || sqlite3_bind_int64(match, 8, lo) ||
	    sqlite3_bind_int64(match, 9, hi))
		die("bind", db);
	int rc;
	while ((rc = sqlite3_step(match)) == SQLITE_ROW)
		matches = sqlite3_column_int64(match, 1);
	if (rc != SQLITE_DONE)
		die("match", db);
	sqlite3_reset(match);
	sqlite3_clear_bindings(match);
	buf_reset(&expr);
	return matches;
}

static struct query *load(const char *path, size_t *n)
{
	FILE *f = fopen(path, "r");
	if (!f)
		die("cannot open the queries", NULL);
	struct query *v = NULL;
	size_t cap = 0;
	char *line = NULL;
	size_t lcap = 0;
	*n = 0;
	while (getline(&line, &lcap, f) > 0) {
		char *tab = strchr(line, '\t');
		if (!tab)
			die("bad query line", NULL);
		*tab = '\0';
		struct query q = {strdup(line), 0, 0, 0};
		if (!q.words || sscanf(tab + 1, "%lld\t%lld\t%lld", (long long *)&q.category, (long long *)&q.from,
				       (long long *)&q.to) != 3)
			die("bad query line", NULL);
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			v = realloc(v, cap * sizeof *v);
			if (!v)
				die("out of memory", NULL);
		}
		v[(*n)++] = q;
	}
	free(line);
	fclose(f);
	if (*n == 0)
		die("no queries", NULL);
	return v;
}

int main(int argc, char **argv)
{
	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: rawfts DB RESOLVED [PASSES]\n");
		return 2;
	}
	int passes = argc == 4 ? atoi(argv[3]) : 3;
	if (passes < 1)
		passes = 1;
	size_t nq;
	struct query *qs = load(argv[2], &nq);

	sqlite3 *db;
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		die("open", db);
	if (sq_search_register(db) != SQLITE_OK)
		die("cannot register loa's tokenizer", db);
	if (sqlite3_create_function(db, "raw_in_set", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL, in_set_fn, NULL,
				    NULL) != SQLITE_OK)
		die("create function", db);
	struct stmts st;
	if (sqlite3_prepare_v2(db, sql_match, -1, &st.match, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, sql_bounds, -1, &st.bounds, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, sql_set, -1, &st.set, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, sql_match_set, -1, &st.match_set, NULL) != SQLITE_OK)
		die("prepare", db);
	int64_t now = (int64_t)time(NULL);

	const char *labels[VARIANTS] = {"raw", "raw-bounded", "raw-set"};
	double *ms = malloc(nq * (size_t)passes * sizeof *ms);
	int64_t *matches = malloc(nq * sizeof *matches);
	struct set_row *space = malloc(BOUNDS_CAP * sizeof *space);
	if (!ms || !matches || !space)
		die("out of memory", NULL);
	for (int v = 0; v < VARIANTS; v++) {
		size_t k = 0;
		for (int p = 0; p <= passes; p++)
			for (size_t i = 0; i < nq; i++) {
				double t0 = now_ms();
				int64_t m = run(db, &st, &qs[i], now, (enum variant)v, space);
				double dt = now_ms() - t0;
				if (p > 0)
					ms[k++] = dt;
				else if (v == RAW)
					matches[i] = m;
				else if (m != matches[i])
					die("variants disagree on the number of matches", NULL);
			}
		report(labels[v], ms, k);
	}
	size_t zero = 0;
	for (size_t i = 0; i < nq; i++)
		zero += matches[i] == 0;
	qsort(matches, nq, sizeof *matches, cmp_i64);
	printf("matches per query: median %lld, p90 %lld, max %lld, %zu of %zu queries with none\n",
	       (long long)matches[nq / 2], (long long)matches[nq * 9 / 10], (long long)matches[nq - 1], zero, nq);

	sqlite3_finalize(st.match);
	sqlite3_finalize(st.bounds);
	sqlite3_finalize(st.set);
	sqlite3_finalize(st.match_set);
	free(space);
	sqlite3_close(db);
	for (size_t i = 0; i < nq; i++)
		free(qs[i].words);
	free(qs);
	free(ms);
	free(matches);
	return 0;
}
