// SPDX-License-Identifier: GPL-2.0
/*
 * Symbol lookup for a module on kernels that no longer export
 * kallsyms_lookup_name() (5.7+), in order of preference:
 *
 *  1. kallsyms_lookup_name() itself, where the kernel still exports it.
 *  2. Let kprobes resolve the name: register_kprobe() looks .symbol_name up
 *     with the kernel's own direct call and stores the address in the kprobe
 *     before it decides whether the place may be probed.  A data symbol such
 *     as sys_call_table is then refused (-EINVAL) but the address is known;
 *     a function is probed and at once unregistered.  Nothing here calls
 *     kernel code through a pointer, so x86 IBT sealing is no obstacle.
 *  3. Call kallsyms_lookup_name() through a pointer taken from a kprobe on
 *     it, only where the architecture says that entry is safe to call (x86:
 *     ENDBR present and not sealed; ppc64le: its global entry point).
 * Every result is checked with sprint_symbol(): it must name the symbol
 * asked for; an offset into it (a probe placed past an ENDBR) is undone.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/kallsyms.h>
#include <linux/kprobes.h>
#include <linux/string.h>
#include "resolver.h"

typedef unsigned long (*ci_kln_fn)(const char *name);
static ci_kln_fn ci_kln;
static bool ci_kln_tried;

/*
 * Does kallsyms name @addr "@name" or "@name+off"?  Returns the start of
 * the symbol, or 0 when @addr is not in @name.
 */
static unsigned long ci_symbol_start(unsigned long addr, const char *name)
{
	char buf[KSYM_SYMBOL_LEN];
	size_t len = strlen(name);
	unsigned long off;
	char *slash;

	if (!addr)
		return 0;
	sprint_symbol(buf, addr);
	if (strncmp(buf, name, len) || buf[len] != '+')
		return 0;
	slash = strchr(buf + len, '/');
	if (!slash)
		return 0;
	*slash = '\0';
	if (kstrtoul(buf + len + 1, 0, &off) || off > addr)
		return 0;
	return addr - off;
}

#ifdef HAVE_KPROBES
/* Method 2: the kprobe core resolves the name with a direct call. */
static unsigned long ci_kprobe_resolve(const char *name)
{
	struct kprobe kp = { .symbol_name = name };
	unsigned long addr;
	int rc;

	rc = register_kprobe(&kp);
	addr = (unsigned long)kp.addr;
	if (!rc)
		unregister_kprobe(&kp);
	return ci_symbol_start(addr, name);
}
#endif

int ci_kallsyms_init(char *why, size_t len)
{
#if defined(HAVE_KALLSYMS_LOOKUP_NAME_EXPORTED)
	ci_kln = kallsyms_lookup_name;
	return 0;
#elif defined(HAVE_KPROBES)
	unsigned long addr;
	int rc;

	if (ci_kln || ci_kln_tried)
		return 0;
	ci_kln_tried = true;
	addr = ci_kprobe_resolve("kallsyms_lookup_name");
	if (!addr) {
		snprintf(why, len, "kprobes cannot resolve kallsyms_lookup_name");
		return -ENOENT;
	}
	rc = ci_arch_call_target(&addr, why, len);
	if (rc) {
		pr_info("kallsyms: not calling kallsyms_lookup_name through a pointer: %s\n",
			why);
		return 0;	/* method 2 still works */
	}
	ci_kln = (ci_kln_fn)addr;
	return 0;
#else
	snprintf(why, len, "kallsyms_lookup_name is not exported and the kernel has no kprobes");
	return -EOPNOTSUPP;
#endif
}

unsigned long ci_kallsyms_lookup_name(const char *name)
{
	unsigned long addr = 0;
	char why[128];

#if !defined(HAVE_KALLSYMS_LOOKUP_NAME_EXPORTED) && defined(HAVE_KPROBES)
	addr = ci_kprobe_resolve(name);
	if (addr)
		return addr;
#endif
	if (ci_kallsyms_init(why, sizeof(why)))
		return 0;
	if (ci_kln)
		addr = ci_symbol_start(ci_kln(name), name);
	return addr;
}
