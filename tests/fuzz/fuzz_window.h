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

#define FUZZ_MAX_SEGS	16

struct fuzz_seg {
	uint64_t addr;
	const uint8_t *data;
	size_t size;
};

/*
 * An input is either one window at a fixed address (base), or, when it
 * begins with "FZSG", a map of up to FUZZ_MAX_SEGS windows at addresses of
 * their own: the seeds taken from real kernels (tests/fuzz/seeds-from-vmlinux)
 * hold the entry code and each function on the path at its own address.
 *   "FZSG", u8 n, n x (u64 addr, u32 len) little-endian, then the n
 *   windows' bytes one after the other (cut short where the input ends).
 */
struct fuzz_window {
	const uint8_t *data;
	size_t size;
	uint64_t base;
	unsigned long reads;
	unsigned int nseg;
	struct fuzz_seg seg[FUZZ_MAX_SEGS];
};

static inline uint64_t fuzz_le(const uint8_t *p, int n)
{
	uint64_t v = 0;

	while (n--)
		v = (v << 8) | p[n];
	return v;
}

/* Parse a map input into @w: 1 if it was one (seg[0] is the entry), else 0. */
static inline int fuzz_window_map(struct fuzz_window *w, const uint8_t *data,
				  size_t size)
{
	size_t hdr, off;
	unsigned int i, n;

	if (size < 5 || memcmp(data, "FZSG", 4))
		return 0;
	n = data[4];
	if (n == 0 || n > FUZZ_MAX_SEGS)
		return 0;
	hdr = 5 + (size_t)n * 12;
	if (size < hdr)
		return 0;
	off = hdr;
	for (i = 0; i < n; i++) {
		const uint8_t *e = data + 5 + i * 12;
		size_t len = fuzz_le(e + 8, 4);

		if (len > size - off)
			len = size - off;
		w->seg[i] = (struct fuzz_seg){ fuzz_le(e, 8), data + off, len };
		off += len;
	}
	w->nseg = n;
	return 1;
}

static inline int fuzz_window_read(void *ctx, uint64_t addr, void *buf,
				   size_t len)
{
	struct fuzz_window *w = ctx;
	unsigned int i;

	w->reads++;
	for (i = 0; i < w->nseg; i++) {
		const struct fuzz_seg *s = &w->seg[i];

		if (addr >= s->addr && addr - s->addr <= s->size &&
		    len <= s->size - (addr - s->addr)) {
			memcpy(buf, s->data + (addr - s->addr), len);
			return 0;
		}
	}
	if (w->nseg || addr < w->base || addr - w->base > w->size ||
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
