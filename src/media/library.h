/* library.h — the site's media library: adding an image to it the one
 * way every upload goes (the newsroom's form, an import), and the library
 * as stored bodies see it: lets the sanitizer give an <img> of the library
 * its WebP sizes, width and height (render/sanitize.h: sanitize_body),
 * whoever wrote the body — the editor, an import, an old article saved
 * again. */
#ifndef LOA_MEDIA_LIBRARY_H
#define LOA_MEDIA_LIBRARY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "render/sanitize.h"

struct media;
struct store;

struct media_library {
	struct store *store;
	int64_t site_id;
	struct arena *a;     /* holds what the lookups return */
};

/* A sanitize_img_fn over struct media_library (ctx): images whose src is
 * the URL path of one of the site's library images. */
bool media_library_img(void *ctx, const char *src, struct sanitize_img *out);

/* Adds an image to the site's library: checks and processes data[0..len)
 * (media_process: by content, metadata stripped, WebP sizes) into
 * media_dir/sub/ (made when missing; sub is a relative folder such as
 * "2026/12") under the base name `base`, then stores its row with alt,
 * caption and created_at now. *out gets the row (strings in a, out->id
 * set). LOA_INVALID when the image is refused, LOA_ERROR when a folder,
 * a file or the row cannot be written; either way *err is a Vietnamese
 * message (malloc'ed, the caller frees it). Files written before a
 * failure to store the row are left (they are named by `base`: a retry
 * writes them again). */
int media_library_add(struct store *st, int64_t site_id, const char *media_dir, const char *sub, const char *base,
		      const void *data, size_t len, const char *alt, const char *caption, int64_t now,
		      struct arena *a, struct media *out, char **err);

struct media_use;
/* Deletes image `id` of the site's library unless it is in use: LOA_CONFLICT
 * with *uses (in a) naming every use (store_media_uses) and nothing
 * changed; LOA_NOTFOUND when there is no such image. Otherwise the row goes
 * first, then its files under media_dir (the original and every WebP size
 * of its srcset), so a reader never meets a row whose file is gone; a file
 * that cannot be removed is left (*files_left counts them) and the call
 * still returns LOA_OK. */
int media_library_delete(struct store *st, int64_t site_id, const char *media_dir, int64_t id, struct arena *a,
			 struct media_use **uses, size_t *nuses, int *files_left);

/* The smallest WebP size listed in a library srcset ("URL 480w, ..."), for
 * thumbnails; fallback when the srcset lists none. In a. */
const char *media_library_thumb(struct arena *a, const char *srcset, const char *fallback);

#endif
