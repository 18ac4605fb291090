// SPDX-License-Identifier: GPL-2.0
/*
 * sys_call_table candidates from the arm64 exception vectors: see
 * ci_arm64_decode.h for the path followed.
 */
#if defined(__KERNEL__) && !defined(CONFIG_ARM64)
#error "ci_arm64_decode.c is arm64-only"
#endif

#ifdef __KERNEL__
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>
#else
#include <errno.h>
#include <stdio.h>
#include <string.h>
#endif

#include "ci_arm64_decode.h"

/* What a tracked register is known to hold */
enum {
	CI_REG_UNKNOWN = 0,
	CI_REG_PAGE,		/* result of adrp */
	CI_REG_ADDR,		/* page + offset, or a loaded kernel address */
};

/* Kernel virtual addresses have the top 16 bits set */
#define CI_ARM64_KVA_MIN	0xffff000000000000ull

static void ci_arm64_trace(struct ci_arm64_walk *w, const char *what, u64 addr)
{
	ci_trace_hex(&w->trace, what, addr);
}

static void ci_arm64_trace_num(struct ci_arm64_walk *w, const char *what,
			       unsigned int num)
{
	ci_trace_num(&w->trace, what, num);
}

/*
 * Where a branch from a vector slot re-enters a vector table (the start
 * of the lower-EL AArch64 sync slot, or past its first instruction) and
 * not yet the entry code.  Only used to report the entry address.
 */
static bool ci_arm64_is_vector_reentry(u64 addr, u64 slot_off)
{
	addr &= 0x7ff;
	return addr == slot_off || addr == slot_off + CI_ARM64_INSN_SIZE;
}

/* Fetch one instruction, reading code a chunk at a time */
static int ci_arm64_fetch(struct ci_arm64_walk *w, u64 pc, u32 *insn)
{
	return ci_code_fetch(&w->code, pc, insn);
}

static void ci_arm64_regs_reset(struct ci_arm64_walk *w)
{
	memset(w->reg_kind, CI_REG_UNKNOWN, sizeof(w->reg_kind));
}

static void ci_arm64_reg_set(struct ci_arm64_walk *w, unsigned int r, u8 kind,
			     u64 val, int cand)
{
	w->reg_kind[r] = kind;
	w->reg_val[r] = val;
	w->reg_cand[r] = (s16)cand;
}

/* A call: the procedure call standard lets the callee clobber x0-x18 */
static void ci_arm64_regs_call(struct ci_arm64_walk *w)
{
	unsigned int r;

	for (r = 0; r <= 18; r++)
		w->reg_kind[r] = CI_REG_UNKNOWN;
	w->reg_kind[CI_ARM64_REG_LR] = CI_REG_UNKNOWN;
}

/* Record a candidate; returns its index or -1 when the array is full */
static int ci_arm64_add_candidate(struct ci_arm64_walk *w, u64 addr)
{
	return ci_cand_add(&w->cands, addr);
}

/* Evidence that the register rn holds a table: mark its candidate */
static void ci_arm64_mark_use(struct ci_arm64_walk *w, unsigned int rn,
			      u8 flag)
{
	if (w->reg_kind[rn] == CI_REG_ADDR && w->reg_cand[rn] >= 0)
		w->cand_flags[w->reg_cand[rn]] |= flag;
}

/* Any evidence of use as a table ranks a candidate above the others */
static unsigned int ci_arm64_cand_rank(u8 flags)
{
	return flags ? 1 : 0;
}

/*
 * Candidates with evidence of use as a table (indexed by 8-byte slots,
 * or handed to a call as a later argument) move to the front; each group
 * keeps its walk order.
 */
static void ci_arm64_order_candidates(struct ci_arm64_walk *w)
{
	w->n_strong = ci_cand_order(&w->cands, ci_arm64_cand_rank);
}

/*
 * Update register tracking for one instruction that is not a branch.
 * An adrp page consumed by an add, an adr (lld relaxes adrp/add into it)
 * or a kernel address loaded from a literal pool becomes a candidate when
 * add_cand is set.
 */
static void ci_arm64_track(struct ci_arm64_walk *w, u64 pc, u32 insn,
			   bool add_cand)
{
	unsigned int rd, rn, rm, size, regs[2], n, i;
	int idx = -1;
	s64 off;
	u64 imm, val;

	if (ci_arm64_decode_adrp(insn, &rd, &off)) {
		ci_arm64_reg_set(w, rd, CI_REG_PAGE,
				 ci_arm64_adrp_page(pc, off), -1);
		return;
	}
	if (ci_arm64_decode_adr(insn, &rd, &off)) {
		/* an adrp/add pair that lld relaxed */
		val = pc + (u64)off;
		if (add_cand)
			idx = ci_arm64_add_candidate(w, val);
		ci_arm64_reg_set(w, rd, CI_REG_ADDR, val, idx);
		return;
	}
	if (ci_arm64_decode_add_imm(insn, &rd, &rn, &imm)) {
		u8 kind = w->reg_kind[rn];

		if (rn == CI_ARM64_REG_SP || kind == CI_REG_UNKNOWN) {
			w->reg_kind[rd] = CI_REG_UNKNOWN;
			return;
		}
		val = w->reg_val[rn] + imm;
		if (kind == CI_REG_PAGE && add_cand)
			idx = ci_arm64_add_candidate(w, val);
		ci_arm64_reg_set(w, rd, CI_REG_ADDR, val, idx);
		return;
	}
	if (ci_arm64_decode_ldr_literal(insn, &rd, &off, &size)) {
		w->reg_kind[rd] = CI_REG_UNKNOWN;
		if (size == 8 && !w->code.read(w->code.ctx, pc + off, &val, 8) &&
		    val >= CI_ARM64_KVA_MIN) {
			if (add_cand)
				idx = ci_arm64_add_candidate(w, val);
			ci_arm64_reg_set(w, rd, CI_REG_ADDR, val, idx);
		}
		return;
	}
	if (ci_arm64_decode_ldr_x_index(insn, &rd, &rn, &rm))
		ci_arm64_mark_use(w, rn, CI_ARM64_CAND_INDEXED);
	n = ci_arm64_written_regs(insn, regs);
	for (i = 0; i < n; i++)
		w->reg_kind[regs[i]] = CI_REG_UNKNOWN;
}

static void ci_arm64_enqueue(struct ci_arm64_walk *w, u64 fn, unsigned int depth)
{
	unsigned int i;

	if (depth > CI_ARM64_WALK_MAX_DEPTH || (fn & 3))
		return;
	for (i = 0; i < w->n_funcs; i++)
		if (w->fn[i] == fn)
			return;
	if (w->n_funcs >= CI_ARM64_WALK_MAX_FUNCS)
		return;
	w->fn[w->n_funcs] = fn;
	w->fn_depth[w->n_funcs] = (u8)depth;
	w->n_funcs++;
}

/* Result of scanning one function */
struct ci_arm64_fn_scan {
	u64 esr_pc;		/* where ESR_EL1 is read, or 0 */
};

/*
 * Scan one function from its entry, linearly, for at most
 * CI_ARM64_FUNC_MAX_INSNS instructions.  The extent ends at a ret or an
 * unconditional b unless a forward branch seen so far lands beyond it.
 * A br is taken for a jump table: scanning goes on, and the case bodies
 * that follow, each ending in a b back into the function, are kept.
 *
 * With queue set, calls and tail calls are queued at depth + 1 and
 * adrp/add pairs become candidates; without, nothing but *res changes.
 */
static void ci_arm64_scan_fn(struct ci_arm64_walk *w, u64 start,
			     unsigned int depth, bool queue,
			     struct ci_arm64_fn_scan *res)
{
	u64 pc, furthest = start, limit, target;
	bool jump_table = false, stop;
	unsigned int i, rn;
	u32 insn;
	s64 off;

	res->esr_pc = 0;
	limit = start + CI_ARM64_FUNC_MAX_INSNS * CI_ARM64_INSN_SIZE;
	ci_arm64_regs_reset(w);
	for (i = 0, pc = start; i < CI_ARM64_FUNC_MAX_INSNS; i++, pc += 4) {
		if (w->n_insns >= CI_ARM64_WALK_MAX_INSNS ||
		    ci_arm64_fetch(w, pc, &insn))
			break;
		w->n_insns++;
		stop = false;
		if (insn == 0 && furthest <= pc)
			break;		/* udf #0: padding */

		if (ci_arm64_decode_bl(insn, &off)) {
			if (queue)
				ci_arm64_enqueue(w, pc + off, depth + 1);
			for (rn = 1; rn <= CI_ARM64_ARG_REG_MAX; rn++)
				ci_arm64_mark_use(w, rn, CI_ARM64_CAND_ARG);
			ci_arm64_regs_call(w);
		} else if (ci_arm64_decode_b(insn, &off)) {
			target = pc + off;
			if (target > pc && target - pc <= CI_ARM64_NEAR_BRANCH &&
			    target < limit) {
				if (target > furthest)
					furthest = target;
			} else if (target < start || target > pc) {
				/* tail call */
				if (queue)
					ci_arm64_enqueue(w, target, depth + 1);
			}
			/* a case body of a jump table branching back */
			stop = !(jump_table && target >= start && target < pc);
		} else if (ci_arm64_decode_cond_branch(insn, &off)) {
			target = pc + off;
			if (target > furthest && target < limit)
				furthest = target;
		} else if (ci_arm64_is_ret(insn, &rn)) {
			stop = true;
		} else if (ci_arm64_is_br(insn, &rn)) {
			/* most likely a jump table: its cases follow */
			jump_table = true;
		} else if (ci_arm64_is_blr(insn, &rn)) {
			ci_arm64_regs_call(w);
		} else if (ci_arm64_is_mrs_esr_el1(insn, &rn)) {
			if (!res->esr_pc)
				res->esr_pc = pc;
			w->reg_kind[rn] = CI_REG_UNKNOWN;
		} else {
			ci_arm64_track(w, pc, insn, queue);
		}

		if (stop && furthest <= pc)
			break;
	}
}

/*
 * Follow the vector slot to the entry code and find the synchronous
 * handler: the first function called on the way that reads ESR_EL1.
 * Conditional branches are not taken (the BHB loop exits that way),
 * unconditional branches are followed, and a ret/br through a register
 * built by adrp/add or adr (the BHB copies' way back into the vectors)
 * goes to that address.
 */
static int ci_arm64_find_handler(struct ci_arm64_walk *w, u64 vbar)
{
	u64 pc = vbar + w->slot_off, slot = pc, target;
	struct ci_arm64_fn_scan probe;
	unsigned int i, rn, hops = 0;
	bool in_vectors = true;
	u32 insn;
	s64 off;
	int rc;

	ci_arm64_regs_reset(w);
	w->entry = pc;
	for (i = 0; i < CI_ARM64_ENTRY_MAX_INSNS; i++) {
		rc = ci_arm64_fetch(w, pc, &insn);
		if (rc) {
			ci_arm64_trace(w, "unreadable code at", pc);
			return -EFAULT;
		}
		w->n_insns++;

		if (ci_arm64_decode_b(insn, &off)) {
			target = pc + off;
			if (target <= pc && target >= slot &&
			    target < slot + CI_ARM64_VECTOR_SLOT) {
				pc += 4;	/* a loop in the slot: fall out */
				continue;
			}
			if (target < slot || target >= slot + CI_ARM64_VECTOR_SLOT) {
				if (++hops > CI_ARM64_ENTRY_MAX_HOPS) {
					ci_arm64_trace(w, "too many branches, at", pc);
					return -ENOENT;
				}
				ci_arm64_trace(w, "b", target);
				slot = target & ~(u64)(CI_ARM64_VECTOR_SLOT - 1);
				if (in_vectors)
					w->entry = target;
				in_vectors = ci_arm64_is_vector_reentry(target, w->slot_off);
			}
			pc = target;
			continue;
		}
		if (ci_arm64_is_ret(insn, &rn) || ci_arm64_is_br(insn, &rn)) {
			if (w->reg_kind[rn] != CI_REG_ADDR) {
				ci_arm64_trace(w, "indirect branch, target unknown, at",
					       pc);
				return -ENOENT;
			}
			if (++hops > CI_ARM64_ENTRY_MAX_HOPS) {
				ci_arm64_trace(w, "too many branches, at", pc);
				return -ENOENT;
			}
			pc = w->reg_val[rn];
			ci_arm64_trace(w, "ret/br", pc);
			slot = pc & ~(u64)(CI_ARM64_VECTOR_SLOT - 1);
			if (in_vectors)
				w->entry = pc;
			/* the BHB copies return into the vectors this way */
			in_vectors = true;
			ci_arm64_regs_reset(w);
			continue;
		}
		if (ci_arm64_decode_bl(insn, &off)) {
			target = pc + off;
			ci_arm64_scan_fn(w, target, 0, false, &probe);
			if (probe.esr_pc) {
				ci_arm64_trace(w, "entry", w->entry);
				ci_arm64_trace(w, "handler", target);
				ci_arm64_trace(w, "reads esr_el1 at", probe.esr_pc);
				w->handler = target;
				return 0;
			}
			ci_arm64_trace(w, "bl, no esr_el1 read:", target);
			ci_arm64_regs_call(w);
			pc += 4;
			continue;
		}
		if (insn == 0xd69f03e0u) {	/* eret */
			ci_arm64_trace(w, "eret before any handler at", pc);
			return -ENOENT;
		}
		if (!ci_arm64_decode_cond_branch(insn, &off))
			ci_arm64_track(w, pc, insn, false);
		pc += 4;
	}
	ci_arm64_trace(w, "no handler within the entry budget, at", pc);
	return -ENOENT;
}

int ci_arm64_find_table_candidates_at(u64 vbar, u64 slot_off,
				      ci_read_fn read, void *ctx,
				      struct ci_arm64_walk *work,
				      u64 *cand, unsigned int max_cand,
				      char *trace, size_t trace_len)
{
	struct ci_arm64_walk *w = work;
	struct ci_arm64_fn_scan res;
	unsigned int i;
	int rc;

	if (!read || !w || !cand || !max_cand || (vbar & 0x7ff) ||
	    (slot_off != CI_ARM64_VECTOR_EL0_SYNC &&
	     slot_off != CI_ARM64_VECTOR_EL0_SYNC32))
		return -EINVAL;
	if (max_cand > CI_ARM64_MAX_CANDIDATES)
		max_cand = CI_ARM64_MAX_CANDIDATES;
	memset(w, 0, sizeof(*w));
	w->slot_off = slot_off;
	w->code.read = read;
	w->code.ctx = ctx;
	w->code.probe_insn = CI_ARM64_KPROBE_BRK;
	w->cands.addr = cand;
	w->cands.flags = w->cand_flags;
	w->cands.max = max_cand;
	ci_trace_init(&w->trace, trace, trace_len);

	ci_arm64_trace(w, "vbar", vbar);
	rc = ci_arm64_find_handler(w, vbar);
	if (rc == -EFAULT)
		return rc;
	if (rc) {
		/* Older layouts read ESR in the entry code: walk from there */
		ci_arm64_trace(w, "walking from entry", w->entry);
		ci_arm64_enqueue(w, w->entry, 0);
	} else {
		ci_arm64_enqueue(w, w->handler, 0);
	}

	/* Breadth first: the queue is the visited list itself */
	for (i = 0; i < w->n_funcs; i++) {
		if (w->cands.n >= w->cands.max ||
		    w->n_insns >= CI_ARM64_WALK_MAX_INSNS)
			break;
		ci_arm64_scan_fn(w, w->fn[i], w->fn_depth[i], true, &res);
	}
	if (w->n_insns >= CI_ARM64_WALK_MAX_INSNS)
		ci_arm64_trace_num(w, "instruction budget spent, insns", w->n_insns);
	ci_arm64_order_candidates(w);
	ci_arm64_trace_num(w, "functions", i);
	ci_arm64_trace_num(w, "candidates", w->cands.n);
	ci_arm64_trace_num(w, "with evidence of table use", w->n_strong);
	if (!w->cands.n) {
		ci_arm64_trace_num(w, "no adrp/add pair found, functions", i);
		return -ENOENT;
	}
	return (int)w->cands.n;
}

int ci_arm64_find_syscall_table_candidates(u64 vbar, ci_read_fn read,
					   void *ctx,
					   struct ci_arm64_walk *work,
					   u64 *cand, unsigned int max_cand,
					   char *trace, size_t trace_len)
{
	return ci_arm64_find_table_candidates_at(vbar, CI_ARM64_VECTOR_EL0_SYNC,
						 read, ctx, work, cand,
						 max_cand, trace, trace_len);
}
