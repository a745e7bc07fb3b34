/* cmd_db.c — commands that create and change a database: init, demo,
 * import, site. */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/arena.h"
#include "core/num.h"
#include "core/status.h"
#include "core/buf.h"
#include "import/import.h"
#include "media/media.h"
#include "store/store.h"

static bool file_exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0;
}

/* The default media directory: "media" beside the database file. */
static const char *default_media_dir(const char *db, char out[static PATH_MAX])
{
	char tmp[PATH_MAX];
	snprintf(tmp, sizeof tmp, "%s", db);
	snprintf(out, PATH_MAX, "%s/media", dirname(tmp));
	return out;
}

int cmd_init(int argc, char **argv)
{
	const char *db = NULL, *name = NULL, *host = "";
	const char *pos[1];
	int npos;
	struct cli_opt opts[] = {{"db", &db}, {"site-name", &name}, {"host", &host}, {0}};
	int rc = cli_parse("init", argc, argv, opts, pos, 0, &npos);
	if (rc == CLI_HELP) {
		printf("Cách dùng: loa init --db FILE --site-name TÊN [--host HOST]\n\n"
		       "Tạo một trang trống. Trang đầu tiên là trang mặc định (trả lời mọi tên miền lạ);\n"
		       "chạy lại với --host khác để thêm trang của xã, phường khác vào cùng cơ sở dữ liệu.\n");
		return 0;
	}
	if (rc != CLI_OK)
		return 2;
	if (!db || !name || !*name) {
		cli_error("init", "cần --db FILE và --site-name TÊN");
		return 2;
	}
	struct store *st = cli_open_db("init", db, true);
	if (!st)
		return 1;
	struct site s = {.host = host, .name = name, .tagline = "", .footer = "", .contact = ""};
	int64_t id;
	const char *err = NULL;
	rc = store_site_create(st, &s, &id, &err);
	store_close(st);
	if (rc != LOA_OK) {
		cli_error("init", "%s", err ? err : "không tạo được trang");
		return 1;
	}
	printf("Đã tạo trang \"%s\" (mã %lld%s%s) trong %s\n", name, (long long)id, *host ? ", tên miền " : "", host, db);
	return 0;
}

static int remove_db_files(const char *db)
{
	static const char *suffix[] = {"", "-wal", "-shm", "-journal"};
	char p[PATH_MAX];
	for (size_t i = 0; i < 4; i++) {
		if ((size_t)snprintf(p, sizeof p, "%s%s", db, suffix[i]) >= sizeof p)
			return -1;
		if (unlink(p) != 0 && errno != ENOENT)
			return -1;
	}
	return 0;
}

int cmd_demo(int argc, char **argv)
{
	const char *db = NULL, *media = NULL, *demo_dir = NULL;
	bool force = false;
	const char *pos[1];
	int npos;
	struct cli_opt opts[] = {{"db", &db}, {"force", NULL, &force}, {"media", &media}, {"demo-dir", &demo_dir}, {0}};
	int rc = cli_parse("demo", argc, argv, opts, pos, 0, &npos);
	if (rc == CLI_HELP) {
		printf("Cách dùng: loa demo --db FILE [--force] [--media THƯ_MỤC] [--demo-dir THƯ_MỤC]\n\n"
		       "Tạo cơ sở dữ liệu với nội dung mẫu của một cổng thông tin xã (bài viết, lịch công tác\n"
		       "tuần này tính từ hôm nay, liên kết). Không ghi đè tệp đã có, trừ khi có --force.\n"
		       "Ảnh minh họa được chép vào THƯ_MỤC/demo (mặc định: thư mục media cạnh FILE).\n");
		return 0;
	}
	if (rc != CLI_OK)
		return 2;
	if (!db) {
		cli_error("demo", "cần --db FILE");
		return 2;
	}
	char dirbuf[PATH_MAX], mediabuf[PATH_MAX];
	if (!demo_dir) {
		const char *proj = cli_project_dir();
		if (!proj) {
			cli_error("demo", "không tìm thấy thư mục nội dung mẫu; dùng --demo-dir");
			return 1;
		}
		snprintf(dirbuf, sizeof dirbuf, "%s/demo", proj);
		demo_dir = dirbuf;
	}
	if (!media)
		media = default_media_dir(db, mediabuf);
	if (file_exists(db)) {
		if (!force) {
			cli_error("demo", "%s đã tồn tại; thêm --force để ghi đè bằng nội dung mẫu", db);
			return 1;
		}
		if (remove_db_files(db) != 0) {
			cli_error("demo", "không xóa được %s: %s", db, strerror(errno));
			return 1;
		}
	}
	struct store *st = cli_open_db("demo", db, true);
	if (!st)
		return 1;
	char *err = NULL;
	rc = import_demo(st, demo_dir, media, (int64_t)time(NULL), &err);
	store_close(st);
	if (rc != LOA_OK) {
		cli_error("demo", "%s", err ? err : "không tạo được nội dung mẫu");
		free(err);
		return 1;
	}
	printf("Đã tạo trang mẫu trong %s (ảnh trong %s)\n", db, media);
	return 0;
}

struct import_ui {
	bool tty;
	int64_t shown_errors;
};

static void import_on_error(void *ctx, int64_t line, const char *msg)
{
	struct import_ui *ui = ctx;
	if (ui->tty)
		fputs("\r\033[K", stderr);
	fprintf(stderr, "dòng %lld: %s\n", (long long)line, msg);
	ui->shown_errors++;
}

static void import_on_progress(void *ctx, const struct import_report *r)
{
	struct import_ui *ui = ctx;
	if (!ui->tty)
		return;
	fprintf(stderr, "\r\033[KĐã đọc %lld dòng: %lld mới, %lld cập nhật, %lld lỗi", (long long)r->lines,
		(long long)r->created, (long long)r->updated, (long long)r->failed);
}

/* `loa import --documents FILE.jsonl`: the register of documents, with the
 * files the lines name (relative to FILE's folder) written under the
 * media folder's files/. */
static int import_docs_file(struct store *st, const struct site *site, const char *path, const char *media,
			    struct import_ui *ui)
{
	FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	if (!in) {
		cli_error("import", "không mở được %s: %s", path, strerror(errno));
		return 1;
	}
	char tmp[PATH_MAX], files[PATH_MAX + 8];
	snprintf(tmp, sizeof tmp, "%s", in == stdin ? "." : path);
	const char *base = in == stdin ? "." : dirname(tmp);
	snprintf(files, sizeof files, "%s/files", media);
	struct import_opts o = {.site_id = site->id, .on_error = import_on_error, .on_progress = import_on_progress, .ctx = ui};
	struct import_report r;
	int rc = import_documents(st, in, base, files, &o, &r);
	if (in != stdin)
		fclose(in);
	if (ui->tty)
		fputs("\r\033[K", stderr);
	printf("Đã đọc %lld dòng văn bản vào \"%s\": %lld văn bản mới, %lld văn bản cập nhật, %lld lỗi",
	       (long long)r.lines, site->name, (long long)r.created, (long long)r.updated, (long long)r.failed);
	if (r.unlinked)
		printf("; %lld liên kết chưa tìm thấy văn bản", (long long)r.unlinked);
	putchar('\n');
	if (rc != LOA_OK) {
		cli_error("import", "lỗi cơ sở dữ liệu; dòng đang ghi dở đã được hủy");
		return 1;
	}
	/* 3 as for articles: the rest is in, but something needs the user's eye */
	return r.failed || r.unlinked ? 3 : 0;
}

/* `loa import --from wordpress EXPORT.xml`: a WordPress export with its
 * images from --uploads, in one transaction; the summary on stdout, the
 * whole report (with the redirect table) in --report FILE (JSON when
 * FILE ends in .json). The report file is opened first, so a path that
 * cannot be written stops the import before anything is written. */
static int import_wordpress_file(struct store *st, const struct site *site, const char *path, const char *uploads,
				 const char *media, bool comments, const char *report_path)
{
	FILE *rf = NULL;
	if (report_path && !(rf = fopen(report_path, "w"))) {
		cli_error("import", "không ghi được tệp báo cáo %s: %s", report_path, strerror(errno));
		return 1;
	}
	struct stat sb;
	if (uploads && (stat(uploads, &sb) != 0 || !S_ISDIR(sb.st_mode))) {
		cli_error("import", "không có thư mục tải lên %s", uploads);
		if (rf)
			fclose(rf);
		return 1;
	}
	struct wp_import_opts o = {.site_id = site->id, .uploads_dir = uploads, .media_dir = media, .comments = comments,
				   .now = (int64_t)time(NULL)};
	struct wp_report r;
	char *err = NULL;
	int rc = import_wordpress(st, path, &o, &r, &err);
	media_shutdown();
	int exit_code = 0;
	if (rc != LOA_OK) {
		size_t n = err ? strlen(err) : 0;
		while (n && err[n - 1] == '.')
			err[--n] = '\0';
		cli_error("import", "%s. Không có gì được nhập.", err && *err ? err : "lỗi khi nhập");
		exit_code = 1;
		goto out;
	}
	struct buf b = BUF_INIT;
	buf_addf(&b, "Đã nhập từ WordPress vào \"%s\":\n", site->name);
	import_wordpress_report(st, site->id, &r, false, false, &b);
	fputs(b.data, stdout);
	if (rf) {
		buf_setlen(&b, 0);
		size_t n = strlen(report_path);
		bool json = n >= 5 && strcmp(report_path + n - 5, ".json") == 0;
		if (!json)
			buf_addf(&b, "Báo cáo nhập từ WordPress (%s) vào \"%s\"\n\n", path, site->name);
		import_wordpress_report(st, site->id, &r, json, true, &b);
		if (fwrite(b.data, 1, b.len, rf) != b.len || fflush(rf) != 0) {
			cli_error("import", "đã nhập xong nhưng không ghi được tệp báo cáo %s: %s", report_path, strerror(errno));
			exit_code = 1;
		} else {
			printf("Báo cáo đầy đủ (cả bảng chuyển hướng): %s\n", report_path);
		}
	}
	buf_reset(&b);
	if (!exit_code && r.refused)
		exit_code = 3;
out:
	if (rf && fclose(rf) != 0 && !exit_code)
		exit_code = 1;
	free(err);
	import_wordpress_report_free(&r);
	return exit_code;
}

int cmd_import(int argc, char **argv)
{
	/* --from SOURCE: another portal's export, with options of its own */
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--from") == 0 || strncmp(argv[i], "--from=", 7) == 0) {
			const char *from = argv[i][6] == '=' ? argv[i] + 7 : i + 1 < argc ? argv[i + 1] : "";
			if (strcmp(from, "nukeviet") == 0)
				return cmd_import_nukeviet(argc, argv);
			break; /* the other sources are read below */
		}
	const char *db = NULL, *host = NULL, *documents = NULL, *media = NULL, *from = NULL, *uploads = NULL,
		   *report = NULL;
	bool comments = false;
	const char *pos[1];
	int npos;
	struct cli_opt opts[] = {{"db", &db},         {"site", &host},     {"documents", &documents},
				 {"media", &media},   {"from", &from},     {"uploads", &uploads},
				 {"report", &report}, {"comments", NULL, &comments}, {0}};
	int rc = cli_parse("import", argc, argv, opts, pos, 1, &npos);
	if (rc == CLI_HELP) {
		printf("Cách dùng: loa import --db FILE TỆP.jsonl [--site HOST]\n"
		       "          loa import --db FILE --documents TỆP.jsonl [--site HOST] [--media THƯ_MỤC]\n"
		       "          loa import --db FILE --from wordpress TỆP_XUẤT.xml [--site HOST] [--uploads THƯ_MỤC]\n"
		       "                     [--comments] [--report TỆP] [--media THƯ_MỤC]\n"
		       "          loa import --from nukeviet --db FILE DUMP.sql ... (xem loa import --from nukeviet --help)\n\n"
		       "Nhập bài viết, mỗi dòng một đối tượng JSON với các trường: title, lead, body_html,\n"
		       "category (đường dẫn như \"Tin tức/Xây dựng Đảng\", tạo mới nếu chưa có), author, source,\n"
		       "published_at (ISO 8601 có múi giờ), và tùy chọn slug, featured, hot_pin, image, caption,\n"
		       "external_id (nhập lại cùng external_id thì cập nhật thay vì nhân đôi).\n\n"
		       "Với --documents: nhập văn bản, mỗi dòng một văn bản với number, type, issuer, summary,\n"
		       "và tùy chọn field, signer, issued, effective, expires (dd/mm/yyyy hoặc yyyy-mm-dd),\n"
		       "body_html, published, relations [{\"kind\": \"replaces\"|\"amends\", \"number\": ...}],\n"
		       "files [{\"path\": đường dẫn tính từ thư mục của TỆP, \"name\": tên hiển thị}].\n"
		       "Nhập lại cùng tệp không tạo bản trùng (so theo số, ký hiệu và cơ quan ban hành).\n"
		       "Tệp đính kèm được lưu trong THƯ_MỤC/files (mặc định: thư mục media cạnh FILE).\n\n"
		       "Dòng lỗi được báo kèm số dòng và lý do; các dòng khác vẫn được nhập. TỆP là - để đọc stdin.\n\n"
		       "Với --from wordpress: nhập tệp xuất của WordPress (Công cụ → Xuất): bài viết và trang đã\n"
		       "xuất bản, chuyên mục, ảnh (lấy từ --uploads, bản sao thư mục wp-content/uploads), bài ghim\n"
		       "thành bài nổi bật, bình luận đã duyệt thành hỏi đáp (với --comments). Mọi đường dẫn cũ được\n"
		       "chuyển hướng 301 tới địa chỉ mới. Tất cả trong một giao dịch: lỗi thì không có gì được ghi;\n"
		       "nhập lại không tạo bản trùng. --report TỆP ghi báo cáo đầy đủ (JSON nếu TỆP có đuôi .json).\n");
		return 0;
	}
	if (rc != CLI_OK)
		return 2;
	if (!db || (documents ? npos != 0 : npos != 1)) {
		cli_error("import", "cần --db FILE và một tệp JSON Lines (hoặc --documents TỆP)");
		return 2;
	}
	if (from && strcmp(from, "wordpress") != 0) {
		cli_error("import", "--from \"%s\": không biết nhập từ nguồn này (có: wordpress, nukeviet)", from);
		return 2;
	}
	if (!from && (uploads || report || comments)) {
		cli_error("import", "--uploads, --report và --comments chỉ dùng với --from wordpress");
		return 2;
	}
	FILE *in = NULL;
	if (!documents && !from && !(in = strcmp(pos[0], "-") == 0 ? stdin : fopen(pos[0], "r"))) {
		cli_error("import", "không mở được %s: %s", pos[0], strerror(errno));
		return 1;
	}
	struct store *st = cli_open_db("import", db, false);
	if (!st) {
		if (in && in != stdin)
			fclose(in);
		return 1;
	}
	struct arena *a = arena_new();
	struct site site;
	int exit_code = 1;
	if (cli_find_site("import", st, a, host, &site) != 0)
		goto out;
	struct import_ui ui = {.tty = isatty(2)};
	if (from) {
		char mediabuf[PATH_MAX];
		exit_code = import_wordpress_file(st, &site, pos[0], uploads, media ? media : default_media_dir(db, mediabuf),
						  comments, report);
		goto out;
	}
	if (documents) {
		char mediabuf[PATH_MAX];
		exit_code = import_docs_file(st, &site, documents, media ? media : default_media_dir(db, mediabuf), &ui);
		goto out;
	}
	struct import_opts o = {
		.site_id = site.id, .on_error = import_on_error, .on_progress = import_on_progress, .ctx = &ui};
	struct import_report r;
	rc = import_jsonl(st, in, &o, &r);
	if (ui.tty)
		fputs("\r\033[K", stderr);
	printf("Đã nhập %lld dòng vào \"%s\": %lld bài mới, %lld bài cập nhật, %lld dòng lỗi\n", (long long)r.lines,
	       site.name, (long long)r.created, (long long)r.updated, (long long)r.failed);
	if (rc != LOA_OK) {
		cli_error("import", "lỗi cơ sở dữ liệu; lô đang ghi dở đã được hủy");
		goto out;
	}
	exit_code = r.failed ? 3 : 0;
out:
	arena_free(a);
	store_close(st);
	if (in && in != stdin)
		fclose(in);
	return exit_code;
}

int cmd_site(int argc, char **argv)
{
	const char *db = NULL, *host = NULL, *base = NULL, *name = NULL, *tagline = NULL, *footer = NULL,
		   *contact = NULL;
	const char *pos[1];
	int npos;
	struct cli_opt opts[] = {{"db", &db},         {"host", &host},       {"visits-base", &base},
				 {"name", &name},     {"tagline", &tagline}, {"footer", &footer},
				 {"contact", &contact}, {0}};
	int rc = cli_parse("site", argc, argv, opts, pos, 0, &npos);
	if (rc == CLI_HELP) {
		printf("Cách dùng: loa site --db FILE [--host HOST] [--visits-base N] [--name TÊN]\n"
		       "                    [--tagline CÂU] [--footer VĂN_BẢN] [--contact VĂN_BẢN]\n\n"
		       "Không có tùy chọn sửa: liệt kê các trang. Có: sửa trang của HOST (mặc định: trang\n"
		       "mặc định). --visits-base đặt tổng lượt truy cập mang sang từ cổng cũ (ví dụ 3815734).\n");
		return 0;
	}
	if (rc != CLI_OK)
		return 2;
	if (!db) {
		cli_error("site", "cần --db FILE");
		return 2;
	}
	int64_t visits_base = 0;
	if (base && !num_parse_i64(base, 0, 1000000000000LL, &visits_base)) {
		cli_error("site", "--visits-base phải là số nguyên từ 0 đến 1000000000000");
		return 2;
	}
	struct store *st = cli_open_db("site", db, false);
	if (!st)
		return 1;
	struct arena *a = arena_new();
	int exit_code = 1;
	if (!base && !name && !tagline && !footer && !contact) {
		struct site *all;
		size_t n;
		if (store_site_list(st, a, &all, &n) != LOA_OK)
			goto out;
		for (size_t i = 0; i < n; i++)
			printf("%lld\t%s\t%s\tvisits-base=%lld%s\n", (long long)all[i].id,
			       *all[i].host ? all[i].host : "(mặc định)", all[i].name, (long long)all[i].visits_base,
			       all[i].is_default ? "\tmặc định" : "");
		exit_code = 0;
		goto out;
	}
	struct site s;
	if (cli_find_site("site", st, a, host, &s) != 0)
		goto out;
	if (base)
		s.visits_base = visits_base;
	if (name)
		s.name = name;
	if (tagline)
		s.tagline = tagline;
	if (footer)
		s.footer = footer;
	if (contact)
		s.contact = contact;
	if (store_site_update(st, &s) != LOA_OK) {
		cli_error("site", "không lưu được thiết lập");
		goto out;
	}
	printf("Đã lưu thiết lập của \"%s\"\n", s.name);
	exit_code = 0;
out:
	arena_free(a);
	store_close(st);
	return exit_code;
}
