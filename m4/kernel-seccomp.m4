dnl kernel-seccomp.m4 -- can the module tell that its caller is sandboxed?
dnl A seccomp filter runs on the syscall the task made (ioctl), never on a
dnl handler the module calls for it, so onload.ko refuses BPF objects to a
dnl task in a seccomp mode.  The mode lives in task_struct's struct seccomp
dnl (CONFIG_SECCOMP); without the field the build stops rather than guess.
AC_DEFUN([ONLOAD_KPROBE_SRC_SECCOMP], [
	ONLOAD_KPROBE_SRC([task_seccomp_mode], [#include <linux/sched.h>
#include <linux/seccomp.h>], [
#ifdef CONFIG_SECCOMP
	int mode = READ_ONCE(current->seccomp.mode);

	(void)(mode == SECCOMP_MODE_DISABLED);
#endif])
])
AC_DEFUN([ONLOAD_KPROBE_SECCOMP], [
	ONLOAD_KPROBE_DEFINE([task_seccomp_mode], [HAVE_TASK_SECCOMP_MODE],
		[struct task_struct has seccomp.mode (CONFIG_SECCOMP)],
		[for the seccomp mode of a task])
])
