dnl kernel-kern-sys-bpf.m4 -- bpf() with its attributes in kernel memory.
dnl bpf(2) reads union bpf_attr from the pointer it is given, so calling it
dnl for a user with a buffer in that user's memory lets another thread of
dnl the user rewrite the attributes in between.  kern_sys_bpf() ("bpf:
dnl Prepare bpf syscall to be used from kernel and user space", 5.18; for
dnl the light skeletons of preloaded programs) takes a kernel-side
dnl union bpf_attr and checks the caller's credentials like the syscall.
dnl It is exported to modules; 6.12's Debian headers export it in the
dnl BPF_INTERNAL namespace, which a module must import by name.  Both the
dnl export and the namespace are link-time facts: Module.symvers says.
dnl No kernel header declares it (the light skeleton's skel_internal.h
dnl does), so kernel_compat.h does, with the type it has had since 5.18; a
dnl kernel header that ever declares it differently stops the build there.
AC_DEFUN([ONLOAD_KPROBE_KERN_SYS_BPF], [
	AC_MSG_CHECKING([for kern_sys_bpf() exported to modules])
	onload_ksb=`awk '$[]2 == "kern_sys_bpf" { print "yes", $[]5; exit }' \
		"$LINUX_OBJ/Module.symvers" 2>/dev/null`
	AS_IF([test -n "$onload_ksb"], [
		onload_ksb_ns=`echo $onload_ksb | $SED 's/^yes *//'`
		AS_IF([test -n "$onload_ksb_ns"],
			[AC_MSG_RESULT([yes, in namespace $onload_ksb_ns])
			 AC_DEFINE_UNQUOTED([ONLOAD_KERN_SYS_BPF_NS], ["$onload_ksb_ns"],
				[the symbol namespace kern_sys_bpf() is exported in])],
			[AC_MSG_RESULT([yes])])
		AC_DEFINE([HAVE_KERN_SYS_BPF], [1],
			[kern_sys_bpf() takes kernel-side bpf attributes and is exported (5.18)])
		onload_probe_yes="$onload_probe_yes HAVE_KERN_SYS_BPF"
	], [
		AC_MSG_RESULT([no: ONLOAD_IOC_BPF_ARRAY will answer EOPNOTSUPP])
		onload_probe_no="$onload_probe_no HAVE_KERN_SYS_BPF"
	])
])
