#!/bin/bash
# Guest side of tests/vm-system.test: one step per boot of the Debian
# system that tests/system/make-image made, run by the image's harness
# service (tests/system/image/vmtest-harness) from the harness disk, as
# root, after multi-user.target.  The harness disk (/harness) holds:
#   step       which step this boot runs (the argument, too)
#   params.sh  KREL_NEW (the kernel the upgrade installs), ARCH
#   repo/      the local apt repository (our packages and the upgrade's)
#   bin/       onload_epoll_test, built static for the guest
# Prints "RESULT PASS|FAIL|SKIP name: detail" and "TIME name seconds".
#
# Steps:
#   install        apt-get install onload-arm-dkms onload-arm-utils (DKMS
#                  builds for the running kernel), onload_install
#                  --boot-only, the users alice (in group onload) and bob
#   upgrade        after a reboot: the modules loaded at boot, the device,
#                  onload_tool status, alice's round trip, bob refused
#                  ("booted"), then apt-get install of the new kernel and its
#                  headers: DKMS builds for it on its own
#   purge          after a reboot into the new kernel: "booted" again,
#                  then apt-get purge of both packages
#   purged         after a reboot: nothing of ours loaded or on disk
set -u
# shellcheck disable=SC1091 # written by the test on the harness disk
. /harness/params.sh
export DEBIAN_FRONTEND=noninteractive PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C.UTF-8
step=$1
pass() { echo "RESULT PASS $*"; }
fail() { echo "RESULT FAIL $*"; }
check() { # check NAME DETAIL CMD...: PASS when CMD succeeds
	local n=$1 d=$2
	shift 2
	if "$@"; then pass "$n: $d"; else fail "$n: $d"; fi
}
show() { sed 's/^/  | /' "$@"; }
# expect_none LINES PASS-TEXT FAIL-TEXT: PASS when LINES is empty, else
# FAIL with the text and the first lines.
expect_none() {
	if [ -z "$1" ]; then
		pass "$2"
	else
		fail "$3: $(head -n 1 <<<"$1")"
		head -n 20 <<<"$1" | show
	fi
}
krel=$(uname -r)
# Test only: dpkg skips its fsync of each unpacked file (--force-unsafe-io).
# The disk is a throw-away copy that QEMU does not flush (cache=unsafe),
# and under TCG each of those syncs is a journal commit emulated
# instruction by instruction; what dpkg installs and runs is the same.
apt=(apt-get -o Dpkg::Options::=--force-unsafe-io)

# The packages' files, for the purge's comparison: dpkg's own lists.
pkgfiles() {
	local p
	for p in onload-arm-dkms onload-arm-utils; do
		dpkg-query -L "$p" 2>/dev/null
	done | sort -u
}

# booted_checks: what a user sees after a boot with our packages installed.
booted_checks() {
	local mods st out grp mode m
	# Loaded at boot through modules-load.d (the only boot configuration
	# we made; nothing was loaded before the reboot): systemd-modules-load
	# ran and succeeded, onload.conf names both, both are live.  Its
	# journal lines ("Inserted module") are shown where it wrote them: on
	# amd64 they were missing from the journal though the modules loaded.
	st="$(systemctl show -P ActiveState systemd-modules-load.service) $(systemctl show -P Result systemd-modules-load.service)"
	out=$(journalctl -b -o cat -t systemd-modules-load 2>&1)
	mods=
	for m in sfc_resource onload; do
		grep -qx "$m" /etc/modules-load.d/onload.conf 2>/dev/null &&
			[ "$(cat "/sys/module/$m/initstate" 2>/dev/null)" = live ] || mods="$mods $m"
	done
	if [ "$st" = "active success" ] && [ -z "$mods" ]; then
		pass "modules-load: systemd-modules-load ran ($st), onload.conf names sfc_resource and onload, both live ($krel; journal: $(grep -c "^Inserted module" <<<"$out") 'Inserted module' lines)"
	else
		fail "modules-load: systemd-modules-load '$st' (want 'active success'); not named in onload.conf or not live:${mods:- none}"
		show <<<"$out"
		show /etc/modules-load.d/onload.conf 2>&1
	fi
	# The device as the udev rule makes it.
	mode=$(stat -c '%a %U %G' /dev/onload 2>&1)
	check udev "/dev/onload is '$mode' (want 660 root onload)" [ "$mode" = "660 root onload" ]
	# onload_tool status: the resolver's method, a real one.
	out=$(onload_tool status 2>&1)
	m=$(sed -n 's/^resolver method: *//p' <<<"$out")
	case $m in
	param | kallsyms | decode) pass "onload_tool status: resolver method $m" ;;
	*) fail "onload_tool status: resolver method '${m:-missing}'"; show <<<"$out" ;;
	esac
	# On arm64 6.8+ the modprobe.d rule runs the helper, which hands
	# sfc_resource the table's address: the method is "param".
	if [ "$ARCH" = arm64 ] && grep -q '^arm64 helper: *used' <<<"$out"; then
		check helper "arm64 $krel: the helper supplied sys_call_table (resolver method '$m', want param)" \
			[ "$m" = param ]
	fi
	# alice (group onload) gets a working device; bob does not.
	grp=$(id -nG alice 2>&1)
	out=$(runuser -u alice -- /harness/bin/onload_epoll_test 2>&1)
	if grep -q '^RESULT PASS' <<<"$out" && ! grep -q '^RESULT FAIL' <<<"$out"; then
		pass "alice (groups: $grp): epoll round trip through /dev/onload: $(grep -c '^RESULT PASS' <<<"$out") checks pass"
	else
		fail "alice (groups: $grp): epoll round trip through /dev/onload"
		grep -v '^RESULT PASS' <<<"$out" | head -n 20 | show
	fi
	out=$(runuser -u bob -- bash -c 'exec 3</dev/onload' 2>&1)
	if grep -q 'Permission denied' <<<"$out"; then
		pass "bob (groups: $(id -nG bob)): open /dev/onload refused: Permission denied"
	else
		fail "bob (groups: $(id -nG bob)): open /dev/onload was not refused: ${out:-opened}"
	fi
	# What our modules and scripts said at boot is in the journal, which
	# group adm reads: no kernel address (kptr_restrict hides them from all
	# but CAP_SYSLOG; the kernel's own %p is hashed).
	out=$({ journalctl -b -o cat -t systemd-modules-load -t onload_arm64_helper; dmesg | grep -E 'onload|sfc_resource'; } |
		grep -Ei '(0x)?ffff[0-9a-f]{12}')
	expect_none "$out" "journal: no kernel address in what systemd-modules-load and our modules logged" \
		"journal: a kernel address logged"
	expect_none "$(dmesg | grep -E 'Oops|BUG:|WARNING:|Call [Tt]race')" \
		"dmesg: no oops, BUG or WARNING since boot" "dmesg"
}

echo "TIME boot $(cut -d' ' -f1 /proc/uptime)"
case $step in
install)
	pkgfiles >/tmp/none
	[ -s /tmp/none ] && fail "install: our packages are already there"
	t=$SECONDS
	if apt-get update >/tmp/apt.log 2>&1 &&
		"${apt[@]}" install -y onload-arm-dkms onload-arm-utils >>/tmp/apt.log 2>&1; then
		pass "apt-get install onload-arm-dkms onload-arm-utils ($((SECONDS - t)) s, DKMS build included)"
	else
		fail "apt-get install onload-arm-dkms onload-arm-utils"
		tail -n 30 /tmp/apt.log | show
		find /var/lib/dkms/onload-arm -name make.log -exec tail -n 20 {} \; 2>/dev/null | show
	fi
	echo "TIME dkms-install $((SECONDS - t))"
	out=$(dkms status onload-arm 2>&1)
	check dkms "dkms status: installed for $krel" grep -q ", $krel, [^:]*: installed" <<<"$out" ||
		show <<<"$out"
	# onload_install --boot-only: modules-load.d (systemd reads it at boot).
	if onload_install --boot-only >/tmp/boot.log 2>&1 && [ -f /etc/modules-load.d/onload.conf ]; then
		pass "onload_install --boot-only: /etc/modules-load.d/onload.conf"
	else
		fail "onload_install --boot-only"
		show /tmp/boot.log
	fi
	useradd -m alice && usermod -a -G onload alice && useradd -m bob
	check users "useradd alice (in group onload) and bob" id -nG alice
	# Nothing is loaded yet: the next boot must do it.
	check not-loaded "nothing loaded before the reboot" [ ! -d /sys/module/onload ]
	;;
upgrade)
	booted_checks
	# The kernel upgrade: DKMS's kernel hooks build our modules for it
	# (autoinstall) while apt installs it; nothing of ours is run here.
	t=$SECONDS
	if "${apt[@]}" install -y "linux-image-$KREL_NEW" "linux-headers-$KREL_NEW" >/tmp/up.log 2>&1; then
		pass "apt-get install linux-image-$KREL_NEW linux-headers-$KREL_NEW ($((SECONDS - t)) s, DKMS and initramfs included)"
	else
		fail "apt-get install linux-image-$KREL_NEW linux-headers-$KREL_NEW"
		tail -n 30 /tmp/up.log | show
	fi
	echo "TIME kernel-upgrade $((SECONDS - t))"
	out=$(dkms status onload-arm -k "$KREL_NEW" 2>&1)
	vm=$(modinfo -k "$KREL_NEW" -F vermagic onload 2>&1)
	if grep -q ", $KREL_NEW, [^:]*: installed" <<<"$out" && [ "${vm%% *}" = "$KREL_NEW" ]; then
		pass "DKMS autoinstall: onload-arm built and installed for $KREL_NEW during the upgrade (vermagic ${vm%% *})"
	else
		fail "DKMS autoinstall for $KREL_NEW: dkms status '$out', onload vermagic '$vm'"
		grep -i 'dkms\|onload\|error' /tmp/up.log | head -n 20 | show
	fi
	;;
purge)
	check kernel "booted the upgrade: uname -r $krel (want $KREL_NEW)" [ "$krel" = "$KREL_NEW" ]
	booted_checks
	t=$SECONDS
	pkgfiles >/harness/pkgfiles
	if "${apt[@]}" purge -y onload-arm-dkms onload-arm-utils >/tmp/purge.log 2>&1; then
		pass "apt-get purge onload-arm-dkms onload-arm-utils ($((SECONDS - t)) s)"
	else
		fail "apt-get purge onload-arm-dkms onload-arm-utils"
		tail -n 30 /tmp/purge.log | show
	fi
	;;
purged)
	left=
	for m in sfc_resource onload; do
		[ -d "/sys/module/$m" ] && left="$left $m"
	done
	check unloaded "after the purge and a reboot: no module of ours loaded${left:+ (loaded:$left)}" [ -z "$left" ]
	check no-device "no /dev/onload" [ ! -e /dev/onload ]
	check group "group onload gone (the postinst made it)" bash -c '! getent group onload'
	# Every file the packages had, the boot configuration, DKMS's tree and
	# built modules, for every kernel.
	left=$(
		while IFS= read -r f; do
			[ -f "$f" ] && echo "$f"
		done </harness/pkgfiles
		find /etc /usr/src /var/lib/dkms /lib/modules /usr/lib/udev /usr/libexec \
			-iname '*onload*' 2>/dev/null
	)
	expect_none "$left" \
		"nothing of ours left on disk ($(wc -l </harness/pkgfiles) package paths and /etc, /usr/src, /var/lib/dkms, /lib/modules searched)" \
		"left on disk after the purge ($(grep -c . <<<"$left") paths)"
	;;
*)
	fail "unknown step '$step'"
	;;
esac
exit 0
