/* SPDX-License-Identifier: GPL-2.0 */
/* A vmlinux ELF file mapped so that it can be read at its link addresses. */
#ifndef VMLINUX_MAP_H
#define VMLINUX_MAP_H

#include <stddef.h>
#include "ci_x86_insn.h"

struct vm_seg {
	u64 vaddr;
	u64 filesz;
	u64 memsz;
	const u8 *data;
};

struct vmlinux {
	const u8 *file;
	size_t size;
	unsigned int nseg;
	struct vm_seg seg[16];
	bool has_symtab;
};

int vm_open(struct vmlinux *v, const char *path);
void vm_close(struct vmlinux *v);
/* ci_x86_read_fn over the PT_LOAD segments (bss reads as zeros) */
int vm_read(void *ctx, u64 addr, void *buf, size_t len);
/* Section by name: its address, size and file bytes (NULL if absent). */
const u8 *vm_section(const struct vmlinux *v, const char *name, u64 *addr,
		     u64 *size);

#endif
