/* test_wxr.c — the WXR reader (import/wxr.h) over the WordPress fixtures:
 * the channel, authors, the category tree, tags and every item with its
 * fields, terms, postmeta and comments; and each hostile or broken file
 * refused with its reason: XXE, billion laughs, a truncated file, a file
 * that is not WXR, a text node over the bound. */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/status.h"
#include "import/wxr.h"
#include "test.h"

#define FIX "tests/fixtures/wordpress/"

struct seen {
	int authors, categories, tags, items;
	char base[128], thoi_su_parent[32], author2[64];
	int sticky_101, comments_101, terms_101, approved_101;
	int64_t thumb_101;
	bool block_101, caption_102, page_parent_110;
	char name_102[128], alt_201[64], att_201[128], date_gmt_101[32];
};

static int on_channel(void *ctx, const struct wxr_channel *c)
{
	struct seen *s = ctx;
	snprintf(s->base, sizeof s->base, "%s|%s", c->base_site_url, c->version);
	return LOA_OK;
}

static int on_author(void *ctx, const struct wxr_author *a)
{
	struct seen *s = ctx;
	if (++s->authors == 2)
		snprintf(s->author2, sizeof s->author2, "%lld %s %s", (long long)a->id, a->login, a->display_name);
	return LOA_OK;
}

static int on_category(void *ctx, const struct wxr_term *t)
{
	struct seen *s = ctx;
	s->categories++;
	if (strcmp(t->slug, "thoi-su") == 0)
		snprintf(s->thoi_su_parent, sizeof s->thoi_su_parent, "%s", t->parent);
	return LOA_OK;
}

static int on_tag(void *ctx, const struct wxr_term *t)
{
	(void)t;
	((struct seen *)ctx)->tags++;
	return LOA_OK;
}

static int on_item(void *ctx, const struct wxr_item *it)
{
	struct seen *s = ctx;
	s->items++;
	if (it->post_id == 101) {
		s->sticky_101 = it->sticky;
		s->thumb_101 = it->thumbnail_id;
		s->comments_101 = (int)it->ncomments;
		s->terms_101 = (int)it->nterms;
		for (size_t i = 0; i < it->ncomments; i++)
			s->approved_101 += strcmp(it->comments[i].approved, "1") == 0;
		s->block_101 = strstr(it->content, "<!-- wp:image") != NULL;
		snprintf(s->date_gmt_101, sizeof s->date_gmt_101, "%s", it->date_gmt);
	} else if (it->post_id == 102) {
		s->caption_102 = strstr(it->content, "[caption id=\"attachment_202\"") != NULL;
		snprintf(s->name_102, sizeof s->name_102, "%s", it->name);
	} else if (it->post_id == 110) {
		s->page_parent_110 = it->parent == 106 && strcmp(it->type, "page") == 0;
	} else if (it->post_id == 201) {
		snprintf(s->alt_201, sizeof s->alt_201, "%s", it->image_alt);
		snprintf(s->att_201, sizeof s->att_201, "%s", it->attachment_url);
	}
	return LOA_OK;
}

static struct wxr_sink sink_of(struct seen *s)
{
	return (struct wxr_sink){s, on_channel, on_author, on_category, on_tag, on_item};
}

static void test_export(void)
{
	struct seen s = {0};
	struct wxr_sink sink = sink_of(&s);
	char *err = NULL;
	int rc = wxr_read_file(FIX "export.xml", &sink, &err);
	CHECK(rc == LOA_OK, "the export reads (%s)", err ? err : "ok");
	free(err);
	CHECK_STR(s.base, "http://xahoalacson.example|1.2", "channel: base URL and version");
	CHECK(s.authors == 2 && s.categories == 5 && s.tags == 2 && s.items == 13, "2 authors, 5 categories, 2 tags, 13 items");
	CHECK_STR(s.author2, "2 thuha Lê Thu Hà", "an author");
	CHECK_STR(s.thoi_su_parent, "tin-tuc", "a category's parent");
	CHECK(s.sticky_101 && s.thumb_101 == 201, "sticky and featured image");
	CHECK(s.comments_101 == 5 && s.approved_101 == 3 && s.terms_101 == 2, "comments and terms of an item");
	CHECK(s.block_101 && s.caption_102, "bodies read whole from CDATA");
	CHECK_STR(s.date_gmt_101, "2023-05-20 02:00:00", "the UTC date");
	CHECK_STR(s.name_102, "c%e1%ba%a7u-m%e1%bb%9bi-b%e1%ba%afc-qua-s%c3%b4ng-%c4%91%c3%a1y", "post_name as written");
	CHECK(s.page_parent_110, "a page's parent");
	CHECK_STR(s.alt_201, "Trường tiểu học mới", "an attachment's alt from its postmeta");
	CHECK_STR(s.att_201, "http://xahoalacson.example/wp-content/uploads/2024/01/truong-hoc-moi.jpg", "its file's URL");
}

static void refused(const char *file, const char *why_part, const char *name)
{
	struct seen s = {0};
	struct wxr_sink sink = sink_of(&s);
	char *err = NULL;
	int rc = wxr_read_file(file, &sink, &err);
	CHECK(rc == LOA_INVALID && err && strstr(err, why_part), "%s refused: %s", name, err ? err : "(no message)");
	free(err);
}

static int stop_at_first(void *ctx, const struct wxr_item *it)
{
	(void)ctx, (void)it;
	return LOA_CONFLICT;
}

/* A WXR document whose one body is `parts` CDATA sections of lines*64 bytes. */
static int big_body(int parts, int lines, char **err)
{
	struct buf b = BUF_INIT;
	struct wxr_sink sink = {0};
	buf_adds(&b, "<?xml version=\"1.0\"?><rss xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><item>"
		     "<content:encoded>");
	for (int k = 0; k < parts; k++) {
		buf_adds(&b, "<![CDATA[");
		for (int i = 0; i < lines; i++)
			buf_adds(&b, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
		buf_adds(&b, "]]>");
	}
	buf_adds(&b, "</content:encoded></item></channel></rss>");
	int rc = wxr_read_memory(b.data, b.len, &sink, err);
	buf_reset(&b);
	return rc;
}

static void test_hostile(void)
{
	refused(FIX "xxe.xml", "DOCTYPE", "XXE");
	refused(FIX "billion-laughs.xml", "billion laughs", "billion laughs");
	refused(FIX "truncated.xml", "cắt cụt", "a truncated file");
	refused(FIX "not-wxr.xml", "không phải tệp xuất của WordPress", "a file that is not WXR");
	char *err = NULL;
	struct wxr_sink sink = {0};
	CHECK(wxr_read_file(FIX "khong-co.xml", &sink, &err) == LOA_NOTFOUND && err && strstr(err, "không mở được"),
	      "a missing file");
	free(err);
	err = NULL;

	/* a body over WXR_MAX_BODY (two CDATA sections below libxml2's own 10 MB) */
	CHECK(big_body(2, 9 << 13, &err) == LOA_INVALID && err && strstr(err, "dài quá"), "a 9 MB body refused: %s",
	      err ? err : "");
	free(err);
	err = NULL;
	/* a node past libxml2's limit (a "1 GB node" is refused at 10 MB) */
	CHECK(big_body(1, 11 << 14, &err) == LOA_INVALID && err && strstr(err, "giới hạn"), "an 11 MB node refused: %s",
	      err ? err : "");
	free(err);
	err = NULL;

	struct wxr_sink stop = {.item = stop_at_first};
	CHECK(wxr_read_file(FIX "export.xml", &stop, &err) == LOA_CONFLICT && !err, "a callback's status stops the reading");
}

int main(void)
{
	test_export();
	test_hostile();
	return test_done();
}
