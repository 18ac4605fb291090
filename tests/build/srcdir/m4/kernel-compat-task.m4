dnl kernel-compat-task.m4 -- is_compat_task() and in_compat_syscall().
dnl is_compat_task() is arm64's own (asm/compat.h); x86 dropped it for
dnl in_compat_syscall() ("compat: add in_compat_syscall to ask whether we're
dnl in a compat syscall", 4.6), which every architecture has since.  The
dnl compat header defines is_compat_task() only where this probe says the
dnl kernel lacks it.  Probe hygiene matters here: 6.8 turned on
dnl -Wmissing-prototypes, and a probe written as a non-static function would
dnl fail under -Werror for that reason alone, flipping this result and
dnl redefining the kernel's function (upstream Onload on Ubuntu 24.04 arm64).
AC_DEFUN([ONLOAD_KPROBE_SRC_COMPAT_TASK], [
	ONLOAD_KPROBE_SRC([is_compat_task], [#include <linux/compat.h>], [
	int r = is_compat_task();
	(void)r;])
	ONLOAD_KPROBE_SRC([in_compat_syscall], [#include <linux/compat.h>], [
	bool r = in_compat_syscall();
	(void)r;])
])
AC_DEFUN([ONLOAD_KPROBE_COMPAT_TASK], [
	ONLOAD_KPROBE_DEFINE([is_compat_task], [HAVE_IS_COMPAT_TASK],
		[the kernel defines is_compat_task()],
		[for is_compat_task()])
	ONLOAD_KPROBE_DEFINE([in_compat_syscall], [HAVE_IN_COMPAT_SYSCALL],
		[the kernel defines in_compat_syscall() (4.6)],
		[for in_compat_syscall()])
])
