// SPDX-License-Identifier: GPL-2.0
/*
 * sys_call_table candidates from the ppc64le system call vector: see
 * ci_ppc64_decode.h for the path followed.
 */
#if defined(__KERNEL__) && !defined(CONFIG_PPC64)
#error "ci_ppc64_decode.c is ppc64-only"
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

#include "ci_ppc64_decode.h"

/* What a tracked register (or CTR) is known to hold */
enum {
	CI_REG_UNKNOWN = 0,
	CI_REG_VALUE,		/* a known value: kernel base, TOC, li/lis */
	CI_REG_TOCHI,		/* addis off the TOC: an address's high part */
	CI_REG_ADDR,		/* a candidate address */
	CI_REG_ENTRY,		/* an 8-byte slot loaded from a candidate */
};

/* Kernel (linear map and vmalloc) addresses: the top nibble is 0xc */
#define CI_PPC64_KVA_MIN	0xc000000000000000ull

static void ci_ppc64_trace(struct ci_ppc64_walk *w, const char *what, u64 val)
{
	ci_trace_hex(&w->trace, what, val);
}

static void ci_ppc64_trace_num(struct ci_ppc64_walk *w, const char *what,
			       unsigned int num)
{
	ci_trace_num(&w->trace, what, num);
}

static int ci_ppc64_fetch(struct ci_ppc64_walk *w, u64 pc, u32 *insn)
{
	return ci_code_fetch(&w->code, pc, insn);
}

static void ci_ppc64_reg_set(struct ci_ppc64_walk *w, unsigned int r, u8 kind,
			     u64 val, int cand)
{
	/* In C code r2 is the TOC whatever is loaded into it (restores) */
	if (r == CI_PPC64_REG_TOC && w->toc_fixed)
		return;
	w->reg_kind[r] = kind;
	w->reg_val[r] = val;
	w->reg_cand[r] = (s16)cand;
}

static void ci_ppc64_reg_forget(struct ci_ppc64_walk *w, unsigned int r)
{
	ci_ppc64_reg_set(w, r, CI_REG_UNKNOWN, 0, -1);
}

static void ci_ppc64_regs_reset(struct ci_ppc64_walk *w)
{
	memset(w->reg_kind, CI_REG_UNKNOWN, sizeof(w->reg_kind));
	w->ctr_kind = CI_REG_UNKNOWN;
}

/* A call: the ELFv2 ABI lets the callee clobber r0, r3-r12 and CTR */
static void ci_ppc64_regs_call(struct ci_ppc64_walk *w)
{
	unsigned int r;

	ci_ppc64_reg_forget(w, 0);
	for (r = 3; r <= 12; r++)
		ci_ppc64_reg_forget(w, r);
	w->ctr_kind = CI_REG_UNKNOWN;
}

/* Record a kernel address as a candidate: its index, or -1 */
static int ci_ppc64_add_candidate(struct ci_ppc64_walk *w, u64 addr)
{
	if (addr < CI_PPC64_KVA_MIN || (addr & 7))
		return -1;
	return ci_cand_add(&w->cands, addr);
}

/* A register becomes a candidate address (when add_cand) */
static void ci_ppc64_set_addr(struct ci_ppc64_walk *w, unsigned int r,
			      u64 addr, bool add_cand)
{
	int idx = add_cand ? ci_ppc64_add_candidate(w, addr) : -1;

	ci_ppc64_reg_set(w, r, CI_REG_ADDR, addr, idx);
}

/* A register is loaded from the 8 bytes at addr (a TOC entry) */
static void ci_ppc64_set_loaded(struct ci_ppc64_walk *w, unsigned int r,
				u64 addr, bool add_cand)
{
	u64 val;

	if (w->code.read(w->code.ctx, addr, &val, sizeof(val)) ||
	    val < CI_PPC64_KVA_MIN) {
		ci_ppc64_reg_forget(w, r);
		return;
	}
	ci_ppc64_set_addr(w, r, val, add_cand);
}

/* Is register r the TOC pointer with a known value? */
static bool ci_ppc64_is_toc(struct ci_ppc64_walk *w, unsigned int r)
{
	return r == CI_PPC64_REG_TOC && w->reg_kind[r] == CI_REG_VALUE;
}

/* Rank: called through after an indexed load, indexed, then the rest */
static unsigned int ci_ppc64_cand_rank(u8 flags)
{
	return flags;
}

/* Track one D/X-form instruction (not a branch, not prefixed) */
static void ci_ppc64_track(struct ci_ppc64_walk *w, u32 insn, bool add_cand)
{
	unsigned int rt, ra, rb, regs[2], n, i;
	u64 uimm;
	s64 imm;

	if (ci_ppc64_decode_addis(insn, &rt, &ra, &imm)) {
		if (!ra)
			ci_ppc64_reg_set(w, rt, CI_REG_VALUE, (u64)imm, -1);
		else if (ci_ppc64_is_toc(w, ra))
			ci_ppc64_reg_set(w, rt, CI_REG_TOCHI,
					 w->reg_val[ra] + (u64)imm, -1);
		else if (w->reg_kind[ra] == CI_REG_VALUE)
			ci_ppc64_reg_set(w, rt, CI_REG_VALUE,
					 w->reg_val[ra] + (u64)imm, -1);
		else
			ci_ppc64_reg_forget(w, rt);
		return;
	}
	if (ci_ppc64_decode_addi(insn, &rt, &ra, &imm)) {
		u64 val = w->reg_val[ra] + (u64)imm;

		if (!ra)
			ci_ppc64_reg_set(w, rt, CI_REG_VALUE, (u64)imm, -1);
		else if (w->reg_kind[ra] == CI_REG_TOCHI || ci_ppc64_is_toc(w, ra))
			ci_ppc64_set_addr(w, rt, val, add_cand);
		else if (w->reg_kind[ra] == CI_REG_VALUE)
			ci_ppc64_reg_set(w, rt, CI_REG_VALUE, val, -1);
		else if (w->reg_kind[ra] == CI_REG_ADDR)
			ci_ppc64_reg_set(w, rt, CI_REG_ADDR, val, -1);
		else
			ci_ppc64_reg_forget(w, rt);
		return;
	}
	if (ci_ppc64_decode_ld(insn, &rt, &ra, &imm)) {
		if (ra == CI_PPC64_REG_PACA && imm == w->k.paca_kbase_off)
			ci_ppc64_reg_set(w, rt, CI_REG_VALUE, w->k.kbase, -1);
		else if (ra == CI_PPC64_REG_PACA && imm == w->k.paca_toc_off &&
			 w->toc)
			ci_ppc64_reg_set(w, rt, CI_REG_VALUE, w->toc, -1);
		else if (w->reg_kind[ra] == CI_REG_TOCHI || ci_ppc64_is_toc(w, ra))
			ci_ppc64_set_loaded(w, rt, w->reg_val[ra] + (u64)imm,
					    add_cand);
		else
			ci_ppc64_reg_forget(w, rt);
		return;
	}
	if (ci_ppc64_decode_ori(insn, &ra, &rt, &uimm)) {
		if (insn == CI_PPC64_NOP)
			return;
		if (w->reg_kind[rt] == CI_REG_VALUE)
			ci_ppc64_reg_set(w, ra, CI_REG_VALUE,
					 w->reg_val[rt] | uimm, -1);
		else
			ci_ppc64_reg_forget(w, ra);
		return;
	}
	if (ci_ppc64_decode_mr(insn, &ra, &rt)) {
		ci_ppc64_reg_set(w, ra, w->reg_kind[rt], w->reg_val[rt],
				 w->reg_cand[rt]);
		return;
	}
	if (ci_ppc64_decode_mtctr(insn, &rt)) {
		w->ctr_kind = w->reg_kind[rt];
		w->ctr_val = w->reg_val[rt];
		w->ctr_cand = w->reg_cand[rt];
		return;
	}
	if (ci_ppc64_decode_mfctr(insn, &rt)) {
		ci_ppc64_reg_set(w, rt, w->ctr_kind, w->ctr_val, w->ctr_cand);
		return;
	}
	if (ci_ppc64_decode_ldx(insn, &rt, &ra, &rb)) {
		if (w->reg_kind[ra] == CI_REG_ADDR && w->reg_cand[ra] >= 0) {
			w->cand_flags[w->reg_cand[ra]] |= CI_PPC64_CAND_INDEXED;
			ci_ppc64_reg_set(w, rt, CI_REG_ENTRY, 0, w->reg_cand[ra]);
		} else {
			ci_ppc64_reg_forget(w, rt);
		}
		return;
	}
	n = ci_ppc64_written_regs(insn, regs);
	for (i = 0; i < n; i++)
		ci_ppc64_reg_forget(w, regs[i]);
}

/* Track a prefixed instruction at pc (Power10 pla/pld, pc-relative) */
static void ci_ppc64_track_prefixed(struct ci_ppc64_walk *w, u64 pc,
				    u32 prefix, u32 suffix, bool add_cand)
{
	unsigned int rt, ra, regs[2], n, i;
	bool pcrel;
	s64 imm;

	if (ci_ppc64_decode_paddi(prefix, suffix, &rt, &ra, &imm, &pcrel)) {
		if (pcrel)
			ci_ppc64_set_addr(w, rt, pc + (u64)imm, add_cand);
		else
			ci_ppc64_reg_forget(w, rt);
		return;
	}
	if (ci_ppc64_decode_pld(prefix, suffix, &rt, &ra, &imm, &pcrel)) {
		if (pcrel)
			ci_ppc64_set_loaded(w, rt, pc + (u64)imm, add_cand);
		else
			ci_ppc64_reg_forget(w, rt);
		return;
	}
	n = ci_ppc64_written_regs(suffix, regs);
	for (i = 0; i < n; i++)
		ci_ppc64_reg_forget(w, regs[i]);
}

static void ci_ppc64_enqueue(struct ci_ppc64_walk *w, u64 fn, unsigned int depth)
{
	unsigned int i;

	if (depth > CI_PPC64_WALK_MAX_DEPTH || (fn & 3) || fn < CI_PPC64_KVA_MIN)
		return;
	for (i = 0; i < w->n_funcs; i++)
		if (w->fn[i] == fn)
			return;
	if (w->n_funcs >= CI_PPC64_WALK_MAX_FUNCS)
		return;
	w->fn[w->n_funcs] = fn;
	w->fn_depth[w->n_funcs] = (u8)depth;
	w->n_funcs++;
}

/*
 * The TOC of a function entered at fn: its global entry point (fn itself,
 * or fn - 8 when fn is the local entry a bl lands on) sets r2 from r12,
 * which holds the global entry's own address.  0 when neither has one.
 */
static u64 ci_ppc64_fn_toc(struct ci_ppc64_walk *w, u64 fn)
{
	unsigned int rt, ra, rt2, ra2;
	s64 hi, lo;
	u32 i0, i1;
	u64 gep;
	int back;

	for (back = 0; back <= 8; back += 8) {
		gep = fn - back;
		if (ci_ppc64_fetch(w, gep, &i0) || ci_ppc64_fetch(w, gep + 4, &i1))
			continue;
		if (ci_ppc64_decode_addis(i0, &rt, &ra, &hi) &&
		    rt == CI_PPC64_REG_TOC && ra == CI_PPC64_REG_GEP &&
		    ci_ppc64_decode_addi(i1, &rt2, &ra2, &lo) &&
		    rt2 == CI_PPC64_REG_TOC && ra2 == CI_PPC64_REG_TOC)
			return gep + (u64)hi + (u64)lo;
	}
	return 0;
}

/*
 * Scan one function from its entry, linearly, for at most
 * CI_PPC64_FUNC_MAX_INSNS instructions.  The extent ends at a blr, bctr,
 * rfid or an unconditional b unless a forward branch seen so far lands
 * beyond it.  Calls and tail calls are queued at depth + 1 and
 * TOC-relative addresses become candidates.
 */
static void ci_ppc64_scan_fn(struct ci_ppc64_walk *w, u64 start,
			     unsigned int depth)
{
	u64 pc = start, furthest = start, limit, target, toc;
	bool stop, link, ctr, always;
	u32 insn, suffix;
	unsigned int i;
	s64 off;

	limit = start + CI_PPC64_FUNC_MAX_INSNS * CI_PPC64_INSN_SIZE;
	w->toc_fixed = false;
	ci_ppc64_regs_reset(w);
	toc = ci_ppc64_fn_toc(w, start);
	if (toc && !w->toc)
		w->toc = toc;
	if (!toc && depth > 0)
		toc = w->toc;	/* C code called with the kernel's TOC */
	if (toc) {
		ci_ppc64_reg_set(w, CI_PPC64_REG_TOC, CI_REG_VALUE, toc, -1);
		w->toc_fixed = true;
	}
	for (i = 0; i < CI_PPC64_FUNC_MAX_INSNS; i++, pc += 4) {
		if (w->n_insns >= CI_PPC64_WALK_MAX_INSNS ||
		    ci_ppc64_fetch(w, pc, &insn))
			break;
		w->n_insns++;
		stop = false;
		if (insn == 0 && furthest <= pc)
			break;		/* padding or data */

		if (ci_ppc64_is_prefix(insn)) {
			if (ci_ppc64_fetch(w, pc + 4, &suffix))
				break;
			ci_ppc64_track_prefixed(w, pc, insn, suffix, true);
			pc += 4;
			continue;
		}
		if (ci_ppc64_decode_b(insn, &off, &link)) {
			target = pc + off;
			if (link) {
				ci_ppc64_enqueue(w, target, depth + 1);
				ci_ppc64_regs_call(w);
			} else if (target > pc &&
				   target - pc <= CI_PPC64_NEAR_BRANCH &&
				   target < limit) {
				if (target > furthest)
					furthest = target;
				stop = true;
			} else {
				if (target < start || target > pc)	/* tail call */
					ci_ppc64_enqueue(w, target, depth + 1);
				stop = true;
			}
		} else if (ci_ppc64_decode_bc(insn, &off, &link)) {
			target = pc + off;
			if (!link && target > furthest && target < limit)
				furthest = target;
		} else if (ci_ppc64_decode_bclr_bcctr(insn, &ctr, &link, &always)) {
			if (link) {
				if (ctr && w->ctr_kind == CI_REG_ENTRY &&
				    w->ctr_cand >= 0)
					w->cand_flags[w->ctr_cand] |=
						CI_PPC64_CAND_CALLED;
				ci_ppc64_regs_call(w);
			} else {
				stop = always;
			}
		} else if (insn == CI_PPC64_RFID || insn == CI_PPC64_HRFID ||
			   insn == CI_PPC64_RFSCV) {
			stop = true;
		} else {
			ci_ppc64_track(w, insn, true);
		}

		if (stop && furthest <= pc)
			break;
	}
}

/*
 * Follow the vector to the common entry code: conditional branches fall
 * through (the KVM test), b and a bctr through a register whose value is
 * known (the handler address built from the PACA's kernel base) are
 * followed.  The entry code is where the last jump landed when the first
 * call (bl) comes.
 */
static int ci_ppc64_find_entry(struct ci_ppc64_walk *w)
{
	u64 pc = w->k.kbase + CI_PPC64_VECTOR_SC, landing = 0;
	bool link, ctr, always;
	unsigned int i, hops = 0;
	u32 insn;
	s64 off;

	ci_ppc64_regs_reset(w);
	for (i = 0; i < CI_PPC64_ENTRY_MAX_INSNS; i++, pc += 4) {
		if (ci_ppc64_fetch(w, pc, &insn)) {
			ci_ppc64_trace(w, "unreadable code at", pc);
			return i ? -ENOENT : -EFAULT;
		}
		w->n_insns++;
		if (ci_ppc64_decode_b(insn, &off, &link)) {
			if (link) {
				if (!landing) {
					ci_ppc64_trace(w, "a call from the vector itself at",
						       pc);
					return -ENOENT;
				}
				w->entry = landing;
				ci_ppc64_trace(w, "entry code", landing);
				ci_ppc64_trace(w, "first call at", pc);
				return 0;
			}
			if (++hops > CI_PPC64_ENTRY_MAX_HOPS)
				break;
			landing = pc + off;
			ci_ppc64_trace(w, "b", landing);
			pc = landing - 4;
			continue;
		}
		if (ci_ppc64_decode_bc(insn, &off, &link))
			continue;
		if (ci_ppc64_decode_bclr_bcctr(insn, &ctr, &link, &always)) {
			if (!ctr || link || !always) {
				ci_ppc64_trace(w, "return or conditional jump before the entry, at",
					       pc);
				return -ENOENT;
			}
			if (w->ctr_kind != CI_REG_VALUE) {
				ci_ppc64_trace(w, "bctr, target unknown, at", pc);
				return -ENOENT;
			}
			if (++hops > CI_PPC64_ENTRY_MAX_HOPS)
				break;
			landing = w->ctr_val;
			ci_ppc64_trace(w, "bctr", landing);
			pc = landing - 4;
			continue;
		}
		if (insn == CI_PPC64_RFID || insn == CI_PPC64_HRFID ||
		    insn == CI_PPC64_RFSCV) {
			ci_ppc64_trace(w, "rfid before the entry code, at", pc);
			return -ENOENT;
		}
		ci_ppc64_track(w, insn, false);
	}
	ci_ppc64_trace(w, "no call within the entry budget, at", pc);
	return -ENOENT;
}

int ci_ppc64_find_syscall_table_candidates(const struct ci_ppc64_kernel *k,
					   ci_read_fn read, void *ctx,
					   struct ci_ppc64_walk *work,
					   u64 *cand, unsigned int max_cand,
					   char *trace, size_t trace_len)
{
	struct ci_ppc64_walk *w = work;
	unsigned int i;
	int rc;

	if (!k || !read || !w || !cand || !max_cand || k->kbase < CI_PPC64_KVA_MIN)
		return -EINVAL;
	if (max_cand > CI_PPC64_MAX_CANDIDATES)
		max_cand = CI_PPC64_MAX_CANDIDATES;
	memset(w, 0, sizeof(*w));
	w->k = *k;
	w->toc = k->toc;
	w->code.read = read;
	w->code.ctx = ctx;
	w->code.probe_insn = CI_PPC64_TRAP;
	w->cands.addr = cand;
	w->cands.flags = w->cand_flags;
	w->cands.max = max_cand;
	ci_trace_init(&w->trace, trace, trace_len);

	ci_ppc64_trace(w, "sc vector", k->kbase + CI_PPC64_VECTOR_SC);
	rc = ci_ppc64_find_entry(w);
	if (rc)
		return rc;
	ci_ppc64_enqueue(w, w->entry, 0);

	/* Breadth first: the queue is the visited list itself */
	for (i = 0; i < w->n_funcs; i++) {
		if (w->cands.n >= w->cands.max ||
		    w->n_insns >= CI_PPC64_WALK_MAX_INSNS)
			break;
		ci_ppc64_scan_fn(w, w->fn[i], w->fn_depth[i]);
	}
	if (w->n_insns >= CI_PPC64_WALK_MAX_INSNS)
		ci_ppc64_trace_num(w, "instruction budget spent, insns", w->n_insns);
	w->n_strong = ci_cand_order(&w->cands, ci_ppc64_cand_rank);
	ci_ppc64_trace(w, "toc", w->toc);
	ci_ppc64_trace_num(w, "functions", i);
	ci_ppc64_trace_num(w, "instructions", w->n_insns);
	ci_ppc64_trace_num(w, "candidates", w->cands.n);
	ci_ppc64_trace_num(w, "with evidence of table use", w->n_strong);
	if (!w->cands.n) {
		ci_ppc64_trace_num(w, "no TOC-relative address found, functions", i);
		return -ENOENT;
	}
	return (int)w->cands.n;
}
