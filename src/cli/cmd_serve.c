/* cmd_serve.c — `loa serve`: the web server.
 *
 * Settings come from flags and from a configuration file (--config, see
 * config.h for the format and dist/loa.conf.example for the keys); a flag
 * wins over the file. Both are declared once, in serve_keys: the flag of a
 * key is its name with '-' for '_'. */
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
#include "core/buf.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/notify.h"
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

static const char *check_listen(const char *v)
{
	return http_listen_valid(v) ? NULL : "cần dạng 127.0.0.1:8080, [::1]:8080 hoặc :8080";
}

static const char *check_workers(const char *v)
{
	int64_t n;
	return num_parse_i64(v, 0, 256, &n) ? NULL : "cần một số từ 0 đến 256";
}

static const char *check_threads(const char *v)
{
	int64_t n;
	return num_parse_i64(v, 1, 64, &n) ? NULL : "cần một số từ 1 đến 64";
}

static const char *check_queue(const char *v)
{
	int64_t n;
	return num_parse_i64(v, 0, 1000000, &n) ? NULL : "cần một số từ 0 đến 1000000";
}

static const char *check_level(const char *v)
{
	enum log_level l;
	return log_level_parse(v, &l) == LOA_OK ? NULL : "cần error, warning hoặc info";
}

enum { K_LISTEN, K_DB, K_MEDIA, K_THEME, K_ACCESS_LOG, K_ERROR_LOG, K_LOG_LEVEL, K_WORKERS, K_QUEUE, K_THREADS, NKEYS };

static const struct conf_key serve_keys[NKEYS] = {
	[K_LISTEN] = {"listen", CONF_TEXT, NULL, check_listen},
	[K_DB] = {"db", CONF_PATH},
	[K_MEDIA] = {"media", CONF_PATH},
	[K_THEME] = {"theme", CONF_PATH},
	[K_ACCESS_LOG] = {"access_log", CONF_PATH, "off"},
	[K_ERROR_LOG] = {"error_log", CONF_PATH, "stderr"},
	[K_LOG_LEVEL] = {"log_level", CONF_TEXT, NULL, check_level},
	[K_WORKERS] = {"workers", CONF_TEXT, NULL, check_workers},
	[K_QUEUE] = {"queue", CONF_TEXT, NULL, check_queue},
	[K_THREADS] = {"threads", CONF_TEXT, NULL, check_threads},
};

/* The worker pool's size and queue bound: by default twice the cores
 * (at most 16) and 256 waiting; the values were checked by check_*. */
static void pool_options(const char **set, unsigned *workers, size_t *queue)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int64_t w = cores > 0 ? 2 * cores : 2, q = 256;
	if (w > 16)
		w = 16;
	if (set[K_WORKERS])
		num_parse_i64(set[K_WORKERS], 0, 256, &w);
	if (set[K_QUEUE])
		num_parse_i64(set[K_QUEUE], 0, 1000000, &q);
	*workers = (unsigned)w;
	*queue = (size_t)q;
}

/* Event-loop threads: by default one per core (at most 64). */
static unsigned loop_threads(const char **set)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int64_t t = cores > 0 ? cores : 1;
	if (t > 64)
		t = 64;
	if (set[K_THREADS])
		num_parse_i64(set[K_THREADS], 1, 64, &t);
	return (unsigned)t;
}

static void serve_reload(void *app)
{
	app_reload(app);
}

/* Opens everything, serves until SIGTERM or SIGINT, closes everything:
 * the in-flight requests finish, the visit counters and the access log
 * are written out and the database closed before it returns. */
static int serve_run(const char **set, const char *test_clock, bool test_hooks)
{
	const char *db = set[K_DB], *listen = set[K_LISTEN] ? set[K_LISTEN] : "127.0.0.1:8080";
	const char *theme = set[K_THEME], *media = set[K_MEDIA];
	const char *access_log = set[K_ACCESS_LOG] && strcmp(set[K_ACCESS_LOG], "off") != 0 ? set[K_ACCESS_LOG] : NULL;
	int rc;
	unsigned workers;
	size_t queue;
	pool_options(set, &workers, &queue);
	if (!db) {
		cli_error("serve", "cần --db FILE (hoặc db = FILE trong tệp cấu hình)");
		return 2;
	}
	/* a stop or a reload during start-up must not end it half done */
	http_signals_hold();
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
		.db_path = db, .listen = listen, .theme_dir = theme, .media_dir = media, .attach_dir = attachbuf,
		.access_log = access_log};
	char *err = NULL;
	if (app_open(&app, &cfg, &err) != LOA_OK) {
		cli_error("serve", "%s", err ? err : "không khởi động được");
		free(err);
		return 1;
	}
	char *static_dir = buf_newf("%s/static", theme);
	struct http_static_dir statics[] = {
		{"/static/", static_dir, true, NULL, app_static_prefix}, /* the theme's versioned prefix */
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
		.reload = serve_reload,
		.access_log = app.access_log,
		.cached = site_cached,
		.workers = workers,
		.queue = queue,
		.threads = loop_threads(set),
		.worker_open = app_worker_open,
		.worker_close = app_worker_close,
		.test_hooks = test_hooks,
	};
	struct http_server *srv = http_server_new(&hc, &app, &err);
	if (!srv) {
		cli_error("serve", "%s", err ? err : "không mở được cổng");
		free(err);
		free(routes);
		free(static_dir);
		app_close(&app);
		return 1;
	}
	printf("loa đang phục vụ tại http://%s%s/\n", listen[0] == ':' ? "127.0.0.1" : "", listen);
	fflush(stdout);
	log_start();
	log_info("bắt đầu phục vụ tại %s (cơ sở dữ liệu %s)", listen, db);
	notify_send("READY=1");
	rc = http_server_run(srv);
	notify_send("STOPPING=1");
	log_info("đang dừng: chờ các yêu cầu dở dang, ghi bộ đếm truy cập và nhật ký");
	http_server_free(srv);
	free(routes);
	free(static_dir);
	app_close(&app);
	log_info("đã dừng");
	printf("loa đã dừng.\n");
	return rc == 0 ? 0 : 1;
}

/* Settings from the flags, then the file for those not given; each value
 * a flag gives is checked like the file's. Returns 0 or an exit code. */
static int serve_settings(int argc, char **argv, char **file_values, const char **set, const char **test_clock,
			  bool *test_hooks)
{
	const char *config = NULL;
	const char *flag_values[NKEYS] = {0};
	char flag_names[NKEYS][CONF_KEY_MAX + 1];
	const char *pos[1];
	int npos;
	struct cli_opt opts[NKEYS + 4] = {{"config", &config}, {"test-clock", test_clock}, {"test-hooks", NULL, test_hooks}};
	for (size_t k = 0; k < NKEYS; k++) {
		snprintf(flag_names[k], sizeof flag_names[k], "%s", serve_keys[k].name);
		for (char *c = flag_names[k]; *c; c++)
			*c = *c == '_' ? '-' : *c;
		opts[k + 3] = (struct cli_opt){flag_names[k], &flag_values[k]};
	}
	int rc = cli_parse("serve", argc, argv, opts, pos, 0, &npos);
	if (rc == CLI_HELP) {
		printf("Cách dùng: loa serve [--config TỆP] [--db FILE] [--listen ĐỊA_CHỈ:CỔNG] [--theme THƯ_MỤC]\n"
		       "                 [--media THƯ_MỤC] [--access-log TỆP|off] [--error-log TỆP|stderr]\n"
		       "                 [--log-level error|warning|info] [--workers N] [--queue N]\n"
		       "                 [--threads N]\n\n"
		       "Chạy cổng thông tin. --config đọc các thiết lập từ TỆP (dạng khóa = giá trị, xem\n"
		       "dist/loa.conf.example, sau make install là /etc/loa/loa.conf.example); tùy chọn trên\n"
		       "dòng lệnh được ưu tiên hơn tệp. Mặc định: --listen 127.0.0.1:8080, --theme là\n"
		       "themes/default của loa, --media là thư mục media cạnh FILE, không ghi nhật ký truy\n"
		       "cập, nhật ký lỗi ra stderr.\n"
		       "SIGHUP: mở lại các tệp nhật ký và nạp lại giao diện. Dừng bằng Ctrl-C hoặc SIGTERM.\n"
		       "--workers N: số luồng xử lý việc chậm (truy vấn, tìm kiếm, đăng nhập, ghi); mặc định\n"
		       "gấp đôi số lõi, tối đa 16; 0: mọi việc chạy trên vòng sự kiện (chỉ để so sánh).\n"
		       "--queue N: số yêu cầu được chờ thêm khi mọi luồng đều bận\n"
		       "(mặc định 256); quá số đó, máy chủ trả lời 503 kèm Retry-After.\n"
		       "--threads N: số vòng sự kiện nhận kết nối và gửi trả lời (mỗi vòng một luồng); mặc\n"
		       "định bằng số lõi, tối đa 64; với --workers 0 luôn là 1.\n"
		       "--test-clock TỆP (chỉ để kiểm thử): giờ của máy chủ cộng thêm số giây ghi trong TỆP.\n"
		       "--test-hooks (chỉ để kiểm thử): cho phép giữ và thả luồng xử lý bằng phần đầu yêu cầu.\n");
		return CLI_HELP;
	}
	if (rc != CLI_OK)
		return 2;
	if (config) {
		char *err = NULL;
		if (conf_load(config, serve_keys, NKEYS, file_values, &err) != LOA_OK) {
			cli_error("serve", "%s", err);
			free(err);
			return 2;
		}
	}
	for (size_t k = 0; k < NKEYS; k++) {
		const char *why = flag_values[k] && serve_keys[k].check ? serve_keys[k].check(flag_values[k]) : NULL;
		if (why) {
			cli_error("serve", "--%s \"%s\" không dùng được: %s", flag_names[k], flag_values[k], why);
			return 2;
		}
		set[k] = flag_values[k] ? flag_values[k] : file_values[k];
	}
	return 0;
}

/* Error log destination and level, before anything else is logged. */
static int serve_logs(const char **set)
{
	char *err = NULL;
	enum log_level level = LOG_LV_INFO;
	if (set[K_LOG_LEVEL])
		log_level_parse(set[K_LOG_LEVEL], &level);
	log_set_level(level);
	if (log_open(set[K_ERROR_LOG], &err) != LOA_OK) {
		cli_error("serve", "%s", err);
		free(err);
		return 1;
	}
	return 0;
}

int cmd_serve(int argc, char **argv)
{
	char *file_values[NKEYS] = {0};
	const char *set[NKEYS] = {0}, *test_clock = NULL;
	bool test_hooks = false;
	int rc = serve_settings(argc, argv, file_values, set, &test_clock, &test_hooks);
	if (rc == CLI_HELP) {
		rc = 0;
		goto out;
	}
	if (rc != 0 || (rc = serve_logs(set)) != 0)
		goto out;
	rc = serve_run(set, test_clock, test_hooks);
out:
	conf_values_free(file_values, NKEYS);
	return rc;
}
