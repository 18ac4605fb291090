// SPDX-License-Identifier: GPL-2.0
/*
 * Self-check of the test programs without the module (build with
 * GUEST_FAKE=1): the /dev/onload ioctls are done in user space with the
 * native system calls, so every comparison with native behaviour should
 * pass.  As uapi 2: EPOLL_CREATE and BPF_ARRAY return the new fd and
 * EPOLL_WAIT nready as the ioctl's value and write nothing back.  USER_PFN
 * is EPERM unless geteuid() is 0 (the stand-in for CAP_SYS_ADMIN); for
 * root a readable page of a [vvar*] mapping gets a made-up pfn (see
 * fake_user_pfn), anything else EINVAL (so pfn_bar* fail here).  BPF_ARRAY gives EPERM under a seccomp filter
 * (PR_GET_SECCOMP), as the module does.
 *
 * The module's epoll ioctls are not subject to a seccomp filter; the
 * fake's epoll system calls are, so they carry FAKE_SECCOMP_MARK in their
 * sixth argument (unused by epoll_create1, epoll_ctl and epoll_pwait with
 * a NULL sigmask) and onload_priv_test's filter lets such calls through
 * in the GUEST_FAKE build.
 */
#include "common.h"

#include <fcntl.h>
#include <linux/bpf.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#undef ioctl

/* Can @len bytes at @p be read?  write(2) to a pipe says EFAULT if not. */
static int readable(const void *p, size_t len)
{
	int pfd[2];
	ssize_t n;

	if (pipe2(pfd, O_CLOEXEC | O_NONBLOCK) < 0)
		return 0;
	n = write(pfd[1], p, len);
	close(pfd[0]);
	close(pfd[1]);
	return n >= 0;
}

static int fake_bpf_array(const struct onload_bpf_array *b)
{
	union bpf_attr a;

	if (prctl(PR_GET_SECCOMP) != 0) {
		errno = EPERM;
		return -1;
	}
	memset(&a, 0, sizeof(a));
	a.map_type = BPF_MAP_TYPE_ARRAY;
	a.key_size = 4;
	a.value_size = b->value_size;
	a.max_entries = b->max_entries;
	return syscall(__NR_bpf, BPF_MAP_CREATE, &a, sizeof(a));
}

static int fake_wait(const struct onload_epoll_wait *w)
{
	if (w->maxevents <= 0 || w->maxevents > ONLOAD_EPOLL_MAX_EVENTS) {
		errno = EINVAL;
		return -1;
	}
	if (w->events != (uintptr_t)w->events) {
		errno = EFAULT;
		return -1;
	}
	return syscall(__NR_epoll_pwait, w->epfd,
		       (void *)(uintptr_t)w->events, w->maxevents,
		       w->timeout_ms, NULL, FAKE_SECCOMP_MARK);
}

/* Start of the [vvar*] mapping holding @addr, 0 if none. */
static uint64_t vvar_start(uint64_t addr)
{
	unsigned long long lo, hi, found = 0;
	char line[512], name[256];
	FILE *f = fopen("/proc/self/maps", "r");

	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f)) {
		name[0] = '\0';
		if (sscanf(line, "%llx-%llx %*s %*s %*s %*s %255s", &lo, &hi,
			   name) < 2)
			continue;
		if (addr >= lo && addr < hi && !strncmp(name, "[vvar", 5))
			found = lo;
	}
	fclose(f);
	return found;
}

/*
 * /proc/PID/pagemap shows VM_PFNMAP mappings as holes, so user space
 * cannot learn the pfn of a [vvar] page: a readable one gets a made-up
 * nonzero pfn, the same for the same page every time.
 */
static int fake_user_pfn(struct onload_user_pfn *p)
{
	long pg = sysconf(_SC_PAGESIZE);
	uint64_t lo;

	if (geteuid() != 0) {
		errno = EPERM;
		return -1;
	}
	lo = p->addr != (uintptr_t)p->addr ? 0 : vvar_start(p->addr);
	if (!lo) {
		errno = EINVAL;
		return -1;
	}
	if (!readable((void *)(uintptr_t)(p->addr & ~(uint64_t)(pg - 1)), 1)) {
		errno = EFAULT;		/* not backed */
		return -1;
	}
	p->pfn = 0xfa4e0 + (p->addr - lo) / pg;
	return 0;
}

int fake_onload_ioctl(int fd, unsigned long cmd, ...)
{
	struct onload_version *v;
	const struct onload_epoll_create *c;
	struct onload_epoll_ctl *ctl;
	struct onload_close_on_exec *ce;
	void *arg;
	va_list ap;
	int fl;

	va_start(ap, cmd);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (_IOC_TYPE(cmd) != ONLOAD_IOC_MAGIC)
		return syscall(__NR_ioctl, fd, cmd, arg);
	if (!readable(arg, _IOC_SIZE(cmd))) {
		errno = EFAULT;
		return -1;
	}
	switch (cmd) {
	case ONLOAD_IOC_VERSION:
		v = arg;
		memset(v, 0, sizeof(*v));
		v->uapi_version = ONLOAD_UAPI_VERSION;
		v->is_compat = sizeof(long) == 4;
		snprintf(v->dispatch, sizeof(v->dispatch), "fake (user space)");
		return 0;
	case ONLOAD_IOC_EPOLL_CREATE:
		c = arg;
		return syscall(__NR_epoll_create1, c->flags, 0, 0, 0, 0,
			       FAKE_SECCOMP_MARK);
	case ONLOAD_IOC_EPOLL_CTL:
		ctl = arg;
		return syscall(__NR_epoll_ctl, ctl->epfd, ctl->op, ctl->fd,
			       (struct epoll_event *)ctl->event, 0,
			       FAKE_SECCOMP_MARK);
	case ONLOAD_IOC_EPOLL_WAIT:
		return fake_wait(arg);
	case ONLOAD_IOC_BPF_ARRAY:
		return fake_bpf_array(arg);
	case ONLOAD_IOC_CLOSE_ON_EXEC:
		ce = arg;
		fl = fcntl(ce->fd, F_GETFD);
		if (fl < 0)
			return -1;
		ce->cloexec = !!(fl & FD_CLOEXEC);
		return 0;
	case ONLOAD_IOC_USER_PFN:
		return fake_user_pfn(arg);
	}
	errno = ENOTTY;
	return -1;
}
