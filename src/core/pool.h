/* pool.h — a bounded pool of worker threads with a bounded queue.
 *
 * The event loops hand slow work (database reads and rendering on a cache
 * miss, searches, writes, password hashing, fsync, images) to a pool so
 * that no reader waits behind it. A pool has a fixed number of workers
 * and admits at most `workers + queue` jobs at once (those running and
 * those waiting): pool_submit refuses more with LOA_BUSY instead of
 * building an unbounded backlog, and the caller answers 503.
 *
 * Each worker owns a context made by the caller's open hook on that
 * worker's thread (e.g. its own database connection) and handed to every
 * job the worker runs; the close hook releases it on the same thread.
 *
 * A job is the caller's memory: it must stay valid until its run function
 * has returned, and until its done function is called when it has one.
 * run is called on a worker thread exactly once for every admitted job
 * (pool_free drains the queue before it returns); then the job stops
 * counting against the bound, and then done (if not NULL) is called on the
 * same thread: that is where the caller signals completion to whoever
 * waits (an eventfd, h2o's inter-thread queue), so that whoever sees the
 * completion also sees the job's place free again. The pool touches a job
 * no more once it calls done (or once run returns, without done), so
 * either may free or hand the job over.
 *
 * Threads: pool_submit and pool_stats may be called from any thread;
 * pool_new and pool_free from one controlling thread. */
#ifndef LOA_POOL_H
#define LOA_POOL_H

#include <stddef.h>

struct pool;

struct pool_job {
	struct pool_job *next;      /* the pool's, while queued */
	void (*run)(struct pool_job *job, void *worker_ctx);
	void (*done)(struct pool_job *job); /* may be NULL */
};

struct pool_hooks {
	/* Called on each worker thread before it takes jobs; the result is
	 * that worker's context. NULL with *err (malloc'ed) set makes
	 * pool_new fail. May be NULL: the context is then `arg`. */
	void *(*open)(void *arg, unsigned index, char **err);
	/* Called on the worker thread after its last job. May be NULL. */
	void (*close)(void *arg, void *worker_ctx);
	void *arg;
};

struct pool_stats {
	unsigned workers;
	size_t queue;               /* bound on waiting jobs */
	size_t admitted;            /* jobs running or waiting now */
	size_t running;
	unsigned long long done;    /* jobs whose run has returned */
	unsigned long long refused; /* pool_submit answers LOA_BUSY */
};

/* Starts `workers` threads (at least 1) and waits until each has opened its
 * context. NULL with *err (malloc'ed) when a thread or a context could not
 * be made; the workers already started are stopped again. */
struct pool *pool_new(unsigned workers, size_t queue, const struct pool_hooks *hooks, char **err);
/* Admits job (LOA_OK) or refuses it when workers + queue jobs are already
 * admitted or the pool is stopping (LOA_BUSY; the job is untouched). */
int pool_submit(struct pool *p, struct pool_job *job);
void pool_get_stats(struct pool *p, struct pool_stats *out);
/* Stops admitting, lets the workers run every job already admitted, closes
 * their contexts, joins them and frees the pool. NULL is ignored. */
void pool_free(struct pool *p);

#endif
