/* SPDX-License-Identifier: GPL-2.0 */
/* Timing checks of ONLOAD_IOC_EPOLL_WAIT (onload_epoll_test). */
#ifndef GUEST_EPOLL_TIMING_H
#define GUEST_EPOLL_TIMING_H

/* SIGALRM after @secs seconds prints a FAIL line and exits 1. */
void watchdog_start(unsigned int secs);
/* Timeout 0, 100 ms and -1 with an event ready. */
void test_timeouts(int dev);
/* Timeout -1, woken by a write from another thread. */
void test_wakeup(int dev);
/* A signal interrupts a waiting ioctl with EINTR, as epoll_wait. */
void test_eintr(int dev);

#endif /* GUEST_EPOLL_TIMING_H */
