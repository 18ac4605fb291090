dnl kernel-follow-pte.m4 -- how to turn a user address in a VM_IO|VM_PFNMAP
dnl mapping into a PFN.
dnl  follow_pte(struct mm_struct *, ...): exported for modules by
dnl    "KVM: x86/mmu: ... use follow_pte()" era, 5.12 (stable 5.4.101).
dnl  follow_pte(struct vm_area_struct *, ...): "mm: pass VMA instead of MM to
dnl    follow_pte()", 6.10.
dnl  follow_pfnmap_start()/follow_pfnmap_end(): "mm: remove follow_pte()" and
dnl    "mm: new follow_pfnmap API", 6.12.
dnl  follow_pfn(): removed by "mm: remove follow_pfn", 6.10.
dnl Each probe assigns the API to a pointer of the exact expected type, so a
dnl changed signature fails under -Werror (incompatible pointer types).
AC_DEFUN([ONLOAD_KPROBE_SRC_FOLLOW_PTE], [
	ONLOAD_KPROBE_SRC([follow_pte_mm], [#include <linux/mm.h>], [
	int (*fp)(struct mm_struct *, unsigned long, pte_t **, spinlock_t **) =
		follow_pte;
	(void)fp;])
	ONLOAD_KPROBE_SRC([follow_pte_vma], [#include <linux/mm.h>], [
	int (*fp)(struct vm_area_struct *, unsigned long, pte_t **,
		  spinlock_t **) = follow_pte;
	(void)fp;])
	ONLOAD_KPROBE_SRC([follow_pfnmap], [#include <linux/mm.h>], [
	struct follow_pfnmap_args args = { .vma = NULL, .address = 0 };
	int (*start)(struct follow_pfnmap_args *) = follow_pfnmap_start;
	void (*end)(struct follow_pfnmap_args *) = follow_pfnmap_end;
	(void)start;
	(void)end;
	(void)args.pfn;])
	ONLOAD_KPROBE_SRC([follow_pfn], [#include <linux/mm.h>], [
	int (*fp)(struct vm_area_struct *, unsigned long, unsigned long *) =
		follow_pfn;
	(void)fp;])
])
AC_DEFUN([ONLOAD_KPROBE_FOLLOW_PTE], [
	ONLOAD_KPROBE_DEFINE([follow_pte_mm], [HAVE_FOLLOW_PTE_MM],
		[follow_pte() takes a struct mm_struct *],
		[whether follow_pte() takes a struct mm_struct *])
	ONLOAD_KPROBE_DEFINE([follow_pte_vma], [HAVE_FOLLOW_PTE_VMA],
		[follow_pte() takes a struct vm_area_struct * (6.10)],
		[whether follow_pte() takes a struct vm_area_struct *])
	ONLOAD_KPROBE_DEFINE([follow_pfnmap], [HAVE_FOLLOW_PFNMAP],
		[follow_pfnmap_start()/follow_pfnmap_end() exist (6.12)],
		[for follow_pfnmap_start() and follow_pfnmap_end()])
	ONLOAD_KPROBE_DEFINE([follow_pfn], [HAVE_FOLLOW_PFN],
		[follow_pfn() exists (removed in 6.10)],
		[for follow_pfn()])
])
