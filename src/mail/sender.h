/* sender.h — the outbox's sender: one background thread per server with
 * its own store connection, so no request ever waits on a mail server.
 * Once a second it takes the due rows (store_outbox_due, by the server's
 * clock clock_now(), so a test that moves --test-clock sees retries
 * happen), sends each with smtp_send and records the attempt: sent, or
 * queued again after outbox_next_attempt's wait, or failed ("thất bại")
 * after OUTBOX_MAX_ATTEMPTS, a refusal (5xx) failing at once. Rows stay
 * in the database meanwhile, so a restart loses nothing: a row being sent
 * when the server stops is sent again (at-least-once). */
#ifndef LOA_MAIL_SENDER_H
#define LOA_MAIL_SENDER_H

#include <stdint.h>

struct store;
struct mail_sender;

/* Opens its connection to db_path and starts the thread. NULL with *err
 * (malloc'ed) on failure. */
struct mail_sender *mail_sender_start(const char *db_path, char **err);
/* Stops the thread (a send under way finishes or times out first) and
 * closes its connection. NULL is ignored. */
void mail_sender_free(struct mail_sender *s);
/* One pass over the rows due at `now` on st; how many were tried. The
 * thread's body, exposed for tests. */
int mail_sender_step(struct store *st, int64_t now);

#endif
