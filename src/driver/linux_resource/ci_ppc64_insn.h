/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Power ISA (64-bit, little-endian kernel) instruction decoders working on
 * one 32-bit word, or on a prefix/suffix pair (Power10 prefixed forms).
 * Used by the ppc64le sys_call_table locator; builds both in the kernel and
 * in host unit tests.  Branch decoders return byte offsets from the address
 * of the instruction itself (of the prefix, for prefixed forms).
 */
#ifndef CI_PPC64_INSN_H
#define CI_PPC64_INSN_H

#include "ci_decode_common.h"

#define CI_PPC64_INSN_SIZE	4
#define CI_PPC64_REG_SP		1	/* stack pointer */
#define CI_PPC64_REG_TOC	2	/* TOC pointer (ELFv2) */
#define CI_PPC64_REG_PACA	13	/* the PACA, in the kernel */
#define CI_PPC64_REG_GEP	12	/* a global entry point's own address */

/* Fixed encodings */
#define CI_PPC64_NOP		0x60000000u	/* ori r0,r0,0 */
/* trap (tw 31,0,0): the breakpoint of kprobes (and xmon, kgdb) */
#define CI_PPC64_TRAP		0x7fe00008u
#define CI_PPC64_BLR		0x4e800020u
#define CI_PPC64_BCTR		0x4e800420u
#define CI_PPC64_BCTRL		0x4e800421u
#define CI_PPC64_RFID		0x4c000024u
#define CI_PPC64_HRFID		0x4c000224u
#define CI_PPC64_RFSCV		0x4c0000a4u
#define CI_PPC64_TRAP		0x7fe00008u	/* tw 31,0,0 */

/* addis rt,ra,simm: *imm is simm << 16, sign-extended; ra 0 means lis */
bool ci_ppc64_decode_addis(u32 insn, unsigned int *rt, unsigned int *ra,
			   s64 *imm);
/* addi rt,ra,simm (ra 0 means li) */
bool ci_ppc64_decode_addi(u32 insn, unsigned int *rt, unsigned int *ra,
			  s64 *imm);
/* ld rt,ds(ra) (not ldu, not lwa) */
bool ci_ppc64_decode_ld(u32 insn, unsigned int *rt, unsigned int *ra,
			s64 *ds);
/* ori ra,rs,uimm (nop is ori 0,0,0) */
bool ci_ppc64_decode_ori(u32 insn, unsigned int *ra, unsigned int *rs,
			 u64 *uimm);
/* ldx rt,ra,rb */
bool ci_ppc64_decode_ldx(u32 insn, unsigned int *rt, unsigned int *ra,
			 unsigned int *rb);
/* mr ra,rs (or ra,rs,rs) */
bool ci_ppc64_decode_mr(u32 insn, unsigned int *ra, unsigned int *rs);
/* mtctr rs / mfctr rt */
bool ci_ppc64_decode_mtctr(u32 insn, unsigned int *rs);
bool ci_ppc64_decode_mfctr(u32 insn, unsigned int *rt);

/* b/ba/bl/bla: *off from the instruction, *link set for bl; absolute
 * forms (AA=1) are refused: the kernel does not use them.
 */
bool ci_ppc64_decode_b(u32 insn, s64 *off, bool *link);
/* bc (conditional, relative): *off; *link for bcl */
bool ci_ppc64_decode_bc(u32 insn, s64 *off, bool *link);
/* bclr/bcctr with any condition: *ctr says which, *link for the l forms,
 * *always when BO says "branch always".
 */
bool ci_ppc64_decode_bclr_bcctr(u32 insn, bool *ctr, bool *link,
				bool *always);

/* A prefix word (primary opcode 1): the following word is its suffix */
bool ci_ppc64_is_prefix(u32 insn);
/*
 * paddi rt,ra,d34,R (pla rt,d34 when R is 1 and ra 0): *pcrel when the
 * displacement is from the prefix's address.
 */
bool ci_ppc64_decode_paddi(u32 prefix, u32 suffix, unsigned int *rt,
			   unsigned int *ra, s64 *imm, bool *pcrel);
/* pld rt,d34(ra),R */
bool ci_ppc64_decode_pld(u32 prefix, u32 suffix, unsigned int *rt,
			 unsigned int *ra, s64 *imm, bool *pcrel);

/*
 * The general-purpose registers an instruction (not a branch, not
 * prefixed) may write: up to 2, in regs[]; returns how many.  Stores,
 * compares, traps, cache and SPR writes write none; an instruction this
 * does not know is assumed to write its RT field.
 */
unsigned int ci_ppc64_written_regs(u32 insn, unsigned int regs[2]);

#endif /* CI_PPC64_INSN_H */
