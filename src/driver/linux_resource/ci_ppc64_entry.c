// SPDX-License-Identifier: GPL-2.0
/*
 * ppc64le hooks of the resolver: no code decoding (param and kallsyms find
 * the table), and the ELFv2 entry point rule for calling a kprobed function.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/uaccess.h>
#include "resolver.h"

#ifndef CONFIG_PPC64
#error "ci_ppc64_entry.c is for ppc64le kernels only"
#endif

int ci_arch_decode_candidates(unsigned long *cand, int max,
			      const char **dispatch, char *why, size_t len)
{
	*dispatch = "sys_call_table";
	snprintf(why, len, "no instruction decoder on ppc64le; use param or kallsyms");
	return -EOPNOTSUPP;
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
