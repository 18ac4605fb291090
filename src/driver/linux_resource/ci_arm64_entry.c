// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 glue of the resolver: read kernel text safely and run the decoder
 * from this CPU's exception vectors.  Kernel text is only ever read through
 * copy_from_kernel_nofault(), so a wrong address yields an error, not a
 * fault.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#if defined(__KERNEL__) && !defined(CONFIG_ARM64)
#error "ci_arm64_entry.c is arm64-only: build it for an arm64 kernel"
#endif

#include <linux/kernel.h>
#include <linux/uaccess.h>
#include <asm/sysreg.h>
#include "ci_arm64_decode.h"
#include "resolver.h"

/* A kprobe reports the function's own address: callable as is. */
int ci_arch_call_target(unsigned long *addr, char *why, size_t len)
{
	return 0;
}

/* Resolution runs from module init only: static scratch is fine. */
static struct ci_arm64_walk walk;

/*
 * The last walk read a kprobe's brk: name it in @why (symbol and hashed
 * address, never the raw one), as the reason the walk may have missed the
 * table.  The original instruction is not read back: see resolver.c.
 */
static void ci_arm64_probe_note(char *why, size_t len)
{
	void *p = (void *)(unsigned long)walk.code.probed;

#ifdef CONFIG_KALLSYMS
	snprintf(why, len, "the first kprobe brk on the walked path, at %pS (%p), hides the instruction it replaced",
		 p, p);
#else
	snprintf(why, len, "the first kprobe brk on the walked path, at %p, hides the instruction it replaced",
		 p);
#endif
}

/* Candidates from one lower-EL synchronous vector slot. */
static int ci_arm64_candidates(u64 slot_off, unsigned long *cand, int max,
			       char *why, size_t len)
{
	static u64 found[CI_ARM64_MAX_CANDIDATES];
	u64 vbar = read_sysreg(vbar_el1);
	int n, i;

	n = ci_arm64_find_table_candidates_at(vbar, slot_off, ci_read_kernel,
					      NULL, &walk, found,
					      min_t(int, max, ARRAY_SIZE(found)),
					      why, len);
	if (walk.code.probed)
		ci_arm64_probe_note(why, len);
	else if (n > 0 && len)
		why[0] = '\0';		/* the walk's trace: not a reason */
	if (n < 0)
		return n;
	for (i = 0; i < n; i++)
		cand[i] = found[i];
	return n;
}

int ci_arch_decode_candidates(unsigned long *cand, int max,
			      const char **dispatch, char *why, size_t len)
{
	*dispatch = "sys_call_table (invoke_syscall)";
	return ci_arm64_candidates(CI_ARM64_VECTOR_EL0_SYNC, cand, max, why, len);
}

/* AArch32 callers enter at VBAR + 0x600 and reach compat_sys_call_table. */
int ci_arch_decode_compat_candidates(unsigned long *cand, int max,
				     char *why, size_t len)
{
	return ci_arm64_candidates(CI_ARM64_VECTOR_EL0_SYNC32, cand, max, why,
				   len);
}

/* Syscall handlers are address-taken: their BTI landing pads are there. */
int ci_arch_indirect_call_ok(unsigned long addr, char *why, size_t len)
{
	return 0;
}

const char *ci_arch_dispatch(void)
{
	return "sys_call_table (invoke_syscall)";
}
