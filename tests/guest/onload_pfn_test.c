// SPDX-License-Identifier: GPL-2.0
/*
 * onload_pfn_test: ONLOAD_IOC_USER_PFN on an mmap of a PCI memory BAR
 * (/sys/bus/pci/devices/X/resourceI) gives BAR start >> page shift.
 * Devices without a bound driver are tried first (a driver's claimed
 * region cannot be mapped under CONFIG_IO_STRICT_DEVMEM), largest BAR
 * first.  SKIP only if the machine has no PCI device or no device has a
 * memory BAR (/sys says so); BARs there but none mapped is a FAIL.
 * Ordinary memory must be refused.
 */
#include "common.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#define PCI_DIR		"/sys/bus/pci/devices"
#define IORESOURCE_MEM	0x200ul
#define MAX_BARS	6

static int dev;
static long page;
static unsigned int page_shift;
static char tried[512];

static int has_driver(const char *bdf)
{
	char path[512];

	snprintf(path, sizeof(path), PCI_DIR "/%s/driver", bdf);
	return access(path, F_OK) == 0;
}

/* Map page(s) of BAR @bar of @bdf and check the pfns; 1 if checked. */
static int try_bar(const char *bdf, int bar, unsigned long long start,
		   unsigned long long size)
{
	char path[512];
	size_t len = size >= 2ull * page ? 2 * page : page;
	uint64_t want = start >> page_shift, pfn0 = 0, pfn1 = 0;
	unsigned char *map;
	int fd, rc, ok;

	snprintf(path, sizeof(path), PCI_DIR "/%s/resource%d", bdf, bar);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		snprintf(tried + strlen(tried), sizeof(tried) - strlen(tried),
			 " %s/%d:open:%s", bdf, bar, t_errname(errno));
		return 0;
	}
	map = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (map == MAP_FAILED) {
		snprintf(tried + strlen(tried), sizeof(tried) - strlen(tried),
			 " %s/%d:mmap:%s", bdf, bar, t_errname(errno));
		return 0;
	}
	t_info("mapped %s resource%d: start %#llx size %#llx, page %ld",
	       bdf, bar, start, size, page);

	rc = ol_user_pfn(dev, map, &pfn0);
	t_check(rc == 0 && pfn0 == want, "pfn_bar",
		"%s BAR%d at %#llx: ioctl pfn %#llx (%s), want %#llx", bdf, bar,
		start, (unsigned long long)pfn0, rc ? t_errname(errno) : "ok",
		(unsigned long long)want);
	rc = ol_user_pfn(dev, map + 8, &pfn0);
	t_check(rc == 0 && pfn0 == want, "pfn_bar_offset",
		"address + 8: pfn %#llx (%s)", (unsigned long long)pfn0,
		rc ? t_errname(errno) : "ok");
	if (len > (size_t)page) {
		rc = ol_user_pfn(dev, map + page + 16, &pfn1);
		ok = rc == 0 && pfn1 == want + 1;
		t_check(ok, "pfn_bar_second_page", "second page: pfn %#llx (%s), want %#llx",
			(unsigned long long)pfn1, rc ? t_errname(errno) : "ok",
			(unsigned long long)want + 1);
	}
	munmap(map, len);
	return 1;
}

struct cand {
	char bdf[64];
	int bar, driver;
	unsigned long long start, size;
};

static struct cand cands[64];
static int ncand;

/* Collect the mappable-looking memory BARs of one device. */
static void add_device(const char *bdf)
{
	unsigned long long start, end, flags;
	char path[512];
	struct cand *c;
	FILE *f;
	int bar;

	snprintf(path, sizeof(path), PCI_DIR "/%s/resource", bdf);
	f = fopen(path, "r");
	if (!f)
		return;
	for (bar = 0; bar < MAX_BARS && ncand < (int)ARRAY_SIZE(cands); bar++) {
		if (fscanf(f, "%llx %llx %llx", &start, &end, &flags) != 3)
			break;
		if (!(flags & IORESOURCE_MEM) || !start || end <= start)
			continue;
		snprintf(path, sizeof(path), PCI_DIR "/%s/resource%d", bdf, bar);
		if (access(path, F_OK))
			continue;
		c = &cands[ncand++];
		snprintf(c->bdf, sizeof(c->bdf), "%s", bdf);
		c->bar = bar;
		c->driver = has_driver(bdf);
		c->start = start;
		c->size = end - start + 1;
	}
	fclose(f);
}

/* Driverless devices first, then the largest BAR (to test two pages). */
static int cand_cmp(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->driver != y->driver)
		return x->driver - y->driver;
	if (x->size != y->size)
		return x->size > y->size ? -1 : 1;
	return strcmp(x->bdf, y->bdf) ? strcmp(x->bdf, y->bdf) : x->bar - y->bar;
}

/*
 * 1 if a BAR was checked, 0 if none could be mapped, -1 if no devices, -2
 * if no memory BARs, -3 if PCI_DIR cannot be read.
 */
static int scan(void)
{
	struct dirent *de;
	int i, ndev = 0;
	DIR *d;

	d = opendir(PCI_DIR);
	if (!d)
		return -3;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		ndev++;
		add_device(de->d_name);
	}
	closedir(d);
	qsort(cands, ncand, sizeof(cands[0]), cand_cmp);
	for (i = 0; i < ncand; i++)
		if (try_bar(cands[i].bdf, cands[i].bar, cands[i].start,
			    cands[i].size))
			return 1;
	if (!ndev)
		return -1;
	return ncand ? 0 : -2;
}

/* Addresses that are not VM_IO|VM_PFNMAP must be refused. */
static void test_refused(void)
{
	uint64_t pfn = 0;
	char *anon;
	int rc;

	anon = mmap(NULL, page, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (anon == MAP_FAILED) {
		t_fail("pfn_anon", "mmap: %s", strerror(errno));
		return;
	}
	anon[0] = 1;
	rc = ol_user_pfn(dev, anon, &pfn);
	t_check(rc < 0, "pfn_anon", "anonymous memory: %s",
		rc < 0 ? t_errname(errno) : "accepted");
	munmap(anon, page);
	rc = ol_user_pfn(dev, anon, &pfn);
	t_check(rc < 0, "pfn_unmapped", "unmapped address: %s",
		rc < 0 ? t_errname(errno) : "accepted");
	rc = ol_user_pfn(dev, NULL, &pfn);
	t_check(rc < 0, "pfn_null", "address 0: %s",
		rc < 0 ? t_errname(errno) : "accepted");
}

int main(void)
{
	int rc;

	t_init();
	dev = t_open_dev();
	if (dev < 0)
		return 1;
	page = sysconf(_SC_PAGESIZE);
	while ((1l << page_shift) < page)
		page_shift++;

	test_refused();
	rc = scan();
	if (rc == -3)
		t_fail("pfn_bar", "cannot read " PCI_DIR ": %s", t_errname(errno));
	else if (rc == -1)
		t_skip("pfn_bar", "the machine has no PCI device (" PCI_DIR
		       " is empty)");
	else if (rc == -2)
		t_skip("pfn_bar", "no PCI device of the machine has a memory BAR "
		       "(IORESOURCE_MEM in its resource file, with a resourceN)");
	else if (rc == 0)
		t_fail("pfn_bar", "memory BARs listed, none could be mapped:%s",
		       tried);
	close(dev);
	return t_exit_code();
}
