/* store_feedback.h — the storage contract of "Gửi ý kiến phản hồi" and
 * "Hỏi đáp - Góp ý": citizens' feedback and questions, their moderation,
 * the official answers and their publication. Same rules as store.h:
 * arena-owned results, LOA_* statuses, every query names its site.
 *
 * Durability: store_feedback_add returns only after the row is committed
 * (SQLite synchronous=FULL), so the reader is thanked only for what a
 * crash cannot lose. Nothing is ever deleted by a spam verdict. */
#ifndef LOA_STORE_FEEDBACK_H
#define LOA_STORE_FEEDBACK_H

#include "store/store.h"

enum feedback_state {
	FB_NEW = 0,        /* received, waiting for a moderator */
	FB_ANSWERED = 1,   /* an official answer is written, not yet public */
	FB_PUBLISHED = 2,  /* question and answer shown publicly */
	FB_DECLINED = 3,   /* not published, with a reason the sender can read */
	FB_SPAM = 4        /* judged spam (kept; an approver can restore it) */
};

struct feedback {
	int64_t id, site_id;
	int64_t article_id;            /* 0 = the general "Hỏi đáp - Góp ý" page */
	const char *article_title;     /* joined on read ("" for general) */
	const char *article_url;       /* joined on read: "/cat/slug-id" or "" */
	const char *code;              /* tracking code shown to the sender, unique per site */
	const char *name, *address, *email, *phone; /* contact: never shown publicly */
	const char *title, *content;
	const char *attachment;        /* file name under the attachments folder, or "" */
	const char *attachment_mime;
	int64_t attachment_bytes;
	const char *client_hash;       /* keyed hash of the sender's address (rate limits) */
	const char *content_hash;      /* hash of the normalized content (duplicates) */
	int state;                     /* enum feedback_state */
	const char *reason;            /* decline reason (shown to the sender) or spam verdict */
	const char *answer;            /* the official answer, plain text */
	int64_t answered_by;           /* user id, 0 = none */
	const char *answered_by_name;  /* joined on read */
	int64_t created_at, answered_at, published_at, updated_at;
	bool contacts_erased;          /* the retention period erased name/address/email/phone */
};

/* Inserts and commits; sets *id. LOA_CONFLICT when the code is taken (the
 * caller draws another). */
int store_feedback_add(struct store *st, const struct feedback *f, int64_t *id);
int store_feedback_get(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct feedback *out);
/* By tracking code, compared case-insensitively. */
int store_feedback_by_code(struct store *st, int64_t site_id, const char *code, struct arena *a,
			   struct feedback *out);

struct feedback_filter {
	int64_t site_id;
	int state;                     /* -1 = every state but spam; else that state */
	int64_t article_id;            /* -1 = any, 0 = general only, else that article */
	int limit, offset;
};
/* Newest first (created_at). *total counts all matches. */
int store_feedback_list(struct store *st, const struct feedback_filter *f, struct arena *a, struct feedback **out,
			size_t *n, int64_t *total);
/* Published items (state FB_PUBLISHED), newest published first; article_id
 * as in feedback_filter. Contact fields come back empty. */
int store_feedback_public(struct store *st, int64_t site_id, int64_t article_id, int limit, int offset,
			  struct arena *a, struct feedback **out, size_t *n, int64_t *total);
/* Writes state, reason, answer, answered_by, answered_at, published_at,
 * updated_at. Publishing or unpublishing changes the content version (the
 * article page shows published answers). */
int store_feedback_update(struct store *st, const struct feedback *f);
/* Submissions since `since` by client_hash (NULL = the whole site). */
int store_feedback_count_since(struct store *st, int64_t site_id, const char *client_hash, int64_t since,
			       int64_t *count);
/* True when the same content_hash was submitted to the site since `since`. */
int store_feedback_duplicate(struct store *st, int64_t site_id, const char *content_hash, int64_t since,
			     bool *dup);
/* Erases name, address, email and phone (and forgets the attachment name,
 * returned in *files for the caller to delete from disk) of items that are
 * closed (published, declined or spam) and were last updated before
 * `before`. */
int store_feedback_erase_contacts(struct store *st, int64_t site_id, int64_t before, struct arena *a,
				  const char ***files, size_t *nfiles);
/* Counts per state for the moderation queue's tabs (index = state). */
int store_feedback_counts(struct store *st, int64_t site_id, int64_t counts[5]);

/* Days after which closed items lose their contact details; 0 = keep. */
int store_site_retention(struct store *st, int64_t site_id, int *days);
int store_site_set_retention(struct store *st, int64_t site_id, int days);

#endif
