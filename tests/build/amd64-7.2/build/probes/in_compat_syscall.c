/* onload-arm configure probe: in_compat_syscall */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/compat.h>

static int __init onload_probe_init(void)
{

	bool r = in_compat_syscall();
	(void)r;
	return 0;
}
module_init(onload_probe_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("onload-arm configure probe");
