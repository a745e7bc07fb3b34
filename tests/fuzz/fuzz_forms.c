/* fuzz_forms.c — the request parsers of src/http on arbitrary bytes: the
 * query string, the Cookie header, and the body as
 * application/x-www-form-urlencoded or multipart/form-data (by the
 * Content-Type given). The input is three lines — Content-Type, Cookie,
 * the query string — and then the body, byte for byte. The request is
 * built as a worker sees it (detached, from its snapshot), the body in a
 * buffer of exactly its length and its NUL, so a read past it is caught.
 * Besides memory errors: every decoded query or urlencoded value is valid
 * UTF-8 without NUL, and every file part lies inside the body. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/text.h"
#include "http/httpInt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The next '\n'-ended line of [*p, end) as a NUL-terminated copy in a. */
static char *line(struct arena *a, const uint8_t **p, const uint8_t *end)
{
	const uint8_t *nl = memchr(*p, '\n', (size_t)(end - *p));
	size_t n = nl ? (size_t)(nl - *p) : (size_t)(end - *p);
	char *s = arena_alloc(a, n + 1);
	memcpy(s, *p, n);
	s[n] = '\0';
	*p += n + (nl != NULL);
	return s;
}

static void utf8_or_abort(const char *s)
{
	if (s && !text_utf8_valid(s, strlen(s)))
		abort();
}

static const char *const names[] = {"q", "trang", "a", "tep", "csrf", "chon", "", "x y", "đ"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 65536)
		return 0;
	struct arena *a = arena_new();
	struct http_req *req = arena_zalloc(a, sizeof *req);
	const uint8_t *p = data, *end = data + size;
	char *ctype = line(a, &p, end), *cookie = line(a, &p, end), *query = line(a, &p, end);
	size_t blen = (size_t)(end - p);
	char *body = malloc(blen + 1);
	if (!body)
		abort();
	memcpy(body, p, blen);
	body[blen] = '\0';

	req->arena = a;
	req->detached = true;
	req->out_tail = &req->out_headers;
	req->accepts_gzip = -1;
	req->method = "POST";
	size_t qn = strlen(query);
	char *raw = arena_alloc(a, qn + 4);
	memcpy(raw, "/x?", 3);
	memcpy(raw + 3, query, qn + 1);
	req->raw_path = raw;
	req->in_headers = arena_alloc(a, 2 * sizeof *req->in_headers);
	req->in_headers[0].name = "content-type";
	req->in_headers[0].value = ctype;
	req->in_headers[1].name = "cookie";
	req->in_headers[1].value = cookie;
	req->nin_headers = 2;
	req->body = body;
	req->body_len = blen;
	req->body_ready = true;
	req->has_entity = true;

	http_req_path(req);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		utf8_or_abort(http_req_query(req, names[i]));
		const char *c = http_req_cookie(req, names[i]);
		if (c)
			(void)strlen(c);
		const char *f = http_req_form(req, names[i]);
		if (f)
			(void)strlen(f);
		const char **all;
		size_t n = http_req_form_all(req, names[i], 8, &all);
		for (size_t k = 0; k < n; k++)
			(void)strlen(all[k]);
		const struct http_file *file = http_req_file(req, names[i]);
		if (file) {
			const char *d = file->data;
			if (d < body || d + file->len > body + blen)
				abort();
			(void)strlen(file->filename);
			if (file->content_type)
				(void)strlen(file->content_type);
		}
	}
	if (strncmp(ctype, "application/x-www-form-urlencoded", 33) == 0)
		for (size_t i = 0; i < req->form.n; i++)
			utf8_or_abort(req->form.items[i].value);
	arena_free(a);
	free(body);
	return 0;
}
