/* files.h — documents people download from the portal (the register's
 * texts, a draft and its report, a meeting's invitation): what a file's
 * bytes are, and how it is written to disk.
 *
 * A file's type is decided by its content, never by its name or the type
 * the browser claimed: PDF, Word (DOC, DOCX), OpenDocument text (ODT),
 * Excel (XLS, XLSX), and JPEG or PNG scans. Files are written under a name
 * loa chooses, atomically and durably, so that a reader never sees half a
 * file and an acknowledged upload survives a crash. */
#ifndef LOA_FILES_H
#define LOA_FILES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "store/store_files.h"

#define FILES_MAX_BYTES (20u << 20) /* 20 MB, the largest file accepted */

struct file_type {
	const char *mime;
	const char *ext;   /* "pdf", "docx", ... */
	const char *label; /* what a reader is told: "PDF", "Word", "Excel" ... */
};

/* The allowed type of data[0..n), or NULL when the bytes are none of
 * them. Reads only within the buffer; any bytes are safe to pass. */
const struct file_type *files_sniff(const void *data, size_t n);

/* Writes data to dir/name: a temporary file in dir, synced, renamed over
 * name, then dir synced. name must be a plain file name (no '/', not "."
 * or ".."); dir is created (0750) when missing. LOA_OK, or LOA_INVALID for
 * a bad name, LOA_ERROR when the disk refused (nothing is left behind). */
int files_write_atomic(const char *dir, const char *name, const void *data, size_t len);

/* The type whose extension is ext ("pdf"), or NULL. */
const struct file_type *files_type_by_ext(const char *ext);

/* What a person is told the accepted types are. */
#define FILES_ACCEPTED_TEXT                                                                      \
	"PDF, Word (DOC, DOCX), OpenDocument (ODT), Excel (XLS, XLSX) hoặc ảnh quét JPEG, PNG"
/* The <input type=file accept> list of the same types. */
#define FILES_ACCEPT_ATTR ".pdf,.doc,.docx,.odt,.xls,.xlsx,.jpg,.jpeg,.png"
#define FILES_MAX_TITLE 300 /* code points of a readable name */

/* ---- stored files (stored.c): bytes on disk plus their row ---- */

/* The folder of stored files: media_dir/files (arena string). */
const char *files_dir(struct arena *a, const char *media_dir);

/* An upload as received: its bytes, the name the client gave (any text:
 * a path, invalid UTF-8 ...), the readable name typed ("" = from the
 * file name) and whether readers may download it. */
struct files_upload {
	const void *data;
	size_t len;
	const char *filename;
	const char *title;
	bool public;
};

/* Checks the upload (not empty, at most FILES_MAX_BYTES, a type
 * files_sniff knows, a readable name within FILES_MAX_TITLE), writes its
 * bytes under dir with a random name (files_write_atomic: durable before
 * anything refers to them), then adds and commits its row. LOA_OK with *out
 * (strings in a); LOA_INVALID with a Vietnamese message in *err naming the
 * file; LOA_ERROR when the disk or the database refused (nothing left
 * behind, *err says so). */
int files_save(struct store *st, const char *dir, int64_t site_id, const struct files_upload *up, int64_t now,
	       struct arena *a, struct stored_file *out, const char **err);
/* Deletes the row, then the bytes. LOA_NOTFOUND when not in the site. */
int files_remove(struct store *st, const char *dir, int64_t site_id, int64_t id);

/* The name a download is offered under when the client's one is unknown:
 * the readable name with the type's extension. Cleans `filename` as
 * files_save keeps it: its last path segment, NFC, no control characters,
 * at most 200 code points, the sniffed extension added when it does not
 * end so; NULL when nothing is left. */
const char *files_clean_name(struct arena *a, const char *filename, const char *ext);
/* The public path "/tep/{id}/{slug}.{ext}" (slug of the title). */
const char *files_url(struct arena *a, const struct stored_file *f);
/* Appends the Content-Disposition value (RFC 6266, RFC 5987):
 * attachment; filename="<ASCII slug>.<ext>"; filename*=UTF-8''<the
 * original name, percent-encoded>. */
void files_disposition(struct buf *out, const struct stored_file *f);
/* "12 KB", "1,5 MB" (Vietnamese decimal comma), in the arena. */
const char *files_size_text(struct arena *a, int64_t size);

/* ---- attachments (attach.c): files of a draft, a calendar entry or an
 * article ----
 * The owner's kind names its table; a draft's files are its texts (role
 * "") or, after closing, its summary report (FILES_ROLE_REPORT). The
 * links live in store_files.h. */
#define FILES_OWNER_DRAFT "draft"
#define FILES_OWNER_CALENDAR "calendar"
#define FILES_OWNER_ARTICLE "article"
#define FILES_ROLE_REPORT "report"
#define FILES_MAX_PER_OWNER 20

/* Saves the upload (files_save, downloadable by anyone: the owners are
 * public) and links it as the owner's last file of `role`. LOA_INVALID with
 * *err when the upload is refused or the owner has FILES_MAX_PER_OWNER
 * files already; LOA_ERROR when the disk or the database refused (the
 * bytes are taken away again). */
int files_attach(struct store *st, const char *dir, int64_t site_id, const char *owner_kind, int64_t owner_id,
		 const char *role, const struct files_upload *up, int64_t now, struct arena *a, struct stored_file *out,
		 const char **err);
/* Unlinks the owner's file and removes it. LOA_NOTFOUND when not its. */
int files_detach(struct store *st, const char *dir, int64_t site_id, const char *owner_kind, int64_t owner_id,
		 int64_t file_id);
/* Removes every file of the owner (before the owner is deleted). */
int files_detach_all(struct store *st, const char *dir, int64_t site_id, const char *owner_kind, int64_t owner_id);

#endif
