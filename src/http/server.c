/* server.c — the listening socket, the event loop and request routing.
 *
 * One h2o evloop on one thread. We accept connections ourselves (so that we
 * know each file descriptor and can count, pause and shut them down) and
 * hand every socket to h2o_accept. A single h2o handler at "/" builds a
 * struct http_req and routes it: static directories, then the route table,
 * then cfg->fallback. A filter on every response adds nosniff and replaces
 * the English bodies of h2o's own error answers (413 from the body reader,
 * for example) with this module's Vietnamese pages.
 *
 * Signals: SIGTERM and SIGINT write a byte into a self-pipe that the loop
 * watches; the loop then stops accepting, lets in-flight responses finish
 * for at most HTTP_STOP_GRACE_MS and http_server_run returns 0. SIGHUP
 * writes another byte, on which the loop calls cfg->reload. */
#include "http/httpInt.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/sockios.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/status.h"

#define DEFAULT_MAX_CONNECTIONS 1024
#define DEFAULT_MAX_BODY (1024 * 1024)
#define DEFAULT_MAX_URL 4096
#define DEFAULT_IO_TIMEOUT_MS 10000
#define ACCEPT_BATCH 64

/* The write end of the running server's self-pipe: the only way a signal
 * handler can reach the loop. -1 while no server runs. */
static volatile sig_atomic_t sig_pipe_wr = -1;

struct loa_handler {
	h2o_handler_t super;
	struct http_server *srv;
};

struct rewrite_ostream {
	h2o_ostream_t super;
	h2o_iovec_t body;
};

uint64_t http_now_ms(struct http_server *srv)
{
	return h2o_now(srv->loop);
}

/* ---- listening socket ---- */

/* Splits "host:port", "[v6]:port" or ":port". *host is NULL for all
 * interfaces. Returns false when the text is not of that shape. */
static bool split_listen(const char *s, char **host, char **port)
{
	const char *colon;
	size_t hlen;

	*host = *port = NULL;
	if (s[0] == '[') {
		const char *end = strchr(s, ']');
		if (!end || end[1] != ':')
			return false;
		colon = end + 1;
		s++;
		hlen = (size_t)(end - s);
	} else {
		colon = strrchr(s, ':');
		if (!colon || memchr(s, ':', (size_t)(colon - s)))
			return false;
		hlen = (size_t)(colon - s);
	}
	const char *p = colon + 1;
	size_t plen = strlen(p);
	if (plen == 0 || plen > 5 || strspn(p, "0123456789") != plen || atol(p) > 65535)
		return false;
	if (hlen > 0) {
		*host = strndup(s, hlen);
		if (!*host)
			abort();
	}
	*port = strdup(p);
	if (!*port)
		abort();
	return true;
}

bool http_listen_valid(const char *s)
{
	char *host, *port;
	bool ok = split_listen(s, &host, &port);
	free(host);
	free(port);
	return ok;
}

static const char *errno_text(int e)
{
	switch (e) {
	case EADDRINUSE:
		return "địa chỉ đang được dùng";
	case EACCES:
	case EPERM:
		return "không có quyền (cổng dưới 1024 cần quyền quản trị)";
	case EADDRNOTAVAIL:
		return "địa chỉ không thuộc máy này";
	case EAFNOSUPPORT:
		return "máy không hỗ trợ loại địa chỉ này";
	case EMFILE:
	case ENFILE:
		return "đã hết số tệp được phép mở";
	default:
		return NULL;
	}
}

static int bind_one(const struct addrinfo *ai, bool dual_stack)
{
	int on = 1, off = 0;
	int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);

	if (fd < 0)
		return -1;
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) != 0 ||
	    (dual_stack && setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off) != 0) ||
	    bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 || listen(fd, SOMAXCONN) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

/* Returns the listening descriptor, or -1 with *err set. */
static int open_listener(const char *listen_str, char **err)
{
	char *host = NULL, *port = NULL;
	struct addrinfo hints = {0}, *res = NULL;
	int fd = -1, rc, last_errno = 0;

	if (!split_listen(listen_str, &host, &port)) {
		*err = buf_newf("địa chỉ lắng nghe không hợp lệ: \"%s\" (cần dạng 127.0.0.1:8080, [::1]:8080 hoặc :8080)",
			      listen_str);
		goto out;
	}
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	hints.ai_family = host ? AF_UNSPEC : AF_INET6;
	rc = getaddrinfo(host, port, &hints, &res);
	if (rc != 0 && !host) {
		hints.ai_family = AF_INET;
		rc = getaddrinfo(NULL, port, &hints, &res);
	}
	if (rc != 0) {
		*err = buf_newf("không mở được cổng %s: không phân giải được tên máy", listen_str);
		goto out;
	}
	for (const struct addrinfo *ai = res; ai && fd < 0; ai = ai->ai_next) {
		fd = bind_one(ai, !host && ai->ai_family == AF_INET6);
		if (fd < 0)
			last_errno = errno;
	}
	if (fd < 0 && !host && last_errno == EAFNOSUPPORT) {
		/* No IPv6 on this machine: all IPv4 interfaces then. */
		struct addrinfo *res4 = NULL;
		hints.ai_family = AF_INET;
		if (getaddrinfo(NULL, port, &hints, &res4) == 0) {
			fd = bind_one(res4, false);
			if (fd < 0)
				last_errno = errno;
			freeaddrinfo(res4);
		}
	}
	if (fd < 0) {
		const char *why = errno_text(last_errno);
		if (why)
			*err = buf_newf("không mở được cổng %s: %s", listen_str, why);
		else
			*err = buf_newf("không mở được cổng %s: lỗi hệ thống (mã %d)", listen_str, last_errno);
	}
out:
	if (res)
		freeaddrinfo(res);
	free(host);
	free(port);
	return fd;
}

/* ---- connections ---- */

static void on_accept(h2o_socket_t *listener, const char *err);

static void accept_pause(struct http_server *srv)
{
	if (srv->accepting) {
		h2o_socket_read_stop(srv->listener);
		srv->accepting = false;
	}
}

static void accept_resume(struct http_server *srv)
{
	if (!srv->accepting && srv->listener && !srv->stopping && srv->nconns < srv->cfg.max_connections) {
		h2o_socket_read_start(srv->listener, on_accept);
		srv->accepting = true;
	}
}

static void on_conn_close(void *data)
{
	struct http_conn *c = data;
	struct http_server *srv = c->srv;

	h2o_linklist_unlink(&c->link);
	srv->nconns--;
	c->closed = true;
	c->fd = -1;
	if (c->active == 0)
		free(c);
	accept_resume(srv);
}

static void on_accept(h2o_socket_t *listener, const char *err)
{
	struct http_server *srv = listener->data;

	if (err)
		return;
	for (int i = 0; i < ACCEPT_BATCH; i++) {
		if (srv->nconns >= srv->cfg.max_connections) {
			accept_pause(srv);
			return;
		}
		int fd = accept4(srv->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
				/* Out of descriptors: stop polling the listener (it
				 * would wake us forever) until a close or the tick. */
				log_warn("tạm ngừng nhận kết nối mới (mã lỗi %d)", errno);
				accept_pause(srv);
			}
			return;
		}
		int on = 1;
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);

		struct http_conn *c = calloc(1, sizeof *c);
		if (!c)
			abort();
		c->srv = srv;
		c->fd = fd;
		c->outq_moved_at = http_now_ms(srv);
		h2o_linklist_insert(&srv->conns, &c->link);
		srv->nconns++;

		h2o_socket_t *sock = h2o_evloop_socket_create(srv->loop, fd, H2O_SOCKET_FLAG_IS_ACCEPTED_CONNECTION);
		sock->on_close.cb = on_conn_close;
		sock->on_close.data = c;
		/* h2o caches the peer's address: the access log still knows it
		 * when the client has gone by the time the request is logged */
		struct sockaddr_storage peer;
		h2o_socket_getpeername(sock, (struct sockaddr *)&peer);
		h2o_accept(&srv->accept_ctx, sock);
	}
}

/* Cuts connections whose response has not moved for io_timeout: the kernel
 * send queue is non-empty and unchanged (the client stopped reading). Slow
 * request senders are cut by h2o's own request timeout. */
static void sweep_stalled(struct http_server *srv, uint64_t now)
{
	for (h2o_linklist_t *n = srv->conns.next; n != &srv->conns; n = n->next) {
		struct http_conn *c = H2O_STRUCT_FROM_MEMBER(struct http_conn, link, n);
		int q = 0;

		if (c->active == 0 || ioctl(c->fd, SIOCOUTQ, &q) != 0)
			continue;
		if (q == 0 || q != c->outq) {
			c->outq = q;
			c->outq_moved_at = now;
		} else if (now - c->outq_moved_at >= (uint64_t)srv->cfg.io_timeout_ms) {
			shutdown(c->fd, SHUT_RDWR);
		}
	}
}

static void on_tick(h2o_timeout_entry_t *entry)
{
	struct http_server *srv = H2O_STRUCT_FROM_MEMBER(struct http_server, tick_entry, entry);

	sweep_stalled(srv, http_now_ms(srv));
	accept_resume(srv);
	if (srv->cfg.tick && !srv->stopping && !srv->pool)
		srv->cfg.tick(srv->app); /* with a pool, the ticker thread runs it (work.c) */
	h2o_timeout_link(srv->loop, &srv->tick_timeout, &srv->tick_entry);
}

/* ---- response filter: nosniff everywhere, Vietnamese bodies for h2o's errors ---- */

static void rewrite_do_send(h2o_ostream_t *self, h2o_req_t *req, h2o_iovec_t *bufs, size_t bufcnt,
			    h2o_send_state_t state)
{
	struct rewrite_ostream *o = (struct rewrite_ostream *)self;
	bool head = h2o_memis(req->input.method.base, req->input.method.len, H2O_STRLIT("HEAD"));

	(void)bufs;
	(void)bufcnt;
	if (h2o_send_state_is_in_progress(state)) {
		h2o_ostream_send_next(self, req, NULL, 0, state);
		return;
	}
	h2o_ostream_send_next(self, req, &o->body, head ? 0 : 1, state);
}

static void filter_on_setup(h2o_filter_t *self, h2o_req_t *req, h2o_ostream_t **slot)
{
	(void)self;
	if (h2o_find_header_by_str(&req->res.headers, H2O_STRLIT("x-content-type-options"), -1) == -1)
		h2o_add_header_by_str(&req->pool, &req->res.headers, H2O_STRLIT("x-content-type-options"), 0, NULL,
				      H2O_STRLIT("nosniff"));
	if (req->res.status >= 400 && !http_generator_is_ours(req->_generator)) {
		size_t len;
		const char *body = http_error_body(req->res.status, &len);
		struct rewrite_ostream *o =
		    (struct rewrite_ostream *)h2o_add_ostream(req, sizeof *o, slot);

		o->super.do_send = rewrite_do_send;
		o->body = h2o_iovec_init(body, len);
		req->res.content_length = len;
		req->res.reason = http_reason(req->res.status);
		h2o_set_header(&req->pool, &req->res.headers, H2O_TOKEN_CONTENT_TYPE, H2O_STRLIT("text/html; charset=utf-8"),
			       1);
		slot = &o->super.next;
	}
	h2o_setup_next_ostream(req, slot);
}

/* ---- routing ---- */

/* Matches one placeholder or literal segment [p, pe) against [s, se). */
static bool segment_match(const char *p, size_t plen, const char *s, size_t slen, struct http_req *req)
{
	bool is_id = plen == 4 && memcmp(p, "{id}", 4) == 0;
	bool is_any = plen == 3 && memcmp(p, "{s}", 3) == 0;

	if (!is_id && !is_any)
		return plen == slen && memcmp(p, s, slen) == 0;
	if (slen == 0)
		return false;
	int64_t v = 0;
	if (is_id) {
		if (slen > 18 || s[0] == '0')
			return false;
		for (size_t i = 0; i < slen; i++) {
			if (s[i] < '0' || s[i] > '9')
				return false;
			v = v * 10 + (s[i] - '0');
		}
	}
	if (req) {
		if (req->nparams >= HTTP_MAX_PARAMS)
			return false;
		req->params[req->nparams] = http_pool_strndup(req, s, slen);
		req->param_ids[req->nparams] = v;
		req->nparams++;
	}
	return true;
}

bool http_pattern_match(const char *pattern, const char *path, struct http_req *req)
{
	const char *p = pattern, *s = path;

	if (req)
		req->nparams = 0;
	for (;;) {
		if (p[0] == '*' && p[1] == '\0')
			return true;
		if (*p == '\0' || *s == '\0')
			return *p == *s;
		if (*p != '/' || *s != '/')
			return false;
		p++, s++;
		if (p[0] == '*' && p[1] == '\0')
			return true;
		size_t plen = strcspn(p, "/"), slen = strcspn(s, "/");
		if (!segment_match(p, plen, s, slen, req))
			return false;
		p += plen, s += slen;
	}
}

static bool method_match(const char *want, const char *got)
{
	if (!want)
		return true;
	if (strcmp(want, got) == 0)
		return true;
	return strcmp(want, "GET") == 0 && strcmp(got, "HEAD") == 0;
}

/* Adds m (and HEAD after GET) to the Allow list unless present. */
static void allow_add(struct buf *allow, const char *m)
{
	const char *names[2] = {m, strcmp(m, "GET") == 0 ? "HEAD" : NULL};

	for (size_t i = 0; i < 2 && names[i]; i++) {
		size_t n = strlen(names[i]);
		const char *p = allow->data;
		bool seen = false;
		while (*p) {
			size_t len = strcspn(p, ",");
			if (len == n && memcmp(p, names[i], n) == 0)
				seen = true;
			p += len;
			p += strspn(p, ", ");
		}
		if (!seen) {
			if (allow->len)
				buf_adds(allow, ", ");
			buf_adds(allow, names[i]);
		}
	}
}

static void send_405(struct http_req *req, struct buf *allow)
{
	http_add_header_raw(req, H2O_STRLIT("allow"), allow->data, allow->len);
	http_send_error_page(req, 405);
}

/* Enforces the route's body bound, then has its guard and handler run
 * (work.c: on a worker when there is a pool). */
static void run_route(struct http_server *srv, struct http_req *req, const struct http_route *r)
{
	size_t limit = r->max_body ? r->max_body : srv->cfg.max_body;

	if (req->h->entity.len > limit) {
		http_send_error_page(req, 413);
		return;
	}
	http_work_dispatch(srv, req, r);
}

static void route(struct http_server *srv, struct http_req *req)
{
	h2o_req_t *h = req->h;
	const struct http_config *cfg = &srv->cfg;
	struct buf allow = BUF_INIT;

	if (h->input.path.len > cfg->max_url) {
		http_send_error_page(req, 414);
		return;
	}
	if (http_req_header_bytes(req) > HTTP_MAX_HEADER_BYTES) {
		http_send_error_page(req, 431);
		return;
	}
	const char *path = http_req_path(req);
	if (!path || path[0] != '/') {
		http_send_error_page(req, 400);
		return;
	}
	const char *method = http_req_method(req);
	bool get_like = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;

	for (size_t i = 0; i < cfg->nstatics; i++) {
		const struct http_static_dir *sd = &cfg->statics[i];
		size_t n = strlen(sd->prefix);
		if (strncmp(path, sd->prefix, n) != 0)
			continue;
		if (!get_like) {
			allow_add(&allow, "GET");
			send_405(req, &allow);
		} else {
			http_static_serve(req, sd, path + n);
		}
		goto out;
	}
	for (size_t i = 0; i < cfg->nroutes; i++) {
		const struct http_route *r = &cfg->routes[i];
		if (!http_pattern_match(r->pattern, path, NULL))
			continue;
		if (method_match(r->method, method)) {
			http_pattern_match(r->pattern, path, req);
			req->route = r;
			run_route(srv, req, r);
			goto out;
		}
		allow_add(&allow, r->method);
	}
	if (allow.len) {
		send_405(req, &allow);
		goto out;
	}
	http_work_dispatch(srv, req, NULL);
out:
	buf_reset(&allow);
}

static struct http_conn *conn_of(h2o_req_t *h)
{
	h2o_socket_t *sock = h->conn->callbacks->get_socket ? h->conn->callbacks->get_socket(h->conn) : NULL;

	if (sock && sock->on_close.cb == on_conn_close)
		return sock->on_close.data;
	return NULL;
}

static int on_req(h2o_handler_t *self, h2o_req_t *h)
{
	struct http_server *srv = ((struct loa_handler *)self)->srv;
	struct http_req *req = http_req_create(srv, h);

	req->conn = conn_of(h);
	if (req->conn) {
		req->conn->active++;
		req->conn->outq = 0;
		req->conn->outq_moved_at = http_now_ms(srv);
	}

	if (!http_work_test_hook(srv, req))
		route(srv, req);
	/* a request handed to a worker is the worker's now: not a field of it
	 * may be read here but its state (work.c) */
	if (req->state == REQ_LOOP && !req->responded) {
		fprintf(stderr, "loa: trình xử lý cho %s không trả lời yêu cầu\n", http_req_raw_path(req));
		http_send_error_page(req, 500);
	}
	return 0;
}

/* ---- signals ---- */

static void on_signal(int sig)
{
	int saved = errno;
	int fd = sig_pipe_wr;

	if (fd >= 0) {
		ssize_t w = write(fd, sig == SIGHUP ? "h" : "s", 1);
		(void)w;
	}
	errno = saved;
}

/* The signals the loop takes: stop (TERM, INT) and reload (HUP). */
static void server_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGHUP);
}

void http_signals_hold(void)
{
	sigset_t sigs;
	server_signals(&sigs);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
}

static void on_sig_pipe(h2o_socket_t *sock, const char *err)
{
	struct http_server *srv = sock->data;
	bool reload = false;

	if (err) {
		srv->stop_requested = true;
		return;
	}
	for (size_t i = 0; i < sock->input->size; i++) {
		if (sock->input->bytes[i] == 'h')
			reload = true;
		else
			srv->stop_requested = true;
	}
	h2o_buffer_consume(&sock->input, sock->input->size);
	if (reload && !srv->stop_requested && srv->cfg.reload)
		srv->cfg.reload(srv->app);
}

/* ---- lifecycle ---- */

struct http_server *http_server_new(const struct http_config *cfg, void *app, char **err)
{
	struct http_server *srv;
	const char *listen_str = cfg->listen && cfg->listen[0] ? cfg->listen : "127.0.0.1:8080";
	int fd;

	*err = NULL;
	fd = open_listener(listen_str, err);
	if (fd < 0)
		return NULL;

	srv = calloc(1, sizeof *srv);
	if (!srv)
		abort();
	srv->cfg = *cfg;
	srv->app = app;
	srv->listen = strdup(listen_str);
	if (!srv->listen)
		abort();
	if (!srv->cfg.max_connections)
		srv->cfg.max_connections = DEFAULT_MAX_CONNECTIONS;
	if (!srv->cfg.max_body)
		srv->cfg.max_body = DEFAULT_MAX_BODY;
	if (!srv->cfg.max_url)
		srv->cfg.max_url = DEFAULT_MAX_URL;
	if (srv->cfg.io_timeout_ms <= 0)
		srv->cfg.io_timeout_ms = DEFAULT_IO_TIMEOUT_MS;
	srv->listen_fd = fd;
	srv->sig_pipe[0] = srv->sig_pipe[1] = -1;
	h2o_linklist_init_anchor(&srv->conns);

	h2o_config_init(&srv->gconf);
	srv->gconf.server_name = h2o_iovec_init(H2O_STRLIT(""));
	/* h2o reads bodies up to the largest any route allows; run_route
	 * holds each route to its own bound. */
	size_t max_entity = srv->cfg.max_body;
	for (size_t i = 0; i < srv->cfg.nroutes; i++)
		if (srv->cfg.routes[i].max_body > max_entity)
			max_entity = srv->cfg.routes[i].max_body;
	srv->gconf.max_request_entity_size = max_entity;
	srv->gconf.http1.req_timeout = (uint64_t)srv->cfg.io_timeout_ms;
	srv->gconf.http2.idle_timeout = (uint64_t)srv->cfg.io_timeout_ms;
	srv->gconf.http2.graceful_shutdown_timeout = HTTP_STOP_GRACE_MS;

	h2o_hostconf_t *host = h2o_config_register_host(&srv->gconf, h2o_iovec_init(H2O_STRLIT("default")), 65535);
	h2o_pathconf_t *pc = h2o_config_register_path(host, "/", 0);
	struct loa_handler *lh = (struct loa_handler *)h2o_create_handler(pc, sizeof *lh);
	lh->srv = srv;
	lh->super.on_req = on_req;
	srv->handler = &lh->super;
	/* Errors h2o sends before routing use the host's fallback path. */
	h2o_create_filter(pc, sizeof(h2o_filter_t))->on_setup_ostream = filter_on_setup;
	h2o_create_filter(&host->fallback_path, sizeof(h2o_filter_t))->on_setup_ostream = filter_on_setup;
	if (srv->cfg.access_log) {
		http_access_register(pc, srv->cfg.access_log);
		http_access_register(&host->fallback_path, srv->cfg.access_log);
	}

	srv->loop = h2o_evloop_create();
	h2o_context_init(&srv->ctx, srv->loop, &srv->gconf);
	srv->accept_ctx.ctx = &srv->ctx;
	srv->accept_ctx.hosts = srv->gconf.hosts;

	srv->listener = h2o_evloop_socket_create(srv->loop, fd, H2O_SOCKET_FLAG_DONT_READ);
	srv->listener->data = srv;

	h2o_timeout_init(srv->loop, &srv->tick_timeout, 1000);
	srv->tick_entry.cb = on_tick;
	h2o_timeout_link(srv->loop, &srv->tick_timeout, &srv->tick_entry);
	if (http_work_start(srv, err) != LOA_OK) {
		http_server_free(srv);
		return NULL;
	}
	return srv;
}

static void shutdown_conns(struct http_server *srv, int how, bool idle_only)
{
	for (h2o_linklist_t *n = srv->conns.next; n != &srv->conns; n = n->next) {
		struct http_conn *c = H2O_STRUCT_FROM_MEMBER(struct http_conn, link, n);
		if (!idle_only || c->active == 0)
			shutdown(c->fd, how);
	}
}

static void run_until_closed(struct http_server *srv, uint64_t ms)
{
	uint64_t deadline = http_now_ms(srv) + ms;

	while ((srv->nconns > 0 || srv->inflight > 0) && http_now_ms(srv) < deadline)
		h2o_evloop_run(srv->loop, 50);
}

/* Stops accepting and lets in-flight responses finish. Idle keep-alive
 * connections see end-of-input at once; busy ones after their response
 * (http_req's disposal shuts their read side while stopping). */
static void server_stop(struct http_server *srv)
{
	srv->stopping = true;
	http_work_stopping(srv);
	accept_pause(srv);
	if (srv->listener) {
		h2o_socket_close(srv->listener);
		srv->listener = NULL;
		srv->listen_fd = -1;
	}
	h2o_context_request_shutdown(&srv->ctx);
	shutdown_conns(srv, SHUT_RD, true);
	run_until_closed(srv, HTTP_STOP_GRACE_MS);
	if (srv->nconns > 0) {
		shutdown_conns(srv, SHUT_RDWR, false);
		run_until_closed(srv, 500);
	}
}

int http_server_run(struct http_server *srv)
{
	struct sigaction sa = {0}, ign = {0}, old_term, old_int, old_hup, old_pipe;

	if (pipe2(srv->sig_pipe, O_NONBLOCK | O_CLOEXEC) != 0) {
		log_error("không tạo được ống tín hiệu (mã lỗi %d)", errno);
		return LOA_ERROR;
	}
	srv->stop_requested = false;
	srv->sig_sock = h2o_evloop_socket_create(srv->loop, srv->sig_pipe[0], 0);
	srv->sig_sock->data = srv;
	h2o_socket_read_start(srv->sig_sock, on_sig_pipe);

	sig_pipe_wr = srv->sig_pipe[1];
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGTERM, &sa, &old_term);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGHUP, &sa, &old_hup);
	sigaction(SIGPIPE, &ign, &old_pipe);
	/* any held back by http_signals_hold are handled now, through the pipe */
	sigset_t sigs, old_mask;
	server_signals(&sigs);
	pthread_sigmask(SIG_UNBLOCK, &sigs, &old_mask);

	accept_resume(srv);
	while (!srv->stop_requested)
		h2o_evloop_run(srv->loop, INT32_MAX);
	server_stop(srv);

	pthread_sigmask(SIG_SETMASK, &old_mask, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGHUP, &old_hup, NULL);
	/* SIGPIPE stays ignored: a late write to a closed socket must not kill us. */
	(void)old_pipe;
	sig_pipe_wr = -1;
	h2o_socket_read_stop(srv->sig_sock);
	h2o_socket_close(srv->sig_sock); /* closes sig_pipe[0] */
	srv->sig_sock = NULL;
	close(srv->sig_pipe[1]);
	srv->sig_pipe[0] = srv->sig_pipe[1] = -1;
	return 0;
}

/* h2o 2.2's evloop build closes the context's inter-thread queue in
 * h2o_context_dispose but never frees the queue itself (later releases do). */
static void free_context_queue(h2o_multithread_queue_t *queue)
{
#if H2O_VERSION_MAJOR == 2 && H2O_VERSION_MINOR <= 2
	free(queue);
#else
	(void)queue;
#endif
}

void http_server_free(struct http_server *srv)
{
	if (!srv)
		return;
	http_work_stop(srv);
	if (srv->nconns > 0) {
		srv->stopping = true;
		shutdown_conns(srv, SHUT_RDWR, false);
		run_until_closed(srv, 1000);
	}
	if (srv->listener)
		h2o_socket_close(srv->listener);
	h2o_timeout_unlink(&srv->tick_entry);
	h2o_timeout_dispose(srv->loop, &srv->tick_timeout);
	/* h2o_context_request_shutdown leaves a one-second GOAWAY timer linked
	 * and h2o_context_dispose asserts that no timer is. */
	if (h2o_timeout_is_linked(&srv->ctx.http2._graceful_shutdown_timeout))
		h2o_timeout_unlink(&srv->ctx.http2._graceful_shutdown_timeout);
	h2o_multithread_queue_t *queue = srv->ctx.queue;
	h2o_context_dispose(&srv->ctx);
	free_context_queue(queue);
	h2o_evloop_destroy(srv->loop);
	h2o_config_dispose(&srv->gconf);
	free(srv->listen);
	free(srv);
}
