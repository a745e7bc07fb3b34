/* stats.c — live visit counters kept in memory and flushed once per second.
 *
 * State, all guarded by `mu`:
 *   - one record per site: today's day number and count, the total since the
 *     store's first visit (visits_base is added only when reading), and a
 *     ring of per-second counts of visitors by the second they were last
 *     seen, from which "Đang truy cập" is summed;
 *   - the visitor table: open addressing with linear probing, keyed by the
 *     16 key bytes plus the site, holding the time the visitor was last seen
 *     on that site. It grows up to VT_MAX_CAP slots holding at most
 *     STATS_MAX_VISITORS entries (32 MB at most). When full, entries idle
 *     for longer than STATS_VISIT_GAP are dropped (at most once per second),
 *     and if it is still full a hit counts as a new visit without being
 *     remembered. Probing uses a secret-keyed hash, so clients choosing
 *     their own cookie values cannot force long probe chains;
 *   - pending deltas: one visit_delta per new visit and one view_delta per
 *     article view, appended on the request path and summed by the flusher.
 *
 * The store connection belongs to no thread: `store_mu` serializes its use
 * by the flusher and by the first request that mentions a site not loaded
 * yet (sites are loaded lazily: store_visits_get for the day of that
 * request). `mu` is never held while waiting for `store_mu`.
 *
 * A visit belongs to the day it started: a visit running across Vietnam
 * midnight is not counted again for the new day unless the visitor is idle
 * for STATS_VISIT_GAP. The store's per-day rows therefore sum to the total. */
#include "stats/stats.h"
#include "core/mem.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"
#include "core/status.h"
#include "core/vntime.h"
#include "store/store.h"

#define VT_MIN_CAP 1024u
#define VT_MAX_CAP (1u << 20)
#define STATS_MAX_VISITORS (VT_MAX_CAP / 2) /* load stays at or below one half */
#define ONLINE_RING 512 /* seconds; a power of two above STATS_ONLINE_WINDOW */

struct ring_slot {
	int64_t sec, count;
};

struct site_stat {
	int64_t id;
	int64_t today_day, today;
	int64_t total;                      /* without base */
	struct ring_slot ring[ONLINE_RING]; /* visitors by second last seen */
};

struct visitor {
	unsigned char key[16];
	int64_t last_seen;
	uint32_t site; /* index in sites + 1; 0 marks an empty slot */
};

struct deltas {
	struct visit_delta *v;
	size_t nv, capv;
	struct view_delta *w;
	size_t nw, capw;
};

struct stats {
	pthread_mutex_t mu;
	pthread_cond_t wake;
	pthread_mutex_t store_mu;
	struct store *st;
	pthread_t thread;
	bool running, stopping;
	bool flush_failing;        /* to report a failure once, not every second */

	/* Hashing keys, fixed after stats_new. */
	uint64_t cookie_key[4];    /* two SipHash keys for the 128-bit visitor key */
	uint64_t table_key[2];

	struct site_stat **sites;
	size_t nsites, capsites;

	struct visitor *vt;
	size_t vcap, vcount;
	int64_t last_sweep;

	struct deltas pending;
};

/* ---- SipHash-2-4 (Aumasson and Bernstein), incremental ---- */

struct sip {
	uint64_t v0, v1, v2, v3;
	uint64_t tail;
	unsigned ntail;
	uint64_t len;
};

#define ROTL(x, b) (((x) << (b)) | ((x) >> (64 - (b))))

static void sip_round(struct sip *h)
{
	h->v0 += h->v1;
	h->v1 = ROTL(h->v1, 13);
	h->v1 ^= h->v0;
	h->v0 = ROTL(h->v0, 32);
	h->v2 += h->v3;
	h->v3 = ROTL(h->v3, 16);
	h->v3 ^= h->v2;
	h->v0 += h->v3;
	h->v3 = ROTL(h->v3, 21);
	h->v3 ^= h->v0;
	h->v2 += h->v1;
	h->v1 = ROTL(h->v1, 17);
	h->v1 ^= h->v2;
	h->v2 = ROTL(h->v2, 32);
}

static void sip_init(struct sip *h, uint64_t k0, uint64_t k1)
{
	h->v0 = k0 ^ 0x736f6d6570736575ULL;
	h->v1 = k1 ^ 0x646f72616e646f6dULL;
	h->v2 = k0 ^ 0x6c7967656e657261ULL;
	h->v3 = k1 ^ 0x7465646279746573ULL;
	h->tail = 0;
	h->ntail = 0;
	h->len = 0;
}

static void sip_compress(struct sip *h, uint64_t m)
{
	h->v3 ^= m;
	sip_round(h);
	sip_round(h);
	h->v0 ^= m;
}

static void sip_update(struct sip *h, const void *data, size_t n)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < n; i++) {
		h->tail |= (uint64_t)p[i] << (8 * h->ntail);
		if (++h->ntail == 8) {
			sip_compress(h, h->tail);
			h->tail = 0;
			h->ntail = 0;
		}
	}
	h->len += n;
}

static uint64_t sip_final(struct sip *h)
{
	sip_compress(h, h->tail | (h->len << 56));
	h->v2 ^= 0xff;
	for (int i = 0; i < 4; i++)
		sip_round(h);
	return h->v0 ^ h->v1 ^ h->v2 ^ h->v3;
}

/* ---- visitor keys and bots ---- */

static int hex_val(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Decodes 32 lowercase hex digits followed by NUL into 16 bytes. */
static bool key_decode(const char *hex, unsigned char out[16])
{
	for (int i = 0; i < 16; i++) {
		int hi = hex_val(hex[2 * i]), lo = hi < 0 ? -1 : hex_val(hex[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return false;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return hex[32] == '\0';
}

/* Visitors without the cookie get a key hashed from address and user agent
 * with a secret chosen at start-up. The secret lives only in memory (the
 * store contract has no place for it), so such a visitor gets a different
 * key after a restart and may count as a second visit once; browsers that
 * keep the cookie are unaffected, because a well-formed cookie is used
 * as-is. */
bool stats_visitor_key(const struct stats *s, const char *cookie, const char *addr, const char *user_agent,
		       char key[static 33])
{
	unsigned char bin[16];
	if (cookie && strlen(cookie) == 32 && key_decode(cookie, bin)) {
		memcpy(key, cookie, 33);
		return false;
	}
	static const char digits[] = "0123456789abcdef";
	const char *a = addr ? addr : "", *u = user_agent ? user_agent : "";
	for (int half = 0; half < 2; half++) {
		struct sip h;
		sip_init(&h, s->cookie_key[2 * half], s->cookie_key[2 * half + 1]);
		sip_update(&h, a, strlen(a));
		sip_update(&h, "\n", 1);
		sip_update(&h, u, strlen(u));
		uint64_t v = sip_final(&h);
		for (int i = 0; i < 16; i++)
			key[16 * half + i] = digits[(v >> (60 - 4 * i)) & 15];
	}
	key[32] = '\0';
	return true;
}

/* Lower-case fragments of user agents that are not people reading. "zalo"
 * is deliberately absent: Zalo's in-app browser, which many readers use,
 * says "Zalo" too. */
static const char *const bot_words[] = {
	"bot", "crawl", "spider", "slurp", "facebookexternalhit", "facebookcatalog", "embedly", "preview",
	"monitor", "curl", "wget", "python-requests", "python-urllib", "python-httpx", "aiohttp", "go-http-client",
	"java/", "okhttp", "libwww", "httpclient", "headless", "lighthouse", "pingdom", "uptime", "scrapy",
	"feedfetcher", "zgrab", "masscan", "nmap", "whatsapp/", "ia_archiver", "mediapartners-google",
	"google-inspectiontool", "httpie", "axios/", "node-fetch", "undici", "guzzlehttp", "postmanruntime",
	"phantomjs", "apache-httpclient", "validator", "archiver",
};

/* True when the lower-cased ua contains word. "bot" inside the phone brand
 * "Cubot" does not count. */
static bool ua_has(const char *ua, const char *word)
{
	for (const char *p = strstr(ua, word); p; p = strstr(p + 1, word)) {
		if (word[0] == 'b' && strcmp(word, "bot") == 0 && p - ua >= 2 && p[-2] == 'c' && p[-1] == 'u')
			continue;
		return true;
	}
	return false;
}

bool stats_is_bot(const char *user_agent)
{
	if (!user_agent)
		return true;
	while (*user_agent == ' ' || *user_agent == '\t')
		user_agent++;
	if (!*user_agent)
		return true;
	/* lower-case once (the first 1 KiB: bot markers come early), then
	 * plain substring search, which is much faster than strcasestr */
	char lower[1024];
	size_t n = 0;
	for (; user_agent[n] && n < sizeof lower - 1; n++) {
		char c = user_agent[n];
		lower[n] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
	}
	lower[n] = '\0';
	for (size_t i = 0; i < sizeof bot_words / sizeof bot_words[0]; i++)
		if (ua_has(lower, bot_words[i]))
			return true;
	return false;
}

/* ---- sites and the online ring ---- */

static struct site_stat *site_find(struct stats *s, int64_t id, uint32_t *index)
{
	for (size_t i = 0; i < s->nsites; i++) {
		if (s->sites[i]->id == id) {
			if (index)
				*index = (uint32_t)i + 1;
			return s->sites[i];
		}
	}
	return NULL;
}

/* The site's record, loading it from the store on first use. Called and
 * returns with mu held (it is released while the store is read). NULL when
 * the store cannot be read; the caller then counts nothing. */
static struct site_stat *site_get(struct stats *s, int64_t id, int64_t now, uint32_t *index)
{
	struct site_stat *ss = site_find(s, id, index);
	if (ss)
		return ss;
	int64_t day = vn_day(now), today = 0, total = 0;
	pthread_mutex_unlock(&s->mu);
	pthread_mutex_lock(&s->store_mu);
	int rc = store_visits_get(s->st, id, day, &today, &total);
	pthread_mutex_unlock(&s->store_mu);
	pthread_mutex_lock(&s->mu);
	ss = site_find(s, id, index); /* another thread may have loaded it meanwhile */
	if (ss || (rc != LOA_OK && rc != LOA_NOTFOUND))
		return ss;
	if (rc == LOA_NOTFOUND)
		today = total = 0;
	ss = xmalloc(sizeof *ss);
	ss->id = id;
	ss->today_day = day;
	ss->today = today;
	ss->total = total;
	for (size_t i = 0; i < ONLINE_RING; i++)
		ss->ring[i] = (struct ring_slot){ INT64_MIN, 0 };
	if (s->nsites == s->capsites) {
		s->capsites = s->capsites ? 2 * s->capsites : 8;
		s->sites = xrealloc(s->sites, s->capsites * sizeof *s->sites);
	}
	s->sites[s->nsites++] = ss;
	if (index)
		*index = (uint32_t)s->nsites;
	return ss;
}

/* "Hôm nay" starts again at Vietnam midnight. */
static void site_roll(struct site_stat *ss, int64_t now)
{
	int64_t d = vn_day(now);
	if (d > ss->today_day) {
		ss->today_day = d;
		ss->today = 0;
	}
}

static void ring_add(struct site_stat *ss, int64_t sec)
{
	struct ring_slot *r = &ss->ring[(uint64_t)sec & (ONLINE_RING - 1)];
	if (r->sec == sec) {
		r->count++;
	} else if (r->sec < sec) {
		r->sec = sec;
		r->count = 1;
	}
	/* else the slot holds a newer second: sec is long out of the window. */
}

static void ring_remove(struct site_stat *ss, int64_t sec)
{
	struct ring_slot *r = &ss->ring[(uint64_t)sec & (ONLINE_RING - 1)];
	if (r->sec == sec && r->count > 0)
		r->count--;
}

static int64_t ring_online(const struct site_stat *ss, int64_t now)
{
	int64_t n = 0;
	for (int64_t sec = now - STATS_ONLINE_WINDOW; sec <= now; sec++) {
		const struct ring_slot *r = &ss->ring[(uint64_t)sec & (ONLINE_RING - 1)];
		if (r->sec == sec)
			n += r->count;
	}
	return n;
}

/* ---- the visitor table ---- */

static uint64_t vt_hash(const struct stats *s, const unsigned char key[16], uint32_t site)
{
	struct sip h;
	sip_init(&h, s->table_key[0], s->table_key[1]);
	sip_update(&h, key, 16);
	sip_update(&h, &site, sizeof site);
	return sip_final(&h);
}

/* The slot holding (key, site), or the empty slot where it would go. The
 * table always has empty slots (load stays at or below one half). */
static struct visitor *vt_slot(struct stats *s, const unsigned char key[16], uint32_t site)
{
	size_t mask = s->vcap - 1, i = (size_t)vt_hash(s, key, site) & mask;
	for (;; i = (i + 1) & mask) {
		struct visitor *v = &s->vt[i];
		if (!v->site || (v->site == site && memcmp(v->key, key, 16) == 0))
			return v;
	}
}

/* Rehashes into cap slots, keeping only visitors seen within
 * STATS_VISIT_GAP of now (the others would start a new visit anyway). */
static void vt_rebuild(struct stats *s, size_t cap, int64_t now)
{
	struct visitor *old = s->vt;
	size_t oldcap = s->vcap;
	s->vt = xcalloc(cap, sizeof *s->vt);
	s->vcap = cap;
	s->vcount = 0;
	for (size_t i = 0; i < oldcap; i++) {
		if (old[i].site && now - old[i].last_seen <= STATS_VISIT_GAP) {
			*vt_slot(s, old[i].key, old[i].site) = old[i];
			s->vcount++;
		}
	}
	free(old);
}

/* Makes room for one more visitor if possible; false when full. */
static bool vt_room(struct stats *s, int64_t now)
{
	if (s->vcount + 1 <= s->vcap / 2)
		return true;
	if (s->vcap < VT_MAX_CAP) {
		vt_rebuild(s, s->vcap * 2, now);
		return true;
	}
	if (now != s->last_sweep) {
		s->last_sweep = now;
		vt_rebuild(s, s->vcap, now);
	}
	return s->vcount < STATS_MAX_VISITORS;
}

/* ---- pending deltas ---- */

static void add_visit(struct deltas *d, int64_t site_id, int64_t day, int64_t n)
{
	if (d->nv == d->capv) {
		d->capv = d->capv ? 2 * d->capv : 64;
		d->v = xrealloc(d->v, d->capv * sizeof *d->v);
	}
	d->v[d->nv++] = (struct visit_delta){ site_id, day, n };
}

static void add_view(struct deltas *d, int64_t article_id, int64_t day, int64_t n)
{
	if (d->nw == d->capw) {
		d->capw = d->capw ? 2 * d->capw : 64;
		d->w = xrealloc(d->w, d->capw * sizeof *d->w);
	}
	d->w[d->nw++] = (struct view_delta){ article_id, day, n };
}

static int cmp_pair(int64_t a1, int64_t a2, int64_t b1, int64_t b2)
{
	if (a1 != b1)
		return a1 < b1 ? -1 : 1;
	return a2 < b2 ? -1 : a2 > b2;
}

static int cmp_visit(const void *a, const void *b)
{
	const struct visit_delta *x = a, *y = b;
	return cmp_pair(x->site_id, x->day, y->site_id, y->day);
}

static int cmp_view(const void *a, const void *b)
{
	const struct view_delta *x = a, *y = b;
	return cmp_pair(x->article_id, x->day, y->article_id, y->day);
}

/* Sums entries with the same (site, day) and (article, day). */
static void deltas_merge(struct deltas *d)
{
	size_t n = 0;
	if (d->nv) {
		qsort(d->v, d->nv, sizeof *d->v, cmp_visit);
		for (size_t i = 1; i < d->nv; i++) {
			if (cmp_visit(&d->v[n], &d->v[i]) == 0)
				d->v[n].visits += d->v[i].visits;
			else
				d->v[++n] = d->v[i];
		}
		d->nv = n + 1;
	}
	n = 0;
	if (d->nw) {
		qsort(d->w, d->nw, sizeof *d->w, cmp_view);
		for (size_t i = 1; i < d->nw; i++) {
			if (cmp_view(&d->w[n], &d->w[i]) == 0)
				d->w[n].views += d->w[i].views;
			else
				d->w[++n] = d->w[i];
		}
		d->nw = n + 1;
	}
}

static void deltas_free(struct deltas *d)
{
	free(d->v);
	free(d->w);
	memset(d, 0, sizeof *d);
}

/* ---- public ---- */

static void fill_random(void *buf, size_t n)
{
	unsigned char *p = buf;
	size_t got = 0;
	while (got < n) {
		ssize_t r = getrandom(p + got, n - got, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	if (got == n)
		return;
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	while (fd >= 0 && got < n) {
		ssize_t r = read(fd, p + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	if (fd >= 0)
		close(fd);
	if (got < n)
		abort(); /* no randomness at all: keys would be predictable */
}

struct stats *stats_new(const char *db_path, char **err)
{
	struct store *st = store_open(db_path, false, err);
	if (!st)
		return NULL;
	struct stats *s = xcalloc(1, sizeof *s);
	s->st = st;
	pthread_mutex_init(&s->mu, NULL);
	pthread_mutex_init(&s->store_mu, NULL);
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&s->wake, &ca);
	pthread_condattr_destroy(&ca);
	fill_random(s->cookie_key, sizeof s->cookie_key);
	fill_random(s->table_key, sizeof s->table_key);
	s->vcap = VT_MIN_CAP;
	s->vt = xcalloc(s->vcap, sizeof *s->vt);
	s->last_sweep = INT64_MIN;
	return s;
}

static void *flusher_main(void *arg)
{
	struct stats *s = arg;
	pthread_mutex_lock(&s->mu);
	while (!s->stopping) {
		struct timespec ts;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		ts.tv_sec += 1;
		pthread_cond_timedwait(&s->wake, &s->mu, &ts);
		if (s->stopping)
			break;
		pthread_mutex_unlock(&s->mu);
		stats_flush(s);
		pthread_mutex_lock(&s->mu);
	}
	pthread_mutex_unlock(&s->mu);
	return NULL;
}

int stats_start(struct stats *s)
{
	if (s->running)
		return LOA_OK;
	s->stopping = false;
	if (pthread_create(&s->thread, NULL, flusher_main, s) != 0)
		return LOA_ERROR;
	s->running = true;
	return LOA_OK;
}

void stats_free(struct stats *s)
{
	if (!s)
		return;
	if (s->running) {
		pthread_mutex_lock(&s->mu);
		s->stopping = true;
		pthread_cond_signal(&s->wake);
		pthread_mutex_unlock(&s->mu);
		pthread_join(s->thread, NULL);
		s->running = false;
	}
	if (stats_flush(s) != LOA_OK)
		log_error("thống kê truy cập của giây cuối chưa ghi được vào cơ sở dữ liệu");
	store_close(s->st);
	for (size_t i = 0; i < s->nsites; i++)
		free(s->sites[i]);
	free(s->sites);
	free(s->vt);
	deltas_free(&s->pending);
	pthread_cond_destroy(&s->wake);
	pthread_mutex_destroy(&s->store_mu);
	pthread_mutex_destroy(&s->mu);
	free(s);
}

void stats_hit(struct stats *s, int64_t site_id, int64_t visits_base, const char *key, int64_t now)
{
	(void)visits_base; /* figures shown add the base given to stats_get */
	unsigned char bin[16];
	if (!key || !key_decode(key, bin))
		return; /* not a key from stats_visitor_key */
	pthread_mutex_lock(&s->mu);
	uint32_t index;
	struct site_stat *ss = site_get(s, site_id, now, &index);
	if (!ss)
		goto unlock;
	site_roll(ss, now);

	bool new_visit;
	struct visitor *v = vt_slot(s, bin, index);
	if (v->site) {
		new_visit = now - v->last_seen > STATS_VISIT_GAP;
		if (now > v->last_seen) {
			ring_remove(ss, v->last_seen);
			ring_add(ss, now);
			v->last_seen = now;
		}
	} else {
		new_visit = true;
		if (vt_room(s, now)) {
			v = vt_slot(s, bin, index); /* the table may have been rebuilt */
			memcpy(v->key, bin, 16);
			v->site = index;
			v->last_seen = now;
			s->vcount++;
			ring_add(ss, now);
		}
	}
	if (new_visit) {
		int64_t day = vn_day(now);
		ss->total++;
		if (day == ss->today_day)
			ss->today++;
		add_visit(&s->pending, site_id, day, 1);
	}
unlock:
	pthread_mutex_unlock(&s->mu);
}

void stats_article_view(struct stats *s, int64_t article_id, int64_t now)
{
	pthread_mutex_lock(&s->mu);
	add_view(&s->pending, article_id, vn_day(now), 1);
	pthread_mutex_unlock(&s->mu);
}

void stats_get(struct stats *s, int64_t site_id, int64_t visits_base, int64_t now, struct stats_view *out)
{
	pthread_mutex_lock(&s->mu);
	struct site_stat *ss = site_get(s, site_id, now, NULL);
	*out = (struct stats_view){ 0, 0, visits_base };
	if (ss) {
		site_roll(ss, now);
		out->online = ring_online(ss, now);
		/* A request stamped before the last midnight sees 0 for "today". */
		out->today = vn_day(now) == ss->today_day ? ss->today : 0;
		out->total = visits_base + ss->total;
	}
	pthread_mutex_unlock(&s->mu);
}

int stats_flush(struct stats *s)
{
	pthread_mutex_lock(&s->mu);
	struct deltas d = s->pending;
	memset(&s->pending, 0, sizeof s->pending);
	pthread_mutex_unlock(&s->mu);

	deltas_merge(&d);
	int rc = LOA_OK;
	pthread_mutex_lock(&s->store_mu);
	if (d.nv) {
		if (store_visits_add(s->st, d.v, d.nv) == LOA_OK)
			d.nv = 0;
		else
			rc = LOA_ERROR;
	}
	if (d.nw) {
		if (store_views_add(s->st, d.w, d.nw) == LOA_OK)
			d.nw = 0;
		else
			rc = LOA_ERROR;
	}
	pthread_mutex_unlock(&s->store_mu);

	pthread_mutex_lock(&s->mu);
	/* Put back what could not be written; it goes with the next flush. */
	for (size_t i = 0; i < d.nv; i++)
		add_visit(&s->pending, d.v[i].site_id, d.v[i].day, d.v[i].visits);
	for (size_t i = 0; i < d.nw; i++)
		add_view(&s->pending, d.w[i].article_id, d.w[i].day, d.w[i].views);
	bool report = (rc != LOA_OK) != s->flush_failing;
	s->flush_failing = rc != LOA_OK;
	pthread_mutex_unlock(&s->mu);
	deltas_free(&d);

	if (report)
		log_msg(rc != LOA_OK ? LOG_LV_ERROR : LOG_LV_INFO, "%s",
			rc != LOA_OK ? "chưa ghi được thống kê truy cập, sẽ thử lại mỗi giây"
				     : "đã ghi lại được thống kê truy cập");
	return rc;
}
