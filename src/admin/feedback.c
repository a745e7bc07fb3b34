/* feedback.c — moderating citizens' feedback and questions: a queue per
 * site with filters (new, answered, published, declined, spam), reading an
 * item with its article and attachment, writing the official answer,
 * publishing question and answer, declining with a reason the sender can
 * read, spam and restore, and a CSV export. Approvers and admins only. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "admin/adminInt.h"
#include "core/buf.h"
#include "core/num.h"
#include "core/status.h"
#include "core/text.h"
#include "core/vntime.h"
#include "mail/outbox.h"
#include "render/escape.h"
#include "store/store_feedback.h"

#define PER_PAGE 30
#define MAX_ANSWER 10000

static const struct {
	const char *value, *label;
	int state;
} tabs[] = {
	{"moi", "Mới", FB_NEW},           {"da-tra-loi", "Đã trả lời", FB_ANSWERED},
	{"da-dang", "Đã đăng", FB_PUBLISHED}, {"tu-choi", "Không đăng", FB_DECLINED},
	{"spam", "Thư rác", FB_SPAM},     {"tat-ca", "Tất cả", -1},
};
static const char *const state_keys[] = {"new", "answered", "published", "declined", "spam"};
static const char *const state_labels[] = {"Mới", "Đã trả lời", "Đã đăng", "Không đăng", "Thư rác"};

static int state_index(int st)
{
	return st >= 0 && st <= 4 ? st : 0;
}

void admin_feedback(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct arena *a = ad->a;
	const char *tab = http_req_query(req, "trang-thai");
	const char *trang = http_req_query(req, "trang");
	int64_t page = 1;
	if (trang && !num_parse_i64(trang, 1, 100000, &page))
		page = 1;
	size_t cur = 0;
	for (size_t i = 0; tab && i < sizeof tabs / sizeof tabs[0]; i++)
		if (strcmp(tab, tabs[i].value) == 0)
			cur = i;
	int64_t counts[5] = {0};
	store_feedback_counts(ad->app->store, ad->site.id, counts);
	struct tval *tl = tv_list(a);
	for (size_t i = 0; i < sizeof tabs / sizeof tabs[0]; i++) {
		struct tval *t = tv_map(a);
		int64_t c = tabs[i].state >= 0 ? counts[tabs[i].state] : counts[0] + counts[1] + counts[2] + counts[3];
		tv_set_str(a, t, "label", tabs[i].label);
		tv_set_str(a, t, "url", arena_printf(a, "/quan-tri/gop-y?trang-thai=%s", tabs[i].value));
		tv_set_int(a, t, "count", c);
		tv_set_bool(a, t, "current", i == cur);
		tv_push(tl, t);
	}
	struct feedback_filter f = {.site_id = ad->site.id, .state = tabs[cur].state, .article_id = -1,
				    .limit = PER_PAGE, .offset = (int)(page - 1) * PER_PAGE};
	struct feedback *items;
	size_t n = 0;
	int64_t total = 0;
	if (store_feedback_list(ad->app->store, &f, a, &items, &n, &total) != LOA_OK)
		n = 0;
	struct tval *rows = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		struct tval *r = tv_map(a);
		int st = state_index(items[i].state);
		tv_set_int(a, r, "id", items[i].id);
		tv_set_str(a, r, "code", items[i].code);
		tv_set_str(a, r, "title", items[i].title);
		tv_set_str(a, r, "name", items[i].name);
		tv_set_str(a, r, "created", admin_when(a, items[i].created_at));
		tv_set_str(a, r, "state", state_keys[st]);
		tv_set_str(a, r, "state_label", state_labels[st]);
		tv_set_str(a, r, "article_title", items[i].article_title);
		tv_set_bool(a, r, "has_attachment", *items[i].attachment != '\0');
		tv_set_str(a, r, "edit_url", arena_printf(a, "/quan-tri/gop-y/%lld", (long long)items[i].id));
		tv_push(rows, r);
	}
	tv_set(ad->root, "tabs", tl);
	tv_set(ad->root, "rows", rows);
	tv_set_bool(a, ad->root, "empty", n == 0);
	tv_set_str(a, ad->root, "csv_url", arena_printf(a, "/quan-tri/gop-y.csv?trang-thai=%s", tabs[cur].value));
	admin_pager(ad, arena_printf(a, "/quan-tri/gop-y?trang-thai=%s", tabs[cur].value), (int)page, total, PER_PAGE);
	admin_finish(ad, "feedback", "Hỏi đáp - Góp ý", 200);
}

static void render_item(struct admin *ad, const struct feedback *f, struct tval *errors, int status)
{
	struct arena *a = ad->a;
	struct tval *it = tv_map(a);
	int st = state_index(f->state);
	tv_set_int(a, it, "id", f->id);
	tv_set_str(a, it, "code", f->code);
	tv_set_str(a, it, "title", f->title);
	tv_set_str(a, it, "content", f->content);
	tv_set_str(a, it, "name", f->name);
	tv_set_str(a, it, "address", f->address);
	tv_set_str(a, it, "email", f->email);
	tv_set_str(a, it, "phone", f->phone);
	tv_set_str(a, it, "created", admin_when(a, f->created_at));
	tv_set_str(a, it, "state", state_keys[st]);
	tv_set_str(a, it, "state_label", state_labels[st]);
	tv_set_str(a, it, "article_title", f->article_title);
	tv_set_str(a, it, "article_url", f->article_url);
	tv_set_str(a, it, "attachment_url",
		   *f->attachment ? arena_printf(a, "/quan-tri/gop-y/%lld/tep", (long long)f->id) : "");
	tv_set_str(a, it, "attachment_name", f->attachment);
	tv_set_str(a, it, "attachment_mime", f->attachment_mime);
	tv_set_str(a, it, "reason", f->reason);
	tv_set_str(a, it, "answer", f->answer);
	tv_set_str(a, it, "answered_by_name", f->answered_by_name);
	tv_set_str(a, it, "answered", admin_when(a, f->answered_at));
	tv_set_str(a, it, "published", admin_when(a, f->published_at));
	tv_set_bool(a, it, "contacts_erased", f->contacts_erased);
	tv_set(ad->root, "item", it);
	tv_set(ad->root, "errors", errors ? errors : tv_map(a));
	admin_finish(ad, "feedback_item", arena_printf(a, "Ý kiến %s", f->code), status);
}

static void send_attachment(struct admin *ad, const struct feedback *f)
{
	struct buf path = BUF_INIT, data = BUF_INIT;
	buf_addf(&path, "%s/%s", ad->app->cfg.attach_dir, f->attachment);
	int fd = open(path.data, O_RDONLY);
	if (fd < 0) {
		buf_reset(&path);
		admin_error(ad, 404, "Không còn tệp đính kèm này (có thể đã bị xóa theo thời hạn lưu trữ).");
		return;
	}
	char chunk[65536];
	ssize_t r;
	while ((r = read(fd, chunk, sizeof chunk)) > 0)
		buf_add(&data, chunk, (size_t)r);
	close(fd);
	/* served as a download, never rendered inline in the admin's origin */
	http_header(ad->req, "content-disposition",
		    arena_printf(ad->a, "attachment; filename=\"%s\"", f->attachment));
	http_header(ad->req, "content-security-policy", "sandbox");
	http_send(ad->req, 200, f->attachment_mime, data.data, data.len, 0);
	buf_reset(&data);
	buf_reset(&path);
}

/* The item the route's {id} names; answers 404 itself. */
static bool feedback_of_or_reply(struct admin *ad, struct feedback *f)
{
	if (store_feedback_get(ad->app->store, ad->site.id, http_req_param_id(ad->req, 0), ad->a, f) != LOA_OK) {
		admin_error(ad, 404, "Không tìm thấy ý kiến này.");
		return false;
	}
	return true;
}

void admin_feedback_item(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct feedback f;
	if (feedback_of_or_reply(ad, &f))
		render_item(ad, &f, NULL, 200);
}

void admin_feedback_attachment(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct feedback f;
	if (!feedback_of_or_reply(ad, &f))
		return;
	if (*f.attachment)
		send_attachment(ad, &f);
	else
		admin_error(ad, 404, "Ý kiến này không có tệp đính kèm.");
}

void admin_feedback_act(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct arena *a = ad->a;
	struct feedback f;
	if (!feedback_of_or_reply(ad, &f))
		return;
	int64_t id = f.id;
	const char *action = admin_field(ad, "action");
	const char *answer = admin_field(ad, "tra-loi"), *reason = admin_field(ad, "ly-do");
	answer = text_clean(a, answer, strlen(answer));
	reason = text_clean(a, reason, strlen(reason));
	struct tval *errors = tv_map(a);
	if (!answer || text_length(answer, strlen(answer)) > MAX_ANSWER) {
		tv_set_str(a, errors, "answer", "Câu trả lời dài quá 10.000 ký tự.");
		render_item(ad, &f, errors, 422);
		return;
	}
	if (!reason || text_length(reason, strlen(reason)) > 1000) {
		tv_set_str(a, errors, "reason", "Lý do dài quá 1.000 ký tự.");
		render_item(ad, &f, errors, 422);
		return;
	}
	const char *audit = NULL;
	bool was_public = f.state == FB_PUBLISHED;
	bool answered = false; /* a new or changed answer: the sender may be mailed */
	if (strcmp(action, "luu") == 0 || strcmp(action, "dang") == 0) {
		if (!*answer) {
			tv_set_str(a, errors, "answer", "Hãy viết câu trả lời chính thức.");
			f.answer = "";
			render_item(ad, &f, errors, 422);
			return;
		}
		if (strcmp(f.answer, answer) != 0 || !f.answered_at) {
			f.answered_by = ad->user.id;
			f.answered_at = ad->now;
			answered = true;
		}
		f.answer = answer;
		if (strcmp(action, "dang") == 0) {
			f.state = FB_PUBLISHED;
			if (!was_public)
				f.published_at = ad->now;
			audit = "feedback-publish";
		} else {
			if (!was_public)
				f.state = FB_ANSWERED;
			audit = "feedback-answer";
		}
		f.reason = "";
	} else if (strcmp(action, "go-xuong") == 0 && was_public) {
		f.state = FB_ANSWERED;
		audit = "feedback-unpublish";
	} else if (strcmp(action, "tu-choi") == 0) {
		if (!*reason) {
			tv_set_str(a, errors, "reason", "Hãy ghi lý do không đăng (người gửi sẽ đọc được).");
			render_item(ad, &f, errors, 422);
			return;
		}
		f.state = FB_DECLINED;
		f.reason = reason;
		audit = "feedback-decline";
	} else if (strcmp(action, "spam") == 0) {
		f.state = FB_SPAM;
		f.reason = "biên tập viên đánh dấu thư rác";
		audit = "feedback-spam";
	} else if (strcmp(action, "khoi-phuc") == 0 && f.state == FB_SPAM) {
		f.state = *f.answer ? FB_ANSWERED : FB_NEW;
		f.reason = "";
		audit = "feedback-restore";
	} else {
		admin_error(ad, 400, "Thao tác không hợp lệ.");
		return;
	}
	f.updated_at = ad->now;
	struct outbox_ctx mail;
	admin_outbox_ctx(ad, &mail);
	struct store *st = ad->app->store;
	bool begun = store_begin(st) == LOA_OK;
	int rc = begun ? store_feedback_update(st, &f) : LOA_ERROR;
	if (rc == LOA_OK && answered)
		rc = outbox_feedback_answered(&mail, &f);
	if (rc == LOA_OK)
		rc = store_commit(st);
	if (rc != LOA_OK) {
		if (begun)
			store_rollback(st);
		tv_set_str(a, errors, "general", "Không lưu được. Vui lòng thử lại.");
		render_item(ad, &f, errors, 503);
		return;
	}
	admin_audit(ad, audit, arena_printf(a, "ý kiến %s", f.code), f.title);
	if (was_public || f.state == FB_PUBLISHED)
		admin_content_changed(ad);
	admin_redirect(ad, arena_printf(a, "/quan-tri/gop-y/%lld", (long long)id), "da-luu");
}

void admin_feedback_csv(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct arena *a = ad->a;
	const char *tab = http_req_query(req, "trang-thai");
	int state = -1;
	for (size_t i = 0; tab && i < sizeof tabs / sizeof tabs[0]; i++)
		if (strcmp(tab, tabs[i].value) == 0)
			state = tabs[i].state;
	struct feedback_filter f = {.site_id = ad->site.id, .state = state, .article_id = -1, .limit = 100000};
	struct feedback *items;
	size_t n = 0;
	int64_t total;
	if (store_feedback_list(ad->app->store, &f, a, &items, &n, &total) != LOA_OK)
		n = 0;
	struct buf b = BUF_INIT;
	buf_adds(&b, "\xEF\xBB\xBF\"Mã\",\"Ngày gửi\",\"Trạng thái\",\"Họ tên\",\"Địa chỉ\",\"Thư điện tử\",\"Điện thoại\","
		     "\"Tiêu đề\",\"Nội dung\",\"Bài viết\",\"Trả lời\",\"Người trả lời\",\"Ngày trả lời\"\r\n");
	for (size_t i = 0; i < n; i++) {
		const char *cols[] = {items[i].code, admin_when(a, items[i].created_at), state_labels[state_index(items[i].state)],
				      items[i].name, items[i].address, items[i].email, items[i].phone, items[i].title,
				      items[i].content, items[i].article_title, items[i].answer, items[i].answered_by_name,
				      admin_when(a, items[i].answered_at)};
		for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++) {
			if (k)
				buf_addch(&b, ',');
			esc_csv(&b, cols[k] ? cols[k] : "");
		}
		buf_adds(&b, "\r\n");
	}
	admin_audit(ad, "feedback-export", "", arena_printf(a, "%zu ý kiến", n));
	http_header(req, "content-disposition", "attachment; filename=\"hoi-dap-gop-y.csv\"");
	http_send(req, 200, "text/csv; charset=utf-8", b.data, b.len, 0);
	buf_reset(&b);
}
