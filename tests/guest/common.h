/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared helpers of the guest-side test programs: result lines, the
 * /dev/onload device, wrappers around the ioctls, time and fd counting.
 */
#ifndef GUEST_COMMON_H
#define GUEST_COMMON_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>

#include <onload/onload_ioctl.h>

#ifdef GUEST_FAKE
/* Self-check build: fake_onload.c does the ioctls in user space. */
int fake_onload_ioctl(int fd, unsigned long cmd, ...);
#define ioctl fake_onload_ioctl
#define ONLOAD_DEV	"/dev/null"
/* 6th argument of the fake's epoll syscalls, let through by seccomp tests */
#define FAKE_SECCOMP_MARK	0x0f4e5ecul
#else
#define ONLOAD_DEV	"/dev/onload"
#endif
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Result lines: "RESULT PASS name: detail" etc.  t_fail counts failures. */
void t_pass(const char *name, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void t_fail(const char *name, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void t_skip(const char *name, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void t_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* t_check(ok, ...): PASS if ok, else FAIL; returns ok. */
int t_check(int ok, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int t_failures(void);
/* Exit status of a program: 0 if no FAIL was printed, else 1. */
int t_exit_code(void);

/* Line-buffered stdout so lines reach the serial console in order. */
void t_init(void);

/*
 * Open /dev/onload (O_RDWR | O_CLOEXEC).  On failure print the single
 * "RESULT FAIL device: ..." line and return -1.
 */
int t_open_dev(void);

uint64_t t_now_ns(void);
void t_sleep_ms(unsigned int ms);
/* Number of entries of /proc/self/fd, -1 on error. */
int t_count_fds(void);
/* readlink of /proc/self/fd/FD into buf (NUL-terminated), -1 on error. */
int t_fd_link(int fd, char *buf, size_t len);
/*
 * 1 if /proc/driver/onload/build lists MACRO among the probes that did not
 * hold ("probes_no:"), i.e. the module was built knowing the kernel lacks
 * it; 0 otherwise.  A SKIP for a missing kernel feature is checked with it.
 */
int t_module_lacks(const char *macro);
/* "EINVAL" style name of an errno value (numeric if unknown). */
const char *t_errname(int err);

/*
 * The ioctls.  Each returns -1 with errno set on failure, like a system
 * call; results come back through the return value.
 */
int ol_version(int dev, struct onload_version *v);
int ol_epoll_create(int dev, int flags);
int ol_epoll_ctl(int dev, int epfd, int op, int fd, const struct epoll_event *ev);
/*
 * Returns nready.  If @ioctl_rc is not NULL it receives the raw return
 * value of ioctl(2) (0 or nready are both plausible).
 */
int ol_epoll_wait(int dev, int epfd, struct epoll_event *evs, int maxevents,
		  int timeout_ms, int *ioctl_rc);
int ol_bpf_array(int dev, unsigned int value_size, unsigned int max_entries);
int ol_close_on_exec(int dev, int fd);
int ol_user_pfn(int dev, const void *addr, uint64_t *pfn);

/* Every ONLOAD_IOC_* command of the uapi, by name (ol.c). */
struct ol_cmd {
	const char *name;
	unsigned long cmd;
};
#define OL_NCMDS 7
extern const struct ol_cmd ol_cmds[OL_NCMDS];

/* Order-insensitive comparison of two event arrays. */
int ev_equal(const struct epoll_event *a, int na,
	     const struct epoll_event *b, int nb);
/* Format "{data:events,...}" into buf. */
const char *ev_format(const struct epoll_event *evs, int n, char *buf,
		      size_t len);

#endif /* GUEST_COMMON_H */
