dnl kernel-vma-lookup.m4 -- find the VMA that contains a user address.
dnl  vma_lookup(mm, addr): "mm: add vma_lookup(), update find_vma_intersection()
dnl    comments", 5.14.  Before it, find_vma() (the first VMA ending above
dnl    addr) plus a check that the VMA starts at or below addr.
dnl The probe assigns vma_lookup to a pointer of the exact expected type.
AC_DEFUN([ONLOAD_KPROBE_SRC_VMA_LOOKUP], [
	ONLOAD_KPROBE_SRC([vma_lookup], [#include <linux/mm.h>], [
	struct vm_area_struct *(*fp)(struct mm_struct *, unsigned long) =
		vma_lookup;
	(void)fp;])
])
AC_DEFUN([ONLOAD_KPROBE_VMA_LOOKUP], [
	ONLOAD_KPROBE_DEFINE([vma_lookup], [HAVE_VMA_LOOKUP],
		[vma_lookup() exists (5.14)],
		[for vma_lookup()])
])
