// SPDX-License-Identifier: GPL-2.0
/*
 * onload_bench [N]: N (default 100000) calls of native epoll_wait with
 * timeout 0 against N ONLOAD_IOC_EPOLL_WAIT with timeout 0, on one epoll
 * set holding one idle fd.  Prints ns per call and the ratio ioctl/native,
 * and, to show where the difference goes, the cost of a bare ioctl entry
 * (an unknown command: -ENOTTY) and the ratio with that entry taken off.
 */
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 1 }, out[1];
	unsigned long n = 100000, i, bad = 0;
	uint64_t t0, tn, to, te;
	int dev, epfd, p[2];
	double nat, ioc, ent;

	t_init();
	if (argc > 2) {
		fprintf(stderr, "usage: %s [ITERATIONS]\n", argv[0]);
		return 2;
	}
	if (argc == 2)
		n = strtoul(argv[1], NULL, 0);
	if (!n)
		n = 1;
	dev = t_open_dev();
	if (dev < 0)
		return 1;
	epfd = epoll_create1(0);
	if (epfd < 0 || pipe(p) < 0 || epoll_ctl(epfd, EPOLL_CTL_ADD, p[0], &ev)) {
		t_fail("bench_setup", "%s", strerror(errno));
		return 1;
	}

	/* Warm up both paths. */
	for (i = 0; i < 1000; i++) {
		epoll_wait(epfd, out, 1, 0);
		ol_epoll_wait(dev, epfd, out, 1, 0, NULL);
	}
	t0 = t_now_ns();
	for (i = 0; i < n; i++)
		bad += epoll_wait(epfd, out, 1, 0) != 0;
	tn = t_now_ns() - t0;
	t0 = t_now_ns();
	for (i = 0; i < n; i++)
		bad += ol_epoll_wait(dev, epfd, out, 1, 0, NULL) != 0;
	to = t_now_ns() - t0;
	t0 = t_now_ns();
	for (i = 0; i < n; i++)
		bad += ioctl(dev, _IO(ONLOAD_IOC_MAGIC, 0x7f)) != -1;
	te = t_now_ns() - t0;

	nat = (double)tn / n;
	ioc = (double)to / n;
	ent = (double)te / n;
	printf("BENCH iterations %lu\n", n);
	printf("BENCH native_ns_per_call %.1f\n", nat);
	printf("BENCH ioctl_ns_per_call %.1f\n", ioc);
	printf("BENCH ioctl_entry_ns_per_call %.1f\n", ent);
	printf("BENCH ratio %.2f\n", nat > 0 ? ioc / nat : 0.0);
	printf("BENCH ratio_without_entry %.2f\n",
	       nat > 0 ? (ioc - ent) / nat : 0.0);
	t_check(!bad, "bench", "%lu calls each, %lu did not return 0", n, bad);
	close(epfd);
	close(p[0]);
	close(p[1]);
	close(dev);
	return t_exit_code();
}
