/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-ins for the few kernel headers ci_validate.c and resolver.c
 * include, so that the fuzzers compile those files unchanged.  The types
 * are the kernel's (u64 is unsigned long long on every architecture).
 * The functions behind them are in tests/fuzz/kshim.c.
 */
#ifndef KSTUB_LINUX_TYPES_H
#define KSTUB_LINUX_TYPES_H
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed char s8;
typedef short s16;
typedef int s32;
typedef long long s64;
typedef unsigned int gfp_t;
#endif
