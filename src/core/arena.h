/* arena.h — region allocator for per-request and per-command memory.
 *
 * Everything allocated from an arena lives until arena_free() (or
 * arena_clear()), so request handlers never free piecemeal. Cleanups may be
 * registered to release non-arena resources at the same moment, in reverse
 * order of registration. Allocation failure aborts (see buf.h). */
#ifndef LOA_ARENA_H
#define LOA_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena;

struct arena *arena_new(void);
void arena_free(struct arena *a);
/* Runs cleanups and releases all blocks but keeps the arena usable. */
void arena_clear(struct arena *a);

void *arena_alloc(struct arena *a, size_t n);       /* 16-byte aligned */
void *arena_zalloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s); /* NULL in, NULL out */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* arr, an array of n elements of `size` bytes with room for *cap, made to
 * hold at least n + 1: when full, a copy in a new block twice as large
 * (*cap updated; the old block stays until the arena is cleared). */
void *arena_grow_array(struct arena *a, void *arr, size_t *cap, size_t n, size_t size);
void arena_on_free(struct arena *a, void (*fn)(void *), void *arg);

#endif
