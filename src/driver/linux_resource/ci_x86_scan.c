// SPDX-License-Identifier: GPL-2.0
/*
 * x86_64: find sys_call_table where the kernel dispatches through
 * x64_sys_call()'s switch, so that no entry code indexes the table.  The
 * table is still in the image's read-only data: a long run of pointers into
 * the kernel image whose first two slots are __x64_sys_read and
 * __x64_sys_write.  Scan the image around an exported read-only object
 * (_ctype), a page at a time, for runs of at least CI_X86_SCAN_MIN_RUN
 * such words, and name the words of each run with sprint_symbol() (which
 * needs no kprobes and no kallsyms_lookup_name).  Every candidate is then
 * validated like any other (ci_syscall_table_check).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/ctype.h>
#include <linux/string.h>
#include <asm/page.h>
#include "resolver.h"
#include "ci_x86_scan.h"

/* Far fewer than the ~450 entries, far more than any ops table's run. */
#define CI_X86_SCAN_MIN_RUN	128
/* How far around the anchor the image's read-only data may reach. */
#define CI_X86_SCAN_SPAN	(64ul << 20)

static bool ci_in_image(unsigned long v)
{
	return v >= __START_KERNEL_map &&
	       v - __START_KERNEL_map < KERNEL_IMAGE_SIZE;
}

/* Is the code at @v the start of the function @name? */
static bool ci_is_function(unsigned long v, const char *name)
{
	char buf[KSYM_SYMBOL_LEN];
	size_t n = strlen(name);

	sprint_symbol(buf, v);
	return !strncmp(buf, name, n) && !strncmp(buf + n, "+0x0/", 5);
}

/* Look for the table's start in the run [@start, @start + 8 * @len). */
static int ci_check_run(unsigned long start, unsigned long len,
			unsigned long *cand, int n, int max)
{
	unsigned long p, w[2];

	for (p = start; p + 2 * sizeof(long) <= start + len * sizeof(long) &&
	     n < max; p += sizeof(long)) {
		if (ci_read_kernel(NULL, p, w, sizeof(w)))
			continue;
		if (ci_is_function(w[0], "__x64_sys_read") &&
		    ci_is_function(w[1], "__x64_sys_write"))
			cand[n++] = p;
	}
	return n;
}

int ci_x86_scan_table(unsigned long *cand, int max, char *why, size_t len)
{
	static unsigned long page[PAGE_SIZE / sizeof(long)];
	unsigned long anchor = (unsigned long)_ctype & PAGE_MASK;
	unsigned long lo, hi, a, run_start = 0, run_len = 0, runs = 0;
	unsigned long pages = 0;
	int n = 0, i;

	lo = anchor - CI_X86_SCAN_SPAN;
	if (!ci_in_image(lo))
		lo = __START_KERNEL_map;
	hi = anchor + CI_X86_SCAN_SPAN;
	if (!ci_in_image(hi - 1))
		hi = __START_KERNEL_map + KERNEL_IMAGE_SIZE;

	for (a = lo; a < hi && n < max; a += PAGE_SIZE) {
		if (ci_read_kernel(NULL, a, page, PAGE_SIZE)) {
			/* A hole ends any run. */
			if (run_len >= CI_X86_SCAN_MIN_RUN) {
				runs++;
				n = ci_check_run(run_start, run_len, cand, n, max);
			}
			run_len = 0;
			continue;
		}
		pages++;
		for (i = 0; i < ARRAY_SIZE(page); i++) {
			if (ci_in_image(page[i])) {
				if (!run_len++)
					run_start = a + i * sizeof(long);
				continue;
			}
			if (run_len >= CI_X86_SCAN_MIN_RUN) {
				runs++;
				n = ci_check_run(run_start, run_len, cand, n, max);
			}
			run_len = 0;
		}
	}
	if (run_len >= CI_X86_SCAN_MIN_RUN && n < max) {
		runs++;
		n = ci_check_run(run_start, run_len, cand, n, max);
	}
	if (!n) {
		snprintf(why, len, "no run of %d image pointers starting __x64_sys_read, __x64_sys_write in %lu pages around _ctype (%lu runs)",
			 CI_X86_SCAN_MIN_RUN, pages, runs);
		return -ENOENT;
	}
	pr_info("decode: x86 scan: %d candidate(s) in %lu pages, %lu runs of %d+ image pointers\n",
		n, pages, runs, CI_X86_SCAN_MIN_RUN);
	return n;
}
