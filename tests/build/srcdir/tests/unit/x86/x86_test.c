// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of src/driver/linux_resource/ci_x86_{ibt,insn}.c.
 * Without arguments: the synthetic tests.  With --real / --lengths: see
 * test_real.c.  Ends with "N passed, N failed[, N skipped]".
 */
#include <string.h>
#include "t_util.h"

int t_pass, t_fail, t_skip;

int main(int argc, char **argv)
{
	int rc;

	if (argc > 1) {
		rc = test_real(argc, argv);
		if (rc < 0) {
			fprintf(stderr, "usage: %s [--real ID VMLINUX SYMS "
				"[POISON]] | [--lengths VMLINUX START END]\n",
				argv[0]);
			return 2;
		}
		if (!strcmp(argv[1], "--lengths"))
			return rc;
	} else {
		test_ibt();
		test_insn();
	}
	if (t_skip)
		printf("%d passed, %d failed, %d skipped\n", t_pass, t_fail,
		       t_skip);
	else
		printf("%d passed, %d failed\n", t_pass, t_fail);
	return t_fail ? 1 : 0;
}
