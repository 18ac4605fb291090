/* SPDX-License-Identifier: GPL-2.0 */
/* Minimal test reporting for the locator unit tests (arm64, ppc64) */
#ifndef CHECK_H
#define CHECK_H

#include <stdio.h>

extern unsigned int check_passed, check_failed;

#define CHECK(cond, ...) do {						\
	int check_ok_ = !!(cond);					\
									\
	if (check_ok_) {						\
		check_passed++;						\
		printf("ok   - ");					\
	} else {							\
		check_failed++;						\
		printf("FAIL - ");					\
	}								\
	printf(__VA_ARGS__);						\
	printf("%s\n", check_ok_ ? "" : "  [" #cond "]");		\
} while (0)

void test_insn(void);
void test_walk(void);

#endif /* CHECK_H */
