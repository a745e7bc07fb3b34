/* response.c — headers and complete responses.
 *
 * A response is first recorded in the request (headers in a list, status,
 * type and the body's iovecs, compressed here if asked) without touching
 * h2o, so that a worker can build it; http_response_commit then hands it to
 * h2o on the loop — at once for a request on the loop, when the worker has
 * posted it back otherwise (work.c).
 *
 * Every response is sent in one h2o_send call with the final flag, so the
 * single shared generator never has to produce more data. The body parts
 * are referenced by the iovecs (never copied) and must live until the
 * request is finished, which happens after the last byte is written or the
 * connection is gone. Compressed bodies are built in the request's arena.
 * Content-Length is always set, so h2o never falls back to chunked. */
#include "http/httpInt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "core/buf.h"
#include "core/log.h"

static void gen_proceed(h2o_generator_t *self, h2o_req_t *req)
{
	/* Bodies are sent whole with the final flag: nothing more to give. */
	(void)self;
	(void)req;
}

static h2o_generator_t our_generator = {gen_proceed, NULL};

bool http_generator_is_ours(h2o_generator_t *gen)
{
	return gen == &our_generator;
}

#define PAGE(title)                                                                                                    \
	"<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"                                            \
	"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" title                       \
	"</title></head>\n<body><h1>" title "</h1><p><a href=\"/\">Về trang chủ</a></p></body></html>\n"

static const struct status_text {
	int status;
	const char *reason;
	const char *page; /* NULL: not an error */
} statuses[] = {
	{200, "OK", NULL},
	{201, "Created", NULL},
	{204, "No Content", NULL},
	{301, "Moved Permanently", NULL},
	{302, "Found", NULL},
	{303, "See Other", NULL},
	{304, "Not Modified", NULL},
	{307, "Temporary Redirect", NULL},
	{308, "Permanent Redirect", NULL},
	{400, "Bad Request", PAGE("Yêu cầu không hợp lệ")},
	{401, "Unauthorized", PAGE("Cần đăng nhập")},
	{403, "Forbidden", PAGE("Không có quyền truy cập")},
	{404, "Not Found", PAGE("Không tìm thấy trang")},
	{405, "Method Not Allowed", PAGE("Phương thức không được hỗ trợ")},
	{408, "Request Timeout", PAGE("Hết thời gian chờ yêu cầu")},
	{409, "Conflict", PAGE("Dữ liệu đã bị thay đổi")},
	{410, "Gone", PAGE("Trang đã bị gỡ bỏ")},
	{413, "Payload Too Large", PAGE("Nội dung gửi lên quá lớn")},
	{414, "URI Too Long", PAGE("Địa chỉ quá dài")},
	{415, "Unsupported Media Type", PAGE("Kiểu dữ liệu không được hỗ trợ")},
	{411, "Length Required", PAGE("Thiếu độ dài nội dung gửi lên")},
	{416, "Range Not Satisfiable", PAGE("Phạm vi yêu cầu không hợp lệ")},
	{417, "Expectation Failed", PAGE("Yêu cầu không được hỗ trợ")},
	{422, "Unprocessable Content", PAGE("Dữ liệu gửi lên chưa hợp lệ")},
	{429, "Too Many Requests", PAGE("Quá nhiều yêu cầu, vui lòng thử lại sau")},
	{431, "Request Header Fields Too Large", PAGE("Phần đầu yêu cầu quá lớn")},
	{500, "Internal Server Error", PAGE("Lỗi máy chủ")},
	{502, "Bad Gateway", PAGE("Lỗi cổng kết nối")},
	{501, "Not Implemented", PAGE("Chức năng không được hỗ trợ")},
	{503, "Service Unavailable", PAGE("Dịch vụ tạm thời không sẵn sàng")},
	{504, "Gateway Timeout", PAGE("Hết thời gian chờ cổng kết nối")},
};

static const char generic_page[] = PAGE("Đã xảy ra lỗi");

static const struct status_text *status_find(int status)
{
	for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
		if (statuses[i].status == status)
			return &statuses[i];
	return NULL;
}

const char *http_reason(int status)
{
	const struct status_text *s = status_find(status);

	if (s)
		return s->reason;
	/* statuses loa never sends; a neutral phrase of the right class */
	return status < 300 ? "OK" : status < 400 ? "Redirection" : status < 500 ? "Client Error" : "Server Error";
}

const char *http_error_body(int status, size_t *len)
{
	const struct status_text *s = status_find(status);
	const char *page = s && s->page ? s->page : generic_page;

	*len = strlen(page);
	return page;
}

/* ---- headers ---- */

/* Records a header; with replace, an earlier one of the same name is
 * overwritten (the first) and any others are dropped. */
static void out_header(struct http_req *req, const char *name, size_t name_len, const char *value, size_t value_len,
		       bool replace)
{
	char *n = http_pool_strndup(req, name, name_len);
	char *v = http_pool_strndup(req, value, value_len);

	h2o_strtolower(n, name_len);
	if (replace) {
		bool set = false;
		for (struct http_out_header **pp = &req->out_headers; *pp;) {
			struct http_out_header *o = *pp;
			if (o->name_len == name_len && memcmp(o->name, n, name_len) == 0) {
				if (!set) {
					o->value = v;
					o->value_len = value_len;
					set = true;
				} else {
					*pp = o->next;
					continue;
				}
			}
			pp = &o->next;
		}
		req->out_tail = &req->out_headers;
		while (*req->out_tail)
			req->out_tail = &(*req->out_tail)->next;
		if (set)
			return;
	}
	struct http_out_header *o = http_req_alloc(req, sizeof *o);
	o->next = NULL;
	o->name = n;
	o->name_len = name_len;
	o->value = v;
	o->value_len = value_len;
	*req->out_tail = o;
	req->out_tail = &o->next;
}

void http_add_header_raw(struct http_req *req, const char *name, size_t name_len, const char *value, size_t value_len)
{
	out_header(req, name, name_len, value, value_len, false);
}

static bool header_name_ok(const char *s, size_t n)
{
	static const char tchar[] = "!#$%&'*+-.^_`|~0123456789"
				    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
	return n > 0 && strspn(s, tchar) == n;
}

void http_header(struct http_req *req, const char *name, const char *value)
{
	size_t n = strlen(name), vn = strlen(value);

	/* These are this module's business; a header with a line break would
	 * let the value forge other headers. */
	if (!header_name_ok(name, n) || strpbrk(value, "\r\n") || strcasecmp(name, "content-length") == 0 ||
	    strcasecmp(name, "transfer-encoding") == 0 || strcasecmp(name, "connection") == 0) {
		log_error("bỏ qua phần đầu trả lời không hợp lệ: %s", name);
		return;
	}
	http_add_header_raw(req, name, n, value, vn);
}

static void add_vary(struct http_req *req)
{
	for (const struct http_out_header *o = req->out_headers; o; o = o->next)
		if (o->name_len == 4 && memcmp(o->name, "vary", 4) == 0 &&
		    h2o_contains_token(o->value, o->value_len, H2O_STRLIT("accept-encoding"), ','))
			return;
	out_header(req, H2O_STRLIT("vary"), H2O_STRLIT("Accept-Encoding"), false);
}

/* ---- compression ---- */

static bool type_compressible(const char *type)
{
	if (!type)
		return false;
	if (strncasecmp(type, "text/", 5) == 0)
		return true;
	return strstr(type, "javascript") || strstr(type, "/json") || strstr(type, "+json") || strstr(type, "/xml") ||
	       strstr(type, "+xml");
}

/* gzips the parts into one pool buffer; false if zlib fails. */
static bool gzip_parts(struct http_req *req, const struct http_part *parts, size_t nparts, size_t total,
		       h2o_iovec_t *out)
{
	z_stream z;
	bool ok = false;

	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, HTTP_GZIP_LEVEL, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return false;
	size_t cap = deflateBound(&z, (uLong)total) + 64;
	unsigned char *dst = http_req_alloc(req, cap);
	z.next_out = dst;
	z.avail_out = (uInt)cap;
	for (size_t i = 0; i < nparts; i++) {
		z.next_in = (Bytef *)(uintptr_t)parts[i].base;
		z.avail_in = (uInt)parts[i].len;
		while (z.avail_in > 0)
			if (deflate(&z, Z_NO_FLUSH) != Z_OK || z.avail_out == 0)
				goto done;
	}
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		goto done;
	*out = h2o_iovec_init(dst, z.total_out);
	ok = true;
done:
	deflateEnd(&z);
	return ok;
}

/* Inflates a gzip stream (possibly several members) for a client that did
 * not ask for gzip. The result is freed when the request completes. */
static bool gunzip_parts(struct http_req *req, const struct http_part *parts, size_t nparts, h2o_iovec_t *out)
{
	struct buf b = BUF_INIT;
	z_stream z;
	int rc = Z_OK;
	bool ok = false;

	memset(&z, 0, sizeof z);
	if (inflateInit2(&z, 15 + 16) != Z_OK)
		return false;
	for (size_t i = 0; i < nparts; i++) {
		z.next_in = (Bytef *)(uintptr_t)parts[i].base;
		z.avail_in = (uInt)parts[i].len;
		while (z.avail_in > 0) {
			if (rc == Z_STREAM_END) {
				inflateReset(&z);
				rc = Z_OK;
			}
			buf_grow(&b, 16384);
			z.next_out = (Bytef *)b.data + b.len;
			z.avail_out = (uInt)(b.cap - b.len - 1);
			size_t before = z.avail_out;
			rc = inflate(&z, Z_NO_FLUSH);
			b.len += before - z.avail_out; /* written in place after buf_grow */
			b.data[b.len] = '\0';
			if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
				goto done;
		}
	}
	if (rc != Z_STREAM_END)
		goto done;
	size_t len;
	char *data = buf_detach(&b, &len);
	http_req_defer(req, free, data);
	*out = h2o_iovec_init(data, len);
	ok = true;
done:
	inflateEnd(&z);
	buf_reset(&b);
	return ok;
}

/* ---- responses ---- */

static bool status_has_body(int status)
{
	return !(status == 204 || status == 304 || (status >= 100 && status < 200));
}

void http_send_parts(struct http_req *req, int status, const char *content_type, const struct http_part *parts,
		     size_t nparts, unsigned flags)
{
	size_t total = 0, nvec = 0;
	h2o_iovec_t *vec = NULL, one;
	bool gz = false;

	if (req->responded) {
		log_error("bỏ qua lần trả lời thứ hai cho %s", http_req_raw_path(req));
		return;
	}
	req->responded = true;
	for (size_t i = 0; i < nparts; i++)
		total += parts[i].len;

	if (flags & HTTP_GZIPPED) {
		add_vary(req);
		if (http_req_accepts_gzip(req)) {
			gz = true;
		} else if (gunzip_parts(req, parts, nparts, &one)) {
			vec = &one;
			nvec = 1;
			total = one.len;
		} else {
			log_error("nội dung nén gzip hỏng cho %s", http_req_raw_path(req));
			req->responded = false;
			http_send_error_page(req, 500);
			return;
		}
	} else if ((flags & HTTP_COMPRESS) && type_compressible(content_type)) {
		add_vary(req);
		if (total >= HTTP_GZIP_MIN && http_req_accepts_gzip(req) && gzip_parts(req, parts, nparts, total, &one) &&
		    one.len < total) {
			gz = true;
			vec = &one;
			nvec = 1;
			total = one.len;
		}
	}
	if (!vec && nparts > 0) {
		vec = http_req_alloc(req, nparts * sizeof *vec);
		for (size_t i = 0; i < nparts; i++)
			if (parts[i].len)
				vec[nvec++] = h2o_iovec_init(parts[i].base, parts[i].len);
	}
	req->res_gzip = gz;
	req->res_type = content_type ? http_pool_strndup(req, content_type, strlen(content_type)) : NULL;
	req->res_status = status;
	req->res_vec = vec;
	req->res_nvec = nvec;
	req->res_len = total;
	if (!req->detached)
		http_response_commit(req);
}

void http_response_commit(struct http_req *req)
{
	h2o_req_t *h = req->h;
	int status = req->res_status;

	for (const struct http_out_header *o = req->out_headers; o; o = o->next)
		h2o_add_header_by_str(&h->pool, &h->res.headers, o->name, o->name_len, 1, NULL, o->value, o->value_len);
	if (req->res_gzip)
		h2o_set_header(&h->pool, &h->res.headers, H2O_TOKEN_CONTENT_ENCODING, H2O_STRLIT("gzip"), 1);
	if (req->res_type)
		h2o_set_header(&h->pool, &h->res.headers, H2O_TOKEN_CONTENT_TYPE, req->res_type, strlen(req->res_type), 1);
	h->res.status = status;
	h->res.reason = http_reason(status);
	h->res.content_length = status_has_body(status) ? req->res_len : SIZE_MAX;

	h2o_start_response(h, &our_generator);
	if (http_req_is_head(req) || !status_has_body(status))
		h2o_send(h, NULL, 0, H2O_SEND_STATE_FINAL);
	else
		h2o_send(h, req->res_vec, req->res_nvec, H2O_SEND_STATE_FINAL);
}

void http_send(struct http_req *req, int status, const char *content_type, const void *body, size_t len,
	       unsigned flags)
{
	struct http_part part = {NULL, len};

	if (len) {
		void *copy = http_req_alloc(req, len);
		memcpy(copy, body, len);
		part.base = copy;
	}
	http_send_parts(req, status, content_type, &part, len ? 1 : 0, flags);
}

void http_send_error_page(struct http_req *req, int status)
{
	size_t len;
	struct http_part part;

	part.base = http_error_body(status, &len);
	part.len = len;
	http_send_parts(req, status, "text/html; charset=utf-8", &part, 1, 0);
}

/* ---- redirects ---- */

/* A local absolute path: a scheme and host are dropped, "//" and "/\"
 * (other hosts to a browser) become "/", unsafe bytes are %-encoded. */
static char *safe_location(struct http_req *req, const char *loc)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf b = BUF_INIT;

	if (!loc)
		loc = "/";
	if (strncasecmp(loc, "http://", 7) == 0 || strncasecmp(loc, "https://", 8) == 0) {
		const char *p = strchr(loc, ':') + 3;
		loc = p + strcspn(p, "/?#");
		if (*loc != '/')
			loc = "/";
	}
	if (loc[0] != '/' || loc[1] == '/' || loc[1] == '\\')
		loc = "/";
	for (const unsigned char *p = (const unsigned char *)loc; *p; p++) {
		if (*p <= 0x20 || *p >= 0x7f || strchr("\"<>\\^`{|}", *p)) {
			buf_addch(&b, '%');
			buf_addch(&b, hex[*p >> 4]);
			buf_addch(&b, hex[*p & 15]);
		} else {
			buf_addch(&b, (char)*p);
		}
	}
	char *out = http_pool_strndup(req, b.data, b.len);
	buf_reset(&b);
	return out;
}

void http_redirect(struct http_req *req, int status, const char *location)
{
	struct buf body = BUF_INIT;
	const char *loc = safe_location(req, location);

	if (status < 300 || status > 399 || status == 304)
		status = 302;
	http_add_header_raw(req, H2O_STRLIT("location"), loc, strlen(loc));
	buf_adds(&body, "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Đã chuyển trang</title>"
			"</head>\n<body><p>Trang đã được chuyển tới <a href=\"");
	for (const char *p = loc; *p; p++) {
		if (*p == '&')
			buf_adds(&body, "&amp;");
		else if (*p == '\'')
			buf_adds(&body, "&#39;");
		else
			buf_addch(&body, *p);
	}
	buf_adds(&body, "\">địa chỉ mới</a>.</p></body></html>\n");
	http_send(req, status, "text/html; charset=utf-8", body.data, body.len, 0);
	buf_reset(&body);
}

/* ---- conditional requests ---- */

/* Weak comparison of an If-None-Match list against one entity tag. */
static bool etag_listed(const char *list, const char *etag)
{
	if (etag[0] == 'W' && etag[1] == '/')
		etag += 2;
	size_t elen = strlen(etag);
	const char *p = list;

	while (*p) {
		p += strspn(p, " \t,");
		if (!*p)
			break;
		if (*p == '*')
			return true;
		if (p[0] == 'W' && p[1] == '/')
			p += 2;
		const char *start = p, *end;
		if (*p == '"') {
			end = strchr(p + 1, '"');
			end = end ? end + 1 : p + strlen(p);
		} else {
			end = p + strcspn(p, ",");
			while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
				end--;
		}
		if ((size_t)(end - start) == elen && memcmp(start, etag, elen) == 0)
			return true;
		p = end;
		p += strcspn(p, ",");
	}
	return false;
}

bool http_not_modified(struct http_req *req, const char *etag)
{
	const char *inm = http_req_header(req, "if-none-match");
	size_t n = strlen(etag);

	out_header(req, H2O_STRLIT("etag"), etag, n, true);
	if (inm && etag_listed(inm, etag)) {
		http_send_parts(req, 304, NULL, NULL, 0, 0);
		return true;
	}
	return false;
}
