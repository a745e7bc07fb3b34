/* wxr.c — see wxr.h.
 *
 * How it is built: one loop over xmlTextReaderRead. A stack of the open
 * elements (namespace kind and local name) says where the reader is; an
 * element whose text is a field starts a capture into `text`, bounded by
 * that field's limit, and its end element stores the text where it
 * belongs. A record (author, term, item) is cleared when it starts and
 * handed to the sink when it ends; its strings live in `rec`, an arena
 * cleared per record, the channel's in `chan`, kept for the whole read. */
#include "import/wxr.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/num.h"
#include "core/status.h"

#define STACK_MAX 12

enum ns { NS_NONE, NS_WP, NS_EXCERPT, NS_CONTENT, NS_DC, NS_OTHER };
enum rec { R_NONE, R_AUTHOR, R_CATEGORY, R_TAG, R_ITEM };

struct frame {
	int ns;
	char local[32]; /* "" when longer: never one we read */
};

struct rd {
	xmlTextReaderPtr x;
	const struct wxr_sink *sink;
	struct arena *chan, *rec;
	struct frame stack[STACK_MAX];
	int depth;             /* open elements; stack holds the first STACK_MAX */
	int rec_kind;          /* enum rec */
	int sub;               /* inside an item: 1 postmeta, 2 comment */
	bool capturing;
	size_t cap_max;
	struct buf text;
	struct wxr_channel ch;
	bool channel_sent, saw_rss, saw_channel;
	struct wxr_author au;
	struct wxr_term term;
	struct wxr_item it;
	size_t terms_cap, comments_cap;
	struct wxr_comment cm;
	const char *meta_key, *meta_value;
	struct wxr_item_term iterm;
	int64_t items, terms;
	int status;            /* LOA_OK until something stops the reading */
	char *err;             /* the first message */
	int xml_line;          /* of libxml's first error */
	char *xml_msg;
};

static void fail(struct rd *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fail(struct rd *r, const char *fmt, ...)
{
	if (r->status != LOA_OK)
		return;
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	int line = r->xml_msg ? 0 : r->x ? xmlTextReaderGetParserLineNumber(r->x) : 0;
	if (line > 0)
		buf_addf(&b, " (dòng %d)", line);
	r->err = buf_detach(&b, NULL);
	r->status = LOA_INVALID;
}

static void on_xml_error(void *arg, xmlErrorPtr e)
{
	struct rd *r = arg;
	if (r->xml_msg || !e || e->level < XML_ERR_ERROR)
		return;
	struct buf b = BUF_INIT;
	buf_adds(&b, e->message ? e->message : "");
	while (b.len && (b.data[b.len - 1] == '\n' || b.data[b.len - 1] == ' '))
		buf_setlen(&b, b.len - 1);
	r->xml_msg = buf_detach(&b, NULL);
	r->xml_line = e->line;
}

static int ns_kind(const char *uri)
{
	if (!uri || !*uri)
		return NS_NONE;
	if (strncmp(uri, "http://wordpress.org/export/", 28) == 0) {
		size_t n = strlen(uri);
		return n >= 9 && strcmp(uri + n - 9, "/excerpt/") == 0 ? NS_EXCERPT : NS_WP;
	}
	if (strcmp(uri, "http://purl.org/rss/1.0/modules/content/") == 0)
		return NS_CONTENT;
	if (strcmp(uri, "http://purl.org/dc/elements/1.1/") == 0)
		return NS_DC;
	return NS_OTHER;
}

static bool is(const struct frame *f, int ns, const char *local)
{
	return f->ns == ns && strcmp(f->local, local) == 0;
}

static void capture(struct rd *r, size_t max)
{
	r->capturing = true;
	r->cap_max = max;
	buf_setlen(&r->text, 0);
}

static const char *take(struct rd *r, struct arena *a)
{
	r->capturing = false;
	return arena_strndup(a, r->text.data, r->text.len);
}

static int64_t take_i64(struct rd *r)
{
	r->capturing = false;
	const char *s = r->text.data;
	while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	char tmp[24];
	int64_t v = 0;
	if (n && n < sizeof tmp) {
		memcpy(tmp, s, n);
		tmp[n] = '\0';
		if (!num_parse_i64(tmp, INT64_MIN / 2, INT64_MAX / 2, &v))
			v = 0;
	}
	return v;
}

static const char *attr(struct rd *r, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttribute(r->x, (const xmlChar *)name);
	if (!v)
		return "";
	size_t n = strlen((const char *)v);
	const char *s = arena_strndup(r->rec, (const char *)v, n > WXR_MAX_FIELD ? WXR_MAX_FIELD : n);
	xmlFree(v);
	return s;
}

static void send_channel(struct rd *r)
{
	if (r->channel_sent)
		return;
	r->channel_sent = true;
	if (r->status == LOA_OK && r->sink->channel)
		r->status = r->sink->channel(r->sink->ctx, &r->ch);
}

static void item_reset(struct rd *r)
{
	arena_clear(r->rec);
	memset(&r->it, 0, sizeof r->it);
	struct wxr_item *it = &r->it;
	it->title = it->link = it->guid = it->creator = it->content = it->excerpt = "";
	it->date = it->date_gmt = it->name = it->status = it->type = it->attachment_url = it->image_alt = "";
	r->terms_cap = r->comments_cap = 0;
	r->sub = 0;
}

/* An element opens at depth r->depth (its frame is on the stack). */
static void start(struct rd *r, const struct frame *f)
{
	int d = r->depth;
	if (d == 1) {
		if (!is(f, NS_NONE, "rss"))
			fail(r, "không phải tệp xuất của WordPress (WXR): phần tử gốc là <%s>, không phải <rss>", f->local);
		r->saw_rss = true;
		return;
	}
	if (d == 2) {
		if (is(f, NS_NONE, "channel"))
			r->saw_channel = true;
		return;
	}
	if (d == 3) {
		if (is(f, NS_WP, "author") || is(f, NS_WP, "category") || is(f, NS_WP, "tag") || is(f, NS_NONE, "item")) {
			send_channel(r);
			arena_clear(r->rec);
			if (is(f, NS_NONE, "item")) {
				if (++r->items > WXR_MAX_ITEMS)
					fail(r, "tệp có hơn %d mục <item>", WXR_MAX_ITEMS);
				item_reset(r);
				r->rec_kind = R_ITEM;
			} else if (is(f, NS_WP, "author")) {
				r->au = (struct wxr_author){.login = "", .display_name = ""};
				r->rec_kind = R_AUTHOR;
			} else {
				if (++r->terms > WXR_MAX_TERMS)
					fail(r, "tệp có hơn %d chuyên mục và thẻ", WXR_MAX_TERMS);
				r->term = (struct wxr_term){.slug = "", .parent = "", .name = ""};
				r->rec_kind = is(f, NS_WP, "tag") ? R_TAG : R_CATEGORY;
			}
		} else if (!r->channel_sent && (f->ns == NS_NONE || f->ns == NS_WP)) {
			capture(r, WXR_MAX_FIELD);
		}
		return;
	}
	if (r->rec_kind == R_ITEM && d == 4) {
		if (is(f, NS_WP, "postmeta")) {
			r->sub = 1;
			r->meta_key = r->meta_value = "";
		} else if (is(f, NS_WP, "comment")) {
			if (r->it.ncomments >= WXR_MAX_COMMENTS)
				fail(r, "một bài có hơn %d bình luận", WXR_MAX_COMMENTS);
			r->sub = 2;
			r->cm = (struct wxr_comment){.author = "", .date = "", .date_gmt = "", .content = "",
						     .approved = "", .type = ""};
		} else if (is(f, NS_NONE, "category")) {
			r->iterm = (struct wxr_item_term){.domain = attr(r, "domain"), .slug = attr(r, "nicename"), .name = ""};
			capture(r, WXR_MAX_FIELD);
		} else if (is(f, NS_CONTENT, "encoded") || is(f, NS_EXCERPT, "encoded")) {
			capture(r, WXR_MAX_BODY);
		} else if (f->ns != NS_OTHER) {
			capture(r, WXR_MAX_FIELD);
		}
		return;
	}
	if (r->rec_kind == R_ITEM && d == 5 && r->sub) {
		capture(r, r->sub == 2 && is(f, NS_WP, "comment_content") ? WXR_MAX_COMMENT : WXR_MAX_FIELD);
		return;
	}
	if ((r->rec_kind == R_AUTHOR || r->rec_kind == R_CATEGORY || r->rec_kind == R_TAG) && d == 4)
		capture(r, WXR_MAX_FIELD);
}

static void end_channel_field(struct rd *r, const struct frame *f)
{
	struct arena *a = r->chan;
	if (is(f, NS_NONE, "title"))
		r->ch.title = take(r, a);
	else if (is(f, NS_NONE, "link"))
		r->ch.link = take(r, a);
	else if (is(f, NS_WP, "base_site_url"))
		r->ch.base_site_url = take(r, a);
	else if (is(f, NS_WP, "base_blog_url"))
		r->ch.base_blog_url = take(r, a);
	else if (is(f, NS_WP, "wxr_version"))
		r->ch.version = take(r, a);
	r->capturing = false;
}

static void end_item_field(struct rd *r, const struct frame *f)
{
	struct wxr_item *it = &r->it;
	struct arena *a = r->rec;
	if (is(f, NS_NONE, "title"))
		it->title = take(r, a);
	else if (is(f, NS_NONE, "link"))
		it->link = take(r, a);
	else if (is(f, NS_NONE, "guid"))
		it->guid = take(r, a);
	else if (is(f, NS_DC, "creator"))
		it->creator = take(r, a);
	else if (is(f, NS_CONTENT, "encoded"))
		it->content = take(r, a);
	else if (is(f, NS_EXCERPT, "encoded"))
		it->excerpt = take(r, a);
	else if (is(f, NS_WP, "post_id"))
		it->post_id = take_i64(r);
	else if (is(f, NS_WP, "post_parent"))
		it->parent = take_i64(r);
	else if (is(f, NS_WP, "menu_order"))
		it->menu_order = (int)take_i64(r);
	else if (is(f, NS_WP, "is_sticky"))
		it->sticky = take_i64(r) != 0;
	else if (is(f, NS_WP, "post_date"))
		it->date = take(r, a);
	else if (is(f, NS_WP, "post_date_gmt"))
		it->date_gmt = take(r, a);
	else if (is(f, NS_WP, "post_name"))
		it->name = take(r, a);
	else if (is(f, NS_WP, "status"))
		it->status = take(r, a);
	else if (is(f, NS_WP, "post_type"))
		it->type = take(r, a);
	else if (is(f, NS_WP, "attachment_url"))
		it->attachment_url = take(r, a);
	else if (is(f, NS_NONE, "category")) {
		r->iterm.name = take(r, a);
		if (it->nterms >= WXR_MAX_ITEM_TERMS) {
			fail(r, "một mục có hơn %d chuyên mục và thẻ", WXR_MAX_ITEM_TERMS);
			return;
		}
		it->terms = arena_grow_array(a, it->terms, &r->terms_cap, it->nterms, sizeof *it->terms);
		it->terms[it->nterms++] = r->iterm;
	}
	r->capturing = false;
}

static void end_sub_field(struct rd *r, const struct frame *f)
{
	struct arena *a = r->rec;
	if (r->sub == 1) {
		if (is(f, NS_WP, "meta_key"))
			r->meta_key = take(r, a);
		else if (is(f, NS_WP, "meta_value"))
			r->meta_value = take(r, a);
	} else {
		struct wxr_comment *c = &r->cm;
		if (is(f, NS_WP, "comment_id"))
			c->id = take_i64(r);
		else if (is(f, NS_WP, "comment_parent"))
			c->parent = take_i64(r);
		else if (is(f, NS_WP, "comment_user_id"))
			c->user_id = take_i64(r);
		else if (is(f, NS_WP, "comment_author"))
			c->author = take(r, a);
		else if (is(f, NS_WP, "comment_date"))
			c->date = take(r, a);
		else if (is(f, NS_WP, "comment_date_gmt"))
			c->date_gmt = take(r, a);
		else if (is(f, NS_WP, "comment_content"))
			c->content = take(r, a);
		else if (is(f, NS_WP, "comment_approved"))
			c->approved = take(r, a);
		else if (is(f, NS_WP, "comment_type"))
			c->type = take(r, a);
	}
	r->capturing = false;
}

/* The postmeta that matter: the featured image and an attachment's alt. */
static void end_postmeta(struct rd *r)
{
	if (strcmp(r->meta_key, "_thumbnail_id") == 0) {
		int64_t v;
		r->it.thumbnail_id = num_parse_i64(r->meta_value, 1, INT64_MAX / 2, &v) ? v : 0;
	} else if (strcmp(r->meta_key, "_wp_attachment_image_alt") == 0) {
		r->it.image_alt = r->meta_value;
	}
}

static void end_term_field(struct rd *r, const struct frame *f)
{
	struct arena *a = r->rec;
	if (r->rec_kind == R_AUTHOR) {
		if (is(f, NS_WP, "author_id"))
			r->au.id = take_i64(r);
		else if (is(f, NS_WP, "author_login"))
			r->au.login = take(r, a);
		else if (is(f, NS_WP, "author_display_name"))
			r->au.display_name = take(r, a);
	} else if (is(f, NS_WP, "term_id")) {
		r->term.id = take_i64(r);
	} else if (is(f, NS_WP, "category_nicename") || is(f, NS_WP, "tag_slug")) {
		r->term.slug = take(r, a);
	} else if (is(f, NS_WP, "category_parent")) {
		r->term.parent = take(r, a);
	} else if (is(f, NS_WP, "cat_name") || is(f, NS_WP, "tag_name")) {
		r->term.name = take(r, a);
	}
	r->capturing = false;
}

/* The element at depth r->depth closes (its frame still on the stack). */
static void end(struct rd *r, const struct frame *f)
{
	int d = r->depth;
	if (d == 3 && r->rec_kind != R_NONE) {
		const struct wxr_sink *s = r->sink;
		int rc = LOA_OK;
		if (r->status != LOA_OK)
			return;
		if (r->rec_kind == R_ITEM && s->item)
			rc = s->item(s->ctx, &r->it);
		else if (r->rec_kind == R_AUTHOR && s->author)
			rc = s->author(s->ctx, &r->au);
		else if (r->rec_kind == R_CATEGORY && s->category)
			rc = s->category(s->ctx, &r->term);
		else if (r->rec_kind == R_TAG && s->tag)
			rc = s->tag(s->ctx, &r->term);
		r->status = rc;
		r->rec_kind = R_NONE;
		return;
	}
	if (d == 3 && r->capturing) {
		end_channel_field(r, f);
	} else if (d == 2 && is(f, NS_NONE, "channel")) {
		send_channel(r);
	} else if (r->rec_kind == R_ITEM && d == 4) {
		if (r->sub == 1) {
			end_postmeta(r);
			r->sub = 0;
		} else if (r->sub == 2) {
			struct wxr_item *it = &r->it;
			it->comments = arena_grow_array(r->rec, it->comments, &r->comments_cap, it->ncomments, sizeof *it->comments);
			it->comments[it->ncomments++] = r->cm;
			r->sub = 0;
		} else if (r->capturing) {
			end_item_field(r, f);
		}
	} else if (r->rec_kind == R_ITEM && d == 5 && r->capturing) {
		end_sub_field(r, f);
	} else if (d == 4 && r->capturing) {
		end_term_field(r, f);
	}
	r->capturing = false;
}

static void add_text(struct rd *r)
{
	if (!r->capturing)
		return;
	const char *v = (const char *)xmlTextReaderConstValue(r->x);
	size_t n = v ? strlen(v) : 0;
	if (r->text.len + n > r->cap_max) {
		const struct frame *f = &r->stack[(r->depth < STACK_MAX ? r->depth : STACK_MAX) - 1];
		fail(r, "nội dung của <%s> dài quá %zu byte", f->local, r->cap_max);
		return;
	}
	buf_add(&r->text, v, n);
}

static void push(struct rd *r)
{
	r->depth++;
	if (r->depth > STACK_MAX)
		return;
	struct frame *f = &r->stack[r->depth - 1];
	f->ns = ns_kind((const char *)xmlTextReaderConstNamespaceUri(r->x));
	const char *local = (const char *)xmlTextReaderConstLocalName(r->x);
	size_t n = local ? strlen(local) : 0;
	if (n < sizeof f->local) {
		memcpy(f->local, local ? local : "", n);
		f->local[n] = '\0';
	} else {
		f->local[0] = '\0';
	}
	start(r, f);
}

static void pop(struct rd *r)
{
	if (r->depth <= STACK_MAX)
		end(r, &r->stack[r->depth - 1]);
	r->depth--;
}

static int run(struct rd *r, const struct wxr_sink *sink, char **err)
{
	int rc = 0;
	r->sink = sink;
	r->chan = arena_new();
	r->rec = arena_new();
	buf_init(&r->text);
	r->ch = (struct wxr_channel){.title = "", .link = "", .base_site_url = "", .base_blog_url = "", .version = ""};
	xmlTextReaderSetStructuredErrorHandler(r->x, on_xml_error, r);
	while (r->status == LOA_OK && (rc = xmlTextReaderRead(r->x)) == 1) {
		switch (xmlTextReaderNodeType(r->x)) {
		case XML_READER_TYPE_DOCUMENT_TYPE:
			fail(r, "tệp có khai báo DOCTYPE, nơi có thể chứa thực thể ngoài (XXE) hoặc thực thể lồng nhau "
				"(billion laughs); tệp xuất của WordPress không có khai báo này nên tệp bị từ chối");
			break;
		case XML_READER_TYPE_ENTITY_REFERENCE:
		case XML_READER_TYPE_ENTITY:
			fail(r, "tệp dùng thực thể XML tự khai báo; tệp bị từ chối để không mở rộng thực thể");
			break;
		case XML_READER_TYPE_ELEMENT: {
			bool empty = xmlTextReaderIsEmptyElement(r->x) == 1;
			push(r);
			if (empty)
				pop(r);
			break;
		}
		case XML_READER_TYPE_END_ELEMENT:
			pop(r);
			break;
		case XML_READER_TYPE_TEXT:
		case XML_READER_TYPE_CDATA:
		case XML_READER_TYPE_WHITESPACE:
		case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
			add_text(r);
			break;
		default:
			break;
		}
	}
	if (r->status == LOA_OK && rc != 0) {
		if (r->xml_msg && strcasestr(r->xml_msg, "huge"))
			fail(r, "tệp có một nút văn bản lớn quá giới hạn của trình đọc XML (dòng %d); tệp bị từ chối",
			     r->xml_line);
		else if (r->xml_msg && strcasestr(r->xml_msg, "entit"))
			fail(r, "tệp dùng thực thể XML tự khai báo (dấu hiệu của tấn công XXE hay billion laughs, "
				"dòng %d); tệp bị từ chối", r->xml_line);
		else if (r->xml_msg)
			fail(r, "tệp XML hỏng hoặc bị cắt cụt (dòng %d; chi tiết từ trình đọc XML: %s)", r->xml_line,
			     r->xml_msg);
		else
			fail(r, "tệp XML hỏng hoặc bị cắt cụt");
	}
	if (r->status == LOA_OK && (!r->saw_rss || !r->saw_channel))
		fail(r, "không phải tệp xuất của WordPress (WXR): thiếu <rss><channel>");
	if (r->status == LOA_OK && r->depth != 0)
		fail(r, "tệp XML bị cắt cụt");
	if (r->err) {
		*err = r->err;
		r->err = NULL;
	}
	rc = r->status;
	xmlFreeTextReader(r->x);
	free(r->xml_msg);
	buf_reset(&r->text);
	arena_free(r->chan);
	arena_free(r->rec);
	return rc;
}

/* No network, no entity substitution, no DTD: the defaults of libxml2
 * without NOENT, DTDLOAD, DTDATTR and HUGE (which would lift its own
 * limits on text nodes and depth). */
#define WXR_PARSE_OPTIONS XML_PARSE_NONET

int wxr_read_file(const char *path, const struct wxr_sink *sink, char **err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		*err = buf_newf("không mở được %s: %s", path, strerror(errno));
		return LOA_NOTFOUND;
	}
	fclose(f);
	struct rd r = {.status = LOA_OK};
	r.x = xmlReaderForFile(path, NULL, WXR_PARSE_OPTIONS);
	if (!r.x) {
		*err = buf_newf("không đọc được %s như một tệp XML", path);
		return LOA_INVALID;
	}
	return run(&r, sink, err);
}

int wxr_read_memory(const char *data, size_t n, const struct wxr_sink *sink, char **err)
{
	if (n > (size_t)INT32_MAX) {
		*err = buf_newf("tệp quá lớn");
		return LOA_INVALID;
	}
	struct rd r = {.status = LOA_OK};
	r.x = xmlReaderForMemory(data, (int)n, "wxr.xml", NULL, WXR_PARSE_OPTIONS);
	if (!r.x) {
		*err = buf_newf("không đọc được dữ liệu như một tệp XML");
		return LOA_INVALID;
	}
	return run(&r, sink, err);
}
