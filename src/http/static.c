/* static.c — files under a static prefix, served from a directory.
 *
 * The part of the decoded path after the prefix must be a plain relative
 * name: no empty, "." or ".." segments, no hidden names, no backslashes.
 * Anything else is 404, so no request reaches outside the directory.
 * Sending a file once its path is known is http_send_file (http.h),
 * which other handlers (downloads of stored files) use too. Small files are read into memory (freed when the request completes);
 * big ones are mapped. Text types are gzipped through the normal response
 * path, which keeps Content-Length exact. */
#include "http/httpInt.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define READ_LIMIT (4 * 1024 * 1024) /* above this the file is mapped */

static const struct {
	const char *ext;
	const char *type;
	bool text;
} types[] = {
	{"css", "text/css; charset=utf-8", true},
	{"js", "text/javascript; charset=utf-8", true},
	{"mjs", "text/javascript; charset=utf-8", true},
	{"json", "application/json; charset=utf-8", true},
	{"map", "application/json; charset=utf-8", true},
	{"svg", "image/svg+xml; charset=utf-8", true},
	{"txt", "text/plain; charset=utf-8", true},
	{"xml", "application/xml; charset=utf-8", true},
	{"html", "text/html; charset=utf-8", true},
	{"htm", "text/html; charset=utf-8", true},
	{"csv", "text/csv; charset=utf-8", true},
	{"png", "image/png", false},
	{"jpg", "image/jpeg", false},
	{"jpeg", "image/jpeg", false},
	{"gif", "image/gif", false},
	{"webp", "image/webp", false},
	{"avif", "image/avif", false},
	{"ico", "image/x-icon", false},
	{"woff2", "font/woff2", false},
	{"woff", "font/woff", false},
	{"ttf", "font/ttf", false},
	{"pdf", "application/pdf", false},
	{"mp4", "video/mp4", false},
	{"webm", "video/webm", false},
	{"mp3", "audio/mpeg", false},
	{"doc", "application/msword", false},
	{"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", false},
	{"xls", "application/vnd.ms-excel", false},
	{"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", false},
	{"zip", "application/zip", false},
};

static const char *type_for(const char *name, bool *text)
{
	const char *dot = strrchr(name, '.');
	const char *slash = strrchr(name, '/');

	*text = false;
	if (dot && (!slash || dot > slash))
		for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
			if (strcasecmp(dot + 1, types[i].ext) == 0) {
				*text = types[i].text;
				return types[i].type;
			}
	return "application/octet-stream";
}

static bool rel_ok(const char *rel)
{
	const char *p = rel;

	if (!*p || strchr(p, '\\'))
		return false;
	while (*p) {
		size_t n = strcspn(p, "/");
		if (n == 0 || p[0] == '.')
			return false; /* "", ".", "..", ".hidden" */
		p += n;
		if (*p == '/')
			p++;
		else
			break;
	}
	return rel[strlen(rel) - 1] != '/';
}

struct mapping {
	void *addr;
	size_t len;
};

static void unmap(void *arg)
{
	struct mapping *m = arg;
	munmap(m->addr, m->len);
}

/* Reads or maps the whole file; false on failure. */
static bool load(struct http_req *req, int fd, size_t size, struct http_part *part)
{
	if (size <= READ_LIMIT) {
		char *data = malloc(size);
		size_t got = 0;
		if (!data)
			abort();
		while (got < size) {
			ssize_t r = read(fd, data + got, size - got);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0)
				break;
			got += (size_t)r;
		}
		http_req_defer(req, free, data);
		part->base = data;
		part->len = got; /* a file shrunk meanwhile is sent as it is now */
		return true;
	}
	void *addr = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (addr == MAP_FAILED)
		return false;
	struct mapping *m = http_req_alloc(req, sizeof *m);
	m->addr = addr;
	m->len = size;
	http_req_defer(req, unmap, m);
	part->base = addr;
	part->len = size;
	return true;
}

void http_static_serve(struct http_req *req, const struct http_static_dir *sd, const char *rel)
{
	bool text;

	if (!rel_ok(rel) || (sd->hidden && strncmp(rel, sd->hidden, strlen(sd->hidden)) == 0)) {
		http_send_error_page(req, 404);
		return;
	}
	size_t dlen = strlen(sd->dir), rlen = strlen(rel);
	char *file = http_req_alloc(req, dlen + rlen + 2);
	memcpy(file, sd->dir, dlen);
	file[dlen] = '/';
	memcpy(file + dlen + 1, rel, rlen + 1);
	const char *type = type_for(rel, &text);
	http_send_file(req, file, type, text ? HTTP_COMPRESS : 0,
		       sd->immutable ? "public, max-age=31536000, immutable" : "public, max-age=300");
}

void http_send_file(struct http_req *req, const char *file, const char *type, unsigned flags,
		    const char *cache_control)
{
	struct stat st;
	struct http_part part = {"", 0};
	bool text = flags & HTTP_COMPRESS;
	char etag[64], lastmod[H2O_TIMESTR_RFC1123_LEN + 1];
	struct tm tm;
	int fd;

	fd = open(file, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		http_send_error_page(req, errno == ENOENT || errno == ENOTDIR || errno == EACCES || errno == ELOOP ||
						  errno == ENAMETOOLONG
					      ? 404
					      : 500);
		return;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		http_send_error_page(req, 404);
		goto out;
	}

	snprintf(etag, sizeof etag, "\"%llx-%llx%03lx\"", (unsigned long long)st.st_size,
		 (unsigned long long)st.st_mtim.tv_sec, (unsigned long)(st.st_mtim.tv_nsec / 1000000));
	gmtime_r(&st.st_mtim.tv_sec, &tm);
	h2o_time2str_rfc1123(lastmod, &tm);
	http_header(req, "Cache-Control", cache_control);
	http_header(req, "Last-Modified", lastmod);
	if (http_not_modified(req, etag))
		goto out;
	const char *ims = http_req_header(req, "if-modified-since");
	if (ims && !http_req_header(req, "if-none-match")) {
		struct tm itm;
		memset(&itm, 0, sizeof itm);
		if (h2o_time_parse_rfc1123(ims, strlen(ims), &itm) == 0 && st.st_mtim.tv_sec <= timegm(&itm)) {
			http_send_parts(req, 304, NULL, NULL, 0, 0);
			goto out;
		}
	}
	if (st.st_size > 0 && !http_req_is_head(req) && !load(req, fd, (size_t)st.st_size, &part)) {
		http_send_error_page(req, 500);
		goto out;
	}
	if (http_req_is_head(req))
		part.len = (size_t)st.st_size; /* nothing is read: Content-Length only */
	if (http_req_is_head(req) && text && part.len >= HTTP_GZIP_MIN && http_req_accepts_gzip(req)) {
		/* The compressed length is only known by compressing. */
		if (!load(req, fd, (size_t)st.st_size, &part)) {
			http_send_error_page(req, 500);
			goto out;
		}
	}
	http_send_parts(req, 200, type, &part, 1, text ? HTTP_COMPRESS : 0);
out:
	close(fd);
}
