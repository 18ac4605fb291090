/* onload-arm configure probe: sanity */
#include <linux/module.h>
#include <linux/init.h>


static int __init onload_probe_init(void)
{

	return 0;
}
module_init(onload_probe_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("onload-arm configure probe");
