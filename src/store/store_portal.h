/* store_portal.h — the storage contract of what makes the news site an
 * agency's portal: the main menu built in the newsroom and the legal
 * facts the footer must carry (Nghị định 42/2022/NĐ-CP). Same rules as
 * store.h: arena-owned results, LOA_* statuses, every query names its site.
 * The rules (which kinds exist, what a valid URL is, one level of
 * sub-menus) live in src/menu/menu.h above this; the backend only keeps
 * the rows and their order. */
#ifndef LOA_STORE_PORTAL_H
#define LOA_STORE_PORTAL_H

#include "store/store.h"

/* One entry of the main menu. */
struct menu_item {
	int64_t id, site_id;
	int64_t parent_id;       /* 0 at top level, else a top-level item of the same site */
	int position;            /* order among siblings, smaller first */
	const char *kind;        /* a code of menu.h's kinds ("chuyen-muc", "trang", "lien-ket", ...) */
	int64_t category_id;     /* kind "chuyen-muc": the category; else 0 */
	const char *label;       /* "" = the target's own name */
	const char *url;         /* kind "trang": an internal path; "lien-ket": an http(s) URL; else "" */
};

/* Every item of the site, top-level items first, then by parent, position
 * and id. */
int store_menu_list(struct store *st, int64_t site_id, struct arena *a, struct menu_item **out, size_t *n);
int store_menu_get(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct menu_item *out);
/* Appends the item after its siblings; sets *id. LOA_INVALID when the
 * parent or the category is not the site's. */
int store_menu_add(struct store *st, const struct menu_item *it, int64_t *id);
/* Writes kind, category, label, url and parent; an item moved under
 * another parent goes after its new siblings. LOA_NOTFOUND when the site
 * has no such item, LOA_INVALID as for add. */
int store_menu_update(struct store *st, const struct menu_item *it);
/* Deletes the item and its sub-items. LOA_NOTFOUND when none. */
int store_menu_delete(struct store *st, int64_t site_id, int64_t id);
/* Swaps the item with its previous (dir < 0) or next (dir > 0) sibling,
 * in one unit; nothing happens at either end. LOA_NOTFOUND when none. */
int store_menu_move(struct store *st, int64_t site_id, int64_t id, int dir);

/* The footer's legal facts; each "" until set. */
struct site_legal {
	const char *owner;       /* cơ quan chủ quản */
	const char *responsible; /* người chịu trách nhiệm */
	const char *license;     /* giấy phép */
	const char *address;     /* địa chỉ */
	const char *phone;       /* điện thoại */
	const char *email;       /* email */
};
int store_site_legal(struct store *st, int64_t site_id, struct arena *a, struct site_legal *out);
/* LOA_NOTFOUND for an unknown site. */
int store_site_set_legal(struct store *st, int64_t site_id, const struct site_legal *l);

#endif
