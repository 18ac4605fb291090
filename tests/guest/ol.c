// SPDX-License-Identifier: GPL-2.0
/* Wrappers around the /dev/onload ioctls and epoll event helpers. */
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>

int ol_version(int dev, struct onload_version *v)
{
	memset(v, 0, sizeof(*v));
	return ioctl(dev, ONLOAD_IOC_VERSION, v);
}

int ol_epoll_create(int dev, int flags)
{
	struct onload_epoll_create c = { .flags = flags, .reserved = -1 };
	int fd = ioctl(dev, ONLOAD_IOC_EPOLL_CREATE, &c);

	/* uapi 2: the fd is the return value; nothing is written back */
	if (fd >= 0 && c.reserved != -1) {
		fprintf(stderr, "ol_epoll_create: the module wrote the reserved field\n");
		abort();
	}
	return fd;
}

int ol_epoll_ctl(int dev, int epfd, int op, int fd, const struct epoll_event *ev)
{
	struct onload_epoll_ctl c;

	memset(&c, 0, sizeof(c));
	c.epfd = epfd;
	c.op = op;
	c.fd = fd;
	if (ev)
		memcpy(c.event, ev, sizeof(*ev));
	return ioctl(dev, ONLOAD_IOC_EPOLL_CTL, &c) < 0 ? -1 : 0;
}

int ol_epoll_wait(int dev, int epfd, struct epoll_event *evs, int maxevents,
		  int timeout_ms, int *ioctl_rc)
{
	struct onload_epoll_wait w = {
		.epfd = epfd,
		.maxevents = maxevents,
		.timeout_ms = timeout_ms,
		.reserved = -1,
		.events = (uintptr_t)evs,
	};
	int rc = ioctl(dev, ONLOAD_IOC_EPOLL_WAIT, &w);

	if (ioctl_rc)
		*ioctl_rc = rc;
	if (rc < 0)
		return -1;
	/* uapi 2: nready is the return value; nothing is written back */
	if (w.reserved != -1) {
		fprintf(stderr, "ol_epoll_wait: the module wrote the reserved field\n");
		abort();
	}
	return rc;
}

int ol_bpf_array(int dev, unsigned int value_size, unsigned int max_entries)
{
	struct onload_bpf_array b = {
		.value_size = value_size,
		.max_entries = max_entries,
		.reserved = -1,
	};
	int fd = ioctl(dev, ONLOAD_IOC_BPF_ARRAY, &b);

	if (fd >= 0 && b.reserved != -1) {
		fprintf(stderr, "ol_bpf_array: the module wrote the reserved field\n");
		abort();
	}
	return fd;
}

int ol_close_on_exec(int dev, int fd)
{
	struct onload_close_on_exec c = { .fd = fd, .cloexec = -1 };

	if (ioctl(dev, ONLOAD_IOC_CLOSE_ON_EXEC, &c) < 0)
		return -1;
	return c.cloexec;
}

int ol_user_pfn(int dev, const void *addr, uint64_t *pfn)
{
	struct onload_user_pfn p = { .addr = (uintptr_t)addr, .pfn = 0 };

	if (ioctl(dev, ONLOAD_IOC_USER_PFN, &p) < 0)
		return -1;
	*pfn = p.pfn;
	return 0;
}

struct ev_pair {
	uint64_t data;
	uint32_t events;
};

static int ev_pair_cmp(const void *a, const void *b)
{
	const struct ev_pair *x = a, *y = b;

	if (x->data != y->data)
		return x->data < y->data ? -1 : 1;
	if (x->events != y->events)
		return x->events < y->events ? -1 : 1;
	return 0;
}

static int ev_sorted(const struct epoll_event *evs, int n, struct ev_pair *out)
{
	int i;

	for (i = 0; i < n; i++) {
		out[i].data = evs[i].data.u64;
		out[i].events = evs[i].events;
	}
	qsort(out, n, sizeof(*out), ev_pair_cmp);
	return n;
}

int ev_equal(const struct epoll_event *a, int na,
	     const struct epoll_event *b, int nb)
{
	struct ev_pair pa[64], pb[64];
	int i;

	if (na != nb || na < 0 || na > (int)ARRAY_SIZE(pa))
		return 0;
	ev_sorted(a, na, pa);
	ev_sorted(b, nb, pb);
	for (i = 0; i < na; i++)
		if (ev_pair_cmp(&pa[i], &pb[i]))
			return 0;
	return 1;
}

const char *ev_format(const struct epoll_event *evs, int n, char *buf,
		      size_t len)
{
	struct ev_pair p[64];
	size_t off = 0;
	int i;

	if (n < 0 || n > (int)ARRAY_SIZE(p)) {
		snprintf(buf, len, "(n=%d)", n);
		return buf;
	}
	ev_sorted(evs, n, p);
	off += snprintf(buf, len, "{");
	for (i = 0; i < n && off < len; i++)
		off += snprintf(buf + off, len - off, "%s%#llx:%#x",
				i ? "," : "", (unsigned long long)p[i].data,
				p[i].events);
	if (off < len)
		snprintf(buf + off, len - off, "}");
	return buf;
}

const struct ol_cmd ol_cmds[OL_NCMDS] = {
	{ "version", ONLOAD_IOC_VERSION },
	{ "epoll_create", ONLOAD_IOC_EPOLL_CREATE },
	{ "epoll_ctl", ONLOAD_IOC_EPOLL_CTL },
	{ "epoll_wait", ONLOAD_IOC_EPOLL_WAIT },
	{ "bpf_array", ONLOAD_IOC_BPF_ARRAY },
	{ "close_on_exec", ONLOAD_IOC_CLOSE_ON_EXEC },
	{ "user_pfn", ONLOAD_IOC_USER_PFN },
};
