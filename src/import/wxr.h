/* wxr.h — a streaming reader of WordPress's export file (WXR 1.0–1.2,
 * Tools → Export): an RSS 2.0 document whose <channel> holds the site's
 * addresses, its authors, categories and tags, then one <item> per post,
 * page, attachment, menu item... with its comments. The only module that
 * includes libxml2 (its xmlTextReader: one node at a time, never the
 * whole tree).
 *
 * Hostile files: the network is never used (XML_PARSE_NONET), no entity
 * is substituted and no DTD loaded; a file with a DOCTYPE (where XXE and
 * "billion laughs" entities live — WordPress never writes one) or any
 * entity reference other than the five predefined ones is refused. Every
 * text is bounded (WXR_MAX_BODY for a body, WXR_MAX_FIELD for the rest)
 * and so are the counts (WXR_MAX_ITEMS, ...): past a bound the file is
 * refused with a message naming it, before the node is read further.
 *
 * The reader hands each record to a callback as soon as it is complete;
 * its strings live until the callback returns. */
#ifndef LOA_WXR_H
#define LOA_WXR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WXR_MAX_BODY (8u << 20)    /* bytes of content:encoded or excerpt:encoded; libxml2
                                    * itself refuses a text node over 10 MB */
#define WXR_MAX_FIELD (64u << 10)  /* bytes of any other text */
#define WXR_MAX_COMMENT (1u << 20) /* bytes of a comment */
#define WXR_MAX_ITEMS 500000
#define WXR_MAX_TERMS 100000       /* categories and tags of the channel */
#define WXR_MAX_ITEM_TERMS 1000    /* categories and tags of one item */
#define WXR_MAX_COMMENTS 20000     /* of one item */

struct wxr_channel {
	const char *title, *link;
	const char *base_site_url, *base_blog_url; /* "" when absent */
	const char *version;                       /* wp:wxr_version, "1.2" */
};

struct wxr_author {
	int64_t id;
	const char *login, *display_name;
};

/* A category (parent is the parent's nicename, "" at the top) or a tag
 * (parent ""). */
struct wxr_term {
	int64_t id;
	const char *slug, *parent, *name;
};

/* One <category domain="category|post_tag" nicename="..">Name</category>
 * of an item. */
struct wxr_item_term {
	const char *domain, *slug, *name;
};

struct wxr_comment {
	int64_t id, parent, user_id;
	const char *author, *date, *date_gmt, *content;
	const char *approved;   /* "1", "0", "spam", "trash" */
	const char *type;       /* "", "comment", "pingback", "trackback" */
};

struct wxr_item {
	int64_t post_id, parent, thumbnail_id; /* thumbnail: postmeta _thumbnail_id, 0 = none */
	int menu_order;
	bool sticky;
	const char *title, *link, *guid, *creator;
	const char *content, *excerpt;         /* content:encoded, excerpt:encoded */
	const char *date, *date_gmt;           /* "2023-05-20 09:00:00" (site time, UTC) */
	const char *name;                      /* wp:post_name, often percent-encoded */
	const char *status, *type;             /* "publish", "post", "page", "attachment", ... */
	const char *attachment_url;
	const char *image_alt;                 /* postmeta _wp_attachment_image_alt */
	struct wxr_item_term *terms;
	size_t nterms;
	struct wxr_comment *comments;
	size_t ncomments;
};

/* What to do with each record: LOA_OK goes on; any other status stops
 * the reading, which returns it. Any callback may be NULL. channel comes
 * once, before the first author, term or item. */
struct wxr_sink {
	void *ctx;
	int (*channel)(void *ctx, const struct wxr_channel *c);
	int (*author)(void *ctx, const struct wxr_author *a);
	int (*category)(void *ctx, const struct wxr_term *t);
	int (*tag)(void *ctx, const struct wxr_term *t);
	int (*item)(void *ctx, const struct wxr_item *it);
};

/* Reads the WXR file at path (or data[0..n)) to its end. LOA_OK; LOA_INVALID
 * with *err (malloc'ed, Vietnamese, with the line) when the file is not a
 * well-formed WXR document, is hostile or passes a bound; LOA_NOTFOUND when
 * it cannot be opened; or a status a callback returned (*err untouched). */
int wxr_read_file(const char *path, const struct wxr_sink *sink, char **err);
int wxr_read_memory(const char *data, size_t n, const struct wxr_sink *sink, char **err);

#endif
