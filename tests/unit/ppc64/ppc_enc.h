/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Power ISA encoders for the synthetic walks.  test_insn.c checks each
 * against an encoding binutils produced, so the walks run on real code.
 */
#ifndef PPC_ENC_H
#define PPC_ENC_H

#include "ci_ppc64_insn.h"

static inline u32 enc_d(unsigned int op, unsigned int rt, unsigned int ra,
			unsigned int d)
{
	return (op << 26) | (rt << 21) | (ra << 16) | (d & 0xffff);
}

static inline u32 enc_addis(unsigned int rt, unsigned int ra, int hi)
{
	return enc_d(15, rt, ra, (unsigned int)hi);
}

static inline u32 enc_addi(unsigned int rt, unsigned int ra, int lo)
{
	return enc_d(14, rt, ra, (unsigned int)lo);
}

static inline u32 enc_ld(unsigned int rt, unsigned int ra, int ds)
{
	return enc_d(58, rt, ra, (unsigned int)ds & 0xfffc);
}

static inline u32 enc_std(unsigned int rs, unsigned int ra, int ds)
{
	return enc_d(62, rs, ra, (unsigned int)ds & 0xfffc);
}

static inline u32 enc_ori(unsigned int ra, unsigned int rs, unsigned int ui)
{
	return enc_d(24, rs, ra, ui);
}

static inline u32 enc_x31(unsigned int rt, unsigned int ra, unsigned int rb,
			  unsigned int xo)
{
	return (31u << 26) | (rt << 21) | (ra << 16) | (rb << 11) | (xo << 1);
}

static inline u32 enc_ldx(unsigned int rt, unsigned int ra, unsigned int rb)
{
	return enc_x31(rt, ra, rb, 21);
}

static inline u32 enc_mr(unsigned int ra, unsigned int rs)
{
	return enc_x31(rs, ra, rs, 444);
}

static inline u32 enc_mtctr(unsigned int rs)
{
	return 0x7c0903a6u | (rs << 21);
}

static inline u32 enc_b(long off, int link)
{
	return (18u << 26) | ((u32)off & 0x03fffffc) | (link ? 1 : 0);
}

/* bne cr0, off */
static inline u32 enc_bne(long off)
{
	return (16u << 26) | (4u << 21) | (2u << 16) | ((u32)off & 0xfffc);
}

/* pla rt, d34 (pc-relative) and pld rt, d34 (pc-relative): two words */
static inline void enc_pla(u32 *w, unsigned int rt, long long d)
{
	w[0] = (1u << 26) | (2u << 24) | (1u << 20) | ((u32)(d >> 16) & 0x3ffff);
	w[1] = enc_addi(rt, 0, (int)(d & 0xffff));
}

static inline void enc_pld(u32 *w, unsigned int rt, long long d)
{
	w[0] = (1u << 26) | (1u << 20) | ((u32)(d >> 16) & 0x3ffff);
	w[1] = (57u << 26) | (rt << 21) | (u32)(d & 0xffff);
}

#endif /* PPC_ENC_H */
