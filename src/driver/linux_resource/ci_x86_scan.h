/* SPDX-License-Identifier: GPL-2.0 */
/* x86_64: sys_call_table found in the image's read-only data (see .c). */
#ifndef SFC_RESOURCE_CI_X86_SCAN_H
#define SFC_RESOURCE_CI_X86_SCAN_H

#include <linux/types.h>

/* Up to @max candidates into @cand; their number, or -errno and @why. */
int ci_x86_scan_table(unsigned long *cand, int max, char *why, size_t len);

#endif /* SFC_RESOURCE_CI_X86_SCAN_H */
