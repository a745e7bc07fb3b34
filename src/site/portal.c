/* portal.c — the parts of every public page that make the news site an
 * agency's portal: the main menu built in the newsroom (store_portal.h,
 * menu.h), which replaces the category navigation of page.c once the site
 * has one entry; the "Dịch vụ công" block of public-service portals (links
 * of kind LINK_SERVICE); the footer's legal facts. */
#include <string.h>

#include "core/status.h"
#include "menu/menu.h"
#include "site/siteInt.h"
#include "store/store_portal.h"

static bool path_in(const char *path, const char *url)
{
	size_t n = strlen(url);
	return path && n > 1 && url[0] == '/' && strncmp(path, url, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

static bool node_active(const struct menu_node *m, const char *path)
{
	return !m->external && path_in(path, m->url);
}

/* An entry is active on its own page and below it; a parent also when one
 * of its sub-entries is. */
static struct tval *nav_node(struct page *p, const struct menu_node *m, const char *path)
{
	struct arena *a = p->a;
	struct tval *item = tv_map(a), *children = tv_list(a);
	bool active = node_active(m, path);
	for (size_t i = 0; i < m->nchildren; i++) {
		tv_push(children, nav_node(p, &m->children[i], path));
		active |= node_active(&m->children[i], path);
	}
	tv_set_str(a, item, "name", m->label);
	tv_set_str(a, item, "url", m->url);
	tv_set_bool(a, item, "external", m->external);
	tv_set_bool(a, item, "active", active);
	tv_set(item, "children", children);
	tv_set_bool(a, item, "has_children", m->nchildren > 0);
	return item;
}

/* root.nav from the site's menu, when it has one. */
static void add_menu(struct page *p)
{
	struct menu_item *items;
	size_t n;
	if (store_menu_list(p->app->store, p->site.id, p->a, &items, &n) != LOA_OK || n == 0)
		return; /* page.c's category navigation stays */
	struct menu_node *tree;
	size_t ntop = menu_tree(p->a, items, n, p->cats, p->ncats, &tree);
	if (ntop == 0)
		return;
	struct tval *nav = tv_list(p->a);
	const char *path = http_req_path(p->req);
	for (size_t i = 0; i < ntop; i++)
		tv_push(nav, nav_node(p, &tree[i], path));
	tv_set(p->root, "nav", nav);
}

void page_add_portal(struct page *p, struct tval *sidebar)
{
	(void)sidebar;
	add_menu(p);
}
