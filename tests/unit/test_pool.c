/* test_pool.c — the bounded worker pool: every admitted job runs once, the
 * bound counts running and waiting jobs, pool_free drains, and worker
 * contexts are opened and closed on their threads. No timing: jobs that
 * must stay busy wait on a gate the test opens. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>

#include "core/pool.h"
#include "core/status.h"
#include "test.h"

struct gate {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool open;
	int waiting; /* jobs blocked on the gate */
};

static struct gate gate = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false, 0};
static atomic_int ran, opened, closed;

struct job {
	struct pool_job super;
	bool wait;
	void *ctx_seen;
	atomic_int runs;
};

static void gate_set(bool open)
{
	pthread_mutex_lock(&gate.mu);
	gate.open = open;
	pthread_cond_broadcast(&gate.cv);
	pthread_mutex_unlock(&gate.mu);
}

/* Waits until n jobs are blocked on the closed gate. */
static void gate_wait_for(int n)
{
	pthread_mutex_lock(&gate.mu);
	while (gate.waiting < n)
		pthread_cond_wait(&gate.cv, &gate.mu);
	pthread_mutex_unlock(&gate.mu);
}

static void job_run(struct pool_job *pj, void *ctx)
{
	struct job *j = (struct job *)pj;
	j->ctx_seen = ctx;
	if (j->wait) {
		pthread_mutex_lock(&gate.mu);
		gate.waiting++;
		pthread_cond_broadcast(&gate.cv);
		while (!gate.open)
			pthread_cond_wait(&gate.cv, &gate.mu);
		gate.waiting--;
		pthread_mutex_unlock(&gate.mu);
	}
	atomic_fetch_add(&j->runs, 1);
	atomic_fetch_add(&ran, 1);
}

static int ctx_tags[8];

static void *ctx_open(void *arg, unsigned index, char **err)
{
	(void)arg;
	(void)err;
	atomic_fetch_add(&opened, 1);
	return &ctx_tags[index];
}

static void ctx_close(void *arg, void *ctx)
{
	(void)arg;
	(void)ctx;
	atomic_fetch_add(&closed, 1);
}

static void *ctx_fail(void *arg, unsigned index, char **err)
{
	(void)arg;
	if (index == 1) {
		*err = malloc(8);
		if (*err)
			snprintf(*err, 8, "hỏng");
		return NULL;
	}
	return &ctx_tags[index];
}

static void test_bound(void)
{
	struct pool_hooks hooks = {ctx_open, ctx_close, NULL};
	char *err = NULL;
	struct pool *p = pool_new(1, 1, &hooks, &err);
	struct job a = {{0}, true}, b = {{0}, true}, c = {{0}, false};
	struct pool_stats st;

	CHECK(p && !err, "pool_new with 1 worker and a queue of 1");
	CHECK(atomic_load(&opened) == 1, "the worker opened its context");
	a.super.run = b.super.run = c.super.run = job_run;
	gate_set(false);
	CHECK(pool_submit(p, &a.super) == LOA_OK, "first job admitted");
	CHECK(pool_submit(p, &b.super) == LOA_OK, "second job waits in the queue");
	CHECK(pool_submit(p, &c.super) == LOA_BUSY, "third job refused whether or not the first has started");
	gate_wait_for(1);
	pool_get_stats(p, &st);
	CHECK(st.admitted == 2 && st.running == 1 && st.refused == 1, "stats: 2 admitted, 1 running, 1 refused");
	gate_set(true);
	pool_free(p);
	CHECK(atomic_load(&a.runs) == 1 && atomic_load(&b.runs) == 1 && atomic_load(&c.runs) == 0,
	      "pool_free ran each admitted job once and the refused one never");
	CHECK(a.ctx_seen == &ctx_tags[0], "jobs see their worker's context");
	CHECK(atomic_load(&closed) == 1, "the worker closed its context");
}

static void test_many(void)
{
	enum { N = 2000 };
	struct job *jobs = calloc(N, sizeof *jobs);
	char *err = NULL;
	struct pool *p = pool_new(4, N, NULL, &err);
	int admitted = 0;

	atomic_store(&ran, 0);
	for (int i = 0; i < N; i++) {
		jobs[i].super.run = job_run;
		admitted += pool_submit(p, &jobs[i].super) == LOA_OK;
	}
	pool_free(p);
	int once = 1;
	for (int i = 0; i < N; i++)
		once &= atomic_load(&jobs[i].runs) == 1;
	CHECK(admitted == N && atomic_load(&ran) == N && once, "2000 jobs on 4 workers: each ran exactly once");
	CHECK(jobs[0].ctx_seen == NULL, "without hooks the context is the hooks' arg (NULL)");
	free(jobs);
}

static struct pool *done_pool;
static size_t admitted_at_done = 99;

static void job_done(struct pool_job *pj)
{
	struct pool_stats st;
	(void)pj;
	pool_get_stats(done_pool, &st);
	admitted_at_done = st.admitted;
}

static void test_done_after_place_freed(void)
{
	char *err = NULL;
	struct job j = {{0}, false};

	done_pool = pool_new(1, 0, NULL, &err);
	j.super.run = job_run;
	j.super.done = job_done;
	CHECK(pool_submit(done_pool, &j.super) == LOA_OK, "a job with a done function is admitted");
	pool_free(done_pool);
	CHECK(admitted_at_done == 0, "done runs once the job no longer counts against the bound (%zu)",
	      admitted_at_done);
}

static void test_open_fails(void)
{
	struct pool_hooks hooks = {ctx_fail, NULL, NULL};
	char *err = NULL;
	struct pool *p = pool_new(3, 4, &hooks, &err);

	CHECK(!p && err && strcmp(err, "hỏng") == 0, "a worker that cannot open its context fails pool_new with its message");
	free(err);
	pool_free(NULL);
}

int main(void)
{
	test_bound();
	test_many();
	test_done_after_place_freed();
	test_open_fails();
	return test_done();
}
