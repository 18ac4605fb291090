// SPDX-License-Identifier: GPL-2.0
/*
 * onload.ko: the /dev/onload device and /proc/driver/onload/build.
 * Needs the table sfc_resource resolved; without one it refuses to load.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/compat.h>
#include <onload/sfc_resource.h>
#include "dispatch.h"
#include "onload_internal.h"

static const struct file_operations onload_fops = {
	.owner		= THIS_MODULE,
	.unlocked_ioctl	= onload_ioctl,
	/* every ioctl structure has one layout for 32- and 64-bit callers */
	.compat_ioctl	= compat_ptr_ioctl,
};

static struct miscdevice onload_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "onload",
	.fops	= &onload_fops,
	/*
	 * Root only until udev applies our rule (mode 0660, group onload;
	 * doc/SECURITY.md): the driver never makes the node world-usable.
	 */
	.mode	= 0600,
};

static struct proc_dir_entry *onload_proc_dir;

static int onload_build_show(struct seq_file *m, void *v)
{
	seq_printf(m, "version: %s\n", PACKAGE_VERSION);
	seq_printf(m, "kernel: %s (%s)\n", ONLOAD_KERNEL_RELEASE,
		   ONLOAD_KERNEL_ARCH);
	seq_printf(m, "probes_yes: %s\n", ONLOAD_PROBES_YES);
	seq_printf(m, "probes_no: %s\n", ONLOAD_PROBES_NO);
	seq_printf(m, "resolver: %s\n", efrm_syscall_table_method());
	seq_printf(m, "dispatch: %s\n", onload_dispatch_path(false));
	seq_printf(m, "compat_dispatch: %s\n", onload_dispatch_path(true));
	return 0;
}

static int __init onload_init(void)
{
	char why[192];
	int rc;

	rc = onload_dispatch_init(why, sizeof(why));
	if (rc) {
		pr_err("not loading: %s\n", why);
		return rc;
	}
	rc = misc_register(&onload_misc);
	if (rc) {
		pr_err("cannot register /dev/onload: %d\n", rc);
		return rc;
	}
	onload_proc_dir = proc_mkdir("driver/onload", NULL);
	if (!onload_proc_dir ||
	    !proc_create_single("build", 0444, onload_proc_dir,
				onload_build_show)) {
		proc_remove(onload_proc_dir);
		misc_deregister(&onload_misc);
		pr_err("cannot create /proc/driver/onload/build\n");
		return -ENOMEM;
	}
	pr_info("ready: dispatch %s, resolver %s\n",
		onload_dispatch_path(false), efrm_syscall_table_method());
	return 0;
}

static void __exit onload_exit(void)
{
	proc_remove(onload_proc_dir);
	misc_deregister(&onload_misc);
}

module_init(onload_init);
module_exit(onload_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("onload-arm: kernel syscall dispatch for Onload's epoll and BPF uses");
MODULE_VERSION(PACKAGE_VERSION);
