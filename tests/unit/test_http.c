/* test_http.c — runs a real server on a loopback port in a thread and
 * speaks HTTP/1.1 to it over plain sockets: bodies and Content-Length,
 * HEAD, 304, gzip, request accessors, routing (fallback, 405), limits (414,
 * 413, 431, connection cap, slow client), static files (types, caching,
 * traversal), redirects, keep-alive, bind errors and SIGTERM shutdown. */
#include "http/http.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "core/arena.h"
#include "core/buf.h"
#include "test.h"

#define MAX_BODY 1024
#define MAX_CONNS 6
#define BIG_FILE (5 * 1024 * 1024)

static int port;
static char tmp_dir[256];
static atomic_int ticks, defers_run;
static struct buf big_text = BUF_INIT;   /* served by /big */
static unsigned char *gz_data;           /* gzip of big_text, served by /gz */
static size_t gz_len;

/* ---- handlers ---- */

static void h_home(void *app, struct http_req *req)
{
	(void)app;
	http_send(req, 200, "text/html; charset=utf-8", "Xin chào", strlen("Xin chào"), HTTP_COMPRESS);
}

static void h_big(void *app, struct http_req *req)
{
	(void)app;
	http_send(req, 200, "text/plain; charset=utf-8", big_text.data, big_text.len, HTTP_COMPRESS);
}

static void h_gz(void *app, struct http_req *req)
{
	struct http_part part = {gz_data, gz_len};
	(void)app;
	http_send_parts(req, 200, "text/plain; charset=utf-8", &part, 1, HTTP_GZIPPED);
}

static void h_etag(void *app, struct http_req *req)
{
	(void)app;
	if (http_not_modified(req, "\"v1\""))
		return;
	http_send(req, 200, "text/plain; charset=utf-8", "mới", strlen("mới"), 0);
}

static const char *orz(const char *s)
{
	return s ? s : "(null)";
}

static void h_echo(void *app, struct http_req *req)
{
	struct arena *a = http_req_arena(req);
	(void)app;
	char *s = arena_printf(a, "m=%s|path=%s|raw=%s|q=%s|bad=%s|sid=%s|a=%s|x=%s|host=%s|remote=%s|gz=%d|tls=%d",
			       http_req_method(req), orz(http_req_path(req)), http_req_raw_path(req),
			       orz(http_req_query(req, "q")), orz(http_req_query(req, "bad")),
			       orz(http_req_cookie(req, "sid")), orz(http_req_cookie(req, "a")),
			       orz(http_req_header(req, "X-Test")), http_req_host(req), http_req_remote_addr(req),
			       http_req_accepts_gzip(req), http_req_is_tls(req));
	struct http_part part = {s, strlen(s)};
	http_send_parts(req, 200, "text/plain; charset=utf-8", &part, 1, 0);
}

static void h_form(void *app, struct http_req *req)
{
	size_t len;
	(void)app;
	http_req_body(req, &len);
	char *s = arena_printf(http_req_arena(req), "name=%s|x=%s|len=%zu", orz(http_req_form(req, "name")),
			       orz(http_req_form(req, "x")), len);
	http_send(req, 200, "text/plain; charset=utf-8", s, strlen(s), 0);
}

/* Every value of the repeated field "c" (at most 3), joined by ','. */
static void h_form_all(void *app, struct http_req *req)
{
	(void)app;
	const char **v;
	size_t n = http_req_form_all(req, "c", 3, &v);
	char *s = arena_printf(http_req_arena(req), "n=%zu|", n);
	for (size_t i = 0; i < n; i++)
		s = arena_printf(http_req_arena(req), "%s%s%s", s, i ? "," : "", v[i]);
	http_send(req, 200, "text/plain; charset=utf-8", s, strlen(s), 0);
}

static void h_tin(void *app, struct http_req *req)
{
	(void)app;
	const char *p = http_req_path(req);
	http_send(req, 200, "text/plain; charset=utf-8", p, strlen(p), 0);
}

static void h_parts(void *app, struct http_req *req)
{
	static const struct http_part parts[] = {{"một ", sizeof "một " - 1}, {"", 0}, {"hai ", 4}, {"ba", 2}};
	(void)app;
	http_header(req, "X-Parts", "3");
	http_header(req, "X-Bad", "a\r\nInjected: 1");
	http_send_parts(req, 200, "text/plain; charset=utf-8", parts, 4, 0);
}

static void h_redir(void *app, struct http_req *req)
{
	(void)app;
	const char *to = http_req_query(req, "to");
	http_redirect(req, 303, to ? to : "/");
}

static void count_defer(void *arg)
{
	(void)arg;
	atomic_fetch_add(&defers_run, 1);
}

static void h_defer(void *app, struct http_req *req)
{
	(void)app;
	http_req_defer(req, count_defer, NULL);
	http_send(req, 200, "text/plain", "ok", 2, 0);
}

static void h_post_only(void *app, struct http_req *req)
{
	(void)app;
	http_send(req, 200, "text/plain", "posted", 6, 0);
}

static void h_fallback(void *app, struct http_req *req)
{
	(void)app;
	http_send(req, 404, "text/html; charset=utf-8", "fallback", 8, 0);
}

static void on_tick(void *app)
{
	(void)app;
	atomic_fetch_add(&ticks, 1);
}

static void h_params(void *app, struct http_req *req)
{
	(void)app;
	const struct http_route *r = http_req_route(req);
	char *s = arena_printf(http_req_arena(req), "%s|%s:%lld|%s:%lld|%s|tag=%s", r ? r->pattern : "(none)",
			       orz(http_req_param(req, 0)), (long long)http_req_param_id(req, 0),
			       orz(http_req_param(req, 1)), (long long)http_req_param_id(req, 1),
			       orz(http_req_param(req, 2)), r && r->tag ? r->tag : "");
	http_send(req, 200, "text/plain; charset=utf-8", s, strlen(s), 0);
}

static void h_guarded(void *app, struct http_req *req)
{
	(void)app;
	const char *d = http_req_data(req);
	http_send(req, 200, "text/plain; charset=utf-8", d ? d : "(no data)", d ? strlen(d) : 9, 0);
}

/* Lets a request through when it says X-Role: N with N >= the route's
 * role, and a CSRF route only with X-Token: good. */
static bool guard(void *app, struct http_req *req, const struct http_route *route)
{
	(void)app;
	const char *role = http_req_header(req, "x-role"), *tok = http_req_header(req, "x-token");
	if (!role || atoi(role) < route->role || ((route->flags & HTTP_ROUTE_CSRF) && (!tok || strcmp(tok, "good")))) {
		http_send(req, 403, "text/plain; charset=utf-8", "cấm", strlen("cấm"), 0);
		return false;
	}
	http_req_set_data(req, "guard passed");
	return true;
}

static const struct http_route routes[] = {
	{"GET", "/", h_home},
	{"GET", "/big", h_big},
	{"GET", "/gz", h_gz},
	{"GET", "/etag", h_etag},
	{NULL, "/echo", h_echo},
	{"POST", "/form", h_form},
	{"POST", "/form-all", h_form_all},
	{"GET", "/tin/*", h_tin},
	{"GET", "/parts", h_parts},
	{"GET", "/redir", h_redir},
	{"GET", "/defer", h_defer},
	{"GET", "/both", h_home},
	{"POST", "/both", h_post_only},
	{"POST", "/post-only", h_post_only},
	{"GET", "/p/moi", h_params, 0, 0, 0, "literal"},
	{"GET", "/p/{id}", h_params, 0, 0, 0, "one"},
	{"GET", "/p/{id}/x/{id}", h_params, 0, 0, 0, "two"},
	{"GET", "/p/{s}/s", h_params, 0, 0, 0, "seg"},
	{"GET", "/rest/{id}/*", h_params, 0, 0, 0, "rest"},
	{"GET", "/g/role", h_guarded, 2, 0, 0, ""},
	{"POST", "/g/csrf", h_guarded, 0, HTTP_ROUTE_CSRF, 0, ""},
	{"POST", "/g/big", h_form, 0, 0, 4 * MAX_BODY, ""},
	{"POST", "/g/small", h_form, 0, 0, 16, ""},
};

/* ---- a tiny client ---- */

struct resp {
	int status;
	char *head;  /* status line and headers, NUL-terminated */
	char *body;
	size_t body_len;
	bool closed; /* the server closed the connection */
};

static void resp_free(struct resp *r)
{
	free(r->head);
	free(r->body);
	memset(r, 0, sizeof *r);
}

static int connect_server(void)
{
	struct sockaddr_in sa = {0};
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct timeval tv = {3, 0};

	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static bool send_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = send(fd, s, n, MSG_NOSIGNAL);
		if (w <= 0)
			return false;
		s += w;
		n -= (size_t)w;
	}
	return true;
}

/* Header value from a response head (case-insensitive name); NULL if absent.
 * Returns a pointer into a static buffer. */
static const char *hdr(const struct resp *r, const char *name)
{
	static char val[4096];
	size_t n = strlen(name);
	const char *p = r->head ? strstr(r->head, "\r\n") : NULL;

	while (p && p[2]) {
		p += 2;
		if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
			const char *v = p + n + 1, *e = strstr(v, "\r\n");
			while (*v == ' ')
				v++;
			size_t len = e ? (size_t)(e - v) : strlen(v);
			if (len >= sizeof val)
				len = sizeof val - 1;
			memcpy(val, v, len);
			val[len] = '\0';
			return val;
		}
		p = strstr(p, "\r\n");
	}
	return NULL;
}

/* Reads one response from fd. With head_only the body is not expected
 * (HEAD, or a response without one). Reads to EOF when no Content-Length. */
static bool read_resp(int fd, struct resp *r, bool head_only)
{
	struct buf in = BUF_INIT;
	char chunk[8192];
	char *end = NULL;

	memset(r, 0, sizeof *r);
	for (;;) {
		end = in.len ? strstr(in.data, "\r\n\r\n") : NULL;
		if (end)
			break;
		ssize_t n = recv(fd, chunk, sizeof chunk, 0);
		if (n <= 0) {
			r->closed = true;
			buf_reset(&in);
			return false;
		}
		buf_add(&in, chunk, (size_t)n);
	}
	size_t head_len = (size_t)(end - in.data) + 4;
	r->head = strndup(in.data, head_len);
	r->status = atoi(in.data + 9);
	const char *cl = hdr(r, "content-length");
	size_t want = cl ? (size_t)strtoul(cl, NULL, 10) : SIZE_MAX;
	if (head_only || r->status == 304)
		want = 0;
	while (want == SIZE_MAX || in.len - head_len < want) {
		ssize_t n = recv(fd, chunk, sizeof chunk, 0);
		if (n <= 0) {
			r->closed = true;
			break;
		}
		buf_add(&in, chunk, (size_t)n);
	}
	r->body_len = in.len - head_len;
	r->body = malloc(r->body_len + 1);
	memcpy(r->body, in.data + head_len, r->body_len);
	r->body[r->body_len] = '\0';
	buf_reset(&in);
	return want == SIZE_MAX || r->body_len == want;
}

/* One request on a fresh connection; the caller adds the headers it wants
 * (ending with an empty line is done here). */
static bool request(const char *method, const char *target, const char *headers, const char *body, struct resp *r)
{
	struct buf q = BUF_INIT;
	int fd = connect_server();
	bool ok;

	if (fd < 0)
		return false;
	buf_addf(&q, "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n%s", method, target,
		 headers ? headers : "");
	if (body)
		buf_addf(&q, "Content-Length: %zu\r\n", strlen(body));
	buf_adds(&q, "\r\n");
	if (body)
		buf_adds(&q, body);
	ok = send_all(fd, q.data, q.len) && read_resp(fd, r, strcmp(method, "HEAD") == 0);
	close(fd);
	buf_reset(&q);
	return ok;
}

static bool gunzip(const char *in, size_t n, struct buf *out)
{
	z_stream z = {0};
	char chunk[4096];
	int rc;

	if (inflateInit2(&z, 15 + 16) != Z_OK)
		return false;
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)n;
	do {
		z.next_out = (Bytef *)chunk;
		z.avail_out = sizeof chunk;
		rc = inflate(&z, Z_NO_FLUSH);
		buf_add(out, chunk, sizeof chunk - z.avail_out);
	} while (rc == Z_OK);
	inflateEnd(&z);
	return rc == Z_STREAM_END;
}

/* ---- tests ---- */

static void test_basic(void)
{
	struct resp r;

	CHECK(request("GET", "/", NULL, NULL, &r), "GET / reads a complete response");
	CHECK(r.status == 200, "GET / is 200 (%d)", r.status);
	CHECK_STR(r.body, "Xin chào", "GET / body");
	CHECK_STR(hdr(&r, "content-length"), "9", "Content-Length is the byte length");
	CHECK(hdr(&r, "transfer-encoding") == NULL, "no chunked encoding");
	CHECK_STR(hdr(&r, "x-content-type-options"), "nosniff", "nosniff on every response");
	CHECK_STR(hdr(&r, "content-type"), "text/html; charset=utf-8", "content type as given");
	CHECK(hdr(&r, "content-encoding") == NULL, "tiny bodies are not compressed");
	resp_free(&r);

	CHECK(request("HEAD", "/", NULL, NULL, &r), "HEAD / reads");
	CHECK(r.status == 200 && r.body_len == 0, "HEAD has no body");
	CHECK_STR(hdr(&r, "content-length"), "9", "HEAD has the GET Content-Length");
	resp_free(&r);

	CHECK(request("GET", "/parts", NULL, NULL, &r), "GET /parts");
	CHECK_STR(r.body, "một hai ba", "parts are concatenated in order");
	CHECK_STR(hdr(&r, "content-length"), "12", "parts Content-Length");
	CHECK_STR(hdr(&r, "x-parts"), "3", "handler header is sent");
	CHECK(hdr(&r, "x-bad") == NULL && hdr(&r, "injected") == NULL, "header with a line break is dropped");
	resp_free(&r);
}

static void test_etag(void)
{
	struct resp r;

	CHECK(request("GET", "/etag", NULL, NULL, &r) && r.status == 200, "etag: plain GET is 200");
	CHECK_STR(hdr(&r, "etag"), "\"v1\"", "etag: ETag set on 200");
	CHECK_STR(r.body, "mới", "etag: body");
	resp_free(&r);

	CHECK(request("GET", "/etag", "If-None-Match: \"x\", W/\"v1\"\r\n", NULL, &r), "etag: conditional GET");
	CHECK(r.status == 304, "etag: W/ tag in a list matches -> 304 (%d)", r.status);
	CHECK(r.body_len == 0, "etag: 304 has no body");
	CHECK_STR(hdr(&r, "etag"), "\"v1\"", "etag: ETag on 304");
	resp_free(&r);

	CHECK(request("GET", "/etag", "If-None-Match: \"v2\"\r\n", NULL, &r) && r.status == 200,
	      "etag: other tag -> 200");
	resp_free(&r);
}

static void test_gzip(void)
{
	struct resp r;
	struct buf out = BUF_INIT;

	CHECK(request("GET", "/big", "Accept-Encoding: br, gzip;q=0.8\r\n", NULL, &r), "gzip: GET /big");
	CHECK_STR(hdr(&r, "content-encoding"), "gzip", "gzip: Content-Encoding");
	CHECK(hdr(&r, "vary") && strcasestr(hdr(&r, "vary"), "accept-encoding"), "gzip: Vary: Accept-Encoding");
	CHECK(r.body_len < big_text.len, "gzip: smaller (%zu < %zu)", r.body_len, big_text.len);
	CHECK(gunzip(r.body, r.body_len, &out) && out.len == big_text.len &&
		  memcmp(out.data, big_text.data, out.len) == 0,
	      "gzip: body inflates to the original");
	buf_reset(&out);
	resp_free(&r);

	CHECK(request("GET", "/big", "Accept-Encoding: gzip;q=0, deflate\r\n", NULL, &r), "gzip: refused by q=0");
	CHECK(hdr(&r, "content-encoding") == NULL && r.body_len == big_text.len, "gzip: q=0 gets plain text");
	CHECK(hdr(&r, "vary") != NULL, "gzip: Vary even when not compressed");
	resp_free(&r);

	CHECK(request("HEAD", "/big", "Accept-Encoding: gzip\r\n", NULL, &r), "gzip: HEAD");
	CHECK(r.body_len == 0 && hdr(&r, "content-length") && (size_t)atol(hdr(&r, "content-length")) < big_text.len,
	      "gzip: HEAD has the compressed length");
	resp_free(&r);

	CHECK(request("GET", "/gz", "Accept-Encoding: gzip\r\n", NULL, &r), "gzipped: GET /gz");
	CHECK(hdr(&r, "content-encoding") && r.body_len == gz_len && memcmp(r.body, gz_data, gz_len) == 0,
	      "gzipped: stream sent as is with Content-Encoding");
	resp_free(&r);
	CHECK(request("GET", "/gz", NULL, NULL, &r), "gzipped: client without gzip");
	CHECK(hdr(&r, "content-encoding") == NULL && r.body_len == big_text.len &&
		  memcmp(r.body, big_text.data, big_text.len) == 0,
	      "gzipped: inflated for a client without gzip");
	resp_free(&r);
}

static void test_accessors(void)
{
	struct resp r;

	CHECK(request("GET", "/echo?q=xin+ch%C3%A0o%21&bad=%FF&q=second",
		      "Cookie: a=1; sid=\"abc\"\r\nX-Test: chào\r\nAccept-Encoding: gzip\r\n", NULL, &r),
	      "echo: request");
	CHECK_STR(r.body,
		  "m=GET|path=/echo|raw=/echo?q=xin+ch%C3%A0o%21&bad=%FF&q=second|q=xin chào!|bad=(null)|sid=abc|a=1|"
		  "x=chào|host=127.0.0.1|remote=127.0.0.1|gz=1|tls=0",
		  "echo: query, cookies, headers, host, remote");
	resp_free(&r);

	int fd = connect_server();
	const char *q = "DELETE /echo HTTP/1.1\r\nHost: WWW.Example.VN:8080\r\nConnection: close\r\n\r\n";
	CHECK(fd >= 0 && send_all(fd, q, strlen(q)) && read_resp(fd, &r, false), "echo: other method");
	CHECK(strstr(r.body, "m=DELETE|") && strstr(r.body, "|host=www.example.vn|") && strstr(r.body, "|gz=0|"),
	      "echo: method any, host lower-cased without port (%s)", r.body);
	resp_free(&r);
	close(fd);

	fd = connect_server();
	q = "GET /echo HTTP/1.0\r\n\r\n";
	CHECK(fd >= 0 && send_all(fd, q, strlen(q)) && read_resp(fd, &r, false), "echo: HTTP/1.0 without Host");
	CHECK(strstr(r.body, "|host=|") != NULL, "echo: host is empty when absent (%s)", r.body);
	resp_free(&r);
	close(fd);

	CHECK(request("GET", "/tin/%C4%91%C3%A0-n%E1%BA%B5ng", NULL, NULL, &r) && r.status == 200, "prefix route");
	CHECK_STR(r.body, "/tin/đà-nẵng", "path is percent-decoded");
	resp_free(&r);

	CHECK(request("GET", "/tin/%FF", NULL, NULL, &r) && r.status == 400, "invalid UTF-8 path -> 400");
	CHECK(strstr(r.body, "Yêu cầu không hợp lệ") != NULL, "400 page is Vietnamese");
	CHECK_STR(hdr(&r, "content-type"), "text/html; charset=utf-8", "error page type");
	resp_free(&r);
	CHECK(request("GET", "/tin/a%00b", NULL, NULL, &r) && r.status == 400, "NUL in path -> 400");
	resp_free(&r);

	CHECK(request("POST", "/form", "Content-Type: application/x-www-form-urlencoded\r\n",
		      "name=Nguy%E1%BB%85n+V%C4%83n&x=1%2B1", &r),
	      "form: POST");
	CHECK_STR(r.body, "name=Nguyễn Văn|x=1+1|len=36", "form: fields decoded");
	resp_free(&r);
	CHECK(request("POST", "/form", "Content-Type: text/plain\r\n", "name=x", &r), "form: other type");
	CHECK_STR(r.body, "name=(null)|x=(null)|len=6", "form: not urlencoded -> no fields");
	resp_free(&r);
	CHECK(request("POST", "/form-all", "Content-Type: application/x-www-form-urlencoded\r\n",
		      "c=12&x=1&c=%C4%91&c=&c=%FF&c=4&c=5", &r),
	      "form: repeated field");
	CHECK_STR(r.body, "n=3|12,đ,", "form: every value in order, invalid UTF-8 skipped, at most max");
	resp_free(&r);
	CHECK(request("POST", "/form-all", "Content-Type: application/x-www-form-urlencoded\r\n", "x=1", &r),
	      "form: no such field");
	CHECK_STR(r.body, "n=0|", "form: none");
	resp_free(&r);

	/* The server clears the request (running its deferred functions)
	 * before it closes a Connection: close socket: wait for the close. */
	int before = atomic_load(&defers_run);
	char c;
	fd = connect_server();
	q = "GET /defer HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";
	CHECK(fd >= 0 && send_all(fd, q, strlen(q)) && read_resp(fd, &r, false) && r.status == 200, "defer: request");
	CHECK(recv(fd, &c, 1, 0) == 0, "defer: connection closed after the response");
	resp_free(&r);
	close(fd);
	CHECK(atomic_load(&defers_run) == before + 1, "defer: ran once after the response");
}

static void test_routing(void)
{
	struct resp r;

	CHECK(request("GET", "/khong-co", NULL, NULL, &r) && r.status == 404, "no route -> fallback");
	CHECK_STR(r.body, "fallback", "fallback body");
	resp_free(&r);

	CHECK(request("POST", "/", NULL, "x", &r) && r.status == 405, "POST on a GET route -> 405 (%d)", r.status);
	CHECK_STR(hdr(&r, "allow"), "GET, HEAD", "405 Allow");
	CHECK(strstr(r.body, "Phương thức không được hỗ trợ") != NULL, "405 page is Vietnamese");
	resp_free(&r);

	CHECK(request("POST", "/both", NULL, "x", &r) && r.status == 200, "second entry for the same path");
	CHECK_STR(r.body, "posted", "POST entry chosen");
	resp_free(&r);
	CHECK(request("PUT", "/both", NULL, "x", &r) && r.status == 405, "PUT -> 405");
	CHECK_STR(hdr(&r, "allow"), "GET, HEAD, POST", "Allow lists every method");
	resp_free(&r);
	CHECK(request("GET", "/post-only", NULL, NULL, &r) && r.status == 405, "GET on POST route -> 405");
	CHECK_STR(hdr(&r, "allow"), "POST", "Allow: POST");
	resp_free(&r);

	CHECK(request("GET", "/redir?to=//evil.example/x", NULL, NULL, &r) && r.status == 303, "redirect status");
	CHECK_STR(hdr(&r, "location"), "/", "protocol-relative target becomes /");
	resp_free(&r);
	CHECK(request("GET", "/redir?to=/tin/%C4%91%C3%A0+n%E1%BA%B5ng%3Fa%3D1", NULL, NULL, &r), "redirect 2");
	CHECK_STR(hdr(&r, "location"), "/tin/%C4%91%C3%A0%20n%E1%BA%B5ng?a=1", "location is percent-encoded");
	CHECK(r.body_len > 0 && hdr(&r, "content-length"), "redirect has a small body");
	resp_free(&r);
	CHECK(request("GET", "/redir?to=https://evil.example/abc", NULL, NULL, &r), "redirect 3");
	CHECK_STR(hdr(&r, "location"), "/abc", "absolute URL keeps only its path");
	resp_free(&r);
}

static void test_route_patterns(void)
{
	struct resp r;
	static const struct {
		const char *path;
		int status;
		const char *body;
	} cases[] = {
		{"/p/moi", 200, "/p/moi|(null):0|(null):0|(null)|tag=literal"},
		{"/p/42", 200, "/p/{id}|42:42|(null):0|(null)|tag=one"},
		{"/p/9/x/123456789012345678", 200, "/p/{id}/x/{id}|9:9|123456789012345678:123456789012345678|(null)|tag=two"},
		{"/p/%C4%91%C3%A0/s", 200, "/p/{s}/s|đà:0|(null):0|(null)|tag=seg"},
		{"/rest/7/", 200, "/rest/{id}/*|7:7|(null):0|(null)|tag=rest"},
		{"/rest/7/a/b", 200, "/rest/{id}/*|7:7|(null):0|(null)|tag=rest"},
		{"/p/042", 404, NULL},                   /* leading zero is not an id */
		{"/p/0", 404, NULL},
		{"/p/1234567890123456789", 404, NULL},   /* 19 digits: over the bound */
		{"/p/12a", 404, NULL},
		{"/p/", 404, NULL},
		{"/p/1/", 404, NULL},
		{"/p/1/x", 404, NULL},
		{"/rest/7", 404, NULL},
		{"/rest/x/", 404, NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		CHECK(request("GET", cases[i].path, NULL, NULL, &r) && r.status == cases[i].status, "pattern: %s -> %d (%d)",
		      cases[i].path, cases[i].status, r.status);
		if (cases[i].body)
			CHECK_STR(r.body, cases[i].body, "pattern: %s params", cases[i].path);
		resp_free(&r);
	}
}

static void test_guard(void)
{
	struct resp r;
	CHECK(request("GET", "/g/role", NULL, NULL, &r) && r.status == 403, "guard refuses without a role (%d)", r.status);
	resp_free(&r);
	CHECK(request("GET", "/g/role", "X-Role: 1\r\n", NULL, &r) && r.status == 403, "guard refuses a lower role");
	resp_free(&r);
	CHECK(request("GET", "/g/role", "X-Role: 2\r\n", NULL, &r) && r.status == 200, "guard lets the role through");
	CHECK_STR(r.body, "guard passed", "the guard's data reaches the handler");
	resp_free(&r);
	CHECK(request("POST", "/g/csrf", "X-Role: 0\r\n", "x", &r) && r.status == 403, "CSRF route without a token");
	resp_free(&r);
	CHECK(request("POST", "/g/csrf", "X-Role: 0\r\nX-Token: good\r\n", "x", &r) && r.status == 200,
	      "CSRF route with the token (%d)", r.status);
	resp_free(&r);
}

static void test_route_body_limits(void)
{
	struct resp r;
	struct buf body = BUF_INIT;
	while (body.len < 3 * MAX_BODY)
		buf_adds(&body, "x=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa&");
	const char *ct = "Content-Type: application/x-www-form-urlencoded\r\n";
	CHECK(request("POST", "/g/big", ct, body.data, &r) && r.status == 200, "a route may allow more than the default (%d)",
	      r.status);
	resp_free(&r);
	CHECK(request("POST", "/form", ct, body.data, &r) && r.status == 413, "other routes keep the default bound (%d)",
	      r.status);
	resp_free(&r);
	CHECK(request("POST", "/g/small", ct, "x=aaaaaaaaaaaaaaaaaaaa", &r) && r.status == 413,
	      "a route may allow less (%d)", r.status);
	CHECK(strstr(r.body, "Nội dung gửi lên quá lớn") != NULL, "route 413 page is Vietnamese");
	resp_free(&r);
	buf_reset(&body);
}

static void test_limits(void)
{
	struct resp r;
	struct buf s = BUF_INIT;

	buf_adds(&s, "/tin/");
	while (s.len < 10 * 1024)
		buf_adds(&s, "aaaaaaaaaa");
	CHECK(request("GET", s.data, NULL, NULL, &r) && r.status == 414, "10 KB URL -> 414 (%d)", r.status);
	CHECK(strstr(r.body, "Địa chỉ quá dài") != NULL, "414 page is Vietnamese");
	resp_free(&r);
	buf_reset(&s);

	/* Only the head is sent: h2o answers from Content-Length alone. */
	int fd = connect_server();
	const char *q = "POST /form HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n"
			"Content-Type: application/x-www-form-urlencoded\r\n\r\n";
	CHECK(fd >= 0 && send_all(fd, q, strlen(q)) && read_resp(fd, &r, false), "big body: response read");
	CHECK(r.status == 413, "body over max_body -> 413 (%d)", r.status);
	CHECK(strstr(r.body, "Nội dung gửi lên quá lớn") != NULL, "413 page is Vietnamese");
	CHECK_STR(hdr(&r, "content-type"), "text/html; charset=utf-8", "413 content type");
	CHECK_STR(hdr(&r, "x-content-type-options"), "nosniff", "413 nosniff");
	resp_free(&r);
	close(fd);

	for (int i = 0; i < 20; i++) {
		buf_addf(&s, "X-Filler-%d: ", i);
		for (int j = 0; j < 2000; j++)
			buf_addch(&s, 'x');
		buf_adds(&s, "\r\n");
	}
	CHECK(request("GET", "/", s.data, NULL, &r) && r.status == 431, "40 KB of headers -> 431 (%d)", r.status);
	resp_free(&r);
	buf_reset(&s);
}

static void test_keepalive(void)
{
	struct resp r;
	int fd = connect_server();
	const char *q1 = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
	const char *q2 = "GET /parts HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";

	CHECK(fd >= 0 && send_all(fd, q1, strlen(q1)) && read_resp(fd, &r, false), "keep-alive: first");
	CHECK(r.status == 200 && !r.closed, "keep-alive: connection stays open");
	resp_free(&r);
	CHECK(send_all(fd, q2, strlen(q2)) && read_resp(fd, &r, false), "keep-alive: second on same connection");
	CHECK_STR(r.body, "một hai ba", "keep-alive: second body");
	resp_free(&r);
	close(fd);
}

static void write_file(const char *dir, const char *name, const void *data, size_t len)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (f) {
		fwrite(data, 1, len, f);
		fclose(f);
	}
}

static void test_static(void)
{
	struct resp r;
	char etag[128] = "";
	struct buf out = BUF_INIT;

	CHECK(request("GET", "/static/site.css", NULL, NULL, &r) && r.status == 200, "static: css 200");
	CHECK_STR(hdr(&r, "content-type"), "text/css; charset=utf-8", "static: css type with charset");
	CHECK_STR(hdr(&r, "cache-control"), "public, max-age=31536000, immutable", "static: immutable cache");
	CHECK(hdr(&r, "last-modified") != NULL, "static: Last-Modified");
	CHECK(hdr(&r, "etag") != NULL, "static: ETag");
	if (hdr(&r, "etag"))
		snprintf(etag, sizeof etag, "%s", hdr(&r, "etag"));
	CHECK(r.body_len == big_text.len && memcmp(r.body, big_text.data, r.body_len) == 0, "static: css bytes");
	resp_free(&r);

	char h[256];
	snprintf(h, sizeof h, "If-None-Match: %s\r\n", etag);
	CHECK(request("GET", "/static/site.css", h, NULL, &r) && r.status == 304, "static: 304 on ETag");
	CHECK_STR(hdr(&r, "cache-control"), "public, max-age=31536000, immutable", "static: 304 keeps Cache-Control");
	resp_free(&r);

	CHECK(request("GET", "/media/site.css", NULL, NULL, &r) && r.status == 200, "static: second directory");
	CHECK_STR(hdr(&r, "cache-control"), "public, max-age=300", "static: short cache when not immutable");
	snprintf(h, sizeof h, "If-Modified-Since: %s\r\n", hdr(&r, "last-modified") ? hdr(&r, "last-modified") : "");
	resp_free(&r);
	CHECK(request("GET", "/media/site.css", h, NULL, &r) && r.status == 304, "static: 304 on If-Modified-Since");
	resp_free(&r);
	CHECK(request("GET", "/media/site.css", "If-Modified-Since: Sun, 06 Nov 1994 08:49:37 GMT\r\n", NULL, &r) &&
		  r.status == 200,
	      "static: modified since an old date -> 200");
	resp_free(&r);

	CHECK(request("GET", "/static/site.css", "Accept-Encoding: gzip\r\n", NULL, &r), "static: gzip");
	CHECK(hdr(&r, "content-encoding") && gunzip(r.body, r.body_len, &out) && out.len == big_text.len,
	      "static: css gzipped with exact length");
	buf_reset(&out);
	resp_free(&r);

	CHECK(request("GET", "/static/img/logo.png", "Accept-Encoding: gzip\r\n", NULL, &r) && r.status == 200,
	      "static: png in a subdirectory");
	CHECK_STR(hdr(&r, "content-type"), "image/png", "static: png type");
	CHECK(hdr(&r, "content-encoding") == NULL && r.body_len == 8 && memcmp(r.body, "\x89PNG\r\n\x1a\n", 8) == 0,
	      "static: binary bytes, not compressed");
	resp_free(&r);

	/* Bigger than the socket buffers (written in several steps) and than
	 * the read-into-memory limit (mapped). */
	CHECK(request("GET", "/static/big.bin", NULL, NULL, &r) && r.status == 200, "static: 5 MiB file");
	bool same = r.body_len == BIG_FILE;
	for (size_t i = 0; same && i < r.body_len; i++)
		same = (unsigned char)r.body[i] == (unsigned char)(i * 7 + i / 4096);
	CHECK(same, "static: 5 MiB file arrives intact (%zu bytes)", r.body_len);
	CHECK_STR(hdr(&r, "content-type"), "application/octet-stream", "static: unknown extension type");
	resp_free(&r);

	CHECK(request("HEAD", "/static/img/logo.png", NULL, NULL, &r) && r.status == 200 && r.body_len == 0,
	      "static: HEAD");
	CHECK_STR(hdr(&r, "content-length"), "8", "static: HEAD Content-Length");
	resp_free(&r);

	static const char *const bad[] = {"/static/../secret.txt",       "/static/%2e%2e/secret.txt",
					  "/static/img/..%2f..%2fsecret.txt", "/static/.hidden",
					  "/static/img/",                   "/static/img",
					  "/static/",                       "/static/nope.css",
					  "/static//etc/passwd",            "/static/img/%2e/logo.png"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		CHECK(request("GET", bad[i], NULL, NULL, &r) && (r.status == 404 || r.status == 400) &&
			  !strstr(r.body, "TOP SECRET"),
		      "static: %s refused (%d)", bad[i], r.status);
		resp_free(&r);
	}
	CHECK(request("POST", "/static/site.css", NULL, "x", &r) && r.status == 405, "static: POST -> 405");
	resp_free(&r);
}

static void test_slow_client(void)
{
	struct resp r;
	struct timespec t0, t1;
	int fd = connect_server();
	const char *partial = "GET / HTTP/1.1\r\nHost: a\r\n";

	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK(fd >= 0 && send_all(fd, partial, strlen(partial)), "slow: partial request sent");
	bool got = read_resp(fd, &r, false);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	CHECK(!got && r.closed, "slow: connection closed without a response");
	CHECK(secs >= 0.8 && secs < 2.9, "slow: cut after io_timeout (%.2f s)", secs);
	resp_free(&r);
	close(fd);
}

static void test_max_connections(void)
{
	int idle[MAX_CONNS];
	struct resp r;
	const char *q = "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";

	for (int i = 0; i < MAX_CONNS; i++)
		idle[i] = connect_server();
	usleep(100 * 1000);
	int fd = connect_server(); /* completes in the kernel backlog */
	CHECK(fd >= 0 && send_all(fd, q, strlen(q)), "max conns: extra connection sends");
	struct pollfd p = {fd, POLLIN, 0};
	CHECK(poll(&p, 1, 300) == 0, "max conns: not served while at the limit");
	close(idle[0]);
	CHECK(read_resp(fd, &r, false) && r.status == 200, "max conns: served after a close");
	resp_free(&r);
	close(fd);
	for (int i = 1; i < MAX_CONNS; i++)
		close(idle[i]);
	usleep(50 * 1000);
}

static void test_listen_errors(void)
{
	struct http_config cfg = {0};
	char addr[64], *err = NULL;
	struct http_server *s;

	snprintf(addr, sizeof addr, "127.0.0.1:%d", port);
	cfg.listen = addr;
	s = http_server_new(&cfg, NULL, &err);
	CHECK(s == NULL && err && strstr(err, "địa chỉ đang được dùng") && strstr(err, addr),
	      "port in use -> Vietnamese error (%s)", err ? err : "(null)");
	free(err);
	err = NULL;

	cfg.listen = "khong-phai-dia-chi";
	s = http_server_new(&cfg, NULL, &err);
	CHECK(s == NULL && err && strstr(err, "không hợp lệ"), "bad listen string (%s)", err ? err : "(null)");
	free(err);
	err = NULL;

	cfg.listen = "127.0.0.1:0";
	s = http_server_new(&cfg, NULL, &err);
	CHECK(s != NULL && err == NULL, "HOST:0 binds");
	http_server_free(s);
	cfg.listen = ":0";
	s = http_server_new(&cfg, NULL, &err);
	CHECK(s != NULL, "\":PORT\" binds all interfaces (%s)", err ? err : "");
	http_server_free(s);
	free(err);
	err = NULL;
	cfg.listen = "[::1]:0";
	s = http_server_new(&cfg, NULL, &err);
	CHECK(s != NULL || (err && strstr(err, "[::1]:0")), "\"[::1]:PORT\" parses (%s)", err ? err : "bound");
	http_server_free(s);
	free(err);
}

static int free_port(void)
{
	struct sockaddr_in sa = {0};
	socklen_t len = sizeof sa;
	int fd = socket(AF_INET, SOCK_STREAM, 0), p = 0;

	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&sa, sizeof sa) == 0 && getsockname(fd, (struct sockaddr *)&sa, &len) == 0)
		p = ntohs(sa.sin_port);
	close(fd);
	return p;
}

static void setup_files(void)
{
	char sub[300], outside[300];

	for (int i = 0; big_text.len < 6000; i++)
		buf_addf(&big_text, "Dòng %d: Ủy ban nhân dân xã thông báo lịch tiếp công dân tháng này.\n", i);

	uLong bound = compressBound(big_text.len) + 64;
	gz_data = malloc(bound);
	z_stream z = {0};
	deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
	z.next_in = (Bytef *)big_text.data;
	z.avail_in = (uInt)big_text.len;
	z.next_out = gz_data;
	z.avail_out = (uInt)bound;
	deflate(&z, Z_FINISH);
	gz_len = z.total_out;
	deflateEnd(&z);

	snprintf(tmp_dir, sizeof tmp_dir, "%s/loa-http-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(tmp_dir))
		return;
	snprintf(sub, sizeof sub, "%s/static", tmp_dir);
	mkdir(sub, 0755);
	snprintf(outside, sizeof outside, "%s/static/img", tmp_dir);
	mkdir(outside, 0755);
	write_file(tmp_dir, "secret.txt", "TOP SECRET", 10);
	write_file(sub, "site.css", big_text.data, big_text.len);
	write_file(sub, ".hidden", "TOP SECRET", 10);
	write_file(outside, "logo.png", "\x89PNG\r\n\x1a\n", 8);
	unsigned char *bin = malloc(BIG_FILE);
	for (size_t i = 0; i < BIG_FILE; i++)
		bin[i] = (unsigned char)(i * 7 + i / 4096);
	write_file(sub, "big.bin", bin, BIG_FILE);
	free(bin);
}

static void cleanup_files(void)
{
	char path[512];
	static const char *const files[] = {"static/img/logo.png", "static/site.css", "static/big.bin", "static/.hidden", "secret.txt",
					    "static/img", "static"};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", tmp_dir, files[i]);
		if (remove(path) != 0 && errno != ENOENT)
			printf("# could not remove %s\n", path);
	}
	rmdir(tmp_dir);
}

/* The client side runs in a thread; the server runs on the main thread,
 * as in production, and SIGTERM ends it. */
static void *client_thread(void *p)
{
	struct resp r;
	struct timespec t0, t1;
	char c;
	(void)p;

	test_basic();
	test_etag();
	test_gzip();
	test_accessors();
	test_routing();
	test_route_patterns();
	test_guard();
	test_route_body_limits();
	test_limits();
	test_keepalive();
	test_static();
	test_max_connections();
	test_slow_client();
	test_listen_errors();
	CHECK(atomic_load(&ticks) >= 1, "tick ran on the loop (%d)", atomic_load(&ticks));

	/* An idle keep-alive connection must not hold the shutdown back. */
	int idle = connect_server();
	const char *q = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
	CHECK(idle >= 0 && send_all(idle, q, strlen(q)) && read_resp(idle, &r, false) && !r.closed,
	      "shutdown: idle keep-alive connection open");
	resp_free(&r);

	clock_gettime(CLOCK_MONOTONIC, &t0);
	kill(getpid(), SIGTERM);
	CHECK(recv(idle, &c, 1, 0) == 0, "SIGTERM: idle connection closed");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	CHECK(secs < 1.5, "SIGTERM: stops promptly (%.2f s)", secs);
	close(idle);
	int fd = connect_server();
	CHECK(fd < 0, "SIGTERM: no longer accepting");
	if (fd >= 0)
		close(fd);
	return NULL;
}

int main(void)
{
	char addr[64], static_dir[300], *err = NULL;
	struct http_static_dir statics[2];
	struct http_config cfg = {0};
	struct http_server *srv;
	pthread_t th;

	setup_files();
	port = free_port();
	snprintf(addr, sizeof addr, "127.0.0.1:%d", port);
	snprintf(static_dir, sizeof static_dir, "%s/static", tmp_dir);
	statics[0] = (struct http_static_dir){"/static/", static_dir, true};
	statics[1] = (struct http_static_dir){"/media/", static_dir, false};
	cfg.listen = addr;
	cfg.max_connections = MAX_CONNS;
	cfg.max_body = MAX_BODY;
	cfg.max_url = 4096;
	cfg.io_timeout_ms = 1000;
	cfg.routes = routes;
	cfg.nroutes = sizeof routes / sizeof routes[0];
	cfg.fallback = h_fallback;
	cfg.guard = guard;
	cfg.statics = statics;
	cfg.nstatics = 2;
	cfg.tick = on_tick;

	srv = http_server_new(&cfg, NULL, &err);
	CHECK(srv != NULL, "server binds %s (%s)", addr, err ? err : "");
	if (srv) {
		pthread_create(&th, NULL, client_thread, NULL);
		int rc = http_server_run(srv);
		pthread_join(th, NULL);
		CHECK(rc == 0, "SIGTERM: http_server_run returns 0 (%d)", rc);
		http_server_free(srv);
	}
	free(err);
	cleanup_files();
	buf_reset(&big_text);
	free(gz_data);
	return test_done();
}
