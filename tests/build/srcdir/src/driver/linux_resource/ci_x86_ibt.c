// SPDX-License-Identifier: GPL-2.0
/*
 * IBT checks on raw x86-64 instruction bytes: see ci_x86_ibt.h.
 */
#if defined(__KERNEL__) && !defined(CONFIG_X86_64)
#error "ci_x86_ibt.c is for x86_64 kernels only"
#endif

#include "ci_x86_ibt.h"

static const u8 endbr64_bytes[CI_X86_ENDBR_LEN] = { 0xf3, 0x0f, 0x1e, 0xfa };
static const u8 seal_osp_nop3[CI_X86_ENDBR_LEN] = { 0x66, 0x0f, 0x1f, 0x00 };
static const u8 seal_nop4_udb[CI_X86_ENDBR_LEN] = { 0x0f, 0x1f, 0x40, 0xd6 };
static const u8 nop5_bytes[CI_X86_FENTRY_LEN] = { 0x0f, 0x1f, 0x44, 0x00, 0x00 };

static bool same(const u8 *a, const u8 *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

const char *ci_x86_ibt_state_str(enum ci_x86_ibt_state s)
{
	switch (s) {
	case CI_X86_IBT_SHORT:
		return "short";
	case CI_X86_IBT_ENDBR64:
		return "endbr64";
	case CI_X86_IBT_SEALED:
		return "sealed";
	case CI_X86_IBT_NO_ENDBR:
		return "no-endbr";
	}
	return "?";
}

const char *ci_x86_ibt_seal_str(enum ci_x86_ibt_seal s)
{
	switch (s) {
	case CI_X86_SEAL_NONE:
		return "none";
	case CI_X86_SEAL_OSP_NOP3:
		return "66 0f 1f 00 (osp nopl)";
	case CI_X86_SEAL_NOP4_UDB:
		return "0f 1f 40 d6 (nopl -42, UDB)";
	}
	return "?";
}

enum ci_x86_ibt_seal ci_x86_ibt_seal_kind(const u8 *bytes, size_t len)
{
	if (!bytes || len < CI_X86_ENDBR_LEN)
		return CI_X86_SEAL_NONE;
	if (same(bytes, seal_osp_nop3, CI_X86_ENDBR_LEN))
		return CI_X86_SEAL_OSP_NOP3;
	if (same(bytes, seal_nop4_udb, CI_X86_ENDBR_LEN))
		return CI_X86_SEAL_NOP4_UDB;
	return CI_X86_SEAL_NONE;
}

enum ci_x86_ibt_state ci_x86_ibt_entry_state(const u8 *bytes, size_t len)
{
	if (!bytes || len < CI_X86_ENDBR_LEN)
		return CI_X86_IBT_SHORT;
	if (same(bytes, endbr64_bytes, CI_X86_ENDBR_LEN))
		return CI_X86_IBT_ENDBR64;
	if (ci_x86_ibt_seal_kind(bytes, len) != CI_X86_SEAL_NONE)
		return CI_X86_IBT_SEALED;
	return CI_X86_IBT_NO_ENDBR;
}

bool ci_x86_ibt_indirect_call_ok(const u8 *bytes, size_t len, bool ibt_on)
{
	switch (ci_x86_ibt_entry_state(bytes, len)) {
	case CI_X86_IBT_ENDBR64:
		return true;
	case CI_X86_IBT_NO_ENDBR:
		return !ibt_on;
	case CI_X86_IBT_SEALED:
	case CI_X86_IBT_SHORT:
		break;
	}
	return false;
}

size_t ci_x86_ibt_kprobe_step_back(const u8 *buf, size_t len, size_t off)
{
	enum ci_x86_ibt_state s;

	if (!buf || off < CI_X86_ENDBR_LEN || off > len)
		return 0;
	s = ci_x86_ibt_entry_state(buf + off - CI_X86_ENDBR_LEN,
				   CI_X86_ENDBR_LEN);
	if (s == CI_X86_IBT_ENDBR64 || s == CI_X86_IBT_SEALED)
		return CI_X86_ENDBR_LEN;
	return 0;
}

enum ci_x86_fentry ci_x86_ibt_fentry(const u8 *bytes, size_t len,
				     size_t *site_off)
{
	size_t at = 0;
	enum ci_x86_ibt_state s = ci_x86_ibt_entry_state(bytes, len);

	if (s == CI_X86_IBT_ENDBR64 || s == CI_X86_IBT_SEALED)
		at = CI_X86_ENDBR_LEN;
	if (site_off)
		*site_off = at;
	if (!bytes || len < at + CI_X86_FENTRY_LEN)
		return CI_X86_FENTRY_NONE;
	if (bytes[at] == 0xe8)
		return CI_X86_FENTRY_CALL;
	if (same(bytes + at, nop5_bytes, CI_X86_FENTRY_LEN))
		return CI_X86_FENTRY_NOP5;
	return CI_X86_FENTRY_NONE;
}

static bool is_pad(u8 b)
{
	return b == 0x90 || b == 0xcc;
}

static bool all_pad(const u8 *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!is_pad(b[i]))
			return false;
	return true;
}

enum ci_x86_prefix ci_x86_ibt_prefix_kind(const u8 *pre, size_t len)
{
	if (!pre || len < CI_X86_PADDING_LEN)
		return CI_X86_PREFIX_NONE;
	if (all_pad(pre, CI_X86_PADDING_LEN))
		return CI_X86_PREFIX_PADDING;
	/* kCFI: "mov $hash, %eax" then nops up to the symbol */
	if (pre[0] == 0xb8 && all_pad(pre + 5, CI_X86_PADDING_LEN - 5))
		return CI_X86_PREFIX_KCFI;
	if (same(pre, endbr64_bytes, CI_X86_ENDBR_LEN))
		return CI_X86_PREFIX_FINEIBT;
	return CI_X86_PREFIX_NONE;
}
