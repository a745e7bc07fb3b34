/* store_sqlite_feedback.c — citizens' feedback and questions
 * (store_feedback.h) in the SQLite backend: submissions, the moderation
 * queue, answers and their publication, the counts behind rate limits and
 * the duplicate check, and the retention sweep that erases contact
 * details. Schema: migration 4.
 *
 * How it is built: as store_sqlite_newsroom.c (store_sqliteInt.h) — every
 * statement written once in the `fb_sql` table with bound parameters,
 * prepared on first use into this file's slot of the connection (struct
 * sq_feedback, made on first use, freed with the connection). Every query
 * names its site.
 *
 * A general question ("Hỏi đáp - Góp ý") has article_id NULL in the table
 * and 0 in struct feedback. Filters on the article come in three variants
 * (any, general, one article) so that each can use its index.
 *
 * Publication is what the public pages show, so the content version
 * changes (by trigger, migration 4) only when an item enters or leaves the
 * published state or a published item's shown text changes; a new
 * submission, a moderator's note or the retention sweep leave page caches
 * alone. */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/arena.h"
#include "core/status.h"
#include "store/store_feedback.h"
#include "store/store_sqliteInt.h"

/* ---- statements ---- */

enum fb_id {
	F_INSERT,
	F_GET,
	F_BY_CODE,
	/* List and count variants are indexed by the article filter:
	 * + 0 any article, + 1 general only, + 2 one article. */
	F_LIST_STATE,
	F_LIST_STATE_GENERAL,
	F_LIST_STATE_ARTICLE,
	F_LIST_OPEN,
	F_LIST_OPEN_GENERAL,
	F_LIST_OPEN_ARTICLE,
	F_COUNT_STATE,
	F_COUNT_STATE_GENERAL,
	F_COUNT_STATE_ARTICLE,
	F_COUNT_OPEN,
	F_COUNT_OPEN_GENERAL,
	F_COUNT_OPEN_ARTICLE,
	F_PUBLIC,
	F_PUBLIC_GENERAL,
	F_PUBLIC_ARTICLE,
	F_PUBLIC_COUNT,
	F_PUBLIC_COUNT_GENERAL,
	F_PUBLIC_COUNT_ARTICLE,
	F_UPDATE,
	F_SINCE_CLIENT,
	F_SINCE_SITE,
	F_DUPLICATE,
	F_ERASE_FILES,
	F_ERASE,
	F_COUNTS,
	F_RETENTION_GET,
	F_RETENTION_SET,
	F_COUNT
};

/* struct feedback's columns in read_feedback's order; `contacts` is the
 * four contact columns (name, address, email, phone) or four '', `client`
 * f.client_hash or ''. The article is joined only within the item's site,
 * its URL built as the public site builds it (site/page.c). */
#define FB_COLUMNS(contacts, client)                                                                  \
	"SELECT f.id, f.site_id, COALESCE(f.article_id, 0), COALESCE(a.title, ''), "                 \
	"CASE WHEN a.id IS NULL THEN '' ELSE '/' || c.slug || '/' || a.slug || '-' || a.id END, "     \
	"f.code, " contacts ", f.title, f.content, f.attachment, f.attachment_mime, "                  \
	"f.attachment_bytes, " client ", f.content_hash, f.state, f.reason, f.answer, "               \
	"COALESCE(f.answered_by, 0), COALESCE(NULLIF(u.name, ''), u.login, ''), f.created_at, "       \
	"f.answered_at, f.published_at, f.updated_at, f.contacts_erased "                             \
	"FROM feedback f LEFT JOIN articles a ON a.id = f.article_id AND a.site_id = f.site_id "       \
	"LEFT JOIN categories c ON c.id = a.category_id LEFT JOIN users u ON u.id = f.answered_by "
#define FB_SELECT FB_COLUMNS("f.name, f.address, f.email, f.phone", "f.client_hash")
/* The public sees the asker's name, as portals print it under a question,
 * and nothing else of them: address, email, phone and the hash of the
 * sender's address come back empty. */
#define FB_SELECT_PUBLIC FB_COLUMNS("f.name, '', '', ''", "''")

/* Moderation lists: ?1 site, ?2 state (-1 open), ?3 article (-1 any,
 * 0 general), ?4 limit, ?5 offset. "Open" is every state but spam; the
 * literal states let the queue index (site_id, state, created_at) serve
 * both forms. The terms on parameters alone (?2 < 0, ?3 = 0) restate the
 * variant's filter and keep every variant's parameters the same. */
#define WHERE_STATE "WHERE f.site_id = ?1 AND f.state = ?2 "
#define WHERE_OPEN "WHERE f.site_id = ?1 AND f.state IN (0, 1, 2, 3) AND ?2 < 0 "
#define AND_ANY "AND ?3 < 0 "
#define AND_GENERAL "AND f.article_id IS NULL AND ?3 = 0 "
#define AND_ARTICLE "AND f.article_id = ?3 "
#define ORDER_QUEUE "ORDER BY f.created_at DESC, f.id DESC LIMIT ?4 OFFSET ?5"
#define COUNT_FROM "SELECT count(*) FROM feedback f "

/* Public lists: ?1 site, ?2 article, ?3 limit, ?4 offset; 2 = FB_PUBLISHED. */
#define WHERE_PUBLIC "WHERE f.site_id = ?1 AND f.state = 2 "
#define PUB_ANY "AND ?2 < 0 "
#define PUB_GENERAL "AND f.article_id IS NULL AND ?2 = 0 "
#define PUB_ARTICLE "AND f.article_id = ?2 "
#define ORDER_PUBLIC "ORDER BY f.published_at DESC, f.id DESC LIMIT ?3 OFFSET ?4"

/* Closed items (published, declined, spam) of site ?1 last updated before
 * ?2 whose contacts are still there; the partial index feedback_to_erase
 * holds exactly the rows not yet erased. */
#define ERASE_WHERE "WHERE site_id = ?1 AND contacts_erased = 0 AND updated_at < ?2 AND state IN (2, 3, 4)"

static const char *const fb_sql[F_COUNT] = {
	/* An article must belong to the item's site; otherwise nothing is
	 * inserted (the caller hears LOA_INVALID). */
	[F_INSERT] = "INSERT INTO feedback (site_id, article_id, code, name, address, email, phone, title, content, "
		     "attachment, attachment_mime, attachment_bytes, client_hash, content_hash, state, reason, answer, "
		     "answered_by, answered_at, published_at, updated_at, created_at, contacts_erased) "
		     "SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "
		     "?20, ?21, ?22, ?23 "
		     "WHERE ?2 IS NULL OR EXISTS (SELECT 1 FROM articles WHERE id = ?2 AND site_id = ?1)",
	[F_GET] = FB_SELECT "WHERE f.site_id = ?1 AND f.id = ?2",
	/* The column's NOCASE collation makes this case-insensitive and lets
	 * the unique index (site_id, code) answer it. */
	[F_BY_CODE] = FB_SELECT "WHERE f.site_id = ?1 AND f.code = ?2",

	[F_LIST_STATE] = FB_SELECT WHERE_STATE AND_ANY ORDER_QUEUE,
	[F_LIST_STATE_GENERAL] = FB_SELECT WHERE_STATE AND_GENERAL ORDER_QUEUE,
	[F_LIST_STATE_ARTICLE] = FB_SELECT WHERE_STATE AND_ARTICLE ORDER_QUEUE,
	[F_LIST_OPEN] = FB_SELECT WHERE_OPEN AND_ANY ORDER_QUEUE,
	[F_LIST_OPEN_GENERAL] = FB_SELECT WHERE_OPEN AND_GENERAL ORDER_QUEUE,
	[F_LIST_OPEN_ARTICLE] = FB_SELECT WHERE_OPEN AND_ARTICLE ORDER_QUEUE,
	[F_COUNT_STATE] = COUNT_FROM WHERE_STATE AND_ANY,
	[F_COUNT_STATE_GENERAL] = COUNT_FROM WHERE_STATE AND_GENERAL,
	[F_COUNT_STATE_ARTICLE] = COUNT_FROM WHERE_STATE AND_ARTICLE,
	[F_COUNT_OPEN] = COUNT_FROM WHERE_OPEN AND_ANY,
	[F_COUNT_OPEN_GENERAL] = COUNT_FROM WHERE_OPEN AND_GENERAL,
	[F_COUNT_OPEN_ARTICLE] = COUNT_FROM WHERE_OPEN AND_ARTICLE,

	[F_PUBLIC] = FB_SELECT_PUBLIC WHERE_PUBLIC PUB_ANY ORDER_PUBLIC,
	[F_PUBLIC_GENERAL] = FB_SELECT_PUBLIC WHERE_PUBLIC PUB_GENERAL ORDER_PUBLIC,
	[F_PUBLIC_ARTICLE] = FB_SELECT_PUBLIC WHERE_PUBLIC PUB_ARTICLE ORDER_PUBLIC,
	[F_PUBLIC_COUNT] = COUNT_FROM WHERE_PUBLIC PUB_ANY,
	[F_PUBLIC_COUNT_GENERAL] = COUNT_FROM WHERE_PUBLIC PUB_GENERAL,
	[F_PUBLIC_COUNT_ARTICLE] = COUNT_FROM WHERE_PUBLIC PUB_ARTICLE,

	[F_UPDATE] = "UPDATE feedback SET state = ?3, reason = ?4, answer = ?5, answered_by = ?6, answered_at = ?7, "
		     "published_at = ?8, updated_at = ?9 WHERE id = ?1 AND site_id = ?2",

	[F_SINCE_CLIENT] = "SELECT count(*) FROM feedback WHERE site_id = ?1 AND client_hash = ?2 AND created_at >= ?3",
	/* Every state, listed so the queue index answers with one range per
	 * state instead of reading the whole site. */
	[F_SINCE_SITE] = "SELECT count(*) FROM feedback WHERE site_id = ?1 AND state IN (0, 1, 2, 3, 4) "
			 "AND created_at >= ?2",
	[F_DUPLICATE] = "SELECT 1 FROM feedback WHERE site_id = ?1 AND content_hash = ?2 AND created_at >= ?3 LIMIT 1",

	[F_ERASE_FILES] = "SELECT attachment FROM feedback " ERASE_WHERE " AND attachment <> '' ORDER BY id",
	/* updated_at is kept: erasing is not an editorial change. */
	[F_ERASE] = "UPDATE feedback SET name = '', address = '', email = '', phone = '', attachment = '', "
		    "attachment_mime = '', attachment_bytes = 0, contacts_erased = 1 " ERASE_WHERE,

	[F_COUNTS] = "SELECT state, count(*) FROM feedback WHERE site_id = ?1 GROUP BY state",

	[F_RETENTION_GET] = "SELECT feedback_retention_days FROM sites WHERE id = ?1",
	[F_RETENTION_SET] = "UPDATE sites SET feedback_retention_days = ?2 WHERE id = ?1",
};

/* This file's slot of the connection. */
struct sq_feedback {
	sqlite3_stmt *stmt[F_COUNT];
};

void sq_feedback_free(struct sq_feedback *fb)
{
	if (!fb)
		return;
	for (int i = 0; i < F_COUNT; i++)
		sqlite3_finalize(fb->stmt[i]);
	free(fb);
}

static sqlite3_stmt *fb_get(struct sq *s, enum fb_id id)
{
	if (!s->feedback) {
		s->feedback = calloc(1, sizeof *s->feedback);
		if (!s->feedback)
			abort();
	}
	return sq_prepare(s, &s->feedback->stmt[id], fb_sql[id]);
}

/* Statement `id` with its parameters bound (sq_bind_v), or NULL with
 * *status set. */
static sqlite3_stmt *fb_bound(struct sq *s, enum fb_id id, int *status, const char *types, ...)
{
	sqlite3_stmt *stmt = fb_get(s, id);
	va_list ap;
	va_start(ap, types);
	*status = sq_bind_checked(s, stmt, types, ap);
	va_end(ap);
	return *status == LOA_OK ? stmt : NULL;
}

/* Binds and runs statement `id` that returns no rows. */
static int fb_exec(struct sq *s, enum fb_id id, const char *types, ...)
{
	sqlite3_stmt *stmt = fb_get(s, id);
	va_list ap;
	va_start(ap, types);
	int status = sq_bind_checked(s, stmt, types, ap);
	va_end(ap);
	return status == LOA_OK ? sq_run(s, stmt) : status;
}

/* Binds and runs query `id` for one integer (sq_one_i64). */
static int fb_query_i64(struct sq *s, int64_t *out, enum fb_id id, const char *types, ...)
{
	sqlite3_stmt *stmt = fb_get(s, id);
	va_list ap;
	va_start(ap, types);
	int status = sq_bind_checked(s, stmt, types, ap);
	va_end(ap);
	return status == LOA_OK ? sq_one_i64(s, stmt, out) : status;
}

/* SQLite's LIMIT for "no limit" when limit <= 0. */
static int page_limit(int limit)
{
	return limit > 0 ? limit : -1;
}

static int page_offset(int offset)
{
	return offset > 0 ? offset : 0;
}

static bool state_valid(int state)
{
	return state >= FB_NEW && state <= FB_SPAM;
}

/* The variant offset (0 any, 1 general, 2 one article) of an article
 * filter as feedback_filter defines it. */
static int article_variant(int64_t article_id)
{
	return article_id < 0 ? 0 : article_id == 0 ? 1 : 2;
}

/* ---- rows ---- */

static void read_feedback(sqlite3_stmt *stmt, struct arena *a, void *p)
{
	struct feedback *o = p;
	o->id = sqlite3_column_int64(stmt, 0);
	o->site_id = sqlite3_column_int64(stmt, 1);
	o->article_id = sqlite3_column_int64(stmt, 2);
	o->article_title = sq_col_text(stmt, 3, a);
	o->article_url = sq_col_text(stmt, 4, a);
	o->code = sq_col_text(stmt, 5, a);
	o->name = sq_col_text(stmt, 6, a);
	o->address = sq_col_text(stmt, 7, a);
	o->email = sq_col_text(stmt, 8, a);
	o->phone = sq_col_text(stmt, 9, a);
	o->title = sq_col_text(stmt, 10, a);
	o->content = sq_col_text(stmt, 11, a);
	o->attachment = sq_col_text(stmt, 12, a);
	o->attachment_mime = sq_col_text(stmt, 13, a);
	o->attachment_bytes = sqlite3_column_int64(stmt, 14);
	o->client_hash = sq_col_text(stmt, 15, a);
	o->content_hash = sq_col_text(stmt, 16, a);
	o->state = sqlite3_column_int(stmt, 17);
	o->reason = sq_col_text(stmt, 18, a);
	o->answer = sq_col_text(stmt, 19, a);
	o->answered_by = sqlite3_column_int64(stmt, 20);
	o->answered_by_name = sq_col_text(stmt, 21, a);
	o->created_at = sqlite3_column_int64(stmt, 22);
	o->answered_at = sqlite3_column_int64(stmt, 23);
	o->published_at = sqlite3_column_int64(stmt, 24);
	o->updated_at = sqlite3_column_int64(stmt, 25);
	o->contacts_erased = sqlite3_column_int(stmt, 26) != 0;
}

static void read_text(sqlite3_stmt *stmt, struct arena *a, void *p)
{
	*(const char **)p = sq_col_text(stmt, 0, a);
}

/* Runs a bound list statement, then (when total is wanted) its count
 * statement bound with the same filter. */
static int list_and_count(struct sq *s, sqlite3_stmt *list, enum fb_id count_id, int64_t site_id, int64_t a2,
			  int64_t a3, bool three, struct arena *a, struct feedback **out, size_t *n, int64_t *total)
{
	int status = sq_collect(s, list, read_feedback, sizeof **out, a, (void **)out, n);
	if (status != LOA_OK || !total)
		return status;
	*total = 0;
	status = three ? fb_query_i64(s, total, count_id, "iii", site_id, a2, a3)
		       : fb_query_i64(s, total, count_id, "ii", site_id, a2);
	return status == LOA_NOTFOUND ? LOA_ERROR : status;
}

/* ---- operations ---- */

/* A single INSERT: outside a transaction it is its own, committed (with
 * synchronous=FULL, to disk) before this returns; inside store_begin() it
 * commits with the caller's transaction, and a failure undoes only itself
 * (SQLite's statement journal). created_at 0 means now; updated_at 0 means
 * created_at. LOA_INVALID for a blank code, an unknown state, a missing
 * site or user, or an article not in the site. */
static int sq_feedback_add(struct store *st, const struct feedback *f, int64_t *id)
{
	struct sq *s = sq_of(st);
	if (store_blank(f->code) || !state_valid(f->state) || f->article_id < 0 || f->attachment_bytes < 0)
		return LOA_INVALID;
	int64_t created = f->created_at ? f->created_at : sq_now();
	int64_t updated = f->updated_at ? f->updated_at : created;
	int status = fb_exec(s, F_INSERT, "iptttttttttittdttpiiiid", f->site_id, f->article_id, f->code, f->name,
			     f->address, f->email, f->phone, f->title, f->content, f->attachment, f->attachment_mime,
			     f->attachment_bytes, f->client_hash, f->content_hash, f->state, f->reason, f->answer,
			     f->answered_by, f->answered_at, f->published_at, updated, created,
			     (int)f->contacts_erased);
	if (status == LOA_OK && sqlite3_changes(s->db) == 0)
		status = LOA_INVALID;
	if (status == LOA_OK && id)
		*id = sqlite3_last_insert_rowid(s->db);
	return status;
}

static int sq_feedback_get(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct feedback *out)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = fb_bound(s, F_GET, &status, "ii", site_id, id);
	return stmt ? sq_collect_one(s, stmt, read_feedback, a, out) : status;
}

static int sq_feedback_by_code(struct store *st, int64_t site_id, const char *code, struct arena *a,
			       struct feedback *out)
{
	struct sq *s = sq_of(st);
	if (store_blank(code))
		return LOA_NOTFOUND;
	int status;
	sqlite3_stmt *stmt = fb_bound(s, F_BY_CODE, &status, "it", site_id, code);
	return stmt ? sq_collect_one(s, stmt, read_feedback, a, out) : status;
}

/* LOA_INVALID for a state outside -1 .. FB_SPAM. limit <= 0 means no limit;
 * total may be NULL. */
static int sq_feedback_list(struct store *st, const struct feedback_filter *f, struct arena *a,
			    struct feedback **out, size_t *n, int64_t *total)
{
	struct sq *s = sq_of(st);
	*out = NULL;
	*n = 0;
	if (f->state != -1 && !state_valid(f->state))
		return LOA_INVALID;
	int variant = article_variant(f->article_id);
	enum fb_id list_id = (f->state < 0 ? F_LIST_OPEN : F_LIST_STATE) + variant;
	enum fb_id count_id = (f->state < 0 ? F_COUNT_OPEN : F_COUNT_STATE) + variant;
	int status;
	sqlite3_stmt *stmt = fb_bound(s, list_id, &status, "iiidd", f->site_id, (int64_t)f->state, f->article_id,
				      page_limit(f->limit), page_offset(f->offset));
	if (!stmt)
		return status;
	return list_and_count(s, stmt, count_id, f->site_id, (int64_t)f->state, f->article_id, true, a, out, n, total);
}

static int sq_feedback_public(struct store *st, int64_t site_id, int64_t article_id, int limit, int offset,
			      struct arena *a, struct feedback **out, size_t *n, int64_t *total)
{
	struct sq *s = sq_of(st);
	*out = NULL;
	*n = 0;
	int variant = article_variant(article_id);
	int status;
	sqlite3_stmt *stmt = fb_bound(s, F_PUBLIC + variant, &status, "iidd", site_id, article_id, page_limit(limit),
				      page_offset(offset));
	if (!stmt)
		return status;
	return list_and_count(s, stmt, F_PUBLIC_COUNT + variant, site_id, article_id, 0, false, a, out, n, total);
}

/* LOA_NOTFOUND when the item is not in the site; LOA_INVALID for an
 * unknown state or a user that does not exist. updated_at 0 means now. */
static int sq_feedback_update(struct store *st, const struct feedback *f)
{
	struct sq *s = sq_of(st);
	if (!state_valid(f->state))
		return LOA_INVALID;
	int status = fb_exec(s, F_UPDATE, "iidttpiii", f->id, f->site_id, f->state, f->reason, f->answer,
			     f->answered_by, f->answered_at, f->published_at, f->updated_at ? f->updated_at : sq_now());
	if (status == LOA_OK && sqlite3_changes(s->db) == 0)
		status = LOA_NOTFOUND;
	return status;
}

static int sq_feedback_count_since(struct store *st, int64_t site_id, const char *client_hash, int64_t since,
				   int64_t *count)
{
	struct sq *s = sq_of(st);
	*count = 0;
	int status = client_hash ? fb_query_i64(s, count, F_SINCE_CLIENT, "iti", site_id, client_hash, since)
				 : fb_query_i64(s, count, F_SINCE_SITE, "ii", site_id, since);
	return status == LOA_NOTFOUND ? LOA_ERROR : status;
}

/* A blank hash is never a duplicate: it means "not computed". */
static int sq_feedback_duplicate(struct store *st, int64_t site_id, const char *content_hash, int64_t since,
				 bool *dup)
{
	struct sq *s = sq_of(st);
	*dup = false;
	if (store_blank(content_hash))
		return LOA_OK;
	int64_t one = 0;
	int status = fb_query_i64(s, &one, F_DUPLICATE, "iti", site_id, content_hash, since);
	if (status == LOA_OK)
		*dup = true;
	return status == LOA_NOTFOUND ? LOA_OK : status;
}

/* One unit, so the names handed back are exactly the ones forgotten. On
 * failure nothing is erased and *files is NULL: the caller must not
 * delete files the database still names. */
static int sq_feedback_erase_contacts(struct store *st, int64_t site_id, int64_t before, struct arena *a,
				      const char ***files, size_t *nfiles)
{
	struct sq *s = sq_of(st);
	*files = NULL;
	*nfiles = 0;
	const char **names = NULL;
	size_t count = 0;
	struct sq_unit u;
	int status = sq_unit_begin(s, &u);
	if (status != LOA_OK)
		return status;
	sqlite3_stmt *stmt = fb_bound(s, F_ERASE_FILES, &status, "ii", site_id, before);
	if (stmt)
		status = sq_collect(s, stmt, read_text, sizeof *names, a, (void **)&names, &count);
	if (status == LOA_OK)
		status = fb_exec(s, F_ERASE, "ii", site_id, before);
	status = sq_unit_end(s, &u, status);
	if (status == LOA_OK) {
		*files = names;
		*nfiles = count;
	}
	return status;
}

static int sq_feedback_counts(struct store *st, int64_t site_id, int64_t counts[5])
{
	struct sq *s = sq_of(st);
	for (int i = 0; i < 5; i++)
		counts[i] = 0;
	int status;
	sqlite3_stmt *stmt = fb_bound(s, F_COUNTS, &status, "i", site_id);
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

/* LOA_NOTFOUND when the site does not exist. */
static int sq_site_retention(struct store *st, int64_t site_id, int *days)
{
	struct sq *s = sq_of(st);
	int64_t v = 0;
	int status = fb_query_i64(s, &v, F_RETENTION_GET, "i", site_id);
	if (status == LOA_OK)
		*days = v < 0 ? 0 : v > INT32_MAX ? INT32_MAX : (int)v;
	return status;
}

/* LOA_INVALID for a negative count, LOA_NOTFOUND for an unknown site. */
static int sq_site_set_retention(struct store *st, int64_t site_id, int days)
{
	struct sq *s = sq_of(st);
	if (days < 0)
		return LOA_INVALID;
	int status = fb_exec(s, F_RETENTION_SET, "id", site_id, days);
	if (status == LOA_OK && sqlite3_changes(s->db) == 0)
		status = LOA_NOTFOUND;
	return status;
}

const struct store_feedback_ops sq_feedback_ops = {
	.add = sq_feedback_add,
	.get = sq_feedback_get,
	.by_code = sq_feedback_by_code,
	.list = sq_feedback_list,
	.public_list = sq_feedback_public,
	.update = sq_feedback_update,
	.count_since = sq_feedback_count_since,
	.duplicate = sq_feedback_duplicate,
	.erase_contacts = sq_feedback_erase_contacts,
	.counts = sq_feedback_counts,
	.site_retention = sq_site_retention,
	.site_set_retention = sq_site_set_retention,
};
