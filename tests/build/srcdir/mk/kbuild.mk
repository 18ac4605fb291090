# Included by every module Kbuild file: configure's results and per-arch flags.
# ONLOAD_TOP_BUILDDIR / ONLOAD_TOP_SRCDIR are passed by the top Makefile.
ifeq ($(ONLOAD_TOP_BUILDDIR),)
$(error build the modules with "make" in the configured build directory)
endif
include $(ONLOAD_TOP_BUILDDIR)/mk/config.mk
include $(ONLOAD_TOP_SRCDIR)/mk/platform/gnu_$(ONLOAD_PLATFORM).mk

ccflags-y += -include $(ONLOAD_TOP_BUILDDIR)/config.h
ccflags-y += -I$(ONLOAD_TOP_SRCDIR)/include
ccflags-y += $(ONLOAD_ARCH_CFLAGS)
