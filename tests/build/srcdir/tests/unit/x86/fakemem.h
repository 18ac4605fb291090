/* SPDX-License-Identifier: GPL-2.0 */
/* A few byte regions at made-up kernel addresses, read like kernel memory. */
#ifndef FAKEMEM_H
#define FAKEMEM_H

#include <stddef.h>
#include "ci_x86_insn.h"

#define FM_MAX_REGIONS	16
#define FM_REGION_SIZE	65536

struct fm_region {
	u64 addr;
	size_t len;
	u8 bytes[FM_REGION_SIZE];
};

struct fakemem {
	unsigned int n;
	struct fm_region r[FM_MAX_REGIONS];
	unsigned int reads;
};

struct fakemem *fm_new(void);
void fm_free(struct fakemem *m);
/* Append @len bytes to the region at @addr (created on first use). */
u64 fm_put(struct fakemem *m, u64 addr, const void *b, size_t len);
/* Append and return the address where the bytes went. */
u64 fm_emit(struct fakemem *m, u64 region, const void *b, size_t len);
u64 fm_end(struct fakemem *m, u64 region);
void fm_patch32(struct fakemem *m, u64 at, u32 v);
int fm_read(void *ctx, u64 addr, void *buf, size_t len);

#endif
