// SPDX-License-Identifier: GPL-2.0
/*
 * Host driver for the real-kernel test: map a raw arm64 Image at the
 * virtual address of _text, run the sys_call_table locator from a VBAR
 * and report where an expected address ranks among the candidates.
 *
 * usage: image_scan IMAGE TEXT_VA VBAR [EXPECTED]   (addresses in hex)
 * Output: "candidates N", "rank R" (1-based, 0 if absent) and the trace
 * with -v.  Exit: 0 found (or no EXPECTED), 1 not found, 2 error.
 *
 * Absolute addresses in the file (literal pools: the 5.10 BHB vectors load
 * "vectors" from one) are zero until the kernel relocates itself at boot.
 * Where the image carries its R_AARCH64_RELATIVE entries as RELA (kernels
 * linked without RELR), they are applied first, as the kernel does with
 * KASLR off: each slot gets its addend.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ci_arm64_decode.h"

struct image {
	unsigned char *data;
	size_t size;
	u64 base;
};

static int image_read(void *ctx, u64 addr, void *buf, size_t len)
{
	struct image *im = ctx;

	if (addr < im->base || addr - im->base > im->size ||
	    len > im->size - (addr - im->base))
		return -EFAULT;
	memcpy(buf, im->data + (addr - im->base), len);
	return 0;
}

#define R_AARCH64_RELATIVE	1027
#define RELA_MIN_RUN		256	/* entries in a row: a relocation table */

struct rela {
	u64 offset, info, addend;
};

static int in_image(const struct image *im, u64 va, size_t len)
{
	return va >= im->base && va - im->base <= im->size - len;
}

/* Apply every run of RELA_MIN_RUN or more RELATIVE entries; returns the count */
static unsigned long apply_relocs(struct image *im)
{
	unsigned long applied = 0;
	size_t off, run, i;
	struct rela r;

	for (off = 0; off + sizeof(r) <= im->size; off += 8) {
		for (run = 0; off + (run + 1) * sizeof(r) <= im->size; run++) {
			memcpy(&r, im->data + off + run * sizeof(r), sizeof(r));
			if (r.info != R_AARCH64_RELATIVE ||
			    !in_image(im, r.offset, 8))
				break;
		}
		if (run < RELA_MIN_RUN)
			continue;
		for (i = 0; i < run; i++) {
			memcpy(&r, im->data + off + i * sizeof(r), sizeof(r));
			memcpy(im->data + (r.offset - im->base), &r.addend, 8);
		}
		applied += run;
		off += run * sizeof(r) - 8;
	}
	return applied;
}

static int load(const char *path, struct image *im)
{
	FILE *f = fopen(path, "rb");
	long n;

	if (!f)
		return -1;
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) <= 0 ||
	    fseek(f, 0, SEEK_SET)) {
		fclose(f);
		return -1;
	}
	im->data = malloc(n);
	im->size = (size_t)n;
	if (!im->data || fread(im->data, 1, im->size, f) != im->size) {
		fclose(f);
		return -1;
	}
	fclose(f);
	return 0;
}

int main(int argc, char **argv)
{
	static struct ci_arm64_walk work;
	static u64 cand[64];
	static char trace[4096];
	struct image im;
	u64 vbar, expect = 0;
	int verbose = 0, n, i, rank = 0;

	if (argc > 1 && !strcmp(argv[1], "-v")) {
		verbose = 1;
		argc--;
		argv++;
	}
	if (argc < 4 || argc > 5) {
		fprintf(stderr, "usage: image_scan [-v] IMAGE TEXT_VA VBAR [EXPECTED]\n");
		return 2;
	}
	if (load(argv[1], &im)) {
		fprintf(stderr, "image_scan: cannot read %s\n", argv[1]);
		return 2;
	}
	im.base = strtoull(argv[2], NULL, 16);
	vbar = strtoull(argv[3], NULL, 16);
	if (argc == 5)
		expect = strtoull(argv[4], NULL, 16);
	printf("relocations %lu\n", apply_relocs(&im));

	n = ci_arm64_find_syscall_table_candidates(vbar, image_read, &im, &work,
						   cand, 64, trace,
						   sizeof(trace));
	if (verbose) {
		fputs(trace, stdout);
		for (i = 0; i < n; i++)
			printf("cand %d 0x%llx\n", i + 1,
			       (unsigned long long)cand[i]);
	}
	if (n < 0) {
		printf("candidates 0 (error %d)\n", n);
		printf("rank 0\n");
		return expect ? 1 : 2;
	}
	for (i = 0; i < n; i++)
		if (cand[i] == expect && !rank)
			rank = i + 1;
	printf("candidates %d functions %u insns %u\n", n, work.n_funcs,
	       work.n_insns);
	printf("rank %d\n", rank);
	return (expect && !rank) ? 1 : 0;
}
