/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: sprint_symbol() answers from the fuzzer's symbol map. */
#ifndef KSTUB_LINUX_KALLSYMS_H
#define KSTUB_LINUX_KALLSYMS_H
#include <linux/types.h>
/* The sizes of linux/kallsyms.h, linux/module.h and linux/buildid.h */
#define KSYM_NAME_LEN 512
#define KSTUB_MODULE_NAME_LEN (64 - 8)
#define KSYM_SYMBOL_LEN (sizeof("%s+%#lx/%#lx [%s %s]") +		\
			 (KSYM_NAME_LEN - 1) + 2 * (64 * 3 / 10) +	\
			 (KSTUB_MODULE_NAME_LEN - 1) + 20 * 2 + 1)
int sprint_symbol(char *buffer, unsigned long address);
#endif
