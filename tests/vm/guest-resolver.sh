# shellcheck shell=sh
# Word splitting of "set -- $out" and "load $args" is intended throughout;
# /test/params.sh exists only in the guest.
# shellcheck disable=SC2086,SC1091
# Guest side of tests/vm-resolver.test (busybox sh inside the booted kernel).
# /test/params.sh sets:
#   DECODE     yes if this architecture decodes the table (arm64)
#   FALLBACK   the method that must find the table after a rejected param
#   TRUTH      the table's address when the host knows it (optional)
#   TRUTH_OFF  the table's offset from _text in the kernel's vmlinux (hex,
#              optional): with KASLR the guest adds its own _text
#   KALLSYMS_ALL  y or n: CONFIG_KALLSYMS_ALL, from the tree
#   KPROBES    y if the tree has CONFIG_KPROBES and CONFIG_DEBUG_FS
#   CYCLES     load/unload cycles
#   TRACE_FUNCS  the kernel functions the decoder walks on this architecture
#              (tracers go there)
#   KPROBE_EVENTS  y if the tree has CONFIG_KPROBE_EVENTS (and DEBUG_FS)
#   FTRACE_FILTER  y if it has CONFIG_FUNCTION_TRACER and CONFIG_DYNAMIC_FTRACE
#   VA52       y when this boot must run with 52-bit VA (64K pages, LVA)
# Prints "RESULT PASS|FAIL|SKIP name: detail" lines and "BENCH ..." lines.
# SKIP only where the configuration says the kernel cannot: no
# CONFIG_KALLSYMS_ALL (method kallsyms), no decoder for the architecture,
# no kprobe events or function tracer (tracers on the path).
. /test/params.sh
cd /test || exit 1
P=/sys/module/sfc_resource/parameters

pass() { echo "RESULT PASS $*"; }
fail() { echo "RESULT FAIL $*"; }
skipr() { echo "RESULT SKIP $*"; }

ksym() {
	grep " $1\$" /proc/kallsyms | head -n 1 | cut -d' ' -f1
}

# load ARGS...: insmod; prints method and table; always unloads.
load() {
	dmesg -c >>/tmp/dmesg.cleared
	if ! insmod ./sfc_resource.ko "$@" 2>/tmp/insmod.err; then
		echo "insmod-failed $(cat /tmp/insmod.err)"
		return 1
	fi
	m=$(cat $P/resolved_method)
	t=$(cat $P/resolved_table)
	ns=$(cat $P/resolve_ns)
	d=$(cat $P/syscall_dispatch)
	rmmod sfc_resource || echo "rmmod-failed"
	echo "$m $(printf '0x%x' "$t") $ns dispatch=$d"
}

# 64K pages with 52-bit VA: the boot CPU must have given the kernel the
# large space (FEAT_LVA), or the kernel silently runs with 48 bits.
if [ "$VA52" = y ]; then
	lva=$(dmesg | grep -o '52-bit Virtual Addressing (LVA)' | head -n 1)
	pagesz=$(od -An -v -tu8 /proc/self/auxv 2>/dev/null |
		awk '{ for (i = 1; i < NF; i += 2) if ($i == 6) print $(i + 1) }' | head -n 1)
	if [ -n "$lva" ] && [ "$pagesz" = 65536 ]; then
		pass "52-bit VA in effect: the kernel logged \"$lva\"; page size (AT_PAGESZ) $pagesz"
	else
		fail "52-bit VA: no \"52-bit Virtual Addressing (LVA)\" in dmesg ('$lva') or page size (AT_PAGESZ) '$pagesz' is not 65536"
	fi
fi

# The truth: /proc/kallsyms, else the kcore scan, else the host's.
T=$(ksym sys_call_table)
TSRC=kallsyms
if [ -z "$T" ] && [ -x ./kcore_truth ]; then
	T=$(./kcore_truth | awk '$1 == "scan" && $2 == "sys_call_table" { print $3; exit }')
	TSRC=kcore
fi
if [ -z "$T" ] && [ -n "$TRUTH_OFF" ]; then
	X=$(ksym _text)
	[ -n "$X" ] && T=$(printf '0x%x' $((0x$X + 0x$TRUTH_OFF)))
	TSRC="_text + vmlinux offset"
fi
if [ -z "$T" ] && [ -n "$TRUTH" ]; then
	T=$TRUTH
	TSRC=host
fi
T=$(printf '0x%x' "0x${T#0x}" 2>/dev/null)
if [ -z "$T" ] || [ "$T" = 0x0 ]; then
	fail "truth: no sys_call_table address from kallsyms, kcore or host"
	exit 1
fi
echo "truth: sys_call_table=$T (from $TSRC)"
# Without data symbols kallsyms cannot be the fallback: decoding is, where
# the architecture decodes.
if [ "$FALLBACK" = kallsyms ] && [ "$TSRC" != kallsyms ]; then
	if [ "$DECODE" = yes ]; then FALLBACK=decode; else FALLBACK=none; fi
fi

# ONLY=decode: just decoding (a second boot with another CPU model).
if [ "$ONLY" = decode ]; then
	out=$(load resolve_methods=decode)
	set -- $out
	if [ "$1" = decode ] && [ "$2" = "$T" ]; then
		pass "decode alone on this CPU: resolved $T"
	else
		fail "decode alone on this CPU: got '$out', want decode $T"
	fi
	exit 0
fi

# Kprobes the kernel itself keeps (ppc64's kretprobe trampoline, ...).
KP_BEFORE=/tmp/kprobes.before
cat /sys/kernel/debug/kprobes/list >$KP_BEFORE 2>/dev/null

# Each method forced in turn.
for meth in param kallsyms decode; do
	args="resolve_methods=$meth"
	[ "$meth" = param ] && args="$args syscall_table_addr=$T"
	out=$(load $args)
	set -- $out
	echo "method $meth: $out"
	for f in "$@"; do
		case $f in "$meth="*) echo "BENCH $meth ${f#*=} ns" ;; esac
	done
	if [ "$meth" = kallsyms ] && [ "$TSRC" != kallsyms ]; then
		why=$(dmesg | grep -o 'kallsyms: .*' | head -n 1)
		if [ "$KALLSYMS_ALL" = y ]; then
			fail "method kallsyms: /proc/kallsyms lists no sys_call_table though the kernel has CONFIG_KALLSYMS_ALL=y (module: $out)"
		elif [ "$1" = none ] && [ -n "$why" ]; then
			skipr "method kallsyms: no CONFIG_KALLSYMS_ALL=y, /proc/kallsyms lists no sys_call_table; correctly found nothing and said: $why"
		elif [ "$1" = none ]; then
			fail "method kallsyms: found nothing without saying why in dmesg"
		else
			fail "method kallsyms: found $2 on a kernel without data symbols"
		fi
		continue
	fi
	if [ "$meth" = decode ] && [ "$DECODE" != yes ]; then
		if [ "$1" = none ]; then
			skipr "method decode: DECODE=$DECODE: the driver has no decoder for this architecture; it resolved nothing ($(dmesg | grep 'decode:' | sed 's/.*decode: //' | head -n 1))"
		else
			fail "method decode: unexpectedly resolved $2"
		fi
		continue
	fi
	if [ "$1" = "$meth" ] && [ "$2" = "$T" ]; then
		pass "method $meth: resolved $T"
	else
		fail "method $meth: got '$out', want $meth $T"
	fi
done

# Tracers on the decoder's path (a tracing or security agent's): kprobes on
# every instruction of the walked functions that the kernel lets us probe,
# then, separately, the function tracer on the same functions.  The
# default order must still find the table where kallsyms can (data
# symbols), and decode must find it or fail with one line that names a
# probe we placed (symbol+offset and a hashed address, not the raw one).
TR=/sys/kernel/tracing
if [ ! -e $TR/kprobe_events ] && [ ! -e $TR/current_tracer ]; then
	mount -t tracefs nodev $TR 2>/dev/null
fi
sort /proc/kallsyms >/tmp/kallsyms.sorted

# /tmp/fn.sizes: "FUNC START NEXT" for each of TRACE_FUNCS that is a text
# symbol here (NEXT: the next symbol at a higher address), in one pass.
awk -v funcs="$TRACE_FUNCS" '
	BEGIN { n = split(funcs, l, " "); for (i = 1; i <= n; i++) want[l[i]] = 1 }
	cur != "" && $1 != at { print cur, at, $1; cur = "" }
	cur == "" && ($2 == "t" || $2 == "T") && ($3 in want) && !($3 in seen) {
		cur = $3; at = $1; seen[$3] = 1
	}
' /tmp/kallsyms.sorted >/tmp/fn.sizes

# fn_size FUNC: bytes from FUNC to the next symbol at a higher address.
fn_size() {
	awk -v f="$1" '$1 == f { print $2, $3; exit }' /tmp/fn.sizes |
		{ read -r a b && echo $((0x$b - 0x$a)); }
}

# place_kprobes MAX: p:onload_t/pN FUNC+OFF at every offset accepted, up
# to MAX bytes into each function (1: the entries alone, as most agents
# probe); prints how many were placed.
place_kprobes() {
	max=$1 n=0
	: >/tmp/probes.placed
	: >/tmp/probes.refused
	for f in $TRACE_FUNCS; do
		size=$(fn_size "$f")
		[ -n "$size" ] || continue	# inlined, or not in this kernel
		[ "$size" -gt "$max" ] && size=$max
		step=4
		[ "$ARCH" = amd64 ] && step=1
		off=0
		while [ "$off" -lt "$size" ]; do
			if echo "p:onload_t/p$n $f+$off" >>$TR/kprobe_events 2>/dev/null; then
				echo "$f+0x$(printf '%x' $off)" >>/tmp/probes.placed
				n=$((n + 1))
			elif [ "$off" = 0 ]; then
				echo "$f" >>/tmp/probes.refused
				break	# a blacklisted function (noinstr, entry text)
			fi
			off=$((off + step))
		done
	done
	[ "$n" -gt 0 ] && echo 1 >$TR/events/onload_t/enable
	echo "$n"
}

# tracer_loads WHAT PROBED: the default order and decode alone under WHAT;
# PROBED=y when breakpoints stand in the code (kprobes).
tracer_loads() {
	what=$1 probed=$2
	out=$(load)
	set -- $out
	why=$(dmesg | grep 'decode: .*kprobe' | tail -n 1)
	if [ "$2" = "$T" ]; then
		pass "$what: default order resolved $T ($1)"
	elif [ "$TSRC" != kallsyms ] && [ "$probed" = y ] && [ "$1" = none ] &&
		[ -n "$why" ]; then
		pass "$what: default order found nothing on a kernel without data symbols in kallsyms, and said why: ${why#*decode: }"
	else
		fail "$what: default order got '$out', want $T"
	fi
	out=$(load resolve_methods=decode)
	set -- $out
	lines=$(dmesg | grep -c 'decode: .*kprobe')
	why=$(dmesg | grep 'decode: .*kprobe' | head -n 1)
	# the symbol+offset the line names ("do_el0_svc+0x8/0x48")
	at=$(echo "$why" | sed -n "s/.* at \([A-Za-z0-9_.]*+0x[0-9a-f]*\)\/.*/\1/p")
	if [ "$1" = decode ] && [ "$2" = "$T" ]; then
		pass "$what: decode resolved $T"
	elif [ "$probed" = y ] && [ "$1" = none ] && [ "$lines" = 1 ] &&
		[ -n "$at" ] && grep -qxF "$at" /tmp/probes.placed &&
		! echo "$why" | grep -qi "$(kaddr_of "$at")"; then
		pass "$what: decode found no table and said why in one line naming a probe we placed ($at): ${why#*decode: }"
	else
		fail "$what: decode got '$out', want decode $T or one line naming a placed probe (lines $lines: $why)"
	fi
}

# kaddr_of FUNC+0xOFF: the raw address (hex, no 0x), which no message may show.
kaddr_of() {
	a=$(ksym "${1%+*}")
	printf '%016x' $((0x$a + ${1#*+}))
}

if [ -z "$TRACE_FUNCS" ]; then
	skipr "tracers on the path: no walked functions known for this architecture"
elif [ "$KPROBE_EVENTS" != y ]; then
	skipr "kprobes on the path: the kernel has no CONFIG_KPROBES/CONFIG_KPROBE_EVENTS (tree_has)"
elif [ ! -w $TR/kprobe_events ]; then
	fail "kprobes on the path: no writable $TR/kprobe_events though the kernel has CONFIG_KPROBE_EVENTS=y"
else
	n=$(place_kprobes 1)
	if [ "$n" -gt 0 ]; then
		pass "kprobes at the entries: $n placed ($(tr '\n' ' ' </tmp/probes.placed))"
		tracer_loads "kprobes at the entries" y
		echo 0 >$TR/events/onload_t/enable
		echo >$TR/kprobe_events
	fi
	n=$(place_kprobes 256)
	if [ "$n" -gt 0 ]; then
		echo "kprobes placed: $n ($(tr '\n' ' ' </tmp/probes.placed))"
		pass "kprobes on the path: $n placed on $(cut -d+ -f1 /tmp/probes.placed | uniq | tr '\n' ' ')"
		tracer_loads "kprobes on the path" y
	else
		# Refused everywhere: each must be in the kernel's own kprobe
		# blacklist (noinstr, entry text, NOKPROBE_SYMBOL), or a notrace
		# function, which kprobe events (and so perf and BPF kprobes)
		# refuse without CONFIG_KPROBE_EVENTS_ON_NOTRACE: the kernel
		# says "Could not probe notrace function".
		unlisted='' how=''
		while read -r f; do
			if grep -qw "$f" /sys/kernel/debug/kprobes/blacklist 2>/dev/null; then
				how="$how $f (kprobes/blacklist)"
			elif dmesg | grep -q "Could not probe notrace function $f\$"; then
				how="$how $f (notrace)"
			else
				unlisted="$unlisted $f"
			fi
		done </tmp/probes.refused
		if [ -s /tmp/probes.refused ] && [ -z "$unlisted" ]; then
			skipr "kprobes on the path: the kernel refuses kprobe events on every walked function it has:$how"
		else
			fail "kprobes on the path: no kprobe accepted on any of $TRACE_FUNCS (refused, neither blacklisted nor notrace:${unlisted:- none present})"
		fi
	fi
	echo 0 >$TR/events/onload_t/enable 2>/dev/null
	echo >$TR/kprobe_events
	if [ -s $TR/kprobe_events ]; then
		fail "kprobes on the path: kprobe_events not empty after removal: $(head -n 3 $TR/kprobe_events)"
	else
		pass "kprobes on the path: all removed, kprobe_events empty again"
	fi
fi
if [ -z "$TRACE_FUNCS" ]; then
	:
elif [ "$FTRACE_FILTER" != y ]; then
	skipr "function tracer on the path: the kernel has no CONFIG_FUNCTION_TRACER/CONFIG_DYNAMIC_FTRACE (tree_has)"
elif [ ! -w $TR/set_ftrace_filter ]; then
	fail "function tracer on the path: no writable $TR/set_ftrace_filter though the kernel has CONFIG_DYNAMIC_FTRACE=y"
else
	: >/tmp/traced
	for f in $TRACE_FUNCS; do
		echo "$f" >>$TR/set_ftrace_filter 2>/dev/null && echo "$f" >>/tmp/traced
	done
	if [ -s /tmp/traced ] && echo function >$TR/current_tracer; then
		pass "function tracer on the path: on $(tr '\n' ' ' </tmp/traced)(filter: $(tr '\n' ' ' <$TR/set_ftrace_filter))"
		tracer_loads "function tracer on the path" n
	elif [ ! -s /tmp/traced ]; then
		# None traceable: each must be absent from the functions ftrace
		# can trace (notrace, noinstr) -- checked, not assumed.
		traceable=
		for f in $TRACE_FUNCS; do
			grep -q "^$f\( \|\$\)" $TR/available_filter_functions &&
				traceable="$traceable $f"
		done
		if [ -z "$traceable" ]; then
			skipr "function tracer on the path: none of $TRACE_FUNCS is in available_filter_functions (notrace/noinstr)"
		else
			fail "function tracer on the path: set_ftrace_filter refused$traceable, which available_filter_functions lists"
		fi
	else
		fail "function tracer on the path: current_tracer refused 'function'"
	fi
	echo nop >$TR/current_tracer
	echo >$TR/set_ftrace_filter
fi

# A wrong parameter (jiffies, or a function where data symbols are hidden)
# is rejected and the fallback still finds the table.
J=$(ksym jiffies)
[ -n "$J" ] || J=$(ksym schedule)
J=$(printf '0x%x' "0x$J")
order=param,$FALLBACK
[ "$FALLBACK" = none ] && order=param
out=$(load resolve_methods=$order syscall_table_addr=$J)
set -- $out
if [ "$1" = "$FALLBACK" ] && [ "$2" = "$T" ] && dmesg | grep -q 'param: rejected'; then
	pass "param=$J (another kernel symbol) rejected, $FALLBACK found the table"
elif [ "$FALLBACK" = none ] && [ "$1" = none ]; then
	pass "param=$J (another kernel symbol) rejected; no fallback on this kernel"
else
	fail "param=$J (another kernel symbol): got '$out'"
fi

# Bad values: each rejected with a message, nothing resolved, no oops.
T8=$(printf '0x%x' $((T + 8)))
T1=$(printf '0x%x' $((T + 1)))
for bad in 0x1 "$T1" 0x400000 "$J" "$T8"; do
	out=$(load resolve_methods=param syscall_table_addr=$bad)
	set -- $out
	why=$(dmesg | grep 'param: rejected' | sed 's/.*rejected //' | head -n 1)
	if [ "$1" = none ] && [ -n "$why" ]; then
		pass "bad syscall_table_addr=$bad rejected: $why"
	else
		fail "bad syscall_table_addr=$bad: got '$out'"
	fi
done
out=$(load resolve_methods=param syscall_table_addr=0)
set -- $out
if [ "$1" = none ] && dmesg | grep -q 'param: syscall_table_addr not given'; then
	pass "syscall_table_addr=0 treated as not given"
else
	fail "syscall_table_addr=0: got '$out'"
fi

# A bad resolve_methods refuses to load, with one clear line.
if insmod ./sfc_resource.ko resolve_methods=param,bogus 2>/dev/null; then
	rmmod sfc_resource
	fail "resolve_methods=param,bogus loaded"
elif dmesg | grep -q "unknown method 'bogus'"; then
	pass "resolve_methods=param,bogus refused: $(dmesg | grep 'unknown method' | sed 's/.*resolve_methods: //' | tail -n 1)"
else
	fail "resolve_methods=param,bogus refused without the message"
fi

# Load/unload cycles with the default order: no leak, no warning.
i=0
while [ "$i" -lt "$CYCLES" ]; do
	insmod ./sfc_resource.ko || break
	rmmod sfc_resource || break
	i=$((i + 1))
done
if [ "$i" -eq "$CYCLES" ] && ! grep -q '^sfc_resource ' /proc/modules; then
	pass "$CYCLES load/unload cycles, module gone afterwards"
else
	fail "load/unload cycles stopped at $i of $CYCLES"
fi
if [ ! -r /sys/kernel/debug/kprobes/list ] && [ "$KPROBES" = y ]; then
	fail "kprobes: /sys/kernel/debug/kprobes/list unreadable though the kernel has CONFIG_KPROBES=y and CONFIG_DEBUG_FS=y"
elif [ -r /sys/kernel/debug/kprobes/list ]; then
	left=$(grep -v -x -F -f $KP_BEFORE /sys/kernel/debug/kprobes/list)
	[ -s $KP_BEFORE ] || left=$(cat /sys/kernel/debug/kprobes/list)
	if [ -n "$left" ]; then
		fail "kprobes left registered: $(echo "$left" | head -n 3)"
	else
		pass "no kprobe left registered after $CYCLES cycles"
	fi
fi
exit 0
