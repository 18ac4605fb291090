# x86_64: the kernel's own flags suffice (IBT/retpoline come from the tree).
ONLOAD_ARCH_CFLAGS +=
ONLOAD_ARCH_OBJS := ci_x86_insn.o ci_x86_decode.o ci_x86_ibt.o ci_x86_scan.o ci_x86_entry.o
