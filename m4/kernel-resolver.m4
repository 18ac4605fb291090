dnl kernel-resolver.m4 -- what the sys_call_table resolver builds on.
dnl  aarch64_insn_is_bti(): the kernel's own helper since "arm64: insn: Add
dnl    encoders/decoders for BTI" (5.10 era); never redefine it (upstream
dnl    Onload's redefinition breaks on Ubuntu 24.04 arm64).
dnl  copy_from_kernel_nofault(): "maccess: rename probe_kernel_read to
dnl    copy_from_kernel_nofault", 5.8; how kernel text is read safely.
dnl  CONFIG_SHADOW_CALL_STACK: prologues begin with "str x30, [x18], #8",
dnl    the word upstream's fixed-offset decoder tripped over on 6.8+.
AC_DEFUN([ONLOAD_KPROBE_SRC_RESOLVER], [
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
	ONLOAD_KPROBE_DEFINE([copy_from_kernel_nofault], [HAVE_COPY_FROM_KERNEL_NOFAULT],
		[copy_from_kernel_nofault() exists (5.8)],
		[for copy_from_kernel_nofault()])
	ONLOAD_KCONFIG([CONFIG_SHADOW_CALL_STACK], [HAVE_SHADOW_CALL_STACK],
		[the kernel is built with the shadow call stack])
])
