/* cmd_search.c — `loa reindex`: rebuilds the search index of a database. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/status.h"
#include "store/store.h"

/* Progress on stderr: one line rewritten in place on a terminal, else a
 * line about every tenth of the work. */
struct progress {
	bool tty;
	int64_t next_line;
};

static void show_progress(void *ctx, int64_t done, int64_t total)
{
	struct progress *p = ctx;
	if (p->tty) {
		fprintf(stderr, "\rĐã lập chỉ mục %lld/%lld bài viết", (long long)done, (long long)total);
		fflush(stderr);
	} else if (done >= p->next_line || done == total) {
		fprintf(stderr, "Đã lập chỉ mục %lld/%lld bài viết\n", (long long)done, (long long)total);
		p->next_line = done + (total / 10 > 500 ? total / 10 : 500);
	}
}

int cmd_reindex(int argc, char **argv)
{
	const char *db = NULL;
	bool quiet = false;
	const char *pos[1];
	int npos;
	struct cli_opt opts[] = {{"db", &db}, {"quiet", NULL, &quiet}, {0}};
	int rc = cli_parse("reindex", argc, argv, opts, pos, 0, &npos);
	if (rc == CLI_HELP) {
		printf("Cách dùng: loa reindex --db FILE [--quiet]\n\n"
		       "Lập lại chỉ mục tìm kiếm cho mọi bài viết. Chỉ mục vốn được cập nhật cùng lúc với\n"
		       "mỗi lần sửa bài; lệnh này dùng khi cần dựng lại toàn bộ (ví dụ sau khi sửa trực\n"
		       "tiếp cơ sở dữ liệu). Máy chủ vẫn chạy được trong lúc lập: trang tìm kiếm dùng chỉ\n"
		       "mục cũ cho đến khi xong.\n");
		return 0;
	}
	if (rc != CLI_OK)
		return 2;
	if (!db) {
		cli_error("reindex", "cần --db FILE");
		return 2;
	}
	char *err = NULL;
	struct store *st = store_open(db, false, &err);
	if (!st) {
		cli_error("reindex", "%s", err ? err : "không mở được cơ sở dữ liệu");
		free(err);
		return 1;
	}
	struct progress p = {.tty = isatty(fileno(stderr)) != 0};
	rc = store_reindex(st, quiet ? NULL : show_progress, &p);
	if (!quiet && p.tty)
		fputc('\n', stderr);
	store_close(st);
	if (rc != LOA_OK) {
		cli_error("reindex", "không lập được chỉ mục tìm kiếm%s",
			  rc == LOA_BUSY ? ": cơ sở dữ liệu đang bận, vui lòng thử lại" : "");
		return 1;
	}
	if (!quiet)
		printf("Đã lập xong chỉ mục tìm kiếm cho %s\n", db);
	return 0;
}
