# Written by configure: what kbuild needs to know about this configuration.
ONLOAD_KERNEL_ARCH := arm64
# Selects mk/platform/gnu_$(ONLOAD_PLATFORM).mk
ONLOAD_PLATFORM := aarch64
CC_NO_OUTLINE_ATOMICS := y
