/* wp_body.h — a WordPress post's body (content:encoded) turned into the
 * HTML loa stores, before loa's allowlist sanitizer (render/sanitize.h)
 * has the last word as for every stored body:
 *
 *   - Gutenberg block comments (<!-- wp:paragraph -->, <!-- /wp:... -->)
 *     go, their content stays;
 *   - [caption id=.. align=.. width=..]<img ..> text[/caption] (the image
 *     possibly inside a link) becomes <figure><img ..><figcaption>text
 *     </figcaption></figure>, loa's captioned image; a block image
 *     <figure class="wp-block-image"><img><figcaption> already is one
 *     (the sanitizer drops its classes);
 *   - other shortcodes ([gallery ids=".."], [embed]..[/embed], ...) are
 *     removed, what they enclose kept, and counted; text in brackets that
 *     does not look like a shortcode ("[Xem thêm]") stays;
 *   - a classic-editor body (no block markup) gets WordPress's wpautop
 *     treatment: a blank line separates paragraphs (<p>), a single
 *     newline inside one is a <br>; blocks already in HTML are left;
 *   - a link to another page of the old site (one of site_prefixes)
 *     becomes a path on this one ("http://xa.example/?p=12" -> "/?p=12"),
 *     which the redirect table then answers; a link to a file under the
 *     uploads that is not an image is left as it is;
 *   - an <img src> (or a link to an image) under one of the old site's
 *     upload prefixes is handed to the caller, who brings the file into
 *     the media library and gives its new address; the old srcset, sizes,
 *     width and height go with the old file (the library gives its own).
 *
 * Pure text work, no parser: the input is bounded (WXR_MAX_BODY), every
 * scan moves forward and looks ahead a bounded distance (a tag 4 KiB, a
 * shortcode's close 64 KiB), so the work is linear in its length. */
#ifndef LOA_WP_BODY_H
#define LOA_WP_BODY_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

struct wp_body_opts {
	/* Where the old site's uploads were: "http://xa.example/wp-content/uploads/",
	 * its https form, "/wp-content/uploads/"... compared case-insensitively. */
	const char *const *prefixes;
	size_t nprefixes;
	/* The new address of the uploaded file `rel` (what follows the prefix,
	 * as written: "2023/05/anh-300x200.jpg"), or NULL to keep the old one
	 * (the caller notes why). May be NULL: addresses are kept. */
	const char *(*image)(void *ctx, const char *rel);
	void *ctx;
	/* The old site's own addresses: "http://xa.example", its https form... */
	const char *const *site_prefixes;
	size_t nsite_prefixes;
};

struct wp_body_stats {
	int64_t blocks;      /* block comments removed */
	int64_t captions;    /* [caption] made figures */
	int64_t shortcodes;  /* other shortcodes removed */
	int64_t images;      /* image addresses the caller gave a new one */
	int64_t links;       /* links to the old site made paths on this one */
};

/* Appends the converted body of in[0..n) to out and adds to *stats (may be
 * NULL). Never fails: malformed markup passes through for the sanitizer. */
void wp_body_convert(struct buf *out, const char *in, size_t n, const struct wp_body_opts *o,
		     struct wp_body_stats *stats);

#endif
