/* SPDX-License-Identifier: GPL-2.0 */
/* Native bpf(2) calls the guest programs compare the ioctl with. */
#ifndef GUEST_BPF_NATIVE_H
#define GUEST_BPF_NATIVE_H

#include <linux/bpf.h>

int sys_bpf(int cmd, union bpf_attr *attr);
/* bpf(BPF_MAP_CREATE) of an array, key 4 bytes: the fd, or -1 (errno). */
int native_array(unsigned int value_size, unsigned int max_entries);
/* BPF_OBJ_GET_INFO_BY_FD of a map fd into @info: 0 or -1 (errno). */
int map_info(int fd, struct bpf_map_info *info);

#endif /* GUEST_BPF_NATIVE_H */
