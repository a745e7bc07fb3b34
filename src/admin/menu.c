/* menu.c — the newsroom's menu editor (/quan-tri/trinh-don): the site's
 * main menu built from categories, pages, the sections of the portal
 * (văn bản, dự thảo, hỏi đáp, lịch công tác, tiếp cận thông tin) and
 * external links, in the editor's order (up and down buttons, no script
 * needed), with one level of sub-menus. The rules are menu.h's; this file
 * reads forms, shows the tree and keeps what was typed on an error. */
#include <string.h>

#include "admin/adminInt.h"
#include "core/num.h"
#include "core/status.h"
#include "menu/menu.h"
#include "store/store_portal.h"

#define MENU_URL "/quan-tri/trinh-don"

/* Paths of the portal's own pages offered as suggestions for a "trang"
 * entry (the editor may type any other internal path). */
static const char *const page_suggestions[] = {
	"/gioi-thieu", "/co-cau-to-chuc", "/lanh-dao", "/danh-ba", "/tiep-can-thong-tin", "/van-ban", "/du-thao",
	"/hoi-dap", "/lich-cong-tac", "/tim-kiem", "/en/",
};

struct menu_ctx {
	struct menu_item *items;
	size_t n;
	struct category *cats;
	size_t ncats;
};

static bool load_or_reply(struct admin *ad, struct menu_ctx *m)
{
	if (store_menu_list(ad->app->store, ad->site.id, ad->a, &m->items, &m->n) != LOA_OK ||
	    store_category_list(ad->app->store, ad->site.id, ad->a, &m->cats, &m->ncats) != LOA_OK) {
		admin_error(ad, 503, "Không đọc được trình đơn, vui lòng thử lại.");
		return false;
	}
	return true;
}

static struct tval *kind_options(struct admin *ad, const char *chosen)
{
	struct tval *l = tv_list(ad->a);
	for (size_t i = 0; i < menu_nkinds; i++) {
		struct tval *o = tv_map(ad->a);
		tv_set_str(ad->a, o, "value", menu_kinds[i].code);
		tv_set_str(ad->a, o, "label", menu_kinds[i].name);
		tv_set_bool(ad->a, o, "selected", chosen && strcmp(chosen, menu_kinds[i].code) == 0);
		tv_push(l, o);
	}
	return l;
}

static struct tval *category_options(struct admin *ad, const struct menu_ctx *m, int64_t chosen)
{
	struct tval *l = tv_list(ad->a);
	for (size_t i = 0; i < m->ncats; i++) {
		struct tval *o = tv_map(ad->a);
		tv_set_int(ad->a, o, "id", m->cats[i].id);
		tv_set_str(ad->a, o, "label", admin_category_label(ad->a, m->cats, m->ncats, i));
		tv_set_bool(ad->a, o, "selected", m->cats[i].id == chosen);
		tv_push(l, o);
	}
	return l;
}

/* "(Cấp đầu)" and every top-level entry but `self`. */
static struct tval *parent_options(struct admin *ad, const struct menu_node *tree, size_t ntop, int64_t self,
				   int64_t chosen)
{
	struct tval *l = tv_list(ad->a);
	struct tval *o = tv_map(ad->a);
	tv_set_int(ad->a, o, "id", 0);
	tv_set_str(ad->a, o, "label", "(Cấp đầu của trình đơn)");
	tv_set_bool(ad->a, o, "selected", chosen == 0);
	tv_push(l, o);
	for (size_t i = 0; i < ntop; i++) {
		if (tree[i].item->id == self)
			continue;
		o = tv_map(ad->a);
		tv_set_int(ad->a, o, "id", tree[i].item->id);
		tv_set_str(ad->a, o, "label", tree[i].label);
		tv_set_bool(ad->a, o, "selected", tree[i].item->id == chosen);
		tv_push(l, o);
	}
	return l;
}

/* The fields of one entry's form: the stored entry, or what was typed
 * when this is the form that failed. */
static void form_fields(struct admin *ad, struct tval *t, const struct menu_item *it, const struct menu_ctx *m,
			const struct menu_node *tree, size_t ntop)
{
	tv_set(t, "kind_options", kind_options(ad, it->kind));
	tv_set(t, "category_options", category_options(ad, m, it->category_id));
	tv_set(t, "parent_options", parent_options(ad, tree, ntop, it->id, it->parent_id));
	tv_set_str(ad->a, t, "label", it->label ? it->label : "");
	tv_set_str(ad->a, t, "url", it->url ? it->url : "");
}

static struct tval *row_tv(struct admin *ad, const struct menu_node *node, size_t index, size_t count,
			   const struct menu_ctx *m, const struct menu_node *tree, size_t ntop,
			   const struct menu_item *typed)
{
	struct arena *a = ad->a;
	struct tval *r = tv_map(a);
	const struct menu_item *it = node->item;
	const struct menu_kind *k = menu_kind_of(it->kind);
	tv_set_int(a, r, "id", it->id);
	tv_set_str(a, r, "name", node->label);
	tv_set_str(a, r, "kind_name", k ? k->name : it->kind);
	tv_set_str(a, r, "target", node->url);
	tv_set_bool(a, r, "first", index == 0);
	tv_set_bool(a, r, "last", index + 1 == count);
	bool failed = typed && typed->id == it->id;
	tv_set_bool(a, r, "open", failed);
	form_fields(ad, r, failed ? typed : it, m, tree, ntop);
	return r;
}

/* The page; `typed` (may be NULL) is the entry whose form failed with
 * `error`: its values are shown again in its form (id 0: the add form). */
static void render(struct admin *ad, const struct menu_ctx *m, int status, const char *error,
		   const struct menu_item *typed)
{
	struct arena *a = ad->a;
	struct menu_node *tree;
	size_t ntop = menu_tree(a, m->items, m->n, m->cats, m->ncats, &tree);
	struct tval *rows = tv_list(a);
	for (size_t i = 0; i < ntop; i++) {
		struct tval *r = row_tv(ad, &tree[i], i, ntop, m, tree, ntop, typed);
		struct tval *kids = tv_list(a);
		for (size_t j = 0; j < tree[i].nchildren; j++)
			tv_push(kids, row_tv(ad, &tree[i].children[j], j, tree[i].nchildren, m, tree, ntop, typed));
		tv_set(r, "children", kids);
		tv_set_bool(a, r, "has_children", tree[i].nchildren > 0);
		tv_push(rows, r);
	}
	struct menu_item blank = {.kind = "chuyen-muc", .label = "", .url = ""};
	struct tval *add = tv_map(a);
	form_fields(ad, add, typed && typed->id == 0 ? typed : &blank, m, tree, ntop);
	struct tval *sugg = tv_list(a);
	for (size_t i = 0; i < sizeof page_suggestions / sizeof page_suggestions[0]; i++) {
		struct tval *s = tv_map(a);
		tv_set_str(a, s, "path", page_suggestions[i]);
		tv_push(sugg, s);
	}
	struct tval *errors = tv_map(a);
	tv_set_str(a, errors, "general", error ? error : "");
	tv_set(ad->root, "rows", rows);
	tv_set(ad->root, "add", add);
	tv_set(ad->root, "page_paths", sugg);
	tv_set(ad->root, "errors", errors);
	tv_set_bool(a, ad->root, "uses_menu", ntop > 0);
	admin_finish(ad, "menu", "Trình đơn chính", status);
}

/* Reads the entry form into *it (id and site already set). NULL or the
 * first problem (a Vietnamese message). */
static const char *read_form(struct admin *ad, const struct menu_ctx *m, struct menu_item *it)
{
	int64_t v;
	it->kind = admin_field(ad, "loai");
	it->label = admin_field(ad, "nhan");
	it->url = admin_field(ad, "duong-dan");
	const char *c = admin_field(ad, "chuyen-muc"), *p = admin_field(ad, "cha");
	it->category_id = *c && num_parse_i64(c, 1, INT64_MAX, &v) ? v : 0;
	if (*p && !num_parse_i64(p, 0, INT64_MAX, &v))
		return "Mục cha không hợp lệ.";
	it->parent_id = *p ? v : 0;
	if (strlen(it->label) > 4 * MENU_LABEL_MAX)
		return "Tên hiển thị quá dài.";
	return menu_item_check(ad->a, it, m->cats, m->ncats, m->items, m->n);
}

void admin_menu(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct menu_ctx m;
	if (!load_or_reply(ad, &m))
		return;
	if (strcmp(http_req_method(req), "POST") != 0) {
		render(ad, &m, 200, NULL, NULL);
		return;
	}
	struct menu_item it = {.site_id = ad->site.id};
	const char *err = m.n >= MENU_ITEMS_MAX ? "Trình đơn đã đủ 100 mục; hãy xóa bớt trước khi thêm." : NULL;
	if (!err)
		err = read_form(ad, &m, &it);
	int64_t id;
	if (!err && store_menu_add(ad->app->store, &it, &id) != LOA_OK)
		err = "Không thêm được mục trình đơn (mục cha hoặc chuyên mục không còn nữa).";
	if (err) {
		it.id = 0;
		render(ad, &m, 422, err, &it);
		return;
	}
	admin_audit(ad, "menu-add", arena_printf(ad->a, "trình đơn #%lld", (long long)id), it.label);
	admin_content_changed(ad);
	admin_redirect(ad, MENU_URL, "da-them");
}

/* The entry the route's {id} names; answers 404 itself. */
static bool entry_or_reply(struct admin *ad, struct menu_item *it)
{
	if (store_menu_get(ad->app->store, ad->site.id, http_req_param_id(ad->req, 0), ad->a, it) != LOA_OK) {
		admin_error(ad, 404, "Không tìm thấy mục trình đơn này.");
		return false;
	}
	return true;
}

void admin_menu_update(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct menu_ctx m;
	struct menu_item cur;
	if (!load_or_reply(ad, &m) || !entry_or_reply(ad, &cur))
		return;
	struct menu_item it = {.id = cur.id, .site_id = ad->site.id};
	const char *err = read_form(ad, &m, &it);
	if (!err && store_menu_update(ad->app->store, &it) != LOA_OK)
		err = "Không lưu được mục trình đơn.";
	if (err) {
		render(ad, &m, 422, err, &it);
		return;
	}
	admin_audit(ad, "menu-update", arena_printf(ad->a, "trình đơn #%lld", (long long)it.id), it.label);
	admin_content_changed(ad);
	admin_redirect(ad, MENU_URL, "da-luu");
}

void admin_menu_delete(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct menu_item cur;
	if (!entry_or_reply(ad, &cur))
		return;
	if (store_menu_delete(ad->app->store, ad->site.id, cur.id) != LOA_OK) {
		admin_error(ad, 503, "Không xóa được mục trình đơn, vui lòng thử lại.");
		return;
	}
	admin_audit(ad, "menu-delete", arena_printf(ad->a, "trình đơn #%lld", (long long)cur.id), cur.label);
	admin_content_changed(ad);
	admin_redirect(ad, MENU_URL, "da-xoa");
}

/* huong=len (up) or xuong (down) among its siblings. */
void admin_menu_move(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct menu_item cur;
	if (!entry_or_reply(ad, &cur))
		return;
	const char *dir = admin_field(ad, "huong");
	if (strcmp(dir, "len") != 0 && strcmp(dir, "xuong") != 0) {
		admin_error(ad, 400, "Hướng di chuyển không hợp lệ: chỉ có lên hoặc xuống.");
		return;
	}
	if (store_menu_move(ad->app->store, ad->site.id, cur.id, strcmp(dir, "len") == 0 ? -1 : 1) != LOA_OK) {
		admin_error(ad, 503, "Không đổi được thứ tự, vui lòng thử lại.");
		return;
	}
	admin_audit(ad, "menu-move", arena_printf(ad->a, "trình đơn #%lld", (long long)cur.id), dir);
	admin_content_changed(ad);
	admin_redirect(ad, MENU_URL, "da-luu");
}
