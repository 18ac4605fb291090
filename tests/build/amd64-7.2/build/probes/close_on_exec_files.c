/* onload-arm configure probe: close_on_exec_files */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/fdtable.h>

static int __init onload_probe_init(void)
{

	bool (*fp)(unsigned int, const struct files_struct *) = close_on_exec;
	(void)fp;
	return 0;
}
module_init(onload_probe_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("onload-arm configure probe");
