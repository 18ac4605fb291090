// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>
#include <assert.h>
#include "fakemem.h"

struct fakemem *fm_new(void)
{
	return calloc(1, sizeof(struct fakemem));
}

void fm_free(struct fakemem *m)
{
	free(m);
}

static struct fm_region *find(struct fakemem *m, u64 addr)
{
	unsigned int i;

	for (i = 0; i < m->n; i++)
		if (m->r[i].addr == addr)
			return &m->r[i];
	assert(m->n < FM_MAX_REGIONS);
	m->r[m->n].addr = addr;
	m->r[m->n].len = 0;
	return &m->r[m->n++];
}

u64 fm_emit(struct fakemem *m, u64 region, const void *b, size_t len)
{
	struct fm_region *r = find(m, region);
	u64 at = r->addr + r->len;

	assert(r->len + len <= FM_REGION_SIZE);
	memcpy(r->bytes + r->len, b, len);
	r->len += len;
	return at;
}

u64 fm_put(struct fakemem *m, u64 addr, const void *b, size_t len)
{
	return fm_emit(m, addr, b, len);
}

u64 fm_end(struct fakemem *m, u64 region)
{
	struct fm_region *r = find(m, region);

	return r->addr + r->len;
}

void fm_patch32(struct fakemem *m, u64 at, u32 v)
{
	unsigned int i;

	for (i = 0; i < m->n; i++) {
		struct fm_region *r = &m->r[i];

		if (at >= r->addr && at + 4 <= r->addr + r->len) {
			memcpy(r->bytes + (at - r->addr), &v, 4);
			return;
		}
	}
	assert(0);
}

int fm_read(void *ctx, u64 addr, void *buf, size_t len)
{
	struct fakemem *m = ctx;
	unsigned int i;

	m->reads++;
	for (i = 0; i < m->n; i++) {
		struct fm_region *r = &m->r[i];

		if (addr >= r->addr && addr - r->addr <= r->len &&
		    len <= r->len - (addr - r->addr)) {
			memcpy(buf, r->bytes + (addr - r->addr), len);
			return 0;
		}
	}
	return -1;
}
