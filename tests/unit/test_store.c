/* test_store.c — the SQLite storage backend against its contract
 * (store/store.h), on a temporary database file that is removed after. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/status.h"
#include "core/vntime.h"
#include "store/store.h"
#include "test.h"

#define T0 1700000000 /* a fixed "now" for listings */
#define DAY 86400

static char db_path[64];

static void remove_db(void)
{
	char side[96];
	unlink(db_path);
	snprintf(side, sizeof side, "%s-wal", db_path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", db_path);
	unlink(side);
}

static bool contains(const char *s, const char *part)
{
	return s && strstr(s, part) != NULL;
}

static void test_open(void)
{
	char *err = NULL;
	struct store *st = store_open(db_path, false, &err);
	CHECK(st == NULL, "open without create fails when the file is missing");
	CHECK(contains(err, "không mở được cơ sở dữ liệu"), "missing file error is Vietnamese: %s", err ? err : "");
	free(err);
	err = NULL;

	st = store_open(db_path, true, &err);
	CHECK(st != NULL, "create a new database");
	int64_t v1 = 0, v2 = 0;
	CHECK(store_content_version(st, &v1) == LOA_OK && v1 > 0, "content version readable");
	store_close(st);

	st = store_open(db_path, false, &err);
	CHECK(st != NULL, "reopen applies no migration twice");
	CHECK(store_content_version(st, &v2) == LOA_OK && v2 == v1, "reopen keeps the content version");
	struct arena *a = arena_new();
	struct site site;
	CHECK(store_site_for_host(st, "x.vn", a, &site) == LOA_NOTFOUND, "no site yet: LOA_NOTFOUND");
	arena_free(a);
	store_close(st);
}

static void test_not_a_database(void)
{
	char path[64];
	snprintf(path, sizeof path, "/tmp/loa-notdb-XXXXXX");
	int fd = mkstemp(path);
	CHECK(fd >= 0, "temp file for a non-database");
	char junk[2048];
	for (size_t i = 0; i < sizeof junk; i++)
		junk[i] = (char)('a' + i % 26);
	CHECK(write(fd, junk, sizeof junk) == (ssize_t)sizeof junk, "write junk");
	close(fd);
	for (int create = 0; create < 2; create++) {
		char *err = NULL;
		struct store *st = store_open(path, create, &err);
		CHECK(st == NULL, "junk file is refused (create=%d)", create);
		CHECK(contains(err, "không phải là cơ sở dữ liệu"), "error says why: %s", err ? err : "");
		CHECK(contains(err, path), "error names the file");
		free(err);
		store_close(st);
	}
	unlink(path);
}

static int64_t make_site(struct store *st, const char *host, const char *name)
{
	struct site s = {.host = host, .name = name, .tagline = "", .footer = "Địa chỉ: ...", .contact = ""};
	int64_t id = 0;
	const char *err = NULL;
	int rc = store_site_create(st, &s, &id, &err);
	CHECK(rc == LOA_OK, "create site %s", name);
	return id;
}

static void test_sites(struct store *st, int64_t *site_a, int64_t *site_b)
{
	struct arena *a = arena_new();
	*site_a = make_site(st, "", "Cổng thông tin điện tử xã An Bình");
	*site_b = make_site(st, "XaBinhMinh.gov.vn", "Cổng thông tin điện tử xã Bình Minh");

	struct site s;
	CHECK(store_site_for_host(st, "xabinhminh.gov.vn", a, &s) == LOA_OK && s.id == *site_b, "exact host");
	CHECK(store_site_for_host(st, "XABINHMINH.GOV.VN:8080", a, &s) == LOA_OK && s.id == *site_b,
	      "host with port and upper case");
	CHECK_STR(s.host, "xabinhminh.gov.vn", "host stored normalised");
	CHECK(store_site_for_host(st, "khac.gov.vn", a, &s) == LOA_OK && s.id == *site_a && s.is_default,
	      "unknown host falls back to the default site");
	CHECK(store_site_for_host(st, NULL, a, &s) == LOA_OK && s.id == *site_a, "no host: default site");
	CHECK_STR(s.name, "Cổng thông tin điện tử xã An Bình", "site name round-trips");
	CHECK_STR(s.tagline, "", "empty text comes back as \"\"");

	struct site dup = {.host = "xabinhminh.gov.vn:80", .name = "Trùng"};
	const char *err = NULL;
	CHECK(store_site_create(st, &dup, NULL, &err) == LOA_CONFLICT, "duplicate host is a conflict");
	CHECK(err && *err, "conflict has a message: %s", err ? err : "");
	struct site noname = {.host = "c.vn", .name = "  "};
	CHECK(store_site_create(st, &noname, NULL, &err) == LOA_INVALID, "blank site name rejected");

	struct site upd = s;
	upd.tagline = "Đoàn kết - Đổi mới";
	upd.visits_base = 12345;
	CHECK(store_site_update(st, &upd) == LOA_OK, "update site");
	CHECK(store_site_get(st, *site_a, a, &s) == LOA_OK && s.visits_base == 12345, "update persisted");
	CHECK_STR(s.tagline, "Đoàn kết - Đổi mới", "tagline updated");

	struct site *list;
	size_t n;
	CHECK(store_site_list(st, a, &list, &n) == LOA_OK && n == 2 && list[0].id == *site_a,
	      "site list, default first");
	arena_free(a);
}

static int64_t path_id(struct store *st, int64_t site, const char *path)
{
	int64_t id = 0;
	const char *err = NULL;
	int rc = store_category_ensure_path(st, site, path, &id, &err);
	CHECK(rc == LOA_OK && id > 0, "ensure path \"%s\" (%s)", path, rc ? err : "ok");
	return id;
}

static const char *slug_of(struct store *st, int64_t site, int64_t id, struct arena *a)
{
	struct category *c;
	size_t n;
	if (store_category_list(st, site, a, &c, &n) != LOA_OK)
		return "";
	for (size_t i = 0; i < n; i++)
		if (c[i].id == id)
			return c[i].slug;
	return "";
}

static void test_categories(struct store *st, int64_t site, int64_t other)
{
	struct arena *a = arena_new();
	int64_t leaf = path_id(st, site, "Tin tức/Xây dựng Đảng");
	int64_t again = path_id(st, site, "  Tin tức /  Xây  dựng Đảng / ");
	CHECK(leaf == again, "same path, messy spacing: same category");
	int64_t top = path_id(st, site, "Tin tức");
	CHECK(top != leaf, "parent is its own category");
	CHECK_STR(slug_of(st, site, top, a), "tin-tuc", "slug from the name");
	CHECK_STR(slug_of(st, site, leaf, a), "xay-dung-dang", "child slug");

	int64_t twin = path_id(st, site, "Tin Tức");
	CHECK(twin != top, "different name makes a different category");
	CHECK_STR(slug_of(st, site, twin, a), "tin-tuc-2", "slug made unique with -2");
	int64_t third = path_id(st, site, "Văn bản/TIN TỨC");
	CHECK_STR(slug_of(st, site, third, a), "tin-tuc-3", "then -3, across levels");

	int64_t search = path_id(st, site, "Tìm kiếm");
	CHECK_STR(slug_of(st, site, search, a), "tim-kiem-2", "reserved slug avoided");
	int64_t in = path_id(st, site, "In");
	CHECK_STR(slug_of(st, site, in, a), "in-2", "reserved short slug avoided");
	CHECK(store_slug_reserved("quan-tri") && store_slug_reserved("rss.xml") && !store_slug_reserved("tin-tuc"),
	      "store_slug_reserved");

	int64_t elsewhere = path_id(st, other, "Tin tức");
	CHECK(elsewhere != top, "categories belong to their site");
	CHECK_STR(slug_of(st, other, elsewhere, a), "tin-tuc", "slugs are unique per site only");

	const char *err = NULL;
	int64_t id = -1;
	CHECK(store_category_ensure_path(st, site, " / /", &id, &err) == LOA_INVALID, "empty path rejected");
	CHECK_STR(err, "chuyên mục trống", "empty path message");
	CHECK(store_category_ensure_path(st, site, "", &id, &err) == LOA_INVALID, "empty string rejected");
	CHECK(store_category_ensure_path(st, site, "Tin \xff", &id, &err) == LOA_INVALID, "invalid UTF-8 rejected");
	CHECK(store_category_ensure_path(st, 9999, "Ma", &id, &err) == LOA_INVALID, "unknown site rejected");
	CHECK(err && *err, "unknown site message: %s", err ? err : "");

	/* Tree order: parents before children, siblings in creation order. */
	path_id(st, site, "Tin tức/Kinh tế");
	struct category *c;
	size_t n;
	CHECK(store_category_list(st, site, a, &c, &n) == LOA_OK, "category list");
	bool ok = true;
	for (size_t i = 0; i < n; i++) {
		if (!c[i].parent_id)
			continue;
		bool parent_before = false;
		for (size_t j = 0; j < i; j++)
			parent_before |= c[j].id == c[i].parent_id;
		ok &= parent_before;
	}
	CHECK(ok && n == 8, "parents come before children (%zu categories)", n);
	CHECK(c[0].id == top && c[1].id == leaf && strcmp(c[2].name, "Kinh tế") == 0 && c[3].id == twin,
	      "tree walk: Tin tức, its children in order, then the next top level");

	struct category one;
	CHECK(store_category_by_slug(st, site, "xay-dung-dang", a, &one) == LOA_OK && one.id == leaf &&
		      one.parent_id == top,
	      "category by slug");
	CHECK(store_category_by_slug(st, site, "khong-co", a, &one) == LOA_NOTFOUND, "unknown slug");
	arena_free(a);
}

static int64_t put(struct store *st, int64_t site, int64_t cat, const char *title, const char *ext, int64_t when)
{
	struct article art = {.site_id = site,
			      .category_id = cat,
			      .title = title,
			      .lead = "Tóm tắt",
			      .body_html = "<p>Nội dung</p>",
			      .external_id = ext,
			      .status = ARTICLE_PUBLISHED,
			      .published_at = when};
	int64_t id = 0;
	bool created = false;
	const char *err = NULL;
	int rc = store_article_upsert(st, &art, &id, &created, &err);
	CHECK(rc == LOA_OK && created, "insert \"%s\" (%s)", title, rc ? err : "ok");
	return id;
}

static void test_articles(struct store *st, int64_t site, int64_t other)
{
	struct arena *a = arena_new();
	int64_t cat_a = path_id(st, site, "A");
	int64_t cat_b = path_id(st, site, "A/B");
	int64_t cat_c = path_id(st, site, "A/B/C");
	int64_t cat_d = path_id(st, site, "D");
	int64_t other_cat = path_id(st, other, "A");

	/* Upsert by external id. */
	struct article art = {.site_id = site,
			      .category_id = cat_a,
			      .title = "Hội nghị tổng kết năm 2023",
			      .body_html = "<p>Một</p>",
			      .external_id = "old-17",
			      .status = ARTICLE_PUBLISHED,
			      .published_at = T0 - 10 * DAY,
			      .created_at = T0 - 10 * DAY,
			      .updated_at = T0 - 10 * DAY};
	int64_t id1 = 0, id2 = 0;
	bool created = false;
	const char *err = NULL;
	CHECK(store_article_upsert(st, &art, &id1, &created, &err) == LOA_OK && created, "upsert inserts");
	art.title = "Hội nghị tổng kết năm 2023 (cập nhật)";
	art.updated_at = T0 - 9 * DAY;
	art.created_at = T0;
	CHECK(store_article_upsert(st, &art, &id2, &created, &err) == LOA_OK && !created && id2 == id1,
	      "same external id updates the same row");
	struct article got;
	CHECK(store_article_get(st, site, id1, a, &got) == LOA_OK, "get article");
	CHECK_STR(got.title, "Hội nghị tổng kết năm 2023 (cập nhật)", "title updated");
	CHECK_STR(got.slug, "hoi-nghi-tong-ket-nam-2023-cap-nhat", "slug from the title");
	CHECK_STR(got.category_name, "A", "category joined");
	CHECK_STR(got.body_html, "<p>Một</p>", "body stored");
	CHECK_STR(got.image, "", "missing image is \"\"");
	CHECK(got.created_at == T0 - 10 * DAY && got.updated_at == T0 - 9 * DAY, "created kept, updated bumped");
	CHECK(store_article_get(st, other, id1, a, &got) == LOA_NOTFOUND, "article not visible from another site");

	art.external_id = "";
	CHECK(store_article_upsert(st, &art, &id2, &created, &err) == LOA_OK && created && id2 != id1,
	      "no external id always inserts");
	art.title = "   ";
	CHECK(store_article_upsert(st, &art, &id2, &created, &err) == LOA_INVALID, "blank title rejected");
	CHECK_STR(err, "tiêu đề bài viết trống", "blank title message");
	art.title = "Bài";
	art.category_id = other_cat;
	CHECK(store_article_upsert(st, &art, &id2, &created, &err) == LOA_INVALID, "foreign category rejected");
	CHECK_STR(err, "chuyên mục không thuộc trang này", "foreign category message");

	/* Listing with category descendants. Publication times are distinct
	 * so the expected order is unambiguous. */
	int64_t in_a = put(st, site, cat_a, "Trong A", "", T0 - 5 * DAY);
	int64_t in_b = put(st, site, cat_b, "Trong B", "", T0 - 4 * DAY);
	int64_t in_c = put(st, site, cat_c, "Trong C", "", T0 - 3 * DAY);
	int64_t in_d = put(st, site, cat_d, "Trong D", "", T0 - 2 * DAY);
	put(st, site, cat_c, "Hẹn giờ", "", T0 + DAY); /* not yet published */
	struct article draft = {.site_id = site, .category_id = cat_a, .title = "Nháp", .status = ARTICLE_DRAFT,
				.published_at = T0 - DAY};
	CHECK(store_article_upsert(st, &draft, NULL, NULL, &err) == LOA_OK, "insert draft");

	struct article_query q = {.site_id = site, .category_id = cat_a, .now = T0, .limit = 10};
	struct article *list;
	size_t n;
	int64_t total = -1;
	CHECK(store_article_list(st, &q, a, &list, &n, &total) == LOA_OK, "list category A");
	/* A holds id1, the copy (id2 from the external-id-less upsert), in_a;
	 * B: in_b; C: in_c. */
	CHECK(n == 5 && total == 5, "A and its descendants, published only (n=%zu total=%lld)", n,
	      (long long)total);
	CHECK(n >= 3 && list[0].id == in_c && list[1].id == in_b && list[2].id == in_a, "newest first");
	CHECK_STR(n ? list[0].body_html : NULL, "", "no body unless asked");
	CHECK_STR(n ? list[0].category_slug : NULL, "c", "category slug joined");
	bool has_d = false;
	for (size_t i = 0; i < n; i++)
		has_d |= list[i].id == in_d;
	CHECK(!has_d, "sibling category excluded");

	q.category_id = cat_b;
	CHECK(store_article_list(st, &q, a, &list, &n, &total) == LOA_OK && n == 2 && total == 2, "B and C only");

	q.category_id = 0;
	q.limit = 2;
	q.offset = 2;
	q.with_body = true;
	CHECK(store_article_list(st, &q, a, &list, &n, &total) == LOA_OK && n == 2 && total == 6,
	      "page 2 of the whole site: n=%zu total=%lld", n, (long long)total);
	CHECK(n == 2 && list[0].id == in_b && list[1].id == in_a, "page 2 holds the 3rd and 4th newest");
	CHECK_STR(n ? list[0].body_html : NULL, "<p>Nội dung</p>", "body when asked");
	q.offset = 6;
	CHECK(store_article_list(st, &q, a, &list, &n, NULL) == LOA_OK && n == 0 && list != NULL,
	      "past the end: empty, total not asked");
	q.offset = 0;
	q.limit = 10;
	q.exclude_id = in_d;
	CHECK(store_article_list(st, &q, a, &list, &n, &total) == LOA_OK && total == 5 && list[0].id == in_c,
	      "exclude_id");
	q.exclude_id = 0;
	q.now = T0 + 2 * DAY;
	CHECK(store_article_list(st, &q, a, &list, &n, &total) == LOA_OK && total == 7, "scheduled shows in time");
	q.now = T0;

	/* Featured ordering: featured_order first, then newest. */
	struct article f = {.site_id = site, .category_id = cat_d, .status = ARTICLE_PUBLISHED, .featured = true};
	int64_t f1, f2, f3;
	f.title = "Nổi bật cũ, thứ tự 1";
	f.featured_order = 1;
	f.published_at = T0 - 20 * DAY;
	store_article_upsert(st, &f, &f1, NULL, &err);
	f.title = "Nổi bật mới, thứ tự 2";
	f.featured_order = 2;
	f.published_at = T0 - DAY;
	store_article_upsert(st, &f, &f2, NULL, &err);
	f.title = "Nổi bật, thứ tự 1, mới hơn";
	f.featured_order = 1;
	f.published_at = T0 - 15 * DAY;
	store_article_upsert(st, &f, &f3, NULL, &err);
	q.featured_only = true;
	CHECK(store_article_list(st, &q, a, &list, &n, &total) == LOA_OK && n == 3 && total == 3, "featured only");
	CHECK(n == 3 && list[0].id == f3 && list[1].id == f1 && list[2].id == f2, "featured order, then newest");
	q.category_id = cat_a;
	CHECK(store_article_list(st, &q, a, &list, &n, &total) == LOA_OK && n == 0 && total == 0,
	      "featured within a category");
	arena_free(a);
}

static void test_hot(struct store *st)
{
	struct arena *a = arena_new();
	int64_t site = make_site(st, "hot.vn", "Trang thử tin đọc nhiều");
	int64_t cat = path_id(st, site, "Tin");
	int64_t now = T0;
	int64_t since = now - 7 * DAY;
	int64_t old = put(st, site, cat, "Cũ, ngoài cửa sổ", "", now - 30 * DAY);
	int64_t x = put(st, site, cat, "X", "", now - 6 * DAY);
	int64_t y = put(st, site, cat, "Y", "", now - 5 * DAY);
	int64_t z = put(st, site, cat, "Z", "", now - 4 * DAY);
	int64_t p2 = put(st, site, cat, "Ghim 2", "pin-2", now - 3 * DAY);
	int64_t p1 = put(st, site, cat, "Ghim 1", "pin-1", now - 2 * DAY);
	int64_t p3 = put(st, site, cat, "Ghim ngoài cửa sổ", "pin-3", now - 20 * DAY);

	/* Pinning is an update by external id: same rows. */
	struct article art;
	int64_t same = 0;
	store_article_get(st, site, p1, a, &art);
	art.hot_pin = 1;
	CHECK(store_article_upsert(st, &art, &same, NULL, NULL) == LOA_OK && same == p1, "pin 1");
	store_article_get(st, site, p2, a, &art);
	art.hot_pin = 2;
	CHECK(store_article_upsert(st, &art, &same, NULL, NULL) == LOA_OK && same == p2, "pin 2");
	store_article_get(st, site, p3, a, &art);
	art.hot_pin = 3;
	CHECK(store_article_upsert(st, &art, &same, NULL, NULL) == LOA_OK && same == p3, "pin 3");

	int64_t today = vn_day(now);
	struct view_delta d[] = {
		{x, today, 5},          {y, today - 1, 50}, {z, today, 20}, {z, vn_day(since) - 3, 1000},
		{old, today, 100000},
	};
	int64_t v_before = 0, v_after = 0;
	store_content_version(st, &v_before);
	CHECK(store_views_add(st, d, sizeof d / sizeof d[0]) == LOA_OK, "add views");
	store_content_version(st, &v_after);
	CHECK(v_before == v_after, "views do not change the content version");

	struct article *list;
	size_t n;
	CHECK(store_article_hot(st, site, since, now, 10, a, &list, &n) == LOA_OK, "hot list");
	bool has_old = false;
	for (size_t i = 0; i < n; i++)
		has_old |= list[i].id == old || list[i].id == p3;
	CHECK(!has_old, "articles before the window are left out, even pinned ones");
	CHECK(n == 5, "all published in the window: %zu", n);
	CHECK(n == 5 && list[0].id == p1 && list[1].id == p2, "pins first, smallest first");
	CHECK(n == 5 && list[2].id == y && list[3].id == z && list[4].id == x,
	      "then by views within the window (old days do not count)");
	put(st, site, cat, "Chưa xuất bản", "", now + DAY);
	CHECK(store_article_hot(st, site, since, now, 10, a, &list, &n) == LOA_OK && n == 5,
	      "articles published after now are left out");
	CHECK(store_article_get(st, site, z, a, &art) == LOA_OK && art.views == 1020, "total views counted");
	CHECK(store_article_hot(st, site, since, now, 3, a, &list, &n) == LOA_OK && n == 3, "limit");
	struct view_delta gone = {999999, today, 3};
	CHECK(store_views_add(st, &gone, 1) == LOA_OK, "views for a deleted article are dropped");
	arena_free(a);
}

static void test_calendar_links(struct store *st, int64_t site)
{
	struct arena *a = arena_new();
	int64_t d0 = 19700;
	struct cal_item items[] = {
		{.site_id = site, .day = d0 + 1, .session = CAL_MORNING, .start_time = "08:00", .content = "Họp 4"},
		{.site_id = site, .day = d0, .session = CAL_AFTERNOON, .start_time = "14:00", .content = "Họp 3"},
		{.site_id = site, .day = d0, .session = CAL_MORNING, .start_time = "", .content = "Họp 2"},
		{.site_id = site, .day = d0, .session = CAL_MORNING, .start_time = "07:30", .content = "Họp 1",
		 .note = "Hoãn", .state = 1},
		{.site_id = site, .day = d0 + 9, .session = CAL_MORNING, .start_time = "07:30", .content = "Xa"},
	};
	for (size_t i = 0; i < sizeof items / sizeof items[0]; i++)
		CHECK(store_calendar_add(st, &items[i], NULL) == LOA_OK, "add calendar item %zu", i);
	struct cal_item bad = {.site_id = site, .day = d0, .session = 7, .content = "x"};
	CHECK(store_calendar_add(st, &bad, NULL) == LOA_INVALID, "bad session rejected");
	struct cal_item *c;
	size_t n;
	CHECK(store_calendar_range(st, site, d0, d0 + 6, a, &c, &n) == LOA_OK && n == 4, "calendar range");
	CHECK(n == 4 && strcmp(c[0].content, "Họp 1") == 0 && strcmp(c[1].content, "Họp 2") == 0 &&
		      strcmp(c[2].content, "Họp 3") == 0 && strcmp(c[3].content, "Họp 4") == 0,
	      "by day, session, start time");
	CHECK_STR(n ? c[0].note : NULL, "Hoãn", "note kept");
	CHECK_STR(n > 1 ? c[1].chair : NULL, "", "missing chair is \"\"");

	struct link links[] = {
		{.site_id = site, .title = "Cổng tỉnh", .url = "https://tinh.gov.vn", .position = 2},
		{.site_id = site, .title = "Chính phủ", .url = "https://chinhphu.vn", .position = 1},
		{.site_id = site, .title = "Huyện", .url = "https://huyen.gov.vn", .position = 2},
	};
	for (size_t i = 0; i < 3; i++)
		CHECK(store_link_add(st, &links[i], NULL) == LOA_OK, "add link %zu", i);
	struct link *l;
	CHECK(store_link_list(st, site, a, &l, &n) == LOA_OK && n == 3, "link list");
	CHECK(n == 3 && strcmp(l[0].title, "Chính phủ") == 0 && strcmp(l[1].title, "Cổng tỉnh") == 0 &&
		      strcmp(l[2].title, "Huyện") == 0,
	      "links by position, then insertion");

	struct media m = {.site_id = site, .path = "2024/01/anh.jpg", .mime = "image/jpeg", .width = 800,
			  .height = 600};
	int64_t mid = 0;
	CHECK(store_media_add(st, &m, &mid) == LOA_OK && mid > 0, "add media");
	CHECK(store_media_add(st, &m, &mid) == LOA_CONFLICT, "same media path is a conflict");
	arena_free(a);
}

static void test_visits(struct store *st, int64_t site, int64_t other)
{
	int64_t today = -1, total = -1;
	CHECK(store_visits_get(st, site, 19000, &today, &total) == LOA_OK && today == 0 && total == 0,
	      "no visits yet");
	struct visit_delta d[] = {{site, 19000, 3}, {site, 19001, 4}, {other, 19001, 10}, {site, 19001, 1},
				  {424242, 19001, 5}};
	CHECK(store_visits_add(st, d, sizeof d / sizeof d[0]) == LOA_OK, "add visits");
	CHECK(store_visits_get(st, site, 19001, &today, &total) == LOA_OK && today == 5 && total == 8,
	      "today and total (today=%lld total=%lld)", (long long)today, (long long)total);
	CHECK(store_visits_get(st, other, 19001, &today, &total) == LOA_OK && today == 10 && total == 10,
	      "per site; visits_base not included");
}

static void test_versions_and_transactions(struct store *st, int64_t site)
{
	struct arena *a = arena_new();
	int64_t cat = path_id(st, site, "Phiên bản");
	int64_t v0 = 0, v1 = 0, v2 = 0;
	store_content_version(st, &v0);
	int64_t id = put(st, site, cat, "Bài làm đổi phiên bản", "", T0 - DAY);
	store_content_version(st, &v1);
	CHECK(v1 > v0, "article insert bumps the content version");
	struct view_delta d = {id, vn_day(T0), 7};
	store_views_add(st, &d, 1);
	store_content_version(st, &v2);
	CHECK(v2 == v1, "views-only update leaves it");
	struct visit_delta vd = {site, vn_day(T0), 2};
	store_visits_add(st, &vd, 1);
	store_content_version(st, &v2);
	CHECK(v2 == v1, "visits leave it");
	struct link l = {.site_id = site, .title = "Mới", .url = "https://moi.vn"};
	store_link_add(st, &l, NULL);
	store_content_version(st, &v2);
	CHECK(v2 > v1, "links bump it");

	/* A rolled-back batch leaves nothing behind, including categories
	 * created inside it (their unit is a savepoint). */
	CHECK(store_begin(st) == LOA_OK, "begin");
	CHECK(store_begin(st) != LOA_OK, "transactions do not nest");
	int64_t tmp_cat = path_id(st, site, "Tạm thời/Con");
	int64_t tmp = put(st, site, tmp_cat, "Bài tạm", "tmp-1", T0 - DAY);
	CHECK(store_rollback(st) == LOA_OK, "rollback");
	struct article art;
	CHECK(store_article_get(st, site, tmp, a, &art) == LOA_NOTFOUND, "rolled-back article is gone");
	struct category c;
	CHECK(store_category_by_slug(st, site, "tam-thoi", a, &c) == LOA_NOTFOUND, "rolled-back category is gone");

	CHECK(store_begin(st) == LOA_OK, "begin batch");
	for (int i = 0; i < 50; i++) {
		char ext[16], title[32];
		snprintf(ext, sizeof ext, "b-%d", i);
		snprintf(title, sizeof title, "Bài lô %d", i);
		struct article b = {.site_id = site, .category_id = cat, .title = title, .external_id = ext,
				    .status = ARTICLE_PUBLISHED, .published_at = T0 - 3 * DAY};
		if (store_article_upsert(st, &b, NULL, NULL, NULL) != LOA_OK)
			CHECK(0, "batch insert %d", i);
	}
	struct article bad = {.site_id = site, .category_id = cat, .title = ""};
	CHECK(store_article_upsert(st, &bad, NULL, NULL, NULL) == LOA_INVALID, "a rejected row inside a batch");
	CHECK(store_commit(st) == LOA_OK, "commit batch");
	struct article_query q = {.site_id = site, .category_id = cat, .now = T0, .limit = 1};
	struct article *list;
	size_t n;
	int64_t total = 0;
	CHECK(store_article_list(st, &q, a, &list, &n, &total) == LOA_OK && total == 51, "batch committed");
	CHECK(store_commit(st) == LOA_INVALID, "commit without a transaction");
	arena_free(a);
}

/* A second connection (as the statistics flusher or a command-line tool
 * would hold) sees the first one's content changes and writes counters
 * alongside it. */
static void test_two_connections(struct store *st, int64_t site)
{
	char *err = NULL;
	struct store *other = store_open(db_path, false, &err);
	CHECK(other != NULL, "second connection on the same file");
	if (!other) {
		free(err);
		return;
	}
	int64_t v1 = 0, v2 = 0;
	store_content_version(other, &v1);
	path_id(st, site, "Từ kết nối khác");
	store_content_version(other, &v2);
	CHECK(v2 > v1, "content version changes seen by another connection");
	struct visit_delta vd = {site, 19001, 1};
	CHECK(store_visits_add(other, &vd, 1) == LOA_OK, "other connection writes visits");
	int64_t today = 0;
	CHECK(store_visits_get(st, site, 19001, &today, NULL) == LOA_OK && today == 6, "and the first reads them");
	store_close(other);
}

static void test_reopen(int64_t site)
{
	char *err = NULL;
	struct store *st = store_open(db_path, false, &err);
	CHECK(st != NULL, "reopen after use");
	if (!st) {
		free(err);
		return;
	}
	struct arena *a = arena_new();
	struct site s;
	CHECK(store_site_for_host(st, "", a, &s) == LOA_OK && s.id == site, "data survives reopening");
	int64_t today = 0, total = 0;
	CHECK(store_visits_get(st, site, 19001, &today, &total) == LOA_OK && today == 6, "visits durable");
	arena_free(a);
	store_close(st);
}

int main(void)
{
	snprintf(db_path, sizeof db_path, "/tmp/loa-store-XXXXXX");
	int fd = mkstemp(db_path);
	if (fd < 0) {
		perror("mkstemp");
		return 1;
	}
	close(fd);
	unlink(db_path); /* store_open must create it */

	test_open();
	test_not_a_database();

	char *err = NULL;
	struct store *st = store_open(db_path, false, &err);
	CHECK(st != NULL, "open for the remaining tests (%s)", err ? err : "ok");
	if (!st) {
		free(err);
		remove_db();
		return test_done();
	}
	int64_t site_a = 0, site_b = 0;
	test_sites(st, &site_a, &site_b);
	test_categories(st, site_a, site_b);
	test_articles(st, site_a, site_b);
	test_hot(st);
	test_calendar_links(st, site_a);
	test_visits(st, site_a, site_b);
	test_versions_and_transactions(st, site_a);
	test_two_connections(st, site_a);
	store_close(st);
	test_reopen(site_a);
	remove_db();
	return test_done();
}
