// SPDX-License-Identifier: GPL-2.0
/*
 * AArch64 instruction predicates and decoders (see ci_arm64_insn.h).
 * Pure functions of the instruction word: no memory access, no state.
 */
#if defined(__KERNEL__) && !defined(CONFIG_ARM64)
#error "ci_arm64_insn.c is arm64-only"
#endif

#include "ci_arm64_insn.h"
#if defined(__KERNEL__) && defined(HAVE_AARCH64_INSN_IS_BTI)
#include <asm/insn.h>
#endif

/* Sign-extend the low 'bits' bits of v */
static s64 ci_arm64_sext(u64 v, unsigned int bits)
{
	u64 sign = 1ull << (bits - 1);

	v &= (sign << 1) - 1;
	return (s64)(v ^ sign) - (s64)sign;
}

static unsigned int ci_arm64_rd(u32 insn)
{
	return insn & 0x1f;
}

static unsigned int ci_arm64_rn(u32 insn)
{
	return (insn >> 5) & 0x1f;
}

/* adr and adrp: immhi (bits 23:5) : immlo (bits 30:29), signed 21 bits */
static s64 ci_arm64_adr_imm(u32 insn)
{
	return ci_arm64_sext(((u64)((insn >> 5) & 0x7ffff) << 2) |
			     ((insn >> 29) & 0x3), 21);
}

bool ci_arm64_decode_adrp(u32 insn, unsigned int *rd, s64 *page_off)
{
	if ((insn & 0x9f000000u) != 0x90000000u)
		return false;
	*rd = ci_arm64_rd(insn);
	*page_off = ci_arm64_adr_imm(insn) * 4096;	/* in pages */
	return true;
}

bool ci_arm64_decode_adr(u32 insn, unsigned int *rd, s64 *off)
{
	if ((insn & 0x9f000000u) != 0x10000000u)
		return false;
	*rd = ci_arm64_rd(insn);
	*off = ci_arm64_adr_imm(insn);			/* in bytes */
	return true;
}

u64 ci_arm64_adrp_page(u64 pc, s64 page_off)
{
	return (pc & ~0xfffull) + (u64)page_off;
}

bool ci_arm64_decode_add_imm(u32 insn, unsigned int *rd, unsigned int *rn,
			     u64 *imm)
{
	/* sf=1 op=0 S=0 100010 sh imm12 Rn Rd */
	if ((insn & 0xff800000u) != 0x91000000u)
		return false;
	*rd = ci_arm64_rd(insn);
	*rn = ci_arm64_rn(insn);
	*imm = (insn >> 10) & 0xfff;
	if (insn & (1u << 22))
		*imm <<= 12;
	return true;
}

bool ci_arm64_decode_b(u32 insn, s64 *off)
{
	if ((insn & 0xfc000000u) != 0x14000000u)
		return false;
	*off = ci_arm64_sext(insn & 0x03ffffff, 26) * 4;
	return true;
}

bool ci_arm64_decode_bl(u32 insn, s64 *off)
{
	if ((insn & 0xfc000000u) != 0x94000000u)
		return false;
	*off = ci_arm64_sext(insn & 0x03ffffff, 26) * 4;
	return true;
}

bool ci_arm64_decode_cond_branch(u32 insn, s64 *off)
{
	/* b.cond / bc.cond: 0101 0100 imm19 x cond */
	if ((insn & 0xff000000u) == 0x54000000u) {
		*off = ci_arm64_sext((insn >> 5) & 0x7ffff, 19) * 4;
		return true;
	}
	/* cbz / cbnz: sf 011 010 op imm19 Rt */
	if ((insn & 0x7e000000u) == 0x34000000u) {
		*off = ci_arm64_sext((insn >> 5) & 0x7ffff, 19) * 4;
		return true;
	}
	/* tbz / tbnz: b5 011 011 op b40 imm14 Rt */
	if ((insn & 0x7e000000u) == 0x36000000u) {
		*off = ci_arm64_sext((insn >> 5) & 0x3fff, 14) * 4;
		return true;
	}
	return false;
}

bool ci_arm64_is_ret(u32 insn, unsigned int *rn)
{
	if ((insn & 0xfffffc1fu) == 0xd65f0000u) {
		*rn = ci_arm64_rn(insn);
		return true;
	}
	/* retaa, retab */
	if (insn == 0xd65f0bffu || insn == 0xd65f0fffu) {
		*rn = CI_ARM64_REG_LR;
		return true;
	}
	return false;
}

bool ci_arm64_is_br(u32 insn, unsigned int *rn)
{
	if ((insn & 0xfffffc1fu) != 0xd61f0000u)
		return false;
	*rn = ci_arm64_rn(insn);
	return true;
}

bool ci_arm64_is_blr(u32 insn, unsigned int *rn)
{
	if ((insn & 0xfffffc1fu) != 0xd63f0000u)
		return false;
	*rn = ci_arm64_rn(insn);
	return true;
}

bool ci_arm64_is_mrs_esr_el1(u32 insn, unsigned int *rt)
{
	/* MRS with op0=3 op1=0 CRn=5 CRm=2 op2=0 */
	if ((insn & 0xffffffe0u) != 0xd5385200u)
		return false;
	*rt = ci_arm64_rd(insn);
	return true;
}

bool ci_arm64_is_nop(u32 insn)
{
	return insn == CI_ARM64_NOP;
}

bool ci_arm64_is_bti(u32 insn)
{
#if defined(__KERNEL__) && defined(HAVE_AARCH64_INSN_IS_BTI)
	/* The kernel's own helper, where configure found one (6.8+). */
	return aarch64_insn_is_bti(insn);
#else
	/* hint #32, #34, #36, #38: bti, bti c, bti j, bti jc */
	return (insn & 0xffffff3fu) == CI_ARM64_BTI;
#endif
}

bool ci_arm64_is_pac_hint(u32 insn)
{
	return insn == CI_ARM64_PACIASP || insn == CI_ARM64_PACIBSP ||
	       insn == CI_ARM64_AUTIASP || insn == CI_ARM64_AUTIBSP;
}

bool ci_arm64_is_scs_push(u32 insn)
{
	return insn == CI_ARM64_SCS_PUSH;
}

bool ci_arm64_is_prologue_skippable(u32 insn)
{
	return ci_arm64_is_nop(insn) || ci_arm64_is_bti(insn) ||
	       ci_arm64_is_pac_hint(insn) || ci_arm64_is_scs_push(insn);
}

bool ci_arm64_decode_ldr_literal(u32 insn, unsigned int *rt, s64 *off,
				 unsigned int *size)
{
	switch (insn & 0xff000000u) {
	case 0x18000000u:	/* ldr wt, label */
	case 0x98000000u:	/* ldrsw xt, label */
		*size = 4;
		break;
	case 0x58000000u:	/* ldr xt, label */
		*size = 8;
		break;
	default:
		return false;
	}
	*rt = ci_arm64_rd(insn);
	*off = ci_arm64_sext((insn >> 5) & 0x7ffff, 19) * 4;
	return true;
}

bool ci_arm64_decode_ldr_x_index(u32 insn, unsigned int *rt,
				 unsigned int *rn, unsigned int *rm)
{
	unsigned int option = (insn >> 13) & 0x7;

	/* ldr xt, [xn, rm, option #3]: size=11 opc=01, S=1 */
	if ((insn & 0xffe01c00u) != 0xf8601800u)
		return false;
	/* uxtw, lsl (uxtx), sxtw, sxtx only */
	if (!(option & 0x2))
		return false;
	*rt = ci_arm64_rd(insn);
	*rn = ci_arm64_rn(insn);
	*rm = (insn >> 16) & 0x1f;
	return true;
}

unsigned int ci_arm64_written_regs(u32 insn, unsigned int regs[2])
{
	/* Data processing, immediate or register: Rd */
	if ((insn & 0x1c000000u) == 0x10000000u ||
	    (insn & 0x0e000000u) == 0x0a000000u) {
		regs[0] = ci_arm64_rd(insn);
		return 1;
	}
	/* Loads and stores to general purpose registers (V=0) */
	if ((insn & 0x0a000000u) == 0x08000000u && !(insn & (1u << 26))) {
		/* load literal */
		if ((insn & 0x3b000000u) == 0x18000000u) {
			regs[0] = ci_arm64_rd(insn);
			return 1;
		}
		if (!(insn & (1u << 22)))
			return 0;
		regs[0] = ci_arm64_rd(insn);
		/* load pair: Rt2 as well */
		if ((insn & 0x3a000000u) == 0x28000000u) {
			regs[1] = (insn >> 10) & 0x1f;
			return 2;
		}
		return 1;
	}
	/* mrs */
	if ((insn & 0xfff00000u) == 0xd5300000u) {
		regs[0] = ci_arm64_rd(insn);
		return 1;
	}
	return 0;
}
