/* test_stats.c — bot detection, visitor keys, visit rules with synthetic
 * times (gap, Vietnam midnight, online window), and flushing to a real store
 * in a temporary database. */
#include "stats/stats.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/status.h"
#include "core/vntime.h"
#include "store/store.h"
#include "test.h"

static char db_path[512];
static char tmp_dir[400];

static void test_bots(void)
{
	static const char *const people[] = {
		"Mozilla/5.0 (Linux; Android 13; SM-A536E) AppleWebKit/537.36 (KHTML, like Gecko) "
		"Chrome/120.0.6099.144 Mobile Safari/537.36",
		"Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
		"Version/17.1 Mobile/15E148 Safari/604.1",
		"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
		"Mozilla/5.0 (Linux; Android 12; CPH2211 Build/SP1A.210812.016; wv) AppleWebKit/537.36 (KHTML, like "
		"Gecko) Version/4.0 Chrome/119.0.6045.193 Mobile Safari/537.36 Zalo android/12100634 "
		"ZaloTheme/light ZaloLanguage/vn",
		"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
		"coc_coc_browser/117.0.208 Chrome/111.0.5563.208 Safari/537.36",
		"Mozilla/5.0 (Linux; Android 10; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) "
		"Chrome/96.0.4664.45 Mobile Safari/537.36",
		"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
		"Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91",
	};
	static const char *const bots[] = {
		"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
		"Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)",
		"Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
		"facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
		"Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)",
		"curl/7.88.1",
		"Wget/1.21.3",
		"python-requests/2.31.0",
		"Go-http-client/1.1",
		("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 "
		 "Safari/537.36"),
		"Mozilla/5.0 (compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)",
		"Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)",
		"Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
		"Java/17.0.2",
		"okhttp/4.9.2",
		"WhatsApp/2.23.20.0 A",
		"Scrapy/2.11 (+https://scrapy.org)",
		"",
		"   ",
	};
	for (size_t i = 0; i < sizeof people / sizeof people[0]; i++)
		CHECK(!stats_is_bot(people[i]), "browser is not a bot: %.60s", people[i]);
	for (size_t i = 0; i < sizeof bots / sizeof bots[0]; i++)
		CHECK(stats_is_bot(bots[i]), "bot detected: '%.60s'", bots[i]);
	CHECK(stats_is_bot(NULL), "missing user agent is a bot");
}

static bool is_hex32(const char *k)
{
	if (strlen(k) != 32)
		return false;
	for (int i = 0; i < 32; i++)
		if (!((k[i] >= '0' && k[i] <= '9') || (k[i] >= 'a' && k[i] <= 'f')))
			return false;
	return true;
}

static void test_keys(struct stats *s, struct stats *other)
{
	char k1[33], k2[33], k3[33], k4[33];
	const char *ua = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";
	const char *good = "0123456789abcdef0123456789abcdef";

	CHECK(!stats_visitor_key(s, good, "10.0.0.1", ua, k1), "well-formed cookie kept, no Set-Cookie");
	CHECK_STR(k1, good, "key is the cookie");

	CHECK(stats_visitor_key(s, NULL, "10.0.0.1", ua, k1), "no cookie: set one");
	CHECK(is_hex32(k1), "hashed key is 32 lowercase hex: %s", k1);
	CHECK(stats_visitor_key(s, "", "10.0.0.1", ua, k2), "empty cookie: set one");
	CHECK_STR(k2, k1, "hash is deterministic within one stats object");
	CHECK(stats_visitor_key(s, "0123456789ABCDEF0123456789ABCDEF", "10.0.0.1", ua, k2), "upper-case cookie replaced");
	CHECK_STR(k2, k1, "replaced by the same hash");
	CHECK(stats_visitor_key(s, "0123456789abcdef0123456789abcdef0", "10.0.0.1", ua, k2), "33-char cookie replaced");
	CHECK(stats_visitor_key(s, "0123456789abcdef0123456789abcdeg", "10.0.0.1", ua, k2), "non-hex cookie replaced");
	CHECK(stats_visitor_key(s, NULL, "10.0.0.2", ua, k3), "other address");
	CHECK(strcmp(k3, k1) != 0, "key depends on the address");
	stats_visitor_key(s, NULL, "10.0.0.1", "Other/1.0", k3);
	CHECK(strcmp(k3, k1) != 0, "key depends on the user agent");
	stats_visitor_key(s, NULL, "10.0.0.1\nX", "", k3);
	stats_visitor_key(s, NULL, "10.0.0.1", "X", k4);
	CHECK(is_hex32(k3) && is_hex32(k4), "odd inputs still give hex keys");
	stats_visitor_key(other, NULL, "10.0.0.1", ua, k3);
	CHECK(strcmp(k3, k1) != 0, "another stats object has another secret");
}

static const char *key_of(int n, char out[33])
{
	snprintf(out, 33, "%032x", n);
	return out;
}

static void test_visits(struct stats *s, int64_t site, int64_t other_site)
{
	struct stats_view v;
	char k[33];
	int64_t day = vn_day(1717200000); /* early June 2024 */
	int64_t t0 = vn_day_start(day) + 10 * 3600; /* 10:00 in Vietnam */

	stats_get(s, site, 1000, t0, &v);
	CHECK(v.today == 0 && v.total == 1000 && v.online == 0, "fresh site shows only the base");

	stats_hit(s, site, 1000, key_of(1, k), t0);
	stats_get(s, site, 1000, t0, &v);
	CHECK(v.today == 1 && v.total == 1001 && v.online == 1, "first hit is a visit (%lld %lld %lld)",
	      (long long)v.today, (long long)v.total, (long long)v.online);

	stats_hit(s, site, 1000, key_of(1, k), t0 + 600);
	stats_hit(s, site, 1000, key_of(1, k), t0 + 600 + 1799);
	stats_get(s, site, 1000, t0 + 600 + 1799, &v);
	CHECK(v.today == 1 && v.total == 1001, "same key within 30 minutes: one visit");

	int64_t t1 = t0 + 600 + 1799 + 31 * 60;
	stats_hit(s, site, 1000, key_of(1, k), t1);
	stats_get(s, site, 1000, t1, &v);
	CHECK(v.today == 2 && v.total == 1002, "same key after 31 idle minutes: second visit");

	stats_hit(s, site, 1000, key_of(2, k), t1);
	stats_get(s, site, 1000, t1, &v);
	CHECK(v.today == 3 && v.online == 2, "another key is another visit, both online");

	stats_hit(s, other_site, 0, key_of(1, k), t1);
	struct stats_view o;
	stats_get(s, other_site, 0, t1, &o);
	stats_get(s, site, 1000, t1, &v);
	CHECK(o.today == 1 && o.total == 1 && o.online == 1, "the same key on another site counts there");
	CHECK(v.today == 3, "and not on the first site");

	stats_hit(s, site, 1000, "not a key", t1);
	stats_get(s, site, 1000, t1, &v);
	CHECK(v.today == 3, "malformed key ignored");

	/* Online window: keys seen in the last 5 minutes. */
	stats_hit(s, site, 1000, key_of(3, k), t1 + 100);
	stats_get(s, site, 1000, t1 + 300, &v);
	CHECK(v.online == 3, "online: all three within 300 s (%lld)", (long long)v.online);
	stats_get(s, site, 1000, t1 + 301, &v);
	CHECK(v.online == 1, "online: two left after 301 s (%lld)", (long long)v.online);
	stats_hit(s, site, 1000, key_of(1, k), t1 + 350);
	stats_get(s, site, 1000, t1 + 399, &v);
	CHECK(v.online == 2, "online: a returning key is back (%lld)", (long long)v.online);
	stats_get(s, site, 1000, t1 + 651, &v);
	CHECK(v.online == 0, "online: nobody after the window (%lld)", (long long)v.online);
	CHECK(v.today == 4 && v.total == 1004, "online checks did not change the counts");
}

static void test_midnight(struct stats *s, int64_t site)
{
	struct stats_view v, before;
	char k[33];
	int64_t day = vn_day(1717200000) + 1;
	int64_t midnight = vn_day_start(day + 1);
	CHECK(midnight % 86400 == 17 * 3600, "Vietnam midnight is 17:00:00 UTC");

	stats_get(s, site, 1000, midnight - 3600, &before);
	stats_hit(s, site, 1000, key_of(10, k), midnight - 1); /* 16:59:59 UTC */
	stats_hit(s, site, 1000, key_of(11, k), midnight - 1);
	stats_get(s, site, 1000, midnight - 1, &v);
	CHECK(v.today == 2 && v.total == before.total + 2, "two visits just before midnight (%lld)",
	      (long long)v.today);

	stats_get(s, site, 1000, midnight, &v);
	CHECK(v.today == 0 && v.total == before.total + 2, "today resets at Vietnam midnight");
	CHECK(v.online == 2, "online does not reset at midnight");

	stats_hit(s, site, 1000, key_of(10, k), midnight + 60);
	stats_get(s, site, 1000, midnight + 60, &v);
	CHECK(v.today == 0, "a visit running across midnight is not counted again");

	stats_hit(s, site, 1000, key_of(12, k), midnight + 61);
	stats_get(s, site, 1000, midnight + 61, &v);
	CHECK(v.today == 1 && v.total == before.total + 3, "a new visit after midnight counts for the new day");

	stats_hit(s, site, 1000, key_of(11, k), midnight + 1 + 1801);
	stats_get(s, site, 1000, midnight + 1 + 1801, &v);
	CHECK(v.today == 2, "a visitor idle across midnight starts a new visit today");
}

static void test_many(struct stats *s, int64_t site)
{
	struct stats_view before, v;
	char k[33];
	int64_t t = vn_day_start(vn_day(1717200000) + 5) + 8 * 3600;
	stats_get(s, site, 0, t, &before);
	for (int i = 0; i < 5000; i++)
		stats_hit(s, site, 0, key_of(100000 + i, k), t + i / 100);
	for (int i = 0; i < 5000; i += 7)
		stats_hit(s, site, 0, key_of(100000 + i, k), t + 60);
	stats_get(s, site, 0, t + 60, &v);
	CHECK(v.today == 5000 && v.total == before.total + 5000, "5000 distinct visitors counted once (%lld)",
	      (long long)v.today);
	CHECK(v.online == 5000, "5000 online (%lld)", (long long)v.online);
	/* Forty minutes later they are all new visits again. */
	for (int i = 0; i < 5000; i++)
		stats_hit(s, site, 0, key_of(100000 + i, k), t + 2400 + i / 100);
	stats_get(s, site, 0, t + 2460, &v);
	CHECK(v.today == 10000 && v.online == 5000, "second round of visits (%lld, %lld)", (long long)v.today,
	      (long long)v.online);
}

struct thread_arg {
	struct stats *s;
	int64_t site, t, article;
	int base;
};

static void *hammer(void *p)
{
	struct thread_arg *a = p;
	char k[33];
	for (int i = 0; i < 2000; i++) {
		stats_hit(a->s, a->site, 0, key_of(a->base + i, k), a->t);
		stats_article_view(a->s, a->article, a->t);
	}
	return NULL;
}

static int64_t stored_total(int64_t site, int64_t day, int64_t *today)
{
	char *err = NULL;
	struct store *st = store_open(db_path, false, &err);
	int64_t total = -1;
	if (st) {
		if (store_visits_get(st, site, day, today, &total) != LOA_OK)
			total = -1;
		store_close(st);
	}
	free(err);
	return total;
}

static void test_persist(int64_t site, int64_t article_site, int64_t article_id)
{
	char *err = NULL;
	struct stats *s = stats_new(db_path, &err);
	CHECK(s != NULL, "stats_new on the test database: %s", err ? err : "ok");
	if (!s) {
		free(err);
		return;
	}
	int64_t t = vn_day_start(vn_day(1717200000) + 10) + 9 * 3600;
	struct stats_view before, v;
	stats_get(s, site, 7, t, &before);
	CHECK(before.total > 7, "totals loaded from the store (%lld)", (long long)before.total);

	char k[33];
	stats_hit(s, site, 7, key_of(900001, k), t);
	stats_hit(s, site, 7, key_of(900002, k), t);
	for (int i = 0; i < 5; i++)
		stats_article_view(s, article_id, t);
	CHECK(stats_flush(s) == LOA_OK, "flush writes to the store");
	int64_t today = -1;
	CHECK(stored_total(site, vn_day(t), &today) == before.total - 7 + 2 && today == 2,
	      "store has the visits after flush");
	CHECK(stats_flush(s) == LOA_OK, "empty flush is fine");
	stats_free(s);

	s = stats_new(db_path, &err);
	CHECK(s != NULL, "second stats_new");
	if (!s) {
		free(err);
		return;
	}
	stats_get(s, site, 7, t + 10, &v);
	CHECK(v.total == before.total + 2 && v.today == 2, "a new stats object sees the totals (%lld, %lld)",
	      (long long)v.total, (long long)v.today);

	/* The flusher thread writes within about a second, and stats_free
	 * flushes what is left. */
	CHECK(stats_start(s) == LOA_OK, "flusher started");
	stats_hit(s, site, 7, key_of(900003, k), t + 20);
	int64_t want = before.total - 7 + 3, got = 0;
	for (int i = 0; i < 40 && got != want; i++) {
		struct timespec ts = { 0, 100 * 1000 * 1000 };
		nanosleep(&ts, NULL);
		got = stored_total(site, vn_day(t), &today);
	}
	CHECK(got == want, "flusher wrote the visit (%lld of %lld)", (long long)got, (long long)want);

	/* Several threads at once. */
	pthread_t th[4];
	struct thread_arg ta[4];
	for (int i = 0; i < 4; i++) {
		ta[i] = (struct thread_arg){ s, site, t + 30, article_id, 1000000 + i * 10000 };
		pthread_create(&th[i], NULL, hammer, &ta[i]);
	}
	for (int i = 0; i < 4; i++)
		pthread_join(th[i], NULL);
	stats_get(s, site, 7, t + 30, &v);
	CHECK(v.today == 3 + 8000, "concurrent hits all counted (%lld)", (long long)v.today);
	stats_hit(s, site, 7, key_of(900004, k), t + 40);
	stats_free(s); /* final flush */
	CHECK(stored_total(site, vn_day(t), &today) == before.total - 7 + 8004 && today == 8004,
	      "stats_free flushed the rest");

	struct store *st = store_open(db_path, false, &err);
	struct arena *a = arena_new();
	struct article art;
	CHECK(st && store_article_get(st, article_site, article_id, a, &art) == LOA_OK && art.views == 5 + 8000,
	      "article views flushed (%lld)", st ? (long long)art.views : -1LL);
	arena_free(a);
	store_close(st);
	free(err);
}

int main(void)
{
	test_bots();

	const char *tmp = getenv("TMPDIR");
	snprintf(tmp_dir, sizeof tmp_dir, "%s/loa-test-stats-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(tmp_dir)) {
		CHECK(0, "temporary directory");
		return test_done();
	}
	snprintf(db_path, sizeof db_path, "%s/test.db", tmp_dir);

	char *err = NULL;
	struct store *st = store_open(db_path, true, &err);
	CHECK(st != NULL, "store created: %s", err ? err : "ok");
	if (!st) {
		free(err);
		return test_done();
	}
	const char *serr = NULL;
	int64_t site = 0, other = 0, cat = 0, article = 0;
	struct site sa = { .host = "", .name = "Xã Thử Nghiệm", .tagline = "", .footer = "", .contact = "",
			   .visits_base = 1000 };
	struct site sb = { .host = "b.example", .name = "Xã Bên Cạnh", .tagline = "", .footer = "", .contact = "" };
	CHECK(store_site_create(st, &sa, &site, &serr) == LOA_OK, "site a: %s", serr ? serr : "ok");
	CHECK(store_site_create(st, &sb, &other, &serr) == LOA_OK, "site b: %s", serr ? serr : "ok");
	CHECK(store_category_ensure_path(st, site, "Tin tức", &cat, &serr) == LOA_OK, "category: %s",
	      serr ? serr : "ok");
	struct article art = { .site_id = site, .category_id = cat, .title = "Họp dân", .slug = "hop-dan",
			       .lead = "", .body_html = "<p>Nội dung</p>", .image = "", .caption = "", .author = "",
			       .source = "", .external_id = "", .status = ARTICLE_PUBLISHED,
			       .published_at = 1717200000, .updated_at = 1717200000, .created_at = 1717200000 };
	bool created = false;
	CHECK(store_article_upsert(st, &art, &article, &created, &serr) == LOA_OK && created, "article: %s",
	      serr ? serr : "ok");
	store_close(st);

	struct stats *s = stats_new(db_path, &err), *s2 = stats_new(db_path, &err);
	CHECK(s && s2, "stats_new: %s", err ? err : "ok");
	if (s && s2) {
		test_keys(s, s2);
		test_visits(s, site, other);
		test_midnight(s, site);
		test_many(s, other);
	}
	stats_free(s2);
	stats_free(s);
	test_persist(site, site, article);

	char path[600];
	const char *suffixes[] = { "", "-wal", "-shm", "-journal" };
	for (size_t i = 0; i < 4; i++) {
		snprintf(path, sizeof path, "%s%s", db_path, suffixes[i]);
		unlink(path);
	}
	rmdir(tmp_dir);
	free(err);
	return test_done();
}
