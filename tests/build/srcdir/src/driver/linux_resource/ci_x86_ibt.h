/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Indirect Branch Tracking (IBT) checks on raw x86-64 instruction bytes.
 *
 * Every function here is pure: it looks only at the bytes it is handed and
 * never dereferences kernel addresses itself.  The caller fetches the bytes
 * (copy_from_kernel_nofault() in the driver, a file buffer in host tests).
 *
 * Byte patterns recognised at a function entry:
 *
 *   f3 0f 1e fa      endbr64: the function may be the target of an
 *                    indirect call or jump while IBT is enforced.
 *   66 0f 1f 00      "osp nopl (%rax)": what 6.1 .. 6.12 kernels write over
 *                    the ENDBR of functions objtool found never to be called
 *                    indirectly (sealing, done at boot in memory).
 *   0f 1f 40 d6      "nopl -0x2a(%rax)": the seal written by later kernels
 *                    (7.x); its last byte is the UDB opcode 0xd6, so a FineIBT
 *                    hash mismatch that jumps to entry+3 traps.
 *
 * Sealing is a run-time rewrite: a vmlinux file still has endbr64 at sealed
 * functions, whose addresses are listed in its .ibt_endbr_seal section.
 *
 * Around the entry:
 *   - after the ENDBR (or at the entry without IBT) kernels built with
 *     ftrace have a 5-byte __fentry__ site: "e8 rel32" (call) in the file,
 *     "0f 1f 44 00 00" (nop5) once ftrace has patched it out;
 *   - kernels built with CALL_PADDING (-fpatchable-function-entry=16,16 or
 *     -falign-functions padding) have 16 bytes before the symbol: nop or
 *     int3 padding, a kCFI type hash "b8 imm32" followed by nops, or once
 *     FineIBT is patched in a preamble that starts with endbr64.
 */
#ifndef CI_X86_IBT_H
#define CI_X86_IBT_H

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

#define CI_X86_ENDBR_LEN	4
#define CI_X86_FENTRY_LEN	5
#define CI_X86_PADDING_LEN	16

enum ci_x86_ibt_state {
	CI_X86_IBT_SHORT = 0,	/* fewer than 4 bytes given: cannot tell */
	CI_X86_IBT_ENDBR64,	/* f3 0f 1e fa */
	CI_X86_IBT_SEALED,	/* a poisoned ENDBR (see ci_x86_ibt_seal) */
	CI_X86_IBT_NO_ENDBR,	/* anything else */
};

enum ci_x86_ibt_seal {
	CI_X86_SEAL_NONE = 0,
	CI_X86_SEAL_OSP_NOP3,	/* 66 0f 1f 00: 6.1 .. 6.12 */
	CI_X86_SEAL_NOP4_UDB,	/* 0f 1f 40 d6: 7.x */
};

enum ci_x86_fentry {
	CI_X86_FENTRY_NONE = 0,
	CI_X86_FENTRY_CALL,	/* e8 rel32: unpatched or enabled site */
	CI_X86_FENTRY_NOP5,	/* 0f 1f 44 00 00: disabled site */
};

enum ci_x86_prefix {
	CI_X86_PREFIX_NONE = 0,	/* fewer than 16 bytes or not padding */
	CI_X86_PREFIX_PADDING,	/* 16 bytes of nop (0x90) / int3 (0xcc) */
	CI_X86_PREFIX_KCFI,	/* b8 imm32 then nop padding */
	CI_X86_PREFIX_FINEIBT,	/* starts with endbr64: FineIBT preamble */
};

const char *ci_x86_ibt_state_str(enum ci_x86_ibt_state s);
const char *ci_x86_ibt_seal_str(enum ci_x86_ibt_seal s);

/* Classify the first 4 bytes of a function entry. */
enum ci_x86_ibt_state ci_x86_ibt_entry_state(const u8 *bytes, size_t len);

/* Which seal pattern, if any, the first 4 bytes are. */
enum ci_x86_ibt_seal ci_x86_ibt_seal_kind(const u8 *bytes, size_t len);

/*
 * May a function whose entry starts with these bytes be called through a
 * pointer?  With IBT enforced only an endbr64 entry is a legal target; a
 * sealed one faults (#CP) and so does one without ENDBR.  Without IBT
 * anything but a sealed entry is fine (a seal means IBT was on at boot).
 */
bool ci_x86_ibt_indirect_call_ok(const u8 *bytes, size_t len, bool ibt_on);

/*
 * kprobes on IBT kernels place the probe after the ENDBR, so the address a
 * kprobe reports is entry+4.  @buf holds code, @off is the reported address
 * as an offset into @buf (so @buf[@off - 4 .. @off) are the bytes before
 * it).  Returns 4 when those bytes are endbr64 or a seal, meaning the real
 * entry is 4 bytes earlier; 0 otherwise (including when @off < 4).
 */
size_t ci_x86_ibt_kprobe_step_back(const u8 *buf, size_t len, size_t off);

/*
 * The __fentry__ site of a function entry: looks after the ENDBR or seal if
 * there is one, else at the entry.  *@site_off (may be NULL) receives its
 * offset from the entry.
 */
enum ci_x86_fentry ci_x86_ibt_fentry(const u8 *bytes, size_t len,
				     size_t *site_off);

/*
 * Classify the CI_X86_PADDING_LEN bytes before a symbol: @pre points at
 * entry - 16 and @len must be at least 16.
 */
enum ci_x86_prefix ci_x86_ibt_prefix_kind(const u8 *pre, size_t len);

#endif /* CI_X86_IBT_H */
