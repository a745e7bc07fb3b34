/* backup.c — backups, restores and the install check (see backup.h).
 *
 * Files are copied with read/write, each synced before it counts, folders
 * synced after their entries; the SHA-256 of a file is computed while it
 * is copied. Names starting with '.' are skipped: they are temporaries of
 * a write still under way (files_write_atomic), never content. */
#include "backup/backup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/status.h"
#include "store/store.h"

#define HEX_LEN (crypto_hash_sha256_BYTES * 2)
#define COPY_CHUNK (64 * 1024)

/* The data folders of a place, as the backup names them. */
struct area {
	const char *name; /* folder inside the backup; also the area of store_file_refs */
	const char *dir;  /* where it lives in the install */
};

static void areas_of(const struct backup_place *p, struct area out[2])
{
	out[0] = (struct area){"media", p->media_dir};
	out[1] = (struct area){"attachments", p->attach_dir};
}

/* An errno as an admin reads it; a full disk is named as such. */
static const char *why(int e)
{
	switch (e) {
	case ENOSPC:
	case EDQUOT:
	case EFBIG:
		return "ổ đĩa đã đầy (hoặc vượt hạn mức)";
	case EACCES:
	case EPERM:
		return "không có quyền";
	case ENOENT:
		return "không có tệp hoặc thư mục này";
	case EROFS:
		return "ổ đĩa chỉ đọc";
	default:
		return strerror(e);
	}
}

static bool is_full(int e)
{
	return e == ENOSPC || e == EDQUOT || e == EFBIG;
}

/* out = a + sep + b; false (out cut) when it does not fit in PATH_MAX. */
static bool join(char out[static PATH_MAX], const char *a, const char *sep, const char *b)
{
	int n = snprintf(out, PATH_MAX, "%s%s%s", a, sep, b);
	return n >= 0 && n < PATH_MAX;
}

static int sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	int e = fsync(fd) == 0 ? 0 : errno;
	close(fd);
	return e;
}

static void hex_of(const unsigned char *d, char out[HEX_LEN + 1])
{
	sodium_bin2hex(out, HEX_LEN + 1, d, crypto_hash_sha256_BYTES);
}

/* Copies src to dst (created, must not exist), synced, computing the size
 * and checksum of the bytes. dst NULL: only reads and sums. 0 or errno;
 * *bad_dst tells whether the error was writing (not reading). */
static int copy_file(const char *src, const char *dst, long long *size, char hex[HEX_LEN + 1], bool *bad_dst)
{
	*bad_dst = false;
	int in = open(src, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (in < 0)
		return errno;
	int out = -1, e = 0;
	if (dst && (out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640)) < 0) {
		e = errno;
		*bad_dst = true;
		close(in);
		return e;
	}
	crypto_hash_sha256_state h;
	crypto_hash_sha256_init(&h);
	static _Thread_local unsigned char chunk[COPY_CHUNK];
	*size = 0;
	for (;;) {
		ssize_t n = read(in, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			e = errno;
			break;
		}
		if (n == 0)
			break;
		crypto_hash_sha256_update(&h, chunk, (unsigned long long)n);
		*size += n;
		for (ssize_t off = 0; out >= 0 && off < n;) {
			ssize_t w = write(out, chunk + off, (size_t)(n - off));
			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0) {
				e = errno;
				*bad_dst = true;
				break;
			}
			off += w;
		}
		if (e)
			break;
	}
	if (!e && out >= 0 && fsync(out) != 0) {
		e = errno;
		*bad_dst = true;
	}
	if (out >= 0 && close(out) != 0 && !e) {
		e = errno;
		*bad_dst = true;
	}
	close(in);
	unsigned char d[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&h, d);
	hex_of(d, hex);
	return e;
}

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	return (flag == FTW_DP ? rmdir(path) : unlink(path)) == 0 || errno == ENOENT ? 0 : -1;
}

/* Removes path and everything below it (a folder of ours). */
static void rm_tree(const char *path)
{
	nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Removes what is inside dir, not dir itself. */
static void empty_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		char p[PATH_MAX];
		snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
		rm_tree(p);
	}
	closedir(d);
}

/* 1 when dir does not exist, 0 when it is an empty folder, -1 otherwise
 * (has entries, or is not a folder). */
static int dir_state(const char *dir)
{
	struct stat sb;
	if (lstat(dir, &sb) != 0)
		return errno == ENOENT ? 1 : -1;
	if (!S_ISDIR(sb.st_mode))
		return -1;
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	struct dirent *de;
	int state = 0;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			state = -1;
	closedir(d);
	return state;
}

/* A path a manifest or the content may name: relative, no "..", no empty
 * or dot-led segment, no backslash or control character. */
static bool safe_rel(const char *rel)
{
	if (!*rel || rel[0] == '/' || strlen(rel) > 1024)
		return false;
	for (const char *seg = rel; *seg;) {
		size_t n = strcspn(seg, "/");
		if (n == 0 || seg[0] == '.')
			return false;
		for (size_t i = 0; i < n; i++)
			if ((unsigned char)seg[i] < 0x20 || seg[i] == '\\')
				return false;
		seg += n;
		if (*seg == '/')
			seg++;
	}
	return true;
}

/* ---- making a backup ---- */

struct making {
	json_t *files; /* the manifest's list */
	FILE *log;
	char *err;
	int status;
	long long count, bytes;
};

static void record(struct making *m, const char *rel, long long size, const char *hex)
{
	json_array_append_new(m->files, json_pack("{s:s, s:I, s:s}", "path", rel, "size", (json_int_t)size, "sha256", hex));
	m->count++;
	m->bytes += size;
}

static void fail_io(struct making *m, const char *what, const char *path, int e)
{
	if (m->err)
		return;
	m->err = buf_newf("%s %s: %s", what, path, why(e));
	m->status = is_full(e) ? LOA_BUSY : LOA_ERROR;
}

/* Copies the tree src (the install's folder; may be missing) to dst (new)
 * as the backup's `rel` folder. */
static void copy_tree(struct making *m, const char *src, const char *dst, const char *rel)
{
	if (mkdir(dst, 0750) != 0) {
		fail_io(m, "không tạo được thư mục", dst, errno);
		return;
	}
	DIR *d = opendir(src);
	if (!d) {
		if (errno != ENOENT)
			fail_io(m, "không đọc được thư mục", src, errno);
		return;
	}
	struct dirent *de;
	while (!m->err && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue; /* ".", "..", temporaries of a write under way */
		char s[PATH_MAX], t[PATH_MAX], r[PATH_MAX];
		if ((size_t)snprintf(s, sizeof s, "%s/%s", src, de->d_name) >= sizeof s ||
		    (size_t)snprintf(t, sizeof t, "%s/%s", dst, de->d_name) >= sizeof t ||
		    (size_t)snprintf(r, sizeof r, "%s/%s", rel, de->d_name) >= sizeof r) {
			fail_io(m, "đường dẫn quá dài", s, ENAMETOOLONG);
			break;
		}
		struct stat sb;
		if (lstat(s, &sb) != 0) {
			if (errno != ENOENT) /* removed meanwhile: not in the snapshot's world */
				fail_io(m, "không đọc được", s, errno);
			continue;
		}
		if (S_ISDIR(sb.st_mode)) {
			copy_tree(m, s, t, r);
		} else if (S_ISREG(sb.st_mode)) {
			long long size;
			char hex[HEX_LEN + 1];
			bool bad_dst;
			int e = copy_file(s, t, &size, hex, &bad_dst);
			if (e == ENOENT && !bad_dst)
				continue;
			if (e)
				fail_io(m, bad_dst ? "không ghi được" : "không đọc được", bad_dst ? t : s, e);
			else
				record(m, r, size, hex);
		} else if (m->log) {
			fprintf(m->log, "bỏ qua %s: không phải tệp thường\n", s);
		}
	}
	closedir(d);
	if (!m->err) {
		int e = sync_dir(dst);
		if (e)
			fail_io(m, "không ghi chắc được thư mục", dst, e);
	}
}

struct ref_check {
	const struct area *areas;
	size_t nareas;
	struct buf *problems;
	long long missing, seen;
};

static int check_ref(void *ctx, const char *area, const char *rel)
{
	struct ref_check *c = ctx;
	c->seen++;
	const char *dir = NULL;
	for (size_t i = 0; i < c->nareas; i++)
		if (strcmp(c->areas[i].name, area) == 0)
			dir = c->areas[i].dir;
	struct stat sb;
	char p[PATH_MAX];
	if (!dir) {
		buf_addf(c->problems, "tệp %s/%s: không biết thư mục %s\n", area, rel, area);
	} else if (!safe_rel(rel)) {
		buf_addf(c->problems, "tệp %s/%s: đường dẫn không hợp lệ\n", area, rel);
	} else if ((size_t)snprintf(p, sizeof p, "%s/%s", dir, rel) >= sizeof p || stat(p, &sb) != 0 ||
		   !S_ISREG(sb.st_mode)) {
		buf_addf(c->problems, "thiếu tệp %s/%s (nội dung có nhắc tới nhưng không có trên đĩa)\n", area, rel);
	} else {
		return LOA_OK;
	}
	c->missing++;
	return LOA_OK;
}

static int check_refs(struct store *st, const struct area *areas, size_t n, struct buf *problems, long long *seen)
{
	struct ref_check c = {areas, n, problems, 0, 0};
	int status = store_file_refs(st, check_ref, &c);
	if (seen)
		*seen = c.seen;
	if (status != LOA_OK)
		return status;
	return c.missing ? LOA_INVALID : LOA_OK;
}

/* Writes the manifest (to a temporary name, synced, renamed, folder synced). */
static int write_manifest(const char *to, json_t *man, char **err)
{
	char tmp[PATH_MAX], final[PATH_MAX];
	snprintf(tmp, sizeof tmp, "%s/.%s.tmp", to, BACKUP_MANIFEST);
	snprintf(final, sizeof final, "%s/%s", to, BACKUP_MANIFEST);
	char *text = json_dumps(man, JSON_INDENT(1) | JSON_ENSURE_ASCII);
	if (!text)
		abort();
	int e = 0;
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
	size_t len = strlen(text), off = 0;
	if (fd < 0)
		e = errno;
	while (!e && off < len) {
		ssize_t w = write(fd, text + off, len - off);
		if (w < 0 && errno != EINTR)
			e = errno;
		else if (w > 0)
			off += (size_t)w;
	}
	if (!e && fsync(fd) != 0)
		e = errno;
	if (fd >= 0 && close(fd) != 0 && !e)
		e = errno;
	if (!e && rename(tmp, final) != 0)
		e = errno;
	if (!e)
		e = sync_dir(to);
	free(text);
	if (e) {
		unlink(tmp);
		*err = buf_newf("không ghi được %s: %s", final, why(e));
		return is_full(e) ? LOA_BUSY : LOA_ERROR;
	}
	return LOA_OK;
}

static void utc_text(long long t, const char *fmt, char *out, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(out, n, fmt, &tm);
}

int backup_make(struct store *st, const struct backup_place *from, const char *to, FILE *log, char **err)
{
	*err = NULL;
	if (sodium_init() < 0) {
		*err = buf_newf("không khởi tạo được thư viện mã hoá");
		return LOA_ERROR;
	}
	int state = dir_state(to);
	if (state < 0) {
		*err = buf_newf("%s đã có nội dung (hoặc không phải thư mục); bản sao lưu cần một thư mục mới hoặc trống", to);
		return LOA_INVALID;
	}
	if (state == 1 && mkdir(to, 0750) != 0) {
		int e = errno;
		*err = buf_newf("không tạo được thư mục %s: %s", to, why(e));
		return is_full(e) ? LOA_BUSY : LOA_ERROR;
	}
	struct making m = {.files = json_array(), .log = log, .status = LOA_OK};
	char dbcopy[PATH_MAX];
	snprintf(dbcopy, sizeof dbcopy, "%s/%s", to, BACKUP_DB);
	struct area areas[2];
	areas_of(from, areas);
	struct area copied[2];
	struct store *snap = NULL;
	int64_t schema = 0;
	long long t0 = (long long)time(NULL);

	/* 1. the database at one instant */
	int status = store_snapshot(st, dbcopy, &m.err);
	if (status != LOA_OK) {
		m.status = status;
		goto done;
	}
	if (log)
		fprintf(log, "đã sao cơ sở dữ liệu\n");
	/* 2. the folders, after the snapshot: everything it names exists by now */
	for (size_t i = 0; i < 2 && !m.err; i++) {
		char dst[PATH_MAX];
		snprintf(dst, sizeof dst, "%s/%s", to, areas[i].name);
		copy_tree(&m, areas[i].dir, dst, areas[i].name);
		copied[i] = (struct area){areas[i].name, NULL};
	}
	if (m.err)
		goto done;
	if (log)
		fprintf(log, "đã sao %lld tệp (%lld byte)\n", m.count, m.bytes);
	/* 3. the copy checked against itself: every file it names is there */
	snap = store_open(dbcopy, false, &m.err);
	if (!snap) {
		m.status = LOA_ERROR;
		goto done;
	}
	char dirs[2][PATH_MAX];
	for (size_t i = 0; i < 2; i++) {
		snprintf(dirs[i], sizeof dirs[i], "%s/%s", to, areas[i].name);
		copied[i].dir = dirs[i];
	}
	struct buf problems = BUF_INIT;
	status = store_schema_version(snap, &schema);
	if (status == LOA_OK)
		status = store_check(snap, &problems);
	if (status == LOA_OK)
		status = check_refs(snap, copied, 2, &problems, NULL);
	store_close(snap);
	if (status != LOA_OK) {
		m.err = buf_newf("bản sao không trọn vẹn:\n%s", problems.len ? problems.data : "lỗi khi kiểm tra\n");
		m.status = status == LOA_INVALID ? LOA_ERROR : status;
		buf_reset(&problems);
		goto done;
	}
	buf_reset(&problems);
	/* 4. the database file's own sum, then the manifest, last */
	long long size;
	char hex[HEX_LEN + 1];
	bool bad_dst;
	int e = copy_file(dbcopy, NULL, &size, hex, &bad_dst);
	if (e) {
		fail_io(&m, "không đọc được", dbcopy, e);
		goto done;
	}
	record(&m, BACKUP_DB, size, hex);
	char when[32];
	utc_text(t0, "%Y-%m-%dT%H:%M:%SZ", when, sizeof when);
	json_t *man = json_pack("{s:s, s:i, s:s, s:I, s:O}", "format", "loa-backup", "version", 1, "created", when,
				"schema", (json_int_t)schema, "files", m.files);
	m.status = write_manifest(to, man, &m.err);
	json_decref(man);
	if (m.status == LOA_OK && log)
		fprintf(log, "xong: %s (%lld tệp, %lld byte)\n", to, m.count, m.bytes);

done:
	json_decref(m.files);
	if (m.status != LOA_OK) {
		if (state == 1)
			rm_tree(to);
		else
			empty_dir(to);
		*err = m.err ? m.err : buf_newf("sao lưu không thành công");
		return m.status;
	}
	free(m.err);
	return LOA_OK;
}

/* ---- verifying and restoring ---- */

/* Reads and checks the manifest's shape; NULL with a problem line. */
static json_t *read_manifest(const char *dir, struct buf *problems)
{
	char p[PATH_MAX];
	snprintf(p, sizeof p, "%s/%s", dir, BACKUP_MANIFEST);
	json_error_t je;
	/* bounded: a manifest lists files, it is never near this size */
	struct stat sb;
	if (stat(p, &sb) != 0) {
		buf_addf(problems, "không có %s trong %s: đây không phải một bản sao lưu trọn vẹn\n", BACKUP_MANIFEST, dir);
		return NULL;
	}
	if (sb.st_size > (64 << 20)) {
		buf_addf(problems, "%s quá lớn\n", p);
		return NULL;
	}
	json_t *man = json_load_file(p, JSON_REJECT_DUPLICATES, &je);
	json_t *files = man ? json_object_get(man, "files") : NULL;
	const char *format = man ? json_string_value(json_object_get(man, "format")) : NULL;
	if (!man || !format || strcmp(format, "loa-backup") != 0 ||
	    json_integer_value(json_object_get(man, "version")) != 1 || !json_is_array(files)) {
		buf_addf(problems, "%s không đúng định dạng bản sao lưu của loa\n", p);
		json_decref(man);
		return NULL;
	}
	return man;
}

int backup_verify(const char *dir, struct buf *problems)
{
	if (sodium_init() < 0)
		return LOA_ERROR;
	json_t *man = read_manifest(dir, problems);
	if (!man)
		return LOA_INVALID;
	size_t before = problems->len, i;
	json_t *f;
	bool has_db = false;
	json_array_foreach(json_object_get(man, "files"), i, f)
	{
		const char *rel = json_string_value(json_object_get(f, "path"));
		const char *want = json_string_value(json_object_get(f, "sha256"));
		json_int_t size = json_integer_value(json_object_get(f, "size"));
		if (!rel || !want || !safe_rel(rel)) {
			buf_addf(problems, "mục %zu của danh sách tệp không hợp lệ\n", i + 1);
			continue;
		}
		has_db |= strcmp(rel, BACKUP_DB) == 0;
		char p[PATH_MAX];
		snprintf(p, sizeof p, "%s/%s", dir, rel);
		long long got_size;
		char got[HEX_LEN + 1];
		bool bad_dst;
		int e = copy_file(p, NULL, &got_size, got, &bad_dst);
		if (e)
			buf_addf(problems, "thiếu hoặc không đọc được %s: %s\n", rel, why(e));
		else if (got_size != size || strcmp(got, want) != 0)
			buf_addf(problems, "%s đã bị thay đổi hoặc hỏng (kích thước hay mã kiểm tra không khớp)\n", rel);
	}
	if (!has_db)
		buf_addf(problems, "bản sao lưu không có %s\n", BACKUP_DB);
	json_decref(man);
	return problems->len > before ? LOA_INVALID : LOA_OK;
}

/* Copies the backup's files of folder `area` into staging folder dst. */
static int stage_area(json_t *files, const char *dir, const char *area, const char *dst, char **err)
{
	size_t alen = strlen(area), i;
	json_t *f;
	if (mkdir(dst, 0750) != 0) {
		int e = errno;
		*err = buf_newf("không tạo được thư mục %s: %s", dst, why(e));
		return is_full(e) ? LOA_BUSY : LOA_ERROR;
	}
	json_array_foreach(files, i, f)
	{
		const char *rel = json_string_value(json_object_get(f, "path"));
		if (strncmp(rel, area, alen) != 0 || rel[alen] != '/')
			continue;
		char s[PATH_MAX], t[PATH_MAX];
		if (!join(s, dir, "/", rel) || !join(t, dst, "/", rel + alen + 1)) {
			*err = buf_newf("đường dẫn quá dài: %s", rel);
			return LOA_ERROR;
		}
		/* the folders on the way */
		for (char *slash = t + strlen(dst) + 1; (slash = strchr(slash, '/')); slash++) {
			*slash = '\0';
			int rc = mkdir(t, 0750);
			int e = errno;
			*slash = '/';
			if (rc != 0 && e != EEXIST) {
				*err = buf_newf("không tạo được thư mục trong %s: %s", dst, why(e));
				return is_full(e) ? LOA_BUSY : LOA_ERROR;
			}
		}
		long long size;
		char hex[HEX_LEN + 1];
		bool bad_dst;
		int e = copy_file(s, t, &size, hex, &bad_dst);
		if (!e && strcmp(hex, json_string_value(json_object_get(f, "sha256"))) != 0)
			e = EIO; /* changed since it was verified */
		if (e) {
			*err = buf_newf("không chép được %s: %s", rel, why(e));
			return is_full(e) ? LOA_BUSY : LOA_ERROR;
		}
	}
	return LOA_OK;
}

static int sync_tree_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	return flag == FTW_DP ? sync_dir(path) : 0;
}

int backup_restore(const char *dir, const struct backup_place *to, FILE *log, char **err)
{
	*err = NULL;
	struct buf problems = BUF_INIT;
	int status = backup_verify(dir, &problems);
	if (status != LOA_OK) {
		*err = buf_newf("bản sao lưu %s không dùng được:\n%s", dir, problems.data);
		buf_reset(&problems);
		return status;
	}
	buf_reset(&problems);
	struct area areas[2];
	areas_of(to, areas);
	if (access(to->db, F_OK) == 0) {
		*err = buf_newf("%s đã tồn tại; chỉ phục hồi vào chỗ trống (hãy chọn tệp khác hoặc dời tệp cũ đi)", to->db);
		return LOA_INVALID;
	}
	for (size_t i = 0; i < 2; i++)
		if (dir_state(areas[i].dir) < 0) {
			*err = buf_newf("thư mục %s đã có nội dung; chỉ phục hồi vào chỗ trống", areas[i].dir);
			return LOA_INVALID;
		}
	json_t *man = read_manifest(dir, &problems);
	buf_reset(&problems);
	if (!man) {
		*err = buf_newf("không đọc được %s/%s", dir, BACKUP_MANIFEST);
		return LOA_ERROR;
	}
	json_t *files = json_object_get(man, "files");
	/* the folder of the database file, made when missing (mkdir -p) */
	char parent[PATH_MAX];
	snprintf(parent, sizeof parent, "%s", to->db);
	for (char *slash = parent + 1; (slash = strchr(slash, '/')); slash++) {
		*slash = '\0';
		if (mkdir(parent, 0750) != 0 && errno != EEXIST) {
			*err = buf_newf("không tạo được thư mục %s: %s", parent, why(errno));
			json_decref(man);
			return LOA_ERROR;
		}
		*slash = '/';
	}
	char stage_db[PATH_MAX], stage[2][PATH_MAX], src[PATH_MAX];
	snprintf(stage_db, sizeof stage_db, "%s.restore-tmp", to->db);
	for (size_t i = 0; i < 2; i++)
		snprintf(stage[i], sizeof stage[i], "%s.restore-tmp", areas[i].dir);
	/* leftovers of an interrupted restore are ours to clear */
	unlink(stage_db);
	for (size_t i = 0; i < 2; i++)
		rm_tree(stage[i]);

	snprintf(src, sizeof src, "%s/%s", dir, BACKUP_DB);
	long long size;
	char hex[HEX_LEN + 1];
	bool bad_dst;
	int e = copy_file(src, stage_db, &size, hex, &bad_dst);
	if (e) {
		*err = buf_newf("không chép được cơ sở dữ liệu vào %s: %s", stage_db, why(e));
		status = is_full(e) ? LOA_BUSY : LOA_ERROR;
		goto fail;
	}
	for (size_t i = 0; i < 2; i++) {
		status = stage_area(files, dir, areas[i].name, stage[i], err);
		if (status != LOA_OK)
			goto fail;
		nftw(stage[i], sync_tree_one, 16, FTW_DEPTH | FTW_PHYS);
	}
	/* open (migrating an older schema) and check what was staged */
	struct store *st = store_open(stage_db, false, err);
	if (!st) {
		status = LOA_ERROR;
		goto fail;
	}
	struct area staged[2] = {{areas[0].name, stage[0]}, {areas[1].name, stage[1]}};
	status = store_check(st, &problems);
	if (status == LOA_OK)
		status = check_refs(st, staged, 2, &problems, NULL);
	store_close(st);
	if (status != LOA_OK) {
		*err = buf_newf("dữ liệu phục hồi không trọn vẹn:\n%s", problems.len ? problems.data : "lỗi khi kiểm tra\n");
		buf_reset(&problems);
		status = LOA_ERROR;
		goto fail;
	}
	/* into place: rename() replaces an empty folder */
	for (size_t i = 0; i < 2; i++)
		if (rename(stage[i], areas[i].dir) != 0) {
			e = errno;
			*err = buf_newf("không đặt được %s vào chỗ: %s", areas[i].dir, why(e));
			status = LOA_ERROR;
			goto fail;
		}
	if (link(stage_db, to->db) != 0) { /* never over a file that appeared meanwhile */
		e = errno;
		*err = buf_newf("không đặt được %s vào chỗ: %s", to->db, why(e));
		status = LOA_ERROR;
		goto fail;
	}
	unlink(stage_db);
	char tmp[PATH_MAX];
	snprintf(tmp, sizeof tmp, "%s", to->db);
	char *slash = strrchr(tmp, '/');
	if (slash)
		*slash = '\0';
	sync_dir(slash ? (*tmp ? tmp : "/") : ".");
	if (log)
		fprintf(log, "đã phục hồi %s (%zu tệp)\n", to->db, json_array_size(files));
	json_decref(man);
	return LOA_OK;

fail:
	unlink(stage_db);
	char side[PATH_MAX];
	if (join(side, stage_db, "", "-wal"))
		unlink(side);
	if (join(side, stage_db, "", "-shm"))
		unlink(side);
	for (size_t i = 0; i < 2; i++)
		rm_tree(stage[i]);
	json_decref(man);
	return status;
}

int backup_check_install(struct store *st, const struct backup_place *at, struct buf *problems)
{
	struct area areas[2];
	areas_of(at, areas);
	int status = store_check(st, problems);
	if (status != LOA_OK && status != LOA_INVALID)
		return status;
	int refs = check_refs(st, areas, 2, problems, NULL);
	if (refs != LOA_OK && refs != LOA_INVALID)
		return refs;
	return status == LOA_OK && refs == LOA_OK ? LOA_OK : LOA_INVALID;
}

/* ---- rotation ---- */

void backup_dated_name(long long t, char *out)
{
	utc_text(t, "loa-%Y%m%d-%H%M%S", out, 32);
}

static bool dated_name(const char *n)
{
	/* loa-YYYYMMDD-HHMMSS */
	if (strlen(n) != 19 || strncmp(n, "loa-", 4) != 0 || n[12] != '-')
		return false;
	for (int i = 4; i < 19; i++)
		if (i != 12 && (n[i] < '0' || n[i] > '9'))
			return false;
	return true;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int backup_rotate(const char *parent, int keep, FILE *log, char **err)
{
	*err = NULL;
	DIR *d = opendir(parent);
	if (!d) {
		*err = buf_newf("không đọc được thư mục %s: %s", parent, why(errno));
		return LOA_ERROR;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		char man[PATH_MAX];
		if (!dated_name(de->d_name) ||
		    (size_t)snprintf(man, sizeof man, "%s/%s/%s", parent, de->d_name, BACKUP_MANIFEST) >= sizeof man ||
		    access(man, F_OK) != 0)
			continue; /* not a complete backup of ours: never touched */
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			names = realloc(names, cap * sizeof *names);
			if (!names)
				abort();
		}
		names[n] = strdup(de->d_name);
		if (!names[n])
			abort();
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, cmp_name); /* the name sorts by time */
	for (size_t i = 0; i < n; i++) {
		if (keep >= 0 && i + (size_t)keep < n) {
			char p[PATH_MAX], man[PATH_MAX];
			/* the manifest first: an interrupted removal leaves no "backup" */
			if (join(p, parent, "/", names[i]) && join(man, p, "/", BACKUP_MANIFEST)) {
				unlink(man);
				rm_tree(p);
			}
			if (log)
				fprintf(log, "đã xoá bản sao lưu cũ %s\n", names[i]);
		}
		free(names[i]);
	}
	free(names);
	return LOA_OK;
}
