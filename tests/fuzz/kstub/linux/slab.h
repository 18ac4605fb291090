/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: kmalloc_array()/kfree() on malloc (ASan sees them). */
#ifndef KSTUB_LINUX_SLAB_H
#define KSTUB_LINUX_SLAB_H
#include <linux/types.h>
#define GFP_KERNEL 0u
void *kmalloc_array(size_t n, size_t size, gfp_t flags);
void kfree(const void *p);
#endif
