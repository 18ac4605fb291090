// SPDX-License-Identifier: GPL-2.0
/*
 * kallsyms_lookup_name() for a module: called directly where the kernel still
 * exports it (before 5.7), else its address is taken from a kprobe registered
 * on it.  The architecture decides whether that address is safe to call
 * (x86 IBT: ENDBR present and not sealed; ppc64le: the global entry point).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/kallsyms.h>
#include <linux/kprobes.h>
#include "resolver.h"

typedef unsigned long (*ci_kln_fn)(const char *name);
static ci_kln_fn ci_kln;

int ci_kallsyms_init(char *why, size_t len)
{
#if defined(HAVE_KALLSYMS_LOOKUP_NAME_EXPORTED)
	ci_kln = kallsyms_lookup_name;
	return 0;
#elif defined(HAVE_KPROBES)
	struct kprobe kp = { .symbol_name = "kallsyms_lookup_name" };
	unsigned long addr;
	int rc;

	if (ci_kln)
		return 0;
	rc = register_kprobe(&kp);
	if (rc) {
		snprintf(why, len, "register_kprobe(kallsyms_lookup_name) failed: %d",
			 rc);
		return rc;
	}
	addr = (unsigned long)kp.addr;
	unregister_kprobe(&kp);
	rc = ci_arch_call_target(&addr, why, len);
	if (rc)
		return rc;
	ci_kln = (ci_kln_fn)addr;
	return 0;
#else
	snprintf(why, len, "kallsyms_lookup_name is not exported and the kernel has no kprobes");
	return -EOPNOTSUPP;
#endif
}

unsigned long ci_kallsyms_lookup_name(const char *name)
{
	char why[128];

	if (!ci_kln && ci_kallsyms_init(why, sizeof(why)))
		return 0;
	return ci_kln(name);
}
