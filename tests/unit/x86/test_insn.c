// SPDX-License-Identifier: GPL-2.0
/*
 * Synthetic tests for ci_x86_insn.c: instruction lengths, and the
 * sys_call_table walk over made-up entry / handler / dispatcher code.
 */
#include <string.h>
#include "t_util.h"
#include "fakemem.h"
#include "ci_x86_insn.h"

#define TEXT	0xffffffff81000000ULL	/* entry + handlers */
#define DECOY	0xffffffff81010000ULL
#define HANDLER	0xffffffff81020000ULL
#define CALLEE	0xffffffff81030000ULL
#define DISP64	0xffffffff81040000ULL
#define DISP32	0xffffffff81050000ULL
#define THUNK	0xffffffff81060000ULL
#define RODATA	0xffffffff82000000ULL
#define SYSFNS	0xffffffff81300000ULL	/* __x64_sys_* (never read) */

struct len_case {
	const char *what;
	const char *bytes;
	int len;
};

/* Lengths cross-checked with binutils when the cases were written. */
static const struct len_case lens[] = {
	{ "endbr64", "\xf3\x0f\x1e\xfa", 4 },
	{ "swapgs", "\x0f\x01\xf8", 3 },
	{ "mov %rsp,%gs:disp32", "\x65\x48\x89\x24\x25\x14\x60\x00\x00", 9 },
	{ "mov %cr3,%rsp", "\x0f\x20\xdc", 3 },
	{ "and $imm32,%rsp", "\x48\x81\xe4\xff\xe7\xff\xff", 7 },
	{ "bts $63,%rsp", "\x48\x0f\xba\xec\x3f", 5 },
	{ "pushq %gs:disp32", "\x65\xff\x34\x25\x14\x60\x00\x00", 8 },
	{ "push %r11", "\x41\x53", 2 },
	{ "push $0x2b", "\x6a\x2b", 2 },
	{ "mov $imm64,%rax", "\x48\xb8\x01\x02\x03\x04\x05\x06\x07\x08", 10 },
	{ "mov $imm32,%ecx", "\xb9\x48\x00\x00\x00", 5 },
	{ "movw $imm16,disp8(%rax)", "\x66\xc7\x40\x08\x34\x12", 6 },
	{ "rdmsr", "\x0f\x32", 2 },
	{ "lfence", "\x0f\xae\xe8", 3 },
	{ "nopl 0(%rax,%rax,1)", "\x0f\x1f\x44\x00\x00", 5 },
	{ "nopw 0(%rax,%rax,1) (cs)", "\x66\x2e\x0f\x1f\x84\x00\x00\x00\x00\x00", 10 },
	{ "6.x seal", "\x66\x0f\x1f\x00", 4 },
	{ "7.x seal", "\x0f\x1f\x40\xd6", 4 },
	{ "mov disp32(,%rax,8),%rax", "\x48\x8b\x04\xc5\x00\x03\x00\x82", 8 },
	{ "call *disp32(,%rax,8)", "\xff\x14\xc5\x00\x03\x00\x82", 7 },
	{ "mov disp32(%rip),%rax", "\x48\x8b\x05\x10\x00\x00\x00", 7 },
	{ "call rel32", "\xe8\x00\x00\x00\x00", 5 },
	{ "jmp rel8", "\xeb\xfe", 2 },
	{ "jne rel32", "\x0f\x85\x00\x01\x00\x00", 6 },
	{ "cmp $0x1c0,%rsi", "\x48\x81\xfe\xc0\x01\x00\x00", 7 },
	{ "cmp $0x2,%esi", "\x83\xfe\x02", 3 },
	{ "cmp $imm32,%eax", "\x3d\xc0\x01\x00\x00", 5 },
	{ "test $imm32,%eax via f7", "\xf7\xc0\x00\x01\x00\x00", 6 },
	{ "testb $1,disp8(%rdi)", "\xf6\x47\x10\x01", 4 },
	{ "neg %rax (f7 /3)", "\x48\xf7\xd8", 3 },
	{ "sbb %rdx,%rdx", "\x48\x19\xd2", 3 },
	{ "movslq %esi,%rsi", "\x48\x63\xf6", 3 },
	{ "lea disp8(%rbp,%rax,4),%rcx", "\x48\x8d\x4c\x85\x08", 5 },
	{ "movzbl disp32(%rip),%eax", "\x0f\xb6\x05\x00\x00\x00\x00", 7 },
	{ "pshufd $0,%xmm0,%xmm1", "\x66\x0f\x70\xc8\x00", 5 },
	{ "palignr $4,%xmm1,%xmm0", "\x66\x0f\x3a\x0f\xc1\x04", 6 },
	{ "lock cmpxchg %rdx,(%rdi)", "\xf0\x48\x0f\xb1\x17", 5 },
	{ "sysretq", "\x48\x0f\x07", 3 },
	{ "ret", "\xc3", 1 },
	{ "int3", "\xcc", 1 },
	{ "ud2", "\x0f\x0b", 2 },
	{ "enter $8,$0", "\xc8\x08\x00\x00", 4 },
	{ "movabs 0x...,%al", "\xa0\x01\x02\x03\x04\x05\x06\x07\x08", 9 },
};

static void lengths(void)
{
	struct ci_x86_insn in;
	unsigned int i, bad = 0;

	for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		int n = ci_x86_decode((const u8 *)lens[i].bytes, 15, &in);

		if (n != lens[i].len) {
			printf("     %s: got %d want %d\n", lens[i].what, n,
			       lens[i].len);
			bad++;
		}
	}
	CHECK(!bad, "decode: %u known instruction lengths (%u wrong)", i, bad);

	CHECK(ci_x86_decode((const u8 *)"\xc4\xe2\x79\x18\x00", 15, &in) ==
	      CI_X86_DEC_UNKNOWN, "decode: VEX is reported unknown");
	CHECK(ci_x86_decode((const u8 *)"\x06", 15, &in) == CI_X86_DEC_UNKNOWN,
	      "decode: push %%es (invalid in 64-bit) is unknown");
	CHECK(ci_x86_decode((const u8 *)"\x48\x8b\x04", 3, &in) ==
	      CI_X86_DEC_TRUNC, "decode: cut-off instruction is TRUNC");
	CHECK(ci_x86_decode((const u8 *)"\xe8\xfb\xff\xff\xff", 5, &in) == 5 &&
	      in.kind == CI_X86_K_CALL_REL && in.rel == -5,
	      "decode: call rel32 kind and displacement");
	CHECK(ci_x86_decode((const u8 *)"\x75\x80", 2, &in) == 2 &&
	      in.kind == CI_X86_K_JCC_REL && in.rel == -128,
	      "decode: jcc rel8 sign-extends");
	CHECK(ci_x86_decode((const u8 *)"\xff\xe0", 2, &in) == 2 &&
	      in.kind == CI_X86_K_JMP_IND, "decode: jmp *%%rax is indirect");
}

/* ---- code builders ---------------------------------------------------- */

static void aim8(struct fakemem *m, u64 after, u64 to);

static u64 emit(struct fakemem *m, u64 r, const char *b, size_t n)
{
	return fm_emit(m, r, b, n);
}

#define EMIT(m, r, s) emit(m, r, s, sizeof(s) - 1)

/* e8/e9 rel32 to @to */
static void branch(struct fakemem *m, u64 r, u8 op, u64 to)
{
	u8 b[5];
	u64 at = fm_end(m, r);
	s32 rel = (s32)(to - (at + 5));

	b[0] = op;
	memcpy(b + 1, &rel, 4);
	fm_emit(m, r, b, 5);
}

/* entry_SYSCALL_64 shaped prologue; calls @first (if any) then @handler */
static void build_entry(struct fakemem *m, u64 first, u64 handler)
{
	EMIT(m, TEXT, "\xf3\x0f\x1e\xfa");		/* endbr64 */
	EMIT(m, TEXT, "\x0f\x01\xf8");			/* swapgs */
	EMIT(m, TEXT, "\x65\x48\x89\x24\x25\x14\x60\x00\x00");
	EMIT(m, TEXT, "\xeb\x0d");			/* jmp over CR3 */
	EMIT(m, TEXT, "\x0f\x20\xdc");			/* mov %cr3,%rsp */
	EMIT(m, TEXT, "\x48\x81\xe4\xff\xe7\xff\xff");
	EMIT(m, TEXT, "\x0f\x22\xdc");			/* mov %rsp,%cr3 */
	EMIT(m, TEXT, "\x65\x48\x8b\x24\x25\x18\x60\x00\x00");
	EMIT(m, TEXT, "\x6a\x2b");
	EMIT(m, TEXT, "\x65\xff\x34\x25\x14\x60\x00\x00");
	EMIT(m, TEXT, "\x41\x53\x6a\x33\x51\x50");
	EMIT(m, TEXT, "\x57\x56\x52\x51\x6a\xda\x41\x50\x41\x51");
	EMIT(m, TEXT, "\x31\xd2\x31\xf6\x45\x31\xc0");	/* clear regs */
	EMIT(m, TEXT, "\x90\x90\x90\x90\x90");		/* alternative pad */
	EMIT(m, TEXT, "\x48\x89\xe7\x48\x63\xf0");	/* mov rsp,rdi ... */
	if (first)
		branch(m, TEXT, 0xe8, first);
	branch(m, TEXT, 0xe8, handler);
	EMIT(m, TEXT, "\x0f\x01\xf8\x48\x0f\x07");	/* swapgs; sysretq */
	EMIT(m, TEXT, "\xcc\xcc\xcc\xcc");
}

/* a decoy the entry calls first: xor %eax,%eax; ret */
static void build_decoy(struct fakemem *m)
{
	EMIT(m, DECOY, "\xf3\x0f\x1e\xfa\x31\xc0\xc3\xcc");
}

static void build_thunk(struct fakemem *m)
{
	EMIT(m, THUNK, "\xff\xe0\xcc");			/* jmp *%rax; int3 */
}

static void build_table(struct fakemem *m, u64 table, bool plausible)
{
	u64 i, v;

	for (i = 0; i < 8; i++) {
		v = plausible ? SYSFNS + i * 0x40 : 0;
		fm_put(m, table, &v, 8);
	}
}

/* old do_syscall_64: bound check, table load, call the indirect thunk */
static void build_old_handler(struct fakemem *m, u64 at, u64 table,
			      bool call_form)
{
	s32 disp = (s32)table;
	u8 ld[8] = { 0x48, 0x8b, 0x04, 0xc5 };
	u8 cl[7] = { 0xff, 0x14, 0xc5 };
	u64 ja;

	EMIT(m, at, "\x55\x48\x89\xe5\x53\x48\x89\xfb");
	EMIT(m, at, "\x48\x81\xfe\xc0\x01\x00\x00");	/* cmp $0x1c0,%rsi */
	ja = EMIT(m, at, "\x77\x00") + 2;			/* ja out */
	EMIT(m, at, "\x48\x19\xd2\x48\x21\xd6");	/* sbb; and */
	EMIT(m, at, "\x48\x89\xf0");			/* mov %rsi,%rax */
	if (call_form) {
		memcpy(cl + 3, &disp, 4);
		fm_emit(m, at, cl, 7);
	} else {
		memcpy(ld + 4, &disp, 4);
		fm_emit(m, at, ld, 8);
		EMIT(m, at, "\x48\x89\xdf");		/* mov %rbx,%rdi */
		branch(m, at, 0xe8, THUNK);
	}
	aim8(m, ja, fm_end(m, at));
	EMIT(m, at, "\x48\x89\x43\x50");		/* out: mov %rax,.. */
	EMIT(m, at, "\x5b\x5d\xc3\xcc");
}

/* new do_syscall_64: enter hook, bound check, call x64_sys_call */
static void build_new_handler(struct fakemem *m, u64 at, u64 enter,
			      u64 d1, u64 d2)
{
	u64 ja;

	EMIT(m, at, "\xf3\x0f\x1e\xfa\x53\x48\x89\xfb");
	branch(m, at, 0xe8, enter);
	EMIT(m, at, "\x48\x3d\xc0\x01\x00\x00");	/* cmp $0x1c0,%rax */
	ja = EMIT(m, at, "\x77\x00") + 2;		/* ja x32 path */
	EMIT(m, at, "\x48\x89\xc6\x48\x89\xdf");
	branch(m, at, 0xe8, d1);
	EMIT(m, at, "\x48\x89\x43\x50");
	EMIT(m, at, "\x5b\xc3");
	aim8(m, ja, fm_end(m, at));
	if (d2) {
		EMIT(m, at, "\x48\x89\xdf");
		branch(m, at, 0xe8, d2);
		EMIT(m, at, "\x5b\xc3");
	}
	EMIT(m, at, "\xcc\xcc");
}

/* patch the rel8 of the short jcc ending at @after to reach @to */
static void aim8(struct fakemem *m, u64 after, u64 to)
{
	struct fm_region *r;
	unsigned int i;

	for (i = 0; i < m->n; i++) {
		r = &m->r[i];
		if (after > r->addr && after <= r->addr + r->len)
			r->bytes[after - 1 - r->addr] = (u8)(to - after);
	}
}

/* patch the rel32 of the jcc ending at @after (its last 4 bytes) */
static void aim(struct fakemem *m, u64 after, u64 to)
{
	fm_patch32(m, after - 4, (u32)(to - after));
}

/*
 * A -fno-jump-tables switch over [lo, hi): a binary tree of
 * "cmp $k,%esi; jg/jge" with leaves "cmp $n,%esi; je 1f ... 1: jmp sys_n"
 * (gcc) or "cmp $n,%esi; je sys_n", a conditional tail call (clang).
 */
static bool clang_leaves;

static void tree(struct fakemem *m, u64 r, int lo, int hi, u64 nisys)
{
	u8 cmp[6] = { 0x81, 0xfe };
	int mid, n;
	u64 j;

	if (hi - lo <= 4) {
		u64 jes[4];

		for (n = lo; n < hi; n++) {
			s32 k = n;

			memcpy(cmp + 2, &k, 4);
			fm_emit(m, r, cmp, 6);
			jes[n - lo] = EMIT(m, r, "\x0f\x84\0\0\0\0") + 6;
			if (clang_leaves)
				aim(m, jes[n - lo], SYSFNS + (u64)n * 0x80);
		}
		branch(m, r, 0xe9, nisys);
		for (n = lo; n < hi && !clang_leaves; n++) {
			aim(m, jes[n - lo], fm_end(m, r));
			branch(m, r, 0xe9, SYSFNS + (u64)n * 0x80);
		}
		return;
	}
	mid = (lo + hi) / 2;
	{
		s32 k = mid;

		memcpy(cmp + 2, &k, 4);
		fm_emit(m, r, cmp, 6);
	}
	j = EMIT(m, r, "\x0f\x8d\0\0\0\0") + 6;	/* jge right */
	tree(m, r, lo, mid, nisys);
	aim(m, j, fm_end(m, r));
	tree(m, r, mid, hi, nisys);
}

static void build_dispatcher(struct fakemem *m, u64 at, int lo, int hi)
{
	EMIT(m, at, "\xf3\x0f\x1e\xfa");
	tree(m, at, lo, hi, SYSFNS - 0x1000);
	EMIT(m, at, "\xcc\xcc\xcc\xcc");
}

/* a plain function with a couple of calls: not a dispatcher */
static void build_enter_hook(struct fakemem *m, u64 at)
{
	EMIT(m, at, "\xf3\x0f\x1e\xfa\x55\x48\x89\xe5");
	EMIT(m, at, "\x83\xfe\x02\x74\x05");		/* cmp $2; je +5 */
	branch(m, at, 0xe8, SYSFNS + 0x10000);
	branch(m, at, 0xe8, SYSFNS + 0x20000);
	EMIT(m, at, "\x5d\xc3\xcc");
}

/* ---- the cases -------------------------------------------------------- */

static void run(const char *what, struct fakemem *m,
		struct ci_x86_sct_result *res)
{
	int rc = ci_x86_find_sys_call_table(TEXT, fm_read, m, res);

	printf("     %s: rc=%d %s table=%#llx dispatcher=%#llx handler=%#llx "
	       "reason=\"%s\" detail=\"%s\" insns=%u\n", what, rc,
	       ci_x86_sct_verdict_str(res->verdict),
	       (unsigned long long)res->table,
	       (unsigned long long)res->dispatcher,
	       (unsigned long long)res->handler, res->reason,
	       res->detail ? res->detail : "", res->insns);
}

static void old_style(void)
{
	struct ci_x86_sct_result res;
	struct fakemem *m;
	u64 table = RODATA + 0x300;

	m = fm_new();
	build_decoy(m);
	build_thunk(m);
	build_table(m, table, true);
	build_old_handler(m, HANDLER, table, false);
	build_entry(m, DECOY, HANDLER);
	run("old mov+thunk", m, &res);
	CHECK(res.verdict == CI_X86_SCT_TABLE && res.table == table &&
	      res.handler == HANDLER,
	      "walk: old do_syscall_64 mov -off(,%%rax,8) + thunk -> table");
	fm_free(m);

	m = fm_new();
	build_table(m, table, true);
	build_old_handler(m, HANDLER, table, true);
	build_entry(m, 0, HANDLER);
	run("old call*", m, &res);
	CHECK(res.verdict == CI_X86_SCT_TABLE && res.table == table,
	      "walk: call *-off(,%%rax,8) -> table");
	fm_free(m);

	/* table load one call deeper (do_syscall_x64 not inlined) */
	m = fm_new();
	build_thunk(m);
	build_table(m, table, true);
	build_old_handler(m, CALLEE, table, false);
	build_enter_hook(m, DECOY);
	build_new_handler(m, HANDLER, DECOY, CALLEE, 0);
	build_entry(m, 0, HANDLER);
	run("old in callee", m, &res);
	CHECK(res.verdict == CI_X86_SCT_TABLE && res.table == table,
	      "walk: table load in a depth-1 callee -> table");
	fm_free(m);

	/* the displacement points at something that is not a table */
	m = fm_new();
	build_thunk(m);
	build_table(m, table, false);
	build_old_handler(m, HANDLER, table, false);
	build_entry(m, 0, HANDLER);
	run("old bad table", m, &res);
	CHECK(res.verdict == CI_X86_SCT_NOT_FOUND && res.reason,
	      "walk: indexed load of a non-table is rejected");
	fm_free(m);
}

/* entry -> do_syscall_64 -> x64_sys_call, with gcc's or clang's leaves */
static void one_switch(const char *what, bool clang)
{
	struct ci_x86_sct_result res;
	struct fakemem *m = fm_new();

	build_decoy(m);
	build_enter_hook(m, CALLEE);
	clang_leaves = clang;
	build_dispatcher(m, DISP64, 0, 463);
	clang_leaves = false;
	build_new_handler(m, HANDLER, CALLEE, DISP64, 0);
	build_entry(m, DECOY, HANDLER);
	run(what, m, &res);
	CHECK(res.verdict == CI_X86_DISPATCH_X64_SYS_CALL &&
	      res.dispatcher == DISP64 && res.handler == HANDLER,
	      "walk: %s switch -> dispatch verdict (targets~%u cmps=%u "
	      "max=%u)", what, res.dsp_targets, res.dsp_cmps,
	      res.dsp_max_imm);
	fm_free(m);
}

static void new_style(void)
{
	struct ci_x86_sct_result res;
	struct fakemem *m;
	unsigned int i;
	u64 x32;

	one_switch("x64_sys_call", false);
	/* clang: the leaves are conditional tail calls */
	one_switch("x64_sys_call (clang)", true);

	/* x32 switch called first in code order: prefer the x64 one */
	m = fm_new();
	build_enter_hook(m, CALLEE);
	build_dispatcher(m, DISP32, 512, 548);
	build_dispatcher(m, DISP64, 0, 463);
	build_new_handler(m, HANDLER, CALLEE, DISP32 + 0, DISP64);
	build_entry(m, 0, HANDLER);
	run("x32 first", m, &res);
	CHECK(res.verdict == CI_X86_DISPATCH_X64_SYS_CALL &&
	      res.dispatcher == DISP64,
	      "walk: x64 switch preferred over an x32 one (numbers >= 512)");
	fm_free(m);

	/*
	 * The x64 switch ends in a call of a noreturn function and falls
	 * through CALL_PADDING nops into the x32 switch: the sweep must stop
	 * at the padding, so that the x32 cases are not counted as x64 ones.
	 */
	m = fm_new();
	build_enter_hook(m, CALLEE);
	EMIT(m, DISP64, "\xf3\x0f\x1e\xfa");
	tree(m, DISP64, 0, 463, SYSFNS - 0x1000);
	branch(m, DISP64, 0xe8, SYSFNS - 0x2000);	/* noreturn call */
	EMIT(m, DISP64, "\x66\x90");
	for (i = 0; i < 16; i++)
		EMIT(m, DISP64, "\x90");
	x32 = fm_end(m, DISP64);
	EMIT(m, DISP64, "\xf3\x0f\x1e\xfa");
	tree(m, DISP64, 512, 548, SYSFNS - 0x1000);
	EMIT(m, DISP64, "\xcc");
	build_new_handler(m, HANDLER, CALLEE, x32, DISP64);
	build_entry(m, 0, HANDLER);
	run("fallthrough", m, &res);
	CHECK(res.verdict == CI_X86_DISPATCH_X64_SYS_CALL &&
	      res.dispatcher == DISP64 && res.dsp_max_imm < 512,
	      "walk: a switch falling through padding into the next one is "
	      "cut at the padding (max case %u)", res.dsp_max_imm);
	fm_free(m);

	/* a small switch is not a syscall dispatcher */
	m = fm_new();
	build_enter_hook(m, CALLEE);
	build_dispatcher(m, DISP64, 0, 20);
	build_new_handler(m, HANDLER, CALLEE, DISP64, 0);
	build_entry(m, 0, HANDLER);
	run("small switch", m, &res);
	CHECK(res.verdict == CI_X86_SCT_NOT_FOUND,
	      "walk: a 20-case switch is not taken for x64_sys_call");
	fm_free(m);
}

static void garbage(void)
{
	struct ci_x86_sct_result res;
	struct fakemem *m;
	u8 junk[256];
	unsigned int i, seed = 12345;

	m = fm_new();
	for (i = 0; i < sizeof(junk); i++) {
		seed = seed * 1103515245 + 12345;
		junk[i] = seed >> 16;
	}
	fm_put(m, TEXT, junk, sizeof(junk));
	run("garbage", m, &res);
	CHECK(res.verdict == CI_X86_SCT_NOT_FOUND && res.reason,
	      "walk: random bytes -> not found, reason given");
	fm_free(m);

	m = fm_new();
	EMIT(m, TEXT, "\x0f\x01\xf8\x48\x89\xe7\x06\x06");
	run("bad opcode", m, &res);
	CHECK(res.verdict == CI_X86_SCT_NOT_FOUND &&
	      res.stop_addr == TEXT + 6 &&
	      strstr(res.reason, "unknown opcode"),
	      "walk: unknown opcode stops cleanly at its address");
	fm_free(m);

	/* the handler is VEX-coded junk, then unreadable callees */
	m = fm_new();
	EMIT(m, HANDLER, "\xc4\xe2\x79\x18\x00\xc3");
	build_entry(m, 0xffffffff8fff0000ULL, HANDLER);
	run("vex handler", m, &res);
	CHECK(res.verdict == CI_X86_SCT_NOT_FOUND && res.detail,
	      "walk: unknown handler / unreadable call -> not found (%s)",
	      res.detail ? res.detail : "-");
	fm_free(m);

	/* a handler that loops on itself and one of endless nops */
	m = fm_new();
	EMIT(m, HANDLER, "\xeb\xfe");
	for (i = 0; i < 8000; i++)
		EMIT(m, CALLEE, "\x0f\x1f\x00");	/* nopl (%rax) */
	build_entry(m, CALLEE, HANDLER);
	run("loops", m, &res);
	CHECK(res.verdict == CI_X86_SCT_NOT_FOUND && res.insns < 20000,
	      "walk: self loop and long nop slide are bounded (%u insns)",
	      res.insns);
	fm_free(m);

	m = fm_new();
	EMIT(m, TEXT, "\x55\x48\x89\xe5\xc3");
	run("not entry", m, &res);
	CHECK(res.verdict == CI_X86_SCT_NOT_FOUND &&
	      strstr(res.reason, "swapgs"),
	      "walk: entry without swapgs is refused");
	fm_free(m);

	CHECK(ci_x86_find_sys_call_table(TEXT, NULL, NULL, &res) == -1,
	      "walk: no read callback is refused");
}

void test_insn(void)
{
	lengths();
	old_style();
	new_style();
	garbage();
}
