/* test_escape.c — HTML, XML, URL-component and JSON escaping. */
#include <stdlib.h>
#include <string.h>

#include "render/escape.h"
#include "test.h"

typedef void (*esc_fn)(struct buf *, const char *, size_t);

static char *run(esc_fn fn, const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	buf_adds(&b, "[");
	fn(&b, s, n);
	buf_adds(&b, "]");
	return buf_detach(&b, NULL);
}

#define CHECK_ESC(fn, in, want, ...)                                                   \
	do {                                                                           \
		char *got_ = run(fn, (in), sizeof(in) - 1);                            \
		CHECK_STR(got_, (want), __VA_ARGS__);                                  \
		free(got_);                                                            \
	} while (0)

static void test_html(void)
{
	CHECK_ESC(esc_html, "", "[]", "html: empty");
	CHECK_ESC(esc_html, "plain", "[plain]", "html: plain text untouched");
	CHECK_ESC(esc_html, "&<>\"'", "[&amp;&lt;&gt;&quot;&#39;]", "html: all five characters");
	CHECK_ESC(esc_html, "a<b>c&d", "[a&lt;b&gt;c&amp;d]", "html: mixed");
	CHECK_ESC(esc_html, "Thông báo: \"Họp\" lúc 8h", "[Thông báo: &quot;Họp&quot; lúc 8h]",
		  "html: UTF-8 passes through");
	CHECK_ESC(esc_html, "&amp;", "[&amp;amp;]", "html: entities are escaped again");
	char *g = run(esc_html, "a\0<", 3);
	CHECK(memcmp(g, "[a\0&lt;]", 8) == 0, "html: embedded NUL kept, following bytes escaped");
	free(g);
}

static void test_xml(void)
{
	CHECK_ESC(esc_xml, "<a href='x'>&</a>", "[&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;]", "xml: escapes like html");
	CHECK_ESC(esc_xml, "a\x01\x08" "b\tc\nd\re", "[ab\tc\nd\re]", "xml: C0 controls dropped, tab/newline kept");
	CHECK_ESC(esc_xml, "x\xef\xbf\xbey\xef\xbf\xbfz", "[xyz]", "xml: U+FFFE and U+FFFF dropped");
	CHECK_ESC(esc_xml, "ok\xff\xc3(", "[ok(]", "xml: malformed bytes dropped");
	CHECK_ESC(esc_xml, "\xed\xa0\x80!", "[!]", "xml: encoded surrogate dropped");
	CHECK_ESC(esc_xml, "\xc0\xbc", "[]", "xml: overlong '<' dropped");
	CHECK_ESC(esc_xml, "Đà Nẵng 😀", "[Đà Nẵng 😀]", "xml: Vietnamese and astral characters kept");
}

static void test_url(void)
{
	CHECK_ESC(esc_url_component, "abcXYZ019-_.~", "[abcXYZ019-_.~]", "url: unreserved kept");
	CHECK_ESC(esc_url_component, "a b&c=d/e?f#g+h%", "[a%20b%26c%3Dd%2Fe%3Ff%23g%2Bh%25]", "url: reserved encoded");
	CHECK_ESC(esc_url_component, "đường", "[%C4%91%C6%B0%E1%BB%9Dng]", "url: UTF-8 bytes encoded, upper-case hex");
	CHECK_ESC(esc_url_component, "\"<'>", "[%22%3C%27%3E]", "url: html-special characters encoded");
}

static void test_json(void)
{
	CHECK_ESC(esc_json, "say \"hi\"\\", "[say \\\"hi\\\"\\\\]", "json: quote and backslash");
	CHECK_ESC(esc_json, "a\nb\tc\rd\be\ff", "[a\\nb\\tc\\rd\\be\\ff]", "json: short escapes");
	CHECK_ESC(esc_json, "\x01\x1f", "[\\u0001\\u001f]", "json: other controls as \\u00XX");
	CHECK_ESC(esc_json, "</script><!--&", "[\\u003c/script\\u003e\\u003c!--\\u0026]",
		  "json: safe inside <script>");
	CHECK_ESC(esc_json, "x\xe2\x80\xa8y\xe2\x80\xa9z", "[x\\u2028y\\u2029z]", "json: line/paragraph separators");
	CHECK_ESC(esc_json, "Hà Nội / 'ok'", "[Hà Nội / 'ok']", "json: UTF-8 and apostrophe untouched");
	CHECK_ESC(esc_json, "\xe2\x80", "[\xe2\x80]", "json: truncated sequence at end copied as-is");
}

static void test_csv(void)
{
	struct buf b = BUF_INIT;
	esc_csv(&b, "Nguyễn \"Văn\" An");
	CHECK_STR(b.data, "\"Nguyễn \"\"Văn\"\" An\"", "CSV quotes doubled, Vietnamese kept");
	buf_setlen(&b, 0);
	esc_csv(&b, "=HYPERLINK(\"x\")");
	CHECK_STR(b.data, "\"'=HYPERLINK(\"\"x\"\")\"", "CSV formula neutralized");
	buf_setlen(&b, 0);
	esc_csv(&b, "");
	CHECK_STR(b.data, "\"\"", "empty CSV field");
	buf_reset(&b);
}

int main(void)
{
	test_csv();
	test_html();
	test_xml();
	test_url();
	test_json();
	return test_done();
}
