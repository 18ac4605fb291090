/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in for arm64's <asm/unistd.h>: __NR_close is arm64's (57); the
 * table sizes are variables each fuzz input sets (kshim.c), 463 in 6.12.
 */
#ifndef KSTUB_ASM_UNISTD_H
#define KSTUB_ASM_UNISTD_H
extern unsigned int kshim_nr_syscalls, kshim_nr_compat_syscalls;
#define __NR_close 57
#define NR_syscalls kshim_nr_syscalls
#define __NR_compat_syscalls kshim_nr_compat_syscalls
#endif
