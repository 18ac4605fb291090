/* onload-arm configure probe: follow_pte_vma */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/mm.h>

static int __init onload_probe_init(void)
{

	int (*fp)(struct vm_area_struct *, unsigned long, pte_t **,
		  spinlock_t **) = follow_pte;
	(void)fp;
	return 0;
}
module_init(onload_probe_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("onload-arm configure probe");
