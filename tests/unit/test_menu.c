/* test_menu.c — the main menu's rules (menu/menu.h): the tree built from
 * stored rows in any order, one level of sub-menus, labels and URLs
 * resolved, and the checks on what an editor types. */
#include <string.h>

#include "core/arena.h"
#include "menu/menu.h"
#include "test.h"

static const struct category cats[] = {
	{.id = 10, .name = "Tin tức", .slug = "tin-tuc"},
	{.id = 11, .parent_id = 10, .name = "Kinh tế", .slug = "kinh-te"},
};

static void test_tree(void)
{
	struct arena *a = arena_new();
	/* rows out of order; 6 is under a sub-entry (dropped), 7 has no
	 * parent row (dropped), 8 names a category that is gone (dropped),
	 * 9 is of an unknown kind (dropped); 2 and 3 tie on position: id decides */
	const struct menu_item items[] = {
		{.id = 5, .parent_id = 1, .position = 2, .kind = "lien-ket", .label = "Dịch vụ công",
		 .url = "https://dichvucong.gov.vn"},
		{.id = 3, .position = 2, .kind = "hoi-dap", .label = "", .url = ""},
		{.id = 1, .position = 1, .kind = "chuyen-muc", .category_id = 10, .label = "", .url = ""},
		{.id = 4, .parent_id = 1, .position = 1, .kind = "chuyen-muc", .category_id = 11, .label = "Kinh tế xã",
		 .url = ""},
		{.id = 2, .position = 2, .kind = "trang", .label = "Giới thiệu", .url = "/gioi-thieu"},
		{.id = 6, .parent_id = 4, .position = 1, .kind = "van-ban", .label = "", .url = ""},
		{.id = 7, .parent_id = 99, .position = 1, .kind = "van-ban", .label = "", .url = ""},
		{.id = 8, .position = 0, .kind = "chuyen-muc", .category_id = 77, .label = "", .url = ""},
		{.id = 9, .position = 0, .kind = "bi-an", .label = "?", .url = "/x"},
	};
	struct menu_node *t;
	size_t n = menu_tree(a, items, sizeof items / sizeof items[0], cats, 2, &t);
	CHECK(n == 3, "three top-level entries (got %zu)", n);
	if (n == 3) {
		CHECK(t[0].item->id == 1 && t[1].item->id == 2 && t[2].item->id == 3, "in position order, ties by id");
		CHECK_STR(t[0].label, "Tin tức", "a category entry without a label takes the category's name");
		CHECK_STR(t[0].url, "/tin-tuc", "and its URL");
		CHECK(t[0].nchildren == 2 && t[0].children[0].item->id == 4 && t[0].children[1].item->id == 5,
		      "its two sub-entries in order");
		CHECK_STR(t[0].children[0].label, "Kinh tế xã", "an entry's own label wins");
		CHECK(t[0].children[1].external && strcmp(t[0].children[1].url, "https://dichvucong.gov.vn") == 0,
		      "an external link");
		CHECK_STR(t[1].url, "/gioi-thieu", "a page entry's path");
		CHECK(!t[1].external && t[1].nchildren == 0, "a page is internal, no sub-entries");
		CHECK_STR(t[2].label, "Hỏi đáp", "a section's default label");
		CHECK_STR(t[2].url, "/hoi-dap", "a section's fixed path");
	}
	n = menu_tree(a, NULL, 0, cats, 2, &t);
	CHECK(n == 0, "no rows, no tree");
	arena_free(a);
}

static const char *check_one(struct arena *a, struct menu_item *it, const struct menu_item *items, size_t n)
{
	return menu_item_check(a, it, cats, 2, items, n);
}

static void test_checks(void)
{
	struct arena *a = arena_new();
	const struct menu_item stored[] = {
		{.id = 1, .kind = "chuyen-muc", .category_id = 10},
		{.id = 2, .parent_id = 1, .kind = "hoi-dap"},
		{.id = 3, .kind = "van-ban"},
	};
	struct menu_item it = {.kind = "lien-ket", .label = "Dịch vụ công", .url = "javascript:alert(1)"};
	CHECK(check_one(a, &it, stored, 3) != NULL, "javascript: refused");
	it.url = "ftp://x.vn";
	CHECK(check_one(a, &it, stored, 3) != NULL, "ftp: refused");
	it.url = "https://";
	CHECK(check_one(a, &it, stored, 3) != NULL, "a URL without a host refused");
	it.url = "https://dichvucong.gov.vn/p/home\" onclick=\"x";
	CHECK(check_one(a, &it, stored, 3) != NULL, "quotes refused");
	it.url = "https://dichvucong.gov.vn";
	CHECK(check_one(a, &it, stored, 3) == NULL, "an https link accepted");
	it.label = "";
	CHECK(check_one(a, &it, stored, 3) != NULL, "an external link needs a label");

	struct menu_item pg = {.kind = "trang", .label = "Giới thiệu", .url = "gioi-thieu"};
	CHECK(check_one(a, &pg, stored, 3) != NULL, "a page path must start with /");
	pg.url = "//evil.example/x";
	CHECK(check_one(a, &pg, stored, 3) != NULL, "a protocol-relative path refused");
	pg.url = "/gioi thieu";
	CHECK(check_one(a, &pg, stored, 3) != NULL, "white space refused");
	pg.url = "/gioi-thieu";
	CHECK(check_one(a, &pg, stored, 3) == NULL, "/gioi-thieu accepted");

	char long_label[400];
	memset(long_label, 'x', sizeof long_label - 1);
	long_label[sizeof long_label - 1] = '\0';
	pg.label = long_label;
	CHECK(check_one(a, &pg, stored, 3) != NULL, "a label over %d code points refused", MENU_LABEL_MAX);
	pg.label = "Giới\nthiệu";
	CHECK(check_one(a, &pg, stored, 3) == NULL && strcmp(pg.label, "Giới thiệu") == 0, "a label is one line");
	pg.label = "G\xc3";
	CHECK(check_one(a, &pg, stored, 3) != NULL, "invalid UTF-8 refused");

	struct menu_item c = {.kind = "chuyen-muc", .category_id = 77, .label = "", .url = "/x"};
	CHECK(check_one(a, &c, stored, 3) != NULL, "an unknown category refused");
	c.category_id = 11;
	CHECK(check_one(a, &c, stored, 3) == NULL && *c.url == '\0', "a category entry: the URL is dropped");
	struct menu_item k = {.kind = "bi-an", .label = "x", .url = ""};
	CHECK(check_one(a, &k, stored, 3) != NULL, "an unknown kind refused");
	struct menu_item s = {.kind = "van-ban", .label = "", .url = "/khac", .category_id = 10};
	CHECK(check_one(a, &s, stored, 3) == NULL && *s.url == '\0' && s.category_id == 0,
	      "a section needs no label; URL and category dropped");

	s.parent_id = 2;
	CHECK(check_one(a, &s, stored, 3) != NULL, "a parent that is a sub-entry refused (one level)");
	s.parent_id = 42;
	CHECK(check_one(a, &s, stored, 3) != NULL, "an unknown parent refused");
	s.parent_id = 3;
	CHECK(check_one(a, &s, stored, 3) == NULL, "under a top-level entry accepted");
	struct menu_item self = {.id = 1, .kind = "chuyen-muc", .category_id = 10, .label = "", .url = "", .parent_id = 3};
	CHECK(check_one(a, &self, stored, 3) != NULL, "an entry with sub-entries stays at the top");
	struct menu_item loop = {.id = 3, .kind = "van-ban", .label = "", .url = "", .parent_id = 3};
	CHECK(check_one(a, &loop, stored, 3) != NULL, "an entry is not its own parent");
	arena_free(a);
}

int main(void)
{
	test_tree();
	test_checks();
	return test_done();
}
