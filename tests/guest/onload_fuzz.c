// SPDX-License-Identifier: GPL-2.0
/*
 * onload_fuzz [--calls N] [--seed S] [--seconds MAX] [--dev PATH] [--verbose]:
 * N (default 200000) random ioctls on /dev/onload, at most MAX (default
 * 600) seconds.  Each call picks
 *   - a command: mostly a real ONLOAD_IOC_*, sometimes a real number with
 *     another size or direction, an unknown number or another magic;
 *   - an fd: mostly the /dev/onload fd, sometimes a second one, an epoll
 *     fd, a pipe end, an AF_UNIX socket, /dev/null or a closed fd;
 *   - an argument: NULL, a buffer with random bytes or random but plausible
 *     fields, a read-only page, an unmapped page, a misaligned pointer, a
 *     struct straddling the end of a mapping before a PROT_NONE page, a
 *     kernel address; user pointers inside the structs (the events of
 *     EPOLL_WAIT, the addr of USER_PFN) get the same kinds.
 * EPOLL_WAIT always has timeout 0 and BPF_ARRAY sizes that either fit in
 * 64 KiB or cannot be allocated at all, so nothing blocks or eats the
 * guest's memory.  Results are only counted (errno expected); a FAIL is a
 * write outside what the kernel was given (canaries around the buffers, the
 * read-only page), an fd left behind or the MAX bound hit.  A crash of
 * this program itself (SIGSEGV, SIGBUS) is left to the harness to see.
 * The sequence of calls depends only on the seed (printed first), so
 * --seed S --calls N replays a run; --verbose prints each call before it
 * is made.
 */
#include "common.h"

#include <dirent.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/sysinfo.h>
#include <time.h>
#include <unistd.h>

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE	0x100000
#endif

#define DEF_CALLS	200000ul
#define DEF_SECONDS	600ul
#define CANARY		0x5a
#define CANARY_LEN	64
#define MAX_CONTENT	256		/* bytes of an argument we fill */
#define NERR		256		/* errno buckets; the last is "other" */
#define MAX_NOTES	10		/* anomalies printed one by one */
#define BPF_SMALL	(64u << 10)	/* BPF map bytes allowed to succeed */

/* Command classes: the real commands, then the bad kinds. */
enum { C_VERSION, C_CREATE, C_CTL, C_WAIT, C_BPF, C_CLOEXEC, C_PFN,
	C_REAL, C_BAD_SIZE = C_REAL, C_BAD_NR, C_BAD_MAGIC, C_NUM };

/* ol_cmds[] lists the real commands in the order of the classes above. */
_Static_assert(C_REAL == OL_NCMDS, "one class per uapi command");

static const char *const bad_names[] = { "bad_size", "bad_nr", "bad_magic" };

/* The fd pool; F_NUM as an fd kind is a closed fd (-1). */
enum { F_DEV, F_DEV2, F_EPA, F_EPB, F_PIPE_R, F_PIPE_W, F_SOCK0, F_SOCK1,
	F_NULL, F_NUM };

static const char *const fd_names[F_NUM + 1] = {
	"onload", "onload2", "epoll", "epoll2", "pipe_r", "pipe_w", "unix0",
	"unix1", "null", "closed",
};

/* Pointer kinds, of the argument (P_NULL..P_KERNEL) and of fields (all). */
enum { P_NULL, P_VALID, P_MISALIGNED, P_RO, P_UNMAPPED, P_STRADDLE,
	P_KERNEL, P_HIGHBITS, P_SELF, P_RANDOM, P_SPECIAL, P_NUM };

static const char *const ptr_names[P_NUM] = {
	"null", "valid", "misaligned", "read_only", "unmapped", "straddle",
	"kernel", "high_bits", "self", "random", "special",
};

/* Weights (sum 100) of the argument, events and USER_PFN addr kinds. */
static const unsigned char arg_weights[P_KERNEL + 1] = {
#ifdef GUEST_FAKE
	/* fake_onload.c writes through the struct pointer in user space. */
	4, 76, 0, 0, 6, 8, 6,
#else
	4, 56, 10, 8, 6, 8, 8,
#endif
};
static const unsigned char ev_weights[P_NUM] = {
	5, 45, 10, 6, 6, 8, 8, 5, 4, 3, 0,
};
static const unsigned char addr_weights[P_NUM] = {
	5, 15, 5, 10, 10, 5, 10, 5, 5, 10, 20,
};

/* Addresses the kernel must refuse as the argument itself. */
#if UINTPTR_MAX > 0xffffffffu
static const uintptr_t kern_ptrs[] = {
	0xffff800008000000, 0xfffffffffffff000, 0x8000000000000000,
	0xffffffffff600000,
};
#else
/* 0xc0000000 last: used only if it is reserved PROT_NONE or unmappable. */
static const uintptr_t kern_ptrs[] = { 0xfffff000, 0xffffffff, 0xc0000000 };
#endif
static unsigned int nkern = ARRAY_SIZE(kern_ptrs);

/* Kernel addresses for __u64 pointer fields (a compat caller's too). */
static const uint64_t kern_fields[] = {
	0xffff800008000000ull, 0xfffffffffffff000ull, 0x8000000000000000ull,
	0xffffffffff600000ull,
};

struct call {
	unsigned long idx;
	int cls;			/* C_* */
	unsigned long cmd;
	int fkind, fd;
	int akind;			/* P_* of the argument */
	uintptr_t argp;			/* the ioctl's third argument */
	unsigned char *arg;		/* where we wrote it (NULL: nowhere) */
	size_t len;			/* content bytes */
	size_t wlen;			/* of which written at arg */
	int ekind;			/* P_* of a pointer field, -1: none */
	int self_events;		/* events may be written over the arg */
	int ro_used;			/* the read-only page was handed over */
	unsigned char *ecanary;		/* canary after maxevents events */
	size_t ecanary_len;
	unsigned char buf[MAX_CONTENT];
};

static const char *dev_path = ONLOAD_DEV;
static int verbose;
static uint64_t rng_state;
static int pool[F_NUM];

/* Buffers handed to the kernel; each is followed by a PROT_NONE page. */
static size_t pg;
static unsigned char *arg_area, *ev_area, *ro_area, *ro_shadow, *hole;
static size_t arg_len, ev_len;
static uint64_t specials[8];
static unsigned int nspecial;
static uint64_t big_bytes;		/* allocations this big fail at once */

/* Counters. */
static unsigned long cnt[C_NUM][NERR];	/* [cls][0]: ok, [cls][e]: errno e */
static unsigned long cnt_fd[F_NUM + 1], cnt_arg[P_NUM];
static unsigned long mem_bad, mem_checks, fd_bad, fds_closed;
static char mem_note[256], fd_note[256];

/* Open fds (and where they point) before the pool was opened. */
struct fdent {
	int fd;
	char link[112];
};
static struct fdent *before;
static int nbefore;

static volatile unsigned long cur_call;
static char wd_msg[160];

/* splitmix64 */
static uint64_t rnd64(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static uint32_t rnd(uint32_t n)
{
	return n ? (uint32_t)((rnd64() >> 32) % n) : 0;
}

static int chance(unsigned int pct)
{
	return rnd(100) < pct;
}

static void fill_random(unsigned char *p, size_t len)
{
	uint64_t r;
	size_t i;

	for (i = 0; i < len; i += sizeof(r)) {
		r = rnd64();
		memcpy(p + i, &r, len - i < sizeof(r) ? len - i : sizeof(r));
	}
}

static int pick_weighted(const unsigned char *w, int n)
{
	unsigned int sum = 0, r;
	int i;

	for (i = 0; i < n; i++)
		sum += w[i];
	r = rnd(sum);
	for (i = 0; i < n; i++) {
		if (r < w[i])
			return i;
		r -= w[i];
	}
	return n - 1;
}

static const char *cls_name(int cls)
{
	return cls < C_REAL ? ol_cmds[cls].name : bad_names[cls - C_REAL];
}

static unsigned long mk_cmd(unsigned int dir, unsigned int type,
			    unsigned int nr, unsigned int size)
{
	return ((unsigned long)(dir & _IOC_DIRMASK) << _IOC_DIRSHIFT) |
	       ((unsigned long)(type & _IOC_TYPEMASK) << _IOC_TYPESHIFT) |
	       ((unsigned long)(nr & _IOC_NRMASK) << _IOC_NRSHIFT) |
	       ((unsigned long)(size & _IOC_SIZEMASK) << _IOC_SIZESHIFT);
}

static int is_real_cmd(unsigned long cmd)
{
	unsigned int i;

	for (i = 0; i < C_REAL; i++)
		if (ol_cmds[i].cmd == cmd)
			return 1;
	return 0;
}

static unsigned int pick_dir(void)
{
	static const unsigned int dirs[] = {
		_IOC_NONE, _IOC_READ, _IOC_WRITE, _IOC_READ | _IOC_WRITE,
	};

	return chance(90) ? dirs[rnd(ARRAY_SIZE(dirs))] : rnd(_IOC_DIRMASK + 1);
}

/*
 * Magics the VFS or the other fds' drivers act on before (or instead of)
 * onload.ko: FIOCLEX/FIONBIO/FIOASYNC ('T'), FIFREEZE ('X'), FS_IOC_* ('f',
 * 0x15), FICLONE (0x94), FIBMAP (0), sockets (0x89), watch queues ('W').
 */
static int generic_magic(unsigned int type)
{
	static const unsigned char deny[] = {
		0x00, 0x15, 'T', 'W', 'X', 'f', 0x89, 0x94, ONLOAD_IOC_MAGIC,
	};
	unsigned int i;

	for (i = 0; i < sizeof(deny); i++)
		if (type == deny[i])
			return 1;
	return 0;
}

static void pick_cmd(struct call *c)
{
	unsigned int r = rnd(100), nr, size, type;

	if (r < 80) {
		c->cls = rnd(C_REAL);
		c->cmd = ol_cmds[c->cls].cmd;
	} else if (r < 92) {
		static const unsigned int sizes[] = {
			0, 1, 4, 8, 4095, 4096, 4097, 8191, 16383,
		};

		c->cls = C_BAD_SIZE;
		nr = rnd(C_REAL);
		size = _IOC_SIZE(ol_cmds[nr].cmd);
		do {
			switch (rnd(4)) {
			case 0: size = sizes[rnd(ARRAY_SIZE(sizes))]; break;
			case 1: size = _IOC_SIZE(ol_cmds[nr].cmd) + rnd(9) - 4; break;
			case 2: size = rnd(_IOC_SIZEMASK + 1); break;
			default: break;	/* same size, other direction */
			}
			c->cmd = mk_cmd(pick_dir(), ONLOAD_IOC_MAGIC, nr, size);
		} while (is_real_cmd(c->cmd));
	} else if (r < 96) {
		c->cls = C_BAD_NR;
		do {
			nr = chance(50) ? C_REAL + rnd(8) : rnd(256);
			size = chance(50) ? rnd(64) : rnd(_IOC_SIZEMASK + 1);
			c->cmd = mk_cmd(pick_dir(), ONLOAD_IOC_MAGIC, nr, size);
		} while (is_real_cmd(c->cmd) || nr < C_REAL);
	} else {
		c->cls = C_BAD_MAGIC;
		do
			type = rnd(256);
		while (generic_magic(type));
		c->cmd = mk_cmd(pick_dir(), type, rnd(256),
				rnd(_IOC_SIZEMASK + 1));
	}
}

/* The fd the ioctl is issued on. */
static void pick_issue_fd(struct call *c)
{
	static const int others[] = {
		F_DEV2, F_EPA, F_EPB, F_PIPE_R, F_PIPE_W, F_SOCK0, F_SOCK1,
		F_NULL, F_NUM,
	};

	if (c->cls == C_BAD_MAGIC)	/* other magics: onload fds only */
		c->fkind = chance(90) ? F_DEV : F_DEV2;
	else if (chance(85))
		c->fkind = F_DEV;
	else
		c->fkind = others[rnd(ARRAY_SIZE(others))];
	c->fd = c->fkind == F_NUM ? -1 : pool[c->fkind];
}

/* An fd for a struct field; @ep: mostly one of the epoll fds. */
static int32_t pick_fd_field(int ep)
{
	static const int32_t huge[] = {
		INT_MAX, INT_MIN, 1 << 20, 65536, 12345, 1024,
	};

	unsigned int r = rnd(100);

	if (ep && chance(60))
		return pool[chance(70) ? F_EPA : F_EPB];
	if (r < 70)
		return pool[rnd(F_NUM)];
	if (r < 76)
		return -1;
	if (r < 84)
		return huge[rnd(ARRAY_SIZE(huge))];
	if (r < 92)
		return (int32_t)rnd(64);
	return (int32_t)rnd64();
}

static int32_t pick_count(void)
{
	static const int32_t counts[] = {
		1, 1, 2, 3, 4, 8, 16, 64, ONLOAD_EPOLL_MAX_EVENTS,
		ONLOAD_EPOLL_MAX_EVENTS + 1, 0, -1, INT_MAX, INT_MIN,
	};

	if (chance(15))
		return (int32_t)rnd(2 * ONLOAD_EPOLL_MAX_EVENTS);
	return counts[rnd(ARRAY_SIZE(counts))];
}

static void note_mem(const struct call *c, const char *what)
{
	mem_bad++;
	if (!mem_note[0])
		snprintf(mem_note, sizeof(mem_note),
			 "call %lu: %s (%s on %s, arg %s)", c->idx, what,
			 cls_name(c->cls), fd_names[c->fkind],
			 ptr_names[c->akind]);
	if (mem_bad <= MAX_NOTES)
		t_info("fuzz call %lu: %s (cmd %#lx %s on %s, arg %s, field %s)",
		       c->idx, what, c->cmd, cls_name(c->cls),
		       fd_names[c->fkind], ptr_names[c->akind],
		       c->ekind < 0 ? "-" : ptr_names[c->ekind]);
}

static void note_fd(const struct call *c, const char *what, int fd)
{
	fd_bad++;
	if (!fd_note[0])
		snprintf(fd_note, sizeof(fd_note), "call %lu: %s: fd %d (%s)",
			 c->idx, what, fd, cls_name(c->cls));
	if (fd_bad <= MAX_NOTES)
		t_info("fuzz call %lu: %s: fd %d (cmd %#lx %s on %s, arg %s)",
		       c->idx, what, fd, c->cmd, cls_name(c->cls),
		       fd_names[c->fkind], ptr_names[c->akind]);
}

/*
 * The events pointer of EPOLL_WAIT: the kernel writes up to @maxevents
 * native struct epoll_event there.  ev_area holds ONLOAD_EPOLL_MAX_EVENTS
 * of them, so "valid" is valid for any maxevents it accepts; a canary
 * after maxevents events must survive.
 */
static uint64_t pick_events(struct call *c, int32_t maxevents)
{
	const size_t esz = sizeof(struct epoll_event);
	unsigned char *p = NULL, *end = ev_area + ev_len;
	uint64_t v;

	c->ekind = pick_weighted(ev_weights, P_NUM);
	switch (c->ekind) {
	case P_NULL:
		return 0;
	case P_VALID:
		p = ev_area + 8 * rnd(2);
		break;
	case P_MISALIGNED:
		p = ev_area + (rnd(2) ? 1 + 2 * rnd(4) : 4);
		break;
	case P_RO:
		c->ro_used = 1;
		return (uintptr_t)(ro_area + pg / 2 + 8 * rnd(8));
	case P_UNMAPPED:
		return (uintptr_t)(hole + 8 * rnd(64));
	case P_STRADDLE:
		return (uintptr_t)(end - 1 - rnd(3 * esz));
	case P_KERNEL:
		if (chance(50))
			return kern_fields[rnd(ARRAY_SIZE(kern_fields))];
		return kern_ptrs[rnd(nkern)];
	case P_HIGHBITS:
		/* Valid low part: a compat caller's kernel must not truncate. */
		v = (uintptr_t)ev_area;
		if (sizeof(void *) == 4 && chance(50))
			return v | ((uint64_t)(1 + rnd(0xffff)) << 32);
		/* Bit 63 only: a 64-bit address with bit 32 set may be ours. */
		return v | (1ull << 63);
	case P_SELF:
		c->self_events = 1;
		if (c->akind == P_RO)
			c->ro_used = 1;
		return c->argp;
	case P_RANDOM:
	default:
		/*
		 * Bits 63 and 55: a kernel address even where the top byte
		 * is a tag (arm64 TBI) and for a compat caller.
		 */
		return rnd64() | (1ull << 63) | (1ull << 55);
	}
	if (maxevents >= 1 && maxevents <= ONLOAD_EPOLL_MAX_EVENTS) {
		c->ecanary = p + (size_t)maxevents * esz;
		c->ecanary_len = (size_t)(end - c->ecanary);
		if (c->ecanary_len > CANARY_LEN)
			c->ecanary_len = CANARY_LEN;
		memset(c->ecanary, CANARY, c->ecanary_len);
	}
	return (uintptr_t)p;
}

/* The addr of USER_PFN: only looked up, never written. */
static uint64_t pick_addr(struct call *c)
{
	c->ekind = pick_weighted(addr_weights, P_NUM);
	switch (c->ekind) {
	case P_NULL:
		return 0;
	case P_VALID:
		return (uintptr_t)(ev_area + 8 * rnd(16));
	case P_MISALIGNED:
		return (uintptr_t)(ev_area + 1 + rnd(7));
	case P_RO:
		return (uintptr_t)(ro_area + rnd(pg));
	case P_UNMAPPED:
		return (uintptr_t)(hole + rnd(pg));
	case P_STRADDLE:
		return (uintptr_t)(ev_area + ev_len - 1 - rnd(8));
	case P_KERNEL:
		if (chance(50))
			return kern_fields[rnd(ARRAY_SIZE(kern_fields))];
		return kern_ptrs[rnd(nkern)];
	case P_HIGHBITS:
		return (uintptr_t)ev_area | ((uint64_t)(1 + rnd(0xffff)) << 32);
	case P_SELF:
		return c->argp;
	case P_SPECIAL:
		if (nspecial)
			return specials[rnd(nspecial)] + (chance(50) ? 0 : rnd(pg));
		return 0;
	case P_RANDOM:
	default:
		return rnd64();
	}
}

/*
 * BPF array sizes: small ones may succeed (at most BPF_SMALL bytes), big
 * ones must be refused at once (value size > INT_MAX: E2BIG; more than
 * the RAM: vmalloc gives up without trying), nothing in between: a value
 * size of 2 GiB is accepted, and 16 GiB of a 23 GiB machine take seconds
 * to fail (or succeed, or wake the OOM killer).
 */
static void bpf_sizes(uint32_t *vs, uint32_t *me, int pick)
{
	static const uint32_t vsizes[] = {
		0, 1, 4, 8, 16, 64, 4096, 65536, 1u << 22, 0x7fffffff,
		0xffffffffu,
	};
	static const uint32_t entries[] = {
		0, 1, 2, 16, 1024, 1u << 20, 1u << 31, 0xffffffffu,
	};
	uint64_t bytes;

	if (pick) {
		*vs = chance(30) ? 1 + rnd(256) : vsizes[rnd(ARRAY_SIZE(vsizes))];
		*me = chance(30) ? 1 + rnd(256) : entries[rnd(ARRAY_SIZE(entries))];
		if (chance(10))
			*vs = (uint32_t)rnd64();
		if (chance(10))
			*me = (uint32_t)rnd64();
	}
	bytes = (((uint64_t)*vs + 7) & ~7ull) * *me;
	if (!*vs || !*me || *vs > INT_MAX || bytes <= BPF_SMALL ||
	    bytes >= big_bytes)
		return;
	if (*vs > BPF_SMALL / 16)
		*vs = 1 + rnd(4096);
	*me = 1 + rnd(BPF_SMALL / (((uint64_t)*vs + 7) & ~7ull));
}

/*
 * The content of the argument in c->buf: random bytes, mostly with
 * plausible fields.  Whatever the bytes, EPOLL_WAIT's timeout is 0, its
 * events pointer one of ours or an invalid one, and BPF sizes bounded.
 * Commands of a real number with another size get the real struct too
 * (a dispatch on the number alone must not block either).
 */
static void build_content(struct call *c)
{
	int nr = c->cls < C_REAL ? c->cls :
		 c->cls == C_BAD_SIZE ? (int)_IOC_NR(c->cmd) : -1;
	int raw = chance(20);

	fill_random(c->buf, sizeof(c->buf));
	switch (nr) {
	case C_CREATE: {
		static const int32_t flags[] = {
			0, 0, EPOLL_CLOEXEC, EPOLL_CLOEXEC, 1, 0x1234, -1,
		};
		struct onload_epoll_create s;

		memcpy(&s, c->buf, sizeof(s));
		if (!raw) {
			s.flags = chance(90) ? flags[rnd(ARRAY_SIZE(flags))] :
					       (int32_t)rnd64();
			s.reserved = -1;
		}
		memcpy(c->buf, &s, sizeof(s));
		break;
	}
	case C_CTL: {
		static const int32_t ops[] = {
			EPOLL_CTL_ADD, EPOLL_CTL_ADD, EPOLL_CTL_MOD, EPOLL_CTL_DEL,
			0, 4, 99, -1,
		};
		static const uint32_t evbits[] = {
			EPOLLIN, EPOLLOUT, EPOLLPRI, EPOLLERR, EPOLLHUP,
			EPOLLRDHUP, EPOLLET, EPOLLONESHOT, EPOLLEXCLUSIVE,
			EPOLLWAKEUP, 1u << 20,
		};
		struct onload_epoll_ctl s;
		struct epoll_event ev;
		unsigned int i;

		_Static_assert(sizeof(ev) <= sizeof(s.event), "epoll_event");
		memcpy(&s, c->buf, sizeof(s));
		if (!raw) {
			s.epfd = pick_fd_field(1);
			s.op = chance(90) ? ops[rnd(ARRAY_SIZE(ops))] :
					    (int32_t)rnd64();
			s.fd = pick_fd_field(0);
			if (chance(90))
				s.pad = 0;
			ev.events = 0;
			for (i = 0; i < ARRAY_SIZE(evbits); i++)
				if (chance(25))
					ev.events |= evbits[i];
			if (chance(5))
				ev.events = (uint32_t)rnd64();
			ev.data.u64 = rnd64();
			memset(s.event, 0, sizeof(s.event));
			memcpy(s.event, &ev, sizeof(ev));
		}
		memcpy(c->buf, &s, sizeof(s));
		break;
	}
	case C_WAIT: {
		struct onload_epoll_wait s;

		memcpy(&s, c->buf, sizeof(s));
		if (!raw) {
			s.epfd = pick_fd_field(1);
			s.maxevents = pick_count();
			s.reserved = -1;
		}
		s.timeout_ms = 0;	/* never block */
		s.events = pick_events(c, s.maxevents);
		memcpy(c->buf, &s, sizeof(s));
		break;
	}
	case C_BPF: {
		struct onload_bpf_array s;

		memcpy(&s, c->buf, sizeof(s));
		bpf_sizes(&s.value_size, &s.max_entries, !raw);
		if (!raw) {
			s.reserved = -1;
			if (chance(90))
				s.pad = 0;
		}
		memcpy(c->buf, &s, sizeof(s));
		break;
	}
	case C_CLOEXEC: {
		struct onload_close_on_exec s;

		memcpy(&s, c->buf, sizeof(s));
		if (!raw) {
			s.fd = pick_fd_field(0);
			s.cloexec = -1;
		}
		memcpy(c->buf, &s, sizeof(s));
		break;
	}
	case C_PFN: {
		struct onload_user_pfn s;

		memcpy(&s, c->buf, sizeof(s));
		if (!raw) {
			s.addr = pick_addr(c);
			s.pfn = 0;
		}
		memcpy(c->buf, &s, sizeof(s));
		break;
	}
	default:	/* VERSION (out only) and unknown commands: random */
		break;
	}
}

/* Where the argument goes; content is written later by place_content. */
static void pick_arg(struct call *c)
{
	size_t size = _IOC_SIZE(c->cmd), off;

	c->len = size < 8 ? 64 : size > MAX_CONTENT ? MAX_CONTENT : size;
	c->akind = pick_weighted(arg_weights, P_KERNEL + 1);
	off = CANARY_LEN + 8 * rnd(56);
	switch (c->akind) {
	case P_NULL:
		c->argp = 0;
		break;
	case P_VALID:
		c->arg = arg_area + off;
		c->wlen = c->len;
		break;
	case P_MISALIGNED:
		c->arg = arg_area + off + (rnd(2) ? 1 + 2 * rnd(4) : 4);
		c->wlen = c->len;
		break;
	case P_RO:
		c->arg = ro_area + off;
		c->wlen = c->len;
		c->ro_used = 1;
		break;
	case P_UNMAPPED:
		c->argp = (uintptr_t)(hole + 8 * rnd(64));
		break;
	case P_STRADDLE:
		/* 1 .. len-1 bytes before the PROT_NONE page. */
		c->wlen = 1 + rnd((uint32_t)c->len - 1);
		c->arg = arg_area + arg_len - c->wlen;
		break;
	case P_KERNEL:
	default:
		c->argp = kern_ptrs[rnd(nkern)];
		break;
	}
	if (c->arg)
		c->argp = (uintptr_t)c->arg;
}

static int setup_failed(const char *what)
{
	t_fail("fuzz_setup", "%s: %s (%s)", what, strerror(errno),
	       t_errname(errno));
	return -1;
}

static int place_content(struct call *c)
{
	if (!c->arg)
		return 0;
	if (c->akind == P_RO) {
		if (mprotect(ro_area, pg, PROT_READ | PROT_WRITE) < 0)
			return setup_failed("mprotect read-write");
		memcpy(c->arg, c->buf, c->wlen);
		memcpy(ro_shadow + (c->arg - ro_area), c->buf, c->wlen);
		if (mprotect(ro_area, pg, PROT_READ) < 0)
			return setup_failed("mprotect read-only");
		return 0;
	}
	memcpy(c->arg, c->buf, c->wlen);
	if (c->akind == P_VALID || c->akind == P_MISALIGNED) {
		memset(c->arg - CANARY_LEN, CANARY, CANARY_LEN);
		memset(c->arg + c->len, CANARY, CANARY_LEN);
	}
	return 0;
}

static int all_canary(const unsigned char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] != CANARY)
			return 0;
	return 1;
}

/* Nothing written outside what the call was given. */
static void check_memory(struct call *c, int rc, int err)
{
	if (c->akind == P_VALID || c->akind == P_MISALIGNED) {
		mem_checks++;
		if (!all_canary(c->arg - CANARY_LEN, CANARY_LEN))
			note_mem(c, "written before the argument");
		if (!(c->cls == C_WAIT && c->self_events) &&
		    !all_canary(c->arg + c->len, CANARY_LEN))
			note_mem(c, "written after the argument");
		if (c->cls >= C_REAL && rc < 0 && err == ENOTTY &&
		    memcmp(c->arg, c->buf, c->len))
			note_mem(c, "unknown command (ENOTTY) wrote its argument");
		/* _IOW commands (uapi 2: CREATE, WAIT, BPF too) only read */
		if (c->cls < C_REAL && _IOC_DIR(c->cmd) == _IOC_WRITE &&
		    !(c->cls == C_WAIT && c->self_events) &&
		    memcmp(c->arg, c->buf, c->len))
			note_mem(c, "an _IOW command wrote its argument");
	}
	if (c->ecanary) {
		mem_checks++;
		if (!all_canary(c->ecanary, c->ecanary_len))
			note_mem(c, "written after maxevents events");
	}
	if (c->ro_used) {
		mem_checks++;
		if (memcmp(ro_area, ro_shadow, pg)) {
			note_mem(c, "read-only page modified");
			memcpy(ro_shadow, ro_area, pg);
		}
	}
}

static int is_pool_fd(int fd)
{
	unsigned int i;

	for (i = 0; i < F_NUM; i++)
		if (pool[i] == fd)
			return 1;
	return 0;
}

static int was_open(int fd)
{
	int i;

	for (i = 0; i < nbefore; i++)
		if (before[i].fd == fd)
			return 1;
	return 0;
}

/*
 * EPOLL_CREATE and BPF_ARRAY return a new fd as the ioctl's value (uapi
 * 2): close it.  They only read their argument, which must have been
 * readable in full for a success.
 */
static void reap_fd(struct call *c, int rc)
{
	if (rc < 0 || (c->cls != C_CREATE && c->cls != C_BPF))
		return;
	if (c->akind != P_VALID && c->akind != P_MISALIGNED &&
	    c->akind != P_RO)
		note_fd(c, "success with an argument it cannot read", rc);
	if (is_pool_fd(rc) || was_open(rc))
		note_fd(c, "success returning an fd not new", rc);
	else if (close(rc) < 0)
		note_fd(c, "success returning an fd not open", rc);
	else
		fds_closed++;
}

static void fuzz_one(unsigned long idx)
{
	struct call c;
	int rc, err;

	memset(&c, 0, sizeof(c));
	c.idx = idx;
	c.ekind = -1;
	pick_cmd(&c);
	pick_issue_fd(&c);
	pick_arg(&c);
	build_content(&c);
	if (place_content(&c) < 0)
		exit(1);
	if (verbose)
		t_info("fuzz call %lu: fd %s cmd %#lx (%s) arg %s %#llx field %s",
		       idx, fd_names[c.fkind], c.cmd, cls_name(c.cls),
		       ptr_names[c.akind], (unsigned long long)c.argp,
		       c.ekind < 0 ? "-" : ptr_names[c.ekind]);
	cur_call = idx;
	rc = ioctl(c.fd, c.cmd, (void *)c.argp);
	err = rc < 0 ? errno : 0;
	cnt[c.cls][err > 0 && err < NERR ? err : rc < 0 ? NERR - 1 : 0]++;
	cnt_fd[c.fkind]++;
	cnt_arg[c.akind]++;
	check_memory(&c, rc, err);
	reap_fd(&c, rc);
}

/* Map @len bytes followed by a PROT_NONE page. */
static unsigned char *map_guarded(size_t len)
{
	unsigned char *p = mmap(NULL, len + pg, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	if (mprotect(p + len, pg, PROT_NONE) < 0)
		return NULL;
	return p;
}

/* [vvar] (VM_PFNMAP on most arches) and [vdso] for USER_PFN. */
static void find_specials(void)
{
	unsigned long long start;
	char line[512];
	FILE *f;

	specials[nspecial++] = (uintptr_t)&fuzz_one;	/* text */
	specials[nspecial++] = (uintptr_t)&start;	/* stack */
	f = fopen("/proc/self/maps", "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f) && nspecial < ARRAY_SIZE(specials))
		if ((strstr(line, "[vvar") || strstr(line, "[vdso]")) &&
		    sscanf(line, "%llx-", &start) == 1)
			specials[nspecial++] = start;
	fclose(f);
}

static int setup_memory(void)
{
	struct sysinfo si;
	unsigned char *p;

	pg = (size_t)sysconf(_SC_PAGESIZE);
	arg_len = 2 * pg > 8192 ? 2 * pg : 8192;
	ev_len = (ONLOAD_EPOLL_MAX_EVENTS * sizeof(struct epoll_event) + 16 +
		  CANARY_LEN + pg - 1) & ~(pg - 1);
	arg_area = map_guarded(arg_len);
	ev_area = map_guarded(ev_len);
	ro_area = map_guarded(pg);
	ro_shadow = calloc(1, pg);
	if (!arg_area || !ev_area || !ro_area || !ro_shadow)
		return setup_failed("mmap");
	fill_random(ro_area, pg);
	memcpy(ro_shadow, ro_area, pg);
	if (mprotect(ro_area, pg, PROT_READ) < 0)
		return setup_failed("mprotect");
	/* A hole between two PROT_NONE pages. */
	p = mmap(NULL, 3 * pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED || munmap(p + pg, pg) < 0)
		return setup_failed("mmap hole");
	hole = p + pg;
	if (sizeof(void *) == 4) {
		/* 0xc0000000 is a user address of a compat task: reserve it. */
		void *want = (void *)kern_ptrs[nkern - 1];

		p = mmap(want, pg, PROT_NONE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
		if (p == MAP_FAILED ? errno == EEXIST : (void *)p != want) {
			if (p != MAP_FAILED)
				munmap(p, pg);
			nkern--;
		}
	}
	find_specials();
	big_bytes = 1ull << 40;
	if (sysinfo(&si) == 0 && si.totalram)
		big_bytes = 2 * (uint64_t)si.totalram * (si.mem_unit ? si.mem_unit : 1);
	return 0;
}

static int open_pool(void)
{
	struct epoll_event ev = { .events = EPOLLIN };
	int p[2], s[2];

	pool[F_DEV2] = open(dev_path, O_RDWR | O_CLOEXEC);
	if (pool[F_DEV2] < 0)
		return setup_failed(dev_path);
	pool[F_EPA] = epoll_create1(EPOLL_CLOEXEC);
	pool[F_EPB] = epoll_create1(EPOLL_CLOEXEC);
	if (pool[F_EPA] < 0 || pool[F_EPB] < 0)
		return setup_failed("epoll_create1");
	if (pipe2(p, O_CLOEXEC) < 0)
		return setup_failed("pipe2");
	pool[F_PIPE_R] = p[0];
	pool[F_PIPE_W] = p[1];
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, s) < 0)
		return setup_failed("socketpair");
	pool[F_SOCK0] = s[0];
	pool[F_SOCK1] = s[1];
	pool[F_NULL] = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (pool[F_NULL] < 0)
		return setup_failed("/dev/null");
	/* Something ready, so that waits copy events out. */
	if (write(p[1], "x", 1) != 1 || write(s[1], "x", 1) != 1)
		return setup_failed("write");
	epoll_ctl(pool[F_EPA], EPOLL_CTL_ADD, p[0], &ev);
	ev.events = EPOLLIN | EPOLLOUT;
	epoll_ctl(pool[F_EPA], EPOLL_CTL_ADD, s[0], &ev);
	ev.events = EPOLLOUT;
	epoll_ctl(pool[F_EPA], EPOLL_CTL_ADD, p[1], &ev);
	epoll_ctl(pool[F_EPB], EPOLL_CTL_ADD, s[1], &ev);
	return 0;
}

/* The open fds with their links; -1 if /proc/self/fd cannot be read. */
static int fd_snapshot(struct fdent **out)
{
	DIR *d = opendir("/proc/self/fd");
	struct fdent *e = NULL, *ne;
	struct dirent *de;
	int n = 0, fd;

	*out = NULL;
	if (!d)
		return -1;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		fd = atoi(de->d_name);
		if (fd == dirfd(d))
			continue;
		ne = realloc(e, (n + 1) * sizeof(*e));
		if (!ne)
			break;
		e = ne;
		e[n].fd = fd;
		if (t_fd_link(fd, e[n].link, sizeof(e[n].link)) < 0)
			strcpy(e[n].link, "?");
		n++;
	}
	closedir(d);
	*out = e;
	return n;
}

static const struct fdent *find_fd(const struct fdent *e, int n, int fd)
{
	int i;

	for (i = 0; i < n; i++)
		if (e[i].fd == fd)
			return &e[i];
	return NULL;
}

static void append(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void append(char *buf, size_t len, const char *fmt, ...)
{
	size_t at = strlen(buf);
	va_list ap;

	if (at + 1 >= len)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + at, len - at, fmt, ap);
	va_end(ap);
}

static void check_fds(void)
{
	const struct fdent *o;
	struct fdent *after;
	char diff[768] = "";
	int n, i, bad = 0;

	n = fd_snapshot(&after);
	if (n < 0 || nbefore < 0) {
		t_fail("fuzz_fds", "cannot list /proc/self/fd: %s", strerror(errno));
		return;
	}
	for (i = 0; i < n; i++) {
		o = find_fd(before, nbefore, after[i].fd);
		if (!o) {
			append(diff, sizeof(diff), " extra fd %d (%s)",
			       after[i].fd, after[i].link);
			bad++;
		} else if (strcmp(o->link, after[i].link)) {
			append(diff, sizeof(diff), " fd %d was %s, now %s",
			       after[i].fd, o->link, after[i].link);
			bad++;
		}
	}
	for (i = 0; i < nbefore; i++) {
		if (!find_fd(after, n, before[i].fd)) {
			append(diff, sizeof(diff), " missing fd %d (%s)",
			       before[i].fd, before[i].link);
			bad++;
		}
	}
	if (bad || fd_bad)
		t_fail("fuzz_fds", "%d fds before, %d after:%s; %lu bad returned fds%s%s",
		       nbefore, n, diff, fd_bad, fd_bad ? ", first " : "",
		       fd_note);
	else
		t_pass("fuzz_fds", "%d fds before and after the pool, %lu returned fds closed",
		       n, fds_closed);
	free(after);
}

static void print_counts(void)
{
	unsigned long tot[NERR] = { 0 }, calls;
	char line[900];
	int cls, e, i;

	for (cls = 0; cls < C_NUM; cls++) {
		calls = 0;
		for (e = 0; e < NERR; e++) {
			calls += cnt[cls][e];
			tot[e] += cnt[cls][e];
		}
		snprintf(line, sizeof(line), "fuzz cmd %s: %lu calls, ok %lu",
			 cls_name(cls), calls, cnt[cls][0]);
		for (e = 1; e < NERR; e++)
			if (cnt[cls][e])
				append(line, sizeof(line), ", %s %lu",
				       e == NERR - 1 ? "other" : t_errname(e),
				       cnt[cls][e]);
		t_info("%s", line);
	}
	snprintf(line, sizeof(line), "fuzz results: ok %lu", tot[0]);
	for (e = 1; e < NERR; e++)
		if (tot[e])
			append(line, sizeof(line), ", %s %lu",
			       e == NERR - 1 ? "other" : t_errname(e), tot[e]);
	t_info("%s", line);
	snprintf(line, sizeof(line), "fuzz fds:");
	for (i = 0; i <= F_NUM; i++)
		append(line, sizeof(line), " %s %lu", fd_names[i], cnt_fd[i]);
	t_info("%s", line);
	snprintf(line, sizeof(line), "fuzz args:");
	for (i = 0; i <= P_KERNEL; i++)
		append(line, sizeof(line), " %s %lu", ptr_names[i], cnt_arg[i]);
	t_info("%s", line);
}

static char *utoa(char *end, unsigned long v)
{
	*--end = '\0';
	do
		*--end = (char)('0' + v % 10);
	while ((v /= 10));
	return end;
}

static void watchdog_fire(int sig)
{
	static const char tail[] = " did not return (hung ioctl?)\n";
	char num[24], *s = utoa(num + sizeof(num), cur_call);
	ssize_t rc;

	(void)sig;
	rc = write(1, wd_msg, strlen(wd_msg));
	rc = write(1, s, strlen(s));
	rc = write(1, tail, sizeof(tail) - 1);
	(void)rc;
	_exit(1);
}

static void usage(const char *prog)
{
	fprintf(stderr,
		"usage: %s [--calls N] [--seed S] [--seconds MAX] [--dev PATH] [--verbose]\n"
		"  N random ioctls (default %lu) on PATH (default %s), at most MAX\n"
		"  seconds (default %lu); S (default from the time) replays a run.\n",
		prog, DEF_CALLS, ONLOAD_DEV, DEF_SECONDS);
}

static int parse_num(const char *s, unsigned long long *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	return !errno && end != s && !*end && *s != '-';
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "calls", required_argument, NULL, 'n' },
		{ "seed", required_argument, NULL, 's' },
		{ "seconds", required_argument, NULL, 't' },
		{ "dev", required_argument, NULL, 'd' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long long v, seed = 0;
	unsigned long ncalls = DEF_CALLS, max_s = DEF_SECONDS, i, step;
	int have_seed = 0, o, err;
	uint64_t t0, max_ns, now;
	double secs;
	char line[900];

	t_init();
	while ((o = getopt_long(argc, argv, "n:s:t:d:vh", opts, NULL)) != -1) {
		switch (o) {
		case 'n':
			if (!parse_num(optarg, &v) || !v || v > ULONG_MAX)
				goto bad;
			ncalls = (unsigned long)v;
			break;
		case 's':
			if (!parse_num(optarg, &seed))
				goto bad;
			have_seed = 1;
			break;
		case 't':
			if (!parse_num(optarg, &v) || !v || v > 86400)
				goto bad;
			max_s = (unsigned long)v;
			break;
		case 'd':
			dev_path = optarg;
			break;
		case 'v':
			verbose = 1;
			break;
		case 'h':
			usage(argv[0]);
			return 0;
		default:
			goto bad;
		}
	}
	if (optind != argc)
		goto bad;
	if (!have_seed)
		seed = ((uint64_t)time(NULL) * 1000003u) ^ t_now_ns() ^
		       (uint64_t)getpid();
	rng_state = seed;

	/* The fds open before the pool; fuzz_fds compares with them. */
	nbefore = fd_snapshot(&before);
	pool[F_DEV] = open(dev_path, O_RDWR | O_CLOEXEC);
	if (pool[F_DEV] < 0) {
		/* A fuzzer with nothing to fuzz has failed, never skipped. */
		err = errno;
		t_fail("device", "cannot open %s: %s (%s); is onload.ko loaded?",
		       dev_path, strerror(err), t_errname(err));
		return 1;
	}
	if (setup_memory() < 0 || open_pool() < 0)
		return 1;
	t_info("fuzz seed %llu calls %lu max_seconds %lu dev %s (%zu-bit caller, page %zu)",
	       seed, ncalls, max_s, dev_path, 8 * sizeof(void *), pg);

	snprintf(wd_msg, sizeof(wd_msg),
		 "RESULT FAIL watchdog: seed %llu: after %lu s call ",
		 seed, max_s + 60);
	signal(SIGALRM, watchdog_fire);
	alarm((unsigned int)max_s + 60);

	step = ncalls >= 100000 ? ncalls / 10 : 0;
	max_ns = (uint64_t)max_s * 1000000000ull;
	t0 = t_now_ns();
	now = t0;
	for (i = 0; i < ncalls; i++) {
		if (!(i & 63)) {
			now = t_now_ns();
			if (now - t0 >= max_ns)
				break;
		}
		if (step && i && !(i % step))
			t_info("fuzz progress: %lu/%lu calls, %.1f s", i, ncalls,
			       (t_now_ns() - t0) / 1e9);
		fuzz_one(i);
	}
	now = t_now_ns();
	alarm(0);
	secs = (now - t0) / 1e9;

	for (o = 0; o < F_NUM; o++)
		close(pool[o]);

	print_counts();
	line[0] = '\0';
	for (o = 0; o < C_NUM; o++) {
		unsigned long calls = 0;
		int e;

		for (e = 0; e < NERR; e++)
			calls += cnt[o][e];
		append(line, sizeof(line), "%s%s %lu", o ? " " : "",
		       cls_name(o), calls);
	}
	if (i == ncalls)
		t_pass("fuzz_calls", "%lu calls in %.1f s (seed %llu), %s",
		       i, secs, seed, line);
	else
		t_fail("fuzz_calls", "only %lu of %lu calls in %.1f s (bound %lu s, seed %llu), %s",
		       i, ncalls, secs, max_s, seed, line);
	if (mem_bad)
		t_fail("fuzz_memory", "%lu writes outside the given buffers in %lu checks, first %s",
		       mem_bad, mem_checks, mem_note);
	else
		t_pass("fuzz_memory", "no write outside the given buffers (%lu checks)",
		       mem_checks);
	check_fds();
	printf("BENCH fuzz calls_per_s %.0f\n", secs > 0 ? i / secs : 0.0);
	return t_exit_code();
bad:
	usage(argv[0]);
	return 2;
}
