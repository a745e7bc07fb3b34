/* store_mail.c — the public face of the mail storage (store_mail.h): the
 * checks every backend shares, then a forward through the backend's
 * st->ops->mail table (storeInt.h). */
#include <string.h>

#include "core/status.h"
#include "store/storeInt.h"

int store_mail_settings_get(struct store *st, int64_t site_id, struct arena *a, struct mail_settings *out)
{
	return st->ops->mail->settings_get(st, site_id, a, out);
}

int store_mail_settings_put(struct store *st, const struct mail_settings *m)
{
	if (m->port < 1 || m->port > 65535 || m->security < MAIL_SEC_NONE || m->security > MAIL_SEC_TLS)
		return LOA_INVALID;
	return st->ops->mail->settings_put(st, m);
}

int store_outbox_add(struct store *st, const struct outbox_msg *m, int64_t *id)
{
	if (store_blank(m->rcpt) || !m->kind || !m->subject || !m->body)
		return LOA_INVALID;
	return st->ops->mail->outbox_add(st, m, id);
}

int store_outbox_due(struct store *st, int64_t now, int limit, struct arena *a, struct outbox_msg **out, size_t *n)
{
	return st->ops->mail->outbox_due(st, now, limit, a, out, n);
}

int store_outbox_sent(struct store *st, int64_t id, int attempts, int64_t now)
{
	return st->ops->mail->outbox_sent(st, id, attempts, now);
}

int store_outbox_failed(struct store *st, int64_t id, int attempts, int64_t next_at, bool failed, const char *error)
{
	return st->ops->mail->outbox_failed(st, id, attempts, next_at, failed, error ? error : "");
}

int store_outbox_list(struct store *st, int64_t site_id, int state, int limit, int offset, struct arena *a,
		      struct outbox_msg **out, size_t *n, int64_t *total)
{
	return st->ops->mail->outbox_list(st, site_id, state, limit, offset, a, out, n, total);
}

int store_outbox_retry_now(struct store *st, int64_t site_id, int64_t id, int64_t now)
{
	return st->ops->mail->outbox_retry_now(st, site_id, id, now);
}

int store_user_email_get(struct store *st, int64_t user_id, struct arena *a, const char **email)
{
	return st->ops->mail->user_email_get(st, user_id, a, email);
}

int store_user_email_set(struct store *st, int64_t user_id, const char *email)
{
	return st->ops->mail->user_email_set(st, user_id, email ? email : "");
}

int store_user_emails(struct store *st, int64_t site_id, int min_role, struct arena *a, const char ***out, size_t *n)
{
	return st->ops->mail->user_emails(st, site_id, min_role, a, out, n);
}

int store_feedback_notify_set(struct store *st, int64_t site_id, int64_t id, bool notify)
{
	return st->ops->mail->feedback_notify_set(st, site_id, id, notify);
}

int store_feedback_notify_get(struct store *st, int64_t site_id, int64_t id, bool *notify)
{
	return st->ops->mail->feedback_notify_get(st, site_id, id, notify);
}
