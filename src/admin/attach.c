/* attach.c — the newsroom's side of attachments (files.h): the list of an
 * owner's files with a remove button each, and the upload form, shared by
 * the rooms whose items carry files (a draft and its report, a calendar
 * entry's invitation, an article's documents). The room's handler finds the owner (and answers
 * 404) and re-renders its own page; this file reads the upload and the
 * removal and fills root.attach for the partial admin/partials/attachments. */
#include <string.h>

#include "admin/adminInt.h"
#include "core/status.h"
#include "files/files.h"
#include "store/store_files.h"

/* The audit codes of each kind of owner (labels in audit.c). */
static const struct {
	const char *kind, *attach, *detach;
} attach_audit[] = {
	{FILES_OWNER_DRAFT, "draft-attach", "draft-detach"},
	{FILES_OWNER_CALENDAR, "calendar-attach", "calendar-detach"},
	{FILES_OWNER_ARTICLE, "article-attach", "article-detach"},
};

static const char *audit_code(const char *kind, bool attach)
{
	for (size_t i = 0; i < sizeof attach_audit / sizeof attach_audit[0]; i++)
		if (strcmp(attach_audit[i].kind, kind) == 0)
			return attach ? attach_audit[i].attach : attach_audit[i].detach;
	return attach ? "draft-attach" : "draft-detach"; /* not reached: every kind is listed */
}

void admin_attach_show(struct admin *ad, const char *kind, int64_t owner_id, const char *base, bool report_role)
{
	struct arena *a = ad->a;
	struct file_link *l;
	size_t n = 0;
	if (store_file_links(ad->app->store, ad->site.id, kind, owner_id, a, &l, &n) != LOA_OK)
		n = 0;
	struct tval *t = tv_map(a), *files = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		const struct stored_file *f = &l[i].file;
		const struct file_type *ft = files_type_by_ext(f->kind);
		struct tval *r = tv_map(a);
		tv_set_str(a, r, "title", f->title);
		tv_set_str(a, r, "name", f->original_name);
		tv_set_str(a, r, "type", ft ? ft->label : f->kind);
		tv_set_str(a, r, "size", files_size_text(a, f->size));
		tv_set_str(a, r, "url", files_url(a, f));
		tv_set_bool(a, r, "is_report", strcmp(l[i].role, FILES_ROLE_REPORT) == 0);
		tv_set_str(a, r, "remove_url", arena_printf(a, "%s/tep/%lld/xoa", base, (long long)f->id));
		tv_push(files, r);
	}
	tv_set(t, "files", files);
	tv_set_bool(a, t, "empty", n == 0);
	tv_set_str(a, t, "action", arena_printf(a, "%s/tep", base));
	tv_set_str(a, t, "accept", FILES_ACCEPT_ATTR);
	tv_set_str(a, t, "types", FILES_ACCEPTED_TEXT);
	tv_set_int(a, t, "max_mb", FILES_MAX_BYTES >> 20);
	tv_set_int(a, t, "max_files", FILES_MAX_PER_OWNER);
	tv_set_bool(a, t, "report_role", report_role);
	tv_set(ad->root, "attach", t);
}

bool admin_attach_upload(struct admin *ad, const char *kind, int64_t owner_id, bool report_role, const char *what,
			 const char *back)
{
	struct arena *a = ad->a;
	const struct http_file *hf = http_req_file(ad->req, "tep");
	const char *err = NULL;
	if (!hf || hf->len == 0) {
		tv_set_str(a, ad->root, "attach_error", "Hãy chọn một tệp để tải lên.");
		return false;
	}
	const char *role = report_role && strcmp(admin_field(ad, "loai"), "bao-cao") == 0 ? FILES_ROLE_REPORT : "";
	struct files_upload up = {.data = hf->data, .len = hf->len, .filename = hf->filename,
				  .title = admin_field(ad, "ten-tep")};
	struct stored_file f;
	int rc = files_attach(ad->app->store, files_dir(a, ad->app->cfg.media_dir), ad->site.id, kind, owner_id, role,
			      &up, ad->now, a, &f, &err);
	if (rc != LOA_OK) {
		tv_set_str(a, ad->root, "attach_error", err ? err : "Không tải được tệp lên. Vui lòng thử lại.");
		return false;
	}
	admin_audit(ad, audit_code(kind, true), arena_printf(a, "%s, tệp %lld", what, (long long)f.id),
		    f.title);
	admin_content_changed(ad);
	admin_redirect(ad, arena_printf(a, "%s#tep", back), "da-tai-tep");
	return true;
}

void admin_attach_remove(struct admin *ad, const char *kind, int64_t owner_id, const char *what, const char *back)
{
	struct arena *a = ad->a;
	int64_t file_id = http_req_param_id(ad->req, 1);
	int rc = files_detach(ad->app->store, files_dir(a, ad->app->cfg.media_dir), ad->site.id, kind, owner_id,
			      file_id);
	if (rc == LOA_NOTFOUND) {
		admin_error(ad, 404, "Không tìm thấy tệp này trong mục.");
		return;
	}
	if (rc != LOA_OK) {
		admin_error(ad, 503, "Không gỡ được tệp. Vui lòng thử lại.");
		return;
	}
	admin_audit(ad, audit_code(kind, false), arena_printf(a, "%s, tệp %lld", what, (long long)file_id),
		    "");
	admin_content_changed(ad);
	admin_redirect(ad, arena_printf(a, "%s#tep", back), "da-go-tep");
}
