/* test_store_extras.c — storage of the portal's extra sections in the
 * SQLite backend: the calendar's change count (iCalendar SEQUENCE) and its
 * migration, on temporary database files removed after. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/status.h"
#include "store/store.h"
#include "store/store_newsroom.h"
#include "store/store_sqliteInt.h"
#include "test.h"

static void remove_db(const char *path)
{
	char side[96];
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

static struct store *fresh(char *path, size_t size, const char *name, int64_t *site)
{
	snprintf(path, size, "/tmp/loa-extras-%s-%ld.db", name, (long)getpid());
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
	char path[96];
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
	char path[96];
	snprintf(path, sizeof path, "/tmp/loa-extras-m5-%ld.db", (long)getpid());
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
	remove_db(path);
}

int main(void)
{
	test_calendar_sequence();
	test_migration_6();
	return test_done();
}
