// SPDX-License-Identifier: GPL-2.0
/*
 * The ppc64 locator on synthetic kernels: the sc vector, its jump to the
 * common entry code, system_call_exception with its global entry point and
 * each way of forming the table's address (addis/addi apart, addis/ld of a
 * TOC entry, pla and pld on Power10), plus decoys and failures.
 */
#include <errno.h>
#include <string.h>

#include "check.h"
#include "ci_ppc64_decode.h"
#include "ppc_enc.h"

#define KBASE		0xc000000000000000ull
#define MEM_SIZE	0x40000
#define ENTRY_OFF	0xc550		/* system_call_common_real */
#define SCE_OFF		0x2aed0		/* system_call_exception (GEP) */
#define TOC_OFF		0x38100		/* .TOC. */
#define TABLE_OFF	0x30168		/* sys_call_table */
#define DECOY_OFF	0x31000		/* another table, not called */
#define GOT_OFF		0x38200		/* a TOC entry holding the table */

static u32 mem[MEM_SIZE / 4];
static u64 mem_fault;		/* reads of this address fail (0: none) */

static int mem_read(void *ctx, u64 addr, void *buf, size_t len)
{
	(void)ctx;
	if (addr < KBASE || addr - KBASE > MEM_SIZE || len > MEM_SIZE - (addr - KBASE))
		return -EFAULT;
	if (mem_fault && addr <= mem_fault && mem_fault < addr + len)
		return -EFAULT;
	memcpy(buf, (unsigned char *)mem + (addr - KBASE), len);
	return 0;
}

static unsigned int at;	/* next word to emit, as a word index */

static void org(u64 off)
{
	at = (unsigned int)(off / 4);
}

static void emit(u32 insn)
{
	mem[at++] = insn;
}

static u64 here(void)
{
	return (u64)at * 4;
}

/* b/bl from the current position to offset 'to' */
static void emit_b(u64 to, int link)
{
	emit(enc_b((long)(to - here()), link));
}

/* The high (addis, rounded) and low (addi, signed) halves of d */
static int hi16(long long d)
{
	return (int)((d + 0x8000) >> 16);
}

static int lo16(long long d)
{
	return (int)(d - (long long)hi16(d) * 65536);
}

/* Offset of kernel offset 'off' from the TOC */
static long long toc_rel(u64 off)
{
	return (long long)off - TOC_OFF;
}

static void put64(u64 off, u64 val)
{
	memcpy((unsigned char *)mem + off, &val, 8);
}

enum form { ADDIS_ADDI, ADDIS_LD, PLA, PLD };

/*
 * A kernel: the vector builds the entry address from the PACA's kernel
 * base (or branches there directly), the entry code loads the TOC from the
 * PACA and calls system_call_exception's local entry point, which forms a
 * decoy table address first and then the table's, the way 'form' says.
 */
static void build_kernel(enum form form, int direct_b, int gep)
{
	memset(mem, 0, sizeof(mem));
	org(0xc00);
	emit(0x7da903a6u);		/* mtctr r13 */
	emit(enc_bne(0xe00));		/* the KVM test */
	if (direct_b) {
		emit_b(ENTRY_OFF, 0);
	} else {
		emit(enc_ld(10, 13, 24));	/* ld r10,PACAKBASE(r13) */
		emit(enc_ori(10, 10, ENTRY_OFF));
		emit(enc_mtctr(10));
		emit(CI_PPC64_BCTR);
	}
	org(ENTRY_OFF);
	emit(enc_addi(10, 0, 2));	/* li r10,MSR_RI */
	emit(enc_ld(2, 13, 16));	/* ld r2,PACATOC(r13) */
	emit(enc_std(2, 1, 24));
	emit_b(SCE_OFF + (gep ? 8 : 0), 1);	/* bl system_call_exception */
	emit(CI_PPC64_RFID);

	org(SCE_OFF);
	if (gep) {
		emit(enc_addis(2, 12, hi16(TOC_OFF - SCE_OFF)));
		emit(enc_addi(2, 2, lo16(TOC_OFF - SCE_OFF)));
	}
	/* a decoy: an address formed and read, never indexed */
	emit(enc_addis(8, 2, hi16(toc_rel(DECOY_OFF))));
	emit(enc_addi(8, 8, lo16(toc_rel(DECOY_OFF))));
	emit(enc_ld(8, 8, 0));
	switch (form) {
	case ADDIS_ADDI:
		emit(enc_addis(9, 2, hi16(toc_rel(TABLE_OFF))));
		emit(0x7bbd1f24u);		/* sldi r29,r29,3 */
		emit(enc_mr(3, 30));
		emit(enc_std(2, 1, 24));
		emit(enc_addi(9, 9, lo16(toc_rel(TABLE_OFF))));
		break;
	case ADDIS_LD:
		emit(enc_addis(9, 2, hi16(toc_rel(GOT_OFF))));
		emit(enc_mr(3, 30));
		emit(enc_ld(9, 9, lo16(toc_rel(GOT_OFF))));
		put64(GOT_OFF, KBASE + TABLE_OFF);
		break;
	case PLA:
		enc_pla(&mem[at], 9, (long long)TABLE_OFF - (long long)here());
		at += 2;
		break;
	case PLD:
		enc_pld(&mem[at], 9, (long long)GOT_OFF - (long long)here());
		at += 2;
		put64(GOT_OFF, KBASE + TABLE_OFF);
		break;
	}
	emit(enc_ldx(12, 9, 29));
	emit(enc_mtctr(12));
	emit(CI_PPC64_BCTRL);
	emit(enc_ld(2, 1, 24));		/* the TOC restored after the call */
	emit(enc_addis(7, 2, 0));	/* one more address after the call */
	emit(enc_addi(7, 7, 0x100));
	emit(CI_PPC64_BLR);
}

static const struct ci_ppc64_kernel kern = {
	.kbase = KBASE, .toc = 0, .paca_kbase_off = 24, .paca_toc_off = 16,
};

static struct ci_ppc64_walk walk;
static u64 cand[64];
static char trace[2048];

static int run(const struct ci_ppc64_kernel *k)
{
	return ci_ppc64_find_syscall_table_candidates(k, mem_read, NULL, &walk,
						      cand, 64, trace,
						      sizeof(trace));
}

static int rank_of(int n, u64 addr)
{
	int i;

	for (i = 0; i < n; i++)
		if (cand[i] == addr)
			return i + 1;
	return 0;
}

static void test_form(enum form form, const char *name, int direct_b)
{
	int n;

	build_kernel(form, direct_b, form == ADDIS_ADDI || form == ADDIS_LD);
	n = run(&kern);
	CHECK(n > 0 && cand[0] == KBASE + TABLE_OFF,
	      "%s%s: the table is candidate 1 of %d (entry 0x%llx, rank %d)", name,
	      direct_b ? ", vector with a direct b" : "", n,
	      (unsigned long long)walk.entry, rank_of(n, KBASE + TABLE_OFF));
	CHECK(walk.entry == KBASE + ENTRY_OFF, "%s: entry code found at 0x%llx",
	      name, (unsigned long long)walk.entry);
	if (form == ADDIS_ADDI || form == ADDIS_LD)
		CHECK(walk.toc == KBASE + TOC_OFF && rank_of(n, KBASE + DECOY_OFF) > 1,
		      "%s: TOC 0x%llx from the global entry point; decoy ranks %d",
		      name, (unsigned long long)walk.toc, rank_of(n, KBASE + DECOY_OFF));
}

void test_walk(void)
{
	struct ci_ppc64_kernel k = kern;
	int n;

	test_form(ADDIS_ADDI, "addis/addi, apart", 0);
	test_form(ADDIS_ADDI, "addis/addi, apart", 1);
	test_form(ADDIS_LD, "addis/ld of a TOC entry", 0);
	test_form(PLA, "pla (Power10, pc-relative)", 0);
	test_form(PLD, "pld of a GOT entry (Power10)", 0);

	/* No global entry point: the TOC comes from the PACA */
	build_kernel(ADDIS_ADDI, 0, 0);
	n = run(&kern);
	CHECK(n == -ENOENT, "no TOC known and no global entry: no candidate (%d)", n);
	k.toc = KBASE + TOC_OFF;
	n = run(&k);
	CHECK(n > 0 && cand[0] == KBASE + TABLE_OFF,
	      "TOC given (the PACA's kernel_toc): the table is candidate 1 of %d", n);

	/* Failures say why */
	build_kernel(ADDIS_ADDI, 0, 1);
	k = kern;
	k.paca_kbase_off = 32;	/* the PACA offset is not what the code loads */
	n = run(&k);
	CHECK(n == -ENOENT && strstr(trace, "bctr, target unknown"),
	      "unknown jump target: -ENOENT, trace says so (%d)", n);
	mem_fault = KBASE + 0xc00;
	n = run(&kern);
	CHECK(n == -EFAULT && strstr(trace, "unreadable code"),
	      "unreadable vector: -EFAULT (%d)", n);
	mem_fault = 0;
	k = kern;
	k.kbase = 0x1000;
	CHECK(run(&k) == -EINVAL, "a kernel base outside the kernel's space: -EINVAL");
	org(ENTRY_OFF);
	emit(CI_PPC64_RFID);
	n = run(&kern);
	CHECK(n == -ENOENT && strstr(trace, "rfid before the entry code"),
	      "entry code that returns at once: -ENOENT, trace says so (%d)", n);
}
