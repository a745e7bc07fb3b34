/* media.h — checks and processes uploaded images for the media library.
 *
 * An upload is accepted only when its content (never its name) is a JPEG,
 * PNG or WebP image, and its size and dimensions are checked from the file
 * header before any pixel is decoded, so a small file that claims a huge
 * image is refused at once. An accepted image is turned upright by its EXIF
 * orientation, converted to sRGB and stripped of all metadata (EXIF with GPS
 * position and camera serial, XMP, IPTC, ICC profile), then written as:
 *
 *   base.EXT       the original format (JPEG quality 82, PNG compression 6),
 *                  its long side capped at MEDIA_FULL_MAX pixels;
 *   base-W.webp    WebP (quality 78) for each W of 480, 960 and 1600 that is
 *                  smaller than the width of base.EXT;
 *   base.webp      WebP of base.EXT's size (for a WebP upload, base.EXT is
 *                  this file).
 *
 * Only the first frame of an animated WebP is kept.
 *
 * Every file is written atomically (temporary name in the same directory,
 * fsync, rename), and either all of them appear or none does.
 *
 * This is the only module that includes libvips. media_init() must be
 * called once per process before media_process(), media_shutdown() once at
 * exit; media_process() may then be called from several threads. */
#ifndef LOA_MEDIA_H
#define LOA_MEDIA_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

#define MEDIA_DEFAULT_MAX_BYTES ((size_t)15 * 1024 * 1024)
#define MEDIA_DEFAULT_MAX_SIDE 8000
#define MEDIA_DEFAULT_MAX_PIXELS ((int64_t)40 * 1000 * 1000)
/* Long side of the full-size outputs. */
#define MEDIA_FULL_MAX 2560
/* base.EXT, three widths, base.webp. */
#define MEDIA_MAX_VARIANTS 5
/* Longest base_name accepted by media_process(). */
#define MEDIA_BASE_NAME_MAX 120

/* Limits checked before decoding. A zero field means its default above. */
struct media_limits {
	size_t max_bytes;   /* size of the uploaded file */
	int max_width;      /* of the upright image */
	int max_height;
	int64_t max_pixels; /* width × height */
};

struct media_variant {
	char *file;       /* file name inside out_dir, e.g. "anh-960.webp"; heap */
	const char *mime; /* static: "image/jpeg", "image/png" or "image/webp" */
	int width, height;
	size_t bytes;     /* size of the written file */
};

struct media_info {
	const char *mime; /* of the upload (static string) */
	int width, height; /* of the upload, upright (after EXIF orientation) */
	/* variants[0] is base.EXT (the fallback for <img src>); the other WebP
	 * files follow in increasing width, base.webp last. */
	size_t nvariants;
	struct media_variant variants[MEDIA_MAX_VARIANTS];
};

/* Starts libvips with one worker thread and no operation cache, and blocks
 * its loaders for untrusted formats. LOA_OK, or LOA_ERROR with *err
 * (malloc'ed) set. Calling it again after success does nothing. */
int media_init(char **err);
/* Releases libvips. After it, media_init() must not be called again. */
void media_shutdown(void);

/* Checks the uploaded bytes data[0..len) and writes the files described
 * above into the existing directory out_dir, named from base_name (1 to
 * MEDIA_BASE_NAME_MAX characters of A-Z a-z 0-9 . _ -, not starting with a
 * dot). Files of the same names are replaced. lim may be NULL (defaults).
 *
 * Returns LOA_OK and fills *out (release it with media_info_reset()).
 * Otherwise *out is left empty, no file is left in out_dir, and *err is set
 * to a Vietnamese message for the person who uploaded (malloc'ed; the
 * caller frees it), with:
 *   LOA_INVALID  the upload was refused: not a JPEG, PNG or WebP, over a
 *                limit, damaged or truncated; or base_name is not valid;
 *   LOA_ERROR    the files could not be encoded or written (disk full,
 *                permissions). */
int media_process(const void *data, size_t len, const char *out_dir, const char *base_name,
		  const struct media_limits *lim, struct media_info *out, char **err);

/* Frees the file names and leaves *info empty. Safe on an empty info. */
void media_info_reset(struct media_info *info);

/* Appends to out an <img srcset> / <source type="image/webp"> value listing
 * the WebP variants by width: "P-480.webp 480w, P-960.webp 960w, ..." where
 * each URL is url_prefix followed by the variant's file name (so url_prefix
 * is usually a directory URL ending in '/'). File names need no escaping;
 * url_prefix is appended as given. Returns the number of entries. */
size_t media_srcset(const struct media_info *info, const char *url_prefix, struct buf *out);

#endif
