/* smtp.c — the SMTP client (smtp.h).
 *
 * How it is built: one connection struct holds the socket, the TLS
 * session once there is one, and a bounded input buffer; conn_reply()
 * reads until smtp_reply_parse() finds a whole reply. The socket is
 * blocking with SO_RCVTIMEO/SO_SNDTIMEO, which bound OpenSSL's reads and
 * writes too; connect() alone is made non-blocking to bound it. */
#include "mail/smtp.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "core/buf.h"
#include "mail/message.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Whether an EHLO line's text starts with keyword (case-insensitive),
 * followed by its end, a space or '='. */
static bool keyword(const char *t, size_t n, const char *kw)
{
	size_t k = strlen(kw);
	return n >= k && strncasecmp(t, kw, k) == 0 && (n == k || t[k] == ' ' || t[k] == '=');
}

static bool has_word(const char *t, size_t n, const char *w)
{
	size_t k = strlen(w);
	for (size_t i = 0; i + k <= n; i++)
		if ((i == 0 || t[i - 1] == ' ' || t[i - 1] == '=') && strncasecmp(t + i, w, k) == 0 &&
		    (i + k == n || t[i + k] == ' '))
			return true;
	return false;
}

int smtp_reply_parse(const char *data, size_t len, struct smtp_reply *r, size_t *used)
{
	size_t pos = 0;
	int lines = 0;
	memset(r, 0, sizeof *r);
	for (;;) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		if (!nl)
			return len > SMTP_REPLY_MAX ? -1 : 0;
		size_t end = (size_t)(nl - data);
		if (end + 1 > SMTP_REPLY_MAX || ++lines > SMTP_REPLY_LINES)
			return -1;
		size_t n = end - pos;
		if (n && data[end - 1] == '\r')
			n--;
		const char *l = data + pos;
		if (n < 3 || !is_digit(l[0]) || !is_digit(l[1]) || !is_digit(l[2]) || (n > 3 && l[3] != ' ' && l[3] != '-'))
			return -1;
		int code = (l[0] - '0') * 100 + (l[1] - '0') * 10 + (l[2] - '0');
		if (code < 200 || code > 599 || (r->code && code != r->code))
			return -1;
		const char *t = n > 4 ? l + 4 : "";
		size_t tn = n > 4 ? n - 4 : 0;
		if (!r->code) {
			size_t k = tn < SMTP_TEXT_MAX ? tn : SMTP_TEXT_MAX;
			for (size_t i = 0; i < k; i++)
				r->text[i] = (unsigned char)t[i] < 0x20 || t[i] == 0x7F ? ' ' : t[i];
			r->text[k] = '\0';
		}
		r->code = code;
		if (keyword(t, tn, "STARTTLS"))
			r->starttls = true;
		if (keyword(t, tn, "8BITMIME"))
			r->eightbit = true;
		if (keyword(t, tn, "AUTH")) {
			r->auth_plain |= has_word(t + 4, tn - 4, "PLAIN");
			r->auth_login |= has_word(t + 4, tn - 4, "LOGIN");
		}
		pos = end + 1;
		if (n == 3 || l[3] == ' ') {
			*used = pos;
			return 1;
		}
	}
}

struct conn {
	int fd;
	SSL_CTX *ctx;
	SSL *ssl;
	char in[SMTP_REPLY_MAX + 1];
	size_t nin;
	struct buf *err;
	bool temporary;
};

/* Sets the reason (fmt with one %s for arg, or plain when arg is NULL)
 * and whether trying later may help; returns -1. */
static int fail(struct conn *c, bool temporary, const char *fmt, const char *arg)
{
	buf_setlen(c->err, 0);
	if (arg)
		buf_addf(c->err, fmt, arg);
	else
		buf_adds(c->err, fmt);
	c->temporary = temporary;
	return -1;
}

static int conn_open(struct conn *c, const struct smtp_server *srv)
{
	char port[8];
	struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *res = NULL;
	snprintf(port, sizeof port, "%d", srv->port);
	int rc = getaddrinfo(srv->host, port, &hints, &res);
	if (rc != 0)
		return fail(c, true, "không tìm thấy máy chủ thư %s", srv->host);
	int status = -1;
	for (struct addrinfo *ai = res; ai && status < 0; ai = ai->ai_next) {
		int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, ai->ai_protocol);
		if (fd < 0)
			continue;
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) != 0 && errno == EINPROGRESS) {
			struct pollfd p = {fd, POLLOUT, 0};
			int soerr = ETIMEDOUT;
			socklen_t sl = sizeof soerr;
			if (poll(&p, 1, srv->timeout_s * 1000) == 1)
				getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl);
			errno = soerr;
		} else {
			errno = 0;
		}
		if (errno != 0) {
			close(fd);
			continue;
		}
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
		struct timeval tv = {srv->timeout_s, 0};
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
		setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
		c->fd = fd;
		status = 0;
	}
	freeaddrinfo(res);
	return status == 0 ? 0 : fail(c, true, "không kết nối được tới máy chủ thư %s", srv->host);
}

static int conn_tls(struct conn *c, const char *host)
{
	c->ctx = SSL_CTX_new(TLS_client_method());
	if (!c->ctx)
		return fail(c, true, "không khởi tạo được TLS", NULL);
	SSL_CTX_set_min_proto_version(c->ctx, TLS1_2_VERSION);
	SSL_CTX_set_default_verify_paths(c->ctx);
	SSL_CTX_set_verify(c->ctx, SSL_VERIFY_PEER, NULL);
	c->ssl = SSL_new(c->ctx);
	if (!c->ssl || SSL_set_fd(c->ssl, c->fd) != 1 || SSL_set1_host(c->ssl, host) != 1 ||
	    SSL_set_tlsext_host_name(c->ssl, host) != 1)
		return fail(c, true, "không khởi tạo được TLS", NULL);
	if (SSL_connect(c->ssl) != 1) {
		long v = SSL_get_verify_result(c->ssl);
		ERR_clear_error();
		return fail(c, true, "bắt tay TLS thất bại: %s",
			    v != X509_V_OK ? X509_verify_cert_error_string(v) : "máy chủ không trả lời đúng");
	}
	return 0;
}

static void conn_close(struct conn *c)
{
	if (c->ssl) {
		SSL_shutdown(c->ssl);
		SSL_free(c->ssl);
	}
	if (c->ctx)
		SSL_CTX_free(c->ctx);
	if (c->fd >= 0)
		close(c->fd);
	ERR_clear_error();
}

static int conn_write(struct conn *c, const char *p, size_t n)
{
	while (n) {
		ssize_t w;
		if (c->ssl) {
			int k = SSL_write(c->ssl, p, n > 65536 ? 65536 : (int)n);
			w = k > 0 ? k : -1;
		} else {
			w = send(c->fd, p, n, MSG_NOSIGNAL);
			if (w < 0 && errno == EINTR)
				continue;
		}
		if (w <= 0)
			return fail(c, true, "mất kết nối khi gửi tới máy chủ thư", NULL);
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Reads one reply into *r. -1 (err set) on a timeout, a closed
 * connection or a malformed reply. */
static int conn_reply(struct conn *c, struct smtp_reply *r)
{
	for (;;) {
		size_t used;
		int k = smtp_reply_parse(c->in, c->nin, r, &used);
		if (k < 0)
			return fail(c, true, "máy chủ thư trả lời sai giao thức", NULL);
		if (k > 0) {
			memmove(c->in, c->in + used, c->nin - used);
			c->nin -= used;
			return 0;
		}
		if (c->nin >= SMTP_REPLY_MAX)
			return fail(c, true, "máy chủ thư trả lời quá dài", NULL);
		ssize_t got;
		if (c->ssl) {
			int g = SSL_read(c->ssl, c->in + c->nin, (int)(SMTP_REPLY_MAX - c->nin));
			got = g > 0 ? g : -1;
		} else {
			got = recv(c->fd, c->in + c->nin, SMTP_REPLY_MAX - c->nin, 0);
			if (got < 0 && errno == EINTR)
				continue;
		}
		if (got <= 0)
			return fail(c, true, got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)
						     ? "máy chủ thư không trả lời kịp"
						     : "máy chủ thư đóng kết nối",
				    NULL);
		c->nin += (size_t)got;
	}
}

/* Sends a command (NULL: none, only read) and reads its reply, which
 * must have the class of `want` (2 or 3). */
static int cmd(struct conn *c, const char *line, int want, struct smtp_reply *r, const char *what)
{
	if (line && (conn_write(c, line, strlen(line)) != 0 || conn_write(c, "\r\n", 2) != 0))
		return -1;
	if (conn_reply(c, r) != 0)
		return -1;
	if (r->code / 100 != want) {
		buf_setlen(c->err, 0);
		buf_addf(c->err, "%s: máy chủ thư trả lời %d %s", what, r->code, r->text);
		c->temporary = r->code / 100 == 4;
		return -1;
	}
	return 0;
}

static int ehlo(struct conn *c, const struct smtp_server *srv, struct smtp_reply *r)
{
	struct buf line = BUF_INIT;
	buf_addf(&line, "EHLO %s", srv->helo && *srv->helo ? srv->helo : "localhost");
	int rc = cmd(c, line.data, 2, r, "EHLO");
	if (rc != 0 && r->code / 100 == 5) {
		buf_setlen(&line, 0);
		buf_addf(&line, "HELO %s", srv->helo && *srv->helo ? srv->helo : "localhost");
		rc = cmd(c, line.data, 2, r, "HELO");
	}
	buf_reset(&line);
	return rc;
}

static int auth(struct conn *c, const struct smtp_server *srv, const struct smtp_reply *caps)
{
	struct smtp_reply r;
	struct buf line = BUF_INIT;
	int rc = -1;
	size_t ln = strlen(srv->login), pn = strlen(srv->password);
	if (caps->auth_plain || !caps->auth_login) {
		struct buf raw = BUF_INIT;
		buf_addch(&raw, '\0');
		buf_add(&raw, srv->login, ln);
		buf_addch(&raw, '\0');
		buf_add(&raw, srv->password, pn);
		buf_adds(&line, "AUTH PLAIN ");
		mail_base64(&line, raw.data, raw.len);
		memset(raw.data, 0, raw.len);
		buf_reset(&raw);
		rc = cmd(c, line.data, 2, &r, "đăng nhập máy chủ thư");
	} else {
		if (cmd(c, "AUTH LOGIN", 3, &r, "đăng nhập máy chủ thư") != 0)
			goto out;
		mail_base64(&line, srv->login, ln);
		if (cmd(c, line.data, 3, &r, "đăng nhập máy chủ thư") != 0)
			goto out;
		buf_setlen(&line, 0);
		mail_base64(&line, srv->password, pn);
		rc = cmd(c, line.data, 2, &r, "đăng nhập máy chủ thư");
	}
out:
	if (line.cap)
		memset(line.data, 0, line.len);
	buf_reset(&line);
	return rc;
}

int smtp_send(const struct smtp_server *srv, const char *from, const char *rcpt, const char *msg, size_t len,
	      struct buf *err, bool *temporary)
{
	static struct conn zero;
	struct conn *c = malloc(sizeof *c); /* the reply buffer is too big for a thread's stack */
	if (!c) {
		buf_adds(err, "hết bộ nhớ");
		*temporary = true;
		return -1;
	}
	*c = zero;
	c->fd = -1;
	c->err = err;
	struct smtp_reply caps, r;
	struct buf line = BUF_INIT, data = BUF_INIT;
	int rc = -1;
	if (!mail_addr_ok(from) || !mail_addr_ok(rcpt)) {
		fail(c, false, "địa chỉ thư không hợp lệ", NULL);
		goto out;
	}
	if (conn_open(c, srv) != 0)
		goto out;
	if (srv->security == SMTP_TLS && conn_tls(c, srv->host) != 0)
		goto out_close;
	if (cmd(c, NULL, 2, &r, "lời chào") != 0 || ehlo(c, srv, &caps) != 0)
		goto out_close;
	if (srv->security == SMTP_STARTTLS) {
		if (!caps.starttls) {
			fail(c, false, "máy chủ thư không hỗ trợ STARTTLS", NULL);
			goto out_close;
		}
		if (cmd(c, "STARTTLS", 2, &r, "STARTTLS") != 0)
			goto out_close;
		c->nin = 0; /* bytes sent before the handshake were never protected: drop them */
		if (conn_tls(c, srv->host) != 0 || ehlo(c, srv, &caps) != 0)
			goto out_close;
	}
	if (srv->login && *srv->login && auth(c, srv, &caps) != 0)
		goto out_close;
	buf_addf(&line, "MAIL FROM:<%s>%s", from, caps.eightbit ? " BODY=8BITMIME" : "");
	if (cmd(c, line.data, 2, &r, "MAIL FROM") != 0)
		goto out_close;
	buf_setlen(&line, 0);
	buf_addf(&line, "RCPT TO:<%s>", rcpt);
	if (cmd(c, line.data, 2, &r, "RCPT TO") != 0 || cmd(c, "DATA", 3, &r, "DATA") != 0)
		goto out_close;
	mail_dot_stuff(&data, msg, len);
	if (conn_write(c, data.data, data.len) != 0 || cmd(c, NULL, 2, &r, "nội dung thư") != 0)
		goto out_close;
	rc = 0;
	cmd(c, "QUIT", 2, &r, "QUIT"); /* the message is accepted whatever QUIT answers */
	buf_setlen(err, 0);
out_close:
	conn_close(c);
out:
	*temporary = c->temporary;
	buf_reset(&line);
	buf_reset(&data);
	free(c);
	return rc;
}
