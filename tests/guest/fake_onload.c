// SPDX-License-Identifier: GPL-2.0
/*
 * Self-check of the test programs without the module (build with
 * GUEST_FAKE=1): the /dev/onload ioctls are done in user space with the
 * native system calls, so every comparison with native behaviour should
 * pass.  USER_PFN cannot be done here and always fails with EINVAL.
 */
#include "common.h"

#include <fcntl.h>
#include <linux/bpf.h>
#include <stdarg.h>
#include <stdio.h>
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

static int fake_bpf_array(struct onload_bpf_array *b)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.map_type = BPF_MAP_TYPE_ARRAY;
	a.key_size = 4;
	a.value_size = b->value_size;
	a.max_entries = b->max_entries;
	b->map_fd = syscall(__NR_bpf, BPF_MAP_CREATE, &a, sizeof(a));
	return b->map_fd < 0 ? -1 : 0;
}

static int fake_wait(struct onload_epoll_wait *w)
{
	if (w->maxevents <= 0 || w->maxevents > ONLOAD_EPOLL_MAX_EVENTS) {
		errno = EINVAL;
		return -1;
	}
	if (w->events != (uintptr_t)w->events) {
		errno = EFAULT;
		return -1;
	}
	w->nready = epoll_wait(w->epfd, (void *)(uintptr_t)w->events,
			       w->maxevents, w->timeout_ms);
	return w->nready < 0 ? -1 : 0;
}

int fake_onload_ioctl(int fd, unsigned long cmd, ...)
{
	struct onload_version *v;
	struct onload_epoll_create *c;
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
		c->epfd = epoll_create1(c->flags);
		return c->epfd < 0 ? -1 : 0;
	case ONLOAD_IOC_EPOLL_CTL:
		ctl = arg;
		return epoll_ctl(ctl->epfd, ctl->op, ctl->fd,
				 (struct epoll_event *)ctl->event);
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
		errno = EINVAL;
		return -1;
	}
	errno = ENOTTY;
	return -1;
}
