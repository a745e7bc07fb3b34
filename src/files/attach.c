/* attach.c — attachments (files.h): a draft's texts and report, a
 * calendar entry's invitation. A stored file (stored.c) plus a link to its
 * owner (store_files.h); the file is saved and committed first, then
 * linked, and taken away again if the link cannot be made, so no link
 * names a missing file and no file is left without one. */
#include "core/status.h"
#include "files/files.h"
#include "store/store_files.h"

int files_attach(struct store *st, const char *dir, int64_t site_id, const char *owner_kind, int64_t owner_id,
		 const char *role, const struct files_upload *up, int64_t now, struct arena *a, struct stored_file *out,
		 const char **err)
{
	struct file_link *have;
	size_t n = 0;
	if (store_file_links(st, site_id, owner_kind, owner_id, a, &have, &n) != LOA_OK) {
		*err = "Không đọc được danh sách tệp. Vui lòng thử lại.";
		return LOA_ERROR;
	}
	if (n >= FILES_MAX_PER_OWNER) {
		*err = arena_printf(a, "Mỗi mục có tối đa %d tệp đính kèm. Hãy gỡ bớt tệp cũ trước.", FILES_MAX_PER_OWNER);
		return LOA_INVALID;
	}
	struct files_upload pub = *up;
	pub.public = true;
	int rc = files_save(st, dir, site_id, &pub, now, a, out, err);
	if (rc != LOA_OK)
		return rc;
	if (store_file_link_add(st, site_id, owner_kind, owner_id, out->id, role) != LOA_OK) {
		files_remove(st, dir, site_id, out->id);
		*err = "Không gắn được tệp vào mục này. Vui lòng thử lại.";
		return LOA_ERROR;
	}
	return LOA_OK;
}

int files_detach(struct store *st, const char *dir, int64_t site_id, const char *owner_kind, int64_t owner_id,
		 int64_t file_id)
{
	int rc = store_file_link_remove(st, site_id, owner_kind, owner_id, file_id);
	return rc == LOA_OK ? files_remove(st, dir, site_id, file_id) : rc;
}

int files_detach_all(struct store *st, const char *dir, int64_t site_id, const char *owner_kind, int64_t owner_id)
{
	struct arena *a = arena_new();
	struct file_link *l;
	size_t n = 0;
	int rc = store_file_links(st, site_id, owner_kind, owner_id, a, &l, &n);
	for (size_t i = 0; rc == LOA_OK && i < n; i++)
		rc = files_detach(st, dir, site_id, owner_kind, owner_id, l[i].file.id);
	arena_free(a);
	return rc;
}
