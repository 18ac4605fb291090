/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: the fault-safe read, answered from the fuzzer's map. */
#ifndef KSTUB_LINUX_UACCESS_H
#define KSTUB_LINUX_UACCESS_H
#include <linux/types.h>
long copy_from_kernel_nofault(void *dst, const void *src, size_t size);
#endif
