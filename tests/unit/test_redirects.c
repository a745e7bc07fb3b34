/* test_redirects.c — old addresses: the one key of an old URL
 * (core/oldpath.h) and the redirect table (store_redirects.h) in the
 * SQLite backend, on a temporary database file removed after. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/oldpath.h"
#include "core/status.h"
#include "store/store.h"
#include "store/store_redirects.h"
#include "test.h"

/* The key of url, or "(refused)". */
static const char *key(const char *url)
{
	static char out[2 * OLDPATH_MAX];
	struct buf b = BUF_INIT;
	int rc = oldpath_key(url, strlen(url), &b);
	snprintf(out, sizeof out, "%s", rc == LOA_OK ? b.data : "(refused)");
	buf_reset(&b);
	return out;
}

static void test_keys(void)
{
	CHECK_STR(key("/"), "/", "root stays");
	CHECK_STR(key("http://xa.gov.vn"), "/", "a bare host is the root");
	CHECK_STR(key("https://Xa.Gov.VN/Category/Tin-Tuc/"), "/category/tin-tuc", "host dropped, lower case, no trailing slash");
	CHECK_STR(key("//cdn.example/a/b/"), "/a/b", "scheme-relative host dropped");
	CHECK_STR(key("/category/tin-tuc/#top"), "/category/tin-tuc", "fragment dropped");
	CHECK_STR(key("/a//b///c/"), "/a/b/c", "repeated slashes");
	CHECK_STR(key("tin-tuc"), "/tin-tuc", "a leading slash added");
	CHECK_STR(key("/?p=12"), "/?p=12", "?p= kept");
	CHECK_STR(key("/index.php?p=12"), "/?p=12", "index.php is the root");
	CHECK_STR(key("/?utm_source=fb&p=12&replytocom=3"), "/?p=12", "only content parameters kept");
	CHECK_STR(key("/?page_id=7&cat=3"), "/?cat=3&page_id=7", "parameters sorted");
	CHECK_STR(key("/?p="), "/", "an empty value is not kept");
	CHECK_STR(key("/index.php?language=vi&nv=news&op=Thoi-su/Tin-A-12"), "/?nv=news&op=thoi-su/tin-a-12",
		  "NukeViet's query form");
	CHECK_STR(key("/?tag=a%26b"), "/?tag=a%26b", "an escaped & stays escaped");
	CHECK_STR(key("/?tag=c%C3%A1+ph%C3%AA"), "/?tag=cá%20phê", "+ and spaces in values");
	CHECK_STR(key("/2020/01/08/ch%C3%A0o-m%E1%BB%ABng/"), "/2020/01/08/chào-mừng", "percent-decoded UTF-8 path");
	CHECK_STR(key("/2020/01/08/chào-mừng/"), key("/2020/01/08/ch%C3%A0o-m%E1%BB%ABng"), "raw and escaped UTF-8 meet");
	CHECK_STR(key("/100%/x"), "/100%25/x", "a malformed escape stays, written escaped");
	CHECK_STR(key("/a%2541"), "/a%2541", "a decoded percent sign stays one, not a second escape");
	CHECK_STR(key("/a%3Fp=1"), "/a%3Fp=1", "a decoded ? is not a query");
	CHECK_STR(key("/a%00b"), "(refused)", "NUL refused");
	CHECK_STR(key("/a%0Ab"), "(refused)", "a control character refused");
	CHECK_STR(key("/a%C3%28"), "(refused)", "invalid UTF-8 refused");
	CHECK_STR(key("/?p=%FF"), "(refused)", "invalid UTF-8 in a kept value refused");
	CHECK_STR(key("/?x=%FF"), "/", "invalid bytes in a dropped parameter do not matter");
	CHECK_STR(key(""), "(refused)", "empty refused");
	char longp[OLDPATH_MAX + 10];
	memset(longp, 'a', sizeof longp - 1);
	longp[0] = '/';
	longp[sizeof longp - 1] = '\0';
	CHECK_STR(key(longp), "(refused)", "too long refused");

	CHECK(oldpath_query_names_content("p=12"), "p=12 names content");
	CHECK(oldpath_query_names_content("utm=1&NV=news"), "nv, any case");
	CHECK(!oldpath_query_names_content("utm=1&p="), "an empty p does not");
	CHECK(!oldpath_query_names_content("trang=2"), "loa's own paging does not");

	CHECK(oldpath_target_ok("/tin-tuc/bai-12"), "a local path is a target");
	CHECK(oldpath_target_ok("/tim-kiem?q=n%C3%B4ng"), "a search is a target");
	CHECK(!oldpath_target_ok("//evil.example/"), "another host is not");
	CHECK(!oldpath_target_ok("/\\evil.example/"), "/\\ is not");
	CHECK(!oldpath_target_ok("http://evil.example/"), "a scheme is not");
	CHECK(!oldpath_target_ok("/a b"), "a space is not");
	CHECK(!oldpath_target_ok(""), "empty is not");
}

static void remove_db(const char *path)
{
	char side[160];
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

static void test_store(void)
{
	char path[128];
	snprintf(path, sizeof path, "%s/loa-redirects-%ld.db", P_tmpdir, (long)getpid());
	remove_db(path);
	char *err = NULL;
	struct store *st = store_open(path, true, &err);
	CHECK(st != NULL, "open (%s)", err ? err : "ok");
	free(err);
	if (!st)
		return;
	struct arena *a = arena_new();
	int64_t s1, s2;
	const char *serr = NULL;
	struct site one = {.host = "", .name = "Xã Một"}, two = {.host = "hai.example", .name = "Xã Hai"};
	CHECK(store_site_create(st, &one, &s1, &serr) == LOA_OK && store_site_create(st, &two, &s2, &serr) == LOA_OK,
	      "two sites");

	struct redirect r[3] = {
		{.old_path = "/?p=12", .target = "/tin-tuc/bai-a-1", .source = "wordpress"},
		{.old_path = "/category/tin-tuc", .target = "/tin-tuc", .source = "wordpress"},
		{.old_path = "/vi/news", .target = "/tin-tuc", .source = "nukeviet"},
	};
	CHECK(store_redirect_put(st, s1, r, 3) == LOA_OK, "three put");
	const char *t = NULL;
	CHECK(store_redirect_lookup(st, s1, "/?p=12", a, &t) == LOA_OK && strcmp(t, "/tin-tuc/bai-a-1") == 0, "lookup");
	CHECK(store_redirect_lookup(st, s2, "/?p=12", a, &t) == LOA_NOTFOUND, "another site does not see it");
	CHECK(store_redirect_lookup(st, s1, "/?p=13", a, &t) == LOA_NOTFOUND, "unknown key");

	struct redirect again = {.old_path = "/?p=12", .target = "/tin-tuc/bai-a-2", .source = "wordpress"};
	CHECK(store_redirect_put(st, s1, &again, 1) == LOA_OK, "same key again");
	CHECK(store_redirect_lookup(st, s1, "/?p=12", a, &t) == LOA_OK && strcmp(t, "/tin-tuc/bai-a-2") == 0,
	      "the key updated, not duplicated");
	int64_t n = 0;
	CHECK(store_redirect_count(st, s1, "", &n) == LOA_OK && n == 3, "three in all (%lld)", (long long)n);
	CHECK(store_redirect_count(st, s1, "nukeviet", &n) == LOA_OK && n == 1, "one from nukeviet");

	struct redirect bad[2] = {
		{.old_path = "/ok", .target = "/tin-tuc", .source = "wordpress"},
		{.old_path = "/evil", .target = "//evil.example/", .source = "wordpress"},
	};
	CHECK(store_redirect_put(st, s1, bad, 2) == LOA_INVALID, "another host refused");
	CHECK(store_redirect_lookup(st, s1, "/ok", a, &t) == LOA_NOTFOUND, "nothing of a refused batch written");

	/* inside a transaction the put is a savepoint: the caller's rollback undoes it */
	CHECK(store_begin(st) == LOA_OK, "begin");
	struct redirect in_tx = {.old_path = "/feed", .target = "/rss.xml", .source = "wordpress"};
	CHECK(store_redirect_put(st, s1, &in_tx, 1) == LOA_OK, "put in a transaction");
	CHECK(store_rollback(st) == LOA_OK, "rollback");
	CHECK(store_redirect_lookup(st, s1, "/feed", a, &t) == LOA_NOTFOUND, "rolled back with the transaction");

	struct redirect *list;
	size_t nl;
	CHECK(store_redirect_list(st, s1, "wordpress", 0, 0, a, &list, &nl) == LOA_OK && nl == 2 &&
		      strcmp(list[0].old_path, "/?p=12") == 0 && strcmp(list[1].old_path, "/category/tin-tuc") == 0,
	      "list by key");
	CHECK(store_redirect_list(st, s1, "", 1, 1, a, &list, &nl) == LOA_OK && nl == 1, "a page of the list");
	arena_free(a);
	store_close(st);
	remove_db(path);
}

int main(void)
{
	test_keys();
	test_store();
	return test_done();
}
