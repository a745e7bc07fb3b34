/* stored.c — stored files (files.h): an upload checked, written durably
 * under a random name, then recorded (store_files.h); the names and
 * headers a download is offered with.
 *
 * Order matters: the bytes are synced and renamed into place before the
 * row is committed, so a row never names a file that a crash could lose;
 * a row that cannot be added takes its bytes away again. The name on disk
 * is 32 random hex digits and the sniffed extension, so nothing a client
 * sends ever becomes part of a path. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "auth/auth.h"
#include "core/status.h"
#include "core/text.h"
#include "files/files.h"
#include "render/escape.h"

#define NAME_MAX_CHARS 200
#define SLUG_MAX 80

const char *files_dir(struct arena *a, const char *media_dir)
{
	return arena_printf(a, "%s/files", media_dir);
}

/* True when name ends in ".ext", ignoring ASCII case. */
static bool ends_with_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);
	if (n <= e + 1 || name[n - e - 1] != '.')
		return false;
	for (size_t i = 0; i < e; i++) {
		char c = name[n - e + i];
		if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != ext[i])
			return false;
	}
	return true;
}

const char *files_clean_name(struct arena *a, const char *filename, const char *ext)
{
	if (!filename)
		return NULL;
	const char *base = filename;
	for (const char *p = filename; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	char *c = text_clean(a, base, strlen(base));
	if (!c)
		return NULL;
	/* no line breaks, tabs or quotes in a header's name */
	size_t w = 0;
	for (size_t r = 0; c[r]; r++)
		if (c[r] != '\n' && c[r] != '\t' && c[r] != '"')
			c[w++] = c[r];
	c[w] = '\0';
	while (*c == ' ' || *c == '.')
		c++;
	w = strlen(c);
	while (w && c[w - 1] == ' ')
		c[--w] = '\0';
	if (!*c)
		return NULL;
	if (text_length(c, w) > NAME_MAX_CHARS) {
		/* cut at a code point boundary */
		size_t chars = 0, i = 0;
		while (c[i] && chars < NAME_MAX_CHARS) {
			i++;
			while ((c[i] & 0xC0) == 0x80)
				i++;
			chars++;
		}
		c[i] = '\0';
	}
	return ends_with_ext(c, ext) ? c : arena_printf(a, "%s.%s", c, ext);
}

/* The readable name typed, or the file name without its extension. */
static const char *title_of(struct arena *a, const struct files_upload *up, const char *clean, const char *ext,
			    const char **err)
{
	const char *t = up->title ? text_clean(a, up->title, strlen(up->title)) : "";
	if (!t) {
		*err = "Tên hiển thị của tệp có ký tự không hợp lệ. Hãy gõ lại.";
		return NULL;
	}
	while (*t == ' ')
		t++;
	if (!*t && clean) {
		size_t n = strlen(clean) - strlen(ext) - 1;
		t = arena_strndup(a, clean, n);
	}
	if (!*t)
		t = "Tệp đính kèm";
	if (text_length(t, strlen(t)) > FILES_MAX_TITLE) {
		*err = "Tên hiển thị của tệp dài quá 300 ký tự.";
		return NULL;
	}
	return t;
}

int files_save(struct store *st, const char *dir, int64_t site_id, const struct files_upload *up, int64_t now,
	       struct arena *a, struct stored_file *out, const char **err)
{
	const char *shown = up->filename && *up->filename ? up->filename : "tệp";
	if (!text_utf8_valid(shown, strlen(shown)))
		shown = "tệp";
	if (!up->data || up->len == 0) {
		*err = arena_printf(a, "Tệp “%s” trống.", shown);
		return LOA_INVALID;
	}
	if (up->len > FILES_MAX_BYTES) {
		*err = arena_printf(a, "Tệp “%s” lớn quá %u MB.", shown, FILES_MAX_BYTES >> 20);
		return LOA_INVALID;
	}
	const struct file_type *ft = files_sniff(up->data, up->len);
	if (!ft) {
		*err = arena_printf(a, "Tệp “%s” không thuộc loại được nhận. Chỉ nhận tệp " FILES_ACCEPTED_TEXT ".",
				    shown);
		return LOA_INVALID;
	}
	const char *clean = files_clean_name(a, up->filename, ft->ext);
	const char *title = title_of(a, up, clean, ft->ext, err);
	if (!title)
		return LOA_INVALID;
	char rnd[AUTH_RANDOM_HEX_LEN + 1], digest[AUTH_TOKEN_HASH_LEN + 1];
	auth_random_hex(rnd);
	auth_digest_hex(up->data, up->len, digest);
	memset(out, 0, sizeof *out);
	out->site_id = site_id;
	out->stored_name = arena_printf(a, "%s.%s", rnd, ft->ext);
	out->original_name = clean ? clean : arena_printf(a, "%s.%s", title, ft->ext);
	out->title = title;
	out->kind = ft->ext;
	out->size = (int64_t)up->len;
	out->digest = arena_strdup(a, digest);
	out->public = up->public;
	out->created_at = now;
	if (files_write_atomic(dir, out->stored_name, up->data, up->len) != LOA_OK) {
		*err = "Không ghi được tệp lên máy chủ. Vui lòng thử lại.";
		return LOA_ERROR;
	}
	if (store_file_add(st, out, &out->id) != LOA_OK) {
		unlink(arena_printf(a, "%s/%s", dir, out->stored_name));
		*err = "Không lưu được thông tin tệp. Vui lòng thử lại.";
		return LOA_ERROR;
	}
	return LOA_OK;
}

int files_remove(struct store *st, const char *dir, int64_t site_id, int64_t id)
{
	struct arena *a = arena_new();
	struct stored_file f;
	int rc = store_file_get(st, site_id, id, a, &f);
	if (rc == LOA_OK)
		rc = store_file_delete(st, site_id, id);
	if (rc == LOA_OK)
		unlink(arena_printf(a, "%s/%s", dir, f.stored_name));
	arena_free(a);
	return rc;
}

/* The ASCII name: slug of the title and the extension. */
static const char *ascii_name(struct arena *a, const struct stored_file *f)
{
	struct buf b = BUF_INIT;
	text_slug(&b, *f->title ? f->title : "tep", SLUG_MAX);
	buf_addf(&b, ".%s", f->kind);
	const char *s = arena_strndup(a, b.data, b.len);
	buf_reset(&b);
	return s;
}

const char *files_url(struct arena *a, const struct stored_file *f)
{
	return arena_printf(a, "/tep/%lld/%s", (long long)f->id, ascii_name(a, f));
}

void files_disposition(struct buf *out, const struct stored_file *f)
{
	static const char attr[] = "!#$&+-.^_`|~";
	struct arena *a = arena_new();
	const char *orig = *f->original_name ? f->original_name : ascii_name(a, f);
	buf_addf(out, "attachment; filename=\"%s\"; filename*=UTF-8''", ascii_name(a, f));
	for (const unsigned char *p = (const unsigned char *)orig; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr(attr, *p))
			buf_addch(out, (char)*p);
		else
			buf_addf(out, "%%%02X", *p);
	}
	arena_free(a);
}

const char *files_size_text(struct arena *a, int64_t size)
{
	if (size < 1024)
		return arena_printf(a, "%lld byte", (long long)size);
	if (size < 1024 * 1024)
		return arena_printf(a, "%lld KB", (long long)((size + 1023) / 1024));
	int64_t tenths = (size * 10 + 512 * 1024) / (1024 * 1024);
	return tenths % 10 ? arena_printf(a, "%lld,%lld MB", (long long)(tenths / 10), (long long)(tenths % 10))
			   : arena_printf(a, "%lld MB", (long long)(tenths / 10));
}
