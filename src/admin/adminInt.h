/* adminInt.h — what the newsroom's handlers share (src/admin/).
 *
 * Every handler starts with admin_begin_or_reply(), which checks the session
 * cookie, the user's site and role, and — for POST — the CSRF token, and
 * answers the request itself (redirect to the login page, 403) when any
 * check fails. Then the handler reads the form, talks to the store, and
 * ends with admin_finish() (render a page) or admin_redirect() (after a
 * successful POST: post/redirect/get with a notice code). */
#ifndef LOA_ADMIN_INT_H
#define LOA_ADMIN_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "app.h"
#include "core/arena.h"
#include "http/http.h"
#include "render/tmpl.h"
#include "store/store.h"
#include "store/store_newsroom.h"

#define ADMIN_SESSION_IDLE (8 * 3600)       /* sliding lifetime of a session */
#define ADMIN_SESSION_MAX (7 * 86400)       /* absolute lifetime */

struct admin {
	struct app *app;
	struct http_req *req;
	struct arena *a;
	int64_t now;
	struct user user;
	struct site site;          /* the site managed: the one the Host header names */
	const char *token;         /* the session token from the cookie */
	const char *csrf;
	struct tval *root, *page;
};

/* What admin_guard prepared: every newsroom handler begins with it. */
struct admin *admin_of(struct http_req *req);
/* Renders admin/<tmpl> inside admin/layout and sends it. */
void admin_finish(struct admin *ad, const char *tmpl, const char *title, int status);
/* An error page (403, 404, 400) inside the admin layout. */
void admin_error(struct admin *ad, int status, const char *message);
/* 303 to url with a notice code (?tb=CODE) that admin_begin shows. */
void admin_redirect(struct admin *ad, const char *url, const char *notice_code);
/* The Vietnamese name of an audit action code (audit.c); "Thao tác khác"
 * for a code it does not know. */
const char *admin_audit_label(const char *code);
/* Records an action in the audit log (never fails the request). action is
 * a code of the table in audit.c. */
void admin_audit(struct admin *ad, const char *action, const char *object, const char *detail);
/* A form field, trimmed; "" when absent or not valid UTF-8. Never NULL. */
const char *admin_field(struct admin *ad, const char *name);
/* Clears the page cache so an editor's change shows at once. */
void admin_content_changed(struct admin *ad);
bool admin_is_approver(const struct admin *ad);
bool admin_is_admin(const struct admin *ad);
const char *admin_role_label(int role);
const char *admin_status_label(int status);
const char *admin_status_key(int status);
/* An article row of the lists (title, status, dates, URLs). */
struct tval *admin_article_row(struct admin *ad, const struct article *art, const char *author_name);
/* Category i's name prefixed with "— " per level of depth, for choices
 * (cats in tree order as store_category_list gives them). */
const char *admin_category_label(struct arena *a, const struct category *cats, size_t n, size_t i);
/* Page links: /path?...&trang=N. */
void admin_pager(struct admin *ad, const char *base, int cur, int64_t total, int per_page);
/* Parses a date and an optional time as people type them (vn_parse_dmy,
 * vn_parse_hm) to Unix seconds, Vietnam time. */
bool admin_parse_datetime(const char *date, const char *time, int64_t *out);
/* "dd/mm/yyyy HH:MM" (Vietnam time) of t in the arena; "" for 0 (none). */
const char *admin_when(struct arena *a, int64_t t);
/* True when url (len bytes) is the URL path of a file of the media library:
 * starts with "/media/", has more after it, and holds no "..", quotes,
 * white space, backslashes, angle brackets, commas or control characters. */
bool admin_media_path_ok(const char *url, size_t len);

/* Attachments of a room's items (attach.c). root.attach gets the files of
 * the owner (kind and id as in files.h) with their remove URLs
 * (base/tep/{id}/xoa) and the upload form's action (base/tep); report_role
 * offers the choice "báo cáo tổng hợp". admin_attach_upload reads the
 * multipart field "tep" (readable name "ten-tep", role "loai"), saves and
 * redirects to back#tep, true; on a refusal it sets root.attach_error and
 * returns false for the caller to render its page again (422).
 * admin_attach_remove unlinks and removes file {id} (the route's second
 * placeholder) and redirects, or answers 404. `what` names the owner in
 * the audit log ("dự thảo 12"). */
void admin_attach_show(struct admin *ad, const char *kind, int64_t owner_id, const char *base, bool report_role);
bool admin_attach_upload(struct admin *ad, const char *kind, int64_t owner_id, bool report_role, const char *what,
			 const char *back);
void admin_attach_remove(struct admin *ad, const char *kind, int64_t owner_id, const char *what, const char *back);

/* The footer's legal facts (legal.c): their fields on the settings form
 * (root keys owner, responsible, license, address, phone, email of
 * `form`), reading them back (false with errors[key] set on a problem,
 * *l filled either way), and root.legal_warning: {show, names, missing[]}
 * naming each fact still empty, for the dashboard and the settings page. */
struct site_legal;
void admin_legal_form(struct admin *ad, struct tval *form, const struct site_legal *l);
bool admin_legal_read(struct admin *ad, struct site_legal *l, struct tval *errors);
void admin_legal_warning(struct admin *ad);

/* Fills c for queuing a notification from this request (mail/outbox.h):
 * the request's store, theme, site, "http(s)://host" and time (mail.c). */
struct outbox_ctx;
void admin_outbox_ctx(struct admin *ad, struct outbox_ctx *c);

/* Handlers (one file per room), routed by admin_routes (routes.c) */
void admin_login_form(void *app, struct http_req *req);
void admin_login(void *app, struct http_req *req);
void admin_logout(void *app, struct http_req *req);
void admin_dashboard(void *app, struct http_req *req);
void admin_stats_csv(void *app, struct http_req *req);
void admin_articles(void *app, struct http_req *req);
/* The article list (filters from the query) with `status`; bulk.c shows
 * it again under root.bulk, the notice of what it did. */
void admin_articles_render(struct admin *ad, int status);
void admin_articles_bulk(void *app, struct http_req *req);
/* Deletes article id of the site with its attached files (articles.c),
 * for the single and the bulk delete. */
int admin_article_remove(struct admin *ad, int64_t id);
void admin_article_find_json(void *app, struct http_req *req);
void admin_article_attach(void *app, struct http_req *req);
void admin_article_detach(void *app, struct http_req *req);
void admin_article_edit(void *app, struct http_req *req);
void admin_article_save(void *app, struct http_req *req);
void admin_article_autosave(void *app, struct http_req *req);
void admin_article_preview(void *app, struct http_req *req);
void admin_article_revisions(void *app, struct http_req *req);
void admin_article_restore(void *app, struct http_req *req);
void admin_article_delete(void *app, struct http_req *req);
void admin_media(void *app, struct http_req *req);
void admin_media_upload(void *app, struct http_req *req);
void admin_media_update(void *app, struct http_req *req);
void admin_media_json(void *app, struct http_req *req);
void admin_media_delete(void *app, struct http_req *req);
void admin_calendar(void *app, struct http_req *req);
void admin_calendar_add(void *app, struct http_req *req);
void admin_calendar_copy(void *app, struct http_req *req);
void admin_calendar_item(void *app, struct http_req *req);
void admin_calendar_delete(void *app, struct http_req *req);
void admin_calendar_attach(void *app, struct http_req *req);
void admin_calendar_detach(void *app, struct http_req *req);
void admin_categories(void *app, struct http_req *req);
void admin_category_update(void *app, struct http_req *req);
void admin_category_delete(void *app, struct http_req *req);
void admin_links(void *app, struct http_req *req);
void admin_link_update(void *app, struct http_req *req);
void admin_link_delete(void *app, struct http_req *req);
void admin_settings(void *app, struct http_req *req);
void admin_menu(void *app, struct http_req *req);
void admin_menu_update(void *app, struct http_req *req);
void admin_menu_delete(void *app, struct http_req *req);
void admin_menu_move(void *app, struct http_req *req);
void admin_users(void *app, struct http_req *req);
void admin_user_act(void *app, struct http_req *req);
void admin_audit_log(void *app, struct http_req *req);
void admin_mail_settings(void *app, struct http_req *req);
void admin_mail_test(void *app, struct http_req *req);
void admin_mail_users(void *app, struct http_req *req);
void admin_mail_outbox(void *app, struct http_req *req);
void admin_mail_retry(void *app, struct http_req *req);
/* The redirect table of imported portals' old addresses (redirects.c). */
void admin_redirects(void *app, struct http_req *req);
void admin_own_password(void *app, struct http_req *req);
void admin_feedback(void *app, struct http_req *req);
void admin_feedback_item(void *app, struct http_req *req);
void admin_feedback_act(void *app, struct http_req *req);
void admin_feedback_attachment(void *app, struct http_req *req);
void admin_feedback_csv(void *app, struct http_req *req);
void admin_org_pages(void *app, struct http_req *req);
void admin_org_page_edit(void *app, struct http_req *req);
void admin_org_page_revisions(void *app, struct http_req *req);
void admin_org_page_restore(void *app, struct http_req *req);
void admin_org_page_delete(void *app, struct http_req *req);
void admin_org_units(void *app, struct http_req *req);
void admin_org_unit_edit(void *app, struct http_req *req);
void admin_org_unit_delete(void *app, struct http_req *req);
void admin_org_officials(void *app, struct http_req *req);
void admin_org_official_edit(void *app, struct http_req *req);
void admin_org_official_delete(void *app, struct http_req *req);
void admin_consult_list(void *app, struct http_req *req);
void admin_consult_edit(void *app, struct http_req *req);
void admin_consult_save(void *app, struct http_req *req);
void admin_consult_delete(void *app, struct http_req *req);
void admin_consult_attach(void *app, struct http_req *req);
void admin_consult_detach(void *app, struct http_req *req);
void admin_consult_comments(void *app, struct http_req *req);
void admin_consult_comment_act(void *app, struct http_req *req);

/* "Văn bản", the register of documents (docs.c) */
void admin_docs_list(void *app, struct http_req *req);
void admin_docs_edit(void *app, struct http_req *req);
void admin_docs_save(void *app, struct http_req *req);
void admin_docs_delete(void *app, struct http_req *req);
void admin_docs_file_remove(void *app, struct http_req *req);
void admin_docs_terms(void *app, struct http_req *req);

#endif
