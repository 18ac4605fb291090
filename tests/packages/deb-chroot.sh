# Sourced by the tests that install packages into the Debian bookworm
# amd64 chroot tests/packages/fetch-deb-chroot makes (packages-deb.test,
# packages-rpm.test): the cached chroot unpacked, dkms and the headers of
# the matrix's amd64-6.1 kernel installed in it offline, and taken apart
# again.  Needs tests/lib.sh sourced first; the caller checked root and
# an amd64 host.  Sets and uses: root (the chroot's directory).
# shellcheck shell=bash disable=SC2034,SC2154
# (SC2034, SC2154: it sets variables the test reads, and reads the test's
# root and lib.sh's top_srcdir.)

DEB_CHROOT_KID=amd64-6.1
DEB_CHROOT_FETCH=tests/packages/fetch-deb-chroot

# deb_chroot_debs: the headers' .debs the amd64-6.1 tree was laid out from
# (linux-headers-KREL, its -common and linux-kbuild, of one Debian
# version): sets KREL, kver, hdr, common, kbuild and chroot_dir (the
# cached chroot, made for these headers and our Depends).  When one is
# missing: sets why to what and how to make it, and fails.
deb_chroot_debs() {
	local debs=$ONLOAD_KCACHE/debs
	KREL=$(tree_env "$DEB_CHROOT_KID" KREL)
	hdr=$(find "$debs" -maxdepth 1 -name "linux-headers-${KREL}_*_amd64.deb" | sort | tail -n 1)
	if [ -z "$hdr" ]; then
		why="no linux-headers-$KREL .deb in $debs, though $DEB_CHROOT_KID is in the cache (tests/kernels/fetch $DEB_CHROOT_KID keeps it)"
		return 1
	fi
	kver=$(dpkg-deb -f "$hdr" Version)
	common=$debs/linux-headers-${KREL%-amd64}-common_${kver}_all.deb
	kbuild=$(find "$debs" -maxdepth 1 -name "linux-kbuild-*_${kver}_amd64.deb" | head -n 1)
	if [ ! -f "$common" ] || [ -z "$kbuild" ]; then
		why="the -common or linux-kbuild .deb of $kver is missing in $debs, though $DEB_CHROOT_KID is in the cache (tests/kernels/fetch $DEB_CHROOT_KID keeps them)"
		return 1
	fi
	if ! chroot_dir=$("$top_srcdir/$DEB_CHROOT_FETCH" --cached 2>&1); then
		why="the Debian chroot: ${chroot_dir#fetch-deb-chroot: error: }"
		return 1
	fi
}

# deb_chroot_cleanup: unmount everything under $root, innermost first.
# Fails when something is still mounted there: the caller must then
# never delete through it.
deb_chroot_cleanup() {
	local m p _
	[ -d "$root" ] || return 0
	for _ in 1 2 3; do
		m=$(awk -v r="$root" '$2 == r || index($2, r "/") == 1 { print $2 }' /proc/mounts | sort -r)
		[ -n "$m" ] || break
		while IFS= read -r p; do umount "$p" 2>/dev/null || umount -l "$p"; done <<<"$m"
	done
	! awk -v r="$root" '$2 == r || index($2, r "/") == 1 { f = 1 } END { exit !f }' /proc/mounts
}

# deb_chroot_unpack LOG: the cached chroot and its .debs in $root, in a
# tmpfs where one can be mounted (about 1 GB once dkms, gcc and the
# headers are in: unpacking, dpkg and above all cleaning up, one umount
# instead of deleting ~50000 files, are faster); /proc mounted (dkms,
# modinfo) and no services started.  No resolver: nothing reaches the
# network.  The cache is read under a shared lock (fetch-deb-chroot
# replaces it under an exclusive one).
deb_chroot_unpack() {
	local log=$1
	mkdir -p "$root"
	mount -t tmpfs -o size=4g,mode=0755 onload-deb-chroot "$root" 2>/dev/null ||
		diag "no tmpfs for the chroot: unpacking it to $root on disk"
	(
		flock -s 9
		[ -e "$chroot_dir/.done" ] || exit 1
		tar -xzf "$chroot_dir/root.tar.gz" -C "$root" --numeric-owner &&
			cp "$chroot_dir/archives/"*.deb "$root/var/cache/apt/archives/"
	) 9>"${chroot_dir%/*}/.lock" >"$log" 2>&1 || return 1
	mount -t proc proc "$root/proc" || return 1
	printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
	chmod 755 "$root/usr/sbin/policy-rc.d"
}

in_root() {
	chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
		LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}

# deb_chroot_kernel LOG [DEPENDS...]: apt-get installs dkms and the
# headers' .debs, then apt-get satisfy of each DEPENDS (a package's
# Depends field as it is), all from the cached archive (--no-download: a
# package that is not there is an error; no apt-get update); then the
# kernel's module index, as a system with its image has it (the image's
# postinst runs depmod; DKMS updates it on install and removal).
deb_chroot_kernel() {
	local log=$1
	shift
	# (No fsync: the chroot is thrown away.)
	local unsafe_io=-oDPkg::Options::=--force-unsafe-io
	mkdir -p "$root/tmp/kdebs"
	cp "$hdr" "$common" "$kbuild" "$root/tmp/kdebs/"
	in_root apt-get install -y --no-download --no-install-recommends "$unsafe_io" dkms \
		"/tmp/kdebs/${hdr##*/}" "/tmp/kdebs/${common##*/}" "/tmp/kdebs/${kbuild##*/}" \
		>"$log" 2>&1 || return 1
	if [ $# -gt 0 ]; then
		in_root apt-get satisfy -y --no-download --no-install-recommends "$unsafe_io" "$@" \
			>>"$log" 2>&1 || return 1
	fi
	in_root test -e "/lib/modules/$KREL/build/include" || return 1
	rm -rf "$root/tmp/kdebs"
	in_root depmod "$KREL" 2>>"$log"
}
