/* write.c — writing what an import from another portal (WordPress,
 * NukeViet) has read: an article with its cover, body images and old
 * addresses; a static page; a reader's question; an image into the media
 * library; redirects. See importInt.h for the contracts.
 *
 * Everything here runs inside the importer's one transaction: a failure
 * anywhere rolls the whole import back. The one thing outside it is the
 * image files, named from their content so that a rerun after a rollback
 * writes the same names again instead of leaving a second copy. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/oldpath.h"
#include "core/status.h"
#include "core/text.h"
#include "import/importInt.h"
#include "media/library.h"
#include "media/media.h"
#include "org/org.h"
#include "render/sanitize.h"
#include "store/store.h"
#include "store/store_feedback.h"
#include "store/store_newsroom.h"
#include "store/store_org.h"
#include "store/store_redirects.h"

#define MAX_TITLE 500     /* code points, as the JSON Lines import */
#define MAX_SHORT 300     /* author, source, caption */
#define MAX_LEAD 3000
#define PAGE_SLUG_TRIES 50

/* A short text field: NFC without control characters, trimmed, at most
 * max code points (cut at a character boundary). */
static const char *clean_short(struct arena *a, const char *s, size_t max)
{
	if (!s)
		return "";
	char *c = text_clean(a, s, strlen(s));
	if (!c)
		return NULL;
	c = import_trim(c);
	size_t len = strlen(c);
	size_t cps = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)c[i] & 0xC0) != 0x80 && ++cps > max) {
			c[i] = '\0';
			break;
		}
	return c;
}

int import_redirects_add(struct import_run *r, const char *const *old_urls, size_t n, const char *target,
			 size_t *skipped)
{
	struct arena *a = arena_new();
	struct redirect *rows = arena_alloc(a, (n ? n : 1) * sizeof *rows);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		struct buf key = BUF_INIT;
		if (old_urls[i] && oldpath_key(old_urls[i], strlen(old_urls[i]), &key) == LOA_OK &&
		    strcmp(key.data, target) != 0) /* an address that is its own target would loop */
			rows[k++] = (struct redirect){.old_path = arena_strndup(a, key.data, key.len), .target = target,
						      .source = r->source, .created_at = r->now};
		else if (skipped && old_urls[i] && *old_urls[i])
			(*skipped)++;
		buf_reset(&key);
	}
	int rc = store_redirect_put(r->st, r->site_id, rows, k);
	if (rc == LOA_OK)
		r->redirects += (int64_t)k;
	arena_free(a);
	return rc;
}

/* FNV-1a over the bytes: names an imported image by its content. */
static uint64_t content_hash(const unsigned char *p, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 1099511628211ULL;
	return h;
}

/* A relative folder of lower-case letters, digits, '-', '_' and single
 * '/' between segments ("2020/01"), or "". */
static bool sub_ok(const char *s)
{
	if (!*s)
		return true;
	if (s[0] == '/' || strlen(s) > 120)
		return false;
	for (const char *p = s; *p; p++) {
		bool ok = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
			  (*p == '/' && p[1] && p[1] != '/');
		if (!ok)
			return false;
	}
	return true;
}

/* Reads the regular file at path, at most max bytes. LOA_NOTFOUND when it
 * is missing or not a regular file, LOA_INVALID when too big, LOA_ERROR
 * when unreadable. *data is malloc'ed. */
static int read_file(const char *path, size_t max, unsigned char **data, size_t *len)
{
	struct stat sb;
	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
		return LOA_NOTFOUND;
	if ((uint64_t)sb.st_size > max)
		return LOA_INVALID;
	FILE *f = fopen(path, "rb");
	if (!f)
		return LOA_ERROR;
	*data = malloc((size_t)sb.st_size + 1);
	if (!*data)
		abort();
	*len = fread(*data, 1, (size_t)sb.st_size, f);
	int rc = ferror(f) || *len != (size_t)sb.st_size ? LOA_ERROR : LOA_OK;
	fclose(f);
	if (rc != LOA_OK) {
		free(*data);
		*data = NULL;
	}
	return rc;
}

int import_image_add(struct import_run *r, const char *path, const char *sub, const char *alt, const char *caption,
		     struct arena *a, struct media *out, bool *reused, const char **why)
{
	unsigned char *data = NULL;
	size_t len = 0;
	char *err = NULL;
	*reused = false;
	if (!sub_ok(sub)) {
		*why = "thư mục ảnh không hợp lệ";
		return LOA_INVALID;
	}
	int rc = read_file(path, MEDIA_DEFAULT_MAX_BYTES, &data, &len);
	if (rc == LOA_NOTFOUND) {
		*why = "không có tệp ảnh trong thư mục tải lên";
		return rc;
	}
	if (rc == LOA_INVALID) {
		*why = arena_printf(a, "ảnh lớn quá %zu MB", MEDIA_DEFAULT_MAX_BYTES >> 20);
		return rc;
	}
	if (rc != LOA_OK) {
		*why = arena_printf(a, "không đọc được tệp ảnh: %s", strerror(errno));
		return rc;
	}
	/* base name: the file's own name as a slug, and its content */
	const char *slash = strrchr(path, '/');
	const char *fname = slash ? slash + 1 : path;
	const char *dot = strrchr(fname, '.');
	struct buf base = BUF_INIT;
	text_slug(&base, arena_strndup(a, fname, dot ? (size_t)(dot - fname) : strlen(fname)), 60);
	buf_addf(&base, "-%08llx", (unsigned long long)(content_hash(data, len) & 0xffffffffULL));
	const char *dir = *sub ? arena_printf(a, "%s/%s", r->source, sub) : r->source;
	/* the same file imported before: its row is there under one of the
	 * names media_process gives */
	static const char *const exts[] = {"jpg", "png", "webp"};
	for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
		const char *p = arena_printf(a, "/media/%s/%s.%s", dir, base.data, exts[i]);
		if (store_media_by_path(r->st, r->site_id, p, a, out) == LOA_OK) {
			*reused = true;
			r->images_reused++;
			rc = LOA_OK;
			goto out;
		}
	}
	if (media_init(&err) != LOA_OK) {
		*why = arena_strdup(a, err ? err : "không khởi động được thư viện xử lý ảnh");
		rc = LOA_ERROR;
		goto out;
	}
	rc = media_library_add(r->st, r->site_id, r->media_dir, dir, base.data, data, len, alt, caption, r->now, a, out,
			       &err);
	if (rc == LOA_OK)
		r->images_added++;
	else
		*why = arena_strdup(a, err ? err : "không xử lý được ảnh");
out:
	free(err);
	free(data);
	buf_reset(&base);
	return rc;
}

int import_article_write(struct import_run *r, const struct import_article *in, struct arena *a,
			 struct import_written *out, const char **why)
{
	struct article art = {.site_id = r->site_id, .category_id = in->category_id, .status = ARTICLE_PUBLISHED};
	*why = NULL;
	*out = (struct import_written){0};
	if (!(art.title = clean_short(a, in->title, MAX_TITLE)) || !*art.title) {
		*why = "bài viết không có tiêu đề";
		return LOA_INVALID;
	}
	art.author = clean_short(a, in->author, MAX_SHORT);
	art.source = clean_short(a, in->source_name, MAX_SHORT);
	art.caption = clean_short(a, in->caption, MAX_LEAD);
	if (!art.author || !art.source || !art.caption) {
		*why = "tác giả, nguồn hoặc chú thích không phải UTF-8 hợp lệ";
		return LOA_INVALID;
	}
	/* the lead is plain text */
	struct buf b = BUF_INIT;
	sanitize_text(&b, in->lead ? in->lead : "", in->lead ? strlen(in->lead) : 0, MAX_LEAD * 4);
	art.lead = clean_short(a, b.data, MAX_LEAD);
	buf_setlen(&b, 0);
	/* body images of the library get their sizes, as an editor's do */
	struct media_library lib = {.store = r->st, .site_id = r->site_id, .a = a};
	const char *body = in->body_html ? in->body_html : "";
	if (sanitize_body(&b, body, strlen(body), media_library_img, &lib) != LOA_OK) {
		buf_reset(&b);
		*why = arena_printf(a, "nội dung không phải UTF-8 hợp lệ hoặc có hơn %d thẻ HTML", SANITIZE_MAX_TAGS);
		return LOA_INVALID;
	}
	art.body_html = arena_strndup(a, b.data, b.len);
	buf_reset(&b);
	if (!art.lead) {
		*why = "phần tóm tắt không phải UTF-8 hợp lệ";
		return LOA_INVALID;
	}
	/* a slug as loa makes them: from the old one when it has letters, else the title */
	struct buf slug = BUF_INIT;
	text_slug(&slug, in->slug && *in->slug ? in->slug : art.title, 80);
	if (strcmp(slug.data, "bai-viet") == 0 && in->slug && *in->slug) {
		buf_setlen(&slug, 0);
		text_slug(&slug, art.title, 80);
	}
	art.slug = arena_strndup(a, slug.data, slug.len);
	buf_reset(&slug);
	art.image = in->image ? in->image : "";
	art.image_srcset = in->image_srcset ? in->image_srcset : "";
	art.external_id = in->external_id;
	art.published_at = in->published_at;
	art.updated_at = in->updated_at ? in->updated_at : in->published_at;
	art.created_at = in->published_at;
	art.featured = in->featured;

	const char *uerr = NULL;
	int rc = store_article_upsert(r->st, &art, &out->id, &out->created, &uerr);
	if (rc != LOA_OK) {
		*why = uerr ? uerr : "không ghi được bài viết";
		return rc;
	}
	struct article got;
	if ((rc = store_article_get(r->st, r->site_id, out->id, a, &got)) != LOA_OK) {
		*why = "không đọc lại được bài viết vừa ghi";
		return rc;
	}
	/* the article's address, as the public site builds it (site/page.c) */
	out->url = arena_printf(a, "/%s/%s-%lld", got.category_slug, got.slug, (long long)got.id);
	rc = import_redirects_add(r, in->old_urls, in->nold, out->url, &out->skipped_urls);
	if (rc != LOA_OK)
		*why = "không ghi được bảng chuyển hướng";
	return rc;
}

/* A free slug for a new page: base, base-2, base-3, ... not taken by
 * another page of the site and not reserved. */
static const char *page_free_slug(struct import_run *r, struct arena *a, const char *base)
{
	for (int i = 1; i <= PAGE_SLUG_TRIES; i++) {
		const char *s = i == 1 ? base : arena_printf(a, "%s-%d", base, i);
		struct org_page other;
		if (!org_slug_reserved(s) && store_org_page_by_slug(r->st, r->site_id, s, a, &other) == LOA_NOTFOUND)
			return s;
	}
	return NULL;
}

int import_page_write(struct import_run *r, const struct import_page *in, struct arena *a,
		      struct import_written *out, const char **why)
{
	struct org_page p = {.site_id = r->site_id, .title = in->title ? in->title : "",
			     .body_html = in->body_html ? in->body_html : "", .title_en = "", .body_en = "",
			     .position = in->position, .published = true};
	*why = NULL;
	*out = (struct import_written){0};
	/* imported before: its first old address leads to it */
	struct org_page prev;
	const char *target = NULL;
	bool have_prev = false;
	struct buf key = BUF_INIT;
	if (in->nold && oldpath_key(in->old_urls[0], strlen(in->old_urls[0]), &key) == LOA_OK &&
	    store_redirect_lookup(r->st, r->site_id, key.data, a, &target) == LOA_OK &&
	    strncmp(target, "/gioi-thieu/", 12) == 0 &&
	    store_org_page_by_slug(r->st, r->site_id, target + 12, a, &prev) == LOA_OK)
		have_prev = true;
	buf_reset(&key);

	struct buf slug = BUF_INIT;
	text_slug(&slug, in->slug && *in->slug ? in->slug : p.title, 80);
	p.slug = arena_strndup(a, slug.data, slug.len);
	buf_reset(&slug);
	struct org_errors errs = {0};
	struct media_library lib = {.store = r->st, .site_id = r->site_id, .a = a};
	org_page_prepare(a, &p, media_library_img, &lib, &errs);
	if (errs.n) {
		*why = arena_printf(a, "trang không hợp lệ: %s", errs.e[0].message);
		return LOA_INVALID;
	}
	if (have_prev) {
		p.id = prev.id;
		p.version = prev.version;
		p.slug = prev.slug;
		p.position = prev.position;
	} else if (!(p.slug = page_free_slug(r, a, p.slug))) {
		*why = "không tìm được đường dẫn trống cho trang";
		return LOA_CONFLICT;
	}
	int64_t version;
	bool taken = false;
	int rc = store_org_page_save(r->st, &p, 0, r->now, &out->id, &version, &taken);
	if (rc != LOA_OK) {
		*why = taken ? "đường dẫn của trang đã được dùng" : "không ghi được trang";
		return rc;
	}
	out->created = !have_prev;
	out->url = arena_printf(a, "/gioi-thieu/%s", p.slug);
	rc = import_redirects_add(r, in->old_urls, in->nold, out->url, &out->skipped_urls);
	if (rc != LOA_OK)
		*why = "không ghi được bảng chuyển hướng";
	return rc;
}

int import_question_write(struct import_run *r, const struct import_question *in, struct arena *a, bool *created,
			  const char **why)
{
	struct feedback f;
	*created = false;
	*why = NULL;
	if (store_feedback_by_code(r->st, r->site_id, in->code, a, &f) == LOA_OK)
		return LOA_OK; /* imported before */
	const char *name = clean_short(a, in->name, 120);
	const char *content = in->content ? text_clean(a, in->content, strlen(in->content)) : NULL;
	const char *answer = in->answer ? text_clean(a, in->answer, strlen(in->answer)) : "";
	if (!name || !content || !answer || !*content) {
		*why = "ý kiến trống hoặc không phải UTF-8 hợp lệ";
		return LOA_INVALID;
	}
	/* a comment has no title: its first words stand for one */
	struct buf t = BUF_INIT;
	sanitize_text(&t, content, strlen(content), 400);
	bool cut = text_length(t.data, t.len) > 80;
	const char *title = clean_short(a, t.data, 80);
	buf_reset(&t);
	if (title && cut)
		title = arena_printf(a, "%s…", title);
	f = (struct feedback){
		.site_id = r->site_id,
		.article_id = in->article_id,
		.code = in->code,
		.name = name,
		.address = "",
		.email = "",
		.phone = "",
		.title = title && *title ? title : "Ý kiến bạn đọc",
		.content = content,
		.attachment = "",
		.attachment_mime = "",
		.client_hash = "",
		.content_hash = "",
		.state = FB_PUBLISHED,
		.reason = "",
		.answer = answer,
		.answered_at = *answer ? in->answered_at : 0,
		.published_at = in->created_at,
		.created_at = in->created_at,
		.updated_at = in->created_at,
	};
	int64_t id;
	int rc = store_feedback_add(r->st, &f, &id);
	if (rc != LOA_OK)
		*why = "không ghi được ý kiến";
	else
		*created = true;
	return rc;
}
