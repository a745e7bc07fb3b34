/* sanitize.h — allowlist HTML sanitizer built on a real HTML5 parser
 * (gumbo). Every piece of HTML that is stored as an article body passes
 * through sanitize_html first.
 *
 * Kept: p br hr h2 h3 h4 h5 h6 strong b em i u s sub sup blockquote q cite
 * ul ol li a img figure figcaption table thead tbody tfoot tr th td caption
 * span div pre code. h1 becomes h2 (the page title is the only h1).
 * Attributes kept: a[href title] (href schemes http, https, mailto, tel, or
 * relative; rel="noopener" is added to absolute links), img[src alt title
 * width height] (src http, https or relative; no data:), th/td[colspan
 * rowspan], ol[start], img[srcset] (each candidate's URL checked like src;
 * a fixed sizes is added). Every img gets loading="lazy". Everything else is dropped: script/style/iframe/object
 * and their content entirely, other unknown tags unwrapped (children kept),
 * all event handlers and style attributes, comments.
 * The output is well-formed, NFC-normalized UTF-8 HTML. */
#ifndef LOA_SANITIZE_H
#define LOA_SANITIZE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"

#define SANITIZE_MAX_TAGS 30000

/* Appends the sanitized form of html[0..n). Returns LOA_OK, or LOA_INVALID
 * (nothing appended) when the input is not valid UTF-8 or has more than
 * SANITIZE_MAX_TAGS tags (the parser is quadratic in nesting depth). */
int sanitize_html(struct buf *out, const char *html, size_t n);
/* What the caller knows of an image of its own media library: its WebP
 * sizes ("URL 480w, URL 960w") and its size in pixels. */
struct sanitize_img {
	const char *srcset;     /* "" when none */
	int width, height;      /* 0 when unknown */
};
/* Looks up src (as written in the body, already checked as a URL);
 * false when it is not an image the caller knows. */
typedef bool (*sanitize_img_fn)(void *ctx, const char *src, struct sanitize_img *out);

/* The same for a whole stored body (articles, pages, documents): text and
 * inline elements at the top level are wrapped in <p>, so a first
 * paragraph typed into an empty editor, or an imported body of bare
 * text, stays a paragraph of its own. When img is non-NULL, every <img>
 * it knows gets the library's srcset, width and height where the body
 * lacks them, so readers load the size that fits their screen. Use this
 * for every stored rich text. */
int sanitize_body(struct buf *out, const char *html, size_t n, sanitize_img_fn img, void *img_ctx);
/* True when a stored body opens with text or an inline element outside any
 * block, as bodies saved before sanitize_body wrapped them do: pages show
 * such a body through sanitize_body again (see page_body). A cheap look at
 * the first tag, no parse. */
bool sanitize_body_bare_top(const char *html, size_t n);
/* True when a stored body (sanitizer output) has an <img> without srcset,
 * as bodies saved before library images got their sizes do: pages show
 * such a body through sanitize_body with the library's lookup again. A
 * scan of the text, no parse. */
bool sanitize_body_unsized_img(const char *html, size_t n);
/* Plain text of an HTML fragment (tags removed, entities decoded,
 * whitespace collapsed), at most max bytes cut at a character boundary. */
void sanitize_text(struct buf *out, const char *html, size_t n, size_t max);

#endif
