/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/types.h> so that the kernel-mode branch of the
 * ci_x86_* headers can be syntax-checked on the host without a kernel
 * tree (no libc headers are reachable: -nostdinc).
 */
#ifndef KSTUB_LINUX_TYPES_H
#define KSTUB_LINUX_TYPES_H
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed char s8;
typedef int s32;
typedef long long s64;
typedef unsigned long size_t;
typedef _Bool bool;
#define true 1
#define false 0
#define NULL ((void *)0)
#endif
