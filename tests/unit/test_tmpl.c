/* test_tmpl.c — the template engine: values, escaping, sections, partials,
 * syntax errors. Each test writes its templates into a fresh temporary
 * directory and loads it as a set. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/status.h"
#include "render/tmpl.h"
#include "test.h"

struct tfile {
	const char *name; /* relative path, may contain one directory level */
	const char *body;
};

static char tmpdir_[256];

static void rm_tree(void)
{
	if (!tmpdir_[0])
		return;
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir_);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", tmpdir_);
	tmpdir_[0] = '\0';
}

/* Writes files into a new temporary directory and returns it. */
static const char *write_set(const struct tfile *files, size_t n)
{
	rm_tree();
	const char *base = getenv("TMPDIR");
	snprintf(tmpdir_, sizeof tmpdir_, "%s/loa-tmpl-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(tmpdir_))
		abort();
	for (size_t i = 0; i < n; i++) {
		char path[512];
		snprintf(path, sizeof path, "%s/%s", tmpdir_, files[i].name);
		char *slash = strrchr(path, '/');
		if (slash > path + strlen(tmpdir_)) {
			*slash = '\0';
			mkdir(path, 0700);
			*slash = '/';
		}
		FILE *f = fopen(path, "wb");
		if (!f)
			abort();
		fputs(files[i].body, f);
		fclose(f);
	}
	return tmpdir_;
}

static struct tmpl_set *load1(const char *body)
{
	struct tfile f[] = { { "t.html", body } };
	char *err = NULL;
	struct tmpl_set *set = tmpl_set_load(write_set(f, 1), &err);
	if (!set) {
		printf("# load error: %s\n", err ? err : "(none)");
		free(err);
	}
	return set;
}

/* Renders a one-template set; returns a malloc'ed string ("<NULL>" on load error). */
static char *render1(const char *body, const struct tval *data)
{
	struct tmpl_set *set = load1(body);
	if (!set)
		return strdup("<NULL>");
	struct buf out = BUF_INIT;
	tmpl_render(set, "t", data, &out);
	tmpl_set_free(set);
	return buf_detach(&out, NULL);
}

#define CHECK_RENDER(body, data, want, ...)                                            \
	do {                                                                           \
		char *got_ = render1((body), (data));                                  \
		CHECK_STR(got_, (want), __VA_ARGS__);                                  \
		free(got_);                                                            \
	} while (0)

static void test_values(struct arena *a)
{
	struct tval *d = tv_map(a);
	tv_set_str(a, d, "x", "<a href=\"x\">Tom & 'Jerry'</a>");
	tv_set_int(a, d, "n", -42);
	tv_set_bool(a, d, "yes", true);
	tv_set(d, "h", tv_html(a, "<b>đậm</b>"));
	tv_set_str(a, d, "vi", "Ủy ban nhân dân xã");

	CHECK_RENDER("{{x}}", d, "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;",
		     "all five characters escaped");
	CHECK_RENDER("{{{x}}}", d, "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;",
		     "triple braces still escape a plain string");
	CHECK_RENDER("{{&x}}", d, "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;",
		     "{{&x}} still escapes a plain string");
	CHECK_RENDER("{{{h}}}", d, "<b>đậm</b>", "triple braces emit TV_HTML raw");
	CHECK_RENDER("{{h}}", d, "&lt;b&gt;đậm&lt;/b&gt;", "double braces escape TV_HTML");
	CHECK_RENDER("[{{n}}]", d, "[-42]", "integers render as decimal");
	CHECK_RENDER("{{yes}}", d, "true", "booleans render as true/false");
	CHECK_RENDER("a{{missing}}b{{{missing}}}c", d, "abc", "missing names render empty");
	CHECK_RENDER("{{ vi }}", d, "Ủy ban nhân dân xã", "spaces inside the tag; UTF-8 passes through");
	CHECK_RENDER("x{{! a comment }}y", d, "xy", "comments render nothing");
	CHECK_RENDER("no tags at all\n", d, "no tags at all\n", "plain text");
	CHECK_RENDER("", d, "", "empty template");

	struct tval *big = tv_map(a);
	tv_set_int(a, big, "max", INT64_MAX);
	tv_set_int(a, big, "min", INT64_MIN);
	CHECK_RENDER("{{max}} {{min}}", big, "9223372036854775807 -9223372036854775808", "int64 limits");

	CHECK_RENDER("{{x}}", NULL, "", "NULL data renders missing names empty");
}

static void test_map_api(struct arena *a)
{
	struct tval *m = tv_map(a);
	tv_set_str(a, m, "k", "one");
	tv_set_str(a, m, "k", "two");
	CHECK(tv_len(m) == 1, "tv_set replaces an existing key");
	CHECK(tv_get(m, "nope") == NULL, "tv_get of absent key is NULL");
	struct tval *l = tv_list(a);
	for (int i = 0; i < 100; i++)
		tv_push(l, tv_int(a, i));
	CHECK(tv_len(l) == 100, "lists grow past their first block");
	CHECK(tv_len(NULL) == 0, "tv_len(NULL) is 0");
	for (int i = 0; i < 40; i++) {
		char *key = arena_printf(a, "key%d", i);
		tv_set_int(a, m, key, i);
	}
	CHECK(tv_len(m) == 41, "maps grow");
	struct tval *v = tv_get(m, "key39");
	CHECK(v != NULL, "lookup after growth");
	CHECK_RENDER("{{key0}},{{key39}},{{k}}", m, "0,39,two", "growth keeps every pair");
}

static void test_sections(struct arena *a)
{
	struct tval *d = tv_map(a);
	struct tval *items = tv_list(a);
	for (int i = 1; i <= 3; i++) {
		struct tval *it = tv_map(a);
		tv_set_int(a, it, "id", i);
		tv_set_str(a, it, "title", i == 2 ? "<hai>" : "bài");
		tv_push(items, it);
	}
	tv_set(d, "items", items);
	struct tval *scalars = tv_list(a);
	tv_push(scalars, tv_str(a, "a&b"));
	tv_push(scalars, tv_int(a, 7));
	tv_set(d, "scalars", scalars);
	tv_set(d, "empty", tv_list(a));
	tv_set_bool(a, d, "t", true);
	tv_set_bool(a, d, "f", false);
	tv_set_int(a, d, "zero", 0);
	tv_set_int(a, d, "five", 5);
	tv_set_str(a, d, "blank", "");
	tv_set_str(a, d, "word", "chữ");
	tv_set_str(a, d, "site", "Xã Tân Lập");
	struct tval *author = tv_map(a);
	tv_set_str(a, author, "name", "Lan");
	tv_set(d, "author", author);
	tv_set(d, "nullv", tv_map(a));
	tv_set(d, "nothing", NULL);

	CHECK_RENDER("{{#items}}[{{id}}:{{title}}]{{/items}}", d, "[1:bài][2:&lt;hai&gt;][3:bài]",
		     "section over a list of maps");
	CHECK_RENDER("{{#scalars}}({{.}}){{/scalars}}", d, "(a&amp;b)(7)", "{{.}} is the current item");
	CHECK_RENDER("<{{#empty}}x{{/empty}}>", d, "<>", "empty list is skipped");
	CHECK_RENDER("<{{^empty}}none{{/empty}}>", d, "<none>", "inverted on empty list");
	CHECK_RENDER("{{#t}}T{{/t}}{{#f}}F{{/f}}{{^f}}!F{{/f}}{{^t}}!T{{/t}}", d, "T!F", "booleans");
	CHECK_RENDER("{{#zero}}Z{{/zero}}{{^zero}}!Z{{/zero}}{{#five}}[{{.}}]{{/five}}", d, "!Z[5]",
		     "0 is falsy, other ints render once with the value pushed");
	CHECK_RENDER("{{#blank}}B{{/blank}}{{^blank}}!B{{/blank}}{{#word}}<{{.}}>{{/word}}", d, "!B<chữ>",
		     "empty string is falsy, other strings push themselves");
	CHECK_RENDER("{{#missing}}M{{/missing}}{{^missing}}!M{{/missing}}", d, "!M", "missing is falsy");
	CHECK_RENDER("{{#nothing}}N{{/nothing}}{{^nothing}}!N{{/nothing}}", d, "!N", "NULL value is falsy");
	CHECK_RENDER("{{#author}}{{name}} @ {{site}}{{/author}}", d, "Lan @ Xã Tân Lập",
		     "map section pushes the map; outer names still visible");
	CHECK_RENDER("{{#nullv}}shown{{/nullv}}", d, "shown", "an empty map is truthy");
	CHECK_RENDER("{{author.name}}|{{author.missing}}|{{missing.name}}", d, "Lan||", "dotted names");
	CHECK_RENDER("{{#items}}{{#author}}{{id}}-{{name}} {{/author}}{{/items}}", d, "1-Lan 2-Lan 3-Lan ",
		     "context stack: inner map, then list item, then root");
	CHECK_RENDER("{{#items}}{{author.name}}{{/items}}", d, "LanLanLan",
		     "dotted name's first segment resolved up the stack");

	/* a name found in an inner context hides the outer one */
	struct tval *outer = tv_map(a);
	tv_set_str(a, outer, "name", "outer");
	struct tval *inner = tv_map(a);
	tv_set_str(a, inner, "name", "inner");
	tv_set(outer, "in", inner);
	struct tval *deep = tv_map(a);
	tv_set(inner, "deep", deep);
	CHECK_RENDER("{{name}}{{#in}}/{{name}}{{#deep}}/{{name}}{{/deep}}{{/in}}", outer, "outer/inner/inner",
		     "innermost binding wins");
	CHECK_RENDER("{{#in}}{{#deep}}{{in.name}}{{/deep}}{{/in}}", outer, "inner", "dotted from a deep stack");

	/* nested lists */
	struct tval *rows = tv_list(a);
	for (int r = 0; r < 2; r++) {
		struct tval *row = tv_list(a);
		for (int c = 0; c < 3; c++)
			tv_push(row, tv_int(a, r * 10 + c));
		tv_push(rows, row);
	}
	struct tval *grid = tv_map(a);
	tv_set(grid, "rows", rows);
	CHECK_RENDER("{{#rows}}<{{#.}}{{.}},{{/.}}>{{/rows}}", grid, "<0,1,2,><10,11,12,>", "lists of lists");
}

static void test_standalone(struct arena *a)
{
	struct tval *d = tv_map(a);
	struct tval *l = tv_list(a);
	tv_push(l, tv_str(a, "a"));
	tv_push(l, tv_str(a, "b"));
	tv_set(d, "l", l);
	CHECK_RENDER("<ul>\n  {{#l}}\n  <li>{{.}}</li>\n  {{/l}}\n</ul>\n", d, "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n",
		     "standalone section lines are removed");
	CHECK_RENDER("x\n{{! note }}\ny", d, "x\ny", "standalone comment line removed");
	CHECK_RENDER("<ul>\n  {{#l}}\n    {{#l}}\n  <li>{{.}}</li>\n    {{/l}}\n  {{/l}}\n</ul>", d,
		     "<ul>\n  <li>a</li>\n  <li>b</li>\n  <li>a</li>\n  <li>b</li>\n</ul>",
		     "consecutive standalone lines all removed");
	CHECK_RENDER("a {{#l}}{{.}}{{/l}} b\n", d, "a ab b\n", "inline sections keep their spaces");
	CHECK_RENDER("{{#l}}\r\n{{.}}\r\n{{/l}}\r\n", d, "a\r\nb\r\n", "CRLF standalone lines");
	CHECK_RENDER("x\n  {{^l}}\n  none\n  {{/l}}", d, "x\n", "standalone tag at end of file");
}

static void test_partials(struct arena *a)
{
	struct tfile files[] = {
		{ "page.html", "<main>{{>partials/head}}{{#items}}{{>partials/item}}{{/items}}</main>" },
		{ "partials/head.html", "<h1>{{title}}</h1>" },
		{ "partials/item.html", "<p>{{.}}@{{title}}</p>" },
		{ "loop.html", "x{{>loop}}" },
		{ "a.html", "A{{>b}}" },
		{ "twice.html", "x{{>twice}}{{>twice}}" },
		{ "b.html", "B{{>a}}" },
		{ "missing.html", "[{{>nope}}]" },
		{ "notes.txt", "{{#broken" },
		{ ".hidden.html", "{{#broken" },
	};
	char *err = NULL;
	struct tmpl_set *set = tmpl_set_load(write_set(files, sizeof files / sizeof files[0]), &err);
	CHECK(set != NULL, "set with partials loads (non-.html and hidden files ignored)");
	if (!set) {
		printf("# %s\n", err);
		free(err);
		return;
	}
	CHECK(tmpl_exists(set, "page"), "top-level name");
	CHECK(tmpl_exists(set, "partials/head"), "nested name uses '/'");
	CHECK(!tmpl_exists(set, "partials/head.html"), "name has no .html");
	CHECK(!tmpl_exists(set, "notes"), "non-.html files are not templates");

	struct tval *d = tv_map(a);
	tv_set_str(a, d, "title", "Tin tức");
	struct tval *items = tv_list(a);
	tv_push(items, tv_int(a, 1));
	tv_push(items, tv_int(a, 2));
	tv_set(d, "items", items);
	struct buf out = BUF_INIT;
	CHECK(tmpl_render(set, "page", d, &out) == LOA_OK, "render page");
	CHECK_STR(out.data, "<main><h1>Tin tức</h1><p>1@Tin tức</p><p>2@Tin tức</p></main>",
		  "partials see the caller's context");

	buf_setlen(&out, 0);
	CHECK(tmpl_render(set, "loop", d, &out) == LOA_OK, "self-recursive partial renders");
	CHECK(out.len == 33, "recursion stops at the depth limit (%zu bytes)", out.len);

	buf_setlen(&out, 0);
	tmpl_render(set, "a", d, &out);
	CHECK(out.len > 0 && out.len < 64, "mutual recursion stops too (%zu bytes)", out.len);

	buf_setlen(&out, 0);
	tmpl_render(set, "twice", d, &out);
	CHECK(out.len > 32 && out.len <= 10001, "doubling self-inclusion is cut off (%zu bytes)", out.len);

	buf_setlen(&out, 0);
	tmpl_render(set, "missing", d, &out);
	CHECK_STR(out.data, "[]", "unknown partial renders nothing");

	buf_setlen(&out, 0);
	buf_adds(&out, "keep");
	CHECK(tmpl_render(set, "nope", d, &out) == LOA_NOTFOUND, "missing template -> LOA_NOTFOUND");
	CHECK_STR(out.data, "keep", "missing template appends nothing");
	CHECK(!tmpl_exists(set, "nope"), "tmpl_exists on missing name");
	buf_reset(&out);
	tmpl_set_free(set);
	tmpl_set_free(NULL);
}

/* Loads a broken template and checks that the error names file and line. */
static void expect_error(const char *body, const char *want_line, const char *want_text, const char *what)
{
	struct tfile f[] = { { "ok.html", "fine {{x}}" }, { "sub/bad.html", body } };
	char *err = NULL;
	struct tmpl_set *set = tmpl_set_load(write_set(f, 2), &err);
	CHECK(set == NULL, "%s: load fails", what);
	CHECK(err && strstr(err, "bad.html") && strstr(err, want_line) && strstr(err, want_text),
	      "%s: message '%s'", what, err ? err : "(null)");
	free(err);
	tmpl_set_free(set);
}

static void test_errors(void)
{
	expect_error("a\nb\n{{#sec}}\nno close\n", "bad.html:3:", "unclosed", "unclosed section");
	expect_error("{{#a}}\n{{#b}}\n{{/a}}\n{{/b}}", "bad.html:3:", "does not close", "mismatched close");
	expect_error("x\n\n{{/a}}", "bad.html:3:", "closes no open section", "close without open");
	expect_error("1\n2\n3\n4 {{name", "bad.html:4:", "unterminated", "unterminated {{");
	expect_error("line\n{{{raw}}", "bad.html:2:", "unterminated", "unterminated {{{");
	expect_error("\n{{<x}}", "bad.html:2:", "unknown tag", "unknown tag form");
	expect_error("{{=<% %>=}}", "bad.html:1:", "delimiters", "delimiter change");
	expect_error("a\n{{ }}", "bad.html:2:", "empty tag", "empty tag");
	expect_error("{{a..b}}", "bad.html:1:", "bad name", "empty path segment");
	expect_error("{{a b}}", "bad.html:1:", "bad name", "space inside name");
	expect_error("{{>../etc}}", "bad.html:1:", "bad partial", "partial name with ..");

	char *err = NULL;
	struct tmpl_set *set = tmpl_set_load("/nonexistent-loa-theme-dir", &err);
	CHECK(set == NULL && err && strstr(err, "nonexistent-loa-theme-dir"), "missing directory reported");
	free(err);

	/* deep nesting is refused instead of recursing without bound */
	struct buf deep = BUF_INIT;
	for (int i = 0; i < 200; i++)
		buf_adds(&deep, "{{#a}}");
	for (int i = 0; i < 200; i++)
		buf_adds(&deep, "{{/a}}");
	expect_error(deep.data, "bad.html:1:", "nested too deeply", "nesting limit");
	buf_reset(&deep);

	struct tfile empty[] = { { "sub/x.txt", "" } };
	set = tmpl_set_load(write_set(empty, 1), &err);
	CHECK(set != NULL && !tmpl_exists(set, "x"), "a directory without templates loads as an empty set");
	tmpl_set_free(set);
}

int main(void)
{
	struct arena *a = arena_new();
	test_values(a);
	test_map_api(a);
	test_sections(a);
	test_standalone(a);
	test_partials(a);
	test_errors();
	arena_free(a);
	rm_tree();
	return test_done();
}
