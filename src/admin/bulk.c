/* bulk.c — actions on the articles checked in the list: publish, back to
 * draft, move to a category, delete. One POST (CSRF, the route table) for
 * every row; each row passes the same rules as the single action in
 * articles.c (a writer moves or deletes only their own drafts and never
 * publishes; a published article keeps its date), and the answer is the
 * list again with a notice of what was done and what was refused, and why. */
#include <string.h>

#include "admin/adminInt.h"
#include "core/num.h"
#include "core/status.h"

#define BULK_MAX 100 /* rows per request: a page of the list is 25 */

enum bulk_op { BULK_PUBLISH, BULK_DRAFT, BULK_MOVE, BULK_DELETE };

static const struct {
	const char *value, *done;
	enum bulk_op op;
	int min_role;
} ops[] = {
	{"xuat-ban", "xuất bản", BULK_PUBLISH, ROLE_APPROVER},
	{"ve-nhap", "chuyển về nháp", BULK_DRAFT, ROLE_APPROVER},
	{"chuyen-muc", "chuyển chuyên mục", BULK_MOVE, ROLE_WRITER},
	{"xoa", "xóa", BULK_DELETE, ROLE_WRITER},
};

/* The reason row `art` may not take op, or NULL when it may (the rules
 * of articles.c: writer_may_edit, delete_article, the action table). */
static const char *refusal(const struct admin *ad, const struct article *art, const struct article_meta *m,
			   enum bulk_op op, int64_t to_category)
{
	bool approver = admin_is_approver(ad);
	bool own = m->created_by == ad->user.id;
	switch (op) {
	case BULK_PUBLISH:
		if (!approver)
			return "phóng viên không xuất bản được bài";
		if (art->status == ARTICLE_PUBLISHED)
			return "bài đã đăng sẵn";
		return NULL;
	case BULK_DRAFT:
		if (!approver)
			return "phóng viên không gỡ được bài";
		if (art->status == ARTICLE_DRAFT)
			return "bài đang là nháp";
		return NULL;
	case BULK_MOVE:
		if (!approver && !(own && (art->status == ARTICLE_DRAFT || art->status == ARTICLE_PENDING)))
			return "phóng viên chỉ sửa được bài nháp của mình";
		if (art->category_id == to_category)
			return "bài đã ở chuyên mục này";
		return NULL;
	case BULK_DELETE:
		if (!approver && !(own && art->status == ARTICLE_DRAFT))
			return "phóng viên chỉ xóa được bài nháp của mình";
		return NULL;
	}
	return "thao tác không hợp lệ";
}

/* Applies op to one article; LOA_CONFLICT when it changed meanwhile. */
static int apply(struct admin *ad, struct article *art, const struct article_meta *m, enum bulk_op op,
		 int64_t to_category)
{
	if (op == BULK_DELETE)
		return admin_article_remove(ad, art->id);
	struct article_edit ed = {.art = *art, .version = m->version, .user_id = ad->user.id, .review_note = ""};
	ed.art.site_id = ad->site.id;
	ed.art.updated_at = ad->now;
	if (op == BULK_PUBLISH) {
		ed.art.status = ARTICLE_PUBLISHED;
		/* a scheduled one goes out now, as "Xuất bản" in the editor does */
		ed.art.published_at = art->published_at && art->published_at <= ad->now ? art->published_at : ad->now;
	} else if (op == BULK_DRAFT) {
		ed.art.status = ARTICLE_DRAFT;
	} else {
		ed.art.category_id = to_category;
	}
	int64_t id, version;
	const char *err = NULL;
	return store_article_save(ad->app->store, &ed, ad->now, &id, &version, &err);
}

static bool category_in_site(struct admin *ad, int64_t id)
{
	struct category *cats;
	size_t n = 0;
	if (store_category_list(ad->app->store, ad->site.id, ad->a, &cats, &n) != LOA_OK)
		return false;
	for (size_t i = 0; i < n; i++)
		if (cats[i].id == id)
			return true;
	return false;
}

void admin_articles_bulk(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct arena *a = ad->a;
	const char *opv = admin_field(ad, "thao-tac");
	size_t k = 0;
	while (k < sizeof ops / sizeof ops[0] && strcmp(opv, ops[k].value) != 0)
		k++;
	const char **ids;
	size_t nids = http_req_form_all(req, "chon", BULK_MAX, &ids);
	struct tval *bulk = tv_map(a), *refused = tv_list(a);
	int64_t to_category = 0;
	const char *error = NULL;
	if (k == sizeof ops / sizeof ops[0])
		error = "Hãy chọn một thao tác.";
	else if (ad->user.role < ops[k].min_role)
		error = "Phóng viên chỉ chuyển chuyên mục hoặc xóa bài nháp của mình; biên tập viên sẽ xuất bản bài.";
	else if (nids == 0)
		error = "Hãy đánh dấu ít nhất một bài viết trong danh sách.";
	else if (ops[k].op == BULK_MOVE && (!num_parse_i64(admin_field(ad, "chuyen-muc-moi"), 1, INT64_MAX, &to_category) ||
					    !category_in_site(ad, to_category)))
		error = "Hãy chọn chuyên mục muốn chuyển bài đến.";
	if (error) {
		tv_set_str(a, bulk, "error", error);
		tv_set(ad->root, "bulk", bulk);
		admin_articles_render(ad, 422);
		return;
	}
	int done = 0;
	for (size_t i = 0; i < nids; i++) {
		int64_t id;
		struct article art;
		struct article_meta m;
		const char *why = NULL;
		const char *title = "";
		if (!num_parse_i64(ids[i], 1, INT64_MAX, &id)) {
			continue;
		} else if (store_article_get(ad->app->store, ad->site.id, id, a, &art) != LOA_OK ||
			   store_article_meta(ad->app->store, ad->site.id, id, a, &m) != LOA_OK) {
			why = "không còn bài này";
			title = arena_printf(a, "Bài #%lld", (long long)id);
		} else {
			title = art.title;
			why = refusal(ad, &art, &m, ops[k].op, to_category);
			if (!why) {
				int rc = apply(ad, &art, &m, ops[k].op, to_category);
				why = rc == LOA_OK	 ? NULL
				      : rc == LOA_CONFLICT ? "bài vừa được người khác sửa, hãy thử lại"
							   : "không lưu được";
			}
		}
		if (why) {
			struct tval *r = tv_map(a);
			tv_set_str(a, r, "title", title);
			tv_set_str(a, r, "reason", why);
			tv_push(refused, r);
			continue;
		}
		done++;
		static const char *audit[] = {"article-publish", "article-unpublish", "article-update", "article-delete"};
		admin_audit(ad, audit[ops[k].op], arena_printf(a, "bài viết #%lld", (long long)id), art.title);
	}
	if (done)
		admin_content_changed(ad);
	tv_set_str(a, bulk, "summary",
		   arena_printf(a, "Đã %s %d bài%s", ops[k].done, done,
				tv_len(refused) ? arena_printf(a, "; %zu bài không thực hiện được:", tv_len(refused)) : "."));
	tv_set_bool(a, bulk, "ok", tv_len(refused) == 0);
	tv_set_bool(a, bulk, "any_refused", tv_len(refused) > 0);
	tv_set(bulk, "refused", refused);
	tv_set(ad->root, "bulk", bulk);
	admin_articles_render(ad, 200);
}
