/* store_sqlite_consult.c — draft consultation (store_consult.h) in the
 * SQLite backend: drafts and their phase lists, comments, the moderation
 * queue, and the counts behind rate limits and the duplicate check.
 * Schema: migration 6.
 *
 * How it is built: as store_sqlite_feedback.c — every statement written
 * once in the `cs_sql` table with bound parameters, prepared on first use
 * into this file's slot of the connection (struct sq_consult), freed with
 * the connection. Every query names its site.
 *
 * A draft's phase is a range of the clock the caller passes (?2 = now):
 * upcoming opens_at > now, open opens_at <= now < closes_at, closed
 * closes_at <= now; each list has the index that serves its order. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/arena.h"
#include "core/status.h"
#include "store/store_consult.h"
#include "store/store_sqliteInt.h"

enum cs_id {
	D_INSERT,
	D_UPDATE,
	D_GET,
	/* by enum draft_when: + 0 upcoming, + 1 open, + 2 closed, + 3 any */
	D_LIST_UPCOMING,
	D_LIST_OPEN,
	D_LIST_CLOSED,
	D_LIST_ANY,
	D_COUNT_UPCOMING,
	D_COUNT_OPEN,
	D_COUNT_CLOSED,
	D_COUNT_ANY,
	D_DELETE,
	C_INSERT,
	C_GET,
	C_BY_CODE,
	/* + 0 one state, + 1 open (all but spam); then the same for one draft */
	C_LIST_STATE,
	C_LIST_OPEN,
	C_LIST_STATE_DRAFT,
	C_LIST_OPEN_DRAFT,
	C_COUNT_STATE,
	C_COUNT_OPEN,
	C_COUNT_STATE_DRAFT,
	C_COUNT_OPEN_DRAFT,
	C_PUBLIC,
	C_PUBLIC_COUNT,
	C_UPDATE,
	C_SINCE_CLIENT,
	C_SINCE_SITE,
	C_DUPLICATE,
	C_COUNTS_SITE,
	C_COUNTS_DRAFT,
	C_ERASE,
	CS_COUNT
};

/* struct draft's columns in read_draft's order, with the comment counts. */
#define D_SELECT                                                                                         \
	"SELECT d.id, d.site_id, d.title, d.slug, d.drafting_body, d.summary_html, d.opens_at, d.closes_at, " \
	"d.report_html, d.report_at, d.created_at, d.updated_at, "                                           \
	"(SELECT count(*) FROM draft_comments c WHERE c.draft_id = d.id AND c.state = 1), "                  \
	"(SELECT count(*) FROM draft_comments c WHERE c.draft_id = d.id AND c.state IN (0, 1, 2)) "          \
	"FROM drafts d "
/* Phase lists: ?1 site, ?2 now, ?3 limit, ?4 offset. */
#define W_UPCOMING "WHERE d.site_id = ?1 AND d.opens_at > ?2 "
#define W_OPEN "WHERE d.site_id = ?1 AND d.opens_at <= ?2 AND d.closes_at > ?2 "
#define W_CLOSED "WHERE d.site_id = ?1 AND d.closes_at <= ?2 "
#define W_ANY "WHERE d.site_id = ?1 AND ?2 = ?2 "
#define D_PAGE "LIMIT ?3 OFFSET ?4"
#define D_COUNT_FROM "SELECT count(*) FROM drafts d "

/* struct draft_comment's columns in read_comment's order; `contacts` is
 * "c.email, c.phone" or "'', ''", `client` c.client_hash or ''. */
#define C_COLUMNS(contacts, client)                                                                  \
	"SELECT c.id, c.site_id, c.draft_id, d.title, c.code, c.name, c.organisation, " contacts ", "   \
	"c.section, c.content, " client ", c.content_hash, c.state, c.reason, "                          \
	"COALESCE(c.moderated_by, 0), COALESCE(NULLIF(u.name, ''), u.login, ''), c.created_at, "        \
	"c.moderated_at, c.published_at "                                                               \
	"FROM draft_comments c JOIN drafts d ON d.id = c.draft_id LEFT JOIN users u ON u.id = c.moderated_by "
#define C_SELECT C_COLUMNS("c.email, c.phone", "c.client_hash")
#define C_SELECT_PUBLIC C_COLUMNS("'', ''", "''")
/* Queue: ?1 site, ?2 state (-1 open), ?3 draft, ?4 limit, ?5 offset. */
#define WC_STATE "WHERE c.site_id = ?1 AND c.state = ?2 "
#define WC_OPEN "WHERE c.site_id = ?1 AND c.state IN (0, 1, 2) AND ?2 < 0 "
#define WC_ANY "AND ?3 = 0 "
#define WC_DRAFT "AND c.draft_id = ?3 "
#define C_ORDER "ORDER BY c.created_at DESC, c.id DESC LIMIT ?4 OFFSET ?5"
#define C_COUNT_FROM "SELECT count(*) FROM draft_comments c "

static const char *const cs_sql[CS_COUNT] = {
	[D_INSERT] = "INSERT INTO drafts (site_id, title, slug, drafting_body, summary_html, opens_at, closes_at, "
		     "report_html, report_at, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	[D_UPDATE] = "UPDATE drafts SET title = ?3, slug = ?4, drafting_body = ?5, summary_html = ?6, opens_at = ?7, "
		     "closes_at = ?8, report_html = ?9, report_at = ?10, updated_at = ?11 WHERE id = ?1 AND site_id = ?2",
	[D_GET] = D_SELECT "WHERE d.site_id = ?1 AND d.id = ?2",
	[D_LIST_UPCOMING] = D_SELECT W_UPCOMING "ORDER BY d.opens_at, d.id " D_PAGE,
	[D_LIST_OPEN] = D_SELECT W_OPEN "ORDER BY d.closes_at, d.id " D_PAGE,
	[D_LIST_CLOSED] = D_SELECT W_CLOSED "ORDER BY d.closes_at DESC, d.id DESC " D_PAGE,
	[D_LIST_ANY] = D_SELECT W_ANY "ORDER BY d.created_at DESC, d.id DESC " D_PAGE,
	[D_COUNT_UPCOMING] = D_COUNT_FROM W_UPCOMING,
	[D_COUNT_OPEN] = D_COUNT_FROM W_OPEN,
	[D_COUNT_CLOSED] = D_COUNT_FROM W_CLOSED,
	[D_COUNT_ANY] = D_COUNT_FROM W_ANY,
	[D_DELETE] = "DELETE FROM drafts WHERE id = ?2 AND site_id = ?1",

	/* The draft must belong to the comment's site; otherwise nothing is
	 * inserted (the caller hears LOA_INVALID). */
	[C_INSERT] = "INSERT INTO draft_comments (site_id, draft_id, code, name, organisation, email, phone, section, "
		     "content, client_hash, content_hash, state, reason, moderated_by, moderated_at, published_at, "
		     "created_at) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17 "
		     "WHERE EXISTS (SELECT 1 FROM drafts WHERE id = ?2 AND site_id = ?1)",
	[C_GET] = C_SELECT "WHERE c.site_id = ?1 AND c.id = ?2",
	/* code is COLLATE NOCASE: any case finds it, through UNIQUE (site_id, code) */
	[C_BY_CODE] = C_SELECT "WHERE c.site_id = ?1 AND c.code = ?2",
	[C_LIST_STATE] = C_SELECT WC_STATE WC_ANY C_ORDER,
	[C_LIST_OPEN] = C_SELECT WC_OPEN WC_ANY C_ORDER,
	[C_LIST_STATE_DRAFT] = C_SELECT WC_STATE WC_DRAFT C_ORDER,
	[C_LIST_OPEN_DRAFT] = C_SELECT WC_OPEN WC_DRAFT C_ORDER,
	[C_COUNT_STATE] = C_COUNT_FROM WC_STATE WC_ANY,
	[C_COUNT_OPEN] = C_COUNT_FROM WC_OPEN WC_ANY,
	[C_COUNT_STATE_DRAFT] = C_COUNT_FROM WC_STATE WC_DRAFT,
	[C_COUNT_OPEN_DRAFT] = C_COUNT_FROM WC_OPEN WC_DRAFT,
	/* ?1 site, ?2 draft, ?3 limit, ?4 offset; 1 = CM_PUBLISHED. */
	[C_PUBLIC] = C_SELECT_PUBLIC "WHERE c.site_id = ?1 AND c.draft_id = ?2 AND c.state = 1 "
				     "ORDER BY c.published_at, c.id LIMIT ?3 OFFSET ?4",
	[C_PUBLIC_COUNT] = C_COUNT_FROM "WHERE c.site_id = ?1 AND c.draft_id = ?2 AND c.state = 1",
	[C_UPDATE] = "UPDATE draft_comments SET state = ?3, reason = ?4, moderated_by = ?5, moderated_at = ?6, "
		     "published_at = ?7 WHERE id = ?1 AND site_id = ?2",
	[C_SINCE_CLIENT] = "SELECT count(*) FROM draft_comments WHERE site_id = ?1 AND client_hash = ?2 AND created_at >= ?3",
	/* Every state listed, so the queue index answers with one range each. */
	[C_SINCE_SITE] = "SELECT count(*) FROM draft_comments WHERE site_id = ?1 AND state IN (0, 1, 2, 3) "
			 "AND created_at >= ?2",
	[C_DUPLICATE] = "SELECT 1 FROM draft_comments WHERE site_id = ?1 AND content_hash = ?2 AND created_at >= ?3 LIMIT 1",
	[C_COUNTS_SITE] = "SELECT state, count(*) FROM draft_comments WHERE site_id = ?1 AND ?2 = 0 GROUP BY state",
	[C_COUNTS_DRAFT] = "SELECT state, count(*) FROM draft_comments WHERE site_id = ?1 AND draft_id = ?2 GROUP BY state",
	/* ?1 site, ?2 before. Moderated (1 published, 2 declined, 3 spam), the
	 * draft closed and the last decision taken before ?2, something left
	 * to erase; a published comment keeps the name and organisation its
	 * public record shows. */
	[C_ERASE] = "UPDATE draft_comments SET email = '', phone = '', client_hash = '', "
		    "name = CASE WHEN state = 1 THEN name ELSE '' END, "
		    "organisation = CASE WHEN state = 1 THEN organisation ELSE '' END "
		    "WHERE site_id = ?1 AND state IN (1, 2, 3) AND max(created_at, moderated_at) < ?2 "
		    "AND draft_id IN (SELECT id FROM drafts WHERE site_id = ?1 AND closes_at < ?2) "
		    "AND (email <> '' OR phone <> '' OR client_hash <> '' OR "
		    "(state <> 1 AND (name <> '' OR organisation <> '')))",
};

struct sq_consult {
	sqlite3_stmt *stmt[CS_COUNT];
};

void sq_consult_free(struct sq_consult *c)
{
	if (!c)
		return;
	for (int i = 0; i < CS_COUNT; i++)
		sqlite3_finalize(c->stmt[i]);
	free(c);
}

/* This file's statement table, made on first use. */
static struct sq_table cs(struct sq *s)
{
	if (!s->consult) {
		s->consult = calloc(1, sizeof *s->consult);
		if (!s->consult)
			abort();
	}
	return (struct sq_table){s->consult->stmt, cs_sql};
}

/* ---- drafts ---- */

static void read_draft(sqlite3_stmt *stmt, struct arena *a, void *p)
{
	struct draft *d = p;
	d->id = sqlite3_column_int64(stmt, 0);
	d->site_id = sqlite3_column_int64(stmt, 1);
	d->title = sq_col_text(stmt, 2, a);
	d->slug = sq_col_text(stmt, 3, a);
	d->drafting_body = sq_col_text(stmt, 4, a);
	d->summary_html = sq_col_text(stmt, 5, a);
	d->opens_at = sqlite3_column_int64(stmt, 6);
	d->closes_at = sqlite3_column_int64(stmt, 7);
	d->report_html = sq_col_text(stmt, 8, a);
	d->report_at = sqlite3_column_int64(stmt, 9);
	d->created_at = sqlite3_column_int64(stmt, 10);
	d->updated_at = sqlite3_column_int64(stmt, 11);
	d->comments = sqlite3_column_int64(stmt, 12);
	d->comments_all = sqlite3_column_int64(stmt, 13);
}

static int sq_draft_save(struct store *st, const struct draft *d, int64_t *id)
{
	struct sq *s = sq_of(st);
	if (d->closes_at <= d->opens_at || !d->title || !d->slug || !d->drafting_body || !d->summary_html ||
	    !d->report_html || store_blank(d->title))
		return LOA_INVALID;
	int64_t now = sq_now();
	int64_t updated = d->updated_at ? d->updated_at : now;
	if (d->id) {
		int status = sq_table_change(s, cs(s), D_UPDATE, "iittttiitii", d->id, d->site_id, d->title, d->slug, d->drafting_body,
				       d->summary_html, d->opens_at, d->closes_at, d->report_html, d->report_at, updated);
		if (status == LOA_OK && id)
			*id = d->id;
		return status;
	}
	int status = sq_table_change(s, cs(s), D_INSERT, "ittttiitiii", d->site_id, d->title, d->slug, d->drafting_body,
			       d->summary_html, d->opens_at, d->closes_at, d->report_html, d->report_at,
			       d->created_at ? d->created_at : now, updated);
	if (status == LOA_OK && id)
		*id = sqlite3_last_insert_rowid(s->db);
	return status;
}

static int sq_draft_get(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct draft *out)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = sq_table_bound(s, cs(s), D_GET, &status, "ii", site_id, id);
	return stmt ? sq_collect_one(s, stmt, read_draft, a, out) : status;
}

/* LOA_INVALID for a `when` outside enum draft_when. */
static int sq_draft_list(struct store *st, const struct draft_query *q, struct arena *a, struct draft **out,
			 size_t *n, int64_t *total)
{
	struct sq *s = sq_of(st);
	*out = NULL;
	*n = 0;
	if (q->when < DRAFT_ANY || q->when > DRAFT_CLOSED)
		return LOA_INVALID;
	int variant = q->when == DRAFT_ANY ? 3 : q->when;
	int status;
	sqlite3_stmt *stmt = sq_table_bound(s, cs(s), D_LIST_UPCOMING + variant, &status, "iidd", q->site_id, q->now,
				      sq_limit(q->limit), sq_offset(q->offset));
	if (!stmt)
		return status;
	status = sq_collect(s, stmt, read_draft, sizeof **out, a, (void **)out, n);
	if (status != LOA_OK || !total)
		return status;
	status = sq_table_i64(s, cs(s), D_COUNT_UPCOMING + variant, total, "ii", q->site_id, q->now);
	return status == LOA_NOTFOUND ? LOA_ERROR : status;
}

static int sq_draft_counts(struct store *st, int64_t site_id, int64_t now, int64_t counts[3])
{
	struct sq *s = sq_of(st);
	for (int w = DRAFT_UPCOMING; w <= DRAFT_CLOSED; w++) {
		counts[w] = 0;
		int status = sq_table_i64(s, cs(s), D_COUNT_UPCOMING + w, &counts[w], "ii", site_id, now);
		if (status != LOA_OK)
			return status == LOA_NOTFOUND ? LOA_ERROR : status;
	}
	return LOA_OK;
}

static int sq_draft_delete(struct store *st, int64_t site_id, int64_t id)
{
	return sq_table_change(sq_of(st), cs(sq_of(st)), D_DELETE, "ii", site_id, id);
}

/* ---- comments ---- */

static bool state_valid(int state)
{
	return state >= CM_NEW && state <= CM_SPAM;
}

static void read_comment(sqlite3_stmt *stmt, struct arena *a, void *p)
{
	struct draft_comment *c = p;
	c->id = sqlite3_column_int64(stmt, 0);
	c->site_id = sqlite3_column_int64(stmt, 1);
	c->draft_id = sqlite3_column_int64(stmt, 2);
	c->draft_title = sq_col_text(stmt, 3, a);
	c->code = sq_col_text(stmt, 4, a);
	c->name = sq_col_text(stmt, 5, a);
	c->organisation = sq_col_text(stmt, 6, a);
	c->email = sq_col_text(stmt, 7, a);
	c->phone = sq_col_text(stmt, 8, a);
	c->section = sq_col_text(stmt, 9, a);
	c->content = sq_col_text(stmt, 10, a);
	c->client_hash = sq_col_text(stmt, 11, a);
	c->content_hash = sq_col_text(stmt, 12, a);
	c->state = sqlite3_column_int(stmt, 13);
	c->reason = sq_col_text(stmt, 14, a);
	c->moderated_by = sqlite3_column_int64(stmt, 15);
	c->moderated_by_name = sq_col_text(stmt, 16, a);
	c->created_at = sqlite3_column_int64(stmt, 17);
	c->moderated_at = sqlite3_column_int64(stmt, 18);
	c->published_at = sqlite3_column_int64(stmt, 19);
}

/* A single INSERT: outside a transaction it commits (synchronous=FULL: to
 * disk) before this returns. created_at 0 means now. */
static int sq_comment_add(struct store *st, const struct draft_comment *c, int64_t *id)
{
	struct sq *s = sq_of(st);
	if (store_blank(c->code) || !state_valid(c->state) || c->draft_id <= 0)
		return LOA_INVALID;
	int status = sq_table_change(s, cs(s), C_INSERT, "iitttttttttdtpiii", c->site_id, c->draft_id, c->code, c->name,
			       c->organisation, c->email, c->phone, c->section, c->content, c->client_hash,
			       c->content_hash, c->state, c->reason, c->moderated_by, c->moderated_at, c->published_at,
			       c->created_at ? c->created_at : sq_now());
	if (status == LOA_NOTFOUND)
		return LOA_INVALID;
	if (status == LOA_OK && id)
		*id = sqlite3_last_insert_rowid(s->db);
	return status;
}

static int sq_comment_get(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct draft_comment *out)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = sq_table_bound(s, cs(s), C_GET, &status, "ii", site_id, id);
	return stmt ? sq_collect_one(s, stmt, read_comment, a, out) : status;
}

static int sq_comment_by_code(struct store *st, int64_t site_id, const char *code, struct arena *a,
			      struct draft_comment *out)
{
	struct sq *s = sq_of(st);
	if (store_blank(code))
		return LOA_NOTFOUND;
	int status;
	sqlite3_stmt *stmt = sq_table_bound(s, cs(s), C_BY_CODE, &status, "it", site_id, code);
	return stmt ? sq_collect_one(s, stmt, read_comment, a, out) : status;
}

/* Runs a bound list statement, then (when total is wanted) its count. */
static int list_and_count(struct sq *s, sqlite3_stmt *list, enum cs_id count_id, const char *types, int64_t p1,
			  int64_t p2, int64_t p3, struct arena *a, struct draft_comment **out, size_t *n,
			  int64_t *total)
{
	int status = sq_collect(s, list, read_comment, sizeof **out, a, (void **)out, n);
	if (status != LOA_OK || !total)
		return status;
	*total = 0;
	status = strlen(types) == 3 ? sq_table_i64(s, cs(s), count_id, total, types, p1, p2, p3)
				    : sq_table_i64(s, cs(s), count_id, total, types, p1, p2);
	return status == LOA_NOTFOUND ? LOA_ERROR : status;
}

static int sq_comment_list(struct store *st, const struct comment_filter *f, struct arena *a,
			   struct draft_comment **out, size_t *n, int64_t *total)
{
	struct sq *s = sq_of(st);
	*out = NULL;
	*n = 0;
	if (f->state != -1 && !state_valid(f->state))
		return LOA_INVALID;
	int variant = (f->state < 0 ? 1 : 0) + (f->draft_id ? 2 : 0);
	int status;
	sqlite3_stmt *stmt = sq_table_bound(s, cs(s), C_LIST_STATE + variant, &status, "iiidd", f->site_id, (int64_t)f->state,
				      f->draft_id, sq_limit(f->limit), sq_offset(f->offset));
	if (!stmt)
		return status;
	return list_and_count(s, stmt, C_COUNT_STATE + variant, "iii", f->site_id, f->state, f->draft_id, a, out, n,
			      total);
}

static int sq_comment_public(struct store *st, int64_t site_id, int64_t draft_id, int limit, int offset,
			     struct arena *a, struct draft_comment **out, size_t *n, int64_t *total)
{
	struct sq *s = sq_of(st);
	*out = NULL;
	*n = 0;
	int status;
	sqlite3_stmt *stmt = sq_table_bound(s, cs(s), C_PUBLIC, &status, "iidd", site_id, draft_id, sq_limit(limit),
				      sq_offset(offset));
	if (!stmt)
		return status;
	return list_and_count(s, stmt, C_PUBLIC_COUNT, "ii", site_id, draft_id, 0, a, out, n, total);
}

static int sq_comment_update(struct store *st, const struct draft_comment *c)
{
	if (!state_valid(c->state))
		return LOA_INVALID;
	return sq_table_change(sq_of(st), cs(sq_of(st)), C_UPDATE, "iidtpii", c->id, c->site_id, c->state, c->reason, c->moderated_by,
			 c->moderated_at, c->published_at);
}

static int sq_comment_count_since(struct store *st, int64_t site_id, const char *client_hash, int64_t since,
				  int64_t *count)
{
	struct sq *s = sq_of(st);
	*count = 0;
	int status = client_hash ? sq_table_i64(s, cs(s), C_SINCE_CLIENT, count, "iti", site_id, client_hash, since)
				 : sq_table_i64(s, cs(s), C_SINCE_SITE, count, "ii", site_id, since);
	return status == LOA_NOTFOUND ? LOA_ERROR : status;
}

/* A blank hash is never a duplicate: it means "not computed". */
static int sq_comment_duplicate(struct store *st, int64_t site_id, const char *content_hash, int64_t since,
				bool *dup)
{
	struct sq *s = sq_of(st);
	*dup = false;
	if (store_blank(content_hash))
		return LOA_OK;
	int64_t one = 0;
	int status = sq_table_i64(s, cs(s), C_DUPLICATE, &one, "iti", site_id, content_hash, since);
	if (status == LOA_OK)
		*dup = true;
	return status == LOA_NOTFOUND ? LOA_OK : status;
}

static int sq_comment_counts(struct store *st, int64_t site_id, int64_t draft_id, int64_t counts[4])
{
	struct sq *s = sq_of(st);
	for (int i = 0; i < 4; i++)
		counts[i] = 0;
	int status;
	sqlite3_stmt *stmt = sq_table_bound(s, cs(s), draft_id ? C_COUNTS_DRAFT : C_COUNTS_SITE, &status, "ii", site_id, draft_id);
	if (!stmt)
		return status;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		int state = sqlite3_column_int(stmt, 0);
		if (state_valid(state))
			counts[state] = sqlite3_column_int64(stmt, 1);
	}
	sq_stmt_done(stmt);
	return sq_status(s, rc);
}

static int sq_comment_erase_contacts(struct store *st, int64_t site_id, int64_t before, int64_t *erased)
{
	struct sq *s = sq_of(st);
	int status = sq_table_change(s, cs(s), C_ERASE, "ii", site_id, before);
	if (erased)
		*erased = status == LOA_OK ? sqlite3_changes(s->db) : 0;
	return status == LOA_NOTFOUND ? LOA_OK : status;
}

const struct store_consult_ops sq_consult_ops = {
	.draft_save = sq_draft_save,
	.draft_get = sq_draft_get,
	.draft_list = sq_draft_list,
	.draft_counts = sq_draft_counts,
	.draft_delete = sq_draft_delete,
	.comment_add = sq_comment_add,
	.comment_get = sq_comment_get,
	.comment_by_code = sq_comment_by_code,
	.comment_list = sq_comment_list,
	.comment_public = sq_comment_public,
	.comment_update = sq_comment_update,
	.comment_count_since = sq_comment_count_since,
	.comment_duplicate = sq_comment_duplicate,
	.comment_counts = sq_comment_counts,
	.comment_erase_contacts = sq_comment_erase_contacts,
};
