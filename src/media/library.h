/* library.h — the site's media library as stored bodies see it: lets the
 * sanitizer give an <img> of the library its WebP sizes, width and height
 * (render/sanitize.h: sanitize_body), whoever wrote the body — the
 * editor, an import, an old article saved again. */
#ifndef LOA_MEDIA_LIBRARY_H
#define LOA_MEDIA_LIBRARY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "render/sanitize.h"

struct store;

struct media_library {
	struct store *store;
	int64_t site_id;
	struct arena *a;     /* holds what the lookups return */
};

/* A sanitize_img_fn over struct media_library (ctx): images whose src is
 * the URL path of one of the site's library images. */
bool media_library_img(void *ctx, const char *src, struct sanitize_img *out);

/* The smallest WebP size listed in a library srcset ("URL 480w, ..."), for
 * thumbnails; fallback when the srcset lists none. In a. */
const char *media_library_thumb(struct arena *a, const char *srcset, const char *fallback);

#endif
