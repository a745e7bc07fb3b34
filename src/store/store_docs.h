/* store_docs.h — the storage contract of "Văn bản", the register of legal
 * documents: documents, their three editable term lists (loại văn bản, cơ
 * quan ban hành, lĩnh vực), the relations between documents (one replaces
 * or amends another), their attached files (store_files.h) and a full-text
 * index over number, summary and full text. Same rules as store.h:
 * arena-owned results, LOA_* statuses, every query names its site.
 *
 * The backend stores and finds; the rules — a number's folded key, what
 * a valid document is, its validity on a given day, the Vietnamese
 * messages, slugs, facets — belong to the docs domain (src/docs/docs.h).
 * The constraints kept here too: a number is unique per issuer (by its
 * key), the effective date is not before the issue date. */
#ifndef LOA_STORE_DOCS_H
#define LOA_STORE_DOCS_H

#include "store/store.h"
#include "store/store_files.h"

enum doc_term_kind { DOC_TYPE = 0, DOC_ISSUER = 1, DOC_FIELD = 2 };

struct doc_term {
	int64_t id, site_id;
	int kind;              /* enum doc_term_kind */
	const char *name;      /* "Quyết định" */
	const char *name_key;  /* folded, unique per site and kind */
	int position;
	int64_t uses;          /* on read: documents that use it */
};

enum doc_relation_kind { DOC_REPLACES = 1, DOC_AMENDS = 2 };

struct document {
	int64_t id, site_id;
	const char *number;          /* số, ký hiệu as written: "42/2022/NĐ-CP" */
	const char *number_key;      /* folded: "42 2022 nd cp" */
	int64_t type_id, issuer_id, field_id; /* 0 = none */
	const char *type_name, *issuer_name, *field_name; /* joined on read, "" = none */
	const char *signer;          /* người ký */
	int64_t issued_day;          /* ngày ban hành, Vietnam day number */
	int64_t effective_day;       /* ngày có hiệu lực, 0 = not given */
	int64_t expires_day;         /* ngày hết hiệu lực, 0 = none */
	const char *summary;         /* trích yếu, plain text */
	const char *body_html;       /* full text, sanitized; "" none (lists read "") */
	const char *slug;
	bool published;
	int64_t created_at, updated_at;
	/* on read, from relations with published documents: the earliest day
	 * a replacing / amending document takes effect (its effective day, or
	 * its issue day when it has none); 0 = none */
	int64_t replaced_on, amended_on;
	int64_t files;               /* on read: attached files */
};

/* A relation seen from one document: the other document and the way. */
struct doc_link {
	int kind;                 /* enum doc_relation_kind */
	bool outgoing;            /* true: this document replaces/amends the other */
	int64_t other_id;
	const char *number, *summary, *slug;
	bool published;
	int64_t issued_day;
};

/* ---- terms ---- */
/* Terms of one kind (-1: all), by kind, position and name, with use counts. */
int store_doc_term_list(struct store *st, int64_t site_id, int kind, struct arena *a, struct doc_term **out,
			size_t *n);
/* Inserts (t->id == 0, *id set) or renames/moves t. LOA_CONFLICT when the
 * key is taken in the kind; LOA_INVALID for an unknown kind or a blank
 * name; LOA_NOTFOUND for an update not in the site. */
int store_doc_term_save(struct store *st, const struct doc_term *t, int64_t *id);
/* LOA_CONFLICT when a document uses it; LOA_NOTFOUND when not in the site. */
int store_doc_term_delete(struct store *st, int64_t site_id, int64_t id);
/* The term of this kind whose key is name_key: LOA_OK with *id, or
 * LOA_NOTFOUND. */
int store_doc_term_find(struct store *st, int64_t site_id, int kind, const char *name_key, int64_t *id);

/* ---- documents ---- */
/* Inserts (d->id == 0, *id set) or updates every stored field of d.
 * LOA_CONFLICT when the issuer already has a document with that key;
 * LOA_INVALID when a term is not of the site and kind, or dates break the
 * constraints; LOA_NOTFOUND for an update not in the site. created_at and
 * updated_at 0 mean now. */
int store_doc_save(struct store *st, const struct document *d, int64_t *id);
int store_doc_get(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct document *out);
/* Every document of the site (published only, or all), without body_html,
 * newest issue day first, then newest id. The register is filtered,
 * counted and paged above the store (docs.h) from this list. */
int store_doc_all(struct store *st, int64_t site_id, bool published_only, struct arena *a, struct document **out,
		  size_t *n);
/* Documents whose number_key is `key` (any issuer), newest first. */
int store_doc_by_key(struct store *st, int64_t site_id, const char *key, struct arena *a, struct document **out,
		     size_t *n);
/* Deletes the document, its relations and attachment rows (the files'
 * rows and bytes are the caller's). LOA_NOTFOUND when not in the site. */
int store_doc_delete(struct store *st, int64_t site_id, int64_t id);

/* ---- relations ---- */
/* Both directions of document id's relations, outgoing first. */
int store_doc_links(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct doc_link **out,
		    size_t *n);
/* Replaces document from_id's outgoing relations by to_ids[i] with
 * kinds[i]. LOA_INVALID when a target is not in the site, is the document
 * itself, or a kind is unknown. One unit of work. */
int store_doc_set_links(struct store *st, int64_t site_id, int64_t from_id, const int64_t *to_ids,
			const int *kinds, size_t n);

/* ---- attached files ---- */
/* The document's files in their order. */
int store_doc_files(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct stored_file **out,
		    size_t *n);
/* Attaches file_id last. LOA_INVALID when either is not in the site. */
int store_doc_file_attach(struct store *st, int64_t site_id, int64_t doc_id, int64_t file_id);
/* Marks every attached file public or not (the document is published or not). */
int store_doc_files_publish(struct store *st, int64_t site_id, int64_t doc_id, bool public);

/* ---- search ---- */
/* Ids of the site's documents (published or all) matching the FTS5
 * expression `match` (search_query_match's), best first, at most limit. */
int store_doc_search(struct store *st, int64_t site_id, const char *match, bool published_only, int limit,
		     struct arena *a, int64_t **ids, size_t *n);

#endif
