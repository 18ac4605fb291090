// SPDX-License-Identifier: GPL-2.0
/*
 * onload_stress SECONDS [THREADS [PAUSE_US]]: THREADS (default 4) threads
 * each loop { open /dev/onload; epoll create, ctl ADD of a readable
 * eventfd, wait (timeout 0, must give that event), ctl DEL, close; close
 * the device; sleep up to PAUSE_US (default 200) }.  Meant to run while
 * the module is removed and inserted again and again: an open failing
 * with ENOENT/ENODEV/ENXIO (module gone) is expected and retried; an open
 * fd keeps the module in place, so the pause leaves rmmod a window.
 * Any other error, a wrong result or an fd leak is a FAIL.  It ends after
 * SECONDS or as soon as /tmp/onload_stress.stop exists.
 */
#include "common.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <unistd.h>

/* The guest script creates this to end the run early. */
#define STRESS_STOP_FILE "/tmp/onload_stress.stop"
#define MAX_THREADS	64

struct counts {
	unsigned long opens;		/* successful opens of /dev/onload */
	unsigned long unavail;		/* open: ENOENT, ENODEV, ENXIO */
	unsigned long cycles;		/* complete epoll cycles */
	unsigned long ioctls;		/* successful ioctls */
	unsigned long unexpected;	/* anything else */
	int last_open_err;
};

struct worker {
	pthread_t th;
	int id;
	uint64_t end_ns;
	unsigned int pause_us;
	unsigned int seed;
	struct counts c;
};

static void unexpected(struct worker *w, const char *what, int rc, int err)
{
	/* Print the first few only; the count tells the rest. */
	if (w->c.unexpected++ < 5)
		t_info("thread %d: %s: rc %d %s", w->id, what, rc,
		       t_errname(err));
}

/* One create/ctl/wait/del/close cycle on an open device. */
static void cycle(struct worker *w, int dev, int efd)
{
	struct epoll_event ev = { .events = EPOLLIN }, out[2];
	uint64_t data = 0x5700000000ull | (unsigned int)w->id;
	int epfd, n;

	epfd = ol_epoll_create(dev, EPOLL_CLOEXEC);
	if (epfd < 0) {
		unexpected(w, "EPOLL_CREATE", epfd, errno);
		return;
	}
	w->c.ioctls++;
	ev.data.u64 = data;
	if (ol_epoll_ctl(dev, epfd, EPOLL_CTL_ADD, efd, &ev) < 0) {
		unexpected(w, "EPOLL_CTL ADD", -1, errno);
		goto out;
	}
	w->c.ioctls++;
	memset(out, 0, sizeof(out));
	n = ol_epoll_wait(dev, epfd, out, 2, 0, NULL);
	if (n < 0) {
		unexpected(w, "EPOLL_WAIT", n, errno);
		goto out;
	}
	w->c.ioctls++;
	if (n != 1 || out[0].data.u64 != data || out[0].events != EPOLLIN) {
		unexpected(w, "EPOLL_WAIT result", n, 0);
		goto out;
	}
	if (ol_epoll_ctl(dev, epfd, EPOLL_CTL_DEL, efd, NULL) < 0) {
		unexpected(w, "EPOLL_CTL DEL", -1, errno);
		goto out;
	}
	w->c.ioctls++;
	w->c.cycles++;
out:
	if (close(epfd) < 0)
		unexpected(w, "close(epfd)", -1, errno);
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	int dev, efd, i;

	efd = eventfd(1, EFD_CLOEXEC);		/* always readable */
	if (efd < 0) {
		unexpected(w, "eventfd", efd, errno);
		return NULL;
	}
	/* Runs until SECONDS pass or the stop file appears. */
	while (t_now_ns() < w->end_ns && access(STRESS_STOP_FILE, F_OK) != 0) {
		dev = open(ONLOAD_DEV, O_RDWR | O_CLOEXEC);
		if (dev < 0) {
			if (errno == ENOENT || errno == ENODEV || errno == ENXIO) {
				w->c.unavail++;
				w->c.last_open_err = errno;
			} else {
				unexpected(w, "open", dev, errno);
			}
			usleep(1000);
			continue;
		}
		w->c.opens++;
		for (i = 0; i < 4; i++)
			cycle(w, dev, efd);
		if (close(dev) < 0)
			unexpected(w, "close(dev)", -1, errno);
		if (w->pause_us)
			usleep(rand_r(&w->seed) % w->pause_us);
	}
	close(efd);
	return NULL;
}

int main(int argc, char **argv)
{
	struct worker *w;
	struct counts tot = { 0 };
	unsigned int secs, nthr = 4, pause_us = 200;
	int i, before, after;
	uint64_t t0;

	t_init();
	if (argc < 2 || argc > 4) {
		fprintf(stderr, "usage: %s SECONDS [THREADS [PAUSE_US]]\n",
			argv[0]);
		return 2;
	}
	secs = strtoul(argv[1], NULL, 0);
	if (argc > 2)
		nthr = strtoul(argv[2], NULL, 0);
	if (argc > 3)
		pause_us = strtoul(argv[3], NULL, 0);
	if (!nthr || nthr > MAX_THREADS) {
		fprintf(stderr, "%s: 1 to %d threads\n", argv[0], MAX_THREADS);
		return 2;
	}

	before = t_count_fds();
	t0 = t_now_ns();
	w = calloc(nthr, sizeof(*w));
	for (i = 0; i < (int)nthr; i++) {
		w[i].id = i;
		w[i].end_ns = t_now_ns() + secs * 1000000000ull;
		w[i].pause_us = pause_us;
		w[i].seed = 12345u + i;
		if (pthread_create(&w[i].th, NULL, worker_main, &w[i])) {
			t_fail("stress", "pthread_create failed");
			return 1;
		}
	}
	for (i = 0; i < (int)nthr; i++) {
		pthread_join(w[i].th, NULL);
		tot.opens += w[i].c.opens;
		tot.unavail += w[i].c.unavail;
		tot.cycles += w[i].c.cycles;
		tot.ioctls += w[i].c.ioctls;
		tot.unexpected += w[i].c.unexpected;
		if (w[i].c.last_open_err)
			tot.last_open_err = w[i].c.last_open_err;
	}
	after = t_count_fds();
	free(w);

	printf("BENCH stress_opens %lu\n", tot.opens);
	printf("BENCH stress_open_unavailable %lu\n", tot.unavail);
	printf("BENCH stress_cycles %lu\n", tot.cycles);
	printf("BENCH stress_ioctls %lu\n", tot.ioctls);
	printf("BENCH stress_unexpected %lu\n", tot.unexpected);
	if (!tot.opens) {
		t_fail("device", "%s never opened in %u s: %s", ONLOAD_DEV,
		       secs, t_errname(tot.last_open_err));
		return 1;
	}
	t_check(!tot.unexpected, "stress",
		"%u threads %.1f s (pauses up to %u us): %lu opens, %lu unavailable, %lu cycles, %lu ioctls, %lu unexpected",
		nthr, (t_now_ns() - t0) / 1e9, pause_us, tot.opens, tot.unavail, tot.cycles, tot.ioctls,
		tot.unexpected);
	t_check(before == after, "stress_fd_leak",
		"open fds before %d after %d", before, after);
	return t_exit_code();
}
