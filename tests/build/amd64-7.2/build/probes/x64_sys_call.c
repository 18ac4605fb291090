/* onload-arm configure probe: x64_sys_call */
#include <linux/module.h>
#include <linux/init.h>
#include <asm/syscall.h>

static int __init onload_probe_init(void)
{

	long (*fp)(const struct pt_regs *, unsigned int) = x64_sys_call;
	(void)fp;
	return 0;
}
module_init(onload_probe_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("onload-arm configure probe");
