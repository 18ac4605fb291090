# Written by configure: what kbuild needs to know about this configuration.
ONLOAD_KERNEL_ARCH := x86_64
# Selects mk/platform/gnu_$(ONLOAD_PLATFORM).mk
ONLOAD_PLATFORM := x86_64
CC_NO_OUTLINE_ATOMICS := 
