// SPDX-License-Identifier: GPL-2.0
/*
 * ppc64le glue of the resolver: run the decoder from the system call vector
 * with what the PACA knows (kernel base, kernel TOC), and the ELFv2 entry
 * point rule for calling a kprobed function.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <asm/paca.h>
#include "ci_ppc64_decode.h"
#include "resolver.h"

#ifndef CONFIG_PPC64
#error "ci_ppc64_entry.c is for ppc64le kernels only"
#endif

/* The last line of a decoder trace (its verdict), as one line in @why */
static void ci_ppc64_last_line(const char *trace, char *why, size_t len)
{
	const char *end = trace + strlen(trace), *start;

	while (end > trace && end[-1] == '\n')
		end--;
	start = end;
	while (start > trace && start[-1] != '\n')
		start--;
	snprintf(why, len, "%.*s", (int)(end - start), start);
}

/* Resolution runs from module init only: static scratch is fine. */
static struct ci_ppc64_walk walk;

/*
 * The last walk read a trap, a kprobe's breakpoint: name it in @why (symbol
 * and hashed address, never the raw one), as the reason the walk may have
 * missed the table.  The original instruction is not read back: see
 * resolver.c.
 */
static void ci_ppc64_probe_note(char *why, size_t len)
{
	void *p = (void *)(unsigned long)walk.code.probed;

#ifdef CONFIG_KALLSYMS
	snprintf(why, len, "the first kprobe trap on the walked path, at %pS (%p), hides the instruction it replaced",
		 p, p);
#else
	snprintf(why, len, "the first kprobe trap on the walked path, at %p, hides the instruction it replaced",
		 p);
#endif
}

int ci_arch_decode_candidates(unsigned long *cand, int max,
			      const char **dispatch, char *why, size_t len)
{
	static u64 found[CI_PPC64_MAX_CANDIDATES];
	static char trace[1024];
	struct ci_ppc64_kernel k = {
		.paca_kbase_off = offsetof(struct paca_struct, kernelbase),
		.paca_toc_off = offsetof(struct paca_struct, kernel_toc),
	};
	int n, i;

	*dispatch = "sys_call_table";
	preempt_disable();
	k.kbase = get_paca()->kernelbase;
	k.toc = get_paca()->kernel_toc;
	preempt_enable();
	n = ci_ppc64_find_syscall_table_candidates(&k, ci_read_kernel, NULL,
						   &walk, found,
						   min_t(int, max, ARRAY_SIZE(found)),
						   trace, sizeof(trace));
	if (walk.code.probed)
		ci_ppc64_probe_note(why, len);
	else if (n < 0)
		ci_ppc64_last_line(trace, why, len);
	if (n < 0)
		return n;
	pr_info("decode: %u functions, %u instructions, %d candidates (%u used as a called table)\n",
		walk.n_funcs, walk.n_insns, n, walk.n_strong);
	for (i = 0; i < n; i++)
		cand[i] = found[i];
	return n;
}

/* addis r2,r12,hi and addi r2,r2,lo: an ELFv2 global entry point. */
#define PPC_ADDIS_R2_R12	0x3c4c0000u
#define PPC_ADDI_R2_R2		0x38420000u
#define PPC_HI16_MASK		0xffff0000u

/*
 * ELFv2 functions have a global entry point that sets up the TOC pointer
 * (r2) from r12 and a local one 8 bytes on; a kprobe reports the local one.
 * A module must call the global one, or the callee runs with the module's
 * TOC.  Step back to it when the two TOC-setup instructions are there.
 */
int ci_arch_call_target(unsigned long *addr, char *why, size_t len)
{
	u32 insn[2];
	unsigned long a = *addr;
	int back;

	for (back = 0; back <= 2; back++) {
		unsigned long p = a - back * 4;

		if (copy_from_kernel_nofault(insn, (void *)p, sizeof(insn)))
			continue;
		if ((insn[0] & PPC_HI16_MASK) == PPC_ADDIS_R2_R12 &&
		    (insn[1] & PPC_HI16_MASK) == PPC_ADDI_R2_R2) {
			*addr = p;
			return 0;
		}
	}
	/* No TOC setup: a function that doesn't need one; call as is. */
	return 0;
}

/* Table entries are global entry points: callable through a pointer. */
int ci_arch_indirect_call_ok(unsigned long addr, char *why, size_t len)
{
	return 0;
}

const char *ci_arch_dispatch(void)
{
	return "sys_call_table";
}
