/* bare.c — the floor for bench/http: a bare h2o program (one evloop thread,
 * like loa's) that answers every request with the same bytes from memory:
 * a file read once at start, or its gzip form when the request accepts
 * gzip and FILE.gz exists. No routing, no counters, no cache lookup.
 *
 *   bench/http/bare PORT FILE
 *
 * Built by bench/http/run (it is not part of loa). */
#include <h2o.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

static h2o_globalconf_t gconf;
static h2o_context_t ctx;
static h2o_accept_ctx_t accept_ctx;
static h2o_iovec_t plain, gz;

static h2o_iovec_t slurp(const char *path)
{
	h2o_iovec_t v = {NULL, 0};
	FILE *f = fopen(path, "rb");
	if (!f)
		return v;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	v.base = malloc(n > 0 ? (size_t)n : 1);
	v.len = fread(v.base, 1, (size_t)n, f);
	fclose(f);
	return v;
}

static int on_req(h2o_handler_t *self, h2o_req_t *req)
{
	static h2o_generator_t gen = {NULL, NULL};
	bool use_gz = false;
	ssize_t i = h2o_find_header(&req->headers, H2O_TOKEN_ACCEPT_ENCODING, -1);

	(void)self;
	if (i != -1 && gz.base && h2o_contains_token(req->headers.entries[i].value.base, req->headers.entries[i].value.len,
						     H2O_STRLIT("gzip"), ','))
		use_gz = true;
	req->res.status = 200;
	req->res.reason = "OK";
	h2o_add_header(&req->pool, &req->res.headers, H2O_TOKEN_CONTENT_TYPE, NULL, H2O_STRLIT("text/html; charset=utf-8"));
	h2o_add_header(&req->pool, &req->res.headers, H2O_TOKEN_VARY, NULL, H2O_STRLIT("Accept-Encoding"));
	if (use_gz)
		h2o_add_header(&req->pool, &req->res.headers, H2O_TOKEN_CONTENT_ENCODING, NULL, H2O_STRLIT("gzip"));
	h2o_iovec_t body = use_gz ? gz : plain;
	req->res.content_length = body.len;
	h2o_start_response(req, &gen);
	h2o_send(req, &body, 1, H2O_SEND_STATE_FINAL);
	return 0;
}

static void on_accept(h2o_socket_t *listener, const char *err)
{
	h2o_socket_t *sock;
	if (err)
		return;
	if ((sock = h2o_evloop_socket_accept(listener)) != NULL)
		h2o_accept(&accept_ctx, sock);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: bare PORT FILE\n");
		return 2;
	}
	plain = slurp(argv[2]);
	char gzpath[4096];
	snprintf(gzpath, sizeof gzpath, "%s.gz", argv[2]);
	gz = slurp(gzpath);
	if (!plain.base) {
		fprintf(stderr, "bare: cannot read %s\n", argv[2]);
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	h2o_config_init(&gconf);
	h2o_hostconf_t *host = h2o_config_register_host(&gconf, h2o_iovec_init(H2O_STRLIT("default")), 65535);
	h2o_pathconf_t *pc = h2o_config_register_path(host, "/", 0);
	h2o_create_handler(pc, sizeof(h2o_handler_t))->on_req = on_req;

	h2o_evloop_t *loop = h2o_evloop_create();
	h2o_context_init(&ctx, loop, &gconf);
	accept_ctx.ctx = &ctx;
	accept_ctx.hosts = gconf.hosts;

	struct sockaddr_in addr;
	int fd, on = 1;
	memset(&addr, 0, sizeof addr);
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(0x7f000001);
	addr.sin_port = htons((uint16_t)atoi(argv[1]));
	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) != 0 ||
	    bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(fd, SOMAXCONN) != 0) {
		perror("bare: listen");
		return 1;
	}
	h2o_socket_t *listener = h2o_evloop_socket_create(loop, fd, H2O_SOCKET_FLAG_DONT_READ);
	h2o_socket_read_start(listener, on_accept);
	while (h2o_evloop_run(loop, INT32_MAX) == 0)
		;
	return 0;
}
