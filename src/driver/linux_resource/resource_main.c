// SPDX-License-Identifier: GPL-2.0
/*
 * sfc_resource: find this kernel's sys_call_table and offer it, with a
 * symbol lookup helper, to the other onload-arm modules.
 *
 * Parameters:
 *   syscall_table_addr  the table's address, e.g. from /proc/kallsyms
 *   resolve_methods     order of methods: param, kallsyms, decode
 * Results (read-only parameters in /sys/module/sfc_resource/parameters/):
 *   resolved_method     param, kallsyms, decode or none
 *   resolved_table      the address (root only)
 *   resolve_ns          time each method took
 *   syscall_dispatch    how the kernel dispatches syscalls, where known
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/kernel.h>
#include <onload/sfc_resource.h>
#include "resolver.h"

static unsigned long syscall_table_addr;
module_param(syscall_table_addr, ulong, 0400);
MODULE_PARM_DESC(syscall_table_addr,
		 "Address of sys_call_table (for kernel 6.8+ ARM64)");

static char *resolve_methods = "param,kallsyms,decode";
module_param(resolve_methods, charp, 0444);
MODULE_PARM_DESC(resolve_methods,
		 "Comma-separated order of resolver methods: param, kallsyms, decode");

static struct ci_resolve_result ci_result;

static int ci_get_method(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%s\n", ci_resolve_method_name(ci_result.method));
}

static int ci_get_table(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "0x%lx\n", ci_result.table);
}

static int ci_get_ns(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "param=%llu kallsyms=%llu decode=%llu\n",
			  ci_result.ns[CI_RESOLVE_PARAM],
			  ci_result.ns[CI_RESOLVE_KALLSYMS],
			  ci_result.ns[CI_RESOLVE_DECODE]);
}

static int ci_get_compat(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%s\n",
			  ci_resolve_method_name(ci_result.compat_method));
}

static int ci_get_dispatch(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%s\n",
			  ci_result.dispatch ? ci_result.dispatch : "unknown");
}

static int ci_set_readonly(const char *val, const struct kernel_param *kp)
{
	return -EPERM;
}

#define CI_RESULT_PARAM(name, getter, perm)				\
	static const struct kernel_param_ops ci_ops_##name = {		\
		.set = ci_set_readonly, .get = getter };		\
	module_param_cb(name, &ci_ops_##name, NULL, perm);		\
	MODULE_PARM_DESC(name, "result (read-only)")

CI_RESULT_PARAM(resolved_method, ci_get_method, 0444);
CI_RESULT_PARAM(resolved_table, ci_get_table, 0400);
CI_RESULT_PARAM(resolve_ns, ci_get_ns, 0444);
CI_RESULT_PARAM(syscall_dispatch, ci_get_dispatch, 0444);
CI_RESULT_PARAM(compat_table_method, ci_get_compat, 0444);

/* The table, or NULL when no method found it. */
void **efrm_syscall_table(void)
{
	return (void **)ci_result.table;
}
EXPORT_SYMBOL_GPL(efrm_syscall_table);

/* The 32-bit (compat) table, or NULL where there is none. */
void **efrm_compat_syscall_table(void)
{
	return (void **)ci_result.compat_table;
}
EXPORT_SYMBOL_GPL(efrm_compat_syscall_table);

/* How the table was found: "param", "kallsyms", "decode" or "none". */
const char *efrm_syscall_table_method(void)
{
	return ci_resolve_method_name(ci_result.method);
}
EXPORT_SYMBOL_GPL(efrm_syscall_table_method);

/*
 * May kernel code at @fn be called through a pointer?  (x86 IBT: it must
 * begin with ENDBR and not be sealed.)  0, or -errno with @why.
 */
int efrm_indirect_call_ok(unsigned long fn, char *why, size_t len)
{
	return ci_arch_indirect_call_ok(fn, why, len);
}
EXPORT_SYMBOL_GPL(efrm_indirect_call_ok);

/* kallsyms_lookup_name() for the other modules; 0 when unavailable. */
unsigned long efrm_find_ksym(const char *name)
{
	return ci_kallsyms_lookup_name(name);
}
EXPORT_SYMBOL_GPL(efrm_find_ksym);

static int __init sfc_resource_init(void)
{
	struct ci_resolve_order order;
	int rc;

	rc = ci_resolve_parse_order(resolve_methods, &order);
	if (rc)
		return rc;
	ci_resolve(&order, syscall_table_addr, &ci_result);
	ci_resolve_compat(&ci_result);
	/* Decoding saw how syscalls dispatch; else configure's probe says. */
	if (!ci_result.dispatch)
		ci_result.dispatch = ci_arch_dispatch();
	if (!ci_result.table) {
		pr_warn("sys_call_table not found by any method (%s); modules needing it will refuse to load\n",
			resolve_methods);
		return 0;
	}
	pr_info("sys_call_table resolved via %s in %llu ns (dispatch: %s)\n",
		ci_resolve_method_name(ci_result.method),
		ci_result.ns[ci_result.method],
		ci_result.dispatch ? ci_result.dispatch : "unknown");
	return 0;
}

static void __exit sfc_resource_exit(void)
{
}

module_init(sfc_resource_init);
module_exit(sfc_resource_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("onload-arm resource driver: sys_call_table resolver");
MODULE_VERSION(PACKAGE_VERSION);
