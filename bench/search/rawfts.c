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
 *                pass the filters (when at most 20,000 do), the way loa's
 *                store reads only a slice of long doclists.
 *
 * One untimed warm-up pass, then PASSES (default 3) timed passes; prints
 * nearest-rank percentiles in milliseconds, and how many articles matched. */
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

/* Runs one query; returns the number of matches (count(*) OVER ()). */
static int64_t run(sqlite3 *db, sqlite3_stmt *match, sqlite3_stmt *bounds, const struct query *q, int64_t now,
		   bool bounded)
{
	struct search_query sq;
	struct search_plan plan;
	struct buf expr = BUF_INIT;
	search_query_parse(&sq, q->words, strlen(q->words));
	search_query_match(&expr, &sq, &plan);
	int64_t lo = INT64_MIN, hi = INT64_MAX, matches = 0;
	if (bounded) {
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
	sqlite3_stmt *match, *bounds;
	if (sqlite3_prepare_v2(db, sql_match, -1, &match, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, sql_bounds, -1, &bounds, NULL) != SQLITE_OK)
		die("prepare", db);
	int64_t now = (int64_t)time(NULL);

	const char *labels[2] = {"raw", "raw-bounded"};
	double *ms = malloc(nq * (size_t)passes * sizeof *ms);
	int64_t *matches = malloc(nq * sizeof *matches);
	if (!ms || !matches)
		die("out of memory", NULL);
	for (int b = 0; b < 2; b++) {
		size_t k = 0;
		for (int p = 0; p <= passes; p++)
			for (size_t i = 0; i < nq; i++) {
				double t0 = now_ms();
				int64_t m = run(db, match, bounds, &qs[i], now, b == 1);
				double dt = now_ms() - t0;
				if (p > 0)
					ms[k++] = dt;
				else if (b == 0)
					matches[i] = m;
			}
		report(labels[b], ms, k);
	}
	size_t zero = 0;
	for (size_t i = 0; i < nq; i++)
		zero += matches[i] == 0;
	qsort(matches, nq, sizeof *matches, cmp_i64);
	printf("matches per query: median %lld, p90 %lld, max %lld, %zu of %zu queries with none\n",
	       (long long)matches[nq / 2], (long long)matches[nq * 9 / 10], (long long)matches[nq - 1], zero, nq);

	sqlite3_finalize(match);
	sqlite3_finalize(bounds);
	sqlite3_close(db);
	for (size_t i = 0; i < nq; i++)
		free(qs[i].words);
	free(qs);
	free(ms);
	free(matches);
	return 0;
}
