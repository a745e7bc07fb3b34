/* request.c — what a handler can ask about a request.
 *
 * struct http_req lives in its own arena, with every string returned here
 * (NUL-terminated; parsing is done once, on first use). A small anchor in
 * the h2o request's pool tells it when h2o lets go of the request (the
 * response is complete or the connection died): then, unless a worker
 * holds the request, the deferred functions run, the connection record is
 * released and the arena is freed. While a worker holds it (detached),
 * the accessors read the snapshot taken on the loop and never h2o. */
#include "http/httpInt.h"

#include <arpa/inet.h>
#include <stdatomic.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "core/arena.h"
#include "core/num.h"
#include "core/text.h"

struct req_anchor {
	struct http_req *req;
};

void http_req_finish(struct http_req *req)
{
	struct http_conn *c = req->conn;

	while (req->defers) {
		struct http_defer *d = req->defers;
		req->defers = d->next;
		d->fn(d->arg);
	}
	arena_free(req->arena); /* req itself is in there */
	if (c) {
		c->active--;
		if (c->closed) {
			if (c->active == 0)
				free(c);
		} else if (c->loop->stopping) {
			/* The response is out: end the keep-alive connection. */
			shutdown(c->fd, SHUT_RD);
		}
	}
}

/* h2o is done with the request. A worker may still hold it: work.c then
 * finishes it when the worker posts it back. */
static void anchor_dispose(void *p)
{
	struct http_req *req = ((struct req_anchor *)p)->req;

	req->h = NULL;
	if (req->state == REQ_POOL) {
		req->gone = true;
		atomic_store(&req->cancel, true);
		return;
	}
	http_req_finish(req);
}

struct http_req *http_req_create(struct http_loop *loop, h2o_req_t *h)
{
	struct arena *a = arena_new();
	struct http_req *req = arena_zalloc(a, sizeof *req);
	struct req_anchor *anchor = h2o_mem_alloc_shared(&h->pool, sizeof *anchor, anchor_dispose);

	anchor->req = req;
	req->arena = a;
	req->h = h;
	req->srv = loop->srv;
	req->loop = loop;
	req->app = loop->srv->app;
	req->state = REQ_LOOP;
	atomic_init(&req->cancel, false);
	req->accepts_gzip = -1;
	req->is_head = h2o_memis(h->input.method.base, h->input.method.len, H2O_STRLIT("HEAD"));
	req->is_tls = h->input.scheme == &H2O_URL_SCHEME_HTTPS;
	req->out_tail = &req->out_headers;
	return req;
}

void *http_req_alloc(struct http_req *req, size_t n)
{
	return arena_alloc(req->arena, n);
}

char *http_pool_strndup(struct http_req *req, const char *s, size_t n)
{
	char *p = arena_alloc(req->arena, n + 1);

	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *http_url_decode(struct http_req *req, const char *s, size_t n, bool plus_space)
{
	char *out = arena_alloc(req->arena, n + 1);
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '%') {
			int hi, lo;
			if (i + 2 >= n)
				return NULL;
			hi = num_hexval((unsigned char)s[i + 1]);
			lo = num_hexval((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				return NULL;
			c = (unsigned char)(hi * 16 + lo);
			i += 2;
		} else if (c == '+' && plus_space) {
			c = ' ';
		}
		if (c == '\0')
			return NULL;
		out[o++] = (char)c;
	}
	out[o] = '\0';
	return text_utf8_valid(out, o) ? out : NULL;
}

/* ---- name=value lists: query string and urlencoded bodies ---- */

static void kv_parse(struct http_req *req, struct http_kvlist *l, const char *s, size_t n)
{
	size_t cap = 1;

	l->parsed = true;
	for (size_t i = 0; i < n; i++)
		cap += s[i] == '&';
	l->items = arena_alloc(req->arena, cap * sizeof *l->items);
	l->n = 0;
	while (n > 0) {
		const char *amp = memchr(s, '&', n);
		size_t seg = amp ? (size_t)(amp - s) : n;
		if (seg > 0) {
			const char *eq = memchr(s, '=', seg);
			size_t nlen = eq ? (size_t)(eq - s) : seg;
			const char *name = http_url_decode(req, s, nlen, true);
			if (name && name[0]) {
				l->items[l->n].name = name;
				l->items[l->n].value = eq ? http_url_decode(req, eq + 1, seg - nlen - 1, true) : "";
				l->n++;
			}
		}
		if (!amp)
			break;
		n -= seg + 1;
		s = amp + 1;
	}
}

static const char *kv_get(const struct http_kvlist *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i].name, name) == 0)
			return l->items[i].value;
	return NULL;
}

/* ---- accessors ---- */

struct arena *http_req_arena(struct http_req *req)
{
	return req->arena;
}

const char *http_req_method(struct http_req *req)
{
	if (!req->method)
		req->method = http_pool_strndup(req, req->h->input.method.base, req->h->input.method.len);
	return req->method;
}

bool http_req_is_head(struct http_req *req)
{
	return req->is_head;
}

const char *http_req_path(struct http_req *req)
{
	if (!req->path_checked) {
		const char *raw = http_req_raw_path(req);
		req->path_checked = true;
		req->path = http_url_decode(req, raw, strcspn(raw, "?"), false);
	}
	return req->path;
}

const char *http_req_raw_path(struct http_req *req)
{
	if (!req->raw_path)
		req->raw_path = http_pool_strndup(req, req->h->input.path.base, req->h->input.path.len);
	return req->raw_path;
}

const char *http_req_query(struct http_req *req, const char *name)
{
	if (!req->query.parsed) {
		const char *raw = http_req_raw_path(req);
		const char *q = strchr(raw, '?');
		if (q)
			kv_parse(req, &req->query, q + 1, strlen(q + 1));
		else
			req->query.parsed = true;
	}
	return kv_get(&req->query, name);
}

/* header_join over the snapshot (a detached request). */
static const char *snapshot_join(struct http_req *req, const char *lname, size_t nlen, const char *sep)
{
	size_t total = 0, seplen = strlen(sep), count = 0, first = 0;

	for (size_t i = 0; i < req->nin_headers; i++) {
		if (strlen(req->in_headers[i].name) != nlen || memcmp(req->in_headers[i].name, lname, nlen) != 0)
			continue;
		if (count++ == 0)
			first = i;
		total += strlen(req->in_headers[i].value) + seplen;
	}
	if (count == 0)
		return NULL;
	if (count == 1)
		return req->in_headers[first].value;
	char *out = arena_alloc(req->arena, total + 1), *o = out;
	for (size_t i = first; i < req->nin_headers; i++) {
		if (strlen(req->in_headers[i].name) != nlen || memcmp(req->in_headers[i].name, lname, nlen) != 0)
			continue;
		if (o != out) {
			memcpy(o, sep, seplen);
			o += seplen;
		}
		size_t vlen = strlen(req->in_headers[i].value);
		memcpy(o, req->in_headers[i].value, vlen);
		o += vlen;
	}
	*o = '\0';
	return out;
}

/* Joins every value of a (lower-case) request header with sep; NULL if
 * absent. */
static const char *header_join(struct http_req *req, const char *lname, size_t nlen, const char *sep)
{
	if (req->detached)
		return snapshot_join(req, lname, nlen, sep);
	h2o_headers_t *hs = &req->h->headers;
	/* well-known names are interned tokens: compare pointers, not strings */
	const h2o_token_t *tok = h2o_lookup_token(lname, nlen);
#define NEXT_HEADER(from) (tok ? h2o_find_header(hs, tok, (from)) : h2o_find_header_by_str(hs, lname, nlen, (from)))
	ssize_t i = NEXT_HEADER(-1);
	size_t total = 0, seplen = strlen(sep);
	int count = 0;

	if (i == -1)
		return NULL;
	for (ssize_t j = i; j != -1; j = NEXT_HEADER(j)) {
		total += hs->entries[j].value.len + seplen;
		count++;
	}
	if (count == 1)
		return http_pool_strndup(req, hs->entries[i].value.base, hs->entries[i].value.len);
	char *out = arena_alloc(req->arena, total + 1), *o = out;
	for (ssize_t j = i; j != -1; j = NEXT_HEADER(j)) {
		if (o != out) {
			memcpy(o, sep, seplen);
			o += seplen;
		}
		memcpy(o, hs->entries[j].value.base, hs->entries[j].value.len);
		o += hs->entries[j].value.len;
	}
	*o = '\0';
	return out;
#undef NEXT_HEADER
}

const char *http_req_header(struct http_req *req, const char *name)
{
	h2o_req_t *h;
	size_t n = strlen(name);
	/* lower-cased on the stack: this runs several times per request */
	char lbuf[64], *lname = lbuf;

	if (n < sizeof lbuf)
		memcpy(lbuf, name, n + 1);
	else
		lname = http_pool_strndup(req, name, n);
	h2o_strtolower(lname, n);
	if (req->detached) {
		if (strcmp(lname, "host") == 0)
			return req->authority;
		if (strcmp(lname, "content-length") == 0)
			return req->has_entity ? arena_printf(req->arena, "%zu", req->body_len) : NULL;
		return header_join(req, lname, n, strcmp(lname, "cookie") == 0 ? "; " : ", ");
	}
	h = req->h;
	/* h2o moves these out of the header list while parsing. */
	if (strcmp(lname, "host") == 0) {
		if (!h->input.authority.base || (h->hostconf && h->input.authority.base == h->hostconf->authority.hostport.base))
			return NULL;
		return http_pool_strndup(req, h->input.authority.base, h->input.authority.len);
	}
	if (strcmp(lname, "content-length") == 0) {
		if (!h->entity.base)
			return NULL;
		char num[32];
		int len = snprintf(num, sizeof num, "%zu", h->entity.len);
		return http_pool_strndup(req, num, (size_t)len);
	}
	return header_join(req, lname, n, strcmp(lname, "cookie") == 0 ? "; " : ", ");
}

const char *http_req_cookie(struct http_req *req, const char *name)
{
	if (!req->cookies.parsed) {
		struct http_kvlist *l = &req->cookies;
		const char *s = header_join(req, H2O_STRLIT("cookie"), "; ");
		size_t cap = 1;

		l->parsed = true;
		if (!s)
			return NULL;
		for (const char *p = s; *p; p++)
			cap += *p == ';';
		l->items = arena_alloc(req->arena, cap * sizeof *l->items);
		while (*s) {
			size_t seg = strcspn(s, ";");
			const char *a = s, *b = s + seg;
			while (a < b && (*a == ' ' || *a == '\t'))
				a++;
			while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
				b--;
			const char *eq = memchr(a, '=', (size_t)(b - a));
			if (eq && eq > a) {
				const char *v = eq + 1, *ve = b;
				if (ve - v >= 2 && v[0] == '"' && ve[-1] == '"') {
					v++;
					ve--;
				}
				l->items[l->n].name = http_pool_strndup(req, a, (size_t)(eq - a));
				l->items[l->n].value = http_pool_strndup(req, v, (size_t)(ve - v));
				l->n++;
			}
			s += seg;
			if (*s == ';')
				s++;
		}
	}
	return kv_get(&req->cookies, name);
}

const char *http_req_host(struct http_req *req)
{
	if (!req->host) {
		h2o_req_t *h = req->h;
		h2o_iovec_t a = h->input.authority;
		size_t n = 0;

		req->host = "";
		if (!a.base || (h->hostconf && a.base == h->hostconf->authority.hostport.base))
			return req->host;
		if (a.len > 0 && a.base[0] == '[') {
			const char *end = memchr(a.base, ']', a.len);
			if (!end)
				return req->host;
			n = (size_t)(end - a.base) + 1;
		} else {
			const char *colon = memchr(a.base, ':', a.len);
			n = colon ? (size_t)(colon - a.base) : a.len;
		}
		char *host = http_pool_strndup(req, a.base, n);
		h2o_strtolower(host, n);
		/* Only plain host names and address literals: the value ends up
		 * in absolute links. */
		if (strspn(host, "abcdefghijklmnopqrstuvwxyz0123456789.-_[]:") == n && n > 0)
			req->host = host;
	}
	return req->host;
}

void http_peer_text(h2o_conn_t *conn, char *out)
{
	struct sockaddr_storage ss;
	socklen_t len = 0;

	out[0] = '\0';
	memset(&ss, 0, sizeof ss);
	if (conn->callbacks->get_peername)
		len = conn->callbacks->get_peername(conn, (struct sockaddr *)&ss);
	if (len > 0 && ss.ss_family == AF_INET) {
		inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, out, INET6_ADDRSTRLEN);
	} else if (len > 0 && ss.ss_family == AF_INET6) {
		struct in6_addr *a6 = &((struct sockaddr_in6 *)&ss)->sin6_addr;
		if (IN6_IS_ADDR_V4MAPPED(a6))
			inet_ntop(AF_INET, &a6->s6_addr[12], out, INET6_ADDRSTRLEN);
		else
			inet_ntop(AF_INET6, a6, out, INET6_ADDRSTRLEN);
	}
}

const char *http_req_remote_addr(struct http_req *req)
{
	if (!req->remote) {
		char text[INET6_ADDRSTRLEN];
		http_peer_text(req->h->conn, text);
		req->remote = http_pool_strndup(req, text, strlen(text));
	}
	return req->remote;
}

bool http_req_is_tls(struct http_req *req)
{
	return req->is_tls;
}

const char *http_req_body(struct http_req *req, size_t *len)
{
	if (!req->body_ready) {
		req->body_ready = true;
		if (req->h->entity.base) {
			req->body_len = req->h->entity.len;
			req->body = http_pool_strndup(req, req->h->entity.base, req->h->entity.len);
		} else {
			req->body = "";
			req->body_len = 0;
		}
	}
	*len = req->body_len;
	return req->body;
}

const char *http_req_form(struct http_req *req, const char *name)
{
	if (!req->form.parsed) {
		const char *ct = http_req_header(req, "content-type");
		static const char urlenc[] = "application/x-www-form-urlencoded";
		size_t len;
		const char *body = http_req_body(req, &len);

		static const char multi[] = "multipart/form-data";
		req->form.parsed = true;
		if (ct && strncasecmp(ct, urlenc, sizeof urlenc - 1) == 0 &&
		    (ct[sizeof urlenc - 1] == '\0' || ct[sizeof urlenc - 1] == ';' || ct[sizeof urlenc - 1] == ' '))
			kv_parse(req, &req->form, body, len);
		else if (ct && strncasecmp(ct, multi, sizeof multi - 1) == 0)
			http_multipart_parse(req, ct, body, len);
	}
	return kv_get(&req->form, name);
}

size_t http_req_form_all(struct http_req *req, const char *name, size_t max, const char ***out)
{
	*out = NULL;
	http_req_form(req, name); /* parses the body once */
	size_t n = 0;
	for (size_t i = 0; i < req->form.n; i++)
		n += req->form.items[i].value && strcmp(req->form.items[i].name, name) == 0;
	if (n > max)
		n = max;
	const char **v = arena_alloc(req->arena, n * sizeof *v);
	size_t k = 0;
	for (size_t i = 0; i < req->form.n && k < n; i++)
		if (req->form.items[i].value && strcmp(req->form.items[i].name, name) == 0)
			v[k++] = req->form.items[i].value;
	*out = v;
	return k;
}

/* Is "q=0", "q=0.0"... among the parameters of one Accept-Encoding item? */
static bool q_is_zero(const char *p, const char *end)
{
	while (p < end) {
		while (p < end && (*p == ';' || *p == ' ' || *p == '\t'))
			p++;
		if (end - p >= 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
			p += 2;
			if (p >= end || *p != '0')
				return false;
			p++;
			if (p < end && *p == '.') {
				p++;
				while (p < end && *p == '0')
					p++;
			}
			return p == end || *p == ';' || *p == ' ' || *p == '\t';
		}
		while (p < end && *p != ';')
			p++;
	}
	return false;
}

bool http_req_accepts_gzip(struct http_req *req)
{
	if (req->accepts_gzip < 0) {
		const char *s = header_join(req, H2O_STRLIT("accept-encoding"), ", ");
		int gzip = -1, star = -1;

		while (s && *s) {
			size_t seg = strcspn(s, ",");
			const char *a = s, *end = s + seg;
			while (a < end && (*a == ' ' || *a == '\t'))
				a++;
			const char *ne = a;
			while (ne < end && *ne != ';' && *ne != ' ' && *ne != '\t')
				ne++;
			size_t nlen = (size_t)(ne - a);
			int ok = !q_is_zero(ne, end);
			if ((nlen == 4 && strncasecmp(a, "gzip", 4) == 0) || (nlen == 6 && strncasecmp(a, "x-gzip", 6) == 0))
				gzip = gzip == 1 ? 1 : ok;
			else if (nlen == 1 && *a == '*')
				star = ok;
			s = *end ? end + 1 : end;
		}
		req->accepts_gzip = gzip >= 0 ? gzip : star == 1;
	}
	return req->accepts_gzip == 1;
}

void http_req_defer(struct http_req *req, void (*fn)(void *), void *arg)
{
	struct http_defer *d = arena_alloc(req->arena, sizeof *d);

	d->fn = fn;
	d->arg = arg;
	d->next = req->defers;
	req->defers = d;
}

void http_req_snapshot(struct http_req *req)
{
	h2o_req_t *h = req->h;
	size_t len;

	http_req_method(req);
	http_req_path(req);
	http_req_host(req);
	http_req_remote_addr(req);
	http_req_accepts_gzip(req);
	http_req_body(req, &len);
	req->has_entity = h->entity.base != NULL;
	req->authority = http_req_header(req, "host");
	req->in_headers = arena_alloc(req->arena, (h->headers.size + 1) * sizeof *req->in_headers);
	for (size_t i = 0; i < h->headers.size; i++) {
		const h2o_header_t *e = &h->headers.entries[i];
		char *name = http_pool_strndup(req, e->name->base, e->name->len);
		h2o_strtolower(name, e->name->len);
		req->in_headers[i].name = name;
		req->in_headers[i].value = http_pool_strndup(req, e->value.base, e->value.len);
	}
	req->nin_headers = h->headers.size;
}

size_t http_req_header_bytes(struct http_req *req)
{
	h2o_headers_t *hs = &req->h->headers;
	size_t total = req->h->input.authority.len;

	for (size_t i = 0; i < hs->size; i++)
		total += hs->entries[i].name->len + hs->entries[i].value.len;
	return total;
}

const struct http_route *http_req_route(struct http_req *req)
{
	return req->route;
}

const char *http_req_param(struct http_req *req, int i)
{
	return i >= 0 && i < req->nparams ? req->params[i] : NULL;
}

int64_t http_req_param_id(struct http_req *req, int i)
{
	return i >= 0 && i < req->nparams ? req->param_ids[i] : 0;
}

void http_req_set_data(struct http_req *req, void *data)
{
	req->data = data;
}

void *http_req_data(struct http_req *req)
{
	return req->data;
}
