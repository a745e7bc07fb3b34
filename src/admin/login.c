/* login.c — logging in and out of the newsroom.
 *
 * The login form is protected against cross-site request forgery before any
 * session exists by a double-submit token: a random value in a short-lived
 * cookie that the form must echo. Failed attempts are throttled per account
 * and per address; an unknown login costs as much time as a wrong password
 * so that logins cannot be probed. */
#include <ctype.h>
#include <string.h>
#include <time.h>

#include "admin/adminInt.h"
#include "auth/auth.h"
#include "core/buf.h"
#include "core/status.h"
#include "render/escape.h"

#define LOGIN_COOKIE "loa_l"

static const char *safe_next(const char *next)
{
	/* only back into the newsroom, never to another host */
	if (next && strncmp(next, "/quan-tri", 9) == 0 && !strstr(next, "//") && !strchr(next, '\\'))
		return next;
	return "/quan-tri";
}

static void render_login(struct app *app, struct http_req *req, int status, const char *error, const char *login,
			 const char *next)
{
	struct arena *a = http_req_arena(req);
	struct site site;
	char token[AUTH_TOKEN_LEN + 1];
	auth_token_new(token);
	struct buf cookie = BUF_INIT;
	buf_addf(&cookie, "%s=%s; ", LOGIN_COOKIE, token);
	auth_cookie_attrs(&cookie, 3600, http_req_is_tls(req));
	http_header(req, "set-cookie", cookie.data);
	buf_reset(&cookie);
	http_header(req, "cache-control", "no-store");
	http_header(req, "x-frame-options", "DENY");
	struct tval *root = tv_map(a), *s = tv_map(a), *asset = tv_map(a);
	if (store_site_for_host(app->store, http_req_host(req), a, &site) == LOA_OK) {
		tv_set_str(a, s, "name", site.name);
		tv_set_str(a, s, "logo", site.logo);
	}
	tv_set(root, "site", s);
	const struct app_theme *theme = app_theme(app);
	tv_set_str(a, asset, "css", arena_printf(a, "/static/%s/admin.css", theme->asset_version));
	tv_set_str(a, asset, "icon", arena_printf(a, "/static/%s/favicon.svg", theme->asset_version));
	tv_set(root, "asset", asset);
	tv_set_str(a, root, "error", error ? error : "");
	tv_set_str(a, root, "login", login ? login : "");
	tv_set_str(a, root, "next", safe_next(next));
	tv_set_str(a, root, "csrf", arena_strdup(a, token));
	const char *code = http_req_query(req, "tb");
	if (code && strcmp(code, "da-dang-xuat") == 0)
		tv_set_str(a, root, "notice", "Bạn đã đăng xuất.");
	if (code && strcmp(code, "da-doi-mat-khau") == 0)
		tv_set_str(a, root, "notice", "Đã đổi mật khẩu. Hãy đăng nhập bằng mật khẩu mới.");
	struct buf out = BUF_INIT;
	tmpl_render(theme->tmpl, "admin/login", root, &out);
	http_send(req, status, "text/html; charset=utf-8", out.data, out.len, HTTP_COMPRESS);
	buf_reset(&out);
}

void admin_login_form(void *app_, struct http_req *req)
{
	render_login(app_, req, 200, NULL, NULL, http_req_query(req, "tiep"));
}

static void audit_login(struct app *app, struct http_req *req, int64_t site_id, int64_t user_id, const char *action,
			const char *login)
{
	struct audit_entry e = {
		.site_id = site_id,
		.user_id = user_id,
		.action = action,
		.object = login,
		.detail = "",
		.addr = http_req_remote_addr(req),
		.at = (int64_t)time(NULL),
	};
	store_audit_add(app->store, &e);
}

void admin_login(void *app_, struct http_req *req)
{
	struct app *app = app_;
	struct arena *a = http_req_arena(req);
	int64_t now = (int64_t)time(NULL);
	const char *login = http_req_form(req, "login"), *pw = http_req_form(req, "password");
	const char *next = http_req_form(req, "next");
	const char *given = http_req_form(req, "csrf"), *cookie = http_req_cookie(req, LOGIN_COOKIE);
	if (!given || !cookie || strcmp(given, cookie) != 0 || !auth_token_valid(cookie)) {
		render_login(app, req, 403, "Biểu mẫu đăng nhập đã hết hạn. Hãy nhập lại.", login, next);
		return;
	}
	if (!login || !*login || !pw || !*pw) {
		render_login(app, req, 400, "Hãy nhập tên đăng nhập và mật khẩu.", login, next);
		return;
	}
	if (strlen(login) > 100 || strlen(pw) > AUTH_PASSWORD_MAX) {
		render_login(app, req, 400, "Tên đăng nhập hoặc mật khẩu quá dài.", NULL, next);
		return;
	}
	struct buf key_user = BUF_INIT;
	buf_adds(&key_user, "u:");
	for (const char *p = login; *p; p++)
		buf_addch(&key_user, (char)tolower((unsigned char)*p));
	const char *key_addr = arena_printf(a, "a:%s", http_req_remote_addr(req));
	int64_t wait_user = 0, wait_addr = 0;
	bool ok_user = auth_throttle_check(app->throttle, key_user.data, AUTH_FAIL_ACCOUNT, AUTH_FAIL_WINDOW, now, &wait_user);
	bool ok_addr = auth_throttle_check(app->throttle, key_addr, AUTH_FAIL_ADDRESS, AUTH_FAIL_WINDOW, now, &wait_addr);
	if (!ok_user || !ok_addr) {
		struct buf msg = BUF_INIT;
		auth_throttle_message(&msg, wait_user > wait_addr ? wait_user : wait_addr);
		http_header(req, "retry-after", arena_printf(a, "%lld", (long long)(wait_user > wait_addr ? wait_user : wait_addr)));
		render_login(app, req, 429, arena_strndup(a, msg.data, msg.len), login, next);
		buf_reset(&msg);
		buf_reset(&key_user);
		return;
	}
	struct user u;
	struct site site;
	int64_t site_id = store_site_for_host(app->store, http_req_host(req), a, &site) == LOA_OK ? site.id : 0;
	bool found = store_user_by_login(app->store, login, a, &u) == LOA_OK;
	bool good = auth_password_verify(found ? u.pw_hash : NULL, pw, strlen(pw));
	if (!found || !good || u.disabled || (u.site_id && u.site_id != site_id)) {
		auth_throttle_fail(app->throttle, key_user.data, now);
		auth_throttle_fail(app->throttle, key_addr, now);
		audit_login(app, req, site_id, found ? u.id : 0, "login-failed", login);
		buf_reset(&key_user);
		const char *why = found && good && u.disabled ? "Tài khoản này đã bị khóa. Hãy liên hệ quản trị viên."
				  : found && good ? "Tài khoản của bạn không thuộc trang này."
						  : "Tên đăng nhập hoặc mật khẩu không đúng.";
		render_login(app, req, 401, why, login, next);
		return;
	}
	auth_throttle_clear(app->throttle, key_user.data);
	buf_reset(&key_user);
	if (auth_password_needs_rehash(u.pw_hash)) {
		char h[AUTH_HASH_MAX];
		if (auth_password_hash(h, pw, strlen(pw)) == LOA_OK)
			u.pw_hash = arena_strdup(a, h);
	}
	u.last_login_at = now;
	store_user_update(app->store, &u);

	char token[AUTH_TOKEN_LEN + 1], hash[AUTH_TOKEN_HASH_LEN + 1];
	auth_token_new(token);
	auth_token_hash(token, hash);
	const char *ua = http_req_header(req, "user-agent");
	struct session s = {
		.token_hash = hash,
		.user_id = u.id,
		.created_at = now,
		.expires_at = now + ADMIN_SESSION_IDLE,
		.seen_at = now,
		.addr = http_req_remote_addr(req),
		.user_agent = ua ? arena_strndup(a, ua, strlen(ua) > 300 ? 300 : strlen(ua)) : "",
	};
	if (store_session_add(app->store, &s) != LOA_OK) {
		render_login(app, req, 503, "Không tạo được phiên đăng nhập. Vui lòng thử lại.", login, next);
		return;
	}
	audit_login(app, req, site_id, u.id, "login", u.login);
	struct buf c = BUF_INIT;
	buf_addf(&c, "%s=%s; ", AUTH_COOKIE, token);
	auth_cookie_attrs(&c, ADMIN_SESSION_MAX, http_req_is_tls(req));
	http_header(req, "set-cookie", c.data);
	buf_reset(&c);
	buf_addf(&c, "%s=; ", LOGIN_COOKIE);
	auth_cookie_attrs(&c, 0, http_req_is_tls(req));
	http_header(req, "set-cookie", c.data);
	buf_reset(&c);
	http_header(req, "cache-control", "no-store");
	http_redirect(req, 303, safe_next(next));
}

void admin_logout(void *app_, struct http_req *req)
{
	(void)app_;
	struct admin *ad = admin_of(req);
	char hash[AUTH_TOKEN_HASH_LEN + 1];
	auth_token_hash(ad->token, hash);
	store_session_delete(ad->app->store, hash);
	admin_audit(ad, "logout", ad->user.login, "");
	struct buf c = BUF_INIT;
	buf_addf(&c, "%s=; ", AUTH_COOKIE);
	auth_cookie_attrs(&c, 0, http_req_is_tls(req));
	http_header(req, "set-cookie", c.data);
	buf_reset(&c);
	http_redirect(req, 303, "/quan-tri/dang-nhap?tb=da-dang-xuat");
}
