// SPDX-License-Identifier: GPL-2.0
/*
 * The locator on synthetic kernels laid out in a buffer: vector tables
 * (plain and spectre-BHB style), entry code, an ESR_EL1 switch with cases
 * after a ret, and two shapes of the system call path (6.12 style: table
 * handed to el0_svc_common in x2, add not next to its adrp; 6.1 style
 * inlined: table indexed directly by ldr xN, [xT, xI, lsl #3]).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ci_arm64_decode.h"

#define BASE		0xffff800080000000ull
#define KSIZE		(16u << 20)

/* Layout of the synthetic kernel */
#define VEC		(BASE + 0x10800)	/* vectors */
#define BHB_LOOP	(BASE + 0x12800)	/* BHB copy: loop, adrp/add/ret */
#define BHB_B		(BASE + 0x13000)	/* BHB copy: clearbhb, b back */
#define BHB_ADR		(BASE + 0x13800)	/* BHB copy as lld relaxes it */
#define VEC_LOOP_A	(BASE + 0x14000)	/* two slots branching forever */
#define VEC_LOOP_B	(BASE + 0x14800)
#define VEC_BR		(BASE + 0x15000)	/* slot ending in br x5 */
#define ENTRY		(BASE + 0x113c0)	/* el0t_64_sync */
#define DECOY		(BASE + 0x11800)	/* called before the handler */
#define BAD_STACK	(BASE + 0x11000)
#define RET_TO_USER	(BASE + 0x12000)
#define HANDLER		(BASE + 0x200000)	/* el0t_64_sync_handler */
#define EL0_SVC		(BASE + 0x1fd000)
#define EL0_DA		(BASE + 0x1fe000)
#define EL0_IA		(BASE + 0x1fe400)
#define EL0_INV		(BASE + 0x1fe800)
#define PRINTK		(BASE + 0x300000)
#define DO_EL0_SVC	(BASE + 0x28d10)
#define SVC_COMMON	(BASE + 0x28c20)
#define INVOKE		(BASE + 0x28b40)
#define TABLE_612	(BASE + 0xf40b18)	/* above the code */
#define TABLE_61	(BASE + 0x8a08)		/* below do_el0_svc */

/* Fixed instruction words */
#define NOP		0xd503201fu
#define BTI_C		0xd503245fu
#define PACIASP		0xd503233fu
#define AUTIASP		0xd50323bfu
#define SCS_PUSH	0xf800865eu
#define SCS_POP		0xf85f8e5eu
#define RET		0xd65f03c0u
#define PUSH_FP		0xa9bf7bfdu	/* stp x29, x30, [sp, #-16]! */
#define POP_FP		0xa8c17bfdu	/* ldp x29, x30, [sp], #16 */
#define MOV_FP_SP	0x910003fdu	/* mov x29, sp */
#define MOV_X0_SP	0x910003e0u
#define MOV_X0_X19	0xaa1303e0u
#define MOV_X19_X0	0xaa0003f3u
#define MOV_X3_X2	0xaa0203e3u
#define STR_X19		0xf9000bf3u	/* str x19, [sp, #16] */
#define LDR_X19		0xf9400bf3u	/* ldr x19, [sp, #16] */
#define LDR_W1_SCNO	0xb9404001u	/* ldr w1, [x0, #64] */
#define MOV_W2_NR	0x528039e2u	/* mov w2, #463 */
#define CMP_W1_W2	0x6b02003fu
#define LSR_EC		0x531a7c22u	/* lsr w2, w1, #26 */
#define MSR_TPIDRRO_X30	0xd51bd07eu
#define MRS_X30_TPIDRRO	0xd53bd07eu
#define MSR_TPIDRRO_XZR	0xd51bd07fu
#define MOV_X30_32	0xd280041eu
#define SUBS_X30_1	0xf10007deu
#define DSB_NSH		0xd503379fu
#define ISB		0xd5033fdfu
#define CLEARBHB	0xd50322dfu
#define SUB_SP_FRAME	0xd10543ffu
#define ADD_SP_X0	0x8b2063ffu
#define SUB_X0_SP_X0	0xcb2063e0u
#define SUB_SP_X0	0xcb2063ffu
#define STP_X0_X1	0xa90007e0u
#define STP_X2_X3	0xa9010fe2u
#define MRS_X21_SP_EL0	0xd5384115u
#define ERET		0xd69f03e0u

#define COND_EQ		0x0
#define COND_NE		0x1
#define COND_CS		0x2

struct kimage {
	unsigned char *mem;
	u64 base;
	size_t size;
	unsigned int reads;
	unsigned int bad_reads;	/* reads larger than a chunk, or unaligned */
};

static struct kimage K;

static int kread(void *ctx, u64 addr, void *buf, size_t len)
{
	struct kimage *k = ctx;

	k->reads++;
	if (len > CI_CODE_CHUNK_BYTES ||
	    (len == CI_CODE_CHUNK_BYTES && (addr & (len - 1))))
		k->bad_reads++;
	if (addr < k->base || addr - k->base > k->size ||
	    len > k->size - (addr - k->base))
		return -EFAULT;
	memcpy(buf, k->mem + (addr - k->base), len);
	return 0;
}

/* Emitter: put() writes one word and advances the cursor */
static u64 at;

static void org(u64 addr)
{
	at = addr;
}

static void put(u32 insn)
{
	u32 le = insn;	/* host and target are both little-endian here */

	memcpy(K.mem + (at - K.base), &le, 4);
	at += 4;
}

static u32 enc_b(u64 pc, u64 to)
{
	return 0x14000000u | (u32)(((s64)(to - pc) >> 2) & 0x3ffffff);
}

static u32 enc_bl(u64 pc, u64 to)
{
	return 0x94000000u | (u32)(((s64)(to - pc) >> 2) & 0x3ffffff);
}

static u32 enc_bcond(u64 pc, u64 to, unsigned int cond)
{
	return 0x54000000u | (u32)((((s64)(to - pc) >> 2) & 0x7ffff) << 5) |
	       cond;
}

static u32 enc_tbnz(u64 pc, u64 to, unsigned int rt, unsigned int bit)
{
	return 0x37000000u | ((bit & 0x20u) << 26) | ((bit & 0x1fu) << 19) |
	       (u32)((((s64)(to - pc) >> 2) & 0x3fff) << 5) | rt;
}

static u32 enc_adrp(u64 pc, unsigned int rd, u64 to)
{
	s64 pages = ((s64)(to & ~0xfffull) - (s64)(pc & ~0xfffull)) >> 12;

	return 0x90000000u | (u32)((pages & 3) << 29) |
	       (u32)(((pages >> 2) & 0x7ffff) << 5) | rd;
}

static u32 enc_adr(u64 pc, unsigned int rd, u64 to)
{
	s64 off = (s64)(to - pc);

	return 0x10000000u | (u32)((off & 3) << 29) |
	       (u32)(((off >> 2) & 0x7ffff) << 5) | rd;
}

static u32 enc_add(unsigned int rd, unsigned int rn, u32 imm12, bool lsl12)
{
	return 0x91000000u | (lsl12 ? 1u << 22 : 0) | ((imm12 & 0xfff) << 10) |
	       (rn << 5) | rd;
}

static u32 enc_cmp_w2(u32 imm)
{
	return 0x7100001fu | (imm << 10) | (2u << 5);
}

static u32 enc_ldr_idx(unsigned int rt, unsigned int rn, unsigned int rm)
{
	return 0xf8607800u | (rm << 16) | (rn << 5) | rt;
}

static u32 enc_blr(unsigned int rn)
{
	return 0xd63f0000u | (rn << 5);
}

static u32 enc_br(unsigned int rn)
{
	return 0xd61f0000u | (rn << 5);
}

static u32 enc_mrs_esr(unsigned int rt)
{
	return 0xd5385200u | rt;
}

static void emit_b(u64 to)
{
	put(enc_b(at, to));
}

static void emit_bl(u64 to)
{
	put(enc_bl(at, to));
}

static void emit_bcond(u64 to, unsigned int cond)
{
	put(enc_bcond(at, to, cond));
}

static void emit_adrp(unsigned int rd, u64 to)
{
	put(enc_adrp(at, rd, to));
}

/* A BHB copy's slot up to its way back: the branch-history loop */
static void emit_bhb_loop(void)
{
	put(MSR_TPIDRRO_X30);
	put(MOV_X30_32);
	emit_b(at + 4);
	put(SUBS_X30_1);
	emit_bcond(at - 8, COND_NE);
	put(DSB_NSH);
	put(ISB);
}

static void emit_epilogue(void)
{
	put(POP_FP);
	put(AUTIASP);
	put(RET);
}

/* A leaf-ish function with an unrelated adrp/add pair passed to printk */
static void emit_other_fn(u64 fn, u64 data)
{
	org(fn);
	put(BTI_C);
	put(PACIASP);
	put(PUSH_FP);
	put(MOV_FP_SP);
	emit_adrp(0, data);
	put(enc_add(0, 0, data & 0xfff, false));
	emit_bl(PRINTK);
	emit_epilogue();
}

static void emit_vectors(void)
{
	u64 slot = VEC + 0x400;

	/* kernel_ventry with the stack overflow check */
	org(slot);
	emit_b(slot + 0xc);
	put(MRS_X30_TPIDRRO);
	put(MSR_TPIDRRO_XZR);
	put(SUB_SP_FRAME);
	put(ADD_SP_X0);
	put(SUB_X0_SP_X0);
	put(enc_tbnz(at, slot + 0x28, 0, 14));
	put(SUB_X0_SP_X0);
	put(SUB_SP_X0);
	emit_b(ENTRY);
	put(0xd51bd040u);		/* msr tpidr_el0, x0 */
	emit_bcond(BAD_STACK, COND_NE);
	emit_b(ENTRY);

	/* BHB loop copy: loop, then adrp/add/add/ret into the vectors */
	org(BHB_LOOP + 0x400);
	emit_bhb_loop();
	emit_adrp(30, VEC);
	put(enc_add(30, 30, VEC & 0xfff, false));
	put(enc_add(30, 30, 0x404, false));
	put(RET);

	/* BHB clearbhb copy branching straight back */
	org(BHB_B + 0x400);
	put(MSR_TPIDRRO_X30);
	put(CLEARBHB);
	put(ISB);
	emit_b(VEC + 0x404);

	/* BHB loop copy linked by lld: adrp/add relaxed into nop; adr */
	org(BHB_ADR + 0x400);
	emit_bhb_loop();
	put(NOP);
	put(enc_adr(at, 30, VEC));
	put(enc_add(30, 30, 0x404, false));
	put(RET);

	/* endless: two slots branching to each other */
	org(VEC_LOOP_A + 0x400);
	emit_b(VEC_LOOP_B + 0x400);
	org(VEC_LOOP_B + 0x400);
	put(NOP);
	emit_b(VEC_LOOP_A + 0x400);

	/* indirect branch through a register the slot never set */
	org(VEC_BR + 0x400);
	put(NOP);
	put(enc_br(5));

	org(BAD_STACK);
	put(0xd4210000u);		/* brk */
	org(RET_TO_USER);
	put(ERET);
}

static void emit_entry(void)
{
	org(ENTRY);
	put(STP_X0_X1);
	put(STP_X2_X3);
	emit_b(at + 0x10);		/* skip an alternative sequence */
	put(NOP);
	put(NOP);
	put(NOP);
	put(MRS_X21_SP_EL0);
	emit_bl(DECOY);			/* a call that is not the handler */
	put(MOV_X0_SP);
	emit_bl(HANDLER);
	emit_b(RET_TO_USER);

	org(DECOY);
	put(BTI_C);
	emit_adrp(0, BASE + 0x900000);
	put(enc_add(0, 0, 0x10, false));
	put(RET);
}

/*
 * The switch on ESR_EL1.EC: compare chain, a case after the first ret,
 * a case with its own ret, and the SVC64 case last.
 */
static void emit_handler(void)
{
	u64 epi, c_da, c_ia, c_svc;

	org(HANDLER);
	epi = HANDLER + 4 * 14;
	c_da = epi + 12;
	c_ia = c_da + 8;
	c_svc = c_ia + 20;
	put(BTI_C);
	put(PACIASP);
	put(PUSH_FP);
	put(MOV_FP_SP);
	put(enc_mrs_esr(1));
	put(LSR_EC);
	put(enc_cmp_w2(0x24));
	emit_bcond(c_da, COND_EQ);
	put(enc_cmp_w2(0x15));
	emit_bcond(c_svc, COND_EQ);
	put(enc_cmp_w2(0x20));
	emit_bcond(c_ia, COND_EQ);
	put(MOV_X0_SP);
	emit_bl(EL0_INV);
	if (at != epi)
		abort();
	emit_epilogue();
	/* c_da */
	emit_bl(EL0_DA);
	emit_b(epi);
	/* c_ia: returns by itself */
	emit_bl(EL0_IA);
	put(POP_FP);
	put(NOP);
	put(AUTIASP);
	put(RET);
	/* c_svc */
	if (at != c_svc)
		abort();
	emit_bl(EL0_SVC);
	emit_b(epi);

	emit_other_fn(EL0_DA, BASE + 0x1a00100);
	emit_other_fn(EL0_IA, BASE + 0x1a00200);
	emit_other_fn(EL0_INV, BASE + 0x1a00300);
	org(PRINTK);
	put(BTI_C);
	emit_adrp(1, BASE + 0x1b00000);
	put(enc_add(1, 1, 0x40, false));
	put(RET);
}

/* el0_svc with a shadow call stack prologue; tail call if 'tail' */
static void emit_el0_svc(bool tail)
{
	org(EL0_SVC);
	put(PACIASP);
	put(SCS_PUSH);
	put(PUSH_FP);
	put(MOV_FP_SP);
	put(STR_X19);
	put(MOV_X19_X0);
	put(NOP);
	put(NOP);
	if (tail) {
		put(LDR_X19);
		put(POP_FP);
		put(SCS_POP);
		put(AUTIASP);
		emit_b(DO_EL0_SVC);
		return;
	}
	put(MOV_X0_X19);
	emit_bl(DO_EL0_SVC);
	put(LDR_X19);
	put(POP_FP);
	put(SCS_POP);
	put(AUTIASP);
	put(RET);
}

/* Debian 6.12: the table goes to el0_svc_common in x2 */
static void emit_path_612(void)
{
	org(DO_EL0_SVC);
	put(NOP);
	put(NOP);
	put(PACIASP);
	put(PUSH_FP);
	emit_adrp(2, TABLE_612);
	put(MOV_FP_SP);
	put(LDR_W1_SCNO);
	put(enc_add(2, 2, TABLE_612 & 0xfff, false));
	emit_bl(SVC_COMMON);
	emit_epilogue();

	org(SVC_COMMON);
	put(NOP);
	put(NOP);
	put(PACIASP);
	put(PUSH_FP);
	put(MOV_FP_SP);
	put(MOV_X3_X2);
	put(MOV_W2_NR);
	emit_bl(INVOKE);
	emit_epilogue();

	org(INVOKE);
	put(PACIASP);
	put(PUSH_FP);
	put(MOV_FP_SP);
	put(CMP_W1_W2);
	emit_bcond(at + 16, COND_CS);
	put(enc_ldr_idx(1, 3, 1));
	put(enc_blr(1));
	emit_b(at + 8);
	put(NOP);
	emit_epilogue();
}

/*
 * 6.1-style, everything inlined into do_el0_svc: the hot path branches
 * over a ret to an out-of-line block that builds the table address
 * (adrp and add apart) and indexes it directly.
 */
static void emit_path_61(void)
{
	u64 ool, back;

	org(DO_EL0_SVC);
	ool = DO_EL0_SVC + 4 * 13;
	put(NOP);
	put(NOP);
	put(BTI_C);
	put(PACIASP);
	put(PUSH_FP);
	put(MOV_FP_SP);
	emit_b(ool);
	put(NOP);
	back = at;
	emit_epilogue();
	put(NOP);
	put(NOP);
	/* ool */
	if (at != ool)
		abort();
	emit_adrp(3, TABLE_61);
	put(LDR_W1_SCNO);
	put(MOV_W2_NR);
	put(CMP_W1_W2);
	emit_bcond(at + 16, COND_CS);
	put(enc_add(3, 3, TABLE_61 & 0xfff, false));
	put(enc_ldr_idx(1, 3, 1));
	put(enc_blr(1));
	emit_b(back);
}

enum shape { SHAPE_612, SHAPE_61, SHAPE_61_TAIL };

static void build(enum shape shape)
{
	memset(K.mem, 0, K.size);
	emit_vectors();
	emit_entry();
	emit_handler();
	emit_el0_svc(shape == SHAPE_61_TAIL);
	if (shape == SHAPE_612)
		emit_path_612();
	else
		emit_path_61();
}

static int rank_of(const u64 *cand, int n, u64 want)
{
	int i;

	for (i = 0; i < n; i++)
		if (cand[i] == want)
			return i + 1;
	return 0;
}

static const char *const shape_name[] = {
	"6.12-style", "6.1-style inlined", "6.1-style, tail call"
};

static void walk_shape(enum shape shape)
{
	static const struct {
		u64 vbar;
		const char *what;
	} vbars[] = {
		{ VEC, "vectors" },
		{ BHB_LOOP, "BHB loop copy" },
		{ BHB_B, "BHB clearbhb copy" },
		{ BHB_ADR, "BHB loop copy linked by lld (adr)" },
	};
	u64 want = shape == SHAPE_612 ? TABLE_612 : TABLE_61;
	static struct ci_arm64_walk w;
	u64 cand[64];
	char trace[1024];
	unsigned int i;
	int n, r;

	build(shape);
	for (i = 0; i < sizeof(vbars) / sizeof(vbars[0]); i++) {
		K.reads = 0;
		K.bad_reads = 0;
		n = ci_arm64_find_syscall_table_candidates(vbars[i].vbar, kread,
							   &K, &w, cand, 64,
							   trace,
							   sizeof(trace));
		r = n > 0 ? rank_of(cand, n, want) : 0;
		CHECK(r > 0, "%s from %s: table found, rank %d of %d",
		      shape_name[shape], vbars[i].what, r, n);
		if (r <= 0)
			printf("%s", trace);
		CHECK(w.entry == ENTRY && w.handler == HANDLER,
		      "%s from %s: entry and ESR-reading handler identified",
		      shape_name[shape], vbars[i].what);
		CHECK(K.bad_reads == 0 && K.reads * 8 < w.n_insns,
		      "%s from %s: code read in chunks (%u reads, %u insns)",
		      shape_name[shape], vbars[i].what, K.reads, w.n_insns);
	}
	if (shape != SHAPE_612)
		CHECK(n > 0 && cand[0] == want,
		      "%s: indexed table ranks first", shape_name[shape]);
	CHECK(n > 0 && rank_of(cand, n, BASE + 0x900010) == 0,
	      "%s: the decoy call before the handler is not walked",
	      shape_name[shape]);
}

static void walk_errors(void)
{
	static struct ci_arm64_walk w;
	u64 cand[64];
	char trace[512];
	int n;

	build(SHAPE_612);
	n = ci_arm64_find_syscall_table_candidates(BASE + 0x40000000ull, kread,
						   &K, &w, cand, 64, trace,
						   sizeof(trace));
	CHECK(n == -EFAULT, "unreadable VBAR gives -EFAULT (%d)", n);
	n = ci_arm64_find_syscall_table_candidates(VEC + 0x80, kread, &K, &w,
						   cand, 64, trace,
						   sizeof(trace));
	CHECK(n == -EINVAL, "misaligned VBAR gives -EINVAL (%d)", n);
	n = ci_arm64_find_syscall_table_candidates(VEC, kread, &K, &w, cand, 0,
						   trace, sizeof(trace));
	CHECK(n == -EINVAL, "no room for candidates gives -EINVAL (%d)", n);
	n = ci_arm64_find_syscall_table_candidates(VEC_LOOP_A, kread, &K, &w,
						   cand, 64, trace,
						   sizeof(trace));
	CHECK(n == -ENOENT && strstr(trace, "too many branches") &&
	      w.n_insns <= CI_ARM64_ENTRY_MAX_INSNS + CI_ARM64_FUNC_MAX_INSNS,
	      "slots branching to each other: bounded, -ENOENT (%d, %u insns)",
	      n, w.n_insns);
	n = ci_arm64_find_syscall_table_candidates(VEC_BR, kread, &K, &w, cand,
						   64, trace, sizeof(trace));
	CHECK(n == -ENOENT && strstr(trace, "indirect branch"),
	      "slot ending in br with unknown target: -ENOENT (%d)", n);

	/* the handler calls itself and el0_svc recurses: still bounded */
	org(HANDLER + 4 * 13);
	emit_bl(HANDLER);
	org(EL0_SVC + 4 * 8);
	emit_bl(EL0_SVC);
	n = ci_arm64_find_syscall_table_candidates(VEC, kread, &K, &w, cand,
						   64, trace, sizeof(trace));
	CHECK(n > 0 && rank_of(cand, n, TABLE_612) > 0 &&
	      w.n_insns < CI_ARM64_WALK_MAX_INSNS,
	      "call cycles: visited set keeps the walk bounded (%u insns)",
	      w.n_insns);

	/* a small candidate array: still no overflow, count capped */
	n = ci_arm64_find_syscall_table_candidates(VEC, kread, &K, &w, cand, 2,
						   trace, sizeof(trace));
	CHECK(n == 2, "candidate count capped by the caller's array (%d)", n);
	n = ci_arm64_find_syscall_table_candidates(VEC, kread, &K, &w, cand,
						   64, trace, 16);
	CHECK(n > 0 && strlen(trace) < 16,
	      "trace truncated to the caller's buffer");
}

void test_walk(void)
{
	K.mem = calloc(1, KSIZE);
	K.base = BASE;
	K.size = KSIZE;
	if (!K.mem)
		abort();
	walk_shape(SHAPE_612);
	walk_shape(SHAPE_61);
	walk_shape(SHAPE_61_TAIL);
	walk_errors();
	free(K.mem);
}
