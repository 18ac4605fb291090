/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Calling the kernel's own syscall implementations through the table that
 * sfc_resource resolved.  The table is only ever read, never written.
 *
 * The dispatchable syscalls are one list, ONLOAD_DISPATCH_SYSCALLS.  Call
 * sites use ONLOAD_SYSCALLn(name, ...), which names the list's enum entry
 * (a syscall not in the list does not compile) and checks at compile time
 * that n is the argument count the list gives.
 */
#ifndef ONLOAD_DISPATCH_H
#define ONLOAD_DISPATCH_H

#include <linux/build_bug.h>
#include <linux/types.h>

/* name, argument count, compat (ARM EABI / i386) number: fixed ABI facts */
#define ONLOAD_DISPATCH_SYSCALLS(X)			\
	X(epoll_create1,	1, 357, 329)		\
	X(epoll_ctl,		4, 251, 255)		\
	X(epoll_pwait,		6, 346, 319)

enum onload_sys {
#define ONLOAD_X(name, nargs, arm32, i386) ONLOAD_SYS_##name,
	ONLOAD_DISPATCH_SYSCALLS(ONLOAD_X)
#undef ONLOAD_X
	ONLOAD_SYS_COUNT
};

enum {
#define ONLOAD_X(name, nargs, arm32, i386) onload_sys_nargs_##name = nargs,
	ONLOAD_DISPATCH_SYSCALLS(ONLOAD_X)
#undef ONLOAD_X
};

/* Resolve every handler and check it may be called; 0 or -errno. */
int onload_dispatch_init(char *why, size_t len);
/* Where calls go: "sys_call_table (pt_regs)", ... */
const char *onload_dispatch_path(bool compat);
long onload_dispatch(enum onload_sys sys, const unsigned long *args);

#define ONLOAD_SYSCALL_N(name, n, ...)					\
	({								\
		const unsigned long __a[6] = { __VA_ARGS__ };		\
		BUILD_BUG_ON(onload_sys_nargs_##name != (n));		\
		onload_dispatch(ONLOAD_SYS_##name, __a);		\
	})
#define ONLOAD_SYSCALL1(name, a)	ONLOAD_SYSCALL_N(name, 1, (unsigned long)(a))
#define ONLOAD_SYSCALL4(name, a, b, c, d)				\
	ONLOAD_SYSCALL_N(name, 4, (unsigned long)(a), (unsigned long)(b),	\
			 (unsigned long)(c), (unsigned long)(d))
#define ONLOAD_SYSCALL6(name, a, b, c, d, e, f)				\
	ONLOAD_SYSCALL_N(name, 6, (unsigned long)(a), (unsigned long)(b),	\
			 (unsigned long)(c), (unsigned long)(d),		\
			 (unsigned long)(e), (unsigned long)(f))

#endif /* ONLOAD_DISPATCH_H */
