dnl kernel-x64-sys-call.m4 -- x86_64 syscall dispatch.
dnl "x86/syscall: Don't force use of indirect calls for system calls"
dnl (mainline 6.9, backported to stable, Debian's 6.1 included) made
dnl do_syscall_64() call x64_sys_call(), a generated switch, instead of
dnl indexing sys_call_table: writing the table then changes nothing that runs.
dnl A version number cannot tell this; the declaration can.
AC_DEFUN([ONLOAD_KPROBE_SRC_X64_SYS_CALL], [
	ONLOAD_KPROBE_SRC([x64_sys_call], [#include <asm/syscall.h>], [
	long (*fp)(const struct pt_regs *, unsigned int) = x64_sys_call;
	(void)fp;])
])
AC_DEFUN([ONLOAD_KPROBE_X64_SYS_CALL], [
	ONLOAD_KPROBE_DEFINE([x64_sys_call], [HAVE_X64_SYS_CALL],
		[x86_64 syscalls dispatch through x64_sys_call() (6.9, stable backports)],
		[whether syscalls dispatch through x64_sys_call()])
	ONLOAD_KCONFIG([CONFIG_X86_KERNEL_IBT], [HAVE_KERNEL_IBT],
		[the kernel is built with indirect branch tracking (ENDBR)])
])
