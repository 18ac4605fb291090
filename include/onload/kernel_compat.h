/* SPDX-License-Identifier: GPL-2.0 */
/*
 * onload-arm kernel compatibility wrappers.
 *
 * One small wrapper per kernel API difference, keyed only on configure's
 * probe results in config.h (HAVE_ONLOAD_CONFIG_H).  Where config.h is absent
 * (a build outside configure), a LINUX_VERSION_CODE fallback stands in; it
 * is a guess that stable backports can defeat, which is why configure probes.
 */
#ifndef ONLOAD_KERNEL_COMPAT_H
#define ONLOAD_KERNEL_COMPAT_H

#include <linux/version.h>
#include <linux/compat.h>
#include <linux/fdtable.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/seccomp.h>

#ifndef HAVE_ONLOAD_CONFIG_H
/* Fallback only: see the comment above. */
# if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 10, 0)
#  define HAVE_CLOSE_ON_EXEC_FILES_STRUCT 1
# else
#  define HAVE_CLOSE_ON_EXEC_FDTABLE 1
# endif
# if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
#  define HAVE_FOLLOW_PFNMAP 1
# elif LINUX_VERSION_CODE >= KERNEL_VERSION(6, 10, 0)
#  define HAVE_FOLLOW_PTE_VMA 1
# else
#  define HAVE_FOLLOW_PTE_MM 1
# endif
# ifdef CONFIG_ARM64
#  define HAVE_IS_COMPAT_TASK 1
# endif
# define HAVE_IN_COMPAT_SYSCALL 1
# define HAVE_TASK_SECCOMP_MODE 1
# if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 14, 0)
#  define HAVE_VMA_LOOKUP 1
# endif
#endif

/* The VMA of @mm that contains @addr, or NULL.  Caller holds mmap_lock. */
#ifndef HAVE_VMA_LOOKUP
static inline struct vm_area_struct *vma_lookup(struct mm_struct *mm,
						unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	return vma && vma->vm_start <= addr ? vma : NULL;
}
#endif

/*
 * is_compat_task(): arm64 defines it; elsewhere it is in_compat_syscall().
 * Defined only where the kernel lacks it, never redefined.
 */
#ifndef HAVE_IS_COMPAT_TASK
static inline int is_compat_task(void)
{
	return in_compat_syscall();
}
#endif

/*
 * Is the current task under a seccomp filter (or strict mode)?  Its filter
 * saw the ioctl(), never a syscall the module makes for it.
 */
static inline bool ci_seccomp_filtered(void)
{
#if defined(CONFIG_SECCOMP) && defined(HAVE_TASK_SECCOMP_MODE)
	return READ_ONCE(current->seccomp.mode) != SECCOMP_MODE_DISABLED;
#elif defined(CONFIG_SECCOMP)
# error "configure found no task seccomp mode: cannot tell sandboxed callers"
#else
	return false;
#endif
}

/*
 * bpf() on attributes in kernel memory (5.18), exported but declared in no
 * kernel header (m4/kernel-kern-sys-bpf.m4).
 */
#ifdef HAVE_KERN_SYS_BPF
union bpf_attr;
int kern_sys_bpf(int cmd, union bpf_attr *attr, unsigned int size);
#endif

/* Is @fd of @files close-on-exec?  The caller holds files->file_lock or RCU. */
static inline bool ci_close_on_exec(unsigned int fd, struct files_struct *files)
{
#if defined(HAVE_CLOSE_ON_EXEC_FILES_STRUCT)
	return close_on_exec(fd, files);
#elif defined(HAVE_CLOSE_ON_EXEC_FDTABLE)
	return close_on_exec(fd, files_fdtable(files));
#else
# error "configure found no usable close_on_exec()"
#endif
}

/*
 * The PFN behind user address @addr of a VM_IO/VM_PFNMAP @vma.
 * Returns 0 and sets *pfn, or a negative errno.  Caller holds mmap_lock.
 */
static inline int ci_follow_pfn(struct vm_area_struct *vma,
				unsigned long addr, unsigned long *pfn)
{
#if defined(HAVE_FOLLOW_PFNMAP)
	struct follow_pfnmap_args args = { .vma = vma, .address = addr };
	int rc = follow_pfnmap_start(&args);

	if (rc)
		return rc;
	*pfn = args.pfn;
	follow_pfnmap_end(&args);
	return 0;
#elif defined(HAVE_FOLLOW_PTE_VMA) || defined(HAVE_FOLLOW_PTE_MM)
	spinlock_t *ptl;	/* the PTE's lock, held until pte_unmap_unlock() */
	pte_t *ptep;
	int rc;

	if (!(vma->vm_flags & (VM_IO | VM_PFNMAP)))
		return -EINVAL;
# ifdef HAVE_FOLLOW_PTE_VMA
	rc = follow_pte(vma, addr, &ptep, &ptl);
# else
	rc = follow_pte(vma->vm_mm, addr, &ptep, &ptl);
# endif
	if (rc)
		return rc;
	*pfn = pte_pfn(ptep_get(ptep));
	pte_unmap_unlock(ptep, ptl);
	return 0;
#else
# error "configure found no follow_pte() or follow_pfnmap_start()"
#endif
}

#endif /* ONLOAD_KERNEL_COMPAT_H */
