// SPDX-License-Identifier: GPL-2.0
/* ci_read_kernel() for a harness that does not see the kernel's u64. */
#include <linux/types.h>
#include "resolver.h"
#include "kshim.h"

int kshim_ci_read_kernel(unsigned long addr, void *buf, size_t len)
{
	return ci_read_kernel(NULL, addr, buf, len);
}
