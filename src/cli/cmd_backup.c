/* cmd_backup.c — loa backup, loa restore, loa check (src/backup does the work). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backup/backup.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "core/num.h"
#include "core/status.h"
#include "store/store.h"

int cmd_backup(int argc, char **argv)
{
	const char *db = NULL, *media = NULL, *to = NULL, *into = NULL, *keep_text = NULL;
	const char *pos[1];
	int npos;
	struct cli_opt opts[] = {{"db", &db},     {"media", &media}, {"to", &to},
				 {"into", &into}, {"keep", &keep_text}, {0}};
	int rc = cli_parse("backup", argc, argv, opts, pos, 0, &npos);
	if (rc == CLI_HELP) {
		printf("Cách dùng: loa backup --db FILE (--to THƯ_MỤC | --into THƯ_MỤC_CHA [--keep N]) [--media THƯ_MỤC]\n\n"
		       "Sao lưu một cổng thông tin trong khi nó vẫn chạy: cơ sở dữ liệu tại một thời điểm,\n"
		       "thư mục ảnh, tệp đính kèm của bạn đọc, và tệp manifest.json ghi kích thước và mã\n"
		       "SHA-256 của từng tệp (ghi sau cùng: thư mục không có manifest.json là bản chưa xong).\n"
		       "--to: một thư mục mới hoặc trống. --into: tạo THƯ_MỤC_CHA/loa-NGÀY-GIỜ (giờ UTC);\n"
		       "với --keep N chỉ giữ N bản mới nhất trong đó (dùng cho sao lưu hằng ngày).\n");
		return 0;
	}
	if (rc != CLI_OK)
		return 2;
	if (!db || (!to == !into)) {
		cli_error("backup", "cần --db FILE và một trong hai: --to THƯ_MỤC hoặc --into THƯ_MỤC_CHA");
		return 2;
	}
	int64_t keep = -1;
	if (keep_text && (!into || !num_parse_i64(keep_text, 1, 10000, &keep))) {
		cli_error("backup", "--keep cần --into và một số từ 1 đến 10000");
		return 2;
	}
	char dated[PATH_MAX];
	if (into) {
		char name[32];
		backup_dated_name((long long)time(NULL), name);
		snprintf(dated, sizeof dated, "%s/%s", into, name);
		to = dated;
	}
	char mediabuf[PATH_MAX], attachbuf[PATH_MAX];
	cli_data_dirs(db, media, mediabuf, attachbuf);
	struct backup_place from = {db, mediabuf, attachbuf};
	struct store *st = cli_open_db("backup", db, false);
	if (!st)
		return 1;
	char *err = NULL;
	rc = backup_make(st, &from, to, stdout, &err);
	store_close(st);
	if (rc != LOA_OK) {
		cli_error("backup", "%s", err);
		free(err);
		return 1;
	}
	if (keep > 0 && backup_rotate(into, (int)keep, stdout, &err) != LOA_OK) {
		cli_error("backup", "%s", err);
		free(err);
		return 1;
	}
	return 0;
}

int cmd_restore(int argc, char **argv)
{
	const char *db = NULL, *media = NULL, *from = NULL;
	const char *pos[1];
	int npos;
	struct cli_opt opts[] = {{"db", &db}, {"media", &media}, {"from", &from}, {0}};
	int rc = cli_parse("restore", argc, argv, opts, pos, 0, &npos);
	if (rc == CLI_HELP) {
		printf("Cách dùng: loa restore --from THƯ_MỤC --db FILE [--media THƯ_MỤC]\n\n"
		       "Phục hồi một bản sao lưu của loa backup vào chỗ trống: FILE chưa tồn tại, thư mục\n"
		       "ảnh và tệp đính kèm (cạnh FILE) chưa có hoặc trống. Mọi tệp được đối chiếu với\n"
		       "manifest.json trước; cơ sở dữ liệu của bản loa cũ hơn được cập nhật cấu trúc.\n"
		       "Nếu có lỗi, không để lại gì.\n");
		return 0;
	}
	if (rc != CLI_OK)
		return 2;
	if (!db || !from) {
		cli_error("restore", "cần --from THƯ_MỤC và --db FILE");
		return 2;
	}
	char mediabuf[PATH_MAX], attachbuf[PATH_MAX];
	cli_data_dirs(db, media, mediabuf, attachbuf);
	struct backup_place to = {db, mediabuf, attachbuf};
	char *err = NULL;
	if (backup_restore(from, &to, stdout, &err) != LOA_OK) {
		cli_error("restore", "%s", err);
		free(err);
		return 1;
	}
	return 0;
}

int cmd_check(int argc, char **argv)
{
	const char *db = NULL, *media = NULL, *backup = NULL;
	const char *pos[1];
	int npos;
	struct cli_opt opts[] = {{"db", &db}, {"media", &media}, {"backup", &backup}, {0}};
	int rc = cli_parse("check", argc, argv, opts, pos, 0, &npos);
	if (rc == CLI_HELP) {
		printf("Cách dùng: loa check --db FILE [--media THƯ_MỤC]\n"
		       "          loa check --backup THƯ_MỤC\n\n"
		       "Kiểm tra một cổng thông tin đang dùng: cấu trúc cơ sở dữ liệu, các liên kết giữa các\n"
		       "bảng, và mọi ảnh hay tệp đính kèm mà nội dung nhắc tới có trên đĩa. Với --backup:\n"
		       "đối chiếu một bản sao lưu với manifest.json của nó. Thoát 0 khi không có vấn đề gì.\n");
		return 0;
	}
	if (rc != CLI_OK)
		return 2;
	if (!db == !backup) {
		cli_error("check", "cần --db FILE hoặc --backup THƯ_MỤC");
		return 2;
	}
	struct buf problems = BUF_INIT;
	if (backup) {
		rc = backup_verify(backup, &problems);
	} else {
		struct store *st = cli_open_db("check", db, false);
		if (!st)
			return 1;
		char mediabuf[PATH_MAX], attachbuf[PATH_MAX];
		cli_data_dirs(db, media, mediabuf, attachbuf);
		struct backup_place at = {db, mediabuf, attachbuf};
		rc = backup_check_install(st, &at, &problems);
		store_close(st);
	}
	if (rc == LOA_OK) {
		printf("không có vấn đề gì\n");
	} else if (rc == LOA_INVALID) {
		fputs(problems.data, stdout);
		cli_error("check", "có vấn đề (xem các dòng trên)");
	} else {
		cli_error("check", "không kiểm tra được%s%s", problems.len ? ": " : "", problems.data);
	}
	buf_reset(&problems);
	return rc == LOA_OK ? 0 : 1;
}
