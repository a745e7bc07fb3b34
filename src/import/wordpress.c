/* wordpress.c — `loa import --from wordpress`: a WordPress export (WXR)
 * into a site, with every old address kept as a redirect (import.h).
 *
 * How it is built: two readings of the file (wxr.h streams it, so a large
 * export is never held whole). The first collects what items refer to —
 * authors, the category tree, tags, attachments by id — and refuses a
 * hostile or broken file before anything is written. The second writes,
 * all inside one transaction: categories and tags first, then each item
 * through the shared writers (write.c). A failure of the database rolls
 * everything back; an item that loa refuses is skipped and reported.
 *
 * What WordPress has and loa has not: tags (their addresses lead to a
 * search for the tag's name), menus, reusable blocks, revisions, drafts
 * and private posts (each listed in the report with why). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/num.h"
#include "core/oldpath.h"
#include "core/status.h"
#include "core/text.h"
#include "core/vntime.h"
#include "import/import.h"
#include "import/importInt.h"
#include "import/wp_body.h"
#include "import/wxr.h"
#include "media/media.h"
#include "render/sanitize.h"
#include "store/store.h"
#include "store/store_newsroom.h"
#include "store/store_redirects.h"

#define WP_CAT_DEPTH 16        /* a deeper category tree is cut there */
#define WP_SOURCE "wordpress"
#define WP_MAX_SKIPPED_SHOWN 200 /* on stdout; the report file has them all */

struct wp_author {
	const char *login, *name;
};

struct wp_cat {
	int64_t term_id;
	const char *slug, *parent, *name;
	bool used;                 /* a post to import is in it (or below it) */
	int64_t loa_id;
	const char *url;           /* "/tin-tuc" once made */
};

struct wp_tag {
	int64_t term_id;
	const char *slug, *name;
};

struct wp_att {
	int64_t id;
	const char *url, *caption, *alt, *link;
	const char *new_path, *srcset; /* once brought into the library */
	bool tried;
};

struct wp_run {
	struct store *st;
	const struct wp_import_opts *o;
	struct wp_report *rep;
	struct import_run run;
	struct arena *a;           /* the whole import's */
	struct arena *item;        /* one item's, cleared per item */
	/* from the channel */
	const char *base, *blog;   /* base_site_url, base_blog_url without a trailing '/' */
	const char *host;          /* of base_site_url: the external ids' namespace */
	const char *prefixes[6];
	size_t nprefixes;
	const char *sites[3];      /* the old site's own addresses, for its links */
	/* from the first reading */
	struct wp_author *authors;
	size_t nauthors, cap_authors;
	struct wp_cat *cats;
	size_t ncats, cap_cats;
	bool cats_sorted;
	struct wp_tag *tags;
	size_t ntags, cap_tags;
	struct wp_att *atts;
	size_t natts, cap_atts;
	int64_t default_cat;       /* "Chưa phân loại", made when a post has none */
	int *months;               /* year * 100 + month of each imported post, once each */
	size_t nmonths, cap_months;
	const char *fatal;         /* an image could not be written (disk, permissions): the import stops */
	int64_t current_post;      /* the item whose body is being converted */
	const char *current_title;
};

/* ---- small helpers ---- */

void import_wp_skip(struct wp_report *r, const char *kind, int64_t id, const char *title, const char *reason)
{
	if (!title || !title[strspn(title, " \t\n")])
		title = "(không có tiêu đề)";
	if (!reason)
		reason = "không rõ lý do";
	r->skipped = arena_grow_array(r->a, r->skipped, &r->cap_skipped, r->nskipped, sizeof *r->skipped);
	r->skipped[r->nskipped++] = (struct wp_skip){arena_strdup(r->a, kind), id, arena_strdup(r->a, title ? title : ""),
						      arena_strdup(r->a, reason)};
}

/* A name or title as text: WordPress keeps term names HTML-escaped
 * ("Văn hóa &amp; Xã hội") and titles may carry entities (&#8220;). */
static const char *plain(struct arena *a, const char *s)
{
	if (!strchr(s, '&') || strchr(s, '<'))
		return s;
	struct buf b = BUF_INIT;
	sanitize_text(&b, s, strlen(s), WXR_MAX_FIELD);
	const char *out = arena_strndup(a, b.data, b.len);
	buf_reset(&b);
	return out;
}

/* %XX escapes of s decoded (WordPress writes non-ASCII post names so);
 * s itself when the result is not valid UTF-8. */
static const char *pct_decoded(struct arena *a, const char *s)
{
	struct buf d = BUF_INIT;
	for (const char *p = s; *p; p++) {
		int hi, lo;
		if (*p == '%' && p[1] && p[2] && (hi = num_hexval((unsigned char)p[1])) >= 0 &&
		    (lo = num_hexval((unsigned char)p[2])) >= 0) {
			buf_addch(&d, (char)(hi * 16 + lo));
			p += 2;
		} else {
			buf_addch(&d, *p);
		}
	}
	const char *out = text_utf8_valid(d.data, d.len) ? arena_strndup(a, d.data, d.len) : s;
	buf_reset(&d);
	return out;
}

/* s without a trailing '/'. */
static const char *no_slash(struct arena *a, const char *s)
{
	size_t n = strlen(s);
	while (n && s[n - 1] == '/')
		n--;
	return arena_strndup(a, s, n);
}

/* "2023-05-20 02:00:00" in UTC (offset "+00:00") or Vietnam time
 * ("+07:00"); false for WordPress's "0000-00-00 00:00:00" and the like. */
static bool parse_wp_date(const char *s, const char *offset, int64_t *out)
{
	if (!s || strlen(s) != 19 || s[10] != ' ' || strncmp(s, "0000", 4) == 0)
		return false;
	char iso[32];
	snprintf(iso, sizeof iso, "%.10sT%.8s%s", s, s + 11, offset);
	return vn_parse_iso(iso, out);
}

static const char *author_name(struct wp_run *w, const char *login)
{
	for (size_t i = 0; i < w->nauthors; i++)
		if (strcmp(w->authors[i].login, login) == 0)
			return w->authors[i].name;
	return login;
}

static int cat_cmp(const void *x, const void *y)
{
	return strcmp(((const struct wp_cat *)x)->slug, ((const struct wp_cat *)y)->slug);
}

/* Categories are looked up by nicename once sorted (they all come before
 * the first item in an export; one that comes later sorts them again). */
static struct wp_cat *cat_by_slug(struct wp_run *w, const char *slug)
{
	if (!w->cats_sorted) {
		if (w->ncats)
			qsort(w->cats, w->ncats, sizeof *w->cats, cat_cmp);
		w->cats_sorted = true;
	}
	struct wp_cat key = {.slug = slug};
	return w->ncats ? bsearch(&key, w->cats, w->ncats, sizeof *w->cats, cat_cmp) : NULL;
}

static int att_cmp(const void *x, const void *y)
{
	const struct wp_att *a = x, *b = y;
	return a->id < b->id ? -1 : a->id > b->id;
}

static struct wp_att *att_by_id(struct wp_run *w, int64_t id)
{
	struct wp_att key = {.id = id};
	return w->natts ? bsearch(&key, w->atts, w->natts, sizeof *w->atts, att_cmp) : NULL;
}

/* An absolute URL of the old blog for a path ("/?p=12"). */
static const char *old_url(struct wp_run *w, struct arena *a, const char *path)
{
	return arena_printf(a, "%s%s", w->blog, path);
}

/* ---- the first reading: what items refer to ---- */

static int p1_channel(void *ctx, const struct wxr_channel *c)
{
	struct wp_run *w = ctx;
	w->base = no_slash(w->a, *c->base_site_url ? c->base_site_url : c->link);
	w->blog = no_slash(w->a, *c->base_blog_url ? c->base_blog_url : w->base);
	const char *h = strstr(w->base, "://");
	h = h ? h + 3 : w->base;
	w->host = arena_strndup(w->a, h, strcspn(h, "/"));
	if (!*w->host)
		w->host = "wordpress";
	/* where uploads were: under the site's address, its other scheme, or relative */
	const char *path = strchr(h, '/') ? strchr(h, '/') : "";
	w->nprefixes = 0;
	w->prefixes[w->nprefixes++] = arena_printf(w->a, "http://%s%s/wp-content/uploads/", w->host, path);
	w->prefixes[w->nprefixes++] = arena_printf(w->a, "https://%s%s/wp-content/uploads/", w->host, path);
	w->prefixes[w->nprefixes++] = arena_printf(w->a, "//%s%s/wp-content/uploads/", w->host, path);
	w->prefixes[w->nprefixes++] = arena_printf(w->a, "%s/wp-content/uploads/", path);
	w->sites[0] = arena_printf(w->a, "http://%s", w->host);
	w->sites[1] = arena_printf(w->a, "https://%s", w->host);
	w->sites[2] = arena_printf(w->a, "//%s", w->host);
	return LOA_OK;
}

static int p1_author(void *ctx, const struct wxr_author *au)
{
	struct wp_run *w = ctx;
	w->authors = arena_grow_array(w->a, w->authors, &w->cap_authors, w->nauthors, sizeof *w->authors);
	w->authors[w->nauthors++] = (struct wp_author){arena_strdup(w->a, au->login),
						       arena_strdup(w->a, *au->display_name ? au->display_name : au->login)};
	return LOA_OK;
}

static int p1_category(void *ctx, const struct wxr_term *t)
{
	struct wp_run *w = ctx;
	if (!*t->slug)
		return LOA_OK;
	w->cats = arena_grow_array(w->a, w->cats, &w->cap_cats, w->ncats, sizeof *w->cats);
	w->cats[w->ncats++] = (struct wp_cat){.term_id = t->id, .slug = arena_strdup(w->a, t->slug),
					      .parent = arena_strdup(w->a, t->parent),
					      .name = arena_strdup(w->a, plain(w->a, *t->name ? t->name : t->slug))};
	w->cats_sorted = false;
	return LOA_OK;
}

static int p1_tag(void *ctx, const struct wxr_term *t)
{
	struct wp_run *w = ctx;
	if (!*t->slug)
		return LOA_OK;
	w->tags = arena_grow_array(w->a, w->tags, &w->cap_tags, w->ntags, sizeof *w->tags);
	w->tags[w->ntags++] = (struct wp_tag){t->id, arena_strdup(w->a, t->slug),
					      arena_strdup(w->a, plain(w->a, *t->name ? t->name : t->slug))};
	return LOA_OK;
}

static bool importable_post(const struct wxr_item *it)
{
	return strcmp(it->type, "post") == 0 && strcmp(it->status, "publish") == 0;
}

static int p1_item(void *ctx, const struct wxr_item *it)
{
	struct wp_run *w = ctx;
	if (strcmp(it->type, "attachment") == 0 && it->post_id > 0) {
		w->atts = arena_grow_array(w->a, w->atts, &w->cap_atts, w->natts, sizeof *w->atts);
		w->atts[w->natts++] = (struct wp_att){.id = it->post_id, .url = arena_strdup(w->a, it->attachment_url),
						      .caption = arena_strdup(w->a, it->excerpt),
						      .alt = arena_strdup(w->a, it->image_alt),
						      .link = arena_strdup(w->a, it->link)};
	} else if (importable_post(it)) {
		for (size_t i = 0; i < it->nterms; i++)
			if (strcmp(it->terms[i].domain, "category") == 0 && *it->terms[i].slug) {
				struct wp_cat *c = cat_by_slug(w, it->terms[i].slug);
				if (!c) {
					/* a partial export (one author, one category) lists only
					 * some categories: the item's own term makes it, at the top */
					struct wxr_term t = {.slug = it->terms[i].slug, .parent = "", .name = it->terms[i].name};
					p1_category(w, &t);
					c = cat_by_slug(w, it->terms[i].slug);
				}
				c->used = true;
				break; /* loa files an article under one category: the first */
			}
	}
	return LOA_OK;
}

/* ---- categories and tags ---- */

/* The category's path of names from the top ("Tin tức/Thời sự"), a '/' in
 * a name made a '-' so it is not read as a level. */
static const char *cat_path(struct wp_run *w, struct wp_cat *c, struct arena *a)
{
	const struct wp_cat *chain[WP_CAT_DEPTH];
	int n = 0;
	for (struct wp_cat *p = c; p && n < WP_CAT_DEPTH; p = *p->parent ? cat_by_slug(w, p->parent) : NULL)
		chain[n++] = p;
	struct buf b = BUF_INIT;
	for (int i = n - 1; i >= 0; i--) {
		if (b.len)
			buf_addch(&b, '/');
		for (const char *s = chain[i]->name; *s; s++)
			buf_addch(&b, *s == '/' ? '-' : *s);
	}
	const char *out = arena_strndup(a, b.data, b.len);
	buf_reset(&b);
	return out;
}

/* "tin-tuc/thoi-su": the nicenames from the top, WordPress's category address. */
static const char *cat_nice_path(struct wp_run *w, struct wp_cat *c, struct arena *a)
{
	const char *chain[WP_CAT_DEPTH];
	int n = 0;
	for (struct wp_cat *p = c; p && n < WP_CAT_DEPTH; p = *p->parent ? cat_by_slug(w, p->parent) : NULL)
		chain[n++] = p->slug;
	struct buf b = BUF_INIT;
	for (int i = n - 1; i >= 0; i--)
		buf_addf(&b, "%s%s", b.len ? "/" : "", chain[i]);
	const char *out = arena_strndup(a, b.data, b.len);
	buf_reset(&b);
	return out;
}

/* A used category's ancestors are used too (they hold it in loa's tree). */
static void mark_ancestors(struct wp_run *w)
{
	for (size_t i = 0; i < w->ncats; i++) {
		if (!w->cats[i].used)
			continue;
		int depth = 0;
		for (struct wp_cat *p = *w->cats[i].parent ? cat_by_slug(w, w->cats[i].parent) : NULL;
		     p && depth < WP_CAT_DEPTH; p = *p->parent ? cat_by_slug(w, p->parent) : NULL, depth++)
			p->used = true;
	}
}

static int write_categories(struct wp_run *w, char **err)
{
	mark_ancestors(w);
	for (size_t i = 0; i < w->ncats; i++) {
		struct wp_cat *c = &w->cats[i];
		if (!c->used) {
			import_wp_skip(w->rep, "chuyên mục", c->term_id, c->name, "không có bài viết nào được nhập vào chuyên mục này");
			continue;
		}
		const char *cerr = NULL;
		if (store_category_ensure_path(w->st, w->o->site_id, cat_path(w, c, w->a), &c->loa_id, &cerr) != LOA_OK) {
			*err = buf_newf("không tạo được chuyên mục \"%s\": %s", c->name, cerr ? cerr : "lỗi cơ sở dữ liệu");
			return LOA_ERROR;
		}
		w->rep->categories++;
	}
	struct category *all;
	size_t n;
	if (store_category_list(w->st, w->o->site_id, w->a, &all, &n) != LOA_OK) {
		*err = buf_newf("không đọc được danh sách chuyên mục");
		return LOA_ERROR;
	}
	for (size_t i = 0; i < w->ncats; i++) {
		struct wp_cat *c = &w->cats[i];
		for (size_t k = 0; c->loa_id && k < n; k++)
			if (all[k].id == c->loa_id)
				c->url = arena_printf(w->a, "/%s", all[k].slug);
		if (!c->url)
			continue;
		const char *nice = cat_nice_path(w, c, w->a);
		const char *olds[] = {
			old_url(w, w->a, arena_printf(w->a, "/category/%s/", nice)),
			old_url(w, w->a, arena_printf(w->a, "/category/%s/", c->slug)),
			old_url(w, w->a, arena_printf(w->a, "/?cat=%lld", (long long)c->term_id)),
		};
		const char *feeds[] = {
			old_url(w, w->a, arena_printf(w->a, "/category/%s/feed/", nice)),
			old_url(w, w->a, arena_printf(w->a, "/category/%s/feed/", c->slug)),
		};
		if (import_redirects_add(&w->run, olds, c->term_id ? 3 : 2, c->url, NULL) != LOA_OK ||
		    import_redirects_add(&w->run, feeds, 2, arena_printf(w->a, "%s/rss.xml", c->url), NULL) != LOA_OK) {
			*err = buf_newf("không ghi được bảng chuyển hướng");
			return LOA_ERROR;
		}
	}
	return LOA_OK;
}

/* The search for a tag's name: "/tim-kiem?q=n%C3%B4ng%20th%C3%B4n". */
static const char *search_url(struct arena *a, const char *name)
{
	struct buf b = BUF_INIT;
	buf_adds(&b, "/tim-kiem?q=");
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' ||
		    *p == '_' || *p == '.')
			buf_addch(&b, (char)*p);
		else
			buf_addf(&b, "%%%02X", *p);
	}
	const char *out = arena_strndup(a, b.data, b.len);
	buf_reset(&b);
	return out;
}

static int write_tags_and_feeds(struct wp_run *w, char **err)
{
	for (size_t i = 0; i < w->ntags; i++) {
		struct wp_tag *t = &w->tags[i];
		const char *olds[] = {
			old_url(w, w->a, arena_printf(w->a, "/tag/%s/", t->slug)),
			old_url(w, w->a, arena_printf(w->a, "/tag/%s/feed/", t->slug)),
			old_url(w, w->a, arena_printf(w->a, "/?tag=%s", t->slug)),
		};
		if (import_redirects_add(&w->run, olds, 3, search_url(w->a, t->name), NULL) != LOA_OK)
			goto fail;
		w->rep->tags++;
	}
	static const char *const feeds[] = {"/feed/", "/feed/rss2/", "/feed/atom/", "/feed/rdf/", "/comments/feed/",
					    "/?feed=rss2", "/?feed=rss", "/?feed=atom", "/?feed=comments-rss2"};
	const char *olds[sizeof feeds / sizeof feeds[0]];
	for (size_t i = 0; i < sizeof feeds / sizeof feeds[0]; i++)
		olds[i] = old_url(w, w->a, feeds[i]);
	if (import_redirects_add(&w->run, olds, sizeof feeds / sizeof feeds[0], "/rss.xml", NULL) != LOA_OK)
		goto fail;
	return LOA_OK;
fail:
	*err = buf_newf("không ghi được bảng chuyển hướng");
	return LOA_ERROR;
}

/* ---- images ---- */

/* rel ("2023/05/a-300x200.jpg", as written in a URL) decoded, or NULL when
 * it is not a plain relative path below the uploads folder. */
static const char *decoded_rel(struct arena *a, const char *rel)
{
	const char *out = pct_decoded(a, rel);
	for (const char *p = out; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '\\')
			return NULL;
	if (!*out || out[0] == '/' || strstr(out, "..") || !text_utf8_valid(out, strlen(out)))
		return NULL;
	return out;
}

/* The original of a resized copy: "a-300x200.jpg" -> "a.jpg"; NULL when
 * the name has no such suffix. */
static char *original_of(struct arena *a, const char *rel)
{
	const char *dot = strrchr(rel, '.');
	if (!dot)
		return NULL;
	const char *p = dot;
	while (p > rel && p[-1] >= '0' && p[-1] <= '9')
		p--;
	if (p == dot || p == rel || p[-1] != 'x')
		return NULL;
	const char *x = p - 1, *q = x;
	while (q > rel && q[-1] >= '0' && q[-1] <= '9')
		q--;
	if (q == x || q == rel || q[-1] != '-')
		return NULL;
	return arena_printf(a, "%.*s%s", (int)(q - 1 - rel), rel, dot);
}

/* The folder of rel as a library folder ("2023/05"), "" when it is not
 * made of plain lower-case segments. */
static const char *rel_dir(struct arena *a, const char *rel)
{
	const char *slash = strrchr(rel, '/');
	if (!slash)
		return "";
	char *d = arena_strndup(a, rel, (size_t)(slash - rel));
	for (char *p = d; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '/'))
			return "";
	return d;
}

/* Brings the upload `rel` into the library (its original when rel is a
 * resized copy and the original is there) and keeps its old address as
 * a redirect. The new path, or NULL with *why. */
static const char *bring_upload(struct wp_run *w, const char *rel_raw, const char *alt, const char *caption,
				const char **srcset, const char **why)
{
	struct arena *a = w->item;
	*why = NULL;
	if (!w->o->uploads_dir) {
		*why = "chưa chỉ thư mục tải lên (--uploads)";
		return NULL;
	}
	const char *rel = decoded_rel(a, rel_raw);
	if (!rel) {
		*why = "đường dẫn ảnh không hợp lệ";
		return NULL;
	}
	const char *cands[2];
	int nc = 0;
	char *orig = original_of(a, rel);
	if (orig)
		cands[nc++] = orig;
	cands[nc++] = rel;
	struct media m;
	bool reused;
	int rc = LOA_NOTFOUND;
	for (int i = 0; i < nc && rc == LOA_NOTFOUND; i++) {
		const char *file = arena_printf(a, "%s/%s", w->o->uploads_dir, cands[i]);
		rc = import_image_add(&w->run, file, rel_dir(a, cands[i]), alt, caption, a, &m, &reused, why);
	}
	if (rc == LOA_ERROR && !w->fatal)
		w->fatal = arena_printf(w->a, "không ghi được ảnh %s: %s", rel, *why);
	if (rc != LOA_OK)
		return NULL;
	const char *olds[] = {old_url(w, a, arena_printf(a, "/wp-content/uploads/%s", rel_raw)),
			      orig ? old_url(w, a, arena_printf(a, "/wp-content/uploads/%s", orig)) : NULL};
	if (import_redirects_add(&w->run, olds, orig ? 2 : 1, m.path, NULL) != LOA_OK) {
		*why = "không ghi được bảng chuyển hướng";
		return NULL;
	}
	if (srcset)
		*srcset = m.srcset;
	return m.path;
}

/* The part of an attachment URL after the uploads prefix, or NULL. */
static const char *upload_rel_of(struct wp_run *w, const char *url)
{
	for (size_t p = 0; p < w->nprefixes; p++) {
		size_t l = strlen(w->prefixes[p]);
		if (strncasecmp(url, w->prefixes[p], l) == 0 && url[l])
			return url + l;
	}
	return NULL;
}

static bool image_file(const char *url)
{
	const char *dot = strrchr(url, '.');
	return dot && (strcasecmp(dot, ".jpg") == 0 || strcasecmp(dot, ".jpeg") == 0 || strcasecmp(dot, ".png") == 0 ||
		       strcasecmp(dot, ".webp") == 0);
}

/* An attachment brought in (once): its new path, or NULL (reported once). */
static const char *bring_attachment(struct wp_run *w, struct wp_att *at, const char **srcset)
{
	if (at->tried) {
		*srcset = at->srcset;
		return at->new_path;
	}
	at->tried = true;
	const char *why = NULL;
	const char *rel = upload_rel_of(w, at->url);
	const char *path = NULL;
	if (!rel)
		why = "tệp không nằm trong thư mục tải lên của trang cũ";
	else if (!image_file(rel))
		why = "tệp đính kèm không phải ảnh (JPEG, PNG, WebP): chưa được nhập";
	else
		path = bring_upload(w, rel, at->alt, at->caption, srcset, &why);
	if (!path) {
		import_wp_skip(w->rep, "tệp đính kèm", at->id, at->url, why);
		return NULL;
	}
	at->new_path = arena_strdup(w->a, path);
	at->srcset = arena_strdup(w->a, *srcset ? *srcset : "");
	*srcset = at->srcset;
	/* the attachment's own page leads to its file */
	const char *olds[] = {at->link, old_url(w, w->item, arena_printf(w->item, "/?attachment_id=%lld", (long long)at->id))};
	if (import_redirects_add(&w->run, olds, 2, at->new_path, NULL) != LOA_OK)
		return NULL;
	return at->new_path;
}

/* wp_body's callback: an image of a body. */
static const char *body_image(void *ctx, const char *rel)
{
	struct wp_run *w = ctx;
	const char *why = NULL;
	const char *path = bring_upload(w, rel, "", "", NULL, &why);
	if (!path)
		import_wp_skip(w->rep, "ảnh trong bài", w->current_post, arena_printf(w->item, "%s (%s)", rel, w->current_title),
			       why);
	return path;
}

/* ---- the second reading: writing ---- */

static const char *skip_reason_status(const char *status)
{
	if (strcmp(status, "draft") == 0 || strcmp(status, "auto-draft") == 0)
		return "bản nháp, chưa xuất bản";
	if (strcmp(status, "pending") == 0)
		return "đang chờ duyệt, chưa xuất bản";
	if (strcmp(status, "private") == 0)
		return "bài riêng tư: loa chỉ nhập bài công khai";
	if (strcmp(status, "trash") == 0)
		return "nằm trong thùng rác";
	if (strcmp(status, "future") == 0)
		return "hẹn giờ đăng, chưa xuất bản";
	return NULL;
}

static const char *skip_reason_type(const char *type)
{
	if (strcmp(type, "nav_menu_item") == 0)
		return "mục trình đơn: trình đơn của loa dựng trong phòng biên tập";
	if (strcmp(type, "revision") == 0)
		return "bản sửa đổi cũ của một bài";
	if (strcmp(type, "wp_block") == 0)
		return "khối dùng lại của trình soạn thảo: nội dung đã nằm trong các bài dùng nó";
	if (strncmp(type, "wp_", 3) == 0 || strcmp(type, "custom_css") == 0 || strcmp(type, "customize_changeset") == 0 ||
	    strcmp(type, "oembed_cache") == 0 || strcmp(type, "user_request") == 0)
		return "thiết lập giao diện của WordPress, không phải nội dung";
	return NULL;
}

/* The old addresses of an item: its permalink, its guid, ?p= (or ?page_id=). */
static size_t item_olds(struct wp_run *w, const struct wxr_item *it, const char *param, const char **olds)
{
	size_t n = 0;
	olds[n++] = old_url(w, w->item, arena_printf(w->item, "/?%s=%lld", param, (long long)it->post_id));
	if (*it->link)
		olds[n++] = it->link;
	if (*it->guid && (strncmp(it->guid, "http", 4) == 0 || it->guid[0] == '/'))
		olds[n++] = it->guid;
	return n;
}

static const char *body_of(struct wp_run *w, const struct wxr_item *it)
{
	struct buf b = BUF_INIT;
	struct wp_body_opts bo = {w->prefixes, w->nprefixes, body_image, w, w->sites, 3};
	struct wp_body_stats st = {0};
	w->current_post = it->post_id;
	w->current_title = it->title;
	wp_body_convert(&b, it->content, strlen(it->content), &bo, &st);
	w->rep->blocks += st.blocks;
	w->rep->captions += st.captions;
	w->rep->shortcodes += st.shortcodes;
	w->rep->links += st.links;
	const char *out = arena_strndup(w->item, b.data, b.len);
	buf_reset(&b);
	return out;
}

/* The date of an item or comment: its UTC date, else its site date taken
 * as Vietnam time (WordPress leaves the UTC one empty in some cases). */
static int64_t item_time(const char *gmt, const char *local)
{
	int64_t t = 0;
	if (parse_wp_date(gmt, "+00:00", &t) || parse_wp_date(local, "+07:00", &t))
		return t;
	return 0;
}

/* A comment's text: as written when it is plain, else the text of its
 * markup (links, emphasis and entities WordPress allows in comments). */
static const char *comment_text(struct arena *a, const char *s)
{
	if (!strchr(s, '<') && !strchr(s, '&'))
		return s;
	struct buf t = BUF_INIT;
	sanitize_text(&t, s, strlen(s), WXR_MAX_COMMENT);
	const char *out = arena_strndup(a, t.data, t.len);
	buf_reset(&t);
	return out;
}

static int write_comments(struct wp_run *w, const struct wxr_item *it, int64_t article_id)
{
	for (size_t i = 0; i < it->ncomments; i++) {
		const struct wxr_comment *c = &it->comments[i];
		const char *title = arena_printf(w->item, "bình luận của %s (bài #%lld)", c->author, (long long)it->post_id);
		if (*c->type && strcmp(c->type, "comment") != 0) {
			import_wp_skip(w->rep, "bình luận", c->id, title, "liên kết tự động (pingback, trackback), không phải ý kiến");
			continue;
		}
		if (strcmp(c->approved, "1") != 0) {
			import_wp_skip(w->rep, "bình luận", c->id, title,
				       strcmp(c->approved, "spam") == 0 ? "thư rác" : strcmp(c->approved, "trash") == 0
											? "nằm trong thùng rác"
											: "chưa được duyệt");
			continue;
		}
		/* a reply by someone of the site to an approved comment is its answer */
		if (c->user_id > 0 && c->parent > 0) {
			bool answers = false;
			for (size_t k = 0; k < it->ncomments; k++)
				if (it->comments[k].id == c->parent && strcmp(it->comments[k].approved, "1") == 0 &&
				    it->comments[k].user_id == 0)
					answers = true;
			if (answers)
				continue; /* written with the question */
		}
		const char *answer = "";
		int64_t answered_at = 0;
		for (size_t k = 0; k < it->ncomments; k++) {
			const struct wxr_comment *r = &it->comments[k];
			if (r->parent == c->id && r->user_id > 0 && c->user_id == 0 && strcmp(r->approved, "1") == 0 &&
			    (!*r->type || strcmp(r->type, "comment") == 0)) {
				answer = comment_text(w->item, r->content);
				answered_at = item_time(r->date_gmt, r->date);
				break;
			}
		}
		struct import_question q = {
			.code = arena_printf(w->item, "WP-%lld-%lld", (long long)it->post_id, (long long)c->id),
			.article_id = article_id,
			.name = c->author,
			.content = comment_text(w->item, c->content),
			.answer = answer,
			.created_at = item_time(c->date_gmt, c->date),
			.answered_at = answered_at,
		};
		bool made = false;
		const char *why = NULL;
		int rc = import_question_write(&w->run, &q, w->item, &made, &why);
		if (rc == LOA_INVALID) {
			import_wp_skip(w->rep, "bình luận", c->id, title, why);
			continue;
		}
		if (rc != LOA_OK)
			return rc;
		if (made)
			w->rep->comments++;
	}
	return LOA_OK;
}

/* Keeps the month of a post's date (Vietnam time) for the archives. */
static void note_month(struct wp_run *w, int64_t t)
{
	struct vn_date d;
	vn_from_unix(t, &d);
	int ym = d.year * 100 + d.month;
	for (size_t i = 0; i < w->nmonths; i++)
		if (w->months[i] == ym)
			return;
	w->months = arena_grow_array(w->a, w->months, &w->cap_months, w->nmonths, sizeof *w->months);
	w->months[w->nmonths++] = ym;
}

/* WordPress's date archives of the months and years that have imported
 * posts (/2023/05/, /?m=202305, /2023/, /?m=2023) lead to the search of
 * that period, newest first. */
static int write_archives(struct wp_run *w, char **err)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	struct arena *a = w->item;
	for (size_t i = 0; i < w->nmonths; i++) {
		int y = w->months[i] / 100, m = w->months[i] % 100;
		int last = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
		const char *molds[] = {old_url(w, a, arena_printf(a, "/%04d/%02d/", y, m)),
				       old_url(w, a, arena_printf(a, "/?m=%04d%02d", y, m))};
		const char *yolds[] = {old_url(w, a, arena_printf(a, "/%04d/", y)), old_url(w, a, arena_printf(a, "/?m=%04d", y))};
		const char *mt = arena_printf(a, "/tim-kiem?tu-ngay=01/%02d/%04d&den-ngay=%02d/%02d/%04d&sap-xep=moi-nhat", m, y,
					      last, m, y);
		const char *yt = arena_printf(a, "/tim-kiem?tu-ngay=01/01/%04d&den-ngay=31/12/%04d&sap-xep=moi-nhat", y, y);
		if (import_redirects_add(&w->run, molds, 2, mt, NULL) != LOA_OK ||
		    import_redirects_add(&w->run, yolds, 2, yt, NULL) != LOA_OK) {
			*err = buf_newf("không ghi được bảng chuyển hướng");
			return LOA_ERROR;
		}
		arena_clear(a);
	}
	return LOA_OK;
}

/* Counts what a writer did with an item (rc, why: its result): written
 * (*written) as new or updated, or refused by loa (reported, the import
 * goes on). LOA_OK unless the database failed. */
static int tally(struct wp_run *w, const struct wxr_item *it, const char *kind, int rc, const char *why,
		 const struct import_written *out, int64_t *created, int64_t *updated, bool *written)
{
	*written = rc == LOA_OK;
	if (rc == LOA_INVALID || rc == LOA_CONFLICT) {
		import_wp_skip(w->rep, kind, it->post_id, it->title, why);
		w->rep->refused++;
		return LOA_OK;
	}
	if (rc == LOA_OK)
		(*(out->created ? created : updated))++;
	return rc;
}

static int write_post(struct wp_run *w, const struct wxr_item *it)
{
	int64_t cat = 0;
	for (size_t i = 0; i < it->nterms && !cat; i++)
		if (strcmp(it->terms[i].domain, "category") == 0) {
			struct wp_cat *c = cat_by_slug(w, it->terms[i].slug);
			if (c)
				cat = c->loa_id;
		}
	if (!cat) {
		if (!w->default_cat) {
			const char *cerr = NULL;
			if (store_category_ensure_path(w->st, w->o->site_id, "Chưa phân loại", &w->default_cat, &cerr) != LOA_OK)
				return LOA_ERROR;
		}
		cat = w->default_cat;
	}
	const char *image = "", *srcset = "", *caption = "";
	struct wp_att *at = it->thumbnail_id ? att_by_id(w, it->thumbnail_id) : NULL;
	if (at) {
		const char *p = bring_attachment(w, at, &srcset);
		if (p) {
			image = p;
			caption = at->caption;
		}
	} else if (it->thumbnail_id) {
		import_wp_skip(w->rep, "ảnh đại diện", it->post_id, it->title, "tệp xuất không có tệp đính kèm này");
	}
	const char *olds[3];
	size_t nold = item_olds(w, it, "p", olds);
	struct import_article in = {
		.external_id = arena_printf(w->item, "wordpress:%s/%lld", w->host, (long long)it->post_id),
		.category_id = cat,
		.title = plain(w->item, it->title),
		.slug = pct_decoded(w->item, it->name),
		.lead = it->excerpt,
		.body_html = body_of(w, it),
		.author = author_name(w, it->creator),
		.image = image,
		.image_srcset = srcset,
		.caption = caption,
		.published_at = item_time(it->date_gmt, it->date),
		.featured = it->sticky,
		.old_urls = olds,
		.nold = nold,
	};
	struct import_written out;
	const char *why = NULL;
	bool written;
	int rc = import_article_write(&w->run, &in, w->item, &out, &why);
	rc = tally(w, it, "bài viết", rc, why, &out, &w->rep->posts_created, &w->rep->posts_updated, &written);
	if (rc != LOA_OK || !written)
		return rc;
	if (it->sticky)
		w->rep->featured++;
	note_month(w, in.published_at);
	return w->o->comments ? write_comments(w, it, out.id) : LOA_OK;
}

static int write_page(struct wp_run *w, const struct wxr_item *it)
{
	const char *olds[3];
	size_t nold = item_olds(w, it, "page_id", olds);
	struct import_page in = {
		.title = plain(w->item, it->title),
		.slug = pct_decoded(w->item, it->name),
		.body_html = body_of(w, it),
		.position = it->menu_order,
		.old_urls = olds,
		.nold = nold,
	};
	struct import_written out;
	const char *why = NULL;
	bool written;
	int rc = import_page_write(&w->run, &in, w->item, &out, &why);
	return tally(w, it, "trang", rc, why, &out, &w->rep->pages_created, &w->rep->pages_updated, &written);
}

static int p2_item(void *ctx, const struct wxr_item *it)
{
	struct wp_run *w = ctx;
	arena_clear(w->item);
	const char *why;
	if (strcmp(it->type, "attachment") == 0) {
		struct wp_att *at = att_by_id(w, it->post_id);
		const char *srcset;
		if (at)
			bring_attachment(w, at, &srcset);
		return w->fatal ? LOA_ERROR : LOA_OK;
	}
	if (strcmp(it->type, "post") != 0 && strcmp(it->type, "page") != 0) {
		why = skip_reason_type(it->type);
		import_wp_skip(w->rep, it->type, it->post_id, it->title,
			       why ? why : arena_printf(w->item, "kiểu nội dung \"%s\" của WordPress không có trong loa", it->type));
		return LOA_OK;
	}
	if (strcmp(it->status, "publish") != 0) {
		why = skip_reason_status(it->status);
		import_wp_skip(w->rep, strcmp(it->type, "page") == 0 ? "trang" : "bài viết", it->post_id, it->title,
			       why ? why : arena_printf(w->item, "trạng thái \"%s\", chưa xuất bản", it->status));
		return LOA_OK;
	}
	int rc = strcmp(it->type, "post") == 0 ? write_post(w, it) : write_page(w, it);
	return rc == LOA_OK && w->fatal ? LOA_ERROR : rc;
}

int import_wordpress(struct store *st, const char *path, const struct wp_import_opts *o, struct wp_report *rep,
		     char **err)
{
	struct wp_run w = {.st = st, .o = o, .rep = rep};
	memset(rep, 0, sizeof *rep);
	rep->a = arena_new();
	w.a = arena_new();
	w.item = arena_new();
	w.run = (struct import_run){.st = st, .site_id = o->site_id, .source = WP_SOURCE, .media_dir = o->media_dir,
				    .now = o->now};
	w.base = w.blog = "";
	w.host = "wordpress";
	int rc;
	*err = NULL;

	struct wxr_sink first = {&w, p1_channel, p1_author, p1_category, p1_tag, p1_item};
	if ((rc = wxr_read_file(path, &first, err)) != LOA_OK)
		goto out;
	if (w.natts)
		qsort(w.atts, w.natts, sizeof *w.atts, att_cmp);
	rep->authors = (int64_t)w.nauthors;
	if ((rc = store_begin(st)) != LOA_OK) {
		*err = buf_newf("không mở được giao dịch trên cơ sở dữ liệu");
		goto out;
	}
	if ((rc = write_categories(&w, err)) != LOA_OK || (rc = write_tags_and_feeds(&w, err)) != LOA_OK)
		goto rollback;
	struct wxr_sink second = {&w, NULL, NULL, NULL, NULL, p2_item};
	if ((rc = wxr_read_file(path, &second, err)) != LOA_OK) {
		if (!*err)
			*err = buf_newf("%s", w.fatal ? w.fatal : "lỗi cơ sở dữ liệu khi ghi nội dung");
		goto rollback;
	}
	if ((rc = write_archives(&w, err)) != LOA_OK)
		goto rollback;
	if ((rc = store_commit(st)) != LOA_OK) {
		*err = buf_newf("không ghi được vào cơ sở dữ liệu (đĩa đầy hoặc cơ sở dữ liệu đang bận)");
		goto rollback;
	}
	rep->images = w.run.images_added;
	rep->images_reused = w.run.images_reused;
	rep->redirects = w.run.redirects;
	goto out;
rollback:
	store_rollback(st);
	rep->posts_created = rep->posts_updated = rep->pages_created = rep->pages_updated = rep->comments = 0;
	rep->categories = rep->tags = rep->featured = 0;
out:
	arena_free(w.item);
	arena_free(w.a);
	return rc;
}

void import_wordpress_report_free(struct wp_report *r)
{
	arena_free(r->a);
	r->a = NULL;
}

/* ---- the report ---- */

struct count_row {
	const char *label;
	int64_t value;
};

void import_wordpress_report(struct store *st, int64_t site_id, const struct wp_report *r, bool json, bool full,
			     struct buf *out)
{
	size_t max_skipped = full ? SIZE_MAX : WP_MAX_SKIPPED_SHOWN;
	struct arena *a = arena_new();
	struct redirect *rd = NULL;
	size_t nrd = 0;
	if (store_redirect_list(st, site_id, WP_SOURCE, 0, 0, a, &rd, &nrd) != LOA_OK)
		nrd = 0;
	const struct count_row rows[] = {
		{"bài viết mới", r->posts_created},
		{"bài viết cập nhật", r->posts_updated},
		{"bài nổi bật (bài ghim của WordPress)", r->featured},
		{"trang giới thiệu mới", r->pages_created},
		{"trang giới thiệu cập nhật", r->pages_updated},
		{"chuyên mục", r->categories},
		{"thẻ (chuyển tới trang tìm kiếm)", r->tags},
		{"tác giả", r->authors},
		{"ảnh mới vào thư viện", r->images},
		{"ảnh đã có trong thư viện", r->images_reused},
		{"ý kiến hỏi đáp từ bình luận", r->comments},
		{"chú thích ảnh [caption]", r->captions},
		{"chú thích khối Gutenberg đã bỏ", r->blocks},
		{"mã ngắn (shortcode) đã bỏ", r->shortcodes},
		{"liên kết tới trang cũ đổi thành đường dẫn trên trang này", r->links},
		{"bài viết, trang bị từ chối", r->refused},
		{"mục bỏ qua", (int64_t)r->nskipped},
		{"đường dẫn cũ trong bảng chuyển hướng", (int64_t)nrd},
	};
	static const char *const keys[] = {"posts_created", "posts_updated", "featured",  "pages_created",
					   "pages_updated", "categories",    "tags",      "authors",
					   "images",        "images_reused", "comments",  "captions",
					   "blocks",        "shortcodes",    "links",     "refused",   "skipped",
					   "redirects"};
	size_t nrows = sizeof rows / sizeof rows[0];
	if (json) {
		json_t *root = json_object(), *counts = json_object(), *skipped = json_array(), *table = json_array();
		for (size_t i = 0; i < nrows; i++)
			json_object_set_new(counts, keys[i], json_integer(rows[i].value));
		for (size_t i = 0; i < r->nskipped; i++)
			json_array_append_new(skipped, json_pack("{s:s, s:I, s:s, s:s}", "kind", r->skipped[i].kind, "id",
								 (json_int_t)r->skipped[i].id, "title", r->skipped[i].title,
								 "reason", r->skipped[i].reason));
		for (size_t i = 0; i < nrd; i++)
			json_array_append_new(table, json_pack("{s:s, s:s}", "old", rd[i].old_path, "new", rd[i].target));
		json_object_set_new(root, "counts", counts);
		json_object_set_new(root, "skipped", skipped);
		json_object_set_new(root, "redirects", table);
		char *text = json_dumps(root, JSON_INDENT(2));
		if (text) {
			buf_adds(out, text);
			buf_addch(out, '\n');
			free(text);
		}
		json_decref(root);
		arena_free(a);
		return;
	}
	for (size_t i = 0; i < nrows; i++)
		if (rows[i].value || i < 2)
			buf_addf(out, "  %s: %lld\n", rows[i].label, (long long)rows[i].value);
	if (r->nskipped) {
		buf_addf(out, "\nBỏ qua (%zu):\n", r->nskipped);
		for (size_t i = 0; i < r->nskipped && i < max_skipped; i++)
			buf_addf(out, "  - %s #%lld \"%s\": %s\n", r->skipped[i].kind, (long long)r->skipped[i].id,
				 r->skipped[i].title, r->skipped[i].reason);
		if (r->nskipped > max_skipped)
			buf_addf(out, "  ... và %zu mục nữa (xem tệp báo cáo)\n", r->nskipped - max_skipped);
	}
	if (full) {
		buf_addf(out, "\nBảng chuyển hướng (%zu đường dẫn cũ, trả lời 301):\n", nrd);
		for (size_t i = 0; i < nrd; i++)
			buf_addf(out, "  %s -> %s\n", rd[i].old_path, rd[i].target);
	}
	arena_free(a);
}
