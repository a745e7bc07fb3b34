/* test_consult.c — draft consultation: the domain's rules (phase by the
 * clock, time left, dates typed any way and in order, report only after
 * closing, sanitized summaries, slug-id URLs) and the storage contract
 * (store/store_consult.h) in the SQLite backend, on a temporary database
 * removed after. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "consult/consult.h"
#include "core/arena.h"
#include "core/status.h"
#include "core/vntime.h"
#include "site/civic.h"
#include "store/store.h"
#include "store/store_consult.h"
#include "test.h"

#define DAY 86400
#define HOUR 3600

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

/* 15/07/2026 00:00 Vietnam time. */
static int64_t july15(void)
{
	int64_t day;
	vn_day_of(2026, 7, 15, &day);
	return vn_day_start(day);
}

static void test_phase(void)
{
	struct arena *a = arena_new();
	int64_t t = july15();
	struct draft d = {.opens_at = t + 7 * HOUR, .closes_at = t + 10 * DAY + 17 * HOUR};
	CHECK(consult_phase(&d, t) == DRAFT_UPCOMING, "before opening: upcoming");
	CHECK(consult_phase(&d, d.opens_at - 1) == DRAFT_UPCOMING, "one second before opening: upcoming");
	CHECK(consult_phase(&d, d.opens_at) == DRAFT_OPEN, "at the opening second: open");
	CHECK(consult_phase(&d, d.closes_at - 1) == DRAFT_OPEN, "one second before closing: open");
	CHECK(consult_phase(&d, d.closes_at) == DRAFT_CLOSED, "at the closing second: closed");
	CHECK_STR(consult_phase_label(DRAFT_OPEN), "Đang lấy ý kiến", "open label");
	CHECK_STR(consult_phase_label(DRAFT_CLOSED), "Đã kết thúc", "closed label");
	CHECK_STR(consult_phase_label(DRAFT_UPCOMING), "Sắp lấy ý kiến", "upcoming label");
	CHECK_STR(consult_time_left(a, &d, d.closes_at - 5 * DAY), "Còn 5 ngày", "five days left");
	CHECK_STR(consult_time_left(a, &d, d.closes_at - 4 * DAY - 2 * HOUR), "Còn 5 ngày", "days are rounded up");
	CHECK_STR(consult_time_left(a, &d, d.closes_at - 3 * HOUR - 5), "Còn 3 giờ", "hours under a day");
	CHECK_STR(consult_time_left(a, &d, d.closes_at - 60), "Còn dưới 1 giờ", "under an hour");
	CHECK_STR(consult_time_left(a, &d, d.closes_at), "", "nothing after closing");
	CHECK_STR(consult_time_left(a, &d, d.opens_at - 2 * DAY), "Mở sau 2 ngày", "before opening");
	arena_free(a);
}

static void test_track_state(void)
{
	CHECK(consult_track_state(CM_NEW) == CT_PENDING, "new: waiting");
	CHECK(consult_track_state(CM_SPAM) == CT_PENDING, "a spam verdict is never told: waiting");
	CHECK(consult_track_state(CM_PUBLISHED) == CT_PUBLISHED, "published");
	CHECK(consult_track_state(CM_DECLINED) == CT_DECLINED, "declined");
	CHECK_STR(consult_track_label(CT_PENDING), "Chờ duyệt", "waiting label");
	CHECK_STR(consult_track_label(CT_PUBLISHED), "Đã đăng", "published label");
	CHECK_STR(consult_track_label(CT_DECLINED), "Không đăng", "declined label");
	CHECK(civic_code_ok("DT", "DT-7K3M9Q") && civic_code_ok("DT", "dt-7k3m9q"), "a code in any case");
	CHECK(!civic_code_ok("DT", "GY-7K3M9Q"), "another form's code");
	CHECK(!civic_code_ok("DT", "DT-7K3M9") && !civic_code_ok("DT", "DT-7K3M9QQ") && !civic_code_ok("DT", ""),
	      "a code of the wrong length");
	CHECK(!civic_code_ok("DT", "DT-0K3M9Q") && !civic_code_ok("DT", "DT 7K3M9Q") && !civic_code_ok("DT", "DT-7K3<9Q"),
	      "characters outside the alphabet");
	CHECK(!civic_code_ok("DT", NULL), "no code");
}

static struct consult_input input(void)
{
	struct consult_input in = {.title = "  Dự thảo Quy chế quản lý nhà văn hóa thôn ",
				   .drafting_body = "UBND xã Hòa Lạc Sơn",
				   .summary_html = "<p>Nội dung <script>alert(1)</script><b onclick=\"x()\">chính</b></p>",
				   .open_date = "15/7/2026", .open_time = "7h30",
				   .close_date = "2026-07-25", .close_time = "",
				   .report_html = ""};
	return in;
}

static void test_input(void)
{
	struct arena *a = arena_new();
	int64_t t = july15();
	struct consult_input in = input();
	struct consult_errors e;
	struct draft d = {0};
	CHECK(consult_draft_from_input(a, &in, t, &d, &e), "a valid draft is accepted");
	CHECK_STR(d.title, "Dự thảo Quy chế quản lý nhà văn hóa thôn", "title trimmed");
	CHECK_STR(d.slug, "du-thao-quy-che-quan-ly-nha-van-hoa-thon", "slug from the title");
	CHECK(d.opens_at == t + 7 * HOUR + 30 * 60, "opening typed as 15/7/2026 7h30");
	CHECK(d.closes_at == t + 10 * DAY + 23 * HOUR + 59 * 60, "closing date without a time: through that day");
	CHECK(!strstr(d.summary_html, "<script") && !strstr(d.summary_html, "onclick") && strstr(d.summary_html, "chính"),
	      "summary sanitized: %s", d.summary_html);

	in.close_date = "14/07/2026";
	CHECK(!consult_draft_from_input(a, &in, t, &d, &e) && e.closes &&
		      strcmp(e.closes, "Thời gian kết thúc lấy ý kiến phải sau thời gian bắt đầu.") == 0,
	      "closing before opening refused in Vietnamese");
	in.close_date = "15/07/2026";
	in.close_time = "07:30";
	CHECK(!consult_draft_from_input(a, &in, t, &d, &e) && e.closes, "closing at the opening minute refused");
	in = input();
	in.open_date = "31/02/2026";
	CHECK(!consult_draft_from_input(a, &in, t, &d, &e) && e.opens && strstr(e.opens, "không hợp lệ"),
	      "a date that does not exist is refused");
	in = input();
	in.open_time = "25:00";
	CHECK(!consult_draft_from_input(a, &in, t, &d, &e) && e.opens, "an impossible time is refused");
	in = input();
	in.title = "   ";
	in.drafting_body = "";
	CHECK(!consult_draft_from_input(a, &in, t, &d, &e) && e.title && e.drafting_body, "title and body required");
	in = input();
	in.title = "Dự thảo \xC3\x28";
	CHECK(!consult_draft_from_input(a, &in, t, &d, &e) && e.title, "invalid UTF-8 refused");

	/* the report: only after closing; attached time kept while unchanged */
	in = input();
	in.report_html = "Báo cáo tổng hợp\n\nĐã tiếp thu 12 ý kiến.";
	CHECK(!consult_draft_from_input(a, &in, t + 2 * DAY, &d, &e) && e.report, "no report while open");
	memset(&d, 0, sizeof d);
	int64_t after = t + 20 * DAY;
	CHECK(consult_draft_from_input(a, &in, after, &d, &e) && d.report_at == after, "report after closing");
	CHECK_STR(d.report_html, "<p>Báo cáo tổng hợp</p>\n<p>Đã tiếp thu 12 ý kiến.</p>\n", "plain text becomes paragraphs");
	CHECK(consult_draft_from_input(a, &in, after + DAY, &d, &e) && d.report_at == after, "unchanged report keeps its time");
	in.report_html = "";
	CHECK(consult_draft_from_input(a, &in, after + DAY, &d, &e) && d.report_at == 0 && !*d.report_html,
	      "removing the report");

	int64_t id = 0;
	CHECK(consult_parse_slug_id("du-thao-quy-che-42", &id) && id == 42, "slug-id parsed");
	CHECK(consult_parse_slug_id("7", &id) && id == 7, "bare id parsed");
	CHECK(!consult_parse_slug_id("du-thao-", &id) && !consult_parse_slug_id("du-thao-01", &id) &&
		      !consult_parse_slug_id("x-12a", &id),
	      "malformed ids refused");
	d.id = 42;
	CHECK_STR(consult_draft_path(a, &d), "/du-thao/du-thao-quy-che-quan-ly-nha-van-hoa-thon-42", "path");
	arena_free(a);
}

static int64_t version_of(struct store *st)
{
	int64_t v = -1;
	store_content_version(st, &v);
	return v;
}

static struct draft draft_at(int64_t site, const char *title, int64_t opens, int64_t closes)
{
	struct draft d = {.site_id = site, .title = title, .slug = "du-thao", .drafting_body = "UBND xã",
			  .summary_html = "<p>Tóm tắt</p>", .opens_at = opens, .closes_at = closes, .report_html = ""};
	return d;
}

static struct draft_comment comment(int64_t site, int64_t draft, const char *code, const char *client,
				    const char *hash, int64_t at)
{
	struct draft_comment c = {.site_id = site, .draft_id = draft, .code = code, .name = "Vi Văn Chiến",
				  .organisation = "", .email = "chien@example.vn", .phone = "0912345678",
				  .section = "Điều 5", .content = "Đề nghị sửa mức đóng góp.", .client_hash = client,
				  .content_hash = hash, .state = CM_NEW, .reason = "", .created_at = at};
	return c;
}

static void test_store(struct store *st)
{
	struct arena *a = arena_new();
	struct site s1 = {.name = "Xã A", .host = "a.example"}, s2 = {.name = "Xã B", .host = "b.example"};
	int64_t site, other;
	CHECK(store_site_create(st, &s1, &site, NULL) == LOA_OK && store_site_create(st, &s2, &other, NULL) == LOA_OK,
	      "two sites");
	int64_t t = july15();
	int64_t open_id, closed_id, soon_id, other_id, id;
	struct draft d = draft_at(site, "Đang mở", t - 2 * DAY, t + 5 * DAY);
	CHECK(store_draft_save(st, &d, &open_id) == LOA_OK, "insert an open draft");
	d = draft_at(site, "Đã đóng", t - 30 * DAY, t - DAY);
	CHECK(store_draft_save(st, &d, &closed_id) == LOA_OK, "insert a closed draft");
	d = draft_at(site, "Sắp mở", t + 3 * DAY, t + 9 * DAY);
	CHECK(store_draft_save(st, &d, &soon_id) == LOA_OK, "insert an upcoming draft");
	d = draft_at(other, "Xã khác", t - DAY, t + DAY);
	CHECK(store_draft_save(st, &d, &other_id) == LOA_OK, "a draft of another site");
	d = draft_at(site, "Ngược", t, t);
	CHECK(store_draft_save(st, &d, &id) == LOA_INVALID, "closing not after opening refused by the store too");

	int64_t counts[3];
	CHECK(store_draft_counts(st, site, t, counts) == LOA_OK && counts[DRAFT_UPCOMING] == 1 && counts[DRAFT_OPEN] == 1 &&
		      counts[DRAFT_CLOSED] == 1,
	      "counts per phase");
	CHECK(store_draft_counts(st, site, t + 6 * DAY, counts) == LOA_OK && counts[DRAFT_OPEN] == 1 &&
		      counts[DRAFT_CLOSED] == 2 && counts[DRAFT_UPCOMING] == 0,
	      "the clock moves drafts between phases");
	struct draft *ds;
	size_t n;
	int64_t total;
	struct draft_query q = {.site_id = site, .when = DRAFT_OPEN, .now = t, .limit = 10};
	CHECK(store_draft_list(st, &q, a, &ds, &n, &total) == LOA_OK && n == 1 && total == 1 && ds[0].id == open_id,
	      "open list");
	q.when = DRAFT_ANY;
	CHECK(store_draft_list(st, &q, a, &ds, &n, &total) == LOA_OK && n == 3 && total == 3, "every draft of the site only");
	q.when = 7;
	CHECK(store_draft_list(st, &q, a, &ds, &n, &total) == LOA_INVALID, "unknown phase refused");

	/* comments */
	int64_t c1, c2, c3;
	int64_t v0 = version_of(st);
	CHECK(store_comment_add(st, &(struct draft_comment){0}, &id) == LOA_INVALID, "blank comment refused");
	struct draft_comment c = comment(site, open_id, "DT-AAAAAA", "client-1", "hash-1", t);
	CHECK(store_comment_add(st, &c, &c1) == LOA_OK, "add a comment");
	CHECK(version_of(st) == v0, "a new comment is not a content change");
	c = comment(site, open_id, "dt-aaaaaa", "client-1", "hash-2", t + 60);
	CHECK(store_comment_add(st, &c, &id) == LOA_CONFLICT, "codes are unique regardless of case");
	c = comment(site, other_id, "DT-BBBBBB", "client-1", "hash-2", t + 60);
	CHECK(store_comment_add(st, &c, &id) == LOA_INVALID, "a draft of another site refused");
	c = comment(site, open_id, "DT-BBBBBB", "client-2", "hash-2", t + 120);
	CHECK(store_comment_add(st, &c, &c2) == LOA_OK, "second comment");
	c = comment(site, closed_id, "DT-CCCCCC", "client-1", "hash-3", t - 10 * DAY);
	CHECK(store_comment_add(st, &c, &c3) == LOA_OK, "comment of the closed draft");

	int64_t cnt;
	CHECK(store_comment_count_since(st, site, "client-1", t - HOUR, &cnt) == LOA_OK && cnt == 1, "per client since");
	CHECK(store_comment_count_since(st, site, NULL, t - HOUR, &cnt) == LOA_OK && cnt == 2, "per site since");
	bool dup;
	CHECK(store_comment_duplicate(st, site, "hash-1", t - DAY, &dup) == LOA_OK && dup, "duplicate found");
	CHECK(store_comment_duplicate(st, site, "hash-1", t + 1, &dup) == LOA_OK && !dup, "outside the window");
	CHECK(store_comment_duplicate(st, other, "hash-1", t - DAY, &dup) == LOA_OK && !dup, "other site");

	struct draft_comment got;
	CHECK(store_comment_get(st, site, c1, a, &got) == LOA_OK && strcmp(got.email, "chien@example.vn") == 0 &&
		      strcmp(got.draft_title, "Đang mở") == 0,
	      "moderators read contacts and the draft's title");
	CHECK(store_comment_get(st, other, c1, a, &got) == LOA_NOTFOUND, "not through another site");
	CHECK(store_comment_by_code(st, site, "dt-bbbbbb", a, &got) == LOA_OK && got.id == c2 &&
		      got.draft_id == open_id,
	      "by tracking code, in any case");
	CHECK(store_comment_by_code(st, other, "DT-BBBBBB", a, &got) == LOA_NOTFOUND, "a code of another site");
	CHECK(store_comment_by_code(st, site, "DT-ZZZZZZ", a, &got) == LOA_NOTFOUND, "an unknown code");
	CHECK(store_comment_by_code(st, site, "", a, &got) == LOA_NOTFOUND, "a blank code");
	CHECK(store_comment_get(st, site, c1, a, &got) == LOA_OK, "read the first comment again");
	got.state = CM_PUBLISHED;
	got.published_at = t + HOUR;
	got.moderated_at = t + HOUR;
	CHECK(store_comment_update(st, &got) == LOA_OK, "publish");
	CHECK(version_of(st) > v0, "publishing is a content change");
	got.state = 9;
	CHECK(store_comment_update(st, &got) == LOA_INVALID, "unknown state refused");
	struct draft_comment *cs;
	CHECK(store_comment_public(st, site, open_id, 10, 0, a, &cs, &n, &total) == LOA_OK && n == 1 && total == 1 &&
		      cs[0].id == c1 && !*cs[0].email && !*cs[0].phone && !*cs[0].client_hash &&
		      strcmp(cs[0].name, "Vi Văn Chiến") == 0,
	      "public list: published only, without contacts");
	struct comment_filter f = {.site_id = site, .state = -1};
	CHECK(store_comment_list(st, &f, a, &cs, &n, &total) == LOA_OK && n == 3 && total == 3 && cs[0].id == c2,
	      "queue: every comment, newest first");
	f.draft_id = open_id;
	f.state = CM_NEW;
	CHECK(store_comment_list(st, &f, a, &cs, &n, &total) == LOA_OK && n == 1 && cs[0].id == c2, "queue by draft and state");
	int64_t cc[4];
	CHECK(store_comment_counts(st, site, 0, cc) == LOA_OK && cc[CM_NEW] == 2 && cc[CM_PUBLISHED] == 1, "counts of the site");
	CHECK(store_comment_counts(st, site, open_id, cc) == LOA_OK && cc[CM_NEW] == 1 && cc[CM_PUBLISHED] == 1,
	      "counts of a draft");
	CHECK(store_draft_get(st, site, open_id, a, &d) == LOA_OK && d.comments == 1 && d.comments_all == 2,
	      "a draft carries its comment counts");

	/* the retention sweep */
	int64_t c5, c6, c7, erased = -1;
	c = comment(site, closed_id, "DT-DDDDDD", "client-3", "hash-5", t - 5 * DAY);
	c.organisation = "Hội Nông dân xã";
	c.state = CM_PUBLISHED;
	c.moderated_at = c.published_at = t - 4 * DAY;
	CHECK(store_comment_add(st, &c, &c5) == LOA_OK, "a published comment of the closed draft");
	c = comment(site, closed_id, "DT-EEEEEE", "client-3", "hash-6", t - 5 * DAY);
	c.organisation = "Hội Nông dân xã";
	c.state = CM_DECLINED;
	c.reason = "Trùng lặp";
	c.moderated_at = t - 4 * DAY;
	CHECK(store_comment_add(st, &c, &c6) == LOA_OK, "a declined comment of the closed draft");
	c = comment(other, other_id, "DT-FFFFFF", "client-3", "hash-7", t - 5 * DAY);
	c.state = CM_DECLINED;
	CHECK(store_comment_add(st, &c, &c7) == LOA_OK, "a declined comment of another site");
	CHECK(store_comment_erase_contacts(st, site, t - 4 * DAY, &erased) == LOA_OK && erased == 0,
	      "nothing before the moderation");
	CHECK(store_comment_erase_contacts(st, site, t + 3 * DAY, &erased) == LOA_OK && erased == 2,
	      "the moderated comments of the closed draft (%lld)", (long long)erased);
	CHECK(store_comment_get(st, site, c5, a, &got) == LOA_OK && !*got.email && !*got.phone && !*got.client_hash &&
		      strcmp(got.name, "Vi Văn Chiến") == 0 && strcmp(got.organisation, "Hội Nông dân xã") == 0 &&
		      strcmp(got.content, "Đề nghị sửa mức đóng góp.") == 0 && strcmp(got.section, "Điều 5") == 0,
	      "published: contacts erased, the name and organisation of its public record kept, the text kept");
	CHECK(store_comment_get(st, site, c6, a, &got) == LOA_OK && !*got.email && !*got.phone && !*got.name &&
		      !*got.organisation && strcmp(got.content, "Đề nghị sửa mức đóng góp.") == 0 &&
		      strcmp(got.reason, "Trùng lặp") == 0 && strcmp(got.code, "DT-EEEEEE") == 0,
	      "declined: name and organisation erased too, text, reason and code kept");
	CHECK(store_comment_get(st, site, c3, a, &got) == LOA_OK && strcmp(got.email, "chien@example.vn") == 0,
	      "a comment still waiting for a moderator keeps its contacts");
	CHECK(store_comment_get(st, site, c1, a, &got) == LOA_OK && strcmp(got.email, "chien@example.vn") == 0,
	      "a comment of a draft still open keeps its contacts");
	CHECK(store_comment_get(st, other, c7, a, &got) == LOA_OK && strcmp(got.email, "chien@example.vn") == 0,
	      "another site's comments are not touched");
	CHECK(store_comment_erase_contacts(st, site, t + 3 * DAY, &erased) == LOA_OK && erased == 0,
	      "a second sweep finds nothing left");
	CHECK(store_comment_erase_contacts(st, site, t + 10 * DAY, NULL) == LOA_OK &&
		      store_comment_get(st, site, c1, a, &got) == LOA_OK && !*got.email &&
		      strcmp(got.name, "Vi Văn Chiến") == 0,
	      "once its draft has closed too");

	/* update, report, delete */
	d.title = "Đang mở (sửa)";
	d.report_html = "<p>Báo cáo</p>";
	d.report_at = t;
	CHECK(store_draft_save(st, &d, &id) == LOA_OK && id == open_id, "update");
	CHECK(store_draft_get(st, site, open_id, a, &d) == LOA_OK && strcmp(d.title, "Đang mở (sửa)") == 0 &&
		      d.report_at == t && strcmp(d.report_html, "<p>Báo cáo</p>") == 0,
	      "updated fields read back");
	d.site_id = other;
	CHECK(store_draft_save(st, &d, &id) == LOA_NOTFOUND, "no update through another site");
	CHECK(store_draft_delete(st, other, open_id) == LOA_NOTFOUND, "no delete through another site");
	CHECK(store_draft_delete(st, site, open_id) == LOA_OK, "delete");
	CHECK(store_comment_get(st, site, c1, a, &got) == LOA_NOTFOUND, "its comments go with it");
	CHECK(store_comment_get(st, site, c3, a, &got) == LOA_OK, "other drafts' comments stay");
	arena_free(a);
}

int main(void)
{
	test_phase();
	test_track_state();
	test_input();
	snprintf(db_path, sizeof db_path, "/tmp/loa-consult-%ld.db", (long)getpid());
	remove_db();
	char *oerr = NULL;
	struct store *st = store_open(db_path, true, &oerr);
	CHECK(st != NULL, "open (%s)", oerr ? oerr : "ok");
	free(oerr);
	if (st) {
		test_store(st);
		store_close(st);
	}
	remove_db();
	return test_done();
}
