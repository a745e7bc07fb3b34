/* routes.c — the newsroom's URL table, and its timer. */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "admin/admin.h"
#include "admin/adminInt.h"
#include "core/clock.h"
#include "core/status.h"
#include "files/files.h"
#include "store/store_consult.h"
#include "store/store_feedback.h"

static void admin_not_found(void *app, struct http_req *req)
{
	(void)app;
	admin_error(admin_of(req), 404, "Không tìm thấy trang quản trị này.");
}

#define W ROLE_WRITER
#define E ROLE_APPROVER
#define A ROLE_ADMIN
#define CSRF HTTP_ROUTE_CSRF
#define FORM (8u << 20)     /* a 2 MB article, percent-encoded, and its fields */
#define UPLOAD (16u << 20)  /* the media module limits a file to 15 MB */
#define FILE_UPLOAD (FILES_MAX_BYTES + (1u << 20)) /* one 20 MB file and the form, so the form itself says "too large" */

/* Every newsroom URL with its policy: method, pattern, handler, least role,
 * flags, body bound, menu section. admin_guard enforces role and CSRF
 * before the handler runs; every POST carries CSRF (a unit test walks
 * this table to hold that). The login form checks its own double-submit
 * token, as there is no session yet. */
const struct http_route admin_routes[] = {
	{"GET", "/quan-tri", admin_dashboard, W, 0, 0, "dashboard"},
	{"GET", "/quan-tri/", admin_dashboard, W, 0, 0, "dashboard"},
	{"GET", "/quan-tri/dang-nhap", admin_login_form, 0, 0, 0, ""},
	{"POST", "/quan-tri/dang-nhap", admin_login, 0, 0, 0, ""},
	{"POST", "/quan-tri/dang-xuat", admin_logout, W, CSRF, 0, ""},
	{"GET", "/quan-tri/thong-ke.csv", admin_stats_csv, W, 0, 0, "dashboard"},

	{"GET", "/quan-tri/bai-viet", admin_articles, W, 0, 0, "articles"},
	{"POST", "/quan-tri/bai-viet/hang-loat", admin_articles_bulk, W, CSRF, 0, "articles"},
	{"GET", "/quan-tri/bai-viet/tim.json", admin_article_find_json, W, 0, 0, "articles"},
	{"GET", "/quan-tri/bai-viet/moi", admin_article_edit, W, 0, 0, "articles"},
	{"POST", "/quan-tri/bai-viet/moi", admin_article_save, W, CSRF, FORM, "articles"},
	{"POST", "/quan-tri/bai-viet/moi/tu-dong-luu", admin_article_autosave, W, CSRF, FORM, "articles"},
	{"GET", "/quan-tri/bai-viet/moi/xem-truoc", admin_article_preview, W, 0, 0, "articles"},
	{"POST", "/quan-tri/bai-viet/moi/xem-truoc", admin_article_preview, W, CSRF, FORM, "articles"},
	{"GET", "/quan-tri/bai-viet/{id}", admin_article_edit, W, 0, 0, "articles"},
	{"POST", "/quan-tri/bai-viet/{id}", admin_article_save, W, CSRF, FORM, "articles"},
	{"POST", "/quan-tri/bai-viet/{id}/tu-dong-luu", admin_article_autosave, W, CSRF, FORM, "articles"},
	{"GET", "/quan-tri/bai-viet/{id}/xem-truoc", admin_article_preview, W, 0, 0, "articles"},
	{"POST", "/quan-tri/bai-viet/{id}/xem-truoc", admin_article_preview, W, CSRF, FORM, "articles"},
	{"GET", "/quan-tri/bai-viet/{id}/phien-ban", admin_article_revisions, W, 0, 0, "articles"},
	{"POST", "/quan-tri/bai-viet/{id}/phien-ban/{id}/khoi-phuc", admin_article_restore, W, CSRF, 0, "articles"},
	{"POST", "/quan-tri/bai-viet/{id}/xoa", admin_article_delete, W, CSRF, 0, "articles"},
	{"POST", "/quan-tri/bai-viet/{id}/tep", admin_article_attach, W, CSRF, FILE_UPLOAD, "articles"},
	{"POST", "/quan-tri/bai-viet/{id}/tep/{id}/xoa", admin_article_detach, W, CSRF, 0, "articles"},

	{"GET", "/quan-tri/anh.json", admin_media_json, W, 0, 0, "media"},
	{"GET", "/quan-tri/anh", admin_media, W, 0, 0, "media"},
	{"POST", "/quan-tri/anh", admin_media_upload, W, CSRF, UPLOAD, "media"},
	{"POST", "/quan-tri/anh/{id}", admin_media_update, W, CSRF, 0, "media"},
	{"POST", "/quan-tri/anh/{id}/xoa", admin_media_delete, E, CSRF, 0, "media"},

	{"GET", "/quan-tri/lich-cong-tac", admin_calendar, A, 0, 0, "calendar"},
	{"POST", "/quan-tri/lich-cong-tac", admin_calendar_add, A, CSRF, 0, "calendar"},
	{"POST", "/quan-tri/lich-cong-tac/sao-chep", admin_calendar_copy, A, CSRF, 0, "calendar"},
	{"GET", "/quan-tri/lich-cong-tac/{id}", admin_calendar_item, A, 0, 0, "calendar"},
	{"POST", "/quan-tri/lich-cong-tac/{id}", admin_calendar_item, A, CSRF, 0, "calendar"},
	{"POST", "/quan-tri/lich-cong-tac/{id}/xoa", admin_calendar_delete, A, CSRF, 0, "calendar"},
	{"POST", "/quan-tri/lich-cong-tac/{id}/tep", admin_calendar_attach, A, CSRF, FILE_UPLOAD, "calendar"},
	{"POST", "/quan-tri/lich-cong-tac/{id}/tep/{id}/xoa", admin_calendar_detach, A, CSRF, 0, "calendar"},

	{"GET", "/quan-tri/chuyen-muc", admin_categories, A, 0, 0, "categories"},
	{"POST", "/quan-tri/chuyen-muc", admin_categories, A, CSRF, 0, "categories"},
	{"POST", "/quan-tri/chuyen-muc/{id}", admin_category_update, A, CSRF, 0, "categories"},
	{"POST", "/quan-tri/chuyen-muc/{id}/xoa", admin_category_delete, A, CSRF, 0, "categories"},

	{"GET", "/quan-tri/lien-ket", admin_links, A, 0, 0, "links"},
	{"POST", "/quan-tri/lien-ket", admin_links, A, CSRF, 0, "links"},
	{"POST", "/quan-tri/lien-ket/{id}", admin_link_update, A, CSRF, 0, "links"},
	{"POST", "/quan-tri/lien-ket/{id}/xoa", admin_link_delete, A, CSRF, 0, "links"},

	{"GET", "/quan-tri/trinh-don", admin_menu, A, 0, 0, "menu"},
	{"POST", "/quan-tri/trinh-don", admin_menu, A, CSRF, 0, "menu"},
	{"POST", "/quan-tri/trinh-don/{id}", admin_menu_update, A, CSRF, 0, "menu"},
	{"POST", "/quan-tri/trinh-don/{id}/xoa", admin_menu_delete, A, CSRF, 0, "menu"},
	{"POST", "/quan-tri/trinh-don/{id}/di-chuyen", admin_menu_move, A, CSRF, 0, "menu"},

	{"GET", "/quan-tri/thiet-lap", admin_settings, A, 0, 0, "settings"},
	{"POST", "/quan-tri/thiet-lap", admin_settings, A, CSRF, 0, "settings"},

	{"GET", "/quan-tri/thu", admin_mail_settings, A, 0, 0, "mail"},
	{"POST", "/quan-tri/thu", admin_mail_settings, A, CSRF, 0, "mail"},
	{"POST", "/quan-tri/thu/thu-thu", admin_mail_test, A, CSRF, 0, "mail"},
	{"POST", "/quan-tri/thu/nguoi-nhan", admin_mail_users, A, CSRF, 0, "mail"},
	{"GET", "/quan-tri/thu/hop-thu", admin_mail_outbox, A, 0, 0, "outbox"},
	{"POST", "/quan-tri/thu/hop-thu/{id}/gui-lai", admin_mail_retry, A, CSRF, 0, "outbox"},

	{"GET", "/quan-tri/nguoi-dung", admin_users, A, 0, 0, "users"},
	{"POST", "/quan-tri/nguoi-dung", admin_users, A, CSRF, 0, "users"},
	{"POST", "/quan-tri/nguoi-dung/{id}", admin_user_act, A, CSRF, 0, "users"},
	{"GET", "/quan-tri/nhat-ky", admin_audit_log, A, 0, 0, "audit"},
	{"GET", "/quan-tri/chuyen-huong", admin_redirects, A, 0, 0, "redirects"},
	{"GET", "/quan-tri/mat-khau", admin_own_password, W, 0, 0, "password"},
	{"POST", "/quan-tri/mat-khau", admin_own_password, W, CSRF, 0, "password"},

	{"GET", "/quan-tri/gop-y", admin_feedback, E, 0, 0, "feedback"},
	{"GET", "/quan-tri/gop-y.csv", admin_feedback_csv, E, 0, 0, "feedback"},
	{"GET", "/quan-tri/gop-y/{id}", admin_feedback_item, E, 0, 0, "feedback"},
	{"POST", "/quan-tri/gop-y/{id}", admin_feedback_act, E, CSRF, 0, "feedback"},
	{"GET", "/quan-tri/gop-y/{id}/tep", admin_feedback_attachment, E, 0, 0, "feedback"},

	{"GET", "/quan-tri/trang", admin_org_pages, E, 0, 0, "pages"},
	{"GET", "/quan-tri/trang/moi", admin_org_page_edit, E, 0, 0, "pages"},
	{"POST", "/quan-tri/trang/moi", admin_org_page_edit, E, CSRF, FORM, "pages"},
	{"GET", "/quan-tri/trang/{id}", admin_org_page_edit, E, 0, 0, "pages"},
	{"POST", "/quan-tri/trang/{id}", admin_org_page_edit, E, CSRF, FORM, "pages"},
	{"GET", "/quan-tri/trang/{id}/phien-ban", admin_org_page_revisions, E, 0, 0, "pages"},
	{"POST", "/quan-tri/trang/{id}/phien-ban/{id}/khoi-phuc", admin_org_page_restore, E, CSRF, 0, "pages"},
	{"POST", "/quan-tri/trang/{id}/xoa", admin_org_page_delete, E, CSRF, 0, "pages"},
	{"GET", "/quan-tri/co-cau", admin_org_units, A, 0, 0, "org"},
	{"GET", "/quan-tri/co-cau/moi", admin_org_unit_edit, A, 0, 0, "org"},
	{"POST", "/quan-tri/co-cau/moi", admin_org_unit_edit, A, CSRF, 0, "org"},
	{"GET", "/quan-tri/co-cau/{id}", admin_org_unit_edit, A, 0, 0, "org"},
	{"POST", "/quan-tri/co-cau/{id}", admin_org_unit_edit, A, CSRF, 0, "org"},
	{"POST", "/quan-tri/co-cau/{id}/xoa", admin_org_unit_delete, A, CSRF, 0, "org"},
	{"GET", "/quan-tri/can-bo", admin_org_officials, A, 0, 0, "officials"},
	{"GET", "/quan-tri/can-bo/moi", admin_org_official_edit, A, 0, 0, "officials"},
	{"POST", "/quan-tri/can-bo/moi", admin_org_official_edit, A, CSRF, 0, "officials"},
	{"GET", "/quan-tri/can-bo/{id}", admin_org_official_edit, A, 0, 0, "officials"},
	{"POST", "/quan-tri/can-bo/{id}", admin_org_official_edit, A, CSRF, 0, "officials"},
	{"POST", "/quan-tri/can-bo/{id}/xoa", admin_org_official_delete, A, CSRF, 0, "officials"},
	{"GET", "/quan-tri/du-thao", admin_consult_list, E, 0, 0, "consult"},
	{"GET", "/quan-tri/du-thao/moi", admin_consult_edit, E, 0, 0, "consult"},
	{"POST", "/quan-tri/du-thao/moi", admin_consult_save, E, CSRF, FORM, "consult"},
	{"GET", "/quan-tri/du-thao/y-kien", admin_consult_comments, E, 0, 0, "consult"},
	{"POST", "/quan-tri/du-thao/y-kien/{id}", admin_consult_comment_act, E, CSRF, 0, "consult"},
	{"GET", "/quan-tri/du-thao/{id}", admin_consult_edit, E, 0, 0, "consult"},
	{"POST", "/quan-tri/du-thao/{id}", admin_consult_save, E, CSRF, FORM, "consult"},
	{"POST", "/quan-tri/du-thao/{id}/xoa", admin_consult_delete, A, CSRF, 0, "consult"},
	{"POST", "/quan-tri/du-thao/{id}/tep", admin_consult_attach, E, CSRF, FILE_UPLOAD, "consult"},
	{"POST", "/quan-tri/du-thao/{id}/tep/{id}/xoa", admin_consult_detach, E, CSRF, 0, "consult"},

	{"GET", "/quan-tri/van-ban", admin_docs_list, E, 0, 0, "docs"},
	{"GET", "/quan-tri/van-ban/moi", admin_docs_edit, E, 0, 0, "docs"},
	{"POST", "/quan-tri/van-ban/moi", admin_docs_save, E, CSRF, FILE_UPLOAD, "docs"},
	{"GET", "/quan-tri/van-ban/danh-muc", admin_docs_terms, E, 0, 0, "docs"},
	{"POST", "/quan-tri/van-ban/danh-muc", admin_docs_terms, E, CSRF, 0, "docs"},
	{"GET", "/quan-tri/van-ban/{id}", admin_docs_edit, E, 0, 0, "docs"},
	{"POST", "/quan-tri/van-ban/{id}", admin_docs_save, E, CSRF, FILE_UPLOAD, "docs"},
	{"POST", "/quan-tri/van-ban/{id}/tep/{id}/xoa", admin_docs_file_remove, E, CSRF, 0, "docs"},
	{"POST", "/quan-tri/van-ban/{id}/xoa", admin_docs_delete, E, CSRF, 0, "docs"},

	{"GET", "/quan-tri/*", admin_not_found, W, 0, 0, ""},
	{"POST", "/quan-tri/*", admin_not_found, W, CSRF, 0, ""},
};
const size_t admin_nroutes = sizeof admin_routes / sizeof admin_routes[0];

/* The privacy promise of the citizens' forms: contact details of closed
 * feedback items (attachments too) and of moderated comments on closed
 * drafts are erased after each site's retention period. */
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
			int64_t before = now - (int64_t)days * 86400;
			store_comment_erase_contacts(app->store, sites[i].id, before, NULL);
			if (store_feedback_erase_contacts(app->store, sites[i].id, before, a, &files, &nfiles) != LOA_OK)
				continue;
			for (size_t k = 0; k < nfiles; k++) {
				char *path = arena_printf(a, "%s/%s", app->cfg.attach_dir, files[k]);
				unlink(path);
			}
		}
	}
	arena_free(a);
}

/* By the server's clock (clock.h), so a test that moves it sees scheduled
 * articles appear and the retention sweep run; sessions are checked
 * against the wall clock (core.c), and so purged by it. */
void admin_tick(struct app *app)
{
	int64_t now = clock_now();
	int count = 0;
	if (store_article_publish_due(app->store, now, &count) == LOA_OK && count > 0) {
		char detail[32];
		snprintf(detail, sizeof detail, "%d bài", count);
		struct audit_entry e = {.action = "article-auto-publish", .object = "", .detail = detail, .addr = "", .at = now};
		store_audit_add(app->store, &e);
	}
	if (now - app->last_purge > 3600) {
		store_session_purge(app->store, (int64_t)time(NULL));
		erase_old_contacts(app, now);
		app->last_purge = now;
	}
}
