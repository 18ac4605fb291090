/* onload-arm configure probe: aarch64_insn_is_bti */
#include <linux/module.h>
#include <linux/init.h>
#include <asm/insn.h>

static int __init onload_probe_init(void)
{

	bool b = aarch64_insn_is_bti(0xd503241fU);
	(void)b;
	return 0;
}
module_init(onload_probe_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("onload-arm configure probe");
