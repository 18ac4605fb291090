dnl kernel-resolver.m4 -- what the sys_call_table resolver builds on.
dnl  aarch64_insn_is_bti(): absent from Debian's 6.1 asm/insn.h, present by
dnl    6.8 (Ubuntu 24.04, where upstream Onload's own definition of it breaks
dnl    the build) and in 6.12; never redefine it, use the kernel's.
dnl  copy_from_kernel_nofault(): "maccess: rename probe_kernel_read to
dnl    copy_from_kernel_nofault", 5.8; how kernel text is read safely.
dnl  CONFIG_SHADOW_CALL_STACK: prologues begin with "str x30, [x18], #8",
dnl    the word upstream's fixed-offset decoder tripped over on 6.8+.
dnl  rdmsrq(): "x86/msr: Rename 'rdmsrl()' to 'rdmsrq()'", 6.16; reads
dnl    MSR_LSTAR, where x86_64's syscall entry is.
AC_DEFUN([ONLOAD_KPROBE_SRC_RESOLVER], [
	ONLOAD_KPROBE_SRC([rdmsrq], [#include <asm/msr.h>], [
	u64 v;

	rdmsrq(MSR_LSTAR, v);
	(void)v;])
	ONLOAD_KPROBE_SRC([aarch64_insn_is_bti], [#include <asm/insn.h>], [
	bool b = aarch64_insn_is_bti(0xd503241fU);
	(void)b;])
	ONLOAD_KPROBE_SRC([copy_from_kernel_nofault], [#include <linux/uaccess.h>], [
	long (*fp)(void *, const void *, size_t) = copy_from_kernel_nofault;
	(void)fp;])
])
AC_DEFUN([ONLOAD_KPROBE_RESOLVER], [
	ONLOAD_KPROBE_DEFINE([aarch64_insn_is_bti], [HAVE_AARCH64_INSN_IS_BTI],
		[asm/insn.h defines aarch64_insn_is_bti()],
		[for aarch64_insn_is_bti() in asm/insn.h])
	ONLOAD_KPROBE_DEFINE([rdmsrq], [HAVE_RDMSRQ],
		[x86 has rdmsrq() (6.16 rename of rdmsrl())],
		[for rdmsrq()])
	ONLOAD_KPROBE_DEFINE([copy_from_kernel_nofault], [HAVE_COPY_FROM_KERNEL_NOFAULT],
		[copy_from_kernel_nofault() exists (5.8)],
		[for copy_from_kernel_nofault()])
	ONLOAD_KCONFIG([CONFIG_SHADOW_CALL_STACK], [HAVE_SHADOW_CALL_STACK],
		[the kernel is built with the shadow call stack])
])
