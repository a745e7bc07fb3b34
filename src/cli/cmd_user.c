/* cmd_user.c — `loa user`: accounts of the newsroom from the command line.
 * Passwords are read from the terminal (echo off) or, when stdin is not a
 * terminal, from its first line — never from the arguments, where other
 * users of the machine could see them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "auth/auth.h"
#include "cli/cli.h"
#include "core/arena.h"
#include "core/status.h"
#include "store/store.h"
#include "store/store_newsroom.h"

static const char *const usage_text =
	"Cách dùng:\n"
	"  loa user add     --db FILE --login TÊN --role admin|approver|writer [--name \"HỌ TÊN\"] [--site HOST|'*']\n"
	"  loa user passwd  --db FILE --login TÊN [--generate]   (hoặc: loa user passwd TÊN --db FILE)\n"
	"  loa user role    --db FILE --login TÊN --role admin|approver|writer\n"
	"                   (hoặc: loa user role TÊN VAI-TRÒ --db FILE)\n"
	"  loa user list    --db FILE\n"
	"  loa user disable --db FILE --login TÊN [--enable]\n\n"
	"Vai trò: writer (phóng viên) viết và gửi duyệt; approver (biên tập) duyệt, xuất bản, hẹn giờ;\n"
	"admin (quản trị) thêm quản lý người dùng, chuyên mục, liên kết, lịch công tác và thiết lập.\n"
	"Không thể hạ vai trò hay khóa quản trị viên cuối cùng của một trang.\n"
	"Mặc định người dùng thuộc trang mặc định; --site HOST cho trang khác, --site '*' cho mọi trang.\n"
	"Mật khẩu (ít nhất 10 ký tự) được hỏi trên terminal, hoặc đọc từ dòng đầu của stdin;\n"
	"passwd --generate tạo một mật khẩu ngẫu nhiên và in ra một lần.\n";

static int role_of(const char *s)
{
	if (!s)
		return 0;
	if (strcmp(s, "writer") == 0)
		return ROLE_WRITER;
	if (strcmp(s, "approver") == 0)
		return ROLE_APPROVER;
	if (strcmp(s, "admin") == 0)
		return ROLE_ADMIN;
	return 0;
}

static const char *role_name(int r)
{
	return r == ROLE_ADMIN ? "admin" : r == ROLE_APPROVER ? "approver" : "writer";
}

/* Reads and checks a new password; writes its hash. */
static int new_password(const char *login, char hash[static AUTH_HASH_MAX])
{
	char pw[AUTH_PASSWORD_MAX + 2];
	const char *err = NULL;
	if (auth_read_password("Mật khẩu mới: ", pw, sizeof pw, true, &err) != LOA_OK) {
		cli_error("user", "%s", err ? err : "không đọc được mật khẩu");
		return 1;
	}
	const char *why = auth_password_policy(pw, strlen(pw), login);
	if (why) {
		cli_error("user", "%s", why);
		return 2;
	}
	int rc = auth_password_hash(hash, pw, strlen(pw));
	memset(pw, 0, sizeof pw);
	if (rc != LOA_OK) {
		cli_error("user", "không tạo được mã băm mật khẩu");
		return 1;
	}
	return 0;
}

int cmd_user(int argc, char **argv)
{
	const char *db = NULL, *login = NULL, *role_s = NULL, *name = NULL, *host = NULL;
	bool enable = false, generate = false;
	const char *pos[3];
	int npos;
	struct cli_opt opts[] = {{"db", &db},       {"login", &login}, {"role", &role_s}, {"name", &name},
				 {"site", &host},   {"enable", NULL, &enable}, {"generate", NULL, &generate}, {0}};
	int rc = cli_parse("user", argc, argv, opts, pos, 3, &npos);
	if (rc == CLI_HELP) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (rc != CLI_OK)
		return 2;
	if (npos < 1 || !db) {
		cli_error("user", "cần một lệnh con (add, passwd, role, list, disable) và --db FILE");
		return 2;
	}
	const char *sub = pos[0];
	/* `loa user role NAME ROLE`, `loa user passwd NAME`: the same as
	 * --login NAME --role ROLE */
	int maxpos = strcmp(sub, "role") == 0 ? 3 : strcmp(sub, "passwd") == 0 || strcmp(sub, "disable") == 0 ? 2 : 1;
	if (npos > maxpos || (npos >= 2 && login) || (npos == 3 && role_s)) {
		cli_error("user", "thừa đối số (xem loa user --help)");
		return 2;
	}
	if (generate && strcmp(sub, "passwd") != 0) {
		cli_error("user", "--generate chỉ dùng với passwd");
		return 2;
	}
	if (npos >= 2)
		login = pos[1];
	if (npos == 3)
		role_s = pos[2];
	if (strcmp(sub, "list") != 0 && (!login || !*login)) {
		cli_error("user", "cần --login TÊN");
		return 2;
	}
	if (auth_init() != LOA_OK) {
		cli_error("user", "không khởi tạo được thư viện mật mã");
		return 1;
	}
	char *err = NULL;
	struct store *st = store_open(db, false, &err);
	if (!st) {
		cli_error("user", "%s", err ? err : "không mở được cơ sở dữ liệu");
		free(err);
		return 1;
	}
	struct arena *a = arena_new();
	int exit_code = 1;
	int64_t now = (int64_t)time(NULL);
	struct user u;
	char hash[AUTH_HASH_MAX];
	if (strcmp(sub, "add") == 0) {
		int role = role_of(role_s);
		if (!role) {
			cli_error("user", "--role phải là admin, approver hoặc writer");
			exit_code = 2;
			goto out;
		}
		if (!auth_login_valid(login)) {
			cli_error("user", "tên đăng nhập gồm 3–50 chữ thường không dấu, chữ số, '.', '_' hoặc '-'");
			exit_code = 2;
			goto out;
		}
		int64_t site_id = 0;
		if (!host || strcmp(host, "*") != 0) {
			struct site *sites;
			size_t n;
			bool found = false;
			if (store_site_list(st, a, &sites, &n) == LOA_OK)
				for (size_t i = 0; i < n && !found; i++)
					if ((!host && sites[i].is_default) || (host && strcasecmp(sites[i].host, host) == 0)) {
						site_id = sites[i].id;
						found = true;
					}
			if (!found) {
				cli_error("user", host ? "không có trang với tên miền \"%s\"" : "chưa có trang nào (chạy loa init)%s",
					  host ? host : "");
				goto out;
			}
		}
		int prc = new_password(login, hash);
		if (prc) {
			exit_code = prc;
			goto out;
		}
		struct user nu = {.site_id = site_id, .login = login, .name = name ? name : login, .pw_hash = hash,
				  .role = role, .created_at = now, .pw_changed_at = now};
		int64_t id;
		const char *serr = NULL;
		if (store_user_add(st, &nu, &id, &serr) != LOA_OK) {
			cli_error("user", "%s", serr ? serr : "không thêm được người dùng");
			goto out;
		}
		printf("Đã thêm %s (%s) — đăng nhập tại /quan-tri\n", login, role_name(role));
		exit_code = 0;
	} else if (strcmp(sub, "passwd") == 0 || strcmp(sub, "disable") == 0) {
		if (store_user_by_login(st, login, a, &u) != LOA_OK) {
			cli_error("user", "không có người dùng \"%s\"", login);
			goto out;
		}
		char generated[AUTH_GENERATED_LEN + 1] = "";
		if (strcmp(sub, "passwd") == 0 && generate) {
			auth_password_generate(generated);
			if (auth_password_hash(hash, generated, strlen(generated)) != LOA_OK) {
				cli_error("user", "không tạo được mã băm mật khẩu");
				goto out;
			}
			u.pw_hash = hash;
			u.pw_changed_at = now;
		} else if (strcmp(sub, "passwd") == 0) {
			int prc = new_password(u.login, hash);
			if (prc) {
				exit_code = prc;
				goto out;
			}
			u.pw_hash = hash;
			u.pw_changed_at = now;
		} else {
			if (!enable && store_user_is_last_admin(st, &u)) {
				cli_error("user", "không thể khóa quản trị viên cuối cùng; hãy cấp quyền admin cho người khác trước");
				goto out;
			}
			u.disabled = !enable;
		}
		if (store_user_update(st, &u) != LOA_OK || (strcmp(sub, "passwd") == 0 || u.disabled ?
								    store_session_delete_user(st, u.id) : LOA_OK) != LOA_OK) {
			cli_error("user", "không lưu được");
			goto out;
		}
		if (*generated) {
			printf("Mật khẩu mới của %s (chỉ in một lần): %s\n", u.login, generated);
			memset(generated, 0, sizeof generated);
		}
		printf(strcmp(sub, "passwd") == 0 ? "Đã đổi mật khẩu của %s; các phiên đăng nhập cũ đã bị thu hồi\n"
		       : u.disabled		  ? "Đã khóa %s; các phiên đăng nhập đã bị thu hồi\n"
						  : "Đã mở khóa %s\n",
		       u.login);
		exit_code = 0;
	} else if (strcmp(sub, "role") == 0) {
		int r = role_of(role_s);
		if (!r) {
			cli_error("user", "cần --role admin, approver hoặc writer");
			exit_code = 2;
			goto out;
		}
		if (store_user_by_login(st, login, a, &u) != LOA_OK) {
			cli_error("user", "không có người dùng \"%s\"", login);
			goto out;
		}
		if (r != ROLE_ADMIN && store_user_is_last_admin(st, &u)) {
			cli_error("user", "không thể hạ vai trò của quản trị viên cuối cùng; hãy cấp quyền admin cho người khác trước");
			goto out;
		}
		u.role = r;
		if (store_user_update(st, &u) != LOA_OK) {
			cli_error("user", "không lưu được");
			goto out;
		}
		printf("Đã đổi vai trò của %s thành %s\n", u.login, role_name(r));
		exit_code = 0;
	} else if (strcmp(sub, "list") == 0) {
		struct user *users;
		size_t n;
		if (store_user_list(st, 0, a, &users, &n) != LOA_OK)
			goto out;
		for (size_t i = 0; i < n; i++)
			printf("%s\t%s\t%s\t%s%s\n", users[i].login, role_name(users[i].role), users[i].name,
			       users[i].site_id ? "một trang" : "mọi trang", users[i].disabled ? "\tđã khóa" : "");
		exit_code = 0;
	} else {
		cli_error("user", "không có lệnh con \"%s\" (add, passwd, role, list, disable)", sub);
		exit_code = 2;
	}
out:
	arena_free(a);
	store_close(st);
	return exit_code;
}
