// SPDX-License-Identifier: GPL-2.0
/* Timeouts, wake-ups and signals of ONLOAD_IOC_EPOLL_WAIT. */
#include "common.h"
#include "epoll_timing.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

/* Generous: TCG guests on a busy host can be very slow. */
#define SLOW_MS		5000ull
#define MS		1000000ull

static void watchdog_fire(int sig)
{
	static const char msg[] =
		"RESULT FAIL watchdog: test did not finish in time (hung ioctl?)\n";
	ssize_t rc;

	(void)sig;
	rc = write(1, msg, sizeof(msg) - 1);
	(void)rc;
	_exit(1);
}

void watchdog_start(unsigned int secs)
{
	signal(SIGALRM, watchdog_fire);
	alarm(secs);
}

/* An ioctl-created set holding the (empty) read end of a pipe. */
static int idle_set(int dev, int p[2])
{
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 42 };
	int epfd;

	if (pipe(p) < 0)
		return -1;
	epfd = ol_epoll_create(dev, 0);
	if (epfd < 0 || ol_epoll_ctl(dev, epfd, EPOLL_CTL_ADD, p[0], &ev)) {
		int err = errno;

		close(p[0]);
		close(p[1]);
		if (epfd >= 0)
			close(epfd);
		errno = err;
		return -1;
	}
	return epfd;
}

static uint64_t timed_wait(int dev, int epfd, int timeout, int *n, int *err)
{
	struct epoll_event ev[4];
	uint64_t t0 = t_now_ns();

	*n = ol_epoll_wait(dev, epfd, ev, 4, timeout, NULL);
	*err = *n < 0 ? errno : 0;
	return t_now_ns() - t0;
}

void test_timeouts(int dev)
{
	struct epoll_event nev[1];
	uint64_t dt, ndt;
	int p[2], epfd, nepfd, n, err;

	epfd = idle_set(dev, p);
	if (epfd < 0) {
		t_fail("epoll_timeout_setup", "%s", strerror(errno));
		return;
	}
	dt = timed_wait(dev, epfd, 0, &n, &err);
	t_check(n == 0 && dt < SLOW_MS * MS, "epoll_timeout_0",
		"nready %d (%s) after %llu us", n, t_errname(err),
		(unsigned long long)dt / 1000);

	dt = timed_wait(dev, epfd, 100, &n, &err);
	t_check(n == 0 && dt >= 99 * MS && dt < SLOW_MS * MS,
		"epoll_timeout_100ms", "nready %d (%s) after %llu us", n,
		t_errname(err), (unsigned long long)dt / 1000);

	/* For comparison only: the same wait natively. */
	nepfd = epoll_create1(0);
	if (nepfd >= 0) {
		struct epoll_event ev = { .events = EPOLLIN };

		epoll_ctl(nepfd, EPOLL_CTL_ADD, p[0], &ev);
		ndt = t_now_ns();
		epoll_wait(nepfd, nev, 1, 100);
		ndt = t_now_ns() - ndt;
		t_info("native epoll_wait(100 ms) took %llu us, ioctl %llu us",
		       (unsigned long long)ndt / 1000,
		       (unsigned long long)dt / 1000);
		close(nepfd);
	}

	if (write(p[1], "x", 1) != 1)
		t_fail("epoll_timeout_write", "%s", strerror(errno));
	dt = timed_wait(dev, epfd, -1, &n, &err);
	t_check(n == 1 && dt < SLOW_MS * MS, "epoll_timeout_inf_ready",
		"timeout -1 with data ready: nready %d (%s) after %llu us", n,
		t_errname(err), (unsigned long long)dt / 1000);
	/*
	 * Ready data returns at once, not after the timeout: a long timeout
	 * and a bound of half of it, so that only a wait that really slept
	 * fails, not a guest the busy host stalled for a moment.
	 */
	dt = timed_wait(dev, epfd, 4000, &n, &err);
	t_check(n == 1 && dt < 2000 * MS, "epoll_timeout_4s_ready",
		"timeout 4000 ms with data ready: nready %d (%s) after %llu us",
		n, t_errname(err), (unsigned long long)dt / 1000);
	close(epfd);
	close(p[0]);
	close(p[1]);
}

struct delayed {
	int fd;
	unsigned int ms;
	pthread_t target;
	int sig;
	int done;
	uint64_t write_ns;	/* when the write was issued */
};

/*
 * After d->ms, write to d->fd or, with d->sig, signal d->target every
 * d->ms until d->done (so a signal that came too early is repeated).
 */
static void *delayed_action(void *arg)
{
	struct delayed *d = arg;
	ssize_t rc;
	int i;

	if (!d->sig) {
		t_sleep_ms(d->ms);
		__atomic_store_n(&d->write_ns, t_now_ns(), __ATOMIC_RELEASE);
		rc = write(d->fd, "w", 1);
		(void)rc;
		return NULL;
	}
	for (i = 0; i < 50 && !__atomic_load_n(&d->done, __ATOMIC_ACQUIRE); i++) {
		t_sleep_ms(d->ms);
		if (!__atomic_load_n(&d->done, __ATOMIC_ACQUIRE))
			pthread_kill(d->target, d->sig);
	}
	return NULL;
}

void test_wakeup(int dev)
{
	struct delayed d = { .ms = 50 };
	pthread_t th;
	uint64_t dt, start;
	int p[2], epfd, n, err;

	epfd = idle_set(dev, p);
	if (epfd < 0) {
		t_fail("epoll_wakeup", "setup: %s", strerror(errno));
		return;
	}
	d.fd = p[1];
	if (pthread_create(&th, NULL, delayed_action, &d)) {
		t_fail("epoll_wakeup", "pthread_create failed");
	} else {
		/*
		 * The wait must have begun before the write (so the write
		 * woke it) and must end with the event.  A fixed lower bound
		 * on dt would fail whenever the host stalls this thread.
		 */
		start = t_now_ns();
		dt = timed_wait(dev, epfd, -1, &n, &err);
		pthread_join(th, NULL);
		t_check(n == 1 && d.write_ns > start && dt < SLOW_MS * MS,
			"epoll_wakeup", "write after 50 ms woke timeout -1: nready %d (%s) after %llu us, write %lld us after the wait began",
			n, t_errname(err), (unsigned long long)dt / 1000,
			((long long)d.write_ns - (long long)start) / 1000);
	}
	close(epfd);
	close(p[0]);
	close(p[1]);
}

static void on_usr1(int sig)
{
	(void)sig;
}

void test_eintr(int dev)
{
	struct delayed d = { .ms = 100, .sig = SIGUSR1 };
	struct sigaction sa;
	pthread_t th;
	uint64_t dt;
	int p[2], epfd, n, err;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;	/* no SA_RESTART */
	sigaction(SIGUSR1, &sa, NULL);
	epfd = idle_set(dev, p);
	if (epfd < 0) {
		t_fail("epoll_eintr", "setup: %s", strerror(errno));
		return;
	}
	d.target = pthread_self();
	if (pthread_create(&th, NULL, delayed_action, &d)) {
		t_fail("epoll_eintr", "pthread_create failed");
	} else {
		dt = timed_wait(dev, epfd, 3000, &n, &err);
		__atomic_store_n(&d.done, 1, __ATOMIC_RELEASE);
		pthread_join(th, NULL);
		t_check(n == -1 && err == EINTR, "epoll_eintr",
			"signal during a 3 s wait: nready %d (%s) after %llu us",
			n, t_errname(err), (unsigned long long)dt / 1000);
	}
	close(epfd);
	close(p[0]);
	close(p[1]);
	signal(SIGUSR1, SIG_DFL);
}
