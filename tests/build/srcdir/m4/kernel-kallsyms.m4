dnl kernel-kallsyms.m4 -- how the resolver can look symbols up.
dnl kallsyms_lookup_name() lost its export in "kallsyms: unexport
dnl kallsyms_lookup_name() and kallsyms_on_each_symbol()", 5.7: an exported
dnl symbol is a link-time fact, read from Module.symvers.  Without the export
dnl a kprobe registered on it reports its address, if kprobes are usable.
AC_DEFUN([ONLOAD_KPROBE_SRC_KALLSYMS], [
	ONLOAD_KPROBE_SRC([register_kprobe], [#include <linux/kprobes.h>], [
	int (*reg)(struct kprobe *) = register_kprobe;
	void (*unreg)(struct kprobe *) = unregister_kprobe;
	(void)reg;
	(void)unreg;])
])
AC_DEFUN([ONLOAD_KPROBE_KALLSYMS], [
	ONLOAD_KSYM_EXPORTED([kallsyms_lookup_name], [HAVE_KALLSYMS_LOOKUP_NAME_EXPORTED],
		[kallsyms_lookup_name() is exported to modules (before 5.7)])
	ONLOAD_KCONFIG([CONFIG_KPROBES], [HAVE_CONFIG_KPROBES], [the kernel has CONFIG_KPROBES])
	AC_MSG_CHECKING([whether kprobes are usable from a module])
	AS_IF([grep -Eq '^CONFIG_KPROBES=y' "$LINUX_OBJ/include/config/auto.conf"],
		[ONLOAD_KPROBE_RESULT([register_kprobe], [onload_kp_ok=yes], [onload_kp_ok=no])],
		[onload_kp_ok=no])
	AC_MSG_RESULT([$onload_kp_ok])
	AS_IF([test $onload_kp_ok = yes], [
		AC_DEFINE([HAVE_KPROBES], [1], [register_kprobe() works (CONFIG_KPROBES and the API)])
		onload_probe_yes="$onload_probe_yes HAVE_KPROBES"
	], [onload_probe_no="$onload_probe_no HAVE_KPROBES"])
])
