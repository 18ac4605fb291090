/* config.h.  Generated from config.h.in by configure.  */
/* config.h.in.  Generated from configure.ac by autoheader.  */

/* asm/insn.h defines aarch64_insn_is_bti() */
/* #undef HAVE_AARCH64_INSN_IS_BTI */

/* the kernel compiler accepts -mno-outline-atomics */
/* #undef HAVE_CC_NO_OUTLINE_ATOMICS */

/* close_on_exec() takes a const struct fdtable * */
/* #undef HAVE_CLOSE_ON_EXEC_FDTABLE */

/* close_on_exec() takes a const struct files_struct * (6.10) */
#define HAVE_CLOSE_ON_EXEC_FILES_STRUCT 1

/* the kernel has CONFIG_KPROBES */
#define HAVE_CONFIG_KPROBES 1

/* copy_from_kernel_nofault() exists (5.8) */
#define HAVE_COPY_FROM_KERNEL_NOFAULT 1

/* follow_pfn() exists (removed in 6.10) */
/* #undef HAVE_FOLLOW_PFN */

/* follow_pfnmap_start()/follow_pfnmap_end() exist (6.12) */
#define HAVE_FOLLOW_PFNMAP 1

/* follow_pte() takes a struct mm_struct * */
/* #undef HAVE_FOLLOW_PTE_MM */

/* follow_pte() takes a struct vm_area_struct * (6.10) */
/* #undef HAVE_FOLLOW_PTE_VMA */

/* the kernel defines in_compat_syscall() (4.6) */
#define HAVE_IN_COMPAT_SYSCALL 1

/* the kernel defines is_compat_task() */
/* #undef HAVE_IS_COMPAT_TASK */

/* kallsyms_lookup_name() is exported to modules (before 5.7) */
/* #undef HAVE_KALLSYMS_LOOKUP_NAME_EXPORTED */

/* the kernel is built with indirect branch tracking (ENDBR) */
#define HAVE_KERNEL_IBT 1

/* register_kprobe() works (CONFIG_KPROBES and the API) */
#define HAVE_KPROBES 1

/* config.h comes from configure's probes */
#define HAVE_ONLOAD_CONFIG_H 1

/* x86 has rdmsrq() (6.16 rename of rdmsrl()) */
#define HAVE_RDMSRQ 1

/* the kernel is built with the shadow call stack */
/* #undef HAVE_SHADOW_CALL_STACK */

/* x86_64 syscalls dispatch through x64_sys_call() (6.9, stable backports) */
#define HAVE_X64_SYS_CALL 1

/* Architecture of the target kernel */
#define ONLOAD_KERNEL_ARCH "x86_64"

/* Kernel release the modules are configured for */
#define ONLOAD_KERNEL_RELEASE "7.2.13+deb14-amd64"

/* Name of package */
#define PACKAGE "onload-arm"

/* Define to the address where bug reports for this package should be sent. */
#define PACKAGE_BUGREPORT ""

/* Define to the full name of this package. */
#define PACKAGE_NAME "onload-arm"

/* Define to the full name and version of this package. */
#define PACKAGE_STRING "onload-arm 0.1.0"

/* Define to the one symbol short name of this package. */
#define PACKAGE_TARNAME "onload-arm"

/* Define to the home page for this package. */
#define PACKAGE_URL ""

/* Define to the version of this package. */
#define PACKAGE_VERSION "0.1.0"

/* Version number of package */
#define VERSION "0.1.0"
