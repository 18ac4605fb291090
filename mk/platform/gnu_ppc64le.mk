# ppc64le: ELFv2 ABI flags come from the tree; the decoder walks from the sc vector.
ONLOAD_ARCH_CFLAGS +=
ONLOAD_ARCH_OBJS := ci_decode_common.o ci_ppc64_insn.o ci_ppc64_decode.o ci_ppc64_entry.o
