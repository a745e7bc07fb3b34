/* test_org.c — the rules of "Giới thiệu" (org/org.h) and its storage
 * (store/store_org.h) in the SQLite backend: validation of pages, units
 * and officials, tree order, the directory's search without diacritics,
 * English fallbacks, revisions and restores, edit conflicts, references
 * kept within a site. On a temporary database removed after. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/status.h"
#include "org/org.h"
#include "store/store.h"
#include "store/store_org.h"
#include "test.h"

static void test_page_rules(void)
{
	struct arena *a = arena_new();
	struct org_errors e = {0};
	struct org_page p = {.title = "  Giới thiệu chung  ", .body_html = "<p>Xã <b>Hòa</b></p><script>x()</script>",
			     .title_en = "", .body_en = "", .slug = ""};
	org_page_prepare(a, &p, NULL, NULL, &e);
	CHECK(e.n == 0, "a plain page passes");
	CHECK_STR(p.title, "Giới thiệu chung", "title trimmed");
	CHECK_STR(p.slug, "gioi-thieu-chung", "slug made from the title");
	CHECK(strstr(p.body_html, "script") == NULL && strstr(p.body_html, "<b>Hòa</b>"), "body sanitized");
	CHECK(!org_page_has_en(&p), "no English version");

	struct org_errors e2 = {0};
	struct org_page q = {.title = "", .body_html = "", .title_en = "About", .body_en = "<p> </p>", .slug = "Có-Dấu"};
	org_page_prepare(a, &q, NULL, NULL, &e2);
	CHECK(org_error_of(&e2, "title") != NULL, "title required");
	CHECK(org_error_of(&e2, "body_en") != NULL, "English title without English text refused");
	CHECK(org_error_of(&e2, "slug") != NULL, "a slug with capitals and diacritics refused");

	struct org_errors e3 = {0};
	struct org_page r = {.title = "Trang", .body_html = "", .title_en = "", .body_en = "<p>Only text</p>",
			     .slug = "leaders"};
	org_page_prepare(a, &r, NULL, NULL, &e3);
	CHECK(org_error_of(&e3, "title_en") != NULL, "English text without English title refused");
	CHECK(org_error_of(&e3, "slug") != NULL, "a reserved slug refused");

	struct org_errors e4 = {0};
	char big[400];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	struct org_page s = {.title = big, .body_html = "\xff\xfe", .title_en = "", .body_en = "", .slug = "", .position = -1};
	org_page_prepare(a, &s, NULL, NULL, &e4);
	CHECK(org_error_of(&e4, "title") && strstr(org_error_of(&e4, "title"), "dài quá"), "over-long title refused");
	CHECK(org_error_of(&e4, "body") != NULL, "invalid UTF-8 body refused");
	CHECK(org_error_of(&e4, "position") != NULL, "negative order refused");
	arena_free(a);
}

static void test_contacts(void)
{
	CHECK(org_email_ok("") && org_email_ok("vanphong@hoalacson.example"), "e-mail accepted");
	CHECK(!org_email_ok("vanphong@") && !org_email_ok("a b@x.vn") && !org_email_ok("@x.vn") &&
	      !org_email_ok("a@b@c.vn") && !org_email_ok("a@xvn") && !org_email_ok("<a>@x.vn"),
	      "malformed e-mail refused");
	CHECK(org_phone_ok("") && org_phone_ok("0200 3861 205") && org_phone_ok("(0200) 3.861.205; 0912-345-678") &&
	      org_phone_ok("+84 200 3861 205"), "phones accepted");
	CHECK(!org_phone_ok("gọi 113") && !org_phone_ok("12") && !org_phone_ok("0200 3861 205 ext"), "bad phones refused");
	struct arena *a = arena_new();
	struct org_errors e = {0};
	struct org_unit u = {.name = " ", .name_en = "", .address = "", .phone = "abc", .email = "x@", .functions = "",
			     .functions_en = ""};
	org_unit_prepare(a, &u, &e);
	CHECK(org_error_of(&e, "name") && org_error_of(&e, "phone") && org_error_of(&e, "email"),
	      "unit: name, phone, e-mail each get a message");
	struct org_errors e2 = {0};
	struct org_official o = {.name = "Nguyễn Văn A", .title = "", .title_en = "", .phone = "0200 3861 220",
				 .email = "a@x.vn", .photo = ""};
	org_official_prepare(a, &o, &e2);
	CHECK(e2.n == 0, "a good official passes");
	arena_free(a);
}

static void test_tree(void)
{
	/* sibling order as the store gives it; 5's parent is missing; 6 and 7
	 * point at each other */
	struct org_unit u[] = {{.id = 3, .parent_id = 1, .name = "Văn phòng"}, {.id = 1, .name = "UBND"},
			       {.id = 2, .name = "HĐND"}, {.id = 4, .parent_id = 1, .name = "Phòng Kinh tế"},
			       {.id = 8, .parent_id = 3, .name = "Tổ một cửa"}, {.id = 5, .parent_id = 99, .name = "Lạc"},
			       {.id = 6, .parent_id = 7, .name = "Vòng A"}, {.id = 7, .parent_id = 6, .name = "Vòng B"}};
	size_t n = sizeof u / sizeof u[0], order[8];
	int depth[8];
	org_tree_order(u, n, order, depth);
	int64_t ids[8];
	for (size_t i = 0; i < n; i++)
		ids[i] = u[order[i]].id;
	int64_t want[8] = {1, 3, 8, 4, 2, 5, 6, 7};
	int want_depth[8] = {0, 1, 2, 1, 0, 0, 0, 1};
	CHECK(memcmp(ids, want, sizeof want) == 0, "tree order: parent, then its subtree, then the next sibling");
	CHECK(memcmp(depth, want_depth, sizeof want_depth) == 0, "depths");
	CHECK(org_unit_parent_ok(u, n, 0, 1) && org_unit_parent_ok(u, n, 3, 1) && org_unit_parent_ok(u, n, 3, 0),
	      "valid parents");
	CHECK(!org_unit_parent_ok(u, n, 1, 1) && !org_unit_parent_ok(u, n, 1, 8) && !org_unit_parent_ok(u, n, 1, 42),
	      "itself, a descendant or an unknown unit refused as parent");
}

static bool finds(const char *query, const struct org_official *o)
{
	struct search_query q;
	search_query_parse(&q, query, strlen(query));
	return org_official_matches(o, &q);
}

static void test_search(void)
{
	struct org_official o = {.name = "Nguyễn Đức Khải", .title = "Chủ tịch UBND xã", .unit_name = "Ủy ban nhân dân xã"};
	CHECK(finds("nguyen duc khai", &o) && finds("NGUYỄN ĐỨC KHẢI", &o) && finds("Nguyễn Đức Khải", &o),
	      "name typed with, without diacritics, in capitals");
	CHECK(finds("khai", &o) && finds("duc kh", &o) && finds("chu tich", &o) && finds("uy ban", &o),
	      "a part, a prefix of the last word, the title, the unit");
	CHECK(!finds("nguyen van khai", &o) && !finds("khải hoàn", &o), "every word must be there");
	CHECK(!finds("khái", &o), "a tone typed counts");
	CHECK(finds("", &o) && finds("  ", &o), "no keywords: everything");
	struct org_official nfd = {.name = "Nguye\xcc\x82\xcc\x83n Thi\xcc\xa3 Hoa\xcc\x80", .title = "", .unit_name = ""};
	CHECK(finds("nguyen thi hoa", &nfd) && finds("Hòa", &nfd), "a name stored decomposed is found too");
}

static void test_fallback(void)
{
	CHECK_STR(org_en("Economic Division", "Phòng Kinh tế"), "Economic Division", "English when given");
	CHECK_STR(org_en("", "Phòng Kinh tế"), "Phòng Kinh tế", "Vietnamese when not");
	CHECK_STR(org_en("  ", "Phòng Kinh tế"), "Phòng Kinh tế", "blank English is none");
	CHECK_STR(org_en(NULL, NULL), "", "never NULL");
	struct org_page p = {.title_en = "About", .body_en = "<p>x</p>"};
	CHECK(org_page_has_en(&p), "a page with both English fields has an English version");
	p.body_en = "";
	CHECK(!org_page_has_en(&p), "without English text it has none");
}

/* ---- storage ---- */

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

static void test_store(void)
{
	snprintf(db_path, sizeof db_path, "/tmp/loa-test-org-%d.db", (int)getpid());
	remove_db();
	char *err = NULL;
	struct store *st = store_open(db_path, true, &err);
	CHECK(st != NULL, "store opens (%s)", err ? err : "ok");
	free(err);
	if (!st)
		return;
	struct arena *a = arena_new();
	int64_t site, other;
	const char *serr = NULL;
	struct site s1 = {.host = "", .name = "Xã Một", .is_default = true}, s2 = {.host = "hai.example", .name = "Xã Hai"};
	CHECK(store_site_create(st, &s1, &site, &serr) == LOA_OK && store_site_create(st, &s2, &other, &serr) == LOA_OK,
	      "two sites");
	int64_t v0 = -1, v1 = -1;
	store_content_version(st, &v0);

	/* pages, versions, revisions */
	struct org_page p = {.site_id = site, .slug = "lich-su", .title = "Lịch sử", .body_html = "<p>Một</p>",
			     .title_en = "", .body_en = "", .position = 2, .published = true};
	int64_t id, version;
	bool taken;
	CHECK(store_org_page_save(st, &p, 0, 1000, &id, &version, &taken) == LOA_OK && version == 1, "page created");
	store_content_version(st, &v1);
	CHECK(v1 > v0, "a page is content: the version moves");
	struct org_page dup = p;
	CHECK(store_org_page_save(st, &dup, 0, 1001, &id, &version, &taken) == LOA_CONFLICT && taken,
	      "same slug in the site: conflict, slug taken");
	dup.site_id = other;
	int64_t other_page;
	CHECK(store_org_page_save(st, &dup, 0, 1001, &other_page, &version, &taken) == LOA_OK,
	      "same slug in another site is fine");
	struct org_page got;
	CHECK(store_org_page_by_slug(st, site, "lich-su", a, &got) == LOA_OK && got.id == id, "by slug");
	got.body_html = "<p>Hai</p>";
	got.title_en = "History";
	got.body_en = "<p>Two</p>";
	CHECK(store_org_page_save(st, &got, 0, 1002, &id, &version, &taken) == LOA_OK && version == 2, "page updated");
	got.body_html = "<p>Ba</p>";
	CHECK(store_org_page_save(st, &got, 0, 1003, &id, &version, &taken) == LOA_CONFLICT && !taken,
	      "an edit of version 1 after version 2: conflict, nothing written");
	struct org_page now;
	store_org_page_get(st, site, id, a, &now);
	CHECK_STR(now.body_html, "<p>Hai</p>", "the newer text stays");
	CHECK_STR(now.title_en, "History", "English stored");
	struct org_page_revision *revs;
	size_t n;
	CHECK(store_org_page_revisions(st, site, id, a, &revs, &n) == LOA_OK && n == 2, "two revisions");
	CHECK(n == 2 && strcmp(revs[0].body_html, "<p>Hai</p>") == 0 && strcmp(revs[1].body_html, "<p>Một</p>") == 0,
	      "newest first");
	CHECK(store_org_page_revisions(st, other, id, a, &revs, &n) == LOA_OK && n == 0, "not seen from another site");
	struct org_page_revision r;
	CHECK(store_org_page_revision_get(st, site, id, 424242, a, &r) == LOA_NOTFOUND, "unknown revision");
	store_org_page_revisions(st, site, id, a, &revs, &n);
	CHECK(store_org_page_revision_get(st, site, id, revs[1].id, a, &r) == LOA_OK, "a revision by id");
	now.body_html = r.body_html;
	now.title_en = r.title_en;
	now.body_en = r.body_en;
	CHECK(store_org_page_save(st, &now, 0, 1004, &id, &version, &taken) == LOA_OK && version == 3, "restored");
	store_org_page_revisions(st, site, id, a, &revs, &n);
	CHECK(n == 3, "a restore is a revision too");
	struct org_page hidden = {.site_id = site, .slug = "an", .title = "Ẩn", .body_html = "", .title_en = "",
				  .body_en = "", .position = 1, .published = false};
	int64_t hid;
	store_org_page_save(st, &hidden, 0, 1005, &hid, &version, &taken);
	struct org_page *pages;
	CHECK(store_org_page_list(st, site, true, a, &pages, &n) == LOA_OK && n == 1, "hidden pages left out publicly");
	CHECK(store_org_page_list(st, site, false, a, &pages, &n) == LOA_OK && n == 2 && pages[0].id == hid,
	      "the newsroom sees all, by position");
	CHECK(store_org_page_delete(st, other, id) == LOA_NOTFOUND, "a page is deleted only from its site");
	CHECK(store_org_page_delete(st, site, hid) == LOA_OK, "page deleted");

	/* units and officials */
	struct org_unit ubnd = {.site_id = site, .name = "UBND", .name_en = "People's Committee", .address = "",
				.phone = "", .email = "", .functions = "", .functions_en = ""};
	int64_t u1, u2, u3;
	CHECK(store_org_unit_save(st, &ubnd, &u1) == LOA_OK, "unit added");
	struct org_unit vp = ubnd;
	vp.name = "Văn phòng";
	vp.parent_id = u1;
	CHECK(store_org_unit_save(st, &vp, &u2) == LOA_OK, "sub-unit added");
	struct org_unit foreign = ubnd;
	foreign.site_id = other;
	foreign.parent_id = u1;
	CHECK(store_org_unit_save(st, &foreign, &u3) == LOA_INVALID, "a parent of another site refused");
	struct org_unit self;
	store_org_unit_get(st, site, u2, a, &self);
	self.parent_id = u2;
	CHECK(store_org_unit_save(st, &self, NULL) == LOA_INVALID, "a unit is not its own parent");
	struct org_unit missing = self;
	missing.id = 9999;
	missing.parent_id = 0;
	CHECK(store_org_unit_save(st, &missing, NULL) == LOA_NOTFOUND, "update of an unknown unit");
	struct org_official o = {.site_id = site, .unit_id = u2, .name = "Ma Thị Thanh Huyền", .title = "Chánh Văn phòng",
				 .title_en = "", .phone = "0200 3861 220", .email = "huyen@x.vn", .photo = "",
				 .position = 1, .is_leader = false};
	int64_t oid;
	CHECK(store_org_official_save(st, &o, &oid) == LOA_OK, "official added");
	struct org_official of = o;
	of.site_id = other;
	CHECK(store_org_official_save(st, &of, NULL) == LOA_INVALID, "a unit of another site refused for an official");
	struct org_official *offs;
	CHECK(store_org_official_list(st, site, a, &offs, &n) == LOA_OK && n == 1 && strcmp(offs[0].unit_name, "Văn phòng") == 0,
	      "official listed with its unit's name");
	CHECK(store_org_official_list(st, other, a, &offs, &n) == LOA_OK && n == 0, "not in another site");
	CHECK(store_org_unit_delete(st, site, u1) == LOA_CONFLICT, "a unit with sub-units is kept");
	CHECK(store_org_unit_delete(st, site, u2) == LOA_CONFLICT, "a unit with officials is kept");
	CHECK(store_org_unit_delete(st, other, u2) == LOA_NOTFOUND, "a unit is deleted only from its site");
	CHECK(store_org_official_delete(st, site, oid) == LOA_OK && store_org_unit_delete(st, site, u2) == LOA_OK &&
	      store_org_unit_delete(st, site, u1) == LOA_OK, "emptied units deleted, children first");
	struct org_unit *units;
	CHECK(store_org_unit_list(st, site, a, &units, &n) == LOA_OK && n == 0, "none left");
	arena_free(a);
	store_close(st);
	remove_db();
}

int main(void)
{
	test_page_rules();
	test_contacts();
	test_tree();
	test_search();
	test_fallback();
	test_store();
	return test_done();
}
