/* cmd_serve.c — `loa serve`: the web server. */
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "admin/admin.h"
#include "app.h"
#include "cli/cli.h"
#include "core/clock.h"
#include "core/mem.h"
#include "core/num.h"
#include "core/status.h"
#include "http/http.h"
#include "render/pagecache.h"
#include "site/site.h"
#include "store/store.h"

/* Once a second: scheduled articles first, then the page cache check (so
 * an article published by the timer shows within the same second). */
static void serve_tick(void *app)
{
	admin_tick(app);
	site_tick(app);
}

void site_tick(void *app_)
{
	struct app *app = app_;
	int64_t v;
	if (store_content_version(app->store, &v) == LOA_OK && v != app_content_version(app)) {
		app_content_version_set(app, v);
		pagecache_clear(app->cache);
	}
}

struct serve_pool {
	unsigned workers;
	size_t queue;
};

/* --workers and --queue, with their defaults; false after saying why. */
static bool pool_options(const char *workers_s, const char *queue_s, struct serve_pool *out)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int64_t w = cores > 0 ? 2 * cores : 2, q = 256;

	if (w > 16)
		w = 16;
	if (workers_s && !num_parse_i64(workers_s, 0, 256, &w)) {
		cli_error("serve", "--workers cần một số từ 0 đến 256");
		return false;
	}
	if (queue_s && !num_parse_i64(queue_s, 0, 1000000, &q)) {
		cli_error("serve", "--queue cần một số từ 0 đến 1000000");
		return false;
	}
	out->workers = (unsigned)w;
	out->queue = (size_t)q;
	return true;
}

int cmd_serve(int argc, char **argv)
{
	const char *db = NULL, *listen = "127.0.0.1:8080", *theme = NULL, *media = NULL, *test_clock = NULL;
	const char *workers_s = NULL, *queue_s = NULL;
	bool test_hooks = false;
	const char *pos[1];
	int npos;
	struct cli_opt opts[] = {{"db", &db},
				 {"listen", &listen},
				 {"theme", &theme},
				 {"media", &media},
				 {"test-clock", &test_clock},
				 {"workers", &workers_s},
				 {"queue", &queue_s},
				 {"test-hooks", NULL, &test_hooks},
				 {0}};
	int rc = cli_parse("serve", argc, argv, opts, pos, 0, &npos);
	if (rc == CLI_HELP) {
		printf("Cách dùng: loa serve --db FILE [--listen ĐỊA_CHỈ:CỔNG] [--theme THƯ_MỤC] [--media THƯ_MỤC]\n\n"
		       "Chạy cổng thông tin. Mặc định: --listen 127.0.0.1:8080, --theme là themes/default của\n"
		       "loa, --media là thư mục media cạnh FILE. Dừng bằng Ctrl-C hoặc SIGTERM.\n"
		       "--workers N: số luồng xử lý việc chậm (truy vấn, tìm kiếm, đăng nhập, ghi); mặc định\n"
		       "gấp đôi số lõi, tối đa 16; 0: mọi việc chạy trên vòng sự kiện (chỉ để so sánh).\n"
		       "--queue N: số yêu cầu được chờ thêm khi mọi luồng đều bận\n"
		       "(mặc định 256); quá số đó, máy chủ trả lời 503 kèm Retry-After.\n"
		       "--test-clock TỆP (chỉ để kiểm thử): giờ của máy chủ cộng thêm số giây ghi trong TỆP.\n"
		       "--test-hooks (chỉ để kiểm thử): cho phép giữ và thả luồng xử lý bằng phần đầu yêu cầu.\n");
		return 0;
	}
	if (rc != CLI_OK)
		return 2;
	struct serve_pool pool;
	if (!pool_options(workers_s, queue_s, &pool))
		return 2;
	if (!db) {
		cli_error("serve", "cần --db FILE");
		return 2;
	}
	struct stat sb;
	if (stat(db, &sb) != 0) {
		cli_error("serve", "không có cơ sở dữ liệu %s (tạo bằng loa init hoặc loa demo)", db);
		return 1;
	}
	char themebuf[PATH_MAX], mediabuf[PATH_MAX], tmp[PATH_MAX];
	if (!theme) {
		const char *proj = cli_project_dir();
		if (!proj) {
			cli_error("serve", "không tìm thấy giao diện mặc định; dùng --theme THƯ_MỤC");
			return 1;
		}
		snprintf(themebuf, sizeof themebuf, "%s/themes/default", proj);
		theme = themebuf;
	}
	if (!media) {
		snprintf(tmp, sizeof tmp, "%s", db);
		snprintf(mediabuf, sizeof mediabuf, "%s/media", dirname(tmp));
		media = mediabuf;
	}
	if (test_clock)
		clock_use_offset_file(test_clock);
	struct app app;
	char attachbuf[PATH_MAX];
	snprintf(tmp, sizeof tmp, "%s", db);
	snprintf(attachbuf, sizeof attachbuf, "%s/attachments", dirname(tmp));
	struct app_config cfg = {
		.db_path = db, .listen = listen, .theme_dir = theme, .media_dir = media, .attach_dir = attachbuf};
	char *err = NULL;
	if (app_open(&app, &cfg, &err) != LOA_OK) {
		cli_error("serve", "%s", err ? err : "không khởi động được");
		free(err);
		return 1;
	}
	char static_dir[PATH_MAX], versioned[64];
	snprintf(static_dir, sizeof static_dir, "%s/static", theme);
	snprintf(versioned, sizeof versioned, "/static/%s/", app.asset_version);
	struct http_static_dir statics[] = {
		{versioned, static_dir, true},
		{"/static/", static_dir, false},
		/* uploads get unique names: cache them for a year; stored files
		 * (files.h) are only sent by /tep/, which checks they are public */
		{"/media/", media, true, "files/"},
	};
	/* the newsroom's routes, then the public ones */
	size_t nroutes = admin_nroutes + site_nroutes;
	struct http_route *routes = xmalloc(nroutes * sizeof *routes);
	memcpy(routes, admin_routes, admin_nroutes * sizeof *routes);
	memcpy(routes + admin_nroutes, site_routes, site_nroutes * sizeof *routes);
	struct http_config hc = {
		.listen = listen,
		.routes = routes,
		.nroutes = nroutes,
		.max_body = 1u << 20, /* routes that take files or long articles allow more */
		.fallback = site_fallback,
		.guard = admin_guard,
		.statics = statics,
		.nstatics = sizeof statics / sizeof statics[0],
		.tick = serve_tick,
		.cached = site_cached,
		.workers = pool.workers,
		.queue = pool.queue,
		.worker_open = app_worker_open,
		.worker_close = app_worker_close,
		.test_hooks = test_hooks,
	};
	struct http_server *srv = http_server_new(&hc, &app, &err);
	if (!srv) {
		cli_error("serve", "%s", err ? err : "không mở được cổng");
		free(err);
		free(routes);
		app_close(&app);
		return 1;
	}
	printf("loa đang phục vụ tại http://%s%s/\n", listen[0] == ':' ? "127.0.0.1" : "", listen);
	fflush(stdout);
	rc = http_server_run(srv);
	http_server_free(srv);
	free(routes);
	app_close(&app);
	printf("loa đã dừng.\n");
	return rc == 0 ? 0 : 1;
}
