/* server.c — the listening socket, the event loop and request routing.
 *
 * cfg.threads event loops (struct http_loop), each an h2o evloop and
 * context on a thread of its own (the first on the caller's), all polling
 * one listening socket. Each accepts connections itself (so that it knows
 * each file descriptor and can count, pause and shut them down) and hands
 * every socket to h2o_accept on its own context. A single h2o handler at "/" builds a
 * struct http_req and routes it: static directories, then the route table,
 * then cfg->fallback. A filter on every response adds nosniff and replaces
 * the English bodies of h2o's own error answers (413 from the body reader,
 * for example) with this module's Vietnamese pages.
 *
 * Signals: SIGTERM and SIGINT write a byte into every loop's self-pipe;
 * each loop then stops accepting, lets its in-flight responses finish for
 * at most HTTP_STOP_GRACE_MS, and http_server_run returns 0 once all have.
 * SIGHUP writes another byte into the first loop's pipe only, on which it
 * calls cfg->reload.
 *
 * Life of the loops after the first (srv->phase, led by the first thread):
 * http_server_new starts their threads, each makes its h2o objects
 * (LOOPS_OPEN); http_server_run lets them serve (LOOPS_RUN) and waits for
 * each to have stopped; http_server_free drains the pool and lets each
 * answer what came back and dispose of its objects (LOOPS_CLOSE), then
 * joins them. */
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

/* The write ends of the running server's self-pipes, one per loop: the
 * only way a signal handler can reach the loops. sig_nloops is 0 while no
 * server runs. */
static volatile sig_atomic_t sig_pipe_wr[HTTP_MAX_LOOPS];
static volatile sig_atomic_t sig_nloops;

struct loa_handler {
	h2o_handler_t super;
	struct http_server *srv;
};

struct rewrite_ostream {
	h2o_ostream_t super;
	h2o_iovec_t body;
};

uint64_t http_now_ms(struct http_loop *loop)
{
	return h2o_now(loop->loop);
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

static void accept_pause(struct http_loop *loop)
{
	if (loop->accepting) {
		h2o_socket_read_stop(loop->listener);
		loop->accepting = false;
	}
}

static void accept_resume(struct http_loop *loop)
{
	if (!loop->accepting && loop->listener && !loop->stopping && loop->nconns < loop->max_conns) {
		h2o_socket_read_start(loop->listener, on_accept);
		loop->accepting = true;
	}
}

static void on_conn_close(void *data)
{
	struct http_conn *c = data;
	struct http_loop *loop = c->loop;

	h2o_linklist_unlink(&c->link);
	loop->nconns--;
	c->closed = true;
	c->fd = -1;
	if (c->active == 0)
		free(c);
	accept_resume(loop);
}

/* Every loop polls the one listening socket; the kernel wakes them all and
 * the losers' accept4 finds nothing (EAGAIN) and returns. */
static void on_accept(h2o_socket_t *listener, const char *err)
{
	struct http_loop *loop = listener->data;

	if (err)
		return;
	for (int i = 0; i < ACCEPT_BATCH; i++) {
		if (loop->nconns >= loop->max_conns) {
			accept_pause(loop);
			return;
		}
		int fd = accept4(loop->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
				/* Out of descriptors: stop polling the listener (it
				 * would wake us forever) until a close or the tick. */
				log_warn("tạm ngừng nhận kết nối mới (mã lỗi %d)", errno);
				accept_pause(loop);
			}
			return;
		}
		int on = 1;
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);

		struct http_conn *c = calloc(1, sizeof *c);
		if (!c)
			abort();
		c->loop = loop;
		c->fd = fd;
		c->outq_moved_at = http_now_ms(loop);
		h2o_linklist_insert(&loop->conns, &c->link);
		loop->nconns++;

		h2o_socket_t *sock = h2o_evloop_socket_create(loop->loop, fd, H2O_SOCKET_FLAG_IS_ACCEPTED_CONNECTION);
		sock->on_close.cb = on_conn_close;
		sock->on_close.data = c;
		/* h2o caches the peer's address: the access log still knows it
		 * when the client has gone by the time the request is logged */
		struct sockaddr_storage peer;
		h2o_socket_getpeername(sock, (struct sockaddr *)&peer);
		h2o_accept(&loop->accept_ctx, sock);
	}
}

/* Cuts connections whose response has not moved for io_timeout: the kernel
 * send queue is non-empty and unchanged (the client stopped reading). Slow
 * request senders are cut by h2o's own request timeout. */
static void sweep_stalled(struct http_loop *loop, uint64_t now)
{
	struct http_server *srv = loop->srv;

	for (h2o_linklist_t *n = loop->conns.next; n != &loop->conns; n = n->next) {
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
	struct http_loop *loop = H2O_STRUCT_FROM_MEMBER(struct http_loop, tick_entry, entry);
	struct http_server *srv = loop->srv;

	sweep_stalled(loop, http_now_ms(loop));
	accept_resume(loop);
	/* with a pool, the ticker thread runs it (work.c); without one there
	 * is a single loop */
	if (srv->cfg.tick && !loop->stopping && !srv->pool)
		srv->cfg.tick(srv->app);
	h2o_timeout_link(loop->loop, &loop->tick_timeout, &loop->tick_entry);
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

/* Whether the first segment of path may match the pattern's: a literal
 * first segment must be equal. Every request that ends in the fallback
 * (category and article pages) is tried against every route, so most
 * patterns must be turned down with a few byte compares. */
static bool first_segment_may_match(const char *pattern, const char *path)
{
	const char *p = pattern + (pattern[0] == '/'), *s = path + (path[0] == '/');

	if (*p == '{' || *p == '*')
		return true;
	while (*p && *p != '/' && *p == *s)
		p++, s++;
	return (*p == '\0' || *p == '/') && (*s == '\0' || *s == '/');
}

bool http_pattern_match(const char *pattern, const char *path, struct http_req *req)
{
	const char *p = pattern, *s = path;

	if (!first_segment_may_match(pattern, path))
		return false;

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
		const char *prefix = sd->prefix_of ? sd->prefix_of(srv->app) : sd->prefix;
		size_t n = strlen(prefix);
		if (strncmp(path, prefix, n) != 0)
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
	struct http_loop *loop = H2O_STRUCT_FROM_MEMBER(struct http_loop, ctx, h->conn->ctx);
	struct http_req *req = http_req_create(loop, h);

	req->conn = conn_of(h);
	if (req->conn) {
		req->conn->active++;
		req->conn->outq = 0;
		req->conn->outq_moved_at = http_now_ms(loop);
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

/* A stop goes to every loop; a reload to the first only, which runs it. */
static void on_signal(int sig)
{
	int saved = errno;
	int n = sig == SIGHUP ? (sig_nloops > 0) : sig_nloops;

	for (int i = 0; i < n; i++) {
		int fd = sig_pipe_wr[i];
		if (fd >= 0) {
			ssize_t w = write(fd, sig == SIGHUP ? "h" : "s", 1);
			(void)w;
		}
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
	struct http_loop *loop = sock->data;
	struct http_server *srv = loop->srv;
	bool reload = false;

	if (err) {
		loop->stop_requested = true;
		return;
	}
	for (size_t i = 0; i < sock->input->size; i++) {
		if (sock->input->bytes[i] == 'h')
			reload = true;
		else
			loop->stop_requested = true;
	}
	h2o_buffer_consume(&sock->input, sock->input->size);
	if (reload && !loop->stop_requested && srv->cfg.reload)
		srv->cfg.reload(srv->app);
}

/* ---- lifecycle ---- */

/* Every loop's own thread runs these on it: h2o's socket buffers take their
 * memory from a thread-local recycling list named when the socket is made,
 * so a loop's sockets (its listener, its inter-thread queue, its signal
 * pipe, its connections) are made, read and closed on that loop's thread. */

/* The loop's evloop and context (on the shared global configuration), its
 * listener and its tick. */
static void loop_open(struct http_loop *loop)
{
	struct http_server *srv = loop->srv;

	loop->loop = h2o_evloop_create();
	h2o_context_init(&loop->ctx, loop->loop, &srv->gconf);
	loop->accept_ctx.ctx = &loop->ctx;
	loop->accept_ctx.hosts = srv->gconf.hosts;
	loop->listener = h2o_evloop_socket_create(loop->loop, loop->listen_fd, H2O_SOCKET_FLAG_DONT_READ);
	loop->listener->data = loop;
	h2o_timeout_init(loop->loop, &loop->tick_timeout, 1000);
	loop->tick_entry.cb = on_tick;
	h2o_timeout_link(loop->loop, &loop->tick_timeout, &loop->tick_entry);
	loop->opened = true;
}

static void shutdown_conns(struct http_loop *loop, int how, bool idle_only);
static void run_until_closed(struct http_loop *loop, uint64_t ms);
static void loop_serve(struct http_loop *loop);

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

/* After http_work_stop: answers what the pool still sends back, closes the
 * connections left and disposes of everything loop_open made. */
static void loop_close(struct http_loop *loop)
{
	if (!loop->opened)
		return;
	http_work_loop_done(loop);
	if (loop->nconns > 0) {
		loop->stopping = true;
		shutdown_conns(loop, SHUT_RDWR, false);
		run_until_closed(loop, 1000);
	}
	if (loop->listener)
		h2o_socket_close(loop->listener);
	h2o_timeout_unlink(&loop->tick_entry);
	h2o_timeout_dispose(loop->loop, &loop->tick_timeout);
	/* h2o_context_request_shutdown leaves a one-second GOAWAY timer linked
	 * and h2o_context_dispose asserts that no timer is. */
	if (h2o_timeout_is_linked(&loop->ctx.http2._graceful_shutdown_timeout))
		h2o_timeout_unlink(&loop->ctx.http2._graceful_shutdown_timeout);
	h2o_multithread_queue_t *queue = loop->ctx.queue;
	h2o_context_dispose(&loop->ctx);
	free_context_queue(queue);
	h2o_evloop_destroy(loop->loop);
	loop->opened = false;
}

/* Waits, under srv->mu, until the first thread moves the loops past phase. */
static void phase_wait(struct http_server *srv, int past)
{
	while ((int)srv->phase <= past)
		pthread_cond_wait(&srv->cv, &srv->mu);
}

/* The signal pipe's reading side, on the loop's thread. */
static void sig_sock_open(struct http_loop *loop)
{
	loop->sig_sock = h2o_evloop_socket_create(loop->loop, loop->sig_pipe[0], 0);
	loop->sig_sock->data = loop;
	h2o_socket_read_start(loop->sig_sock, on_sig_pipe);
}

static void sig_sock_close(struct http_loop *loop)
{
	if (loop->sig_sock) {
		h2o_socket_read_stop(loop->sig_sock);
		h2o_socket_close(loop->sig_sock); /* closes sig_pipe[0] */
		loop->sig_sock = NULL;
		loop->sig_pipe[0] = -1;
	}
}

/* h2o 2.2 keeps freed chunks for reuse in thread-local lists (at most 16
 * of each size) and never frees them when a thread ends: each loop thread
 * that ends leaves those behind, once, at the server's end. LeakSanitizer
 * (make SANITIZE=address,undefined) asks for this list at start; other
 * builds never call it. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:h2o_mem_alloc_recycle\n";
}

/* The life of every loop after the first. */
static void *loop_main(void *arg)
{
	struct http_loop *loop = arg;
	struct http_server *srv = loop->srv;

	loop_open(loop);
	pthread_mutex_lock(&srv->mu);
	srv->nready++;
	pthread_cond_broadcast(&srv->cv);
	phase_wait(srv, LOOPS_OPEN);
	bool run = srv->phase == LOOPS_RUN;
	pthread_mutex_unlock(&srv->mu);
	if (run) {
		sig_sock_open(loop);
		loop_serve(loop);
		pthread_mutex_lock(&srv->mu);
		srv->nserved++;
		pthread_cond_broadcast(&srv->cv);
		phase_wait(srv, LOOPS_RUN);
		pthread_mutex_unlock(&srv->mu);
		sig_sock_close(loop);
	}
	loop_close(loop);
	return NULL;
}

static void phase_set(struct http_server *srv, int phase)
{
	pthread_mutex_lock(&srv->mu);
	srv->phase = phase;
	pthread_cond_broadcast(&srv->cv);
	pthread_mutex_unlock(&srv->mu);
}

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
	/* without a pool, handlers run on the loop with the one app: one loop */
	srv->nloops = srv->cfg.workers == 0 || srv->cfg.threads == 0 ? 1 : srv->cfg.threads;
	if (srv->nloops > HTTP_MAX_LOOPS)
		srv->nloops = HTTP_MAX_LOOPS;
	srv->loops = calloc(srv->nloops, sizeof *srv->loops);
	if (!srv->loops)
		abort();

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

	pthread_mutex_init(&srv->mu, NULL);
	pthread_cond_init(&srv->cv, NULL);
	srv->phase = LOOPS_OPEN;
	/* the first loop takes the listening socket itself, the others a
	 * duplicate of its descriptor: one accept queue */
	size_t share = (srv->cfg.max_connections + srv->nloops - 1) / srv->nloops;
	for (unsigned i = 0; i < srv->nloops; i++) {
		struct http_loop *loop = &srv->loops[i];
		loop->srv = srv;
		loop->index = i;
		loop->max_conns = share ? share : 1;
		loop->sig_pipe[0] = loop->sig_pipe[1] = -1;
		atomic_init(&loop->inflight, 0);
		h2o_linklist_init_anchor(&loop->conns);
		loop->listen_fd = i == 0 ? fd : fcntl(fd, F_DUPFD_CLOEXEC, 0);
	}
	loop_open(&srv->loops[0]);
	for (unsigned i = 1; i < srv->nloops; i++) {
		struct http_loop *loop = &srv->loops[i];
		if (loop->listen_fd < 0 || pthread_create(&loop->thread, NULL, loop_main, loop) != 0) {
			*err = buf_newf("không tạo được luồng vòng sự kiện thứ %u", i + 1);
			for (unsigned j = i; j < srv->nloops; j++)
				if (srv->loops[j].listen_fd >= 0)
					close(srv->loops[j].listen_fd);
			srv->nloops = i;
			break;
		}
		loop->thread_started = true;
	}
	pthread_mutex_lock(&srv->mu);
	while (srv->nready < srv->nloops - 1)
		pthread_cond_wait(&srv->cv, &srv->mu);
	pthread_mutex_unlock(&srv->mu);
	if (*err) {
		http_server_free(srv);
		return NULL;
	}
	if (http_work_start(srv, err) != LOA_OK) {
		http_server_free(srv);
		return NULL;
	}
	return srv;
}

static void shutdown_conns(struct http_loop *loop, int how, bool idle_only)
{
	for (h2o_linklist_t *n = loop->conns.next; n != &loop->conns; n = n->next) {
		struct http_conn *c = H2O_STRUCT_FROM_MEMBER(struct http_conn, link, n);
		if (!idle_only || c->active == 0)
			shutdown(c->fd, how);
	}
}

static void run_until_closed(struct http_loop *loop, uint64_t ms)
{
	uint64_t deadline = http_now_ms(loop) + ms;

	while ((loop->nconns > 0 || atomic_load(&loop->inflight) > 0) && http_now_ms(loop) < deadline)
		h2o_evloop_run(loop->loop, 50);
}

/* Stops accepting on this loop and lets its in-flight responses finish.
 * Idle keep-alive connections see end-of-input at once; busy ones after
 * their response (http_req's disposal shuts their read side while
 * stopping). */
static void loop_stop(struct http_loop *loop)
{
	loop->stopping = true;
	accept_pause(loop);
	if (loop->listener) {
		h2o_socket_close(loop->listener);
		loop->listener = NULL;
		loop->listen_fd = -1;
	}
	h2o_context_request_shutdown(&loop->ctx);
	shutdown_conns(loop, SHUT_RD, true);
	run_until_closed(loop, HTTP_STOP_GRACE_MS);
	if (loop->nconns > 0) {
		shutdown_conns(loop, SHUT_RDWR, false);
		run_until_closed(loop, 500);
	}
}

/* Serves until a stop arrives through the loop's pipe, then stops. The
 * first loop also ends the ticker and the test holds first, so that the
 * requests of every loop can finish. */
static void loop_serve(struct http_loop *loop)
{
	accept_resume(loop);
	while (!loop->stop_requested)
		h2o_evloop_run(loop->loop, INT32_MAX);
	if (loop->index == 0)
		http_work_stopping(loop->srv);
	loop_stop(loop);
}

int http_server_run(struct http_server *srv)
{
	struct sigaction sa = {0}, ign = {0}, old_term, old_int, old_hup, old_pipe;
	unsigned i;

	for (i = 0; i < srv->nloops; i++) {
		struct http_loop *loop = &srv->loops[i];
		if (pipe2(loop->sig_pipe, O_NONBLOCK | O_CLOEXEC) != 0) {
			log_error("không tạo được ống tín hiệu (mã lỗi %d)", errno);
			for (unsigned j = 0; j < i; j++) {
				close(srv->loops[j].sig_pipe[0]);
				close(srv->loops[j].sig_pipe[1]);
				srv->loops[j].sig_pipe[0] = srv->loops[j].sig_pipe[1] = -1;
			}
			return LOA_ERROR;
		}
		loop->stop_requested = false;
		sig_pipe_wr[i] = loop->sig_pipe[1];
	}
	sig_nloops = (sig_atomic_t)srv->nloops;
	sig_sock_open(&srv->loops[0]);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGTERM, &sa, &old_term);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGHUP, &sa, &old_hup);
	sigaction(SIGPIPE, &ign, &old_pipe);
	/* the other loops serve from now on; a signal is taken by whichever
	 * thread does not hold it back, and its handler writes to every
	 * loop's pipe */
	phase_set(srv, LOOPS_RUN);
	/* any held back by http_signals_hold are handled now, through the pipes */
	sigset_t sigs, old_mask;
	server_signals(&sigs);
	pthread_sigmask(SIG_UNBLOCK, &sigs, &old_mask);

	loop_serve(&srv->loops[0]);
	pthread_mutex_lock(&srv->mu);
	while (srv->nserved < srv->nloops - 1)
		pthread_cond_wait(&srv->cv, &srv->mu);
	pthread_mutex_unlock(&srv->mu);

	pthread_sigmask(SIG_SETMASK, &old_mask, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGHUP, &old_hup, NULL);
	/* SIGPIPE stays ignored: a late write to a closed socket must not kill us. */
	(void)old_pipe;
	sig_nloops = 0;
	for (i = 0; i < srv->nloops; i++)
		sig_pipe_wr[i] = -1;
	sig_sock_close(&srv->loops[0]);
	/* the other loops close their reading sides themselves */
	for (i = 0; i < srv->nloops; i++) {
		close(srv->loops[i].sig_pipe[1]);
		srv->loops[i].sig_pipe[1] = -1;
	}
	return 0;
}

/* The pool is drained first; then each loop answers what came back to it
 * and disposes of its h2o objects on its own thread. */
void http_server_free(struct http_server *srv)
{
	if (!srv)
		return;
	http_work_stop(srv);
	phase_set(srv, LOOPS_CLOSE);
	for (unsigned i = 1; i < srv->nloops; i++) {
		if (srv->loops[i].thread_started) {
			pthread_join(srv->loops[i].thread, NULL);
			srv->loops[i].thread_started = false;
		}
	}
	loop_close(&srv->loops[0]);
	http_work_free(srv);
	pthread_cond_destroy(&srv->cv);
	pthread_mutex_destroy(&srv->mu);
	h2o_config_dispose(&srv->gconf);
	free(srv->loops);
	free(srv->listen);
	free(srv);
}
