/* httpInt.h — internal structure of the HTTP module, shared by its files:
 *
 *   server.c    listening socket, event loop, signals, connection limits,
 *               the h2o handler that routes requests, rewriting of h2o's
 *               own error answers
 *   request.c   request accessors (path, query, headers, cookies, form)
 *   response.c  headers, complete responses, gzip, redirects, 304, error pages
 *   access.c    the access log's lines (combined format)
 *   static.c    files served from the static directories
 *
 * Only these files include h2o. Everything runs on the loop thread. */
#ifndef LOA_HTTP_INT_H
#define LOA_HTTP_INT_H

#include <h2o.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "http/http.h"

/* Hard limits that are not in struct http_config. h2o itself closes the
 * connection past 100 header lines; the byte bound is ours (431). */
#define HTTP_MAX_HEADER_BYTES (32 * 1024)
#define HTTP_GZIP_MIN 1024          /* smaller bodies are not worth compressing */
#define HTTP_GZIP_LEVEL 5
#define HTTP_STOP_GRACE_MS 3000     /* in-flight responses get this long at shutdown */
#define HTTP_MAX_PARAMS 4           /* placeholders in one route pattern */

/* One accepted connection. Freed when h2o has closed the socket and no
 * request object still points at it (either may happen first). */
struct http_conn {
	h2o_linklist_t link;        /* in http_server.conns while open */
	struct http_server *srv;
	int fd;
	unsigned active;            /* live http_req objects on this connection */
	bool closed;
	int outq;                   /* last reading of the kernel send queue */
	uint64_t outq_moved_at;     /* loop time when it last changed */
};

struct http_server {
	struct http_config cfg;     /* caller's tables are referenced, not copied */
	void *app;
	char *listen;               /* normalized "host:port" for messages */

	h2o_globalconf_t gconf;
	h2o_context_t ctx;
	h2o_accept_ctx_t accept_ctx;
	h2o_evloop_t *loop;
	h2o_handler_t *handler;

	int listen_fd;
	h2o_socket_t *listener;     /* NULL once closed */
	bool accepting;             /* listener is being polled */

	h2o_linklist_t conns;
	size_t nconns;

	h2o_timeout_t tick_timeout;
	h2o_timeout_entry_t tick_entry;

	int sig_pipe[2];
	h2o_socket_t *sig_sock;
	bool stop_requested;
	bool stopping;
};

struct http_defer {
	struct http_defer *next;
	void (*fn)(void *);
	void *arg;
};

/* Decoded name=value pairs. value is NULL when it was not valid UTF-8. */
struct http_kv {
	const char *name;
	const char *value;
};

struct http_kvlist {
	struct http_kv *items;
	size_t n;
	bool parsed;
};

struct http_req {
	h2o_req_t *h;
	struct http_server *srv;
	struct http_conn *conn;     /* NULL when the socket could not be found */
	struct arena *arena;        /* created on first use */
	struct http_defer *defers;

	const char *method;
	const char *raw_path;
	const char *path;           /* NULL when invalid (see path_checked) */
	bool path_checked;
	const char *host;
	const char *remote;
	const char *body;
	size_t body_len;
	bool body_ready;
	int accepts_gzip;           /* -1 unknown, else 0/1 */

	struct http_kvlist query, cookies, form;
	struct http_file *files;    /* multipart file parts, in the pool */
	size_t nfiles;

	const struct http_route *route; /* matched route, NULL in the fallback */
	const char *params[HTTP_MAX_PARAMS]; /* placeholder texts, in the pool */
	int64_t param_ids[HTTP_MAX_PARAMS];  /* their values for {id} */
	int nparams;
	void *data;                 /* http_req_set_data */

	bool responded;
};

/* ---- server.c ---- */
uint64_t http_now_ms(struct http_server *srv);

/* Matches path against a route pattern (http.h), filling req's params
 * when req is non-NULL. Exposed for the unit tests. */
bool http_pattern_match(const char *pattern, const char *path, struct http_req *req);

/* ---- multipart.c ---- */
/* Parses a multipart/form-data body into req->form and req->files. */
void http_multipart_parse(struct http_req *req, const char *content_type, const char *body, size_t len);

/* ---- request.c ---- */
struct http_req *http_req_create(struct http_server *srv, h2o_req_t *h);
/* NUL-terminated copy of s[0..n) in the request's h2o pool. */
char *http_pool_strndup(struct http_req *req, const char *s, size_t n);
/* Percent-decodes s[0..n) into the pool; plus_space turns '+' into ' '.
 * NULL on a malformed escape, an embedded NUL or invalid UTF-8. */
char *http_url_decode(struct http_req *req, const char *s, size_t n, bool plus_space);
/* Total bytes of request header names and values. */
size_t http_req_header_bytes(struct http_req *req);
/* The peer's address as text ("127.0.0.1", "::1"; an IPv4-mapped address
 * as IPv4), "" when unknown. out has INET6_ADDRSTRLEN bytes. */
void http_peer_text(h2o_conn_t *conn, char *out);

/* ---- access.c ---- */
struct accesslog;
/* Adds a logger to pc that queues one combined-format line per request. */
void http_access_register(h2o_pathconf_t *pc, struct accesslog *log);

/* ---- response.c ---- */
/* Sends one of this module's own short Vietnamese error pages. */
void http_send_error_page(struct http_req *req, int status);
/* The Vietnamese page body for a status (static storage). */
const char *http_error_body(int status, size_t *len);
const char *http_reason(int status);
bool http_generator_is_ours(h2o_generator_t *gen);
void http_add_header_raw(struct http_req *req, const char *name, size_t name_len, const char *value, size_t value_len);

/* ---- static.c ---- */
/* Serves req's path from dir (the part after prefix). Answers every case
 * itself, 404 included. */
void http_static_serve(struct http_req *req, const struct http_static_dir *sd, const char *rel);

#endif
