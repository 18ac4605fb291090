// SPDX-License-Identifier: GPL-2.0
/*
 * Power ISA instruction decoders (see ci_ppc64_insn.h).  Pure functions of
 * the instruction words: no memory access, no state.
 */
#if defined(__KERNEL__) && !defined(CONFIG_PPC64)
#error "ci_ppc64_insn.c is ppc64-only"
#endif

#include "ci_ppc64_insn.h"

/* Sign-extend the low 'bits' bits of v */
static s64 ci_ppc64_sext(u64 v, unsigned int bits)
{
	u64 sign = 1ull << (bits - 1);

	v &= (sign << 1) - 1;
	return (s64)(v ^ sign) - (s64)sign;
}

static unsigned int ci_ppc64_opcd(u32 insn)
{
	return insn >> 26;
}

static unsigned int ci_ppc64_rt(u32 insn)
{
	return (insn >> 21) & 0x1f;
}

static unsigned int ci_ppc64_ra(u32 insn)
{
	return (insn >> 16) & 0x1f;
}

static unsigned int ci_ppc64_rb(u32 insn)
{
	return (insn >> 11) & 0x1f;
}

/* The extended opcode of an X-form instruction (primary opcode 31, 19) */
static unsigned int ci_ppc64_xo(u32 insn)
{
	return (insn >> 1) & 0x3ff;
}

bool ci_ppc64_decode_addis(u32 insn, unsigned int *rt, unsigned int *ra,
			   s64 *imm)
{
	if (ci_ppc64_opcd(insn) != 15)
		return false;
	*rt = ci_ppc64_rt(insn);
	*ra = ci_ppc64_ra(insn);
	*imm = ci_ppc64_sext(insn & 0xffff, 16) * 65536;
	return true;
}

bool ci_ppc64_decode_addi(u32 insn, unsigned int *rt, unsigned int *ra,
			  s64 *imm)
{
	if (ci_ppc64_opcd(insn) != 14)
		return false;
	*rt = ci_ppc64_rt(insn);
	*ra = ci_ppc64_ra(insn);
	*imm = ci_ppc64_sext(insn & 0xffff, 16);
	return true;
}

bool ci_ppc64_decode_ld(u32 insn, unsigned int *rt, unsigned int *ra,
			s64 *ds)
{
	if (ci_ppc64_opcd(insn) != 58 || (insn & 3) != 0)
		return false;
	*rt = ci_ppc64_rt(insn);
	*ra = ci_ppc64_ra(insn);
	*ds = ci_ppc64_sext(insn & 0xfffc, 16);
	return true;
}

bool ci_ppc64_decode_ori(u32 insn, unsigned int *ra, unsigned int *rs,
			 u64 *uimm)
{
	if (ci_ppc64_opcd(insn) != 24)
		return false;
	*rs = ci_ppc64_rt(insn);
	*ra = ci_ppc64_ra(insn);
	*uimm = insn & 0xffff;
	return true;
}

bool ci_ppc64_decode_ldx(u32 insn, unsigned int *rt, unsigned int *ra,
			 unsigned int *rb)
{
	if (ci_ppc64_opcd(insn) != 31 || ci_ppc64_xo(insn) != 21)
		return false;
	*rt = ci_ppc64_rt(insn);
	*ra = ci_ppc64_ra(insn);
	*rb = ci_ppc64_rb(insn);
	return true;
}

bool ci_ppc64_decode_mr(u32 insn, unsigned int *ra, unsigned int *rs)
{
	if (ci_ppc64_opcd(insn) != 31 || ci_ppc64_xo(insn) != 444 ||
	    (insn & 1) || ci_ppc64_rt(insn) != ci_ppc64_rb(insn))
		return false;
	*ra = ci_ppc64_ra(insn);
	*rs = ci_ppc64_rt(insn);
	return true;
}

bool ci_ppc64_decode_mtctr(u32 insn, unsigned int *rs)
{
	if ((insn & 0xfc1fffffu) != 0x7c0903a6u)
		return false;
	*rs = ci_ppc64_rt(insn);
	return true;
}

bool ci_ppc64_decode_mfctr(u32 insn, unsigned int *rt)
{
	if ((insn & 0xfc1fffffu) != 0x7c0902a6u)
		return false;
	*rt = ci_ppc64_rt(insn);
	return true;
}

bool ci_ppc64_decode_b(u32 insn, s64 *off, bool *link)
{
	if (ci_ppc64_opcd(insn) != 18 || (insn & 2))
		return false;
	*off = ci_ppc64_sext(insn & 0x03fffffc, 26);
	*link = insn & 1;
	return true;
}

bool ci_ppc64_decode_bc(u32 insn, s64 *off, bool *link)
{
	if (ci_ppc64_opcd(insn) != 16 || (insn & 2))
		return false;
	*off = ci_ppc64_sext(insn & 0xfffc, 16);
	*link = insn & 1;
	return true;
}

bool ci_ppc64_decode_bclr_bcctr(u32 insn, bool *ctr, bool *link,
				bool *always)
{
	unsigned int xo = ci_ppc64_xo(insn);

	if (ci_ppc64_opcd(insn) != 19 || (xo != 16 && xo != 528))
		return false;
	*ctr = xo == 528;
	*link = insn & 1;
	/* BO = 1z1zz: neither the condition nor CTR is tested */
	*always = (ci_ppc64_rt(insn) & 0x14) == 0x14;
	return true;
}

bool ci_ppc64_is_prefix(u32 insn)
{
	return ci_ppc64_opcd(insn) == 1;
}

/* The 34-bit displacement of a prefixed D-form: d0 (18 bits) : d1 (16) */
static s64 ci_ppc64_d34(u32 prefix, u32 suffix)
{
	return ci_ppc64_sext(((u64)(prefix & 0x3ffff) << 16) |
			     (suffix & 0xffff), 34);
}

/* Prefix type (bits 6-7) and the bit after it: 8LS is 0, MLS is 2 */
static bool ci_ppc64_prefix_form(u32 prefix, unsigned int type)
{
	return ci_ppc64_is_prefix(prefix) && ((prefix >> 24) & 3) == type &&
	       !((prefix >> 23) & 1);
}

bool ci_ppc64_decode_paddi(u32 prefix, u32 suffix, unsigned int *rt,
			   unsigned int *ra, s64 *imm, bool *pcrel)
{
	if (!ci_ppc64_prefix_form(prefix, 2) || ci_ppc64_opcd(suffix) != 14)
		return false;
	*rt = ci_ppc64_rt(suffix);
	*ra = ci_ppc64_ra(suffix);
	*imm = ci_ppc64_d34(prefix, suffix);
	*pcrel = (prefix >> 20) & 1;
	/* R=1 with a base register is an invalid form */
	return !(*pcrel && *ra);
}

bool ci_ppc64_decode_pld(u32 prefix, u32 suffix, unsigned int *rt,
			 unsigned int *ra, s64 *imm, bool *pcrel)
{
	if (!ci_ppc64_prefix_form(prefix, 0) || ci_ppc64_opcd(suffix) != 57)
		return false;
	*rt = ci_ppc64_rt(suffix);
	*ra = ci_ppc64_ra(suffix);
	*imm = ci_ppc64_d34(prefix, suffix);
	*pcrel = (prefix >> 20) & 1;
	return !(*pcrel && *ra);
}

/*
 * Opcode 31: the X-form extended opcodes that write RA rather than RT:
 * logical, shift, sign-extend and count operations, and the stores with
 * update (stwux, stdux, stbux, sthux), whose RT is a source.
 */
static bool ci_ppc64_x31_writes_ra(unsigned int xo)
{
	switch (xo) {
	case 24: case 26: case 27: case 28: case 58:	/* slw cntlzw sld and cntlzd */
	case 60: case 122: case 124: case 154: case 186:	/* andc popcntb nor prtyw prtyd */
	case 284: case 316: case 378: case 412: case 444:	/* eqv xor popcntw orc or */
	case 476: case 506: case 508: case 536: case 538:	/* nand popcntd cmpb srw cnttzw */
	case 539: case 570: case 792: case 794: case 824:	/* srd cnttzd sraw srad srawi */
	case 826: case 827: case 922: case 954: case 986:	/* sradi (2) extsh extsb extsw */
	case 890: case 891:				/* extswsli */
	case 181: case 183: case 247: case 439:		/* stdux stwux stbux sthux */
		return true;
	}
	return false;
}

/* Opcode 31: extended opcodes that write no GPR (stores without update,
 * compares, traps, cache ops, barriers, SPR/MSR/CR writes).
 */
static bool ci_ppc64_x31_writes_none(unsigned int xo)
{
	switch (xo) {
	case 0: case 4: case 32: case 68: case 54: case 86:	/* cmp tw cmpl td dcbst dcbf */
	case 144: case 146: case 149: case 150: case 151:	/* mtcrf mtmsr stdx stwcx. stwx */
	case 178: case 214: case 215: case 246: case 278:	/* mtmsrd stdcx. stbx dcbtst dcbt */
	case 407: case 467: case 598: case 662: case 854:	/* sthx mtspr sync stwbrx eieio */
	case 918: case 660: case 982: case 1014: case 274:	/* sthbrx stdbrx icbi dcbz tlbiel */
	case 306: case 434: case 498: case 566:			/* tlbie slbie slbia tlbsync */
		return true;
	}
	return false;
}

unsigned int ci_ppc64_written_regs(u32 insn, unsigned int regs[2])
{
	unsigned int op = ci_ppc64_opcd(insn), rt = ci_ppc64_rt(insn);
	unsigned int ra = ci_ppc64_ra(insn), xo;

	switch (op) {
	case 2: case 3: case 10: case 11:	/* tdi twi cmpli cmpi */
	case 16: case 17: case 18: case 19:	/* branches, sc, CR ops */
	case 36: case 38: case 44:		/* stw stb sth */
	case 47: case 52: case 54:		/* stmw stfs stfd */
	case 4: case 59: case 60: case 61: case 63:	/* vector, FP, VSX */
		return 0;
	case 37: case 39: case 45: case 53: case 55:	/* store with update */
		regs[0] = ra;
		return 1;
	case 62:				/* std, stdu, stq */
		if ((insn & 3) == 1) {
			regs[0] = ra;
			return 1;
		}
		return 0;
	case 20: case 21: case 23:		/* rlwimi rlwinm rlwnm */
	case 24: case 25: case 26: case 27:	/* ori oris xori xoris */
	case 28: case 29: case 30:		/* andi. andis. rld* */
		regs[0] = ra;
		return 1;
	case 33: case 35: case 41: case 43:	/* load with update */
		regs[0] = rt;
		regs[1] = ra;
		return 2;
	case 58:				/* ld, ldu, lwa */
		regs[0] = rt;
		if ((insn & 3) == 1) {
			regs[1] = ra;
			return 2;
		}
		return 1;
	case 31:
		xo = ci_ppc64_xo(insn);
		if (ci_ppc64_x31_writes_none(xo))
			return 0;
		if (ci_ppc64_x31_writes_ra(xo)) {
			regs[0] = ra;
			return 1;
		}
		regs[0] = rt;
		return 1;
	}
	regs[0] = rt;
	return 1;
}
