// SPDX-License-Identifier: GPL-2.0
/*
 * The /dev/onload ioctls: each real use goes through the dispatch layer
 * (epoll, bpf) or a compat wrapper (close_on_exec, follow_pfn).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/fdtable.h>
#include <linux/mm.h>
#include <linux/capability.h>
#include <linux/user_namespace.h>
#include <linux/uaccess.h>
#include <linux/eventpoll.h>
#include <linux/bpf.h>
#include <onload/kernel_compat.h>
#include <onload/onload_ioctl.h>
#include "dispatch.h"
#include "onload_internal.h"

/* kern_sys_bpf() is exported in a namespace on 6.12+ (Module.symvers). */
#if defined(HAVE_KERN_SYS_BPF) && defined(ONLOAD_KERN_SYS_BPF_NS)
MODULE_INFO(import_ns, ONLOAD_KERN_SYS_BPF_NS);
#endif

static long onload_ioc_version(void __user *arg)
{
	struct onload_version v = { .uapi_version = ONLOAD_UAPI_VERSION };
	bool compat = is_compat_task();

	v.is_compat = compat;
	strscpy(v.dispatch, onload_dispatch_path(compat), sizeof(v.dispatch));
	return copy_to_user(arg, &v, sizeof(v)) ? -EFAULT : 0;
}

/*
 * The new fd is the ioctl's value: nothing is written to the caller after
 * epoll_create1() installed it, so a bad pointer cannot leave an fd the
 * caller never learnt of, and no fd is closed behind its back.
 */
static long onload_ioc_epoll_create(const struct onload_epoll_create __user *arg)
{
	struct onload_epoll_create c;

	if (copy_from_user(&c, arg, sizeof(c)))
		return -EFAULT;
	return ONLOAD_SYSCALL1(epoll_create1, c.flags);
}

/* The event is handed to epoll_ctl() where it lies, in the caller's memory. */
static long onload_ioc_epoll_ctl(struct onload_epoll_ctl __user *arg)
{
	struct onload_epoll_ctl c;

	if (copy_from_user(&c, arg, sizeof(c)))
		return -EFAULT;
	return ONLOAD_SYSCALL4(epoll_ctl, c.epfd, c.op, c.fd, arg->event);
}

/*
 * nready is the ioctl's value: once epoll_pwait() has written the events
 * (and consumed edge-triggered ones) nothing else can fail.
 */
static long onload_ioc_epoll_wait(const struct onload_epoll_wait __user *arg)
{
	struct onload_epoll_wait w;

	if (copy_from_user(&w, arg, sizeof(w)))
		return -EFAULT;
	if (w.maxevents <= 0 || w.maxevents > ONLOAD_EPOLL_MAX_EVENTS)
		return -EINVAL;
	/* A 32-bit caller's pointer has no high bits: refuse, never truncate. */
	if (is_compat_task() && upper_32_bits(w.events))
		return -EFAULT;
	return ONLOAD_SYSCALL6(epoll_pwait, w.epfd, u64_to_user_ptr(w.events),
			       w.maxevents, w.timeout_ms, NULL, 0);
}

/*
 * A BPF array map, made with the caller's credentials (bpf_capable(),
 * unprivileged_bpf_disabled and the LSM hooks all still apply) from
 * attributes in kernel memory, which no thread of the caller can change
 * under bpf()'s feet.  seccomp and audit saw ioctl(), not bpf(): a caller
 * under a seccomp filter gets nothing (doc/SECURITY.md).
 */
static long onload_ioc_bpf_array(const struct onload_bpf_array __user *arg)
{
	struct onload_bpf_array b;

	if (ci_seccomp_filtered())
		return -EPERM;
	if (copy_from_user(&b, arg, sizeof(b)))
		return -EFAULT;
#ifdef HAVE_KERN_SYS_BPF
	{
		union bpf_attr attr;

		memset(&attr, 0, sizeof(attr));
		attr.map_type = BPF_MAP_TYPE_ARRAY;
		attr.key_size = sizeof(u32);
		attr.value_size = b.value_size;
		attr.max_entries = b.max_entries;
		strscpy(attr.map_name, "onload_array", sizeof(attr.map_name));
		return kern_sys_bpf(BPF_MAP_CREATE, &attr, sizeof(attr));
	}
#else
	/* bpf() would re-read the attributes from the caller's memory. */
	return -EOPNOTSUPP;
#endif
}

static long onload_ioc_close_on_exec(struct onload_close_on_exec __user *arg)
{
	struct files_struct *files = current->files;
	struct onload_close_on_exec c;
	bool open;

	if (copy_from_user(&c, arg, sizeof(c)))
		return -EFAULT;
	if (c.fd < 0)
		return -EBADF;
	spin_lock(&files->file_lock);
	open = (unsigned int)c.fd < files_fdtable(files)->max_fds &&
	       files_lookup_fd_locked(files, c.fd);
	c.cloexec = open && ci_close_on_exec(c.fd, files);
	spin_unlock(&files->file_lock);
	if (!open)
		return -EBADF;
	return put_user(c.cloexec, &arg->cloexec) ? -EFAULT : 0;
}

/*
 * A PFN is a physical address: only for those the kernel shows PFNs to in
 * /proc/PID/pagemap, CAP_SYS_ADMIN, both in whoever opened the device
 * (pagemap's rule, so a privileged opener cannot be used as a deputy) and
 * in the caller (so a privileged fd passed to someone else gives nothing).
 */
static long onload_ioc_user_pfn(struct file *f,
				struct onload_user_pfn __user *arg)
{
	struct mm_struct *mm = current->mm;
	struct onload_user_pfn p;
	struct vm_area_struct *vma;
	unsigned long pfn;
	int rc;

	if (!file_ns_capable(f, &init_user_ns, CAP_SYS_ADMIN) ||
	    !capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (copy_from_user(&p, arg, sizeof(p)))
		return -EFAULT;
	mmap_read_lock(mm);
	vma = vma_lookup(mm, p.addr);
	if (!vma || !(vma->vm_flags & (VM_IO | VM_PFNMAP)))
		rc = -EINVAL;
	else
		rc = ci_follow_pfn(vma, p.addr, &pfn);
	mmap_read_unlock(mm);
	if (rc)
		return rc;
	return put_user((u64)pfn, &arg->pfn) ? -EFAULT : 0;
}

long onload_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case ONLOAD_IOC_VERSION:
		return onload_ioc_version(uarg);
	case ONLOAD_IOC_EPOLL_CREATE:
		return onload_ioc_epoll_create(uarg);
	case ONLOAD_IOC_EPOLL_CTL:
		return onload_ioc_epoll_ctl(uarg);
	case ONLOAD_IOC_EPOLL_WAIT:
		return onload_ioc_epoll_wait(uarg);
	case ONLOAD_IOC_BPF_ARRAY:
		return onload_ioc_bpf_array(uarg);
	case ONLOAD_IOC_CLOSE_ON_EXEC:
		return onload_ioc_close_on_exec(uarg);
	case ONLOAD_IOC_USER_PFN:
		return onload_ioc_user_pfn(f, uarg);
	default:
		return -ENOTTY;
	}
}
