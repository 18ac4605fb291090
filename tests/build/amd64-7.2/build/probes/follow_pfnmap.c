/* onload-arm configure probe: follow_pfnmap */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/mm.h>

static int __init onload_probe_init(void)
{

	struct follow_pfnmap_args args = { .vma = NULL, .address = 0 };
	int (*start)(struct follow_pfnmap_args *) = follow_pfnmap_start;
	void (*end)(struct follow_pfnmap_args *) = follow_pfnmap_end;
	(void)start;
	(void)end;
	(void)args.pfn;
	return 0;
}
module_init(onload_probe_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("onload-arm configure probe");
