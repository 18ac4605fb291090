/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: printk, min_t, ARRAY_SIZE, kstrtoul (tests/fuzz/kshim.c). */
#ifndef KSTUB_LINUX_KERNEL_H
#define KSTUB_LINUX_KERNEL_H
#include <errno.h>
#include <stdio.h>
#include <linux/types.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define min_t(type, x, y) ({ type min_x_ = (x); type min_y_ = (y);	\
			     min_x_ < min_y_ ? min_x_ : min_y_; })

int kstrtoul(const char *s, unsigned int base, unsigned long *res);

/* Every message is formatted (the sanitizers see its reads), then kept. */
__attribute__((format(printf, 1, 2)))
void kshim_printk(const char *fmt, ...);
#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif
#define pr_err(fmt, ...) kshim_printk(pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...) kshim_printk(pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...) kshim_printk(pr_fmt(fmt), ##__VA_ARGS__)
#endif
