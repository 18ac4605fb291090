// SPDX-License-Identifier: GPL-2.0
/*
 * Tiny module for tests/vm/selftest: proves that a module built against a
 * cached kbuild tree loads into the matching kernel under QEMU.  It logs a
 * marker on load and unload and creates nothing.  With warn=1 its init
 * triggers a WARN_ON so the harness's dmesg scanner can be tested.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/kernel.h>
#include <linux/bug.h>

static char *marker = "default";
module_param(marker, charp, 0444);
MODULE_PARM_DESC(marker, "string echoed in the load and unload messages");

static bool warn;
module_param(warn, bool, 0444);
MODULE_PARM_DESC(warn, "trigger a WARN_ON in module init");

static int __init vmselftest_init(void)
{
	pr_info("vmselftest: loaded marker=%s\n", marker);
	WARN_ON(warn);
	return 0;
}

static void __exit vmselftest_exit(void)
{
	pr_info("vmselftest: unloaded marker=%s\n", marker);
}

module_init(vmselftest_init);
module_exit(vmselftest_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("onload-arm VM harness self-test module");
