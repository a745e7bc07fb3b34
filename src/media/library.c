/* library.c — see library.h. */
#include "media/library.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/status.h"
#include "media/media.h"
#include "store/store.h"
#include "store/store_newsroom.h"

bool media_library_img(void *ctx, const char *src, struct sanitize_img *out)
{
	struct media_library *lib = ctx;
	struct media m;
	if (strncmp(src, "/media/", 7) != 0 ||
	    store_media_by_path(lib->store, lib->site_id, src, lib->a, &m) != LOA_OK)
		return false;
	out->srcset = m.srcset ? m.srcset : "";
	out->width = m.width;
	out->height = m.height;
	return true;
}

const char *media_library_thumb(struct arena *a, const char *srcset, const char *fallback)
{
	if (!srcset || !*srcset)
		return fallback;
	size_t n = strcspn(srcset, " ,");
	return n ? arena_strndup(a, srcset, n) : fallback;
}

/* media_dir + the part of a "/media/..." URL after "/media", or NULL for
 * anything else (another folder, "..", a query). */
static const char *file_of(struct arena *a, const char *media_dir, const char *url, size_t len)
{
	if (len <= 7 || strncmp(url, "/media/", 7) != 0)
		return NULL;
	for (size_t i = 0; i < len; i++)
		if (url[i] == '?' || url[i] == '\\' || (unsigned char)url[i] < 0x20 || (i + 1 < len && url[i] == '.' && url[i + 1] == '.'))
			return NULL;
	return arena_printf(a, "%s/%.*s", media_dir, (int)(len - 7), url + 7);
}

static void remove_file(const char *path, int *left)
{
	if (path && unlink(path) != 0 && errno != ENOENT)
		(*left)++;
}

int media_library_delete(struct store *st, int64_t site_id, const char *media_dir, int64_t id, struct arena *a,
			 struct media_use **uses, size_t *nuses, int *files_left)
{
	struct media m;
	*uses = NULL;
	*nuses = 0;
	*files_left = 0;
	int rc = store_media_get(st, site_id, id, a, &m);
	if (rc != LOA_OK)
		return rc;
	const char *dot = strrchr(m.path, '.'), *slash = strrchr(m.path, '/');
	const char *stem = dot && dot > slash ? arena_strndup(a, m.path, (size_t)(dot - m.path)) : m.path;
	rc = store_media_uses(st, site_id, m.path, stem, a, uses, nuses);
	if (rc != LOA_OK)
		return rc;
	if (*nuses)
		return LOA_CONFLICT;
	rc = store_media_delete(st, site_id, id);
	if (rc != LOA_OK)
		return rc;
	remove_file(file_of(a, media_dir, m.path, strlen(m.path)), files_left);
	/* srcset: "URL 480w, URL 960w" */
	for (const char *p = m.srcset ? m.srcset : ""; *p;) {
		p += strspn(p, " ,");
		size_t n = strcspn(p, " ,");
		if (n && !(strlen(m.path) == n && strncmp(p, m.path, n) == 0))
			remove_file(file_of(a, media_dir, p, n), files_left);
		p += n;
		p += strcspn(p, ",");
	}
	return LOA_OK;
}

/* mkdir -p: every missing folder of dir, 0755. */
static int mkdir_p(const char *dir)
{
	struct buf b = BUF_INIT;
	buf_adds(&b, dir);
	int rc = 0;
	for (char *p = b.data + 1; *p && rc == 0; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(b.data, 0755) != 0 && errno != EEXIST)
			rc = -1;
		*p = '/';
	}
	if (rc == 0 && mkdir(b.data, 0755) != 0 && errno != EEXIST)
		rc = -1;
	buf_reset(&b);
	return rc;
}

int media_library_add(struct store *st, int64_t site_id, const char *media_dir, const char *sub, const char *base,
		      const void *data, size_t len, const char *alt, const char *caption, int64_t now,
		      struct arena *a, struct media *out, char **err)
{
	struct media_info info = {0};
	struct buf srcset = BUF_INIT;
	const char *dir = arena_printf(a, "%s/%s", media_dir, sub);
	int rc;
	*err = NULL;
	if (mkdir_p(dir) != 0) {
		*err = strdup("Không tạo được thư mục lưu ảnh trên máy chủ.");
		return LOA_ERROR;
	}
	rc = media_process(data, len, dir, base, NULL, &info, err);
	if (rc != LOA_OK) {
		if (!*err)
			*err = strdup("Không xử lý được ảnh.");
		return rc == LOA_INVALID ? LOA_INVALID : LOA_ERROR;
	}
	media_srcset(&info, arena_printf(a, "/media/%s/", sub), &srcset);
	*out = (struct media){
		.site_id = site_id,
		.path = arena_printf(a, "/media/%s/%s", sub, info.variants[0].file),
		.mime = info.variants[0].mime,
		.width = info.variants[0].width,
		.height = info.variants[0].height,
		.alt = alt ? alt : "",
		.caption = caption ? caption : "",
		.srcset = arena_strndup(a, srcset.data, srcset.len),
		.created_at = now,
	};
	buf_reset(&srcset);
	media_info_reset(&info);
	if (store_media_add(st, out, &out->id) != LOA_OK) {
		*err = strdup("Không lưu được thông tin ảnh.");
		return LOA_ERROR;
	}
	return LOA_OK;
}
