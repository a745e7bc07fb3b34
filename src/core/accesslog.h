/* accesslog.h — an append-only log file written off the request path.
 *
 * Event-loop threads hand over finished lines with accesslog_append: a
 * copy into a bounded in-memory buffer under a mutex held only for the
 * copy, no system call. A writer thread swaps that buffer for its spare
 * about every ACCESSLOG_FLUSH_MS (sooner when it is half full) and writes
 * it out in one write(2). When the buffer is full a line is dropped, not
 * waited for; the writer reports the number dropped in the error log.
 * Memory is bounded by two buffers of ACCESSLOG_BUF_BYTES.
 *
 * accesslog_reopen asks the writer to open the path again (logrotate);
 * lines still buffered then go to the new file. accesslog_free writes
 * everything buffered, stops the writer and closes the file. */
#ifndef LOA_ACCESSLOG_H
#define LOA_ACCESSLOG_H

#include <stddef.h>
#include <stdint.h>

#define ACCESSLOG_BUF_BYTES (1u << 20)
#define ACCESSLOG_LINE_MAX (16u << 10) /* longer lines are dropped and counted */
#define ACCESSLOG_FLUSH_MS 500

struct accesslog;

/* Opens path for appending (created 0640) and starts the writer. NULL with
 * *err (malloc'ed, Vietnamese) when the file cannot be opened. buf_bytes 0
 * means ACCESSLOG_BUF_BYTES (tests use small buffers). */
struct accesslog *accesslog_new(const char *path, size_t buf_bytes, char **err);
/* Queues one line (without its newline; one is added). Thread-safe; never
 * blocks on I/O. */
void accesslog_append(struct accesslog *al, const char *line, size_t len);
/* Thread-safe; async (the writer reopens on its next wake-up, at once). */
void accesslog_reopen(struct accesslog *al);
/* Lines dropped so far because the buffer was full. */
uint64_t accesslog_dropped(struct accesslog *al);
/* Writes what is buffered, stops the writer, closes. NULL is ignored. */
void accesslog_free(struct accesslog *al);

#endif
