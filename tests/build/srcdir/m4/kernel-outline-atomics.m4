dnl kernel-outline-atomics.m4 -- does the kernel's compiler take
dnl -mno-outline-atomics?  GCC >= 10 on aarch64 defaults to outline atomics,
dnl calls to libgcc helpers (__aarch64_ldadd4_acq_rel, ...) that the kernel
dnl does not provide, so modpost reports them undefined.  Tested with the
dnl kernel's own compiler and flags plus -Werror; the result feeds
dnl mk/platform/gnu_aarch64.mk through ONLOAD_ARCH_CFLAGS.
AC_DEFUN([ONLOAD_KPROBE_SRC_OUTLINE_ATOMICS], [
	ONLOAD_KPROBE_SRC([no_outline_atomics], [], [], [-mno-outline-atomics])
])
AC_DEFUN([ONLOAD_KPROBE_OUTLINE_ATOMICS], [
	ONLOAD_KPROBE_DEFINE([no_outline_atomics], [HAVE_CC_NO_OUTLINE_ATOMICS],
		[the kernel compiler accepts -mno-outline-atomics],
		[whether the kernel compiler accepts -mno-outline-atomics])
	ONLOAD_KPROBE_RESULT([no_outline_atomics], [CC_NO_OUTLINE_ATOMICS=y], [CC_NO_OUTLINE_ATOMICS=])
	AC_SUBST([CC_NO_OUTLINE_ATOMICS])
])
