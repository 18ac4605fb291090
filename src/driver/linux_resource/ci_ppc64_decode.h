/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Locate sys_call_table candidates on ppc64le (Book3S, ELFv2) by following
 * the code from the system call vector to the dispatcher, decoding what
 * the instructions compute rather than where they sit.
 *
 * Path followed: the "sc" vector (kernel base + 0xc00) -> its jump to the
 * common entry code (a handler address built from the PACA's kernel base,
 * "ld rX,kbase(r13); ori rX,rX,off; mtctr rX; bctr", or a direct b) ->
 * that code, scanned until it returns -> the functions it calls
 * (system_call_exception and its successors), breadth first, a bounded
 * depth.  In each, an address formed off the TOC pointer becomes a
 * candidate: addis rT,r2,hi then addi rD,rT,lo or ld rD,lo(rT) (adjacent
 * or not; ld reads the TOC entry), addi/ld off r2 itself, and the Power10
 * pc-relative pla/pld.  The TOC is the kernel's (from the PACA) or derived
 * from each function's global entry point (addis r2,r12,hi; addi r2,r2,lo).
 *
 * Candidates used as a table that is indexed (ldx) and called through
 * (mtctr; bctrl) come first.  The caller validates every candidate.  No
 * allocation and no recursion: the caller provides every buffer.
 */
#ifndef CI_PPC64_DECODE_H
#define CI_PPC64_DECODE_H

#include "ci_ppc64_insn.h"

#define CI_PPC64_VECTOR_SC		0xc00	/* system call (sc) */
#define CI_PPC64_ENTRY_MAX_INSNS	512	/* vector + jumps */
#define CI_PPC64_ENTRY_MAX_HOPS		16	/* jumps taken on the way */
#define CI_PPC64_FUNC_MAX_INSNS		2048	/* one function's extent */
#define CI_PPC64_WALK_MAX_INSNS		32768	/* whole walk */
#define CI_PPC64_WALK_MAX_FUNCS		128
#define CI_PPC64_WALK_MAX_DEPTH		2	/* calls below the entry code */
#define CI_PPC64_NEAR_BRANCH		8192	/* forward b kept in-function */
#define CI_PPC64_MAX_CANDIDATES		128

/* Evidence of table use seen for a candidate (higher is stronger) */
#define CI_PPC64_CAND_INDEXED	0x01	/* base of ldx */
#define CI_PPC64_CAND_CALLED	0x02	/* an entry loaded from it is called */

/* What the caller knows of the running kernel */
struct ci_ppc64_kernel {
	u64 kbase;		/* kernel base: the vectors are at kbase + off */
	u64 toc;		/* the kernel's TOC pointer, 0: derive it */
	int paca_kbase_off;	/* offsetof(struct paca_struct, kernelbase) */
	int paca_toc_off;	/* offsetof(struct paca_struct, kernel_toc) */
};

/* Scratch space and diagnostics of one walk (about 3 KiB) */
struct ci_ppc64_walk {
	/* results, for diagnostics */
	u64 entry;		/* the common entry code the vector jumps to */
	u64 toc;		/* the TOC used (given or derived) */
	unsigned int n_funcs;	/* functions queued */
	unsigned int n_insns;	/* instructions decoded */
	unsigned int n_strong;	/* candidates with evidence, placed first */
	u8 cand_flags[CI_PPC64_MAX_CANDIDATES];	/* CI_PPC64_CAND_* */

	/* private */
	struct ci_ppc64_kernel k;
	struct ci_code_reader code;
	u64 fn[CI_PPC64_WALK_MAX_FUNCS];
	u8 fn_depth[CI_PPC64_WALK_MAX_FUNCS];
	u64 reg_val[32];
	u8 reg_kind[32];
	s16 reg_cand[32];	/* candidate a register holds or came from */
	u8 ctr_kind;
	u64 ctr_val;
	s16 ctr_cand;
	bool toc_fixed;		/* in C code: r2 is the TOC throughout */
	struct ci_cand_list cands;	/* flags: cand_flags */
	struct ci_trace trace;
};

/*
 * Fill cand[0..max_cand) with candidate sys_call_table addresses, most
 * likely first, de-duplicated.  trace (may be NULL) receives a short
 * NUL-terminated account of the walk, or the reason it failed.
 *
 * Returns the number of candidates (> 0), -ENOENT if the walk found
 * none, -EFAULT if the vector could not be read, -EINVAL on bad arguments.
 */
int ci_ppc64_find_syscall_table_candidates(const struct ci_ppc64_kernel *k,
					   ci_read_fn read, void *ctx,
					   struct ci_ppc64_walk *work,
					   u64 *cand, unsigned int max_cand,
					   char *trace, size_t trace_len);

#endif /* CI_PPC64_DECODE_H */
