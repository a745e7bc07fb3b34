/* store_files.h — the storage contract of stored files: documents people
 * download from the portal (the register's texts today; a draft, its
 * report or a meeting's invitation next). A row describes bytes kept on
 * disk under a name loa chose; the bytes are written (files_write_atomic)
 * before the row is committed, so a row never points at a half file.
 * Same rules as store.h: arena-owned results, LOA_* statuses, every query
 * names its site.
 *
 * The backend stores and finds; what a valid upload is, its type, its
 * names and the Vietnamese messages belong to the files domain
 * (src/files/files.h). */
#ifndef LOA_STORE_FILES_H
#define LOA_STORE_FILES_H

#include "store/store.h"

struct stored_file {
	int64_t id, site_id;
	const char *stored_name;   /* "<32 hex>.pdf" in the files folder, unique */
	const char *original_name; /* the uploaded file's name, cleaned ("Nghị quyết 12.pdf") */
	const char *title;         /* the readable name shown to readers */
	const char *kind;          /* the sniffed type's extension: "pdf", "docx", ... */
	int64_t size;              /* bytes */
	const char *digest;        /* hex BLAKE2b-256 of the bytes */
	bool public;               /* downloadable by anyone (its owner is published) */
	int64_t created_at;
};

/* Inserts and commits (outside a transaction) the row; sets *id.
 * LOA_INVALID when a name or the kind is blank; LOA_CONFLICT when the
 * stored name is taken. created_at 0 means now. */
int store_file_add(struct store *st, const struct stored_file *f, int64_t *id);
int store_file_get(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct stored_file *out);
/* Writes title and public. LOA_NOTFOUND when not in the site. */
int store_file_update(struct store *st, const struct stored_file *f);
/* Deletes the row (the caller removes the bytes after). LOA_NOTFOUND when
 * not in the site. */
int store_file_delete(struct store *st, int64_t site_id, int64_t id);

/* ---- attachments: files linked to an owner that is not a document ----
 * owner_kind is the owner's table ("draft", "calendar": files.h names
 * them), role what the file is to it ("" or, for a draft, "report"). */
struct file_link {
	int64_t owner_id;
	const char *role;
	int position;
	struct stored_file file;
};
/* Links the file as the owner's last of its role. LOA_CONFLICT when it is
 * linked already; LOA_NOTFOUND when the file is not in the site. */
int store_file_link_add(struct store *st, int64_t site_id, const char *owner_kind, int64_t owner_id,
			int64_t file_id, const char *role);
/* The owner's files, by role, position, id. */
int store_file_links(struct store *st, int64_t site_id, const char *owner_kind, int64_t owner_id,
		     struct arena *a, struct file_link **out, size_t *n);
/* The files of every owner of the kind whose id is in [from_id, to_id],
 * by owner, role, position (one query for a page of owners). */
int store_file_links_range(struct store *st, int64_t site_id, const char *owner_kind, int64_t from_id,
			   int64_t to_id, struct arena *a, struct file_link **out, size_t *n);
/* The owner of kind owner_kind the file is linked to: LOA_OK with *owner_id,
 * LOA_NOTFOUND when it has none of that kind (the public download asks
 * whether an article's file may be shown yet). */
int store_file_owner(struct store *st, int64_t site_id, int64_t file_id, const char *owner_kind, int64_t *owner_id);
/* Unlinks; LOA_NOTFOUND when the file is not the owner's. */
int store_file_link_remove(struct store *st, int64_t site_id, const char *owner_kind, int64_t owner_id,
			   int64_t file_id);

#endif
