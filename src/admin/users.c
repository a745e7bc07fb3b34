/* users.c — accounts (admins add users, change their role, lock and unlock
 * them, set a typed password or hand over a generated one: every session of
 * that user is then revoked) and the audit log. The last enabled admin of a
 * site can be neither demoted nor locked (store_user_is_last_admin). */
#include <string.h>

#include "admin/adminInt.h"
#include "auth/auth.h"
#include "core/num.h"
#include "core/status.h"
#include "core/text.h"
#include "core/vntime.h"

#define AUDIT_PER_PAGE 50

struct tval *admin_audit_rows(struct admin *ad, int limit, int offset);

static const struct {
	const char *value;
	int role;
} roles[] = {{"writer", ROLE_WRITER}, {"approver", ROLE_APPROVER}, {"admin", ROLE_ADMIN}};

static void render_users(struct admin *ad, int status, const char *error, const char *login, const char *name,
			 const char *role)
{
	struct arena *a = ad->a;
	struct user *users;
	size_t n = 0;
	if (store_user_list(ad->app->store, ad->site.id, a, &users, &n) != LOA_OK)
		n = 0;
	struct tval *rows = tv_list(a), *opts = tv_list(a), *form = tv_map(a), *errors = tv_map(a);
	for (size_t i = 0; i < n; i++) {
		struct tval *r = tv_map(a);
		char last[17] = "";
		if (users[i].last_login_at)
			vn_format_datetime(users[i].last_login_at, last);
		tv_set_int(a, r, "id", users[i].id);
		tv_set_str(a, r, "login", users[i].login);
		tv_set_str(a, r, "name", users[i].name);
		tv_set_str(a, r, "role_label", admin_role_label(users[i].role));
		tv_set_str(a, r, "site_name", users[i].site_id ? ad->site.name : "Mọi trang");
		tv_set_bool(a, r, "disabled", users[i].disabled);
		tv_set_bool(a, r, "is_self", users[i].id == ad->user.id);
		struct tval *ropts = tv_list(a);
		for (size_t k = 0; k < sizeof roles / sizeof roles[0]; k++) {
			struct tval *o = tv_map(a);
			tv_set_str(a, o, "value", roles[k].value);
			tv_set_str(a, o, "label", admin_role_label(roles[k].role));
			tv_set_bool(a, o, "selected", users[i].role == roles[k].role);
			tv_push(ropts, o);
		}
		tv_set(r, "role_options", ropts);
		tv_set_str(a, r, "last_login", *last ? arena_strdup(a, last) : "Chưa đăng nhập");
		tv_set_str(a, r, "edit_url", arena_printf(a, "/quan-tri/nguoi-dung/%lld", (long long)users[i].id));
		tv_push(rows, r);
	}
	static const char *labels[] = {"Phóng viên (viết và gửi duyệt)", "Biên tập viên (duyệt và xuất bản)",
				       "Quản trị (toàn quyền trang)"};
	for (size_t i = 0; i < 3; i++) {
		struct tval *o = tv_map(a);
		tv_set_str(a, o, "value", roles[i].value);
		tv_set_str(a, o, "label", labels[i]);
		tv_set_bool(a, o, "selected", role && strcmp(role, roles[i].value) == 0);
		tv_push(opts, o);
	}
	tv_set_str(a, form, "login", login ? login : "");
	tv_set_str(a, form, "name", name ? name : "");
	tv_set_str(a, form, "role", role ? role : "writer");
	tv_set_str(a, errors, "general", error ? error : "");
	tv_set(ad->root, "rows", rows);
	tv_set(ad->root, "role_options", opts);
	tv_set(ad->root, "form", form);
	tv_set(ad->root, "errors", errors);
	admin_finish(ad, "users", "Người dùng", status);
}

void admin_users(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	if (strcmp(http_req_method(req), "POST") != 0) {
		render_users(ad, 200, NULL, NULL, NULL, NULL);
		return;
	}
	const char *login = admin_field(ad, "ten-dang-nhap"), *name = admin_field(ad, "ho-ten");
	const char *role = admin_field(ad, "vai-tro"), *pw = admin_field(ad, "mat-khau");
	name = text_clean(ad->a, name, strlen(name));
	int r = 0;
	for (size_t i = 0; i < 3; i++)
		if (strcmp(role, roles[i].value) == 0)
			r = roles[i].role;
	const char *err = NULL;
	if (!auth_login_valid(login))
		err = "Tên đăng nhập gồm 3–50 chữ thường không dấu, chữ số, dấu chấm, gạch dưới hoặc gạch ngang.";
	else if (!name || !*name || text_length(name, strlen(name)) > 200)
		err = "Hãy nhập họ tên (tối đa 200 ký tự).";
	else if (!r)
		err = "Hãy chọn vai trò.";
	else
		err = auth_password_policy(pw, strlen(pw), login);
	char hash[AUTH_HASH_MAX];
	if (!err && auth_password_hash(hash, pw, strlen(pw)) != LOA_OK)
		err = "Không tạo được mật khẩu.";
	struct user u = {.site_id = ad->site.id, .login = login, .name = name ? name : "", .pw_hash = hash, .role = r,
			 .created_at = ad->now, .pw_changed_at = ad->now};
	int64_t id;
	const char *serr = NULL;
	if (!err && store_user_add(ad->app->store, &u, &id, &serr) != LOA_OK)
		err = serr ? serr : "Không thêm được người dùng.";
	if (err) {
		render_users(ad, 422, err, login, name, role);
		return;
	}
	admin_audit(ad, "user-add", login, admin_role_label(r));
	admin_redirect(ad, "/quan-tri/nguoi-dung", "da-them");
}

void admin_user_act(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct user u;
	if (store_user_get(ad->app->store, http_req_param_id(req, 0), ad->a, &u) != LOA_OK ||
	    (u.site_id && u.site_id != ad->site.id) ||
	    (!u.site_id && ad->user.site_id)) {
		admin_error(ad, 404, "Không tìm thấy người dùng.");
		return;
	}
	const char *action = admin_field(ad, "action");
	if (strcmp(action, "khoa") == 0 || strcmp(action, "mo-khoa") == 0) {
		if (u.id == ad->user.id) {
			render_users(ad, 422, "Bạn không thể tự khóa tài khoản của mình.", NULL, NULL, NULL);
			return;
		}
		if (strcmp(action, "khoa") == 0 && store_user_is_last_admin(ad->app->store, &u)) {
			render_users(ad, 422, "Không thể khóa quản trị viên cuối cùng: hãy cấp quyền quản trị cho người khác trước.",
				     NULL, NULL, NULL);
			return;
		}
		u.disabled = strcmp(action, "khoa") == 0;
		store_user_update(ad->app->store, &u);
		if (u.disabled)
			store_session_delete_user(ad->app->store, u.id);
		admin_audit(ad, u.disabled ? "user-disable" : "user-enable", u.login, "");
	} else if (strcmp(action, "doi-vai-tro") == 0) {
		const char *rv = admin_field(ad, "vai-tro");
		int r = 0;
		for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
			if (strcmp(rv, roles[i].value) == 0)
				r = roles[i].role;
		if (!r) {
			render_users(ad, 422, "Hãy chọn vai trò.", NULL, NULL, NULL);
			return;
		}
		if (u.id == ad->user.id) {
			render_users(ad, 422, "Bạn không thể tự đổi vai trò của mình; hãy nhờ một quản trị viên khác.", NULL,
				     NULL, NULL);
			return;
		}
		if (r != ROLE_ADMIN && store_user_is_last_admin(ad->app->store, &u)) {
			render_users(ad, 422, "Không thể bỏ quyền của quản trị viên cuối cùng: hãy cấp quyền quản trị cho người khác trước.",
				     NULL, NULL, NULL);
			return;
		}
		u.role = r;
		if (store_user_update(ad->app->store, &u) != LOA_OK) {
			render_users(ad, 503, "Không lưu được. Vui lòng thử lại.", NULL, NULL, NULL);
			return;
		}
		admin_audit(ad, "user-role", u.login, admin_role_label(r));
	} else if (strcmp(action, "dat-mat-khau") == 0) {
		const char *pw = admin_field(ad, "mat-khau");
		const char *err = auth_password_policy(pw, strlen(pw), u.login);
		char hash[AUTH_HASH_MAX];
		if (!err && auth_password_hash(hash, pw, strlen(pw)) != LOA_OK)
			err = "Không tạo được mật khẩu.";
		if (err) {
			render_users(ad, 422, err, NULL, NULL, NULL);
			return;
		}
		u.pw_hash = hash;
		u.pw_changed_at = ad->now;
		store_user_update(ad->app->store, &u);
		store_session_delete_user(ad->app->store, u.id);
		admin_audit(ad, "user-password", u.login, "");
	} else if (strcmp(action, "tao-mat-khau") == 0) {
		/* shown once, on this answer only: never stored but as its hash,
		 * never in a URL; the user changes it after logging in */
		char pw[AUTH_GENERATED_LEN + 1], hash[AUTH_HASH_MAX];
		auth_password_generate(pw);
		if (auth_password_hash(hash, pw, strlen(pw)) != LOA_OK) {
			render_users(ad, 503, "Không tạo được mật khẩu. Vui lòng thử lại.", NULL, NULL, NULL);
			return;
		}
		u.pw_hash = hash;
		u.pw_changed_at = ad->now;
		if (store_user_update(ad->app->store, &u) != LOA_OK ||
		    store_session_delete_user(ad->app->store, u.id) != LOA_OK) {
			render_users(ad, 503, "Không lưu được. Vui lòng thử lại.", NULL, NULL, NULL);
			return;
		}
		admin_audit(ad, "user-password", u.login, "mật khẩu tạo tự động");
		struct tval *g = tv_map(ad->a);
		tv_set_str(ad->a, g, "login", u.login);
		tv_set_str(ad->a, g, "password", arena_strdup(ad->a, pw));
		tv_set(ad->root, "generated", g);
		render_users(ad, 200, NULL, NULL, NULL, NULL);
		return;
	} else {
		admin_error(ad, 400, "Thao tác không hợp lệ.");
		return;
	}
	admin_redirect(ad, "/quan-tri/nguoi-dung", "da-luu");
}

/* One's own password: the current one first, the new one twice. Every
 * session of the account ends, this one too: log in again. */
void admin_own_password(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct arena *a = ad->a;
	struct tval *errors = tv_map(a);
	if (strcmp(http_req_method(req), "POST") != 0) {
		tv_set(ad->root, "errors", errors);
		admin_finish(ad, "password", "Đổi mật khẩu", 200);
		return;
	}
	const char *old = http_req_form(req, "mat-khau-cu"), *pw = http_req_form(req, "mat-khau-moi"),
		   *again = http_req_form(req, "nhap-lai");
	old = old ? old : "";
	pw = pw ? pw : "";
	again = again ? again : "";
	const char *perr = NULL;
	int status = 422;
	char hash[AUTH_HASH_MAX];
	if (strlen(old) > AUTH_PASSWORD_MAX || !auth_password_verify(ad->user.pw_hash, old, strlen(old))) {
		tv_set_str(a, errors, "old", "Mật khẩu hiện tại không đúng.");
	}
	else if ((perr = auth_password_policy(pw, strlen(pw), ad->user.login)))
		tv_set_str(a, errors, "new", perr);
	else if (strcmp(pw, again) != 0)
		tv_set_str(a, errors, "again", "Hai lần nhập mật khẩu mới không khớp.");
	else if (strcmp(pw, old) == 0)
		tv_set_str(a, errors, "new", "Mật khẩu mới phải khác mật khẩu hiện tại.");
	else if (auth_password_hash(hash, pw, strlen(pw)) != LOA_OK) {
		status = 503;
		tv_set_str(a, errors, "general", "Không tạo được mật khẩu. Vui lòng thử lại.");
	} else {
		struct user u = ad->user;
		u.pw_hash = hash;
		u.pw_changed_at = ad->now;
		if (store_user_update(ad->app->store, &u) == LOA_OK &&
		    store_session_delete_user(ad->app->store, u.id) == LOA_OK) {
			admin_audit(ad, "own-password", u.login, "");
			http_redirect(req, 303, "/quan-tri/dang-nhap?tb=da-doi-mat-khau");
			return;
		}
		status = 503;
		tv_set_str(a, errors, "general", "Không lưu được mật khẩu mới. Vui lòng thử lại.");
	}
	tv_set(ad->root, "errors", errors);
	admin_finish(ad, "password", "Đổi mật khẩu", status);
}

void admin_audit_log(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	const char *trang = http_req_query(req, "trang");
	int64_t page = 1;
	if (trang && !num_parse_i64(trang, 1, 100000, &page))
		page = 1;
	struct tval *rows = admin_audit_rows(ad, AUDIT_PER_PAGE, (int)(page - 1) * AUDIT_PER_PAGE);
	/* the log has no count: a full page means there may be a next one */
	size_t n = tv_len(rows);
	int64_t total = (page - 1) * AUDIT_PER_PAGE + (int64_t)n + (n == AUDIT_PER_PAGE ? 1 : 0);
	tv_set(ad->root, "rows", rows);
	admin_pager(ad, "/quan-tri/nhat-ky", (int)page, total, AUDIT_PER_PAGE);
	admin_finish(ad, "audit", "Nhật ký hoạt động", 200);
}
