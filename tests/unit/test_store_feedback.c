/* test_store_feedback.c — the storage contract of citizens' feedback and
 * questions (store/store_feedback.h) in the SQLite backend, on a temporary
 * database file that is removed after. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/status.h"
#include "store/store.h"
#include "store/store_feedback.h"
#include "store/store_newsroom.h"
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

static int64_t version_of(struct store *st)
{
	int64_t v = -1;
	store_content_version(st, &v);
	return v;
}

struct fixture {
	int64_t site, other_site;
	int64_t article, other_article; /* other_article belongs to other_site */
	int64_t approver;
	/* items of `site`, by what the tests do with them */
	int64_t general, on_article, spam, declined;
};

/* A submission as the public form makes it. */
static struct feedback submission(int64_t site, int64_t article, const char *code, const char *title,
				  const char *client, const char *hash, int64_t at)
{
	struct feedback f = {.site_id = site, .article_id = article, .code = code, .name = "Lê Thị Hoa",
			     .address = "Thôn Đông, xã An Bình", .email = "hoa@example.vn", .phone = "0912345678",
			     .title = title, .content = "Đường liên thôn bị ngập khi mưa lớn.", .attachment = "",
			     .attachment_mime = "", .client_hash = client, .content_hash = hash, .state = FB_NEW,
			     .created_at = at};
	return f;
}

static int64_t add(struct store *st, struct feedback f)
{
	int64_t id = 0;
	int rc = store_feedback_add(st, &f, &id);
	CHECK(rc == LOA_OK && id > 0, "add %s (%d)", f.code, rc);
	return id;
}

static void test_add_get(struct store *st, struct fixture *fx)
{
	struct arena *a = arena_new();
	int64_t v0 = version_of(st);

	struct feedback f = submission(fx->site, 0, "AB12CD", "Đường ngập", "client-1", "hash-1", T0);
	f.attachment = "2023/11/ab12cd.jpg";
	f.attachment_mime = "image/jpeg";
	f.attachment_bytes = 123456;
	fx->general = add(st, f);
	CHECK(version_of(st) == v0, "a new submission does not change the content version");

	fx->on_article =
		add(st, submission(fx->site, fx->article, "EF34GH", "Hỏi về bài viết", "client-2", "hash-2", T0 + HOUR));

	struct feedback dup = submission(fx->site, 0, "ab12cd", "Trùng mã", "client-3", "hash-3", T0);
	CHECK(store_feedback_add(st, &dup, NULL) == LOA_CONFLICT, "same code in other case is a conflict");
	struct feedback blank = submission(fx->site, 0, " ", "Mã trống", "client-3", "hash-3", T0);
	CHECK(store_feedback_add(st, &blank, NULL) == LOA_INVALID, "blank code refused");
	struct feedback bad_state = submission(fx->site, 0, "ZZ0001", "Sai trạng thái", "c", "h", T0);
	bad_state.state = 7;
	CHECK(store_feedback_add(st, &bad_state, NULL) == LOA_INVALID, "unknown state refused");
	struct feedback foreign = submission(fx->site, fx->other_article, "ZZ0002", "Bài xã khác", "c", "h", T0);
	CHECK(store_feedback_add(st, &foreign, NULL) == LOA_INVALID, "an article of another site refused");
	struct feedback nosite = submission(fx->site + 1000, 0, "ZZ0003", "Không có trang", "c", "h", T0);
	CHECK(store_feedback_add(st, &nosite, NULL) == LOA_INVALID, "unknown site refused");
	/* The same code on another site is another item. */
	add(st, submission(fx->other_site, 0, "AB12CD", "Xã khác", "client-1", "hash-1", T0));

	struct feedback g;
	CHECK(store_feedback_get(st, fx->site, fx->general, a, &g) == LOA_OK, "get");
	CHECK_STR(g.code, "AB12CD", "code");
	CHECK_STR(g.name, "Lê Thị Hoa", "name");
	CHECK_STR(g.address, "Thôn Đông, xã An Bình", "address");
	CHECK_STR(g.email, "hoa@example.vn", "email");
	CHECK_STR(g.phone, "0912345678", "phone");
	CHECK_STR(g.title, "Đường ngập", "title");
	CHECK_STR(g.content, "Đường liên thôn bị ngập khi mưa lớn.", "content");
	CHECK_STR(g.attachment, "2023/11/ab12cd.jpg", "attachment");
	CHECK_STR(g.attachment_mime, "image/jpeg", "attachment mime");
	CHECK(g.attachment_bytes == 123456, "attachment bytes");
	CHECK_STR(g.client_hash, "client-1", "client hash");
	CHECK_STR(g.content_hash, "hash-1", "content hash");
	CHECK(g.state == FB_NEW && g.article_id == 0 && g.answered_by == 0 && !g.contacts_erased, "new, general");
	CHECK(g.created_at == T0 && g.updated_at == T0 && g.published_at == 0, "times (updated_at defaults)");
	CHECK_STR(g.article_title, "", "general: no article title");
	CHECK_STR(g.article_url, "", "general: no article url");
	CHECK_STR(g.answer, "", "no answer yet");
	CHECK_STR(g.answered_by_name, "", "no answerer yet");

	CHECK(store_feedback_get(st, fx->site, fx->on_article, a, &g) == LOA_OK, "get the article's item");
	CHECK(g.article_id == fx->article, "article id");
	CHECK_STR(g.article_title, "Họp dân về nông thôn mới", "article title joined");
	char url[96];
	snprintf(url, sizeof url, "/tin-tuc/hop-dan-ve-nong-thon-moi-%lld", (long long)fx->article);
	CHECK_STR(g.article_url, url, "article url joined");

	CHECK(store_feedback_by_code(st, fx->site, "ef34gh", a, &g) == LOA_OK && g.id == fx->on_article,
	      "by code, other case");
	CHECK(store_feedback_by_code(st, fx->site, "EF34GH", a, &g) == LOA_OK && g.id == fx->on_article,
	      "by code, same case");
	CHECK(store_feedback_by_code(st, fx->other_site, "EF34GH", a, &g) == LOA_NOTFOUND,
	      "by code: another site's code is not found");
	CHECK(store_feedback_by_code(st, fx->site, "", a, &g) == LOA_NOTFOUND, "blank code not found");
	CHECK(store_feedback_get(st, fx->other_site, fx->general, a, &g) == LOA_NOTFOUND,
	      "get: another site's item is not found");
	CHECK(store_feedback_get(st, fx->site, fx->general + 1000, a, &g) == LOA_NOTFOUND, "unknown id");
	arena_free(a);
}

static bool ids_are(const struct feedback *f, size_t n, const int64_t *want, size_t nwant)
{
	if (n != nwant)
		return false;
	for (size_t i = 0; i < n; i++)
		if (f[i].id != want[i])
			return false;
	return true;
}

static void test_moderation(struct store *st, struct fixture *fx)
{
	struct arena *a = arena_new();
	fx->spam = add(st, submission(fx->site, 0, "SP0001", "Quảng cáo", "client-9", "hash-9", T0 + 2 * HOUR));
	fx->declined =
		add(st, submission(fx->site, fx->article, "DC0001", "Không phù hợp", "client-2", "hash-4", T0 + 3 * HOUR));

	/* spam verdict: nothing deleted, content version unchanged */
	int64_t v0 = version_of(st);
	struct feedback f;
	CHECK(store_feedback_get(st, fx->site, fx->spam, a, &f) == LOA_OK, "get spam candidate");
	f.state = FB_SPAM;
	f.reason = "Quảng cáo";
	f.updated_at = T0 + 2 * HOUR;
	CHECK(store_feedback_update(st, &f) == LOA_OK, "mark spam");
	CHECK(store_feedback_get(st, fx->site, fx->declined, a, &f) == LOA_OK, "get decline candidate");
	f.state = FB_DECLINED;
	f.reason = "Nội dung không thuộc thẩm quyền của xã.";
	f.updated_at = T0 + 3 * HOUR;
	CHECK(store_feedback_update(st, &f) == LOA_OK, "decline");
	CHECK(version_of(st) == v0, "spam and decline do not change the content version");
	CHECK(store_feedback_get(st, fx->site, fx->declined, a, &f) == LOA_OK && f.state == FB_DECLINED, "declined");
	CHECK_STR(f.reason, "Nội dung không thuộc thẩm quyền của xã.", "decline reason");

	/* answer, not yet public */
	CHECK(store_feedback_get(st, fx->site, fx->on_article, a, &f) == LOA_OK, "get to answer");
	f.state = FB_ANSWERED;
	f.answer = "UBND xã đã giao công chức địa chính kiểm tra.";
	f.answered_by = fx->approver;
	f.answered_at = T0 + DAY;
	f.updated_at = T0 + DAY;
	CHECK(store_feedback_update(st, &f) == LOA_OK, "answer");
	CHECK(version_of(st) == v0, "answering (not published) does not change the content version");
	CHECK(store_feedback_get(st, fx->site, fx->on_article, a, &f) == LOA_OK, "reload answered");
	CHECK(f.state == FB_ANSWERED && f.answered_by == fx->approver && f.answered_at == T0 + DAY, "answered fields");
	CHECK_STR(f.answered_by_name, "Trần Văn Bình", "answerer's name joined");

	/* publish: the version changes */
	f.state = FB_PUBLISHED;
	f.published_at = T0 + DAY + HOUR;
	f.updated_at = T0 + DAY + HOUR;
	CHECK(store_feedback_update(st, &f) == LOA_OK, "publish");
	int64_t v1 = version_of(st);
	CHECK(v1 > v0, "publishing changes the content version");
	/* editing the answer while published changes it again */
	f.answer = "UBND xã đã kiểm tra và sẽ nạo vét cống trong tháng 12.";
	CHECK(store_feedback_update(st, &f) == LOA_OK, "edit published answer");
	int64_t v2 = version_of(st);
	CHECK(v2 > v1, "a published answer's change changes the content version");
	/* a reason noted on a published item is not shown: no change */
	f.reason = "ghi chú nội bộ";
	f.updated_at = T0 + DAY + 2 * HOUR;
	CHECK(store_feedback_update(st, &f) == LOA_OK && version_of(st) == v2,
	      "a note on a published item does not change the content version");

	/* publish the general one too, later */
	CHECK(store_feedback_get(st, fx->site, fx->general, a, &f) == LOA_OK, "get general");
	f.state = FB_PUBLISHED;
	f.answer = "Xã sẽ khắc phục.";
	f.answered_by = fx->approver;
	f.answered_at = f.published_at = f.updated_at = T0 + 2 * DAY;
	CHECK(store_feedback_update(st, &f) == LOA_OK && version_of(st) > v2, "publish general");

	/* bad updates */
	struct feedback bad = f;
	bad.state = 5;
	CHECK(store_feedback_update(st, &bad) == LOA_INVALID, "unknown state refused");
	bad = f;
	bad.site_id = fx->other_site;
	int64_t v3 = version_of(st);
	CHECK(store_feedback_update(st, &bad) == LOA_NOTFOUND, "update through another site: not found");
	bad = f;
	bad.answered_by = fx->approver + 1000;
	CHECK(store_feedback_update(st, &bad) == LOA_INVALID, "unknown answerer refused");
	CHECK(version_of(st) == v3, "refused updates change nothing");

	/* lists */
	struct feedback *list;
	size_t n;
	int64_t total = -1;
	struct feedback_filter q = {.site_id = fx->site, .state = -1, .article_id = -1};
	CHECK(store_feedback_list(st, &q, a, &list, &n, &total) == LOA_OK, "list all but spam");
	int64_t all_open[] = {fx->declined, fx->on_article, fx->general};
	CHECK(ids_are(list, n, all_open, 3) && total == 3, "newest first, spam excluded (%zu, %lld)", n,
	      (long long)total);
	CHECK_STR(n ? list[0].name : NULL, "Lê Thị Hoa", "moderation lists carry contacts");
	q.state = FB_SPAM;
	CHECK(store_feedback_list(st, &q, a, &list, &n, &total) == LOA_OK && n == 1 && list[0].id == fx->spam &&
		      total == 1,
	      "spam tab");
	q.state = FB_NEW;
	CHECK(store_feedback_list(st, &q, a, &list, &n, &total) == LOA_OK && n == 0 && total == 0, "no new left");
	q.state = FB_DECLINED;
	CHECK(store_feedback_list(st, &q, a, &list, &n, &total) == LOA_OK && n == 1 && list[0].id == fx->declined,
	      "declined tab");
	q.state = FB_PUBLISHED;
	int64_t published[] = {fx->on_article, fx->general};
	CHECK(store_feedback_list(st, &q, a, &list, &n, &total) == LOA_OK && ids_are(list, n, published, 2) &&
		      total == 2,
	      "published tab");
	q.state = -1;
	q.article_id = 0;
	CHECK(store_feedback_list(st, &q, a, &list, &n, &total) == LOA_OK && n == 1 && list[0].id == fx->general &&
		      total == 1,
	      "general only (spam still excluded)");
	q.article_id = fx->article;
	int64_t on_article[] = {fx->declined, fx->on_article};
	CHECK(store_feedback_list(st, &q, a, &list, &n, &total) == LOA_OK && ids_are(list, n, on_article, 2) &&
		      total == 2,
	      "one article");
	q.state = FB_PUBLISHED;
	CHECK(store_feedback_list(st, &q, a, &list, &n, &total) == LOA_OK && n == 1 && list[0].id == fx->on_article,
	      "one article, one state");
	q = (struct feedback_filter){.site_id = fx->site, .state = -1, .article_id = -1, .limit = 1, .offset = 1};
	CHECK(store_feedback_list(st, &q, a, &list, &n, &total) == LOA_OK && n == 1 && list[0].id == fx->on_article &&
		      total == 3,
	      "paging: total counts all matches");
	CHECK(store_feedback_list(st, &q, a, &list, &n, NULL) == LOA_OK && n == 1, "total may be NULL");
	q.state = 9;
	CHECK(store_feedback_list(st, &q, a, &list, &n, &total) == LOA_INVALID, "unknown state filter refused");
	q = (struct feedback_filter){.site_id = fx->other_site, .state = -1, .article_id = -1};
	CHECK(store_feedback_list(st, &q, a, &list, &n, &total) == LOA_OK && n == 1 && total == 1 &&
		      list[0].site_id == fx->other_site,
	      "another site sees only its own");

	/* public */
	CHECK(store_feedback_public(st, fx->site, -1, 10, 0, a, &list, &n, &total) == LOA_OK, "public list");
	int64_t pub_order[] = {fx->general, fx->on_article}; /* newest published first */
	CHECK(ids_are(list, n, pub_order, 2) && total == 2, "only published, newest published first");
	bool hidden = true;
	for (size_t i = 0; i < n; i++)
		hidden = hidden && *list[i].name && !*list[i].address && !*list[i].email && !*list[i].phone &&
			 !*list[i].client_hash;
	CHECK(hidden, "public list carries the asker's name and no contact details");
	CHECK_STR(n ? list[0].answer : NULL, "Xã sẽ khắc phục.", "public answer");
	CHECK_STR(n == 2 ? list[1].answered_by_name : NULL, "Trần Văn Bình", "public answerer's name");
	CHECK(store_feedback_public(st, fx->site, 0, 10, 0, a, &list, &n, &total) == LOA_OK && n == 1 &&
		      list[0].id == fx->general && total == 1,
	      "public, general page");
	CHECK(store_feedback_public(st, fx->site, fx->article, 10, 0, a, &list, &n, &total) == LOA_OK && n == 1 &&
		      list[0].id == fx->on_article && total == 1,
	      "public, one article (declined one not shown)");
	CHECK(store_feedback_public(st, fx->site, -1, 1, 1, a, &list, &n, &total) == LOA_OK && n == 1 &&
		      list[0].id == fx->on_article && total == 2,
	      "public paging");
	CHECK(store_feedback_public(st, fx->other_site, -1, 10, 0, a, &list, &n, &total) == LOA_OK && n == 0 &&
		      total == 0,
	      "public: another site has none published");

	/* counts */
	int64_t c[5];
	CHECK(store_feedback_counts(st, fx->site, c) == LOA_OK, "counts");
	CHECK(c[FB_NEW] == 0 && c[FB_ANSWERED] == 0 && c[FB_PUBLISHED] == 2 && c[FB_DECLINED] == 1 &&
		      c[FB_SPAM] == 1,
	      "counts per state");
	CHECK(store_feedback_counts(st, fx->other_site, c) == LOA_OK && c[FB_NEW] == 1 && c[FB_PUBLISHED] == 0,
	      "counts of another site");

	/* unpublishing changes the version and hides the item */
	CHECK(store_feedback_get(st, fx->site, fx->general, a, &f) == LOA_OK, "get to unpublish");
	int64_t v4 = version_of(st);
	f.state = FB_ANSWERED;
	f.updated_at = T0 + 3 * DAY;
	CHECK(store_feedback_update(st, &f) == LOA_OK && version_of(st) > v4, "unpublishing changes the version");
	CHECK(store_feedback_public(st, fx->site, 0, 10, 0, a, &list, &n, &total) == LOA_OK && n == 0,
	      "unpublished item gone from the public list");
	f.state = FB_PUBLISHED;
	CHECK(store_feedback_update(st, &f) == LOA_OK, "publish again");
	arena_free(a);
}

static void test_limits(struct store *st, struct fixture *fx)
{
	int64_t count = -1;
	CHECK(store_feedback_count_since(st, fx->site, "client-2", T0, &count) == LOA_OK && count == 2,
	      "by client since T0: %lld", (long long)count);
	CHECK(store_feedback_count_since(st, fx->site, "client-2", T0 + 2 * HOUR, &count) == LOA_OK && count == 1,
	      "by client, a later window");
	CHECK(store_feedback_count_since(st, fx->site, "client-1", T0, &count) == LOA_OK && count == 1,
	      "by client: the other site's item with the same client is not counted");
	CHECK(store_feedback_count_since(st, fx->site, "nobody", T0, &count) == LOA_OK && count == 0, "unknown client");
	CHECK(store_feedback_count_since(st, fx->site, NULL, T0, &count) == LOA_OK && count == 4,
	      "whole site (spam included): %lld", (long long)count);
	CHECK(store_feedback_count_since(st, fx->site, NULL, T0 + HOUR, &count) == LOA_OK && count == 3,
	      "whole site, later window");
	CHECK(store_feedback_count_since(st, fx->other_site, NULL, T0, &count) == LOA_OK && count == 1,
	      "other site's own count");

	bool dup = true;
	CHECK(store_feedback_duplicate(st, fx->site, "hash-2", T0, &dup) == LOA_OK && dup, "duplicate in window");
	CHECK(store_feedback_duplicate(st, fx->site, "hash-2", T0 + 2 * HOUR, &dup) == LOA_OK && !dup,
	      "outside the window is not a duplicate");
	CHECK(store_feedback_duplicate(st, fx->site, "hash-new", T0, &dup) == LOA_OK && !dup, "new content");
	CHECK(store_feedback_duplicate(st, fx->other_site, "hash-2", T0, &dup) == LOA_OK && !dup,
	      "another site's content is not a duplicate");
	CHECK(store_feedback_duplicate(st, fx->site, "", T0, &dup) == LOA_OK && !dup, "a blank hash never is");
}

static void test_retention(struct store *st, struct fixture *fx)
{
	struct arena *a = arena_new();
	int days = -1;
	CHECK(store_site_retention(st, fx->site, &days) == LOA_OK && days == 0, "retention defaults to 0 (keep)");
	CHECK(store_site_set_retention(st, fx->site, 365) == LOA_OK, "set retention");
	CHECK(store_site_retention(st, fx->site, &days) == LOA_OK && days == 365, "retention read back");
	CHECK(store_site_retention(st, fx->other_site, &days) == LOA_OK && days == 0, "other site keeps its own");
	CHECK(store_site_set_retention(st, fx->site, -1) == LOA_INVALID, "negative retention refused");
	CHECK(store_site_set_retention(st, fx->site + 1000, 30) == LOA_NOTFOUND, "unknown site");
	CHECK(store_site_retention(st, fx->site + 1000, &days) == LOA_NOTFOUND, "unknown site's retention");
	struct site s;
	CHECK(store_site_get(st, fx->site, a, &s) == LOA_OK, "site still reads after the new column");

	/* An open item (new) with an attachment, never erased however old. */
	struct feedback open_item = submission(fx->site, 0, "OP0001", "Chưa xử lý", "client-5", "hash-5", T0 - DAY);
	open_item.attachment = "2023/11/op0001.pdf";
	open_item.attachment_mime = "application/pdf";
	open_item.updated_at = T0 - DAY;
	int64_t open_id = add(st, open_item);
	/* Another site's closed, old item with an attachment. */
	struct feedback foreign = submission(fx->other_site, 0, "OT0001", "Xã khác", "client-6", "hash-6", T0 - DAY);
	foreign.attachment = "2023/11/ot0001.png";
	foreign.state = FB_DECLINED;
	foreign.updated_at = T0 - DAY;
	int64_t foreign_id = add(st, foreign);

	/* Closed items' last updates: spam T0+2h, declined T0+3h, on_article
	 * T0+1d+2h, general T0+3d. The cut at T0+1d takes spam and declined. */
	int64_t v0 = version_of(st);
	const char **files = NULL;
	size_t nfiles = 99;
	CHECK(store_feedback_erase_contacts(st, fx->site, T0 + DAY, a, &files, &nfiles) == LOA_OK, "erase");
	CHECK(files != NULL && nfiles == 0, "no attachments among those erased");
	struct feedback f;
	CHECK(store_feedback_get(st, fx->site, fx->spam, a, &f) == LOA_OK && f.contacts_erased && !*f.name &&
		      !*f.address && !*f.email && !*f.phone,
	      "spam item's contacts erased");
	CHECK_STR(f.title, "Quảng cáo", "the text itself is kept");
	CHECK(f.updated_at == T0 + 2 * HOUR, "erasing keeps updated_at");
	CHECK(store_feedback_get(st, fx->site, fx->declined, a, &f) == LOA_OK && f.contacts_erased && !*f.name,
	      "declined item's contacts erased");
	CHECK(store_feedback_get(st, fx->site, fx->general, a, &f) == LOA_OK && !f.contacts_erased &&
		      strcmp(f.name, "Lê Thị Hoa") == 0 && strcmp(f.attachment, "2023/11/ab12cd.jpg") == 0,
	      "recently updated item kept");
	CHECK(store_feedback_get(st, fx->site, open_id, a, &f) == LOA_OK && !f.contacts_erased && *f.email,
	      "open item kept however old");
	CHECK(store_feedback_get(st, fx->other_site, foreign_id, a, &f) == LOA_OK && !f.contacts_erased &&
		      *f.attachment,
	      "another site's items untouched");
	CHECK(version_of(st) == v0, "erasing contacts does not change the content version");

	/* Later: everything closed goes, with the general item's attachment. */
	CHECK(store_feedback_erase_contacts(st, fx->site, T0 + 10 * DAY, a, &files, &nfiles) == LOA_OK, "erase later");
	CHECK(nfiles == 1, "one attachment to delete (%zu)", nfiles);
	CHECK_STR(nfiles == 1 ? files[0] : NULL, "2023/11/ab12cd.jpg", "the attachment's file name");
	CHECK(store_feedback_get(st, fx->site, fx->general, a, &f) == LOA_OK && f.contacts_erased && !*f.attachment &&
		      !*f.attachment_mime && f.attachment_bytes == 0,
	      "attachment forgotten");
	CHECK(f.state == FB_PUBLISHED, "still published");
	CHECK_STR(f.answer, "Xã sẽ khắc phục.", "answer kept");
	CHECK(store_feedback_get(st, fx->site, open_id, a, &f) == LOA_OK && !f.contacts_erased &&
		      strcmp(f.attachment, "2023/11/op0001.pdf") == 0,
	      "open item still kept");
	CHECK(version_of(st) == v0, "erasing a published item's contacts does not change the version");
	CHECK(store_feedback_erase_contacts(st, fx->site, T0 + 10 * DAY, a, &files, &nfiles) == LOA_OK && nfiles == 0,
	      "second sweep finds nothing");
	int64_t total;
	struct feedback *list;
	size_t n;
	CHECK(store_feedback_public(st, fx->site, -1, 10, 0, a, &list, &n, &total) == LOA_OK && n == 2,
	      "published items still public after erasure");
	arena_free(a);
}

/* Deleting an article keeps its questions: they become general. */
static void test_article_delete(struct store *st, struct fixture *fx)
{
	struct arena *a = arena_new();
	int64_t v0 = version_of(st);
	CHECK(store_article_delete(st, fx->site, fx->article) == LOA_OK, "delete the article");
	CHECK(version_of(st) > v0, "content version changed");
	struct feedback f;
	CHECK(store_feedback_get(st, fx->site, fx->on_article, a, &f) == LOA_OK && f.article_id == 0, "now general");
	CHECK_STR(f.article_url, "", "no url");
	CHECK(f.state == FB_PUBLISHED, "still published");
	arena_free(a);
}

static void setup(struct store *st, struct fixture *fx)
{
	struct site s1 = {.host = "", .name = "Cổng thông tin điện tử xã An Bình"};
	struct site s2 = {.host = "binhminh.gov.vn", .name = "Cổng thông tin điện tử xã Bình Minh"};
	CHECK(store_site_create(st, &s1, &fx->site, NULL) == LOA_OK, "site");
	CHECK(store_site_create(st, &s2, &fx->other_site, NULL) == LOA_OK, "other site");
	int64_t cat = 0, other_cat = 0;
	const char *err = NULL;
	CHECK(store_category_ensure_path(st, fx->site, "Tin tức", &cat, &err) == LOA_OK, "category");
	CHECK(store_category_ensure_path(st, fx->other_site, "Tin tức", &other_cat, &err) == LOA_OK, "other category");
	struct article art = {.site_id = fx->site, .category_id = cat, .title = "Họp dân về nông thôn mới",
			      .slug = "hop-dan-ve-nong-thon-moi", .status = ARTICLE_PUBLISHED, .published_at = T0 - DAY,
			      .updated_at = T0 - DAY, .created_at = T0 - DAY};
	CHECK(store_article_upsert(st, &art, &fx->article, NULL, &err) == LOA_OK, "article");
	art.site_id = fx->other_site;
	art.category_id = other_cat;
	CHECK(store_article_upsert(st, &art, &fx->other_article, NULL, &err) == LOA_OK, "other site's article");
	struct user u = {.site_id = fx->site, .login = "binh.tv", .name = "Trần Văn Bình", .pw_hash = "x",
			 .role = ROLE_APPROVER, .created_at = T0};
	CHECK(store_user_add(st, &u, &fx->approver, &err) == LOA_OK, "approver");
}

int main(void)
{
	snprintf(db_path, sizeof db_path, "/tmp/loa-feedback-%ld.db", (long)getpid());
	remove_db();
	char *oerr = NULL;
	struct store *st = store_open(db_path, true, &oerr);
	CHECK(st != NULL, "open (%s)", oerr ? oerr : "ok");
	free(oerr);
	if (!st)
		return test_done();
	struct fixture fx = {0};
	setup(st, &fx);
	test_add_get(st, &fx);
	test_moderation(st, &fx);
	test_limits(st, &fx);
	test_retention(st, &fx);
	test_article_delete(st, &fx);
	store_close(st);

	/* The schema survives reopening (migrations are not run twice). */
	st = store_open(db_path, false, &oerr);
	CHECK(st != NULL, "reopen (%s)", oerr ? oerr : "ok");
	free(oerr);
	if (st) {
		struct arena *a = arena_new();
		struct feedback f;
		CHECK(store_feedback_by_code(st, fx.site, "ab12cd", a, &f) == LOA_OK && f.id == fx.general,
		      "data after reopening");
		arena_free(a);
		store_close(st);
	}
	remove_db();
	return test_done();
}
