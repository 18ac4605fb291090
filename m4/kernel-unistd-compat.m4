dnl kernel-unistd-compat.m4 -- arm64's generated <asm/unistd_compat_32.h>.
dnl arm64 kernels that generate their syscall tables from syscall.tbl (6.12
dnl here; 6.1 still has a hand-written asm/unistd32.h) count the compat
dnl syscalls in that generated header, as __NR_compat32_syscalls; older
dnl ones define __NR_compat_syscalls in asm/unistd.h.  resolver.h includes the
dnl header when this probe finds it.  A compile test rather than
dnl __has_include: sparse 0.6.4 (Debian 12) cannot parse __has_include.
AC_DEFUN([ONLOAD_KPROBE_SRC_UNISTD_COMPAT], [
	ONLOAD_KPROBE_SRC([asm_unistd_compat_32], [#include <asm/unistd_compat_32.h>], [
	int n = __NR_compat32_syscalls;
	(void)n;])
])
AC_DEFUN([ONLOAD_KPROBE_UNISTD_COMPAT], [
	ONLOAD_KPROBE_DEFINE([asm_unistd_compat_32], [HAVE_ASM_UNISTD_COMPAT_32_H],
		[arm64: <asm/unistd_compat_32.h> counts the compat syscalls],
		[for <asm/unistd_compat_32.h>])
])
