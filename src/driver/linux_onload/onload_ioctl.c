// SPDX-License-Identifier: GPL-2.0
/*
 * The /dev/onload ioctls: each real use goes through the dispatch layer
 * (epoll, bpf) or a compat wrapper (close_on_exec, follow_pfn).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/fdtable.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/uaccess.h>
#include <linux/eventpoll.h>
#include <linux/bpf.h>
#include <onload/kernel_compat.h>
#include <onload/onload_ioctl.h>
#include "dispatch.h"
#include "onload_internal.h"

static long onload_ioc_version(void __user *arg)
{
	struct onload_version v = { .uapi_version = ONLOAD_UAPI_VERSION };
	bool compat = is_compat_task();

	v.is_compat = compat;
	strscpy(v.dispatch, onload_dispatch_path(compat), sizeof(v.dispatch));
	return copy_to_user(arg, &v, sizeof(v)) ? -EFAULT : 0;
}

static long onload_ioc_epoll_create(void __user *arg)
{
	struct onload_epoll_create c;
	long rc;

	if (copy_from_user(&c, arg, sizeof(c)))
		return -EFAULT;
	rc = ONLOAD_SYSCALL1(epoll_create1, c.flags);
	if (rc < 0)
		return rc;
	c.epfd = rc;
	if (copy_to_user(arg, &c, sizeof(c))) {
		close_fd(c.epfd);
		return -EFAULT;
	}
	return 0;
}

/* The event is handed to epoll_ctl() where it lies, in the caller's memory. */
static long onload_ioc_epoll_ctl(struct onload_epoll_ctl __user *arg)
{
	struct onload_epoll_ctl c;

	if (copy_from_user(&c, arg, sizeof(c)))
		return -EFAULT;
	return ONLOAD_SYSCALL4(epoll_ctl, c.epfd, c.op, c.fd, arg->event);
}

static long onload_ioc_epoll_wait(struct onload_epoll_wait __user *arg)
{
	struct onload_epoll_wait w;
	long rc;

	if (copy_from_user(&w, arg, sizeof(w)))
		return -EFAULT;
	if (w.maxevents <= 0 || w.maxevents > ONLOAD_EPOLL_MAX_EVENTS)
		return -EINVAL;
	/* A 32-bit caller's pointer has no high bits: refuse, never truncate. */
	if (is_compat_task() && upper_32_bits(w.events))
		return -EFAULT;
	rc = ONLOAD_SYSCALL6(epoll_pwait, w.epfd, u64_to_user_ptr(w.events),
			     w.maxevents, w.timeout_ms, NULL, 0);
	if (rc < 0)
		return rc;
	return put_user((s32)rc, &arg->nready) ? -EFAULT : 0;
}

/*
 * bpf() reads its attributes from user memory: build them in a page mapped
 * into the caller for the duration of the call.
 */
static long onload_ioc_bpf_array(struct onload_bpf_array __user *arg)
{
	struct onload_bpf_array b;
	union bpf_attr attr;
	unsigned long uaddr;
	long rc;

	if (copy_from_user(&b, arg, sizeof(b)))
		return -EFAULT;
	memset(&attr, 0, sizeof(attr));
	attr.map_type = BPF_MAP_TYPE_ARRAY;
	attr.key_size = sizeof(u32);
	attr.value_size = b.value_size;
	attr.max_entries = b.max_entries;
	strscpy(attr.map_name, "onload_array", sizeof(attr.map_name));

	uaddr = vm_mmap(NULL, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, 0);
	if (IS_ERR_VALUE(uaddr))
		return (long)uaddr;
	if (copy_to_user((void __user *)uaddr, &attr, sizeof(attr)))
		rc = -EFAULT;
	else
		rc = ONLOAD_SYSCALL3(bpf, BPF_MAP_CREATE, uaddr, sizeof(attr));
	vm_munmap(uaddr, PAGE_SIZE);
	if (rc < 0)
		return rc;
	b.map_fd = rc;
	if (copy_to_user(arg, &b, sizeof(b))) {
		close_fd(b.map_fd);
		return -EFAULT;
	}
	return 0;
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

static long onload_ioc_user_pfn(struct onload_user_pfn __user *arg)
{
	struct mm_struct *mm = current->mm;
	struct onload_user_pfn p;
	struct vm_area_struct *vma;
	unsigned long pfn;
	int rc;

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
		return onload_ioc_user_pfn(uarg);
	default:
		return -ENOTTY;
	}
}
