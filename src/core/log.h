/* log.h — the error log: leveled, time-stamped lines for the people who run
 * the server.
 *
 * Lines go to the process's standard error, so that everything written
 * there (by this module, by a library) lands in one place. By default that
 * is the terminal, or the journal under systemd: when stderr is the journal
 * (JOURNAL_STREAM names it), each line starts with a "<N>" priority and no
 * time stamp, since the journal keeps both. log_open() opens a file
 * instead (appending) and log_start() points stderr at it, once start-up
 * went well (so that a failure to start still reaches the terminal or the
 * journal); log_reopen() opens that path again, for logrotate. A line reads
 *     2026-12-07 08:30:00 +0700 lỗi: không ghi được thống kê truy cập
 * in the server's local time with its offset.
 *
 * State: the file's path and the least level are set once at start-up,
 * before any thread starts; writing is thread-safe (one write(2) per line,
 * and log_reopen swaps the file under the same descriptor with dup2). */
#ifndef LOA_LOG_H
#define LOA_LOG_H

#include <stdarg.h>
#include <stddef.h>

enum log_level { LOG_LV_ERROR = 0, LOG_LV_WARN = 1, LOG_LV_INFO = 2 };

#define LOG_LINE_MAX 4096 /* longer messages are cut, on a UTF-8 boundary */

/* Opens the file at path (created 0640 if missing) for the log, to be used
 * from log_start on. NULL or "stderr" keeps stderr. LOA_ERROR with *err
 * (malloc'ed, Vietnamese) when the file cannot be opened. */
int log_open(const char *path, char **err);
/* From now on stderr, and so the log, is the file log_open opened (a no-op
 * without one). */
void log_start(void);
/* Opens the log file again at its path (after logrotate moved it). A no-op
 * without a file. On failure the old file stays and the error is logged
 * there; returns LOA_ERROR. */
int log_reopen(void);
/* Lines below this level are not written (default LOG_LV_INFO). */
void log_set_level(enum log_level level);
/* Parses "error", "warning" or "info". Returns LOA_OK or LOA_INVALID. */
int log_level_parse(const char *s, enum log_level *out);

void log_msg(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void log_vmsg(enum log_level level, const char *fmt, va_list ap);
#define log_error(...) log_msg(LOG_LV_ERROR, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_LV_WARN, __VA_ARGS__)
#define log_info(...) log_msg(LOG_LV_INFO, __VA_ARGS__)

/* Why opening a log file failed with errno e, in Vietnamese. */
const char *log_open_failure(int e);

/* Formats t (seconds since the epoch) in local time into out as
 * "07/Dec/2026:08:30:00 +0700" (access log) when clf, else
 * "2026-12-07 08:30:00 +0700". Returns the length. Thread-safe. */
size_t log_time(long long t, int clf, char out[static 32]);

#endif
