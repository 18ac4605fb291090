/* SPDX-License-Identifier: GPL-2.0 */
/* Tiny test bookkeeping shared by the x86 unit test files. */
#ifndef T_UTIL_H
#define T_UTIL_H

#include <stdio.h>

extern int t_pass, t_fail, t_skip;

#define CHECK(cond, ...) do {						\
	if (cond) {							\
		t_pass++;						\
		printf("ok   ");					\
	} else {							\
		t_fail++;						\
		printf("FAIL ");					\
	}								\
	printf(__VA_ARGS__);						\
	printf("\n");							\
} while (0)

#define SKIP(...) do {							\
	t_skip++;							\
	printf("SKIP ");						\
	printf(__VA_ARGS__);						\
	printf("\n");							\
} while (0)

void test_ibt(void);
void test_insn(void);
int test_real(int argc, char **argv);

#endif
