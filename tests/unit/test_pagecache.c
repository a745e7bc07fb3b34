/* test_pagecache.c — slot splitting, plain and gzip assembly (checked with
 * zlib's inflate), entity tags, and the cache's LRU and reference counts. */
#include "render/pagecache.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "core/buf.h"
#include "core/status.h"
#include "test.h"

static void join_parts(const struct pc_part *p, size_t n, struct buf *out)
{
	buf_setlen(out, 0);
	for (size_t i = 0; i < n; i++)
		buf_add(out, p[i].base, p[i].len);
}

/* Inflates a gzip stream; true when it ends with Z_STREAM_END exactly at the
 * end of the input (what `gzip -t` checks: framing, CRC and length). */
static bool gunzip(const void *in, size_t n, struct buf *out)
{
	z_stream zs;
	memset(&zs, 0, sizeof zs);
	if (inflateInit2(&zs, 31) != Z_OK)
		return false;
	buf_setlen(out, 0);
	zs.next_in = (Bytef *)(uintptr_t)in;
	zs.avail_in = (uInt)n;
	int rc;
	do {
		buf_grow(out, 65536);
		zs.next_out = (Bytef *)out->data + out->len;
		zs.avail_out = 65536;
		rc = inflate(&zs, Z_NO_FLUSH);
		out->len += 65536 - zs.avail_out; /* buf_grow left room for it */
		out->data[out->len] = '\0';
	} while (rc == Z_OK);
	bool ok = rc == Z_STREAM_END && zs.avail_in == 0;
	inflateEnd(&zs);
	return ok;
}

/* Renders page with both encodings and compares against want. */
static void round_trip(const char *label, const char *page, size_t len, const struct pc_var *vars, size_t nvars,
		       const char *want, size_t want_len)
{
	struct arena *a = arena_new();
	struct pagecache_entry *e = pagecache_entry_new(page, len, 1000);
	CHECK(e != NULL, "%s: entry built", label);
	if (!e) {
		arena_free(a);
		return;
	}
	struct pc_part *parts;
	size_t nparts, total;
	struct buf body = BUF_INIT, plain = BUF_INIT;

	pagecache_entry_parts(e, vars, nvars, false, a, &parts, &nparts, &total);
	join_parts(parts, nparts, &body);
	CHECK(total == body.len, "%s: plain total matches parts", label);
	CHECK(body.len == want_len && memcmp(body.data, want, want_len) == 0, "%s: plain body", label);

	pagecache_entry_parts(e, vars, nvars, true, a, &parts, &nparts, &total);
	join_parts(parts, nparts, &body);
	CHECK(total == body.len, "%s: gzip total matches parts", label);
	CHECK(gunzip(body.data, body.len, &plain), "%s: gzip stream valid and complete", label);
	CHECK(plain.len == want_len && memcmp(plain.data, want, want_len) == 0, "%s: gzip inflates to the page", label);

	buf_reset(&body);
	buf_reset(&plain);
	pagecache_entry_unref(e);
	arena_free(a);
}

static void test_round_trips(void)
{
	static const struct pc_var vars[] = { { "online", "12" }, { "today", "1.324" }, { "total", "987.654" } };
	const char *p0 = "<p>no slots here</p>";
	round_trip("0 slots", p0, strlen(p0), vars, 3, p0, strlen(p0));
	round_trip("empty page", "", 0, vars, 3, "", 0);

	const char *p1 = "<b>" PAGECACHE_SLOT("online") "</b> người";
	const char *w1 = "<b>12</b> người";
	round_trip("1 slot", p1, strlen(p1), vars, 3, w1, strlen(w1));

	const char *p3 = PAGECACHE_SLOT("online") " | " PAGECACHE_SLOT("today") " | " PAGECACHE_SLOT("total");
	const char *w3 = "12 | 1.324 | 987.654";
	round_trip("3 slots at start and end", p3, strlen(p3), vars, 3, w3, strlen(w3));

	const char *pa = PAGECACHE_SLOT("today") PAGECACHE_SLOT("today");
	round_trip("adjacent slots only", pa, strlen(pa), vars, 3, "1.3241.324", 10);

	static const struct pc_var empty[] = { { "online", "" }, { "today", NULL } };
	const char *we = " |  | ";
	round_trip("empty and missing values", p3, strlen(p3), empty, 2, we, strlen(we));
	round_trip("no values at all", p3, strlen(p3), NULL, 0, we, strlen(we));

	/* Not markers: stray 0x1E, bad names, unterminated. Kept verbatim. */
	const char *bad = "a\x1e" "b \x1e" "LOA:\x1e \x1e" "LOA:x y\x1e \x1e" "LOA:abc";
	round_trip("malformed markers are text", bad, strlen(bad), vars, 3, bad, strlen(bad));

	/* A page with a NUL byte and a 0x1E right before a marker. */
	const char pn[] = "x\0y\x1e\x1e" "LOA:total\x1e" "z";
	const char wn[] = "x\0y\x1e" "987.654z";
	round_trip("binary bytes", pn, sizeof pn - 1, vars, 3, wn, sizeof wn - 1);
}

static void test_large(void)
{
	/* 200 KB of varied text with slots spread through it. */
	struct buf page = BUF_INIT, want = BUF_INIT;
	unsigned seed = 12345;
	for (int i = 0; page.len < 200 * 1024; i++) {
		seed = seed * 1103515245u + 12345u;
		buf_addf(&page, "<li class=\"item-%u\">Tin tức số %d — %u</li>\n", seed % 97, i, seed >> 8);
		buf_addf(&want, "<li class=\"item-%u\">Tin tức số %d — %u</li>\n", seed % 97, i, seed >> 8);
		if (i % 700 == 0) {
			buf_adds(&page, PAGECACHE_SLOT("total"));
			buf_adds(&want, "987.654");
		}
	}
	static const struct pc_var vars[] = { { "total", "987.654" } };
	round_trip("200 KB page", page.data, page.len, vars, 1, want.data, want.len);

	struct pagecache_entry *e = pagecache_entry_new(page.data, page.len, 0);
	CHECK(pagecache_entry_nslots(e) > 3, "200 KB page has its slots (%zu)", pagecache_entry_nslots(e));
	CHECK_STR(pagecache_entry_slot_name(e, 0), "total", "slot name");
	CHECK(pagecache_entry_slot_name(e, 999999) == NULL, "slot name out of range");
	CHECK(pagecache_entry_size(e) < page.len * 2, "compressed copy is smaller than the page");
	pagecache_entry_unref(e);

	/* A value longer than one stored block (65535 bytes). */
	char *big = malloc(150000);
	for (size_t i = 0; i < 149999; i++)
		big[i] = (char)('a' + i % 26);
	big[149999] = '\0';
	const char *pv = "[" PAGECACHE_SLOT("v") "]";
	struct pc_var bv[] = { { "v", big } };
	buf_setlen(&want, 0);
	buf_adds(&want, "[");
	buf_adds(&want, big);
	buf_adds(&want, "]");
	round_trip("value over 64 KB", pv, strlen(pv), bv, 1, want.data, want.len);
	free(big);

	buf_reset(&page);
	buf_reset(&want);
}

static void test_etag(void)
{
	struct arena *a = arena_new();
	const char *p = "<i>" PAGECACHE_SLOT("today") PAGECACHE_SLOT("total") "</i>";
	struct pagecache_entry *e = pagecache_entry_new(p, strlen(p), 5);
	CHECK(pagecache_entry_created(e) == 5, "creation time kept");
	struct pc_var v1[] = { { "today", "1" }, { "total", "23" } };
	struct pc_var v2[] = { { "today", "12" }, { "total", "3" } };
	const char *t1 = pagecache_entry_etag(e, v1, 2, false, a);
	const char *t1b = pagecache_entry_etag(e, v1, 2, false, a);
	const char *t1z = pagecache_entry_etag(e, v1, 2, true, a);
	const char *t2 = pagecache_entry_etag(e, v2, 2, false, a);
	CHECK(t1[0] == '"' && t1[strlen(t1) - 1] == '"', "etag is quoted: %s", t1);
	CHECK_STR(t1, t1b, "etag stable");
	CHECK(strcmp(t1, t1z) != 0, "gzip etag differs");
	CHECK(strcmp(t1, t2) != 0, "etag depends on slot values (separated)");
	const char *q = "<i>" PAGECACHE_SLOT("today") PAGECACHE_SLOT("total") "</I>";
	struct pagecache_entry *f = pagecache_entry_new(q, strlen(q), 5);
	CHECK(strcmp(t1, pagecache_entry_etag(f, v1, 2, false, a)) != 0, "etag depends on page");
	pagecache_entry_unref(f);

	struct meta {
		int64_t site, article;
	} m = { 3, 42 };
	size_t size = pagecache_entry_size(e);
	CHECK(pagecache_entry_user(e) == NULL, "no user data at first");
	pagecache_entry_set_user(e, &m, sizeof m);
	m.article = 0;
	const struct meta *got = pagecache_entry_user(e);
	CHECK(got && got->site == 3 && got->article == 42, "user data copied");
	CHECK(pagecache_entry_size(e) == size + sizeof m, "user data accounted");
	pagecache_entry_set_user(e, &m, sizeof m);
	got = pagecache_entry_user(e);
	CHECK(got->article == 0 && pagecache_entry_size(e) == size + sizeof m, "user data replaced");
	pagecache_entry_unref(e);
	arena_free(a);
}

static struct pagecache_entry *make(const char *text)
{
	return pagecache_entry_new(text, strlen(text), 0);
}

static void test_cache(void)
{
	struct pagecache_entry *a = make("page a"), *b = make("page b"), *c = make("page c");
	size_t sz = pagecache_entry_size(a);
	/* Room for exactly two of these small entries. */
	struct pagecache *pc = pagecache_new(sz * 2 + sz / 2);

	CHECK(pagecache_get(pc, "1|/") == NULL, "miss on empty cache");
	CHECK(pagecache_put(pc, "1|/", a) == LOA_OK, "put a");
	CHECK(pagecache_put(pc, "1|/b", b) == LOA_OK, "put b");
	CHECK(pagecache_count(pc) == 2, "two entries");
	CHECK(pagecache_bytes(pc) == pagecache_entry_size(a) + pagecache_entry_size(b), "bytes accounted");

	struct pagecache_entry *got = pagecache_get(pc, "1|/");
	CHECK(got == a, "get a");
	pagecache_entry_unref(got);

	/* a was used last, so b is the oldest and goes when c arrives. */
	CHECK(pagecache_put(pc, "1|/c", c) == LOA_OK, "put c");
	CHECK(pagecache_count(pc) == 2, "still two entries after eviction");
	got = pagecache_get(pc, "1|/b");
	CHECK(got == NULL, "least recently used entry evicted");
	got = pagecache_get(pc, "1|/c");
	CHECK(got == c, "c present");
	pagecache_entry_unref(got);

	/* Replace a while a response still holds it. */
	struct pagecache_entry *inflight = pagecache_get(pc, "1|/");
	struct pagecache_entry *a2 = make("page A2");
	CHECK(pagecache_put(pc, "1|/", a2) == LOA_OK, "replace a");
	got = pagecache_get(pc, "1|/");
	CHECK(got == a2, "replacement served");
	pagecache_entry_unref(got);
	struct arena *ar = arena_new();
	struct pc_part *parts;
	size_t n, total;
	pagecache_entry_parts(inflight, NULL, 0, false, ar, &parts, &n, &total);
	CHECK(n == 1 && total == 6 && memcmp(parts[0].base, "page a", 6) == 0, "in-flight old entry still valid");
	arena_free(ar);
	pagecache_entry_unref(inflight);

	/* Too big for the cache: refused, and the key no longer maps anywhere. */
	struct buf big = BUF_INIT;
	for (int i = 0; i < 1000; i++)
		buf_addf(&big, "%d-%d ", i, i * 7919);
	struct pagecache_entry *huge = pagecache_entry_new(big.data, big.len, 0);
	CHECK(pagecache_put(pc, "1|/c", huge) == LOA_BUSY, "oversized entry refused");
	CHECK(pagecache_get(pc, "1|/c") == NULL, "refused put removes the old entry");
	pagecache_entry_unref(huge);
	buf_reset(&big);

	/* Many keys: the table grows and eviction keeps the byte bound. */
	struct pagecache *many = pagecache_new(64 * 1024);
	for (int i = 0; i < 2000; i++) {
		char key[32], text[48];
		snprintf(key, sizeof key, "1|/p/%d", i);
		snprintf(text, sizeof text, "trang %d", i);
		struct pagecache_entry *e = make(text);
		pagecache_put(many, key, e);
		pagecache_entry_unref(e);
		if (pagecache_bytes(many) > 64 * 1024)
			break;
	}
	CHECK(pagecache_bytes(many) <= 64 * 1024, "byte bound kept (%zu entries)", pagecache_count(many));
	got = pagecache_get(many, "1|/p/1999");
	CHECK(got != NULL, "newest key present");
	pagecache_entry_unref(got);
	CHECK(pagecache_get(many, "1|/p/0") == NULL, "oldest key evicted");
	pagecache_free(many);

	/* User data attached after put does not unbalance the byte count. */
	struct pagecache_entry *late = make("late");
	pagecache_put(pc, "1|/late", late);
	pagecache_entry_set_user(late, "abcdefgh", 8);
	pagecache_entry_unref(late);

	pagecache_clear(pc);
	CHECK(pagecache_count(pc) == 0 && pagecache_bytes(pc) == 0, "clear empties the cache");
	CHECK(pagecache_get(pc, "1|/") == NULL, "nothing after clear");
	CHECK(pagecache_put(pc, "1|/", a) == LOA_OK, "usable after clear");
	pagecache_free(pc);

	pagecache_entry_unref(a);
	pagecache_entry_unref(b);
	pagecache_entry_unref(c);
	pagecache_entry_unref(a2);
	pagecache_entry_unref(NULL);
}

int main(void)
{
	test_round_trips();
	test_large();
	test_etag();
	test_cache();
	return test_done();
}
