/* core.c — what every newsroom page shares: the session check, the CSRF
 * check, roles, the layout context, notices, the audit log, lists. */
#include <assert.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "admin/admin.h"
#include "admin/adminInt.h"
#include "auth/auth.h"
#include "core/buf.h"
#include "core/num.h"
#include "core/status.h"
#include "core/vntime.h"
#include "render/escape.h"
#include "render/pagecache.h"
#include "render/pager.h"
#include "store/store_feedback.h"

/* Notice codes carried by ?tb= after a redirect, and their text. */
static const struct {
	const char *code, *message;
} notices[] = {
	{"da-luu", "Đã lưu."},
	{"da-xep-thu", "Đã xếp thư vào hàng đợi; thư sẽ được gửi trong giây lát."},
	{"da-gui-duyet", "Đã gửi bài cho biên tập viên duyệt."},
	{"da-xuat-ban", "Đã xuất bản. Bài viết đã có trên trang."},
	{"da-hen-gio", "Đã hẹn giờ xuất bản."},
	{"da-go-bai", "Đã gỡ bài khỏi trang."},
	{"da-tra-lai", "Đã trả bài lại cho người viết kèm ghi chú."},
	{"da-khoi-phuc", "Đã khôi phục phiên bản cũ thành bản nháp mới. Hãy kiểm tra rồi lưu hoặc xuất bản."},
	{"da-xoa", "Đã xóa."},
	{"da-them", "Đã thêm."},
	{"da-tai-anh", "Đã tải ảnh lên."},
	{"da-xoa-anh", "Đã xóa ảnh và các tệp của nó."},
	{"da-tai-tep", "Đã tải tệp lên."},
	{"da-go-tep", "Đã gỡ tệp."},
	{"da-sao-chep", "Đã sao chép lịch tuần trước."},
	{"da-dang-xuat", "Bạn đã đăng xuất."},
	{"da-khoi-phuc-trang", "Đã khôi phục phiên bản cũ của trang; nội dung trước đó vẫn còn trong danh sách phiên bản."},
};

bool admin_is_approver(const struct admin *ad)
{
	return ad->user.role >= ROLE_APPROVER;
}

bool admin_is_admin(const struct admin *ad)
{
	return ad->user.role >= ROLE_ADMIN;
}

const char *admin_role_label(int role)
{
	switch (role) {
	case ROLE_ADMIN:
		return "Quản trị";
	case ROLE_APPROVER:
		return "Biên tập viên";
	default:
		return "Phóng viên";
	}
}

const char *admin_status_label(int status)
{
	switch (status) {
	case ARTICLE_PENDING:
		return "Chờ duyệt";
	case ARTICLE_SCHEDULED:
		return "Hẹn giờ";
	case ARTICLE_PUBLISHED:
		return "Đã đăng";
	default:
		return "Nháp";
	}
}

const char *admin_status_key(int status)
{
	switch (status) {
	case ARTICLE_PENDING:
		return "pending";
	case ARTICLE_SCHEDULED:
		return "scheduled";
	case ARTICLE_PUBLISHED:
		return "published";
	default:
		return "draft";
	}
}

const char *admin_field(struct admin *ad, const char *name)
{
	const char *v = http_req_form(ad->req, name);
	if (!v)
		return ""; /* absent, or not valid UTF-8 (no browser sends that) */
	while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
		v++;
	size_t n = strlen(v);
	while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\n' || v[n - 1] == '\r'))
		n--;
	return arena_strndup(ad->a, v, n);
}

void admin_content_changed(struct admin *ad)
{
	int64_t v;
	pagecache_clear(ad->app->cache);
	if (store_content_version(ad->app->store, &v) == LOA_OK)
		app_content_version_set(ad->app, v);
}

void admin_audit(struct admin *ad, const char *action, const char *object, const char *detail)
{
	struct audit_entry e = {
		.site_id = ad->site.id,
		.user_id = ad->user.id,
		.action = action,
		.object = object ? object : "",
		.detail = detail ? detail : "",
		.addr = http_req_remote_addr(ad->req),
		.at = ad->now,
	};
	store_audit_add(ad->app->store, &e);
}

static void send_login_redirect(struct http_req *req)
{
	struct buf b = BUF_INIT;
	const char *path = http_req_raw_path(req);
	buf_adds(&b, "/quan-tri/dang-nhap?tiep=");
	esc_url_component(&b, path, strlen(path));
	http_redirect(req, 302, b.data);
	buf_reset(&b);
}

static void send_plain_403(struct http_req *req, const char *msg)
{
	http_header(req, "cache-control", "no-store");
	http_send(req, 403, "text/plain; charset=utf-8", msg, strlen(msg), 0);
}

/* The user behind the session cookie, or false. Slides the session's
 * expiry at most once a minute (not a write per request). */
static bool load_session(struct admin *ad)
{
	const char *token = http_req_cookie(ad->req, AUTH_COOKIE);
	if (!token || !auth_token_valid(token))
		return false;
	char hash[AUTH_TOKEN_HASH_LEN + 1];
	auth_token_hash(token, hash);
	struct session s;
	if (store_session_get(ad->app->store, hash, ad->a, &s) != LOA_OK)
		return false;
	if (s.expires_at <= ad->now || s.created_at + ADMIN_SESSION_MAX <= ad->now) {
		store_session_delete(ad->app->store, hash);
		return false;
	}
	if (store_user_get(ad->app->store, s.user_id, ad->a, &ad->user) != LOA_OK || ad->user.disabled)
		return false;
	if (ad->now - s.seen_at >= 60)
		store_session_touch(ad->app->store, hash, ad->now, ad->now + ADMIN_SESSION_IDLE);
	ad->token = token;
	return true;
}

static void add_layout_context(struct admin *ad, const char *section)
{
	struct arena *a = ad->a;
	struct tval *root = ad->root = tv_map(a);
	struct tval *site = tv_map(a), *user = tv_map(a), *asset = tv_map(a);
	tv_set_str(a, site, "name", ad->site.name);
	tv_set_str(a, site, "logo", ad->site.logo);
	tv_set_str(a, site, "url", "/");
	tv_set_int(a, site, "id", ad->site.id);
	tv_set(root, "site", site);
	tv_set(root, "sites", tv_list(a));
	tv_set_str(a, user, "name", *ad->user.name ? ad->user.name : ad->user.login);
	tv_set_str(a, user, "login", ad->user.login);
	tv_set_str(a, user, "role_label", admin_role_label(ad->user.role));
	tv_set_bool(a, user, "is_admin", admin_is_admin(ad));
	tv_set_bool(a, user, "is_approver", admin_is_approver(ad));
	tv_set(root, "user", user);
	tv_set_str(a, root, "csrf", ad->csrf);
	ad->page = tv_map(a);
	tv_set_str(a, ad->page, "section", section);
	tv_set(root, "page", ad->page);
	const char *version = app_theme(ad->app)->asset_version;
	tv_set_str(a, asset, "css", arena_printf(a, "/static/%s/admin.css", version));
	tv_set_str(a, asset, "icon", arena_printf(a, "/static/%s/favicon.svg", version));
	tv_set_str(a, asset, "editor_js", arena_printf(a, "/static/%s/editor.js", version));
	tv_set_str(a, asset, "admin_js", arena_printf(a, "/static/%s/admin.js", version));
	tv_set(root, "asset", asset);
	if (admin_is_approver(ad)) {
		int64_t counts[5] = {0};
		if (store_feedback_counts(ad->app->store, ad->site.id, counts) == LOA_OK)
			tv_set_int(a, root, "feedback_new", counts[FB_NEW]);
	}
	const char *code = http_req_query(ad->req, "tb");
	for (size_t i = 0; code && i < sizeof notices / sizeof notices[0]; i++)
		if (strcmp(code, notices[i].code) == 0) {
			struct tval *flash = tv_map(a);
			tv_set_bool(a, flash, "ok", true);
			tv_set_str(a, flash, "message", notices[i].message);
			tv_set(root, "flash", flash);
		}
}

bool admin_guard(void *app_, struct http_req *req, const struct http_route *route)
{
	struct app *app = app_;
	struct admin *ad = arena_alloc(http_req_arena(req), sizeof *ad);
	memset(ad, 0, sizeof *ad);
	ad->app = app;
	ad->req = req;
	ad->a = http_req_arena(req);
	ad->now = (int64_t)time(NULL);
	http_header(req, "cache-control", "no-store");
	http_header(req, "x-frame-options", "DENY");
	http_header(req, "referrer-policy", "same-origin");
	bool post = strcmp(http_req_method(req), "POST") == 0;
	if (store_site_for_host(app->store, http_req_host(req), ad->a, &ad->site) != LOA_OK) {
		send_plain_403(req, "Trang chưa được khởi tạo.");
		return false;
	}
	if (!load_session(ad)) {
		if (post)
			send_plain_403(req, "Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.");
		else
			send_login_redirect(req);
		return false;
	}
	char csrf[AUTH_CSRF_LEN + 1];
	auth_csrf_token(app->csrf_key, ad->token, csrf);
	ad->csrf = arena_strdup(ad->a, csrf);
	add_layout_context(ad, route->tag ? route->tag : "");
	if (ad->user.site_id && ad->user.site_id != ad->site.id) {
		admin_error(ad, 403, "Tài khoản của bạn không thuộc trang này.");
		return false;
	}
	if (route->flags & HTTP_ROUTE_CSRF) {
		const char *given = http_req_form(req, "csrf");
		if (!given)
			given = http_req_header(req, "x-csrf-token");
		if (!given || !auth_csrf_check(app->csrf_key, ad->token, given)) {
			admin_error(ad, 403, "Biểu mẫu đã hết hạn hoặc không hợp lệ (mã chống giả mạo sai). "
					     "Hãy tải lại trang rồi thử lại.");
			return false;
		}
	}
	if (ad->user.role < route->role) {
		admin_error(ad, 403, "Bạn không có quyền thực hiện thao tác này.");
		return false;
	}
	http_req_set_data(req, ad);
	return true;
}

struct admin *admin_of(struct http_req *req)
{
	struct admin *ad = http_req_data(req);
	assert(ad && ad->req == req); /* only routes with a role reach newsroom handlers */
	return ad;
}

void admin_finish(struct admin *ad, const char *tmpl, const char *title, int status)
{
	struct buf content = BUF_INIT, out = BUF_INIT;
	const char *name = arena_printf(ad->a, "admin/%s", tmpl);
	const struct tmpl_set *set = app_theme(ad->app)->tmpl;
	tv_set_str(ad->a, ad->page, "title", title);
	if (tmpl_render(set, name, ad->root, &content) != LOA_OK)
		buf_addf(&content, "<p>Thiếu mẫu giao diện %s.</p>", name);
	tv_set(ad->root, "content", tv_html(ad->a, arena_strndup(ad->a, content.data, content.len)));
	if (tmpl_render(set, "admin/layout", ad->root, &out) != LOA_OK)
		buf_add(&out, content.data, content.len);
	http_send(ad->req, status, "text/html; charset=utf-8", out.data, out.len, HTTP_COMPRESS);
	buf_reset(&content);
	buf_reset(&out);
}

void admin_error(struct admin *ad, int status, const char *message)
{
	tv_set_int(ad->a, ad->root, "status", status);
	tv_set_str(ad->a, ad->root, "message", message);
	const char *title = status == 403 ? "Không có quyền" : status == 404 ? "Không tìm thấy" : "Yêu cầu không hợp lệ";
	tv_set_str(ad->a, ad->root, "title", title);
	admin_finish(ad, "error", title, status);
}

void admin_redirect(struct admin *ad, const char *url, const char *code)
{
	/* the notice goes in the query, before a #fragment */
	const char *hash = strchr(url, '#');
	int base = hash ? (int)(hash - url) : (int)strlen(url);
	const char *q = memchr(url, '?', (size_t)base);
	const char *to = code ? arena_printf(ad->a, "%.*s%ctb=%s%s", base, url, q ? '&' : '?', code, hash ? hash : "")
			      : url;
	http_redirect(ad->req, 303, to);
}

struct tval *admin_article_row(struct admin *ad, const struct article *art, const char *author_name)
{
	struct arena *a = ad->a;
	struct tval *r = tv_map(a);
	char upd[17], pub[17];
	vn_format_datetime(art->updated_at, upd);
	vn_format_datetime(art->published_at, pub);
	tv_set_int(a, r, "id", art->id);
	tv_set_str(a, r, "title", art->title);
	tv_set_str(a, r, "status", admin_status_key(art->status));
	tv_set_str(a, r, "status_label", admin_status_label(art->status));
	tv_set_str(a, r, "category_name", art->category_name);
	tv_set_str(a, r, "author_name", author_name ? author_name : art->author);
	tv_set_str(a, r, "updated", arena_strdup(a, upd));
	/* "12.345": Vietnamese groups thousands with dots */
	char digits[24], grouped[32];
	int nd = snprintf(digits, sizeof digits, "%lld", (long long)(art->views > 0 ? art->views : 0));
	size_t g = 0;
	for (int i = 0; i < nd; i++) {
		if (i && (nd - i) % 3 == 0)
			grouped[g++] = '.';
		grouped[g++] = digits[i];
	}
	grouped[g] = '\0';
	tv_set_str(a, r, "views", arena_strdup(a, grouped));
	bool pubd = art->status == ARTICLE_PUBLISHED || art->status == ARTICLE_SCHEDULED;
	tv_set_str(a, r, "published", pubd ? arena_strdup(a, pub) : "");
	tv_set_str(a, r, "edit_url", arena_printf(a, "/quan-tri/bai-viet/%lld", (long long)art->id));
	tv_set_str(a, r, "public_url",
		   art->status == ARTICLE_PUBLISHED && art->published_at <= ad->now
			   ? arena_printf(a, "/%s/%s-%lld", art->category_slug, art->slug, (long long)art->id)
			   : "");
	return r;
}

const char *admin_category_label(struct arena *a, const struct category *cats, size_t n, size_t i)
{
	int depth = 0;
	for (int64_t pid = cats[i].parent_id; pid && depth < 16; depth++) {
		size_t k = 0;
		while (k < n && cats[k].id != pid)
			k++;
		pid = k < n ? cats[k].parent_id : 0;
	}
	struct buf label = BUF_INIT;
	for (int d = 0; d < depth; d++)
		buf_adds(&label, "— ");
	buf_adds(&label, cats[i].name);
	const char *out = arena_strndup(a, label.data, label.len);
	buf_reset(&label);
	return out;
}

void admin_pager(struct admin *ad, const char *base, int cur, int64_t total, int per_page)
{
	tv_set(ad->root, "pager", pager_tv(ad->a, base, cur, total, per_page));
}

bool admin_media_path_ok(const char *url, size_t len)
{
	static const char prefix[] = "/media/";
	if (len <= sizeof prefix - 1 || memcmp(url, prefix, sizeof prefix - 1) != 0)
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)url[i];
		if (c <= ' ' || c == 0x7f || strchr("\"'`<>\\,", c))
			return false;
		if (c == '.' && i + 1 < len && url[i + 1] == '.')
			return false;
	}
	return true;
}

const char *admin_when(struct arena *a, int64_t t)
{
	char d[17];
	if (!t)
		return "";
	vn_format_datetime(t, d);
	return arena_strdup(a, d);
}

bool admin_parse_datetime(const char *date, const char *tm, int64_t *out)
{
	int64_t day;
	int minutes = 0;
	if (!vn_parse_dmy(date, &day) || (tm && *tm && !vn_parse_hm(tm, &minutes)))
		return false;
	*out = vn_day_start(day) + minutes * 60;
	return true;
}
