/* work.c — requests handed to the worker pool and answered back on the loop.
 *
 * The loop routes a request, checks its body bound and, for a GET of a
 * cacheable page, asks cfg.cached to answer from memory. Anything else is
 * a job: the loop snapshots what the accessors need (http_req_snapshot),
 * marks the request detached and submits it. A worker runs the guard and
 * the handler with its own app pointer; the handler's answer is recorded
 * in the request (response.c) and the request is posted back through h2o's
 * inter-thread queue of the loop that handed it over (req->loop: its
 * ctx.queue, an eventfd/pipe that loop polls). On that loop, on_done commits the answer to h2o — or, when h2o let go of the
 * request meanwhile (the client left: the anchor in request.c set `gone`),
 * finishes the request without touching h2o.
 *
 * Ownership, the contract that keeps h2o single-threaded:
 *   - req->state is written on the loop only: REQ_POOL from just before
 *     pool_submit until on_done takes the request back;
 *   - while REQ_POOL the worker owns every field except `gone` and `h`
 *     (the loop's) and `cancel` (atomic); the loop touches nothing else;
 *   - the worker's last act is h2o_multithread_send_message (job_done,
 *     after the pool has freed the job's place: a client that has its
 *     answer finds that place free), whose mutex orders the worker's
 *     writes before the loop's reads in on_done.
 * A GET whose client left before a worker took it is not worked on (the
 * cancel flag); a POST always is, since its data arrived whole.
 *
 * The once-a-second cfg.tick (publishing what is due, purging sessions,
 * noticing content changes) writes to the database, so with a pool it runs
 * on a ticker thread of its own rather than on the loop; it takes no place
 * in the pool, so it can never be why a reader gets a 503.
 *
 * Test hooks (cfg.test_hooks, `loa serve --test-hooks`) let the integration
 * tests hold workers without sleeping: see http.h. */
#include "http/httpInt.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/status.h"

/* How long a refused client should wait, in seconds: a full queue drains in
 * well under that when the pool is not broken. */
#define RETRY_AFTER "2"

struct http_ticker {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool stop;
	pthread_t thread;
	struct http_server *srv;
};

struct http_test_hold {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	unsigned long generation;   /* a release bumps it */
	unsigned held;              /* workers waiting now */
	bool stopping;              /* holds end at shutdown */
};

static const char busy_page[] =
    "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Máy chủ đang bận</title>"
    "</head>\n<body><h1>Máy chủ đang bận</h1><p>Hiện có quá nhiều yêu cầu cùng lúc. Vui lòng thử lại sau ít "
    "giây.</p><p><a href=\"/\">Về trang chủ</a></p></body></html>\n";

/* The guard and the handler of r, or the fallback when r is NULL. */
static void run_handler(struct http_server *srv, struct http_req *req, const struct http_route *r)
{
	if (!r) {
		if (srv->cfg.fallback)
			srv->cfg.fallback(req->app, req);
		else
			http_send_error_page(req, 404);
		return;
	}
	if (r->role > 0 || (r->flags & HTTP_ROUTE_CSRF)) {
		if (!srv->cfg.guard) {
			http_send_error_page(req, 403);
			return;
		}
		if (!srv->cfg.guard(req->app, req, r))
			return;
	}
	r->fn(req->app, req);
}

static void hold_wait(struct http_test_hold *t)
{
	pthread_mutex_lock(&t->mu);
	unsigned long g = t->generation;
	t->held++;
	while (g == t->generation && !t->stopping)
		pthread_cond_wait(&t->cv, &t->mu);
	t->held--;
	pthread_mutex_unlock(&t->mu);
}

static void hold_release(struct http_test_hold *t, bool stopping)
{
	pthread_mutex_lock(&t->mu);
	t->generation++;
	if (stopping)
		t->stopping = true;
	pthread_cond_broadcast(&t->cv);
	pthread_mutex_unlock(&t->mu);
}

/* On a worker. */
static void job_run(struct pool_job *job, void *worker_app)
{
	struct http_req *req = H2O_STRUCT_FROM_MEMBER(struct http_req, job, job);
	struct http_server *srv = req->srv;
	bool get_like = req->is_head || strcmp(req->method, "GET") == 0;

	req->app = worker_app;
	if (srv->hold && http_req_header(req, "x-loa-test-hold"))
		hold_wait(srv->hold);
	if (!(get_like && atomic_load(&req->cancel))) {
		run_handler(srv, req, req->pending);
		if (!req->responded) {
			fprintf(stderr, "loa: trình xử lý cho %s không trả lời yêu cầu\n", http_req_raw_path(req));
			http_send_error_page(req, 500);
		}
	}
}

/* On the worker, once the job's place in the pool is free again. */
static void job_done(struct pool_job *job)
{
	struct http_req *req = H2O_STRUCT_FROM_MEMBER(struct http_req, job, job);

	/* the last touch: from here the loop owns req again */
	h2o_multithread_send_message(&req->loop->done_receiver, &req->done_msg);
}

/* On the loop that handed them over: requests coming back from the workers. */
static void on_done(h2o_multithread_receiver_t *receiver, h2o_linklist_t *messages)
{
	struct http_loop *loop = H2O_STRUCT_FROM_MEMBER(struct http_loop, done_receiver, receiver);

	while (!h2o_linklist_is_empty(messages)) {
		h2o_multithread_message_t *m = H2O_STRUCT_FROM_MEMBER(h2o_multithread_message_t, link, messages->next);
		struct http_req *req = H2O_STRUCT_FROM_MEMBER(struct http_req, done_msg, m);

		h2o_linklist_unlink(&m->link);
		atomic_fetch_sub_explicit(&loop->inflight, 1, memory_order_relaxed);
		req->state = REQ_LOOP;
		req->detached = false;
		if (req->gone) {
			http_req_finish(req); /* the client left: nobody to answer */
			continue;
		}
		if (!req->responded) {
			/* a GET cancelled although h2o still had it: cannot happen,
			 * since only the anchor's disposal cancels */
			http_send_error_page(req, 500);
			continue;
		}
		http_response_commit(req);
	}
}

static void send_busy(struct http_req *req)
{
	struct http_part part = {busy_page, sizeof busy_page - 1};

	http_header(req, "retry-after", RETRY_AFTER);
	http_header(req, "cache-control", "no-store");
	http_send_parts(req, 503, "text/html; charset=utf-8", &part, 1, 0);
}

static void *ticker_main(void *arg)
{
	struct http_ticker *t = arg;
	struct timespec next;

	clock_gettime(CLOCK_REALTIME, &next);
	pthread_mutex_lock(&t->mu);
	while (!t->stop) {
		next.tv_sec += 1;
		while (!t->stop && pthread_cond_timedwait(&t->cv, &t->mu, &next) != ETIMEDOUT)
			;
		if (t->stop)
			break;
		pthread_mutex_unlock(&t->mu);
		t->srv->cfg.tick(t->srv->app);
		pthread_mutex_lock(&t->mu);
		struct timespec now;
		clock_gettime(CLOCK_REALTIME, &now);
		if (now.tv_sec > next.tv_sec + 1)
			next = now; /* a slow tick: do not run the missed ones back to back */
	}
	pthread_mutex_unlock(&t->mu);
	return NULL;
}

static int ticker_start(struct http_server *srv, char **err)
{
	struct http_ticker *t = calloc(1, sizeof *t);

	if (!t)
		abort();
	t->srv = srv;
	pthread_mutex_init(&t->mu, NULL);
	pthread_cond_init(&t->cv, NULL);
	if (pthread_create(&t->thread, NULL, ticker_main, t) != 0) {
		pthread_cond_destroy(&t->cv);
		pthread_mutex_destroy(&t->mu);
		free(t);
		*err = buf_newf("không tạo được luồng hẹn giờ");
		return LOA_ERROR;
	}
	srv->ticker = t;
	return LOA_OK;
}

/* Waits for a tick in progress to end; none starts afterwards. */
static void ticker_stop(struct http_server *srv)
{
	struct http_ticker *t = srv->ticker;

	if (!t)
		return;
	pthread_mutex_lock(&t->mu);
	t->stop = true;
	pthread_cond_signal(&t->cv);
	pthread_mutex_unlock(&t->mu);
	pthread_join(t->thread, NULL);
	pthread_cond_destroy(&t->cv);
	pthread_mutex_destroy(&t->mu);
	free(t);
	srv->ticker = NULL;
}

void http_work_dispatch(struct http_server *srv, struct http_req *req, const struct http_route *r)
{
	if (!srv->pool) {
		run_handler(srv, req, r);
		return;
	}
	bool get_like = req->is_head || strcmp(http_req_method(req), "GET") == 0;
	bool cacheable = !r || ((r->flags & HTTP_ROUTE_CACHE) && r->role == 0 && !(r->flags & HTTP_ROUTE_CSRF));
	if (get_like && cacheable && srv->cfg.cached && srv->cfg.cached(srv->app, req))
		return;

	http_req_snapshot(req);
	req->pending = r;
	req->job.run = job_run;
	req->job.done = job_done;
	req->state = REQ_POOL;
	req->detached = true;
	if (pool_submit(srv->pool, &req->job) != LOA_OK) {
		req->state = REQ_LOOP;
		req->detached = false;
		send_busy(req);
		return;
	}
	atomic_fetch_add_explicit(&req->loop->inflight, 1, memory_order_relaxed);
}

bool http_work_test_hook(struct http_server *srv, struct http_req *req)
{
	if (!srv->hold)
		return false;
	if (http_req_header(req, "x-loa-test-release")) {
		hold_release(srv->hold, false);
		http_send(req, 200, "text/plain; charset=utf-8", "released\n", 9, 0);
		return true;
	}
	if (http_req_header(req, "x-loa-test-pool")) {
		struct pool_stats ps = {0};
		unsigned held;
		size_t inflight = 0;
		for (unsigned i = 0; i < srv->nloops; i++)
			inflight += atomic_load_explicit(&srv->loops[i].inflight, memory_order_relaxed);
		if (srv->pool)
			pool_get_stats(srv->pool, &ps);
		pthread_mutex_lock(&srv->hold->mu);
		held = srv->hold->held;
		pthread_mutex_unlock(&srv->hold->mu);
		char *text = buf_newf("workers=%u queue=%zu admitted=%zu running=%zu held=%u inflight=%zu refused=%llu\n",
				      ps.workers, ps.queue, ps.admitted, ps.running, held, inflight, ps.refused);
		http_send(req, 200, "text/plain; charset=utf-8", text, strlen(text), 0);
		free(text);
		return true;
	}
	return false;
}

int http_work_start(struct http_server *srv, char **err)
{
	if (srv->cfg.test_hooks) {
		srv->hold = calloc(1, sizeof *srv->hold);
		if (!srv->hold)
			abort();
		pthread_mutex_init(&srv->hold->mu, NULL);
		pthread_cond_init(&srv->hold->cv, NULL);
	}
	if (srv->cfg.workers == 0)
		return LOA_OK;
	for (unsigned i = 0; i < srv->nloops; i++) {
		struct http_loop *loop = &srv->loops[i];
		h2o_multithread_register_receiver(loop->ctx.queue, &loop->done_receiver, on_done);
		loop->receiver_registered = true;
	}
	struct pool_hooks hooks = {srv->cfg.worker_open, srv->cfg.worker_close, srv->app};
	srv->pool = pool_new(srv->cfg.workers, srv->cfg.queue, &hooks, err);
	if (!srv->pool)
		return LOA_ERROR;
	return srv->cfg.tick ? ticker_start(srv, err) : LOA_OK;
}

void http_work_stopping(struct http_server *srv)
{
	ticker_stop(srv);
	if (srv->hold)
		hold_release(srv->hold, true);
}

void http_work_stop(struct http_server *srv)
{
	ticker_stop(srv);
	if (srv->hold)
		hold_release(srv->hold, true);
	if (srv->pool) {
		/* every admitted job runs to its end and posts its request back
		 * to its loop (http_work_loop_done takes them) */
		pool_free(srv->pool);
		srv->pool = NULL;
	}
}

void http_work_loop_done(struct http_loop *loop)
{
	while (atomic_load(&loop->inflight) > 0)
		h2o_evloop_run(loop->loop, 10);
	if (loop->receiver_registered) {
		h2o_multithread_unregister_receiver(loop->ctx.queue, &loop->done_receiver);
		loop->receiver_registered = false;
	}
}

void http_work_free(struct http_server *srv)
{
	if (srv->hold) {
		pthread_cond_destroy(&srv->hold->cv);
		pthread_mutex_destroy(&srv->hold->mu);
		free(srv->hold);
		srv->hold = NULL;
	}
}
