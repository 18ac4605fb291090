dnl kernel-close-on-exec.m4 -- the second argument of close_on_exec().
dnl "close_on_exec(): pass files_struct instead of fdtable" (merged for 6.10)
dnl changed it from const struct fdtable * to const struct files_struct *.
dnl The probe checks the type, not the arity: both forms take two arguments.
AC_DEFUN([ONLOAD_KPROBE_SRC_CLOSE_ON_EXEC], [
	ONLOAD_KPROBE_SRC([close_on_exec_files], [#include <linux/fdtable.h>], [
	bool (*fp)(unsigned int, const struct files_struct *) = close_on_exec;
	(void)fp;])
	ONLOAD_KPROBE_SRC([close_on_exec_fdtable], [#include <linux/fdtable.h>], [
	bool (*fp)(unsigned int, const struct fdtable *) = close_on_exec;
	(void)fp;])
])
AC_DEFUN([ONLOAD_KPROBE_CLOSE_ON_EXEC], [
	ONLOAD_KPROBE_DEFINE([close_on_exec_files], [HAVE_CLOSE_ON_EXEC_FILES_STRUCT],
		[close_on_exec() takes a const struct files_struct * (6.10)],
		[whether close_on_exec() takes a struct files_struct *])
	ONLOAD_KPROBE_DEFINE([close_on_exec_fdtable], [HAVE_CLOSE_ON_EXEC_FDTABLE],
		[close_on_exec() takes a const struct fdtable *],
		[whether close_on_exec() takes a struct fdtable *])
])
