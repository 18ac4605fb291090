/* SPDX-License-Identifier: GPL-2.0 */
/* The sys_call_table resolver: methods, validation and the result. */
#ifndef SFC_RESOURCE_RESOLVER_H
#define SFC_RESOURCE_RESOLVER_H

#include <linux/types.h>
#include <asm/unistd.h>

enum ci_resolve_method {
	CI_RESOLVE_NONE = 0,
	CI_RESOLVE_PARAM,
	CI_RESOLVE_KALLSYMS,
	CI_RESOLVE_DECODE,
	CI_RESOLVE_NR_METHODS
};

#define CI_RESOLVE_MAX_ORDER	CI_RESOLVE_NR_METHODS

struct ci_resolve_order {
	enum ci_resolve_method m[CI_RESOLVE_MAX_ORDER];
	int n;
};

struct ci_resolve_result {
	unsigned long table;		/* 0: not found */
	enum ci_resolve_method method;
	u64 ns[CI_RESOLVE_NR_METHODS];	/* time spent per method */
	const char *dispatch;		/* how the kernel dispatches syscalls */
	unsigned long compat_table;	/* the 32-bit table, 0: none */
	enum ci_resolve_method compat_method;
};

const char *ci_resolve_method_name(enum ci_resolve_method m);
int ci_resolve_parse_order(const char *s, struct ci_resolve_order *order);
void ci_resolve(const struct ci_resolve_order *order, unsigned long param,
		struct ci_resolve_result *res);
void ci_resolve_compat(struct ci_resolve_result *res);

/*
 * ci_validate.c: read @len bytes of kernel memory at @addr into @buf without
 * faulting (the decoders' read callback; @ctx unused): 0 or -EFAULT.
 */
int ci_read_kernel(void *ctx, u64 addr, void *buf, size_t len);

/* ci_validate.c: is @addr this kernel's syscall table?  0 or -errno + @why */
int ci_syscall_table_check(unsigned long addr, char *why, size_t len);

/* The 32-bit (compat) table: where it exists, its name and entry count. */
#if defined(CONFIG_ARM64) && defined(CONFIG_COMPAT)
/* 6.1: __NR_compat_syscalls in asm/unistd.h; later: generated header. */
# if !defined(__NR_compat_syscalls) && defined(HAVE_ASM_UNISTD_COMPAT_32_H)
#  include <asm/unistd_compat_32.h>
# endif
# define CI_COMPAT_TABLE_NAME	"compat_sys_call_table"
# ifdef __NR_compat_syscalls
#  define CI_COMPAT_NR_SYSCALLS	__NR_compat_syscalls
# else
#  define CI_COMPAT_NR_SYSCALLS	__NR_compat32_syscalls
# endif
#elif defined(CONFIG_X86_64) && defined(CONFIG_IA32_EMULATION)
# define CI_COMPAT_TABLE_NAME	"ia32_sys_call_table"
# define CI_COMPAT_NR_SYSCALLS	IA32_NR_syscalls
#endif
int ci_compat_table_check(unsigned long addr, char *why, size_t len);
/* arm64's decoder for the compat table: as below. */
int ci_arch_decode_compat_candidates(unsigned long *cand, int max,
				     char *why, size_t len);

/* ci_kallsyms.c: kallsyms_lookup_name(), exported or through a kprobe */
unsigned long ci_kallsyms_lookup_name(const char *name);
int ci_kallsyms_init(char *why, size_t len);

/*
 * The architecture's decoder: fill @cand with up to @max candidate table
 * addresses in order of preference, return how many, or -errno with @why.
 * With candidates, @why stays empty unless the walk read a kprobe's
 * breakpoint: then it names that place, for the line that reports that no
 * candidate was the table.
 * @dispatch may be set to describe how the kernel dispatches syscalls.
 */
int ci_arch_decode_candidates(unsigned long *cand, int max,
			      const char **dispatch, char *why, size_t len);

/*
 * Turn an address a kprobe reported for a function into one that is safe to
 * call indirectly, or refuse (-errno and @why).
 */
int ci_arch_call_target(unsigned long *addr, char *why, size_t len);

/* How this kernel dispatches syscalls, from configure's probes. */
const char *ci_arch_dispatch(void);

/* May kernel code at @addr be called through a pointer?  0 or -errno. */
int ci_arch_indirect_call_ok(unsigned long addr, char *why, size_t len);

#endif /* SFC_RESOURCE_RESOLVER_H */
