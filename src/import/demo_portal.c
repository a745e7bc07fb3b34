/* demo_portal.c — the demo site's portal parts (importInt.h), read from
 * demo/portal.json:
 *   "menu":     entries {kind, label?, url?, category?, children?[]} in
 *               menu order; `category` is a path such as "Tin tức/Kinh tế"
 *   "services": public-service portals {title, url}, in block order
 *   "legal":    the footer's legal facts {owner, responsible, license,
 *               address, phone, email}
 *
 * Everything is written in one transaction: the demo has all of it or
 * none. */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/status.h"
#include "import/importInt.h"
#include "menu/menu.h"
#include "store/store_portal.h"

static const char *jstr(json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));
	return s ? s : "";
}

/* Adds one entry under parent (0 = top) through menu.h's checks. */
static const char *add_entry(struct store *st, struct arena *a, int64_t site_id, int64_t parent, json_t *j,
			     int64_t *id)
{
	struct menu_item it = {.site_id = site_id, .parent_id = parent, .kind = jstr(j, "kind"),
			       .label = jstr(j, "label"), .url = jstr(j, "url")};
	const char *serr = NULL;
	if (*jstr(j, "category") &&
	    store_category_ensure_path(st, site_id, jstr(j, "category"), &it.category_id, &serr) != LOA_OK)
		return serr ? serr : "chuyên mục không hợp lệ";
	struct category *cats;
	struct menu_item *items;
	size_t ncats, nitems;
	if (store_category_list(st, site_id, a, &cats, &ncats) != LOA_OK ||
	    store_menu_list(st, site_id, a, &items, &nitems) != LOA_OK)
		return "lỗi cơ sở dữ liệu";
	const char *why = menu_item_check(a, &it, cats, ncats, items, nitems);
	if (why)
		return why;
	return store_menu_add(st, &it, id) == LOA_OK ? NULL : "lỗi cơ sở dữ liệu";
}

static const char *load_menu(struct store *st, struct arena *a, int64_t site_id, json_t *menu)
{
	size_t i, k;
	json_t *e, *c;
	json_array_foreach(menu, i, e) {
		int64_t id;
		const char *why = add_entry(st, a, site_id, 0, e, &id);
		json_array_foreach(json_object_get(e, "children"), k, c) {
			if (!why)
				why = add_entry(st, a, site_id, id, c, NULL);
		}
		if (why)
			return arena_printf(a, "portal.json, trình đơn mục %zu: %s", i + 1, why);
	}
	return NULL;
}

static const char *load_services(struct store *st, int64_t site_id, json_t *services)
{
	size_t i;
	json_t *e;
	json_array_foreach(services, i, e) {
		struct link l = {.site_id = site_id, .title = jstr(e, "title"), .url = jstr(e, "url"), .position = (int)i,
				 .kind = LINK_SERVICE};
		if (!*l.title || !menu_external_ok(l.url))
			return "portal.json: dịch vụ công cần title và url http(s)";
		if (store_link_add(st, &l, NULL) != LOA_OK)
			return "lỗi cơ sở dữ liệu khi ghi dịch vụ công";
	}
	return NULL;
}

static const char *load_legal(struct store *st, int64_t site_id, json_t *j)
{
	struct site_legal l = {jstr(j, "owner"), jstr(j, "responsible"), jstr(j, "license"),
			       jstr(j, "address"), jstr(j, "phone"), jstr(j, "email")};
	return store_site_set_legal(st, site_id, &l) == LOA_OK ? NULL : "lỗi cơ sở dữ liệu khi ghi thông tin chân trang";
}

int import_demo_portal(struct store *st, int64_t site_id, const char *dir, char **err)
{
	json_t *j = import_json_file(dir, "portal.json", err);
	if (!j)
		return LOA_ERROR;
	struct arena *a = arena_new();
	int rc = store_begin(st);
	const char *why = rc == LOA_OK ? load_menu(st, a, site_id, json_object_get(j, "menu")) : "lỗi cơ sở dữ liệu";
	if (!why)
		why = load_services(st, site_id, json_object_get(j, "services"));
	if (!why)
		why = load_legal(st, site_id, json_object_get(j, "legal"));
	if (!why && store_commit(st) == LOA_OK) {
		rc = LOA_OK;
	} else {
		store_rollback(st);
		*err = strdup(why ? why : "lỗi cơ sở dữ liệu khi ghi trình đơn");
		rc = LOA_ERROR;
	}
	arena_free(a);
	json_decref(j);
	return rc;
}
