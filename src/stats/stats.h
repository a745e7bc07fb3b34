/* stats.h — live visit statistics and article view counts.
 *
 * Counting happens in memory on the request path (no database write there);
 * a background thread flushes the deltas to the store once per second with
 * its own connection, so `kill -9` loses at most about a second of counts.
 *
 * Visit rules: a visit is a visitor key not seen for 30 minutes; the key is
 * the first-party cookie value when the browser sends one, else a keyed hash
 * of address and user agent (and that hash is what the cookie is then set
 * to, so the first and later requests of one browser share a key). Known
 * bots and crawlers are not counted. "Hôm nay" counts visits of the current
 * Vietnam day; "Đang truy cập" counts keys seen in the last 5 minutes; the
 * total adds the site's visits_base. Thread-safe. */
#ifndef LOA_STATS_H
#define LOA_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define STATS_COOKIE "loa_v"
#define STATS_VISIT_GAP (30 * 60)
#define STATS_ONLINE_WINDOW (5 * 60)

struct stats;
struct stats_view {
	int64_t online, today, total;
};

/* Opens its own store connection on db_path and loads today's and total
 * counts. NULL with *err (malloc'ed) on failure. */
struct stats *stats_new(const char *db_path, char **err);
/* Starts the flusher thread. */
int stats_start(struct stats *s);
/* Stops the flusher after a final flush. Then frees. */
void stats_free(struct stats *s);

/* True for user agents of known bots, crawlers, link previewers, monitors
 * and command-line clients, and for an empty user agent. */
bool stats_is_bot(const char *user_agent);

/* Computes the visitor key for a request into key (33 bytes, hex) from the
 * cookie value if it is well-formed, else from address and user agent.
 * Returns true when the cookie should be (re)set to key. */
bool stats_visitor_key(const struct stats *s, const char *cookie, const char *addr, const char *user_agent,
		       char key[static 33]);
/* Records a page view by visitor `key` on a site at time now; counts a new
 * visit when the key was not seen for STATS_VISIT_GAP. */
void stats_hit(struct stats *s, int64_t site_id, int64_t visits_base, const char *key, int64_t now);
void stats_article_view(struct stats *s, int64_t article_id, int64_t now);
/* Current figures for a site (includes visits_base passed at last hit or
 * stats_get). */
void stats_get(struct stats *s, int64_t site_id, int64_t visits_base, int64_t now, struct stats_view *out);
/* Writes pending deltas now (the flusher calls this; tests may too). */
int stats_flush(struct stats *s);

#endif
