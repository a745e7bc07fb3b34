/* consult.c — "Lấy ý kiến dự thảo" in the newsroom: the drafts with their
 * phase and comment counts, writing a draft (title, drafting body,
 * summary, opening and closing date-time typed any way), attaching the
 * summary report after closing, and moderating the comments (publish,
 * decline with a reason, spam, restore). Approvers and admins; deleting a
 * draft is for admins.
 *
 * Phases follow the server's clock (clock_now), as on the public pages,
 * so what the newsroom shows is what readers see. The rules of a valid
 * draft are the consult domain's (consult.h); this file reads the form
 * and shows its messages. */
#include <string.h>

#include "admin/adminInt.h"
#include "consult/consult.h"
#include "core/clock.h"
#include "core/num.h"
#include "core/status.h"
#include "core/text.h"
#include "core/vntime.h"
#include "files/files.h"
#include "store/store_consult.h"

#define PER_PAGE 30
#define MAX_REASON 1000

/* ---- drafts ---- */

void admin_consult_list(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct arena *a = ad->a;
	int64_t now = clock_now();
	const char *trang = http_req_query(req, "trang");
	int64_t page = 1;
	if (trang && !num_parse_i64(trang, 1, 100000, &page))
		page = 1;
	struct draft_query q = {.site_id = ad->site.id, .when = DRAFT_ANY, .now = now, .limit = PER_PAGE,
				.offset = (int)(page - 1) * PER_PAGE};
	struct draft *ds;
	size_t n = 0;
	int64_t total = 0;
	if (store_draft_list(ad->app->store, &q, a, &ds, &n, &total) != LOA_OK)
		n = 0;
	struct tval *rows = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		struct tval *r = tv_map(a);
		int phase = consult_phase(&ds[i], now);
		tv_set_str(a, r, "title", ds[i].title);
		tv_set_str(a, r, "drafting_body", ds[i].drafting_body);
		tv_set_str(a, r, "opens", admin_when(a, ds[i].opens_at));
		tv_set_str(a, r, "closes", admin_when(a, ds[i].closes_at));
		tv_set_str(a, r, "phase", consult_phase_key(phase));
		tv_set_str(a, r, "phase_label", consult_phase_label(phase));
		tv_set_str(a, r, "time_left", consult_time_left(a, &ds[i], now));
		tv_set_int(a, r, "comments", ds[i].comments);
		tv_set_int(a, r, "comments_waiting", ds[i].comments_all - ds[i].comments);
		tv_set_bool(a, r, "needs_report", phase == DRAFT_CLOSED && !*ds[i].report_html);
		tv_set_str(a, r, "edit_url", arena_printf(a, "/quan-tri/du-thao/%lld", (long long)ds[i].id));
		tv_set_str(a, r, "comments_url", arena_printf(a, "/quan-tri/du-thao/y-kien?du-thao=%lld", (long long)ds[i].id));
		tv_set_str(a, r, "public_url", consult_draft_path(a, &ds[i]));
		tv_push(rows, r);
	}
	int64_t counts[4] = {0};
	store_comment_counts(ad->app->store, ad->site.id, 0, counts);
	tv_set_int(a, ad->root, "comments_new", counts[CM_NEW]);
	tv_set(ad->root, "rows", rows);
	tv_set_bool(a, ad->root, "empty", n == 0);
	admin_pager(ad, "/quan-tri/du-thao", (int)page, total, PER_PAGE);
	admin_finish(ad, "consult", "Lấy ý kiến dự thảo", 200);
}

/* The form as typed (after a refusal) or from the stored draft. */
static void render_edit(struct admin *ad, const struct draft *d, const struct consult_input *in,
			const struct consult_errors *err, int status)
{
	struct arena *a = ad->a;
	int64_t now = clock_now();
	struct tval *f = tv_map(a), *e = tv_map(a);
	if (in) {
		tv_set_str(a, f, "title", in->title);
		tv_set_str(a, f, "drafting_body", in->drafting_body);
		tv_set_str(a, f, "summary", in->summary_html);
		tv_set_str(a, f, "report", in->report_html);
		tv_set_str(a, f, "open_date", in->open_date);
		tv_set_str(a, f, "open_time", in->open_time);
		tv_set_str(a, f, "close_date", in->close_date);
		tv_set_str(a, f, "close_time", in->close_time);
	} else if (d->id) {
		char date[11], dt[17];
		tv_set_str(a, f, "title", d->title);
		tv_set_str(a, f, "drafting_body", d->drafting_body);
		tv_set_str(a, f, "summary", d->summary_html);
		tv_set_str(a, f, "report", d->report_html);
		vn_format_date(d->opens_at, date);
		vn_format_datetime(d->opens_at, dt);
		tv_set_str(a, f, "open_date", arena_strdup(a, date));
		tv_set_str(a, f, "open_time", arena_strdup(a, dt + 11));
		vn_format_date(d->closes_at, date);
		vn_format_datetime(d->closes_at, dt);
		tv_set_str(a, f, "close_date", arena_strdup(a, date));
		tv_set_str(a, f, "close_time", arena_strdup(a, dt + 11));
	}
	if (err) {
		const char *keys[] = {"title", "drafting_body", "summary", "opens", "closes", "report"};
		const char *vals[] = {err->title, err->drafting_body, err->summary, err->opens, err->closes, err->report};
		for (size_t i = 0; i < 6; i++)
			if (vals[i])
				tv_set_str(a, e, keys[i], vals[i]);
		tv_set_str(a, e, "general", "Chưa lưu: hãy sửa các mục được đánh dấu.");
	}
	tv_set(ad->root, "form", f);
	tv_set(ad->root, "errors", e);
	if (d->id) {
		struct tval *t = tv_map(a);
		int phase = consult_phase(d, now);
		tv_set_int(a, t, "id", d->id);
		tv_set_str(a, t, "phase", consult_phase_key(phase));
		tv_set_str(a, t, "phase_label", consult_phase_label(phase));
		tv_set_str(a, t, "time_left", consult_time_left(a, d, now));
		tv_set_bool(a, t, "is_closed", phase == DRAFT_CLOSED);
		tv_set_int(a, t, "comments", d->comments);
		tv_set_str(a, t, "public_url", consult_draft_path(a, d));
		tv_set_str(a, t, "comments_url", arena_printf(a, "/quan-tri/du-thao/y-kien?du-thao=%lld", (long long)d->id));
		tv_set_str(a, t, "report_date", admin_when(a, d->report_at));
		tv_set(ad->root, "draft", t);
		admin_attach_show(ad, FILES_OWNER_DRAFT, d->id, arena_printf(a, "/quan-tri/du-thao/%lld", (long long)d->id),
				  true);
	}
	tv_set_str(a, ad->root, "action", d->id ? arena_printf(a, "/quan-tri/du-thao/%lld", (long long)d->id)
						: "/quan-tri/du-thao/moi");
	tv_set_bool(a, ad->root, "can_delete", d->id && admin_is_admin(ad));
	admin_finish(ad, "consult_edit", d->id ? "Sửa dự thảo" : "Dự thảo mới", status);
}

/* The draft the route's {id} names (*d zeroed for "moi"); answers 404 itself. */
static bool draft_of_or_reply(struct admin *ad, struct draft *d)
{
	memset(d, 0, sizeof *d);
	int64_t id = http_req_param_id(ad->req, 0);
	if (!id)
		return true;
	if (store_draft_get(ad->app->store, ad->site.id, id, ad->a, d) != LOA_OK) {
		admin_error(ad, 404, "Không tìm thấy dự thảo này.");
		return false;
	}
	return true;
}

void admin_consult_edit(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct draft d;
	if (draft_of_or_reply(ad, &d))
		render_edit(ad, &d, NULL, NULL, 200);
}

void admin_consult_save(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct draft d;
	if (!draft_of_or_reply(ad, &d))
		return;
	/* a field that is not valid UTF-8 reads as "" (admin_field): it is
	 * refused as missing, with the rest of the form kept */
	struct consult_input in = {
		.title = admin_field(ad, "ten"),
		.drafting_body = admin_field(ad, "co-quan"),
		.summary_html = admin_field(ad, "tom-tat"),
		.open_date = admin_field(ad, "ngay-mo"),
		.open_time = admin_field(ad, "gio-mo"),
		.close_date = admin_field(ad, "ngay-dong"),
		.close_time = admin_field(ad, "gio-dong"),
		.report_html = admin_field(ad, "bao-cao"),
	};
	struct consult_errors err;
	int64_t now = clock_now();
	d.site_id = ad->site.id;
	if (!consult_draft_from_input(ad->a, &in, now, &d, &err)) {
		render_edit(ad, &d, &in, &err, 422);
		return;
	}
	bool created = d.id == 0;
	d.updated_at = ad->now;
	int64_t id;
	if (store_draft_save(ad->app->store, &d, &id) != LOA_OK) {
		memset(&err, 0, sizeof err);
		err.title = "Không lưu được dự thảo. Vui lòng thử lại.";
		render_edit(ad, &d, &in, &err, 503);
		return;
	}
	admin_audit(ad, created ? "consult-create" : "consult-update", arena_printf(ad->a, "dự thảo %lld", (long long)id),
		    d.title);
	admin_content_changed(ad);
	admin_redirect(ad, arena_printf(ad->a, "/quan-tri/du-thao/%lld", (long long)id), "da-luu");
}

/* POST /quan-tri/du-thao/{id}/tep: a file of the draft or of its report. */
void admin_consult_attach(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct draft d;
	if (!draft_of_or_reply(ad, &d))
		return;
	const char *what = arena_printf(ad->a, "dự thảo %lld", (long long)d.id);
	if (!admin_attach_upload(ad, FILES_OWNER_DRAFT, d.id, true, what,
				 arena_printf(ad->a, "/quan-tri/du-thao/%lld", (long long)d.id)))
		render_edit(ad, &d, NULL, NULL, 422);
}

void admin_consult_detach(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct draft d;
	if (!draft_of_or_reply(ad, &d))
		return;
	admin_attach_remove(ad, FILES_OWNER_DRAFT, d.id, arena_printf(ad->a, "dự thảo %lld", (long long)d.id),
			    arena_printf(ad->a, "/quan-tri/du-thao/%lld", (long long)d.id));
}

void admin_consult_delete(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct draft d;
	if (!draft_of_or_reply(ad, &d))
		return;
	/* its files first: a draft that is gone leaves no file behind */
	files_detach_all(ad->app->store, files_dir(ad->a, ad->app->cfg.media_dir), ad->site.id, FILES_OWNER_DRAFT, d.id);
	if (store_draft_delete(ad->app->store, ad->site.id, d.id) != LOA_OK) {
		admin_error(ad, 404, "Không tìm thấy dự thảo này.");
		return;
	}
	admin_audit(ad, "consult-delete", arena_printf(ad->a, "dự thảo %lld", (long long)d.id), d.title);
	admin_content_changed(ad);
	admin_redirect(ad, "/quan-tri/du-thao", "da-xoa");
}

/* ---- comments ---- */

static const struct {
	const char *value, *label;
	int state;
} tabs[] = {
	{"moi", "Chờ duyệt", CM_NEW},     {"da-dang", "Đã đăng", CM_PUBLISHED}, {"tu-choi", "Không đăng", CM_DECLINED},
	{"spam", "Thư rác", CM_SPAM},     {"tat-ca", "Tất cả", -1},
};
static const char *const state_keys[] = {"new", "published", "declined", "spam"};
static const char *const state_labels[] = {"Chờ duyệt", "Đã đăng", "Không đăng", "Thư rác"};

static int state_index(int st)
{
	return st >= CM_NEW && st <= CM_SPAM ? st : 0;
}

/* The queue: tab (?trang-thai), draft (?du-thao) and page; `error` above it. */
static void render_queue(struct admin *ad, int status, const char *error)
{
	struct arena *a = ad->a;
	const char *tab = http_req_query(ad->req, "trang-thai");
	const char *du_thao = http_req_query(ad->req, "du-thao");
	const char *trang = http_req_query(ad->req, "trang");
	int64_t page = 1, draft_id = 0;
	if (trang && !num_parse_i64(trang, 1, 100000, &page))
		page = 1;
	if (du_thao && *du_thao && !num_parse_i64(du_thao, 1, INT64_MAX, &draft_id))
		draft_id = 0;
	size_t cur = 0;
	for (size_t i = 0; tab && i < sizeof tabs / sizeof tabs[0]; i++)
		if (strcmp(tab, tabs[i].value) == 0)
			cur = i;
	struct draft d;
	if (draft_id && store_draft_get(ad->app->store, ad->site.id, draft_id, a, &d) != LOA_OK)
		draft_id = 0;
	const char *filter = draft_id ? arena_printf(a, "&du-thao=%lld", (long long)draft_id) : "";
	int64_t counts[4] = {0};
	store_comment_counts(ad->app->store, ad->site.id, draft_id, counts);
	struct tval *tl = tv_list(a);
	for (size_t i = 0; i < sizeof tabs / sizeof tabs[0]; i++) {
		struct tval *t = tv_map(a);
		tv_set_str(a, t, "label", tabs[i].label);
		tv_set_str(a, t, "url", arena_printf(a, "/quan-tri/du-thao/y-kien?trang-thai=%s%s", tabs[i].value, filter));
		tv_set_int(a, t, "count", tabs[i].state >= 0 ? counts[tabs[i].state] : counts[0] + counts[1] + counts[2]);
		tv_set_bool(a, t, "current", i == cur);
		tv_push(tl, t);
	}
	struct comment_filter f = {.site_id = ad->site.id, .draft_id = draft_id, .state = tabs[cur].state,
				   .limit = PER_PAGE, .offset = (int)(page - 1) * PER_PAGE};
	struct draft_comment *cs;
	size_t n = 0;
	int64_t total = 0;
	if (store_comment_list(ad->app->store, &f, a, &cs, &n, &total) != LOA_OK)
		n = 0;
	const char *back = arena_printf(a, "/quan-tri/du-thao/y-kien?trang-thai=%s%s", tabs[cur].value, filter);
	struct tval *rows = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		struct tval *r = tv_map(a);
		int st = state_index(cs[i].state);
		tv_set_str(a, r, "code", cs[i].code);
		tv_set_str(a, r, "name", cs[i].name);
		tv_set_str(a, r, "organisation", cs[i].organisation);
		tv_set_str(a, r, "email", cs[i].email);
		tv_set_str(a, r, "phone", cs[i].phone);
		tv_set_str(a, r, "section", cs[i].section);
		tv_set_str(a, r, "content", cs[i].content);
		tv_set_str(a, r, "draft_title", cs[i].draft_title);
		tv_set_str(a, r, "created", admin_when(a, cs[i].created_at));
		tv_set_str(a, r, "state", state_keys[st]);
		tv_set_str(a, r, "state_label", state_labels[st]);
		tv_set_str(a, r, "reason", cs[i].reason);
		tv_set_str(a, r, "moderated_by", cs[i].moderated_by_name);
		tv_set_bool(a, r, "is_new", st == CM_NEW);
		tv_set_bool(a, r, "is_published", st == CM_PUBLISHED);
		tv_set_bool(a, r, "is_declined", st == CM_DECLINED);
		tv_set_bool(a, r, "is_spam", st == CM_SPAM);
		tv_set_str(a, r, "act_url", arena_printf(a, "/quan-tri/du-thao/y-kien/%lld", (long long)cs[i].id));
		tv_set_str(a, r, "back", back);
		tv_push(rows, r);
	}
	tv_set(ad->root, "tabs", tl);
	tv_set(ad->root, "rows", rows);
	tv_set_bool(a, ad->root, "empty", n == 0);
	if (draft_id) {
		struct tval *t = tv_map(a);
		tv_set_str(a, t, "title", d.title);
		tv_set_str(a, t, "edit_url", arena_printf(a, "/quan-tri/du-thao/%lld", (long long)d.id));
		tv_set(ad->root, "draft", t);
	}
	struct tval *errors = tv_map(a);
	if (error)
		tv_set_str(a, errors, "general", error);
	tv_set(ad->root, "errors", errors);
	admin_pager(ad, back, (int)page, total, PER_PAGE);
	admin_finish(ad, "consult_comments", "Góp ý dự thảo", status);
}

void admin_consult_comments(void *app, struct http_req *req)
{
	(void)app;
	render_queue(admin_of(req), 200, NULL);
}

/* Where to go back after an action: the queue the moderator came from,
 * never another site's page. */
static const char *back_url(struct admin *ad)
{
	const char *b = admin_field(ad, "quay-lai");
	return strncmp(b, "/quan-tri/du-thao/y-kien", 24) == 0 && !strpbrk(b, "\r\n\\") && strlen(b) < 300
		       ? b
		       : "/quan-tri/du-thao/y-kien";
}

void admin_consult_comment_act(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct arena *a = ad->a;
	struct draft_comment c;
	if (store_comment_get(ad->app->store, ad->site.id, http_req_param_id(req, 0), a, &c) != LOA_OK) {
		admin_error(ad, 404, "Không tìm thấy góp ý này.");
		return;
	}
	const char *action = admin_field(ad, "action");
	const char *reason = admin_field(ad, "ly-do");
	reason = text_clean(a, reason, strlen(reason));
	if (!reason || text_length(reason, strlen(reason)) > MAX_REASON) {
		render_queue(ad, 422, "Lý do dài quá 1.000 ký tự.");
		return;
	}
	bool was_public = c.state == CM_PUBLISHED;
	const char *audit;
	if (strcmp(action, "dang") == 0) {
		c.state = CM_PUBLISHED;
		c.reason = "";
		if (!was_public)
			c.published_at = ad->now;
		audit = "consult-comment-publish";
	} else if (strcmp(action, "go-xuong") == 0 && was_public) {
		c.state = CM_NEW;
		audit = "consult-comment-unpublish";
	} else if (strcmp(action, "tu-choi") == 0) {
		if (!*reason) {
			render_queue(ad, 422, "Hãy ghi lý do không đăng góp ý.");
			return;
		}
		c.state = CM_DECLINED;
		c.reason = reason;
		audit = "consult-comment-decline";
	} else if (strcmp(action, "spam") == 0) {
		c.state = CM_SPAM;
		c.reason = "biên tập viên đánh dấu thư rác";
		audit = "consult-comment-spam";
	} else if (strcmp(action, "khoi-phuc") == 0 && c.state == CM_SPAM) {
		c.state = CM_NEW;
		c.reason = "";
		audit = "consult-comment-restore";
	} else {
		admin_error(ad, 400, "Thao tác không hợp lệ.");
		return;
	}
	c.moderated_by = ad->user.id;
	c.moderated_at = ad->now;
	if (store_comment_update(ad->app->store, &c) != LOA_OK) {
		render_queue(ad, 503, "Không lưu được. Vui lòng thử lại.");
		return;
	}
	admin_audit(ad, audit, arena_printf(a, "góp ý %s", c.code), c.draft_title);
	if (was_public || c.state == CM_PUBLISHED)
		admin_content_changed(ad);
	admin_redirect(ad, back_url(ad), "da-luu");
}
