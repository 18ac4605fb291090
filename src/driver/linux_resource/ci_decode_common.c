// SPDX-License-Identifier: GPL-2.0
/* What the sys_call_table walks share (see ci_decode_common.h). */
#ifdef __KERNEL__
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>
#else
#include <errno.h>
#include <stdio.h>
#include <string.h>
#endif

#include "ci_decode_common.h"

int ci_code_fetch(struct ci_code_reader *r, u64 pc, u32 *insn)
{
	u64 base = pc & ~(u64)(CI_CODE_CHUNK_BYTES - 1);
	int rc;

	if (pc & 3)
		return -EINVAL;
	if (!r->valid || r->base != base) {
		r->valid = false;
		rc = r->read(r->ctx, base, r->chunk, sizeof(r->chunk));
		if (rc)
			return rc < 0 ? rc : -EFAULT;
		r->base = base;
		r->valid = true;
	}
	*insn = r->chunk[(pc - base) / 4];	/* little-endian kernels */
	if (r->probe_insn && *insn == r->probe_insn && !r->probed)
		r->probed = pc;
	return 0;
}

void ci_trace_init(struct ci_trace *t, char *buf, size_t len)
{
	t->buf = len ? buf : NULL;
	t->len = buf ? len : 0;
	t->pos = 0;
	if (t->buf)
		t->buf[0] = '\0';
}

static void ci_trace_line(struct ci_trace *t, const char *fmt,
			  const char *what, unsigned long long val)
{
	size_t room;
	int n;

	if (!t->buf || t->pos + 1 >= t->len)
		return;
	room = t->len - t->pos;
	n = snprintf(t->buf + t->pos, room, fmt, what, val);
	if (n < 0)
		return;
	t->pos += ((size_t)n < room) ? (size_t)n : room - 1;
}

/*
 * An address in a trace.  In the kernel a trace can end up in dmesg, which
 * any user may read (dmesg_restrict=0): hashed, as printk's %p.  The host
 * tests and fuzzers print the value.
 */
void ci_trace_hex(struct ci_trace *t, const char *what, u64 val)
{
#ifdef __KERNEL__
	size_t room;
	int n;

	if (!t->buf || t->pos + 1 >= t->len)
		return;
	room = t->len - t->pos;
	n = snprintf(t->buf + t->pos, room, "%s %p\n", what,
		     (void *)(unsigned long)val);
	if (n < 0)
		return;
	t->pos += ((size_t)n < room) ? (size_t)n : room - 1;
#else
	ci_trace_line(t, "%s 0x%llx\n", what, (unsigned long long)val);
#endif
}

void ci_trace_num(struct ci_trace *t, const char *what, unsigned int num)
{
	ci_trace_line(t, "%s %llu\n", what, num);
}

int ci_cand_add(struct ci_cand_list *l, u64 addr)
{
	unsigned int i;

	for (i = 0; i < l->n; i++)
		if (l->addr[i] == addr)
			return (int)i;
	if (l->n >= l->max)
		return -1;
	l->flags[l->n] = 0;
	l->addr[l->n++] = addr;
	return (int)(l->n - 1);
}

unsigned int ci_cand_order(struct ci_cand_list *l,
			   unsigned int (*rank)(u8 flags))
{
	unsigned int i, j, best, ranked = 0;
	u64 addr;
	u8 flags;

	/* Insertion sort, stable: lists are short (at most a few hundred) */
	for (i = 1; i < l->n; i++) {
		addr = l->addr[i];
		flags = l->flags[i];
		best = rank(flags);
		for (j = i; j > 0 && rank(l->flags[j - 1]) < best; j--) {
			l->addr[j] = l->addr[j - 1];
			l->flags[j] = l->flags[j - 1];
		}
		l->addr[j] = addr;
		l->flags[j] = flags;
	}
	for (i = 0; i < l->n; i++)
		if (rank(l->flags[i]))
			ranked++;
	return ranked;
}
