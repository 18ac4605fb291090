dnl onload-kernel-probe.m4 -- compile-test kernel APIs against the target tree.
dnl
dnl Probes are registered first (each writes one small module source into
dnl build/probes/), then every probe is compiled in a single kbuild run
dnl ("make -k -j") and each result is read from whether its object exists.
dnl Probes compile with the kernel's own flags plus -Werror, so each one is
dnl written to be warning-clean under them: everything static, every value
dnl used.  A sanity probe must compile, or configure stops and shows the
dnl compiler's own error.
dnl
dnl Results are cached, keyed on the tree's path, release, config, exported
dnl symbols, the kbuild arguments and the probe sources themselves.

dnl ONLOAD_KPROBE_SRC(NAME, FILE-SCOPE-CODE, FUNCTION-BODY, [EXTRA-CFLAGS])
AC_DEFUN([ONLOAD_KPROBE_SRC], [
	onload_kp_names="$onload_kp_names $1"
	cat >"$onload_kp_dir/$1.c" <<'_ONLOAD_KP_EOF'
/* onload-arm configure probe: $1 */
#include <linux/module.h>
#include <linux/init.h>
$2

static int __init onload_probe_init(void)
{
$3
	return 0;
}
module_init(onload_probe_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("onload-arm configure probe");
_ONLOAD_KP_EOF
	echo "obj-m += $1.o" >>"$onload_kp_dir/Kbuild"
	m4_ifval([$4], [echo "CFLAGS_$1.o += $4" >>"$onload_kp_dir/Kbuild"])
])

dnl ONLOAD_KPROBE_RESULT(NAME, [IF-COMPILED], [IF-NOT])
AC_DEFUN([ONLOAD_KPROBE_RESULT], [
	AS_IF([grep -qx "$1 yes" "$onload_kp_results"], [$2], [$3])
])

dnl ONLOAD_KPROBE_DEFINE(NAME, MACRO, DESCRIPTION, MESSAGE)
dnl A probe whose result is one config.h macro and one build.conf entry.
AC_DEFUN([ONLOAD_KPROBE_DEFINE], [
	AC_MSG_CHECKING([$4])
	ONLOAD_KPROBE_RESULT([$1], [
		AC_MSG_RESULT([yes])
		AC_DEFINE([$2], [1], [$3])
		onload_probe_yes="$onload_probe_yes $2"
	], [
		AC_MSG_RESULT([no])
		onload_probe_no="$onload_probe_no $2"
	])
])

dnl ONLOAD_KSYM_EXPORTED(SYMBOL, MACRO, DESCRIPTION)
dnl Exported symbols are a link-time fact: read the tree's Module.symvers.
AC_DEFUN([ONLOAD_KSYM_EXPORTED], [
	AC_MSG_CHECKING([whether $1 is exported to modules])
	AS_IF([test ! -f "$LINUX_OBJ/Module.symvers"], [
		AC_MSG_RESULT([unknown])
		AC_MSG_WARN([$LINUX_OBJ/Module.symvers missing: assuming $1 is not exported])
		onload_probe_no="$onload_probe_no $2"
	], [awk -v s="$1" '$[]2 == s { f = 1 } END { exit !f }' "$LINUX_OBJ/Module.symvers"], [
		AC_MSG_RESULT([yes])
		AC_DEFINE([$2], [1], [$3])
		onload_probe_yes="$onload_probe_yes $2"
	], [
		AC_MSG_RESULT([no])
		onload_probe_no="$onload_probe_no $2"
	])
])

dnl ONLOAD_KCONFIG(OPTION, MACRO, DESCRIPTION)
dnl Kconfig facts come from the tree's auto.conf (built-in or module).
AC_DEFUN([ONLOAD_KCONFIG], [
	AC_MSG_CHECKING([for $1 in the kernel config])
	AS_IF([grep -Eq "^$1=(y|m)\$" "$LINUX_OBJ/include/config/auto.conf"], [
		AC_MSG_RESULT([yes])
		AC_DEFINE([$2], [1], [$3])
		onload_probe_yes="$onload_probe_yes $2"
	], [
		AC_MSG_RESULT([no])
		onload_probe_no="$onload_probe_no $2"
	])
])

dnl ONLOAD_KPROBES_BUILD: compile every registered probe in one kbuild pass.
AC_DEFUN([ONLOAD_KPROBES_BUILD], [
	AC_ARG_ENABLE([probe-cache],
		[AS_HELP_STRING([--disable-probe-cache],
			[always recompile the kernel probes])],
		[], [enable_probe_cache=yes])
	onload_kp_count=`echo $onload_kp_names | wc -w`
	onload_kp_results=$onload_kp_dir/results
	onload_kp_cachedir=${ONLOAD_PROBE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/onload-arm/probes}
	onload_kp_key=`{
		echo "$LINUX_OBJ $KERNEL_RELEASE $KBUILD_ARGS"
		ls -lL --time-style=+%s "$LINUX_OBJ/include/config/auto.conf" \
			"$LINUX_OBJ/Module.symvers" "$LINUX_OBJ/Makefile" 2>/dev/null
		cat "$onload_kp_dir"/Kbuild "$onload_kp_dir"/*.c
	} | cksum | $SED 's/ /-/'`
	onload_kp_cached=$onload_kp_cachedir/$KERNEL_RELEASE-$onload_kp_key
	AC_MSG_CHECKING([kernel probe results cached for this tree])
	AS_IF([test "x$enable_probe_cache" = xyes && test -s "$onload_kp_cached"], [
		cp "$onload_kp_cached" "$onload_kp_results"
		onload_kp_source=cached
		AC_MSG_RESULT([yes])
	], [
		AC_MSG_RESULT([no])
		AC_MSG_NOTICE([compiling $onload_kp_count kernel probes in one kbuild pass])
		onload_kp_jobs=`getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2`
		onload_kp_objs=
		for onload_kp in $onload_kp_names; do
			onload_kp_objs="$onload_kp_objs $onload_kp.o"
		done
		echo "$as_me: make -k -j$onload_kp_jobs $KBUILD_ARGS M=$onload_kp_dir $onload_kp_objs" >&AS_MESSAGE_LOG_FD
		make -k -j$onload_kp_jobs $KBUILD_ARGS M="$onload_kp_dir" $onload_kp_objs \
			>"$onload_kp_dir/build.log" 2>&1
		cat "$onload_kp_dir/build.log" >&AS_MESSAGE_LOG_FD
		: >"$onload_kp_results"
		for onload_kp in $onload_kp_names; do
			AS_IF([test -s "$onload_kp_dir/$onload_kp.o"],
				[echo "$onload_kp yes"], [echo "$onload_kp no"])
		done >>"$onload_kp_results"
		onload_kp_source=compiled
		dnl Never cache a broken tree: the sanity probe must have held.
		AS_IF([test "x$enable_probe_cache" = xyes && grep -qx 'sanity yes' "$onload_kp_results"], [
			AS_IF([$MKDIR_P "$onload_kp_cachedir" 2>/dev/null],
				[cp "$onload_kp_results" "$onload_kp_cached" 2>/dev/null || :])
		])
	])
])

AC_DEFUN([ONLOAD_KPROBE_SANITY], [
	AC_MSG_CHECKING([that a trivial module compiles against $LINUX_OBJ])
	ONLOAD_KPROBE_RESULT([sanity], [AC_MSG_RESULT([yes])], [
		AC_MSG_RESULT([no])
		echo "---- compiler output for the sanity probe ----" >&2
		grep -v '^make' "$onload_kp_dir/build.log" | grep -A3 -E 'sanity|rror' | head -n 25 >&2
		echo "----" >&2
		AS_IF([grep -q -E 'not found|No such file or directory' "$onload_kp_dir/build.log"],
			[onload_kp_hint=" (the tree's compiler may be missing: pass KERNEL_CC=... or CROSS_COMPILE=...)"],
			[onload_kp_hint=])
		AC_MSG_ERROR([cannot compile a trivial module against $LINUX_OBJ$onload_kp_hint; see $onload_kp_dir/build.log])
	])
])
