/* throttle.c — the in-memory table of recent login failures.
 *
 * Layout, all guarded by `mu`:
 *   - `ent`: at most `max` entries, each a key's 128-bit digest and a ring
 *     of its newest AUTH_THROTTLE_KEEP failure times. Entries are handed
 *     out from the high-water mark `used`, or from the free list of cleared
 *     ones, or by evicting the head of the recency list;
 *   - the recency list: a doubly linked list through the entries in the
 *     order their last failure was recorded, oldest at `head`;
 *   - `slot`: an open-addressing index (linear probing, at most half full)
 *     of entry numbers plus one, 0 marking an empty slot. Removal shifts
 *     later entries of the probe run back, so no tombstones accumulate.
 *
 * Keys are digested with BLAKE2b keyed by a per-table random key, outside
 * the lock: clients choose logins and (to a degree) addresses, but cannot
 * predict where they land, so they cannot build long probe chains, and the
 * 128-bit digests do not collide in practice. */
#include "auth/auth.h"

#include <assert.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#define NONE UINT32_MAX
#define MAX_KEYS_LIMIT (1u << 28)

struct entry {
	unsigned char id[16];
	int64_t times[AUTH_THROTTLE_KEEP]; /* ring; times[0..n) are valid */
	uint32_t prev, next;               /* recency list; next also links the free list */
	uint8_t n, pos;                    /* valid times; where the next one goes */
};

struct auth_throttle {
	pthread_mutex_t mu;
	unsigned char hkey[crypto_generichash_KEYBYTES];
	struct entry *ent;
	uint32_t max, used, free_head;
	uint32_t head, tail; /* recency list: oldest, newest */
	uint32_t *slot;
	size_t mask;
};

struct auth_throttle *auth_throttle_new(size_t max_keys)
{
	if (max_keys == 0)
		max_keys = AUTH_THROTTLE_DEFAULT;
	if (max_keys > MAX_KEYS_LIMIT)
		max_keys = MAX_KEYS_LIMIT;
	if (sodium_init() < 0)
		return NULL;
	size_t cap = 16;
	while (cap < 2 * max_keys)
		cap *= 2;

	struct auth_throttle *t = calloc(1, sizeof *t);
	if (!t)
		goto fail;
	/* calloc of a large array maps zero pages: memory is touched only as
	 * entries come into use. */
	t->ent = calloc(max_keys, sizeof *t->ent);
	t->slot = calloc(cap, sizeof *t->slot);
	if (!t->ent || !t->slot)
		goto free_arrays;
	if (pthread_mutex_init(&t->mu, NULL) != 0)
		goto free_arrays;
	randombytes_buf(t->hkey, sizeof t->hkey);
	t->max = (uint32_t)max_keys;
	t->mask = cap - 1;
	t->free_head = t->head = t->tail = NONE;
	return t;

free_arrays:
	free(t->slot);
	free(t->ent);
	free(t);
fail:
	return NULL;
}

void auth_throttle_free(struct auth_throttle *t)
{
	if (!t)
		return;
	pthread_mutex_destroy(&t->mu);
	free(t->slot);
	free(t->ent);
	free(t);
}

static void digest(const struct auth_throttle *t, const char *key, unsigned char id[16])
{
	crypto_generichash(id, 16, (const unsigned char *)key, strlen(key), t->hkey, sizeof t->hkey);
}

static size_t home(const struct auth_throttle *t, const unsigned char id[16])
{
	uint64_t h;
	memcpy(&h, id, sizeof h);
	return (size_t)h & t->mask;
}

/* The slot holding id, or the empty slot where it would go; *found says
 * which. */
static size_t probe(const struct auth_throttle *t, const unsigned char id[16], bool *found)
{
	size_t i = home(t, id);
	while (t->slot[i] != 0) {
		if (memcmp(t->ent[t->slot[i] - 1].id, id, 16) == 0) {
			*found = true;
			return i;
		}
		i = (i + 1) & t->mask;
	}
	*found = false;
	return i;
}

/* Empties slot i and moves later members of its probe run back so every
 * entry stays reachable from its home slot. */
static void slot_remove(struct auth_throttle *t, size_t i)
{
	t->slot[i] = 0;
	for (size_t j = (i + 1) & t->mask; t->slot[j] != 0; j = (j + 1) & t->mask) {
		size_t h = home(t, t->ent[t->slot[j] - 1].id);
		if (((j - h) & t->mask) >= ((j - i) & t->mask)) {
			t->slot[i] = t->slot[j];
			t->slot[j] = 0;
			i = j;
		}
	}
}

static void list_unlink(struct auth_throttle *t, uint32_t e)
{
	struct entry *x = &t->ent[e];
	if (x->prev != NONE)
		t->ent[x->prev].next = x->next;
	else
		t->head = x->next;
	if (x->next != NONE)
		t->ent[x->next].prev = x->prev;
	else
		t->tail = x->prev;
	x->prev = x->next = NONE;
}

static void list_append(struct auth_throttle *t, uint32_t e)
{
	struct entry *x = &t->ent[e];
	x->prev = t->tail;
	x->next = NONE;
	if (t->tail != NONE)
		t->ent[t->tail].next = e;
	else
		t->head = e;
	t->tail = e;
}

/* Removes entry e (whose slot is s) from the index and the recency list. */
static void entry_drop(struct auth_throttle *t, uint32_t e, size_t s)
{
	slot_remove(t, s);
	list_unlink(t, e);
}

/* Returns a blank entry number, evicting the least recent key if needed. */
static uint32_t entry_take(struct auth_throttle *t)
{
	uint32_t e;
	if (t->free_head != NONE) {
		e = t->free_head;
		t->free_head = t->ent[e].next;
	} else if (t->used < t->max) {
		e = t->used++;
	} else {
		e = t->head;
		bool found;
		size_t s = probe(t, t->ent[e].id, &found);
		assert(found);
		entry_drop(t, e, s);
	}
	memset(&t->ent[e], 0, sizeof t->ent[e]);
	t->ent[e].prev = t->ent[e].next = NONE;
	return e;
}

static void sort_times(int64_t *a, int n)
{
	for (int i = 1; i < n; i++) {
		int64_t v = a[i];
		int j = i;
		for (; j > 0 && a[j - 1] > v; j--)
			a[j] = a[j - 1];
		a[j] = v;
	}
}

bool auth_throttle_check(struct auth_throttle *t, const char *key, int limit, int64_t window, int64_t now,
			 int64_t *retry_after)
{
	assert(limit >= 1 && limit <= AUTH_THROTTLE_KEEP && window > 0);
	unsigned char id[16];
	digest(t, key, id);
	int64_t recent[AUTH_THROTTLE_KEEP];
	int c = 0;

	pthread_mutex_lock(&t->mu);
	bool found;
	size_t s = probe(t, id, &found);
	if (found) {
		const struct entry *x = &t->ent[t->slot[s] - 1];
		for (int i = 0; i < x->n; i++)
			if (x->times[i] > now - window)
				recent[c++] = x->times[i];
	}
	pthread_mutex_unlock(&t->mu);

	if (c < limit)
		return true;
	/* Allowed again once only limit - 1 of them remain in the window,
	 * i.e. when the (c - limit + 1)-th oldest leaves it. */
	sort_times(recent, c);
	int64_t wait = recent[c - limit] + window - now;
	if (retry_after)
		*retry_after = wait < 1 ? 1 : wait;
	return false;
}

void auth_throttle_fail(struct auth_throttle *t, const char *key, int64_t now)
{
	unsigned char id[16];
	digest(t, key, id);

	pthread_mutex_lock(&t->mu);
	bool found;
	size_t s = probe(t, id, &found);
	uint32_t e;
	if (found) {
		e = t->slot[s] - 1;
		list_unlink(t, e);
	} else {
		e = entry_take(t);
		memcpy(t->ent[e].id, id, sizeof id);
		s = probe(t, id, &found); /* eviction may have moved slots */
		t->slot[s] = e + 1;
	}
	struct entry *x = &t->ent[e];
	x->times[x->pos] = now;
	x->pos = (uint8_t)((x->pos + 1) % AUTH_THROTTLE_KEEP);
	if (x->n < AUTH_THROTTLE_KEEP)
		x->n++;
	list_append(t, e);
	pthread_mutex_unlock(&t->mu);
}

void auth_throttle_clear(struct auth_throttle *t, const char *key)
{
	unsigned char id[16];
	digest(t, key, id);

	pthread_mutex_lock(&t->mu);
	bool found;
	size_t s = probe(t, id, &found);
	if (found) {
		uint32_t e = t->slot[s] - 1;
		entry_drop(t, e, s);
		t->ent[e].next = t->free_head;
		t->free_head = e;
	}
	pthread_mutex_unlock(&t->mu);
}
