/* files.c — file types by content, and atomic durable writes (files.h).
 *
 * Containers are looked into just enough to tell their kind: a ZIP's
 * central directory names word/document.xml (DOCX) or xl/workbook.xml
 * (XLSX), an OpenDocument ZIP starts with its uncompressed "mimetype"
 * entry, and an OLE compound file (DOC, XLS) names its WordDocument or
 * Workbook stream in its first directory sector. Every offset read from
 * the file is checked against the buffer first. */
#include "files/files.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/status.h"

static const struct file_type t_pdf = {"application/pdf", "pdf", "PDF"};
static const struct file_type t_doc = {"application/msword", "doc", "Word"};
static const struct file_type t_docx = {
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", "Word"};
static const struct file_type t_odt = {"application/vnd.oasis.opendocument.text", "odt", "OpenDocument"};
static const struct file_type t_xls = {"application/vnd.ms-excel", "xls", "Excel"};
static const struct file_type t_xlsx = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
					"xlsx", "Excel"};
static const struct file_type t_jpeg = {"image/jpeg", "jpg", "Ảnh JPEG"};
static const struct file_type t_png = {"image/png", "png", "Ảnh PNG"};

static uint32_t le16(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t le32(const unsigned char *p)
{
	return le16(p) | le16(p + 2) << 16;
}

/* The kind a ZIP's central directory names, or NULL. */
static const struct file_type *zip_kind(const unsigned char *d, size_t n)
{
	static const char odt_mime[] = "application/vnd.oasis.opendocument.text";
	/* OpenDocument: first local entry "mimetype", stored, holding the type */
	if (n >= 30 && le16(d + 26) == 8 && n >= 38 && memcmp(d + 30, "mimetype", 8) == 0) {
		size_t at = 30 + 8 + le16(d + 28);
		if (at + sizeof odt_mime - 1 <= n && memcmp(d + at, odt_mime, sizeof odt_mime - 1) == 0)
			return &t_odt;
	}
	/* End of central directory: 22 bytes plus a comment of up to 65535 */
	if (n < 22)
		return NULL;
	size_t lo = n > 22 + 65535 ? n - 22 - 65535 : 0;
	for (size_t e = n - 22 + 1; e-- > lo;) {
		if (memcmp(d + e, "PK\5\6", 4) != 0)
			continue;
		size_t count = le16(d + e + 10), off = le32(d + e + 16);
		for (size_t i = 0; i < count && off + 46 <= e; i++) {
			if (memcmp(d + off, "PK\1\2", 4) != 0)
				return NULL;
			size_t nl = le16(d + off + 28), xl = le16(d + off + 30), cl = le16(d + off + 32);
			const char *name = (const char *)d + off + 46;
			if (off + 46 + nl > e)
				return NULL;
			if (nl == 17 && memcmp(name, "word/document.xml", 17) == 0)
				return &t_docx;
			if (nl == 15 && memcmp(name, "xl/workbook.xml", 15) == 0)
				return &t_xlsx;
			off += 46 + nl + xl + cl;
		}
		return NULL;
	}
	return NULL;
}

/* True when the 64-byte UTF-16LE directory name field holds `ascii`. */
static int cfb_name_is(const unsigned char *ent, const char *ascii)
{
	size_t k = strlen(ascii), bytes = le16(ent + 64);
	if (bytes != 2 * (k + 1) || bytes > 64)
		return 0;
	for (size_t i = 0; i < k; i++)
		if (ent[2 * i] != (unsigned char)ascii[i] || ent[2 * i + 1] != 0)
			return 0;
	return 1;
}

/* DOC or XLS by the streams of the compound file's first directory sector. */
static const struct file_type *cfb_kind(const unsigned char *d, size_t n)
{
	if (n < 512)
		return NULL;
	uint32_t shift = le16(d + 30);
	if (shift != 9 && shift != 12)
		return NULL;
	uint64_t sector = (uint64_t)1 << shift, dir = ((uint64_t)le32(d + 48) + 1) << shift;
	if (dir >= n)
		return NULL;
	uint64_t end = dir + sector < n ? dir + sector : n;
	for (uint64_t e = dir; e + 128 <= end; e += 128) {
		if (cfb_name_is(d + e, "WordDocument"))
			return &t_doc;
		if (cfb_name_is(d + e, "Workbook") || cfb_name_is(d + e, "Book"))
			return &t_xls;
	}
	return NULL;
}

const struct file_type *files_type_by_ext(const char *ext)
{
	static const struct file_type *const all[] = {&t_pdf, &t_doc, &t_docx, &t_odt, &t_xls, &t_xlsx, &t_jpeg, &t_png};
	for (size_t i = 0; ext && i < sizeof all / sizeof all[0]; i++)
		if (strcmp(all[i]->ext, ext) == 0)
			return all[i];
	return NULL;
}

const struct file_type *files_sniff(const void *data, size_t n)
{
	const unsigned char *d = data;
	if (!d)
		return NULL;
	if (n >= 5 && memcmp(d, "%PDF-", 5) == 0)
		return &t_pdf;
	if (n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
		return &t_jpeg;
	if (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
		return &t_png;
	if (n >= 4 && memcmp(d, "PK\3\4", 4) == 0)
		return zip_kind(d, n);
	if (n >= 8 && memcmp(d, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		return cfb_kind(d, n);
	return NULL;
}

static int write_all(int fd, const char *p, size_t left)
{
	while (left) {
		ssize_t w = write(fd, p, left);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return LOA_ERROR;
		p += w;
		left -= (size_t)w;
	}
	return LOA_OK;
}

int files_write_atomic(const char *dir, const char *name, const void *data, size_t len)
{
	if (!name || !*name || strchr(name, '/') || strcmp(name, ".") == 0 || strcmp(name, "..") == 0 ||
	    name[0] == '.')
		return LOA_INVALID;
	if (mkdir(dir, 0750) != 0 && errno != EEXIST)
		return LOA_ERROR;
	struct buf tmp = BUF_INIT, path = BUF_INIT;
	int rc = LOA_ERROR, fd = -1, dfd = -1;
	buf_addf(&tmp, "%s/.tmp-%s-%ld", dir, name, (long)getpid());
	buf_addf(&path, "%s/%s", dir, name);
	fd = open(tmp.data, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
	if (fd < 0)
		goto out;
	if (write_all(fd, data, len) != LOA_OK || fsync(fd) != 0)
		goto out;
	if (close(fd) != 0) {
		fd = -1;
		goto out;
	}
	fd = -1;
	if (rename(tmp.data, path.data) != 0)
		goto out;
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0 || fsync(dfd) != 0)
		goto out;
	rc = LOA_OK;
out:
	if (fd >= 0)
		close(fd);
	if (dfd >= 0)
		close(dfd);
	if (rc != LOA_OK)
		unlink(tmp.data); /* after a rename this is already gone */
	buf_reset(&tmp);
	buf_reset(&path);
	return rc;
}
