# arm64: GCC >= 10 defaults to outline atomics, calls to libgcc helpers
# (__aarch64_ldadd4_acq_rel, ...) that the kernel does not provide.  Turn them
# off where configure found the kernel's compiler accepts the flag.
ifeq ($(CC_NO_OUTLINE_ATOMICS),y)
ONLOAD_ARCH_CFLAGS += -mno-outline-atomics
endif
ONLOAD_ARCH_OBJS := ci_decode_common.o ci_arm64_insn.o ci_arm64_decode.o ci_arm64_entry.o
