/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fuzzers' memory: the input bytes mapped read-only at a fixed kernel
 * address, every read bounds-checked.  A read outside the window fails as
 * copy_from_kernel_nofault() would; reads are counted.
 */
#ifndef FUZZ_WINDOW_H
#define FUZZ_WINDOW_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fuzz_window {
	const uint8_t *data;
	size_t size;
	uint64_t base;
	unsigned long reads;
};

static inline int fuzz_window_read(void *ctx, uint64_t addr, void *buf,
				   size_t len)
{
	struct fuzz_window *w = ctx;

	w->reads++;
	if (addr < w->base || addr - w->base > w->size ||
	    len > w->size - (addr - w->base))
		return -EFAULT;
	memcpy(buf, w->data + (addr - w->base), len);
	return 0;
}

/* A property that must hold for every input: abort (a crash) if not. */
#define FUZZ_ASSERT(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "property failed: %s (%s:%d)\n",	\
			#cond, __FILE__, __LINE__);			\
		abort();						\
	}								\
} while (0)

/* The trace buffer is NUL-terminated within its size. */
static inline int fuzz_trace_ok(const char *t, size_t size)
{
	return memchr(t, '\0', size) != NULL;
}

#endif /* FUZZ_WINDOW_H */
