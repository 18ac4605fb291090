/* SPDX-License-Identifier: GPL-2.0 */
/*
 * AArch64 instruction predicates and decoders working on one 32-bit
 * instruction word.  Used by the sys_call_table locator; builds both in
 * the kernel and in host unit tests.
 *
 * All branch and address decoders return byte offsets relative to the
 * address of the instruction itself (adrp: relative to its 4 KiB page).
 */
#ifndef CI_ARM64_INSN_H
#define CI_ARM64_INSN_H

#include "ci_decode_common.h"

#define CI_ARM64_INSN_SIZE	4
#define CI_ARM64_REG_SP		31	/* as Rn of add/ldr; xzr elsewhere */
#define CI_ARM64_REG_LR		30
#define CI_ARM64_REG_SCS	18	/* shadow call stack pointer */
/* brk #0x4 (KPROBES_BRK_IMM): what a kprobe writes over an instruction */
#define CI_ARM64_KPROBE_BRK	0xd4200080u

/* Fixed encodings of the hint-space and shadow call stack forms */
#define CI_ARM64_NOP		0xd503201fu
#define CI_ARM64_PACIASP	0xd503233fu
#define CI_ARM64_PACIBSP	0xd503237fu
#define CI_ARM64_AUTIASP	0xd50323bfu
#define CI_ARM64_AUTIBSP	0xd50323ffu
#define CI_ARM64_BTI		0xd503241fu
#define CI_ARM64_BTI_C		0xd503245fu
#define CI_ARM64_BTI_J		0xd503249fu
#define CI_ARM64_BTI_JC		0xd50324dfu
#define CI_ARM64_SCS_PUSH	0xf800865eu	/* str x30, [x18], #8 */
#define CI_ARM64_SCS_POP	0xf85f8e5eu	/* ldr x30, [x18, #-8]! */

/* ADRP Xd, label: *page_off is the signed byte offset of the 4 KiB page */
bool ci_arm64_decode_adrp(u32 insn, unsigned int *rd, s64 *page_off);
/* The page an adrp at pc refers to */
u64 ci_arm64_adrp_page(u64 pc, s64 page_off);

/*
 * ADR Xd, label: *off is the signed byte offset from pc.  lld relaxes an
 * adrp/add pair into "nop; adr" when the target is within 1 MiB.
 */
bool ci_arm64_decode_adr(u32 insn, unsigned int *rd, s64 *off);

/* ADD Xd, Xn|SP, #imm{, lsl #12} (64-bit, not flag setting) */
bool ci_arm64_decode_add_imm(u32 insn, unsigned int *rd, unsigned int *rn,
			     u64 *imm);

/* B label / BL label: signed 26-bit word offset, returned in bytes */
bool ci_arm64_decode_b(u32 insn, s64 *off);
bool ci_arm64_decode_bl(u32 insn, s64 *off);

/*
 * Conditional branches: b.cond (and bc.cond), cbz, cbnz, tbz, tbnz.
 * Only the target is decoded: enough to track a function's extent.
 */
bool ci_arm64_decode_cond_branch(u32 insn, s64 *off);

/* Register branches; ret also matches retaa/retab (then *rn = 30) */
bool ci_arm64_is_ret(u32 insn, unsigned int *rn);
bool ci_arm64_is_br(u32 insn, unsigned int *rn);
bool ci_arm64_is_blr(u32 insn, unsigned int *rn);

/* MRS Xt, ESR_EL1 */
bool ci_arm64_is_mrs_esr_el1(u32 insn, unsigned int *rt);

/* Forms found at function entry that do not change program state */
bool ci_arm64_is_nop(u32 insn);
bool ci_arm64_is_bti(u32 insn);
bool ci_arm64_is_pac_hint(u32 insn);
bool ci_arm64_is_scs_push(u32 insn);
bool ci_arm64_is_prologue_skippable(u32 insn);

/*
 * LDR (literal): Wt/Xt/LDRSW, with the signed byte offset from the
 * instruction; *size is the access size in bytes (4 or 8).
 */
bool ci_arm64_decode_ldr_literal(u32 insn, unsigned int *rt, s64 *off,
				 unsigned int *size);

/* LDR Xt, [Xn, Xm|Wm{, extend/lsl} #3]: a table lookup by index */
bool ci_arm64_decode_ldr_x_index(u32 insn, unsigned int *rt,
				 unsigned int *rn, unsigned int *rm);

/*
 * Best-effort: the general purpose register an instruction writes, for
 * register tracking.  Returns the number of registers stored in regs[]
 * (0, 1 or 2).  Branches report none (callers model bl themselves).
 */
unsigned int ci_arm64_written_regs(u32 insn, unsigned int regs[2]);

#endif /* CI_ARM64_INSN_H */
