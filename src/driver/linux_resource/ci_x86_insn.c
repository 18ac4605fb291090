// SPDX-License-Identifier: GPL-2.0
/*
 * Minimal x86-64 length decoder (the walk that uses it: ci_x86_decode.c;
 * both declared in ci_x86_insn.h).
 *
 * The decoder knows the one-byte map, the 0f map and the lengths of the
 * 0f 38 / 0f 3a maps, legacy prefixes and REX.  VEX/EVEX, 3DNow! and the
 * opcodes invalid in 64-bit mode are reported as unknown: a walk that meets
 * one stops with a reason instead of guessing a length.
 */
#if defined(__KERNEL__) && !defined(CONFIG_X86_64)
#error "ci_x86_insn.c is for x86_64 kernels only"
#endif

#include "ci_x86_insn.h"

/* ---- length decoder ---------------------------------------------------- */

#define F_MODRM		0x01	/* a ModRM byte follows the opcode */
#define F_IMM8		0x02	/* 1-byte immediate */
#define F_IMMZ		0x04	/* 4-byte immediate, 2 with a 66 prefix */
#define F_IMM16		0x08	/* 2-byte immediate */
#define F_IMMV		0x10	/* mov r, imm: 4 bytes, 8 with REX.W */
#define F_MOFFS		0x20	/* 8-byte absolute address (a0..a3) */
#define F_ENTER		0x40	/* imm16 + imm8 */
#define F_BAD		0x80	/* unknown to us or invalid in 64-bit mode */

static unsigned int map0_flags(u8 op)
{
	if (op < 0x40) {
		switch (op & 7) {
		case 0: case 1: case 2: case 3:
			return F_MODRM;
		case 4:
			return F_IMM8;
		case 5:
			return F_IMMZ;
		}
		return F_BAD;	/* segment pushes, daa..., 0f handled elsewhere */
	}
	if (op >= 0x50 && op <= 0x5f)
		return 0;
	if (op >= 0x70 && op <= 0x7f)
		return F_IMM8;
	if (op >= 0x84 && op <= 0x8f)
		return F_MODRM;
	if (op >= 0x90 && op <= 0x9f)
		return op == 0x9a ? F_BAD : 0;
	if (op >= 0xa0 && op <= 0xa3)
		return F_MOFFS;
	if (op >= 0xa4 && op <= 0xaf)
		return op == 0xa8 ? F_IMM8 : op == 0xa9 ? F_IMMZ : 0;
	if (op >= 0xb0 && op <= 0xb7)
		return F_IMM8;
	if (op >= 0xb8 && op <= 0xbf)
		return F_IMMV;
	if (op >= 0xd8 && op <= 0xdf)
		return F_MODRM;	/* x87 */
	switch (op) {
	case 0x63:
		return F_MODRM;
	case 0x68:
		return F_IMMZ;
	case 0x69:
		return F_MODRM | F_IMMZ;
	case 0x6a:
		return F_IMM8;
	case 0x6b:
		return F_MODRM | F_IMM8;
	case 0x6c: case 0x6d: case 0x6e: case 0x6f:
		return 0;
	case 0x80: case 0x83:
		return F_MODRM | F_IMM8;
	case 0x81:
		return F_MODRM | F_IMMZ;
	case 0xc0: case 0xc1:
		return F_MODRM | F_IMM8;
	case 0xc2: case 0xca:
		return F_IMM16;
	case 0xc3: case 0xc9: case 0xcb: case 0xcc: case 0xcf:
		return 0;
	case 0xc6:
		return F_MODRM | F_IMM8;
	case 0xc7:
		return F_MODRM | F_IMMZ;
	case 0xc8:
		return F_ENTER;
	case 0xcd:
		return F_IMM8;
	case 0xd0: case 0xd1: case 0xd2: case 0xd3:
		return F_MODRM;
	case 0xd6:		/* UDB: undefined, used by kernels as a trap */
	case 0xd7:
		return 0;
	case 0xe0: case 0xe1: case 0xe2: case 0xe3:
	case 0xe4: case 0xe5: case 0xe6: case 0xe7:
	case 0xeb:
		return F_IMM8;
	case 0xe8: case 0xe9:
		return F_IMMZ;
	case 0xec: case 0xed: case 0xee: case 0xef:
	case 0xf1: case 0xf4: case 0xf5:
	case 0xf8: case 0xf9: case 0xfa: case 0xfb: case 0xfc: case 0xfd:
		return 0;
	case 0xf6: case 0xf7: case 0xfe: case 0xff:
		return F_MODRM;	/* f6/f7 /0 and /1 add an immediate */
	}
	return F_BAD;		/* 60-62, 82, c4, c5, ce, d4, d5, ea, ... */
}

static unsigned int map1_flags(u8 op)
{
	if (op >= 0x10 && op <= 0x1f)
		return F_MODRM;	/* SSE moves, prefetch/hint nops, endbr */
	if (op >= 0x40 && op <= 0x6f)
		return F_MODRM;	/* cmovcc, SSE, MMX */
	if (op >= 0x70 && op <= 0x73)
		return F_MODRM | F_IMM8;
	if (op >= 0x80 && op <= 0x8f)
		return F_IMMZ;	/* jcc rel32 */
	if (op >= 0x90 && op <= 0x9f)
		return F_MODRM;	/* setcc */
	if (op >= 0xb0 && op <= 0xbf)
		return op == 0xba ? F_MODRM | F_IMM8 : F_MODRM;
	if (op >= 0xc8 && op <= 0xcf)
		return 0;	/* bswap */
	if (op >= 0xd0)
		return F_MODRM;	/* SSE, ud0 (0f ff) */
	switch (op) {
	case 0x00: case 0x01: case 0x02: case 0x03: case 0x0d:
	case 0x20: case 0x21: case 0x22: case 0x23:
	case 0x28: case 0x29: case 0x2a: case 0x2b:
	case 0x2c: case 0x2d: case 0x2e: case 0x2f:
	case 0x74: case 0x75: case 0x76: case 0x78: case 0x79:
	case 0x7c: case 0x7d: case 0x7e: case 0x7f:
	case 0xa3: case 0xa5: case 0xab: case 0xad: case 0xae: case 0xaf:
	case 0xc0: case 0xc1: case 0xc3: case 0xc7:
		return F_MODRM;
	case 0xa4: case 0xac: case 0xc2: case 0xc4: case 0xc5: case 0xc6:
		return F_MODRM | F_IMM8;
	case 0x05: case 0x06: case 0x07: case 0x08: case 0x09: case 0x0b:
	case 0x0e: case 0x30: case 0x31: case 0x32: case 0x33: case 0x34:
	case 0x35: case 0x37: case 0x77: case 0xa0: case 0xa1: case 0xa2:
	case 0xa8: case 0xa9: case 0xaa:
		return 0;
	}
	return F_BAD;
}

static enum ci_x86_kind kind_of(const struct ci_x86_insn *in)
{
	u8 reg = (in->modrm >> 3) & 7;

	if (in->map == 0) {
		switch (in->op) {
		case 0xe8:
			return CI_X86_K_CALL_REL;
		case 0xe9: case 0xeb:
			return CI_X86_K_JMP_REL;
		case 0xe0: case 0xe1: case 0xe2: case 0xe3:
			return CI_X86_K_JCC_REL;
		case 0xc2: case 0xc3: case 0xca: case 0xcb: case 0xcf:
			return CI_X86_K_RET;
		case 0xcc: case 0xd6: case 0xf1: case 0xf4:
			return CI_X86_K_TRAP;
		case 0xff:
			if (reg == 2 || reg == 3)
				return CI_X86_K_CALL_IND;
			if (reg == 4 || reg == 5)
				return CI_X86_K_JMP_IND;
			break;
		}
		if (in->op >= 0x70 && in->op <= 0x7f)
			return CI_X86_K_JCC_REL;
	} else if (in->map == 1) {
		if (in->op >= 0x80 && in->op <= 0x8f)
			return CI_X86_K_JCC_REL;
		switch (in->op) {
		case 0x07:			/* sysret */
			return CI_X86_K_RET;
		case 0x0b: case 0xb9: case 0xff:	/* ud2, ud1, ud0 */
			return CI_X86_K_TRAP;
		}
	}
	return CI_X86_K_OTHER;
}

static s64 read_le(const u8 *p, unsigned int n)
{
	u64 v = 0;
	unsigned int i;

	for (i = 0; i < n; i++)
		v |= (u64)p[i] << (8 * i);
	/* sign-extend */
	if (n < 8 && (v >> (8 * n - 1)) & 1)
		v |= ~(u64)0 << (8 * n);
	return (s64)v;
}

int ci_x86_decode(const u8 *b, size_t avail, struct ci_x86_insn *in)
{
	size_t i = 0, lim = avail < CI_X86_MAX_INSN_LEN ?
				avail : CI_X86_MAX_INSN_LEN;
	unsigned int fl, imm = 0;
	bool addr32 = false;
	u8 op;

	*in = (struct ci_x86_insn){ 0 };

	/* legacy prefixes, then at most one REX directly before the opcode */
	for (;; i++) {
		if (i >= lim)
			return CI_X86_DEC_TRUNC;
		op = b[i];
		if (op == 0x66) {
			in->opsize16 = 1;
		} else if (op == 0x67) {
			addr32 = true;
		} else if (op == 0xf2 || op == 0xf3) {
			in->rep = op;
		} else if (op == 0xf0) {
			/* lock */
		} else if (op == 0x26 || op == 0x2e || op == 0x36 ||
			   op == 0x3e || op == 0x64 || op == 0x65) {
			in->seg = op;
		} else {
			if (op >= 0x40 && op <= 0x4f) {
				if (i + 1 < lim && b[i + 1] >= 0x40 && b[i + 1] <= 0x4f)
					return CI_X86_DEC_UNKNOWN;	/* REX REX */
				in->rex = op;
				i++;
			}
			break;
		}
		in->rex = 0;
	}
	if (i >= lim)
		return CI_X86_DEC_TRUNC;
	op = b[i++];
	if (op == 0x0f) {
		if (i >= lim)
			return CI_X86_DEC_TRUNC;
		op = b[i++];
		if (op == 0x38 || op == 0x3a) {
			in->map = op == 0x38 ? 2 : 3;
			if (i >= lim)
				return CI_X86_DEC_TRUNC;
			op = b[i++];
			fl = F_MODRM | (in->map == 3 ? F_IMM8 : 0);
		} else {
			in->map = 1;
			fl = map1_flags(op);
		}
	} else {
		fl = map0_flags(op);
	}
	in->op = op;
	if (fl & F_BAD)
		return CI_X86_DEC_UNKNOWN;

	if (fl & F_MODRM) {
		u8 mod, rm;

		if (i >= lim)
			return CI_X86_DEC_TRUNC;
		in->has_modrm = 1;
		in->modrm = b[i++];
		mod = in->modrm >> 6;
		rm = in->modrm & 7;
		if (mod != 3 && rm == 4) {
			if (i >= lim)
				return CI_X86_DEC_TRUNC;
			in->has_sib = 1;
			in->sib = b[i++];
		}
		if (mod == 1)
			in->disp_len = 1;
		else if (mod == 2)
			in->disp_len = 4;
		else if (mod == 0 && rm == 5)
			in->disp_len = 4;	/* RIP-relative */
		else if (mod == 0 && in->has_sib && (in->sib & 7) == 5)
			in->disp_len = 4;	/* no base */
		if (i + in->disp_len > lim)
			return CI_X86_DEC_TRUNC;
		if (in->disp_len)
			in->disp = (s32)read_le(b + i, in->disp_len);
		i += in->disp_len;
		/* test r/m, imm is the only f6/f7 form with an immediate */
		if (in->map == 0 && (op == 0xf6 || op == 0xf7) &&
		    ((in->modrm >> 3) & 7) < 2)
			fl |= op == 0xf6 ? F_IMM8 : F_IMMZ;
	}

	if (fl & F_IMM8)
		imm = 1;
	else if (fl & F_IMMZ)
		/* near branches ignore 66 in 64-bit mode: always rel32 */
		imm = in->opsize16 && in->map == 0 &&
		      op != 0xe8 && op != 0xe9 ? 2 : 4;
	else if (fl & F_IMM16)
		imm = 2;
	else if (fl & F_IMMV)
		imm = (in->rex & 0x08) ? 8 : in->opsize16 ? 2 : 4;
	else if (fl & F_MOFFS)
		imm = addr32 ? 4 : 8;
	else if (fl & F_ENTER)
		imm = 3;
	if (i + imm > lim)
		return CI_X86_DEC_TRUNC;
	if (imm && !(fl & F_ENTER))
		in->imm = read_le(b + i, imm);
	in->imm_len = imm;
	i += imm;

	in->len = i;
	in->kind = kind_of(in);
	if (in->kind == CI_X86_K_CALL_REL || in->kind == CI_X86_K_JMP_REL ||
	    in->kind == CI_X86_K_JCC_REL)
		in->rel = in->imm;
	return (int)i;
}
