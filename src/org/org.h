/* org.h — the rules of "Giới thiệu" above the store (store/store_org.h):
 * what a static page, a unit of the organisation and an official may hold
 * (lengths, slugs, e-mail and phone shapes, sanitized bodies, the English
 * version given whole or not at all), the tree order of units, the
 * directory's search by name typed without diacritics, and the English
 * fallbacks of the /en/ pages.
 *
 * The prepare functions take what a form sent, clean it in place (NFC,
 * trimmed, sanitized) into arena copies, and add one Vietnamese message per
 * rejected field to *errs; they never touch the store. */
#ifndef LOA_ORG_H
#define LOA_ORG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "render/sanitize.h"
#include "search/search.h"
#include "store/store_org.h"

#define ORG_TITLE_MAX 300        /* code points */
#define ORG_BODY_MAX (2u << 20)  /* bytes of a body as sent */
#define ORG_SLUG_MAX 80
#define ORG_NAME_MAX 200
#define ORG_ADDRESS_MAX 300
#define ORG_PHONE_MAX 60
#define ORG_EMAIL_MAX 200
#define ORG_FUNCTIONS_MAX 8000
#define ORG_POSITION_MAX 100000
#define ORG_MAX_ERRORS 16
#define ORG_QUERY_MAX 200        /* bytes of a directory search */

/* One rejected field: `field` is the form's key for the message (the
 * templates show errors.<field> beside it). */
struct org_errors {
	struct {
		const char *field, *message;
	} e[ORG_MAX_ERRORS];
	int n;
};
/* Adds a message for field (kept: the first message of each field, and at
 * most ORG_MAX_ERRORS). */
void org_error_add(struct org_errors *errs, const char *field, const char *message);
/* The message for field, or NULL. */
const char *org_error_of(const struct org_errors *errs, const char *field);

/* Cleans a page: titles NFC and bounded; title required; bodies through
 * sanitize_body (img/img_ctx as it takes them); the English version is
 * both title_en and body_en or neither; the slug, when empty, made from
 * the title, else only [a-z0-9-], and never one of the fixed English
 * addresses (org_slug_reserved). */
void org_page_prepare(struct arena *a, struct org_page *p, sanitize_img_fn img, void *img_ctx,
		      struct org_errors *errs);
/* True when the slug is taken by a fixed page under /en/ or /gioi-thieu/. */
bool org_slug_reserved(const char *slug);
/* True when the page has an English version (title_en and body_en). */
bool org_page_has_en(const struct org_page *p);

/* Cleans a unit: name required; lengths; phone and e-mail shapes. The
 * parent is checked by org_unit_parent_ok. */
void org_unit_prepare(struct arena *a, struct org_unit *u, struct org_errors *errs);
/* True when parent_id (0 = top level) can be the parent of unit `id`
 * (0 = a new unit) among the site's units: a unit of the list, not the
 * unit itself nor one of its descendants. */
bool org_unit_parent_ok(const struct org_unit *units, size_t n, int64_t id, int64_t parent_id);
/* Cleans an official: name required; lengths; phone and e-mail shapes.
 * The unit and the photo path are the caller's to check. */
void org_official_prepare(struct arena *a, struct org_official *o, struct org_errors *errs);

/* A plausible e-mail address: ASCII, one '@', a dot in the domain, no
 * spaces or quotes. "" is fine (optional). */
bool org_email_ok(const char *s);
/* A phone field: digits with spaces, + . - ( ) / , ; and at least three
 * digits. "" is fine (optional). */
bool org_phone_ok(const char *s);

/* Tree order of units given in sibling order (as the store lists them):
 * each unit followed by its sub-units, depth-first. order[i] is the index
 * in `units` of the i-th unit, depth[i] its depth (0 top level). A unit
 * whose parent is not in the list is a top-level one; every unit appears
 * once even if parents form a cycle. Both arrays hold n entries. */
void org_tree_order(const struct org_unit *units, size_t n, size_t *order, int *depth);

/* The directory's search: true when every positive syllable of q appears
 * among the syllables of the official's name, title and unit name — folded
 * (so "nguyen duc khai" finds "Nguyễn Đức Khải"), with the tone too when
 * the user typed one, the last one also as a prefix ("khai" ... "kh").
 * A query without keywords matches everything. */
bool org_official_matches(const struct org_official *o, const struct search_query *q);

/* The English text when there is one, else the Vietnamese (units and
 * officials without an English name or title on the /en/ pages). */
const char *org_en(const char *en, const char *vi);

#endif
