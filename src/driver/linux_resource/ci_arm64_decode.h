/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Locate sys_call_table candidates on arm64 by following the code from
 * the exception vectors to the system call dispatcher, decoding what the
 * instructions do rather than where they sit.
 *
 * Path followed: VBAR_EL1 + 0x400 (lower EL, AArch64, synchronous) ->
 * the vector slot (possibly a spectre-BHB copy that jumps back into the
 * real vectors) -> the entry code -> the first function it calls that
 * reads ESR_EL1 (the synchronous exception handler) -> a bounded
 * breadth-first walk of direct calls and tail calls from there.  Every
 * "adrp Xn, page" later combined by "add Xd, Xn, #imm" yields a
 * candidate address, in walk order (shallowest function first).
 *
 * The caller validates the candidates (e.g. that slot __NR_close holds
 * the address of the close system call) and keeps the first that fits.
 * No allocation and no recursion: the caller provides every buffer.
 */
#ifndef CI_ARM64_DECODE_H
#define CI_ARM64_DECODE_H

#include "ci_arm64_insn.h"

#define CI_ARM64_VECTOR_EL0_SYNC	0x400	/* lower EL AArch64 sync */
#define CI_ARM64_VECTOR_EL0_SYNC32	0x600	/* lower EL AArch32 sync */
#define CI_ARM64_VECTOR_SLOT		0x80
#define CI_ARM64_ENTRY_MAX_INSNS	512	/* vector slot + entry code */
#define CI_ARM64_ENTRY_MAX_HOPS		16	/* branches taken on the way */
#define CI_ARM64_FUNC_MAX_INSNS		2048	/* one function's extent */
#define CI_ARM64_WALK_MAX_INSNS		65536	/* whole walk */
#define CI_ARM64_WALK_MAX_FUNCS		256
#define CI_ARM64_WALK_MAX_DEPTH		5	/* calls below the handler */
#define CI_ARM64_NEAR_BRANCH		4096	/* forward b kept in-function */
#define CI_ARM64_MAX_CANDIDATES		128
#define CI_ARM64_ARG_REG_MAX		7	/* x1..x7 count as call args */

/* Evidence of table use seen for a candidate */
#define CI_ARM64_CAND_INDEXED	0x01	/* base of ldr xt, [xn, xm, lsl #3] */
#define CI_ARM64_CAND_ARG	0x02	/* in x1..x7 at a bl */

/* Scratch space and diagnostics of one walk (about 4 KiB) */
struct ci_arm64_walk {
	/* results, for diagnostics */
	u64 entry;		/* entry code the vector slot branches to */
	u64 slot_off;		/* the vector slot walked from */
	u64 handler;		/* first function called there reading ESR */
	unsigned int n_funcs;	/* functions queued */
	unsigned int n_insns;	/* instructions decoded */
	unsigned int n_strong;	/* candidates with evidence, placed first */
	u8 cand_flags[CI_ARM64_MAX_CANDIDATES];	/* CI_ARM64_CAND_* */

	/* private */
	struct ci_code_reader code;
	u64 fn[CI_ARM64_WALK_MAX_FUNCS];
	u8 fn_depth[CI_ARM64_WALK_MAX_FUNCS];
	u64 reg_val[32];
	u8 reg_kind[32];
	s16 reg_cand[32];	/* candidate index a register holds, or -1 */
	struct ci_cand_list cands;	/* flags: cand_flags */
	struct ci_trace trace;
};

/*
 * Fill cand[0..max_cand) with candidate sys_call_table addresses, most
 * likely first, de-duplicated.  trace (may be NULL) receives a short
 * NUL-terminated account of the walk, or the reason it failed.
 *
 * Returns the number of candidates (> 0), -ENOENT if the walk found
 * none, -EFAULT if the vector slot could not be read, -EINVAL on bad
 * arguments.
 */
int ci_arm64_find_syscall_table_candidates(u64 vbar, ci_read_fn read,
					   void *ctx,
					   struct ci_arm64_walk *work,
					   u64 *cand, unsigned int max_cand,
					   char *trace, size_t trace_len);

/*
 * The same from another lower-EL synchronous slot: CI_ARM64_VECTOR_EL0_SYNC
 * (AArch64 callers, sys_call_table) or CI_ARM64_VECTOR_EL0_SYNC32 (AArch32
 * callers, where the walk leads to compat_sys_call_table).
 */
int ci_arm64_find_table_candidates_at(u64 vbar, u64 slot_off,
				      ci_read_fn read, void *ctx,
				      struct ci_arm64_walk *work,
				      u64 *cand, unsigned int max_cand,
				      char *trace, size_t trace_len);

#endif /* CI_ARM64_DECODE_H */
