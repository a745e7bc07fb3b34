/* test_pattern.c — route patterns (http.h) matched without a server,
 * including the first-segment shortcut that turns most routes down. */
#include "http/httpInt.h"
#include "test.h"

static void test_match(void)
{
	static const struct {
		const char *pattern, *path;
		bool want;
	} cases[] = {
		{"/", "/", true},
		{"/", "/a", false},
		{"/en", "/en", true},
		{"/en", "/en/", false},
		{"/en", "/eng", false},
		{"/en/{s}", "/en/leaders", true},
		{"/en/{s}", "/en/", false},
		{"/tim-kiem", "/tim-kiem/goi-y", false},
		{"/tim-kiem/goi-y", "/tim-kiem/goi-y", true},
		{"/tep/{id}", "/tep/12", true},
		{"/tep/{id}", "/tep/012", false},
		{"/tep/{id}", "/tep/x", false},
		{"/{s}", "/chinh-quyen", true},
		{"/{s}", "//", false},
		{"/x", "//x", false},
		{"/quan-tri/*", "/quan-tri/", true},
		{"/quan-tri/*", "/quan-tri/bai-viet/3", true},
		{"/quan-tri/*", "/quan-tr", false},
		{"/*", "/anything/at/all", true},
		{"/gioi-thieu/{s}", "/gioi-thieu-x/a", false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		CHECK(http_pattern_match(cases[i].pattern, cases[i].path, NULL) == cases[i].want, "%s %s %s",
		      cases[i].pattern, cases[i].want ? "matches" : "does not match", cases[i].path);
}

int main(void)
{
	test_match();
	return test_done();
}
