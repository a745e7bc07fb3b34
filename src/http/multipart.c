/* multipart.c — multipart/form-data bodies (RFC 7578): text fields join the
 * request's form fields, file parts are kept as references into the body.
 * Malformed bodies yield whatever parts were complete before the damage;
 * nothing here trusts a length or a name from the client. */
#include <string.h>
#include <strings.h>

#include "core/text.h"
#include "http/httpInt.h"

#define MULTIPART_MAX_PARTS 64

/* The value of parameter `key` in a header value such as
 * `form-data; name="x"; filename="a.jpg"`, copied into the pool. */
static const char *header_param(struct http_req *req, const char *v, size_t n, const char *key)
{
	size_t klen = strlen(key);
	const char *end = v + n;
	for (const char *p = v; p < end; p++) {
		if (*p != ';')
			continue;
		p++;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if ((size_t)(end - p) > klen && strncasecmp(p, key, klen) == 0 && p[klen] == '=') {
			p += klen + 1;
			if (p < end && *p == '"') {
				const char *q = memchr(p + 1, '"', (size_t)(end - p - 1));
				if (!q)
					return NULL;
				return http_pool_strndup(req, p + 1, (size_t)(q - p - 1));
			}
			const char *q = p;
			while (q < end && *q != ';' && *q != ' ')
				q++;
			return http_pool_strndup(req, p, (size_t)(q - p));
		}
	}
	return NULL;
}

/* Finds header `name` among the part's header lines [h, hend). */
static bool part_header(const char *h, const char *hend, const char *name, const char **v, size_t *vn)
{
	size_t nlen = strlen(name);
	while (h < hend) {
		const char *eol = memmem(h, (size_t)(hend - h), "\r\n", 2);
		if (!eol)
			eol = hend;
		if ((size_t)(eol - h) > nlen && strncasecmp(h, name, nlen) == 0 && h[nlen] == ':') {
			const char *p = h + nlen + 1;
			while (p < eol && (*p == ' ' || *p == '\t'))
				p++;
			*v = p;
			*vn = (size_t)(eol - p);
			return true;
		}
		h = eol + 2;
	}
	return false;
}

void http_multipart_parse(struct http_req *req, const char *ctype, const char *body, size_t len)
{
	const char *b = header_param(req, ctype, strlen(ctype), "boundary");
	size_t blen = b ? strlen(b) : 0;
	if (!b || blen == 0 || blen > 200)
		return;
	/* delimiter: CRLF "--" boundary; the first one may lack the CRLF */
	char *delim = http_req_alloc(req, blen + 5);
	memcpy(delim, "\r\n--", 4);
	memcpy(delim + 4, b, blen);
	size_t dlen = blen + 4;
	if (len < dlen - 2 || memcmp(body, delim + 2, dlen - 2) != 0)
		return;
	const char *p = body + dlen - 2, *end = body + len;
	req->form.items = http_req_alloc(req, MULTIPART_MAX_PARTS * sizeof *req->form.items);
	req->files = http_req_alloc(req, MULTIPART_MAX_PARTS * sizeof *req->files);
	for (int parts = 0; parts < MULTIPART_MAX_PARTS; parts++) {
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return; /* the closing delimiter */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return;
		p += 2;
		const char *hend = memmem(p, (size_t)(end - p), "\r\n\r\n", 4);
		if (!hend)
			return;
		const char *data = hend + 4;
		const char *next = memmem(data, (size_t)(end - data), delim, dlen);
		if (!next)
			return;
		const char *cd, *ct = NULL;
		size_t cdn, ctn = 0;
		if (part_header(p, hend, "content-disposition", &cd, &cdn)) {
			const char *name = header_param(req, cd, cdn, "name");
			const char *filename = header_param(req, cd, cdn, "filename");
			if (name && *name && text_utf8_valid(name, strlen(name))) {
				if (filename) {
					struct http_file *f = &req->files[req->nfiles++];
					part_header(p, hend, "content-type", &ct, &ctn);
					f->name = name;
					f->filename = text_utf8_valid(filename, strlen(filename)) ? filename : "";
					f->content_type = ct ? http_pool_strndup(req, ct, ctn) : "";
					f->data = data;
					f->len = (size_t)(next - data);
				} else {
					size_t n = (size_t)(next - data);
					const char *v = http_pool_strndup(req, data, n);
					req->form.items[req->form.n].name = name;
					req->form.items[req->form.n].value = text_utf8_valid(v, n) && !memchr(data, 0, n) ? v : NULL;
					req->form.n++;
				}
			}
		}
		p = next + dlen;
	}
}

const struct http_file *http_req_file(struct http_req *req, const char *name)
{
	http_req_form(req, name); /* parses the body once */
	for (size_t i = 0; i < req->nfiles; i++)
		if (strcmp(req->files[i].name, name) == 0)
			return &req->files[i];
	return NULL;
}
