# shellcheck shell=bash
# Shared helpers for the TAP tests run by "make check".
#   ok/not_ok/skip print one TAP line each; done_testing prints the plan.
#   kernel_ids lists the ids of tests/kernels/matrix and tests/kernels/own;
#   tree_ready ID tells whether tests/kernels/fetch (or build) has laid that
#   kernel out in the cache.

top_srcdir=${top_srcdir:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir}
ONLOAD_KCACHE=${ONLOAD_KCACHE:-$HOME/.cache/onload-arm}
export ONLOAD_KCACHE

_tap_n=0
_tap_failed=0

ok() {
	_tap_n=$((_tap_n + 1))
	echo "ok $_tap_n - $*"
}

not_ok() {
	_tap_n=$((_tap_n + 1))
	_tap_failed=$((_tap_failed + 1))
	echo "not ok $_tap_n - $*"
}

skip() {
	_tap_n=$((_tap_n + 1))
	echo "ok $_tap_n # SKIP $*"
}

# check DESCRIPTION COMMAND...: ok when COMMAND succeeds.
check() {
	local what=$1
	shift
	if "$@"; then ok "$what"; else not_ok "$what"; fi
}

diag() {
	printf '# %s\n' "$@"
}

done_testing() {
	echo "1..$_tap_n"
	[ "$_tap_failed" -eq 0 ]
}

# Kernel ids of the test matrix: the fetched Debian kernels
# (tests/kernels/matrix), then the kernels of our own (tests/kernels/own),
# optionally limited by ONLOAD_TEST_KERNELS (space or comma separated).
kernel_ids() {
	local id rest want=${ONLOAD_TEST_KERNELS:-}
	want=${want//,/ }
	while read -r id rest; do
		case $id in ''|'#'*) continue ;; esac
		: "$rest"
		if [ -n "$want" ]; then
			case " $want " in *" $id "*) ;; *) continue ;; esac
		fi
		echo "$id"
	done < <(cat "$top_srcdir/tests/kernels/matrix" "$top_srcdir/tests/kernels/own")
}

# tree_maker ID: the command that lays kernel ID out in the cache.
tree_maker() {
	if grep -q "^$1 " "$top_srcdir/tests/kernels/own"; then
		echo "tests/kernels/build $1"
	else
		echo "tests/kernels/fetch $1"
	fi
}

# is_canary ID: is ID a -next row of tests/kernels/matrix (suite "next":
# the newest kernel Debian ships, chosen when it is fetched, never pinned)?
is_canary() {
	[ "$(matrix_suite "$1")" = next ]
}

# matrix_suite ID: the suite column of ID in tests/kernels/matrix (bullseye,
# bookworm, bookworm-backports, sid, next); empty for a kernel of our own.
matrix_suite() {
	awk -v id="$1" '$1 == id { print $3 }' "$top_srcdir/tests/kernels/matrix"
}

tree_ready() {
	[ -e "$ONLOAD_KCACHE/trees/$1/.done" ]
}

# kcore_truth_prog DIR: build tests/unit/arm64/kcore_truth.c (static,
# aarch64: the guest finds sys_call_table in /proc/kcore where kallsyms
# lists no data symbols) as DIR/kcore_truth and print its path; else print
# why and fail.
kcore_truth_prog() {
	if ! command -v aarch64-linux-gnu-gcc >/dev/null; then
		echo "no aarch64-linux-gnu-gcc to build tests/unit/arm64/kcore_truth.c (package gcc-aarch64-linux-gnu)"
		return 1
	fi
	if ! aarch64-linux-gnu-gcc -static -O2 -o "$1/kcore_truth" \
		"$top_srcdir/tests/unit/arm64/kcore_truth.c" 2>"$1/kcore.err"; then
		echo "cannot build tests/unit/arm64/kcore_truth.c: $(tail -n 1 "$1/kcore.err")"
		return 1
	fi
	echo "$1/kcore_truth"
}

# tree_current ID: is a kernel of our own built from today's config
# fragments?  tests/kernels/build records their options' digest in
# trees/ID/.fragments; prints why not.  Fetched kernels are always current.
tree_current() {
	local cfg=$top_srcdir/tests/kernels/configs darch want got
	grep -q "^$1 " "$top_srcdir/tests/kernels/own" || return 0
	darch=$(tree_env "$1" DEBARCH)
	want=$(fragments_digest "$cfg/base.config" "$cfg/base-$darch.config" "$cfg/$1.config")
	got=$(cat "$ONLOAD_KCACHE/trees/$1/.fragments" 2>/dev/null)
	if [ "$got" != "$want" ]; then
		echo "its config fragments changed since it was built (tests/kernels/configs)"
		return 1
	fi
}

# fragments_digest FILE...: the digest of the options config fragments set
# (comments aside), as tests/kernels/build records it.
fragments_digest() {
	grep -hE '^(CONFIG_|# CONFIG_.* is not set)' "$@" | sha256sum | cut -d' ' -f1
}

# tree_env ID VAR: a variable of the kernel's env file.
tree_env() {
	(
		# shellcheck disable=SC1090
		. "$ONLOAD_KCACHE/trees/$1/env"
		eval "printf '%s\n' \"\${$2}\""
	)
}

# image_symbol ID SYM: SYM's address (hex, no 0x) in the kernel image the
# tree boots, from the image's own symbols.  Meant for ppc64el, where
# Book3S has no KASLR and the 6.1 kernel's /proc/kallsyms lists no data
# symbols: there it is the address a user would take from System.map.
image_symbol() {
	nm "$(readlink -f "$ONLOAD_KCACHE/trees/$1/boot")" 2>/dev/null |
		awk -v s="$2" '$3 == s { print $1; exit }'
}

# tree_has ID CONFIG_X: is CONFIG_X=y in the tree's configuration?
tree_has() {
	grep -q "^$2=y" "$ONLOAD_KCACHE/trees/$1/obj/include/config/auto.conf"
}

# guest_programs OUT ARCH: build (once per source change) the static guest
# programs of tests/guest/ for ARCH into OUT/ARCH; prints that directory.
# The build's log is OUT/ARCH.log.
guest_programs() {
	local d=$1/$2
	mkdir -p "$1"
	# make -j check: tests building the same programs wait for each other
	(
		flock 9
		if [ ! -e "$d/.built" ] || [ -n "$(find "$top_srcdir/tests/guest" \
			"$top_srcdir/include" -newer "$d/.built" -type f | head -n 1)" ]; then
			rm -rf "$d"
			mkdir -p "$d"
			"$top_srcdir/tests/guest/build" "$d" "$2" >"$d.log" 2>&1 || exit 1
			touch "$d/.built"
		fi
	) 9>"$d.lock" || return 1
	echo "$d"
}

# The configure arguments that point at a cached test tree.  The 7.x trees
# (sid's, and experimental's that a -next row may get: SUITE is the suite
# the tree came from) name gcc-16 and the 5.10 (bullseye) ones gcc-10, both
# absent here: the harness substitutes gcc-12 of the same target, a
# test-tree adjustment (DEVELOPERS.md), never a product default.
tree_configure_args() {
	local id=$1 cc suite
	printf '%s\n' "--with-linux-obj=$ONLOAD_KCACHE/trees/$id/obj"
	suite=$(tree_env "$id" SUITE)
	case $suite in sid | experimental) suite=sid ;; esac
	if [ "$suite" = sid ] || [ "$suite" = bullseye ]; then
		case $(tree_env "$id" DEBARCH) in
		arm64) cc=aarch64-linux-gnu-gcc-12 ;;
		ppc64el) cc=powerpc64le-linux-gnu-gcc-12 ;;
		*) cc=gcc-12 ;;
		esac
		printf '%s\n' "KERNEL_CC=$cc"
		# gcc-12 mis-assembles ppc64le's -fpatchable-function-entry
		# (".localentry ... is not a valid power of 2"); build the test
		# modules without ftrace entry padding on that tree.
		if [ "$suite" = sid ] && [ "$(tree_env "$id" DEBARCH)" = ppc64el ]; then
			printf '%s\n' "KBUILD_EXTRA_ARGS=CC_FLAGS_FTRACE="
		fi
	fi
	# A kernel that loads only signed modules: sign with the key its
	# build made (our own kernels keep it), as a user of that kernel would.
	if tree_has "$id" CONFIG_MODULE_SIG_FORCE; then
		printf '%s\n' "--with-signing-key=tree"
	fi
	return 0
}

# unsigned_copy IN OUT: OUT is module IN without its appended signature
# (layout: module, PKCS#7 signature, 12-byte struct module_signature whose
# last 4 bytes are the signature's length, big-endian, then the 28-byte
# magic "~Module signature appended~\n").  Non-zero if IN is not signed.
unsigned_copy() {
	local size siglen
	tail -c 28 "$1" | grep -q '~Module signature appended~' || return 1
	size=$(stat -c %s "$1")
	siglen=$(tail -c 32 "$1" | head -c 4 | od -An -tu1 |
		awk '{ print ((($1 * 256) + $2) * 256 + $3) * 256 + $4 }')
	head -c $((size - 28 - 12 - siglen)) "$1" >"$2"
}

# The source tree the tests configure from.  Automake refuses a VPATH build
# from a source tree configured in place (the README's ./configure && make
# check), so then the tests use a clean copy of it, made once per run.
test_srcdir() {
	local copy=$top_builddir/tests/build/srcdir
	if [ ! -e "$top_srcdir/config.status" ]; then
		echo "$top_srcdir"
		return
	fi
	# make -j check runs several tests at once: one copies, under a lock,
	# into a scratch directory renamed into place when complete.  The copy
	# is made again when a source file changed since (what builds and
	# test runs write does not count, so it stays put during a run).
	mkdir -p "$top_builddir/tests/build"
	(
		flock 9
		if [ ! -f "$copy/.copied" ] || [ -n "$(cd "$top_srcdir" && find . \
			\( -path ./.git -o -path ./build -o -path ./tests/build \
			-o -path ./autom4te.cache -o -path './tests/unit/*/build' \
			-o -name 'onload-arm-*' \) -prune -o -type f \
			! -name '*.log' ! -name '*.trs' -newer "$copy/.copied" \
			-print -quit)" ]; then
			rm -rf "$copy" "$copy.tmp"
			mkdir -p "$copy.tmp"
			touch "$copy.tmp/.copied"
			(cd "$top_srcdir" && tar cf - --exclude=./.git --exclude=./build \
				--exclude=./tests/build --exclude=./autom4te.cache \
				--exclude='./tests/unit/*/build' \
				--exclude=./config.status --exclude=./config.log \
				--exclude=./Makefile --exclude=./config.h --exclude=./stamp-h1 \
				--exclude=./build.conf --exclude=./mk/config.mk \
				--exclude=./onload-arm.spec --exclude=./dkms.conf \
				--exclude='*.log' --exclude='*.trs' --exclude='./onload-arm-*' .) |
				(cd "$copy.tmp" && tar xf -) &&
				mv "$copy.tmp" "$copy"
		fi
	) 9>"$top_builddir/tests/build/.srcdir.lock"
	echo "$copy"
}

# tree_cpus ID: the QEMU -cpu models the in-guest suites boot ID on, the
# default first.  Kernels of our own name theirs (CPUS in tests/kernels/own);
# the Debian ones: arm64 neoverse-n1 and cortex-a57 (another Spectre-BHB
# set-up, and AArch32 at EL0), amd64 max, ppc64el power9.
tree_cpus() {
	local cpus
	cpus=$(awk -v id="$1" '$1 == id { print $6 }' "$top_srcdir/tests/kernels/own")
	if [ -z "$cpus" ]; then
		case $(tree_env "$1" DEBARCH) in
		arm64) cpus=neoverse-n1,cortex-a57 ;;
		amd64) cpus=max ;;
		ppc64el) cpus=power9 ;;
		esac
	fi
	echo "${cpus//,/ }"
}

# tree_text_offset ID SYM: SYM's offset from _text (hex, no 0x) in the
# tree's own vmlinux (kernels of our own keep it).  KASLR moves the whole
# image, so a guest adds it to its /proc/kallsyms _text: the address of a
# data symbol on a kernel whose kallsyms lists none.  Empty when unknown.
tree_text_offset() {
	local vmlinux=$ONLOAD_KCACHE/trees/$1/obj/vmlinux t a
	[ -f "$vmlinux" ] || return 0
	read -r t a < <(nm "$vmlinux" 2>/dev/null | awk -v s="$2" '
		$3 == "_text" { t = $1 } $3 == s { a = $1 }
		END { print t, a }')
	[ -n "$t" ] && [ -n "$a" ] || return 0
	printf '%x\n' $((0x$a - 0x$t))
}
