/* access.c — the access log's lines: an h2o logger that formats each
 * finished request in the combined format and queues it (accesslog.h).
 *
 *   127.0.0.1 - - [07/Dec/2026:08:30:00 +0700] "GET /tin-tuc?trang=2 HTTP/1.1" 200 5120 "-" "Mozilla/5.0 ..."
 *
 * h2o calls the logger when it disposes of a request, after the response
 * went out or the client went away: every request, whether a handler, the
 * page cache, a static file or h2o itself answered it. The time is when
 * the request was received, in the server's local time; bytes are those of
 * the body sent. Quotes, backslashes, control bytes and bytes above 0x7e
 * are written as \xHH (so the file stays ASCII and a field cannot end
 * early); the request, referer and user agent are cut at bounds that keep
 * a line under ACCESSLOG_LINE_MAX. Runs on the loop thread; no I/O. */
#include "http/httpInt.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/accesslog.h"
#include "core/log.h"

#define PATH_CUT 2000
#define REFERER_CUT 1000
#define AGENT_CUT 500

struct access_logger {
	h2o_logger_t super;
	struct accesslog *log;
};

struct line {
	char text[ACCESSLOG_LINE_MAX];
	size_t len;
};

static void put(struct line *l, const char *s, size_t n)
{
	if (n > sizeof l->text - l->len)
		n = sizeof l->text - l->len;
	memcpy(l->text + l->len, s, n);
	l->len += n;
}

static void puts_(struct line *l, const char *s)
{
	put(l, s, strlen(s));
}

/* A field between quotes, escaped and cut at max bytes of input; "-" when
 * absent. */
static void put_field(struct line *l, const char *s, size_t n, size_t max)
{
	static const char hex[] = "0123456789abcdef";
	if (!s || n == 0) {
		puts_(l, "-");
		return;
	}
	if (n > max)
		n = max;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
			char e[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
			put(l, e, 4);
		} else {
			put(l, (const char *)&c, 1);
		}
	}
}

static void put_header(struct line *l, h2o_req_t *req, const h2o_token_t *token, size_t max)
{
	ssize_t i = h2o_find_header(&req->headers, token, -1);
	if (i < 0)
		put_field(l, NULL, 0, max);
	else
		put_field(l, req->headers.entries[i].value.base, req->headers.entries[i].value.len, max);
}

static void log_access(h2o_logger_t *self, h2o_req_t *req)
{
	struct access_logger *al = (struct access_logger *)self;
	struct line l;
	char addr[INET6_ADDRSTRLEN], num[48], when[32];

	l.len = 0;
	http_peer_text(req->conn, addr);
	puts_(&l, addr[0] ? addr : "-");
	puts_(&l, " - - [");
	long long t = req->processed_at.at.tv_sec ? (long long)req->processed_at.at.tv_sec : (long long)time(NULL);
	put(&l, when, log_time(t, 1, when));
	puts_(&l, "] \"");
	put_field(&l, req->input.method.base, req->input.method.len, 32);
	puts_(&l, " ");
	put_field(&l, req->input.path.base, req->input.path.len, PATH_CUT);
	if (req->version >= 0x200)
		puts_(&l, " HTTP/2\" ");
	else
		put(&l, num, (size_t)snprintf(num, sizeof num, " HTTP/1.%d\" ", req->version & 0xff));
	put(&l, num, (size_t)snprintf(num, sizeof num, "%d %zu \"", req->res.status, req->bytes_sent));
	put_header(&l, req, H2O_TOKEN_REFERER, REFERER_CUT);
	puts_(&l, "\" \"");
	put_header(&l, req, H2O_TOKEN_USER_AGENT, AGENT_CUT);
	puts_(&l, "\"");
	accesslog_append(al->log, l.text, l.len);
}

void http_access_register(h2o_pathconf_t *pc, struct accesslog *log)
{
	struct access_logger *al = (struct access_logger *)h2o_create_logger(pc, sizeof *al);
	al->super.log_access = log_access;
	al->log = log;
}
