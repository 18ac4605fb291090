/* onload-arm configure probe: is_compat_task */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/compat.h>

static int __init onload_probe_init(void)
{

	int r = is_compat_task();
	(void)r;
	return 0;
}
module_init(onload_probe_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("onload-arm configure probe");
