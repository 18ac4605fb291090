dnl onload-kernel-tree.m4 -- find the target kernel tree and read what it is.
dnl
dnl Everything is read from the tree itself: the release from
dnl include/config/kernel.release, the architecture from its .config, the
dnl compiler and cross prefix from Debian's .kernelvariables where present.
dnl --host, CROSS_COMPILE and KERNEL_CC override.

AC_DEFUN([ONLOAD_AC_KERNEL_TREE], [
	AC_ARG_WITH([linux],
		[AS_HELP_STRING([--with-linux=SRC],
			[kernel source tree (default: the build tree's "source", else the build tree)])],
		[LINUX_SRC=$withval], [LINUX_SRC=])
	AC_ARG_WITH([linux-obj],
		[AS_HELP_STRING([--with-linux-obj=OBJ],
			[kernel build tree (default: /lib/modules/`uname -r`/build)])],
		[LINUX_OBJ=$withval], [LINUX_OBJ=])
	AC_ARG_VAR([KERNEL_CC], [compiler kbuild uses for the modules (default: the tree's own)])
	AC_ARG_VAR([CROSS_COMPILE], [cross prefix for kbuild (default: from --host or the tree)])
	AC_ARG_VAR([KBUILD_EXTRA_ARGS], [extra make arguments for every kbuild run (probes and modules)])
	AC_ARG_WITH([kmoddir],
		[AS_HELP_STRING([--with-kmoddir=DIR],
			[module install directory (default: /lib/modules/RELEASE/extra/onload)])],
		[KMODDIR=$withval], [KMODDIR=])

	AS_IF([test -z "$LINUX_OBJ"], [
		AS_IF([test -n "$LINUX_SRC"], [LINUX_OBJ=$LINUX_SRC], [
			onload_running=`uname -r`
			LINUX_OBJ=/lib/modules/$onload_running/build
		])
	])
	AC_MSG_CHECKING([for the kernel build tree])
	AS_IF([test ! -f "$LINUX_OBJ/Makefile"], [
		AC_MSG_RESULT([no])
		AC_MSG_ERROR([kernel build tree not found at $LINUX_OBJ: install the linux-headers package for that kernel or pass --with-linux-obj=DIR])
	])
	AS_IF([test ! -f "$LINUX_OBJ/.config" || test ! -f "$LINUX_OBJ/include/config/auto.conf"], [
		AC_MSG_RESULT([broken])
		AC_MSG_ERROR([$LINUX_OBJ is not a configured kernel build tree (no .config or include/config/auto.conf): run "make modules_prepare" there or install the headers package])
	])
	LINUX_OBJ=`cd "$LINUX_OBJ" && pwd -P`
	AC_MSG_RESULT([$LINUX_OBJ])

	AS_IF([test -z "$LINUX_SRC"], [
		AS_IF([test -d "$LINUX_OBJ/source"],
			[LINUX_SRC=`cd "$LINUX_OBJ/source" && pwd -P`],
			[LINUX_SRC=$LINUX_OBJ])
	])

	AC_MSG_CHECKING([the kernel release])
	dnl UTS_RELEASE is what the kernel reports and what vermagic carries;
	dnl Debian's 6.1 trees hold the upstream version in kernel.release.
	KERNEL_RELEASE=
	AS_IF([test -f "$LINUX_OBJ/include/generated/utsrelease.h"],
		[KERNEL_RELEASE=`$SED -n 's/^#define UTS_RELEASE "\(.*\)"$/\1/p' "$LINUX_OBJ/include/generated/utsrelease.h"`])
	AS_IF([test -z "$KERNEL_RELEASE" && test -f "$LINUX_OBJ/include/config/kernel.release"],
		[KERNEL_RELEASE=`cat "$LINUX_OBJ/include/config/kernel.release"`])
	AS_IF([test -z "$KERNEL_RELEASE"],
		[AC_MSG_ERROR([cannot read the kernel release from $LINUX_OBJ (no include/generated/utsrelease.h or include/config/kernel.release)])])
	AC_MSG_RESULT([$KERNEL_RELEASE])

	AC_MSG_CHECKING([the kernel architecture])
	onload_autoconf=$LINUX_OBJ/include/config/auto.conf
	AS_IF([grep -q '^CONFIG_ARM64=y' "$onload_autoconf"], [
		KERNEL_ARCH=arm64; KERNEL_ARCH_NAME=arm64; KERNEL_PLATFORM=aarch64; onload_gnu=aarch64-linux-gnu
	], [grep -q '^CONFIG_X86_64=y' "$onload_autoconf"], [
		KERNEL_ARCH=x86; KERNEL_ARCH_NAME=x86_64; KERNEL_PLATFORM=x86_64; onload_gnu=x86_64-linux-gnu
	], [grep -q '^CONFIG_PPC64=y' "$onload_autoconf" &&
	    grep -q '^CONFIG_CPU_LITTLE_ENDIAN=y' "$onload_autoconf"], [
		KERNEL_ARCH=powerpc; KERNEL_ARCH_NAME=ppc64le; KERNEL_PLATFORM=ppc64le; onload_gnu=powerpc64le-linux-gnu
	], [
		AC_MSG_RESULT([unsupported])
		AC_MSG_ERROR([unsupported kernel architecture in $LINUX_OBJ: onload-arm supports arm64, x86_64 and ppc64le])
	])
	AC_MSG_RESULT([$KERNEL_ARCH_NAME])

	dnl A tree built with clang (CONFIG_CC_IS_CLANG) builds its modules with
	dnl the same LLVM toolchain (kCFI type hashes, flags gcc lacks):
	dnl LLVM=-MAJOR when clang-MAJOR is installed, LLVM=1 when plain clang
	dnl is that major version.  KERNEL_CC overrides.  clang needs no cross
	dnl prefix: kbuild derives --target from ARCH.
	KERNEL_LLVM=
	AS_IF([test -z "$KERNEL_CC" && grep -q '^CONFIG_CC_IS_CLANG=y' "$onload_autoconf"], [
		AC_MSG_CHECKING([the LLVM toolchain of the clang-built tree])
		onload_clang_ver=`$SED -n 's/^CONFIG_CLANG_VERSION=//p' "$onload_autoconf"`
		onload_clang_major=`expr "0$onload_clang_ver" / 10000`
		onload_lld=
		grep -q '^CONFIG_LD_IS_LLD=y' "$onload_autoconf" && onload_lld=ld.lld
		AS_IF([command -v clang-$onload_clang_major >/dev/null 2>&1 &&
		       { test -z "$onload_lld" || command -v ld.lld-$onload_clang_major >/dev/null 2>&1; }],
			[KERNEL_LLVM=-$onload_clang_major],
		[command -v clang >/dev/null 2>&1 &&
		 clang --version 2>/dev/null | grep -q "clang version $onload_clang_major\." &&
		 { test -z "$onload_lld" || command -v ld.lld >/dev/null 2>&1; }],
			[KERNEL_LLVM=1])
		AS_IF([test -z "$KERNEL_LLVM"], [
			AC_MSG_RESULT([missing])
			AC_MSG_ERROR([$LINUX_OBJ was built with clang $onload_clang_major (CONFIG_CC_IS_CLANG${onload_lld:+, CONFIG_LD_IS_LLD}) but clang-$onload_clang_major${onload_lld:+/ld.lld-$onload_clang_major} was not found: apt-get install clang-$onload_clang_major lld-$onload_clang_major llvm-$onload_clang_major, or pass KERNEL_CC=...])
		])
		AC_MSG_RESULT([LLVM=$KERNEL_LLVM])
	])

	dnl Cross prefix: explicit CROSS_COMPILE, else --host, else the GNU
	dnl triplet's tools when the tree is for another machine than the build.
	AC_MSG_CHECKING([the cross prefix for kbuild])
	KERNEL_CROSS_COMPILE=$CROSS_COMPILE
	AS_IF([test -z "$KERNEL_CROSS_COMPILE" && test "x$host_alias" != x && test "$host" != "$build"],
		[KERNEL_CROSS_COMPILE=$host_alias-])
	AS_CASE([$build_cpu], [aarch64], [onload_build_arch=arm64],
		[x86_64], [onload_build_arch=x86_64],
		[powerpc64le], [onload_build_arch=ppc64le], [onload_build_arch=$build_cpu])
	AS_IF([test -z "$KERNEL_CROSS_COMPILE" && test -z "$KERNEL_LLVM" && test "$onload_build_arch" != "$KERNEL_ARCH_NAME"], [
		for onload_p in $onload_gnu- `echo $onload_gnu | $SED 's/-linux-gnu$/-linux-/'`; do
			for onload_c in gcc gcc-12 gcc-13 gcc-14 gcc-15 gcc-16; do
				AS_IF([command -v $onload_p$onload_c >/dev/null 2>&1],
					[KERNEL_CROSS_COMPILE=$onload_p; break 2])
			done
		done
		AS_IF([test -z "$KERNEL_CROSS_COMPILE"],
			[AC_MSG_ERROR([the tree is for $KERNEL_ARCH_NAME but no $onload_gnu-gcc was found: install gcc-$onload_gnu or pass CROSS_COMPILE=PREFIX])])
	])
	AC_MSG_RESULT([${KERNEL_CROSS_COMPILE:-none}])

	dnl The arguments every kbuild invocation of this build gets.
	KBUILD_ARGS="-C $LINUX_OBJ ARCH=$KERNEL_ARCH"
	AS_IF([test -n "$KERNEL_CROSS_COMPILE"],
		[KBUILD_ARGS="$KBUILD_ARGS CROSS_COMPILE=$KERNEL_CROSS_COMPILE"])
	AS_IF([test -n "$KERNEL_LLVM"], [KBUILD_ARGS="$KBUILD_ARGS LLVM=$KERNEL_LLVM"])
	AS_IF([test -n "$KERNEL_CC"], [KBUILD_ARGS="$KBUILD_ARGS CC=$KERNEL_CC"])
	AS_IF([test -n "$KBUILD_EXTRA_ARGS"], [KBUILD_ARGS="$KBUILD_ARGS $KBUILD_EXTRA_ARGS"])

	AS_IF([test -z "$KMODDIR"], [KMODDIR=/lib/modules/$KERNEL_RELEASE/extra/onload])

	AC_SUBST([LINUX_OBJ])
	AC_SUBST([LINUX_SRC])
	AC_SUBST([KERNEL_RELEASE])
	AC_SUBST([KERNEL_ARCH])
	AC_SUBST([KERNEL_ARCH_NAME])
	AC_SUBST([KERNEL_PLATFORM])
	AC_SUBST([KERNEL_CROSS_COMPILE])
	AC_SUBST([KERNEL_LLVM])
	AC_SUBST([KBUILD_ARGS])
	AC_SUBST([KMODDIR])
	AC_DEFINE_UNQUOTED([ONLOAD_KERNEL_RELEASE], ["$KERNEL_RELEASE"],
		[Kernel release the modules are configured for])
	AC_DEFINE_UNQUOTED([ONLOAD_KERNEL_ARCH], ["$KERNEL_ARCH_NAME"],
		[Architecture of the target kernel])
])
