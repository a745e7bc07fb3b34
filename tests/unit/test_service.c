/* test_service.c — what running loa as a service rests on: the `key =
 * value` configuration reader (config.h), the access log's buffered writer
 * (accesslog.h) and the log's time stamps (log.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/accesslog.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/log.h"
#include "core/status.h"
#include "test.h"

static const char *check_port(const char *v)
{
	return strspn(v, "0123456789") == strlen(v) ? NULL : "cần một số";
}

enum { K_LISTEN, K_DB, K_LOG, K_PORT, NK };
static const struct conf_key keys[NK] = {
	[K_LISTEN] = {"listen", CONF_TEXT},
	[K_DB] = {"db", CONF_PATH},
	[K_LOG] = {"access_log", CONF_PATH, "off"},
	[K_PORT] = {"port", CONF_TEXT, NULL, check_port},
};

/* Parses text; returns the error (static copy) or NULL, values left set. */
static const char *parse(const char *text, char **values)
{
	static char msg[512];
	char *err = NULL;
	int rc = conf_parse(text, strlen(text), "loa.conf", "/etc/loa", keys, NK, values, &err);
	if (rc == LOA_OK)
		return NULL;
	snprintf(msg, sizeof msg, "%s", err ? err : "(no message)");
	free(err);
	for (int i = 0; i < NK; i++)
		if (values[i])
			return "values left set after an error";
	return msg;
}

static void test_config_good(void)
{
	char *v[NK];
	const char *e = parse("# loa\n\n  listen = 127.0.0.1:8080  \n"
			      "db=data/loa#1.db # beside\r\n"
			      "access_log = off\n"
			      "\tport\t=\t80\n",
			      v);
	CHECK(e == NULL, "a well-formed file parses (%s)", e ? e : "");
	if (e)
		return;
	CHECK_STR(v[K_LISTEN], "127.0.0.1:8080", "value trimmed");
	CHECK_STR(v[K_DB], "/etc/loa/data/loa#1.db",
		  "a relative path is taken from the file's folder; '#' after no blank is text; CRLF ok");
	CHECK_STR(v[K_LOG], "off", "the keyword of a path key is kept as written");
	CHECK_STR(v[K_PORT], "80", "tabs around '='");
	conf_values_free(v, NK);
	e = parse("port = 80#x\n", v);
	CHECK(e && strstr(e, "loa.conf:1:") && strstr(e, "cần một số"), "'#' after no blank is part of the value: %s",
	      e ? e : "");
	e = parse("db = /var/lib/loa/loa.db\nlisten = :80 # tất cả địa chỉ\n", v);
	CHECK(e == NULL, "absolute paths and comments after values");
	if (!e) {
		CHECK_STR(v[K_DB], "/var/lib/loa/loa.db", "an absolute path is kept");
		CHECK_STR(v[K_LISTEN], ":80", "comment after a value dropped");
		CHECK(v[K_LOG] == NULL, "an absent key is NULL");
		conf_values_free(v, NK);
	}
	e = parse("", v);
	CHECK(e == NULL && v[K_DB] == NULL, "an empty file sets nothing");
	e = parse("listen = a", v);
	CHECK(e == NULL && v[K_LISTEN] && strcmp(v[K_LISTEN], "a") == 0, "a last line without newline");
	conf_values_free(v, NK);
}

static void test_config_bad(void)
{
	char *v[NK];
	struct {
		const char *text, *want;
	} cases[] = {
		{"listen = :80\nlisten = :81\n", "loa.conf:2: khóa \"listen\" đã được đặt ở dòng 1"},
		{"# x\nlisen = :80\n", "loa.conf:2: không có khóa \"lisen\"; các khóa có: listen, db, access_log, port"},
		{"listen\n", "loa.conf:1: thiếu dấu \"=\""},
		{"listen =\n", "loa.conf:1: khóa \"listen\" chưa có giá trị"},
		{"listen = # nothing\n", "loa.conf:1: khóa \"listen\" chưa có giá trị"},
		{"Listen = :80\n", "loa.conf:1: tên khóa chỉ gồm"},
		{"= :80\n", "loa.conf:1: tên khóa chỉ gồm"},
		{"db = a\x01b\n", "loa.conf:1: giá trị của \"db\" chứa ký tự điều khiển"},
		{"db = \xc3\x28\n", "loa.conf:1: dòng không phải văn bản UTF-8"},
		{"\n\nport = tám mươi\n", "loa.conf:3: giá trị \"tám mươi\" của \"port\" không dùng được: cần một số"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *e = parse(cases[i].text, v);
		CHECK(e && strncmp(e, cases[i].want, strlen(cases[i].want)) == 0, "refused with file:line: %s",
		      e ? e : "(accepted)");
		conf_values_free(v, NK);
	}
	/* a NUL byte inside the text */
	char *err = NULL;
	int rc = conf_parse("db = a\0b\n", 9, "loa.conf", NULL, keys, NK, v, &err);
	CHECK(rc == LOA_INVALID && err && strstr(err, "byte 0"), "a NUL byte is refused");
	free(err);
	/* bounds */
	struct buf b = BUF_INIT;
	buf_adds(&b, "db = ");
	for (int i = 0; i < CONF_VALUE_MAX + 1; i++)
		buf_addch(&b, 'a');
	CHECK(parse(b.data, v) && strstr(parse(b.data, v), "dài quá"), "a value over the bound is refused");
	buf_reset(&b);
	for (int i = 0; i < CONF_KEY_MAX + 1; i++)
		buf_addch(&b, 'k');
	buf_adds(&b, " = 1");
	CHECK(parse(b.data, v) && strstr(parse(b.data, v), "tên khóa dài quá"), "a key over the bound is refused");
	buf_reset(&b);
}

static void test_config_load(void)
{
	char dir[256];
	char *v[NK], *err = NULL;
	snprintf(dir, sizeof dir, "%s/loa-conf-XXXXXX", P_tmpdir); /* mkdtemp's template */
	CHECK(mkdtemp(dir) != NULL, "temporary folder");
	char *path = buf_newf("%s/loa.conf", dir);
	int rc = conf_load(path, keys, NK, v, &err);
	CHECK(rc == LOA_ERROR && err && strstr(err, "không có tệp này"), "a missing file: %s", err ? err : "");
	free(err);
	FILE *f = fopen(path, "w");
	fputs("db = loa.db\n", f);
	fclose(f);
	rc = conf_load(path, keys, NK, v, &err);
	char *want = buf_newf("%s/loa.db", dir);
	CHECK(rc == LOA_OK && v[K_DB] && strcmp(v[K_DB], want) == 0, "relative to the file's folder");
	conf_values_free(v, NK);
	free(want);
	f = fopen(path, "w");
	for (unsigned i = 0; i <= CONF_FILE_MAX / 8; i++)
		fputs("# .....\n", f);
	fclose(f);
	rc = conf_load(path, keys, NK, v, &err);
	CHECK(rc == LOA_ERROR && err && strstr(err, "lớn quá"), "a file over the bound: %s", err ? err : "");
	free(err);
	unlink(path);
	rmdir(dir);
	free(path);
}

static void test_log_time(void)
{
	char out[32];
	setenv("TZ", "ICT-7", 1);
	tzset();
	size_t n = log_time(1796000000LL, 1, out); /* 2026-11-30 00:53:20 UTC */
	CHECK(n == strlen(out), "length returned");
	CHECK_STR(out, "30/Nov/2026:07:53:20 +0700", "access log time in local time with offset");
	log_time(1796000000LL, 0, out);
	CHECK_STR(out, "2026-11-30 07:53:20 +0700", "error log time");
	setenv("TZ", "UTC0", 1);
	tzset();
	log_time(0, 1, out);
	CHECK_STR(out, "01/Jan/1970:00:00:00 +0000", "UTC");
	enum log_level l;
	CHECK(log_level_parse("warning", &l) == LOA_OK && l == LOG_LV_WARN, "level names");
	CHECK(log_level_parse("debug", &l) == LOA_INVALID, "unknown level refused");
}

static char *slurp(const char *path, size_t *len)
{
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t got;
	FILE *f = fopen(path, "rb");
	if (f) {
		while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
			buf_add(&b, chunk, got);
		fclose(f);
	}
	return buf_detach(&b, len);
}

static void test_accesslog(void)
{
	char dir[256];
	char *err = NULL;
	snprintf(dir, sizeof dir, "%s/loa-alog-XXXXXX", P_tmpdir);
	CHECK(mkdtemp(dir) != NULL, "temporary folder");
	char *path = buf_newf("%s/access.log", dir), *moved = buf_newf("%s/access.log.1", dir);
	/* the error log, where the drops are counted, goes to a file */
	char *errpath = buf_newf("%s/error.log", dir);
	int saved_stderr = dup(2);
	CHECK(log_open(errpath, &err) == 0, "error log opened");
	log_start();
	struct accesslog *al = accesslog_new(path, 256, &err);
	CHECK(al != NULL, "opened");
	if (!al)
		return;
	struct stat sb;
	CHECK(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0640, "created 0640");
	/* 40 + 1 bytes a line: the seventh does not fit in 256 unless the
	 * writer swapped buffers meanwhile; appending never waits for it, a
	 * line that does not fit is dropped and counted */
	char line[300];
	memset(line, 'x', sizeof line);
	for (int i = 0; i < 200; i++)
		accesslog_append(al, line, 40);
	uint64_t dropped = accesslog_dropped(al);
	CHECK(dropped < 200, "lines kept (%llu of 200 dropped)", (unsigned long long)dropped);
	accesslog_append(al, line, sizeof line);
	CHECK(accesslog_dropped(al) == dropped + 1, "a line larger than the buffer is dropped and counted");
	accesslog_free(al);
	size_t len;
	char *text = slurp(path, &len);
	CHECK(len == (200 - dropped) * 41, "every kept line written, whole, at close (%zu bytes)", len);
	free(text);
	dup2(saved_stderr, 2);
	close(saved_stderr);
	text = slurp(errpath, &len);
	/* the writer may have reported them over several wake-ups */
	static const char said[] = "cảnh báo: bộ đệm nhật ký truy cập đầy: đã bỏ ";
	unsigned long long reported = 0;
	for (const char *p = strstr(text, said); p; p = strstr(p + 1, said))
		reported += strtoull(p + strlen(said), NULL, 10);
	CHECK(reported == dropped + 1, "the drops are counted in the error log (%llu): %s", reported, text);
	free(text);
	unlink(errpath);
	free(errpath);

	/* reopen: after the move, lines go to a new file at the path */
	unlink(path);
	al = accesslog_new(path, 0, &err);
	accesslog_append(al, "before", 6);
	accesslog_free(al);
	al = accesslog_new(path, 0, &err); /* appends */
	CHECK(rename(path, moved) == 0, "log moved away");
	accesslog_reopen(al);
	/* the writer creates the new file when it handles the reopen */
	for (int i = 0; i < 500 && stat(path, &sb) != 0; i++)
		usleep(10000);
	accesslog_append(al, "after", 5);
	accesslog_free(al);
	text = slurp(path, &len);
	CHECK(strstr(text, "after\n") != NULL, "after the reopen lines go to the new file");
	free(text);
	text = slurp(moved, &len);
	CHECK(strstr(text, "before\n") != NULL && strstr(text, "after") == NULL, "the moved file keeps its lines only");
	free(text);

	CHECK(accesslog_new("/nonexistent-dir/x.log", 0, &err) == NULL && err && strstr(err, "không có thư mục chứa"),
	      "a path in a missing folder: %s", err ? err : "");
	free(err);
	unlink(path);
	unlink(moved);
	rmdir(dir);
	free(path);
	free(moved);
}

int main(void)
{
	test_config_good();
	test_config_bad();
	test_config_load();
	test_log_time();
	test_accesslog();
	return test_done();
}
