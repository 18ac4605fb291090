// SPDX-License-Identifier: GPL-2.0
/*
 * The x86_64 sys_call_table walk (see ci_x86_insn.h): from the syscall
 * entry to do_syscall_64() and its callees, on the length decoder of
 * ci_x86_insn.c; finds an indexed table load, or the x64_sys_call()
 * switch that replaced it.
 */
#if defined(__KERNEL__) && !defined(CONFIG_X86_64)
#error "ci_x86_decode.c is for x86_64 kernels only"
#endif

#include "ci_x86_insn.h"

/* ---- reading code through the callback ---------------------------------- */

#define CODE_CHUNK	64

struct walker {
	ci_x86_read_fn read;
	void *ctx;
	u64 base;
	size_t have;
	u8 buf[CODE_CHUNK];
	unsigned int insns;		/* decoded so far, all walks */
	u64 stop_addr;
	const char *stop_reason;
};

/* Total instruction budget for one ci_x86_find_sys_call_table() call. */
#define TOTAL_BUDGET		60000
#define ENTRY_BUDGET		400	/* entry_SYSCALL_64 up to its calls */
#define ENTRY_MAX_CALLS		8
#define HANDLER_BUDGET		2048	/* do_syscall_64 */
#define CALLEE_BUDGET		1024	/* its callees, looking for a table */
#define DISPATCH_BUDGET		8192	/* a callee, looking for a switch */
#define MAX_CALLEES		16
#define FN_SPAN			(32 * 1024)	/* branch targets "inside" */
#define PAD_NOPS		8	/* one-byte nops that end a function */

/* Points *p at up to CODE_CHUNK bytes at @addr; returns how many (0: none). */
static size_t code_at(struct walker *w, u64 addr, const u8 **p)
{
	size_t n;

	if (addr >= w->base && addr - w->base < w->have &&
	    w->have - (addr - w->base) >= CI_X86_MAX_INSN_LEN) {
		*p = w->buf + (addr - w->base);
		return w->have - (addr - w->base);
	}
	for (n = CODE_CHUNK; n; n = n > 16 ? n / 2 : n - 1) {
		if (w->read(w->ctx, addr, w->buf, n) == 0) {
			w->base = addr;
			w->have = n;
			*p = w->buf;
			return n;
		}
	}
	w->have = 0;
	return 0;
}

static void stop(struct walker *w, u64 addr, const char *why)
{
	w->stop_addr = addr;
	w->stop_reason = why;
}

/* ---- function sweep ----------------------------------------------------- */

enum sweep_end {
	SWEEP_FN_END,		/* reached what looks like the function's end */
	SWEEP_VISITOR,		/* the visitor asked to stop */
	SWEEP_BUDGET,
	SWEEP_UNKNOWN,
	SWEEP_READ,
};

typedef bool (*visit_fn)(struct walker *w, u64 pc,
			 const struct ci_x86_insn *in, void *arg);

/*
 * Decode linearly from @start.  The function is taken to end at the first
 * instruction that never goes on to the next (ret, jmp, trap) with no forward
 * branch seen so far landing beyond it, or at a run of PAD_NOPS one-byte
 * nops after a call under the same condition (a function may end in a
 * call of a noreturn function, and CALL_PADDING fills the gap up to the
 * next function with 0x90).  Forward branches count only when
 * they land within FN_SPAN of @start, so that tail calls and jumps to cold
 * sections elsewhere do not drag the sweep into other functions.
 */
static enum sweep_end sweep(struct walker *w, u64 start, unsigned int budget,
			    visit_fn visit, void *arg)
{
	u64 pc = start, horizon = start;
	unsigned int n, nops = 0;
	bool after_call = false;

	for (n = 0; n < budget; n++) {
		struct ci_x86_insn in;
		const u8 *p;
		size_t have;
		int len;

		if (w->insns >= TOTAL_BUDGET) {
			stop(w, pc, "total instruction budget exhausted");
			return SWEEP_BUDGET;
		}
		have = code_at(w, pc, &p);
		if (!have) {
			stop(w, pc, "code not readable");
			return SWEEP_READ;
		}
		len = ci_x86_decode(p, have, &in);
		if (len < 0) {
			stop(w, pc, len == CI_X86_DEC_TRUNC ?
			     "instruction runs into unreadable memory" :
			     "unknown opcode");
			return len == CI_X86_DEC_TRUNC ? SWEEP_READ :
							 SWEEP_UNKNOWN;
		}
		w->insns++;
		if (visit && !visit(w, pc, &in, arg))
			return SWEEP_VISITOR;
		if (in.kind == CI_X86_K_JCC_REL || in.kind == CI_X86_K_JMP_REL) {
			u64 t = pc + in.len + (u64)in.rel;

			if (t > horizon && t - start < FN_SPAN)
				horizon = t;
		}
		pc += in.len;
		/*
		 * One-byte nops after a call, past every branch target: the
		 * call was of a noreturn function and this is padding.  (Runs
		 * of nops elsewhere are alternatives' placeholders.)
		 */
		if (in.len == 1 && in.op == 0x90 && in.map == 0) {
			if (++nops >= PAD_NOPS && after_call && pc > horizon)
				return SWEEP_FN_END;
		} else if (!(in.len == 2 && in.op == 0x90 && in.opsize16)) {
			nops = 0;
			after_call = in.kind == CI_X86_K_CALL_REL;
		}
		if ((in.kind == CI_X86_K_RET || in.kind == CI_X86_K_TRAP ||
		     in.kind == CI_X86_K_JMP_REL ||
		     in.kind == CI_X86_K_JMP_IND) && pc > horizon)
			return SWEEP_FN_END;
	}
	stop(w, pc, "instruction budget for one function exhausted");
	return SWEEP_BUDGET;
}

/* ---- what we look for --------------------------------------------------- */

static bool is_kernel_text(u64 v)
{
	return v >= 0xffffffff80000000ULL;
}

/* modrm/sib form "disp32(,%index,8)": no base, scale 8, a real index */
static bool indexed_by_8(const struct ci_x86_insn *in)
{
	u8 scale, index, base;

	if (!in->has_sib || (in->modrm >> 6) != 0 || in->seg)
		return false;
	scale = in->sib >> 6;
	index = ((in->sib >> 3) & 7) | ((in->rex & 0x02) ? 8 : 0);
	base = in->sib & 7;
	return scale == 3 && base == 5 && index != 4 && in->disp < 0;
}

/* mov disp32(,%reg,8),%r64 or call *disp32(,%reg,8) */
static bool is_table_use(const struct ci_x86_insn *in)
{
	if (in->map != 0 || !indexed_by_8(in))
		return false;
	if (in->op == 0x8b && (in->rex & 0x08))
		return true;
	return in->op == 0xff && ((in->modrm >> 3) & 7) == 2;
}

static bool is_jump_table(const struct ci_x86_insn *in)
{
	return in->map == 0 && in->op == 0xff &&
	       ((in->modrm >> 3) & 7) == 4 && indexed_by_8(in);
}

/* A candidate table is believed if its first entries point at kernel text. */
static bool table_plausible(struct walker *w, u64 table)
{
	u64 ent[4];
	unsigned int i;

	if (!is_kernel_text(table) || w->read(w->ctx, table, ent, sizeof(ent)))
		return false;
	for (i = 0; i < 4; i++)
		if (!is_kernel_text(ent[i]))
			return false;
	return true;
}

struct fn_scan {
	u64 table;
	u64 site;
	u64 callees[MAX_CALLEES];
	unsigned int n_callees;
};

static bool scan_visit(struct walker *w, u64 pc, const struct ci_x86_insn *in,
		       void *arg)
{
	struct fn_scan *s = arg;

	if (is_table_use(in)) {
		u64 t = (u64)(s64)in->disp;

		if (table_plausible(w, t)) {
			s->table = t;
			s->site = pc;
			return false;
		}
	}
	if (in->kind == CI_X86_K_CALL_REL && s->n_callees < MAX_CALLEES) {
		u64 t = pc + in->len + (u64)in->rel;
		unsigned int i;

		for (i = 0; i < s->n_callees; i++)
			if (s->callees[i] == t)
				return true;
		s->callees[s->n_callees++] = t;
	}
	return true;
}

/*
 * The generated x64_sys_call() switch: compiled with -fno-jump-tables it is
 * a tree of "cmp $nr, %esi; jcc" ending in hundreds of tail calls to
 * distinct __x64_sys_* functions (gcc: jmp; clang: mostly "je" straight to
 * the function); with jump tables it is a bound check and an indexed jmp.
 * Distinct targets are estimated with a 512-bit hash set.
 */
#define DSP_BITS	512
#define DSP_MIN_TARGETS	64
#define DSP_MIN_CMPS	32
#define DSP_NR_LIMIT	4096	/* syscall numbers are below this */
#define DSP_MIN_BOUND	256	/* a jump table covering this many cases */

struct dsp_scan {
	u64 start;
	u64 seen[DSP_BITS / 64];
	unsigned int cmps;
	u32 max_imm;
	bool jump_table;
};

static bool is_cmp_imm_reg(const struct ci_x86_insn *in)
{
	if (in->map != 0)
		return false;
	if (in->op == 0x3d)
		return true;
	return (in->op == 0x81 || in->op == 0x83) &&
	       (in->modrm >> 6) == 3 && ((in->modrm >> 3) & 7) == 7;
}

static bool dsp_visit(struct walker *w, u64 pc, const struct ci_x86_insn *in,
		      void *arg)
{
	struct dsp_scan *d = arg;

	(void)w;
	/* calls, tail calls, and clang's conditional tail calls */
	if (in->kind == CI_X86_K_CALL_REL ||
	    ((in->kind == CI_X86_K_JMP_REL || in->kind == CI_X86_K_JCC_REL) &&
	     in->imm_len == 4)) {
		u64 t = pc + in->len + (u64)in->rel;

		if (t < d->start || t - d->start >= FN_SPAN) {
			u32 h = ((u32)(t >> 4) * 0x9e3779b1u) >> 23;

			d->seen[h / 64] |= (u64)1 << (h % 64);
		}
	}
	if (is_cmp_imm_reg(in) && in->imm >= 0 && in->imm < DSP_NR_LIMIT) {
		d->cmps++;
		if ((u32)in->imm > d->max_imm)
			d->max_imm = (u32)in->imm;
	}
	if (is_jump_table(in))
		d->jump_table = true;
	return true;
}

static unsigned int popcount64(u64 v)
{
	unsigned int n = 0;

	for (; v; v &= v - 1)
		n++;
	return n;
}

static unsigned int dsp_targets(const struct dsp_scan *d)
{
	unsigned int i, n = 0;

	for (i = 0; i < DSP_BITS / 64; i++)
		n += popcount64(d->seen[i]);
	return n;
}

static bool looks_like_dispatcher(struct walker *w, u64 fn,
				  struct dsp_scan *d)
{
	*d = (struct dsp_scan){ .start = fn };
	if (sweep(w, fn, DISPATCH_BUDGET, dsp_visit, d) == SWEEP_READ)
		return false;
	if (dsp_targets(d) >= DSP_MIN_TARGETS && d->cmps >= DSP_MIN_CMPS)
		return true;
	return d->jump_table && d->max_imm >= DSP_MIN_BOUND;
}

/* ---- the walk ----------------------------------------------------------- */

struct entry_scan {
	struct ci_x86_sct_result *res;
	unsigned int calls;
	bool done;
};

static void set_dispatch(struct ci_x86_sct_result *res, u64 handler,
			 u64 fn, const struct dsp_scan *d)
{
	res->verdict = CI_X86_DISPATCH_X64_SYS_CALL;
	res->handler = handler;
	res->dispatcher = fn;
	res->site = 0;
	res->dsp_targets = dsp_targets(d);
	res->dsp_cmps = d->cmps;
	res->dsp_max_imm = d->max_imm;
	res->dsp_jump_table = d->jump_table;
	res->reason = "no indexed table load; the handler calls a syscall switch (x64_sys_call)";
}

/*
 * Is @h the C syscall handler (do_syscall_64)?  Look for the table in it
 * and its direct callees first; then for a switch among its callees.  Of
 * several switches (x64 and x32) prefer one whose case numbers stay below
 * 512, where the x32 numbers start.
 */
static bool try_handler(struct walker *w, u64 h, struct ci_x86_sct_result *res)
{
	struct fn_scan hs = { 0 };
	struct dsp_scan d, first_d;
	u64 first = 0;
	unsigned int i;

	sweep(w, h, HANDLER_BUDGET, scan_visit, &hs);
	if (hs.table) {
		res->verdict = CI_X86_SCT_TABLE;
		res->table = hs.table;
		res->handler = h;
		res->site = hs.site;
		res->reason = "indexed load in the entry's callee";
		return true;
	}
	for (i = 0; i < hs.n_callees; i++) {
		struct fn_scan cs = { 0 };

		sweep(w, hs.callees[i], CALLEE_BUDGET, scan_visit, &cs);
		if (cs.table) {
			res->verdict = CI_X86_SCT_TABLE;
			res->table = cs.table;
			res->handler = h;
			res->site = cs.site;
			res->reason = "indexed load in a callee of the entry's callee";
			return true;
		}
	}
	for (i = 0; i < hs.n_callees; i++) {
		if (!looks_like_dispatcher(w, hs.callees[i], &d))
			continue;
		if (d.max_imm < 512) {
			set_dispatch(res, h, hs.callees[i], &d);
			return true;
		}
		if (!first) {
			first = hs.callees[i];
			first_d = d;
		}
	}
	if (first) {
		set_dispatch(res, h, first, &first_d);
		return true;
	}
	return false;
}

static bool entry_visit(struct walker *w, u64 pc, const struct ci_x86_insn *in,
			void *arg)
{
	struct entry_scan *e = arg;

	if (in->kind != CI_X86_K_CALL_REL)
		return true;
	/*
	 * The call of do_syscall_64 is found by what it leads to, not by
	 * its position among the entry's calls.
	 */
	if (try_handler(w, pc + in->len + (u64)in->rel, e->res)) {
		e->done = true;
		return false;
	}
	return ++e->calls < ENTRY_MAX_CALLS;
}

const char *ci_x86_sct_verdict_str(enum ci_x86_sct_verdict v)
{
	switch (v) {
	case CI_X86_SCT_NOT_FOUND:
		return "not found";
	case CI_X86_SCT_TABLE:
		return "table";
	case CI_X86_DISPATCH_X64_SYS_CALL:
		return "x64_sys_call dispatch";
	}
	return "?";
}

/* The entry must start with swapgs, possibly after endbr64. */
static bool entry_shape_ok(struct walker *w, u64 entry)
{
	static const u8 endbr64[4] = { 0xf3, 0x0f, 0x1e, 0xfa };
	static const u8 swapgs[3] = { 0x0f, 0x01, 0xf8 };
	u8 b[7];
	unsigned int i, off = 0;

	if (w->read(w->ctx, entry, b, sizeof(b)))
		return false;
	for (i = 0; i < 4 && b[i] == endbr64[i]; i++)
		;
	if (i == 4)
		off = 4;
	for (i = 0; i < 3; i++)
		if (b[off + i] != swapgs[i])
			return false;
	return true;
}

int ci_x86_find_sys_call_table(u64 entry, ci_x86_read_fn read, void *ctx,
			       struct ci_x86_sct_result *res)
{
	struct walker w = { .read = read, .ctx = ctx };
	struct entry_scan es = { .res = res };
	enum sweep_end e;

	*res = (struct ci_x86_sct_result){ 0 };
	if (!read) {
		res->reason = "no read callback";
		return -1;
	}
	if (!entry_shape_ok(&w, entry)) {
		res->stop_addr = entry;
		res->reason = "entry does not start with [endbr64] swapgs: not entry_SYSCALL_64";
		return -1;
	}
	e = sweep(&w, entry, ENTRY_BUDGET, entry_visit, &es);
	res->insns = w.insns;
	if (es.done)
		return 0;
	res->verdict = CI_X86_SCT_NOT_FOUND;
	if (e == SWEEP_VISITOR) {
		res->stop_addr = entry;
		res->reason = "none of the entry's first calls leads to a table or syscall switch";
	} else if (e == SWEEP_FN_END) {
		res->stop_addr = entry;
		res->reason = es.calls ?
			"no call of the entry leads to a table or a syscall switch" :
			"entry ends without a direct call";
	} else {
		res->stop_addr = w.stop_addr;
		res->reason = w.stop_reason;
	}
	if (!res->detail && w.stop_reason) {
		res->detail = w.stop_reason;
		res->detail_addr = w.stop_addr;
	}
	return -1;
}
