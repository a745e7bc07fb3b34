/* buf.h — a growing byte buffer (after git's strbuf).
 *
 * Invariants: after buf_init() `data` is never NULL and data[len] == '\0'.
 * The buffer owns its memory until buf_detach() hands it to the caller.
 * Allocation failure aborts the process (loa treats OOM as fatal: a server
 * that cannot allocate a few bytes cannot answer usefully anyway). */
#ifndef LOA_BUF_H
#define LOA_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data;
	size_t len;
	size_t cap; /* 0 while data points at the shared empty string */
};

#define BUF_INIT { buf_empty_, 0, 0 }
extern char buf_empty_[];

void buf_init(struct buf *b);
/* Frees the memory and leaves an empty, valid buffer. */
void buf_reset(struct buf *b);
/* Ensures room for `extra` more bytes plus the terminator. */
void buf_grow(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *p, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addch(struct buf *b, char c);
void buf_addf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vaddf(struct buf *b, const char *fmt, va_list ap);
/* Truncates to `len` (must be <= b->len). */
void buf_setlen(struct buf *b, size_t len);
/* Returns the heap string (caller frees) and leaves `b` empty; never NULL. */
char *buf_detach(struct buf *b, size_t *len);
/* A new heap string formatted like printf (caller frees); never NULL. */
char *buf_newf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
