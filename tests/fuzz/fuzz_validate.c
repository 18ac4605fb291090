// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the sys_call_table validator (ci_validate.c, unchanged,
 * built for arm64 with CONFIG_COMPAT against the kstub/ headers) over a
 * synthetic kernel: address ranges that are text, data, or unmapped (in
 * the kernel image or a module), kallsyms symbols in them, a candidate
 * address and the pointers stored there.  Memory is the x86 unit tests'
 * fakemem; copy_from_kernel_nofault() reads it, and every address is one no
 * host load can reach (the arm64 kernel half, or page 1), so a read that
 * bypasses the fault-safe accessor crashes.
 *
 * Properties: the verdict is what the claims at the top of ci_validate.c
 * say it is, both ways (an accepted table meets every claim; a table
 * meeting every claim is accepted); an accepted table was read whole
 * through the accessor; errors are -EINVAL or -EFAULT with a reason, and
 * -EFAULT only when the table does not read; nothing allocated is leaked;
 * ci_read_kernel() reads exactly what the map holds.
 *
 * Input (missing bytes read as zero):
 *   flags         bit 0 compat table, bit 1 raw candidate, bit 2 map below
 *                 PAGE_OFFSET, bit 3 place a symbol in the close slot
 *   nr            entries: close + 1 + nr % 64, 0xff: 463 (6.12's count)
 *   whylen        1 + whylen % 160
 *   nranges       1 + n % 8, then per range: kind (bits 0-1: text, data,
 *                 unmapped, unmapped text; bit 7: in a module), length
 *                 (1 + b) * 32 bytes; ranges are laid end to end
 *   candidate     raw: 8 bytes; else range index, 16-bit offset
 *   close sym     symbol index for the close slot (flags bit 3)
 *   nsyms         n % 33, then per symbol: range index, 16-bit offset,
 *                 size (1 + b) * 4, name index
 *   entries       one spec per table entry (the last one repeats):
 *                 < 0xf0 the start of symbol spec % nsyms; 0xf0-0xf7 a
 *                 symbol (next byte) + 1..8; 0xf8-0xfe base + next 16
 *                 bits; 0xff the next 8 bytes
 */
#include <errno.h>
#include <stdarg.h>
#include "fuzz_window.h"
#include "fakemem.h"
#include "kshim.h"

#define HIGH_BASE	0xffff800080000000ull	/* arm64 6.12 kernel image */
#define LOW_BASE	0x1000ull		/* below PAGE_OFFSET */
#define PAGE_OFFSET	0xffff000000000000ull
#define MAX_RANGES	8
#define RANGE_UNIT	32
#define MAX_SYMS	32
#define CLOSE_NR	57
#define COMPAT_CLOSE_NR	6
#define WHY_MAX		160
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

enum { R_TEXT, R_DATA, R_HOLE, R_HOLE_TEXT };

struct range {
	u64 start, len;
	int kind, module;
};

struct sym {
	u64 start, size;
	const char *name, *mod;
	int func;
};

static char long_name[512];
static const char *names[] = {
	"__arm64_sys_close", "__arm64_compat_sys_close", "__arm64_sys_read",
	"__arm64_sys_ni_syscall", "sys_call_table", "compat_sys_call_table",
	"__x64_sys_close", "sys_close", "__arm64_sys_close.cfi_jt",
	"__arm64_sys_closex", "_stext", "a", long_name,
};
static const char *mods[] = { "sfc", "__builtin__ftrace", "bpf", "onload",
			      "a+b" };
static const char * const close_names[] = { "__arm64_sys_close" };
static const char * const compat_close_names[] = {
	"__arm64_sys_close", "__arm64_compat_sys_close" };

static struct model {
	u64 base, end;
	unsigned int nr, close_nr;
	int nranges, nsyms;
	struct range r[MAX_RANGES];
	struct sym s[MAX_SYMS];
	u8 mem[MAX_RANGES * 256 * RANGE_UNIT];
	struct fakemem fm;
	/* the successful reads through the accessor */
	u64 read_lo[8], read_hi[8];
	int nreads;
} M;

struct cursor {
	const u8 *d;
	size_t n, at;
};

static unsigned int next8(struct cursor *c)
{
	return c->at < c->n ? c->d[c->at++] : 0;
}

static unsigned int next16(struct cursor *c)
{
	unsigned int v = next8(c);

	return v | next8(c) << 8;
}

static u64 next64(struct cursor *c)
{
	u64 v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v |= (u64)next8(c) << (8 * i);
	return v;
}

/* kallsyms: the symbol with the highest start whose extent holds addr */
static const struct sym *sym_at(u64 addr)
{
	const struct sym *best = NULL;
	int i;

	for (i = 0; i < M.nsyms; i++) {
		const struct sym *s = &M.s[i];

		if (s->start <= addr && addr - s->start < s->size &&
		    (!best || s->start > best->start))
			best = s;
	}
	return best;
}

/* what sprint_symbol() prints (the kernel's %#lx writes 0x0 for zero) */
static int model_symbol(void *ctx, unsigned long addr, char *buf,
			size_t size)
{
	const struct sym *s = sym_at(addr);

	(void)ctx;
	if (!s)
		return 0;
	if (s->mod)
		return snprintf(buf, size, "%s+0x%llx/0x%llx [%s]", s->name,
				(unsigned long long)(addr - s->start),
				(unsigned long long)s->size, s->mod);
	return snprintf(buf, size, "%s+0x%llx/0x%llx", s->name,
			(unsigned long long)(addr - s->start),
			(unsigned long long)s->size);
}

static int model_read(void *ctx, unsigned long addr, void *buf, size_t len)
{
	(void)ctx;
	if (fm_read(&M.fm, addr, buf, len))
		return -EFAULT;
	if (M.nreads < 8) {
		M.read_lo[M.nreads] = addr;
		M.read_hi[M.nreads] = addr + len;
		M.nreads++;
	}
	return 0;
}

/* Does every byte of [addr, addr + len) lie in a mapped range? */
static int readable(u64 addr, u64 len)
{
	int i;

	while (len) {
		for (i = 0; i < M.nranges; i++) {
			const struct range *r = &M.r[i];

			if (r->kind != R_TEXT && r->kind != R_DATA)
				continue;
			if (addr >= r->start && addr - r->start < r->len)
				break;
		}
		if (i == M.nranges)
			return 0;
		if (len <= M.r[i].start + M.r[i].len - addr)
			return 1;
		len -= M.r[i].start + M.r[i].len - addr;
		addr = M.r[i].start + M.r[i].len;
	}
	return 1;
}

static void put64(u64 addr, u64 v)
{
	int i;

	for (i = 0; i < 8; i++, addr++, v >>= 8)
		if (addr >= M.base && addr < M.end)
			M.mem[addr - M.base] = (u8)v;
}

static u64 get64(u64 addr)
{
	u64 v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | M.mem[addr + i - M.base];
	return v;
}

static int is_close_name(const char *name, int compat)
{
	const char * const *n = compat ? compat_close_names : close_names;
	size_t i, count = compat ? 2 : 1;

	for (i = 0; i < count; i++)
		if (!strcmp(name, n[i]))
			return 1;
	return 0;
}

/* Each claim of ci_validate.c's header comment, for the candidate */
static int claim_kernel_address(u64 a)
{
	return a && a >= PAGE_OFFSET;
}

static int claim_aligned(u64 a)
{
	return !(a & 7);
}

static int claim_symbol_start_in_image(u64 a)
{
	const struct sym *s = sym_at(a);

	return !s || (s->start == a && !s->mod);
}

static int claim_whole_table_reads(u64 a)
{
	return a >= PAGE_OFFSET && readable(a, (u64)M.nr * 8);
}

/*
 * Every entry is the start of a symbol of the kernel image.  Not "of a
 * function": sprint_symbol() names data symbols too (CONFIG_KALLSYMS_ALL)
 * and does not say which is which, so the validator cannot tell; the model
 * knows (struct sym's func) but only the claim made is checked.  See
 * regressions/fuzz_validate/data-symbol-entries.
 */
static int claim_entries_are_symbols(u64 a)
{
	unsigned int i;

	for (i = 0; i < M.nr; i++) {
		u64 e = get64(a + 8 * i);
		const struct sym *s = sym_at(e);

		if (e < PAGE_OFFSET || !s || s->start != e || s->mod)
			return 0;
	}
	return 1;
}

static int claim_close_slot(u64 a, int compat)
{
	const struct sym *s = sym_at(get64(a + 8 * M.close_nr));

	return s && is_close_name(s->name, compat);
}

/* Did the successful reads through the accessor cover the whole table? */
static int whole_table_was_read(u64 a)
{
	u64 at = a, end = a + 8ull * M.nr;
	int i, more = 1;

	while (at < end && more) {
		more = 0;
		for (i = 0; i < M.nreads; i++) {
			if (M.read_lo[i] <= at && at < M.read_hi[i]) {
				at = M.read_hi[i];
				more = 1;
			}
		}
	}
	return at >= end;
}

/* Build the model from the input; returns the candidate address. */
static u64 setup(struct cursor *c, unsigned int flags, unsigned int nrb)
{
	unsigned int close_sym, n, i, spec = 0;
	u64 at, cand, e = 0;
	int k, run;

	M.close_nr = flags & 1 ? COMPAT_CLOSE_NR : CLOSE_NR;
	M.nr = nrb == 0xff ? 463 : M.close_nr + 1 + nrb % 64;
	M.base = flags & 4 ? LOW_BASE : HIGH_BASE;
	M.nsyms = 0;
	M.nreads = 0;
	M.nranges = 1 + next8(c) % MAX_RANGES;
	at = M.base;
	for (k = 0; k < M.nranges; k++) {
		unsigned int kind = next8(c);

		M.r[k].kind = kind & 3;
		M.r[k].module = !!(kind & 0x80);
		M.r[k].start = at;
		M.r[k].len = (1 + (u64)next8(c)) * RANGE_UNIT;
		at += M.r[k].len;
	}
	M.end = at;
	memset(M.mem, 0, M.end - M.base);

	if (flags & 2) {
		cand = next64(c);
	} else {
		const struct range *r = &M.r[next8(c) % M.nranges];

		cand = r->start + next16(c) % r->len;
	}
	close_sym = next8(c);
	M.nsyms = next8(c) % (MAX_SYMS + 1);
	for (k = 0; k < M.nsyms; k++) {
		const struct range *r = &M.r[next8(c) % M.nranges];
		struct sym *s = &M.s[k];

		s->start = r->start + next16(c) % r->len;
		s->size = (1 + (u64)next8(c)) * 4;
		s->name = names[next8(c) % ARRAY_SIZE(names)];
		s->mod = r->module ? mods[(r - M.r) % ARRAY_SIZE(mods)] : NULL;
		s->func = r->kind == R_TEXT || r->kind == R_HOLE_TEXT;
	}

	/* the table's entries, written where the candidate points */
	for (i = 0; i < M.nr; i++) {
		if (c->at < c->n) {
			spec = next8(c);
			if (spec < 0xf0) {
				e = M.nsyms ? M.s[spec % M.nsyms].start :
					M.base + 8 * spec;
			} else if (spec < 0xf8) {
				n = next8(c);
				e = (M.nsyms ? M.s[n % M.nsyms].start :
				     M.base) + spec - 0xef;
			} else if (spec < 0xff) {
				e = M.base + next16(c);
			} else {
				e = next64(c);
			}
		}
		put64(cand + 8 * i, e);
	}
	if (flags & 8 && M.nsyms)
		put64(cand + 8 * M.close_nr,
		      M.s[close_sym % M.nsyms].start);

	/* fakemem: one region per run of adjacent mapped ranges */
	M.fm.n = 0;
	M.fm.reads = 0;
	for (k = 0; k < M.nranges; k = run) {
		u64 len = 0;

		for (run = k; run < M.nranges &&
		     (M.r[run].kind == R_TEXT || M.r[run].kind == R_DATA);
		     run++)
			len += M.r[run].len;
		if (run == k) {
			run++;
			continue;
		}
		fm_put(&M.fm, M.r[k].start, M.mem + (M.r[k].start - M.base),
		       len);
	}
	return cand;
}

/* FUZZ_DEBUG=1: the model of each input on stderr */
static void dump(u64 cand)
{
	static const char *kinds[] = { "text", "data", "unmapped",
				       "unmapped text" };
	unsigned int i;
	int k;

	fprintf(stderr, "nr %u close %u candidate 0x%llx\n", M.nr, M.close_nr,
		(unsigned long long)cand);
	for (k = 0; k < M.nranges; k++)
		fprintf(stderr, "range %d: 0x%llx +0x%llx %s%s\n", k,
			(unsigned long long)M.r[k].start,
			(unsigned long long)M.r[k].len, kinds[M.r[k].kind],
			M.r[k].module ? " (module)" : "");
	for (k = 0; k < M.nsyms; k++)
		fprintf(stderr, "sym %d: 0x%llx +0x%llx %.40s%s %s\n", k,
			(unsigned long long)M.s[k].start,
			(unsigned long long)M.s[k].size, M.s[k].name,
			M.s[k].mod ? " [mod]" : "",
			M.s[k].func ? "func" : "data");
	if (cand >= PAGE_OFFSET && readable(cand, 8ull * M.nr))
		for (i = 0; i < M.nr; i++)
			fprintf(stderr, "entry %u: 0x%llx\n", i,
				(unsigned long long)get64(cand + 8 * i));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cursor c = { data, size, 0 };
	unsigned int flags = next8(&c), nrb = next8(&c);
	size_t whylen = 1 + next8(&c) % WHY_MAX;
	char *why = malloc(whylen);
	int compat = flags & 1;
	u8 buf[8];
	u64 cand;
	int rc;

	if (!long_name[0]) {
		memset(long_name, 'x', sizeof(long_name) - 1);
		memcpy(long_name, "__arm64_sys_close", 17);
	}
	cand = setup(&c, flags, nrb);
	if (getenv("FUZZ_DEBUG"))
		dump(cand);
	kshim_reset();
	kshim.read = model_read;
	kshim.symbol = model_symbol;
	kshim.ctx = &M;
	if (compat)
		kshim_nr_compat_syscalls = M.nr;
	else
		kshim_nr_syscalls = M.nr;
	memset(why, 0x55, whylen);

	rc = compat ? ci_compat_table_check(cand, why, whylen) :
		      ci_syscall_table_check(cand, why, whylen);

	if (getenv("FUZZ_DEBUG"))
		fprintf(stderr, "verdict %d: %s\n", rc, rc ? why : "accepted");
	FUZZ_ASSERT(kshim_allocs == 0);
	if (rc == 0) {
		FUZZ_ASSERT(claim_kernel_address(cand));
		FUZZ_ASSERT(claim_aligned(cand));
		FUZZ_ASSERT(claim_symbol_start_in_image(cand));
		FUZZ_ASSERT(claim_whole_table_reads(cand));
		FUZZ_ASSERT(whole_table_was_read(cand));
		FUZZ_ASSERT(claim_entries_are_symbols(cand));
		FUZZ_ASSERT(claim_close_slot(cand, compat));
	} else {
		FUZZ_ASSERT(rc == -EINVAL || rc == -EFAULT);
		FUZZ_ASSERT(memchr(why, '\0', whylen) != NULL);
		FUZZ_ASSERT(whylen == 1 || why[0] != '\0');
		/* -EFAULT: the earlier checks passed, the table did not read */
		if (rc == -EFAULT)
			FUZZ_ASSERT(claim_kernel_address(cand) &&
				    claim_aligned(cand) &&
				    claim_symbol_start_in_image(cand) &&
				    !claim_whole_table_reads(cand));
		/* a table meeting every claim is never refused */
		FUZZ_ASSERT(!(claim_kernel_address(cand) &&
			      claim_aligned(cand) &&
			      claim_symbol_start_in_image(cand) &&
			      claim_whole_table_reads(cand) &&
			      claim_entries_are_symbols(cand) &&
			      claim_close_slot(cand, compat)));
	}
	free(why);

	/* the decoders' reader: the map's bytes, or -EFAULT */
	memset(buf, 0, sizeof(buf));
	rc = kshim_ci_read_kernel(cand, buf, sizeof(buf));
	if (cand >= PAGE_OFFSET && readable(cand, 8)) {
		FUZZ_ASSERT(rc == 0);
		FUZZ_ASSERT(get64(cand) == (buf[0] | (u64)buf[1] << 8 |
			    (u64)buf[2] << 16 | (u64)buf[3] << 24 |
			    (u64)buf[4] << 32 | (u64)buf[5] << 40 |
			    (u64)buf[6] << 48 | (u64)buf[7] << 56));
	} else {
		FUZZ_ASSERT(rc == -EFAULT);
	}
	return 0;
}
