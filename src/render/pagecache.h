/* pagecache.h — rendered pages kept in memory, with live slots filled in per
 * request.
 *
 * A page is rendered once with slot markers where live values go (the visit
 * counters): PAGECACHE_SLOT("online") expands to the bytes
 * "\x1e" "LOA:online" "\x1e". pagecache_entry_new() splits the page at the
 * markers and compresses every static segment once, each as an independent
 * raw deflate run ending on a byte boundary. A request then gets either the
 * plain body or a complete gzip stream as a list of parts that reference the
 * entry's precomputed bytes; only the slot values, the stored-block headers
 * and the gzip header and trailer are new per request, and they live in the
 * request's arena. No compression happens on the request path.
 *
 * Slot names are 1 to 32 bytes of [A-Za-z0-9_.-]; a 0x1E byte that does not
 * start a well-formed marker is ordinary page text.
 *
 * Threads: every function may be called from any thread. The cache is one
 * mutex around its table and LRU list (held for a lookup or an insertion,
 * never while rendering or compressing); an entry is immutable once it is
 * shared (set its user data before putting it in a cache or handing it to
 * another thread) and its reference count is atomic, so the last release,
 * on whichever thread, frees it. */
#ifndef LOA_PAGECACHE_H
#define LOA_PAGECACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

#define PAGECACHE_SLOT(name) "\x1e" "LOA:" name "\x1e"
#define PAGECACHE_SLOT_MAX 32

/* Same layout as struct http_part, so the caller can hand an array over. */
struct pc_part {
	const void *base;
	size_t len;
};

/* A value for the slots called `name`; slots with no value get "". */
struct pc_var {
	const char *name;
	const char *value;
};

struct pagecache_entry;
struct pagecache;

/* ---- entries ---- */

/* Builds an entry from a rendered page (html need not be NUL-terminated; it
 * is copied). `now` is recorded as the creation time. Returns the entry with
 * one reference held by the caller, or NULL if compression fails. */
struct pagecache_entry *pagecache_entry_new(const char *html, size_t len, int64_t now);
void pagecache_entry_ref(struct pagecache_entry *e);
/* Drops a reference; the entry is freed with the last one. NULL is ignored. */
void pagecache_entry_unref(struct pagecache_entry *e);
/* pagecache_entry_unref with the signature of a deferred callback
 * (http_req_defer, arena_on_free). */
void pagecache_entry_release(void *e);

int64_t pagecache_entry_created(const struct pagecache_entry *e);
size_t pagecache_entry_nslots(const struct pagecache_entry *e);
/* Name of slot i (0 <= i < nslots), in page order. */
const char *pagecache_entry_slot_name(const struct pagecache_entry *e, size_t i);
/* Memory the entry accounts for in a cache (page, compressed copy, tables,
 * user data). */
size_t pagecache_entry_size(const struct pagecache_entry *e);
/* Attaches a copy of len bytes of caller data (e.g. what is needed to serve
 * the page again), replacing any earlier copy; aligned like malloc. Set it
 * before putting the entry in a cache, so the cache accounts for it. */
void pagecache_entry_set_user(struct pagecache_entry *e, const void *data, size_t len);
/* The attached copy, or NULL when none. */
const void *pagecache_entry_user(const struct pagecache_entry *e);

/* Builds the response body with the slots filled from vars. With gzip, the
 * parts form one gzip stream; otherwise they form the plain page. *parts is
 * allocated in `a`, as are the small per-request pieces; the rest point into
 * the entry, which must therefore stay referenced until the response is
 * complete. Values are copied into `a`. *total receives the body length. */
void pagecache_entry_parts(const struct pagecache_entry *e, const struct pc_var *vars, size_t nvars, bool gzip,
			   struct arena *a, struct pc_part **parts, size_t *nparts, size_t *total);

/* A quoted strong entity tag for this page with these slot values, in `a`,
 * e.g. "\"3f2a9c01e47b5d10-8c1d22ab-z\"". The gzip form differs from the
 * plain form (suffix -z) because the bytes differ. */
const char *pagecache_entry_etag(const struct pagecache_entry *e, const struct pc_var *vars, size_t nvars,
				 bool gzip, struct arena *a);

/* ---- cache ---- */

/* A cache holding at most max_bytes of entries (by pagecache_entry_size);
 * the least recently used entries are dropped first. */
struct pagecache *pagecache_new(size_t max_bytes);
/* Drops the cache's references; entries still in flight live on. */
void pagecache_free(struct pagecache *c);
/* The entry stored under key with a new reference for the caller (release
 * it with pagecache_entry_unref), or NULL. Marks it most recently used. */
struct pagecache_entry *pagecache_get(struct pagecache *c, const char *key);
/* Stores e under key (copied), replacing any previous entry; the cache takes
 * its own reference and the caller keeps theirs. Evicts least recently used
 * entries to stay under max_bytes. LOA_BUSY (nothing stored, any previous
 * entry under key removed) when e alone is larger than max_bytes. */
int pagecache_put(struct pagecache *c, const char *key, struct pagecache_entry *e);
/* The cache's generation: pagecache_clear bumps it. A page rendered from
 * data read after taking the generation is stored with pagecache_put_since,
 * which refuses it (LOA_CONFLICT) when the cache was cleared meanwhile: the
 * content changed under the renderer and its page may be stale. */
uint64_t pagecache_generation(struct pagecache *c);
int pagecache_put_since(struct pagecache *c, const char *key, struct pagecache_entry *e, uint64_t generation);
/* Drops every entry (call when content changes). */
void pagecache_clear(struct pagecache *c);
size_t pagecache_count(struct pagecache *c);
size_t pagecache_bytes(struct pagecache *c);

#endif
