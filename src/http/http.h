/* http.h — the HTTP contract seen by handlers. Only src/http/ includes h2o;
 * everything above works with these opaque types and functions.
 *
 * Threads. The event loops (cfg.threads, one by default) parse, route and send; the handlers of routes
 * (and the fallback, and the guard) run on a worker of a bounded pool when
 * cfg.workers > 0, so that no database read, search, password hash or fsync
 * ever holds up a reader. Only cfg.cached runs on the loop: it answers from
 * memory or declines. A handler on a worker receives the app pointer its
 * worker opened (cfg.worker_open) and may use every function of this
 * header on its request, from that one thread, until it has answered; the
 * answer is recorded and sent by the loop. When the pool is full the
 * request is answered 503 with Retry-After without running anything.
 *
 * A handler is called with a request whose arena lives until the response
 * has been sent (or the client has gone and the handler has returned). A
 * handler must answer exactly once (http_send, http_send_parts,
 * http_redirect, http_error page via the app's error hook, or
 * http_not_modified's 304) and then return.
 *
 * Limits enforced before any handler runs: request line and URL length,
 * header count and size, body size, number of connections, and idle and
 * slow-client timeouts (see struct http_config). A request over a limit is
 * answered 4xx by this module. */
#ifndef LOA_HTTP_H
#define LOA_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

struct http_req;
struct http_server;
struct accesslog;

typedef void (*http_handler_fn)(void *app, struct http_req *req);

/* Route flags: policy that the table declares and the server or the app's
 * guard enforces, so no handler can forget it. */
enum {
	HTTP_ROUTE_CSRF = 1u << 0,   /* a state-changing form: the guard checks its CSRF token */
	HTTP_ROUTE_CACHE = 1u << 1   /* a public GET whose page the page cache may answer */
};

/* One routing table entry: what a URL is, who may call it and with what.
 *
 * pattern is a path whose segments are literals or placeholders:
 *   {id}  a positive decimal number (1 to 18 digits, no leading zero),
 *         read back with http_req_param_id;
 *   {s}   any one non-empty segment, read back with http_req_param;
 *   *     (last) the rest of the path, possibly empty.
 * Entries are tried in order; the first whose pattern and method match
 * wins; a pattern that matches with another method adds to a 405's Allow.
 * method is "GET" (which also answers HEAD), "POST" or NULL for any.
 *
 * role and tag are the app's: the server only hands them to the guard
 * (http_config.guard), which runs before fn whenever role > 0 or the
 * route has HTTP_ROUTE_CSRF, and answers the request itself when it
 * refuses. max_body bounds the request body (413 beyond); 0 means the
 * server's default. */
struct http_route {
	const char *method;
	const char *pattern;
	http_handler_fn fn;
	int role;
	unsigned flags;
	size_t max_body;
	const char *tag;
};

struct http_static_dir {
	const char *prefix;      /* "/static/" */
	const char *dir;         /* directory on disk */
	bool immutable;          /* long cache lifetime (versioned names) */
	const char *hidden;      /* a sub-folder ("files/") never served from here, or NULL */
	/* When set, the prefix is what this returns (given the server's app)
	 * at each request, instead of `prefix`: a versioned name that a
	 * reload changes while other loops route. Any thread; the string
	 * must stay valid for the server's life. */
	const char *(*prefix_of)(void *app);
};

struct http_config {
	const char *listen;      /* "127.0.0.1:8080", "[::1]:8080", ":8080" */
	size_t max_connections;  /* default 1024 */
	size_t max_body;         /* default 1 MiB; routes may allow more (up to the largest) */
	size_t max_url;          /* default 4096 */
	int io_timeout_ms;       /* slow clients are cut after this; default 10000 */
	const struct http_route *routes;
	size_t nroutes;
	http_handler_fn fallback; /* when no route matches (e.g. category pages, 404) */
	/* Enforces a route's role and CSRF policy before its handler runs.
	 * Returns true to let the handler run; false after answering the
	 * request itself (login redirect, 403). NULL: such routes are 403. */
	bool (*guard)(void *app, struct http_req *req, const struct http_route *route);
	/* Called on the loop thread, between requests, after SIGHUP. */
	void (*reload)(void *app);
	/* Where a combined-format line per request goes; NULL: none. */
	struct accesslog *access_log;
	const struct http_static_dir *statics;
	size_t nstatics;
	/* Called once per second (e.g. to refresh caches, publish what is
	 * due): with a pool, on a thread of its own, one call at a time, with
	 * the server's app — the loop never waits for it; without one, on
	 * the loop. Not called once the server stops. */
	void (*tick)(void *app);

	/* Runs on the loop before a GET or HEAD of a HTTP_ROUTE_CACHE route or
	 * of the fallback is handed to a worker: answers from memory and
	 * returns true, or returns false without answering. Must not block. */
	bool (*cached)(void *app, struct http_req *req);
	/* The worker pool: `workers` threads (0: no pool, handlers run on the
	 * loop) and room for `queue` more requests waiting; beyond that, 503. */
	unsigned workers;
	size_t queue;
	/* Event-loop threads (0 or 1: one; at most 64): each has its own h2o
	 * context and accepts from the one listening socket, answers cached
	 * pages and static files itself and gets back the answers of the
	 * requests it handed to the pool. cached, statics' prefix_of and the
	 * access log are then called from several threads at once. With no
	 * pool (workers 0) there is one loop. */
	unsigned threads;
	/* Called on each worker thread at start: the app pointer handed to the
	 * handlers that worker runs (e.g. a copy with its own database
	 * connection). NULL with *err (malloc'ed) fails http_server_new.
	 * worker_close releases it on the same thread. Both may be NULL: the
	 * workers then share `app`. */
	void *(*worker_open)(void *app, unsigned index, char **err);
	void (*worker_close)(void *app, void *worker_app);
	/* Test builds of the integration tests only (`loa serve --test-hooks`):
	 * a request with header x-loa-test-hold waits on its worker until a
	 * request with x-loa-test-release arrives, and x-loa-test-pool answers
	 * the pool's figures; both answered on the loop. */
	bool test_hooks;
};

/* True when s has the shape of http_config.listen (the address is not
 * looked up). */
bool http_listen_valid(const char *s);
/* Binds the listening socket. NULL with *err set (malloc'ed) on failure,
 * e.g. "cổng 127.0.0.1:8080 đang được dùng" when the port is taken. */
struct http_server *http_server_new(const struct http_config *cfg, void *app, char **err);
/* Runs the event loop until SIGTERM or SIGINT, then stops accepting, lets
 * in-flight responses finish (bounded) and returns 0. SIGPIPE is ignored.
 * http_server_free then drains the worker pool: every request a worker
 * took is worked to its end (and its answer sent or dropped). */
int http_server_run(struct http_server *srv);
/* Holds SIGTERM, SIGINT and SIGHUP back on the calling thread and the
 * threads it starts afterwards, until http_server_run takes them: call it
 * first thing, so that one sent during start-up is neither lost nor fatal. */
void http_signals_hold(void);
void http_server_free(struct http_server *srv);

/* ---- request ---- */
struct arena *http_req_arena(struct http_req *req);
const char *http_req_method(struct http_req *req);     /* "GET", "HEAD", "POST"... */
bool http_req_is_head(struct http_req *req);
/* Path without the query string, percent-decoded, NUL-terminated. NULL when
 * it is not valid UTF-8 or contains NUL (the caller answers 400). */
const char *http_req_path(struct http_req *req);
const char *http_req_raw_path(struct http_req *req);   /* as sent, with query */
/* Decoded value of a query-string parameter ('+' is a space); NULL if
 * absent. Values with invalid UTF-8 come back as NULL too. */
const char *http_req_query(struct http_req *req, const char *name);
const char *http_req_header(struct http_req *req, const char *name); /* NULL if absent */
const char *http_req_cookie(struct http_req *req, const char *name);
/* Host header without the port, lower-cased; "" when absent. */
const char *http_req_host(struct http_req *req);
const char *http_req_remote_addr(struct http_req *req); /* "127.0.0.1" */
bool http_req_is_tls(struct http_req *req);
/* Request body (bounded by max_body); len 0 when none. */
const char *http_req_body(struct http_req *req, size_t *len);
/* Decoded field of an application/x-www-form-urlencoded or multipart/form-data
 * body; NULL if absent or not valid UTF-8. */
const char *http_req_form(struct http_req *req, const char *name);
/* Every value of a repeated form field (a list of checkboxes), in the
 * order sent; *out is in the request's arena (NULL when none). Returns
 * their number, at most max (the rest are left out). */
size_t http_req_form_all(struct http_req *req, const char *name, size_t max, const char ***out);
bool http_req_accepts_gzip(struct http_req *req);
/* The route being served (NULL in the fallback). */
const struct http_route *http_req_route(struct http_req *req);
/* The i-th placeholder of the route's pattern, counting {id} and {s}
 * together from 0: its text, or NULL when there is no such placeholder. */
const char *http_req_param(struct http_req *req, int i);
/* The i-th placeholder as a number (0 when it is not an {id}). */
int64_t http_req_param_id(struct http_req *req, int i);
/* One pointer the app may attach to the request (e.g. what its guard
 * prepared for the handler); it lives as long as the request's arena. */
void http_req_set_data(struct http_req *req, void *data);
void *http_req_data(struct http_req *req);

/* A file sent in a multipart/form-data body (the body is bounded by
 * max_body). data points into the request body; filename and content_type
 * are what the client claimed — never trust them for the file's type. */
struct http_file {
	const char *name, *filename, *content_type;
	const void *data;
	size_t len;
};
/* The file part named `name`, or NULL. Text parts of a multipart body are
 * read with http_req_form like urlencoded fields. */
const struct http_file *http_req_file(struct http_req *req, const char *name);
/* Runs fn(arg) once the response is complete (or the request aborted). */
void http_req_defer(struct http_req *req, void (*fn)(void *), void *arg);

/* ---- response ---- */
/* Adds a response header; name and value are copied. */
void http_header(struct http_req *req, const char *name, const char *value);
/* Sends 304 and returns true when the request's If-None-Match matches etag
 * (a quoted entity tag); otherwise sets the ETag header and returns false. */
bool http_not_modified(struct http_req *req, const char *etag);

struct http_part {
	const void *base;
	size_t len;
};

enum {
	HTTP_COMPRESS = 1,   /* gzip the body when the client accepts it and it is worth it */
	HTTP_GZIPPED = 2     /* the parts already are a gzip stream: add Content-Encoding */
};

/* Sends a complete response. The parts are referenced, not copied: they must
 * stay valid until the response completes (use http_req_defer or the request
 * arena). Content-Length is always set; HEAD gets headers only. */
void http_send_parts(struct http_req *req, int status, const char *content_type, const struct http_part *parts,
		     size_t nparts, unsigned flags);
/* Convenience: one part, copied into the request arena. */
void http_send(struct http_req *req, int status, const char *content_type, const void *body, size_t len,
	       unsigned flags);
/* Sends the regular file at `path` (a path the caller built, never one
 * the request names) as `content_type`, with `cache_control`, an ETag
 * and Last-Modified from the file, answering If-None-Match and
 * If-Modified-Since with 304. flags: HTTP_COMPRESS for text types. Small
 * files are read, big ones mapped, never copied whole into the arena.
 * A missing file is answered with the app's 404 page. Headers set before
 * the call (Content-Disposition) go out with the file. */
void http_send_file(struct http_req *req, const char *path, const char *content_type, unsigned flags,
		    const char *cache_control);
/* 301/302/303 with Location (made absolute-path safe) and a tiny body. */
void http_redirect(struct http_req *req, int status, const char *location);

#endif
