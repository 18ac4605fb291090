// SPDX-License-Identifier: GPL-2.0
/*
 * onload_priv_test --group GID [--race N] [--race-seconds S] [--dev PATH]:
 * the privilege boundary of /dev/onload, run as root in a busybox guest
 * (no su or setpriv there) after the guest script made the device
 * root:GID mode 0660, as the udev rule does.
 *
 * One child per role drops privileges itself (setgroups, setgid, setuid,
 * then checks that setuid(0) fails) and, in the seccomp roles, installs a
 * filter refusing bpf(2) and every epoll system call with EPERM.  Each
 * child then checks, printing RESULT lines named after its role: open of
 * the device, that the filter works, VERSION, an EPOLL round trip and
 * CLOSE_ON_EXEC (usable in every role, seccomp included), USER_PFN on the
 * [vvar] pages (root: a stable nonzero pfn; everyone else:
 * EPERM), BPF_ARRAY against a native bpf(BPF_MAP_CREATE) in the same role
 * (EPERM under seccomp) and no fd leaked.
 *
 * --race N: as root, one thread makes N BPF arrays through the ioctl (at
 * most S seconds, default 120) and checks each, while another pwrite()s a
 * different bpf_attr through /proc/self/mem wherever the next anonymous
 * page would be mapped: the map made must always be the array asked for.
 *
 * GUEST_FAKE build: the device is a temporary file root:GID mode 0660
 * (so the open cell still tests the permission rule) unless --dev is
 * given, and the ioctls are fake_onload.c's; its epoll system calls carry
 * FAKE_SECCOMP_MARK, which the filter lets through there.
 *
 * 64-bit (x86_64, aarch64, ppc64le) only: elsewhere one SKIP.
 */
#include "common.h"
#include "bpf_native.h"

#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <linux/audit.h>
#include <linux/bpf.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#if defined(__x86_64__) && !defined(__ILP32__)
#define NATIVE_AUDIT_ARCH	AUDIT_ARCH_X86_64
#elif defined(__aarch64__) && !defined(__ILP32__)
#define NATIVE_AUDIT_ARCH	AUDIT_ARCH_AARCH64
#elif defined(__powerpc64__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define NATIVE_AUDIT_ARCH	AUDIT_ARCH_PPC64LE
#endif

#ifndef __NR_epoll_pwait2
#define __NR_epoll_pwait2	441
#endif
#ifndef SECCOMP_RET_KILL_PROCESS
#define SECCOMP_RET_KILL_PROCESS SECCOMP_RET_KILL
#endif

#define UID_USER	1000
#define UID_OUTSIDE	1001
#define MAX_VVAR	8
#define MAX_RANGES	1024
#define EV_DATA		0x1234567890abcdefull

struct role {
	const char *name;
	int drop;		/* change uid/gid */
	uid_t uid;
	gid_t gid;
	int in_group;		/* supplementary groups {GID} */
	int seccomp;
	int fd_from_root;	/* open as root, then drop keeping the fd */
};

static const struct role roles[] = {
	{ "root", 0, 0, 0, 0, 0, 0 },
	{ "user_in_group", 1, UID_USER, UID_USER, 1, 0, 0 },
	{ "user_outside", 1, UID_OUTSIDE, UID_OUTSIDE, 0, 0, 0 },
	{ "user_seccomp", 1, UID_USER, UID_USER, 1, 1, 0 },
	{ "root_seccomp", 0, 0, 0, 0, 1, 0 },
	{ "user_fd_from_root", 1, UID_USER, UID_USER, 0, 0, 1 },
};

static const char *dev_path = ONLOAD_DEV;
static gid_t dev_group;
static int bpf_disabled = -1;	/* /proc/sys/kernel/unprivileged_bpf_disabled */
static long pg;

/* Is @info exactly ARRAY key 4 value 8 entries 4, no flags, no BTF? */
static int is_our_array(const struct bpf_map_info *info)
{
	return info->type == BPF_MAP_TYPE_ARRAY && info->key_size == 4 &&
	       info->value_size == 8 && info->max_entries == 4 &&
	       info->map_flags == 0 && info->btf_id == 0;
}

static const char *fmt_info(const struct bpf_map_info *info, char *buf,
			    size_t len)
{
	snprintf(buf, len, "type %u key %u value %u entries %u flags %#x btf_id %u",
		 info->type, info->key_size, info->value_size,
		 info->max_entries, info->map_flags, info->btf_id);
	return buf;
}

static const char *res(int rc, int err)
{
	return rc < 0 ? t_errname(err) : "success";
}

/* --- seccomp ---------------------------------------------------------- */

#ifdef NATIVE_AUDIT_ARCH
static const int denied_nrs[] = {
	__NR_bpf,
#ifdef __NR_epoll_create
	__NR_epoll_create,
#endif
	__NR_epoll_create1,
	__NR_epoll_ctl,
#ifdef __NR_epoll_ctl_old
	__NR_epoll_ctl_old,
#endif
#ifdef __NR_epoll_wait
	__NR_epoll_wait,
#endif
#ifdef __NR_epoll_wait_old
	__NR_epoll_wait_old,
#endif
	__NR_epoll_pwait,
	__NR_epoll_pwait2,
};

#define ARG_LO(n)	(offsetof(struct seccomp_data, args) + 8 * (n))
#define ARG_HI(n)	(ARG_LO(n) + 4)	/* little-endian targets only */

/*
 * EPERM for bpf and the epoll calls, allow the rest; kill a task of
 * another ABI (and on x86_64 refuse the x32 numbers, which would bypass
 * the list).
 */
static int install_seccomp(void)
{
	struct sock_filter f[64];
	struct sock_fprog prog;
	unsigned int n = 0, i, k = ARRAY_SIZE(denied_nrs);

	f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		offsetof(struct seccomp_data, arch));
	f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
		NATIVE_AUDIT_ARCH, 1, 0);
	f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
		SECCOMP_RET_KILL_PROCESS);
#ifdef GUEST_FAKE
	/* fake_onload.c's epoll calls stand for the module's ioctls */
	f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		ARG_LO(5));
	f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
		FAKE_SECCOMP_MARK, 0, 3);
	f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		ARG_HI(5));
	f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
		0, 0, 1);
	f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
		SECCOMP_RET_ALLOW);
#endif
	f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		offsetof(struct seccomp_data, nr));
#ifdef __x86_64__
	f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K,
		0x40000000u, k + 1, 0);
#endif
	/* instruction i of the list jumps to the EPERM after the ALLOW */
	for (i = 0; i < k; i++)
		f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
			(unsigned int)denied_nrs[i], k - i, 0);
	f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
		SECCOMP_RET_ALLOW);
	f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
		SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA));
	prog.len = n;
	prog.filter = f;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -1;
	return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0);
}
#endif

/* --- the cells of a role ---------------------------------------------- */

/* setgroups, setgid, setuid; then verify.  0 if the role is in place. */
static int drop_privs(const struct role *r)
{
	gid_t groups[1] = { dev_group }, got[8];
	int ng, rc, err;

	if (setgroups(r->in_group ? 1 : 0, groups) < 0 ||
	    setgid(r->gid) < 0 || setuid(r->uid) < 0) {
		t_fail(r->name, "drop to uid %u gid %u: %s", (unsigned)r->uid,
		       (unsigned)r->gid, t_errname(errno));
		return -1;
	}
	ng = getgroups(ARRAY_SIZE(got), got);
	errno = 0;
	rc = setuid(0);
	err = errno;
	if (getuid() != r->uid || geteuid() != r->uid || getgid() != r->gid ||
	    getegid() != r->gid || ng != (r->in_group ? 1 : 0) ||
	    (ng == 1 && got[0] != dev_group) || rc == 0) {
		t_fail(r->name, "drop: uid %u euid %u gid %u egid %u, %d groups, setuid(0) %s",
		       (unsigned)getuid(), (unsigned)geteuid(),
		       (unsigned)getgid(), (unsigned)getegid(), ng,
		       res(rc, err));
		return -1;
	}
	/* keep /proc/self/ ours (a uid change clears "dumpable") */
	prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
	return 0;
}

static void print_ids(const struct role *r)
{
	gid_t got[8];
	char gl[128] = "";
	int ng = getgroups(ARRAY_SIZE(got), got), i;
	size_t off = 0;

	for (i = 0; i < ng && off < sizeof(gl); i++)
		off += snprintf(gl + off, sizeof(gl) - off, "%s%u", i ? "," : "",
				(unsigned)got[i]);
	t_info("priv: %s uid %u euid %u gid %u egid %u groups {%s}%s%s",
	       r->name, (unsigned)getuid(), (unsigned)geteuid(),
	       (unsigned)getgid(), (unsigned)getegid(), gl,
	       r->seccomp ? " + seccomp filter" : "",
	       r->fd_from_root ? " + device fd opened as root" : "");
}

static void cell_seccomp(const struct role *r)
{
	int ep, bfd, ee, eb;

	ep = syscall(__NR_epoll_create1, 0, 0, 0, 0, 0, 0);
	ee = errno;
	bfd = native_array(8, 4);
	eb = errno;
	t_check(ep < 0 && ee == EPERM && bfd < 0 && eb == EPERM, r->name,
		"seccomp effective: native epoll_create1 %s, bpf(BPF_MAP_CREATE) %s (want EPERM, EPERM)",
		res(ep, ee), res(bfd, eb));
	if (ep >= 0)
		close(ep);
	if (bfd >= 0)
		close(bfd);
}

static void cell_version(const struct role *r, int dev)
{
	struct onload_version v;
	int rc = ol_version(dev, &v), err = errno;

	t_check(rc == 0 && v.uapi_version == ONLOAD_UAPI_VERSION, r->name,
		"VERSION: %s, uapi_version %u (header %u)", res(rc, err),
		rc == 0 ? v.uapi_version : 0, ONLOAD_UAPI_VERSION);
}

/* EPOLL round trip and CLOSE_ON_EXEC of the epoll fd. */
static void cell_epoll(const struct role *r, int dev)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = EV_DATA };
	struct epoll_event out[4];
	int ep, efd, n, n2, rc, fl, ce;
	const char *what;

	ep = ol_epoll_create(dev, EPOLL_CLOEXEC);
	if (ep < 0) {
		t_fail(r->name, "EPOLL: create: %s", t_errname(errno));
		t_fail(r->name, "CLOSE_ON_EXEC: no epoll fd to ask about");
		return;
	}
	efd = eventfd(0, EFD_CLOEXEC);
	if (efd < 0 || eventfd_write(efd, 1) < 0) {
		t_fail(r->name, "EPOLL: eventfd: %s", t_errname(errno));
		goto out;
	}
	what = "ctl ADD";
	rc = ol_epoll_ctl(dev, ep, EPOLL_CTL_ADD, efd, &ev);
	if (rc == 0) {
		what = "wait";
		memset(out, 0, sizeof(out));
		n = ol_epoll_wait(dev, ep, out, ARRAY_SIZE(out), 0, NULL);
		if (n != 1 || out[0].events != EPOLLIN ||
		    out[0].data.u64 != EV_DATA) {
			t_fail(r->name, "EPOLL: wait gave %d (%s), first event %#x data %s",
			       n, res(n, errno), out[0].events,
			       out[0].data.u64 == EV_DATA ? "ours" : "wrong");
			goto cloexec;
		}
		what = "ctl DEL";
		rc = ol_epoll_ctl(dev, ep, EPOLL_CTL_DEL, efd, NULL);
		if (rc == 0) {
			n2 = ol_epoll_wait(dev, ep, out, ARRAY_SIZE(out), 0,
					   NULL);
			t_check(n2 == 0, r->name,
				"EPOLL: create, ctl ADD, wait (1 event, our data), DEL, wait %d", n2);
			goto cloexec;
		}
	}
	t_fail(r->name, "EPOLL: %s: %s", what, t_errname(errno));
cloexec:
	fl = fcntl(ep, F_GETFD);
	ce = ol_close_on_exec(dev, ep);
	t_check(fl >= 0 && ce == (fl & FD_CLOEXEC) && ce == 1, r->name,
		"CLOSE_ON_EXEC: ioctl %d (%s), fcntl F_GETFD & FD_CLOEXEC %d",
		ce, res(ce, errno), fl < 0 ? -1 : fl & FD_CLOEXEC);
out:
	if (efd >= 0)
		close(efd);
	close(ep);
}

struct range {
	uintptr_t lo, hi;
};

/* Mappings of /proc/self/maps whose name begins with @prefix (all: ""). */
static int find_maps(const char *prefix, struct range *rg, int max)
{
	char line[512], name[256];
	unsigned long long lo, hi;
	FILE *f = fopen("/proc/self/maps", "r");
	int n = 0;

	if (!f)
		return -1;
	while (n < max && fgets(line, sizeof(line), f)) {
		name[0] = '\0';
		if (sscanf(line, "%llx-%llx %*s %*s %*s %*s %255s", &lo, &hi,
			   name) < 2)
			continue;
		if (strncmp(name, prefix, strlen(prefix)))
			continue;
		rg[n].lo = lo;
		rg[n].hi = hi;
		n++;
	}
	fclose(f);
	return n;
}

/*
 * The [vvar*] mappings with their VmFlags (/proc/self/smaps): pfnmap when
 * the kernel mapped it VM_IO or VM_PFNMAP ("io" or "pf"), the kind of
 * mapping USER_PFN answers for.  7.3 maps [vvar] (the vDSO data) without
 * either: for it the module's contract is EINVAL.
 */
struct vvar_map {
	uintptr_t lo, hi;
	int pfnmap;
	int data;	/* named exactly [vvar] */
};

/* No /proc/self/smaps (CONFIG_PROC_PAGE_MONITOR off: our own kernels). */
static int no_smaps;

static int find_vvar(struct vvar_map *vm, int max)
{
	char line[512], name[256], *p;
	unsigned long long lo, hi;
	FILE *f = fopen("/proc/self/smaps", "r");
	int n = 0, cur = -1, i;
	struct range rg[MAX_VVAR];

	if (!f && errno == ENOENT) {
		/*
		 * Without smaps the flags are unknown: every [vvar*] mapping
		 * is taken for a PFN mapping, as on every kernel before 7.3
		 * (our own kernels are 6.12), and the detail says so.
		 */
		no_smaps = 1;
		n = find_maps("[vvar", rg, MAX_VVAR);
		for (i = 0; i < n; i++) {
			vm[i].lo = rg[i].lo;
			vm[i].hi = rg[i].hi;
			vm[i].pfnmap = 1;
			vm[i].data = 1;	/* a pfn required, as before */
		}
		return n;
	}
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		name[0] = '\0';
		if (sscanf(line, "%llx-%llx %*s %*s %*s %*s %255s", &lo, &hi,
			   name) >= 2 && strchr(line, '-') < strchr(line, ' ')) {
			cur = -1;
			if (n < max && !strncmp(name, "[vvar", 5)) {
				cur = n++;
				vm[cur].lo = lo;
				vm[cur].hi = hi;
				vm[cur].pfnmap = 0;
				vm[cur].data = !strcmp(name, "[vvar]");
			}
			continue;
		}
		if (cur < 0 || strncmp(line, "VmFlags:", 8))
			continue;
		for (p = strtok(line + 8, " \n"); p; p = strtok(NULL, " \n"))
			if (!strcmp(p, "io") || !strcmp(p, "pf"))
				vm[cur].pfnmap = 1;
	}
	fclose(f);
	return n;
}

/*
 * USER_PFN on every page of the [vvar*] mappings.  Root: on a VM_IO or
 * VM_PFNMAP mapping a nonzero pfn, the same when asked again, or for a
 * page not faulted in EINVAL or EFAULT, never EPERM; at least one pfn when
 * [vvar] itself is such a mapping (every kernel before 7.3).  On any other
 * mapping EINVAL for every page.  (pagemap cannot confirm the value: it
 * shows VM_PFNMAP mappings as holes; onload_pfn_test checks real values
 * against a PCI BAR.)  Everyone else: EPERM for every page.  No pfn or
 * address is printed.
 */
static void cell_user_pfn(const struct role *r, int dev)
{
	struct vvar_map vv[MAX_VVAR];
	struct timespec ts;
	int i, nv, root = !r->drop, need_pfn = 0, npf = 0;
	int pages = 0, ok = 0, eperm = 0, stable = 0, bad = 0, rc, rc2, err;
	int einval_plain = 0, plain = 0;
	uint64_t pfn, pfn2;
	uintptr_t a;
	char first[160] = "";

	for (i = 0; i < 4; i++) {
		clock_gettime(CLOCK_MONOTONIC, &ts);
		clock_gettime(CLOCK_REALTIME, &ts);
	}
	nv = find_vvar(vv, MAX_VVAR);
	if (nv <= 0) {
		t_fail(r->name, "USER_PFN: no [vvar] mapping in /proc/self/smaps (%s)",
		       nv < 0 ? strerror(errno) : "none");
		return;
	}
	for (i = 0; i < nv; i++) {
		npf += vv[i].pfnmap;
		if (vv[i].data && vv[i].pfnmap)
			need_pfn = 1;
		for (a = vv[i].lo; a < vv[i].hi; a += pg) {
			pages++;
			pfn = 0;
			rc = ol_user_pfn(dev, (void *)a, &pfn);
			err = errno;
			if (rc == 0 && pfn)
				ok++;
			if (rc < 0 && err == EPERM)
				eperm++;
			if (!root) {
				if (rc == 0 || err != EPERM) {
					bad++;
					if (!first[0])
						snprintf(first, sizeof(first),
							 "; page %d of mapping %d: %s",
							 pages - 1, i, res(rc, err));
				}
				continue;
			}
			if (!vv[i].pfnmap) {
				plain++;
				if (rc < 0 && err == EINVAL) {
					einval_plain++;
					continue;
				}
				bad++;
				if (!first[0])
					snprintf(first, sizeof(first),
						 "; page %d (mapping %d, neither VM_IO nor VM_PFNMAP): %s (want EINVAL)",
						 pages - 1, i, res(rc, err));
				continue;
			}
			if (rc < 0) {
				if (err != EINVAL && err != EFAULT) {
					bad++;
					if (!first[0])
						snprintf(first, sizeof(first),
							 "; page %d: %s (want a pfn, EINVAL or EFAULT)",
							 pages - 1, t_errname(err));
				}
				continue;
			}
			pfn2 = 0;
			rc2 = ol_user_pfn(dev, (void *)a, &pfn2);
			if (rc2 == 0 && pfn2 == pfn && pfn) {
				stable++;
				continue;
			}
			bad++;
			if (!first[0])
				snprintf(first, sizeof(first),
					 "; page %d: %s pfn, asked again: %s%s",
					 pages - 1, pfn ? "a" : "zero",
					 res(rc2, errno),
					 rc2 == 0 && pfn2 != pfn ? ", another pfn" : "");
		}
	}
	if (root)
		t_check((ok > 0 || !need_pfn) && !bad, r->name,
			"USER_PFN [vvar]: %d mapping(s) (%d VM_IO/VM_PFNMAP), %d pages, %d gave a pfn (%d the same when asked again), %d of %d other pages EINVAL%s%s",
			nv, npf, pages, ok, stable, einval_plain, plain,
			no_smaps ? " (no /proc/self/smaps: every [vvar*] taken for VM_PFNMAP, as before 7.3)" :
			need_pfn ? "" : " ([vvar] is not a PFN mapping here: no pfn required)",
			first);
	else
		t_check(!bad && eperm == pages, r->name,
			"USER_PFN [vvar] refused (EPERM): %d of %d pages in %d mapping(s)%s",
			eperm, pages, nv, first);
}

static void cell_bpf(const struct role *r, int dev)
{
	struct bpf_map_info info;
	char buf[160], expect[96] = "";
	int nfd, en, ofd, eo, want_err = 0;

	nfd = native_array(8, 4);
	en = errno;
	ofd = ol_bpf_array(dev, 8, 4);
	eo = errno;
	if (r->seccomp) {
		t_check(ofd < 0 && eo == EPERM, r->name,
			"BPF_ARRAY under seccomp: %s (want EPERM; native %s)",
			res(ofd, eo), res(nfd, en));
		goto out;
	}
	if (ofd < 0 && eo == EOPNOTSUPP) {
		if (t_module_lacks("HAVE_KERN_SYS_BPF"))
			t_skip(r->name, "BPF_ARRAY: kernel cannot take bpf attributes from kernel memory (no kern_sys_bpf export, as configure found; EOPNOTSUPP; native %s)",
			       res(nfd, en));
		else
			t_fail(r->name, "BPF_ARRAY: EOPNOTSUPP, but the module was built with HAVE_KERN_SYS_BPF (native %s)",
			       res(nfd, en));
		goto out;
	}
	if (r->drop) {
		want_err = bpf_disabled != 0 ? EPERM : 0;
		snprintf(expect, sizeof(expect),
			 ", expected %s for a user (unprivileged_bpf_disabled %d)",
			 want_err ? "EPERM" : "success", bpf_disabled);
	}
	if ((nfd < 0) != (ofd < 0) || (nfd < 0 && en != eo) ||
	    (want_err && (ofd >= 0 || eo != want_err)) ||
	    (r->drop && !want_err && ofd < 0)) {
		t_fail(r->name, "BPF_ARRAY: ioctl %s, native %s%s",
		       res(ofd, eo), res(nfd, en), expect);
		goto out;
	}
	if (ofd < 0) {
		t_pass(r->name, "BPF_ARRAY: ioctl %s as native%s",
		       t_errname(eo), expect);
		goto out;
	}
	if (map_info(ofd, &info) < 0)
		t_fail(r->name, "BPF_ARRAY: succeeded as native, BPF_OBJ_GET_INFO_BY_FD: %s",
		       t_errname(errno));
	else
		t_check(is_our_array(&info), r->name,
			"BPF_ARRAY: succeeded as native, %s%s",
			fmt_info(&info, buf, sizeof(buf)), expect);
out:
	if (nfd >= 0)
		close(nfd);
	if (ofd >= 0)
		close(ofd);
}

static int open_dev(void)
{
	return open(dev_path, O_RDWR | O_CLOEXEC);
}

/* The child of one role; returns its exit status. */
static int run_role(const struct role *r)
{
	int dev = -1, err, before, after;

	alarm(120);
	if (r->fd_from_root) {
		dev = open_dev();
		if (dev < 0) {
			t_fail(r->name, "open %s as root: %s", dev_path,
			       t_errname(errno));
			return t_exit_code();
		}
	}
	if (r->drop && drop_privs(r) < 0)
		return t_exit_code();
#ifdef NATIVE_AUDIT_ARCH
	if (r->seccomp && install_seccomp() < 0) {
		t_fail(r->name, "seccomp filter: %s", t_errname(errno));
		return t_exit_code();
	}
#endif
	print_ids(r);

	if (r->fd_from_root) {
		int again = open_dev();

		err = errno;
		if (r->gid == dev_group)
			t_info("priv: %s: gid %u is the device's group, reopen %s",
			       r->name, (unsigned)r->gid, res(again, err));
		else
			t_check(again < 0 && err == EACCES, r->name,
				"open: fd opened as root kept; reopening as uid %u: %s (want EACCES)",
				(unsigned)getuid(), res(again, err));
		if (again >= 0)
			close(again);
	} else {
		dev = open_dev();
		err = errno;
		if (!strcmp(r->name, "user_outside")) {
			t_check(dev < 0 && err == EACCES, r->name,
				"open %s O_RDWR: %s (want EACCES)", dev_path,
				res(dev, err));
			if (dev >= 0)
				close(dev);
			return t_exit_code();
		}
		if (!t_check(dev >= 0, r->name, "open %s O_RDWR: %s",
			     dev_path, res(dev, err)))
			return t_exit_code();
	}
	before = t_count_fds();
	if (r->seccomp)
		cell_seccomp(r);
	cell_version(r, dev);
	cell_epoll(r, dev);
	cell_user_pfn(r, dev);
	cell_bpf(r, dev);
	after = t_count_fds();
	t_check(before >= 0 && after == before, r->name,
		"no fd leaked: open fds before %d after %d", before, after);
	close(dev);
	return t_exit_code();
}

/* --- the race --------------------------------------------------------- */

struct race {
	int dev, memfd;
	unsigned long n, done, bad, writes, skipped, other_err;
	unsigned int seconds;
	int stop, ready, ioctl_err, first_other;
	struct bpf_map_info first_bad;
	struct range known[MAX_RANGES];
	int nknown;
};

static int known_addr(const struct race *rc, uintptr_t a)
{
	int i;

	for (i = 0; i < rc->nknown; i++)
		if (a >= rc->known[i].lo && a < rc->known[i].hi)
			return 1;
	return 0;
}

/*
 * Thread B: learn where the next one-page anonymous mapping goes and
 * write a HASH bpf_attr there and around it, through /proc/self/mem.
 * Mappings that existed when it started are ours and left alone.
 */
static void *race_writer(void *arg)
{
	struct race *rc = arg;
	union bpf_attr evil;
	uintptr_t p, a;
	void *m;
	int k;

	memset(&evil, 0, sizeof(evil));
	evil.map_type = BPF_MAP_TYPE_HASH;
	evil.key_size = 8;
	evil.value_size = 64;
	evil.max_entries = 1;
	evil.map_flags = BPF_F_NO_PREALLOC;
	rc->nknown = find_maps("", rc->known, MAX_RANGES);
	__atomic_store_n(&rc->ready, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&rc->stop, __ATOMIC_ACQUIRE)) {
		m = mmap(NULL, pg, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (m == MAP_FAILED)
			continue;
		munmap(m, pg);
		p = (uintptr_t)m;
		for (k = -1; k <= 1; k++) {
			a = p + k * pg;
			if (known_addr(rc, a)) {
				rc->skipped++;
				continue;
			}
			if (pwrite(rc->memfd, &evil, sizeof(evil), (off_t)a) ==
			    (ssize_t)sizeof(evil))
				rc->writes++;
			else if (errno != EIO && !rc->other_err++)
				rc->first_other = errno;
		}
	}
	return NULL;
}

static int run_race(unsigned long n, unsigned int seconds)
{
	struct race *rc = calloc(1, sizeof(*rc));
	struct bpf_map_info info;
	pthread_t tb;
	uint64_t t0, limit;
	char buf[160];
	int fd, err;

	alarm(seconds + 120);
	if (!rc)
		return 1;
	rc->n = n;
	rc->seconds = seconds;
	rc->dev = open_dev();
	if (rc->dev < 0) {
		t_fail("race", "open %s: %s", dev_path, t_errname(errno));
		return t_exit_code();
	}
	fd = ol_bpf_array(rc->dev, 8, 4);
	err = errno;
	if (fd < 0) {
		if (err == EOPNOTSUPP && t_module_lacks("HAVE_KERN_SYS_BPF"))
			t_skip("race", "kernel cannot take bpf attributes from kernel memory (no kern_sys_bpf export, as configure found; EOPNOTSUPP)");
		else
			t_fail("race", "BPF_ARRAY as root: %s", t_errname(err));
		return t_exit_code();
	}
	close(fd);
	rc->memfd = open("/proc/self/mem", O_RDWR | O_CLOEXEC);
	if (rc->memfd < 0) {
		t_fail("race", "open /proc/self/mem: %s", t_errname(errno));
		return t_exit_code();
	}
	if (pthread_create(&tb, NULL, race_writer, rc)) {
		t_fail("race", "pthread_create failed");
		return t_exit_code();
	}
	while (!__atomic_load_n(&rc->ready, __ATOMIC_ACQUIRE))
		t_sleep_ms(1);

	t0 = t_now_ns();
	limit = (uint64_t)seconds * 1000000000ull;
	for (rc->done = 0; rc->done < n; rc->done++) {
		if ((rc->done & 255) == 0 && t_now_ns() - t0 >= limit)
			break;
		fd = ol_bpf_array(rc->dev, 8, 4);
		if (fd < 0) {
			rc->ioctl_err = errno;
			break;
		}
		if (map_info(fd, &info) < 0) {
			err = errno;
			close(fd);
			rc->ioctl_err = err;
			t_info("race: BPF_OBJ_GET_INFO_BY_FD: %s",
			       t_errname(err));
			break;
		}
		if (!is_our_array(&info) && !rc->bad++)
			rc->first_bad = info;
		close(fd);
	}
	__atomic_store_n(&rc->stop, 1, __ATOMIC_RELEASE);
	pthread_join(tb, NULL);
	close(rc->memfd);
	close(rc->dev);

	t_info("race: B: %lu pwrites landed, %lu addresses of existing mappings skipped, %lu other errors%s%s",
	       rc->writes, rc->skipped, rc->other_err,
	       rc->other_err ? ", first " : "",
	       rc->other_err ? t_errname(rc->first_other) : "");
	if (rc->bad)
		t_fail("race", "%lu of %lu maps not the array asked for, first: %s (B wrote %lu times)",
		       rc->bad, rc->done,
		       fmt_info(&rc->first_bad, buf, sizeof(buf)), rc->writes);
	else if (rc->ioctl_err)
		t_fail("race", "BPF_ARRAY failed after %lu maps: %s", rc->done,
		       t_errname(rc->ioctl_err));
	else if (rc->done < n)
		/* the attempts asked for are the test: fewer is not a pass */
		t_fail("race", "only %lu of %lu attempts in %u s (all ARRAY 4/8/4 so far)",
		       rc->done, n, seconds);
	else
		t_pass("race", "%lu maps, all ARRAY 4/8/4 (B wrote %lu times)",
		       rc->done, rc->writes);
	free(rc);
	return t_exit_code();
}

/* --- main ------------------------------------------------------------- */

static int read_int(const char *path)
{
	FILE *f = fopen(path, "r");
	int v = -1;

	if (f) {
		if (fscanf(f, "%d", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

/* Fork, run @fn in the child, report how it ended.  0 if no FAIL. */
static int in_child(const char *name, int (*fn)(const void *), const void *a)
{
	pid_t pid;
	int st;

	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		t_fail(name, "fork: %s", t_errname(errno));
		return 1;
	}
	if (pid == 0)
		_exit(fn(a));
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR) {
			t_fail(name, "waitpid: %s", t_errname(errno));
			return 1;
		}
	if (WIFSIGNALED(st)) {
		t_fail(name, "child died of signal %d%s", WTERMSIG(st),
		       WTERMSIG(st) == SIGALRM ? " (timed out)" :
		       WTERMSIG(st) == SIGSYS ? " (seccomp)" : "");
		return 1;
	}
	return WEXITSTATUS(st) != 0;
}

static int role_fn(const void *a)
{
	return run_role(a);
}

static unsigned long race_n;
static unsigned int race_s = 120;

static int race_fn(const void *a)
{
	return run_race(race_n, race_s);
}

static void usage(const char *prog)
{
	fprintf(stderr, "usage: %s --group GID [--race N] [--race-seconds S] [--dev PATH]\n",
		prog);
	exit(2);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "group", required_argument, NULL, 'g' },
		{ "race", required_argument, NULL, 'r' },
		{ "race-seconds", required_argument, NULL, 's' },
		{ "dev", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	char failed[256] = "", tmpdir[] = "/tmp/onload_priv.XXXXXX";
	char tmpdev[64] = "";
	unsigned int i, nfail = 0;
	int o, have_group = 0, fd;
	struct stat st;
	char *end;

	t_init();
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'g':
			dev_group = strtoul(optarg, &end, 10);
			if (*end || !*optarg)
				usage(argv[0]);
			have_group = 1;
			break;
		case 'r':
			race_n = strtoul(optarg, &end, 10);
			if (*end || !*optarg)
				usage(argv[0]);
			break;
		case 's':
			race_s = strtoul(optarg, &end, 10);
			if (*end || !*optarg || !race_s)
				usage(argv[0]);
			break;
		case 'd':
			dev_path = optarg;
			break;
		default:
			usage(argv[0]);
		}
	}
	if (optind != argc || !have_group)
		usage(argv[0]);
	if (dev_group == 0 || dev_group == UID_OUTSIDE) {
		fprintf(stderr, "%s: --group must not be 0 or %u (user_outside's group)\n",
			argv[0], UID_OUTSIDE);
		return 2;
	}
#ifndef NATIVE_AUDIT_ARCH
	t_skip("priv", "64-bit only (x86_64, aarch64, ppc64le)");
	return 0;
#endif
	if (geteuid() != 0) {
		t_fail("priv", "must run as root (uid %u)", (unsigned)geteuid());
		return 1;
	}
	pg = sysconf(_SC_PAGESIZE);
	bpf_disabled = read_int("/proc/sys/kernel/unprivileged_bpf_disabled");
	t_info("priv: unprivileged_bpf_disabled %d", bpf_disabled);

#ifdef GUEST_FAKE
	if (!strcmp(dev_path, ONLOAD_DEV)) {
		/* the permission rule on a regular file root:GID 0660 */
		if (!mkdtemp(tmpdir) || chmod(tmpdir, 0755) < 0) {
			t_fail("priv", "mkdtemp: %s", t_errname(errno));
			return 1;
		}
		snprintf(tmpdev, sizeof(tmpdev), "%s/onload", tmpdir);
		fd = open(tmpdev, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 || fchown(fd, 0, dev_group) < 0 ||
		    fchmod(fd, 0660) < 0) {
			t_fail("priv", "%s: %s", tmpdev, t_errname(errno));
			return 1;
		}
		close(fd);
		dev_path = tmpdev;
	}
#endif
	(void)fd;
	if (stat(dev_path, &st) < 0) {
		t_fail("priv", "stat %s: %s", dev_path, t_errname(errno));
		return 1;
	}
	t_check(st.st_gid == dev_group && (st.st_mode & 07777) == 0660,
		"priv_device", "%s: owner %u group %u mode %04o (want group %u mode 0660)",
		dev_path, (unsigned)st.st_uid, (unsigned)st.st_gid,
		(unsigned)(st.st_mode & 07777), (unsigned)dev_group);
	t_info("priv: roles: root 0/0, user_in_group %u/%u +{%u}, user_outside %u/%u, user_seccomp %u/%u +{%u} + filter, root_seccomp 0/0 + filter, user_fd_from_root %u/%u (fd opened as root)",
	       UID_USER, UID_USER, (unsigned)dev_group, UID_OUTSIDE,
	       UID_OUTSIDE, UID_USER, UID_USER, (unsigned)dev_group, UID_USER,
	       UID_USER);

	for (i = 0; i < ARRAY_SIZE(roles); i++) {
		if (in_child(roles[i].name, role_fn, &roles[i])) {
			nfail++;
			snprintf(failed + strlen(failed),
				 sizeof(failed) - strlen(failed), " %s",
				 roles[i].name);
		}
	}
	if (race_n && in_child("race", race_fn, NULL)) {
		nfail++;
		snprintf(failed + strlen(failed),
			 sizeof(failed) - strlen(failed), " race");
	}
	if (tmpdev[0]) {
		unlink(tmpdev);
		rmdir(tmpdir);
	}
	if (nfail)
		t_fail("priv", "%u of %zu roles%s failed:%s", nfail,
		       ARRAY_SIZE(roles), race_n ? " and the race" : "",
		       failed);
	else
		t_pass("priv", "%zu roles%s: every cell as expected",
		       ARRAY_SIZE(roles), race_n ? " and the race" : "");
	return t_exit_code();
}
