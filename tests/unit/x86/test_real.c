// SPDX-License-Identifier: GPL-2.0
/*
 * Checks on a real vmlinux mapped at its link addresses, with symbols from
 * a file of "name addr" lines (kallsyms of the same kernel booted with
 * nokaslr).  Prints a machine-readable VERDICT line for the run script,
 * which checks it against objdump.
 *
 * usage: x86_test --real ID VMLINUX SYMS [POISON_HEX]
 *        x86_test --lengths VMLINUX START END   (print "addr len" lines)
 */
#include <stdlib.h>
#include <string.h>
#include "t_util.h"
#include "vmlinux_map.h"
#include "ci_x86_ibt.h"
#include "ci_x86_insn.h"

#define MAX_SYMS 64

static struct { char name[64]; u64 addr; } syms[MAX_SYMS];
static unsigned int nsyms;

static int load_syms(const char *path)
{
	FILE *f = fopen(path, "r");
	char name[64];
	unsigned long long a;

	if (!f)
		return -1;
	while (nsyms < MAX_SYMS && fscanf(f, "%63s %llx", name, &a) == 2) {
		strcpy(syms[nsyms].name, name);
		syms[nsyms++].addr = a;
	}
	fclose(f);
	return 0;
}

static u64 sym(const char *name)
{
	unsigned int i;

	for (i = 0; i < nsyms; i++)
		if (!strcmp(syms[i].name, name))
			return syms[i].addr;
	return 0;
}

static void sct(const char *id, struct vmlinux *v)
{
	struct ci_x86_sct_result r;
	u64 entry = sym("entry_SYSCALL_64");
	u64 tab = sym("sys_call_table"), x64 = sym("x64_sys_call");
	u64 dsc = sym("do_syscall_64");
	int rc;

	if (!entry) {
		CHECK(0, "%s: walk: no entry_SYSCALL_64 symbol (every x86_64 "
		      "kernel has one)", id);
		return;
	}
	rc = ci_x86_find_sys_call_table(entry, vm_read, v, &r);
	printf("VERDICT %s %s table=%#llx dispatcher=%#llx handler=%#llx "
	       "site=%#llx\n", id,
	       r.verdict == CI_X86_SCT_TABLE ? "table" :
	       r.verdict == CI_X86_DISPATCH_X64_SYS_CALL ? "dispatch" : "none",
	       (unsigned long long)r.table, (unsigned long long)r.dispatcher,
	       (unsigned long long)r.handler, (unsigned long long)r.site);
	printf("     %s: rc=%d reason=\"%s\" detail=\"%s\" at %#llx, %u insns, "
	       "switch: ~%u targets, %u cmps, max case %u%s\n", id, rc,
	       r.reason ? r.reason : "", r.detail ? r.detail : "",
	       (unsigned long long)(r.detail ? r.detail_addr : r.stop_addr),
	       r.insns, r.dsp_targets, r.dsp_cmps, r.dsp_max_imm,
	       r.dsp_jump_table ? ", jump table" : "");
	CHECK(rc == 0, "%s: walk from entry_SYSCALL_64 reaches a verdict (%s)",
	      id, ci_x86_sct_verdict_str(r.verdict));
	if (dsc)
		CHECK(r.handler == dsc, "%s: the handler found is do_syscall_64",
		      id);
	if (r.verdict == CI_X86_SCT_TABLE) {
		if (tab)
			CHECK(r.table == tab, "%s: table %#llx is kallsyms "
			      "sys_call_table", id, (unsigned long long)r.table);
		else
			CHECK(0, "%s: table verdict, but no sys_call_table "
			      "symbol to compare it with", id);
	} else if (r.verdict == CI_X86_DISPATCH_X64_SYS_CALL) {
		if (x64)
			CHECK(r.dispatcher == x64, "%s: dispatcher %#llx is "
			      "kallsyms x64_sys_call", id,
			      (unsigned long long)r.dispatcher);
		else
			CHECK(0, "%s: dispatch verdict on a kernel without "
			      "x64_sys_call", id);
	}
}

/* .ibt_endbr_seal: s32 offsets, each relative to its own slot */
static void seal_section(const char *id, struct vmlinux *v, u64 probe,
			 bool *probe_sealed)
{
	u64 addr, size, i, endbr = 0, other = 0;
	const u8 *d = vm_section(v, ".ibt_endbr_seal", &addr, &size);

	*probe_sealed = false;
	if (!d) {
		/* UNIT_KERNEL_IBT: the tree's .config, from tests/unit/x86/run */
		const char *ibt = getenv("UNIT_KERNEL_IBT");

		if (ibt && !strcmp(ibt, "n"))
			SKIP("%s: seal list: no .ibt_endbr_seal section, and "
			     ".config has no CONFIG_X86_KERNEL_IBT=y", id);
		else
			CHECK(0, "%s: seal list: no .ibt_endbr_seal section "
			      "(UNIT_KERNEL_IBT=%s)", id, ibt ? ibt : "unset");
		return;
	}
	for (i = 0; i + 4 <= size; i += 4) {
		s32 off;
		u64 fn;
		u8 b[4];

		memcpy(&off, d + i, 4);
		fn = addr + i + (s64)off;
		if (fn == probe)
			*probe_sealed = true;
		if (!vm_read(v, fn, b, 4) &&
		    ci_x86_ibt_entry_state(b, 4) == CI_X86_IBT_ENDBR64)
			endbr++;
		else
			other++;
	}
	printf("     %s: .ibt_endbr_seal lists %llu functions: %llu start "
	       "with endbr64 in the file, %llu not\n", id,
	       (unsigned long long)(size / 4), (unsigned long long)endbr,
	       (unsigned long long)other);
	CHECK(size / 4 > 0 && endbr == size / 4, "%s: every function listed "
	      "for sealing still has endbr64 in the file (sealing is at boot)",
	      id);
}

static const char *const ibt_fns[] = {
	"kallsyms_lookup_name", "_printk", "vfs_read", "__x64_sys_read",
	"schedule", "filp_open", "kernel_read", "x64_sys_call",
	"do_syscall_64", "entry_SYSCALL_64",
};

static const char *prefix_str(enum ci_x86_prefix p)
{
	switch (p) {
	case CI_X86_PREFIX_PADDING: return "padding";
	case CI_X86_PREFIX_KCFI: return "kcfi";
	case CI_X86_PREFIX_FINEIBT: return "fineibt";
	default: return "none";
	}
}

static void ibt_real(const char *id, struct vmlinux *v, const char *poison)
{
	unsigned int i, looked = 0, endbr = 0;
	u64 kln = sym("kallsyms_lookup_name");
	bool kln_sealed;

	for (i = 0; i < sizeof(ibt_fns) / sizeof(ibt_fns[0]); i++) {
		u64 a = sym(ibt_fns[i]);
		u8 b[16 + 16];
		enum ci_x86_ibt_state s;
		enum ci_x86_fentry fe;
		size_t site;

		if (!a || vm_read(v, a - 16, b, sizeof(b)))
			continue;
		looked++;
		s = ci_x86_ibt_entry_state(b + 16, 16);
		fe = ci_x86_ibt_fentry(b + 16, 16, &site);
		endbr += s == CI_X86_IBT_ENDBR64;
		printf("     %s: %-22s %02x %02x %02x %02x: %-8s fentry=%s@+%zu "
		       "before=%s kprobe-back=%zu\n", id, ibt_fns[i], b[16],
		       b[17], b[18], b[19], ci_x86_ibt_state_str(s),
		       fe == CI_X86_FENTRY_CALL ? "call" :
		       fe == CI_X86_FENTRY_NOP5 ? "nop5" : "none", site,
		       prefix_str(ci_x86_ibt_prefix_kind(b, 16)),
		       ci_x86_ibt_kprobe_step_back(b, sizeof(b), 20));
		if (s == CI_X86_IBT_ENDBR64)
			CHECK(ci_x86_ibt_kprobe_step_back(b, sizeof(b), 20) == 4,
			      "%s: kprobe address %s+4 steps back to the entry",
			      id, ibt_fns[i]);
	}
	if (!looked) {
		CHECK(0, "%s: ibt: none of the sample functions found", id);
		return;
	}
	printf("IBTSUMMARY %s %u %u\n", id, looked, endbr);
	seal_section(id, v, kln, &kln_sealed);
	if (kln)
		printf("     %s: kallsyms_lookup_name %s in the seal list\n", id,
		       kln_sealed ? "is" : "is not");
	if (poison) {
		u32 p = strtoul(poison, NULL, 16);
		u8 b[4] = { p, p >> 8, p >> 16, p >> 24 };

		CHECK(ci_x86_ibt_entry_state(b, 4) == CI_X86_IBT_SEALED,
		      "%s: the kernel's gen_endbr_poison() %08x (bytes %02x %02x "
		      "%02x %02x) is recognised as sealed: %s", id, p, b[0], b[1],
		      b[2], b[3], ci_x86_ibt_seal_str(ci_x86_ibt_seal_kind(b, 4)));
	}
}

static int lengths(const char *path, const char *s, const char *e)
{
	struct vmlinux v;
	u64 pc = strtoull(s, NULL, 16), end = strtoull(e, NULL, 16);

	if (vm_open(&v, path))
		return 2;
	while (pc < end) {
		struct ci_x86_insn in;
		u8 b[16];
		int n;

		if (vm_read(&v, pc, b, sizeof(b)))
			break;
		n = ci_x86_decode(b, sizeof(b), &in);
		if (n <= 0) {
			printf("%llx ?\n", (unsigned long long)pc);
			break;
		}
		printf("%llx %d\n", (unsigned long long)pc, n);
		pc += n;
	}
	vm_close(&v);
	return 0;
}

int test_real(int argc, char **argv)
{
	struct vmlinux v;
	const char *id;

	if (argc >= 5 && !strcmp(argv[1], "--lengths"))
		return lengths(argv[2], argv[3], argv[4]);
	if (argc < 5 || strcmp(argv[1], "--real"))
		return -1;
	id = argv[2];
	if (vm_open(&v, argv[3])) {
		CHECK(0, "%s: %s is a readable x86-64 ELF", id, argv[3]);
		return 0;
	}
	if (load_syms(argv[4]) || !nsyms) {
		CHECK(0, "%s: symbols read from %s", id, argv[4]);
		vm_close(&v);
		return 0;
	}
	printf("     %s: vmlinux %s symbols, %u segments\n", id,
	       v.has_symtab ? "with" : "without", v.nseg);
	sct(id, &v);
	ibt_real(id, &v, argc > 5 ? argv[5] : NULL);
	vm_close(&v);
	return 0;
}
