// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the ppc64le walk (ci_ppc64_decode.c, unchanged) over an
 * arbitrary image that starts at the sc vector (kernel base + 0xc00).  The
 * last byte picks whether the TOC is given (as the PACA's) or derived.  Properties: the walk ends within its
 * instruction budget, returns a valid count or error, reports only
 * distinct, 8-byte aligned kernel addresses, and its trace stays within
 * its buffer.
 */
#include "fuzz_window.h"
#include "ci_ppc64_decode.h"

#define KBASE	0xc000000000000000ull

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ci_ppc64_walk walk;
	static u64 cand[64];
	static char trace[1024];
	struct fuzz_window win = { .data = data, .size = size,
				   .base = KBASE + CI_PPC64_VECTOR_SC };
	struct ci_ppc64_kernel k = {
		.kbase = KBASE, .paca_kbase_off = 24, .paca_toc_off = 16,
	};
	int n, i, j;

	if (size < 4)
		return 0;
	if (data[size - 1] & 1)
		k.toc = KBASE + 0x40000 + ((u64)data[size - 1] << 8);
	n = ci_ppc64_find_syscall_table_candidates(&k, fuzz_window_read, &win,
						   &walk, cand, 64, trace,
						   sizeof(trace));
	FUZZ_ASSERT(n == -ENOENT || n == -EFAULT || (n > 0 && n <= 64));
	FUZZ_ASSERT(walk.n_insns <= CI_PPC64_WALK_MAX_INSNS +
				    CI_PPC64_ENTRY_MAX_INSNS + 1);
	FUZZ_ASSERT(fuzz_trace_ok(trace, sizeof(trace)));
	for (i = 0; i < n; i++) {
		FUZZ_ASSERT(cand[i] >= KBASE && !(cand[i] & 7));
		for (j = 0; j < i; j++)
			FUZZ_ASSERT(cand[i] != cand[j]);
	}
	FUZZ_ASSERT(n <= 0 || walk.n_strong <= (unsigned int)n);
	return 0;
}
