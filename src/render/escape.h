/* escape.h — output escaping for HTML text and attributes, XML, URLs, JSON. */
#ifndef LOA_ESCAPE_H
#define LOA_ESCAPE_H

#include <stddef.h>

#include "core/buf.h"

/* & < > " ' become entities; safe in text and in quoted attributes. */
void esc_html(struct buf *out, const char *s, size_t n);
/* XML 1.0: as esc_html, and characters not allowed in XML are dropped. */
void esc_xml(struct buf *out, const char *s, size_t n);
/* Percent-encodes everything but unreserved characters (for query values). */
void esc_url_component(struct buf *out, const char *s, size_t n);
/* A CSV field, quoted, quotes doubled; a leading = + - @ gets a ' so a
 * spreadsheet never runs the field as a formula. */
void esc_csv(struct buf *out, const char *s);
/* A JSON string body (without the quotes). */
void esc_json(struct buf *out, const char *s, size_t n);

#endif
