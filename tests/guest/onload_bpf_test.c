// SPDX-License-Identifier: GPL-2.0
/*
 * onload_bpf_test: ONLOAD_IOC_BPF_ARRAY makes a real BPF array map in the
 * caller's files, checked with native bpf(2): BPF_OBJ_GET_INFO_BY_FD and
 * an update/lookup round trip.  SKIP if native bpf(2) is refused, or if
 * the ioctl gives EOPNOTSUPP (a kernel older than about 5.18 cannot take
 * the bpf attributes from kernel memory).
 */
#include "common.h"
#include "bpf_native.h"

#include <linux/bpf.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static int map_elem(int cmd, int fd, uint32_t key, void *value)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.map_fd = fd;
	a.key = (uintptr_t)&key;
	a.value = (uintptr_t)value;
	a.flags = cmd == BPF_MAP_UPDATE_ELEM ? BPF_ANY : 0;
	return sys_bpf(cmd, &a);
}

/* Create through the ioctl and check the map natively. */
static void check_map(int dev, unsigned int vsize, unsigned int entries)
{
	struct bpf_map_info info;
	char name[64], link[128];
	int fd;

	snprintf(name, sizeof(name), "bpf_array_%u_%u", vsize, entries);
	fd = ol_bpf_array(dev, vsize, entries);
	if (fd < 0) {
		t_fail(name, "ioctl: %s (%s)", strerror(errno),
		       t_errname(errno));
		return;
	}
	if (t_fd_link(fd, link, sizeof(link)) < 0)
		snprintf(link, sizeof(link), "(readlink: %s)", strerror(errno));
	if (map_info(fd, &info) < 0) {
		t_fail(name, "map_fd %d (%s): BPF_OBJ_GET_INFO_BY_FD: %s", fd,
		       link, strerror(errno));
	} else {
		t_check(info.type == BPF_MAP_TYPE_ARRAY && info.key_size == 4 &&
			info.value_size == vsize && info.max_entries == entries,
			name, "map_fd %d (%s): type %u key %u value %u entries %u",
			fd, link, info.type, info.key_size, info.value_size,
			info.max_entries);
	}
	close(fd);
}

/* uapi 2: the fd is the return value, the struct is not written. */
static void check_no_writeback(int dev)
{
	struct onload_bpf_array b = {
		.value_size = 8, .max_entries = 4, .reserved = 0x5a5a5a5a,
		.pad = 0,
	};
	struct bpf_map_info info;
	int fd;

	fd = ioctl(dev, ONLOAD_IOC_BPF_ARRAY, &b);
	t_check(fd >= 0 && b.reserved == 0x5a5a5a5a && b.value_size == 8 &&
		b.max_entries == 4 && b.pad == 0 && map_info(fd, &info) == 0 &&
		info.type == BPF_MAP_TYPE_ARRAY && info.value_size == 8,
		"bpf_uapi2_value", "map fd %d as the return value (%s), reserved %#x (put 0x5a5a5a5a)",
		fd, fd < 0 ? t_errname(errno) : "ok", (unsigned)b.reserved);
	if (fd >= 0)
		close(fd);
}

static void check_elems(int dev)
{
	uint64_t in = 0x1122334455667788ull, out = 0;
	int fd, rc, err;

	fd = ol_bpf_array(dev, 8, 4);
	if (fd < 0) {
		t_fail("bpf_elem", "ioctl: %s", strerror(errno));
		return;
	}
	rc = map_elem(BPF_MAP_UPDATE_ELEM, fd, 2, &in);
	if (rc < 0) {
		t_fail("bpf_elem_update", "key 2: %s", strerror(errno));
	} else {
		rc = map_elem(BPF_MAP_LOOKUP_ELEM, fd, 2, &out);
		t_check(rc == 0 && out == in, "bpf_elem_roundtrip",
			"key 2: wrote %#llx read %#llx (%s)",
			(unsigned long long)in, (unsigned long long)out,
			rc ? strerror(errno) : "ok");
	}
	out = 1;
	rc = map_elem(BPF_MAP_LOOKUP_ELEM, fd, 0, &out);
	t_check(rc == 0 && out == 0, "bpf_elem_zero",
		"key 0 of a new array: %#llx (%s)", (unsigned long long)out,
		rc ? strerror(errno) : "ok");
	rc = map_elem(BPF_MAP_LOOKUP_ELEM, fd, 4, &out);
	err = errno;
	t_check(rc < 0 && err == ENOENT, "bpf_elem_out_of_range",
		"key 4 of 4 entries: %d (%s)", rc, rc ? t_errname(err) : "ok");
	close(fd);
}

int main(void)
{
	int dev, fd, err, before;

	t_init();
	dev = t_open_dev();
	if (dev < 0)
		return 1;
	before = t_count_fds();

	fd = native_array(8, 4);
	if (fd < 0) {
		err = errno;
		fd = ol_bpf_array(dev, 8, 4);
		/* ENOSYS: the kernel has no bpf(2) (CONFIG_BPF_SYSCALL off) */
		if (err == ENOSYS)
			t_skip("bpf", "native bpf(BPF_MAP_CREATE) gives ENOSYS: the kernel has no bpf(2); the ioctl gave %s",
			       fd < 0 ? t_errname(errno) : "a map fd");
		else
			t_fail("bpf", "native bpf(BPF_MAP_CREATE) as root refused: %s (%s); the ioctl gave %s",
			       strerror(err), t_errname(err),
			       fd < 0 ? t_errname(errno) : "a map fd");
		if (fd >= 0)
			close(fd);
		close(dev);
		return t_exit_code();
	}
	close(fd);
	fd = ol_bpf_array(dev, 8, 4);
	if (fd < 0 && errno == EOPNOTSUPP && t_module_lacks("HAVE_KERN_SYS_BPF")) {
		t_skip("bpf", "the ioctl gave EOPNOTSUPP while native bpf(BPF_MAP_CREATE) works: kernel cannot take bpf attributes from kernel memory (no kern_sys_bpf export, as configure found)");
		close(dev);
		return t_exit_code();
	}
	if (fd >= 0)
		close(fd);

	check_map(dev, 8, 4);
	check_map(dev, 16, 1);
	check_map(dev, 4, 1000);
	check_elems(dev);
	check_no_writeback(dev);
	t_check(t_count_fds() == before, "bpf_fd_leak",
		"open fds before %d after %d", before, t_count_fds());
	close(dev);
	return t_exit_code();
}
