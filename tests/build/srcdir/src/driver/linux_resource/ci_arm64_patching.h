/* SPDX-License-Identifier: GPL-2.0 */
/* arm64: reading kernel text without faulting. */
#ifndef CI_ARM64_PATCHING_H
#define CI_ARM64_PATCHING_H

#include <linux/types.h>

/* Read the instruction word at @addr (4-byte aligned): 0 or -errno. */
int ci_arm64_read_insn(unsigned long addr, u32 *insn);

#endif /* CI_ARM64_PATCHING_H */
