/* pool.c — the bounded worker pool (pool.h).
 *
 * One mutex guards the queue (a singly linked FIFO) and the counters; one
 * condition wakes idle workers, another wakes pool_new while the workers
 * open their contexts. Jobs are admitted against the sum of running and
 * waiting jobs, so the bound does not depend on how fast a worker picks a
 * job up: with 1 worker and a queue of 1, the third job in flight is
 * refused whatever the timing. */
#include "core/pool.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/mem.h"
#include "core/status.h"

struct worker {
	struct pool *p;
	unsigned index;
	pthread_t thread;
	bool started;               /* pthread_create succeeded: join it */
	void *ctx;
};

struct pool {
	pthread_mutex_t mu;
	pthread_cond_t work;        /* a job was queued, or stopping */
	pthread_cond_t ready;       /* a worker finished opening */
	struct pool_job *head, *tail;
	size_t queue, admitted, running;
	unsigned long long done, refused;
	unsigned nworkers, nopened;
	bool stopping;
	char *open_err;             /* the first open hook's error */
	struct pool_hooks hooks;
	struct worker *workers;
};

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct pool *p = w->p;
	char *err = NULL;
	void *ctx = p->hooks.open ? p->hooks.open(p->hooks.arg, w->index, &err) : p->hooks.arg;

	pthread_mutex_lock(&p->mu);
	w->ctx = ctx;
	if (!ctx && p->hooks.open) {
		if (!p->open_err)
			p->open_err = err ? err : xstrdup("không mở được ngữ cảnh của luồng xử lý");
		else
			free(err);
	}
	p->nopened++;
	pthread_cond_signal(&p->ready);
	pthread_mutex_unlock(&p->mu);
	if (!ctx && p->hooks.open)
		return NULL;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->head && !p->stopping)
			pthread_cond_wait(&p->work, &p->mu);
		if (!p->head)
			break; /* stopping and drained */
		struct pool_job *job = p->head;
		p->head = job->next;
		if (!p->head)
			p->tail = NULL;
		p->running++;
		pthread_mutex_unlock(&p->mu);
		job->next = NULL;
		void (*done)(struct pool_job *) = job->done;
		job->run(job, ctx); /* without done, job may be gone now */
		pthread_mutex_lock(&p->mu);
		p->running--;
		p->admitted--;
		p->done++;
		if (done) {
			pthread_mutex_unlock(&p->mu);
			done(job);
			pthread_mutex_lock(&p->mu);
		}
	}
	pthread_mutex_unlock(&p->mu);
	if (p->hooks.close)
		p->hooks.close(p->hooks.arg, ctx);
	return NULL;
}

static void stop_and_join(struct pool *p)
{
	pthread_mutex_lock(&p->mu);
	p->stopping = true;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->mu);
	for (unsigned i = 0; i < p->nworkers; i++)
		if (p->workers[i].started)
			pthread_join(p->workers[i].thread, NULL);
}

static void pool_destroy(struct pool *p)
{
	pthread_cond_destroy(&p->ready);
	pthread_cond_destroy(&p->work);
	pthread_mutex_destroy(&p->mu);
	free(p->open_err);
	free(p->workers);
	free(p);
}

struct pool *pool_new(unsigned workers, size_t queue, const struct pool_hooks *hooks, char **err)
{
	struct pool *p = xcalloc(1, sizeof *p);
	unsigned started = 0;

	*err = NULL;
	if (workers == 0)
		workers = 1;
	p->queue = queue;
	p->nworkers = workers;
	if (hooks)
		p->hooks = *hooks;
	p->workers = xcalloc(workers, sizeof *p->workers);
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->ready, NULL);
	for (unsigned i = 0; i < workers; i++) {
		struct worker *w = &p->workers[i];
		w->p = p;
		w->index = i;
		if (pthread_create(&w->thread, NULL, worker_main, w) != 0) {
			*err = buf_newf("không tạo được luồng xử lý thứ %u", i + 1);
			break;
		}
		w->started = true;
		started++;
	}
	pthread_mutex_lock(&p->mu);
	while (p->nopened < started)
		pthread_cond_wait(&p->ready, &p->mu);
	if (!*err && p->open_err) {
		*err = p->open_err;
		p->open_err = NULL;
	}
	pthread_mutex_unlock(&p->mu);
	if (*err) {
		stop_and_join(p);
		pool_destroy(p);
		return NULL;
	}
	return p;
}

int pool_submit(struct pool *p, struct pool_job *job)
{
	int rc = LOA_OK;

	pthread_mutex_lock(&p->mu);
	if (p->stopping || p->admitted >= p->nworkers + p->queue) {
		p->refused++;
		rc = LOA_BUSY;
	} else {
		job->next = NULL;
		if (p->tail)
			p->tail->next = job;
		else
			p->head = job;
		p->tail = job;
		p->admitted++;
		pthread_cond_signal(&p->work);
	}
	pthread_mutex_unlock(&p->mu);
	return rc;
}

void pool_get_stats(struct pool *p, struct pool_stats *out)
{
	pthread_mutex_lock(&p->mu);
	out->workers = p->nworkers;
	out->queue = p->queue;
	out->admitted = p->admitted;
	out->running = p->running;
	out->done = p->done;
	out->refused = p->refused;
	pthread_mutex_unlock(&p->mu);
}

void pool_free(struct pool *p)
{
	if (!p)
		return;
	stop_and_join(p);
	pool_destroy(p);
}
