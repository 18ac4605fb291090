# shellcheck shell=sh
# Guest side of tests/vm-onload.test (busybox sh inside the booted kernel).
# /test/params.sh sets:
#   COMPAT     32-bit program to run (onload_compat_test32), or empty
#   CYCLES     unload/reload cycles under the stress load
#   STRESS_S   seconds of stress before the cycles start
#   STRESS_PAUSE_US  longest pause of a stress thread between opens
#   BENCH_N    iterations of the epoll_wait benchmark
#   FUZZ_N     calls per ioctl fuzzer run (0: none)
#   FUZZERS    the fuzzers to run: onload_fuzz (64-bit), onload_fuzz32
#   PRIV_RACE_N  attempts of the BPF attribute race (guest-priv.sh)
#   SLUB_DEBUG yes when the kernel has CONFIG_SLUB_DEBUG (/proc/slabinfo;
#              booted with slab_nomerge, so eventpoll_epi has its own line)
# The test programs print "RESULT PASS|FAIL|SKIP ..." and "BENCH ..." lines.
# /test/params.sh exists only in the guest.
# shellcheck disable=SC1091
. /test/params.sh
cd /test || exit 1

pass() { echo "RESULT PASS $*"; }
fail() { echo "RESULT FAIL $*"; }
skipr() { echo "RESULT SKIP $*"; }

# Every load, unload and program after the stress phase is checked: a
# fault that first shows there (a reload that fails, a reference a program
# leaks) fails the test like any other.
# load_both WHEN: insmod both modules, a result line either way.
load_both() {
	if insmod ./sfc_resource.ko && insmod ./onload.ko; then
		pass "$1: sfc_resource and onload load again"
	else
		fail "$1: modules do not load: $(dmesg | grep -E 'onload|sfc_resource' | tail -n 2 | tr '\n' ' ')"
		exit 1
	fi
}
# unload_both WHEN: rmmod both, and sfc_resource must have no user left.
unload_both() {
	if ! rmmod onload; then
		fail "$1: rmmod onload failed (holders: $(onload_holders | tr '\n' ';'))"
	elif [ "$(cat /sys/module/sfc_resource/refcnt)" != 0 ]; then
		fail "$1: sfc_resource refcnt $(cat /sys/module/sfc_resource/refcnt) after onload's removal"
	elif ! rmmod sfc_resource; then
		fail "$1: rmmod sfc_resource failed"
	else
		pass "$1: both modules unload, no reference left"
	fi
}


# No parameters: the module finds the table itself on every kernel.
if insmod ./sfc_resource.ko && insmod ./onload.ko; then
	pass "sfc_resource and onload load ($(cat /sys/module/sfc_resource/parameters/resolved_method))"
else
	fail "modules do not load: $(dmesg | grep -E 'onload|sfc_resource' | tail -n 2)"
	exit 1
fi
if grep -q '^resolver: ' /proc/driver/onload/build &&
	grep -q '^dispatch: sys_call_table' /proc/driver/onload/build &&
	grep -q '^probes_yes: .*HAVE_' /proc/driver/onload/build; then
	pass "/proc/driver/onload/build: $(grep -E '^(resolver|dispatch|compat_dispatch):' /proc/driver/onload/build | tr '\n' ' ')"
else
	fail "/proc/driver/onload/build incomplete: $(cat /proc/driver/onload/build)"
fi

for t in onload_epoll_test onload_bpf_test onload_cloexec_test \
	onload_pfn_test onload_badinput_test; do
	if [ -x "./$t" ]; then
		"./$t" || fail "$t exited $?"
	else
		fail "$t missing from the initramfs"
	fi
done
./onload_compat_test --expect-compat 0 || fail "onload_compat_test (native) exited $?"

# A 32-bit program must take the compat path, where the CPU runs AArch32 /
# ia32 user code at all.
if [ -n "$COMPAT" ]; then
	./"$COMPAT" --expect-compat 1 >/tmp/compat.out 2>&1
	rc=$?
	if grep -q 'RESULT' /tmp/compat.out; then
		sed 's/^RESULT \([A-Z]*\) /RESULT \1 32-bit: /' /tmp/compat.out | grep '^RESULT'
		[ "$rc" -eq 0 ] || fail "32-bit $COMPAT exited $rc"
		# Refusing is right only where calling would fault (IBT seal).
		if grep -q 'RESULT PASS compat_refused' /tmp/compat.out; then
			if dmesg | grep -q 'is sealed: an indirect call would fault under IBT'; then
				pass "32-bit: compat handlers are IBT-sealed: refused, $(dmesg | grep -o 'not calling __ia32[^:]*' | head -n 1)"
			else
				fail "32-bit: compat dispatch refused without an IBT seal"
			fi
		fi
	else
		skipr "32-bit program cannot run on this CPU: $(head -n 1 /tmp/compat.out)"
	fi
fi

# The privilege boundary, as root and as other users (guest-priv.sh).
# shellcheck source=tests/vm/guest-priv.sh
. ./guest-priv.sh

# The shell's open files as "fd target" lines.  Pipes are left out: the
# shell holds the ends of its own command substitution for a moment, so
# whether they are listed is a race, not a leak.
shell_fds() {
	for f in "/proc/$$/fd"/*; do
		t=$(readlink "$f") || continue
		case $t in
		pipe:*) ;;
		*) echo "${f##*/} $t" ;;
		esac
	done
}
# Every process that holds /dev/onload open, as "pid fd".
onload_holders() {
	for f in /proc/[0-9]*/fd/*; do
		[ "$(readlink "$f" 2>/dev/null)" = /dev/onload ] || continue
		f=${f#/proc/}
		echo "${f%%/*} ${f##*/}"
	done
}

# Stress: 4 threads of epoll ioctls while onload is unloaded and reloaded.
fds_before=$(shell_fds)
rm -f /tmp/onload_stress.stop
# At most 600 s; stopped through its stop file once the cycles are done.
./onload_stress 600 4 "$STRESS_PAUSE_US" >/tmp/stress.out 2>&1 &
spid=$!
sleep "$STRESS_S"
done_cycles=0
i=0
while [ "$i" -lt "$CYCLES" ]; do
	tries=0
	# rmmod fails while a thread holds /dev/onload open: retry, for at
	# most 10 s (the threads pause between opens, so a window comes; a
	# slow emulated CPU only makes it rarer).
	until rmmod onload 2>/dev/null; do
		tries=$((tries + 1))
		[ "$tries" -lt 2000 ] || break
		usleep 5000
	done
	[ "$tries" -lt 2000 ] || break
	insmod ./onload.ko || break
	done_cycles=$((done_cycles + 1))
	i=$((i + 1))
done
touch /tmp/onload_stress.stop
wait "$spid"
src=$?
grep -E "^(RESULT|BENCH|stress)" /tmp/stress.out
if [ "$done_cycles" -eq "$CYCLES" ]; then
	pass "$CYCLES unload/reload cycles under 4 ioctl threads"
else
	fail "unload/reload cycles: $done_cycles of $CYCLES"
fi
[ "$src" -eq 0 ] || fail "onload_stress exited $src"
unload_both "after the stress run"
fds_after=$(shell_fds)
if [ "$fds_before" = "$fds_after" ]; then
	pass "no fds leaked in the guest shell ($(echo "$fds_after" | wc -l) open, pipes aside)"
else
	fail "guest shell fds before [$(echo "$fds_before" | tr '\n' ';')] after [$(echo "$fds_after" | tr '\n' ';')]"
fi
holders=$(onload_holders)
if [ -z "$holders" ]; then
	pass "no process holds /dev/onload after the stress run"
else
	fail "/dev/onload still held (pid fd): $(echo "$holders" | tr '\n' ';')"
fi

# Benchmark: native epoll_wait(timeout 0) against the ioctl.
load_both "after the stress run"
./onload_bench "$BENCH_N" || fail "onload_bench exited $?"

# The ioctl fuzzer, 64-bit and (where the CPU runs it) 32-bit callers:
# the kernel must report nothing (judged by run-guest), the callers' fd
# tables come back as they were (judged by the fuzzer), and the epoll
# objects the calls made are all freed again.
slab_active() {
	if [ -r /proc/slabinfo ]; then
		awk -v c="$1" '$1 == c { print $2; f = 1 } END { if (!f) print "-" }' /proc/slabinfo
	else
		echo -	# no CONFIG_SLUB_DEBUG
	fi
}
if [ "$FUZZ_N" -gt 0 ]; then
	epi_before=$(slab_active eventpoll_epi)
	for f in $FUZZERS; do
		./"$f" --calls "$FUZZ_N" >/tmp/fuzz.out 2>&1
		rc=$?
		grep -E '^(RESULT|BENCH|INFO)' /tmp/fuzz.out | sed "s/^RESULT \([A-Z]*\) /RESULT \1 $f: /"
		[ "$rc" -eq 0 ] || fail "$f exited $rc: $(tail -n 1 /tmp/fuzz.out)"
	done
	# Freed through RCU: give it a moment.  (Fewer after than before is
	# the stress run's epoll instances being freed meanwhile.)
	n=0
	while [ "$epi_before" != - ] && [ "$(slab_active eventpoll_epi)" -gt "$epi_before" ] &&
		[ "$n" -lt 10 ]; do
		sleep 1
		n=$((n + 1))
	done
	epi_after=$(slab_active eventpoll_epi)
	if [ "$epi_before" = - ] && [ "$SLUB_DEBUG" = no ]; then
		skipr "fuzz: no eventpoll_epi count to compare: the kernel is built without CONFIG_SLUB_DEBUG (no /proc/slabinfo)"
	elif [ "$epi_before" = - ]; then
		fail "fuzz: no eventpoll_epi line in /proc/slabinfo (CONFIG_SLUB_DEBUG=y, booted with slab_nomerge)"
	elif [ "$epi_after" -le "$epi_before" ]; then
		pass "fuzz: eventpoll_epi objects $epi_after after the fuzzing, $epi_before before (none left behind)"
	else
		fail "fuzz: eventpoll_epi objects $epi_before before, $epi_after after"
	fi
fi

# kmemleak (debug kernels): no unreferenced object allocated through our
# modules, while they are still loaded (so backtraces name them).
KML=/sys/kernel/debug/kmemleak
if [ -w "$KML" ]; then
	sleep 6		# kmemleak reports objects older than 5 s only
	t0=$(date +%s)
	timeout 300 sh -c "echo scan >$KML && echo scan >$KML" ||
		fail "kmemleak: two scans did not finish within 300 s"
	echo "INFO kmemleak scans took $(($(date +%s) - t0)) s"
	all=$(grep -c '^unreferenced object' "$KML")
	ours=$(awk '/^unreferenced object/ { o = $0 } /\[(onload|sfc_resource)\]/ && o != "" { print o; o = "" }' "$KML")
	if [ -z "$ours" ]; then
		pass "kmemleak: no leak through onload or sfc_resource ($all unreferenced objects elsewhere)"
	else
		fail "kmemleak: leaks through our modules: $(echo "$ours" | head -n 3 | tr '\n' ';')"
		grep -A 30 '^unreferenced object' "$KML" | head -n 60
	fi
fi
unload_both "at the end"
