// SPDX-License-Identifier: GPL-2.0
/*
 * onload_cloexec_test: ONLOAD_IOC_CLOSE_ON_EXEC agrees with
 * fcntl(F_GETFD) & FD_CLOEXEC for fds opened with and without O_CLOEXEC,
 * changed with F_SETFD, and placed at high numbers (other bitmap words).
 */
#include "common.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

static int dev;

static void check(int fd, const char *what)
{
	char name[96];
	int want, got, err;

	snprintf(name, sizeof(name), "cloexec_%s", what);
	if (fd < 0) {
		t_fail(name, "could not open: %s", strerror(errno));
		return;
	}
	want = fcntl(fd, F_GETFD);
	if (want < 0) {
		t_fail(name, "fcntl(%d, F_GETFD): %s", fd, strerror(errno));
		return;
	}
	want = !!(want & FD_CLOEXEC);
	got = ol_close_on_exec(dev, fd);
	err = got < 0 ? errno : 0;
	t_check(got == want, name, "fd %d: fcntl %d ioctl %d%s%s", fd, want,
		got, err ? " " : "", err ? t_errname(err) : "");
}

static void set_cloexec(int fd, int on)
{
	int fl = fcntl(fd, F_GETFD);

	if (fl >= 0)
		fcntl(fd, F_SETFD, on ? fl | FD_CLOEXEC : fl & ~FD_CLOEXEC);
}

int main(void)
{
	int a, b, p[2], q[2], s[2], e1, e2, d1, d2, hi1, hi2, hi3;

	t_init();
	dev = t_open_dev();
	if (dev < 0)
		return 1;

	check(0, "stdin");
	check(dev, "dev_onload");
	a = open("/dev/null", O_RDONLY);
	check(a, "open_plain");
	b = open("/dev/null", O_RDONLY | O_CLOEXEC);
	check(b, "open_o_cloexec");
	if (pipe(p) || pipe2(q, O_CLOEXEC)) {
		t_fail("cloexec_pipe", "%s", strerror(errno));
		return 1;
	}
	check(p[0], "pipe");
	check(q[1], "pipe2_o_cloexec");
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, s)) {
		t_fail("cloexec_socketpair", "socketpair(AF_UNIX, SOCK_CLOEXEC): %s",
		       strerror(errno));
		s[0] = s[1] = -1;
	} else {
		check(s[0], "sock_cloexec");
	}
	e1 = eventfd(0, 0);
	e2 = eventfd(0, EFD_CLOEXEC);
	check(e1, "eventfd");
	check(e2, "eventfd_cloexec");
	d1 = dup(b);
	check(d1, "dup_of_cloexec");
	d2 = fcntl(a, F_DUPFD_CLOEXEC, 0);
	check(d2, "f_dupfd_cloexec");

	set_cloexec(a, 1);
	check(a, "f_setfd_on");
	set_cloexec(b, 0);
	check(b, "f_setfd_off");
	set_cloexec(a, 0);
	check(a, "f_setfd_on_off");

	/* Numbers in the second and later words of the fd bitmaps. */
	hi1 = dup2(a, 70);
	check(hi1, "fd_70_plain");
	hi2 = dup3(a, 130, O_CLOEXEC);
	check(hi2, "fd_130_dup3_cloexec");
	hi3 = dup3(a, 1000, O_CLOEXEC);
	if (hi3 < 0)
		t_fail("cloexec_fd_1000", "dup3 to 1000: %s", strerror(errno));
	else
		check(hi3, "fd_1000_dup3_cloexec");
	if (hi3 >= 0) {
		set_cloexec(hi3, 0);
		check(hi3, "fd_1000_f_setfd_off");
	}

	close(a);
	close(b);
	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);
	if (s[0] >= 0) {
		close(s[0]);
		close(s[1]);
	}
	close(e1);
	close(e2);
	close(d1);
	close(d2);
	close(hi1);
	close(hi2);
	if (hi3 >= 0)
		close(hi3);
	close(dev);
	return t_exit_code();
}
