/* articles.c — the article list and the editor: write, save, submit for
 * review, publish now or at a time, unpublish, return with a note,
 * autosave, preview, revisions and restore.
 *
 * Who may do what (checked here on the server, whatever the page shows):
 * a writer (phóng viên) edits only their own drafts and pending articles
 * and can save or submit them; an approver (biên tập) or admin edits any
 * article of the site and can publish, schedule, unpublish, return, feature,
 * pin and delete. Two editors saving the same article: the second gets a
 * conflict message (versions), never a silent overwrite. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin/adminInt.h"
#include "media/library.h"
#include "core/buf.h"
#include "core/num.h"
#include "core/status.h"
#include "core/text.h"
#include "core/vntime.h"
#include "files/files.h"
#include "mail/outbox.h"
#include "render/escape.h"
#include "render/sanitize.h"
#include "site/site.h"

#define PER_PAGE 25
#define MAX_TITLE 500
#define MAX_LEAD 3000
#define MAX_SHORT 300
#define MAX_BODY (2u << 20)
#define MAX_SLUG 80       /* the store's slug bound (text_slug) */
#define MAX_SEO 300       /* characters of an SEO description */
#define MAX_RELATED 10    /* hand-picked related articles */

/* What the editor sets beside the article itself (store: article_edit's
 * extras): the SEO description and the picked related articles. */
struct extras {
	const char *seo;
	int64_t related[MAX_RELATED];
	size_t nrelated;
};

/* ---- the list ---- */

static const struct {
	const char *value, *label;
	int status;
} status_filters[] = {
	{"", "Tất cả trạng thái", -1},
	{"nhap", "Nháp", ARTICLE_DRAFT},
	{"cho-duyet", "Chờ duyệt", ARTICLE_PENDING},
	{"hen-gio", "Hẹn giờ", ARTICLE_SCHEDULED},
	{"da-dang", "Đã đăng", ARTICLE_PUBLISHED},
};

static void add_category_options(struct admin *ad, const char *key, int64_t selected)
{
	struct arena *a = ad->a;
	struct category *cats;
	size_t n = 0;
	struct tval *list = tv_list(a);
	if (store_category_list(ad->app->store, ad->site.id, a, &cats, &n) != LOA_OK)
		n = 0;
	for (size_t i = 0; i < n; i++) {
		struct tval *o = tv_map(a);
		tv_set_int(a, o, "id", cats[i].id);
		tv_set_str(a, o, "label", admin_category_label(a, cats, n, i));
		tv_set_bool(a, o, "selected", cats[i].id == selected);
		tv_push(list, o);
	}
	tv_set(ad->root, key, list);
}

/* The bulk actions offered: those of the user's role (bulk.c checks again). */
static void add_bulk_options(struct admin *ad)
{
	struct arena *a = ad->a;
	static const struct {
		const char *value, *label;
		bool approver_only;
	} opts[] = {{"xuat-ban", "Xuất bản", true},
		    {"ve-nhap", "Chuyển về nháp (gỡ khỏi trang)", true},
		    {"chuyen-muc", "Chuyển sang chuyên mục…", false},
		    {"xoa", "Xóa", false}};
	struct tval *list = tv_list(a);
	for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++) {
		if (opts[i].approver_only && !admin_is_approver(ad))
			continue;
		struct tval *o = tv_map(a);
		tv_set_str(a, o, "value", opts[i].value);
		tv_set_str(a, o, "label", opts[i].label);
		tv_push(list, o);
	}
	tv_set(ad->root, "bulk_options", list);
	add_category_options(ad, "move_options", 0);
}

void admin_articles(void *app, struct http_req *req)
{
	(void)app;
	admin_articles_render(admin_of(req), 200);
}

void admin_articles_render(struct admin *ad, int status)
{
	struct http_req *req = ad->req;
	struct arena *a = ad->a;
	const char *q = http_req_query(req, "q"), *st = http_req_query(req, "trang-thai");
	const char *cat = http_req_query(req, "chuyen-muc"), *mine = http_req_query(req, "cua-toi");
	const char *trang = http_req_query(req, "trang");
	int64_t page = 1, cat_id = 0;
	if (trang && !num_parse_i64(trang, 1, 100000, &page))
		page = 1;
	if (cat && *cat && !num_parse_i64(cat, 1, INT64_MAX, &cat_id))
		cat_id = 0;
	struct article_filter f = {.site_id = ad->site.id, .status = -1, .q = q ? q : "", .category_id = cat_id,
				   .limit = PER_PAGE, .offset = (int)(page - 1) * PER_PAGE};
	struct tval *opts = tv_list(a);
	for (size_t i = 0; i < sizeof status_filters / sizeof status_filters[0]; i++) {
		bool sel = st && strcmp(st, status_filters[i].value) == 0;
		if (sel)
			f.status = status_filters[i].status;
		struct tval *o = tv_map(a);
		tv_set_str(a, o, "value", status_filters[i].value);
		tv_set_str(a, o, "label", status_filters[i].label);
		tv_set_bool(a, o, "selected", sel);
		tv_push(opts, o);
	}
	/* writers see their own articles */
	bool only_mine = !admin_is_approver(ad) || (mine && strcmp(mine, "1") == 0);
	if (only_mine)
		f.created_by = ad->user.id;
	struct article *arts;
	size_t n;
	int64_t total = 0;
	if (store_article_admin_list(ad->app->store, &f, a, &arts, &n, &total) != LOA_OK) {
		admin_error(ad, 500, "Không đọc được danh sách bài viết.");
		return;
	}
	struct tval *rows = tv_list(a);
	for (size_t i = 0; i < n; i++)
		tv_push(rows, admin_article_row(ad, &arts[i], NULL));
	struct tval *filter = tv_map(a);
	tv_set_str(a, filter, "q", q ? q : "");
	tv_set_str(a, filter, "status", st ? st : "");
	tv_set_int(a, filter, "category_id", cat_id);
	tv_set_bool(a, filter, "mine", only_mine);
	tv_set(ad->root, "filter", filter);
	tv_set(ad->root, "status_options", opts);
	add_category_options(ad, "category_options", cat_id);
	tv_set(ad->root, "rows", rows);
	tv_set_int(a, ad->root, "total", total);
	tv_set_bool(a, ad->root, "empty", total == 0);
	struct buf base = BUF_INIT;
	buf_adds(&base, "/quan-tri/bai-viet?q=");
	if (q)
		esc_url_component(&base, q, strlen(q));
	buf_addf(&base, "&trang-thai=%s&chuyen-muc=%lld%s", st ? st : "", (long long)cat_id, only_mine ? "&cua-toi=1" : "");
	admin_pager(ad, arena_strndup(a, base.data, base.len), (int)page, total, PER_PAGE);
	buf_reset(&base);
	add_bulk_options(ad);
	admin_finish(ad, "articles", "Bài viết", status);
}

/* ---- the editor ---- */

struct form_errors {
	struct tval *map;
	bool any;
};

static void form_error(struct admin *ad, struct form_errors *e, const char *field, const char *msg)
{
	if (!tv_get(e->map, field)) /* the first problem of a field is the one shown */
		tv_set_str(ad->a, e->map, field, msg);
	e->any = true;
}

/* The cover's sizes as sent by the editor (filled from the media library):
 * kept only when the cover is a file of the library and every candidate is
 * a library file of the same picture (its path up to the extension, then
 * "-" or ".") with a width descriptor ("480w"), the rule the sanitizer
 * applies to srcset in bodies, narrowed to local files. Anything else
 * (a hand-made value, sizes left over from another picture) is dropped:
 * the cover then simply has no srcset. Rebuilt as "URL 480w, URL 960w". */
static const char *clean_cover_srcset(struct arena *a, const char *image, const char *v)
{
	size_t ilen = strlen(image);
	const char *dot = strrchr(image, '.'), *slash = strrchr(image, '/');
	if (!*v || !admin_media_path_ok(image, ilen) || !dot || dot < slash)
		return "";
	size_t stem = (size_t)(dot - image);
	struct buf out = BUF_INIT;
	bool ok = true;
	int count = 0;
	while (ok && *v) {
		v += strspn(v, " \t\r\n");
		size_t ulen = strcspn(v, " \t\r\n,");
		const char *url = v;
		v += ulen;
		v += strspn(v, " \t\r\n");
		size_t dlen = strcspn(v, ",");
		const char *desc = v;
		v += dlen;
		while (dlen && strchr(" \t\r\n", desc[dlen - 1]))
			dlen--;
		size_t digits = 0;
		while (digits < dlen && desc[digits] >= '0' && desc[digits] <= '9')
			digits++;
		ok = ulen > stem && admin_media_path_ok(url, ulen) && memcmp(url, image, stem) == 0 &&
		     (url[stem] == '-' || url[stem] == '.') && digits >= 1 && digits <= 5 && dlen == digits + 1 &&
		     desc[digits] == 'w' && desc[0] != '0';
		if (ok) {
			if (out.len)
				buf_adds(&out, ", ");
			buf_add(&out, url, ulen);
			buf_addch(&out, ' ');
			buf_add(&out, desc, dlen);
			count++;
		}
		if (*v == ',')
			v++;
		v += strspn(v, " \t\r\n");
	}
	const char *res = ok && count ? arena_strndup(a, out.data, out.len) : "";
	buf_reset(&out);
	return res;
}

/* Reads the editor's fields into art (keeping what the form does not
 * carry) and validates them. */
static void read_form(struct admin *ad, struct article *art, struct form_errors *e)
{
	struct arena *a = ad->a;
	const char *title = text_clean(a, admin_field(ad, "tieu-de"), strlen(admin_field(ad, "tieu-de")));
	if (!title || !*title)
		form_error(ad, e, "title", "Hãy nhập tiêu đề.");
	else if (text_length(title, strlen(title)) > MAX_TITLE)
		form_error(ad, e, "title", "Tiêu đề dài quá 500 ký tự.");
	art->title = title ? title : "";
	const char *lead = admin_field(ad, "sapo");
	lead = text_clean(a, lead, strlen(lead));
	if (lead && text_length(lead, strlen(lead)) > MAX_LEAD)
		form_error(ad, e, "lead", "Sapo dài quá 3000 ký tự.");
	art->lead = lead ? lead : "";
	const char *body = admin_field(ad, "body_html");
	struct buf b = BUF_INIT;
	if (strlen(body) > MAX_BODY)
		form_error(ad, e, "body", "Nội dung quá dài (tối đa 2 MB).");
	else if (sanitize_body(&b, body, strlen(body), media_library_img,
			       &(struct media_library){ad->app->store, ad->site.id, a}) != LOA_OK)
		form_error(ad, e, "body", "Nội dung có ký tự hoặc cấu trúc không hợp lệ.");
	art->body_html = arena_strndup(a, b.data, b.len);
	buf_reset(&b);
	int64_t cat = 0;
	struct category *cats;
	size_t n = 0;
	bool cat_ok = false;
	if (num_parse_i64(admin_field(ad, "chuyen-muc"), 1, INT64_MAX, &cat) &&
	    store_category_list(ad->app->store, ad->site.id, a, &cats, &n) == LOA_OK)
		for (size_t i = 0; i < n; i++)
			if (cats[i].id == cat)
				cat_ok = true;
	if (!cat_ok)
		form_error(ad, e, "category", "Hãy chọn chuyên mục.");
	art->category_id = cat;
	static const struct {
		const char *field, *key;
		size_t max;
	} shorts[] = {{"tac-gia", "author", MAX_SHORT}, {"nguon", "source", MAX_SHORT},
		      {"chu-thich-anh", "caption", 1000}, {"anh-dai-dien", "image", 2000}};
	const char *vals[4];
	for (size_t i = 0; i < 4; i++) {
		const char *v = admin_field(ad, shorts[i].field);
		v = text_clean(a, v, strlen(v));
		if (!v)
			v = "";
		if (text_length(v, strlen(v)) > shorts[i].max)
			form_error(ad, e, strcmp(shorts[i].key, "image") == 0 ? "image" : "general",
				   arena_printf(a, "Trường %s quá dài.", shorts[i].field));
		vals[i] = v;
	}
	art->author = vals[0];
	art->source = vals[1];
	art->caption = vals[2];
	art->image = vals[3];
	if (*art->image && !(art->image[0] == '/' && art->image[1] != '/') && strncmp(art->image, "https://", 8) != 0 &&
	    strncmp(art->image, "http://", 7) != 0)
		form_error(ad, e, "image", "Ảnh đại diện phải là đường dẫn trong trang (/media/...) hoặc địa chỉ http(s).");
	const char *srcset = admin_field(ad, "anh-dai-dien-srcset");
	art->image_srcset = strlen(srcset) > 4000 ? "" : clean_cover_srcset(a, art->image, srcset);
	if (admin_is_approver(ad)) {
		int64_t v;
		art->featured = strcmp(admin_field(ad, "noi-bat"), "1") == 0;
		art->featured_order = num_parse_i64(admin_field(ad, "thu-tu-noi-bat"), 0, 9999, &v) ? (int)v : 0;
		art->hot_pin = num_parse_i64(admin_field(ad, "ghim-tin-nong"), 0, 99, &v) ? (int)v : 0;
	}
}

/* The slug, SEO description and related picks of the form; errors go to e.
 * A blank slug is "" (the store derives it from the title); a typed one
 * is made a slug by text_slug, the rule of every slug of loa. */
static void read_extras(struct admin *ad, struct article *art, struct extras *x, struct form_errors *e)
{
	struct arena *a = ad->a;
	const char *slug = admin_field(ad, "duong-dan");
	art->slug = "";
	if (*slug) {
		/* text_slug turns what has no letter or digit into "bai-viet": refuse that instead */
		struct buf b = BUF_INIT, folded = BUF_INIT;
		bool any = false;
		if (strlen(slug) <= 4 * MAX_SLUG) {
			text_fold(&folded, slug, strlen(slug));
			for (size_t i = 0; i < folded.len && !any; i++)
				any = (folded.data[i] >= 'a' && folded.data[i] <= 'z') || (folded.data[i] >= '0' && folded.data[i] <= '9');
			buf_reset(&folded);
		}
		if (any)
			text_slug(&b, slug, MAX_SLUG);
		if (!b.len)
			form_error(ad, e, "slug", "Đường dẫn cần có chữ hoặc số (chữ không dấu, số và dấu gạch ngang, tối đa 80 ký tự).");
		else
			art->slug = arena_strndup(a, b.data, b.len);
		buf_reset(&b);
	}
	const char *seo = admin_field(ad, "mo-ta-seo");
	seo = text_clean(a, seo, strlen(seo));
	if (seo && text_length(seo, strlen(seo)) > MAX_SEO)
		form_error(ad, e, "seo", "Mô tả SEO dài quá 300 ký tự.");
	x->seo = seo ? seo : "";
	/* "lien-quan" in order; "lien-quan-bo" the ones ticked "Bỏ" (without script) */
	const char **ids, **drop;
	size_t n = http_req_form_all(ad->req, "lien-quan", 4 * MAX_RELATED, &ids);
	size_t ndrop = http_req_form_all(ad->req, "lien-quan-bo", 4 * MAX_RELATED, &drop);
	x->nrelated = 0;
	for (size_t i = 0; i < n; i++) {
		int64_t id;
		bool dropped = false;
		for (size_t k = 0; k < ndrop && !dropped; k++)
			dropped = strcmp(drop[k], ids[i]) == 0;
		if (dropped || !num_parse_i64(ids[i], 1, INT64_MAX, &id) || id == art->id)
			continue;
		if (x->nrelated == MAX_RELATED) {
			form_error(ad, e, "related", "Chỉ chọn được tối đa 10 bài liên quan.");
			break;
		}
		x->related[x->nrelated++] = id;
	}
}

/* root.related: the picks with their titles, for the editor's panel. */
static void show_related(struct admin *ad, const struct article *art, const struct extras *x)
{
	struct arena *a = ad->a;
	struct tval *list = tv_list(a);
	struct article *rel = NULL;
	size_t n = 0;
	if (!x && art->id && store_article_related(ad->app->store, ad->site.id, art->id, a, &rel, &n) != LOA_OK)
		n = 0;
	for (size_t i = 0; x ? i < x->nrelated : i < n; i++) {
		struct article one;
		if (x && store_article_get(ad->app->store, ad->site.id, x->related[i], a, &one) != LOA_OK)
			continue;
		const struct article *r = x ? &one : &rel[i];
		struct tval *t = tv_map(a);
		tv_set_int(a, t, "id", r->id);
		tv_set_str(a, t, "title", r->title);
		tv_set_str(a, t, "status_label", admin_status_label(r->status));
		tv_set_bool(a, t, "published", r->status == ARTICLE_PUBLISHED);
		tv_push(list, t);
	}
	tv_set(ad->root, "related", list);
}

static bool writer_may_edit(const struct admin *ad, const struct article *art, const struct article_meta *m)
{
	return admin_is_approver(ad) ||
	       (m->created_by == ad->user.id && (art->status == ARTICLE_DRAFT || art->status == ARTICLE_PENDING));
}

/* x: the extras as submitted (a refused save), or NULL to show the stored ones. */
static void render_editor(struct admin *ad, const struct article *art, const struct article_meta *m,
			  const struct extras *x, struct form_errors *e, int status, bool conflict)
{
	struct arena *a = ad->a;
	struct tval *t = tv_map(a);
	const char *seo = x ? x->seo : "";
	if (!x && art->id && store_article_seo(ad->app->store, ad->site.id, art->id, a, &seo) != LOA_OK)
		seo = "";
	tv_set_str(a, t, "slug", art->slug ? art->slug : "");
	tv_set_str(a, t, "seo", seo);
	/* the start of the public address; the id follows the slug */
	tv_set_str(a, t, "url_prefix",
		   art->category_slug && *art->category_slug ? arena_printf(a, "%s/", art->category_slug) : "…/");
	show_related(ad, art, x);
	char date[11] = "", tm[6] = "";
	if (art->published_at) {
		struct vn_date d;
		vn_from_unix(art->published_at, &d);
		snprintf(date, sizeof date, "%02u/%02u/%04u", (unsigned)d.day % 100u, (unsigned)d.month % 100u,
			 (unsigned)d.year % 10000u);
		snprintf(tm, sizeof tm, "%02u:%02u", (unsigned)d.hour % 100u, (unsigned)d.min % 100u);
	}
	const char *base = art->id ? arena_printf(a, "/quan-tri/bai-viet/%lld", (long long)art->id) : "/quan-tri/bai-viet/moi";
	tv_set_int(a, t, "id", art->id);
	tv_set_str(a, t, "title", art->title);
	tv_set_str(a, t, "lead", art->lead);
	tv_set_str(a, t, "body", art->body_html);
	tv_set_int(a, t, "category_id", art->category_id);
	tv_set_str(a, t, "author", art->author);
	tv_set_str(a, t, "source", art->source);
	tv_set_str(a, t, "image", art->image);
	tv_set_str(a, t, "image_srcset", art->image_srcset);
	tv_set_str(a, t, "image_thumb", media_library_thumb(a, art->image_srcset, art->image)); /* the preview's */
	tv_set_str(a, t, "caption", art->caption);
	tv_set_bool(a, t, "featured", art->featured);
	tv_set_int(a, t, "featured_order", art->featured_order);
	tv_set_int(a, t, "hot_pin", art->hot_pin);
	tv_set_str(a, t, "status", admin_status_key(art->status));
	tv_set_str(a, t, "status_label", admin_status_label(art->status));
	tv_set_bool(a, t, "is_published", art->status == ARTICLE_PUBLISHED);
	tv_set_bool(a, t, "is_pending", art->status == ARTICLE_PENDING);
	tv_set_bool(a, t, "is_scheduled", art->status == ARTICLE_SCHEDULED);
	tv_set_str(a, t, "publish_date", arena_strdup(a, date));
	tv_set_str(a, t, "publish_time", arena_strdup(a, tm));
	tv_set_int(a, t, "version", m->version);
	tv_set_str(a, t, "review_note", m->review_note ? m->review_note : "");
	tv_set_str(a, t, "created_by_name", m->created_by_name ? m->created_by_name : "");
	tv_set_str(a, t, "updated_by_name", m->updated_by_name ? m->updated_by_name : "");
	char upd[17];
	vn_format_datetime(art->updated_at, upd);
	tv_set_str(a, t, "updated", art->id ? arena_strdup(a, upd) : "");
	tv_set_str(a, t, "action_url", base);
	tv_set_str(a, t, "preview_url", arena_printf(a, "%s/xem-truoc", base));
	tv_set_str(a, t, "autosave_url", arena_printf(a, "%s/tu-dong-luu", base));
	tv_set_str(a, t, "revisions_url", art->id ? arena_printf(a, "%s/phien-ban", base) : "");
	tv_set_str(a, t, "delete_url", art->id ? arena_printf(a, "%s/xoa", base) : "");
	tv_set_str(a, t, "public_url",
		   art->id && art->status == ARTICLE_PUBLISHED && art->published_at <= ad->now
			   ? arena_printf(a, "/%s/%s-%lld", art->category_slug, art->slug, (long long)art->id)
			   : "");
	tv_set(ad->root, "article", t);
	if (art->id)
		admin_attach_show(ad, FILES_OWNER_ARTICLE, art->id, base, false);
	add_category_options(ad, "categories", art->category_id);
	tv_set(ad->root, "errors", e->map);
	struct tval *can = tv_map(a);
	tv_set_bool(a, can, "publish", admin_is_approver(ad));
	/* sending for review again means nothing while it waits or is
	 * scheduled; an approver publishes directly */
	tv_set_bool(a, can, "submit", art->status == ARTICLE_DRAFT && !admin_is_approver(ad));
	tv_set_bool(a, can, "feature", admin_is_approver(ad));
	tv_set_bool(a, can, "delete", art->id && (admin_is_approver(ad) || art->status == ARTICLE_DRAFT));
	tv_set(ad->root, "can", can);
	struct tval *cf = tv_map(a);
	tv_set_bool(a, cf, "present", conflict);
	if (conflict) {
		struct article_meta now_m;
		char at[17] = "";
		if (store_article_meta(ad->app->store, ad->site.id, art->id, a, &now_m) == LOA_OK) {
			struct article cur;
			if (store_article_get(ad->app->store, ad->site.id, art->id, a, &cur) == LOA_OK)
				vn_format_datetime(cur.updated_at, at);
			tv_set_str(a, cf, "by", now_m.updated_by_name);
		}
		tv_set_str(a, cf, "at", arena_strdup(a, at));
	}
	tv_set(ad->root, "conflict", cf);
	const char *data = NULL;
	int64_t at = 0;
	struct tval *as = tv_map(a);
	if (!conflict && store_autosave_get(ad->app->store, ad->site.id, art->id, ad->user.id, a, &data, &at) == LOA_OK &&
	    data && at >= art->updated_at) {
		char when[17];
		vn_format_datetime(at, when);
		tv_set_bool(a, as, "present", true);
		tv_set_str(a, as, "at", arena_strdup(a, when));
		tv_set_str(a, as, "data_json", data);
	}
	tv_set(ad->root, "autosave", as);
	admin_finish(ad, "editor", art->id ? "Sửa bài viết" : "Viết bài mới", status);
}

static const struct {
	const char *action;
	int min_role;
} actions[] = {
	{"luu-nhap", ROLE_WRITER}, {"gui-duyet", ROLE_WRITER}, {"cap-nhat", ROLE_APPROVER}, {"xuat-ban", ROLE_APPROVER},
	{"hen-gio", ROLE_APPROVER}, {"go-bai", ROLE_APPROVER}, {"tra-lai", ROLE_APPROVER},
};

static void delete_article(struct admin *ad, const struct article *art);

/* store_article_save, and with it in one transaction the mail of event ev
 * (enum outbox_article_event, -1 for none): to the approvers for a
 * submission, to the author for a return or a publication by someone
 * else. Returns store_article_save's status, or the outbox's failure. */
static int save_and_notify(struct admin *ad, const struct article_edit *ed, int ev, int64_t *id, int64_t *version,
			   const char **err)
{
	struct store *st = ad->app->store;
	if (ev < 0)
		return store_article_save(st, ed, ad->now, id, version, err);
	int rc = store_begin(st);
	if (rc != LOA_OK)
		return rc;
	rc = store_article_save(st, ed, ad->now, id, version, err);
	struct article_meta m;
	struct article saved;
	if (rc == LOA_OK && (rc = store_article_meta(st, ad->site.id, *id, ad->a, &m)) == LOA_OK &&
	    (rc = store_article_get(st, ad->site.id, *id, ad->a, &saved)) == LOA_OK &&
	    (ev == OUTBOX_SUBMITTED || m.created_by != ad->user.id)) {
		struct outbox_ctx mail;
		admin_outbox_ctx(ad, &mail);
		const char *by = *ad->user.name ? ad->user.name : ad->user.login;
		rc = outbox_article(&mail, ev, &saved, m.created_by, ed->review_note, by);
	}
	if (rc == LOA_OK)
		rc = store_commit(st);
	if (rc != LOA_OK)
		store_rollback(st);
	return rc;
}

static void save_article(struct admin *ad, struct article *art, struct article_meta *m)
{
	struct arena *a = ad->a;
	const char *action = admin_field(ad, "action");
	if (strcmp(action, "xoa") == 0 && art->id) {
		delete_article(ad, art);
		return;
	}
	int min_role = -1;
	for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++)
		if (strcmp(action, actions[i].action) == 0)
			min_role = actions[i].min_role;
	if (min_role < 0) {
		admin_error(ad, 400, "Thao tác không hợp lệ.");
		return;
	}
	if (ad->user.role < min_role) {
		admin_error(ad, 403, "Phóng viên chỉ có thể lưu nháp và gửi duyệt; biên tập viên sẽ xuất bản bài.");
		return;
	}
	int64_t version = 0;
	if (art->id && !num_parse_i64(admin_field(ad, "version"), 0, INT64_MAX, &version)) {
		admin_error(ad, 400, "Thiếu số phiên bản của bài viết. Hãy tải lại trang.");
		return;
	}
	struct form_errors e = {tv_map(a), false};
	int old_status = art->status;
	struct extras x;
	read_form(ad, art, &e);
	read_extras(ad, art, &x, &e);
	const char *note = "";
	const char *code = "da-luu";
	int64_t when = 0;
	const char *date = admin_field(ad, "ngay-dang"), *tm = admin_field(ad, "gio-dang");
	if (*date && !admin_parse_datetime(date, tm, &when))
		form_error(ad, &e, "publish", "Ngày giờ đăng không hợp lệ: hãy nhập ngày/tháng/năm (ví dụ 01/09/2026) và giờ (ví dụ 07:30).");
	if (strcmp(action, "luu-nhap") == 0) {
		/* saving a live or scheduled article keeps it so ("Cập nhật");
		 * taking it down is "Gỡ bài" */
		bool live = old_status == ARTICLE_PUBLISHED || old_status == ARTICLE_SCHEDULED;
		art->status = live && admin_is_approver(ad) ? old_status : ARTICLE_DRAFT;
	} else if (strcmp(action, "gui-duyet") == 0) {
		art->status = ARTICLE_PENDING;
		code = "da-gui-duyet";
	} else if (strcmp(action, "cap-nhat") == 0) {
		art->status = old_status; /* an edit of the live article */
	} else if (strcmp(action, "xuat-ban") == 0) {
		art->status = ARTICLE_PUBLISHED;
		if (!when || when > ad->now)
			when = old_status == ARTICLE_PUBLISHED && art->published_at ? art->published_at : ad->now;
		art->published_at = when;
		code = "da-xuat-ban";
	} else if (strcmp(action, "hen-gio") == 0) {
		if (!*date)
			form_error(ad, &e, "publish", "Hãy chọn ngày giờ đăng để hẹn giờ.");
		else if (when && when <= ad->now)
			form_error(ad, &e, "publish", "Thời điểm hẹn giờ phải ở tương lai.");
		art->status = ARTICLE_SCHEDULED;
		art->published_at = when;
		code = "da-hen-gio";
	} else if (strcmp(action, "go-bai") == 0) {
		art->status = ARTICLE_DRAFT;
		code = "da-go-bai";
	} else if (strcmp(action, "tra-lai") == 0) {
		note = admin_field(ad, "ghi-chu");
		if (!*note)
			form_error(ad, &e, "general", "Hãy ghi lý do trả lại (ô Ghi chú) để người viết sửa.");
		art->status = ARTICLE_DRAFT;
		code = "da-tra-lai";
	}
	if (e.any) {
		m->version = version;
		render_editor(ad, art, m, &x, &e, 422, false);
		return;
	}
	struct article_edit ed = {.art = *art, .version = version, .user_id = ad->user.id, .review_note = note,
				  .set_extras = true, .seo_description = x.seo, .related = x.related, .nrelated = x.nrelated};
	ed.art.site_id = ad->site.id;
	/* art->slug: the typed one, or "" to derive it from the title; the
	 * article's URL ends in its id, so an old slug answers 301 */
	ed.art.updated_at = ad->now;
	int64_t id, new_version;
	const char *err = NULL;
	int ev = strcmp(action, "gui-duyet") == 0 ? OUTBOX_SUBMITTED
		 : strcmp(action, "tra-lai") == 0 ? OUTBOX_RETURNED
		 : strcmp(action, "xuat-ban") == 0 && old_status != ARTICLE_PUBLISHED ? OUTBOX_PUBLISHED : -1;
	int rc = save_and_notify(ad, &ed, ev, &id, &new_version, &err);
	if (rc == LOA_CONFLICT) {
		m->version = version;
		render_editor(ad, art, m, &x, &e, 409, true);
		return;
	}
	if (rc != LOA_OK) {
		form_error(ad, &e, "general", err ? err : "Không lưu được bài viết. Vui lòng thử lại.");
		m->version = version;
		render_editor(ad, art, m, &x, &e, rc == LOA_INVALID ? 422 : 503, false);
		return;
	}
	store_autosave_delete(ad->app->store, ad->site.id, art->id, ad->user.id);
	if (!art->id)
		store_autosave_delete(ad->app->store, ad->site.id, 0, ad->user.id);
	static const char *audit_names[] = {"article-save", "article-submit", "article-update", "article-publish",
					    "article-schedule", "article-unpublish", "article-return"};
	for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++)
		if (strcmp(action, actions[i].action) == 0)
			admin_audit(ad, audit_names[i], arena_printf(a, "bài viết #%lld", (long long)id), art->title);
	admin_content_changed(ad);
	admin_redirect(ad, arena_printf(a, "/quan-tri/bai-viet/%lld", (long long)id), code);
}

/* JSON of the editor's fields, for the autosave slot. */
static const char *form_json(struct admin *ad)
{
	static const char *fields[] = {"tieu-de", "sapo", "body_html", "chuyen-muc", "tac-gia", "nguon",
				       "anh-dai-dien", "anh-dai-dien-srcset", "chu-thich-anh", "ngay-dang", "gio-dang",
				       "duong-dan", "mo-ta-seo"};
	struct buf b = BUF_INIT;
	buf_addch(&b, '{');
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		const char *v = admin_field(ad, fields[i]);
		buf_addf(&b, "%s\"%s\":\"", i ? "," : "", fields[i]);
		esc_json(&b, v, strlen(v));
		buf_addch(&b, '"');
	}
	buf_addch(&b, '}');
	const char *out = arena_strndup(ad->a, b.data, b.len);
	buf_reset(&b);
	return out;
}

static void autosave(struct admin *ad, int64_t id)
{
	const char *data = form_json(ad);
	const char *msg;
	int status = 200;
	if (strlen(data) > MAX_BODY + 65536) {
		status = 413;
		msg = "{\"ok\":false,\"error\":\"Nội dung quá dài để tự lưu.\"}";
	} else if (store_autosave_put(ad->app->store, ad->site.id, id, ad->user.id, data, ad->now) == LOA_OK) {
		struct vn_date d;
		vn_from_unix(ad->now, &d);
		msg = arena_printf(ad->a, "{\"ok\":true,\"at\":\"%02d:%02d\"}", d.hour, d.min);
	} else {
		status = 503;
		msg = "{\"ok\":false,\"error\":\"Không tự lưu được.\"}";
	}
	http_send(ad->req, status, "application/json; charset=utf-8", msg, strlen(msg), 0);
}

static void revisions(struct admin *ad, const struct article *art)
{
	struct arena *a = ad->a;
	struct revision *revs;
	size_t n;
	if (store_revision_list(ad->app->store, art->id, a, &revs, &n) != LOA_OK)
		n = 0;
	struct tval *t = tv_map(a), *rows = tv_list(a);
	tv_set_int(a, t, "id", art->id);
	tv_set_str(a, t, "title", art->title);
	tv_set_str(a, t, "edit_url", arena_printf(a, "/quan-tri/bai-viet/%lld", (long long)art->id));
	for (size_t i = 0; i < n; i++) {
		struct tval *r = tv_map(a);
		char at[17];
		vn_format_datetime(revs[i].at, at);
		tv_set_int(a, r, "id", revs[i].id);
		tv_set_str(a, r, "at", arena_strdup(a, at));
		tv_set_str(a, r, "user_name", revs[i].user_name);
		tv_set_str(a, r, "title", revs[i].art.title);
		tv_set_str(a, r, "status_label", admin_status_label(revs[i].art.status));
		tv_set_bool(a, r, "current", i == 0);
		tv_set_str(a, r, "restore_url",
			   arena_printf(a, "/quan-tri/bai-viet/%lld/phien-ban/%lld/khoi-phuc", (long long)art->id,
					(long long)revs[i].id));
		tv_push(rows, r);
	}
	tv_set(ad->root, "article", t);
	tv_set(ad->root, "rows", rows);
	admin_finish(ad, "revisions", "Các phiên bản", 200);
}

static void restore(struct admin *ad, struct article *art, const struct article_meta *m, int64_t rid)
{
	struct revision rev;
	if (store_revision_get(ad->app->store, art->id, rid, ad->a, &rev) != LOA_OK) {
		admin_error(ad, 404, "Không có phiên bản này.");
		return;
	}
	struct article_edit ed = {.art = *art, .version = m->version, .user_id = ad->user.id, .review_note = ""};
	ed.art.title = rev.art.title;
	ed.art.lead = rev.art.lead;
	ed.art.body_html = rev.art.body_html;
	ed.art.image = rev.art.image;
	ed.art.image_srcset = rev.art.image_srcset;
	ed.art.caption = rev.art.caption;
	ed.art.author = rev.art.author;
	ed.art.source = rev.art.source;
	ed.art.category_id = rev.art.category_id;
	ed.art.slug = art->slug; /* the address stays what the editor made it */
	ed.art.updated_at = ad->now;
	if (!admin_is_approver(ad))
		ed.art.status = ARTICLE_DRAFT;
	int64_t id, v;
	const char *err = NULL;
	int rc = store_article_save(ad->app->store, &ed, ad->now, &id, &v, &err);
	if (rc != LOA_OK) {
		admin_error(ad, rc == LOA_CONFLICT ? 409 : 400, err ? err : "Không khôi phục được phiên bản.");
		return;
	}
	admin_audit(ad, "article-restore", arena_printf(ad->a, "bài viết #%lld", (long long)id),
		    arena_printf(ad->a, "phiên bản #%lld", (long long)rid));
	admin_content_changed(ad);
	admin_redirect(ad, arena_printf(ad->a, "/quan-tri/bai-viet/%lld", (long long)id), "da-khoi-phuc");
}

int admin_article_remove(struct admin *ad, int64_t id)
{
	/* its files first: once the row is gone nothing would name them */
	int rc = files_detach_all(ad->app->store, files_dir(ad->a, ad->app->cfg.media_dir), ad->site.id,
				  FILES_OWNER_ARTICLE, id);
	return rc == LOA_OK ? store_article_delete(ad->app->store, ad->site.id, id) : rc;
}

static void delete_article(struct admin *ad, const struct article *art)
{
	if (!admin_is_approver(ad) && art->status != ARTICLE_DRAFT) {
		admin_error(ad, 403, "Phóng viên chỉ xóa được bài nháp của mình.");
		return;
	}
	if (admin_article_remove(ad, art->id) != LOA_OK) {
		admin_error(ad, 503, "Không xóa được bài viết.");
		return;
	}
	admin_audit(ad, "article-delete", arena_printf(ad->a, "bài viết #%lld", (long long)art->id), art->title);
	admin_content_changed(ad);
	admin_redirect(ad, "/quan-tri/bai-viet", "da-xoa");
}

/* Loads the article the URL names ({id} in the route, or a blank one for
 * the /moi routes) and checks that the user may edit it; answers 404 or
 * 403 itself ("...OrReply"). */
static bool article_of_or_reply(struct admin *ad, struct article *art, struct article_meta *m)
{
	*art = (struct article){.status = ARTICLE_DRAFT, .title = "", .lead = "", .body_html = "", .image = "",
				.image_srcset = "", .caption = "", .author = *ad->user.name ? ad->user.name : "",
				.source = "", .slug = "", .category_slug = ""};
	*m = (struct article_meta){.review_note = "", .created_by = ad->user.id};
	int64_t id = http_req_param_id(ad->req, 0);
	if (id && (store_article_get(ad->app->store, ad->site.id, id, ad->a, art) != LOA_OK ||
		   store_article_meta(ad->app->store, ad->site.id, id, ad->a, m) != LOA_OK)) {
		admin_error(ad, 404, "Không tìm thấy bài viết.");
		return false;
	}
	if (id && !writer_may_edit(ad, art, m)) {
		admin_error(ad, 403, "Bài viết này không thuộc quyền sửa của bạn (phóng viên chỉ sửa bài nháp của mình).");
		return false;
	}
	tv_set_str(ad->a, ad->page, "section", id ? "articles" : "new");
	return true;
}

void admin_article_edit(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct article art;
	struct article_meta m;
	if (article_of_or_reply(ad, &art, &m))
		render_editor(ad, &art, &m, NULL, &(struct form_errors){tv_map(ad->a), false}, 200, false);
}

void admin_article_save(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct article art;
	struct article_meta m;
	if (article_of_or_reply(ad, &art, &m))
		save_article(ad, &art, &m);
}

void admin_article_autosave(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct article art;
	struct article_meta m;
	if (article_of_or_reply(ad, &art, &m))
		autosave(ad, art.id);
}

void admin_article_preview(void *app, struct http_req *req)
{
	struct admin *ad = admin_of(req);
	struct article art;
	struct article_meta m;
	if (!article_of_or_reply(ad, &art, &m))
		return;
	if (strcmp(http_req_method(req), "POST") == 0) {
		struct form_errors e = {tv_map(ad->a), false};
		read_form(ad, &art, &e);
	}
	art.site_id = ad->site.id;
	if (!art.published_at)
		art.published_at = ad->now;
	art.updated_at = ad->now;
	site_article_preview(app, req, &art);
}

void admin_article_revisions(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct article art;
	struct article_meta m;
	if (article_of_or_reply(ad, &art, &m))
		revisions(ad, &art);
}

void admin_article_restore(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct article art;
	struct article_meta m;
	if (article_of_or_reply(ad, &art, &m))
		restore(ad, &art, &m, http_req_param_id(req, 1));
}

void admin_article_delete(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct article art;
	struct article_meta m;
	if (article_of_or_reply(ad, &art, &m))
		delete_article(ad, &art);
}

/* GET /quan-tri/bai-viet/tim.json?q=: published articles whose title holds
 * q (folded), newest first, for the editor's related-article picker. */
void admin_article_find_json(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	const char *q = http_req_query(req, "q");
	if (!q || strlen(q) > 400)
		q = "";
	struct article_filter f = {.site_id = ad->site.id, .status = ARTICLE_PUBLISHED, .q = q, .limit = 10};
	struct article *arts;
	size_t n = 0;
	int64_t total;
	if (store_article_admin_list(ad->app->store, &f, ad->a, &arts, &n, &total) != LOA_OK)
		n = 0;
	struct buf b = BUF_INIT;
	buf_adds(&b, "{\"items\":[");
	for (size_t i = 0; i < n; i++) {
		char when[17];
		vn_format_datetime(arts[i].published_at, when);
		buf_addf(&b, "%s{\"id\":%lld,\"title\":\"", i ? "," : "", (long long)arts[i].id);
		esc_json(&b, arts[i].title, strlen(arts[i].title));
		buf_adds(&b, "\",\"category\":\"");
		esc_json(&b, arts[i].category_name, strlen(arts[i].category_name));
		buf_addf(&b, "\",\"date\":\"%s\"}", when);
	}
	buf_adds(&b, "]}");
	http_send(req, 200, "application/json; charset=utf-8", b.data, b.len, HTTP_COMPRESS);
	buf_reset(&b);
}

/* Attachments (PDF, Word, ...) of an article: whoever may edit it adds and
 * removes them (article_of_or_reply), on the editor's page. */
void admin_article_attach(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct article art;
	struct article_meta m;
	if (!article_of_or_reply(ad, &art, &m))
		return;
	const char *base = arena_printf(ad->a, "/quan-tri/bai-viet/%lld", (long long)art.id);
	if (!admin_attach_upload(ad, FILES_OWNER_ARTICLE, art.id, false,
				 arena_printf(ad->a, "bài viết #%lld", (long long)art.id), base))
		render_editor(ad, &art, &m, NULL, &(struct form_errors){tv_map(ad->a), false}, 422, false);
}

void admin_article_detach(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct article art;
	struct article_meta m;
	if (article_of_or_reply(ad, &art, &m))
		admin_attach_remove(ad, FILES_OWNER_ARTICLE, art.id, arena_printf(ad->a, "bài viết #%lld", (long long)art.id),
				    arena_printf(ad->a, "/quan-tri/bai-viet/%lld", (long long)art.id));
}
