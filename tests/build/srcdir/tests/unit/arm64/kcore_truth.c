// SPDX-License-Identifier: GPL-2.0
/*
 * Guest-side helper for real-images (built static for arm64, run inside
 * the booted test kernel).  Prints the facts the host test checks the
 * locator against, taken from the running kernel itself:
 *
 *   sym NAME ADDR        from /proc/kallsyms (when listed there)
 *   kcore _text ADDR     start of the kernel text segment of /proc/kcore
 *   scan sys_call_table ADDR COUNT
 *                        the 8-byte aligned array in kernel memory past
 *                        _etext whose slots for io_setup, close, read and
 *                        write hold those system calls (for kernels whose
 *                        kallsyms lists no data symbols); COUNT = matches
 */
#include <elf.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* asm-generic syscall numbers, identical on every arm64 kernel */
#define NR_IO_SETUP	0
#define NR_CLOSE	57
#define NR_READ		63
#define NR_WRITE	64
#define SCAN_BYTES	(48u << 20)
#define CHUNK		(1u << 20)

static const char *const names[] = {
	"_text", "_stext", "_etext", "vectors", "__bp_harden_el1_vectors",
	"sys_call_table", "__arm64_sys_io_setup", "__arm64_sys_close",
	"__arm64_sys_read", "__arm64_sys_write",
};
#define N_NAMES (sizeof(names) / sizeof(names[0]))
static uint64_t addrs[N_NAMES];

static uint64_t sym(const char *name)
{
	unsigned int i;

	for (i = 0; i < N_NAMES; i++)
		if (!strcmp(names[i], name))
			return addrs[i];
	return 0;
}

static void read_kallsyms(void)
{
	char line[512], type, name[256];
	unsigned long long a;
	unsigned int i;
	FILE *f = fopen("/proc/kallsyms", "r");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%llx %c %255s", &a, &type, name) != 3)
			continue;
		for (i = 0; i < N_NAMES; i++)
			if (!addrs[i] && !strcmp(names[i], name))
				addrs[i] = a;
	}
	fclose(f);
}

static Elf64_Phdr phdr[256];
static unsigned int n_phdr;
static int kcore = -1;

static int read_kcore_headers(void)
{
	Elf64_Ehdr eh;

	kcore = open("/proc/kcore", O_RDONLY);
	if (kcore < 0 || pread(kcore, &eh, sizeof(eh), 0) != sizeof(eh))
		return -1;
	n_phdr = eh.e_phnum < 256 ? eh.e_phnum : 256;
	if (pread(kcore, phdr, n_phdr * sizeof(Elf64_Phdr), eh.e_phoff) !=
	    (ssize_t)(n_phdr * sizeof(Elf64_Phdr)))
		return -1;
	return 0;
}

/* The load segment with the highest start at or below addr */
static const Elf64_Phdr *segment(uint64_t addr)
{
	const Elf64_Phdr *best = NULL;
	unsigned int i;

	for (i = 0; i < n_phdr; i++) {
		if (phdr[i].p_type != PT_LOAD || phdr[i].p_vaddr > addr ||
		    addr - phdr[i].p_vaddr >= phdr[i].p_memsz)
			continue;
		if (!best || phdr[i].p_vaddr > best->p_vaddr)
			best = &phdr[i];
	}
	return best;
}

static void scan_table(void)
{
	uint64_t start = sym("_etext"), want[4], end, a;
	const Elf64_Phdr *seg;
	static uint64_t buf[(CHUNK + 4096) / 8];
	unsigned int found = 0, i;
	uint64_t hit = 0;
	ssize_t got;

	want[0] = sym("__arm64_sys_io_setup");
	want[1] = sym("__arm64_sys_close");
	want[2] = sym("__arm64_sys_read");
	want[3] = sym("__arm64_sys_write");
	seg = segment(start);
	if (!start || !seg || !want[0] || !want[1] || !want[2] || !want[3])
		return;
	end = seg->p_vaddr + seg->p_memsz;
	if (end - start > SCAN_BYTES)
		end = start + SCAN_BYTES;
	for (a = start; a < end; a += CHUNK) {
		/* each chunk overlaps the next by the 65 slots looked at */
		got = pread(kcore, buf, CHUNK + 4096,
			    seg->p_offset + (a - seg->p_vaddr));
		if (got < 8 * (NR_WRITE + 1))
			break;
		for (i = 0; i + NR_WRITE < (unsigned int)(got / 8) &&
		     i < CHUNK / 8; i++) {
			if (buf[i + NR_CLOSE] == want[1] &&
			    buf[i + NR_READ] == want[2] &&
			    buf[i + NR_WRITE] == want[3] &&
			    buf[i + NR_IO_SETUP] == want[0]) {
				if (!found++)
					hit = a + 8 * i;
			}
		}
	}
	if (found)
		printf("scan sys_call_table %llx %u\n",
		       (unsigned long long)hit, found);
}

int main(void)
{
	const Elf64_Phdr *seg;
	unsigned int i;

	read_kallsyms();
	for (i = 0; i < N_NAMES; i++)
		if (addrs[i])
			printf("sym %s %llx\n", names[i],
			       (unsigned long long)addrs[i]);
	if (read_kcore_headers()) {
		printf("kcore unavailable\n");
		return 0;
	}
	seg = segment(sym("_stext"));
	if (seg)
		printf("kcore _text %llx\n", (unsigned long long)seg->p_vaddr);
	scan_table();
	return 0;
}
