# ppc64le: ELFv2 ABI flags come from the tree; no decoder (param, kallsyms).
ONLOAD_ARCH_CFLAGS +=
ONLOAD_ARCH_OBJS := ci_ppc64_entry.o
