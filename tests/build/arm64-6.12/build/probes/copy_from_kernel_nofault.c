/* onload-arm configure probe: copy_from_kernel_nofault */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/uaccess.h>

static int __init onload_probe_init(void)
{

	long (*fp)(void *, const void *, size_t) = copy_from_kernel_nofault;
	(void)fp;
	return 0;
}
module_init(onload_probe_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("onload-arm configure probe");
