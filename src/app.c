/* app.c — creates and tears down the server context (app.h). */
#include "app.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "auth/auth.h"
#include "core/buf.h"
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

int app_open(struct app *app, const struct app_config *cfg, char **err)
{
	struct buf b = BUF_INIT;
	memset(app, 0, sizeof *app);
	app->cfg = *cfg;
	app->root = app;
	app->store = store_open(cfg->db_path, false, err);
	if (!app->store)
		goto fail;
	buf_addf(&b, "%s/templates", cfg->theme_dir);
	app->tmpl = tmpl_set_load(b.data, err);
	if (!app->tmpl)
		goto fail;
	if (!tmpl_exists(app->tmpl, "layout")) {
		buf_setlen(&b, 0);
		buf_addf(&b, "giao diện %s thiếu mẫu layout.html", cfg->theme_dir);
		*err = buf_detach(&b, NULL);
		goto fail;
	}
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
	buf_setlen(&b, 0);
	buf_addf(&b, "%s/static", cfg->theme_dir);
	hash_dir(b.data, app->asset_version);
	store_content_version(app->store, &app->content_version);
	buf_reset(&b);
	return LOA_OK;
fail:
	buf_reset(&b);
	app_close(app);
	return LOA_ERROR;
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
	if (app->store)
		store_close(app->store);
	memset(app, 0, sizeof *app);
}

void *app_worker_open(void *root_, unsigned index, char **err)
{
	struct app *root = root_;
	struct app *w = xmalloc(sizeof *w);

	(void)index;
	*w = *root;
	w->root = root;
	w->media_ready = false;
	w->store = store_open(root->cfg.db_path, false, err);
	if (!w->store) {
		free(w);
		return NULL;
	}
	return w;
}

void app_worker_close(void *root, void *worker)
{
	struct app *w = worker;

	(void)root;
	if (w) {
		store_close(w->store);
		free(w);
	}
}

int64_t app_content_version(struct app *app)
{
	return __atomic_load_n(&app->root->content_version, __ATOMIC_ACQUIRE);
}

void app_content_version_set(struct app *app, int64_t v)
{
	__atomic_store_n(&app->root->content_version, v, __ATOMIC_RELEASE);
}
