# shellcheck shell=bash
# Shared by the fake module tools of tests/scripts/run.  State lives in the
# fake root: $ONLOAD_SYSROOT/proc/modules lists what is "loaded",
# /sys/module/NAME/parameters holds the results sfc_resource would show.
#
#   FAKE_LOG          every invocation is appended here ("modprobe ARGS")
#   FAKE_UNAME_R      the "running" kernel release
#   FAKE_FAIL_LOAD    module names (space separated) whose loading fails
#   FAKE_FAIL_UNLOAD  module names whose unloading fails
#   FAKE_LOAD_THEN_FAIL  module names that get loaded, yet the tool fails
#   FAKE_METHOD       resolved_method without syscall_table_addr (decode)
#   FAKE_REFUSE       the kernel refuses every module: "signature" (as
#                     under module.sig_enforce, EKEYREJECTED) or "lockdown"
#                     (EPERM)

root=${ONLOAD_SYSROOT:?fake tools need ONLOAD_SYSROOT}
mods=$root/proc/modules

fake_log() {
	printf '%s\n' "$*" >>"${FAKE_LOG:-/dev/null}"
}

fake_loaded() {
	[ -f "$mods" ] && grep -q "^$1 " "$mods"
}

fake_in() {
	case " $2 " in *" $1 "*) return 0 ;; esac
	return 1
}

# fake_load TOOL NAME PARAMS...: what the kernel would do.
fake_load() {
	local tool=$1 name=$2 p addr='' method
	shift 2
	if fake_in "$name" "${FAKE_FAIL_LOAD:-}"; then
		echo "$tool: ERROR: could not insert '$name': Operation not permitted" >&2
		return 1
	fi
	case ${FAKE_REFUSE:-} in
	signature)
		echo "$tool: ERROR: could not insert '$name': Key was rejected by service" >&2
		return 1 ;;
	lockdown)
		echo "$tool: ERROR: could not insert '$name': Operation not permitted" >&2
		return 1 ;;
	esac
	for p in "$@"; do
		case $p in
		syscall_table_addr=0x*)
			addr=${p#*=}
			case ${addr#0x} in
			'' | *[!0-9a-fA-F]* | ?????????????????*)
				echo "$tool: ERROR: could not insert '$name': Invalid argument" >&2
				return 1 ;;
			esac
			case ${addr#0x} in *[!0]*) ;; *)
				echo "$tool: ERROR: could not insert '$name': Invalid argument" >&2
				return 1 ;;
			esac
			;;
		resolve_methods=*) ;;
		*)
			echo "$tool: ERROR: could not insert '$name': Unknown symbol in module, or unknown parameter (see dmesg)" >&2
			return 1 ;;
		esac
	done
	mkdir -p "$root/proc" "$root/sys/module/$name/parameters"
	echo "$name 16384 0 - Live 0x0000000000000000" >>"$mods"
	printf '%s\n' "$@" >"$root/sys/module/$name/params_given"
	if [ "$name" = sfc_resource ]; then
		if [ -n "$addr" ]; then method=param; else method=${FAKE_METHOD:-decode}; fi
		(
			cd "$root/sys/module/$name/parameters" || exit 1
			echo "$method" >resolved_method
			echo "${addr:-0xffff800081a41000}" >resolved_table
			echo "param=10 kallsyms=0 decode=0" >resolve_ns
			echo "table" >syscall_dispatch
		)
	else
		mkdir -p "$root/proc/driver/onload"
		printf 'resolver: param\ndispatch: table\n' >"$root/proc/driver/onload/build"
	fi
	return 0
}

fake_unload() {
	local tool=$1 name=$2
	if ! fake_loaded "$name"; then
		echo "$tool: ERROR: Module $name is not currently loaded" >&2
		return 1
	fi
	if [ "$name" = sfc_resource ] && fake_loaded onload; then
		echo "$tool: ERROR: Module sfc_resource is in use by: onload" >&2
		return 1
	fi
	if fake_in "$name" "${FAKE_FAIL_UNLOAD:-}"; then
		echo "$tool: ERROR: could not remove '$name': Resource temporarily unavailable" >&2
		return 1
	fi
	grep -v "^$name " "$mods" >"$mods.new"
	mv "$mods.new" "$mods"
	rm -rf "${root:?}/sys/module/$name"
	[ "$name" != onload ] || rm -rf "$root/proc/driver/onload"
	return 0
}

# fake_late_failure TOOL NAME: fail after loading, if FAKE_LOAD_THEN_FAIL says.
fake_late_failure() {
	if fake_in "$2" "${FAKE_LOAD_THEN_FAIL:-}"; then
		echo "$1: ERROR: Error running install command '$2'" >&2
		return 1
	fi
	return 0
}
