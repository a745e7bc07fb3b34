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

#include <stddef.h>

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

#endif
