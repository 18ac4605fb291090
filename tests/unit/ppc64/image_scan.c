// SPDX-License-Identifier: GPL-2.0
/*
 * Host driver for the real-kernel test: map the loadable segments of a
 * ppc64le vmlinux (ELF, as Debian ships it) at their virtual addresses,
 * run the sys_call_table locator from the sc vector and report where an
 * expected address ranks among the candidates.
 *
 * usage: image_scan [-v] VMLINUX PACAKBASE PACATOC [EXPECTED [TOC]]
 * PACAKBASE and PACATOC are the PACA offsets (decimal, from the tree's
 * asm-offsets.h); EXPECTED and TOC in hex.  Without TOC (or 0) the locator
 * derives the TOC from the global entry points it meets.  The kernel base
 * is the lowest loadable address.
 * Output: "candidates N ...", "rank R" (1-based, 0 if absent), the trace
 * with -v.  Exit: 0 found (or no EXPECTED), 1 not found, 2 error.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ci_ppc64_decode.h"

#define MAX_SEGS 16

struct seg {
	u64 va, size;
	const unsigned char *bytes;
};

struct vmlinux {
	struct seg seg[MAX_SEGS];
	int n;
	u64 lowest;
};

/* Reads within one segment's file contents; the rest faults */
static int vm_read(void *ctx, u64 addr, void *buf, size_t len)
{
	const struct vmlinux *vm = ctx;
	int i;

	for (i = 0; i < vm->n; i++) {
		const struct seg *s = &vm->seg[i];

		if (addr >= s->va && addr - s->va <= s->size &&
		    len <= s->size - (addr - s->va)) {
			memcpy(buf, s->bytes + (addr - s->va), len);
			return 0;
		}
	}
	return -EFAULT;
}

static int map_vmlinux(const char *path, struct vmlinux *vm)
{
	const unsigned char *p;
	const Elf64_Ehdr *eh;
	struct stat st;
	int fd, i;

	fd = open(path, O_RDONLY);
	if (fd < 0 || fstat(fd, &st))
		return -1;
	p = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED || (size_t)st.st_size < sizeof(*eh))
		return -1;
	eh = (const Elf64_Ehdr *)p;
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) || eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_ident[EI_DATA] != ELFDATA2LSB || eh->e_machine != EM_PPC64) {
		fprintf(stderr, "image_scan: %s is not a little-endian ppc64 ELF\n", path);
		return -1;
	}
	vm->n = 0;
	vm->lowest = ~0ull;
	for (i = 0; i < eh->e_phnum && vm->n < MAX_SEGS; i++) {
		const Elf64_Phdr *ph = (const Elf64_Phdr *)(p + eh->e_phoff +
							    (size_t)i * eh->e_phentsize);

		if (ph->p_type != PT_LOAD || !ph->p_filesz ||
		    ph->p_offset + ph->p_filesz > (u64)st.st_size)
			continue;
		vm->seg[vm->n].va = ph->p_vaddr;
		vm->seg[vm->n].size = ph->p_filesz;
		vm->seg[vm->n].bytes = p + ph->p_offset;
		if (ph->p_vaddr < vm->lowest)
			vm->lowest = ph->p_vaddr;
		vm->n++;
	}
	return vm->n ? 0 : -1;
}

int main(int argc, char **argv)
{
	static struct ci_ppc64_walk work;
	static u64 cand[64];
	static char trace[4096];
	struct ci_ppc64_kernel k;
	struct vmlinux vm;
	int verbose = 0, n, i, rank = 0;
	u64 expect = 0;

	if (argc > 1 && !strcmp(argv[1], "-v")) {
		verbose = 1;
		argc--;
		argv++;
	}
	if (argc < 4 || argc > 6) {
		fprintf(stderr, "usage: image_scan [-v] VMLINUX PACAKBASE PACATOC [EXPECTED [TOC]]\n");
		return 2;
	}
	if (map_vmlinux(argv[1], &vm)) {
		fprintf(stderr, "image_scan: cannot map %s\n", argv[1]);
		return 2;
	}
	memset(&k, 0, sizeof(k));
	k.kbase = vm.lowest;
	k.paca_kbase_off = atoi(argv[2]);
	k.paca_toc_off = atoi(argv[3]);
	if (argc >= 5)
		expect = strtoull(argv[4], NULL, 16);
	if (argc == 6)
		k.toc = strtoull(argv[5], NULL, 16);

	n = ci_ppc64_find_syscall_table_candidates(&k, vm_read, &vm, &work,
						   cand, 64, trace, sizeof(trace));
	if (verbose) {
		fputs(trace, stdout);
		for (i = 0; i < n; i++)
			printf("cand %d 0x%llx flags %u\n", i + 1,
			       (unsigned long long)cand[i], work.cand_flags[i]);
	}
	if (n < 0) {
		printf("candidates 0 (error %d)\n", n);
		printf("rank 0\n");
		return expect ? 1 : 2;
	}
	for (i = 0; i < n && !rank; i++)
		if (cand[i] == expect)
			rank = i + 1;
	printf("candidates %d strong %u functions %u insns %u entry 0x%llx toc 0x%llx\n",
	       n, work.n_strong, work.n_funcs, work.n_insns,
	       (unsigned long long)work.entry, (unsigned long long)work.toc);
	printf("rank %d\n", rank);
	return (expect && !rank) ? 1 : 0;
}
