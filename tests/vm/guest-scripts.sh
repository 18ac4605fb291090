# shellcheck shell=sh
# Guest side of tests/vm-scripts.test (busybox sh inside the booted kernel):
# the installed onload_tool / onload_install on a real kernel.
# /test/params.sh sets:
#   KREL       the release the tree was built for (must be running)
#   HELPER     yes when onload_tool must take the arm64 6.8+ helper path
#   DECODE     yes where sfc_resource can decode the table (every arch)
#   SIGFORCE   yes on a kernel that loads only signed modules: the installed
#              ones are signed, /test/sfc_resource-unsigned.ko is not
#   TRUTH      sys_call_table's address from the host (the image's symbol;
#              ppc64el has no KASLR), checked against where /proc/kallsyms
#              lists no data symbols
#   TRUTH_OFF  sys_call_table's offset from _text in the kernel's vmlinux
#              (hex, kernels of our own; the guest adds its _text: KASLR)
#   INOTIFY    yes when the kernel's configuration has CONFIG_INOTIFY_USER
#   UDEV_FETCH the host command that makes udev.tgz (named when it is missing)
# /test/ also holds bash (Debian's bash-static for this architecture),
# and dest.tgz (the "make install DESTDIR=..." tree, prefix /usr/local).
# udev.tgz: Debian's udevd, udevadm and kmod with their libraries, for the
# onload_install --boot and DKMS-layout sections; without it each of their
# checks FAILs (a harness fault), every other check still runs.
# kcore_truth (arm64): tests/unit/arm64/kcore_truth.c, which finds the table
# in /proc/kcore where /proc/kallsyms lists no data symbols.
# Prints "RESULT PASS|FAIL|SKIP what: detail" lines and "INFO PHASE KEY
# VALUE..." lines (PHASE visible, kptr2 or installed; KEY method, dispatch,
# sfc_dispatch) that tests/vm/matrix-report reads.
# /test/params.sh exists only in the guest.
# KREL, HELPER, DECODE, TRUTH, TRUTH_OFF, SIGFORCE, INOTIFY and
# UDEV_FETCH come from it.
# shellcheck disable=SC1091,SC2153
. /test/params.sh
cd /test || exit 1
# Does /proc/kallsyms list the table (CONFIG_KALLSYMS_ALL)?  The helper can
# only hand over what it lists.
echo 0 >/proc/sys/kernel/kptr_restrict
if grep -q ' sys_call_table$' /proc/kallsyms; then LISTED=yes; else LISTED=no; fi

pass() { echo "RESULT PASS $*"; }
fail() { echo "RESULT FAIL $*"; }
P=/sys/module/sfc_resource/parameters

# run LABEL CMD...: echo the command, run it, keep its output in /tmp/out
# and its status in $rc, and show the output indented.
run() {
	label=$1
	shift
	echo "+ $*"
	"$@" >/tmp/out 2>&1
	rc=$?
	sed 's/^/  | /' /tmp/out
	echo "  [$label: exit $rc]"
}

loaded() { grep -q "^$1 " /proc/modules; }
none_loaded() { ! loaded onload && ! loaded sfc_resource; }
field() { sed -n "s/^$1:  *//p" /tmp/out | head -n 1; }

# ---- set up: bash, the installed tree, modules.dep -----------------------
if ! cp /test/bash /bin/bash || ! chmod 0755 /bin/bash; then
	fail "cannot install bash"
	exit 1
fi
tar -xzf /test/dest.tgz -C / || { fail "cannot unpack the installed tree"; exit 1; }
export PATH="/usr/local/sbin:$PATH"
# busybox modprobe knows no --ignore-install (kmod's option the helper
# passes) and ignores modprobe.d "install" rules: a test-only stand-in that
# drops that option (ONLOAD_MODPROBE is the scripts' documented override,
# which, like all of them, counts only with ONLOAD_TEST_OVERRIDES=1).
cat >/tmp/modprobe-bb <<'EOF'
#!/bin/sh
for a; do
	shift
	[ "$a" = --ignore-install ] || set -- "$@" "$a"
done
exec busybox modprobe "$@"
EOF
chmod 0755 /tmp/modprobe-bb
export ONLOAD_TEST_OVERRIDES=1 ONLOAD_MODPROBE=/tmp/modprobe-bb
# busybox depmod takes its first argument for a release only when it reads
# as X.Y.Z (sscanf "%u.%u.%u"), else opens it as a module file: Debian's
# experimental kernels are named "7.3-arm64" (no patch number).  Given no
# release it uses the running kernel's: a stand-in first on PATH drops
# that one (busybox sh runs its own applets before PATH: name it).  (kmod's
# depmod takes any release; the kmod checks below put
# /tmp/kmod-bin before it.)
mkdir -p /tmp/bb-bin
cat >/tmp/bb-bin/depmod <<'EOF'
#!/bin/sh
krel=$(uname -r)
for a; do
	shift
	[ "$a" = "$krel" ] || set -- "$@" "$a"
done
exec busybox depmod "$@"
EOF
chmod 0755 /tmp/bb-bin/depmod
export PATH="/tmp/bb-bin:$PATH"

krel=$(uname -r)
if [ "$krel" = "$KREL" ]; then
	pass "running kernel is the one build.conf names ($krel)"
else
	fail "running $krel, build.conf names $KREL"
fi
run depmod /tmp/bb-bin/depmod "$krel"
if [ -s "/lib/modules/$krel/modules.dep" ] &&
	grep -q 'extra/onload/onload.ko:' "/lib/modules/$krel/modules.dep"; then
	pass "depmod: modules.dep lists extra/onload/onload.ko"
else
	fail "depmod left no usable modules.dep: $(head -n 3 "/lib/modules/$krel/modules.dep" 2>&1)"
fi
# sys_call_table's address, what resolved_table must equal, taken as
# tests/vm/guest-resolver.sh takes it: /proc/kallsyms; where that lists no
# data symbols the /proc/kcore scan (arm64), else _text plus the vmlinux
# offset (kernels of our own), else the host's (the image's own symbol,
# ppc64el: no KASLR).
truth=$(awk '$3 == "sys_call_table" && NF == 3 { print $1; exit }' /proc/kallsyms)
echo "INFO kallsyms sys_call_table ${truth:-absent}"
tsrc=/proc/kallsyms
if [ -z "$truth" ] && [ -x /test/kcore_truth ]; then
	/test/kcore_truth >/tmp/kcore.out 2>&1
	sed 's/^/  kcore_truth | /' /tmp/kcore.out
	truth=$(awk '$1 == "scan" && $2 == "sys_call_table" { print $3; exit }' /tmp/kcore.out)
	tsrc="the /proc/kcore scan"
fi
if [ -z "$truth" ] && [ -n "$TRUTH_OFF" ]; then
	x=$(awk '$3 == "_text" { print $1; exit }' /proc/kallsyms)
	[ -n "$x" ] && truth=$(printf '%x' $((0x$x + 0x$TRUTH_OFF)))
	tsrc="_text + the vmlinux offset"
fi
if [ -z "$truth" ] && [ -n "$TRUTH" ]; then
	truth=$TRUTH
	tsrc="the image's symbol"
fi
if [ -n "$truth" ]; then
	truth=$(printf '%016x' "0x${truth#0x}")
	echo "INFO truth sys_call_table $truth ($tsrc)"
else
	tsrc="no source (not in /proc/kallsyms, no kcore scan, no host address)"
fi

run version onload_tool --version
if [ "$rc" = 0 ]; then
	pass "onload_tool --version: $(cat /tmp/out)"
else
	fail "onload_tool --version exited $rc"
fi

# ---- reload / status / unload, addresses visible --------------------------
# check_loaded PHASE: both modules in /proc/modules after a reload.
check_reload() {
	if [ "$rc" = 0 ] && loaded sfc_resource && loaded onload; then
		pass "$1: onload_tool reload loads sfc_resource and onload"
	else
		fail "$1: onload_tool reload exited $rc, /proc/modules: $(cut -d' ' -f1 /proc/modules | tr '\n' ' ')"
	fi
	if grep -q 'Detected ARM64 kernel 6.8+' /tmp/reload.out; then hl=yes; else hl=no; fi
	if [ "$hl" = "$HELPER" ]; then
		pass "$1: arm64 6.8+ helper path taken: $hl"
	else
		fail "$1: arm64 6.8+ helper path taken: $hl, expected $HELPER"
	fi
}

# check_status PHASE: status output; sets method, dispatch and table.
check_status() {
	run status onload_tool status
	method=$(field 'resolver method')
	# sfc_resource's own view (known where the decoder read the entry
	# code) and the path onload.ko dispatches through (its build file).
	sfc_dispatch=$(field 'syscall dispatch')
	dispatch=$(sed -n 's/^  dispatch: //p' /tmp/out | head -n 1)
	table=$(printf '%016x' "$(cat $P/resolved_table 2>/dev/null || echo 0)")
	if [ "$rc" = 0 ] && [ "$(field sfc_resource)" = loaded ] &&
		[ "$(field onload)" = loaded ] && [ -n "$method" ] &&
		[ "$method" != - ] && [ -n "$sfc_dispatch" ] && [ "$sfc_dispatch" != - ]; then
		pass "$1: onload_tool status: method $method, sfc_resource dispatch $sfc_dispatch"
	else
		fail "$1: onload_tool status exited $rc, method '$method', dispatch '$sfc_dispatch'"
	fi
	if [ -n "$dispatch" ] && [ "$(sed -n 's/^  resolver: //p' /tmp/out)" = "$method" ]; then
		pass "$1: status shows /proc/driver/onload/build: resolver $method, dispatch $dispatch"
	else
		fail "$1: status lacks /proc/driver/onload/build's resolver $method and dispatch"
	fi
	if [ "$table" = 0000000000000000 ]; then
		fail "$1: resolved_table is 0"
	elif [ -z "$truth" ]; then
		fail "$1: resolved_table $table, but sys_call_table's address is unknown: $tsrc"
	elif [ "$table" != "$truth" ]; then
		fail "$1: resolved_table $table, $tsrc says $truth"
	else
		pass "$1: resolved_table 0x$table (= $tsrc)"
	fi
	echo "INFO $1 method $method"
	echo "INFO $1 dispatch $dispatch"
	echo "INFO $1 sfc_dispatch $sfc_dispatch"
}

# check_user_status PHASE: onload_tool status as uid 1000 (run_as: busybox
# has no su) names the method and shows no kernel address
# (doc/SECURITY.md): the table is root's alone.
check_user_status() {
	/test/run_as 1000 1000 /bin/bash "$(command -v onload_tool)" status >/tmp/ustatus 2>&1
	urc=$?
	uaddr=$(grep -E -i '(0x)?(ffff[0-9a-f]{12}|c00[0-9a-f]{13})' /tmp/ustatus)
	if [ "$urc" = 0 ] && [ "$(sed -n 's/^resolver method:  *//p' /tmp/ustatus)" = "$method" ] &&
		grep -q '^resolved table: *(root only)' /tmp/ustatus && [ -z "$uaddr" ]; then
		pass "$1: onload_tool status as uid 1000: method $method, table (root only), no kernel address"
	else
		fail "$1: onload_tool status as uid 1000 exited $urc: $(tr '\n' ';' </tmp/ustatus | cut -c1-300)"
	fi
}

check_unload() {
	run unload onload_tool unload
	if [ "$rc" = 0 ] && none_loaded; then
		pass "$1: onload_tool unload leaves nothing loaded"
	else
		fail "$1: onload_tool unload exited $rc, /proc/modules: $(cut -d' ' -f1 /proc/modules | tr '\n' ' ')"
	fi
}

run status-before onload_tool status
if [ "$rc" = 0 ] && [ "$(field sfc_resource)" = "not loaded" ]; then
	pass "onload_tool status before loading: not loaded"
else
	fail "onload_tool status before loading exited $rc"
fi

# reload_with PARAMS PHASE: onload_tool reload with a modprobe.d options line
reload_with() {
	mkdir -p /etc/modprobe.d
	echo "options sfc_resource $1" >/etc/modprobe.d/sfc_resource.conf
	run "reload-$2" onload_tool reload
	cp /tmp/out /tmp/reload.out
}

echo 0 >/proc/sys/kernel/kptr_restrict
run reload onload_tool reload
cp /tmp/out /tmp/reload.out
check_reload visible
check_status visible
check_user_status visible
if [ "$HELPER" = yes ] && [ "$LISTED" = yes ]; then
	if [ "$method" = param ] && grep -q "sys_call_table's address from /proc/kallsyms handed to sfc_resource" /tmp/reload.out &&
		! grep -q '0x[0-9a-f]\{8\}' /tmp/reload.out; then
		pass "visible: helper passed /proc/kallsyms' address, method param; no address in its messages"
	else
		fail "visible: method '$method', expected param from the helper"
	fi
elif [ "$HELPER" = yes ]; then
	if [ "$method" = decode ] && grep -q 'lists no kernel sys_call_table' /tmp/reload.out; then
		pass "visible: /proc/kallsyms lists no sys_call_table: the helper says so, the module decodes"
	else
		fail "visible: method '$method' without a listed sys_call_table, expected decode after the helper's message"
	fi
fi
check_unload visible

# ---- the module's own methods fail, /proc/kallsyms shows the address -------
# (resolve_methods=param without an address stands in for a kernel without
# kprobes or a decoder): reload hands the listed address over, any arch.
if [ "$HELPER" != yes ] && [ "$LISTED" = yes ]; then
	reload_with resolve_methods=param handover
	check_reload handover
	check_status handover
	if [ "$method" = param ] && grep -q 'found no sys_call_table by itself; reloading it' /tmp/reload.out; then
		pass "handover: own methods found nothing; /proc/kallsyms' address handed over, method param"
	else
		fail "handover: method '$method', expected param from the handed-over address"
	fi
	check_unload handover
	rm -f /etc/modprobe.d/sfc_resource.conf
fi

# ---- kptr_restrict=2: /proc/kallsyms hides addresses ----------------------
echo 2 >/proc/sys/kernel/kptr_restrict
run reload onload_tool reload
cp /tmp/out /tmp/reload.out
check_reload kptr2
check_status kptr2
if [ "$HELPER" = yes ] && [ "$LISTED" = no ]; then
	if grep -q 'lists no kernel sys_call_table' /tmp/reload.out; then
		pass "kptr2: helper says /proc/kallsyms lists no sys_call_table and falls back"
	else
		fail "kptr2: no fallback message from the helper"
	fi
elif [ "$HELPER" = yes ]; then
	if grep -q 'hides sys_call_table.s address (kptr_restrict=2)' /tmp/reload.out; then
		pass "kptr2: helper reports the hidden address and falls back"
	else
		fail "kptr2: no fallback message from the helper"
	fi
fi
case $method in
param | '' | - | none) fail "kptr2: method '$method', expected the module's own (kallsyms/decode)" ;;
*) pass "kptr2: module resolved by its own method $method" ;;
esac
check_unload kptr2
echo 0 >/proc/sys/kernel/kptr_restrict

# ---- a kernel that loads only signed modules (CONFIG_MODULE_SIG_FORCE) -----
if [ "$SIGFORCE" = yes ]; then
	enforce=$(cat /sys/module/module/parameters/sig_enforce 2>/dev/null)
	if insmod /test/sfc_resource-unsigned.ko 2>/tmp/insmod.err; then
		rmmod sfc_resource
		fail "sigforce: the unsigned sfc_resource.ko loaded (sig_enforce=$enforce)"
	elif dmesg | grep -q 'Loading of unsigned module is rejected'; then
		pass "sigforce: unsigned sfc_resource.ko refused (sig_enforce=$enforce): $(cat /tmp/insmod.err)"
	else
		fail "sigforce: the unsigned module failed, but not for its signature: $(cat /tmp/insmod.err)"
	fi
	ko=$(find "/lib/modules/$KREL" -name sfc_resource.ko | head -n 1)
	cp "$ko" /tmp/signed.ko
	cp /test/sfc_resource-unsigned.ko "$ko"
	run refused onload_tool reload
	if [ "$rc" = 5 ] && [ "$(grep -c refused /tmp/out)" = 1 ] && none_loaded &&
		tail -n 1 /tmp/out | grep -q '^onload_tool: sfc_resource refused: the kernel loads only modules signed with a key it trusts (module.sig_enforce=Y); the modules are unsigned: rebuild with ./configure --with-signing-key=KEY'; then
		pass "sigforce: onload_tool reload with an unsigned module: exit 5, one line names the cause and the fix"
	else
		fail "sigforce: onload_tool reload with an unsigned module exited $rc: $(tail -n 1 /tmp/out)"
	fi
	cp /tmp/signed.ko "$ko"
	run signed onload_tool reload
	if [ "$rc" = 0 ] && loaded sfc_resource && loaded onload; then
		pass "sigforce: the signed modules load again"
	else
		fail "sigforce: the signed modules did not load again (exit $rc)"
	fi
	check_unload sigforce
fi

# ---- onload_install ------------------------------------------------------
kmod=/lib/modules/$krel/extra/onload
rule=etc/modprobe.d/onload_modprobe_arm64.conf

# Staged: everything under /tmp/stage, then --uninstall leaves no file.
# check_rule ROOT LABEL: the modprobe.d helper rule is there exactly when due.
check_rule() {
	if [ -f "$1/$rule" ]; then r=yes; else r=no; fi
	if [ "$r" = "$HELPER" ]; then
		pass "$2: modprobe.d rule installed: $r"
	else
		fail "$2: modprobe.d rule installed: $r, expected $HELPER"
	fi
}

run install-staged onload_install --destdir /tmp/stage "$kmod/sfc_resource.ko" "$kmod/onload.ko"
n=$(find /tmp/stage -type f | wc -l)
if [ "$rc" = 0 ] && [ -f "/tmp/stage$kmod/onload.ko" ] &&
	[ -x /tmp/stage/usr/local/sbin/onload_tool ] &&
	[ -f /tmp/stage/usr/local/etc/onload/onload_install.manifest ]; then
	pass "onload_install --destdir: $n files staged"
else
	fail "onload_install --destdir exited $rc ($n files)"
fi
check_rule /tmp/stage "onload_install --destdir"
run uninstall-staged onload_install --destdir /tmp/stage --uninstall
n=$(find /tmp/stage -type f | wc -l)
if [ "$rc" = 0 ] && [ "$n" = 0 ]; then
	pass "onload_install --destdir --uninstall removes every file"
else
	fail "onload_install --destdir --uninstall exited $rc, $n files left: $(find /tmp/stage -type f | head -n 3 | tr '\n' ' ')"
fi

# Into / with prefix /usr (depmod runs), loaded by the installed tool.
run install-root onload_install --prefix /usr "$kmod/sfc_resource.ko" "$kmod/onload.ko"
if [ "$rc" = 0 ] && [ -x /usr/sbin/onload_tool ] && [ -f /etc/onload/build.conf ] &&
	[ -x /usr/libexec/onload/onload_arm64_helper ]; then
	pass "onload_install --prefix /usr into /"
else
	fail "onload_install --prefix /usr exited $rc"
fi
check_rule "" "onload_install /"
run reload-usr /usr/sbin/onload_tool reload
cp /tmp/out /tmp/reload.out
check_reload installed
check_status installed
check_unload installed
run uninstall-root /usr/sbin/onload_install --prefix /usr --uninstall
if [ "$rc" = 0 ] && [ ! -e /usr/sbin/onload_tool ] && [ ! -e /etc/onload ] &&
	[ ! -e "/$rule" ] && [ ! -e /usr/libexec/onload ] && [ ! -e "$kmod/onload.ko" ]; then
	pass "onload_install --uninstall from / removes tools, rule, build.conf, modules"
else
	left=
	for f in /usr/sbin/onload_tool /etc/onload "/$rule" /usr/libexec/onload "$kmod/onload.ko"; do
		[ -e "$f" ] && left="$left $f"
	done
	fail "onload_install --uninstall from / exited $rc; left:$left"
fi

# ---- onload_install --boot: modules-load.d, udev rule, group -------------
# /test/udev.tgz: Debian's udevd and kmod for this architecture.  The
# modules are then loaded as systemd-modules-load would at boot (kmod's
# modprobe, honouring the modprobe.d rule), with udevd running, and
# /dev/onload must get the rule's mode and group.  A check that cannot run
# FAILs with the reason ($kmod_why, $boot_why: the harness's faults), and
# every other check still runs.
# kmod's depmod and modprobe, as a systemd machine has them (busybox's
# depmod writes no modules.dep.bin, which kmod's modprobe reads).
kmod_why=
if [ ! -f /test/udev.tgz ]; then
	kmod_why="no udev bundle in the guest (/test/udev.tgz; make it on the host: $UDEV_FETCH)"
elif ! tar -xzf /test/udev.tgz -C / 2>/tmp/udev-tar.err; then
	kmod_why="cannot unpack /test/udev.tgz: $(tail -n 1 /tmp/udev-tar.err)"
else
	mkdir -p /tmp/kmod-bin /run/udev
	for t in modprobe depmod modinfo; do ln -sf /bin/kmod /tmp/kmod-bin/$t; done
fi
boot_why=$kmod_why
# the modules again (the uninstall above removed them)
if [ -z "$boot_why" ] && ! tar -xzf /test/dest.tgz -C / 2>/tmp/dest-tar.err; then
	boot_why="cannot unpack the installed tree again: $(tail -n 1 /tmp/dest-tar.err)"
fi
# Debian's busybox has no groupadd/groupdel/getent (nor addgroup): stand-ins
# that edit /etc/group, through the scripts' documented overrides.
# shellcheck disable=SC2016 # the $1/$2 are the stand-ins' own
{
	printf '#!/bin/sh\n[ "$1" = --system ] && shift\necho "$1:x:999:" >>/etc/group\n' >/tmp/groupadd-bb
	printf '#!/bin/sh\n[ "$1" = group ] && grep "^$2:" /etc/group\n' >/tmp/getent-bb
	printf '#!/bin/sh\nsed -i "/^$1:/d" /etc/group\n' >/tmp/groupdel-bb
}
chmod 0755 /tmp/groupadd-bb /tmp/getent-bb /tmp/groupdel-bb
export ONLOAD_GROUPADD=/tmp/groupadd-bb ONLOAD_GETENT=/tmp/getent-bb ONLOAD_GROUPDEL=/tmp/groupdel-bb
touch /etc/group
mkdir -p /etc/modules-load.d

# not_run WHY WHAT: WHAT could not run, because of WHY.
not_run() { fail "$2: not run: $1"; }

if [ -n "$boot_why" ]; then
	not_run "$boot_why" "onload_install --boot: modules-load.d entry, udev rule, group onload"
	not_run "$boot_why" "onload_install --boot: modprobe.d rule installed"
else
	PATH=/tmp/kmod-bin:$PATH run install-boot onload_install --prefix /usr --boot "$kmod/sfc_resource.ko" "$kmod/onload.ko"
	if [ "$rc" = 0 ] && grep -qx sfc_resource /etc/modules-load.d/onload.conf &&
		grep -qx onload /etc/modules-load.d/onload.conf &&
		[ -f /etc/udev/rules.d/60-onload.rules ] && grep -q '^onload:' /etc/group; then
		pass "onload_install --boot: modules-load.d entry, udev rule, group onload"
	else
		fail "onload_install --boot exited $rc"
	fi
	check_rule "" "onload_install --boot"
fi

# The rule passes the helper no $CMDLINE_OPTS (kmod pasted the options into
# the command for sh): shell code in an option reaches the module as text,
# the helper takes a "modprobe sfc_resource" command line's parameters from
# modprobe's argv, and not those of "modprobe onload".
# kmodprobe ARGS...: kmod's modprobe, as at boot, output in /tmp/out.
kmodprobe() {
	PATH=/tmp/kmod-bin:$PATH ONLOAD_MODPROBE=/tmp/kmod-bin/modprobe \
		/tmp/kmod-bin/modprobe "$@" >/tmp/out 2>&1
}
if [ "$HELPER" = yes ]; then
	rule_why=$boot_why
	[ -n "$rule_why" ] || [ -f "/$rule" ] || rule_why="onload_install --boot left no /$rule"
fi
# shellcheck disable=SC2016 # the $(...) is the attack: never expanded
if [ "$HELPER" = yes ] && [ -n "$rule_why" ]; then
	not_run "$rule_why" 'rule: modprobe sfc_resource '\''resolve_methods=$(touch /tmp/x)'\'' runs no shell code'
	not_run "$rule_why" "rule: modprobe sfc_resource resolve_methods=kallsyms,decode reaches the module"
	not_run "$rule_why" "rule: modprobe onload resolve_methods=decode: sfc_resource (its dependency) keeps its default"
elif [ "$HELPER" = yes ]; then
	rm -f /tmp/x
	kmodprobe sfc_resource 'resolve_methods=$(touch /tmp/x)'
	if [ -e /tmp/x ]; then
		fail "rule: modprobe sfc_resource 'resolve_methods=\$(touch /tmp/x)' ran the shell code"
	else
		pass "rule: modprobe sfc_resource 'resolve_methods=\$(touch /tmp/x)' runs no shell code"
	fi
	/usr/sbin/onload_tool unload >/dev/null 2>&1
	kmodprobe sfc_resource resolve_methods=kallsyms,decode
	got=$(cat $P/resolve_methods 2>/dev/null)
	if [ "$got" = kallsyms,decode ]; then
		pass "rule: modprobe sfc_resource resolve_methods=kallsyms,decode reaches the module"
	else
		fail "rule: modprobe sfc_resource resolve_methods=kallsyms,decode: the module has '$got': $(tail -n 1 /tmp/out)"
	fi
	/usr/sbin/onload_tool unload >/dev/null 2>&1
	kmodprobe onload resolve_methods=decode
	got=$(cat $P/resolve_methods 2>/dev/null)
	if loaded sfc_resource && [ "$got" = param,kallsyms,decode ]; then
		pass "rule: modprobe onload resolve_methods=decode: sfc_resource (its dependency) keeps its default"
	else
		fail "rule: modprobe onload resolve_methods=decode: sfc_resource has '$got': $(tail -n 1 /tmp/out)"
	fi
	/usr/sbin/onload_tool unload >/dev/null 2>&1
fi

# As at boot: each name modules-load.d lists, through kmod's modprobe.
boot_load() {
	[ -f /etc/modules-load.d/onload.conf ] || return 1
	grep -v '^#' /etc/modules-load.d/onload.conf | while read -r m; do
		PATH=/tmp/kmod-bin:$PATH ONLOAD_MODPROBE=/tmp/kmod-bin/modprobe \
			/tmp/kmod-bin/modprobe "$m" || exit 1
	done
}
# First without udevd (any kernel): the names load through kmod's
# modprobe; the node has the kernel's own mode.
load_check="boot: the names in modules-load.d load through kmod's modprobe (no udevd)"
before="not loaded"
if [ -n "$boot_why" ]; then
	not_run "$boot_why" "$load_check"
elif boot_load && loaded sfc_resource && loaded onload; then
	before=$(stat -c '%a %G' /dev/onload 2>&1)
	pass "$load_check: /dev/onload $before"
else
	fail "$load_check: failed, /proc/modules: $(cut -d' ' -f1 /proc/modules | tr '\n' ' ')"
fi
echo "INFO boot no-udevd /dev/onload $before"
/usr/sbin/onload_tool unload >/dev/null 2>&1
udev_check="boot: modules-load.d loads both, udev gives /dev/onload 660 group onload"
# udevd needs inotify: a kernel built without CONFIG_INOTIFY_USER (its
# configuration says so, and it has no /proc/sys/fs/inotify) cannot run it.
if [ ! -d /proc/sys/fs/inotify ] && [ "$INOTIFY" != yes ]; then
	echo "RESULT SKIP $udev_check: udevd cannot run: the kernel has no CONFIG_INOTIFY_USER (not in its configuration; /proc/sys/fs/inotify missing)"
elif [ ! -d /proc/sys/fs/inotify ]; then
	fail "$udev_check: the kernel's configuration has CONFIG_INOTIFY_USER=y, yet /proc/sys/fs/inotify is missing"
elif [ -n "$boot_why" ]; then
	not_run "$boot_why" "$udev_check"
else
	# udevd --daemon returns before its control socket serves: a ping
	# may meet it half started ("Broken pipe", seen once under load), so
	# ask up to five times; a udevd that died never answers.
	udev_up=no
	if /lib/systemd/systemd-udevd --daemon >/tmp/udevd.out 2>&1; then
		for i in 1 2 3 4 5; do
			if udevadm control --ping --timeout=10 >>/tmp/udevd.out 2>&1; then
				udev_up=yes
				break
			fi
			sleep 2
		done
		[ "$i" = 1 ] || echo "INFO boot: udevd answered at ping $i"
	fi
	if [ "$udev_up" = no ]; then
		fail "boot: udevd does not run: $(tr '\n' ';' </tmp/udevd.out | cut -c1-400)"
	elif boot_load; then
		udevadm settle --timeout=30
		after=$(stat -c '%a %G' /dev/onload 2>&1)
		if [ "$after" = "660 onload" ]; then
			pass "$udev_check (without udevd: $before)"
		else
			fail "boot: /dev/onload is '$after' with udevd, expected '660 onload' (without udevd: $before)"
		fi
	else
		fail "boot: modprobe of the names in modules-load.d failed"
	fi
	udevadm control --exit 2>/dev/null || killall systemd-udevd 2>/dev/null
fi
if [ -n "$boot_why" ]; then
	not_run "$boot_why" "onload_install --uninstall removes the boot entry, the udev rule and the group it created"
else
	/usr/sbin/onload_tool unload >/dev/null 2>&1
	run uninstall-boot /usr/sbin/onload_install --prefix /usr --uninstall
	if [ "$rc" = 0 ] && [ ! -e /etc/modules-load.d/onload.conf ] &&
		[ ! -e /etc/udev/rules.d/60-onload.rules ] && ! grep -q '^onload:' /etc/group &&
		[ ! -e /usr/sbin/onload_tool ] && ! grep -q 'refusing' /tmp/out; then
		pass "onload_install --uninstall removes the boot entry, the udev rule and the group it created"
	else
		fail "onload_install --uninstall after --boot exited $rc"
	fi
fi

# ---- no build.conf: the modules where DKMS installs them -----------------
# As after "apt install onload-arm-dkms onload-arm-utils": the modules in
# updates/dkms/, no build.conf anywhere; onload_tool finds them through
# kmod's modinfo (from the udev bundle).
dkms_why=$kmod_why
upd=/lib/modules/$krel/updates/dkms
tool=/tmp/dkms-like/usr/local/sbin/onload_tool
mkdir -p /tmp/dkms-like
if [ -z "$dkms_why" ] && ! tar -xzf /test/dest.tgz -C /tmp/dkms-like 2>/tmp/dkms-tar.err; then
	dkms_why="cannot unpack the installed tree into /tmp/dkms-like: $(tail -n 1 /tmp/dkms-tar.err)"
fi
if [ -n "$dkms_why" ]; then
	not_run "$dkms_why" "no build.conf (modules in updates/dkms): onload_tool reload loads both"
	not_run "$dkms_why" "no build.conf: onload_tool status names the modules in $upd"
	not_run "$dkms_why" "no build.conf: onload_tool unload"
else
	mkdir -p "$upd"
	cp /tmp/dkms-like"$kmod"/*.ko "$upd"/
	/tmp/kmod-bin/depmod "$krel"
	rm -f /tmp/dkms-like/usr/local/etc/onload/build.conf /etc/onload/build.conf
	export ONLOAD_MODINFO=/tmp/kmod-bin/modinfo
	PATH=/tmp/kmod-bin:$PATH run reload-dkms "$tool" reload
	if [ "$rc" = 0 ] && loaded sfc_resource && loaded onload &&
		[ "$(cat $P/resolved_method 2>/dev/null)" != none ]; then
		pass "no build.conf (modules in updates/dkms): onload_tool reload loads both (method $(cat $P/resolved_method))"
	else
		fail "no build.conf (modules in updates/dkms): onload_tool reload exited $rc"
	fi
	run status-dkms "$tool" status
	if [ "$rc" = 0 ] && grep -q "modules for $krel in $upd; no build.conf" /tmp/out; then
		pass "no build.conf: onload_tool status names the modules in $upd"
	else
		fail "no build.conf: onload_tool status exited $rc or did not name $upd"
	fi
	run unload-dkms "$tool" unload
	if [ "$rc" = 0 ] && none_loaded; then
		pass "no build.conf: onload_tool unload"
	else
		fail "no build.conf: onload_tool unload exited $rc"
	fi
	unset ONLOAD_MODINFO
fi
exit 0
