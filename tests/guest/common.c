// SPDX-License-Identifier: GPL-2.0
/* Result lines, device opening, time and fd helpers. */
#include "common.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static int failures;

static void t_line(const char *kind, const char *name, const char *fmt,
		   va_list ap)
{
	char buf[1024];

	vsnprintf(buf, sizeof(buf), fmt, ap);
	printf("RESULT %s %s: %s\n", kind, name, buf);
	fflush(stdout);
}

void t_pass(const char *name, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	t_line("PASS", name, fmt, ap);
	va_end(ap);
}

void t_fail(const char *name, const char *fmt, ...)
{
	va_list ap;

	__atomic_add_fetch(&failures, 1, __ATOMIC_RELAXED);
	va_start(ap, fmt);
	t_line("FAIL", name, fmt, ap);
	va_end(ap);
}

void t_skip(const char *name, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	t_line("SKIP", name, fmt, ap);
	va_end(ap);
}

void t_info(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printf("INFO %s\n", buf);
	fflush(stdout);
}

int t_check(int ok, const char *name, const char *fmt, ...)
{
	va_list ap;

	if (!ok)
		__atomic_add_fetch(&failures, 1, __ATOMIC_RELAXED);
	va_start(ap, fmt);
	t_line(ok ? "PASS" : "FAIL", name, fmt, ap);
	va_end(ap);
	return ok;
}

int t_failures(void)
{
	return __atomic_load_n(&failures, __ATOMIC_RELAXED);
}

int t_exit_code(void)
{
	return t_failures() ? 1 : 0;
}

void t_init(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
}

int t_open_dev(void)
{
	int fd = open(ONLOAD_DEV, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		t_fail("device", "cannot open %s: %s (%s); is onload.ko loaded?",
		       ONLOAD_DEV, strerror(errno), t_errname(errno));
	return fd;
}

uint64_t t_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

void t_sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

int t_count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *de;
	int n = 0;

	if (!d)
		return -1;
	while ((de = readdir(d)))
		if (de->d_name[0] != '.')
			n++;
	closedir(d);
	return n - 1;	/* the directory's own fd */
}

int t_fd_link(int fd, char *buf, size_t len)
{
	char path[64];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, buf, len - 1);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return 0;
}

const char *t_errname(int err)
{
	static __thread char num[16];

	switch (err) {
	case 0: return "0";
	case EPERM: return "EPERM";
	case ENOENT: return "ENOENT";
	case EINTR: return "EINTR";
	case ENXIO: return "ENXIO";
	case E2BIG: return "E2BIG";
	case EBADF: return "EBADF";
	case ENOMEM: return "ENOMEM";
	case EACCES: return "EACCES";
	case EFAULT: return "EFAULT";
	case EBUSY: return "EBUSY";
	case EEXIST: return "EEXIST";
	case ENODEV: return "ENODEV";
	case EINVAL: return "EINVAL";
	case EMFILE: return "EMFILE";
	case ENOTTY: return "ENOTTY";
	case ENOSPC: return "ENOSPC";
	case ERANGE: return "ERANGE";
	case ENOSYS: return "ENOSYS";
	case ELOOP: return "ELOOP";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	}
	snprintf(num, sizeof(num), "errno %d", err);
	return num;
}

int t_module_lacks(const char *macro)
{
	char line[1024], *tok, *save;
	int found = 0;
	FILE *f = fopen("/proc/driver/onload/build", "re");

	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f)) {
		if (strncmp(line, "probes_no:", 10))
			continue;
		for (tok = strtok_r(line + 10, " \n", &save); tok;
		     tok = strtok_r(NULL, " \n", &save))
			if (!strcmp(tok, macro))
				found = 1;
	}
	fclose(f);
	return found;
}
