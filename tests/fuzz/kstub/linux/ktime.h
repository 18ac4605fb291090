/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: a clock that only counts. */
#ifndef KSTUB_LINUX_KTIME_H
#define KSTUB_LINUX_KTIME_H
#include <linux/types.h>
u64 ktime_get_ns(void);
#endif
