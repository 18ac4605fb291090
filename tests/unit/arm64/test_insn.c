// SPDX-License-Identifier: GPL-2.0
/*
 * Instruction decoders against encodings produced by binutils (as/ld for
 * aarch64), including the range limits of every pc-relative form.
 */
#include "check.h"
#include "ci_arm64_insn.h"

#define KTEXT 0xffff800080000000ull

static void test_adrp(void)
{
	/* assembled at 0x100000000 + 4 * i, linked against fixed targets */
	static const struct {
		u32 insn;
		u64 pc, page;
		unsigned int rd;
	} t[] = {
		{ 0xf07fffe2, 0x100000000ull, 0x1fffff000ull, 2 },  /* +4G-4K */
		{ 0x90800003, 0x100000004ull, 0x0ull, 3 },          /* -4G */
		{ 0xf0ffffe0, 0x100000008ull, 0xfffff000ull, 0 },   /* -4K */
		{ 0xb0091a3e, 0x10000000cull, 0x112345000ull, 30 },
		{ 0x90000002, 0x100000010ull, 0x100000000ull, 2 },  /* same */
		/* Debian 6.12 do_el0_svc: adrp x2, sys_call_table */
		{ 0x900078c2, 0xffff800080028d20ull, 0xffff800080f40000ull, 2 },
		/* Debian 6.12 BHB vectors: adrp x30, vectors (backwards) */
		{ 0xd0fffffe, 0xffff800080012c1cull, 0xffff800080010000ull, 30 },
	};
	unsigned int i, rd;
	s64 off;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		bool ok = ci_arm64_decode_adrp(t[i].insn, &rd, &off);

		CHECK(ok && rd == t[i].rd &&
		      ci_arm64_adrp_page(t[i].pc, off) == t[i].page,
		      "adrp %08x at %llx -> x%u page %llx", t[i].insn,
		      (unsigned long long)t[i].pc, t[i].rd,
		      (unsigned long long)t[i].page);
	}
	/* adrp page offsets ignore the low 12 bits of pc */
	CHECK(ci_arm64_decode_adrp(0x90000002, &rd, &off) &&
	      ci_arm64_adrp_page(KTEXT + 0xffc, off) == KTEXT,
	      "adrp uses the 4 KiB page of pc, also with 16 KiB kernel pages");
	CHECK(!ci_arm64_decode_adrp(0x10000062, &rd, &off),
	      "adr (not adrp) is rejected");
	CHECK(!ci_arm64_decode_adrp(0x912c6042, &rd, &off),
	      "add is not adrp");
}

static void test_adr(void)
{
	/* assembled by binutils at 0x100000000 + 4 * i */
	static const struct {
		u32 insn;
		u64 pc, target;
		unsigned int rd;
	} t[] = {
		{ 0x707fffe1, 0x100000000ull, 0x1000fffffull, 1 },  /* +1M-1 */
		{ 0x10800002, 0x100000004ull, 0xfff00004ull, 2 },   /* -1M */
		{ 0x10000000, 0x100000008ull, 0x100000008ull, 0 },  /* . */
		{ 0x10fffffe, 0x10000000cull, 0x100000008ull, 30 }, /* -4 */
		/* clang-19/lld-19 6.12 BHB vectors: adr x30, vectors */
		{ 0x10fedf1e, 0xffffc00080012c20ull, 0xffffc00080010800ull, 30 },
	};
	unsigned int i, rd;
	s64 off;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		bool ok = ci_arm64_decode_adr(t[i].insn, &rd, &off);

		CHECK(ok && rd == t[i].rd && t[i].pc + (u64)off == t[i].target,
		      "adr %08x at %llx -> x%u = %llx", t[i].insn,
		      (unsigned long long)t[i].pc, t[i].rd,
		      (unsigned long long)t[i].target);
	}
	CHECK(!ci_arm64_decode_adr(0x90000002, &rd, &off),
	      "adrp (not adr) is rejected");
	CHECK(!ci_arm64_decode_adr(0x912c6042, &rd, &off),
	      "add is not adr");
}

static void test_add(void)
{
	unsigned int rd, rn;
	u64 imm;

	CHECK(ci_arm64_decode_add_imm(0x912c6042, &rd, &rn, &imm) &&
	      rd == 2 && rn == 2 && imm == 0xb18,
	      "add x2, x2, #0xb18");
	CHECK(ci_arm64_decode_add_imm(0x91401c83, &rd, &rn, &imm) &&
	      rd == 3 && rn == 4 && imm == 0x7000,
	      "add x3, x4, #0x7, lsl #12");
	CHECK(ci_arm64_decode_add_imm(0x910c801f, &rd, &rn, &imm) &&
	      rd == 31 && rn == 0 && imm == 0x320,
	      "add sp, x0, #0x320 (rd 31 is sp)");
	CHECK(!ci_arm64_decode_add_imm(0xb1001041, &rd, &rn, &imm),
	      "adds (flag setting) is rejected");
	CHECK(!ci_arm64_decode_add_imm(0x11001041, &rd, &rn, &imm),
	      "32-bit add is rejected");
	CHECK(!ci_arm64_decode_add_imm(0xf10007de, &rd, &rn, &imm),
	      "subs is rejected");
}

static void test_branches(void)
{
	s64 off;
	unsigned int rn;

	CHECK(ci_arm64_decode_b(0x15ffffff, &off) && off == 0x7fffffc,
	      "b +128MiB-4 (forward limit)");
	CHECK(ci_arm64_decode_b(0x16000000, &off) && off == -0x8000000,
	      "b -128MiB (backward limit)");
	CHECK(ci_arm64_decode_b(0x140001e7, &off) && off == 0x79c,
	      "b forward (6.12 vector slot to el0t_64_sync)");
	CHECK(ci_arm64_decode_b(0x17ffffe4, &off) && off == -0x70,
	      "b backward");
	CHECK(!ci_arm64_decode_bl(0x15ffffff, &off), "b is not bl");
	CHECK(ci_arm64_decode_bl(0x95ffffff, &off) && off == 0x7fffffc,
	      "bl +128MiB-4 (forward limit)");
	CHECK(ci_arm64_decode_bl(0x96000000, &off) && off == -0x8000000,
	      "bl -128MiB (backward limit)");
	CHECK(ci_arm64_decode_bl(0x97ffffff, &off) && off == -4,
	      "bl -4");
	CHECK(ci_arm64_decode_bl(0x943c106b, &off) && off == 0xf041ac,
	      "bl forward (6.12 el0t_64_sync to its handler)");
	CHECK(!ci_arm64_decode_b(0x95ffffff, &off), "bl is not b");

	CHECK(ci_arm64_decode_cond_branch(0x54ffffc1, &off) && off == -8,
	      "b.ne -8 (BHB loop)");
	CHECK(ci_arm64_decode_cond_branch(0x541fffe9, &off) && off == 0x3fffc,
	      "b.ls +1MiB-4 (forward limit)");
	CHECK(ci_arm64_decode_cond_branch(0xb4800000, &off) && off == -0x100000,
	      "cbz x0, -1MiB (backward limit)");
	CHECK(ci_arm64_decode_cond_branch(0x35000085, &off) && off == 0x10,
	      "cbnz w5, +16");
	CHECK(ci_arm64_decode_cond_branch(0xb637fd00, &off) && off == -0x60,
	      "tbz x0, #38, -0x60");
	CHECK(ci_arm64_decode_cond_branch(0x3773ffe0, &off) && off == 0x7ffc,
	      "tbnz w0, #14, +32KiB-4 (forward limit)");
	CHECK(!ci_arm64_decode_cond_branch(0x14000003, &off),
	      "b is not conditional");

	CHECK(ci_arm64_is_ret(0xd65f03c0, &rn) && rn == 30, "ret");
	CHECK(ci_arm64_is_ret(0xd65f00a0, &rn) && rn == 5, "ret x5");
	CHECK(ci_arm64_is_ret(0xd65f0bff, &rn) && rn == 30, "retaa");
	CHECK(!ci_arm64_is_ret(0xd61f0060, &rn), "br is not ret");
	CHECK(ci_arm64_is_br(0xd61f0060, &rn) && rn == 3, "br x3");
	CHECK(ci_arm64_is_blr(0xd63f0020, &rn) && rn == 1, "blr x1");
	CHECK(!ci_arm64_is_blr(0xd61f0060, &rn), "br is not blr");
}

static void test_misc(void)
{
	unsigned int rt, rn, rm, size, regs[2];
	s64 off;

	CHECK(ci_arm64_is_mrs_esr_el1(0xd5385201, &rt) && rt == 1,
	      "mrs x1, esr_el1");
	CHECK(ci_arm64_is_mrs_esr_el1(0xd5385219, &rt) && rt == 25,
	      "mrs x25, esr_el1");
	CHECK(!ci_arm64_is_mrs_esr_el1(0xd5384100, &rt),
	      "mrs x0, sp_el0 is not esr_el1");

	CHECK(ci_arm64_decode_ldr_literal(0x58000801, &rt, &off, &size) &&
	      rt == 1 && off == 0x100 && size == 8, "ldr x1, literal +0x100");
	CHECK(ci_arm64_decode_ldr_literal(0x18fff801, &rt, &off, &size) &&
	      rt == 1 && off == -0x100 && size == 4, "ldr w1, literal -0x100");
	CHECK(ci_arm64_decode_ldr_x_index(0xf8617861, &rt, &rn, &rm) &&
	      rt == 1 && rn == 3 && rm == 1, "ldr x1, [x3, x1, lsl #3]");
	CHECK(ci_arm64_decode_ldr_x_index(0xf8685a89, &rt, &rn, &rm) &&
	      rt == 9 && rn == 20 && rm == 8, "ldr x9, [x20, w8, uxtw #3]");
	CHECK(!ci_arm64_decode_ldr_x_index(0x38624863, &rt, &rn, &rm),
	      "ldrb w3, [x3, w2, uxtw] is not a table load");

	CHECK(ci_arm64_written_regs(0x912c6042, regs) == 1 && regs[0] == 2,
	      "add writes its Rd");
	CHECK(ci_arm64_written_regs(0xa8c17bfd, regs) == 2 &&
	      regs[0] == 29 && regs[1] == 30, "ldp x29, x30 writes both");
	CHECK(ci_arm64_written_regs(0xa9bf7bfd, regs) == 0,
	      "stp writes no register");
	CHECK(ci_arm64_written_regs(0xf9400bf3, regs) == 1 && regs[0] == 19,
	      "ldr x19, [sp, #16] writes x19");
}

static void test_prologue(void)
{
	static const struct {
		u32 insn;
		const char *what;
	} skip[] = {
		{ 0xd503201f, "nop" },
		{ 0xd503241f, "bti" },
		{ 0xd503245f, "bti c" },
		{ 0xd503249f, "bti j" },
		{ 0xd50324df, "bti jc" },
		{ 0xd503233f, "paciasp" },
		{ 0xd503237f, "pacibsp" },
		{ 0xd50323bf, "autiasp" },
		{ 0xf800865e, "str x30, [x18], #8 (shadow call stack push)" },
	};
	static const u32 keep[] = {
		0xa9bf7bfd,	/* stp x29, x30, [sp, #-16]! */
		0x910003fd,	/* mov x29, sp */
		0x900078c2,	/* adrp x2, ... */
		0xd50322df,	/* clearbhb */
		0xf85f8e5e,	/* ldr x30, [x18, #-8]! (scs pop) */
	};
	unsigned int i;

	for (i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
		CHECK(ci_arm64_is_prologue_skippable(skip[i].insn),
		      "prologue form skippable: %s", skip[i].what);
	for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
		CHECK(!ci_arm64_is_prologue_skippable(keep[i]),
		      "not a skippable prologue form: %08x", keep[i]);
	CHECK(ci_arm64_is_scs_push(0xf800865e) &&
	      !ci_arm64_is_scs_push(0xf85f8e5e), "scs push vs pop");
	CHECK(ci_arm64_is_bti(0xd503245f) && !ci_arm64_is_bti(0xd503233f),
	      "bti c vs paciasp");
}

void test_insn(void)
{
	test_adrp();
	test_adr();
	test_add();
	test_branches();
	test_misc();
	test_prologue();
}
