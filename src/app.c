/* app.c — creates and tears down the server context (app.h). */
#include "app.h"

#include <dirent.h>
#include <stdatomic.h>
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
#include "mail/sender.h"
#include "media/media.h"
#include "store/store.h"
#include "store/store_newsroom.h"

#define PAGE_CACHE_BYTES (64u << 20)

/* The current theme and those it replaced, kept until app_close. */
struct app_themes {
	_Atomic(struct app_theme *) current;
	struct app_theme **old;
	size_t nold;
	uint64_t templates_hash; /* of the templates the current theme was compiled from */
};

#define FNV_OFFSET 1469598103934665603ULL
#define FNV_PRIME 1099511628211ULL

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *c = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ c[i]) * FNV_PRIME;
	return h;
}

#define HASH_DEPTH 8 /* folders below a theme's templates/ or static/ that count */

/* FNV-1a over the names and bytes of the files under dir, sub-folders
 * included (to HASH_DEPTH, so a symbolic link loop ends), in name order:
 * it changes whenever a file does. */
static uint64_t hash_tree(const char *dir, uint64_t h, int depth)
{
	struct dirent **names = NULL;
	int n = scandir(dir, &names, NULL, alphasort);
	for (int i = 0; i < n; i++) {
		const char *nm = names[i]->d_name;
		if (nm[0] != '.') {
			char *path = buf_newf("%s/%s", dir, nm);
			struct stat sb;
			h = fnv(h, nm, strlen(nm) + 1);
			if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
				if (depth < HASH_DEPTH)
					h = hash_tree(path, h, depth + 1);
			} else {
				FILE *f = fopen(path, "rb");
				char chunk[8192];
				size_t got;
				while (f && (got = fread(chunk, 1, sizeof chunk, f)) > 0)
					h = fnv(h, chunk, got);
				if (f)
					fclose(f);
			}
			free(path);
		}
		free(names[i]);
	}
	free(names);
	return h;
}

/* Compiles the theme: its templates (NULL with *err when one does not
 * compile or the layout is missing) and the version of its static files. */
static struct app_theme *theme_load(const char *theme_dir, char **err)
{
	char *dir = buf_newf("%s/templates", theme_dir);
	struct tmpl_set *set = tmpl_set_load(dir, err);
	free(dir);
	if (set && !tmpl_exists(set, "layout")) {
		*err = buf_newf("giao diện %s thiếu mẫu layout.html", theme_dir);
		tmpl_set_free(set);
		set = NULL;
	}
	if (!set)
		return NULL;
	struct app_theme *t = xcalloc(1, sizeof *t);
	t->tmpl = set;
	dir = buf_newf("%s/static", theme_dir);
	snprintf(t->asset_version, sizeof t->asset_version, "%016llx", (unsigned long long)hash_tree(dir, FNV_OFFSET, 0));
	snprintf(t->static_prefix, sizeof t->static_prefix, "/static/%s/", t->asset_version);
	free(dir);
	return t;
}

static void theme_free(struct app_theme *t)
{
	if (t) {
		tmpl_set_free(t->tmpl);
		free(t);
	}
}

static uint64_t templates_hash(const char *theme_dir)
{
	char *dir = buf_newf("%s/templates", theme_dir);
	uint64_t h = hash_tree(dir, FNV_OFFSET, 0);
	free(dir);
	return h;
}

/* Makes t current; every loop's routing then serves the new static prefix. */
static void theme_publish(struct app *app, struct app_theme *t)
{
	struct app_themes *th = app->themes;
	struct app_theme *prev = atomic_load(&th->current);
	if (prev) {
		th->old = xrealloc(th->old, (th->nold + 1) * sizeof *th->old);
		th->old[th->nold++] = prev;
	}
	atomic_store(&th->current, t);
}

const struct app_theme *app_theme(const struct app *app)
{
	return atomic_load(&app->themes->current);
}

const char *app_static_prefix(void *app)
{
	return app_theme(app)->static_prefix;
}

int app_open(struct app *app, const struct app_config *cfg, char **err)
{
	memset(app, 0, sizeof *app);
	app->cfg = *cfg;
	app->root = app;
	app->store = store_open(cfg->db_path, false, err);
	if (!app->store)
		goto fail;
	app->themes = xcalloc(1, sizeof *app->themes);
	app->themes->templates_hash = templates_hash(cfg->theme_dir);
	struct app_theme *theme = theme_load(cfg->theme_dir, err);
	if (!theme)
		goto fail;
	theme_publish(app, theme);
	app->stats = stats_new(cfg->db_path, err);
	if (!app->stats || stats_start(app->stats) != LOA_OK) {
		if (!*err)
			*err = strdup("không khởi động được bộ đếm truy cập");
		goto fail;
	}
	app->mailer = mail_sender_start(cfg->db_path, err);
	if (!app->mailer)
		goto fail;
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
	const struct app_theme *cur = app_theme(app);
	uint64_t th = templates_hash(app->cfg.theme_dir);
	char *dir = buf_newf("%s/static", app->cfg.theme_dir);
	char version[17];
	snprintf(version, sizeof version, "%016llx", (unsigned long long)hash_tree(dir, FNV_OFFSET, 0));
	free(dir);
	if (th == app->themes->templates_hash && strcmp(version, cur->asset_version) == 0) {
		log_info("đã mở lại các tệp nhật ký; giao diện không thay đổi");
		return;
	}
	struct app_theme *t = theme_load(app->cfg.theme_dir, &err);
	if (!t) {
		log_error("không nạp lại được giao diện, vẫn dùng mẫu cũ: %s", err ? err : "lỗi không rõ");
		free(err);
		return;
	}
	app->themes->templates_hash = th;
	theme_publish(app, t);
	pagecache_clear(app->cache);
	log_info("đã mở lại các tệp nhật ký và nạp lại giao diện %s", app->cfg.theme_dir);
}

void app_close(struct app *app)
{
	mail_sender_free(app->mailer);
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
	if (app->themes) {
		theme_free(atomic_load(&app->themes->current));
		for (size_t i = 0; i < app->themes->nold; i++)
			theme_free(app->themes->old[i]);
		free(app->themes->old);
		free(app->themes);
	}
	accesslog_free(app->access_log);
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
	w->mailer = NULL;
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
