// SPDX-License-Identifier: GPL-2.0
/*
 * x86_64 glue of the resolver: decode from MSR_LSTAR (entry_SYSCALL_64) to
 * the table index in do_syscall_64(), or learn that the kernel dispatches
 * through x64_sys_call()'s switch, where the table is found by its contents
 * instead (ci_x86_scan.c); and the IBT rule for calling a kprobed function
 * through a pointer.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#if defined(__KERNEL__) && !defined(CONFIG_X86_64)
#error "ci_x86_entry.c is x86_64-only"
#endif

#include <linux/kernel.h>
#include <linux/uaccess.h>
#include <asm/msr.h>
#include "ci_x86_insn.h"
#include "ci_x86_ibt.h"
#include "ci_x86_scan.h"
#include "resolver.h"

/* The walk from entry_SYSCALL_64 (MSR_LSTAR) through the running code. */
static void ci_x86_walk(struct ci_x86_sct_result *res)
{
	u64 entry;

#ifdef HAVE_RDMSRQ
	rdmsrq(MSR_LSTAR, entry);
#else
	rdmsrl(MSR_LSTAR, entry);
#endif
	memset(res, 0, sizeof(*res));
	ci_x86_find_sys_call_table(entry, ci_read_kernel, NULL, res);
}

int ci_arch_decode_candidates(unsigned long *cand, int max,
			      const char **dispatch, char *why, size_t len)
{
	struct ci_x86_sct_result res;

	ci_x86_walk(&res);
	switch (res.verdict) {
	case CI_X86_SCT_TABLE:
		*dispatch = "sys_call_table (indexed in do_syscall_64)";
		cand[0] = res.table;
		return 1;
	case CI_X86_DISPATCH_X64_SYS_CALL:
		/* No index to decode: the table is found by its contents. */
		*dispatch = "x64_sys_call (switch)";
		return ci_x86_scan_table(cand, max, why, len);
	default:
#ifdef HAVE_X64_SYS_CALL
		/*
		 * The walk did not get through this compiler's entry code
		 * (clang's), but configure saw x64_sys_call(): no index to
		 * find anyway, so find the table by its contents.
		 */
		pr_info("decode: walk from entry_SYSCALL_64 stopped (%s); the kernel has x64_sys_call(): scanning\n",
			res.reason ? res.reason : "unknown");
		*dispatch = "x64_sys_call (switch)";
		return ci_x86_scan_table(cand, max, why, len);
#else
		snprintf(why, len, "no table index found from entry_SYSCALL_64: %s",
			 res.reason ? res.reason : "unknown");
		return -ENOENT;
#endif
	}
}

/*
 * A kprobe on an IBT kernel reports the address after the ENDBR; step back
 * to the real entry, then refuse an entry that an indirect call would fault
 * on: a sealed ENDBR (the function is never called indirectly, so boot
 * poisoned it) or, with IBT on, no ENDBR at all.  QEMU TCG does not enforce
 * IBT, so this check is what keeps real CET hardware safe.
 */
int ci_arch_call_target(unsigned long *addr, char *why, size_t len)
{
	u8 buf[CI_X86_ENDBR_LEN * 2];
	unsigned long a = *addr;
	bool ibt_on = IS_ENABLED(CONFIG_X86_KERNEL_IBT);

	if (copy_from_kernel_nofault(buf, (void *)(a - CI_X86_ENDBR_LEN),
				     sizeof(buf))) {
		snprintf(why, len, "cannot read the code at %p", (void *)a);
		return -EFAULT;
	}
	a -= ci_x86_ibt_kprobe_step_back(buf, sizeof(buf), CI_X86_ENDBR_LEN);
	if (a != *addr &&
	    copy_from_kernel_nofault(buf, (void *)a, sizeof(buf))) {
		snprintf(why, len, "cannot read the code at %p", (void *)a);
		return -EFAULT;
	}
	if (a == *addr)
		memmove(buf, buf + CI_X86_ENDBR_LEN, CI_X86_ENDBR_LEN);
	if (!ci_x86_ibt_indirect_call_ok(buf, CI_X86_ENDBR_LEN, ibt_on)) {
		snprintf(why, len, "kallsyms_lookup_name is %s: an indirect call would fault under IBT",
			 ci_x86_ibt_state_str(ci_x86_ibt_entry_state(buf, CI_X86_ENDBR_LEN)));
		return -EPERM;
	}
	*addr = a;
	return 0;
}

/*
 * Table entries are address-taken, so an IBT kernel keeps their ENDBR;
 * check anyway, since a sealed or ENDBR-less target faults on CET hardware.
 */
int ci_arch_indirect_call_ok(unsigned long addr, char *why, size_t len)
{
	u8 buf[CI_X86_ENDBR_LEN];

	if (ci_read_kernel(NULL, addr, buf, sizeof(buf))) {
		snprintf(why, len, "cannot read the code at %p", (void *)addr);
		return -EFAULT;
	}
	if (!ci_x86_ibt_indirect_call_ok(buf, sizeof(buf),
					 IS_ENABLED(CONFIG_X86_KERNEL_IBT))) {
		snprintf(why, len, "it is %s: an indirect call would fault under IBT",
			 ci_x86_ibt_state_str(ci_x86_ibt_entry_state(buf, sizeof(buf))));
		return -EPERM;
	}
	return 0;
}

/*
 * "x86/syscall: Don't force use of indirect calls for system calls": how
 * do_syscall_64() dispatches, when the table was found without decoding.
 * The walk from entry_SYSCALL_64 reads it from the code that runs;
 * configure's probe (x64_sys_call() declared in <asm/syscall.h>) only
 * when the walk cannot tell: 7.3 dropped that declaration from the header
 * and kept the switch, so the probe alone would say "indexed" there.
 */
const char *ci_arch_dispatch(void)
{
	struct ci_x86_sct_result res;

	ci_x86_walk(&res);
	switch (res.verdict) {
	case CI_X86_SCT_TABLE:
		return "sys_call_table (indexed in do_syscall_64)";
	case CI_X86_DISPATCH_X64_SYS_CALL:
		return "x64_sys_call (switch)";
	default:
		break;
	}
#ifdef HAVE_X64_SYS_CALL
	return "x64_sys_call (switch)";
#else
	return "sys_call_table (indexed in do_syscall_64)";
#endif
}
