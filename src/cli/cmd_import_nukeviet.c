/* cmd_import_nukeviet.c — `loa import --from nukeviet DUMP.sql`: a NukeViet
 * 4.x portal's news from a mysqldump of its database (import/nukeviet.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli/cli.h"
#include "core/arena.h"
#include "core/status.h"
#include "import/nukeviet.h"
#include "media/media.h"
#include "store/store.h"

static void usage(void)
{
	printf("Cách dùng: loa import --from nukeviet --db FILE DUMP.sql [--prefix nv4] [--lang vi]\n"
	       "                  [--module news] [--uploads THƯ_MỤC] [--report TỆP] [--site HOST] [--media THƯ_MỤC]\n\n"
	       "Nhập mô-đun tin tức của một cổng NukeViet 4 từ bản sao cơ sở dữ liệu do mysqldump hoặc phpMyAdmin\n"
	       "(Xuất → SQL) tạo ra, không cần máy chủ MySQL. Xuất bằng:\n"
	       "  mysqldump --default-character-set=utf8mb4 TÊN_CSDL > dump.sql\n\n"
	       "Nhập chuyên mục (cả cây), các bài đã xuất bản (tiêu đề, phần giới thiệu, nội dung, tác giả, nguồn,\n"
	       "thời gian đăng, lượt xem), ảnh đại diện và ảnh trong bài lấy từ --uploads (thư mục uploads của\n"
	       "NukeViet). Mọi địa chỉ cũ (/vi/news/chuyen-muc/bai-viet-12.html, index.php?nv=news&op=...,\n"
	       "chuyên mục, RSS, thẻ) chuyển hướng 301 sang địa chỉ mới.\n\n"
	       "  --prefix  tiền tố bảng (mặc định: tự tìm bộ bảng có _news_rows)\n"
	       "  --lang    ngôn ngữ dữ liệu của bảng (mặc định vi)\n"
	       "  --module  tên mô-đun tin tức trong đường dẫn cũ (mặc định: theo bảng _modules, hoặc news)\n"
	       "  --report  ghi báo cáo đầy đủ, kèm bảng chuyển hướng, vào TỆP\n\n"
	       "Tất cả được ghi trong một giao dịch: lỗi ở đâu cũng không để lại gì. Chạy lại cùng tệp thì cập nhật,\n"
	       "không nhân đôi.\n");
}

int cmd_import_nukeviet(int argc, char **argv)
{
	const char *db = NULL, *from = NULL, *prefix = NULL, *lang = "vi", *module = NULL, *uploads = NULL,
		   *report = NULL, *host = NULL, *media = NULL;
	const char *pos[1];
	int npos;
	struct cli_opt opts[] = {{"db", &db},         {"from", &from},       {"prefix", &prefix}, {"lang", &lang},
				 {"module", &module}, {"uploads", &uploads}, {"report", &report}, {"site", &host},
				 {"media", &media},   {0}};
	int rc = cli_parse("import", argc, argv, opts, pos, 1, &npos);
	if (rc == CLI_HELP) {
		usage();
		return 0;
	}
	if (rc != CLI_OK)
		return 2;
	if (!db || npos != 1) {
		cli_error("import", "cần --db FILE và tệp dump của NukeViet (xem loa import --from nukeviet --help)");
		return 2;
	}
	struct stat sb;
	if (stat(pos[0], &sb) != 0 || !S_ISREG(sb.st_mode)) {
		cli_error("import", "không đọc được tệp dump %s: %s", pos[0],
			  errno && stat(pos[0], &sb) != 0 ? strerror(errno) : "không phải tệp thường");
		return 1;
	}
	if (uploads && (stat(uploads, &sb) != 0 || !S_ISDIR(sb.st_mode))) {
		cli_error("import", "--uploads %s không phải thư mục", uploads);
		return 2;
	}
	char mediabuf[4096], attachbuf[4096];
	cli_data_dirs(db, media, mediabuf, attachbuf);
	struct nukeviet_opts o = {.prefix = prefix, .lang = lang, .module = module, .uploads = uploads,
				  .media_dir = mediabuf, .now = (int64_t)time(NULL)};
	const char *bad = nukeviet_opts_problem(&o);
	if (bad) {
		cli_error("import", "%s", bad);
		return 2;
	}

	struct store *st = cli_open_db("import", db, false);
	if (!st)
		return 1;
	struct arena *a = arena_new();
	struct site site;
	struct nukeviet_report rep = {0};
	char *err = NULL;
	int exit_code = 1;
	if (cli_find_site("import", st, a, host, &site) != 0)
		goto out;
	o.site_id = site.id;
	rc = nukeviet_import(st, pos[0], &o, &rep, &err);
	if (rc != LOA_OK) {
		const char *why = err ? err : "không nhập được";
		size_t n = strlen(why);
		cli_error("import", "%s%s Không có gì được ghi vào cơ sở dữ liệu.", why, n && why[n - 1] == '.' ? "" : ".");
		goto out;
	}
	nukeviet_report_print(stdout, &rep, site.name, false);
	exit_code = 0;
	if (report) {
		FILE *f = fopen(report, "w");
		if (f)
			nukeviet_report_print(f, &rep, site.name, true);
		if (!f || fclose(f) != 0) {
			cli_error("import", "đã nhập xong nhưng không ghi được báo cáo %s: %s", report, strerror(errno));
			exit_code = 1;
		} else {
			printf("Báo cáo đầy đủ (kèm bảng chuyển hướng): %s\n", report);
		}
	}
out:
	free(err);
	nukeviet_report_free(&rep);
	arena_free(a);
	store_close(st);
	media_shutdown();
	return exit_code;
}
