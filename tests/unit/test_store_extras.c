/* test_store_extras.c — storage of the portal's extra sections in the
 * SQLite backend: the calendar's change count (iCalendar SEQUENCE) and its
 * migration, the main menu's rows and order, the footer's legal facts, on
 * temporary database files removed after. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/status.h"
#include "store/store.h"
#include "store/store_newsroom.h"
#include "store/store_portal.h"
#include "store/store_sqliteInt.h"
#include "test.h"

static void remove_db(const char *path)
{
	char side[160];
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

static struct store *fresh(char *path, size_t size, const char *name, int64_t *site)
{
	snprintf(path, size, "%s/loa-extras-%s-%ld.db", P_tmpdir, name, (long)getpid());
	remove_db(path);
	char *err = NULL;
	struct store *st = store_open(path, true, &err);
	CHECK(st != NULL, "open %s (%s)", name, err ? err : "ok");
	free(err);
	if (!st)
		return NULL;
	struct site s = {.host = "", .name = "Xã Thử"};
	const char *serr = NULL;
	CHECK(store_site_create(st, &s, site, &serr) == LOA_OK, "site");
	return st;
}

static void test_calendar_sequence(void)
{
	char path[128];
	int64_t site;
	struct store *st = fresh(path, sizeof path, "cal", &site);
	if (!st)
		return;
	struct arena *a = arena_new();
	struct cal_item it = {.site_id = site, .day = 20000, .session = CAL_MORNING, .start_time = "07:30",
			      .content = "Giao ban", .chair = "", .participants = "", .location = "Phòng họp",
			      .unit = "", .note = ""};
	int64_t id;
	CHECK(store_calendar_add(st, &it, &id) == LOA_OK, "add");
	struct cal_item got;
	CHECK(store_calendar_get(st, site, id, a, &got) == LOA_OK && got.sequence == 0 && got.updated_at > 0,
	      "a new item: sequence 0, updated_at set");
	int64_t first = got.updated_at;
	got.id = id;
	CHECK(store_calendar_update(st, &got) == LOA_OK, "save unchanged");
	CHECK(store_calendar_get(st, site, id, a, &got) == LOA_OK && got.sequence == 0, "unchanged: sequence stays 0");
	got.location = "Hội trường";
	CHECK(store_calendar_update(st, &got) == LOA_OK, "change the place");
	CHECK(store_calendar_get(st, site, id, a, &got) == LOA_OK && got.sequence == 1 && got.updated_at >= first,
	      "changed: sequence 1");
	got.state = 2;
	CHECK(store_calendar_update(st, &got) == LOA_OK, "cancel");
	CHECK(store_calendar_get(st, site, id, a, &got) == LOA_OK && got.sequence == 2 && got.state == 2,
	      "cancelled: sequence 2");
	struct cal_item *items;
	size_t n;
	CHECK(store_calendar_range(st, site, 20000, 20000, a, &items, &n) == LOA_OK && n == 1 &&
		      items[0].sequence == 2 && items[0].updated_at == got.updated_at,
	      "the range carries sequence and updated_at");
	int copied = 0;
	CHECK(store_calendar_copy_week(st, site, 19998, 20005, &copied) == LOA_OK && copied == 1, "copy the week");
	CHECK(store_calendar_range(st, site, 20007, 20007, a, &items, &n) == LOA_OK && n == 1 &&
		      items[0].sequence == 0 && items[0].updated_at > 0,
	      "a copied item is new: sequence 0, updated_at set");
	arena_free(a);
	store_close(st);
	remove_db(path);
}

/* A database at user_version 5 with calendar items takes migration 6:
 * the items get updated_at (now) and sequence 0. */
static void test_migration_6(void)
{
	char path[128];
	snprintf(path, sizeof path, "%s/loa-extras-m5-%ld.db", P_tmpdir, (long)getpid());
	remove_db(path);
	sqlite3 *db = NULL;
	CHECK(sqlite3_open(path, &db) == SQLITE_OK, "raw open");
	sq_search_register(db);
	sq_newsroom_register(db);
	bool ok = store_sqlite_migration_count >= 6;
	for (int i = 0; ok && i < 5; i++)
		ok = sqlite3_exec(db, store_sqlite_migrations[i], NULL, NULL, NULL) == SQLITE_OK;
	ok = ok && sqlite3_exec(db,
				"PRAGMA user_version = 5;"
				"INSERT INTO sites (id, host, name, is_default) VALUES (1, '', 'Xã Cũ', 1);"
				"INSERT INTO calendar_items (id, site_id, day, content) VALUES (7, 1, 20000, 'Họp cũ');",
				NULL, NULL, NULL) == SQLITE_OK;
	CHECK(ok, "a version 5 database with a calendar item");
	sqlite3_close(db);
	char *err = NULL;
	struct store *st = store_open(path, false, &err);
	CHECK(st != NULL, "open migrates (%s)", err ? err : "ok");
	free(err);
	if (st) {
		struct arena *a = arena_new();
		struct cal_item got;
		CHECK(store_calendar_get(st, 1, 7, a, &got) == LOA_OK && got.sequence == 0 && got.updated_at > 0,
		      "the old item has sequence 0 and a time of change");
		arena_free(a);
		store_close(st);
	}
	/* the way back: a copy of the version 5 database, taken before */
	char bak[160];
	snprintf(bak, sizeof bak, "%s.v5.bak", path);
	sqlite3 *old = NULL;
	int64_t old_version = -1;
	sqlite3_stmt *stmt = NULL;
	if (sqlite3_open_v2(bak, &old, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(old, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
		old_version = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(old);
	CHECK(old_version == 5, "the database was copied to .v5.bak before the upgrade (version %lld)",
	      (long long)old_version);
	st = store_open(path, false, NULL);
	CHECK(st != NULL, "reopening an up-to-date database");
	store_close(st);
	unlink(bak);
	remove_db(path);
}

/* The ids of the site's menu rows in list order, as "1,2,3". */
static const char *order(struct store *st, int64_t site, struct arena *a)
{
	struct menu_item *m;
	size_t n;
	if (store_menu_list(st, site, a, &m, &n) != LOA_OK)
		return "error";
	char *out = arena_printf(a, "%s", "");
	for (size_t i = 0; i < n; i++)
		out = arena_printf(a, "%s%s%lld", out, i ? "," : "", (long long)m[i].id);
	return out;
}

static void test_menu(void)
{
	char path[128];
	int64_t site, other;
	struct store *st = fresh(path, sizeof path, "menu", &site);
	if (!st)
		return;
	struct arena *a = arena_new();
	struct site s2 = {.host = "khac.example", .name = "Xã Khác"};
	const char *serr = NULL;
	CHECK(store_site_create(st, &s2, &other, &serr) == LOA_OK, "second site");
	int64_t cat, other_cat;
	CHECK(store_category_ensure_path(st, site, "Tin tức", &cat, &serr) == LOA_OK &&
		      store_category_ensure_path(st, other, "Tin khác", &other_cat, &serr) == LOA_OK,
	      "categories");
	int64_t v0 = 0, v1 = 0;
	store_content_version(st, &v0);
	int64_t id[4];
	struct menu_item it = {.site_id = site, .kind = "chuyen-muc", .category_id = cat, .label = "", .url = ""};
	CHECK(store_menu_add(st, &it, &id[0]) == LOA_OK, "add a category entry");
	store_content_version(st, &v1);
	CHECK(v1 != v0, "a menu change is a content change");
	struct menu_item pg = {.site_id = site, .kind = "trang", .label = "Giới thiệu", .url = "/gioi-thieu"};
	CHECK(store_menu_add(st, &pg, &id[1]) == LOA_OK, "add a page entry");
	struct menu_item qa = {.site_id = site, .kind = "hoi-dap", .label = "", .url = ""};
	CHECK(store_menu_add(st, &qa, &id[2]) == LOA_OK, "add a section");
	struct menu_item sub = {.site_id = site, .parent_id = id[0], .kind = "van-ban", .label = "", .url = ""};
	CHECK(store_menu_add(st, &sub, &id[3]) == LOA_OK, "add a sub-entry");
	CHECK_STR(order(st, site, a), arena_printf(a, "%lld,%lld,%lld,%lld", (long long)id[0], (long long)id[1],
						  (long long)id[2], (long long)id[3]),
		  "top level first, in the order added, then sub-entries");
	struct menu_item bad = {.site_id = site, .kind = "chuyen-muc", .category_id = other_cat, .label = "", .url = ""};
	CHECK(store_menu_add(st, &bad, NULL) == LOA_INVALID, "another site's category refused");
	struct menu_item badp = {.site_id = other, .parent_id = id[0], .kind = "hoi-dap", .label = "", .url = ""};
	CHECK(store_menu_add(st, &badp, NULL) == LOA_INVALID, "a parent of another site refused");

	CHECK(store_menu_move(st, site, id[2], -1) == LOA_OK, "move the third up");
	CHECK_STR(order(st, site, a), arena_printf(a, "%lld,%lld,%lld,%lld", (long long)id[0], (long long)id[2],
						  (long long)id[1], (long long)id[3]),
		  "it swapped with the second");
	CHECK(store_menu_move(st, site, id[0], -1) == LOA_OK, "moving the first up does nothing");
	CHECK(store_menu_move(st, site, id[3], 1) == LOA_OK, "moving an only child down does nothing");
	CHECK(store_menu_move(st, other, id[0], 1) == LOA_NOTFOUND, "another site cannot move it");
	CHECK(store_menu_move(st, site, id[0], 1) == LOA_OK, "move the first down");
	CHECK_STR(order(st, site, a), arena_printf(a, "%lld,%lld,%lld,%lld", (long long)id[2], (long long)id[0],
						  (long long)id[1], (long long)id[3]),
		  "it swapped with the next");

	struct menu_item got;
	CHECK(store_menu_get(st, site, id[1], a, &got) == LOA_OK && strcmp(got.url, "/gioi-thieu") == 0, "get");
	got.label = "Giới thiệu chung";
	got.parent_id = id[0];
	CHECK(store_menu_update(st, &got) == LOA_OK, "update: move under the category entry");
	CHECK(store_menu_get(st, site, id[1], a, &got) == LOA_OK && got.parent_id == id[0] && got.position == 2 &&
		      strcmp(got.label, "Giới thiệu chung") == 0,
	      "it went after its new sibling");
	got.site_id = other;
	CHECK(store_menu_update(st, &got) == LOA_NOTFOUND, "another site cannot update it");
	CHECK(store_menu_delete(st, site, id[0]) == LOA_OK, "delete the parent");
	CHECK_STR(order(st, site, a), arena_printf(a, "%lld", (long long)id[2]), "its sub-entries went with it");
	CHECK(store_menu_delete(st, site, id[0]) == LOA_NOTFOUND, "deleting again: not found");

	struct site_legal l;
	CHECK(store_site_legal(st, site, a, &l) == LOA_OK && *l.owner == '\0' && *l.email == '\0', "legal facts start empty");
	struct site_legal set = {"UBND xã", "Ông A", "Giấy phép số 1", "Thôn B", "0200 3 861 205", "ubnd@x.example"};
	CHECK(store_site_set_legal(st, site, &set) == LOA_OK, "set legal facts");
	CHECK(store_site_legal(st, site, a, &l) == LOA_OK && strcmp(l.owner, "UBND xã") == 0 &&
		      strcmp(l.responsible, "Ông A") == 0 && strcmp(l.license, "Giấy phép số 1") == 0 &&
		      strcmp(l.address, "Thôn B") == 0 && strcmp(l.phone, "0200 3 861 205") == 0 &&
		      strcmp(l.email, "ubnd@x.example") == 0,
	      "legal facts read back");
	CHECK(store_site_legal(st, other, a, &l) == LOA_OK && *l.owner == '\0', "per site");
	CHECK(store_site_set_legal(st, 999, &set) == LOA_NOTFOUND, "unknown site");
	arena_free(a);
	store_close(st);
	remove_db(path);
}

int main(void)
{
	test_menu();
	test_calendar_sequence();
	test_migration_6();
	return test_done();
}
