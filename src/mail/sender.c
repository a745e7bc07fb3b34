/* sender.c — the outbox's sender thread (sender.h). */
#include "mail/sender.h"

#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/status.h"
#include "mail/message.h"
#include "mail/outbox.h"
#include "mail/smtp.h"
#include "store/store_mail.h"

#define BATCH 20
#define TIMEOUT_S 20

struct mail_sender {
	struct store *st;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t wake;
	bool stopping;
};

/* Sends one row with its site's settings; *temporary as smtp_send's. */
static int send_one(struct store *st, struct arena *a, const struct outbox_msg *m, int64_t now, struct buf *err,
		    bool *temporary)
{
	struct mail_settings ms;
	if (store_mail_settings_get(st, m->site_id, a, &ms) != LOA_OK || !*ms.host || !*ms.from_addr) {
		buf_adds(err, "chưa thiết lập máy chủ thư");
		*temporary = true;
		return -1;
	}
	struct mail_message mm = {ms.from_addr, ms.from_name, m->rcpt, m->subject, m->body, now, m->id};
	struct buf msg = BUF_INIT;
	mail_message_build(&msg, &mm);
	const char *at = strchr(ms.from_addr, '@');
	struct smtp_server srv = {ms.host, ms.port, ms.security, ms.login, ms.password, TIMEOUT_S, at ? at + 1 : ""};
	int rc = smtp_send(&srv, ms.from_addr, m->rcpt, msg.data, msg.len, err, temporary);
	buf_reset(&msg);
	return rc;
}

int mail_sender_step(struct store *st, int64_t now)
{
	struct arena *a = arena_new();
	struct outbox_msg *due;
	size_t n = 0;
	if (store_outbox_due(st, now, BATCH, a, &due, &n) != LOA_OK)
		n = 0;
	for (size_t i = 0; i < n; i++) {
		struct buf err = BUF_INIT;
		bool temporary = false;
		int attempts = due[i].attempts + 1;
		if (send_one(st, a, &due[i], now, &err, &temporary) == 0) {
			store_outbox_sent(st, due[i].id, attempts, now);
		} else {
			int64_t next = temporary ? outbox_next_attempt(attempts, now) : 0;
			store_outbox_failed(st, due[i].id, attempts, next ? next : now, next == 0, err.data);
			log_warn("thư #%lld tới %s chưa gửi được (lần %d): %s%s", (long long)due[i].id, due[i].rcpt,
				 attempts, err.data, next ? "; sẽ thử lại" : "; thôi không gửi nữa");
		}
		buf_reset(&err);
	}
	arena_free(a);
	return (int)n;
}

static void *sender_main(void *arg)
{
	struct mail_sender *s = arg;
	/* OpenSSL writes with write(): a server that hangs up must not raise
	 * SIGPIPE on the process (the HTTP server ignores it only once it runs) */
	sigset_t pipe;
	sigemptyset(&pipe);
	sigaddset(&pipe, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe, NULL);
	pthread_mutex_lock(&s->mu);
	while (!s->stopping) {
		struct timespec ts;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		ts.tv_sec += 1;
		pthread_cond_timedwait(&s->wake, &s->mu, &ts);
		if (s->stopping)
			break;
		pthread_mutex_unlock(&s->mu);
		mail_sender_step(s->st, clock_now());
		pthread_mutex_lock(&s->mu);
	}
	pthread_mutex_unlock(&s->mu);
	return NULL;
}

struct mail_sender *mail_sender_start(const char *db_path, char **err)
{
	struct mail_sender *s = xcalloc(1, sizeof *s);
	s->st = store_open(db_path, false, err);
	if (!s->st)
		goto fail_open;
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&s->wake, &ca);
	pthread_condattr_destroy(&ca);
	pthread_mutex_init(&s->mu, NULL);
	if (pthread_create(&s->thread, NULL, sender_main, s) != 0) {
		*err = strdup("không khởi động được luồng gửi thư");
		goto fail_thread;
	}
	return s;
fail_thread:
	pthread_cond_destroy(&s->wake);
	pthread_mutex_destroy(&s->mu);
	store_close(s->st);
fail_open:
	free(s);
	return NULL;
}

void mail_sender_free(struct mail_sender *s)
{
	if (!s)
		return;
	pthread_mutex_lock(&s->mu);
	s->stopping = true;
	pthread_cond_signal(&s->wake);
	pthread_mutex_unlock(&s->mu);
	pthread_join(s->thread, NULL);
	pthread_cond_destroy(&s->wake);
	pthread_mutex_destroy(&s->mu);
	store_close(s->st);
	free(s);
}
