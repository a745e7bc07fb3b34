/* store.h — the storage contract. Every read and write of loa's data goes
 * through these functions; handlers never see SQL. store_sqlite.c is the
 * embedded backend; a PostgreSQL backend will implement the same table of
 * operations (struct store_ops in storeInt.h) without touching callers.
 *
 * Ownership: every struct and string returned is allocated in the arena the
 * caller passes and lives as long as it. Functions return LOA_OK or a
 * negative LOA_E* status (core/status.h); `err`, when non-NULL, receives a
 * one-line message in the arena (or a static string).
 *
 * Threads: a `struct store` is one connection and must be used by one thread
 * at a time; a second thread opens its own handle on the same file. `loa
 * serve` gives every worker of its pool its own handle (app_worker_open);
 * the root handle serves the ticker thread only, the statistics flusher has
 * its own. Connections are in WAL mode, so readers never wait for a writer;
 * writers wait for each other up to the busy timeout. Nothing returned by a
 * store function refers to the connection after it returns (all lives in
 * the caller's arena), so results may be handed to another thread.
 *
 * Times are Unix seconds (UTC); days are Vietnam day numbers (vntime.h).
 * Every row belongs to a site; every query names its site. */
#ifndef LOA_STORE_H
#define LOA_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

struct buf;

struct store;

enum article_status {
	ARTICLE_DRAFT = 0,
	ARTICLE_PENDING = 1,
	ARTICLE_SCHEDULED = 2,
	ARTICLE_PUBLISHED = 3
};

enum cal_session { CAL_MORNING = 0, CAL_AFTERNOON = 1, CAL_EVENING = 2 }; /* sáng, chiều, tối */

struct site {
	int64_t id;
	const char *host;        /* "" for the default site */
	const char *name;        /* "Cổng thông tin điện tử xã ..." */
	const char *tagline;
	const char *footer;      /* plain text, may contain newlines */
	const char *contact;     /* plain text: address, phone, email */
	int64_t visits_base;     /* starting total carried over from an old portal */
	bool is_default;
	const char *logo;        /* "" or the URL path of an image of the media library ("/media/...") */
};

struct category {
	int64_t id, site_id;
	int64_t parent_id;       /* 0 at top level */
	const char *name;
	const char *slug;        /* unique within its site */
	int position;            /* order among siblings */
};

struct article {
	int64_t id, site_id, category_id;
	const char *category_name, *category_slug; /* joined for convenience */
	const char *title, *slug, *lead, *body_html; /* body_html already sanitized */
	const char *image, *caption;                 /* cover; image is a URL path or "" */
	const char *image_srcset;                    /* "" or the cover's WebP sizes ("/media/..-480.webp 480w, ...") */
	const char *author, *source;
	const char *external_id;                     /* "" when none */
	int status;                                  /* enum article_status */
	int64_t published_at, updated_at, created_at;
	bool featured;
	int featured_order;                          /* smaller first */
	int hot_pin;                                 /* 0 = not pinned; smaller first */
	int64_t views;
};

struct cal_item {
	int64_t id, site_id;
	int64_t day;             /* Vietnam day number */
	int session;             /* enum cal_session */
	const char *start_time;  /* "07:30" or "" */
	const char *content, *chair, *participants, *location, *unit;
	const char *note;        /* "" or a change notice, e.g. "Hoãn" */
	int state;               /* 0 normal, 1 changed, 2 cancelled */
	int64_t updated_at;      /* set by the store on insert and on every change (read only) */
	int sequence;            /* 0 when added; the store adds 1 on every change (iCalendar SEQUENCE) */
};

enum link_kind { LINK_WEBSITE = 0, LINK_SERVICE = 1 }; /* "Website liên kết", "Dịch vụ công" */

struct link {
	int64_t id, site_id;
	const char *title, *url;
	int position;
	int kind;                /* enum link_kind */
};

struct media {
	int64_t id, site_id;
	const char *path;        /* URL path under /media/ */
	const char *mime, *alt, *caption;
	const char *srcset;      /* "" or responsive WebP sizes: "/media/..-480.webp 480w, ..." */
	int width, height;
	int64_t created_at;
};

/* A list filter for published articles, newest first unless stated. */
struct article_query {
	int64_t site_id;
	int64_t category_id;     /* 0 = any; otherwise it and all its descendants */
	int64_t now;             /* only published_at <= now */
	bool featured_only;      /* order by featured_order, then newest */
	int64_t exclude_id;      /* 0 = none */
	int limit, offset;
	bool with_body;          /* load body_html (lists usually do not) */
};

/* Daily and total visit counts; written by the stats module's flusher. */
struct visit_delta {
	int64_t site_id;
	int64_t day;             /* Vietnam day number */
	int64_t visits;
};
struct view_delta {
	int64_t article_id;
	int64_t day;
	int64_t views;
};

/* ---- lifetime ---- */

/* Opens (creating when `create`) the database, enables WAL and foreign keys,
 * and applies pending migrations. NULL on failure with *err set (static or
 * malloc'ed by the caller's choice: here a malloc'ed string the caller frees). */
struct store *store_open(const char *path, bool create, char **err);
void store_close(struct store *st);
/* A number that changes whenever content (not statistics) changes, in this
 * process or another; cheap enough to poll a few times per second. */
int store_content_version(struct store *st, int64_t *out);
int store_begin(struct store *st);
int store_commit(struct store *st);
int store_rollback(struct store *st);

/* ---- sites ---- */
/* The site whose host equals `host` (case-insensitive, port ignored), else
 * the default site. LOA_NOTFOUND only when the database has no site at all. */
int store_site_for_host(struct store *st, const char *host, struct arena *a, struct site *out);
int store_site_get(struct store *st, int64_t id, struct arena *a, struct site *out);
int store_site_list(struct store *st, struct arena *a, struct site **out, size_t *n);
/* Creates a site; the first site created becomes the default. */
int store_site_create(struct store *st, const struct site *s, int64_t *id, const char **err);
int store_site_update(struct store *st, const struct site *s);

/* ---- categories ---- */
/* All categories of a site ordered for a tree walk: parents before children,
 * siblings by position then name. */
int store_category_list(struct store *st, int64_t site_id, struct arena *a, struct category **out, size_t *n);
int store_category_by_slug(struct store *st, int64_t site_id, const char *slug, struct arena *a,
			   struct category *out);
/* Finds or creates each level of a path such as "Tin tức/Xây dựng Đảng" and
 * returns the leaf's id. Slugs are made unique within the site and never
 * collide with reserved top-level paths (store_slug_reserved). */
int store_category_ensure_path(struct store *st, int64_t site_id, const char *path, int64_t *id,
			       const char **err);
bool store_slug_reserved(const char *slug);

/* ---- articles ---- */
/* Any status; callers check status and time for public display. */
int store_article_get(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct article *out);
int store_article_list(struct store *st, const struct article_query *q, struct arena *a, struct article **out,
		       size_t *n, int64_t *total);
/* Most viewed among published since `since`, editor pins first; n <= limit. */
int store_article_hot(struct store *st, int64_t site_id, int64_t since, int64_t now, int limit, struct arena *a,
		      struct article **out, size_t *n);
/* Inserts, or updates the article with the same (site, external_id) when
 * external_id is non-empty. body_html must already be sanitized. Sets *id
 * and *created (true when a new row was made). */
int store_article_upsert(struct store *st, const struct article *art, int64_t *id, bool *created,
			 const char **err);
/* Deletes an article of the site (its view counts and search entry go with
 * it). LOA_NOTFOUND when the site has no such article. */
int store_article_delete(struct store *st, int64_t site_id, int64_t id);
/* Adds to view counters (total and per day); used by the stats flusher. */
int store_views_add(struct store *st, const struct view_delta *d, size_t n);

/* ---- search (see src/search/search.h for folding and query syntax) ---- */
struct search_request {
	int64_t site_id;
	const char *q;           /* the user's words: valid UTF-8, at most SEARCH_MAX_QUERY bytes; "" = none */
	int64_t category_id;     /* 0 = any; otherwise it and all its descendants */
	int64_t from, to;        /* published_at in [from, to); 0 = open end */
	bool newest;             /* newest first instead of by relevance */
	int64_t now;             /* only published articles with published_at <= now */
	int limit, offset;
};
struct search_hit {
	struct article art;      /* body_html not loaded */
	const char *snippet;     /* HTML: escaped plain text with <mark>...</mark> around matched words */
};
/* Published articles of the site matching the request: with keywords,
 * ranked as search.h describes (or newest first); without keywords, the
 * filtered list newest first. A query that folds to nothing behaves as no
 * keywords. *total counts all matches. */
int store_search(struct store *st, const struct search_request *rq, struct arena *a, struct search_hit **out,
		 size_t *n, int64_t *total);
/* Up to `limit` published titles matching q, the last syllable as a prefix. */
int store_suggest(struct store *st, int64_t site_id, const char *q, int64_t now, int limit, struct arena *a,
		  struct article **out, size_t *n);
/* Rebuilds the search index of every article, calling progress (may be
 * NULL) every few hundred articles. */
int store_reindex(struct store *st, void (*progress)(void *ctx, int64_t done, int64_t total), void *ctx);

/* ---- work calendar ---- */
/* Items with from_day <= day <= to_day, by day, session, start time. */
int store_calendar_range(struct store *st, int64_t site_id, int64_t from_day, int64_t to_day, struct arena *a,
			 struct cal_item **out, size_t *n);
int store_calendar_add(struct store *st, const struct cal_item *it, int64_t *id);

/* ---- linked websites and public-service portals ---- */
/* Every link of the site, of both kinds, by kind, position and id. */
int store_link_list(struct store *st, int64_t site_id, struct arena *a, struct link **out, size_t *n);
int store_link_add(struct store *st, const struct link *l, int64_t *id);

/* ---- media ---- */
int store_media_add(struct store *st, const struct media *m, int64_t *id);

/* ---- visit statistics ---- */
/* Visits recorded on `day` and in all (excluding visits_base). */
int store_visits_get(struct store *st, int64_t site_id, int64_t day, int64_t *today, int64_t *total);
/* Adds deltas in one transaction (durable on return). */
int store_visits_add(struct store *st, const struct visit_delta *d, size_t n);

/* ---- maintenance: backups and checks ---- */
/* Writes a consistent copy of the whole database, as it is at one instant,
 * into a new file at `path` (which must not exist) while others go on
 * reading and writing; the copy is on disk (synced) on return. *err gets a
 * malloc'ed Vietnamese reason on failure. */
int store_snapshot(struct store *st, const char *path, char **err);
/* The backend's own consistency check (pages, indexes, references).
 * LOA_OK when sound; otherwise LOA_INVALID with one line per problem
 * appended to `problems` (text for an admin, in Vietnamese). */
int store_check(struct store *st, struct buf *problems);
/* Every file the content refers to, once each: fn(ctx, area, relpath) where
 * area is "media" (below the media folder; URLs /media/REL) or "attachments"
 * (below the attachments folder) and relpath is as stored (not yet checked:
 * callers refuse "..", absolute paths and empty names). Stops at the first
 * non-zero return of fn and returns it; LOA_OK after the last file. */
int store_file_refs(struct store *st, int (*fn)(void *ctx, const char *area, const char *relpath), void *ctx);
/* The schema version of the database (migrations applied). */
int store_schema_version(struct store *st, int64_t *out);

#endif
