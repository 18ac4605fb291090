// SPDX-License-Identifier: GPL-2.0
/*
 * onload_epoll_test: epoll through /dev/onload against native epoll.
 *
 * Two sets, one from epoll_create1() and one from ONLOAD_IOC_EPOLL_CREATE,
 * get the same pipes and eventfds with the same events (level and edge
 * triggered); every round compares native epoll_wait/epoll_pwait on the
 * native set with ONLOAD_IOC_EPOLL_WAIT on the ioctl set.  Timing checks
 * are in epoll_timing.c.
 */
#include "common.h"
#include "epoll_timing.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <unistd.h>

#define MAXEV	16

static void test_create(int dev)
{
	struct epoll_event ev[1];
	char link[128];
	int epfd, fl, n;

	epfd = ol_epoll_create(dev, 0);
	if (epfd < 0) {
		t_fail("epoll_create", "ioctl: %s", strerror(errno));
		return;
	}
	if (t_fd_link(epfd, link, sizeof(link)) < 0)
		snprintf(link, sizeof(link), "(readlink: %s)", strerror(errno));
	t_check(!strcmp(link, "anon_inode:[eventpoll]"), "epoll_create_fd",
		"epfd %d -> %s", epfd, link);
	fl = fcntl(epfd, F_GETFD);
	t_check(fl == 0, "epoll_create_nocloexec",
		"flags 0: F_GETFD %d", fl);
	n = epoll_wait(epfd, ev, 1, 0);
	t_check(n == 0, "epoll_create_native_wait",
		"native epoll_wait on the ioctl's epfd: %d (%s)", n,
		n < 0 ? strerror(errno) : "ok");
	n = close(epfd);
	t_check(n == 0, "epoll_create_close", "close: %s",
		n ? strerror(errno) : "ok");
	fl = fcntl(epfd, F_GETFD);
	t_check(fl < 0 && errno == EBADF, "epoll_create_closed",
		"after close F_GETFD %d (%s)", fl, fl < 0 ? t_errname(errno) : "");

	epfd = ol_epoll_create(dev, EPOLL_CLOEXEC);
	if (epfd < 0) {
		t_fail("epoll_create_cloexec", "ioctl: %s", strerror(errno));
		return;
	}
	fl = fcntl(epfd, F_GETFD);
	t_check(fl == FD_CLOEXEC, "epoll_create_cloexec",
		"EPOLL_CLOEXEC: F_GETFD %d", fl);
	close(epfd);
}

struct set_pair {
	int dev;
	int nat;	/* from epoll_create1 */
	int ol;		/* from ONLOAD_IOC_EPOLL_CREATE */
};

/* The same epoll_ctl on both sets; both must agree. */
static void ctl_both(struct set_pair *s, const char *name, int op, int fd,
		     uint32_t events, uint64_t data)
{
	struct epoll_event ev = { .events = events, .data.u64 = data };
	int rn, ro, en = 0, eo = 0;

	rn = epoll_ctl(s->nat, op, fd, &ev);
	if (rn < 0)
		en = errno;
	ro = ol_epoll_ctl(s->dev, s->ol, op, fd, &ev);
	if (ro < 0)
		eo = errno;
	if (rn != ro || en != eo || rn < 0)
		t_fail(name, "op %d fd %d: native %d (%s), ioctl %d (%s)", op,
		       fd, rn, t_errname(en), ro, t_errname(eo));
}

/* Native wait on s->nat vs ioctl wait on s->ol, both against @exp. */
static void round_cmp(struct set_pair *s, const char *name, int pwait,
		      const struct epoll_event *exp, int nexp)
{
	struct epoll_event nev[MAXEV], oev[MAXEV];
	char b1[256], b2[256];
	sigset_t ss;
	int nn, on, rc;

	memset(nev, 0, sizeof(nev));
	memset(oev, 0, sizeof(oev));
	sigemptyset(&ss);
	if (pwait)
		nn = epoll_pwait(s->nat, nev, MAXEV, 0, &ss);
	else
		nn = epoll_wait(s->nat, nev, MAXEV, 0);
	if (nn < 0) {
		t_fail(name, "native epoll_%swait: %s", pwait ? "p" : "",
		       strerror(errno));
		return;
	}
	on = ol_epoll_wait(s->dev, s->ol, oev, MAXEV, 0, &rc);
	if (on < 0) {
		t_fail(name, "ioctl wait: %s", strerror(errno));
		return;
	}
	if (rc != on) {		/* uapi 2: the return value is nready */
		t_fail(name, "ioctl returned %d but nready is %d", rc, on);
		return;
	}
	if (!ev_equal(nev, nn, exp, nexp)) {
		t_fail(name, "native %s differs from expected %s",
		       ev_format(nev, nn, b1, sizeof(b1)),
		       ev_format(exp, nexp, b2, sizeof(b2)));
		return;
	}
	t_check(ev_equal(nev, nn, oev, on), name, "%d events: native %s ioctl %s",
		on, ev_format(nev, nn, b1, sizeof(b1)),
		ev_format(oev, on, b2, sizeof(b2)));
}

#define EV(d, e)	{ .events = (e), .data.u64 = (d) }
#define D_R1	0x1001ull
#define D_W1	0x1002ull
#define D_R2	0x1003ull
#define D_E1	0x100000004ull		/* all 64 bits must survive */
#define D_E2	0xfedcba9876543205ull
#define D_R1M	0x2001ull
#define D_E1M	0x2004ull

static void test_compare(int dev)
{
	static const struct epoll_event idle[] = {
		EV(D_W1, EPOLLOUT), EV(D_E2, EPOLLOUT),
	};
	static const struct epoll_event busy[] = {
		EV(D_R1, EPOLLIN), EV(D_W1, EPOLLOUT), EV(D_R2, EPOLLIN),
		EV(D_E1, EPOLLIN),
	};
	static const struct epoll_event again[] = {
		EV(D_R1, EPOLLIN), EV(D_W1, EPOLLOUT), EV(D_E1, EPOLLIN),
	};
	static const struct epoll_event modded[] = {
		EV(D_R1M, EPOLLIN), EV(D_E1M, EPOLLOUT),
	};
	static const struct epoll_event modded2[] = {
		EV(D_E1M, EPOLLOUT),
	};
	struct set_pair s = { .dev = dev };
	int p1[2], p2[2], e1, e2;
	uint64_t one = 1;
	int before = t_count_fds();

	if (pipe(p1) || pipe(p2)) {
		t_fail("epoll_cmp_setup", "pipe: %s", strerror(errno));
		return;
	}
	e1 = eventfd(0, EFD_NONBLOCK);
	e2 = eventfd(0, EFD_NONBLOCK);
	s.nat = epoll_create1(0);
	s.ol = ol_epoll_create(dev, 0);
	if (e1 < 0 || e2 < 0 || s.nat < 0 || s.ol < 0) {
		t_fail("epoll_cmp_setup", "eventfd/epoll_create: %s",
		       strerror(errno));
		return;
	}

	ctl_both(&s, "epoll_cmp_add", EPOLL_CTL_ADD, p1[0], EPOLLIN, D_R1);
	ctl_both(&s, "epoll_cmp_add", EPOLL_CTL_ADD, p1[1], EPOLLOUT, D_W1);
	ctl_both(&s, "epoll_cmp_add", EPOLL_CTL_ADD, p2[0], EPOLLIN | EPOLLET,
		 D_R2);
	ctl_both(&s, "epoll_cmp_add", EPOLL_CTL_ADD, e1, EPOLLIN, D_E1);
	ctl_both(&s, "epoll_cmp_add", EPOLL_CTL_ADD, e2,
		 EPOLLIN | EPOLLOUT | EPOLLET, D_E2);

	round_cmp(&s, "epoll_cmp_idle", 0, idle, ARRAY_SIZE(idle));
	if (write(p1[1], "x", 1) != 1 || write(p2[1], "y", 1) != 1 ||
	    write(e1, &one, sizeof(one)) != sizeof(one))
		t_fail("epoll_cmp_write", "write: %s", strerror(errno));
	round_cmp(&s, "epoll_cmp_ready", 0, busy, ARRAY_SIZE(busy));
	round_cmp(&s, "epoll_cmp_ready_again_pwait", 1, again,
		  ARRAY_SIZE(again));

	ctl_both(&s, "epoll_cmp_mod", EPOLL_CTL_MOD, p1[0], EPOLLIN | EPOLLET,
		 D_R1M);
	ctl_both(&s, "epoll_cmp_mod", EPOLL_CTL_MOD, e1, EPOLLOUT, D_E1M);
	ctl_both(&s, "epoll_cmp_del", EPOLL_CTL_DEL, p1[1], 0, 0);
	round_cmp(&s, "epoll_cmp_after_mod_del", 0, modded, ARRAY_SIZE(modded));
	round_cmp(&s, "epoll_cmp_after_mod_del_again", 1, modded2,
		  ARRAY_SIZE(modded2));

	close(s.nat);
	close(s.ol);
	close(p1[0]);
	close(p1[1]);
	close(p2[0]);
	close(p2[1]);
	close(e1);
	close(e2);
	t_check(t_count_fds() == before, "epoll_cmp_fds",
		"open fds before %d after %d", before, t_count_fds());
}

/*
 * Error cases of EPOLL_CTL must give the native errno.  fd -1 stands for
 * the set itself.
 */
static void ctl_err(struct set_pair *s, const char *name, int op, int fd)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 1 };
	int rn, ro, en, eo;

	rn = epoll_ctl(s->nat, op, fd == -1 ? s->nat : fd, &ev);
	en = rn < 0 ? errno : 0;
	ro = ol_epoll_ctl(s->dev, s->ol, op, fd == -1 ? s->ol : fd, &ev);
	eo = ro < 0 ? errno : 0;
	t_check(rn == ro && en == eo && rn < 0, name,
		"native %d %s, ioctl %d %s", rn, t_errname(en), ro,
		t_errname(eo));
}

static void test_ctl_errors(int dev)
{
	struct set_pair s = { .dev = dev };
	int efd = eventfd(0, 0);

	s.nat = epoll_create1(0);
	s.ol = ol_epoll_create(dev, 0);
	if (efd < 0 || s.nat < 0 || s.ol < 0) {
		t_fail("epoll_ctl_errors", "setup: %s", strerror(errno));
		return;
	}
	ctl_err(&s, "epoll_ctl_mod_unregistered", EPOLL_CTL_MOD, efd);
	ctl_err(&s, "epoll_ctl_del_unregistered", EPOLL_CTL_DEL, efd);
	ctl_both(&s, "epoll_ctl_add", EPOLL_CTL_ADD, efd, EPOLLIN, 1);
	ctl_err(&s, "epoll_ctl_add_twice", EPOLL_CTL_ADD, efd);
	ctl_err(&s, "epoll_ctl_add_self", EPOLL_CTL_ADD, -1);
	close(efd);
	close(s.nat);
	close(s.ol);
}

/*
 * uapi 2: EPOLL_CREATE returns the fd and EPOLL_WAIT nready as the ioctl's
 * value and write nothing back (_IOW): the reserved fields keep what the
 * caller put there and a read-only argument works.
 */
static void test_uapi2_no_writeback(int dev)
{
	struct onload_epoll_create c, *rc_arg;
	struct onload_epoll_wait w, *rw_arg;
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0x77 }, out[2];
	long pg = sysconf(_SC_PAGESIZE);
	int efd = eventfd(1, 0), epfd, fd, n, ok;
	unsigned char *ro;

	memset(&c, 0, sizeof(c));
	c.flags = EPOLL_CLOEXEC;
	c.reserved = 0x5a5a5a5a;
	epfd = ioctl(dev, ONLOAD_IOC_EPOLL_CREATE, &c);
	ok = epfd >= 0 && c.flags == EPOLL_CLOEXEC && c.reserved == 0x5a5a5a5a;
	t_check(ok, "epoll_uapi2_create_value",
		"fd %d as the return value (%s), reserved %#x (put 0x5a5a5a5a)",
		epfd, epfd < 0 ? t_errname(errno) : "ok", (unsigned)c.reserved);
	if (efd < 0 || epfd < 0 ||
	    ol_epoll_ctl(dev, epfd, EPOLL_CTL_ADD, efd, &ev) < 0) {
		t_fail("epoll_uapi2_setup", "%s", strerror(errno));
		goto out;
	}
	memset(&w, 0, sizeof(w));
	memset(out, 0, sizeof(out));
	w.epfd = epfd;
	w.maxevents = 2;
	w.timeout_ms = 0;
	w.reserved = 0x5a5a5a5a;
	w.events = (uintptr_t)out;
	n = ioctl(dev, ONLOAD_IOC_EPOLL_WAIT, &w);
	ok = n == 1 && out[0].data.u64 == 0x77 && w.reserved == 0x5a5a5a5a &&
	     w.epfd == epfd && w.maxevents == 2 && w.timeout_ms == 0 &&
	     w.events == (uintptr_t)out;
	t_check(ok, "epoll_uapi2_wait_value",
		"nready %d as the return value (%s), reserved %#x (put 0x5a5a5a5a)",
		n, n < 0 ? t_errname(errno) : "ok", (unsigned)w.reserved);

	/* The same from a read-only page. */
	ro = mmap(NULL, pg, PROT_READ | PROT_WRITE,
		  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (ro == MAP_FAILED) {
		t_fail("epoll_uapi2_setup", "mmap: %s", strerror(errno));
		goto out;
	}
	rc_arg = (void *)ro;
	rw_arg = (void *)(ro + 64);
	*rc_arg = c;
	*rw_arg = w;
	mprotect(ro, pg, PROT_READ);
	fd = ioctl(dev, ONLOAD_IOC_EPOLL_CREATE, rc_arg);
	t_check(fd >= 0, "epoll_uapi2_create_readonly_arg", "fd %d (%s)", fd,
		fd < 0 ? t_errname(errno) : "ok");
	if (fd >= 0)
		close(fd);
	memset(out, 0, sizeof(out));
	n = ioctl(dev, ONLOAD_IOC_EPOLL_WAIT, rw_arg);
	t_check(n == 1 && out[0].data.u64 == 0x77,
		"epoll_uapi2_wait_readonly_arg", "nready %d (%s)", n,
		n < 0 ? t_errname(errno) : "ok");
	munmap(ro, pg);
out:
	if (epfd >= 0)
		close(epfd);
	if (efd >= 0)
		close(efd);
}

/* A set made by the ioctl used natively and the other way round. */
static void test_cross(int dev)
{
	struct epoll_event ev = { .events = EPOLLIN }, out[4];
	int efd = eventfd(1, 0), x, y, n;

	x = ol_epoll_create(dev, 0);
	y = epoll_create1(0);
	if (efd < 0 || x < 0 || y < 0) {
		t_fail("epoll_cross", "setup: %s", strerror(errno));
		return;
	}
	ev.data.u64 = 7;
	epoll_ctl(x, EPOLL_CTL_ADD, efd, &ev);
	memset(out, 0, sizeof(out));
	n = ol_epoll_wait(dev, x, out, 4, 0, NULL);
	t_check(n == 1 && out[0].data.u64 == 7 && out[0].events == EPOLLIN,
		"epoll_cross_native_ctl", "native ctl, ioctl wait: n %d", n);
	ev.data.u64 = 8;
	n = ol_epoll_ctl(dev, y, EPOLL_CTL_ADD, efd, &ev);
	memset(out, 0, sizeof(out));
	if (n == 0)
		n = epoll_wait(y, out, 4, 0);
	t_check(n == 1 && out[0].data.u64 == 8 && out[0].events == EPOLLIN,
		"epoll_cross_ioctl_ctl", "ioctl ctl, native wait: n %d", n);
	n = ol_epoll_wait(dev, x, out, 1, 0, NULL);
	t_check(n == 1, "epoll_maxevents_1", "maxevents 1 with 1 ready: %d", n);
	close(x);
	close(y);
	close(efd);
}

int main(void)
{
	int dev, before;

	t_init();
	watchdog_start(120);
	dev = t_open_dev();
	if (dev < 0)
		return 1;
	before = t_count_fds();
	test_create(dev);
	test_compare(dev);
	test_ctl_errors(dev);
	test_cross(dev);
	test_uapi2_no_writeback(dev);
	test_timeouts(dev);
	test_wakeup(dev);
	test_eintr(dev);
	t_check(t_count_fds() == before, "epoll_fd_leak",
		"open fds before %d after %d", before, t_count_fds());
	close(dev);
	return t_exit_code();
}
