// SPDX-License-Identifier: GPL-2.0
/*
 * onload_compat_test [--expect-compat 0|1]: ONLOAD_IOC_VERSION and an
 * epoll round trip through the ioctls, several events at once so that the
 * stride of struct epoll_event (12 bytes on i386, 16 on arm) matters.
 * Meant for 32-bit builds running on 64-bit kernels; built for all.
 */
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <unistd.h>

#define NFD	3

/* Returns 1 when the module says it has no dispatch path for this caller. */
static int test_version(int dev, int expect)
{
	struct onload_version v;
	size_t dlen;

	if (ol_version(dev, &v) < 0) {
		t_fail("compat_version", "ioctl: %s", strerror(errno));
		return 0;
	}
	dlen = strnlen(v.dispatch, sizeof(v.dispatch));
	t_info("uapi_version %u is_compat %u dispatch \"%.*s\" (%zu-bit process, epoll_event %zu bytes)",
	       v.uapi_version, v.is_compat, (int)dlen, v.dispatch,
	       sizeof(long) * 8, sizeof(struct epoll_event));
	t_check(v.uapi_version == ONLOAD_UAPI_VERSION, "compat_uapi_version",
		"module %u, header %u", v.uapi_version, ONLOAD_UAPI_VERSION);
	t_check(dlen > 0 && dlen < sizeof(v.dispatch), "compat_dispatch",
		"\"%.*s\"", (int)dlen, v.dispatch);
	if (expect >= 0)
		t_check(v.is_compat == (unsigned int)expect, "compat_is_compat",
			"is_compat %u, expected %d", v.is_compat, expect);
	else
		t_pass("compat_is_compat", "is_compat %u (not asserted)",
		       v.is_compat);
	return dlen == 4 && !memcmp(v.dispatch, "none", 4);
}

static void test_epoll(int dev)
{
	struct epoll_event ev, out[NFD + 1];
	uint64_t data[NFD], seen = 0;
	int efd[NFD], epfd, i, j, n, bad = 0;
	char buf[256];

	epfd = ol_epoll_create(dev, EPOLL_CLOEXEC);
	if (epfd < 0) {
		t_fail("compat_epoll", "create: %s", strerror(errno));
		return;
	}
	for (i = 0; i < NFD; i++) {
		efd[i] = eventfd(1, 0);		/* readable */
		data[i] = 0xdeadbeef00000000ull | (0x11110000u * (i + 1)) | i;
		ev.events = EPOLLIN;
		ev.data.u64 = data[i];
		if (efd[i] < 0 ||
		    ol_epoll_ctl(dev, epfd, EPOLL_CTL_ADD, efd[i], &ev) < 0) {
			t_fail("compat_epoll", "eventfd/ctl %d: %s", i,
			       strerror(errno));
			return;
		}
	}
	memset(out, 0, sizeof(out));
	n = ol_epoll_wait(dev, epfd, out, 1, -1, NULL);
	t_check(n == 1 && out[0].events == EPOLLIN &&
		(out[0].data.u64 == data[0] || out[0].data.u64 == data[1] ||
		 out[0].data.u64 == data[2]), "compat_epoll_one",
		"maxevents 1: %d %s", n, ev_format(out, n, buf, sizeof(buf)));

	memset(out, 0, sizeof(out));
	n = ol_epoll_wait(dev, epfd, out, NFD + 1, 0, NULL);
	for (i = 0; i < n && i <= NFD; i++) {
		for (j = 0; j < NFD; j++)
			if (out[i].data.u64 == data[j] && out[i].events == EPOLLIN)
				seen |= 1u << j;
	}
	/* The slot past the last event must be untouched. */
	if (n >= 0 && n <= NFD && (out[n].events || out[n].data.u64))
		bad = 1;
	t_check(n == NFD && seen == (1u << NFD) - 1 && !bad, "compat_epoll_all",
		"%d events %s", n, ev_format(out, n, buf, sizeof(buf)));

	for (i = 0; i < NFD; i++)
		close(efd[i]);
	close(epfd);
}

int main(int argc, char **argv)
{
	int dev, expect = -1;

	t_init();
	if (argc == 3 && !strcmp(argv[1], "--expect-compat") &&
	    (!strcmp(argv[2], "0") || !strcmp(argv[2], "1"))) {
		expect = atoi(argv[2]);
	} else if (argc != 1) {
		fprintf(stderr, "usage: %s [--expect-compat 0|1]\n", argv[0]);
		return 2;
	}
	dev = t_open_dev();
	if (dev < 0)
		return 1;
	if (test_version(dev, expect)) {
		/* No safe handler (e.g. IBT-sealed): the call must be refused. */
		int rc, err;

		errno = 0;
		rc = ol_epoll_create(dev, EPOLL_CLOEXEC);
		err = errno;
		t_check(rc < 0 && err == ENOSYS, "compat_refused",
			"no dispatch path: epoll create: %s", strerror(err));
	} else {
		test_epoll(dev);
	}
	close(dev);
	return t_exit_code();
}
