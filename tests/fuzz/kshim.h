/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the fuzzers set behind the kernel stand-ins of kstub/: the memory
 * copy_from_kernel_nofault() reads, the symbols sprint_symbol() names, the
 * table sizes.  Plain C: a harness includes this, not the kstub headers.
 */
#ifndef FUZZ_KSHIM_H
#define FUZZ_KSHIM_H

#include <stddef.h>

struct kshim_ops {
	/* 0, or non-zero: the read faults */
	int (*read)(void *ctx, unsigned long addr, void *buf, size_t len);
	/* "name+0xoff/0xsize[ [mod]]" into buf (size bytes), or 0: none */
	int (*symbol)(void *ctx, unsigned long addr, char *buf, size_t size);
	void *ctx;
};

extern struct kshim_ops kshim;
extern unsigned int kshim_nr_syscalls, kshim_nr_compat_syscalls;
/* the last message printk'd, and how many since kshim_reset() */
extern char kshim_last_msg[1024];
extern unsigned long kshim_msgs;
/* calls of copy_from_kernel_nofault(), and allocations not yet freed */
extern unsigned long kshim_reads, kshim_allocs;

void kshim_reset(void);

/* ci_validate.c, as resolver.h declares them */
int ci_syscall_table_check(unsigned long addr, char *why, size_t len);
int ci_compat_table_check(unsigned long addr, char *why, size_t len);
/* ci_read_kernel() with its u64 address (kshim_validate.c) */
int kshim_ci_read_kernel(unsigned long addr, void *buf, size_t len);

#endif /* FUZZ_KSHIM_H */
