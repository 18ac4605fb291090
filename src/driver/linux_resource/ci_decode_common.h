/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the instruction decoders share: the fixed-width types (the kernel's,
 * or the same names on the host for the unit tests), and for the
 * sys_call_table walks (arm64, ppc64) a code reader that fetches 32-bit
 * instruction words a chunk at a time, a trace buffer, and the candidate
 * list with its evidence flags.  No allocation: callers own every buffer.
 */
#ifndef CI_DECODE_COMMON_H
#define CI_DECODE_COMMON_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;
#endif

/*
 * Read len bytes of kernel memory at addr into buf: 0 or a negative
 * errno.  Kernel: copy_from_kernel_nofault; host tests: a bounded copy.
 */
typedef int (*ci_read_fn)(void *ctx, u64 addr, void *buf, size_t len);

#define CI_CODE_CHUNK_BYTES	256	/* code read per call */

/* Fixed-width (4-byte), little-endian instruction words, read in chunks */
struct ci_code_reader {
	ci_read_fn read;
	void *ctx;
	u64 base;
	bool valid;
	u32 chunk[CI_CODE_CHUNK_BYTES / 4];
	/*
	 * The breakpoint word that kprobes write over an instruction on this
	 * architecture (0: none), and where the walk first fetched it (0: it
	 * never did).  The instruction it replaced is kept by the kprobe core
	 * (struct kprobe's opcode), out of a module's reach: whatever the walk
	 * needed from it is lost, and the caller says so with this address.
	 */
	u32 probe_insn;
	u64 probed;
};

/* The word at pc (4-byte aligned): 0 or a negative errno */
int ci_code_fetch(struct ci_code_reader *r, u64 pc, u32 *insn);

/* A NUL-terminated account of a walk, one "what value" line at a time */
struct ci_trace {
	char *buf;		/* NULL: no trace */
	size_t len;
	size_t pos;
};

void ci_trace_init(struct ci_trace *t, char *buf, size_t len);
void ci_trace_hex(struct ci_trace *t, const char *what, u64 val);
void ci_trace_num(struct ci_trace *t, const char *what, unsigned int num);

/* Candidate addresses in the order found, each with evidence flags */
struct ci_cand_list {
	u64 *addr;		/* the caller's array */
	u8 *flags;		/* as many flags as addresses */
	unsigned int n;
	unsigned int max;
};

/* Add addr (once): its index, or -1 when the list is full */
int ci_cand_add(struct ci_cand_list *l, u64 addr);

/*
 * Reorder the list by rank(flags), highest first; equal ranks keep their
 * walk order.  Returns how many have a rank above 0.
 */
unsigned int ci_cand_order(struct ci_cand_list *l,
			   unsigned int (*rank)(u8 flags));

#endif /* CI_DECODE_COMMON_H */
