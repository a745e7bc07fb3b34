/* test_wp_body.c — WordPress bodies into loa's HTML (import/wp_body.h):
 * block markup, [caption], block images, other shortcodes, wpautop for
 * classic text, image addresses under the uploads folder; and the result
 * through the sanitizer as the importer stores it. */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/status.h"
#include "import/wp_body.h"
#include "render/sanitize.h"
#include "test.h"

static const char *const sites[] = {"http://xa.example", "https://xa.example"};
static const char *const prefixes[] = {"http://xa.example/wp-content/uploads/", "https://xa.example/wp-content/uploads/",
				       "/wp-content/uploads/"};

/* The caller's side: every upload but "khong-co.jpg" moves to /media/wp/. */
static const char *moved(void *ctx, const char *rel)
{
	static char out[8][256];
	static int k;
	(void)ctx;
	if (strstr(rel, "khong-co"))
		return NULL;
	k = (k + 1) % 8;
	snprintf(out[k], sizeof out[k], "/media/wp/%s", rel);
	return out[k];
}

static struct wp_body_stats st;

static const char *conv(const char *in)
{
	static char out[8192];
	struct buf b = BUF_INIT;
	struct wp_body_opts o = {prefixes, 3, moved, NULL, sites, 2};
	wp_body_convert(&b, in, strlen(in), &o, &st);
	snprintf(out, sizeof out, "%s", b.data);
	buf_reset(&b);
	return out;
}

static const char *stored(const char *in)
{
	static char out[8192];
	struct buf b = BUF_INIT, c = BUF_INIT;
	struct wp_body_opts o = {prefixes, 3, moved, NULL};
	wp_body_convert(&b, in, strlen(in), &o, NULL);
	if (sanitize_body(&c, b.data, b.len, NULL, NULL) != LOA_OK)
		buf_adds(&c, "(refused)");
	snprintf(out, sizeof out, "%s", c.data);
	buf_reset(&b);
	buf_reset(&c);
	return out;
}

static void test_blocks(void)
{
	memset(&st, 0, sizeof st);
	CHECK_STR(conv("<!-- wp:paragraph -->\n<p>Một</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:paragraph {\"align\":\"center\"} -->\n<p>Hai</p>\n<!-- /wp:paragraph -->"),
		  "\n<p>Một</p>\n\n\n\n<p>Hai</p>\n", "block comments go, their content stays, no autop");
	CHECK(st.blocks == 4, "four block comments counted (%lld)", (long long)st.blocks);
	CHECK_STR(conv("<!-- a note --><p>x</p>"), "<!-- a note --><p>x</p>\n", "other comments are the sanitizer's");
	CHECK_STR(stored("<!-- wp:image {\"id\":202} -->\n<figure class=\"wp-block-image size-large\"><img src=\"http://xa.example/wp-content/uploads/2023/05/cau-moi-1024x683.png\" alt=\"Cầu\" class=\"wp-image-202\" srcset=\"http://xa.example/wp-content/uploads/2023/05/cau-moi-300x200.png 300w\" sizes=\"(max-width: 1024px) 100vw\"/><figcaption>Cầu mới</figcaption></figure>\n<!-- /wp:image -->"),
		  "\n<figure><img src=\"/media/wp/2023/05/cau-moi-1024x683.png\" alt=\"Cầu\" loading=\"lazy\"><figcaption>Cầu mới</figcaption></figure>\n",
		  "a block image: loa's figure, the new address, old sizes dropped");
}

static void test_captions(void)
{
	memset(&st, 0, sizeof st);
	CHECK_STR(conv("[caption id=\"attachment_7\" align=\"aligncenter\" width=\"300\"]<img class=\"size-medium\" src=\"/wp-content/uploads/2023/05/a.jpg\" alt=\"A\" width=\"300\" height=\"200\" /> Chú thích ảnh[/caption]"),
		  "<figure><img src=\"/media/wp/2023/05/a.jpg\" alt=\"A\"><figcaption>Chú thích ảnh</figcaption></figure>\n",
		  "[caption] becomes a figure, a block of its own");
	CHECK(st.captions == 1 && st.images == 1, "counted");
	CHECK_STR(stored("[caption id=\"attachment_7\" align=\"alignnone\" width=\"300\"]<a href=\"http://xa.example/wp-content/uploads/2023/05/a.jpg\"><img src=\"http://xa.example/wp-content/uploads/2023/05/a-300x200.jpg\" alt=\"\" /></a> Đường làng[/caption]\n\nĐoạn sau."),
		  "<figure><a href=\"/media/wp/2023/05/a.jpg\"><img src=\"/media/wp/2023/05/a-300x200.jpg\" alt=\"\" loading=\"lazy\"></a><figcaption>Đường làng</figcaption></figure>\n<p>Đoạn sau.</p>\n",
		  "an image in a link, both addresses moved");
	CHECK_STR(conv("[caption id=\"x\" caption=\"Từ thuộc tính\"]<img src=\"x.jpg\">[/caption]"),
		  "<figure><img src=\"x.jpg\"><figcaption>Từ thuộc tính</figcaption></figure>\n", "the old caption attribute");
	CHECK_STR(conv("[caption id=\"x\"]chỉ chữ[/caption]"), "<p>chỉ chữ</p>\n", "a caption without an image keeps its text");
	CHECK_STR(conv("[caption id=\"x\"]<img src=\"a.jpg\"> không đóng"), "<p><img src=\"a.jpg\"> không đóng</p>\n",
		  "an unclosed caption: the tag dropped as a shortcode, the rest kept");
}

static void test_shortcodes(void)
{
	memset(&st, 0, sizeof st);
	CHECK_STR(conv("Trước [gallery ids=\"1,2,3\"] sau"), "<p>Trước  sau</p>\n", "a gallery removed");
	CHECK_STR(conv("[embed]https://youtu.be/x[/embed]"), "<p>https://youtu.be/x</p>\n", "enclosed text kept");
	CHECK_STR(conv("[Xem thêm] và [1] và [ghi chú]"), "<p>[Xem thêm] và [1] và [ghi chú]</p>\n", "brackets in text stay");
	CHECK_STR(conv("[note]có đóng[/note]"), "<p>có đóng</p>\n", "an unknown shortcode with its close");
	CHECK(st.shortcodes == 3, "three counted (%lld)", (long long)st.shortcodes);
}

static void test_autop(void)
{
	CHECK_STR(conv("Dòng một\nDòng hai\n\nĐoạn hai\r\n\r\n<h2>Tiêu đề</h2>\n\n<ul>\n<li>a</li>\n</ul>"),
		  "<p>Dòng một<br>\nDòng hai</p>\n<p>Đoạn hai</p>\n<h2>Tiêu đề</h2>\n<ul>\n<li>a</li>\n</ul>\n",
		  "blank lines make paragraphs, single newlines breaks, blocks left");
	CHECK_STR(conv("<pre>a\n\nb</pre>"), "<pre>a\n\nb</pre>\n", "a pre is not split");
	CHECK_STR(conv(""), "", "empty");
}

static void test_images(void)
{
	CHECK_STR(conv("<p><img src=\"http://xa.example/wp-content/uploads/khong-co.jpg\" width=\"10\"></p>"),
		  "<p><img src=\"http://xa.example/wp-content/uploads/khong-co.jpg\" width=\"10\"></p>\n",
		  "an image the caller could not bring stays as it was");
	CHECK_STR(conv("<p><img src=\"http://other.example/wp-content/uploads/a.jpg\"></p>"),
		  "<p><img src=\"http://other.example/wp-content/uploads/a.jpg\"></p>\n", "another site's image is left");
	memset(&st, 0, sizeof st);
	CHECK_STR(conv("<p><a href=\"http://xa.example/2023/05/20/bai/\">a</a> <a href=\"HTTPS://XA.example?p=3\">b</a> "
		       "<a href=\"http://xa.example\">c</a> <a href=\"http://xa.example.vn/x\">d</a></p>"),
		  "<p><a href=\"/2023/05/20/bai/\">a</a> <a href=\"/?p=3\">b</a> <a href=\"/\">c</a> "
		  "<a href=\"http://xa.example.vn/x\">d</a></p>\n",
		  "links to the old site become paths here, others stay");
	CHECK(st.links == 3, "three links counted (%lld)", (long long)st.links);
	CHECK_STR(conv("<p><a href=\"http://xa.example/wp-content/uploads/2023/bien-ban.pdf\">Biên bản</a></p>"),
		  "<p><a href=\"http://xa.example/wp-content/uploads/2023/bien-ban.pdf\">Biên bản</a></p>\n",
		  "a link to an upload that is not an image stays");
	CHECK_STR(conv("<p><a href=\"/wp-content/uploads/2023/bien-ban.pdf\">Biên bản</a></p>"),
		  "<p><a href=\"/wp-content/uploads/2023/bien-ban.pdf\">Biên bản</a></p>\n", "a link to a PDF is left");
	CHECK_STR(conv("<p><IMG SRC='/wp-content/uploads/b.png' alt='say \"hi\"'></p>"),
		  "<p><IMG SRC=\"/media/wp/b.png\" alt=\"say &quot;hi&quot;\"></p>\n", "single quotes and upper case");
	CHECK_STR(conv("<p><img src=\"/wp-content/uploads/"), "<p><img src=\"/wp-content/uploads/\n",
		  "a cut tag passes through");
}

int main(void)
{
	test_blocks();
	test_captions();
	test_shortcodes();
	test_autop();
	test_images();
	return test_done();
}
