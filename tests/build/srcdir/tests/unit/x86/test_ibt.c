// SPDX-License-Identifier: GPL-2.0
/* Synthetic byte-pattern tests for ci_x86_ibt.c. */
#include <string.h>
#include "t_util.h"
#include "ci_x86_ibt.h"

static const u8 endbr[] = { 0xf3, 0x0f, 0x1e, 0xfa };
static const u8 seal6[] = { 0x66, 0x0f, 0x1f, 0x00 };	/* 6.1 .. 6.12 */
static const u8 seal7[] = { 0x0f, 0x1f, 0x40, 0xd6 };	/* 7.x */
static const u8 nop5[] = { 0x0f, 0x1f, 0x44, 0x00, 0x00 };

/* Build "prefix16 | entry4 | site5 | push %rbp" into @b; return entry off. */
static size_t make_fn(u8 *b, const u8 *pre, const u8 *entry, const u8 *site)
{
	memcpy(b, pre, 16);
	memcpy(b + 16, entry, 4);
	memcpy(b + 20, site, 5);
	b[25] = 0x55;
	return 16;
}

static void entry_states(void)
{
	static const u8 plain[] = { 0x55, 0x48, 0x89, 0xe5 };	/* push; mov */
	static const u8 almost[] = { 0xf3, 0x0f, 0x1e, 0xfb };	/* endbr32 */

	CHECK(ci_x86_ibt_entry_state(endbr, 4) == CI_X86_IBT_ENDBR64,
	      "ibt: f3 0f 1e fa is endbr64");
	CHECK(ci_x86_ibt_entry_state(seal6, 4) == CI_X86_IBT_SEALED &&
	      ci_x86_ibt_seal_kind(seal6, 4) == CI_X86_SEAL_OSP_NOP3,
	      "ibt: 66 0f 1f 00 is the 6.x seal");
	CHECK(ci_x86_ibt_entry_state(seal7, 4) == CI_X86_IBT_SEALED &&
	      ci_x86_ibt_seal_kind(seal7, 4) == CI_X86_SEAL_NOP4_UDB,
	      "ibt: 0f 1f 40 d6 is the 7.x seal");
	CHECK(ci_x86_ibt_entry_state(plain, 4) == CI_X86_IBT_NO_ENDBR,
	      "ibt: push %%rbp entry has no endbr");
	CHECK(ci_x86_ibt_entry_state(almost, 4) == CI_X86_IBT_NO_ENDBR,
	      "ibt: endbr32 is not accepted as endbr64");
	CHECK(ci_x86_ibt_entry_state(nop5, 5) == CI_X86_IBT_NO_ENDBR,
	      "ibt: nop5 (ftrace) at entry is not a seal");
	CHECK(ci_x86_ibt_entry_state(endbr, 3) == CI_X86_IBT_SHORT &&
	      ci_x86_ibt_entry_state(NULL, 4) == CI_X86_IBT_SHORT,
	      "ibt: short or NULL input is SHORT");
}

static void indirect_ok(void)
{
	static const u8 plain[] = { 0x55, 0x48, 0x89, 0xe5 };

	CHECK(ci_x86_ibt_indirect_call_ok(endbr, 4, true),
	      "ibt: endbr64 entry may be called indirectly with IBT");
	CHECK(!ci_x86_ibt_indirect_call_ok(seal6, 4, true) &&
	      !ci_x86_ibt_indirect_call_ok(seal7, 4, true) &&
	      !ci_x86_ibt_indirect_call_ok(seal7, 4, false),
	      "ibt: sealed entries are never indirect-call safe");
	CHECK(!ci_x86_ibt_indirect_call_ok(plain, 4, true) &&
	      ci_x86_ibt_indirect_call_ok(plain, 4, false),
	      "ibt: no-endbr entry is safe only without IBT");
	CHECK(!ci_x86_ibt_indirect_call_ok(endbr, 2, false),
	      "ibt: too few bytes is never safe");
}

static void kprobe_back(void)
{
	u8 b[32];
	size_t e;

	memset(b, 0xcc, sizeof(b));
	e = make_fn(b, b, endbr, nop5);
	CHECK(ci_x86_ibt_kprobe_step_back(b, sizeof(b), e + 4) == 4,
	      "kprobe: address past endbr64 steps back 4");
	CHECK(ci_x86_ibt_kprobe_step_back(b, sizeof(b), e) == 0,
	      "kprobe: address at the entry does not step back");
	memcpy(b + e, seal6, 4);
	CHECK(ci_x86_ibt_kprobe_step_back(b, sizeof(b), e + 4) == 4,
	      "kprobe: address past a 6.x seal steps back 4");
	memcpy(b + e, seal7, 4);
	CHECK(ci_x86_ibt_kprobe_step_back(b, sizeof(b), e + 4) == 4,
	      "kprobe: address past a 7.x seal steps back 4");
	CHECK(ci_x86_ibt_kprobe_step_back(b, sizeof(b), 3) == 0 &&
	      ci_x86_ibt_kprobe_step_back(b, 8, 20) == 0,
	      "kprobe: offsets outside the buffer do not step back");
	b[e + 4] = 0x55;
	memcpy(b + e, "\x48\x89\xe5\x90", 4);
	CHECK(ci_x86_ibt_kprobe_step_back(b, sizeof(b), e + 4) == 0,
	      "kprobe: no endbr before the address: no step back");
}

static void fentry_and_padding(void)
{
	static const u8 call5[] = { 0xe8, 0x10, 0x20, 0x30, 0x40 };
	static const u8 nops[16] = {
		0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90,
		0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90 };
	u8 pre[16], b[32];
	size_t off = 99, e;

	e = make_fn(b, nops, endbr, nop5);
	CHECK(ci_x86_ibt_fentry(b + e, 9, &off) == CI_X86_FENTRY_NOP5 &&
	      off == 4, "fentry: nop5 after endbr64 at +4");
	e = make_fn(b, nops, seal7, call5);
	CHECK(ci_x86_ibt_fentry(b + e, 9, &off) == CI_X86_FENTRY_CALL &&
	      off == 4, "fentry: call after a seal at +4");
	CHECK(ci_x86_ibt_fentry(call5, 5, &off) == CI_X86_FENTRY_CALL &&
	      off == 0, "fentry: call at entry without IBT");
	CHECK(ci_x86_ibt_fentry(b + e, 8, NULL) == CI_X86_FENTRY_NONE,
	      "fentry: truncated site is NONE");

	CHECK(ci_x86_ibt_prefix_kind(b, 16) == CI_X86_PREFIX_PADDING,
	      "padding: 16 x nop before the symbol");
	memset(pre, 0xcc, 16);
	CHECK(ci_x86_ibt_prefix_kind(pre, 16) == CI_X86_PREFIX_PADDING,
	      "padding: 16 x int3 before the symbol");
	memcpy(pre, nops, 16);
	memcpy(pre, "\xb8\x78\x56\x34\x12", 5);
	CHECK(ci_x86_ibt_prefix_kind(pre, 16) == CI_X86_PREFIX_KCFI,
	      "padding: kCFI hash + nops before the symbol");
	memcpy(pre, endbr, 4);
	CHECK(ci_x86_ibt_prefix_kind(pre, 16) == CI_X86_PREFIX_FINEIBT,
	      "padding: FineIBT preamble starts with endbr64");
	pre[0] = 0xc3;
	CHECK(ci_x86_ibt_prefix_kind(pre, 16) == CI_X86_PREFIX_NONE &&
	      ci_x86_ibt_prefix_kind(nops, 15) == CI_X86_PREFIX_NONE,
	      "padding: code or short buffer is not padding");
	/* entry state of a padded function is read at the symbol, not -16 */
	e = make_fn(b, nops, endbr, nop5);
	CHECK(ci_x86_ibt_entry_state(b + e, 4) == CI_X86_IBT_ENDBR64 &&
	      ci_x86_ibt_entry_state(b, 4) == CI_X86_IBT_NO_ENDBR,
	      "padding: endbr found at the symbol, not in its padding");
}

void test_ibt(void)
{
	entry_states();
	indirect_ok();
	kprobe_back();
	fentry_and_padding();
}
