// SPDX-License-Identifier: GPL-2.0
/*
 * onload_badinput_test: bad commands, pointers, fds and sizes give an
 * errno (the native one where a native call exists), never success and
 * never a crash (the host checks dmesg).
 */
#include "common.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define BADFD	12345

static int dev;

/* PASS if rc < 0 with errno @e1 or @e2 (0: none). */
static void expect_err(const char *name, int rc, int err, int e1, int e2)
{
	t_check(rc < 0 && (err == e1 || (e2 && err == e2)), name,
		"rc %d errno %s (want %s%s%s)", rc, rc < 0 ? t_errname(err) : "-",
		t_errname(e1), e2 ? " or " : "", e2 ? t_errname(e2) : "");
}

static void test_unknown_cmds(void)
{
	static const struct {
		const char *name;
		unsigned long cmd;
	} cmds[] = {
		{ "bad_cmd_unknown_nr", _IO(ONLOAD_IOC_MAGIC, 0x7f) },
		{ "bad_cmd_wrong_size", _IOWR(ONLOAD_IOC_MAGIC, 1, __u32) },
		{ "bad_cmd_wrong_dir", _IO(ONLOAD_IOC_MAGIC, 0) },
		/* uapi 1 encodings: _IOWR and magic 0xb6 */
		{ "bad_cmd_uapi1_dir_create",
		  _IOWR(ONLOAD_IOC_MAGIC, 1, struct onload_epoll_create) },
		{ "bad_cmd_uapi1_dir_wait",
		  _IOWR(ONLOAD_IOC_MAGIC, 3, struct onload_epoll_wait) },
		{ "bad_cmd_uapi1_dir_bpf",
		  _IOWR(ONLOAD_IOC_MAGIC, 4, struct onload_bpf_array) },
		{ "bad_cmd_uapi1_magic_version",
		  _IOR(0xb6, 0, struct onload_version) },
		{ "bad_cmd_uapi1_magic_create",
		  _IOWR(0xb6, 1, struct onload_epoll_create) },
		{ "bad_cmd_tcgets", 0x5401 },
	};
	char buf[256];
	unsigned int i;
	int rc;

	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		memset(buf, 0, sizeof(buf));
		rc = ioctl(dev, cmds[i].cmd, buf);
		expect_err(cmds[i].name, rc, errno, ENOTTY, EINVAL);
	}
}

static void test_bad_pointers(void)
{
	const struct ol_cmd *cmds = ol_cmds;
	void *ptrs[3] = { NULL, (void *)1, (void *)(uintptr_t)-4096 };
	static const char *const pname[] = { "null", "one", "kernel" };
	/* A high (kernel) address only means something to 64-bit callers. */
	int nptr = sizeof(void *) == 8 ? 3 : 2;
	unsigned int i;
	char name[64];
	int j, rc;

	for (i = 0; i < OL_NCMDS; i++) {
		for (j = 0; j < nptr; j++) {
			snprintf(name, sizeof(name), "bad_ptr_%s_%s",
				 cmds[i].name, pname[j]);
			rc = ioctl(dev, cmds[i].cmd, ptrs[j]);
			expect_err(name, rc, errno, EFAULT, 0);
		}
	}
}

/* ioctl and native must fail alike. */
static void same_err(const char *name, int rn, int en, int ro, int eo)
{
	t_check(rn < 0 && ro < 0 && en == eo, name,
		"native %d %s, ioctl %d %s", rn, rn < 0 ? t_errname(en) : "-",
		ro, ro < 0 ? t_errname(eo) : "-");
}

static void test_bad_fds(void)
{
	struct epoll_event ev = { .events = EPOLLIN }, out[2];
	int p[2], dir, epfd, nat, rn, en, ro, eo;

	if (pipe(p) < 0)
		return;
	dir = open("/", O_RDONLY | O_DIRECTORY);
	epfd = ol_epoll_create(dev, 0);
	nat = epoll_create1(0);

	rn = epoll_wait(BADFD, out, 2, 0); en = errno;
	ro = ol_epoll_wait(dev, BADFD, out, 2, 0, NULL); eo = errno;
	same_err("bad_fd_wait_epfd_closed", rn, en, ro, eo);
	rn = epoll_wait(p[0], out, 2, 0); en = errno;
	ro = ol_epoll_wait(dev, p[0], out, 2, 0, NULL); eo = errno;
	same_err("bad_fd_wait_epfd_pipe", rn, en, ro, eo);
	rn = epoll_ctl(BADFD, EPOLL_CTL_ADD, p[0], &ev); en = errno;
	ro = ol_epoll_ctl(dev, BADFD, EPOLL_CTL_ADD, p[0], &ev); eo = errno;
	same_err("bad_fd_ctl_epfd_closed", rn, en, ro, eo);
	rn = epoll_ctl(p[1], EPOLL_CTL_ADD, p[0], &ev); en = errno;
	ro = ol_epoll_ctl(dev, p[1], EPOLL_CTL_ADD, p[0], &ev); eo = errno;
	same_err("bad_fd_ctl_epfd_pipe", rn, en, ro, eo);
	rn = epoll_ctl(nat, EPOLL_CTL_ADD, BADFD, &ev); en = errno;
	ro = ol_epoll_ctl(dev, epfd, EPOLL_CTL_ADD, BADFD, &ev); eo = errno;
	same_err("bad_fd_ctl_fd_closed", rn, en, ro, eo);
	rn = epoll_ctl(nat, EPOLL_CTL_ADD, dir, &ev); en = errno;
	ro = ol_epoll_ctl(dev, epfd, EPOLL_CTL_ADD, dir, &ev); eo = errno;
	same_err("bad_fd_ctl_fd_not_pollable", rn, en, ro, eo);
	rn = epoll_ctl(nat, 99, p[0], &ev); en = errno;
	ro = ol_epoll_ctl(dev, epfd, 99, p[0], &ev); eo = errno;
	same_err("bad_ctl_op", rn, en, ro, eo);
	rn = epoll_create1(0x1234); en = errno;
	ro = ol_epoll_create(dev, 0x1234); eo = errno;
	same_err("bad_create_flags", rn, en, ro, eo);

	rn = fcntl(BADFD, F_GETFD); en = errno;
	ro = ol_close_on_exec(dev, BADFD); eo = errno;
	same_err("bad_fd_close_on_exec", rn, en, ro, eo);
	ro = ol_close_on_exec(dev, -1);
	expect_err("bad_fd_close_on_exec_negative", ro, errno, EBADF, 0);

	close(epfd);
	close(nat);
	close(dir);
	close(p[0]);
	close(p[1]);
}

static void test_wait_args(void)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 3 }, *big;
	struct onload_epoll_wait w;
	int epfd, efd, rc, ioctl_rc;
	uintptr_t good;

	epfd = ol_epoll_create(dev, 0);
	efd = eventfd(1, 0);		/* readable: copy-out will happen */
	if (epfd < 0 || efd < 0 ||
	    ol_epoll_ctl(dev, epfd, EPOLL_CTL_ADD, efd, &ev) < 0) {
		t_fail("bad_wait_setup", "%s", strerror(errno));
		return;
	}
	big = calloc(ONLOAD_EPOLL_MAX_EVENTS + 1, sizeof(*big));

	rc = ol_epoll_wait(dev, epfd, big, 0, 0, NULL);
	expect_err("bad_wait_maxevents_0", rc, errno, EINVAL, 0);
	rc = ol_epoll_wait(dev, epfd, big, -1, 0, NULL);
	expect_err("bad_wait_maxevents_negative", rc, errno, EINVAL, 0);
	rc = ol_epoll_wait(dev, epfd, big, ONLOAD_EPOLL_MAX_EVENTS + 1, 0, NULL);
	expect_err("bad_wait_maxevents_over_max", rc, errno, EINVAL, 0);
	rc = ol_epoll_wait(dev, epfd, big, ONLOAD_EPOLL_MAX_EVENTS, 0, &ioctl_rc);
	t_check(rc == 1, "wait_maxevents_max", "maxevents %d: %d (%s)",
		ONLOAD_EPOLL_MAX_EVENTS, rc, rc < 0 ? t_errname(errno) : "ok");

	rc = ol_epoll_wait(dev, epfd, NULL, 4, 0, NULL);
	expect_err("bad_wait_events_null", rc, errno, EFAULT, 0);
	rc = ol_epoll_wait(dev, epfd, (void *)8, 4, 0, NULL);
	expect_err("bad_wait_events_low", rc, errno, EFAULT, 0);

	/* High bits set above a valid buffer: must not be truncated. */
	good = (uintptr_t)big;
	memset(&w, 0, sizeof(w));
	w.epfd = epfd;
	w.maxevents = 4;
	w.events = (__u64)good | (1ull << 63) | (1ull << 32);
	rc = ioctl(dev, ONLOAD_IOC_EPOLL_WAIT, &w);
	expect_err("bad_wait_events_high_bits", rc, errno, EFAULT, EINVAL);

	free(big);
	close(efd);
	close(epfd);
}

static void test_bpf_sizes(void)
{
	static const struct {
		unsigned int vsize, entries;
	} bad[] = {
		{ 0, 4 }, { 8, 0 }, { 0xffffffffu, 1 }, { 8, 0xffffffffu },
		{ 1u << 30, 1u << 20 },
	};
	unsigned int i;
	char name[64];
	int fd;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		snprintf(name, sizeof(name), "bad_bpf_%#x_%#x", bad[i].vsize,
			 bad[i].entries);
		fd = ol_bpf_array(dev, bad[i].vsize, bad[i].entries);
		t_check(fd < 0, name, "%s", fd < 0 ? t_errname(errno) :
			"succeeded");
		if (fd >= 0)
			close(fd);
	}
}

static void test_pfn_args(void)
{
	uint64_t pfn;
	int rc;

	rc = ol_user_pfn(dev, (void *)(uintptr_t)-4096, &pfn);
	t_check(rc < 0, "bad_pfn_high_addr", "%s",
		rc < 0 ? t_errname(errno) : "succeeded");
}

int main(void)
{
	int before;

	t_init();
	dev = t_open_dev();
	if (dev < 0)
		return 1;
	before = t_count_fds();
	test_unknown_cmds();
	test_bad_pointers();
	test_bad_fds();
	test_wait_args();
	test_bpf_sizes();
	test_pfn_args();
	t_check(t_count_fds() == before, "bad_fd_leak",
		"open fds before %d after %d", before, t_count_fds());
	close(dev);
	return t_exit_code();
}
