/* outbox.c — notifications into the outbox (outbox.h). */
#include "mail/outbox.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/status.h"
#include "mail/message.h"
#include "render/tmpl.h"
#include "store/store_feedback.h"
#include "store/store_mail.h"
#include "store/store_newsroom.h"

int64_t outbox_next_attempt(int attempts, int64_t now)
{
	/* 1, 5, 30 minutes, 2, 6 and 24 hours; then failed */
	static const int64_t wait[] = {60, 300, 1800, 7200, 21600, 86400};
	if (attempts < 1 || attempts >= OUTBOX_MAX_ATTEMPTS)
		return 0;
	return now + wait[attempts - 1];
}

/* The site's settings when mail is set up; false otherwise. */
static bool mail_on(const struct outbox_ctx *c, struct mail_settings *ms)
{
	return store_mail_settings_get(c->st, c->site->id, c->a, ms) == LOA_OK && *ms->host && *ms->from_addr;
}

/* A raw value for a text template (outbox.h). */
static void set(const struct outbox_ctx *c, struct tval *m, const char *key, const char *v)
{
	tv_set(m, key, tv_html(c->a, v ? v : ""));
}

static struct tval *base_vars(const struct outbox_ctx *c)
{
	struct tval *m = tv_map(c->a);
	set(c, m, "site_name", c->site->name);
	set(c, m, "base_url", c->base_url);
	return m;
}

/* Renders mail/<kind> and queues it to each of rcpt[0..n). */
static int queue(const struct outbox_ctx *c, const char *kind, struct tval *vars, const char *const *rcpt, size_t n)
{
	char name[32];
	struct buf out = BUF_INIT;
	int status = LOA_OK;
	snprintf(name, sizeof name, "mail/%s", kind);
	if (tmpl_render(c->tmpl, name, vars, &out) != LOA_OK) {
		log_error("giao diện thiếu mẫu thư %s.html: thư không được gửi", name);
		goto out;
	}
	/* first line: the subject; then the body after the blank line */
	char *nl = strchr(out.data, '\n');
	const char *subject = arena_strndup(c->a, out.data, nl ? (size_t)(nl - out.data) : out.len);
	const char *body = nl ? nl + 1 : "";
	while (*body == '\n' || *body == '\r')
		body++;
	for (size_t i = 0; i < n && status == LOA_OK; i++) {
		if (!mail_addr_ok(rcpt[i]))
			continue;
		struct outbox_msg m = {.site_id = c->site->id, .kind = kind, .rcpt = rcpt[i], .subject = subject,
				       .body = body, .next_at = c->now, .created_at = c->now};
		status = store_outbox_add(c->st, &m, NULL);
	}
out:
	buf_reset(&out);
	return status;
}

static const char *feedback_url(const struct outbox_ctx *c, const struct feedback *f)
{
	return arena_printf(c->a, "%s/quan-tri/gop-y/%lld", c->base_url, (long long)f->id);
}

int outbox_feedback_received(const struct outbox_ctx *c, const struct feedback *f)
{
	struct mail_settings ms;
	if (!mail_on(c, &ms) || !*ms.feedback_to)
		return LOA_OK;
	struct tval *v = base_vars(c);
	set(c, v, "code", f->code);
	set(c, v, "title", f->title);
	set(c, v, "name", f->name);
	set(c, v, "content", f->content);
	set(c, v, "article_title", f->article_title);
	set(c, v, "url", feedback_url(c, f));
	const char *to[] = {ms.feedback_to};
	return queue(c, "feedback", v, to, 1);
}

int outbox_feedback_answered(const struct outbox_ctx *c, const struct feedback *f)
{
	struct mail_settings ms;
	bool agreed = false;
	if (!mail_on(c, &ms) || !f->email || !*f->email ||
	    store_feedback_notify_get(c->st, c->site->id, f->id, &agreed) != LOA_OK || !agreed)
		return LOA_OK;
	struct tval *v = base_vars(c);
	set(c, v, "code", f->code);
	set(c, v, "title", f->title);
	set(c, v, "name", f->name);
	set(c, v, "answer", f->answer);
	set(c, v, "url", arena_printf(c->a, "%s/gop-y/tra-cuu?ma=%s", c->base_url, f->code));
	const char *to[] = {f->email};
	return queue(c, "answered", v, to, 1);
}

int outbox_article(const struct outbox_ctx *c, enum outbox_article_event ev, const struct article *art,
		   int64_t author_id, const char *note, const char *by)
{
	struct mail_settings ms;
	if (!mail_on(c, &ms))
		return LOA_OK;
	struct tval *v = base_vars(c);
	set(c, v, "title", art->title);
	set(c, v, "note", note);
	set(c, v, "by", by);
	set(c, v, "url", arena_printf(c->a, "%s/quan-tri/bai-viet/%lld", c->base_url, (long long)art->id));
	set(c, v, "public_url", arena_printf(c->a, "%s/%s/%s-%lld", c->base_url, art->category_slug, art->slug,
					     (long long)art->id));
	const char **to = NULL;
	size_t n = 0;
	const char *author = "";
	if (ev == OUTBOX_SUBMITTED) {
		int status = store_user_emails(c->st, c->site->id, ROLE_APPROVER, c->a, &to, &n);
		if (status != LOA_OK)
			return status;
	} else {
		if (store_user_email_get(c->st, author_id, c->a, &author) != LOA_OK || !*author)
			return LOA_OK;
		to = &author;
		n = 1;
	}
	static const char *kinds[] = {"submitted", "returned", "published"};
	return queue(c, kinds[ev], v, to, n);
}

int outbox_test(const struct outbox_ctx *c, const char *rcpt)
{
	struct mail_settings ms;
	if (!mail_on(c, &ms))
		return LOA_INVALID;
	struct tval *v = base_vars(c);
	set(c, v, "url", arena_printf(c->a, "%s/quan-tri/thu", c->base_url));
	const char *to[] = {rcpt};
	return queue(c, "test", v, to, 1);
}
