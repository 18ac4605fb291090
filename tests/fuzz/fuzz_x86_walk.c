// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the x86_64 length decoder and walk (ci_x86_insn.c,
 * ci_x86_decode.c, unchanged).  Every decoded length is 1..15 and within
 * the bytes given; the walk from the image's start (or, for a map input,
 * see fuzz_window.h, from its first window: the syscall entry) ends within
 * its budget with a known verdict.
 */
#include "fuzz_window.h"
#include "ci_x86_insn.h"

#define BASE	0xffffffff81000000ull

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_window win = { .data = data, .size = size, .base = BASE };
	uint64_t entry = BASE;
	struct ci_x86_sct_result res;
	struct ci_x86_insn in;
	size_t off;
	int len, rc;

	/* the length decoder over the whole input */
	for (off = 0; off < size && off < 4096; off += len > 0 ? len : 1) {
		len = ci_x86_decode(data + off, size - off, &in);
		FUZZ_ASSERT(len <= CI_X86_MAX_INSN_LEN && (len <= 0 ||
			    (size_t)len <= size - off));
	}
	if (size < 16)
		return 0;
	memset(&res, 0, sizeof(res));
	/* a map input: the syscall entry is its first window */
	if (fuzz_window_map(&win, data, size))
		entry = win.seg[0].addr;
	rc = ci_x86_find_sys_call_table(entry, fuzz_window_read, &win, &res);
	if (getenv("FUZZ_SHOW"))	/* what one input does: run it with FUZZ_SHOW=1 */
		fprintf(stderr, "x86 walk: rc %d, %s (%s; %s at %#llx), table %#llx, dispatcher %#llx, %u insns\n",
			rc, ci_x86_sct_verdict_str(res.verdict),
			res.reason ? res.reason : "-",
			res.detail ? res.detail : "-",
			(unsigned long long)res.detail_addr,
			(unsigned long long)res.table,
			(unsigned long long)res.dispatcher, res.insns);
	FUZZ_ASSERT(res.insns <= 70000);
	FUZZ_ASSERT(ci_x86_sct_verdict_str(res.verdict) != NULL);
	return 0;
}
