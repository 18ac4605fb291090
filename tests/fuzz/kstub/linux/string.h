/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: libc's string functions and the kernel's strscpy(). */
#ifndef KSTUB_LINUX_STRING_H
#define KSTUB_LINUX_STRING_H
#include <string.h>
#include <linux/types.h>
ssize_t strscpy(char *dst, const char *src, size_t count);
#endif
