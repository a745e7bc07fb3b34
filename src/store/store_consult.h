/* store_consult.h — the storage contract of "Lấy ý kiến dự thảo": drafts
 * put out for public comment (dự thảo), the comments citizens and
 * organisations send while a draft is open, their moderation, and the
 * drafting body's summary report after closing. Same rules as store.h:
 * arena-owned results, LOA_* statuses, every query names its site.
 *
 * The backend stores and finds; the rules (what phase a draft is in at a
 * given time, slugs, what is valid, the Vietnamese messages) belong to the
 * consult domain (src/consult/consult.h) above it. The one rule kept here
 * too, as a constraint, is that a draft closes after it opens.
 *
 * Durability: store_consult_comment_add returns only after the row is
 * committed (SQLite synchronous=FULL), so a sender is thanked only for
 * what a crash cannot lose. */
#ifndef LOA_STORE_CONSULT_H
#define LOA_STORE_CONSULT_H

#include "store/store.h"

struct draft {
	int64_t id, site_id;
	const char *title, *slug;
	const char *drafting_body;     /* cơ quan chủ trì soạn thảo */
	const char *summary_html;      /* sanitized rich text */
	int64_t opens_at, closes_at;   /* Unix seconds; closes_at > opens_at */
	const char *report_html;       /* báo cáo tổng hợp, tiếp thu, giải trình (sanitized), or "" */
	int64_t report_at;             /* when the report was attached, 0 = none */
	int64_t created_at, updated_at;
	int64_t comments;              /* on read: published comments */
	int64_t comments_all;          /* on read: every comment but spam */
};

/* Which drafts a list holds, by their phase at `now`. */
enum draft_when {
	DRAFT_ANY = -1,
	DRAFT_UPCOMING = 0,  /* opens_at > now; soonest first */
	DRAFT_OPEN = 1,      /* opens_at <= now < closes_at; closing soonest first */
	DRAFT_CLOSED = 2     /* closes_at <= now; closed last first */
};

struct draft_query {
	int64_t site_id;
	int when;            /* enum draft_when; DRAFT_ANY is newest created first */
	int64_t now;
	int limit, offset;   /* limit <= 0: no limit */
};

/* Inserts (d->id == 0, *id set) or updates every field of draft d->id.
 * LOA_INVALID when closes_at <= opens_at or a text is NULL; LOA_NOTFOUND
 * for an update of a draft not in the site. created_at/updated_at 0 mean
 * now. */
int store_draft_save(struct store *st, const struct draft *d, int64_t *id);
int store_draft_get(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct draft *out);
/* *total (may be NULL) counts every match. */
int store_draft_list(struct store *st, const struct draft_query *q, struct arena *a, struct draft **out, size_t *n,
		     int64_t *total);
/* Drafts per phase at `now` (index = enum draft_when). */
int store_draft_counts(struct store *st, int64_t site_id, int64_t now, int64_t counts[3]);
/* Deletes the draft and its comments. LOA_NOTFOUND when not in the site. */
int store_draft_delete(struct store *st, int64_t site_id, int64_t id);

enum comment_state {
	CM_NEW = 0,        /* received, waiting for a moderator */
	CM_PUBLISHED = 1,  /* shown on the draft's page */
	CM_DECLINED = 2,   /* not shown, with a reason */
	CM_SPAM = 3        /* judged spam (kept; a moderator can restore it) */
};

struct draft_comment {
	int64_t id, site_id, draft_id;
	const char *draft_title;       /* joined on read */
	const char *code;              /* tracking code, unique per site */
	const char *name;              /* shown publicly */
	const char *organisation;      /* shown publicly, "" = a citizen */
	const char *email, *phone;     /* never shown publicly */
	const char *section;           /* the article/section commented on ("Điều 5"), or "" */
	const char *content;           /* plain text */
	const char *client_hash;       /* keyed hash of the sender's address (rate limits) */
	const char *content_hash;      /* hash of the normalized text (duplicates) */
	int state;                     /* enum comment_state */
	const char *reason;            /* decline reason or spam verdict */
	int64_t moderated_by;          /* user id, 0 = none */
	const char *moderated_by_name; /* joined on read */
	int64_t created_at, moderated_at, published_at;
};

/* Inserts and commits; sets *id. LOA_CONFLICT when the code is taken (the
 * caller draws another); LOA_INVALID when the draft is not in the site or
 * the state is unknown. Does not look at the clock: whether the draft is
 * open is the caller's rule. */
int store_comment_add(struct store *st, const struct draft_comment *c, int64_t *id);
int store_comment_get(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct draft_comment *out);
/* By tracking code, compared case-insensitively; LOA_NOTFOUND when the
 * site has none. Every field is read, contacts too: what a public page
 * may show is the caller's choice. */
int store_comment_by_code(struct store *st, int64_t site_id, const char *code, struct arena *a,
			  struct draft_comment *out);

struct comment_filter {
	int64_t site_id;
	int64_t draft_id;    /* 0 = every draft */
	int state;           /* -1 = every state but spam; else that state */
	int limit, offset;
};
/* Newest first. *total (may be NULL) counts every match. */
int store_comment_list(struct store *st, const struct comment_filter *f, struct arena *a,
		       struct draft_comment **out, size_t *n, int64_t *total);
/* Published comments of a draft, oldest published first (a public record
 * reads in order). Email, phone and the client hash come back empty. */
int store_comment_public(struct store *st, int64_t site_id, int64_t draft_id, int limit, int offset,
			 struct arena *a, struct draft_comment **out, size_t *n, int64_t *total);
/* Writes state, reason, moderated_by, moderated_at, published_at.
 * LOA_NOTFOUND when not in the site; LOA_INVALID for an unknown state. */
int store_comment_update(struct store *st, const struct draft_comment *c);
/* Comments since `since` by client_hash (NULL = the whole site). */
int store_comment_count_since(struct store *st, int64_t site_id, const char *client_hash, int64_t since,
			      int64_t *count);
/* True when the same content_hash was sent to the site since `since`. */
int store_comment_duplicate(struct store *st, int64_t site_id, const char *content_hash, int64_t since, bool *dup);
/* Comments per state (index = state) of one draft, or of the site when
 * draft_id is 0. */
int store_comment_counts(struct store *st, int64_t site_id, int64_t draft_id, int64_t counts[4]);
/* The retention sweep: erases the contacts of comments that are no longer
 * waiting for a moderator (published, declined or spam) once both the
 * draft's closing and the comment's moderation (or, never moderated, its
 * sending) are before `before`. Email, phone and the client hash go on
 * every such comment; name and organisation only on those not published,
 * since a published comment shows them on the draft's public record. The
 * content, section, code and dates stay. *erased (may be NULL) counts the
 * comments changed. One statement: all or nothing. */
int store_comment_erase_contacts(struct store *st, int64_t site_id, int64_t before, int64_t *erased);

#endif
