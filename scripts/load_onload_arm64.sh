#!/bin/bash
# load_onload_arm64.sh: load sfc_resource and onload by hand on arm64, for
# testing, echoing every step ("+ command") before running it.  Uses insmod
# on the .ko files directly: no modprobe, no modprobe.d rules, no depmod.
#
# Usage: load_onload_arm64.sh [-n] [MODULE-DIR]
#   -n          only echo the steps, change nothing
#   MODULE-DIR  where sfc_resource.ko and onload.ko are (default: the
#               installed KMODDIR from build.conf)
#
# Exit status: 0 loaded, 1 usage, 2 not root, 3 modules not found (or,
#   as root, onload_lib.sh or build.conf not root's or writable by group
#   or others), 5 loading failed (sfc_resource is removed again if onload
#   fails).
# Test overrides (ONLOAD_SYSROOT, ONLOAD_INSMOD, ONLOAD_RMMOD, ...) count
# only with ONLOAD_TEST_OVERRIDES=1: onload_lib.sh.

onload_prog=load_onload_arm64.sh
self_dir=$(cd "$(dirname "$0")" && pwd)
# onload_lib.sh: ONLOAD_LIBEXECDIR only under the test switch.  As root it
# must be root's (or this script's owner's), writable by no one else.
test_libexecdir=
[ "${ONLOAD_TEST_OVERRIDES:-}" != 1 ] || test_libexecdir=${ONLOAD_LIBEXECDIR:-}
lib=
for c in "${test_libexecdir:+$test_libexecdir/onload_lib.sh}" \
	"$self_dir/onload_misc/onload_lib.sh" "$self_dir/onload_lib.sh"; do
	if [ -n "$c" ] && [ -r "$c" ]; then lib=$c; break; fi
done
if [ -z "$lib" ]; then
	echo "$onload_prog: onload_lib.sh not found" >&2
	exit 3
fi
if [ "$EUID" = 0 ]; then
	why=$(stat -L -c '%u %a' -- "$lib" "$0" 2>/dev/null | {
		# u m: the library's owner and mode; o: this script's owner.
		read -r u m
		read -r o _
		if [ -z "$u" ] || [ -z "$m" ] || [ -z "$o" ] ||
			[ -n "${u//[0-9]/}${m//[0-7]/}${o//[0-9]/}" ]; then
			echo "cannot stat it"
			exit
		fi
		if [ "$u" != 0 ] && [ "$u" != "$o" ]; then
			echo "owned by uid $u, not by root"
		elif [ $((8#$m & 8#022)) != 0 ]; then
			echo "writable by group or others (mode $m)"
		fi
	})
	if [ -n "$why" ]; then
		echo "$onload_prog: refusing to use $lib as root: $why" >&2
		exit 3
	fi
fi
# shellcheck source=scripts/onload_misc/onload_lib.sh
. "$lib"

dry=
case ${1:-} in
-h | --help) sed -n '2,/^$/{s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
-n) dry=yes; shift ;;
-*) onload_err "unknown option: $1"; exit 1 ;;
esac
[ $# -le 1 ] || { onload_err "too many arguments (see --help)"; exit 1; }

# step COMMAND...: echo, then run unless -n.
step() {
	echo "+ $*"
	[ -n "$dry" ] || "$@"
}

echo "# running kernel"
step "$ONLOAD_UNAME" -r
if [ -z "$dry" ] && ! onload_is_root; then
	onload_err "must be run as root"
	exit 2
fi

dir=${1:-}
if [ -z "$dir" ]; then
	echo "# build.conf"
	if conf=$(onload_find_build_conf "$self_dir/.."); then
		echo "+ . $conf"
		onload_read_build_conf "$conf"
		case $? in
		0) ;;
		2) exit 3 ;;	# not root's: onload_trusted said why
		*) onload_err "$conf is not a usable build file"; exit 3 ;;
		esac
		echo "#   built for $KERNEL_RELEASE ($KERNEL_ARCH)"
		dir=$(onload_moddir)
	else
		onload_err "no build.conf; give the module directory"
		exit 3
	fi
fi
if [ ! -f "$dir/sfc_resource.ko" ]; then
	onload_err "no sfc_resource.ko in $dir"
	exit 3
fi

echo "# may /proc/kallsyms show addresses? (0: yes to root, 1: root with CAP_SYSLOG, 2: never)"
step cat "$(onload_path /proc/sys/kernel/kptr_restrict)"
echo "# sys_call_table in /proc/kallsyms"
kallsyms=$(onload_path /proc/kallsyms)
echo "+ grep -w sys_call_table $kallsyms"
grep -w sys_call_table "$kallsyms" 2>/dev/null
param=
addr=$(onload_kallsyms_lookup "$kallsyms")
case $? in
0) onload_valid_addr "$addr" && param=syscall_table_addr=$addr
   echo "# using $addr" ;;
1) echo "# not listed: sfc_resource's own methods will look" ;;
2) echo "# hidden (zero address): sfc_resource's own methods will look" ;;
3) onload_err "several different kernel sys_call_table addresses; refusing to choose"
   exit 5 ;;
*) onload_err "cannot read $kallsyms"
   exit 5 ;;
esac

echo "# load sfc_resource"
if ! step "$ONLOAD_INSMOD" "$dir/sfc_resource.ko" ${param:+"$param"}; then
	onload_err "insmod sfc_resource.ko failed (see dmesg)"
	exit 5
fi
for p in resolved_method syscall_dispatch resolve_ns; do
	step cat "$(onload_path /sys/module/sfc_resource/parameters/$p)"
done

if [ -f "$dir/onload.ko" ]; then
	echo "# load onload"
	if ! step "$ONLOAD_INSMOD" "$dir/onload.ko"; then
		onload_err "insmod onload.ko failed (see dmesg); removing sfc_resource again"
		step "$ONLOAD_RMMOD" sfc_resource
		exit 5
	fi
	build=$(onload_path /proc/driver/onload/build)
	if [ -n "$dry" ] || [ -r "$build" ]; then step cat "$build"; fi
else
	echo "# no onload.ko in $dir: only sfc_resource loaded"
fi
exit 0
