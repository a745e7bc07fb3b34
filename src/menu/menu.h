/* menu.h — the rules of the portal's main menu: which kinds of entries
 * exist (a category, a page of the site, the sections every agency's
 * portal carries, an external link), what an editor may type into one,
 * and the tree the header shows (top-level entries in the editor's order,
 * each with one level of sub-entries). Storage is store_portal.h; this
 * module never talks to the store, so it is tested on plain arrays. */
#ifndef LOA_MENU_H
#define LOA_MENU_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "store/store.h"
#include "store/store_portal.h"

#define MENU_LABEL_MAX 80     /* code points */
#define MENU_URL_MAX 1000     /* bytes */
#define MENU_ITEMS_MAX 100    /* per site */

struct menu_kind {
	const char *code;          /* stored in menu_items.kind and sent by the newsroom's form */
	const char *name;          /* what the newsroom calls it */
	const char *path;          /* the fixed path of a section, or NULL (category, page, link) */
	const char *default_label; /* shown when the entry has no label of its own, or NULL */
};

extern const struct menu_kind menu_kinds[];
extern const size_t menu_nkinds;

/* The kind with that code, or NULL. */
const struct menu_kind *menu_kind_of(const char *code);

/* Checks an entry typed in the newsroom and normalizes it in place: the
 * label cleaned to NFC and bounded, the URL kept only where the kind has
 * one, the category only for a category entry. `cats` are the site's
 * categories, `items` the site's entries as stored (to check the parent:
 * 0 or a top-level entry, not the entry itself, and never under a parent
 * when the entry has sub-entries of its own). Returns NULL when the entry
 * is fine, else a Vietnamese message for the editor (static or in `a`). */
const char *menu_item_check(struct arena *a, struct menu_item *it, const struct category *cats, size_t ncats,
			    const struct menu_item *items, size_t nitems);

/* True for an internal path such as "/gioi-thieu": one leading "/" (not
 * "//"), then no white space, quotes, angle brackets, backslashes or
 * control characters. */
bool menu_path_ok(const char *url);
/* True for an http:// or https:// URL with a host and no white space,
 * quotes, angle brackets, backslashes or control characters. */
bool menu_external_ok(const char *url);

/* One entry as the header shows it. */
struct menu_node {
	const struct menu_item *item;
	const char *label;         /* the entry's, or its target's name */
	const char *url;           /* "/slug" for a category, the path or URL otherwise */
	bool external;
	struct menu_node *children;
	size_t nchildren;
};

/* The tree of `items` (any order): top-level entries by position then id,
 * each with its sub-entries in the same order. Entries whose parent is
 * missing or is itself a sub-entry, category entries whose category is not
 * in `cats`, and entries of unknown kinds are left out. Allocated in `a`;
 * returns the number of top-level nodes. */
size_t menu_tree(struct arena *a, const struct menu_item *items, size_t n, const struct category *cats,
		 size_t ncats, struct menu_node **out);

#endif
