/* SPDX-License-Identifier: GPL-2.0 */
/* Shared between onload.ko's files. */
#ifndef ONLOAD_INTERNAL_H
#define ONLOAD_INTERNAL_H

struct file;

long onload_ioctl(struct file *f, unsigned int cmd, unsigned long arg);

#endif /* ONLOAD_INTERNAL_H */
