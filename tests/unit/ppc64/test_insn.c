// SPDX-License-Identifier: GPL-2.0
/*
 * ppc64 instruction decoders and the test encoders against encodings
 * produced by binutils (powerpc64le-linux-gnu-as -mpower10, objdump -d),
 * including the instructions of Debian's 6.1 system call path.
 */
#include "check.h"
#include "ppc_enc.h"

static void test_d_forms(void)
{
	unsigned int rt, ra;
	u64 uimm;
	s64 imm;

	/* 6.1 system_call_exception: addis r9,r2,-15 ... addi r9,r9,16488 */
	CHECK(ci_ppc64_decode_addis(0x3d22fff1u, &rt, &ra, &imm) &&
	      rt == 9 && ra == 2 && imm == -15 * 65536,
	      "addis r9,r2,-15: rt %u ra %u imm %lld", rt, ra, (long long)imm);
	CHECK(ci_ppc64_decode_addi(0x39294068u, &rt, &ra, &imm) &&
	      rt == 9 && ra == 9 && imm == 16488, "addi r9,r9,16488");
	CHECK(ci_ppc64_decode_addis(0x3d427fffu, &rt, &ra, &imm) &&
	      imm == 0x7fffll << 16, "addis r10,r2,32767: largest positive high part");
	CHECK(ci_ppc64_decode_ld(0xe96a8000u, &rt, &ra, &imm) &&
	      rt == 11 && ra == 10 && imm == -32768, "ld r11,-32768(r10)");
	CHECK(ci_ppc64_decode_ld(0xe94d0018u, &rt, &ra, &imm) &&
	      rt == 10 && ra == 13 && imm == 24, "ld r10,24(r13): the PACA's kernel base");
	CHECK(!ci_ppc64_decode_ld(0xe8a60009u, &rt, &ra, &imm), "ldu is not ld");
	CHECK(ci_ppc64_decode_ori(0x614ac550u, &ra, &rt, &uimm) &&
	      ra == 10 && rt == 10 && uimm == 50512, "ori r10,r10,50512");
	CHECK(ci_ppc64_decode_addi(0x39400c00u, &rt, &ra, &imm) && ra == 0 &&
	      imm == 3072, "li r10,3072 is addi with ra 0");
	CHECK(ci_ppc64_decode_addis(0x3ca0ffffu, &rt, &ra, &imm) && ra == 0 &&
	      imm == -65536, "lis r5,-1 is addis with ra 0");
	CHECK(ci_ppc64_decode_addis(0x3c4c0112u, &rt, &ra, &imm) && rt == 2 &&
	      ra == 12 && imm == 274 * 65536, "addis r2,r12,274: a global entry point");
	CHECK(ci_ppc64_decode_addi(0x3842d230u, &rt, &ra, &imm) && imm == -11728,
	      "addi r2,r2,-11728");
}

static void test_x_forms(void)
{
	unsigned int rt, ra, rb, regs[2];

	CHECK(ci_ppc64_decode_ldx(0x7d89e82au, &rt, &ra, &rb) && rt == 12 &&
	      ra == 9 && rb == 29, "ldx r12,r9,r29");
	CHECK(ci_ppc64_decode_mr(0x7fc3f378u, &ra, &rt) && ra == 3 && rt == 30,
	      "mr r3,r30");
	CHECK(!ci_ppc64_decode_mr(0x7fc3eb78u, &ra, &rt), "or r3,r30,r29 is not mr");
	CHECK(ci_ppc64_decode_mtctr(0x7d4903a6u, &rt) && rt == 10, "mtctr r10");
	CHECK(ci_ppc64_decode_mfctr(0x7d2902a6u, &rt) && rt == 9, "mfctr r9");
	CHECK(!ci_ppc64_decode_mtctr(0x7c9042a6u, &rt), "mfsprg is not mtctr");
	CHECK(ci_ppc64_written_regs(0xf8410018u, regs) == 0, "std r2,24(r1) writes no register");
	CHECK(ci_ppc64_written_regs(0xf821ffc1u, regs) == 1 && regs[0] == 1,
	      "stdu r1,-64(r1) writes r1");
	CHECK(ci_ppc64_written_regs(0x7bbd1f24u, regs) == 1 && regs[0] == 29,
	      "sldi r29,r29,3 writes r29 (rA)");
	CHECK(ci_ppc64_written_regs(0x283d01c2u, regs) == 0, "cmpldi writes no register");
	CHECK(ci_ppc64_written_regs(0xe8a60009u, regs) == 2 && regs[0] == 5 &&
	      regs[1] == 6, "ldu r5,8(r6) writes r5 and r6");
	CHECK(ci_ppc64_written_regs(0x7ca407b4u, regs) == 1 && regs[0] == 4,
	      "extsw r4,r5 writes r4 (rA)");
	CHECK(ci_ppc64_written_regs(0x7c85312au, regs) == 0, "stdx writes no register");
	CHECK(ci_ppc64_written_regs(0x7c85316au, regs) == 1 && regs[0] == 5,
	      "stdux r4,r5,r6 writes r5 (the updated base), not r4");
	CHECK(ci_ppc64_written_regs(0x7c9042a6u, regs) == 1 && regs[0] == 4,
	      "mfsprg r4,0 writes r4");
}

static void test_branches(void)
{
	bool link, ctr, always;
	s64 off;

	CHECK(ci_ppc64_decode_b(0x48001000u, &off, &link) && off == 0x1000 && !link,
	      "b .+0x1000");
	CHECK(ci_ppc64_decode_b(0x4bffe001u, &off, &link) && off == -0x2000 && link,
	      "bl .-0x2000");
	CHECK(ci_ppc64_decode_bc(0x408200e0u, &off, &link) && off == 0xe0 && !link,
	      "bne .+0xe0");
	CHECK(ci_ppc64_decode_bclr_bcctr(CI_PPC64_BCTR, &ctr, &link, &always) &&
	      ctr && !link && always, "bctr");
	CHECK(ci_ppc64_decode_bclr_bcctr(CI_PPC64_BCTRL, &ctr, &link, &always) &&
	      ctr && link && always, "bctrl");
	CHECK(ci_ppc64_decode_bclr_bcctr(CI_PPC64_BLR, &ctr, &link, &always) &&
	      !ctr && !link && always, "blr");
	CHECK(ci_ppc64_decode_bclr_bcctr(0x4d820020u, &ctr, &link, &always) &&
	      !ctr && !always, "beqlr is conditional");
	CHECK(ci_ppc64_decode_bclr_bcctr(0x4c820420u, &ctr, &link, &always) &&
	      ctr && !always, "bnectr is conditional");
	CHECK(!ci_ppc64_decode_bclr_bcctr(CI_PPC64_RFID, &ctr, &link, &always),
	      "rfid is no bclr/bcctr");
	CHECK(enc_b(0x1000, 0) == 0x48001000u && enc_b(-0x2000, 1) == 0x4bffe001u &&
	      enc_bne(0xe0) == 0x408200e0u, "encoders: b, bl, bne");
}

static void test_prefixed(void)
{
	unsigned int rt, ra;
	bool pcrel;
	u32 w[2];
	s64 imm;

	CHECK(ci_ppc64_is_prefix(0x06100012u) && !ci_ppc64_is_prefix(0x39209ab0u),
	      "prefix word recognised");
	CHECK(ci_ppc64_decode_paddi(0x06100012u, 0x392034cau, &rt, &ra, &imm, &pcrel) &&
	      rt == 9 && ra == 0 && pcrel && imm == 1193162, "pla r9,1193162");
	CHECK(ci_ppc64_decode_paddi(0x0613ffffu, 0x3920fff0u, &rt, &ra, &imm, &pcrel) &&
	      pcrel && imm == -16, "pla r9,-16: sign extension");
	CHECK(ci_ppc64_decode_paddi(0x0611ffffu, 0x3860ffffu, &rt, &ra, &imm, &pcrel) &&
	      rt == 3 && imm == 0x1ffffffffll, "pla r3,8589934591: largest positive");
	CHECK(ci_ppc64_decode_pld(0x04100000u, 0xe5202088u, &rt, &ra, &imm, &pcrel) &&
	      rt == 9 && pcrel && imm == 8328, "pld r9,8328");
	CHECK(ci_ppc64_decode_pld(0x04120000u, 0xe5400000u, &rt, &ra, &imm, &pcrel) &&
	      rt == 10 && imm == -0x200000000ll, "pld r10,-8589934592: most negative");
	CHECK(ci_ppc64_decode_paddi(0x06000001u, 0x39292345u, &rt, &ra, &imm, &pcrel) &&
	      rt == 9 && ra == 9 && !pcrel && imm == 74565, "paddi r9,r9,74565,0");
	CHECK(!ci_ppc64_decode_pld(0x06100012u, 0x392034cau, &rt, &ra, &imm, &pcrel),
	      "pla is not pld");
	enc_pla(w, 9, -16);
	CHECK(w[0] == 0x0613ffffu && w[1] == 0x3920fff0u, "encoder: pla");
	enc_pld(w, 9, 8328);
	CHECK(w[0] == 0x04100000u && w[1] == 0xe5202088u, "encoder: pld");
}

void test_insn(void)
{
	test_d_forms();
	test_x_forms();
	test_branches();
	test_prefixed();
	CHECK(enc_addis(9, 2, -15) == 0x3d22fff1u && enc_addi(9, 9, 16488) == 0x39294068u &&
	      enc_ld(10, 13, 24) == 0xe94d0018u && enc_ori(10, 10, 50512) == 0x614ac550u &&
	      enc_mtctr(10) == 0x7d4903a6u && enc_ldx(12, 9, 29) == 0x7d89e82au &&
	      enc_mr(3, 30) == 0x7fc3f378u && enc_std(2, 1, 24) == 0xf8410018u,
	      "encoders: addis, addi, ld, ori, mtctr, ldx, mr, std");
}
