/* routes.c — the newsroom's URL table, and its timer. */
#include <stdio.h>
#include <time.h>

#include "admin/admin.h"
#include "admin/adminInt.h"
#include "core/status.h"

static void admin_not_found(void *app, struct http_req *req)
{
	struct admin ad;
	if (admin_begin_or_reply(&ad, app, req, ROLE_WRITER, ""))
		admin_error(&ad, 404, "Không tìm thấy trang quản trị này.");
}

const struct http_route admin_routes[] = {
	{"GET", "/quan-tri", admin_dashboard},
	{"GET", "/quan-tri/", admin_dashboard},
	{"GET", "/quan-tri/dang-nhap", admin_login_form},
	{"POST", "/quan-tri/dang-nhap", admin_login},
	{"POST", "/quan-tri/dang-xuat", admin_logout},
	{"GET", "/quan-tri/thong-ke.csv", admin_stats_csv},
	{"GET", "/quan-tri/bai-viet", admin_articles},
	{NULL, "/quan-tri/bai-viet/*", admin_article_dispatch},
	{"GET", "/quan-tri/anh.json", admin_media_json},
	{NULL, "/quan-tri/anh", admin_media},
	{NULL, "/quan-tri/anh/*", admin_media_dispatch},
	{NULL, "/quan-tri/lich-cong-tac", admin_calendar},
	{NULL, "/quan-tri/lich-cong-tac/*", admin_calendar_dispatch},
	{NULL, "/quan-tri/chuyen-muc", admin_categories},
	{NULL, "/quan-tri/chuyen-muc/*", admin_category_dispatch},
	{NULL, "/quan-tri/lien-ket", admin_links},
	{NULL, "/quan-tri/lien-ket/*", admin_link_dispatch},
	{NULL, "/quan-tri/thiet-lap", admin_settings},
	{NULL, "/quan-tri/nguoi-dung", admin_users},
	{NULL, "/quan-tri/nguoi-dung/*", admin_user_dispatch},
	{"GET", "/quan-tri/nhat-ky", admin_audit_log},
	{NULL, "/quan-tri/*", admin_not_found},
};
const size_t admin_nroutes = sizeof admin_routes / sizeof admin_routes[0];

void admin_tick(struct app *app)
{
	int64_t now = (int64_t)time(NULL);
	int count = 0;
	if (store_article_publish_due(app->store, now, &count) == LOA_OK && count > 0) {
		char detail[32];
		snprintf(detail, sizeof detail, "%d bài", count);
		struct audit_entry e = {.action = "article-auto-publish", .object = "", .detail = detail, .addr = "", .at = now};
		store_audit_add(app->store, &e);
	}
	if (now - app->last_purge > 3600) {
		store_session_purge(app->store, now);
		app->last_purge = now;
	}
}
