/* routes.c — the newsroom's URL table, and its timer. */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "admin/admin.h"
#include "admin/adminInt.h"
#include "core/status.h"
#include "store/store_feedback.h"

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
	{"GET", "/quan-tri/gop-y", admin_feedback},
	{"GET", "/quan-tri/gop-y.csv", admin_feedback_csv},
	{NULL, "/quan-tri/gop-y/*", admin_feedback_dispatch},
	{NULL, "/quan-tri/*", admin_not_found},
};
const size_t admin_nroutes = sizeof admin_routes / sizeof admin_routes[0];

/* The privacy promise of the feedback form: contact details of closed
 * items are erased after each site's retention period, attachments too. */
static void erase_old_contacts(struct app *app, int64_t now)
{
	struct arena *a = arena_new();
	struct site *sites;
	size_t n;
	if (store_site_list(app->store, a, &sites, &n) == LOA_OK) {
		for (size_t i = 0; i < n; i++) {
			int days = 0;
			const char **files;
			size_t nfiles = 0;
			if (store_site_retention(app->store, sites[i].id, &days) != LOA_OK || days <= 0)
				continue;
			if (store_feedback_erase_contacts(app->store, sites[i].id, now - (int64_t)days * 86400, a, &files,
							  &nfiles) != LOA_OK)
				continue;
			for (size_t k = 0; k < nfiles; k++) {
				char *path = arena_printf(a, "%s/%s", app->cfg.attach_dir, files[k]);
				unlink(path);
			}
		}
	}
	arena_free(a);
}

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
		erase_old_contacts(app, now);
		app->last_purge = now;
	}
}
