/* app.c — creates and tears down the server context (app.h). */
#include "app.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/status.h"
#include "render/pagecache.h"
#include "render/tmpl.h"
#include "stats/stats.h"
#include "store/store.h"

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
