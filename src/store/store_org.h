/* store_org.h — the storage contract of "Giới thiệu": the site's static
 * pages (introduction, functions and tasks, history, map...) with their
 * revisions, the organisation tree (units and sub-units) and the officials
 * with their contact details, each with its English fields beside the
 * Vietnamese ones. Same rules as store.h: arena-owned results, LOA_*
 * statuses, every query names its site.
 *
 * The backend stores what it is given: titles, slugs, sanitized bodies and
 * the checks on e-mail, phone and tree shape belong to the domain module
 * (org/org.h) above it. */
#ifndef LOA_STORE_ORG_H
#define LOA_STORE_ORG_H

#include "store/store.h"

/* A static page. body_html and body_en are sanitized HTML. An English
 * version exists when title_en and body_en are both non-empty. */
struct org_page {
	int64_t id, site_id;
	const char *slug;            /* unique within its site: /gioi-thieu/{slug}, /en/{slug} */
	const char *title, *body_html;
	const char *title_en, *body_en;
	int position;                /* order in the index, the footer and the menu */
	bool published;              /* false: only the newsroom sees it */
	int64_t version;             /* 1 on creation, + 1 on every save */
	int64_t updated_by;          /* user id, 0 = none */
	const char *updated_by_name; /* joined on read */
	int64_t created_at, updated_at;
};

/* One saved state of a page (every save keeps one, newest last). */
struct org_page_revision {
	int64_t id, page_id;
	int64_t user_id;
	const char *user_name;       /* joined on read ("" when the user is gone) */
	int64_t at;
	const char *title, *body_html, *title_en, *body_en;
};

/* Pages of the site by position, then id; published_only for the public
 * side. Bodies included (a site has a handful of pages). */
int store_org_page_list(struct store *st, int64_t site_id, bool published_only, struct arena *a,
			struct org_page **out, size_t *n);
int store_org_page_get(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct org_page *out);
int store_org_page_by_slug(struct store *st, int64_t site_id, const char *slug, struct arena *a,
			   struct org_page *out);
/* Inserts (p->id 0) or updates a page and keeps the saved state as a
 * revision by user_id, in one transaction. An update names the version it
 * edits (p->version): LOA_CONFLICT when the page was saved since, or
 * when another page of the site has the slug (then *slug_taken is true);
 * nothing is written either way. Sets *id and *version (the new one).
 * LOA_NOTFOUND when an update names no page of the site. */
int store_org_page_save(struct store *st, const struct org_page *p, int64_t user_id, int64_t now, int64_t *id,
			int64_t *version, bool *slug_taken);
/* Deletes a page and its revisions. LOA_NOTFOUND when not in the site. */
int store_org_page_delete(struct store *st, int64_t site_id, int64_t id);
/* Revisions of a page of the site, newest first. */
int store_org_page_revisions(struct store *st, int64_t site_id, int64_t page_id, struct arena *a,
			     struct org_page_revision **out, size_t *n);
int store_org_page_revision_get(struct store *st, int64_t site_id, int64_t page_id, int64_t id, struct arena *a,
				struct org_page_revision *out);

/* A unit of the organisation: Đảng ủy, HĐND, UBND, a phòng under UBND... */
struct org_unit {
	int64_t id, site_id;
	int64_t parent_id;           /* 0 at top level; a unit of the same site */
	const char *name, *name_en;
	const char *address, *phone, *email;
	const char *functions, *functions_en; /* plain text, lines separated by \n */
	int position;                /* order among siblings */
};

/* Units of the site in sibling order (position, name); org_tree_order
 * (org/org.h) turns that into tree order. */
int store_org_unit_list(struct store *st, int64_t site_id, struct arena *a, struct org_unit **out, size_t *n);
int store_org_unit_get(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct org_unit *out);
/* Inserts (u->id 0, *id set) or updates. LOA_INVALID when the parent is
 * not a unit of the site; LOA_NOTFOUND when an update names no unit of the
 * site. */
int store_org_unit_save(struct store *st, const struct org_unit *u, int64_t *id);
/* LOA_CONFLICT when sub-units or officials still belong to it (nothing is
 * deleted); LOA_NOTFOUND when not in the site. */
int store_org_unit_delete(struct store *st, int64_t site_id, int64_t id);

/* An official (cán bộ, công chức) with the contacts the law asks for. */
struct org_official {
	int64_t id, site_id;
	int64_t unit_id;             /* 0 = no unit; a unit of the same site */
	const char *unit_name;       /* joined on read ("" without a unit) */
	const char *name;
	const char *title, *title_en; /* chức vụ */
	const char *phone, *email;
	const char *photo;           /* "" or the URL path of an image ("/media/...") */
	int position;                /* order within the unit */
	bool is_leader;              /* shown on "Lãnh đạo" */
};

/* Officials of the site by position, then name. */
int store_org_official_list(struct store *st, int64_t site_id, struct arena *a, struct org_official **out,
			    size_t *n);
int store_org_official_get(struct store *st, int64_t site_id, int64_t id, struct arena *a,
			   struct org_official *out);
/* As store_org_unit_save: LOA_INVALID when the unit is not of the site. */
int store_org_official_save(struct store *st, const struct org_official *o, int64_t *id);
int store_org_official_delete(struct store *st, int64_t site_id, int64_t id);

#endif
