// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the x86_64 length decoder and walk (ci_x86_insn.c,
 * ci_x86_decode.c, unchanged).  Every decoded length is 1..15 and within
 * the bytes given; the walk from the image's start ends within its budget
 * with a known verdict.
 */
#include "fuzz_window.h"
#include "ci_x86_insn.h"

#define BASE	0xffffffff81000000ull

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_window win = { data, size, BASE, 0 };
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
	rc = ci_x86_find_sys_call_table(BASE, fuzz_window_read, &win, &res);
	(void)rc;
	FUZZ_ASSERT(res.insns <= 70000);
	FUZZ_ASSERT(ci_x86_sct_verdict_str(res.verdict) != NULL);
	return 0;
}
