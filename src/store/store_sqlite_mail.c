/* store_sqlite_mail.c — mail notifications (store_mail.h) in the SQLite
 * backend. Schema: migration 15.
 *
 * How it is built: as store_sqlite_redirects.c — every statement written
 * once in the `ml_sql` table with bound parameters, prepared on first use
 * into this file's slot of the connection, freed with it. The sender's
 * query for due rows is one range of the (state, next_at) index. */
#include <stdint.h>
#include <stdlib.h>

#include <sqlite3.h>

#include "core/arena.h"
#include "core/status.h"
#include "store/store_mail.h"
#include "store/store_sqliteInt.h"

enum ml_id {
	M_SET_GET, M_SET_PUT, M_SET_PW, M_ADD, M_DUE, M_SENT, M_FAILED, M_LIST, M_COUNT, M_RETRY,
	M_EMAIL_GET, M_EMAIL_SET, M_EMAILS, M_NOTIFY_SET, M_NOTIFY_GET, ML_COUNT
};

#define M_COLS "id, site_id, kind, rcpt, subject, body, state, attempts, next_at, last_error, created_at, sent_at"

static const char *const ml_sql[ML_COUNT] = {
	[M_SET_GET] = "SELECT host, port, security, login, password, from_addr, from_name, feedback_to "
		      "FROM mail_settings WHERE site_id = ?1",
	/* the password is written apart (M_SET_PW) so a blank field keeps it */
	[M_SET_PUT] = "INSERT INTO mail_settings (site_id, host, port, security, login, from_addr, from_name, feedback_to) "
		      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (site_id) DO UPDATE SET "
		      "host = excluded.host, port = excluded.port, security = excluded.security, login = excluded.login, "
		      "from_addr = excluded.from_addr, from_name = excluded.from_name, feedback_to = excluded.feedback_to",
	[M_SET_PW] = "UPDATE mail_settings SET password = ?2 WHERE site_id = ?1",
	[M_ADD] = "INSERT INTO outbox (site_id, kind, rcpt, subject, body, next_at, created_at) "
		  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[M_DUE] = "SELECT " M_COLS " FROM outbox WHERE state = 0 AND next_at <= ?1 ORDER BY next_at, id LIMIT ?2",
	[M_SENT] = "UPDATE outbox SET state = 1, attempts = ?2, sent_at = ?3, last_error = '' WHERE id = ?1",
	[M_FAILED] = "UPDATE outbox SET state = ?3, attempts = ?2, next_at = ?4, last_error = ?5 WHERE id = ?1",
	[M_LIST] = "SELECT " M_COLS " FROM outbox WHERE site_id = ?1 AND (?2 < 0 OR state = ?2) "
		   "ORDER BY id DESC LIMIT ?3 OFFSET ?4",
	[M_COUNT] = "SELECT count(*) FROM outbox WHERE site_id = ?1 AND (?2 < 0 OR state = ?2)",
	[M_RETRY] = "UPDATE outbox SET state = 0, next_at = ?3, attempts = CASE state WHEN 2 THEN 0 ELSE attempts END "
		    "WHERE site_id = ?1 AND id = ?2 AND state IN (0, 2)",
	[M_EMAIL_GET] = "SELECT email FROM users WHERE id = ?1",
	[M_EMAIL_SET] = "UPDATE users SET email = ?2 WHERE id = ?1",
	[M_EMAILS] = "SELECT email FROM users WHERE (site_id = ?1 OR site_id IS NULL) AND role >= ?2 "
		     "AND disabled = 0 AND email <> '' ORDER BY id",
	[M_NOTIFY_SET] = "UPDATE feedback SET notify = ?3 WHERE site_id = ?1 AND id = ?2",
	[M_NOTIFY_GET] = "SELECT notify FROM feedback WHERE site_id = ?1 AND id = ?2",
};

struct sq_mail {
	sqlite3_stmt *stmt[ML_COUNT];
};

void sq_mail_free(struct sq_mail *m)
{
	if (!m)
		return;
	for (int i = 0; i < ML_COUNT; i++)
		sqlite3_finalize(m->stmt[i]);
	free(m);
}

static struct sq_table ml(struct sq *s)
{
	if (!s->mail) {
		s->mail = calloc(1, sizeof *s->mail);
		if (!s->mail)
			abort();
	}
	return (struct sq_table){s->mail->stmt, ml_sql};
}

static void read_msg(sqlite3_stmt *stmt, struct arena *a, void *p)
{
	struct outbox_msg *m = p;
	m->id = sqlite3_column_int64(stmt, 0);
	m->site_id = sqlite3_column_int64(stmt, 1);
	m->kind = sq_col_text(stmt, 2, a);
	m->rcpt = sq_col_text(stmt, 3, a);
	m->subject = sq_col_text(stmt, 4, a);
	m->body = sq_col_text(stmt, 5, a);
	m->state = sqlite3_column_int(stmt, 6);
	m->attempts = sqlite3_column_int(stmt, 7);
	m->next_at = sqlite3_column_int64(stmt, 8);
	m->last_error = sq_col_text(stmt, 9, a);
	m->created_at = sqlite3_column_int64(stmt, 10);
	m->sent_at = sqlite3_column_int64(stmt, 11);
}

static void read_settings(sqlite3_stmt *stmt, struct arena *a, void *p)
{
	struct mail_settings *m = p;
	m->host = sq_col_text(stmt, 0, a);
	m->port = sqlite3_column_int(stmt, 1);
	m->security = sqlite3_column_int(stmt, 2);
	m->login = sq_col_text(stmt, 3, a);
	m->password = sq_col_text(stmt, 4, a);
	m->from_addr = sq_col_text(stmt, 5, a);
	m->from_name = sq_col_text(stmt, 6, a);
	m->feedback_to = sq_col_text(stmt, 7, a);
}

static void read_text(sqlite3_stmt *stmt, struct arena *a, void *p)
{
	*(const char **)p = sq_col_text(stmt, 0, a);
}

static int sq_settings_get(struct store *st, int64_t site_id, struct arena *a, struct mail_settings *out)
{
	struct sq *s = sq_of(st);
	int status;
	*out = (struct mail_settings){site_id, "", 587, MAIL_SEC_STARTTLS, "", "", "", "", ""};
	sqlite3_stmt *stmt = sq_table_bound(s, ml(s), M_SET_GET, &status, "i", site_id);
	if (!stmt)
		return status;
	status = sq_collect_one(s, stmt, read_settings, a, out);
	return status == LOA_NOTFOUND ? LOA_OK : status;
}

static int sq_settings_put(struct store *st, const struct mail_settings *m)
{
	struct sq *s = sq_of(st);
	struct sq_unit u;
	int status = sq_unit_begin(s, &u);
	if (status != LOA_OK)
		return status;
	status = sq_table_change(s, ml(s), M_SET_PUT, "itddttt" "t", m->site_id, m->host, m->port, m->security,
				 m->login, m->from_addr, m->from_name, m->feedback_to);
	if (status == LOA_OK && m->password)
		status = sq_table_change(s, ml(s), M_SET_PW, "it", m->site_id, m->password);
	return sq_unit_end(s, &u, status);
}

static int sq_outbox_add(struct store *st, const struct outbox_msg *m, int64_t *id)
{
	struct sq *s = sq_of(st);
	int status = sq_table_change(s, ml(s), M_ADD, "ittttii", m->site_id, m->kind, m->rcpt, m->subject, m->body,
				     m->next_at, m->created_at ? m->created_at : sq_now());
	if (status == LOA_OK && id)
		*id = sqlite3_last_insert_rowid(s->db);
	return status;
}

static int sq_outbox_due(struct store *st, int64_t now, int limit, struct arena *a, struct outbox_msg **out,
			 size_t *n)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = sq_table_bound(s, ml(s), M_DUE, &status, "id", now, sq_limit(limit));
	return stmt ? sq_collect(s, stmt, read_msg, sizeof **out, a, (void **)out, n) : status;
}

static int sq_outbox_sent(struct store *st, int64_t id, int attempts, int64_t now)
{
	struct sq *s = sq_of(st);
	return sq_table_change(s, ml(s), M_SENT, "idi", id, attempts, now);
}

static int sq_outbox_failed(struct store *st, int64_t id, int attempts, int64_t next_at, bool failed,
			    const char *error)
{
	struct sq *s = sq_of(st);
	return sq_table_change(s, ml(s), M_FAILED, "iddit", id, attempts, failed ? OUTBOX_FAILED : OUTBOX_QUEUED,
			       next_at, error);
}

static int sq_outbox_list(struct store *st, int64_t site_id, int state, int limit, int offset, struct arena *a,
			  struct outbox_msg **out, size_t *n, int64_t *total)
{
	struct sq *s = sq_of(st);
	int status = sq_table_i64(s, ml(s), M_COUNT, total, "id", site_id, state);
	if (status != LOA_OK)
		return status;
	sqlite3_stmt *stmt = sq_table_bound(s, ml(s), M_LIST, &status, "iddd", site_id, state, sq_limit(limit),
					    sq_offset(offset));
	return stmt ? sq_collect(s, stmt, read_msg, sizeof **out, a, (void **)out, n) : status;
}

static int sq_outbox_retry_now(struct store *st, int64_t site_id, int64_t id, int64_t now)
{
	struct sq *s = sq_of(st);
	return sq_table_change(s, ml(s), M_RETRY, "iii", site_id, id, now);
}

static int sq_user_email_get(struct store *st, int64_t user_id, struct arena *a, const char **email)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = sq_table_bound(s, ml(s), M_EMAIL_GET, &status, "i", user_id);
	return stmt ? sq_collect_one(s, stmt, read_text, a, email) : status;
}

static int sq_user_email_set(struct store *st, int64_t user_id, const char *email)
{
	struct sq *s = sq_of(st);
	return sq_table_change(s, ml(s), M_EMAIL_SET, "it", user_id, email);
}

static int sq_user_emails(struct store *st, int64_t site_id, int min_role, struct arena *a, const char ***out,
			  size_t *n)
{
	struct sq *s = sq_of(st);
	int status;
	sqlite3_stmt *stmt = sq_table_bound(s, ml(s), M_EMAILS, &status, "id", site_id, min_role);
	return stmt ? sq_collect(s, stmt, read_text, sizeof **out, a, (void **)out, n) : status;
}

static int sq_feedback_notify_set(struct store *st, int64_t site_id, int64_t id, bool notify)
{
	struct sq *s = sq_of(st);
	return sq_table_change(s, ml(s), M_NOTIFY_SET, "iid", site_id, id, notify);
}

static int sq_feedback_notify_get(struct store *st, int64_t site_id, int64_t id, bool *notify)
{
	struct sq *s = sq_of(st);
	int64_t v = 0;
	int status = sq_table_i64(s, ml(s), M_NOTIFY_GET, &v, "ii", site_id, id);
	*notify = status == LOA_OK && v == 1;
	return status;
}

const struct store_mail_ops sq_mail_ops = {
	.settings_get = sq_settings_get,
	.settings_put = sq_settings_put,
	.outbox_add = sq_outbox_add,
	.outbox_due = sq_outbox_due,
	.outbox_sent = sq_outbox_sent,
	.outbox_failed = sq_outbox_failed,
	.outbox_list = sq_outbox_list,
	.outbox_retry_now = sq_outbox_retry_now,
	.user_email_get = sq_user_email_get,
	.user_email_set = sq_user_email_set,
	.user_emails = sq_user_emails,
	.feedback_notify_set = sq_feedback_notify_set,
	.feedback_notify_get = sq_feedback_notify_get,
};
