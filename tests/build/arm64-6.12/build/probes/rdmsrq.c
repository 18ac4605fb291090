/* onload-arm configure probe: rdmsrq */
#include <linux/module.h>
#include <linux/init.h>
#include <asm/msr.h>

static int __init onload_probe_init(void)
{

	u64 v;

	rdmsrq(MSR_LSTAR, v);
	(void)v;
	return 0;
}
module_init(onload_probe_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("onload-arm configure probe");
