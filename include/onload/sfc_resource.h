/* SPDX-License-Identifier: GPL-2.0 */
/* What sfc_resource.ko exports to the other onload-arm modules. */
#ifndef ONLOAD_SFC_RESOURCE_H
#define ONLOAD_SFC_RESOURCE_H

#include <linux/types.h>

/* The native syscall table, or NULL when the resolver found none. */
void **efrm_syscall_table(void);
/* The 32-bit (compat) table, or NULL. */
void **efrm_compat_syscall_table(void);
/* How it was found: "param", "kallsyms", "decode" or "none". */
const char *efrm_syscall_table_method(void);
/* May @fn be called through a pointer (x86 IBT)?  0 or -errno + @why. */
int efrm_indirect_call_ok(unsigned long fn, char *why, size_t len);
/* kallsyms_lookup_name() for modules; 0 when unavailable. */
unsigned long efrm_find_ksym(const char *name);

#endif /* ONLOAD_SFC_RESOURCE_H */
