/* menu.c — the main menu's kinds, checks and tree (menu.h). */
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "menu/menu.h"

/* The sections are those Nghị định 42/2022/NĐ-CP asks of an agency's
 * portal; their paths are the URL scheme every module of loa shares. */
const struct menu_kind menu_kinds[] = {
	{"chuyen-muc", "Chuyên mục tin bài", NULL, NULL},
	{"trang", "Trang của cổng (đường dẫn nội bộ)", NULL, NULL},
	{"van-ban", "Văn bản", "/van-ban", "Văn bản"},
	{"du-thao", "Lấy ý kiến dự thảo", "/du-thao", "Lấy ý kiến dự thảo"},
	{"hoi-dap", "Hỏi đáp - Góp ý", "/hoi-dap", "Hỏi đáp"},
	{"lich-cong-tac", "Lịch công tác", "/lich-cong-tac", "Lịch công tác"},
	{"tiep-can-thong-tin", "Tiếp cận thông tin", "/tiep-can-thong-tin", "Tiếp cận thông tin"},
	{"lien-ket", "Liên kết ngoài (http, https)", NULL, NULL},
};
const size_t menu_nkinds = sizeof menu_kinds / sizeof menu_kinds[0];

const struct menu_kind *menu_kind_of(const char *code)
{
	for (size_t i = 0; code && i < menu_nkinds; i++)
		if (strcmp(menu_kinds[i].code, code) == 0)
			return &menu_kinds[i];
	return NULL;
}

static bool url_chars_ok(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c <= 0x20 || c == 0x7f || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\' || c == '`')
			return false;
	}
	return true;
}

bool menu_path_ok(const char *url)
{
	return url && url[0] == '/' && url[1] != '/' && strlen(url) <= MENU_URL_MAX && url_chars_ok(url);
}

bool menu_external_ok(const char *url)
{
	if (!url || strlen(url) > MENU_URL_MAX)
		return false;
	const char *host = strncmp(url, "https://", 8) == 0 ? url + 8 : strncmp(url, "http://", 7) == 0 ? url + 7 : NULL;
	return host && *host && *host != '/' && *host != '?' && *host != '#' && url_chars_ok(url);
}

static const struct menu_item *item_by_id(const struct menu_item *items, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (items[i].id == id)
			return &items[i];
	return NULL;
}

static const struct category *cat_by_id(const struct category *cats, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (cats[i].id == id)
			return &cats[i];
	return NULL;
}

const char *menu_item_check(struct arena *a, struct menu_item *it, const struct category *cats, size_t ncats,
			    const struct menu_item *items, size_t nitems)
{
	const struct menu_kind *k = menu_kind_of(it->kind);
	if (!k)
		return "Hãy chọn loại mục trình đơn.";
	const char *label = text_clean(a, it->label ? it->label : "", it->label ? strlen(it->label) : 0);
	if (!label)
		return "Tên hiển thị không phải văn bản UTF-8 hợp lệ.";
	for (char *c = (char *)label; *c; c++)
		if (*c == '\n' || *c == '\t')
			*c = ' '; /* one line in the header */
	if (text_length(label, strlen(label)) > MENU_LABEL_MAX)
		return arena_printf(a, "Tên hiển thị dài quá %d ký tự.", MENU_LABEL_MAX);
	it->label = label;
	const char *url = it->url ? it->url : "";
	if (strcmp(k->code, "chuyen-muc") == 0) {
		if (!cat_by_id(cats, ncats, it->category_id))
			return "Hãy chọn một chuyên mục có trong danh sách.";
		url = "";
	} else {
		it->category_id = 0;
		if (strcmp(k->code, "trang") == 0) {
			if (!menu_path_ok(url))
				return "Đường dẫn trang phải bắt đầu bằng một dấu “/” (ví dụ /gioi-thieu), "
				       "không có dấu cách, dấu nháy hay dấu < >, tối đa 1000 ký tự.";
		} else if (strcmp(k->code, "lien-ket") == 0) {
			if (!menu_external_ok(url))
				return "Liên kết ngoài phải bắt đầu bằng http:// hoặc https://, có tên miền, "
				       "không có dấu cách, dấu nháy hay dấu < >, tối đa 1000 ký tự.";
		} else {
			url = "";
		}
		if (!k->path && !*label)
			return "Hãy nhập tên hiển thị cho mục này.";
	}
	it->url = url;
	if (it->parent_id) {
		const struct menu_item *p = item_by_id(items, nitems, it->parent_id);
		if (!p || p->parent_id != 0)
			return "Mục cha phải là một mục ở cấp đầu của trình đơn.";
		if (p->id == it->id)
			return "Một mục không thể là mục cha của chính nó.";
		for (size_t i = 0; it->id && i < nitems; i++)
			if (items[i].parent_id == it->id)
				return "Mục này đang có mục con nên phải ở cấp đầu (trình đơn chỉ có một cấp mục con).";
	}
	return NULL;
}

/* Sibling order: position, then id. */
static int by_position(const void *x, const void *y)
{
	const struct menu_item *a = *(const struct menu_item *const *)x, *b = *(const struct menu_item *const *)y;
	if (a->position != b->position)
		return a->position < b->position ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* Fills node from item; false when the entry cannot be shown. */
static bool node_of(struct arena *a, struct menu_node *node, const struct menu_item *it, const struct category *cats,
		    size_t ncats)
{
	const struct menu_kind *k = menu_kind_of(it->kind);
	if (!k)
		return false;
	memset(node, 0, sizeof *node);
	node->item = it;
	node->label = it->label;
	if (strcmp(k->code, "chuyen-muc") == 0) {
		const struct category *c = cat_by_id(cats, ncats, it->category_id);
		if (!c)
			return false;
		node->url = arena_printf(a, "/%s", c->slug); /* the public site's category URL */
		if (!*node->label)
			node->label = c->name;
	} else if (k->path) {
		node->url = k->path;
		if (!*node->label)
			node->label = k->default_label;
	} else {
		node->url = it->url;
		node->external = strcmp(k->code, "lien-ket") == 0;
	}
	return node->label && *node->label;
}

size_t menu_tree(struct arena *a, const struct menu_item *items, size_t n, const struct category *cats,
		 size_t ncats, struct menu_node **out)
{
	const struct menu_item **sorted = arena_alloc(a, (n ? n : 1) * sizeof *sorted);
	for (size_t i = 0; i < n; i++)
		sorted[i] = &items[i];
	qsort(sorted, n, sizeof *sorted, by_position);
	struct menu_node *top = arena_alloc(a, (n ? n : 1) * sizeof *top);
	size_t ntop = 0;
	for (size_t i = 0; i < n; i++) {
		if (sorted[i]->parent_id || !node_of(a, &top[ntop], sorted[i], cats, ncats))
			continue;
		struct menu_node *kids = arena_alloc(a, (n ? n : 1) * sizeof *kids);
		size_t nk = 0;
		for (size_t j = 0; j < n; j++)
			if (sorted[j]->parent_id == sorted[i]->id && node_of(a, &kids[nk], sorted[j], cats, ncats))
				nk++;
		top[ntop].children = kids;
		top[ntop].nchildren = nk;
		ntop++;
	}
	*out = top;
	return ntop;
}
