/* app.h — the server context: the one place that holds mutable state shared
 * by handlers (store connection, compiled theme, statistics, page cache).
 * It is created by `loa serve` and passed explicitly to every handler.
 *
 * Threads. The root context (app_open) belongs to the event loops (one or
 * more: `--threads`), which read its static prefix and cache, and the
 * first of which runs app_reload; its store
 * connection serves the once-a-second tick (on the ticker thread when there
 * is a pool) and nothing else. Each worker of the HTTP pool runs its
 * handlers with a copy (app_worker_open) that has its own store connection
 * and shares the rest, under these contracts:
 *   store        one connection per thread (store.h), never shared;
 *   themes       the current theme (app_theme), published atomically by
 *                app_reload on the loop; a theme never changes once made
 *                and lives until app_close;
 *   stats        thread-safe (its own mutexes; stats.h);
 *   cache        thread-safe (one mutex; pagecache.h); renderers store
 *                pages against the generation they started from;
 *   csrf_key     read-only after start;
 *   throttle     thread-safe (its own mutex; auth.h);
 *   cfg          read-only after start;
 *   static prefix        the current theme's (app_static_prefix): every
 *                loop's routing reads it while app_reload publishes a new theme;
 *   access_log   thread-safe (accesslog.h); reopened by app_reload;
 *   content_version      read and written atomically, on the root only
 *                (app_content_version / app_content_version_set);
 *   last_purge   the tick's only (one tick at a time);
 *   media        libvips started once (media.h), then any thread;
 *   mailer       the outbox's sender thread with its own connection
 *                (mail/sender.h); handlers only write rows it reads. */
#ifndef LOA_APP_H
#define LOA_APP_H

#include <stdbool.h>
#include <stdint.h>

struct store;
struct stats;
struct tmpl_set;
struct pagecache;
struct auth_key;
struct auth_throttle;
struct accesslog;
struct mail_sender;

struct app_config {
	const char *db_path;
	const char *listen;
	const char *theme_dir;   /* holds templates/ and static/ */
	const char *media_dir;
	const char *attach_dir;  /* feedback attachments: private, never served statically */
	const char *access_log;  /* combined-format log file, or NULL for none */
};

/* One compiled theme: its templates and the hash of its static files (for
 * versioned names that browsers may cache forever). Never changed once
 * made: app_reload makes a new one. */
struct app_theme {
	struct tmpl_set *tmpl;
	char asset_version[17];
	char static_prefix[27];      /* "/static/<asset_version>/": the versioned URL prefix */
};
struct app_themes;

struct app {
	struct app_config cfg;
	struct store *store;         /* the root's: the tick's only; a worker's: that worker's */
	struct app_themes *themes;   /* the current theme (app_theme); shared by copies of the context */
	struct stats *stats;
	struct pagecache *cache;
	struct accesslog *access_log; /* NULL when off */
	int64_t content_version;     /* last seen store_content_version */
	struct auth_key *csrf_key;   /* derived from the database's secret */
	struct auth_throttle *throttle; /* failed logins per account and address */
	int64_t last_purge;          /* when expired sessions were last dropped */
	struct mail_sender *mailer;  /* root only; NULL in copies */
	bool media_ready;            /* media_init succeeded: media_shutdown at close */
	struct app *root;            /* the loop's context; itself for the root */
};

/* Opens the store, compiles the theme, starts the statistics flusher and
 * the mail sender and makes an empty page cache. On failure everything opened is closed again
 * and *err holds a malloc'ed message. */
int app_open(struct app *app, const struct app_config *cfg, char **err);
/* Stops the flusher (after a last flush), writes out the access log and
 * releases everything. */
void app_close(struct app *app);
/* The theme to render with: take it once per response. Thread-safe. It
 * stays valid until app_close, however many reloads come meanwhile. */
const struct app_theme *app_theme(const struct app *app);
/* The current theme's versioned static prefix, for http_static_dir's
 * prefix_of (app is a struct app *). Any thread. */
const char *app_static_prefix(void *app);
/* What SIGHUP does, on the first loop's thread between requests: reopens the error
 * and access logs; then, when the theme's templates or static files
 * changed, compiles the templates afresh and, if every one compiles,
 * publishes the new theme (renders already under way finish with the old
 * one), renames the versioned static prefix and clears the page cache.
 * When a template does not compile the old theme stays and the error is
 * logged. Replaced themes are freed at app_close: a reload that changes
 * nothing keeps nothing, so memory grows only with real edits. */
void app_reload(struct app *app);

/* A worker's context (a struct app *, as void * for http_config's hooks):
 * a copy of the root with its own store connection, opened on the worker's
 * thread. NULL with *err (malloc'ed) when the database cannot be opened. */
void *app_worker_open(void *root, unsigned index, char **err);
/* Closes the worker's connection and frees the copy (not what it shares). */
void app_worker_close(void *root, void *worker);

/* The content version last seen by anyone (shared by all contexts). */
int64_t app_content_version(struct app *app);
void app_content_version_set(struct app *app, int64_t v);

#endif
