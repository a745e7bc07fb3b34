/* media.c — the media library: upload (checked by content, limited,
 * metadata stripped, responsive WebP sizes made by src/media), browse,
 * reuse from the editor (JSON), alt text and caption per image, search by
 * file name, caption or alt text (folded as loa folds titles), delete —
 * refused, naming each use, while the image is used anywhere. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "admin/adminInt.h"
#include "media/library.h"
#include "auth/auth.h"
#include "core/buf.h"
#include "core/num.h"
#include "core/status.h"
#include "core/text.h"
#include "core/vntime.h"
#include "media/media.h"
#include "render/escape.h"

#define PER_PAGE 24

static bool wants_json(struct http_req *req)
{
	const char *acc = http_req_header(req, "accept");
	return acc && strstr(acc, "application/json");
}

static struct tval *media_item(struct admin *ad, const struct media *m)
{
	struct arena *a = ad->a;
	struct tval *t = tv_map(a);
	char when[17];
	vn_format_datetime(m->created_at, when);
	tv_set_int(a, t, "id", m->id);
	tv_set_str(a, t, "url", m->path);
	tv_set_str(a, t, "thumb", media_library_thumb(a, m->srcset, m->path)); /* the small WebP, not the original */
	tv_set_str(a, t, "srcset", m->srcset ? m->srcset : "");
	tv_set_str(a, t, "alt", m->alt);
	tv_set_str(a, t, "caption", m->caption);
	tv_set_int(a, t, "width", m->width);
	tv_set_int(a, t, "height", m->height);
	tv_set_str(a, t, "created", arena_strdup(a, when));
	tv_set_str(a, t, "edit_url", arena_printf(a, "/quan-tri/anh/%lld", (long long)m->id));
	return t;
}

static void json_item(struct buf *b, const struct media *m)
{
	buf_addf(b, "{\"id\":%lld,\"url\":\"", (long long)m->id);
	esc_json(b, m->path, strlen(m->path));
	/* the picker shows the smallest WebP size, not the original */
	struct arena *a = arena_new();
	const char *thumb = media_library_thumb(a, m->srcset, m->path);
	buf_adds(b, "\",\"thumb\":\"");
	esc_json(b, thumb, strlen(thumb));
	arena_free(a);
	buf_adds(b, "\",\"srcset\":\"");
	esc_json(b, m->srcset ? m->srcset : "", m->srcset ? strlen(m->srcset) : 0);
	buf_adds(b, "\",\"alt\":\"");
	esc_json(b, m->alt, strlen(m->alt));
	buf_adds(b, "\",\"caption\":\"");
	esc_json(b, m->caption, strlen(m->caption));
	buf_addf(b, "\",\"width\":%d,\"height\":%d}", m->width, m->height);
}

#define QUERY_MAX 200 /* characters of a search in the library */

/* The ?q= search of the library: trimmed, bounded, "" for none. */
static const char *media_query(struct admin *ad)
{
	const char *q = http_req_query(ad->req, "q");
	if (!q || !text_utf8_valid(q, strlen(q)))
		return "";
	q = text_clean(ad->a, q, strlen(q));
	return q && text_length(q, strlen(q)) <= QUERY_MAX ? q : "";
}

static int find_media(struct admin *ad, const char *q, int limit, int offset, struct media **items, size_t *n,
		      int64_t *total)
{
	struct buf folded = BUF_INIT;
	text_fold(&folded, q, strlen(q));
	int rc = store_media_find(ad->app->store, ad->site.id, folded.data ? folded.data : "", limit, offset, ad->a,
				  items, n, total);
	buf_reset(&folded);
	return rc;
}

/* The refusal of a delete: what uses the image, each with a link to it
 * (url: the room's address, followed by the use's id when with_id). */
static const struct {
	int kind;
	const char *what, *url;
	bool with_id;
} use_kinds[] = {
	{MEDIA_USE_COVER, "Ảnh đại diện của bài viết", "/quan-tri/bai-viet/", true},
	{MEDIA_USE_ARTICLE, "Trong nội dung bài viết", "/quan-tri/bai-viet/", true},
	{MEDIA_USE_PAGE, "Trong trang giới thiệu", "/quan-tri/trang/", true},
	{MEDIA_USE_LOGO, "Logo của trang", "/quan-tri/thiet-lap", false},
	{MEDIA_USE_OFFICIAL, "Ảnh của cán bộ", "/quan-tri/can-bo/", true},
	{MEDIA_USE_DRAFT, "Trong dự thảo", "/quan-tri/du-thao/", true},
	{MEDIA_USE_DOC, "Trong văn bản", "/quan-tri/van-ban/", true},
};

static struct tval *use_rows(struct admin *ad, const struct media_use *uses, size_t n)
{
	struct arena *a = ad->a;
	struct tval *list = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		size_t k = 0;
		while (k < sizeof use_kinds / sizeof use_kinds[0] && use_kinds[k].kind != uses[i].kind)
			k++;
		if (k == sizeof use_kinds / sizeof use_kinds[0])
			continue; /* not reached: the store returns only these kinds */
		struct tval *r = tv_map(a);
		tv_set_str(a, r, "what", use_kinds[k].what);
		tv_set_str(a, r, "title", uses[i].title);
		tv_set_str(a, r, "url", use_kinds[k].with_id
						? arena_printf(a, "%s%lld", use_kinds[k].url, (long long)uses[i].id)
						: use_kinds[k].url);
		tv_push(list, r);
	}
	return list;
}

static void render_library(struct admin *ad, int status, const char *error)
{
	struct arena *a = ad->a;
	const char *trang = http_req_query(ad->req, "trang");
	int64_t page = 1, total = 0;
	if (trang && !num_parse_i64(trang, 1, 100000, &page))
		page = 1;
	struct media *items;
	size_t n;
	const char *q = media_query(ad);
	if (find_media(ad, q, PER_PAGE, (int)(page - 1) * PER_PAGE, &items, &n, &total) != LOA_OK)
		n = 0;
	struct tval *list = tv_list(a), *errors = tv_map(a);
	for (size_t i = 0; i < n; i++)
		tv_push(list, media_item(ad, &items[i]));
	tv_set(ad->root, "items", list);
	tv_set_bool(a, ad->root, "empty", n == 0);
	tv_set_str(a, ad->root, "q", q);
	tv_set_int(a, ad->root, "total", total);
	tv_set_bool(a, ad->root, "can_delete", admin_is_approver(ad));
	tv_set_str(a, errors, "file", error ? error : "");
	tv_set(ad->root, "errors", errors);
	struct buf esc = BUF_INIT;
	esc_url_component(&esc, q, strlen(q));
	admin_pager(ad, *q ? arena_printf(a, "/quan-tri/anh?q=%s", esc.data) : "/quan-tri/anh", (int)page, total, PER_PAGE);
	buf_reset(&esc);
	admin_finish(ad, "media", "Thư viện ảnh", status);
}

static void upload(struct admin *ad)
{
	struct arena *a = ad->a;
	const struct http_file *f = http_req_file(ad->req, "tep");
	const char *error = NULL;
	int status = 422;
	struct media m = {.site_id = ad->site.id};
	char *merr = NULL;
	if (!f || f->len == 0) {
		error = "Hãy chọn một tệp ảnh để tải lên.";
		goto fail;
	}
	const char *alt = admin_field(ad, "alt"), *caption = admin_field(ad, "chu-thich");
	if (text_length(alt, strlen(alt)) > 500 || text_length(caption, strlen(caption)) > 1000) {
		error = "Mô tả hoặc chú thích quá dài.";
		goto fail;
	}
	struct vn_date d;
	vn_from_unix(ad->now, &d);
	const char *sub = arena_printf(a, "%04d/%02d", d.year, d.month);
	/* a readable, unique base name from the uploaded file's name */
	struct buf base = BUF_INIT;
	const char *fname = f->filename && *f->filename ? f->filename : "anh";
	const char *dot = strrchr(fname, '.');
	char *stem = arena_strndup(a, fname, dot ? (size_t)(dot - fname) : strlen(fname));
	text_slug(&base, stem, 60);
	char token[AUTH_TOKEN_LEN + 1];
	auth_token_new(token);
	buf_addch(&base, '-');
	for (int i = 0; i < 6; i++) /* lower-case letters and digits only */
		buf_addch(&base, "abcdefghijklmnopqrstuvwxyz0123456789"[(unsigned char)token[i] % 36]);
	int rc = media_library_add(ad->app->store, ad->site.id, ad->app->cfg.media_dir, sub, base.data, f->data, f->len,
				   alt, caption, ad->now, a, &m, &merr);
	buf_reset(&base);
	if (rc != LOA_OK) {
		error = arena_strdup(a, merr);
		status = rc == LOA_INVALID ? 422 : 503;
		goto fail;
	}
	admin_audit(ad, "media-upload", arena_printf(a, "ảnh #%lld", (long long)m.id), m.path);
	if (wants_json(ad->req)) {
		struct buf b = BUF_INIT;
		buf_adds(&b, "{\"ok\":true,\"item\":");
		json_item(&b, &m);
		buf_addch(&b, '}');
		http_send(ad->req, 200, "application/json; charset=utf-8", b.data, b.len, 0);
		buf_reset(&b);
	} else {
		admin_redirect(ad, "/quan-tri/anh", "da-tai-anh");
	}
	return;
fail:
	free(merr);
	if (wants_json(ad->req)) {
		struct buf b = BUF_INIT;
		buf_adds(&b, "{\"ok\":false,\"error\":\"");
		esc_json(&b, error, strlen(error));
		buf_adds(&b, "\"}");
		http_send(ad->req, status, "application/json; charset=utf-8", b.data, b.len, 0);
		buf_reset(&b);
		return;
	}
	render_library(ad, status, error);
}

void admin_media(void *app, struct http_req *req)
{
	(void)app;
	render_library(admin_of(req), 200, NULL);
}

void admin_media_upload(void *app, struct http_req *req)
{
	(void)app;
	upload(admin_of(req));
}

void admin_media_json(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct media *items;
	size_t n;
	int64_t total;
	if (find_media(ad, media_query(ad), 60, 0, &items, &n, &total) != LOA_OK)
		n = 0;
	struct buf b = BUF_INIT;
	buf_adds(&b, "{\"items\":[");
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_addch(&b, ',');
		json_item(&b, &items[i]);
	}
	buf_adds(&b, "]}");
	http_send(req, 200, "application/json; charset=utf-8", b.data, b.len, HTTP_COMPRESS);
	buf_reset(&b);
}

void admin_media_update(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	int64_t id = http_req_param_id(req, 0);
	struct media m;
	if (store_media_get(ad->app->store, ad->site.id, id, ad->a, &m) != LOA_OK) {
		admin_error(ad, 404, "Không tìm thấy ảnh.");
		return;
	}
	const char *alt = admin_field(ad, "alt"), *caption = admin_field(ad, "chu-thich");
	if (text_length(alt, strlen(alt)) > 500 || text_length(caption, strlen(caption)) > 1000) {
		admin_error(ad, 422, "Mô tả hoặc chú thích quá dài.");
		return;
	}
	m.alt = alt;
	m.caption = caption;
	if (store_media_update(ad->app->store, &m) != LOA_OK) {
		admin_error(ad, 503, "Không lưu được.");
		return;
	}
	admin_audit(ad, "media-update", arena_printf(ad->a, "ảnh #%lld", (long long)id), "");
	admin_redirect(ad, "/quan-tri/anh", "da-luu");
}

/* Editors and admins only (routes.c): a writer's upload may be in someone
 * else's article. */
void admin_media_delete(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	int64_t id = http_req_param_id(req, 0);
	struct media_use *uses;
	size_t nuses;
	int left = 0;
	int rc = media_library_delete(ad->app->store, ad->site.id, ad->app->cfg.media_dir, id, ad->a, &uses, &nuses, &left);
	if (rc == LOA_NOTFOUND) {
		admin_error(ad, 404, "Không tìm thấy ảnh.");
		return;
	}
	if (rc == LOA_CONFLICT) {
		struct tval *refused = tv_map(ad->a);
		tv_set_int(ad->a, refused, "id", id);
		tv_set(refused, "uses", use_rows(ad, uses, nuses));
		tv_set(ad->root, "refused", refused);
		render_library(ad, 409, NULL);
		return;
	}
	if (rc != LOA_OK) {
		admin_error(ad, 503, "Không xóa được ảnh. Vui lòng thử lại.");
		return;
	}
	admin_audit(ad, "media-delete", arena_printf(ad->a, "ảnh #%lld", (long long)id),
		    left ? arena_printf(ad->a, "còn %d tệp chưa xóa được", left) : "");
	admin_content_changed(ad);
	admin_redirect(ad, "/quan-tri/anh", "da-xoa-anh");
}
