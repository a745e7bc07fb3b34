/* httpInt.h — internal structure of the HTTP module, shared by its files:
 *
 *   server.c    listening socket, the event loops, signals, connection limits,
 *               the h2o handler that routes requests, rewriting of h2o's
 *               own error answers
 *   request.c   request accessors (path, query, headers, cookies, form)
 *   response.c  headers, complete responses, gzip, redirects, 304, error pages
 *   access.c    the access log's lines (combined format)
 *   static.c    files served from the static directories
 *   work.c      handing requests to the worker pool and answering them
 *               back on the loop; the 503 when the pool is full
 *
 * Only these files include h2o, and h2o objects (h2o_req_t, sockets, the
 * context) are touched on the loop thread only. A struct http_req lives in
 * its own arena, not in h2o's pool, so that a worker may hold it after h2o
 * has let go of the request (work.c says how the two meet again). */
#ifndef LOA_HTTP_INT_H
#define LOA_HTTP_INT_H

#include <h2o.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/pool.h"
#include "http/http.h"

/* Hard limits that are not in struct http_config. h2o itself closes the
 * connection past 100 header lines; the byte bound is ours (431). */
#define HTTP_MAX_HEADER_BYTES (32 * 1024)
#define HTTP_GZIP_MIN 1024          /* smaller bodies are not worth compressing */
#define HTTP_GZIP_LEVEL 5
#define HTTP_STOP_GRACE_MS 3000     /* in-flight responses get this long at shutdown */
#define HTTP_MAX_PARAMS 4           /* placeholders in one route pattern */
#define HTTP_MAX_LOOPS 64           /* event-loop threads (http_config.threads) */

/* One accepted connection. Freed when h2o has closed the socket and no
 * request object still points at it (either may happen first). */
struct http_conn {
	h2o_linklist_t link;        /* in its loop's conns while open */
	struct http_loop *loop;
	int fd;
	unsigned active;            /* live http_req objects on this connection */
	bool closed;
	int outq;                   /* last reading of the kernel send queue */
	uint64_t outq_moved_at;     /* loop time when it last changed */
};

/* One event-loop thread: its own h2o context and evloop, its own
 * connections, and its own receiver for the answers workers post back.
 * Every field is its thread's only, except inflight (atomic, read by the
 * test hook from any loop) and what the signal handler writes to. */
struct http_loop {
	struct http_server *srv;
	unsigned index;             /* 0: the thread that called http_server_run */
	h2o_context_t ctx;
	h2o_accept_ctx_t accept_ctx;
	h2o_evloop_t *loop;

	int listen_fd;              /* this loop's descriptor of the one listening socket */
	h2o_socket_t *listener;     /* NULL once closed */
	bool accepting;             /* listener is being polled */
	size_t max_conns;           /* this loop's share of cfg.max_connections */

	h2o_linklist_t conns;
	size_t nconns;

	h2o_timeout_t tick_timeout;
	h2o_timeout_entry_t tick_entry;

	int sig_pipe[2];            /* the signal handler writes here */
	h2o_socket_t *sig_sock;
	bool stop_requested;
	bool stopping;

	h2o_multithread_receiver_t done_receiver;
	bool receiver_registered;
	_Atomic size_t inflight;    /* requests of this loop out with a worker */
	pthread_t thread;           /* loops after the first: their own thread */
	bool thread_started;
	bool opened;                /* loop_open done (its h2o objects exist) */
	bool served;                /* loop_serve returned (under srv->mu) */
};

struct http_server {
	struct http_config cfg;     /* caller's tables are referenced, not copied */
	void *app;
	char *listen;               /* normalized "host:port" for messages */

	h2o_globalconf_t gconf;     /* shared by every loop's context, read-only once they run */
	h2o_handler_t *handler;

	struct http_loop *loops;
	unsigned nloops;
	/* How the first thread leads the others through their life: each
	 * loop makes, runs and disposes of its h2o objects on its own thread
	 * (h2o's buffers recycle through thread-local lists). */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	enum { LOOPS_OPEN, LOOPS_RUN, LOOPS_CLOSE } phase;
	unsigned nready, nserved;

	/* work.c: the pool (NULL: handlers run on the loop, as in unit tests;
	 * then there is one loop). */
	struct pool *pool;
	struct http_test_hold *hold; /* test hooks (cfg.test_hooks), else NULL */
	struct http_ticker *ticker;  /* runs cfg.tick off the loop when there is a pool */
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

/* A response header waiting to be handed to h2o (work.c commits them). */
struct http_out_header {
	struct http_out_header *next;
	const char *name;           /* lower case */
	const char *value;
	size_t name_len, value_len;
};

/* Who may touch a request. REQ_LOOP: the loop thread, with h valid.
 * REQ_POOL: a worker, which sees only the snapshot (below) and records its
 * answer; the loop touches nothing but `gone` and `cancel`. REQ_BACK: the
 * worker has posted it back and the loop owns it again. */
enum http_req_state { REQ_LOOP, REQ_POOL, REQ_BACK };

struct http_req {
	h2o_req_t *h;               /* loop thread only; NULL once h2o let go */
	struct http_server *srv;
	struct http_loop *loop;     /* the loop that owns it and sends its answer */
	struct http_conn *conn;     /* NULL when the socket could not be found */
	struct arena *arena;        /* holds this struct and every string below */
	struct http_defer *defers;
	void *app;                  /* what handlers get: the server's app, or a worker's */

	enum http_req_state state;
	bool gone;                  /* loop only: h2o disposed the request meanwhile */
	bool detached;              /* handlers run off the loop: no h, record the answer */
	_Atomic bool cancel;        /* set by the loop when the client left (a GET is then not worked on) */
	struct pool_job job;
	h2o_multithread_message_t done_msg;
	const struct http_route *pending; /* the route to run in the worker; NULL: the fallback */

	/* The snapshot a worker reads instead of h (work.c fills it). */
	struct http_kv *in_headers; /* names lower case, values joined per http_req_header */
	size_t nin_headers;
	const char *authority;      /* Host as sent, NULL when absent */
	bool has_entity;
	bool is_head, is_tls;

	/* The recorded answer (response.c fills it, work.c commits it). */
	struct http_out_header *out_headers, **out_tail;
	int res_status;
	const char *res_type;       /* NULL: no Content-Type */
	h2o_iovec_t *res_vec;
	size_t res_nvec, res_len;
	bool res_gzip;

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
uint64_t http_now_ms(struct http_loop *loop);

/* Matches path against a route pattern (http.h), filling req's params
 * when req is non-NULL. Exposed for the unit tests. */
bool http_pattern_match(const char *pattern, const char *path, struct http_req *req);

/* ---- multipart.c ---- */
/* Parses a multipart/form-data body into req->form and req->files. */
void http_multipart_parse(struct http_req *req, const char *content_type, const char *body, size_t len);

/* ---- request.c ---- */
struct http_req *http_req_create(struct http_loop *loop, h2o_req_t *h);
/* Releases a request nobody points at any more: runs its deferred
 * functions, accounts for its connection, frees its arena (and so req).
 * Loop thread. */
void http_req_finish(struct http_req *req);
/* Memory that lives as long as the request (its arena). */
void *http_req_alloc(struct http_req *req, size_t n);
/* NUL-terminated copy of s[0..n) in the request's memory. */
char *http_pool_strndup(struct http_req *req, const char *s, size_t n);
/* Copies everything the accessors read from h into the request, so that
 * a worker can answer them without h2o. Loop thread, before detaching. */
void http_req_snapshot(struct http_req *req);
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
/* Hands the recorded answer to h2o (on the loop, with h valid). */
void http_response_commit(struct http_req *req);
void http_add_header_raw(struct http_req *req, const char *name, size_t name_len, const char *value, size_t value_len);

/* ---- work.c ---- */
/* Starts the pool when cfg.workers > 0 and registers the receiver. */
int http_work_start(struct http_server *srv, char **err);
/* The server stops: held test requests go on (the pool keeps working). */
void http_work_stopping(struct http_server *srv);
/* Stops the ticker, ends the test holds and drains the pool: what the
 * workers finish is posted back to each request's loop. */
void http_work_stop(struct http_server *srv);
/* On the loop's own thread, after http_work_stop: answers (or drops) the
 * requests still coming back to it and unregisters its receiver. */
void http_work_loop_done(struct http_loop *loop);
/* Frees what the test hooks held; once no loop runs. */
void http_work_free(struct http_server *srv);
/* Runs the route (NULL: the fallback), on a worker when there is a pool:
 * queues it, or answers 503 with Retry-After when the pool is full. */
void http_work_dispatch(struct http_server *srv, struct http_req *req, const struct http_route *r);
/* Test hooks answered on the loop (cfg.test_hooks): true when answered. */
bool http_work_test_hook(struct http_server *srv, struct http_req *req);

/* ---- static.c ---- */
/* Serves req's path from dir (the part after prefix). Answers every case
 * itself, 404 included. */
void http_static_serve(struct http_req *req, const struct http_static_dir *sd, const char *rel);

#endif
