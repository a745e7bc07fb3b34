/* pagecache.c — rendered pages with live slots, served as plain text or as a
 * gzip stream assembled from precomputed pieces.
 *
 * How the gzip stream is built (RFC 1950/1951/1952): every static segment is
 * compressed on its own by a reset raw deflate stream (no dictionary shared
 * with its neighbours) and flushed with Z_SYNC_FLUSH, which ends it on a byte
 * boundary with no final block. Such runs can be concatenated in any order.
 * Slot values go between them as non-final stored blocks (BTYPE 00), which
 * need no compression state either. A final empty stored block closes the
 * deflate stream, and the gzip trailer carries the CRC-32 of the whole page,
 * combined from the segments' precomputed CRCs and the values' CRCs, and the
 * length modulo 2^32.
 *
 * This is the only file that includes zlib.h. Allocation failure aborts, as
 * everywhere in loa (core/buf.h). */
#include "render/pagecache.h"
#include "core/mem.h"

#include <limits.h>
#include <stdio.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "core/status.h"

#define MARK_OPEN "\x1eLOA:"
#define MARK_OPEN_LEN 5
#define MARK_END '\x1e'
#define STORED_MAX 65535u

struct segment {
	size_t off, len;     /* in html */
	size_t zoff, zlen;   /* in z; zlen 0 for an empty segment */
	uLong crc;           /* crc32 of the segment's bytes */
};

struct pagecache_entry {
	atomic_int refs;
	int64_t created;
	size_t size;
	char *html;
	size_t len;
	size_t nslots;
	struct segment *segs;   /* nslots + 1 */
	char (*names)[PAGECACHE_SLOT_MAX + 1];
	unsigned char *z;
	size_t zlen;
	char etag_base[17];     /* crc32 and adler32 of the page, hex */
	void *user;
	size_t user_len;
};

static bool name_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
	       c == '-';
}

/* Length of the well-formed marker at p (p[0] == 0x1E), or 0; its name is
 * p[MARK_OPEN_LEN .. MARK_OPEN_LEN + *name_len). */
static size_t marker_at(const char *p, size_t avail, size_t *name_len)
{
	if (avail < MARK_OPEN_LEN + 2 || memcmp(p, MARK_OPEN, MARK_OPEN_LEN) != 0)
		return 0;
	size_t n = 0;
	while (MARK_OPEN_LEN + n < avail && n <= PAGECACHE_SLOT_MAX && name_char((unsigned char)p[MARK_OPEN_LEN + n]))
		n++;
	if (n == 0 || n > PAGECACHE_SLOT_MAX || MARK_OPEN_LEN + n >= avail || p[MARK_OPEN_LEN + n] != MARK_END)
		return 0;
	*name_len = n;
	return MARK_OPEN_LEN + n + 1;
}

/* Appends the raw deflate of in[0..n) to *z (growing it), as an independent
 * run ending with a sync flush. LOA_ERROR on a zlib failure. */
static int deflate_segment(z_stream *zs, const char *in, size_t n, unsigned char **z, size_t *zlen, size_t *zcap)
{
	if (deflateReset(zs) != Z_OK)
		return LOA_ERROR;
	size_t left = n;
	for (;;) {
		uInt chunk = left > (UINT_MAX >> 1) ? (UINT_MAX >> 1) : (uInt)left;
		zs->next_in = (Bytef *)(uintptr_t)(in + (n - left));
		zs->avail_in = chunk;
		left -= chunk;
		int flush = left ? Z_NO_FLUSH : Z_SYNC_FLUSH;
		do {
			size_t want = deflateBound(zs, zs->avail_in) + 64;
			if (want > UINT_MAX >> 1)
				want = UINT_MAX >> 1;
			if (*zcap - *zlen < want) {
				*zcap = *zlen + want + *zcap / 2;
				*z = xrealloc(*z, *zcap);
			}
			zs->next_out = *z + *zlen;
			zs->avail_out = (uInt)want;
			int rc = deflate(zs, flush);
			if (rc != Z_OK && rc != Z_BUF_ERROR)
				return LOA_ERROR;
			*zlen += want - zs->avail_out;
			/* A full output buffer may hide more pending output. */
			if (zs->avail_out != 0 && zs->avail_in == 0)
				break;
		} while (1);
		if (!left)
			return LOA_OK;
	}
}

struct pagecache_entry *pagecache_entry_new(const char *html, size_t len, int64_t now)
{
	struct pagecache_entry *e = xmalloc(sizeof *e);
	memset(e, 0, sizeof *e);
	atomic_init(&e->refs, 1);
	e->created = now;
	e->html = xmalloc(len + 1);
	if (len)
		memcpy(e->html, html, len);
	e->html[len] = '\0';
	e->len = len;

	/* Split at the markers. */
	size_t cap = 4, start = 0, pos = 0;
	e->segs = xmalloc(cap * sizeof *e->segs);
	e->names = xmalloc(cap * sizeof *e->names);
	while (pos < len) {
		const char *hit = memchr(e->html + pos, MARK_END, len - pos);
		if (!hit)
			break;
		pos = (size_t)(hit - e->html);
		size_t name_len, mlen = marker_at(hit, len - pos, &name_len);
		if (!mlen) {
			pos++;
			continue;
		}
		if (e->nslots + 1 >= cap) {
			cap *= 2;
			e->segs = xrealloc(e->segs, cap * sizeof *e->segs);
			e->names = xrealloc(e->names, cap * sizeof *e->names);
		}
		e->segs[e->nslots] = (struct segment){ .off = start, .len = pos - start };
		memcpy(e->names[e->nslots], hit + MARK_OPEN_LEN, name_len);
		e->names[e->nslots][name_len] = '\0';
		e->nslots++;
		pos += mlen;
		start = pos;
	}
	e->segs[e->nslots] = (struct segment){ .off = start, .len = len - start };

	/* Compress and checksum every segment. */
	z_stream zs;
	memset(&zs, 0, sizeof zs);
	if (deflateInit2(&zs, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		goto fail_entry;
	size_t zcap = len / 3 + 256;
	e->z = xmalloc(zcap);
	uLong crc_all = crc32(0, Z_NULL, 0), adler_all = adler32(0, Z_NULL, 0);
	for (size_t i = 0; i <= e->nslots; i++) {
		struct segment *sg = &e->segs[i];
		const char *p = e->html + sg->off;
		sg->crc = crc32(0, Z_NULL, 0);
		for (size_t done = 0; done < sg->len;) {
			uInt chunk = sg->len - done > (UINT_MAX >> 1) ? (UINT_MAX >> 1) : (uInt)(sg->len - done);
			sg->crc = crc32(sg->crc, (const Bytef *)p + done, chunk);
			done += chunk;
		}
		sg->zoff = e->zlen;
		if (sg->len && deflate_segment(&zs, p, sg->len, &e->z, &e->zlen, &zcap) != LOA_OK)
			goto fail_zlib;
		sg->zlen = e->zlen - sg->zoff;
		crc_all = crc32_combine(crc_all, sg->crc, (z_off_t)sg->len);
	}
	for (size_t done = 0; done < len;) {
		uInt chunk = len - done > (UINT_MAX >> 1) ? (UINT_MAX >> 1) : (uInt)(len - done);
		adler_all = adler32(adler_all, (const Bytef *)e->html + done, chunk);
		done += chunk;
	}
	deflateEnd(&zs);
	e->z = xrealloc(e->z, e->zlen);
	snprintf(e->etag_base, sizeof e->etag_base, "%08lx%08lx", crc_all & 0xffffffffUL,
		 adler_all & 0xffffffffUL);
	e->size = sizeof *e + len + 1 + e->zlen + (e->nslots + 1) * sizeof *e->segs + e->nslots * sizeof *e->names;
	return e;

fail_zlib:
	deflateEnd(&zs);
fail_entry:
	free(e->z);
	free(e->names);
	free(e->segs);
	free(e->html);
	free(e);
	return NULL;
}

void pagecache_entry_ref(struct pagecache_entry *e)
{
	atomic_fetch_add_explicit(&e->refs, 1, memory_order_relaxed);
}

void pagecache_entry_unref(struct pagecache_entry *e)
{
	/* release our writes; the last one acquires everyone's before freeing */
	if (!e || atomic_fetch_sub_explicit(&e->refs, 1, memory_order_acq_rel) > 1)
		return;
	free(e->user);
	free(e->z);
	free(e->names);
	free(e->segs);
	free(e->html);
	free(e);
}

void pagecache_entry_release(void *e)
{
	pagecache_entry_unref(e);
}

int64_t pagecache_entry_created(const struct pagecache_entry *e)
{
	return e->created;
}

size_t pagecache_entry_nslots(const struct pagecache_entry *e)
{
	return e->nslots;
}

const char *pagecache_entry_slot_name(const struct pagecache_entry *e, size_t i)
{
	return i < e->nslots ? e->names[i] : NULL;
}

size_t pagecache_entry_size(const struct pagecache_entry *e)
{
	return e->size;
}

void pagecache_entry_set_user(struct pagecache_entry *e, const void *data, size_t len)
{
	e->size -= e->user_len;
	free(e->user);
	e->user = xmalloc(len);
	if (len)
		memcpy(e->user, data, len);
	e->user_len = len;
	e->size += len;
}

const void *pagecache_entry_user(const struct pagecache_entry *e)
{
	return e->user;
}

static const char *slot_value(const struct pagecache_entry *e, size_t i, const struct pc_var *vars, size_t nvars)
{
	for (size_t j = 0; j < nvars; j++)
		if (vars[j].name && strcmp(vars[j].name, e->names[i]) == 0)
			return vars[j].value ? vars[j].value : "";
	return "";
}

static void put_le32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

/* 10-byte gzip header: magic, deflate, no flags, no mtime, no extra flags,
 * OS "Unix". */
static const unsigned char gzip_header[10] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3 };

/* Stored blocks carrying v[0..n): a 5-byte header per 65535 bytes. */
static unsigned char *stored_blocks(struct arena *a, const char *v, size_t n, size_t *out_len)
{
	size_t nblocks = (n + STORED_MAX - 1) / STORED_MAX;
	unsigned char *b = arena_alloc(a, n + 5 * nblocks), *w = b;
	for (size_t done = 0; done < n;) {
		size_t k = n - done > STORED_MAX ? STORED_MAX : n - done;
		w[0] = 0x00; /* BFINAL 0, BTYPE 00, padding to the byte boundary */
		w[1] = (unsigned char)k;
		w[2] = (unsigned char)(k >> 8);
		w[3] = (unsigned char)~k;
		w[4] = (unsigned char)(~k >> 8);
		memcpy(w + 5, v + done, k);
		w += 5 + k;
		done += k;
	}
	*out_len = (size_t)(w - b);
	return b;
}

void pagecache_entry_parts(const struct pagecache_entry *e, const struct pc_var *vars, size_t nvars, bool gzip,
			   struct arena *a, struct pc_part **parts, size_t *nparts, size_t *total)
{
	struct pc_part *p = arena_alloc(a, (2 * e->nslots + 3) * sizeof *p);
	size_t n = 0, plain = 0, bytes = 0;
	uLong crc = crc32(0, Z_NULL, 0);

	if (gzip) {
		p[n++] = (struct pc_part){ gzip_header, sizeof gzip_header };
		bytes += sizeof gzip_header;
	}
	for (size_t i = 0; i <= e->nslots; i++) {
		const struct segment *sg = &e->segs[i];
		if (sg->len) {
			if (gzip) {
				p[n++] = (struct pc_part){ e->z + sg->zoff, sg->zlen };
				bytes += sg->zlen;
				crc = crc32_combine(crc, sg->crc, (z_off_t)sg->len);
			} else {
				p[n++] = (struct pc_part){ e->html + sg->off, sg->len };
				bytes += sg->len;
			}
			plain += sg->len;
		}
		if (i == e->nslots)
			break;
		const char *v = slot_value(e, i, vars, nvars);
		size_t vlen = strlen(v);
		if (!vlen)
			continue;
		if (gzip) {
			size_t blen;
			unsigned char *b = stored_blocks(a, v, vlen, &blen);
			p[n++] = (struct pc_part){ b, blen };
			bytes += blen;
			for (size_t done = 0; done < vlen;) {
				uInt chunk = vlen - done > (UINT_MAX >> 1) ? (UINT_MAX >> 1) : (uInt)(vlen - done);
				crc = crc32(crc, (const Bytef *)v + done, chunk);
				done += chunk;
			}
		} else {
			p[n++] = (struct pc_part){ arena_strndup(a, v, vlen), vlen };
			bytes += vlen;
		}
		plain += vlen;
	}
	if (gzip) {
		unsigned char *t = arena_alloc(a, 13);
		memcpy(t, "\x01\x00\x00\xff\xff", 5); /* final empty stored block */
		put_le32(t + 5, (uint32_t)crc);
		put_le32(t + 9, (uint32_t)plain);
		p[n++] = (struct pc_part){ t, 13 };
		bytes += 13;
	}
	*parts = p;
	*nparts = n;
	*total = bytes;
}

const char *pagecache_entry_etag(const struct pagecache_entry *e, const struct pc_var *vars, size_t nvars,
				 bool gzip, struct arena *a)
{
	uLong h = crc32(0, Z_NULL, 0);
	for (size_t i = 0; i < e->nslots; i++) {
		const char *v = slot_value(e, i, vars, nvars);
		size_t vlen = strlen(v);
		if (vlen > (UINT_MAX >> 1))
			vlen = UINT_MAX >> 1;
		h = crc32(h, (const Bytef *)v, (uInt)vlen);
		h = crc32(h, (const Bytef *)"", 1); /* separator: "1","23" differs from "12","3" */
	}
	return arena_printf(a, "\"%s-%08lx%s\"", e->etag_base, h & 0xffffffffUL, gzip ? "-z" : "");
}

/* ---- cache: chained hash table plus an LRU list ---- */

struct node {
	char *key;
	uint64_t hash;
	struct pagecache_entry *e;
	size_t size;                    /* as accounted when put */
	struct node *hnext;             /* bucket chain */
	struct node *newer, *older;     /* LRU list */
};

struct pagecache {
	pthread_mutex_t mu;             /* guards everything below */
	uint64_t generation;            /* bumped by pagecache_clear */
	size_t max_bytes, bytes, count;
	struct node **buckets;
	size_t nbuckets;                /* power of two */
	struct node *newest, *oldest;
};

static uint64_t key_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

struct pagecache *pagecache_new(size_t max_bytes)
{
	struct pagecache *c = xmalloc(sizeof *c);
	memset(c, 0, sizeof *c);
	pthread_mutex_init(&c->mu, NULL);
	c->max_bytes = max_bytes;
	c->nbuckets = 64;
	c->buckets = xmalloc(c->nbuckets * sizeof *c->buckets);
	memset(c->buckets, 0, c->nbuckets * sizeof *c->buckets);
	return c;
}

static void lru_unlink(struct pagecache *c, struct node *n)
{
	if (n->newer)
		n->newer->older = n->older;
	else
		c->newest = n->older;
	if (n->older)
		n->older->newer = n->newer;
	else
		c->oldest = n->newer;
	n->newer = n->older = NULL;
}

static void lru_push(struct pagecache *c, struct node *n)
{
	n->newer = NULL;
	n->older = c->newest;
	if (c->newest)
		c->newest->newer = n;
	c->newest = n;
	if (!c->oldest)
		c->oldest = n;
}

static struct node **find_slot(struct pagecache *c, const char *key, uint64_t h)
{
	struct node **pp = &c->buckets[h & (c->nbuckets - 1)];
	while (*pp && ((*pp)->hash != h || strcmp((*pp)->key, key) != 0))
		pp = &(*pp)->hnext;
	return pp;
}

static void node_remove(struct pagecache *c, struct node *n)
{
	struct node **pp = find_slot(c, n->key, n->hash);
	*pp = n->hnext;
	lru_unlink(c, n);
	c->bytes -= n->size;
	c->count--;
	pagecache_entry_unref(n->e);
	free(n->key);
	free(n);
}

static void grow(struct pagecache *c)
{
	size_t nb = c->nbuckets * 2;
	struct node **b = xmalloc(nb * sizeof *b);
	memset(b, 0, nb * sizeof *b);
	for (size_t i = 0; i < c->nbuckets; i++) {
		for (struct node *n = c->buckets[i], *next; n; n = next) {
			next = n->hnext;
			n->hnext = b[n->hash & (nb - 1)];
			b[n->hash & (nb - 1)] = n;
		}
	}
	free(c->buckets);
	c->buckets = b;
	c->nbuckets = nb;
}

struct pagecache_entry *pagecache_get(struct pagecache *c, const char *key)
{
	uint64_t h = key_hash(key);
	struct pagecache_entry *e = NULL;

	pthread_mutex_lock(&c->mu);
	struct node *n = *find_slot(c, key, h);
	if (n) {
		lru_unlink(c, n);
		lru_push(c, n);
		pagecache_entry_ref(n->e);
		e = n->e;
	}
	pthread_mutex_unlock(&c->mu);
	return e;
}

uint64_t pagecache_generation(struct pagecache *c)
{
	pthread_mutex_lock(&c->mu);
	uint64_t g = c->generation;
	pthread_mutex_unlock(&c->mu);
	return g;
}

static int put_locked(struct pagecache *c, const char *key, struct pagecache_entry *e)
{
	uint64_t h = key_hash(key);
	struct node *old = *find_slot(c, key, h);
	if (old)
		node_remove(c, old);
	size_t size = pagecache_entry_size(e);
	if (size > c->max_bytes)
		return LOA_BUSY;
	while (c->oldest && c->bytes + size > c->max_bytes)
		node_remove(c, c->oldest);
	if (c->count >= c->nbuckets)
		grow(c);
	struct node *n = xmalloc(sizeof *n);
	size_t klen = strlen(key);
	n->key = xmalloc(klen + 1);
	memcpy(n->key, key, klen + 1);
	n->hash = h;
	n->e = e;
	n->size = size;
	pagecache_entry_ref(e);
	struct node **pp = &c->buckets[h & (c->nbuckets - 1)];
	n->hnext = *pp;
	*pp = n;
	lru_push(c, n);
	c->bytes += size;
	c->count++;
	return LOA_OK;
}

int pagecache_put(struct pagecache *c, const char *key, struct pagecache_entry *e)
{
	pthread_mutex_lock(&c->mu);
	int rc = put_locked(c, key, e);
	pthread_mutex_unlock(&c->mu);
	return rc;
}

int pagecache_put_since(struct pagecache *c, const char *key, struct pagecache_entry *e, uint64_t generation)
{
	int rc = LOA_CONFLICT;

	pthread_mutex_lock(&c->mu);
	if (c->generation == generation)
		rc = put_locked(c, key, e);
	pthread_mutex_unlock(&c->mu);
	return rc;
}

static void clear_locked(struct pagecache *c)
{
	c->generation++;
	while (c->oldest)
		node_remove(c, c->oldest);
}

void pagecache_clear(struct pagecache *c)
{
	pthread_mutex_lock(&c->mu);
	clear_locked(c);
	pthread_mutex_unlock(&c->mu);
}

void pagecache_free(struct pagecache *c)
{
	if (!c)
		return;
	clear_locked(c);
	pthread_mutex_destroy(&c->mu);
	free(c->buckets);
	free(c);
}

/* One of the cache's counters, read under its mutex. */
static size_t read_locked(struct pagecache *c, const size_t *counter)
{
	pthread_mutex_lock(&c->mu);
	size_t n = *counter;
	pthread_mutex_unlock(&c->mu);
	return n;
}

size_t pagecache_count(struct pagecache *c)
{
	return read_locked(c, &c->count);
}

size_t pagecache_bytes(struct pagecache *c)
{
	return read_locked(c, &c->bytes);
}
