/* app.c — creates and tears down the server context (app.h). */
#include "app.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "auth/auth.h"
#include "core/accesslog.h"
#include "core/buf.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/status.h"
#include "render/pagecache.h"
#include "render/tmpl.h"
#include "stats/stats.h"
#include "media/media.h"
#include "store/store.h"
#include "store/store_newsroom.h"

#define PAGE_CACHE_BYTES (64u << 20)

/* FNV-1a over the names and bytes of the files in dir (not recursive), so a
 * changed stylesheet gets a new URL and browsers may cache forever. */
static void hash_dir(const char *dir, char out[17])
{
	uint64_t h = 1469598103934665603ULL;
	struct dirent **names = NULL;
	int n = scandir(dir, &names, NULL, alphasort);
	for (int i = 0; i < n; i++) {
		const char *nm = names[i]->d_name;
		if (nm[0] != '.') {
			for (const char *c = nm; *c; c++)
				h = (h ^ (unsigned char)*c) * 1099511628211ULL;
			struct buf path = BUF_INIT;
			buf_addf(&path, "%s/%s", dir, nm);
			FILE *f = fopen(path.data, "rb");
			if (f) {
				int ch;
				while ((ch = getc(f)) != EOF)
					h = (h ^ (unsigned char)ch) * 1099511628211ULL;
				fclose(f);
			}
			buf_reset(&path);
		}
		free(names[i]);
	}
	free(names);
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

/* Compiles the theme's templates; NULL with *err when one does not
 * compile or the layout is missing. */
static struct tmpl_set *load_theme(const char *theme_dir, char **err)
{
	char *dir = buf_newf("%s/templates", theme_dir);
	struct tmpl_set *set = tmpl_set_load(dir, err);
	free(dir);
	if (set && !tmpl_exists(set, "layout")) {
		*err = buf_newf("giao diện %s thiếu mẫu layout.html", theme_dir);
		tmpl_set_free(set);
		set = NULL;
	}
	return set;
}

/* Hashes the theme's static files into asset_version and static_prefix. */
static void version_assets(struct app *app)
{
	char *dir = buf_newf("%s/static", app->cfg.theme_dir);
	hash_dir(dir, app->asset_version);
	snprintf(app->static_prefix, sizeof app->static_prefix, "/static/%s/", app->asset_version);
	free(dir);
}

int app_open(struct app *app, const struct app_config *cfg, char **err)
{
	memset(app, 0, sizeof *app);
	app->cfg = *cfg;
	app->store = store_open(cfg->db_path, false, err);
	if (!app->store)
		goto fail;
	app->tmpl = load_theme(cfg->theme_dir, err);
	if (!app->tmpl)
		goto fail;
	app->stats = stats_new(cfg->db_path, err);
	if (!app->stats || stats_start(app->stats) != LOA_OK) {
		if (!*err)
			*err = strdup("không khởi động được bộ đếm truy cập");
		goto fail;
	}
	app->cache = pagecache_new(PAGE_CACHE_BYTES);
	unsigned char secret[32];
	if (auth_init() != LOA_OK || store_secret(app->store, secret) != LOA_OK) {
		*err = strdup("không khởi tạo được khóa bảo mật");
		goto fail;
	}
	app->csrf_key = xmalloc(sizeof *app->csrf_key);
	auth_key_from_bytes(app->csrf_key, secret, sizeof secret);
	memset(secret, 0, sizeof secret);
	app->throttle = auth_throttle_new(0);
	if (media_init(err) != LOA_OK)
		goto fail;
	app->media_ready = true;
	if (cfg->access_log) {
		app->access_log = accesslog_new(cfg->access_log, 0, err);
		if (!app->access_log)
			goto fail;
	}
	version_assets(app);
	store_content_version(app->store, &app->content_version);
	return LOA_OK;
fail:
	app_close(app);
	return LOA_ERROR;
}

void app_reload(struct app *app)
{
	char *err = NULL;

	log_reopen();
	if (app->access_log)
		accesslog_reopen(app->access_log);
	struct tmpl_set *set = load_theme(app->cfg.theme_dir, &err);
	if (!set) {
		log_error("không nạp lại được giao diện, vẫn dùng mẫu cũ: %s", err ? err : "lỗi không rõ");
		free(err);
		return;
	}
	if (app->tmpl_retired)
		tmpl_set_free(app->tmpl_retired);
	app->tmpl_retired = app->tmpl;
	app->tmpl = set;
	/* Same length, written in place: the versioned static route keeps
	 * pointing at this buffer. */
	version_assets(app);
	pagecache_clear(app->cache);
	log_info("đã nạp lại giao diện %s và mở lại các tệp nhật ký", app->cfg.theme_dir);
}

void app_close(struct app *app)
{
	if (app->media_ready)
		media_shutdown();
	if (app->throttle)
		auth_throttle_free(app->throttle);
	if (app->csrf_key) {
		auth_key_wipe(app->csrf_key);
		free(app->csrf_key);
	}
	if (app->cache)
		pagecache_free(app->cache);
	if (app->stats)
		stats_free(app->stats);
	if (app->tmpl)
		tmpl_set_free(app->tmpl);
	if (app->tmpl_retired)
		tmpl_set_free(app->tmpl_retired);
	accesslog_free(app->access_log);
	if (app->store)
		store_close(app->store);
	memset(app, 0, sizeof *app);
}
