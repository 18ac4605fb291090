// SPDX-License-Identifier: GPL-2.0
/*
 * Is an address this kernel's native syscall table?  Every candidate from
 * every method passes here before it is used:
 *  - a kernel address, aligned for an array of pointers;
 *  - where kallsyms knows a symbol there, the candidate is its start and it
 *    belongs to the kernel image, not a module;
 *  - the whole table (NR_syscalls entries) reads without faulting;
 *  - every entry is the start of a kallsyms symbol of the kernel image:
 *    a function, or where CONFIG_KALLSYMS_ALL lists data too possibly a
 *    data object, since nothing exported to modules tells the two apart;
 *  - the __NR_close slot is the architecture's close handler.
 * Kernel memory is read only through copy_from_kernel_nofault().
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/kallsyms.h>
#include <linux/uaccess.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/unistd.h>
#include <asm/page.h>
#include "resolver.h"

#if defined(CONFIG_ARM64)
static const char * const ci_close_names[] = { "__arm64_sys_close" };
# ifdef CONFIG_COMPAT
static const char * const ci_compat_close_names[] = { "__arm64_sys_close",
						      "__arm64_compat_sys_close" };
# endif
#elif defined(CONFIG_X86_64)
static const char * const ci_close_names[] = { "__x64_sys_close" };
# ifdef CONFIG_IA32_EMULATION
static const char * const ci_compat_close_names[] = { "__ia32_sys_close" };
# endif
#elif defined(CONFIG_PPC64)
static const char * const ci_close_names[] = { "__powerpc_sys_close",
					       "sys_close" };
#else
#error "sfc_resource supports arm64, x86_64 and ppc64le"
#endif

/*
 * Split sprint_symbol()'s "name+0xoff/0xsize [module]" into its name and
 * offset.  Returns false when kallsyms knows no symbol there.  The module
 * part goes first: symbol names hold no space, but a module's name may
 * hold a '+' (Kbuild only turns '-' and ',' into '_').
 */
static bool ci_symbol_at(unsigned long addr, char *name, size_t len,
			 unsigned long *off, bool *in_module)
{
	char buf[KSYM_SYMBOL_LEN];
	char *plus, *slash, *space;

	sprint_symbol(buf, addr);
	space = strchr(buf, ' ');
	*in_module = !!space;
	if (space)
		*space = '\0';
	plus = strrchr(buf, '+');
	slash = plus ? strchr(plus, '/') : NULL;
	if (!plus || !slash)
		return false;
	*slash = '\0';
	if (kstrtoul(plus + 1, 0, off))
		return false;
	*plus = '\0';
	strscpy(name, buf, len);
	return true;
}

static bool ci_is_close_handler(const char *name, const char * const *names,
				size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(name, names[i]))
			return true;
	return false;
}

int ci_read_kernel(void *ctx, u64 addr, void *buf, size_t len)
{
	if (addr < PAGE_OFFSET)
		return -EFAULT;
	return copy_from_kernel_nofault(buf, (const void *)(unsigned long)addr,
					len) ? -EFAULT : 0;
}

static int ci_table_check(unsigned long addr, unsigned int nr,
			  unsigned int close_nr, const char * const *close_names,
			  size_t n_close, char *why, size_t len)
{
	char name[KSYM_NAME_LEN];
	unsigned long *table;
	unsigned long off;
	bool in_module;
	int i, rc = -EINVAL;

	if (!addr) {
		snprintf(why, len, "address is zero");
		return -EINVAL;
	}
	if (addr < PAGE_OFFSET) {
		snprintf(why, len, "%p is not a kernel address", (void *)addr);
		return -EINVAL;
	}
	if (addr & (sizeof(unsigned long) - 1)) {
		snprintf(why, len, "%p is not %zu-byte aligned", (void *)addr,
			 sizeof(unsigned long));
		return -EINVAL;
	}
	if (ci_symbol_at(addr, name, sizeof(name), &off, &in_module)) {
		if (in_module) {
			snprintf(why, len, "%p is in a module (%s)",
				 (void *)addr, name);
			return -EINVAL;
		}
		if (off) {
			snprintf(why, len, "%p is inside %s (+0x%lx), not at the start of a table",
				 (void *)addr, name, off);
			return -EINVAL;
		}
	}

	table = kmalloc_array(nr, sizeof(*table), GFP_KERNEL);
	if (!table) {
		snprintf(why, len, "out of memory");
		return -ENOMEM;
	}
	if (copy_from_kernel_nofault(table, (void *)addr,
				     nr * sizeof(*table))) {
		snprintf(why, len, "%p is not readable kernel memory",
			 (void *)addr);
		rc = -EFAULT;
		goto out;
	}
	for (i = 0; i < nr; i++) {
		if (table[i] < PAGE_OFFSET ||
		    !ci_symbol_at(table[i], name, sizeof(name), &off,
				  &in_module) || off || in_module) {
			/* Never show what the memory holds (doc/SECURITY.md). */
			snprintf(why, len, "entry %d is not a kernel function",
				 i);
			goto out;
		}
	}
	name[0] = '\0';
	if (!ci_symbol_at(table[close_nr], name, sizeof(name), &off,
			  &in_module) ||
	    !ci_is_close_handler(name, close_names, n_close)) {
		snprintf(why, len, "close slot %u does not hold %s", close_nr,
			 close_names[0]);
		goto out;
	}
	rc = 0;
out:
	kfree(table);
	return rc;
}

int ci_syscall_table_check(unsigned long addr, char *why, size_t len)
{
	return ci_table_check(addr, NR_syscalls, __NR_close, ci_close_names,
			      ARRAY_SIZE(ci_close_names), why, len);
}

#ifdef CI_COMPAT_NR_SYSCALLS
/* The 32-bit table: close is 6 in both the ARM EABI and i386 numbering. */
int ci_compat_table_check(unsigned long addr, char *why, size_t len)
{
	return ci_table_check(addr, CI_COMPAT_NR_SYSCALLS, 6,
			      ci_compat_close_names,
			      ARRAY_SIZE(ci_compat_close_names), why, len);
}
#endif
