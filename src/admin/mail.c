/* mail.c — the newsroom's mail room (admins): the SMTP settings and who
 * receives what (/quan-tri/thu), the editors' addresses, a test mail, and
 * the outbox (/quan-tri/thu/hop-thu) with each message's state, its last
 * error and "Gửi lại ngay". Also admin_outbox_ctx, with which the other
 * rooms queue their notifications (mail/outbox.h). */
#include <stdio.h>
#include <string.h>

#include "admin/adminInt.h"
#include "app.h"
#include "core/num.h"
#include "core/status.h"
#include "core/text.h"
#include "mail/message.h"
#include "mail/outbox.h"
#include "store/store_mail.h"
#include "store/store_newsroom.h"

#define PER_PAGE 50

void admin_outbox_ctx(struct admin *ad, struct outbox_ctx *c)
{
	const char *host = http_req_header(ad->req, "host");
	*c = (struct outbox_ctx){
		.st = ad->app->store,
		.tmpl = app_theme(ad->app)->tmpl,
		.site = &ad->site,
		.base_url = arena_printf(ad->a, "%s://%s", http_req_is_tls(ad->req) ? "https" : "http",
					 host && *host ? host : "localhost"),
		.now = ad->now,
		.a = ad->a,
	};
}

static const char *const security_keys[] = {"khong", "starttls", "tls"};
static const char *const security_labels[] = {"Không mã hóa", "STARTTLS (thường là cổng 587)",
					      "TLS ngay từ đầu (thường là cổng 465)"};

/* A one-line field cleaned to NFC, at most max characters; NULL with
 * errors[key] set when longer or not a single line. */
static const char *line_field(struct admin *ad, const char *name, size_t max, struct tval *errors, const char *key,
			      const char *label)
{
	const char *v = admin_field(ad, name);
	const char *c = text_clean(ad->a, v, strlen(v));
	if (!c || text_length(c, strlen(c)) > max || strpbrk(c, "\r\n")) {
		tv_set_str(ad->a, errors, key, arena_printf(ad->a, "%s dài quá %zu ký tự hoặc không hợp lệ.", label, max));
		return NULL;
	}
	return c;
}

/* An address field: "" or one valid address. */
static const char *addr_field(struct admin *ad, const char *name, struct tval *errors, const char *key)
{
	const char *v = admin_field(ad, name);
	if (*v && !mail_addr_ok(v)) {
		tv_set_str(ad->a, errors, key, "Địa chỉ thư không hợp lệ (cần dạng ten@tenmien.gov.vn).");
		return NULL;
	}
	return v;
}

static void settings_form(struct admin *ad, const struct mail_settings *ms, struct tval *errors)
{
	struct arena *a = ad->a;
	struct tval *form = tv_map(a), *sec = tv_list(a);
	tv_set_str(a, form, "host", ms->host);
	tv_set_str(a, form, "port", arena_printf(a, "%d", ms->port));
	tv_set_str(a, form, "login", ms->login);
	tv_set_bool(a, form, "has_password", ms->password && *ms->password);
	tv_set_str(a, form, "from_addr", ms->from_addr);
	tv_set_str(a, form, "from_name", ms->from_name);
	tv_set_str(a, form, "feedback_to", ms->feedback_to);
	for (int i = 0; i < 3; i++) {
		struct tval *o = tv_map(a);
		tv_set_str(a, o, "value", security_keys[i]);
		tv_set_str(a, o, "label", security_labels[i]);
		tv_set_bool(a, o, "selected", ms->security == i);
		tv_push(sec, o);
	}
	tv_set(form, "security", sec);
	tv_set(ad->root, "form", form);
	tv_set(ad->root, "errors", errors);
	struct user *users;
	size_t n = 0;
	struct tval *list = tv_list(a);
	if (store_user_list(ad->app->store, ad->site.id, a, &users, &n) == LOA_OK)
		for (size_t i = 0; i < n; i++) {
			const char *email = "";
			store_user_email_get(ad->app->store, users[i].id, a, &email);
			struct tval *u = tv_map(a);
			tv_set_int(a, u, "id", users[i].id);
			tv_set_str(a, u, "name", *users[i].name ? users[i].name : users[i].login);
			tv_set_str(a, u, "login", users[i].login);
			tv_set_str(a, u, "role", admin_role_label(users[i].role));
			tv_set_str(a, u, "email", email);
			tv_push(list, u);
		}
	tv_set(ad->root, "users", list);
}

void admin_mail_settings(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct arena *a = ad->a;
	struct tval *errors = tv_map(a);
	struct mail_settings ms;
	if (store_mail_settings_get(ad->app->store, ad->site.id, a, &ms) != LOA_OK) {
		admin_error(ad, 503, "Không đọc được thiết lập thư. Vui lòng thử lại.");
		return;
	}
	int status = 200;
	if (strcmp(http_req_method(req), "POST") == 0) {
		struct mail_settings in = ms;
		bool ok = true;
		int64_t port = 0;
		const char *host = line_field(ad, "may-chu", 253, errors, "host", "Máy chủ thư");
		const char *ps = admin_field(ad, "cong");
		if (host && (strpbrk(host, " /\\@:") || (!*host && (*admin_field(ad, "dia-chi-gui")))))
			tv_set_str(a, errors, "host", *host ? "Tên máy chủ không được chứa dấu cách, @, : hay /."
							   : "Hãy nhập máy chủ thư (ví dụ smtp.tenmien.gov.vn).");
		if (!num_parse_i64(ps, 1, 65535, &port))
			tv_set_str(a, errors, "port", "Cổng phải là số từ 1 đến 65535.");
		const char *sec = admin_field(ad, "bao-mat");
		in.security = -1;
		for (int i = 0; i < 3; i++)
			if (strcmp(sec, security_keys[i]) == 0)
				in.security = i;
		if (in.security < 0)
			tv_set_str(a, errors, "security", "Hãy chọn cách bảo mật kết nối.");
		const char *login = line_field(ad, "ten-dang-nhap", 254, errors, "login", "Tên đăng nhập");
		const char *pw = admin_field(ad, "mat-khau");
		if (strlen(pw) > 512 || strpbrk(pw, "\r\n"))
			tv_set_str(a, errors, "password", "Mật khẩu dài quá 512 ký tự hoặc không hợp lệ.");
		const char *from = addr_field(ad, "dia-chi-gui", errors, "from_addr");
		if (from && !*from && host && *host)
			tv_set_str(a, errors, "from_addr", "Hãy nhập địa chỉ gửi thư (ví dụ thongbao@tenxa.gov.vn).");
		const char *from_name = line_field(ad, "ten-nguoi-gui", 200, errors, "from_name", "Tên người gửi");
		const char *fb = addr_field(ad, "nhan-gop-y", errors, "feedback_to");
		ok = tv_get(errors, "host") == NULL && tv_get(errors, "port") == NULL && tv_get(errors, "security") == NULL &&
		     login && tv_get(errors, "password") == NULL && tv_get(errors, "from_addr") == NULL && from_name && fb;
		if (ok) {
			in.host = host;
			in.port = (int)port;
			in.login = login;
			in.password = *pw ? pw : NULL; /* blank keeps the stored one */
			in.from_addr = from;
			in.from_name = from_name;
			in.feedback_to = fb;
			if (store_mail_settings_put(ad->app->store, &in) == LOA_OK) {
				admin_audit(ad, "mail-settings", in.host, in.from_addr);
				admin_redirect(ad, "/quan-tri/thu", "da-luu");
				return;
			}
			tv_set_str(a, errors, "general", "Không lưu được thiết lập thư. Vui lòng thử lại.");
		} else {
			tv_set_str(a, errors, "general", "Vui lòng sửa các mục được đánh dấu.");
		}
		status = 422;
		ms.host = admin_field(ad, "may-chu");
		ms.port = port ? (int)port : ms.port;
		ms.security = in.security >= 0 ? in.security : ms.security;
		ms.login = admin_field(ad, "ten-dang-nhap");
		ms.from_addr = admin_field(ad, "dia-chi-gui");
		ms.from_name = admin_field(ad, "ten-nguoi-gui");
		ms.feedback_to = admin_field(ad, "nhan-gop-y");
	}
	settings_form(ad, &ms, errors);
	admin_finish(ad, "mail", "Thư thông báo", status);
}

void admin_mail_test(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct arena *a = ad->a;
	struct tval *errors = tv_map(a);
	const char *to = admin_field(ad, "gui-toi");
	struct mail_settings ms;
	store_mail_settings_get(ad->app->store, ad->site.id, a, &ms);
	if (!mail_addr_ok(to)) {
		tv_set_str(a, errors, "test", "Hãy nhập một địa chỉ thư hợp lệ để gửi thư thử.");
	} else {
		struct outbox_ctx c;
		admin_outbox_ctx(ad, &c);
		int rc = outbox_test(&c, to);
		if (rc == LOA_OK) {
			admin_audit(ad, "mail-test", to, "");
			admin_redirect(ad, "/quan-tri/thu/hop-thu", "da-xep-thu");
			return;
		}
		tv_set_str(a, errors, "test", rc == LOA_INVALID ? "Hãy lưu máy chủ thư và địa chỉ gửi trước khi gửi thư thử."
							       : "Không xếp được thư thử vào hàng đợi. Vui lòng thử lại.");
	}
	settings_form(ad, &ms, errors);
	tv_set_str(a, ad->root, "test_to", to);
	admin_finish(ad, "mail", "Thư thông báo", 422);
}

/* The editors' addresses: one field "email-{id}" per user of the site. */
void admin_mail_users(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct arena *a = ad->a;
	struct tval *errors = tv_map(a);
	struct user *users;
	size_t n = 0;
	struct mail_settings ms;
	store_mail_settings_get(ad->app->store, ad->site.id, a, &ms);
	if (store_user_list(ad->app->store, ad->site.id, a, &users, &n) != LOA_OK) {
		admin_error(ad, 503, "Không đọc được danh sách người dùng.");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const char *v = admin_field(ad, arena_printf(a, "email-%lld", (long long)users[i].id));
		if (*v && !mail_addr_ok(v))
			tv_set_str(a, errors, "users",
				   arena_printf(a, "Địa chỉ thư của %s không hợp lệ.", *users[i].name ? users[i].name : users[i].login));
	}
	if (tv_get(errors, "users")) {
		settings_form(ad, &ms, errors);
		admin_finish(ad, "mail", "Thư thông báo", 422);
		return;
	}
	bool begun = store_begin(ad->app->store) == LOA_OK;
	int rc = begun ? LOA_OK : LOA_ERROR;
	for (size_t i = 0; i < n && rc == LOA_OK; i++)
		rc = store_user_email_set(ad->app->store, users[i].id,
					  admin_field(ad, arena_printf(a, "email-%lld", (long long)users[i].id)));
	if (rc == LOA_OK && store_commit(ad->app->store) == LOA_OK) {
		admin_audit(ad, "mail-users", "", arena_printf(a, "%zu người dùng", n));
		admin_redirect(ad, "/quan-tri/thu#nguoi-nhan", "da-luu");
		return;
	}
	if (begun)
		store_rollback(ad->app->store);
	tv_set_str(a, errors, "users", "Không lưu được địa chỉ thư. Vui lòng thử lại.");
	settings_form(ad, &ms, errors);
	admin_finish(ad, "mail", "Thư thông báo", 503);
}

static const struct {
	const char *value, *label;
	int state;
} tabs[] = {
	{"", "Tất cả", -1}, {"cho-gui", "Chờ gửi", OUTBOX_QUEUED}, {"da-gui", "Đã gửi", OUTBOX_SENT},
	{"that-bai", "Thất bại", OUTBOX_FAILED},
};

static const char *const kind_labels[][2] = {
	{"feedback", "Ý kiến mới"}, {"submitted", "Bài chờ duyệt"}, {"returned", "Bài bị trả lại"},
	{"published", "Bài đã đăng"}, {"answered", "Trả lời ý kiến"}, {"test", "Thư thử"},
};

void admin_mail_outbox(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct arena *a = ad->a;
	const char *tab = http_req_query(req, "trang-thai"), *trang = http_req_query(req, "trang");
	int64_t page = 1;
	if (trang && !num_parse_i64(trang, 1, 1000000, &page))
		page = 1;
	int state = -1;
	const char *tabv = "";
	struct tval *tl = tv_list(a);
	for (size_t i = 0; i < sizeof tabs / sizeof tabs[0]; i++) {
		bool on = tab ? strcmp(tab, tabs[i].value) == 0 : i == 0;
		if (on) {
			state = tabs[i].state;
			tabv = tabs[i].value;
		}
		struct tval *t = tv_map(a);
		tv_set_str(a, t, "label", tabs[i].label);
		tv_set_str(a, t, "url", *tabs[i].value ? arena_printf(a, "/quan-tri/thu/hop-thu?trang-thai=%s", tabs[i].value)
						       : "/quan-tri/thu/hop-thu");
		tv_set_bool(a, t, "current", on);
		tv_push(tl, t);
	}
	struct outbox_msg *rows;
	size_t n = 0;
	int64_t total = 0;
	if (store_outbox_list(ad->app->store, ad->site.id, state, PER_PAGE, (int)(page - 1) * PER_PAGE, a, &rows, &n,
			      &total) != LOA_OK)
		n = 0;
	static const char *state_keys[] = {"queued", "sent", "failed"};
	static const char *state_labels[] = {"Chờ gửi", "Đã gửi", "Thất bại"};
	struct tval *list = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		struct tval *t = tv_map(a);
		int st = rows[i].state >= 0 && rows[i].state <= 2 ? rows[i].state : 0;
		const char *kind = rows[i].kind;
		for (size_t k = 0; k < sizeof kind_labels / sizeof kind_labels[0]; k++)
			if (strcmp(kind, kind_labels[k][0]) == 0)
				kind = kind_labels[k][1];
		tv_set_int(a, t, "id", rows[i].id);
		tv_set_str(a, t, "kind", kind);
		tv_set_str(a, t, "rcpt", rows[i].rcpt);
		tv_set_str(a, t, "subject", rows[i].subject);
		tv_set_str(a, t, "state", state_keys[st]);
		tv_set_str(a, t, "state_label", state_labels[st]);
		tv_set_int(a, t, "attempts", rows[i].attempts);
		tv_set_str(a, t, "error", rows[i].last_error);
		tv_set_str(a, t, "created", admin_when(a, rows[i].created_at));
		tv_set_str(a, t, "when", st == OUTBOX_SENT ? admin_when(a, rows[i].sent_at)
							    : st == OUTBOX_QUEUED ? admin_when(a, rows[i].next_at) : "");
		tv_set_bool(a, t, "can_retry", st != OUTBOX_SENT);
		tv_set_str(a, t, "retry_url", arena_printf(a, "/quan-tri/thu/hop-thu/%lld/gui-lai", (long long)rows[i].id));
		tv_push(list, t);
	}
	tv_set(ad->root, "tabs", tl);
	tv_set(ad->root, "rows", list);
	tv_set_int(a, ad->root, "total", total);
	admin_pager(ad, *tabv ? arena_printf(a, "/quan-tri/thu/hop-thu?trang-thai=%s", tabv) : "/quan-tri/thu/hop-thu",
		    (int)page, total, PER_PAGE);
	admin_finish(ad, "outbox", "Hộp thư đi", 200);
}

void admin_mail_retry(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	int64_t id = http_req_param_id(req, 0);
	if (store_outbox_retry_now(ad->app->store, ad->site.id, id, ad->now) != LOA_OK) {
		admin_error(ad, 404, "Không tìm thấy thư chờ gửi hoặc thất bại này.");
		return;
	}
	admin_audit(ad, "mail-retry", arena_printf(ad->a, "thư #%lld", (long long)id), "");
	admin_redirect(ad, "/quan-tri/thu/hop-thu", "da-xep-thu");
}
