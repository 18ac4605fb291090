// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the resolve_methods parser (resolver.c, unchanged,
 * against the kstub/ headers) over any string.
 *
 * The input, NUL appended, is parsed in a buffer that ends at that NUL; if
 * the input holds a NUL of its own, it is parsed again in place with every
 * byte after that NUL poisoned (ASan): a read past the terminator crashes
 * either way.  Properties: the result is -EINVAL with a resolve_methods:
 * message, or a list of 1..CI_RESOLVE_MAX_ORDER known methods without
 * duplicates and without a message; it is exactly what the grammar
 * NAME ([,\n]+ NAME)* [,\n]* with distinct NAMEs gives; formatting the list
 * (names joined by ',', with or without a trailing '\n') parses back to the
 * same list; and ci_resolve() tries the methods in that order, stops at the
 * first whose candidate validates, and times only the methods it tried.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sanitizer/asan_interface.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include "resolver.h"
#include "fuzz_window.h"
#include "kshim.h"

#define PARAM_ADDR	0xffff800081000000UL
#define KALLSYMS_ADDR	0xffff800082000000UL
#define DECODE_ADDR	0xffff800083000000UL
#define BAD_ADDR	0xffff800084000000UL

static const char * const known[] = { "param", "kallsyms", "decode" };

/* which methods' candidates validate in this round of ci_resolve() */
static unsigned int good;

int ci_syscall_table_check(unsigned long addr, char *why, size_t len)
{
	if ((addr == PARAM_ADDR && good & 1) ||
	    (addr == KALLSYMS_ADDR && good & 2) ||
	    (addr == DECODE_ADDR && good & 4))
		return 0;
	snprintf(why, len, "not this round's table");
	return -EINVAL;
}

int ci_compat_table_check(unsigned long addr, char *why, size_t len)
{
	return ci_syscall_table_check(addr, why, len);
}

int ci_kallsyms_init(char *why, size_t len)
{
	(void)why;
	(void)len;
	return 0;
}

unsigned long ci_kallsyms_lookup_name(const char *name)
{
	return strcmp(name, "sys_call_table") ? 0 : KALLSYMS_ADDR;
}

int ci_arch_decode_candidates(unsigned long *cand, int max,
			      const char **dispatch, char *why, size_t len)
{
	(void)dispatch;
	(void)why;
	(void)len;
	FUZZ_ASSERT(max >= 3);
	cand[0] = BAD_ADDR;
	cand[1] = BAD_ADDR + 8;
	cand[2] = DECODE_ADDR;
	return 3;
}

int ci_arch_decode_compat_candidates(unsigned long *cand, int max,
				     char *why, size_t len)
{
	(void)cand;
	(void)max;
	(void)why;
	(void)len;
	return 0;
}

/* The grammar, matched independently of the parser: 0 or -EINVAL. */
static int expected(const char *s, struct ci_resolve_order *o)
{
	const char *p = s;
	size_t len, k;
	int i;

	o->n = 0;
	do {
		len = strcspn(p, ",\n");
		for (k = 0; k < 3; k++)
			if (strlen(known[k]) == len && !memcmp(p, known[k], len))
				break;
		if (k == 3)
			return -EINVAL;	/* unknown, or an empty name */
		for (i = 0; i < o->n; i++)
			if (o->m[i] == (enum ci_resolve_method)(CI_RESOLVE_PARAM + k))
				return -EINVAL;
		o->m[o->n++] = CI_RESOLVE_PARAM + k;
		p += len;
		p += strspn(p, ",\n");
	} while (*p);
	return 0;
}

static int same(const struct ci_resolve_order *a,
		const struct ci_resolve_order *b)
{
	int i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (a->m[i] != b->m[i])
			return 0;
	return 1;
}

static int parse(const char *s, struct ci_resolve_order *o)
{
	int rc;

	kshim_reset();
	memset(o, 0xa5, sizeof(*o));
	rc = ci_resolve_parse_order(s, o);
	FUZZ_ASSERT(rc == 0 || rc == -EINVAL);
	if (rc) {
		FUZZ_ASSERT(kshim_msgs == 1);
		FUZZ_ASSERT(!strncmp(kshim_last_msg,
				     "sfc_resource: resolve_methods: ", 31));
		return rc;
	}
	FUZZ_ASSERT(kshim_msgs == 0);
	FUZZ_ASSERT(o->n >= 1 && o->n <= CI_RESOLVE_MAX_ORDER &&
		    o->n <= CI_RESOLVE_NR_METHODS - 1);
	for (int i = 0; i < o->n; i++) {
		FUZZ_ASSERT(o->m[i] > CI_RESOLVE_NONE &&
			    o->m[i] < CI_RESOLVE_NR_METHODS);
		for (int j = 0; j < i; j++)
			FUZZ_ASSERT(o->m[i] != o->m[j]);
	}
	return 0;
}

/* ci_resolve() with each combination of methods that find the table */
static void resolve_rounds(const struct ci_resolve_order *o)
{
	static const unsigned long addr[CI_RESOLVE_NR_METHODS] = {
		0, PARAM_ADDR, KALLSYMS_ADDR, DECODE_ADDR };
	struct ci_resolve_result res;

	for (good = 0; good < 8; good++) {
		enum ci_resolve_method win = CI_RESOLVE_NONE;
		int i, tried = o->n;

		for (i = 0; i < o->n; i++) {
			if (good & 1u << (o->m[i] - CI_RESOLVE_PARAM)) {
				win = o->m[i];
				tried = i + 1;
				break;
			}
		}
		ci_resolve(o, PARAM_ADDR, &res);
		FUZZ_ASSERT(res.method == win);
		FUZZ_ASSERT(res.table == addr[win]);
		for (i = 0; i < o->n; i++)
			FUZZ_ASSERT(!res.ns[o->m[i]] == (i >= tried));
		FUZZ_ASSERT(res.ns[CI_RESOLVE_NONE] == 0);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ci_resolve_order o1, o2, want;
	char *s = malloc(size + 1), *f;
	const uint8_t *nul;
	size_t at = 0;
	int rc, rc2, i;

	memcpy(s, data, size);
	s[size] = '\0';
	rc = parse(s, &o1);
	FUZZ_ASSERT(rc == expected(s, &want));
	if (!rc)
		FUZZ_ASSERT(same(&o1, &want));
	free(s);

	/* in place, the bytes after the input's own NUL out of bounds */
	nul = memchr(data, '\0', size);
	if (nul) {
		size_t k = nul - data;

		s = malloc(size);
		memcpy(s, data, size);
		ASAN_POISON_MEMORY_REGION(s + k + 1, size - k - 1);
		rc2 = parse(s, &o2);
		ASAN_UNPOISON_MEMORY_REGION(s + k + 1, size - k - 1);
		free(s);
		FUZZ_ASSERT(rc2 == rc && (rc || same(&o1, &o2)));
	}
	if (rc)
		return 0;

	/* parse(format(list)) == list, bare and as sysfs writes it */
	f = malloc(CI_RESOLVE_MAX_ORDER * 16 + 2);
	for (i = 0; i < o1.n; i++)
		at += sprintf(f + at, "%s%s", i ? "," : "",
			      ci_resolve_method_name(o1.m[i]));
	FUZZ_ASSERT(parse(f, &o2) == 0 && same(&o1, &o2));
	strcpy(f + at, "\n");
	FUZZ_ASSERT(parse(f, &o2) == 0 && same(&o1, &o2));
	free(f);

	resolve_rounds(&o1);
	return 0;
}
