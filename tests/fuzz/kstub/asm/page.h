/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: arm64's PAGE_OFFSET with 48-bit virtual addresses. */
#ifndef KSTUB_ASM_PAGE_H
#define KSTUB_ASM_PAGE_H
#define PAGE_OFFSET 0xffff000000000000UL
#endif
