// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the arm64 walk (ci_arm64_decode.c, unchanged) over an
 * arbitrary image that starts at the vector slot walked from: the AArch64
 * synchronous slot (VBAR + 0x400), or the AArch32 one (+0x600) when the
 * last byte is odd; or a map input (fuzz_window.h) whose first window is the
 * vector table, as the seeds from real kernels are.  Properties: the walk ends within
 * its instruction budget, returns a valid count or error, reports distinct
 * candidates, and its trace stays within its buffer.
 */
#include "fuzz_window.h"
#include "ci_arm64_decode.h"

#define VBAR	0xffff800080010000ull

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ci_arm64_walk walk;
	static u64 cand[64];
	static char trace[1024];
	u64 slot = CI_ARM64_VECTOR_EL0_SYNC;
	u64 vbar = VBAR;
	struct fuzz_window win;
	int n, i, j;

	if (size < 4)
		return 0;
	if (data[size - 1] & 1)
		slot = CI_ARM64_VECTOR_EL0_SYNC32;
	win = (struct fuzz_window){ .data = data, .size = size, .base = VBAR + slot };
	/* a map input: the vector table is its first window */
	if (fuzz_window_map(&win, data, size))
		vbar = win.seg[0].addr;
	n = ci_arm64_find_table_candidates_at(vbar, slot, fuzz_window_read, &win,
					      &walk, cand, 64, trace,
					      sizeof(trace));
	if (getenv("FUZZ_SHOW"))	/* what one input does: run it with FUZZ_SHOW=1 */
		fprintf(stderr, "arm64 walk: %d candidates (%u strong), %u insns, first %#llx: %s\n",
			n, walk.n_strong, walk.n_insns,
			n > 0 ? (unsigned long long)cand[0] : 0ull, trace);
	/* VBAR_EL1 is 2 KiB aligned: a map input may say otherwise */
	FUZZ_ASSERT((n == -EINVAL) == !!(vbar & 0x7ff));
	if (n == -EINVAL)
		return 0;
	FUZZ_ASSERT(n == -ENOENT || n == -EFAULT || (n > 0 && n <= 64));
	FUZZ_ASSERT(walk.n_insns <= CI_ARM64_WALK_MAX_INSNS +
				    CI_ARM64_ENTRY_MAX_INSNS + 1);
	FUZZ_ASSERT(fuzz_trace_ok(trace, sizeof(trace)));
	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++)
			FUZZ_ASSERT(cand[i] != cand[j]);
	FUZZ_ASSERT(n <= 0 || walk.n_strong <= (unsigned int)n);
	return 0;
}
