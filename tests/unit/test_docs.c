/* test_docs.c — docs/docs.h and store_docs.h: numbers folded for matching,
 * validity derived from dates, the day and relations, the form's
 * Vietnamese messages, and the SQLite backend's documents, terms,
 * relations both ways, attachments and search. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/status.h"
#include "core/vntime.h"
#include "docs/docs.h"
#include "search/search.h"
#include "store/store.h"
#include "store/store_docs.h"
#include "test.h"

static int64_t day(int y, int m, int d)
{
	int64_t out = 0;
	vn_day_of(y, m, d, &out);
	return out;
}

static void test_fold(void)
{
	struct arena *a = arena_new();
	const char *spellings[] = {"42/2022/NĐ-CP", "42/2022/nđ-cp", "42/2022/ND-CP", "42 2022 nd cp", "  42/2022/Nđ–CP "};
	for (size_t i = 0; i < sizeof spellings / sizeof spellings[0]; i++)
		CHECK_STR(docs_key(a, spellings[i]), "42 2022 nd cp", "“%s” folds to the key", spellings[i]);
	CHECK_STR(docs_key(a, "12-CT/TU"), "12 ct tu", "a party directive");
	CHECK_STR(docs_key(a, "Ủy ban nhân dân xã"), "uy ban nhan dan xa", "a term name");
	CHECK_STR(docs_key(a, "—/—"), "", "nothing alphanumeric: empty");
	CHECK(docs_number_match("42 2022 nd cp", "42 2022 nd cp") == 2, "exact");
	CHECK(docs_number_match("42 2022 nd cp", "42 2022") == 1, "prefix at a word");
	CHECK(docs_number_match("420 2022 nd cp", "42") == 0, "not inside a word");
	CHECK(docs_number_match("42 2022 nd cp", "") == 0, "empty query matches nothing");
	arena_free(a);
}

static void test_validity(void)
{
	struct document d = {.issued_day = day(2024, 1, 10), .effective_day = day(2024, 2, 1)};
	CHECK(docs_validity(&d, day(2024, 1, 20)) == DOC_NOT_YET, "before taking effect");
	CHECK(docs_validity(&d, day(2024, 2, 1)) == DOC_IN_FORCE, "in force from its effective day");
	d.expires_day = day(2025, 1, 1);
	CHECK(docs_validity(&d, day(2024, 12, 31)) == DOC_IN_FORCE, "in force the day before expiry");
	CHECK(docs_validity(&d, day(2025, 1, 1)) == DOC_EXPIRED, "expired on its expiry day");
	d.amended_on = day(2024, 6, 1);
	CHECK(docs_validity(&d, day(2024, 5, 31)) == DOC_IN_FORCE, "amendment not yet in effect");
	CHECK(docs_validity(&d, day(2024, 6, 1)) == DOC_AMENDED, "amended once the amendment takes effect");
	d.replaced_on = day(2024, 9, 1);
	CHECK(docs_validity(&d, day(2024, 9, 1)) == DOC_REPLACED, "replaced beats amended");
	CHECK(docs_validity(&d, day(2026, 1, 1)) == DOC_REPLACED, "replaced beats expired");
	struct document n = {.issued_day = day(2024, 3, 3)};
	CHECK(docs_validity(&n, day(2024, 3, 3)) == DOC_IN_FORCE, "no effective day: from the issue day");
	CHECK_STR(docs_validity_label(DOC_AMENDED), "Được sửa đổi, bổ sung", "label");
	CHECK(docs_validity_of_key("bi-thay-the") == DOC_REPLACED && docs_validity_of_key("x") == -1, "keys");
}

static void test_input(void)
{
	struct arena *a = arena_new();
	struct document d = {0};
	struct docs_errors e;
	struct docs_input in = {.number = "", .summary = "", .issued = "31/02/2024", .effective = "", .expires = ""};
	CHECK(!docs_from_input(a, &in, &d, &e), "empty form refused");
	CHECK_STR(e.number, "Số, ký hiệu không được để trống.", "number required");
	CHECK_STR(e.summary, "Trích yếu không được để trống.", "summary required");
	CHECK_STR(e.type, "Hãy chọn loại văn bản.", "type required");
	CHECK_STR(e.issuer, "Hãy chọn cơ quan ban hành.", "issuer required");
	CHECK(e.issued && strstr(e.issued, "31/02/2024") && strstr(e.issued, "không hợp lệ"), "impossible date: %s",
	      e.issued ? e.issued : "");
	struct docs_input ok = {.number = " 12/NQ-HĐND ", .signer = "Nguyễn Văn An", .summary = "Về  kế hoạch\nnăm 2025",
				.issued = "10/01/2025", .effective = "05/01/2025", .expires = "10/01/2025",
				.type_id = 1, .issuer_id = 2, .body_html = "<p>Điều 1.</p><script>x</script>"};
	CHECK(!docs_from_input(a, &ok, &d, &e), "dates out of order refused");
	CHECK_STR(e.effective, "Ngày có hiệu lực không được trước ngày ban hành.", "effective before issue");
	CHECK_STR(e.expires, "Ngày hết hiệu lực phải sau ngày ban hành.", "expiry not after issue");
	ok.effective = "2025-01-20";
	ok.expires = "";
	CHECK(docs_from_input(a, &ok, &d, &e), "good form accepted (yyyy-mm-dd too)");
	CHECK_STR(d.number, "12/NQ-HĐND", "number trimmed");
	CHECK_STR(d.number_key, "12 nq hdnd", "key");
	CHECK_STR(d.summary, "Về kế hoạch năm 2025", "summary on one line");
	CHECK(d.effective_day == day(2025, 1, 20), "effective day");
	CHECK(!strstr(d.body_html, "script") && strstr(d.body_html, "Điều 1."), "full text sanitized");
	CHECK_STR(d.slug, "12-nq-hdnd", "slug");
	CHECK_STR(docs_path(a, 5, d.slug), "/van-ban/12-nq-hdnd-5", "path");
	int64_t id;
	CHECK(docs_parse_slug_id("12-nq-hdnd-5", &id) && id == 5, "id read back");
	CHECK(!docs_parse_slug_id("12-nq-hdnd-05", &id) && !docs_parse_slug_id("x-", &id), "bad ids refused");
	struct docs_input bad = ok;
	bad.number = "\xff";
	CHECK(!docs_from_input(a, &bad, &d, &e) && strstr(e.number, "không hợp lệ"), "invalid UTF-8 refused");
	arena_free(a);
}

static char db_path[64];

static int64_t term(struct store *st, int64_t site, int kind, const char *name)
{
	struct arena *a = arena_new();
	struct doc_term t = {.site_id = site, .kind = kind, .name = name, .name_key = docs_key(a, name)};
	int64_t id = 0;
	CHECK(store_doc_term_save(st, &t, &id) == LOA_OK, "term %s", name);
	arena_free(a);
	return id;
}

static int64_t doc(struct store *st, int64_t site, int64_t type, int64_t issuer, const char *number,
		   const char *summary, const char *issued, bool published)
{
	struct arena *a = arena_new();
	struct docs_input in = {.number = number, .signer = "", .summary = summary, .issued = issued,
				.type_id = type, .issuer_id = issuer, .published = published};
	struct document d = {.site_id = site};
	struct docs_errors e;
	int64_t id = 0;
	CHECK(docs_from_input(a, &in, &d, &e) && store_doc_save(st, &d, &id) == LOA_OK, "document %s", number);
	arena_free(a);
	return id;
}

static void test_store(struct store *st)
{
	struct arena *a = arena_new();
	struct site s = {.host = "", .name = "Xã", .tagline = "", .footer = "", .contact = ""};
	int64_t site;
	const char *serr = NULL;
	CHECK(store_site_create(st, &s, &site, &serr) == LOA_OK, "site");
	int64_t nq = term(st, site, DOC_TYPE, "Nghị quyết"), hd = term(st, site, DOC_ISSUER, "HĐND xã");
	int64_t cp = term(st, site, DOC_ISSUER, "Chính phủ");
	struct doc_term dup = {.site_id = site, .kind = DOC_TYPE, .name = "nghi quyet", .name_key = "nghi quyet"};
	CHECK(store_doc_term_save(st, &dup, NULL) == LOA_CONFLICT, "same term twice refused");
	int64_t old = doc(st, site, nq, hd, "05/NQ-HĐND", "Về quy chế cũ", "10/01/2020", true);
	int64_t neu = doc(st, site, nq, hd, "12/NQ-HĐND", "Về quy chế mới thay thế", "10/01/2024", true);
	int64_t central = doc(st, site, nq, cp, "42/2022/NĐ-CP", "Quy định về việc cung cấp thông tin trên cổng",
			      "24/06/2022", true);
	(void)central;
	/* the same number for the same issuer: refused; another issuer: fine */
	struct document d = {.site_id = site, .number = "12/nq-hđnd", .number_key = "12 nq hdnd", .type_id = nq,
			     .issuer_id = hd, .signer = "", .summary = "x", .body_html = "", .slug = "x",
			     .issued_day = day(2024, 1, 1)};
	CHECK(store_doc_save(st, &d, NULL) == LOA_CONFLICT, "number taken by the issuer");
	d.issuer_id = cp;
	int64_t other = 0;
	CHECK(store_doc_save(st, &d, &other) == LOA_OK, "same number, other issuer");
	d.id = 0;
	d.type_id = hd; /* an issuer given as type */
	d.number_key = "77";
	CHECK(store_doc_save(st, &d, NULL) == LOA_INVALID, "term of the wrong kind refused");
	CHECK(store_doc_term_delete(st, site, nq) == LOA_CONFLICT, "a used term is kept");
	int64_t to[] = {old};
	int kinds[] = {DOC_REPLACES};
	CHECK(store_doc_set_links(st, site, neu, to, kinds, 1) == LOA_OK, "relation saved");
	int64_t self[] = {neu};
	CHECK(store_doc_set_links(st, site, neu, self, kinds, 1) == LOA_INVALID, "a document never replaces itself");
	struct document got;
	CHECK(store_doc_get(st, site, old, a, &got) == LOA_OK && got.replaced_on == day(2024, 1, 10), "replaced_on");
	CHECK(docs_validity(&got, day(2025, 1, 1)) == DOC_REPLACED, "old one replaced");
	struct doc_link *links;
	size_t n;
	CHECK(store_doc_links(st, site, old, a, &links, &n) == LOA_OK && n == 1 && !links[0].outgoing &&
		      links[0].other_id == neu,
	      "the replaced one sees who replaces it");
	CHECK(store_doc_links(st, site, neu, a, &links, &n) == LOA_OK && n == 1 && links[0].outgoing &&
		      links[0].other_id == old && links[0].kind == DOC_REPLACES,
	      "the new one sees what it replaces");
	struct document *all;
	CHECK(store_doc_all(st, site, true, a, &all, &n) == LOA_OK && n == 3 && all[0].id == neu, "published only, newest first");
	CHECK(store_doc_by_key(st, site, "12 nq hdnd", a, &all, &n) == LOA_OK && n == 2, "by key, both issuers");
	struct search_query q;
	struct search_plan plan;
	struct buf m = BUF_INIT;
	search_query_parse(&q, "quy che", 7);
	search_query_match(&m, &q, &plan);
	int64_t *ids;
	CHECK(store_doc_search(st, site, m.data, true, 10, a, &ids, &n) == LOA_OK && n == 2, "words found (%zu)", n);
	buf_reset(&m);
	CHECK(store_doc_delete(st, site, old) == LOA_OK, "deleted");
	CHECK(store_doc_links(st, site, neu, a, &links, &n) == LOA_OK && n == 0, "its relations gone");
	arena_free(a);
}

int main(void)
{
	test_fold();
	test_validity();
	test_input();
	snprintf(db_path, sizeof db_path, "/tmp/loa-docs-%ld.db", (long)getpid());
	unlink(db_path);
	char *oerr = NULL;
	struct store *st = store_open(db_path, true, &oerr);
	CHECK(st != NULL, "open (%s)", oerr ? oerr : "ok");
	free(oerr);
	if (st) {
		test_store(st);
		store_close(st);
	}
	char p[80];
	const char *suffix[] = {"", "-wal", "-shm"};
	for (int i = 0; i < 3; i++) {
		snprintf(p, sizeof p, "%s%s", db_path, suffix[i]);
		unlink(p);
	}
	return test_done();
}
