// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel functions ci_validate.c and resolver.c call, on the host: the
 * memory and the symbols come from the fuzz input through struct
 * kshim_ops.  Compiled with the kstub/ headers, so the prototypes are
 * checked against what the production code sees.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <linux/kernel.h>
#include <linux/kallsyms.h>
#include <linux/ktime.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include "resolver.h"
#include "kshim.h"

struct kshim_ops kshim;
unsigned int kshim_nr_syscalls = 463, kshim_nr_compat_syscalls = 463;
char kshim_last_msg[1024];
unsigned long kshim_msgs, kshim_reads, kshim_allocs;

void kshim_reset(void)
{
	kshim_last_msg[0] = '\0';
	kshim_msgs = 0;
	kshim_reads = 0;
}

void kshim_printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(kshim_last_msg, sizeof(kshim_last_msg), fmt, ap);
	va_end(ap);
	kshim_msgs++;
	if (getenv("KSHIM_VERBOSE"))
		fputs(kshim_last_msg, stderr);
}

u64 ktime_get_ns(void)
{
	static u64 now;

	return now += 1000;
}

static int kshim_digit(char c, unsigned int base)
{
	int v;

	if (c >= '0' && c <= '9')
		v = c - '0';
	else if (c >= 'a' && c <= 'z')
		v = c - 'a' + 10;
	else if (c >= 'A' && c <= 'Z')
		v = c - 'A' + 10;
	else
		return -1;
	return v < (int)base ? v : -1;
}

/* As lib/kstrtox.c: optional '+', base 0 guesses 0x/0, one trailing '\n' */
int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	unsigned long v = 0;
	int d, n = 0;

	if (*s == '+')
		s++;
	if (base == 0 || base == 16) {
		if (s[0] == '0' && (s[1] | 0x20) == 'x' &&
		    kshim_digit(s[2], 16) >= 0) {
			s += 2;
			base = 16;
		}
	}
	if (base == 0)
		base = s[0] == '0' ? 8 : 10;
	for (; (d = kshim_digit(*s, base)) >= 0; s++, n++) {
		if (v > (ULONG_MAX - d) / base)
			return -ERANGE;
		v = v * base + d;
	}
	if (!n)
		return -EINVAL;
	if (*s == '\n')
		s++;
	if (*s)
		return -EINVAL;
	*res = v;
	return 0;
}

ssize_t strscpy(char *dst, const char *src, size_t count)
{
	size_t n;

	if (!count)
		return -E2BIG;
	n = strnlen(src, count);
	if (n == count) {
		memcpy(dst, src, count - 1);
		dst[count - 1] = '\0';
		return -E2BIG;
	}
	memcpy(dst, src, n + 1);
	return n;
}

int sprint_symbol(char *buffer, unsigned long address)
{
	int n = 0;

	/* the kernel may use all KSYM_SYMBOL_LEN bytes: so may we */
	buffer[KSYM_SYMBOL_LEN - 1] = '\0';
	if (kshim.symbol)
		n = kshim.symbol(kshim.ctx, address, buffer, KSYM_SYMBOL_LEN);
	if (n <= 0)
		n = snprintf(buffer, KSYM_SYMBOL_LEN, "0x%lx", address);
	if (n >= (int)KSYM_SYMBOL_LEN) {
		fprintf(stderr, "kshim: symbol text of %d bytes\n", n);
		abort();
	}
	return n;
}

long copy_from_kernel_nofault(void *dst, const void *src, size_t size)
{
	kshim_reads++;
	if (!kshim.read ||
	    kshim.read(kshim.ctx, (unsigned long)src, dst, size))
		return -EFAULT;
	return 0;
}

void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	void *p;

	(void)flags;
	if (size && n > SIZE_MAX / size)
		return NULL;
	p = malloc(n * size ? n * size : 1);
	if (p)
		kshim_allocs++;
	return p;
}

void kfree(const void *p)
{
	if (p)
		kshim_allocs--;
	free((void *)p);
}
