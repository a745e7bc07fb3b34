/* log.c — the error log (log.h).
 *
 * The module's state is the settings made at start-up (path, least level,
 * whether stderr is the journal); the only thing that changes later is
 * which file descriptor 2 refers to, and dup2 changes that atomically for
 * every thread writing at the time. */
#include "core/log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/mem.h"
#include "core/status.h"

static char *log_path;                      /* NULL: the inherited stderr */
static enum log_level log_least = LOG_LV_INFO;
static int log_journal;                     /* stderr is the journal (checked by log_open) */
static int log_pending = -1;                /* the file opened by log_open until log_start */

static const char *const level_words[] = {"lỗi", "cảnh báo", "thông tin"};
static const char *const level_names[] = {"error", "warning", "info"};
static const char journal_prio[] = {'3', '4', '6'}; /* syslog's err, warning, info */

/* True when fd 2 is the stream systemd set up for the journal. */
static int stderr_is_journal(void)
{
	const char *js = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat sb;

	if (log_path || !js || sscanf(js, "%llu:%llu", &dev, &ino) != 2 || fstat(STDERR_FILENO, &sb) != 0)
		return 0;
	return (unsigned long long)sb.st_dev == dev && (unsigned long long)sb.st_ino == ino;
}

const char *log_open_failure(int e)
{
	switch (e) {
	case ENOENT:
		return "không có thư mục chứa";
	case EACCES:
	case EPERM:
	case EROFS:
		return "không có quyền ghi";
	case ENOSPC:
		return "đĩa đầy";
	default:
		return "lỗi hệ thống";
	}
}

static int open_append(const char *path, char **err)
{
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
	if (fd < 0 && err)
		*err = buf_newf("không mở được tệp nhật ký %s: %s", path, log_open_failure(errno));
	return fd;
}

int log_open(const char *path, char **err)
{
	*err = NULL;
	if (!path || strcmp(path, "stderr") == 0) {
		log_journal = stderr_is_journal();
		return LOA_OK;
	}
	int fd = open_append(path, err);
	if (fd < 0)
		return LOA_ERROR;
	if (log_pending >= 0)
		close(log_pending);
	log_pending = fd;
	free(log_path);
	log_path = xstrdup(path);
	return LOA_OK;
}

void log_start(void)
{
	if (log_pending < 0)
		return;
	if (dup2(log_pending, STDERR_FILENO) < 0)
		log_error("không chuyển được nhật ký lỗi sang %s, vẫn ghi ra stderr", log_path);
	close(log_pending);
	log_pending = -1;
	log_journal = 0;
}

int log_reopen(void)
{
	char *err = NULL;
	if (!log_path || log_pending >= 0)
		return LOA_OK;
	int fd = open_append(log_path, &err);
	if (fd < 0 || dup2(fd, STDERR_FILENO) < 0) {
		log_error("%s", err ? err : "không mở lại được tệp nhật ký lỗi");
		free(err);
		if (fd >= 0)
			close(fd);
		return LOA_ERROR;
	}
	close(fd);
	return LOA_OK;
}

void log_set_level(enum log_level level)
{
	log_least = level;
}

int log_level_parse(const char *s, enum log_level *out)
{
	for (int i = 0; i < 3; i++)
		if (strcmp(s, level_names[i]) == 0) {
			*out = (enum log_level)i;
			return LOA_OK;
		}
	return LOA_INVALID;
}

size_t log_time(long long t, int clf, char out[static 32])
{
	static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	time_t tt = (time_t)t;
	struct tm tm;

	if (!localtime_r(&tt, &tm))
		memset(&tm, 0, sizeof tm);
	long off = tm.tm_gmtoff / 60;
	char sign = off < 0 ? '-' : '+';
	if (off < 0)
		off = -off;
	int year = tm.tm_year + 1900;
	if (year < 0 || year > 9999)
		year = 0;
	int n;
	if (clf)
		n = snprintf(out, 32, "%02d/%s/%04d:%02d:%02d:%02d %c%02ld%02ld", tm.tm_mday, months[tm.tm_mon % 12], year,
			     tm.tm_hour, tm.tm_min, tm.tm_sec, sign, off / 60 % 100, off % 60);
	else
		n = snprintf(out, 32, "%04d-%02d-%02d %02d:%02d:%02d %c%02ld%02ld", year, tm.tm_mon + 1, tm.tm_mday,
			     tm.tm_hour, tm.tm_min, tm.tm_sec, sign, off / 60 % 100, off % 60);
	return n > 0 && n < 32 ? (size_t)n : 0;
}

void log_vmsg(enum log_level level, const char *fmt, va_list ap)
{
	char line[LOG_LINE_MAX + 64];
	size_t n = 0;

	if (level > log_least)
		return;
	if (log_journal > 0) {
		line[n++] = '<';
		line[n++] = journal_prio[level];
		line[n++] = '>';
	} else {
		n = log_time((long long)time(NULL), 0, line);
		line[n++] = ' ';
	}
	n += (size_t)snprintf(line + n, sizeof line - n, "%s: ", level_words[level]);
	int m = vsnprintf(line + n, LOG_LINE_MAX, fmt, ap);
	if (m < 0)
		m = 0;
	if ((size_t)m >= LOG_LINE_MAX) {
		m = LOG_LINE_MAX - 1;
		while (m > 0 && ((unsigned char)line[n + (size_t)m] & 0xc0) == 0x80)
			m--; /* the cut falls before a whole character */
	}
	n += (size_t)m;
	while (n > 0 && line[n - 1] == '\n')
		n--;
	line[n++] = '\n';
	for (size_t off = 0; off < n;) {
		ssize_t w = write(STDERR_FILENO, line + off, n - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
}

void log_msg(enum log_level level, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_vmsg(level, fmt, ap);
	va_end(ap);
}
