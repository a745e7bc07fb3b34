/* consult.c — "Lấy ý kiến dự thảo" on the public site: the list of drafts
 * (/du-thao, tabs by phase), a draft's page (/du-thao/{slug}-{id}) with
 * its summary, its published comments and — while it is open — the
 * comment form, and after closing the drafting body's summary report.
 *
 * A comment passes the same defences as the feedback form (civic.h) and is
 * committed before the sender is thanked with a tracking code. Whether a
 * draft is open is decided by the server's clock (consult_phase with the
 * page's time), so a comment sent after closing is refused with 409 while
 * the comments stay readable. These pages change with the clock, not only
 * with content, so they are not kept in the page cache. */
#include <string.h>

#include "consult/consult.h"
#include "core/buf.h"
#include "core/num.h"
#include "core/status.h"
#include "core/text.h"
#include "core/vntime.h"
#include "render/pagecache.h"
#include "files/files.h"
#include "site/civic.h"
#include "site/siteInt.h"
#include "store/store_consult.h"
#include "store/store_files.h"

#define PER_PAGE 10
#define COMMENTS_SHOWN 200

static const struct {
	const char *value, *label;
	int when;
} tabs[] = {
	{"dang-lay-y-kien", "Đang lấy ý kiến", DRAFT_OPEN},
	{"da-ket-thuc", "Đã kết thúc", DRAFT_CLOSED},
	{"sap-lay-y-kien", "Sắp lấy ý kiến", DRAFT_UPCOMING},
};

static const char *when(struct arena *a, int64_t t)
{
	char d[17];
	vn_format_datetime(t, d);
	return arena_strdup(a, d);
}

/* The fields of a draft every page shows. */
static struct tval *draft_tv(struct page *p, const struct draft *d)
{
	struct arena *a = p->a;
	struct tval *t = tv_map(a);
	int phase = consult_phase(d, p->now);
	tv_set_int(a, t, "id", d->id);
	tv_set_str(a, t, "title", d->title);
	tv_set_str(a, t, "url", consult_draft_path(a, d));
	tv_set_str(a, t, "drafting_body", d->drafting_body);
	tv_set_str(a, t, "opens", when(a, d->opens_at));
	tv_set_str(a, t, "closes", when(a, d->closes_at));
	tv_set_str(a, t, "phase", consult_phase_key(phase));
	tv_set_str(a, t, "phase_label", consult_phase_label(phase));
	tv_set_str(a, t, "time_left", consult_time_left(a, d, p->now));
	tv_set_bool(a, t, "is_open", phase == DRAFT_OPEN);
	tv_set_bool(a, t, "is_closed", phase == DRAFT_CLOSED);
	tv_set_bool(a, t, "is_upcoming", phase == DRAFT_UPCOMING);
	tv_set_int(a, t, "comments", d->comments);
	return t;
}

void site_consult_list(void *app, struct http_req *req)
{
	struct page p;
	if (!page_begin_or_reply(&p, app, req))
		return;
	struct arena *a = p.a;
	int cur;
	if (!page_number(&p, &cur)) {
		page_not_found(&p);
		return;
	}
	int64_t counts[3] = {0};
	store_draft_counts(p.app->store, p.site.id, p.now, counts);
	const char *tab = http_req_query(req, "trang-thai");
	size_t chosen = counts[DRAFT_OPEN] || !counts[DRAFT_CLOSED] ? 0 : 1;
	bool known = !tab;
	for (size_t i = 0; tab && i < sizeof tabs / sizeof tabs[0]; i++)
		if (strcmp(tab, tabs[i].value) == 0) {
			chosen = i;
			known = true;
		}
	if (!known) {
		page_not_found(&p);
		return;
	}
	struct tval *tl = tv_list(a);
	for (size_t i = 0; i < sizeof tabs / sizeof tabs[0]; i++) {
		/* "Sắp lấy ý kiến" only when there is one */
		if (tabs[i].when == DRAFT_UPCOMING && !counts[DRAFT_UPCOMING] && i != chosen)
			continue;
		struct tval *t = tv_map(a);
		tv_set_str(a, t, "label", tabs[i].label);
		tv_set_str(a, t, "url", arena_printf(a, "/du-thao?trang-thai=%s", tabs[i].value));
		tv_set_int(a, t, "count", counts[tabs[i].when]);
		tv_set_bool(a, t, "current", i == chosen);
		tv_push(tl, t);
	}
	struct draft_query q = {.site_id = p.site.id, .when = tabs[chosen].when, .now = p.now, .limit = PER_PAGE,
				.offset = (cur - 1) * PER_PAGE};
	struct draft *ds;
	size_t n = 0;
	int64_t total = 0;
	if (store_draft_list(p.app->store, &q, a, &ds, &n, &total) != LOA_OK)
		n = 0;
	if (cur > 1 && n == 0) {
		page_not_found(&p);
		return;
	}
	struct tval *list = tv_list(a);
	for (size_t i = 0; i < n; i++)
		tv_push(list, draft_tv(&p, &ds[i]));
	tv_set(p.root, "tabs", tl);
	tv_set(p.root, "drafts", list);
	tv_set_str(a, p.root, "tab_label", tabs[chosen].label);
	const char *base = arena_printf(a, "/du-thao?trang-thai=%s", tabs[chosen].value);
	page_pager(&p, base, cur, total, PER_PAGE);
	tv_set_str(a, p.page, "rss_url", arena_printf(a, "%s/du-thao/rss.xml", p.base_url));
	page_set_meta(&p, "Lấy ý kiến dự thảo",
		      "Dự thảo văn bản đang lấy ý kiến nhân dân, tổ chức và kết quả tiếp thu, giải trình.",
		      tab ? base : "/du-thao");
	p.no_cache = true;
	page_finish(&p, "consult_list", 200);
}

/* ---- tracking a comment ---- */

/* /du-thao/tra-cuu?ma=CODE: the comment's state, its draft and the day it
 * was sent; never the sender's name, organisation or contacts (anyone
 * holding the code may read the page). A malformed code is not looked up;
 * it and an unknown one answer 404 with the form kept. */
void site_consult_track(void *app, struct http_req *req)
{
	struct page p;
	if (!page_begin_or_reply(&p, app, req))
		return;
	struct arena *a = p.a;
	static const struct civic_track track = {"/du-thao/tra-cuu", "Tra cứu góp ý dự thảo", "DT", "DT-7K3M9Q", "góp ý"};
	const char *code = civic_track_begin(&p, &track);
	struct draft_comment c;
	struct draft d;
	int status = 200;
	if (code) {
		if (civic_code_ok("DT", code) && store_comment_by_code(p.app->store, p.site.id, code, a, &c) == LOA_OK &&
		    store_draft_get(p.app->store, p.site.id, c.draft_id, a, &d) == LOA_OK) {
			/* the keys of the shared tracking styles (fb-state-*, fb-steps is-*) */
			static const char *const keys[] = {"received", "published", "declined"};
			int ts = consult_track_state(c.state);
			struct tval *it = draft_tv(&p, &d);
			char day[11];
			vn_format_date(c.created_at, day);
			tv_set_str(a, it, "code", c.code);
			tv_set_str(a, it, "sent", arena_strdup(a, day));
			tv_set_str(a, it, "section", c.section);
			tv_set_str(a, it, "state", keys[ts]);
			tv_set_str(a, it, "state_label", consult_track_label(ts));
			tv_set_str(a, it, "reason", ts == CT_DECLINED ? c.reason : "");
			vn_format_date(c.published_at, day);
			tv_set_str(a, it, "published", ts == CT_PUBLISHED && c.published_at ? arena_strdup(a, day) : "");
			tv_set_str(a, it, "public_url",
				   ts == CT_PUBLISHED ? arena_printf(a, "%s#gy-%s", consult_draft_path(a, &d), c.code) : "");
			tv_set(p.root, "item", it);
		} else {
			tv_set_bool(a, p.root, "not_found", true);
			status = 404;
		}
	}
	page_finish(&p, "consult_track", status);
}

/* ---- a draft's page ---- */

struct comment_in {
	const char *name, *organisation, *email, *phone, *section, *content, *honeypot, *token;
};

static struct tval *comment_form(struct page *p, const struct draft *d, const struct comment_in *in,
				 struct tval *errors)
{
	struct arena *a = p->a;
	struct tval *form = tv_map(a), *values = tv_map(a);
	tv_set_str(a, form, "action", consult_draft_path(a, d));
	tv_set_str(a, form, "token", PAGECACHE_SLOT("fbtoken"));
	tv_set_int(a, form, "max_content", CIVIC_MAX_CONTENT);
	if (in) {
		tv_set_str(a, values, "name", in->name);
		tv_set_str(a, values, "organisation", in->organisation);
		tv_set_str(a, values, "email", in->email);
		tv_set_str(a, values, "phone", in->phone);
		tv_set_str(a, values, "section", in->section);
		tv_set_str(a, values, "content", in->content);
	}
	tv_set(form, "values", values);
	tv_set(form, "errors", errors ? errors : tv_map(a));
	return form;
}

/* The draft's page with `message` above the form (or in its place after
 * closing); in and errors keep what the sender typed. */
static void render_draft(struct page *p, const struct draft *d, const struct comment_in *in, struct tval *errors,
			 int status, const char *message)
{
	struct arena *a = p->a;
	struct tval *t = draft_tv(p, d);
	tv_set(t, "summary", page_body(p, d->summary_html));
	bool closed = consult_phase(d, p->now) == DRAFT_CLOSED;
	tv_set(t, "report", page_body(p, closed ? d->report_html : ""));
	tv_set_str(a, t, "report_date", closed && d->report_at ? when(a, d->report_at) : "");
	struct file_link *fl;
	size_t nf = 0;
	if (store_file_links(p->app->store, p->site.id, FILES_OWNER_DRAFT, d->id, a, &fl, &nf) != LOA_OK)
		nf = 0;
	struct tval *files = site_file_list(p, fl, nf, 0, ""), *report_files = site_file_list(p, fl, nf, 0, FILES_ROLE_REPORT);
	tv_set(t, "files", files);
	tv_set_bool(a, t, "has_files", tv_len(files) > 0);
	/* the report's files, like its text, only once the consultation is over */
	bool report_files_shown = closed && tv_len(report_files) > 0;
	if (report_files_shown) {
		struct tval *r = tv_map(a);
		tv_set(r, "files", report_files);
		tv_set(t, "report_attach", r);
	}
	tv_set_bool(a, t, "has_report", closed && (*d->report_html || report_files_shown));
	tv_set(p->root, "draft", t);
	struct draft_comment *cs;
	size_t n = 0;
	int64_t total = 0;
	if (store_comment_public(p->app->store, p->site.id, d->id, COMMENTS_SHOWN, 0, a, &cs, &n, &total) != LOA_OK)
		n = 0;
	struct tval *list = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		struct tval *c = tv_map(a);
		char date[11];
		vn_format_date(cs[i].created_at, date);
		tv_set_str(a, c, "code", cs[i].code);
		tv_set_str(a, c, "name", cs[i].name);
		tv_set_str(a, c, "organisation", cs[i].organisation);
		tv_set_str(a, c, "section", cs[i].section);
		tv_set_str(a, c, "content", cs[i].content);
		tv_set_str(a, c, "date", arena_strdup(a, date));
		tv_push(list, c);
	}
	tv_set(p->root, "comments", list);
	tv_set_int(a, p->root, "comments_total", total);
	if (consult_phase(d, p->now) == DRAFT_OPEN)
		tv_set(p->root, "comment_form", comment_form(p, d, in, errors));
	tv_set_str(a, p->root, "message", message ? message : "");
	tv_set_bool(a, p->root, "message_error", status >= 400);
	page_set_meta(p, d->title, arena_printf(a, "Dự thảo lấy ý kiến của %s.", d->drafting_body),
		      consult_draft_path(a, d));
	p->no_cache = true;
	page_finish(p, "consult_draft", status);
}

/* The draft the route's {s} names ("slug-id"), or answers 404 itself. */
static bool draft_of_or_reply(struct page *p, struct draft *d)
{
	int64_t id;
	const char *seg = http_req_param(p->req, 0);
	if (!seg || !consult_parse_slug_id(seg, &id) || store_draft_get(p->app->store, p->site.id, id, p->a, d) != LOA_OK) {
		page_not_found(p);
		return false;
	}
	return true;
}

void site_consult_draft(void *app, struct http_req *req)
{
	struct page p;
	struct draft d;
	if (!page_begin_or_reply(&p, app, req) || !draft_of_or_reply(&p, &d))
		return;
	const char *path = consult_draft_path(p.a, &d);
	if (strcmp(http_req_path(req), path) != 0) {
		http_redirect(req, 301, path);
		return;
	}
	render_draft(&p, &d, NULL, NULL, 200, NULL);
}

struct comment_add {
	struct store *st;
	struct draft_comment *c;
};

/* civic_add_with_code's callback: stores the comment under `code`. */
static int comment_add_coded(void *ctx, const char *code)
{
	struct comment_add *ca = ctx;
	int64_t id;
	ca->c->code = code;
	return store_comment_add(ca->st, ca->c, &id);
}

/* Checks what only a comment has; messages into errors. */
static bool check_comment(struct arena *a, const struct comment_in *in, struct tval *errors)
{
	bool ok = civic_check_name(a, errors, in->name);
	ok &= civic_check_contact(a, errors, in->email, in->phone, false);
	ok &= civic_check_content(a, errors, in->content);
	if (text_length(in->organisation, strlen(in->organisation)) > CONSULT_MAX_ORG) {
		tv_set_str(a, errors, "organisation", "Tên cơ quan, tổ chức dài quá 200 ký tự.");
		ok = false;
	}
	if (text_length(in->section, strlen(in->section)) > CONSULT_MAX_SECTION) {
		tv_set_str(a, errors, "section", "Điều, khoản góp ý dài quá 100 ký tự (ví dụ: Điều 5, khoản 2).");
		ok = false;
	}
	return ok;
}

void site_consult_comment(void *app, struct http_req *req)
{
	struct page p;
	struct draft d;
	if (!page_begin_or_reply(&p, app, req) || !draft_of_or_reply(&p, &d))
		return;
	struct arena *a = p.a;
	int phase = consult_phase(&d, p.now);
	if (phase != DRAFT_OPEN) {
		render_draft(&p, &d, NULL, NULL, 409,
			     phase == DRAFT_CLOSED ? "Dự thảo đã hết thời gian lấy ý kiến. Các ý kiến đã gửi vẫn được công khai dưới đây."
						   : "Dự thảo chưa đến thời gian lấy ý kiến. Hãy quay lại khi bắt đầu lấy ý kiến.");
		return;
	}
	struct comment_in in;
	bool bad_utf8 = false;
	in.name = civic_field(a, req, "ho-ten", &bad_utf8);
	in.organisation = civic_field(a, req, "to-chuc", &bad_utf8);
	in.email = civic_field(a, req, "email", &bad_utf8);
	in.phone = civic_field(a, req, "dien-thoai", &bad_utf8);
	in.section = civic_field(a, req, "dieu-khoan", &bad_utf8);
	in.content = civic_field(a, req, "noi-dung", &bad_utf8);
	in.honeypot = civic_field(a, req, "website", &bad_utf8);
	in.token = http_req_form(req, "t");
	struct tval *errors = tv_map(a);
	int64_t age = civic_token_age(p.app, in.token, p.now);
	if (age < 0) {
		render_draft(&p, &d, &in, errors, 400,
			     "Biểu mẫu đã hết hạn hoặc không hợp lệ. Nội dung của bạn vẫn còn dưới đây; hãy bấm “Gửi góp ý” lần nữa.");
		return;
	}
	bool ok = check_comment(a, &in, errors);
	if (bad_utf8) {
		tv_set_str(a, errors, "general", "Có ký tự không hợp lệ trong nội dung gửi. Hãy gõ lại.");
		ok = false;
	}
	if (!ok) {
		render_draft(&p, &d, &in, errors, 422, "Vui lòng sửa các mục được đánh dấu.");
		return;
	}
	static const struct civic_counts counts = {
		store_comment_count_since, store_comment_duplicate,
		"Góp ý với nội dung này đã được gửi trong 24 giờ qua; cơ quan soạn thảo sẽ xem xét theo mã theo dõi đã cấp."};
	struct civic_verdict v;
	const char *refusal;
	int status = civic_screen(&p, &counts, in.honeypot, age, in.section, in.content, &v, &refusal);
	if (status) {
		render_draft(&p, &d, &in, errors, status, refusal);
		return;
	}
	struct draft_comment c = {
		.site_id = p.site.id, .draft_id = d.id,
		.name = in.name, .organisation = in.organisation, .email = in.email, .phone = in.phone,
		.section = in.section, .content = in.content,
		.client_hash = v.client, .content_hash = v.digest,
		.state = v.spam ? CM_SPAM : CM_NEW, .reason = v.spam ? v.spam : "",
		.created_at = p.now,
	};
	char code[10];
	struct comment_add add = {p.app->store, &c};
	if (civic_add_with_code("DT", code, comment_add_coded, &add) != LOA_OK) {
		render_draft(&p, &d, &in, errors, 503, "Không lưu được góp ý. Nội dung của bạn vẫn còn; vui lòng gửi lại.");
		return;
	}
	/* committed: only now is the sender thanked */
	tv_set_str(a, p.root, "code", arena_strdup(a, code));
	tv_set_str(a, p.root, "track_url", arena_printf(a, "/du-thao/tra-cuu?ma=%s", code));
	tv_set(p.root, "draft", draft_tv(&p, &d));
	page_set_meta(&p, "Cảm ơn bạn đã góp ý dự thảo", "", consult_draft_path(a, &d));
	p.no_cache = true;
	http_header(req, "x-robots-tag", "noindex");
	page_finish(&p, "consult_thanks", 200);
}
