/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A minimal x86-64 instruction length decoder, and a bounded walk from the
 * 64-bit syscall entry (the MSR_LSTAR target, entry_SYSCALL_64) that finds
 * how the kernel dispatches system calls:
 *
 *   - CI_X86_SCT_TABLE: an indexed load or call "disp32(,%reg,8)" was
 *     found in the C handler the entry calls (do_syscall_64) or in one of
 *     its direct callees; disp32 sign-extended is sys_call_table (with
 *     KASLR the kernel relocated that displacement at boot, so reading the
 *     live code gives the live address).
 *   - CI_X86_DISPATCH_X64_SYS_CALL: no such load, but a direct callee of
 *     the C handler looks like the generated switch of x64_sys_call()
 *     (mainline 6.9, backported to stable/Debian 6.1): the table is never
 *     indexed, so patching it would have no effect.
 *   - CI_X86_SCT_NOT_FOUND: with a reason.
 *
 * Code is only ever read through the caller's callback, so the same code
 * runs in the driver (copy_from_kernel_nofault) and in host tests (a
 * vmlinux file mapped at its link addresses).
 */
#ifndef CI_X86_INSN_H
#define CI_X86_INSN_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#ifndef CI_X86_HOST_TYPES
#define CI_X86_HOST_TYPES
typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef int64_t s64;
#endif
#endif

#define CI_X86_MAX_INSN_LEN	15

/* What an instruction does to control flow, and a few data forms we use. */
enum ci_x86_kind {
	CI_X86_K_OTHER = 0,
	CI_X86_K_CALL_REL,	/* e8 rel32 */
	CI_X86_K_JMP_REL,	/* e9 rel32, eb rel8 */
	CI_X86_K_JCC_REL,	/* 7x rel8, 0f 8x rel32, loop/jrcxz */
	CI_X86_K_CALL_IND,	/* ff /2 */
	CI_X86_K_JMP_IND,	/* ff /4 */
	CI_X86_K_RET,		/* c3, c2, iret, sysret, far returns */
	CI_X86_K_TRAP,		/* int3, ud2, ud1, ud0, UDB (d6), hlt */
};

struct ci_x86_insn {
	u8 len;
	u8 map;			/* 0: one byte, 1: 0f, 2: 0f 38, 3: 0f 3a */
	u8 op;			/* opcode byte within its map */
	u8 rex;			/* 0 if none */
	u8 opsize16;		/* 66 prefix seen */
	u8 seg;			/* last segment prefix (0x64, 0x65, ...) or 0 */
	u8 rep;			/* f2 / f3 or 0 */
	u8 has_modrm;
	u8 modrm;
	u8 has_sib;
	u8 sib;
	u8 disp_len;		/* 0, 1 or 4 */
	u8 imm_len;		/* 0, 1, 2, 4 or 8 */
	u8 kind;		/* enum ci_x86_kind */
	s32 disp;
	s64 imm;
	s64 rel;		/* branch displacement for *_REL kinds */
};

enum ci_x86_decode_err {
	CI_X86_DEC_UNKNOWN = -1,	/* opcode outside the decoder's set */
	CI_X86_DEC_TRUNC = -2,		/* ran out of bytes */
};

/*
 * Decode one instruction from @b (@avail bytes readable).  Returns its
 * length (1..15) or a negative enum ci_x86_decode_err.
 */
int ci_x86_decode(const u8 *b, size_t avail, struct ci_x86_insn *insn);

/* Read @len bytes at kernel address @addr; 0 on success. */
typedef int (*ci_x86_read_fn)(void *ctx, u64 addr, void *buf, size_t len);

enum ci_x86_sct_verdict {
	CI_X86_SCT_NOT_FOUND = 0,
	CI_X86_SCT_TABLE,
	CI_X86_DISPATCH_X64_SYS_CALL,
};

struct ci_x86_sct_result {
	enum ci_x86_sct_verdict verdict;
	u64 table;		/* TABLE: sys_call_table */
	u64 dispatcher;		/* DISPATCH: the switch function */
	u64 handler;		/* the entry's callee that led to the verdict */
	u64 site;		/* the indexed load, or the call of dispatcher */
	u64 stop_addr;		/* NOT_FOUND: where the last walk stopped */
	const char *reason;	/* how it was found / why not (static text) */
	const char *detail;	/* NOT_FOUND: why the last inner walk stopped */
	u64 detail_addr;	/* ... and where */
	unsigned int insns;	/* instructions decoded in all */
	/* dispatcher evidence */
	unsigned int dsp_targets;	/* distinct direct branch targets (est.) */
	unsigned int dsp_cmps;		/* cmp $imm,reg with small imm */
	u32 dsp_max_imm;		/* largest such imm */
	bool dsp_jump_table;		/* indexed jmp *disp(,%reg,8) seen */
};

const char *ci_x86_sct_verdict_str(enum ci_x86_sct_verdict v);

/*
 * Walk from @entry (entry_SYSCALL_64) and fill @res.  Returns 0 when a
 * verdict other than NOT_FOUND was reached, -1 otherwise (res->reason
 * says why).  All walks are bounded; nothing is written through @read.
 */
int ci_x86_find_sys_call_table(u64 entry, ci_x86_read_fn read, void *ctx,
			       struct ci_x86_sct_result *res);

#endif /* CI_X86_INSN_H */
