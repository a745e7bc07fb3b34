/* library.c — see library.h. */
#include "media/library.h"

#include <string.h>

#include "core/status.h"
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
