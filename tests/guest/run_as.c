// SPDX-License-Identifier: GPL-2.0
/*
 * run_as UID GID[,GID...] PROGRAM [ARG...]: run PROGRAM as another user in
 * the busybox guests, which have no su or setpriv.  The first GID is the
 * primary group, the rest the supplementary groups ("-" for none).  The
 * drop is checked: the new ids must hold and setuid(0) must fail.
 * Exit status: PROGRAM's, or 126 (the drop failed) or 2 (usage).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_GROUPS 16

static int parse_id(const char *s, unsigned int *id)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || v > 0xfffffffeUL)
		return -1;
	*id = v;
	return 0;
}

int main(int argc, char **argv)
{
	gid_t groups[MAX_GROUPS];
	unsigned int uid, id;
	size_t ngroups = 0;
	char *list, *tok, *save;

	if (argc < 4) {
		fprintf(stderr, "usage: run_as UID GID[,GID...] PROGRAM [ARG...]\n");
		return 2;
	}
	if (parse_id(argv[1], &uid)) {
		fprintf(stderr, "run_as: bad uid '%s'\n", argv[1]);
		return 2;
	}
	list = argv[2];
	for (tok = strtok_r(list, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (ngroups == MAX_GROUPS || parse_id(tok, &id)) {
			fprintf(stderr, "run_as: bad group list\n");
			return 2;
		}
		groups[ngroups++] = id;
	}
	if (!ngroups) {
		fprintf(stderr, "run_as: no primary group\n");
		return 2;
	}
	/* supplementary groups first, while still allowed to set them */
	if (setgroups(ngroups - 1, groups + 1) || setgid(groups[0]) ||
	    setuid(uid)) {
		perror("run_as: dropping privileges");
		return 126;
	}
	if (getuid() != uid || geteuid() != uid || getgid() != groups[0] ||
	    getegid() != groups[0] || (uid != 0 && setuid(0) == 0)) {
		fprintf(stderr, "run_as: the drop to uid %u did not hold\n", uid);
		return 126;
	}
	execv(argv[3], argv + 3);
	perror("run_as: exec");
	return 126;
}
