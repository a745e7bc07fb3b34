/* test_store_search.c — store_search, store_suggest and store_reindex on a
 * temporary database: filters, the ranking rules, phrases and exclusions,
 * pages, suggestions, and that edits reach the index at once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/status.h"
#include "store/store.h"
#include "test.h"

#define NOW 1700000000
#define DAY 86400

static char db_path[64];
static struct store *st;
static int64_t site1, site2, cat_news, cat_party, cat_party_sub, cat_other, cat2;

static void remove_db(void)
{
	char side[96];
	unlink(db_path);
	snprintf(side, sizeof side, "%s-wal", db_path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", db_path);
	unlink(side);
}

static int64_t add(int64_t site, int64_t cat, const char *ext, const char *title, const char *lead, const char *body,
		   int status, int64_t published)
{
	struct article art = {.site_id = site, .category_id = cat, .title = title, .lead = lead, .body_html = body,
			      .external_id = ext, .status = status, .published_at = published};
	int64_t id = 0;
	const char *err = NULL;
	if (store_article_upsert(st, &art, &id, NULL, &err) != LOA_OK)
		printf("# upsert failed: %s\n", err ? err : "?");
	return id;
}

/* Runs a search and returns the ids found, space-separated, in order. */
static const char *ids(const char *q, int64_t site, int64_t cat, int64_t from, int64_t to, bool newest, int limit,
		       int offset, int64_t *total)
{
	static char out[1024];
	struct arena *a = arena_new();
	struct search_request rq = {.site_id = site, .q = q, .category_id = cat, .from = from, .to = to,
				    .newest = newest, .now = NOW, .limit = limit, .offset = offset};
	struct search_hit *hits;
	size_t n;
	int64_t t = -1;
	out[0] = '\0';
	if (store_search(st, &rq, a, &hits, &n, &t) != LOA_OK) {
		snprintf(out, sizeof out, "error");
	} else {
		size_t len = 0;
		for (size_t i = 0; i < n; i++)
			len += (size_t)snprintf(out + len, sizeof out - len, "%s%lld", i ? " " : "", (long long)hits[i].art.id);
	}
	if (total)
		*total = t;
	arena_free(a);
	return out;
}

static const char *q1(const char *q)
{
	return ids(q, site1, 0, 0, 0, false, 20, 0, NULL);
}

static char *idstr(int64_t a, int64_t b)
{
	static char s[64];
	if (b)
		snprintf(s, sizeof s, "%lld %lld", (long long)a, (long long)b);
	else
		snprintf(s, sizeof s, "%lld", (long long)a);
	return s;
}

static void setup(void)
{
	snprintf(db_path, sizeof db_path, "/tmp/loa-test-search-%d.db", (int)getpid());
	remove_db();
	char *err = NULL;
	st = store_open(db_path, true, &err);
	free(err);
	struct site s = {.host = "", .name = "Xã Một"};
	store_site_create(st, &s, &site1, NULL);
	s = (struct site){.host = "hai.vn", .name = "Xã Hai"};
	store_site_create(st, &s, &site2, NULL);
	store_category_ensure_path(st, site1, "Tin tức", &cat_news, NULL);
	store_category_ensure_path(st, site1, "Xây dựng Đảng", &cat_party, NULL);
	store_category_ensure_path(st, site1, "Xây dựng Đảng/Chi bộ", &cat_party_sub, NULL);
	store_category_ensure_path(st, site1, "Khác", &cat_other, NULL);
	store_category_ensure_path(st, site2, "Tin tức", &cat2, NULL);
}

static void test_filters(void)
{
	int64_t a = add(site1, cat_news, "", "Hội nghị ngân sách", "", "<p>nội dung</p>", 3, NOW - 10 * DAY);
	int64_t b = add(site1, cat_party, "", "Ngân sách của Đảng bộ", "", "", 3, NOW - 5 * DAY);
	int64_t c = add(site1, cat_party_sub, "", "Ngân sách chi bộ", "", "", 3, NOW - 3 * DAY);
	add(site1, cat_news, "", "Ngân sách nháp", "", "", 0, NOW - 2 * DAY);      /* draft */
	add(site1, cat_news, "", "Ngân sách tương lai", "", "", 3, NOW + DAY);    /* future */
	int64_t other = add(site2, cat2, "", "Ngân sách xã hai", "", "", 3, NOW - DAY);
	int64_t total = 0;
	char want[128];
	snprintf(want, sizeof want, "%lld %lld %lld", (long long)c, (long long)b, (long long)a);
	CHECK_STR(ids("ngân sách", site1, 0, 0, 0, true, 20, 0, &total), want, "site, status and time filters");
	CHECK(total == 3, "total counts every match (%lld)", (long long)total);
	CHECK_STR(ids("ngan sach", site2, 0, 0, 0, false, 20, 0, NULL), idstr(other, 0), "sites are isolated");
	CHECK_STR(ids("ngân sách", site1, cat_party, 0, 0, true, 20, 0, NULL), idstr(c, b), "category subtree");
	CHECK_STR(ids("ngân sách", site1, cat_party_sub, 0, 0, true, 20, 0, NULL), idstr(c, 0), "leaf category");
	CHECK_STR(ids("ngân sách", site1, cat_other, 0, 0, true, 20, 0, NULL), "", "empty category");
	CHECK_STR(ids("ngân sách", site1, 0, NOW - 6 * DAY, NOW - 3 * DAY, true, 20, 0, NULL), idstr(b, 0),
		  "date range [from, to)");
	CHECK_STR(ids("ngân sách", site1, 0, NOW - 10 * DAY, 0, true, 20, 0, NULL), want, "open end");
	CHECK_STR(ids("ngân sách", site1, cat_party, NOW - 4 * DAY, NOW, true, 20, 0, NULL), idstr(c, 0),
		  "category and date range");
	CHECK_STR(ids("ngân sách", site1, 0, 0, 0, true, 2, 1, &total), idstr(b, a), "pagination");
	CHECK(total == 3, "total with pagination");
	CHECK_STR(ids("ngân sách", site1, 0, 0, 0, true, 2, 10, &total), "", "page past the end");
	CHECK_STR(ids("", site1, cat_party, 0, 0, false, 20, 0, &total), idstr(c, b), "no keywords: filtered list");
	CHECK(total == 2, "no keywords: total");
	CHECK_STR(ids("!!!", site1, cat_party, 0, 0, false, 20, 0, NULL), idstr(c, b), "folds to nothing: no keywords");
	CHECK_STR(ids("-ngân", site1, cat_party, 0, 0, false, 20, 0, NULL), idstr(c, b), "only exclusions: no keywords");
	CHECK_STR(ids("nội dung", site1, 0, 0, 0, false, 20, 0, NULL), idstr(a, 0), "body text is indexed");
	CHECK_STR(ids("p", site1, 0, 0, 0, false, 20, 0, NULL), "", "tags are not indexed");
}

static void test_ranking(void)
{
	struct arena *ar = arena_new();
	int64_t t0 = NOW - 100 * DAY;
	/* rule 1: the user's diacritics */
	int64_t dang_plain = add(site1, cat_other, "", "Tin mới", "", "<p>Xã đang triển khai chương trình</p>", 3, t0 + 2);
	int64_t dang_party = add(site1, cat_other, "", "Tin cũ", "", "<p>Công tác xây dựng Đảng trong năm</p>", 3, t0 + 1);
	CHECK_STR(ids("Đảng", site1, cat_other, 0, 0, false, 20, 0, NULL), idstr(dang_party, dang_plain),
		  "Đảng ranks the tone match first");
	CHECK_STR(ids("đang", site1, cat_other, 0, 0, false, 20, 0, NULL), idstr(dang_plain, dang_party),
		  "đang ranks the tone match first");
	CHECK_STR(ids("dang", site1, cat_other, 0, 0, false, 20, 0, NULL), idstr(dang_plain, dang_party),
		  "dang: tones do not matter, newer first");
	CHECK_STR(ids("ĐẢNG", site1, cat_other, 0, 0, false, 20, 0, NULL), idstr(dang_party, dang_plain),
		  "upper case keeps its tone");

	/* rule 2: title above lead above body */
	int64_t in_body = add(site1, cat_other, "", "Tin một", "", "<p>Về thủy lợi nội đồng</p>", 3, t0 + 30);
	int64_t in_lead = add(site1, cat_other, "", "Tin hai", "Về thủy lợi", "", 3, t0 + 20);
	int64_t in_title = add(site1, cat_other, "", "Thủy lợi", "", "", 3, t0 + 10);
	char want[128];
	snprintf(want, sizeof want, "%lld %lld %lld", (long long)in_title, (long long)in_lead, (long long)in_body);
	CHECK_STR(ids("thuỷ lợi", site1, cat_other, 0, 0, false, 20, 0, NULL), want, "title, then lead, then body");

	/* rule 3: the run beats scattered syllables; rule 4: strict phrase */
	int64_t scattered = add(site1, cat_other, "", "Tin ba",  "",
				"<p>Bí mật thư tín, chi tiêu của bộ phận</p>", 3, t0 + 50);
	int64_t run = add(site1, cat_other, "", "Tin bốn", "", "<p>Đồng chí bí thư chi bộ phát biểu</p>", 3, t0 + 40);
	CHECK_STR(ids("bí thư chi bộ", site1, cat_other, 0, 0, false, 20, 0, NULL), idstr(run, scattered),
		  "syllables side by side rank first");
	CHECK_STR(ids("\"bí thư chi bộ\"", site1, cat_other, 0, 0, false, 20, 0, NULL), idstr(run, 0),
		  "a quoted phrase is strict");
	CHECK_STR(ids("\"bi thu chi bo", site1, cat_other, 0, 0, false, 20, 0, NULL), idstr(run, 0),
		  "an unclosed quote still makes a phrase");
	CHECK_STR(ids("bí thư -phát", site1, cat_other, 0, 0, false, 20, 0, NULL), idstr(scattered, 0), "-word excludes");
	CHECK_STR(ids("bí -\"chi bộ\"", site1, cat_other, 0, 0, false, 20, 0, NULL), idstr(scattered, 0),
		  "-\"phrase\" excludes");

	/* rule 5: newer wins ties */
	int64_t older = add(site1, cat_other, "", "Lễ hội làng", "", "", 3, t0 + 60);
	int64_t newer = add(site1, cat_other, "", "Lễ hội làng", "", "", 3, t0 + 70);
	CHECK_STR(ids("lễ hội", site1, cat_other, 0, 0, false, 20, 0, NULL), idstr(newer, older), "newer first on ties");

	/* snippets */
	struct search_request rq = {.site_id = site1, .q = "bí thư", .category_id = cat_other, .now = NOW, .limit = 1};
	struct search_hit *hits;
	size_t n;
	int64_t total;
	CHECK(store_search(st, &rq, ar, &hits, &n, &total) == LOA_OK && n == 1, "search with a snippet");
	CHECK(n == 1 && strstr(hits[0].snippet, "<mark>bí thư</mark>") != NULL, "snippet marks the words: %s",
	      n ? hits[0].snippet : "");
	CHECK(n == 1 && strcmp(hits[0].art.body_html, "") == 0 && *hits[0].art.title, "hit carries the article");
	int64_t esc = add(site1, cat_other, "", "Tin năm", "Về <script> & kiểm tra", "", 3, t0);
	rq.q = "kiểm tra";
	CHECK(store_search(st, &rq, ar, &hits, &n, &total) == LOA_OK && n == 1 && hits[0].art.id == esc &&
		      strstr(hits[0].snippet, "&lt;script&gt; &amp; <mark>kiểm tra</mark>") != NULL,
	      "snippet escapes article text: %s", n ? hits[0].snippet : "");
	arena_free(ar);
}

static void test_changes(void)
{
	int64_t id = add(site1, cat_news, "ext-1", "Phòng chống bão lũ", "", "", 3, NOW - DAY);
	CHECK_STR(q1("bão lũ"), idstr(id, 0), "new article found at once");
	add(site1, cat_news, "ext-1", "Phòng chống hạn hán", "", "", 3, NOW - DAY);
	CHECK_STR(q1("bão lũ"), "", "edited title: old words gone");
	CHECK_STR(q1("hạn hán"), idstr(id, 0), "edited title: new words found");
	add(site1, cat_news, "ext-1", "Phòng chống hạn hán", "", "", 0, NOW - DAY);
	CHECK_STR(q1("hạn hán"), "", "unpublished: hidden");
	add(site1, cat_news, "ext-1", "Phòng chống hạn hán", "", "", 3, NOW - DAY);
	CHECK_STR(q1("hạn hán"), idstr(id, 0), "published again");
	struct view_delta v = {.article_id = id, .day = 1, .views = 5};
	CHECK(store_views_add(st, &v, 1) == LOA_OK, "view counts do not disturb the index");
	CHECK_STR(q1("hạn hán"), idstr(id, 0), "still found after view counts");
	CHECK(store_article_delete(st, site2, id) == LOA_NOTFOUND, "delete checks the site");
	CHECK(store_article_delete(st, site1, id) == LOA_OK, "delete");
	CHECK_STR(q1("hạn hán"), "", "deleted: gone from the index");

	/* a rolled-back transaction leaves the index as it was */
	CHECK(store_begin(st) == LOA_OK, "begin");
	add(site1, cat_news, "", "Tạm thời rồi bỏ", "", "", 3, NOW - DAY);
	CHECK(store_rollback(st) == LOA_OK, "rollback");
	CHECK_STR(q1("tạm thời"), "", "rolled back: not in the index");
}

static void test_suggest(void)
{
	int64_t a = add(site1, cat_news, "", "Tuyên truyền pháp luật", "", "", 3, NOW - 3 * DAY);
	int64_t b = add(site1, cat_news, "", "Tuyên dương học sinh giỏi", "", "", 3, NOW - 2 * DAY);
	add(site1, cat_news, "", "Tuyên bố nháp", "", "", 0, NOW - DAY);
	add(site1, cat_news, "", "Chuyện khác", "<p>tuyên truyền</p>", "", 3, NOW - DAY); /* lead, not title */
	struct arena *ar = arena_new();
	struct article *out;
	size_t n;
	CHECK(store_suggest(st, site1, "tuyê", NOW, 10, ar, &out, &n) == LOA_OK && n == 2 && out[0].id == b &&
		      out[1].id == a,
	      "suggestions: title prefix, published, newest first (%zu)", n);
	CHECK(store_suggest(st, site1, "tuyên tr", NOW, 10, ar, &out, &n) == LOA_OK && n == 1 && out[0].id == a,
	      "suggestions: earlier syllables are words");
	CHECK(store_suggest(st, site1, "tuyen", NOW, 1, ar, &out, &n) == LOA_OK && n == 1, "suggestions: limit");
	CHECK(store_suggest(st, site2, "tuyen", NOW, 10, ar, &out, &n) == LOA_OK && n == 0, "suggestions: site");
	CHECK(store_suggest(st, site1, "\"*(", NOW, 10, ar, &out, &n) == LOA_OK && n == 0, "suggestions: no syllable");
	arena_free(ar);
}

static int64_t progress_calls, progress_done, progress_total;

static void progress(void *ctx, int64_t done, int64_t total)
{
	(void)ctx;
	progress_calls++;
	progress_done = done;
	progress_total = total;
}

static void test_reindex(void)
{
	const char *before = q1("ngân sách");
	char copy[256];
	snprintf(copy, sizeof copy, "%s", before);
	CHECK(store_reindex(st, progress, NULL) == LOA_OK, "reindex");
	CHECK(progress_calls >= 2 && progress_done == progress_total && progress_total > 0,
	      "reindex reports progress (%lld/%lld)", (long long)progress_done, (long long)progress_total);
	CHECK_STR(q1("ngân sách"), copy, "same results after reindex");
	CHECK(store_reindex(st, NULL, NULL) == LOA_OK, "reindex without progress");
}

int main(void)
{
	setup();
	test_filters();
	test_ranking();
	test_changes();
	test_suggest();
	test_reindex();
	store_close(st);

	/* reopening an indexed database works and keeps the index */
	char *err = NULL;
	st = store_open(db_path, false, &err);
	free(err);
	CHECK(st != NULL && strlen(q1("ngân sách")) > 0, "reopened database searches");
	store_close(st);
	remove_db();
	return test_done();
}
