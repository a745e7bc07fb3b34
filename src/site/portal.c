/* portal.c — the parts of every public page that make the news site an
 * agency's portal: the main menu built in the newsroom (store_portal.h,
 * menu.h), which replaces the category navigation of page.c once the site
 * has one entry; the footer's legal facts. (The "Dịch vụ công" block, links
 * of kind LINK_SERVICE, is filled with the other links in page.c.)
 *
 * And the page /tiep-can-thong-tin ("Tiếp cận thông tin"): what the agency
 * publishes under Luật Tiếp cận thông tin 2016 (Art. 17) and where on the
 * portal each group is, the public-service portals, and the contact point
 * for requests for information — the agency's legal facts. The groups are
 * the theme's template (access_info.html), so a site owner edits the text
 * there; the page itself has no stored content of its own. */
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

/* root.legal: the footer's legal facts, each "" until set. */
static void add_legal(struct page *p)
{
	struct site_legal l;
	struct tval *t = tv_map(p->a);
	if (store_site_legal(p->app->store, p->site.id, p->a, &l) == LOA_OK) {
		tv_set_str(p->a, t, "owner", l.owner);
		tv_set_str(p->a, t, "responsible", l.responsible);
		tv_set_str(p->a, t, "license", l.license);
		tv_set_str(p->a, t, "address", l.address);
		tv_set_str(p->a, t, "phone", l.phone);
		tv_set_str(p->a, t, "email", l.email);
		tv_set_bool(p->a, t, "any", *l.owner || *l.responsible || *l.license || *l.address || *l.phone || *l.email);
	}
	tv_set(p->root, "legal", t);
}

void page_add_portal(struct page *p, struct tval *sidebar)
{
	(void)sidebar;
	add_menu(p);
	add_legal(p);
}

void site_access_info(void *app, struct http_req *req)
{
	struct page p;
	if (site_serve_cached(app, req) || !page_begin_or_reply(&p, app, req))
		return;
	struct arena *a = p.a;
	struct tval *cats = tv_list(a);
	for (size_t i = 0; i < p.ncats; i++) {
		if (p.cats[i].parent_id)
			continue;
		struct tval *c = tv_map(a);
		tv_set_str(a, c, "name", p.cats[i].name);
		tv_set_str(a, c, "url", page_category_url(&p, &p.cats[i]));
		tv_push(cats, c);
	}
	tv_set(p.root, "access_categories", cats);
	page_add_chrome(&p); /* root.legal and sidebar.services, which the page shows too */
	page_set_meta(&p, "Tiếp cận thông tin",
		      arena_printf(a, "Thông tin %s công khai theo Luật Tiếp cận thông tin và cách yêu cầu cung cấp thông tin.",
				   p.site.name),
		      "/tiep-can-thong-tin");
	page_finish(&p, "access_info", 200);
}
