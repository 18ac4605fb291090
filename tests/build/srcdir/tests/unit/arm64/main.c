// SPDX-License-Identifier: GPL-2.0
/* Host unit tests for ci_arm64_insn.c and ci_arm64_decode.c */
#include "check.h"

unsigned int check_passed, check_failed;

int main(void)
{
	test_insn();
	test_walk();
	printf("%u passed, %u failed\n", check_passed, check_failed);
	return check_failed ? 1 : 0;
}
