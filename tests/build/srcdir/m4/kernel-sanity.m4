dnl kernel-sanity.m4 -- a module with no API use must compile.
dnl If it does not, every other probe would fail for the same reason and turn
dnl into a row of silently "absent" features, so configure stops instead.
AC_DEFUN([ONLOAD_KPROBE_SRC_SANITY], [
	ONLOAD_KPROBE_SRC([sanity], [], [])
])
