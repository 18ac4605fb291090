# shellcheck shell=bash
# onload_lib.sh: shared by onload_tool, onload_install, onload_arm64_helper
# and load_onload_arm64.sh.  Sourced, never run.
#
# Test overrides.  Everything outside the scripts goes through a name the
# tests (tests/scripts/run) can point at a fake root, but ONLY when the
# environment also has ONLOAD_TEST_OVERRIDES=1 (the one switch for all).
# Without it every variable below is ignored, with one line on stderr
# naming the ones that were set, and removed from the environment of
# what the scripts run:
#
#   ONLOAD_SYSROOT     prefix for /proc, /sys, /etc and /lib/modules paths
#                      (default: empty, the real root)
#   ONLOAD_BUILD_CONF  the build file to read (default: the first of
#                      $ONLOAD_SYSROOT/etc/onload/build.conf and, with no
#                      ONLOAD_SYSROOT, PREFIX/etc/onload/build.conf next to
#                      the installed onload_tool)
#   ONLOAD_LIBEXECDIR  where onload_lib.sh and onload_arm64_helper live
#   ONLOAD_ARM64_HELPER  the arm64 helper to run (default: next to this file)
#   ONLOAD_UNAME       command for "uname -r"        (default: uname)
#   ONLOAD_ID          command for "id -u"           (default: bash's EUID)
#   ONLOAD_MODPROBE    command for modprobe          (default: modprobe)
#   ONLOAD_INSMOD      command for insmod            (default: insmod)
#   ONLOAD_RMMOD       command for rmmod             (default: rmmod)
#   ONLOAD_DEPMOD      command for depmod            (default: depmod)
#   ONLOAD_MODINFO     command for modinfo           (default: modinfo)
#   ONLOAD_GETENT      command for getent            (default: getent)
#   ONLOAD_GROUPADD    command for groupadd          (default: groupadd)
#   ONLOAD_GROUPDEL    command for groupdel          (default: groupdel)
#
# Each command variable holds one command name or path (no arguments).
# Loaded modules are read from $ONLOAD_SYSROOT/proc/modules (no lsmod).
# These name files the scripts source and commands they run as root, so
# an administrator must never let sudo keep ONLOAD_* variables (env_keep,
# SETENV, sudo -E) for these scripts: with ONLOAD_TEST_OVERRIDES=1 kept
# too, that is root for whoever may run them.
#
# Files read as root.  Independently of the switch, when the script runs
# as root (effective uid 0, or what ONLOAD_ID says under the switch)
# every file it sources or executes as configuration (onload_lib.sh,
# build.conf, the arm64 helper onload_tool runs) must be owned by root,
# or by the owner of the running script itself (so "sudo
# scripts/onload_install" from your own checkout still works: running
# your script already trusts you), and must be writable by neither group
# nor others; else the script refuses with one line naming the file and
# why, and changes nothing (onload_trusted).  The switch relaxes one thing
# only, for any path (under ONLOAD_SYSROOT or not): files owned by the
# process's own effective uid are accepted too, so the tests can run as a
# user pretending to be root (ONLOAD_ID) on files that user made.  For a
# process that really is root that uid is 0: nothing is relaxed for it.
# The parent directories are not checked.

# The module tools live in sbin, which a user's PATH may lack.  Appended,
# so a PATH that puts substitutes first still wins (sudo's secure_path
# decides it for root).
case ":$PATH:" in *:/sbin:*) ;; *) PATH=$PATH:/usr/sbin:/sbin ;; esac

onload_override_vars='ONLOAD_SYSROOT ONLOAD_BUILD_CONF ONLOAD_LIBEXECDIR ONLOAD_ARM64_HELPER
ONLOAD_UNAME ONLOAD_ID ONLOAD_MODPROBE ONLOAD_INSMOD ONLOAD_RMMOD ONLOAD_DEPMOD ONLOAD_MODINFO
ONLOAD_GETENT ONLOAD_GROUPADD ONLOAD_GROUPDEL'

# onload_test_overrides: true when ONLOAD_TEST_OVERRIDES=1.
onload_test_overrides() {
	[ "${ONLOAD_TEST_OVERRIDES:-}" = 1 ]
}

# Without the switch: one line for the overrides that are set, then none.
if ! onload_test_overrides; then
	onload_ignored=
	for onload_v in $onload_override_vars; do
		if [ -n "${!onload_v:-}" ]; then
			onload_ignored="${onload_ignored:+$onload_ignored }$onload_v"
		fi
		unset "$onload_v"
	done
	if [ -n "$onload_ignored" ]; then
		printf '%s: ignoring %s (test overrides need ONLOAD_TEST_OVERRIDES=1)\n' \
			"${onload_prog:-onload}" "$onload_ignored" >&2
	fi
	unset onload_v onload_ignored
fi

ONLOAD_SYSROOT=${ONLOAD_SYSROOT:-}
ONLOAD_UNAME=${ONLOAD_UNAME:-uname}
ONLOAD_ID=${ONLOAD_ID:-}
ONLOAD_MODPROBE=${ONLOAD_MODPROBE:-modprobe}
ONLOAD_INSMOD=${ONLOAD_INSMOD:-insmod}
ONLOAD_RMMOD=${ONLOAD_RMMOD:-rmmod}
ONLOAD_DEPMOD=${ONLOAD_DEPMOD:-depmod}
ONLOAD_MODINFO=${ONLOAD_MODINFO:-modinfo}
ONLOAD_GETENT=${ONLOAD_GETENT:-getent}
ONLOAD_GROUPADD=${ONLOAD_GROUPADD:-groupadd}
ONLOAD_GROUPDEL=${ONLOAD_GROUPDEL:-groupdel}

# The directory holding this file (and the helper next to it).
# shellcheck disable=SC2034
onload_libdir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# Name used as the prefix of every message; each script sets its own.
onload_prog=${onload_prog:-onload}

onload_err() {
	printf '%s: %s\n' "$onload_prog" "$*" >&2
}

onload_say() {
	printf '%s: %s\n' "$onload_prog" "$*"
}

# onload_path /proc/x: the path under ONLOAD_SYSROOT.
onload_path() {
	printf '%s%s\n' "$ONLOAD_SYSROOT" "$1"
}

# onload_group_exists NAME: does the system know group NAME?
onload_group_exists() {
	"$ONLOAD_GETENT" group "$1" >/dev/null 2>&1
}

# onload_is_root: effective uid 0 (bash's EUID, which no environment
# sets; under the test switch ONLOAD_ID's "id -u" when given).
onload_is_root() {
	if [ -n "$ONLOAD_ID" ]; then
		[ "$("$ONLOAD_ID" -u 2>/dev/null)" = 0 ]
	else
		[ "$EUID" = 0 ]
	fi
}

# onload_trusted FILE: as root, FILE must be owned by root (or by the
# running script's owner) and writable by neither group nor others; else
# print one line naming FILE and why, and fail.  Not root: always true.
onload_trusted() {
	local f=$1 st u m self why=
	onload_is_root || return 0
	if ! st=$(stat -L -c '%u %a' -- "$f" 2>/dev/null) ||
		! self=$(stat -L -c '%u' -- "$0" 2>/dev/null); then
		why="cannot stat it"
	else
		u=${st% *} m=${st#* }
		case $m in '' | *[!0-7]*) m=7777 ;; esac
		# Under the test switch a user's own files too: only when not
		# really root (EUID 0 is root's own), which grants nothing.
		if [ "$u" != 0 ] && [ "$u" != "$self" ] &&
			! { onload_test_overrides && [ "$u" = "$EUID" ]; }; then
			why="owned by uid $u, not by root"
		elif [ $((8#$m & 8#022)) != 0 ]; then
			why="writable by group or others (mode $m)"
		fi
	fi
	[ -n "$why" ] || return 0
	onload_err "refusing to use $f as root: $why"
	return 1
}

onload_running_release() {
	"$ONLOAD_UNAME" -r 2>/dev/null
}

# onload_find_build_conf SELF_DIR: print the build file's path, or fail.
onload_find_build_conf() {
	local c
	if [ -n "${ONLOAD_BUILD_CONF:-}" ]; then	# only with the test switch
		[ -r "$ONLOAD_BUILD_CONF" ] || return 1
		printf '%s\n' "$ONLOAD_BUILD_CONF"
		return 0
	fi
	c=$(onload_path /etc/onload/build.conf)
	if [ -r "$c" ]; then
		printf '%s\n' "$c"
		return 0
	fi
	if [ -z "$ONLOAD_SYSROOT" ] && [ -n "${1:-}" ]; then
		c=$1/../etc/onload/build.conf
		if [ -r "$c" ]; then
			printf '%s\n' "$c"
			return 0
		fi
	fi
	return 1
}

# onload_read_build_conf FILE: set ONLOAD_VERSION KERNEL_RELEASE KERNEL_ARCH
# KERNEL_TREE KMODDIR PROBES_YES PROBES_NO from the build file.  It is
# sourced: as root only a trusted one (onload_trusted; its line on stderr,
# status 2).  Status 1: no KERNEL_RELEASE or KERNEL_ARCH.
onload_read_build_conf() {
	onload_trusted "$1" || return 2
	# Used by the scripts that source this file.
	# shellcheck disable=SC2034
	{
		ONLOAD_VERSION='' KERNEL_RELEASE='' KERNEL_ARCH='' KERNEL_TREE=''
		KMODDIR='' PROBES_YES='' PROBES_NO='' MODULE_SIGNED='' MODULE_SIGN_CERT=''
	}
	# shellcheck source=/dev/null
	. "$1" 2>/dev/null || return 1
	[ -n "$KERNEL_RELEASE" ] && [ -n "$KERNEL_ARCH" ]
}

# onload_moddir: where the modules of build.conf's kernel are installed,
# under ONLOAD_SYSROOT.  KMODDIR is used when it is a plain absolute path
# (a distcheck build may leave "${libdir}" in it unexpanded).
onload_moddir() {
	case ${KMODDIR:-} in
	/*\$* | '') onload_path "/lib/modules/$KERNEL_RELEASE/extra/onload" ;;
	/*) onload_path "$KMODDIR" ;;
	*) onload_path "/lib/modules/$KERNEL_RELEASE/extra/onload" ;;
	esac
}

# onload_module_file NAME RELEASE: the file modprobe loads for module NAME
# on kernel RELEASE, wherever it is installed under /lib/modules/RELEASE
# (extra/onload from make install, updates/dkms from DKMS), as modinfo
# finds it through depmod's index; fails when there is none.
onload_module_file() {
	local f
	f=$("$ONLOAD_MODINFO" ${ONLOAD_SYSROOT:+-b "$ONLOAD_SYSROOT"} -k "$2" -n "$1" 2>/dev/null) ||
		return 1
	f=${f%%$'\n'*}
	[ -n "$f" ] && [ -f "$f" ] || return 1
	printf '%s\n' "$f"
}

# onload_module_version NAME RELEASE: the module's MODULE_VERSION.
onload_module_version() {
	"$ONLOAD_MODINFO" ${ONLOAD_SYSROOT:+-b "$ONLOAD_SYSROOT"} -k "$2" -F version "$1" 2>/dev/null |
		head -n 1
}

# onload_uname_arch: the running kernel's architecture, named as
# build.conf's KERNEL_ARCH names it (arm64, x86_64, ppc64le).
onload_uname_arch() {
	local m
	m=$("$ONLOAD_UNAME" -m 2>/dev/null)
	case $m in
	aarch64 | arm64) echo arm64 ;;
	*) printf '%s\n' "$m" ;;
	esac
}

# onload_kernel_version RELEASE: print "MAJOR MINOR" of a release string
# such as 6.12.95+deb12-arm64, or fail when it does not start that way.
onload_kernel_version() {
	local rel=$1 major minor
	case $rel in
	[0-9]*.[0-9]*) ;;
	*) return 1 ;;
	esac
	major=${rel%%.*}
	minor=${rel#*.}
	minor=${minor%%[!0-9]*}
	case $major in '' | *[!0-9]*) return 1 ;; esac
	case $minor in '' | *[!0-9]*) return 1 ;; esac
	printf '%s %s\n' "$((10#$major))" "$((10#$minor))"
}

# is_arm64_kernel68_plus [RELEASE [ARCH]]: true for an arm64 kernel 6.8 or
# later.  RELEASE defaults to the running kernel's "uname -r", ARCH to
# build.conf's KERNEL_ARCH.  A release that does not parse is not 6.8+.
is_arm64_kernel68_plus() {
	local rel=${1-} arch=${2-${KERNEL_ARCH:-}} v major minor
	[ "$arch" = arm64 ] || return 1
	if [ -z "$rel" ]; then
		rel=$(onload_running_release) || return 1
	fi
	v=$(onload_kernel_version "$rel") || return 1
	major=${v% *}
	minor=${v#* }
	[ "$major" -gt 6 ] || { [ "$major" -eq 6 ] && [ "$minor" -ge 8 ]; }
}

# onload_module_loaded NAME: true when NAME is in /proc/modules.
onload_module_loaded() {
	local f name rest
	f=$(onload_path /proc/modules)
	[ -r "$f" ] || return 1
	while read -r name rest; do
		: "$rest"
		[ "$name" = "$1" ] && return 0
	done <"$f"
	return 1
}

# onload_kallsyms_lookup FILE: find sys_call_table's address in a
# /proc/kallsyms listing.  Only data symbols (type D d R r) of the core
# kernel count: a line with a "[module]" field is some module's own symbol.
# Prints 0x<16 hex digits> and returns
#   0  found
#   1  absent (no such core data symbol, or only malformed lines)
#   2  hidden (the address reads as zero: kptr_restrict, or not root)
#   3  ambiguous (several core symbols with different addresses)
#   4  FILE unreadable
onload_kallsyms_lookup() {
	local f=$1 rc
	[ -f "$f" ] && [ -r "$f" ] || return 4
	# awk's own failures exit 1 or 2, so the verdicts use 10..13.
	awk '
	$3 != "sys_call_table" { next }
	NF != 3 { next }			# "[module]" field, or malformed
	$2 !~ /^[DdRr]$/ { next }
	$1 !~ /^[0-9a-fA-F]+$/ || length($1) != 16 { next }
	{
		a = tolower($1)
		if (a ~ /^0+$/) { zero = 1; next }
		if (!(a in seen)) { seen[a] = 1; n++; addr = a }
	}
	END {
		if (n > 1) exit 13
		if (n == 1) { print "0x" addr; exit 10 }
		if (zero) exit 12
		exit 11
	}' "$f" 2>/dev/null
	rc=$?
	case $rc in 10 | 11 | 12 | 13) return $((rc - 10)) ;; *) return 4 ;; esac
}

# onload_valid_addr STRING: a non-zero 0x-prefixed 64-bit hex address.
onload_valid_addr() {
	case $1 in
	0x*) ;;
	*) return 1 ;;
	esac
	local h=${1#0x}
	[ "${#h}" -ge 1 ] && [ "${#h}" -le 16 ] || return 1
	case $h in *[!0-9a-fA-F]*) return 1 ;; esac
	case $h in *[!0]*) return 0 ;; esac
	return 1
}

# onload_last_line TEXT: the last non-empty line of TEXT.
onload_last_line() {
	printf '%s\n' "$1" | sed '/^[[:space:]]*$/d' | tail -n 1
}
