/* backup.h — an install's data taken away and brought back: `loa backup`,
 * `loa restore`, `loa check`.
 *
 * A backup is a folder:
 *   loa.db          the database as it was at one instant (store_snapshot)
 *   media/...       the media folder (images), copied after the snapshot
 *   attachments/... the citizens' attachments, likewise
 *   manifest.json   written last: format, time, schema version, and every
 *                   file's path, size and SHA-256
 * A folder without manifest.json is not a backup (an interrupted one).
 * Because uploads are written to disk before their row is committed, every
 * file the snapshot refers to is already complete when the folders are
 * copied; backup_make checks that it is there before writing the manifest.
 *
 * Every function gives its reason in Vietnamese for the admin, in *err (a
 * malloc'ed string the caller frees) or as lines of `problems`. */
#ifndef LOA_BACKUP_H
#define LOA_BACKUP_H

#include <stdio.h>

struct buf;
struct store;

/* Where an install keeps its data. */
struct backup_place {
	const char *db;         /* the database file */
	const char *media_dir;  /* images (served under /media/) */
	const char *attach_dir; /* attachments of citizens' feedback */
};

#define BACKUP_MANIFEST "manifest.json"
#define BACKUP_DB "loa.db"

/* Backs up the install `from`, whose database is open as `st` (others may
 * go on serving and writing), into the folder `to`, which must not exist or
 * be empty. Progress lines go to `log` (may be NULL). On failure whatever
 * was written into `to` is removed again. LOA_OK, LOA_INVALID (bad place),
 * LOA_BUSY (disk full) or LOA_ERROR. */
int backup_make(struct store *st, const struct backup_place *from, const char *to, FILE *log, char **err);

/* Checks the folder `dir` against its manifest: every file present with its
 * size and checksum, no path outside the folder. LOA_OK, or LOA_INVALID
 * with one line per problem in `problems`. */
int backup_verify(const char *dir, struct buf *problems);

/* Brings the backup in `dir` into the place `to`: the database file must
 * not exist and the folders must not exist or be empty. Verifies first,
 * copies into staging names beside the targets, opens the database (which
 * migrates one made by an older loa and refuses a newer one) and checks it,
 * then moves everything into place. Nothing is left behind on failure. */
int backup_restore(const char *dir, const struct backup_place *to, FILE *log, char **err);

/* `loa check`: the database's own check, then every file the content
 * refers to present below the place's folders. LOA_OK, or LOA_INVALID
 * with one line per problem. */
int backup_check_install(struct store *st, const struct backup_place *at, struct buf *problems);

/* In `parent`, a new folder name for a backup taken at time t (UTC):
 * "loa-YYYYMMDD-HHMMSS". `out` holds at least 32 bytes. */
void backup_dated_name(long long t, char *out);
/* Removes all but the newest `keep` complete backups (folders named as
 * backup_dated_name makes them, with a manifest) in `parent`. Folders of
 * other names are never touched. LOA_OK or LOA_ERROR with *err. */
int backup_rotate(const char *parent, int keep, FILE *log, char **err);

#endif
