/* test_store_newsroom.c — the newsroom's storage contract
 * (store/store_newsroom.h) in the SQLite backend, on a temporary database
 * file that is removed after. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/status.h"
#include "core/vntime.h"
#include "store/store.h"
#include "store/store_newsroom.h"
#include "store/store_sqliteInt.h"
#include "test.h"

#define T0 1700000000
#define HOUR 3600
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

static int64_t version_of(struct store *st)
{
	int64_t v = -1;
	store_content_version(st, &v);
	return v;
}

struct fixture {
	int64_t site, other_site;
	int64_t writer, approver, admin;
	int64_t cat_news, cat_sub, cat_culture;
};

static int64_t add_user(struct store *st, int64_t site, const char *login, const char *name, int role)
{
	struct user u = {.site_id = site, .login = login, .name = name, .pw_hash = "$argon2id$v=19$x", .role = role,
			 .created_at = T0, .pw_changed_at = T0};
	int64_t id = 0;
	const char *err = NULL;
	int rc = store_user_add(st, &u, &id, &err);
	CHECK(rc == LOA_OK && id > 0, "add user %s (%s)", login, rc ? err : "ok");
	return id;
}

static void test_users(struct store *st, struct fixture *fx)
{
	struct arena *a = arena_new();
	fx->writer = add_user(st, fx->site, "loan", "Nguyễn Thùy Loan", ROLE_WRITER);
	fx->approver = add_user(st, fx->site, "Binh.TV", "Trần Văn Bình", ROLE_APPROVER);
	fx->admin = add_user(st, 0, "admin", "Quản trị tỉnh", ROLE_ADMIN);
	add_user(st, fx->other_site, "khac", "Người xã khác", ROLE_WRITER);

	struct user dup = {.login = "LOAN", .name = "Trùng", .pw_hash = "", .role = ROLE_WRITER};
	const char *err = NULL;
	CHECK(store_user_add(st, &dup, NULL, &err) == LOA_CONFLICT, "duplicate login (other case) is a conflict");
	CHECK(contains(err, "Tên đăng nhập đã có"), "conflict message: %s", err ? err : "");
	struct user bad = {.login = "x", .name = "x", .role = 9};
	CHECK(store_user_add(st, &bad, NULL, &err) == LOA_INVALID, "bad role rejected");
	struct user blank = {.login = " ", .name = "x", .role = ROLE_WRITER};
	CHECK(store_user_add(st, &blank, NULL, &err) == LOA_INVALID, "blank login rejected");

	struct user u;
	CHECK(store_user_get(st, fx->writer, a, &u) == LOA_OK, "get user");
	CHECK_STR(u.name, "Nguyễn Thùy Loan", "name round-trips");
	CHECK(u.site_id == fx->site && u.role == ROLE_WRITER && !u.disabled && u.created_at == T0, "fields");
	CHECK(store_user_get(st, fx->admin, a, &u) == LOA_OK && u.site_id == 0, "province-wide user: site 0");
	CHECK(store_user_by_login(st, "binh.tv", a, &u) == LOA_OK && u.id == fx->approver,
	      "by login, case-insensitive");
	CHECK_STR(u.login, "Binh.TV", "login kept as typed");
	CHECK(store_user_by_login(st, "khong-co", a, &u) == LOA_NOTFOUND, "unknown login");
	CHECK(store_user_get(st, 99999, a, &u) == LOA_NOTFOUND, "unknown id");

	struct user *list;
	size_t n;
	CHECK(store_user_list(st, fx->site, a, &list, &n) == LOA_OK && n == 3, "site list has its users + province-wide");
	CHECK(store_user_list(st, 0, a, &list, &n) == LOA_OK && n == 4, "site 0 lists everyone");

	CHECK(store_user_get(st, fx->writer, a, &u) == LOA_OK, "reload");
	u.name = "Nguyễn Thùy Loan (CTV)";
	u.disabled = true;
	u.last_login_at = T0 + 10;
	u.pw_hash = "$argon2id$new";
	CHECK(store_user_update(st, &u) == LOA_OK, "update user");
	CHECK(store_user_get(st, fx->writer, a, &u) == LOA_OK && u.disabled && u.last_login_at == T0 + 10,
	      "update persisted");
	CHECK_STR(u.pw_hash, "$argon2id$new", "password hash updated");
	u.disabled = false;
	CHECK(store_user_update(st, &u) == LOA_OK, "re-enable");
	struct user ghost = u;
	ghost.id = 99999;
	CHECK(store_user_update(st, &ghost) == LOA_NOTFOUND, "update unknown user");
	arena_free(a);
}

static void test_sessions(struct store *st, const struct fixture *fx)
{
	struct arena *a = arena_new();
	int64_t v0 = version_of(st);
	struct session s = {.token_hash = "h1", .user_id = fx->writer, .created_at = T0, .expires_at = T0 + HOUR,
			    .seen_at = T0, .addr = "203.0.113.5", .user_agent = "Firefox"};
	CHECK(store_session_add(st, &s) == LOA_OK, "add session");
	s.token_hash = "h2";
	s.expires_at = T0 + 10;
	CHECK(store_session_add(st, &s) == LOA_OK, "add second session");
	s.token_hash = "h3";
	s.user_id = fx->approver;
	s.expires_at = T0 + 2 * HOUR;
	CHECK(store_session_add(st, &s) == LOA_OK, "add session of another user");

	struct session got;
	CHECK(store_session_get(st, "h1", a, &got) == LOA_OK && got.user_id == fx->writer &&
		      got.expires_at == T0 + HOUR,
	      "get session");
	CHECK_STR(got.addr, "203.0.113.5", "address kept");
	CHECK_STR(got.user_agent, "Firefox", "user agent kept");
	CHECK(store_session_get(st, "nope", a, &got) == LOA_NOTFOUND, "unknown token");
	CHECK(store_session_touch(st, "h1", T0 + 60, T0 + 2 * HOUR) == LOA_OK, "touch");
	CHECK(store_session_get(st, "h1", a, &got) == LOA_OK && got.seen_at == T0 + 60 && got.expires_at == T0 + 2 * HOUR,
	      "touch persisted");
	CHECK(store_session_touch(st, "nope", 1, 2) == LOA_NOTFOUND, "touch unknown");
	CHECK(store_session_purge(st, T0 + 100) == LOA_OK, "purge");
	CHECK(store_session_get(st, "h2", a, &got) == LOA_NOTFOUND, "expired session purged");
	CHECK(store_session_get(st, "h1", a, &got) == LOA_OK, "live session kept");
	CHECK(store_session_delete(st, "h1") == LOA_OK, "delete session");
	CHECK(store_session_get(st, "h1", a, &got) == LOA_NOTFOUND, "deleted");
	CHECK(store_session_delete(st, "h1") == LOA_OK, "deleting twice is fine");
	s.token_hash = "h4";
	s.user_id = fx->approver;
	CHECK(store_session_add(st, &s) == LOA_OK, "another session");
	CHECK(store_session_delete_user(st, fx->approver) == LOA_OK, "revoke all of a user's sessions");
	CHECK(store_session_get(st, "h3", a, &got) == LOA_NOTFOUND && store_session_get(st, "h4", a, &got) == LOA_NOTFOUND,
	      "all revoked");

	struct audit_entry e = {.site_id = fx->site, .user_id = fx->writer, .action = "login", .object = "loan",
				.detail = "", .addr = "203.0.113.5", .at = T0};
	CHECK(store_audit_add(st, &e) == LOA_OK, "audit add");
	e.action = "article-publish";
	e.object = "bài viết #1";
	e.at = T0 + 5;
	CHECK(store_audit_add(st, &e) == LOA_OK, "audit add 2");
	struct audit_entry anon = {.action = "login-failed", .object = "ai-do", .detail = "", .addr = "198.51.100.1",
				   .site_id = fx->site, .at = T0 + 6};
	CHECK(store_audit_add(st, &anon) == LOA_OK, "audit of an unknown user");
	struct audit_entry other = {.site_id = fx->other_site, .action = "login", .at = T0 + 7};
	CHECK(store_audit_add(st, &other) == LOA_OK, "audit of another site");
	struct audit_entry global = {.action = "article-auto-publish", .detail = "2 bài", .at = T0 + 8};
	CHECK(store_audit_add(st, &global) == LOA_OK, "audit of no site");

	struct audit_entry *log;
	size_t n;
	CHECK(store_audit_list(st, fx->site, 10, 0, a, &log, &n) == LOA_OK && n == 4, "site log: own + no-site entries");
	CHECK(n == 4 && strcmp(log[0].action, "article-auto-publish") == 0 && log[0].site_id == 0, "newest first");
	CHECK(n == 4 && strcmp(log[1].action, "login-failed") == 0 && log[1].user_id == 0, "unknown user entry");
	CHECK_STR(n == 4 ? log[1].user_login : NULL, "", "no login joined for it");
	CHECK_STR(n == 4 ? log[2].user_login : NULL, "loan", "login joined");
	CHECK_STR(n == 4 ? log[2].object : NULL, "bài viết #1", "object kept");
	CHECK(store_audit_list(st, 0, 10, 0, a, &log, &n) == LOA_OK && n == 5, "all sites");
	CHECK(store_audit_list(st, 0, 2, 1, a, &log, &n) == LOA_OK && n == 2 && log[0].at == T0 + 7, "limit/offset");
	CHECK(version_of(st) == v0, "sessions and audit do not change the content version");
	arena_free(a);
}

static void test_categories(struct store *st, struct fixture *fx)
{
	struct arena *a = arena_new();
	const char *err = NULL;
	int64_t v0 = version_of(st);
	CHECK(store_category_add(st, fx->site, 0, "  Tin   tức ", &fx->cat_news, &err) == LOA_OK, "add category");
	CHECK(version_of(st) > v0, "adding a category changes the content version");
	CHECK(store_category_add(st, fx->site, fx->cat_news, "Xây dựng Đảng", &fx->cat_sub, &err) == LOA_OK,
	      "add subcategory");
	CHECK(store_category_add(st, fx->site, 0, "Văn hóa", &fx->cat_culture, &err) == LOA_OK, "add another");
	int64_t dummy;
	CHECK(store_category_add(st, fx->site, 0, "Tin tức", &dummy, &err) == LOA_CONFLICT, "same name, same level");
	CHECK(store_category_add(st, fx->site, 0, " ", &dummy, &err) == LOA_INVALID && contains(err, "trống"),
	      "blank name: %s", err ? err : "");
	CHECK(store_category_add(st, fx->other_site, fx->cat_news, "Lạ", &dummy, &err) == LOA_INVALID,
	      "parent of another site refused");
	int64_t reserved;
	CHECK(store_category_add(st, fx->site, 0, "Tìm kiếm", &reserved, &err) == LOA_OK, "name like a reserved path");

	struct category c;
	CHECK(store_category_by_slug(st, fx->site, "tin-tuc", a, &c) == LOA_OK && c.id == fx->cat_news, "slug made");
	CHECK_STR(c.name, "Tin tức", "name squeezed");
	struct category *list;
	size_t n;
	CHECK(store_category_list(st, fx->site, a, &list, &n) == LOA_OK, "list");
	for (size_t i = 0; i < n; i++)
		if (list[i].id == reserved)
			CHECK(strcmp(list[i].slug, "tim-kiem") != 0, "reserved slug avoided: %s", list[i].slug);

	/* rename with a new slug: the old one becomes an alias */
	struct category upd = {.id = fx->cat_news, .site_id = fx->site, .name = "Tin tức - Sự kiện", .slug = "tin-tuc-su-kien",
			       .parent_id = 0, .position = 5};
	v0 = version_of(st);
	CHECK(store_category_update(st, &upd, &err) == LOA_OK, "rename with slug change (%s)", err ? err : "ok");
	CHECK(version_of(st) > v0, "category update changes the content version");
	CHECK(store_category_by_slug(st, fx->site, "tin-tuc-su-kien", a, &c) == LOA_OK && c.position == 5, "new slug");
	CHECK(store_category_by_slug(st, fx->site, "tin-tuc", a, &c) == LOA_NOTFOUND, "old slug no longer live");
	CHECK(store_category_by_alias(st, fx->site, "tin-tuc", a, &c) == LOA_OK && c.id == fx->cat_news,
	      "old slug found as an alias");
	CHECK_STR(c.slug, "tin-tuc-su-kien", "alias gives the current slug");
	CHECK(store_category_by_alias(st, fx->other_site, "tin-tuc", a, &c) == LOA_NOTFOUND, "aliases are per site");
	/* renaming back takes the slug back from the alias table */
	upd.slug = "tin-tuc";
	CHECK(store_category_update(st, &upd, &err) == LOA_OK, "slug back");
	CHECK(store_category_by_alias(st, fx->site, "tin-tuc", a, &c) == LOA_NOTFOUND, "live slug is not an alias");
	CHECK(store_category_by_alias(st, fx->site, "tin-tuc-su-kien", a, &c) == LOA_OK && c.id == fx->cat_news,
	      "the other became the alias");
	/* empty slug keeps the current one */
	upd.slug = "";
	upd.name = "Tin tức";
	CHECK(store_category_update(st, &upd, &err) == LOA_OK, "rename without slug");
	CHECK(store_category_by_slug(st, fx->site, "tin-tuc", a, &c) == LOA_OK && c.id == fx->cat_news, "slug kept");

	upd.slug = "van-hoa";
	CHECK(store_category_update(st, &upd, &err) == LOA_CONFLICT, "slug of another category: conflict");
	upd.slug = "lich-cong-tac";
	CHECK(store_category_update(st, &upd, &err) == LOA_INVALID, "reserved slug refused");
	upd.slug = "Có Dấu";
	CHECK(store_category_update(st, &upd, &err) == LOA_INVALID, "malformed slug refused");
	upd.slug = "";
	upd.parent_id = fx->cat_sub;
	err = NULL;
	CHECK(store_category_update(st, &upd, &err) == LOA_INVALID, "move under own child refused");
	CHECK(contains(err, "chuyên mục con"), "says why: %s", err ? err : "");
	upd.parent_id = fx->cat_news;
	CHECK(store_category_update(st, &upd, &err) == LOA_INVALID, "move under itself refused");
	struct category mv = {.id = fx->cat_sub, .site_id = fx->site, .name = "Xây dựng Đảng", .parent_id = fx->cat_culture};
	CHECK(store_category_update(st, &mv, &err) == LOA_OK, "move to another parent");
	CHECK(store_category_by_slug(st, fx->site, "xay-dung-dang", a, &c) == LOA_OK && c.parent_id == fx->cat_culture,
	      "moved");
	mv.parent_id = fx->cat_news;
	CHECK(store_category_update(st, &mv, &err) == LOA_OK, "move back");
	struct category ghost = {.id = 99999, .site_id = fx->site, .name = "x"};
	CHECK(store_category_update(st, &ghost, &err) == LOA_NOTFOUND, "unknown category");
	struct category wrong_site = upd;
	wrong_site.site_id = fx->other_site;
	wrong_site.parent_id = 0;
	CHECK(store_category_update(st, &wrong_site, &err) == LOA_NOTFOUND, "category of another site");

	err = NULL;
	CHECK(store_category_delete(st, fx->site, fx->cat_news, &err) == LOA_CONFLICT, "delete with children refused");
	CHECK(contains(err, "chuyên mục con"), "says why: %s", err ? err : "");
	CHECK(store_category_delete(st, fx->site, reserved, &err) == LOA_OK, "delete empty category");
	CHECK(store_category_delete(st, fx->site, reserved, &err) == LOA_NOTFOUND, "already gone");
	arena_free(a);
}

static struct article_edit new_edit(const struct fixture *fx, const char *title, int status, int64_t user)
{
	struct article_edit e = {.user_id = user, .review_note = ""};
	e.art.site_id = fx->site;
	e.art.category_id = fx->cat_sub;
	e.art.title = title;
	e.art.slug = "";
	e.art.lead = "Sa pô";
	e.art.body_html = "<p>Nội dung</p>";
	e.art.image = "";
	e.art.caption = "";
	e.art.author = "Thùy Loan";
	e.art.source = "";
	e.art.external_id = "";
	e.art.status = status;
	return e;
}

/* The editor's extras: SEO description and related picks, in order. */
static void test_article_extras(struct store *st, const struct fixture *fx)
{
	struct arena *a = arena_new();
	const char *err = NULL;
	int64_t id = 0, ver = 0;
	struct article_edit e = new_edit(fx, "Bài có bài liên quan", ARTICLE_DRAFT, fx->approver);
	CHECK(store_article_save(st, &e, T0, &id, &ver, &err) == LOA_OK, "insert the article");
	e.art.id = id;
	struct article_edit e2 = new_edit(fx, "Bài liên quan thứ nhất", ARTICLE_PUBLISHED, fx->approver);
	int64_t r1, r2, vr;
	CHECK(store_article_save(st, &e2, T0, &r1, &vr, &err) == LOA_OK, "insert a related article");
	e2.art.title = "Bài liên quan thứ hai";
	CHECK(store_article_save(st, &e2, T0, &r2, &vr, &err) == LOA_OK, "insert another");
	int64_t picks[] = {r2, id, r1, 999999};
	e.version = 1;
	e.set_extras = true;
	e.seo_description = "Mô tả cho máy tìm kiếm";
	e.related = picks;
	e.nrelated = 4;
	CHECK(store_article_save(st, &e, T0 + 2 * HOUR, &id, &ver, &err) == LOA_OK && ver == 2, "save with extras");
	const char *seo = NULL;
	CHECK(store_article_seo(st, fx->site, id, a, &seo) == LOA_OK && seo && strcmp(seo, "Mô tả cho máy tìm kiếm") == 0,
	      "SEO description stored");
	CHECK(store_article_seo(st, fx->other_site, id, a, &seo) == LOA_NOTFOUND, "SEO description scoped by site");
	struct article *rel;
	size_t nrel;
	CHECK(store_article_related(st, fx->site, id, a, &rel, &nrel) == LOA_OK && nrel == 2 && rel[0].id == r2 &&
		      rel[1].id == r1,
	      "related in the order given, itself and unknown ids skipped");
	e.set_extras = false;
	e.version = 2;
	CHECK(store_article_save(st, &e, T0 + 2 * HOUR, &id, &ver, &err) == LOA_OK, "save without extras");
	CHECK(store_article_related(st, fx->site, id, a, &rel, &nrel) == LOA_OK && nrel == 2 &&
		      store_article_seo(st, fx->site, id, a, &seo) == LOA_OK && strcmp(seo, "Mô tả cho máy tìm kiếm") == 0,
	      "a save without extras keeps them");
	CHECK(store_article_delete(st, fx->site, r2) == LOA_OK &&
		      store_article_related(st, fx->site, id, a, &rel, &nrel) == LOA_OK && nrel == 1 && rel[0].id == r1,
	      "a deleted article leaves the picks");
	arena_free(a);
}

static void test_articles(struct store *st, const struct fixture *fx)
{
	struct arena *a = arena_new();
	const char *err = NULL;
	int64_t id = 0, ver = 0;

	int64_t v0 = version_of(st);
	struct article_edit e = new_edit(fx, "Hội nghị tổng kết công tác năm 2023", ARTICLE_DRAFT, fx->writer);
	CHECK(store_article_save(st, &e, T0, &id, &ver, &err) == LOA_OK && id > 0 && ver == 1, "insert: version 1");
	CHECK(version_of(st) > v0, "saving an article changes the content version");
	struct article art;
	CHECK(store_article_get(st, fx->site, id, a, &art) == LOA_OK, "get saved article");
	CHECK_STR(art.slug, "hoi-nghi-tong-ket-cong-tac-nam-2023", "slug from the title");
	CHECK(art.created_at == T0 && art.updated_at == T0 && art.published_at == 0, "times");
	struct article_meta m;
	CHECK(store_article_meta(st, fx->site, id, a, &m) == LOA_OK && m.version == 1 && m.created_by == fx->writer &&
		      m.updated_by == fx->writer,
	      "meta after insert");
	CHECK_STR(m.created_by_name, "Nguyễn Thùy Loan (CTV)", "creator's name");
	CHECK(store_article_meta(st, fx->other_site, id, a, &m) == LOA_NOTFOUND, "meta scoped by site");
	struct revision *revs;
	size_t n;
	CHECK(store_revision_list(st, id, a, &revs, &n) == LOA_OK && n == 1 && revs[0].user_id == fx->writer,
	      "insert recorded a revision");

	/* update with the right version */
	e.art.id = id;
	e.version = 1;
	e.user_id = fx->approver;
	e.art.title = "Hội nghị tổng kết năm 2023";
	e.art.status = ARTICLE_PUBLISHED;
	e.art.body_html = "<p>Nội dung mới</p>";
	CHECK(store_article_save(st, &e, T0 + HOUR, &id, &ver, &err) == LOA_OK && ver == 2, "update: version 2");
	CHECK(store_article_get(st, fx->site, id, a, &art) == LOA_OK && art.status == ARTICLE_PUBLISHED &&
		      art.published_at == T0 + HOUR && art.updated_at == T0 + HOUR && art.created_at == T0,
	      "published now when no time given");
	CHECK_STR(art.slug, "hoi-nghi-tong-ket-nam-2023", "slug follows the new title");
	CHECK(store_article_meta(st, fx->site, id, a, &m) == LOA_OK && m.version == 2 && m.created_by == fx->writer &&
		      m.updated_by == fx->approver,
	      "meta after update");

	/* stale version */
	v0 = version_of(st);
	e.version = 1;
	e.art.title = "Ghi đè";
	err = NULL;
	CHECK(store_article_save(st, &e, T0 + 2 * HOUR, &id, &ver, &err) == LOA_CONFLICT, "stale version: conflict");
	CHECK(contains(err, "Trần Văn Bình") && contains(err, "phiên bản 2") && contains(err, "lưu lúc"),
	      "conflict names who and which version: %s", err ? err : "");
	CHECK(store_article_get(st, fx->site, id, a, &art) == LOA_OK && strcmp(art.title, "Hội nghị tổng kết năm 2023") == 0,
	      "nothing changed");
	CHECK(store_revision_list(st, id, a, &revs, &n) == LOA_OK && n == 2, "no revision for the refused save");
	CHECK(version_of(st) == v0, "refused save leaves the content version");
	e.art.site_id = fx->other_site;
	e.version = 2;
	CHECK(store_article_save(st, &e, T0, &id, &ver, &err) != LOA_OK, "another site's save refused");
	e.art.site_id = fx->site;

	e.art.title = "  ";
	CHECK(store_article_save(st, &e, T0, &id, &ver, &err) == LOA_INVALID, "blank title refused");

	/* revisions */
	CHECK(store_revision_list(st, id, a, &revs, &n) == LOA_OK && n == 2, "two revisions");
	CHECK(n == 2 && revs[0].id > revs[1].id, "newest first");
	CHECK_STR(n == 2 ? revs[0].art.title : NULL, "Hội nghị tổng kết năm 2023", "revision title");
	CHECK_STR(n == 2 ? revs[0].art.body_html : NULL, "", "list without bodies");
	CHECK_STR(n == 2 ? revs[0].user_name : NULL, "Trần Văn Bình", "revision author's name");
	struct revision rev;
	CHECK(n == 2 && store_revision_get(st, id, revs[1].id, a, &rev) == LOA_OK, "get old revision");
	CHECK_STR(rev.art.body_html, "<p>Nội dung</p>", "old body");
	CHECK(rev.art.status == ARTICLE_DRAFT && rev.art.category_id == fx->cat_sub && rev.at == T0, "old fields");
	CHECK(store_revision_get(st, id + 1000, revs[1].id, a, &rev) == LOA_NOTFOUND, "revision of another article");

	/* imported articles keep external_id through edits */
	struct article imp = {.site_id = fx->site, .category_id = fx->cat_news, .title = "Bài cũ", .external_id = "old-42",
			      .status = ARTICLE_PUBLISHED, .published_at = T0 - 10 * DAY};
	int64_t imp_id;
	CHECK(store_article_upsert(st, &imp, &imp_id, NULL, &err) == LOA_OK, "import an article");
	CHECK(store_article_meta(st, fx->site, imp_id, a, &m) == LOA_OK && m.version == 1 && m.created_by == 0,
	      "imported: version 1, no creator");
	struct article_edit ie = new_edit(fx, "Bài cũ (sửa)", ARTICLE_PUBLISHED, fx->approver);
	ie.art.id = imp_id;
	ie.art.published_at = T0 - 10 * DAY;
	ie.version = 1;
	CHECK(store_article_save(st, &ie, T0, &imp_id, &ver, &err) == LOA_OK && ver == 2, "edit imported article");
	CHECK(store_article_get(st, fx->site, imp_id, a, &art) == LOA_OK, "reload imported");
	CHECK_STR(art.external_id, "old-42", "external_id kept");
	imp.title = "Bài cũ (nhập lại)";
	imp.updated_at = T0;
	CHECK(store_article_upsert(st, &imp, &imp_id, NULL, &err) == LOA_OK, "re-import the article");
	CHECK(store_article_meta(st, fx->site, imp_id, a, &m) == LOA_OK && m.version == 3 && m.updated_by == 0 &&
		      m.created_by == 0,
	      "re-import is a new version by no user");
	ie.version = 2;
	err = NULL;
	CHECK(store_article_save(st, &ie, T0, &imp_id, &ver, &err) == LOA_CONFLICT, "form opened before the re-import");
	CHECK(contains(err, "Bài viết đã được lưu lúc") && contains(err, "phiên bản 3"), "no name to give: %s",
	      err ? err : "");

	/* scheduling */
	struct article_edit s1 = new_edit(fx, "Hẹn giờ đã đến", ARTICLE_SCHEDULED, fx->writer);
	s1.art.published_at = T0 + 100;
	int64_t due_id, later_id, draft_id;
	CHECK(store_article_save(st, &s1, T0, &due_id, &ver, &err) == LOA_OK, "scheduled (due)");
	struct article_edit s2 = new_edit(fx, "Hẹn giờ chưa đến", ARTICLE_SCHEDULED, fx->writer);
	s2.art.published_at = T0 + DAY;
	CHECK(store_article_save(st, &s2, T0, &later_id, &ver, &err) == LOA_OK, "scheduled (later)");
	struct article_edit s3 = new_edit(fx, "Bản nháp có ngày", ARTICLE_DRAFT, fx->writer);
	s3.art.published_at = T0 + 50;
	CHECK(store_article_save(st, &s3, T0, &draft_id, &ver, &err) == LOA_OK, "draft with a date");
	int count = -1;
	v0 = version_of(st);
	CHECK(store_article_publish_due(st, T0 + 200, &count) == LOA_OK && count == 1, "one article due");
	CHECK(version_of(st) > v0, "publication changes the content version");
	CHECK(store_article_get(st, fx->site, due_id, a, &art) == LOA_OK && art.status == ARTICLE_PUBLISHED, "due published");
	CHECK(store_article_get(st, fx->site, later_id, a, &art) == LOA_OK && art.status == ARTICLE_SCHEDULED, "later waits");
	CHECK(store_article_get(st, fx->site, draft_id, a, &art) == LOA_OK && art.status == ARTICLE_DRAFT, "draft untouched");
	CHECK(store_article_publish_due(st, T0 + 200, &count) == LOA_OK && count == 0, "nothing more due");

	/* flags */
	CHECK(store_article_flags(st, fx->site, due_id, true, 2, 1) == LOA_OK, "set flags");
	CHECK(store_article_get(st, fx->site, due_id, a, &art) == LOA_OK && art.featured && art.featured_order == 2 &&
		      art.hot_pin == 1,
	      "flags stored");
	CHECK(store_article_flags(st, fx->other_site, due_id, true, 2, 1) == LOA_NOTFOUND, "flags scoped by site");

	/* admin list */
	struct article_edit other_cat = new_edit(fx, "ĐẠI HỘI Đoàn thanh niên", ARTICLE_PENDING, fx->approver);
	other_cat.art.category_id = fx->cat_culture;
	int64_t oc_id;
	CHECK(store_article_save(st, &other_cat, T0 + 3 * HOUR, &oc_id, &ver, &err) == LOA_OK, "pending article");
	struct article *list;
	int64_t total = 0;
	struct article_filter f = {.site_id = fx->site, .status = -1, .q = ""};
	CHECK(store_article_admin_list(st, &f, a, &list, &n, &total) == LOA_OK && n == 6 && total == 6, "all: %zu", n);
	CHECK(n == 6 && list[0].id == oc_id, "most recently updated first");
	CHECK(n == 6 && strcmp(list[0].body_html, "") == 0 && strcmp(list[0].category_name, "Văn hóa") == 0,
	      "no body, category joined");
	f.status = ARTICLE_SCHEDULED;
	CHECK(store_article_admin_list(st, &f, a, &list, &n, &total) == LOA_OK && n == 1 && list[0].id == later_id,
	      "status filter");
	f.status = -1;
	f.created_by = fx->approver;
	CHECK(store_article_admin_list(st, &f, a, &list, &n, &total) == LOA_OK && n == 1 && list[0].id == oc_id,
	      "creator filter");
	f.created_by = 0;
	f.category_id = fx->cat_culture;
	CHECK(store_article_admin_list(st, &f, a, &list, &n, &total) == LOA_OK && n == 1, "category filter");
	f.category_id = 0;
	f.q = "dai hoi";
	CHECK(store_article_admin_list(st, &f, a, &list, &n, &total) == LOA_OK && n == 1 && list[0].id == oc_id,
	      "q without diacritics");
	f.q = "  Đại   hội ";
	CHECK(store_article_admin_list(st, &f, a, &list, &n, &total) == LOA_OK && n == 1 && total == 1, "q with diacritics");
	f.q = "HẸN GIỜ";
	CHECK(store_article_admin_list(st, &f, a, &list, &n, &total) == LOA_OK && n == 2, "q upper case");
	f.q = "";
	f.limit = 2;
	f.offset = 1;
	CHECK(store_article_admin_list(st, &f, a, &list, &n, &total) == LOA_OK && n == 2 && total == 6, "paged");
	f.site_id = fx->other_site;
	f.limit = 0;
	CHECK(store_article_admin_list(st, &f, a, &list, &n, &total) == LOA_OK && n == 0 && total == 0, "scoped by site");

	/* autosave */
	v0 = version_of(st);
	CHECK(store_autosave_put(st, fx->site, 0, fx->writer, "{\"title\":\"Nháp\"}", T0) == LOA_OK, "autosave new");
	CHECK(store_autosave_put(st, fx->site, id, fx->writer, "{\"v\":1}", T0) == LOA_OK, "autosave existing");
	CHECK(store_autosave_put(st, fx->site, id, fx->writer, "{\"v\":2}", T0 + 30) == LOA_OK, "autosave overwrite");
	const char *data = NULL;
	int64_t at = 0;
	CHECK(store_autosave_get(st, fx->site, id, fx->writer, a, &data, &at) == LOA_OK && at == T0 + 30, "autosave get");
	CHECK_STR(data, "{\"v\":2}", "latest data");
	CHECK(store_autosave_get(st, fx->site, id, fx->approver, a, &data, &at) == LOA_NOTFOUND, "one slot per user");
	CHECK(store_autosave_get(st, fx->site, 0, fx->writer, a, &data, &at) == LOA_OK, "new-article slot");
	CHECK(store_autosave_delete(st, fx->site, 0, fx->writer) == LOA_OK, "autosave delete");
	CHECK(store_autosave_get(st, fx->site, 0, fx->writer, a, &data, &at) == LOA_NOTFOUND, "deleted");
	CHECK(version_of(st) == v0, "autosaves do not change the content version");

	/* statistics: articles published per creator */
	struct editor_count *ec;
	CHECK(store_editor_counts(st, fx->site, T0 - 20 * DAY, T0 + DAY, a, &ec, &n) == LOA_OK && n == 2,
	      "editor counts: %zu groups", n);
	bool saw_import = false, saw_writer = false;
	for (size_t i = 0; i < n; i++) {
		if (ec[i].user_id == 0) {
			saw_import = ec[i].published == 1 && strcmp(ec[i].name, "Nhập từ hệ thống cũ") == 0 &&
				     strcmp(ec[i].login, "") == 0;
		} else if (ec[i].user_id == fx->writer) {
			saw_writer = ec[i].published == 2 && strcmp(ec[i].login, "loan") == 0;
		}
	}
	CHECK(saw_import, "imported articles grouped under the old system");
	CHECK(saw_writer, "writer's published articles counted");
	CHECK(store_editor_counts(st, fx->site, T0 + 150, T0 + DAY, a, &ec, &n) == LOA_OK && n == 1 &&
		      ec[0].published == 1,
	      "window respected");

	/* deleting a category with articles */
	err = NULL;
	CHECK(store_category_delete(st, fx->site, fx->cat_culture, &err) == LOA_CONFLICT, "delete with articles refused");
	CHECK(contains(err, "1 bài viết"), "says how many: %s", err ? err : "");
	/* delete takes revisions and autosaves along */
	CHECK(store_article_delete(st, fx->site, id) == LOA_OK, "delete article");
	CHECK(store_revision_list(st, id, a, &revs, &n) == LOA_OK && n == 0, "revisions gone with it");
	CHECK(store_autosave_get(st, fx->site, id, fx->writer, a, &data, &at) == LOA_NOTFOUND, "autosave gone with it");
	arena_free(a);
}

static void test_links_calendar_media(struct store *st, const struct fixture *fx)
{
	struct arena *a = arena_new();
	struct link l = {.site_id = fx->site, .title = "Cổng tỉnh", .url = "https://tinh.gov.vn", .position = 1};
	int64_t lid;
	CHECK(store_link_add(st, &l, &lid) == LOA_OK, "add link");
	l.id = lid;
	l.title = "Cổng thông tin tỉnh";
	l.position = 3;
	int64_t v0 = version_of(st);
	CHECK(store_link_update(st, &l) == LOA_OK, "update link");
	CHECK(version_of(st) > v0, "link update changes the content version");
	struct link *links;
	size_t n;
	CHECK(store_link_list(st, fx->site, a, &links, &n) == LOA_OK && n == 1 && links[0].position == 3, "updated");
	CHECK_STR(n ? links[0].title : NULL, "Cổng thông tin tỉnh", "title updated");
	l.url = "";
	CHECK(store_link_update(st, &l) == LOA_INVALID, "blank url refused");
	CHECK(store_link_delete(st, fx->other_site, lid) == LOA_NOTFOUND, "delete scoped by site");
	CHECK(store_link_delete(st, fx->site, lid) == LOA_OK, "delete link");
	CHECK(store_link_list(st, fx->site, a, &links, &n) == LOA_OK && n == 0, "gone");

	int64_t monday = vn_week_monday(vn_day(T0));
	struct cal_item it = {.site_id = fx->site, .day = monday, .session = CAL_MORNING, .start_time = "07:30",
			      .content = "Họp giao ban", .chair = "Chủ tịch UBND", .participants = "", .location = "Phòng họp",
			      .unit = "", .note = "Hoãn", .state = 1};
	int64_t c1, c2;
	CHECK(store_calendar_add(st, &it, &c1) == LOA_OK, "add item");
	it.day = monday + 2;
	it.session = CAL_AFTERNOON;
	it.content = "Tiếp công dân";
	it.note = "";
	it.state = 0;
	CHECK(store_calendar_add(st, &it, &c2) == LOA_OK, "add item 2");
	it.day = monday + 7;
	it.content = "Tuần sau rồi";
	CHECK(store_calendar_add(st, &it, NULL) == LOA_OK, "item outside the week");
	struct cal_item got;
	CHECK(store_calendar_get(st, fx->site, c1, a, &got) == LOA_OK && got.state == 1, "get item");
	CHECK_STR(got.content, "Họp giao ban", "content");
	CHECK(store_calendar_get(st, fx->other_site, c1, a, &got) == LOA_NOTFOUND, "get scoped by site");
	got.location = "Hội trường";
	CHECK(store_calendar_update(st, &got) == LOA_OK, "update item");
	CHECK(store_calendar_get(st, fx->site, c1, a, &got) == LOA_OK && strcmp(got.location, "Hội trường") == 0,
	      "updated");
	got.content = "";
	CHECK(store_calendar_update(st, &got) == LOA_INVALID, "blank content refused");

	int copied = -1;
	CHECK(store_calendar_copy_week(st, fx->site, monday, monday + 14, &copied) == LOA_OK && copied == 2,
	      "copy week: %d", copied);
	struct cal_item *items;
	CHECK(store_calendar_range(st, fx->site, monday + 14, monday + 20, a, &items, &n) == LOA_OK && n == 2, "copied");
	CHECK(n == 2 && items[0].day == monday + 14 && items[1].day == monday + 16 && items[1].session == CAL_AFTERNOON,
	      "same weekday and session");
	CHECK(n == 2 && items[0].state == 0 && strcmp(items[0].note, "") == 0, "state and note reset");
	CHECK_STR(n == 2 ? items[0].start_time : NULL, "07:30", "start time kept");
	CHECK(store_calendar_copy_week(st, fx->site, monday, monday + 14, &copied) == LOA_OK && copied == 0,
	      "copying again adds nothing");
	CHECK(store_calendar_delete(st, fx->site, c2) == LOA_OK, "delete item");
	CHECK(store_calendar_delete(st, fx->site, c2) == LOA_NOTFOUND, "already deleted");

	struct media m = {.site_id = fx->site, .path = "/media/2023/11/a.jpg", .mime = "image/jpeg", .alt = "Ảnh",
			  .caption = "", .srcset = "/media/2023/11/a-480.webp 480w, /media/2023/11/a-960.webp 960w",
			  .width = 1200, .height = 800, .created_at = T0};
	int64_t m1, m2;
	CHECK(store_media_add(st, &m, &m1) == LOA_OK, "add media with srcset");
	m.path = "/media/2023/11/b.png";
	m.srcset = "";
	m.created_at = T0 + 10;
	CHECK(store_media_add(st, &m, &m2) == LOA_OK, "add media without srcset");
	struct media *ml;
	int64_t total = 0;
	CHECK(store_media_list(st, fx->site, 10, 0, a, &ml, &n, &total) == LOA_OK && n == 2 && total == 2, "media list");
	CHECK(n == 2 && ml[0].id == m2, "newest first");
	CHECK_STR(n == 2 ? ml[1].srcset : NULL, "/media/2023/11/a-480.webp 480w, /media/2023/11/a-960.webp 960w",
		  "srcset returned");
	CHECK(store_media_list(st, fx->site, 1, 1, a, &ml, &n, &total) == LOA_OK && n == 1 && ml[0].id == m1 && total == 2,
	      "paged");
	struct media mg;
	CHECK(store_media_get(st, fx->site, m1, a, &mg) == LOA_OK && mg.width == 1200 && mg.height == 800, "media get");
	CHECK_STR(mg.mime, "image/jpeg", "mime");
	CHECK(store_media_get(st, fx->other_site, m1, a, &mg) == LOA_NOTFOUND, "media scoped by site");
	mg.alt = "Toàn cảnh hội nghị";
	mg.caption = "Quang cảnh hội nghị";
	CHECK(store_media_update(st, &mg) == LOA_OK, "media update");
	CHECK(store_media_get(st, fx->site, m1, a, &mg) == LOA_OK && strcmp(mg.caption, "Quang cảnh hội nghị") == 0,
	      "caption updated");
	CHECK_STR(mg.srcset, "/media/2023/11/a-480.webp 480w, /media/2023/11/a-960.webp 960w", "srcset kept");
	CHECK(store_media_find(st, fx->site, "hoi nghi", 10, 0, a, &ml, &n, &total) == LOA_OK && n == 1 && total == 1 &&
	      ml[0].id == m1, "find by folded caption");
	CHECK(store_media_find(st, fx->site, "b.png", 10, 0, a, &ml, &n, &total) == LOA_OK && n == 1 && ml[0].id == m2,
	      "find by file name");
	CHECK(store_media_find(st, fx->site, "", 10, 0, a, &ml, &n, &total) == LOA_OK && n == 2 && total == 2,
	      "an empty search finds all");
	CHECK(store_media_find(st, fx->other_site, "hoi", 10, 0, a, &ml, &n, &total) == LOA_OK && n == 0,
	      "find scoped by site");
	struct media_use *uses;
	CHECK(store_media_uses(st, fx->site, "/media/2023/11/b.png", "/media/2023/11/b", a, &uses, &n) == LOA_OK &&
	      n == 0, "an unused image has no uses");
	CHECK(store_media_delete(st, fx->other_site, m2) == LOA_NOTFOUND, "delete scoped by site");
	CHECK(store_media_delete(st, fx->site, m2) == LOA_OK, "delete media");
	CHECK(store_media_get(st, fx->site, m2, a, &mg) == LOA_NOTFOUND, "deleted media is gone");

	int64_t d0 = vn_day(T0);
	struct visit_delta vd[] = {{fx->site, d0 - 2, 5}, {fx->site, d0, 7}, {fx->other_site, d0, 100}};
	CHECK(store_visits_add(st, vd, 3) == LOA_OK, "add visits");
	struct visit_delta *days;
	CHECK(store_visits_daily(st, fx->site, d0 - 5, d0, a, &days, &n) == LOA_OK && n == 2, "visits daily");
	CHECK(n == 2 && days[0].day == d0 - 2 && days[0].visits == 5 && days[1].visits == 7, "ordered by day");
	CHECK(store_visits_daily(st, fx->site, d0 - 1, d0 - 1, a, &days, &n) == LOA_OK && n == 0, "days without visits absent");
	arena_free(a);
}

static void test_secret(struct store *st)
{
	unsigned char s1[32], s2[32], zero[32] = {0};
	CHECK(store_secret(st, s1) == LOA_OK, "secret");
	CHECK(memcmp(s1, zero, 32) != 0, "secret is not all zero");
	CHECK(store_secret(st, s2) == LOA_OK && memcmp(s1, s2, 32) == 0, "stable on the same handle");
	store_close(st);
	char *oerr = NULL;
	struct store *again = store_open(db_path, false, &oerr);
	CHECK(again != NULL, "reopen");
	free(oerr);
	if (!again)
		return;
	CHECK(store_secret(again, s2) == LOA_OK && memcmp(s1, s2, 32) == 0, "stable across reopen");
	store_close(again);
}

/* The site's logo and the srcset of a cover picture (migration 5). */
static void test_logo_srcset(struct store *st, const struct fixture *fx)
{
	struct arena *a = arena_new();
	struct site site;
	CHECK(store_site_get(st, fx->site, a, &site) == LOA_OK, "get site");
	CHECK_STR(site.logo, "", "no logo by default");
	int64_t v0 = version_of(st);
	site.logo = "/media/2024/05/logo-abc123.png";
	CHECK(store_site_update(st, &site) == LOA_OK, "set the logo");
	CHECK(version_of(st) > v0, "a new logo changes the content version");
	struct site got;
	CHECK(store_site_get(st, fx->site, a, &got) == LOA_OK, "get site again");
	CHECK_STR(got.logo, "/media/2024/05/logo-abc123.png", "logo round-trip (get)");
	CHECK(store_site_for_host(st, "", a, &got) == LOA_OK && got.id == fx->site, "site for host");
	CHECK_STR(got.logo, "/media/2024/05/logo-abc123.png", "logo round-trip (for host)");
	struct site *all;
	size_t ns = 0;
	bool listed = false;
	CHECK(store_site_list(st, a, &all, &ns) == LOA_OK && ns == 2, "site list");
	for (size_t i = 0; i < ns; i++)
		if (all[i].id == fx->site)
			listed = strcmp(all[i].logo, "/media/2024/05/logo-abc123.png") == 0;
		else
			CHECK_STR(all[i].logo, "", "other site has no logo");
	CHECK(listed, "logo round-trip (list)");
	CHECK(store_site_get(st, fx->other_site, a, &got) == LOA_OK, "other site");
	CHECK_STR(got.logo, "", "other site untouched");
	struct site third = {.host = "logo.example", .name = "Xã Có Logo", .logo = "/media/2024/06/x.webp"};
	int64_t third_id = 0;
	CHECK(store_site_create(st, &third, &third_id, NULL) == LOA_OK, "create a site with a logo");
	CHECK(store_site_get(st, third_id, a, &got) == LOA_OK, "get the new site");
	CHECK_STR(got.logo, "/media/2024/06/x.webp", "logo on create");
	site.logo = "";
	CHECK(store_site_update(st, &site) == LOA_OK && store_site_get(st, fx->site, a, &got) == LOA_OK, "clear the logo");
	CHECK_STR(got.logo, "", "logo cleared");

	/* srcset of the cover: saved, read by every reader, kept in revisions */
	static const char set[] = "/media/2024/05/anh-abc123-480.webp 480w, /media/2024/05/anh-abc123-960.webp 960w";
	const char *err = NULL;
	int64_t id = 0, ver = 0;
	struct article_edit e = new_edit(fx, "Ảnh bìa có nhiều cỡ", ARTICLE_PUBLISHED, fx->approver);
	e.art.image = "/media/2024/05/anh-abc123.jpg";
	e.art.image_srcset = set;
	e.art.published_at = T0;
	CHECK(store_article_save(st, &e, T0, &id, &ver, &err) == LOA_OK, "save with srcset");
	struct article art;
	CHECK(store_article_get(st, fx->site, id, a, &art) == LOA_OK, "get");
	CHECK_STR(art.image_srcset, set, "srcset read back (get)");
	struct article_query q = {.site_id = fx->site, .now = T0 + DAY, .limit = 50};
	struct article *list;
	size_t n = 0;
	int64_t total = 0;
	bool found = false;
	CHECK(store_article_list(st, &q, a, &list, &n, &total) == LOA_OK, "public list");
	for (size_t i = 0; i < n; i++)
		if (list[i].id == id)
			found = strcmp(list[i].image_srcset, set) == 0;
	CHECK(found, "srcset read back (public list)");
	struct article_filter f = {.site_id = fx->site, .status = -1, .q = "", .limit = 50};
	found = false;
	CHECK(store_article_admin_list(st, &f, a, &list, &n, &total) == LOA_OK, "admin list");
	for (size_t i = 0; i < n; i++)
		if (list[i].id == id)
			found = strcmp(list[i].image_srcset, set) == 0 && strcmp(list[i].title, "Ảnh bìa có nhiều cỡ") == 0;
	CHECK(found, "srcset read back (admin list), columns in order");
	struct revision *revs;
	CHECK(store_revision_list(st, id, a, &revs, &n) == LOA_OK && n == 1, "one revision");
	struct revision rev;
	CHECK(n == 1 && store_revision_get(st, id, revs[0].id, a, &rev) == LOA_OK, "get the revision");
	CHECK_STR(rev.art.image_srcset, set, "srcset kept in the revision");

	/* changing only the sizes is a content change */
	e.art.id = id;
	e.version = ver;
	e.art.image_srcset = "";
	v0 = version_of(st);
	CHECK(store_article_save(st, &e, T0, &id, &ver, &err) == LOA_OK, "save without srcset");
	CHECK(version_of(st) > v0, "clearing the srcset changes the content version");
	CHECK(store_article_get(st, fx->site, id, a, &art) == LOA_OK, "get again");
	CHECK_STR(art.image_srcset, "", "srcset cleared");
	CHECK_STR(art.image, "/media/2024/05/anh-abc123.jpg", "image kept");

	/* the import path */
	struct article imp = e.art;
	imp.id = 0;
	imp.title = "Bài nhập có ảnh";
	imp.external_id = "ext-srcset-1";
	imp.image_srcset = set;
	int64_t iid = 0;
	bool created = false;
	CHECK(store_article_upsert(st, &imp, &iid, &created, &err) == LOA_OK && created, "upsert inserts");
	CHECK(store_article_get(st, fx->site, iid, a, &art) == LOA_OK, "get imported");
	CHECK_STR(art.image_srcset, set, "srcset read back (upsert insert)");
	imp.image_srcset = "/media/2024/05/anh-abc123-480.webp 480w";
	CHECK(store_article_upsert(st, &imp, &iid, &created, &err) == LOA_OK && !created, "upsert updates");
	CHECK(store_article_get(st, fx->site, iid, a, &art) == LOA_OK, "get re-imported");
	CHECK_STR(art.image_srcset, "/media/2024/05/anh-abc123-480.webp 480w", "srcset read back (upsert update)");
	imp.image_srcset = NULL; /* no sizes given: stored as "" */
	CHECK(store_article_upsert(st, &imp, &iid, &created, &err) == LOA_OK && !created, "upsert without srcset");
	CHECK(store_article_get(st, fx->site, iid, a, &art) == LOA_OK, "get");
	CHECK_STR(art.image_srcset, "", "NULL srcset stored as empty");
	arena_free(a);
}

/* A database made by the previous release (user_version 4, with content)
 * takes migration 5 on open: the new columns read as "". */
static void test_migration_5(void)
{
	char path[64];
	snprintf(path, sizeof path, "/tmp/loa-newsroom-m4-%ld.db", (long)getpid());
	unlink(path);
	sqlite3 *db = NULL;
	int rc = sqlite3_open(path, &db);
	CHECK(rc == SQLITE_OK, "raw open");
	if (rc != SQLITE_OK) {
		sqlite3_close(db);
		return;
	}
	sq_search_register(db);
	sq_newsroom_register(db);
	bool ok = store_sqlite_migration_count >= 5; /* later migrations apply on top */
	for (int i = 0; ok && i < 4; i++)
		ok = sqlite3_exec(db, store_sqlite_migrations[i], NULL, NULL, NULL) == SQLITE_OK;
	ok = ok && sqlite3_exec(db,
				"PRAGMA user_version = 4;"
				"INSERT INTO sites (id, host, name, is_default) VALUES (1, '', 'Xã Cũ', 1);"
				"INSERT INTO categories (id, site_id, name, slug) VALUES (1, 1, 'Tin tức', 'tin-tuc');"
				"INSERT INTO articles (id, site_id, category_id, title, slug, image, status, published_at) "
				"VALUES (1, 1, 1, 'Bài cũ', 'bai-cu', '/media/cu.jpg', 3, 1);"
				"INSERT INTO article_revisions (article_id, title, image) VALUES (1, 'Bài cũ', '/media/cu.jpg');",
				NULL, NULL, NULL) == SQLITE_OK;
	CHECK(ok, "a version 4 database with content");
	sqlite3_close(db);
	char *oerr = NULL;
	struct store *st = store_open(path, false, &oerr);
	CHECK(st != NULL, "open migrates (%s)", oerr ? oerr : "ok");
	free(oerr);
	if (st) {
		struct arena *a = arena_new();
		struct site site;
		CHECK(store_site_get(st, 1, a, &site) == LOA_OK, "old site read");
		CHECK_STR(site.name, "Xã Cũ", "old site's name");
		CHECK_STR(site.logo, "", "old site has no logo");
		site.logo = "/media/logo.png";
		struct site got;
		CHECK(store_site_update(st, &site) == LOA_OK && store_site_get(st, 1, a, &got) == LOA_OK,
		      "logo set on the migrated site");
		CHECK_STR(got.logo, "/media/logo.png", "logo stored after migration");
		struct article art;
		CHECK(store_article_get(st, 1, 1, a, &art) == LOA_OK, "old article read");
		CHECK_STR(art.image, "/media/cu.jpg", "old article's image");
		CHECK_STR(art.image_srcset, "", "old article has no srcset");
		struct revision *revs;
		size_t n = 0;
		CHECK(store_revision_list(st, 1, a, &revs, &n) == LOA_OK && n == 1, "old revision listed");
		if (n == 1)
			CHECK_STR(revs[0].art.image_srcset, "", "old revision has no srcset");
		arena_free(a);
		store_close(st);
	}
	int64_t version = -1;
	if (sqlite3_open(path, &db) == SQLITE_OK) {
		sqlite3_stmt *stmt = NULL;
		if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
		    sqlite3_step(stmt) == SQLITE_ROW)
			version = sqlite3_column_int64(stmt, 0);
		sqlite3_finalize(stmt);
	}
	sqlite3_close(db);
	CHECK(version == store_sqlite_migration_count, "user_version is the last migration's after the migration");
	char side[96];
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	snprintf(side, sizeof side, "%s.v4.bak", path); /* the copy taken before the upgrade */
	unlink(side);
}

int main(void)
{
	snprintf(db_path, sizeof db_path, "/tmp/loa-newsroom-%ld.db", (long)getpid());
	remove_db();
	char *oerr = NULL;
	struct store *st = store_open(db_path, true, &oerr);
	CHECK(st != NULL, "open (%s)", oerr ? oerr : "ok");
	free(oerr);
	if (!st)
		return test_done();
	struct fixture fx = {0};
	struct site s1 = {.host = "", .name = "Cổng thông tin điện tử xã An Bình"};
	struct site s2 = {.host = "binhminh.gov.vn", .name = "Cổng thông tin điện tử xã Bình Minh"};
	CHECK(store_site_create(st, &s1, &fx.site, NULL) == LOA_OK, "site");
	CHECK(store_site_create(st, &s2, &fx.other_site, NULL) == LOA_OK, "other site");

	test_users(st, &fx);
	test_sessions(st, &fx);
	test_categories(st, &fx);
	test_articles(st, &fx);
	test_article_extras(st, &fx);
	test_links_calendar_media(st, &fx);
	test_logo_srcset(st, &fx);
	test_secret(st); /* closes st */
	remove_db();
	test_migration_5();
	return test_done();
}
