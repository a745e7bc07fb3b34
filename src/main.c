/* main.c — start-up: dispatch `loa COMMAND ...` to the command's function. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const struct {
	const char *name;
	int (*fn)(int, char **);
	const char *summary;
} commands[] = {
	{"init", cmd_init, "tạo một trang trống (--db FILE --site-name TÊN [--host HOST])"},
	{"demo", cmd_demo, "tạo cơ sở dữ liệu với nội dung mẫu (--db FILE [--force])"},
	{"serve", cmd_serve, "chạy máy chủ web (--db FILE [--listen ĐỊA_CHỈ:CỔNG] [--theme THƯ_MỤC] [--media THƯ_MỤC])"},
	{"import", cmd_import, "nhập bài viết từ tệp JSON Lines (--db FILE TỆP.jsonl [--site HOST]), hoặc từ NukeViet (--from nukeviet)"},
	{"user", cmd_user, "tài khoản tòa soạn: add, passwd, list, disable (--db FILE --login TÊN ...)"},
	{"site", cmd_site, "xem và sửa thiết lập trang (--db FILE [--host HOST] [--visits-base N] ...)"},
	{"reindex", cmd_reindex, "lập lại chỉ mục tìm kiếm (--db FILE)"},
	{"backup", cmd_backup, "sao lưu khi đang chạy: cơ sở dữ liệu, ảnh, tệp đính kèm (--db FILE --to THƯ_MỤC)"},
	{"restore", cmd_restore, "phục hồi một bản sao lưu vào chỗ trống (--from THƯ_MỤC --db FILE)"},
	{"check", cmd_check, "kiểm tra cơ sở dữ liệu và mọi tệp nội dung cần (--db FILE)"},
};

static void usage(FILE *f)
{
	fprintf(f, "loa — cổng thông tin điện tử cho chính quyền địa phương\n\n"
		   "Cách dùng: loa LỆNH [TÙY CHỌN]...\n\nCác lệnh:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-7s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\nXem hướng dẫn của từng lệnh: loa LỆNH --help\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return 0;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "loa: không có lệnh \"%s\" (xem loa --help)\n", argv[1]);
	return 2;
}
