/* store_mail.h — the storage contract of mail notifications: each site's
 * SMTP settings, the outbox, the editors' addresses and a feedback
 * sender's consent. Same rules as store.h: arena-owned results, LOA_*
 * statuses, every query names its site (except store_outbox_due, which
 * the one sender of the process runs over every site).
 *
 * Durability: a notification is a row of the outbox written with
 * store_outbox_add inside the caller's transaction (store_begin) with the
 * event that causes it, so it is kept if and only if the event is. The
 * sender (src/mail/sender.c) reads due rows and records each attempt. */
#ifndef LOA_STORE_MAIL_H
#define LOA_STORE_MAIL_H

#include "store/store.h"

enum mail_security { MAIL_SEC_NONE = 0, MAIL_SEC_STARTTLS = 1, MAIL_SEC_TLS = 2 };

struct mail_settings {
	int64_t site_id;
	const char *host;        /* "" = mail not set up: nothing can be sent */
	int port;
	int security;            /* enum mail_security */
	const char *login;       /* "" = no AUTH */
	const char *password;    /* never shown back by the newsroom */
	const char *from_addr, *from_name;
	const char *feedback_to; /* the feedback moderators' address, "" = nobody */
};

enum outbox_state { OUTBOX_QUEUED = 0, OUTBOX_SENT = 1, OUTBOX_FAILED = 2 };

struct outbox_msg {
	int64_t id, site_id;
	const char *kind;        /* "feedback", "submitted", "returned", "published", "answered", "test" */
	const char *rcpt;        /* one address */
	const char *subject;     /* UTF-8, not yet encoded */
	const char *body;        /* plain UTF-8 text, "\n" line ends */
	int state;               /* enum outbox_state */
	int attempts;
	int64_t next_at;         /* when a queued row is due */
	const char *last_error;
	int64_t created_at, sent_at;
};

/* The site's settings; a site never set up reads as blank with port 587
 * and STARTTLS (LOA_OK). */
int store_mail_settings_get(struct store *st, int64_t site_id, struct arena *a, struct mail_settings *out);
/* Writes every field; password NULL keeps the stored one. */
int store_mail_settings_put(struct store *st, const struct mail_settings *m);

/* Queues m (its site_id, kind, rcpt, subject, body, next_at, created_at;
 * state and attempts start at 0). LOA_INVALID for a blank recipient. */
int store_outbox_add(struct store *st, const struct outbox_msg *m, int64_t *id);
/* Up to limit queued rows of any site with next_at <= now, oldest due first. */
int store_outbox_due(struct store *st, int64_t now, int limit, struct arena *a, struct outbox_msg **out, size_t *n);
int store_outbox_sent(struct store *st, int64_t id, int attempts, int64_t now);
/* Records a failed attempt: queued again at next_at, or failed when
 * `failed`; error is kept as the last error. */
int store_outbox_failed(struct store *st, int64_t id, int attempts, int64_t next_at, bool failed, const char *error);
/* The site's rows, newest first; state -1 = any. */
int store_outbox_list(struct store *st, int64_t site_id, int state, int limit, int offset, struct arena *a,
		      struct outbox_msg **out, size_t *n, int64_t *total);
/* A queued or failed row of the site due now again (a failed one with its
 * attempts starting over). LOA_NOTFOUND for a sent or unknown row. */
int store_outbox_retry_now(struct store *st, int64_t site_id, int64_t id, int64_t now);

/* An editor's address ("" = none). */
int store_user_email_get(struct store *st, int64_t user_id, struct arena *a, const char **email);
int store_user_email_set(struct store *st, int64_t user_id, const char *email);
/* The addresses of the enabled users of the site (and province-wide ones)
 * with role >= min_role and an address. */
int store_user_emails(struct store *st, int64_t site_id, int min_role, struct arena *a, const char ***out,
		      size_t *n);

/* Whether the sender of feedback id agreed to be told of the answer. */
int store_feedback_notify_set(struct store *st, int64_t site_id, int64_t id, bool notify);
int store_feedback_notify_get(struct store *st, int64_t site_id, int64_t id, bool *notify);

#endif
