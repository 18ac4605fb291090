/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * /dev/onload ioctl interface (onload.ko), versioned.
 *
 * Every structure has the same layout for 32- and 64-bit callers (fixed-size
 * fields, explicit padding, user pointers as __u64), so compat tasks use the
 * same commands.
 *
 * Version 2: a command that installs a new fd (EPOLL_CREATE, BPF_ARRAY)
 * returns it as the ioctl's value, and EPOLL_WAIT returns nready, so
 * nothing is written back after the kernel has acted: a bad pointer can no
 * longer leave a half-returned fd or swallow events.  The magic moved off
 * 0xB6 (fpga-dfl's in Documentation/userspace-api/ioctl/ioctl-number.rst)
 * to 0xE8, which that list leaves unused.  USER_PFN answers CAP_SYS_ADMIN
 * only, and BPF_ARRAY refuses callers under a seccomp filter: see
 * doc/SECURITY.md.
 */
#ifndef ONLOAD_IOCTL_H
#define ONLOAD_IOCTL_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define ONLOAD_UAPI_VERSION	2
#define ONLOAD_IOC_MAGIC	0xe8

/* ONLOAD_IOC_VERSION: what the module is and how it dispatches. */
struct onload_version {
	__u32 uapi_version;		/* out: ONLOAD_UAPI_VERSION */
	__u32 is_compat;		/* out: is_compat_task() of the caller */
	char dispatch[48];		/* out: "sys_call_table" or "compat table" ... */
};

/*
 * ONLOAD_IOC_EPOLL_CREATE: epoll_create1(flags) in the caller's files;
 * the ioctl returns the new epoll fd.
 */
struct onload_epoll_create {
	__s32 flags;			/* in: 0 or EPOLL_CLOEXEC */
	__s32 reserved;			/* not written */
};

/*
 * ONLOAD_IOC_EPOLL_CTL: epoll_ctl(epfd, op, fd, &event).  @event has the
 * caller's native struct epoll_event layout (12 bytes packed on x86, 16
 * elsewhere), at an 8-byte aligned offset.
 */
struct onload_epoll_ctl {
	__s32 epfd;
	__s32 op;			/* EPOLL_CTL_ADD, _MOD, _DEL */
	__s32 fd;
	__u32 pad;
	__u8 event[16];			/* struct epoll_event */
};

/*
 * ONLOAD_IOC_EPOLL_WAIT: epoll_pwait(epfd, events, maxevents, timeout,
 * NULL) writing up to @maxevents native struct epoll_event to @events;
 * the ioctl returns the number of events written.
 */
struct onload_epoll_wait {
	__s32 epfd;
	__s32 maxevents;		/* 1 .. ONLOAD_EPOLL_MAX_EVENTS */
	__s32 timeout_ms;		/* as epoll_wait: -1, 0 or ms */
	__s32 reserved;			/* not written */
	__u64 events;			/* user pointer to struct epoll_event[] */
};

#define ONLOAD_EPOLL_MAX_EVENTS	1024

/*
 * ONLOAD_IOC_BPF_ARRAY: create a BPF array map (key 4 bytes) with the
 * caller's credentials; the ioctl returns the map fd.  EPERM under a
 * seccomp filter; EOPNOTSUPP where the kernel offers no way to pass the
 * attributes from kernel memory.
 */
struct onload_bpf_array {
	__u32 value_size;
	__u32 max_entries;
	__s32 reserved;			/* not written */
	__u32 pad;
};

/* ONLOAD_IOC_CLOSE_ON_EXEC: is the caller's @fd close-on-exec? */
struct onload_close_on_exec {
	__s32 fd;
	__s32 cloexec;			/* out: 0 or 1 */
};

/*
 * ONLOAD_IOC_USER_PFN: PFN behind @addr of a VM_IO|VM_PFNMAP mapping.
 * CAP_SYS_ADMIN only (as /proc/PID/pagemap's PFNs): EPERM for others.
 */
struct onload_user_pfn {
	__u64 addr;
	__u64 pfn;			/* out */
};

#define ONLOAD_IOC_VERSION	_IOR(ONLOAD_IOC_MAGIC, 0, struct onload_version)
#define ONLOAD_IOC_EPOLL_CREATE	_IOW(ONLOAD_IOC_MAGIC, 1, struct onload_epoll_create)
#define ONLOAD_IOC_EPOLL_CTL	_IOW(ONLOAD_IOC_MAGIC, 2, struct onload_epoll_ctl)
#define ONLOAD_IOC_EPOLL_WAIT	_IOW(ONLOAD_IOC_MAGIC, 3, struct onload_epoll_wait)
#define ONLOAD_IOC_BPF_ARRAY	_IOW(ONLOAD_IOC_MAGIC, 4, struct onload_bpf_array)
#define ONLOAD_IOC_CLOSE_ON_EXEC _IOWR(ONLOAD_IOC_MAGIC, 5, struct onload_close_on_exec)
#define ONLOAD_IOC_USER_PFN	_IOWR(ONLOAD_IOC_MAGIC, 6, struct onload_user_pfn)

#endif /* ONLOAD_IOCTL_H */
