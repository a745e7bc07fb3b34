/* accesslog.c — the buffered access log file and its writer thread
 * (accesslog.h).
 *
 * Two buffers: `fill`, which loop threads append to under `mu`, and
 * `spare`, which only the writer touches. The writer swaps them under the
 * lock and writes the full one outside it, so an append never waits for
 * the disk. Only the writer opens, writes and closes the file. */
#include "core/accesslog.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/mem.h"

struct accesslog {
	pthread_mutex_t mu;
	pthread_cond_t wake;
	char *fill, *spare;
	size_t len, cap;     /* bytes in fill; size of each buffer */
	uint64_t dropped;    /* total, for accesslog_dropped */
	uint64_t unreported; /* dropped since the writer last logged it */
	bool reopen, stop;
	bool write_failed;   /* the last write failed: log once, not per flush */

	char *path;
	int fd;              /* writer's after start */
	pthread_t thread;
};

static int open_log(const char *path)
{
	return open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
}

static void write_all(struct accesslog *al, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(al->fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (!al->write_failed)
				log_error("không ghi được nhật ký truy cập %s (mã lỗi %d); các dòng này bị bỏ", al->path,
					  errno);
			al->write_failed = true;
			return;
		}
		p += w;
		n -= (size_t)w;
	}
	al->write_failed = false;
}

static void *writer(void *arg)
{
	struct accesslog *al = arg;
	bool done = false;

	while (!done) {
		pthread_mutex_lock(&al->mu);
		if (!al->stop && !al->reopen && al->len < al->cap / 2) {
			struct timespec ts;
			clock_gettime(CLOCK_MONOTONIC, &ts);
			ts.tv_nsec += (long)ACCESSLOG_FLUSH_MS * 1000000L;
			ts.tv_sec += ts.tv_nsec / 1000000000L;
			ts.tv_nsec %= 1000000000L;
			pthread_cond_timedwait(&al->wake, &al->mu, &ts);
		}
		char *out = al->fill;
		size_t n = al->len;
		al->fill = al->spare;
		al->spare = out;
		al->len = 0;
		bool reopen = al->reopen;
		uint64_t dropped = al->unreported;
		al->reopen = false;
		al->unreported = 0;
		done = al->stop;
		pthread_mutex_unlock(&al->mu);

		if (reopen) {
			int fd = open_log(al->path);
			if (fd < 0) {
				log_error("không mở lại được nhật ký truy cập %s: %s; vẫn ghi vào tệp cũ", al->path,
					  log_open_failure(errno));
			} else {
				close(al->fd);
				al->fd = fd;
			}
		}
		if (n)
			write_all(al, out, n);
		if (dropped)
			log_warn("bộ đệm nhật ký truy cập đầy: đã bỏ %llu dòng", (unsigned long long)dropped);
	}
	return NULL;
}

struct accesslog *accesslog_new(const char *path, size_t buf_bytes, char **err)
{
	pthread_condattr_t ca;
	*err = NULL;
	int fd = open_log(path);
	if (fd < 0) {
		*err = buf_newf("không mở được nhật ký truy cập %s: %s", path, log_open_failure(errno));
		return NULL;
	}
	struct accesslog *al = xcalloc(1, sizeof *al);
	al->cap = buf_bytes ? buf_bytes : ACCESSLOG_BUF_BYTES;
	al->fill = xmalloc(al->cap);
	al->spare = xmalloc(al->cap);
	al->path = xstrdup(path);
	al->fd = fd;
	pthread_mutex_init(&al->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&al->wake, &ca);
	pthread_condattr_destroy(&ca);
	if (pthread_create(&al->thread, NULL, writer, al) != 0) {
		*err = xstrdup("không khởi động được luồng ghi nhật ký truy cập");
		pthread_cond_destroy(&al->wake);
		pthread_mutex_destroy(&al->mu);
		close(fd);
		free(al->path);
		free(al->spare);
		free(al->fill);
		free(al);
		return NULL;
	}
	return al;
}

void accesslog_append(struct accesslog *al, const char *line, size_t len)
{
	pthread_mutex_lock(&al->mu);
	if (len >= ACCESSLOG_LINE_MAX || al->len + len + 1 > al->cap) {
		al->dropped++;
		al->unreported++;
	} else {
		bool was_below = al->len < al->cap / 2;
		memcpy(al->fill + al->len, line, len);
		al->fill[al->len + len] = '\n';
		al->len += len + 1;
		/* wake the writer once when the buffer passes half, not per line */
		if (was_below && al->len >= al->cap / 2)
			pthread_cond_signal(&al->wake);
	}
	pthread_mutex_unlock(&al->mu);
}

void accesslog_reopen(struct accesslog *al)
{
	pthread_mutex_lock(&al->mu);
	al->reopen = true;
	pthread_cond_signal(&al->wake);
	pthread_mutex_unlock(&al->mu);
}

uint64_t accesslog_dropped(struct accesslog *al)
{
	pthread_mutex_lock(&al->mu);
	uint64_t n = al->dropped;
	pthread_mutex_unlock(&al->mu);
	return n;
}

void accesslog_free(struct accesslog *al)
{
	if (!al)
		return;
	pthread_mutex_lock(&al->mu);
	al->stop = true;
	pthread_cond_signal(&al->wake);
	pthread_mutex_unlock(&al->mu);
	pthread_join(al->thread, NULL);
	close(al->fd);
	pthread_cond_destroy(&al->wake);
	pthread_mutex_destroy(&al->mu);
	free(al->path);
	free(al->spare);
	free(al->fill);
	free(al);
}
