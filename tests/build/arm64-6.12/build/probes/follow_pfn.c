/* onload-arm configure probe: follow_pfn */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/mm.h>

static int __init onload_probe_init(void)
{

	int (*fp)(struct vm_area_struct *, unsigned long, unsigned long *) =
		follow_pfn;
	(void)fp;
	return 0;
}
module_init(onload_probe_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("onload-arm configure probe");
