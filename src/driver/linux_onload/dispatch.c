// SPDX-License-Identifier: GPL-2.0
/*
 * Call the kernel's own syscall handlers with an architecture-built
 * struct pt_regs (or plain arguments, where the kernel has no syscall
 * wrappers), choosing the compat handler for 32-bit callers.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/ptrace.h>
#include <asm/unistd.h>
#include <onload/kernel_compat.h>
#include <onload/sfc_resource.h>
#include "dispatch.h"

struct onload_handler {
	unsigned long fn;
	unsigned int nr;
};

static struct onload_handler onload_native[ONLOAD_SYS_COUNT];
static struct onload_handler onload_compat[ONLOAD_SYS_COUNT];
static bool onload_have_compat;
/* x86: 32-bit callers use the native handlers (see onload_dispatch_init) */
static bool onload_compat_native __maybe_unused;
static bool onload_compat_sealed __maybe_unused;	/* IBT seal, else not found */

static const unsigned int onload_native_nr[ONLOAD_SYS_COUNT] = {
#define ONLOAD_X(name, nargs, arm32, i386) [ONLOAD_SYS_##name] = __NR_##name,
	ONLOAD_DISPATCH_SYSCALLS(ONLOAD_X)
#undef ONLOAD_X
};

#if defined(CONFIG_COMPAT) && defined(CONFIG_ARM64)
#define ONLOAD_COMPAT_TABLE "compat_sys_call_table"
static const unsigned int onload_compat_nr[ONLOAD_SYS_COUNT] = {
#define ONLOAD_X(name, nargs, arm32, i386) [ONLOAD_SYS_##name] = arm32,
	ONLOAD_DISPATCH_SYSCALLS(ONLOAD_X)
#undef ONLOAD_X
};
#elif defined(CONFIG_COMPAT) && defined(CONFIG_X86_64)
/*
 * x86 kernels that dispatch through ia32_sys_call()'s switch keep no
 * ia32_sys_call_table: take the ia32 handlers by name instead.
 */
#define ONLOAD_COMPAT_HANDLERS
static const char * const onload_compat_names[ONLOAD_SYS_COUNT] = {
	[ONLOAD_SYS_epoll_create1]	= "__ia32_sys_epoll_create1",
	[ONLOAD_SYS_epoll_ctl]		= "__ia32_sys_epoll_ctl",
	[ONLOAD_SYS_epoll_pwait]	= "__ia32_compat_sys_epoll_pwait",
};

static const unsigned int onload_compat_nr[ONLOAD_SYS_COUNT] = {
#define ONLOAD_X(name, nargs, arm32, i386) [ONLOAD_SYS_##name] = i386,
	ONLOAD_DISPATCH_SYSCALLS(ONLOAD_X)
#undef ONLOAD_X
};
#endif

static int onload_fill(struct onload_handler *h, void **table,
		       const unsigned int *nr, const char *which,
		       char *why, size_t len)
{
	int i;

	for (i = 0; i < ONLOAD_SYS_COUNT; i++) {
		unsigned long fn = (unsigned long)table[nr[i]];
		int rc = efrm_indirect_call_ok(fn, why, len);

		if (rc)
			return rc;
		h[i].fn = fn;
		h[i].nr = nr[i];
	}
	pr_debug("%s handlers ready\n", which);
	return 0;
}

#ifdef ONLOAD_COMPAT_HANDLERS
static int onload_fill_by_name(struct onload_handler *h,
			       const char * const *names,
			       const unsigned int *nr)
{
	char why[160];
	int i;

	for (i = 0; i < ONLOAD_SYS_COUNT; i++) {
		unsigned long fn = efrm_find_ksym(names[i]);

		if (!fn) {
			pr_info("kallsyms cannot name %s\n", names[i]);
			return -ENOENT;
		}
		if (efrm_indirect_call_ok(fn, why, sizeof(why))) {
			pr_info("not calling %s: %s\n", names[i], why);
			return -EPERM;
		}
		h[i].fn = fn;
		h[i].nr = nr[i];
	}
	return 0;
}
#endif

int onload_dispatch_init(char *why, size_t len)
{
	void **table = efrm_syscall_table();
	int rc;

	if (!table) {
		snprintf(why, len, "sfc_resource found no sys_call_table (method %s); load it with syscall_table_addr= or see its dmesg",
			 efrm_syscall_table_method());
		return -ENODEV;
	}
	rc = onload_fill(onload_native, table, onload_native_nr, "native",
			 why, len);
	if (rc)
		return rc;
#if defined(ONLOAD_COMPAT_TABLE)
	{
		char cwhy[160];
		void **ct = efrm_compat_syscall_table();

		if (!ct)
			pr_info("no %s: 32-bit callers will get ENOSYS\n",
				ONLOAD_COMPAT_TABLE);
		else if (!onload_fill(onload_compat, ct, onload_compat_nr,
				      "compat", cwhy, sizeof(cwhy)))
			onload_have_compat = true;
		else
			pr_info("%s unusable: %s\n", ONLOAD_COMPAT_TABLE, cwhy);
	}
#elif defined(ONLOAD_COMPAT_HANDLERS)
	rc = onload_fill_by_name(onload_compat, onload_compat_names,
				 onload_compat_nr);
	if (rc == -EPERM || rc == -ENOENT) {
		/*
		 * IBT sealed the __ia32_* handlers (with the ia32 table gone
		 * nothing calls them indirectly), or they cannot be named
		 * (no kprobes, so no kallsyms_lookup_name).  For the calls
		 * dispatched here the ia32 ABI equals the native one on
		 * x86_64: packed struct epoll_event and no sigmask passed to
		 * epoll_pwait.  So 32-bit callers get the native handlers,
		 * whose ENDBR is intact.
		 */
		memcpy(onload_compat, onload_native, sizeof(onload_compat));
		onload_compat_native = true;
		onload_compat_sealed = rc == -EPERM;
		rc = 0;
		pr_info("32-bit callers use the native handlers (the __ia32_* ones are %s)\n",
			onload_compat_sealed ? "IBT-sealed" : "not found");
	}
	onload_have_compat = !rc;
#endif
	return 0;
}

const char *onload_dispatch_path(bool compat)
{
	if (compat) {
		if (!onload_have_compat)
			return "none";
#ifdef ONLOAD_COMPAT_HANDLERS
		if (onload_compat_native)
			return onload_compat_sealed ?
				"native handlers (ia32 ones IBT-sealed)" :
				"native handlers (ia32 ones not found)";
		return "ia32 handlers (pt_regs)";
#else
		return "compat table (pt_regs)";
#endif
	}
#if defined(CONFIG_PPC64) && !defined(HAVE_SYSCALL_WRAPPER)
	return "sys_call_table (plain arguments)";
#else
	return "sys_call_table (pt_regs)";
#endif
}

/* Build the registers the handler reads its arguments from, and call it. */
static long onload_call(const struct onload_handler *h, bool compat,
			const unsigned long *a)
{
#if defined(CONFIG_PPC64) && !defined(HAVE_SYSCALL_WRAPPER)
	long (*fn)(unsigned long, unsigned long, unsigned long,
		   unsigned long, unsigned long, unsigned long) = (void *)h->fn;

	return fn(a[0], a[1], a[2], a[3], a[4], a[5]);
#else
	long (*fn)(const struct pt_regs *) = (void *)h->fn;
	struct pt_regs regs;

	memset(&regs, 0, sizeof(regs));
# if defined(CONFIG_ARM64)
	memcpy(regs.regs, a, 6 * sizeof(a[0]));
	regs.orig_x0 = a[0];
	regs.syscallno = h->nr;
	regs.regs[compat ? 7 : 8] = h->nr;
# elif defined(CONFIG_X86_64)
	if (compat) {
		regs.bx = a[0];
		regs.cx = a[1];
		regs.dx = a[2];
		regs.si = a[3];
		regs.di = a[4];
		regs.bp = a[5];
	} else {
		regs.di = a[0];
		regs.si = a[1];
		regs.dx = a[2];
		regs.r10 = a[3];
		regs.r8 = a[4];
		regs.r9 = a[5];
	}
	regs.orig_ax = h->nr;
	regs.ax = -ENOSYS;
# elif defined(CONFIG_PPC64)
	memcpy(&regs.gpr[3], a, 6 * sizeof(a[0]));
	regs.orig_gpr3 = a[0];
	regs.gpr[0] = h->nr;
# else
#  error "onload dispatch supports arm64, x86_64 and ppc64le"
# endif
	return fn(&regs);
#endif
}

long onload_dispatch(enum onload_sys sys, const unsigned long *args)
{
	bool compat = is_compat_task();
	const struct onload_handler *h;

	if (sys >= ONLOAD_SYS_COUNT)
		return -ENOSYS;
	h = compat ? &onload_compat[sys] : &onload_native[sys];
	if (!h->fn)
		return -ENOSYS;
	return onload_call(h, compat && !onload_compat_native, args);
}
