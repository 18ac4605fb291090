# shellcheck shell=sh
# The privilege boundary (doc/SECURITY.md) in a booted kernel: sourced by
# guest-onload.sh (busybox sh) with both modules loaded, which it leaves
# loaded.  Uses pass/fail/skipr of the caller, and from /test: run_as
# (setgroups/setgid/setuid, then exec: busybox has no su) and
# onload_priv_test.  /test/params.sh may set PRIV_RACE_N (attempts of the
# BPF attribute race, default 100000).
#
# Users: 1000 is in the device's group ONLOAD_GID, 1001 is not.

ONLOAD_GID=4242
PRIV_RACE_N=${PRIV_RACE_N:-100000}
UBD=/proc/sys/kernel/unprivileged_bpf_disabled

# The node as the driver makes it, before any udev rule: root's alone.
node=$(stat -c '%a %u %g' /dev/onload)
if [ "$node" = "600 0 0" ]; then
	pass "priv: /dev/onload is created 0600 root:root"
else
	fail "priv: /dev/onload is created '$node' (mode uid gid), want '600 0 0'"
fi
if ./run_as 1000 1000,$ONLOAD_GID /bin/sh -c 'exec 3</dev/onload' 2>/dev/null; then
	fail "priv: uid 1000 opened /dev/onload before the udev rule gave it a group"
else
	pass "priv: uid 1000 cannot open /dev/onload before the udev rule"
fi
# What our udev rule does (tests/vm-scripts.test checks the rule itself).
chgrp "$ONLOAD_GID" /dev/onload && chmod 0660 /dev/onload

# priv_run TAG ARGS...: onload_priv_test with its results tagged.
priv_run() {
	tag=$1
	shift
	./onload_priv_test --group "$ONLOAD_GID" "$@" >/tmp/priv.out 2>&1
	prc=$?
	sed -n "s/^RESULT \([A-Z]*\) /RESULT \1 priv($tag) /p; s/^INFO /INFO priv($tag) /p" /tmp/priv.out
	grep -q '^RESULT ' /tmp/priv.out ||
		fail "priv($tag): onload_priv_test printed no result: $(tail -n 2 /tmp/priv.out | tr '\n' ' ')"
	[ "$prc" -eq 0 ] || fail "priv($tag): onload_priv_test exited $prc"
}

# Every ioctl as root, a user in the group, a user outside it, both under
# a seccomp filter that denies bpf and epoll_*, and a user holding root's
# fd; with unprivileged BPF allowed (0) and refused (2), the race once.
if [ -r "$UBD" ]; then
	ubd_was=$(cat "$UBD")
	for v in 0 2; do
		race=0
		[ "$v" = 0 ] && race=$PRIV_RACE_N
		if echo "$v" >"$UBD" 2>/dev/null && [ "$(cat "$UBD")" = "$v" ]; then
			priv_run "unprivileged_bpf_disabled=$v" --race "$race" --race-seconds 300
		elif [ "$ubd_was" = 1 ]; then
			# The kernel's rule: 1 cannot be undone until reboot.
			skipr "priv(unprivileged_bpf_disabled=$v): the kernel booted with 1, which it does not let anyone change"
		else
			fail "priv: cannot set unprivileged_bpf_disabled to $v (it is $(cat "$UBD"))"
		fi
	done
	echo "$ubd_was" >"$UBD" 2>/dev/null
else
	# No BPF syscall in this kernel: the program says SKIP for BPF cells.
	priv_run "no bpf sysctl" --race "$PRIV_RACE_N" --race-seconds 300
fi

# No kernel address reaches a user: every load path of both modules (a
# rejected syscall_table_addr, kallsyms, decode) under kptr_restrict 0, 1
# and 2, read back as uid 1000 with dmesg_restrict=0 from dmesg,
# /proc/driver/onload/build and every module parameter it can read.
KR=/proc/sys/kernel/kptr_restrict
DR=/proc/sys/kernel/dmesg_restrict
kr_was=$(cat "$KR")
dr_was=$(cat "$DR")
echo 0 >"$KR"
echo 0 >"$DR"
table=$(awk '$3 == "sys_call_table" { print $1; exit }' /proc/kallsyms)
text=$(awk '$2 == "T" && $1 !~ /^0+$/ { print $1; exit }' /proc/kallsyms)
# A kernel address is 16 hex digits with the top bits set (arm64, x86:
# ffff...; ppc64: c000...).  %p hashes print 00000000xxxxxxxx.
ADDR_RE='(0x)?(ffff[0-9a-f]{12}|c00[0-9a-f]{13})'
for kr in 0 1 2; do
	echo "$kr" >"$KR"
	if ! { rmmod onload && rmmod sfc_resource; }; then
		fail "priv(kptr_restrict=$kr): cannot unload the modules"
	fi
	# A text address as the table: read, rejected; then decode finds it.
	if ! { insmod ./sfc_resource.ko "syscall_table_addr=0x$text" resolve_methods=param,decode &&
		rmmod sfc_resource; }; then
		fail "priv(kptr_restrict=$kr): sfc_resource with a rejected parameter"
	fi
	if ! { insmod ./sfc_resource.ko resolve_methods=kallsyms,decode && insmod ./onload.ko; }; then
		fail "priv(kptr_restrict=$kr): cannot reload the modules"
	fi
	# shellcheck disable=SC2016 # expanded by the inner shell
	./run_as 1000 1000,$ONLOAD_GID /bin/sh -c '
		dmesg
		cat /proc/driver/onload/build
		for f in /sys/module/sfc_resource/parameters/* /sys/module/onload/parameters/*; do
			[ -e "$f" ] || continue
			if v=$(cat "$f" 2>/dev/null); then
				echo "$f: $v"
			else
				echo "unreadable: $f"
			fi
		done' >/tmp/user.view 2>&1
	ours=$(grep -E '(sfc_resource|onload): ' /tmp/user.view)
	if ! echo "$ours" | grep -q 'param: rejected syscall_table_addr'; then
		fail "priv(kptr_restrict=$kr): uid 1000 with dmesg_restrict=0 did not see the modules' messages: $(head -n 2 /tmp/user.view | tr '\n' ' ')"
		continue
	fi
	leak=$( { echo "$ours"; grep -v -E '(sfc_resource|onload): ' /tmp/user.view | grep -E '^(/sys|/proc|[a-z_]+:)'; } |
		grep -E -i "$ADDR_RE|entry [0-9]+ \(")
	[ -n "$table" ] && leak="$leak$(grep -i "$table" /tmp/user.view)"
	if [ -z "$leak" ]; then
		pass "priv(kptr_restrict=$kr): uid 1000 reads no kernel address in $(echo "$ours" | wc -l) module messages, /proc/driver/onload/build and the parameters"
	else
		fail "priv(kptr_restrict=$kr): uid 1000 reads kernel addresses: $(echo "$leak" | head -n 3 | tr '\n' ';')"
	fi
	if grep -q '^unreadable: /sys/module/sfc_resource/parameters/resolved_table' /tmp/user.view; then
		pass "priv(kptr_restrict=$kr): resolved_table is root's alone"
	else
		fail "priv(kptr_restrict=$kr): uid 1000 can read resolved_table"
	fi
done
echo "$kr_was" >"$KR"
echo "$dr_was" >"$DR"
chgrp "$ONLOAD_GID" /dev/onload && chmod 0660 /dev/onload
