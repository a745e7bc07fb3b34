/* store_sqlite_maint.c — what a backup and `loa check` ask of the SQLite
 * backend: a consistent copy of the database while it serves, SQLite's own
 * integrity checks, and the list of files the content refers to.
 *
 * The copy is VACUUM INTO: one read transaction, so it is the database as
 * it was at one instant, and in WAL mode writers go on meanwhile. SQLite
 * does not sync the file it writes; we do, and its folder, before saying
 * it is done. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/status.h"
#include "store/store_sqliteInt.h"

/* fsync of the file at path and of its folder. 0 or an errno. */
static int sync_path(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	int e = fsync(fd) == 0 ? 0 : errno;
	close(fd);
	if (e)
		return e;
	char tmp[PATH_MAX];
	snprintf(tmp, sizeof tmp, "%s", path);
	fd = open(dirname(tmp), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	e = fsync(fd) == 0 ? 0 : errno;
	close(fd);
	return e;
}

int sq_snapshot(struct store *st, const char *path, char **err)
{
	return sq_snapshot_db(sq_of(st)->db, path, err);
}

int sq_snapshot_db(sqlite3 *db, const char *path, char **err)
{
	*err = NULL;
	if (access(path, F_OK) == 0) {
		*err = buf_newf("%s đã tồn tại; bản sao chỉ ghi vào một tệp mới", path);
		return LOA_CONFLICT;
	}
	sqlite3_stmt *stmt = NULL;
	int rc = sqlite3_prepare_v2(db, "VACUUM INTO ?1", -1, &stmt, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(stmt, 1, path, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE) {
		int code = rc & 0xff;
		int e = sqlite3_system_errno(db);
		if (code == SQLITE_IOERR && (e == ENOSPC || e == EDQUOT || e == EFBIG))
			code = SQLITE_FULL; /* a write the disk (or a quota) refused */
		unlink(path); /* never leave half a copy that looks like one */
		*err = buf_newf("không sao được cơ sở dữ liệu vào %s: %s", path,
			    code == SQLITE_FULL ? "ổ đĩa đã đầy"
			    : code == SQLITE_CANTOPEN || code == SQLITE_PERM || code == SQLITE_READONLY
				    ? "không tạo được tệp (thư mục không có hoặc không có quyền ghi)"
			    : code == SQLITE_IOERR ? "lỗi ghi ổ đĩa"
						   : sqlite3_errmsg(db));
		return code == SQLITE_FULL ? LOA_BUSY : LOA_ERROR;
	}
	int e = sync_path(path);
	if (e) {
		unlink(path);
		*err = buf_newf("không ghi chắc được %s xuống đĩa: %s", path, strerror(e));
		return LOA_ERROR;
	}
	return LOA_OK;
}

/* Runs a PRAGMA that lists problems, one row each; "ok" means none. */
static int pragma_lines(struct sq *s, const char *pragma, const char *label, struct buf *problems, int *found)
{
	sqlite3_stmt *stmt = NULL;
	int rc = sqlite3_prepare_v2(s->db, pragma, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return sq_status(s, rc);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		int cols = sqlite3_column_count(stmt);
		const char *first = (const char *)sqlite3_column_text(stmt, 0);
		if (cols == 1 && first && strcmp(first, "ok") == 0)
			continue;
		buf_addf(problems, "%s:", label);
		for (int i = 0; i < cols; i++) {
			const char *v = (const char *)sqlite3_column_text(stmt, i);
			buf_addf(problems, " %s", v ? v : "-");
		}
		buf_addch(problems, '\n');
		(*found)++;
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? LOA_OK : sq_status(s, rc);
}

int sq_check(struct store *st, struct buf *problems)
{
	struct sq *s = sq_of(st);
	int found = 0;
	int status = pragma_lines(s, "PRAGMA integrity_check", "cấu trúc tệp cơ sở dữ liệu hỏng", problems, &found);
	if (status == LOA_OK)
		status = pragma_lines(s, "PRAGMA foreign_key_check",
				      "dòng trỏ tới dòng không còn (bảng, dòng, bảng cha, khoá)", problems, &found);
	if (status != LOA_OK)
		return status;
	return found ? LOA_INVALID : LOA_OK;
}

int sq_schema_version(struct store *st, int64_t *out)
{
	struct sq *s = sq_of(st);
	sqlite3_stmt *stmt = NULL;
	int rc = sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &stmt, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW)
		*out = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW ? LOA_OK : sq_status(s, rc);
}

/* Where content names a file. `srcset` columns hold "URL W, URL W"; the
 * others one URL (media) or one name (attachments). Only values below
 * /media/ are files of ours; an image given as an outside http(s) address
 * is not. */
static const struct ref_source {
	const char *area;
	bool srcset;
	const char *sql;
} ref_sources[] = {
	{"media", false, "SELECT path FROM media"},
	{"media", true, "SELECT srcset FROM media WHERE srcset <> ''"},
	{"media", false, "SELECT image FROM articles WHERE image LIKE '/media/%'"},
	{"media", true, "SELECT image_srcset FROM articles WHERE image_srcset <> ''"},
	{"media", false, "SELECT logo FROM sites WHERE logo LIKE '/media/%'"},
	{"media", false, "SELECT photo FROM org_officials WHERE photo LIKE '/media/%'"},
	{"media", false, "SELECT '/media/files/' || stored_name FROM files"}, /* files.h: files_dir */
	{"attachments", false, "SELECT attachment FROM feedback WHERE attachment <> ''"},

};

struct refs {
	char **v;
	size_t n, cap;
};

static void refs_add(struct refs *r, const char *area, const char *value, size_t len)
{
	static const char prefix[] = "/media/";
	if (strcmp(area, "media") == 0) {
		if (len < sizeof prefix - 1 || memcmp(value, prefix, sizeof prefix - 1) != 0)
			return; /* an outside address: not a file of ours */
		value += sizeof prefix - 1;
		len -= sizeof prefix - 1;
	}
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 256;
		r->v = realloc(r->v, r->cap * sizeof *r->v);
		if (!r->v)
			abort();
	}
	/* "area\trelpath": sorted and made unique before the callback */
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s\t%.*s", area, (int)len, value);
	r->v[r->n++] = buf_detach(&b, NULL);
}

static void refs_add_srcset(struct refs *r, const char *area, const char *list)
{
	for (const char *p = list; *p;) {
		while (*p == ' ' || *p == ',')
			p++;
		size_t url = strcspn(p, " ,");
		if (url)
			refs_add(r, area, p, url);
		p += url;
		p += strcspn(p, ","); /* the width descriptor */
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int sq_file_refs(struct store *st, int (*fn)(void *ctx, const char *area, const char *relpath), void *ctx)
{
	struct sq *s = sq_of(st);
	struct refs r = {0};
	int status = LOA_OK;
	for (size_t i = 0; status == LOA_OK && i < sizeof ref_sources / sizeof ref_sources[0]; i++) {
		const struct ref_source *src = &ref_sources[i];
		sqlite3_stmt *stmt = NULL;
		int rc = sqlite3_prepare_v2(s->db, src->sql, -1, &stmt, NULL);
		while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
			const char *v = (const char *)sqlite3_column_text(stmt, 0);
			if (v && *v && src->srcset)
				refs_add_srcset(&r, src->area, v);
			else if (v && *v)
				refs_add(&r, src->area, v, strlen(v));
			rc = SQLITE_OK;
		}
		sqlite3_finalize(stmt);
		if (rc != SQLITE_DONE)
			status = sq_status(s, rc);
	}
	if (r.n)
		qsort(r.v, r.n, sizeof *r.v, cmp_str);
	for (size_t i = 0; i < r.n; i++) {
		if (status == LOA_OK && (i == 0 || strcmp(r.v[i], r.v[i - 1]) != 0)) {
			char *tab = strchr(r.v[i], '\t');
			*tab = '\0';
			status = fn(ctx, r.v[i], tab + 1);
			*tab = '\t';
		}
	}
	for (size_t i = 0; i < r.n; i++)
		free(r.v[i]);
	free(r.v);
	return status;
}
