/* onload-arm configure probe: register_kprobe */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/kprobes.h>

static int __init onload_probe_init(void)
{

	int (*reg)(struct kprobe *) = register_kprobe;
	void (*unreg)(struct kprobe *) = unregister_kprobe;
	(void)reg;
	(void)unreg;
	return 0;
}
module_init(onload_probe_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("onload-arm configure probe");
