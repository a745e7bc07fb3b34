/* civic.h — the defences every form that citizens send without an account
 * shares: "Gửi ý kiến phản hồi" / "Hỏi đáp - Góp ý" (feedback.c) and the
 * comments on a draft under consultation (consult.c).
 *
 * No captcha service. A form carries a time stamp signed with the server's
 * key (civic_token): it proves the form came from this site and when, so a
 * submission faster than CIVIC_MIN_FILL_SECONDS is a robot's. A hidden
 * honeypot field, too many links and that time stamp give a spam verdict:
 * the item is kept for the moderators' spam folder, never dropped, and the
 * sender is thanked like anyone else. Rate limits per address and per site
 * and the duplicate check are counted in the database by the caller's own
 * store functions (restarts do not reset them). Each caller commits its row
 * before it thanks the sender with a tracking code (civic_add_with_code). */
#ifndef LOA_SITE_CIVIC_H
#define LOA_SITE_CIVIC_H

#include <stdbool.h>
#include <stdint.h>

#include "auth/auth.h"
#include "site/siteInt.h"

#define CIVIC_MIN_FILL_SECONDS 3
#define CIVIC_TOKEN_MAX_AGE (24 * 3600)
#define CIVIC_PER_ADDRESS_HOUR 5
#define CIVIC_PER_SITE_HOUR 300
#define CIVIC_MAX_LINKS 3
#define CIVIC_MAX_NAME 100
#define CIVIC_MIN_CONTENT 10
#define CIVIC_MAX_CONTENT 5000
#define CIVIC_DUPLICATE_WINDOW (24 * 3600)

/* The form token: "now.mac", now signed with the server's key. Cached
 * pages get a fresh one per request through the page slot "fbtoken". */
const char *civic_token(struct app *app, struct arena *a, int64_t now);
/* The token's age in seconds, or -1 when it is missing, forged or stale. */
int64_t civic_token_age(struct app *app, const char *token, int64_t now);

/* A text field of the submitted form, NFC-cleaned and trimmed; "" when
 * absent. A field present but not valid UTF-8 sets *bad and reads as "". */
const char *civic_field(struct arena *a, struct http_req *req, const char *name, bool *bad);
bool civic_email_ok(const char *s);
bool civic_phone_ok(const char *s);
/* http://, https:// and www. occurrences. */
int civic_count_links(const char *s);

/* Each check adds its Vietnamese message to `errors` under the field's key
 * ("name", "contact", "email", "phone", "content") and returns false when
 * the value is refused. */
bool civic_check_name(struct arena *a, struct tval *errors, const char *name);
/* required: at least one of email and phone must be given. */
bool civic_check_contact(struct arena *a, struct tval *errors, const char *email, const char *phone, bool required);
bool civic_check_content(struct arena *a, struct tval *errors, const char *content);

/* The caller's store functions behind the rate limits and the duplicate
 * check (store_feedback_count_since, store_feedback_duplicate, ...). */
struct civic_counts {
	int (*count_since)(struct store *st, int64_t site_id, const char *client_hash, int64_t since, int64_t *count);
	int (*duplicate)(struct store *st, int64_t site_id, const char *content_hash, int64_t since, bool *dup);
	const char *duplicate_message; /* what a sender of the same text again reads */
};

/* What civic_screen learnt, for the row the caller stores. */
struct civic_verdict {
	char client[AUTH_CSRF_LEN + 1];        /* keyed hash of the sender's address */
	char digest[AUTH_TOKEN_HASH_LEN + 1];  /* hash of title and content, folded */
	const char *spam;                      /* NULL, or why it goes to the spam folder */
};

/* The checks after the fields are valid: rate limits (429 with
 * Retry-After), the duplicate (409), a busy database (503); then the spam
 * signals (honeypot, fill-in time `age`, links in title and content).
 * Returns 0 when the submission may be stored (with *out filled), else
 * the HTTP status to answer with and *message for the sender. */
int civic_screen(struct page *p, const struct civic_counts *counts, const char *honeypot, int64_t age,
		 const char *title, const char *content, struct civic_verdict *out, const char **message);

/* Stores the submission under a fresh tracking code "XX-" + 6 characters
 * (prefix: two capital letters; no 0/O, 1/I/L): calls add(ctx, code) with
 * new codes while it answers LOA_CONFLICT (the code is taken), at most 5
 * times. Returns add's last status; code holds the one stored. */
int civic_add_with_code(const char *prefix, char code[10], int (*add)(void *ctx, const char *code), void *ctx);
/* True when code has the shape civic_add_with_code gives with prefix:
 * the two letters, '-', then 6 characters of its alphabet, in any case.
 * A lookup checks this before asking the store, so that no typed text
 * of any length reaches a query. */
bool civic_code_ok(const char *prefix, const char *code);

/* The page both forms' senders track their submission on
 * (/gop-y/tra-cuu, /du-thao/tra-cuu) with the partial track_form. */
struct civic_track {
	const char *path;        /* the page and its form's action */
	const char *title;       /* the page's title */
	const char *prefix;      /* the codes' two letters (civic_add_with_code); in
				  * lower case, the prefix of the form's element ids */
	const char *example;     /* a code as an example: "GY-7K3M9Q" */
	const char *noun;        /* what was sent, in the not-found message: "ý kiến" */
};
/* Starts a tracking page: root.track for the partial, root.query_code
 * (the ?ma= typed, "" when none), no page cache, noindex, the page's
 * meta. Returns the code typed, trimmed: NULL when none or blank, ""
 * when it is not valid UTF-8 (the caller finds nothing by it). */
const char *civic_track_begin(struct page *p, const struct civic_track *t);

#endif
