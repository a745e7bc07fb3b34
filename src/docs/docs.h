/* docs.h — "Văn bản", the rules of the register of legal documents above
 * the store (store_docs.h): a number's folded key, what a valid document
 * is (with the Vietnamese messages), its validity on a given day, its
 * slug and URL, and the facets the public list filters by. The public
 * pages (site/docs.c), the newsroom (admin/docs.c) and the import
 * (import/docs.c) all go through it.
 *
 * Validity is never stored: it follows from the dates, the day the caller
 * passes (the server's clock, so `--test-clock` moves it) and the
 * published documents that replace or amend this one. */
#ifndef LOA_DOCS_H
#define LOA_DOCS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "store/store_docs.h"

#define DOCS_MAX_NUMBER 100   /* code points of số, ký hiệu */
#define DOCS_MAX_SUMMARY 2000 /* trích yếu */
#define DOCS_MAX_SIGNER 200
#define DOCS_MAX_TERM 200
#define DOCS_MAX_BODY 500000  /* bytes of full text */
#define DOCS_MAX_LINKS 50
#define DOCS_MAX_FILES 20     /* attached to one document */

/* Appends the folded key of a number or a term name: lower case, no
 * diacritics, đ -> d, every run of characters other than ASCII letters and
 * digits one space, none at either end. "42/2022/NĐ-CP", "42/2022/nđ-cp",
 * "42/2022/ND-CP" and "42 2022 nd cp" all give "42 2022 nd cp". */
void docs_fold_key(struct buf *out, const char *s);
/* docs_fold_key as an arena string. */
const char *docs_key(struct arena *a, const char *s);
/* How a folded query meets a number key: 2 the same, 1 the key begins
 * with the query's words ("42 2022" of "42 2022 nd cp"), 0 not. */
int docs_number_match(const char *number_key, const char *query_key);

enum doc_validity {
	DOC_NOT_YET = 0,  /* chưa có hiệu lực: takes effect later */
	DOC_IN_FORCE = 1, /* còn hiệu lực */
	DOC_AMENDED = 2,  /* được sửa đổi, bổ sung (and in force) */
	DOC_REPLACED = 3, /* bị thay thế */
	DOC_EXPIRED = 4,  /* hết hiệu lực */
	DOC_VALIDITY_COUNT
};
/* Validity of d on Vietnam day `today`, in this order: not yet in effect
 * (effective day, or the issue day when none, after today); replaced (a
 * published replacing document in effect); expired (expiry day reached);
 * amended (a published amending document in effect); else in force. */
int docs_validity(const struct document *d, int64_t today);
/* "Còn hiệu lực", ... */
const char *docs_validity_label(int v);
/* URL and CSS key: "con-hieu-luc", "het-hieu-luc", "bi-thay-the",
 * "duoc-sua-doi-bo-sung", "chua-co-hieu-luc". */
const char *docs_validity_key(int v);
/* The validity whose key is s, or -1. */
int docs_validity_of_key(const char *s);

/* The three term lists: "Loại văn bản", "Cơ quan ban hành", "Lĩnh vực". */
const char *docs_term_kind_label(int kind);

/* The newsroom's form (and an import line) as typed; terms already
 * chosen by id (0 none). */
struct docs_input {
	const char *number, *signer, *summary, *body_html;
	const char *issued, *effective, *expires; /* dates typed any way (vn_parse_dmy) */
	int64_t type_id, issuer_id, field_id;
	bool published;
};

/* A message per refused field, NULL when good. */
struct docs_errors {
	const char *number, *type, *issuer, *signer, *issued, *effective, *expires, *summary, *body;
};

/* Fills d's number and key, terms, signer, days, summary, sanitized full
 * text, published flag and slug from `in` (id, site_id and times are left
 * as they are). False with Vietnamese messages in *err: a missing number,
 * type, issuer, issue date or summary; a date that does not exist; the
 * effective date before the issue date, the expiry not after it; text too
 * long or not valid UTF-8. Strings are allocated in a. */
bool docs_from_input(struct arena *a, const struct docs_input *in, struct document *d, struct docs_errors *err);
/* The message for a number the issuer already used. */
const char *docs_number_taken(struct arena *a, const char *number);

/* The public path: "/van-ban/{slug}-{id}". */
const char *docs_path(struct arena *a, int64_t id, const char *slug);
/* Reads "{slug}-{id}": the id after the last '-'. False when none. */
bool docs_parse_slug_id(const char *seg, int64_t *id);
/* "dd/mm/yyyy" of day number d, "" for 0, in the arena. */
const char *docs_day_text(struct arena *a, int64_t day);
/* Year of day number d. */
int docs_year(int64_t day);

/* The facets the public list filters by; they combine (AND). */
enum docs_facet { DF_TYPE, DF_ISSUER, DF_FIELD, DF_YEAR, DF_VALIDITY, DF_COUNT };
/* One value per facet; 0 means "any" (validity is stored as v + 1). */
struct docs_filter {
	int64_t v[DF_COUNT];
};
/* d's value of facet f on `today` (type/issuer/field id, year, validity + 1). */
int64_t docs_facet_value(const struct document *d, int f, int64_t today);
/* True when d passes every facet of the filter but `skip` (-1: none). */
bool docs_filter_match(const struct docs_filter *flt, const struct document *d, int64_t today, int skip);

#endif
