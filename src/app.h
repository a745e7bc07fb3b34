/* app.h — the server context: the one place that holds mutable state shared
 * by handlers (store connection, compiled theme, statistics, page cache).
 * It is created by `loa serve` and passed explicitly to every handler. */
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

struct app_config {
	const char *db_path;
	const char *listen;
	const char *theme_dir;   /* holds templates/ and static/ */
	const char *media_dir;
	const char *attach_dir;  /* feedback attachments: private, never served statically */
	const char *access_log;  /* combined-format log file, or NULL for none */
};

struct app {
	struct app_config cfg;
	struct store *store;         /* used on the event-loop thread only */
	struct tmpl_set *tmpl;       /* swapped by app_reload */
	struct tmpl_set *tmpl_retired; /* the set before the last reload (see app_reload) */
	struct stats *stats;
	struct pagecache *cache;
	char asset_version[17];      /* hash of the static files, for versioned names */
	char static_prefix[27];      /* "/static/<asset_version>/": the versioned URL prefix */
	struct accesslog *access_log; /* NULL when off */
	int64_t content_version;     /* last seen store_content_version */
	struct auth_key *csrf_key;   /* derived from the database's secret */
	struct auth_throttle *throttle; /* failed logins per account and address */
	int64_t last_purge;          /* when expired sessions were last dropped */
	bool media_ready;            /* media_init succeeded: media_shutdown at close */
};

/* Opens the store, compiles the theme, starts the statistics flusher and
 * makes an empty page cache. On failure everything opened is closed again
 * and *err holds a malloc'ed message. */
int app_open(struct app *app, const struct app_config *cfg, char **err);
/* Stops the flusher (after a last flush), writes out the access log and
 * releases everything. */
void app_close(struct app *app);
/* What SIGHUP does, on the loop thread between requests: reopens the error
 * and access logs, compiles the theme's templates afresh and, when that
 * succeeds, swaps them in, renames the static files' versioned prefix if
 * they changed and clears the page cache. When the new templates do not
 * compile the old ones stay and the error is logged. The replaced set is
 * kept until the next reload (or app_close), so a render that picked up
 * the old pointer just before the swap still finishes with it. */
void app_reload(struct app *app);

#endif
