// SPDX-License-Identifier: GPL-2.0
/*
 * The sys_call_table resolver: try each method in the configured order,
 * validate every candidate, keep the first that passes.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/ktime.h>
#include "resolver.h"

#define CI_DECODE_MAX_CANDIDATES 64
#define CI_WHY_LEN 160

static const char * const ci_method_names[CI_RESOLVE_NR_METHODS] = {
	[CI_RESOLVE_NONE]	= "none",
	[CI_RESOLVE_PARAM]	= "param",
	[CI_RESOLVE_KALLSYMS]	= "kallsyms",
	[CI_RESOLVE_DECODE]	= "decode",
};

const char *ci_resolve_method_name(enum ci_resolve_method m)
{
	if (m < 0 || m >= CI_RESOLVE_NR_METHODS)
		return "?";
	return ci_method_names[m];
}

/* "param,kallsyms,decode": each known name at most once. */
int ci_resolve_parse_order(const char *s, struct ci_resolve_order *order)
{
	const char *p = s;

	order->n = 0;
	while (*p) {
		size_t len = strcspn(p, ",\n");
		enum ci_resolve_method m;
		int i;

		for (m = CI_RESOLVE_PARAM; m < CI_RESOLVE_NR_METHODS; m++)
			if (len == strlen(ci_method_names[m]) &&
			    !strncmp(p, ci_method_names[m], len))
				break;
		if (m == CI_RESOLVE_NR_METHODS) {
			pr_err("resolve_methods: unknown method '%.*s' (use a comma-separated list of param, kallsyms, decode)\n",
			       (int)min_t(size_t, len, 32), p);
			return -EINVAL;
		}
		for (i = 0; i < order->n; i++) {
			if (order->m[i] == m) {
				pr_err("resolve_methods: method '%s' listed twice\n",
				       ci_method_names[m]);
				return -EINVAL;
			}
		}
		order->m[order->n++] = m;
		p += len;
		while (*p == ',' || *p == '\n')
			p++;
	}
	if (!order->n) {
		pr_err("resolve_methods: empty list (use a comma-separated list of param, kallsyms, decode)\n");
		return -EINVAL;
	}
	return 0;
}

static unsigned long ci_try_param(unsigned long param)
{
	char why[CI_WHY_LEN];

	if (!param) {
		pr_info("param: syscall_table_addr not given\n");
		return 0;
	}
	if (ci_syscall_table_check(param, why, sizeof(why))) {
		pr_warn("param: rejected syscall_table_addr: %s\n", why);
		return 0;
	}
	return param;
}

static unsigned long ci_try_kallsyms(void)
{
	char why[CI_WHY_LEN];
	unsigned long addr;

	if (ci_kallsyms_init(why, sizeof(why))) {
		pr_info("kallsyms: unavailable: %s\n", why);
		return 0;
	}
	addr = ci_kallsyms_lookup_name("sys_call_table");
	if (!addr) {
		pr_info("kallsyms: no sys_call_table symbol (data symbols need CONFIG_KALLSYMS_ALL)\n");
		return 0;
	}
	if (ci_syscall_table_check(addr, why, sizeof(why))) {
		pr_warn("kallsyms: rejected its sys_call_table: %s\n", why);
		return 0;
	}
	return addr;
}

/* The first of @n candidates that @check accepts, or 0; sets *@index. */
static unsigned long ci_first_valid(const unsigned long *cand, int n,
				    int (*check)(unsigned long, char *, size_t),
				    int *index)
{
	char why[CI_WHY_LEN];
	int i;

	for (i = 0; i < n; i++) {
		if (!check(cand[i], why, sizeof(why))) {
			*index = i;
			return cand[i];
		}
	}
	return 0;
}

/*
 * A kprobe on the walked path (a tracing or security agent's) writes its
 * breakpoint over an instruction, and the walk may need exactly that one
 * (arm64's adrp/add of the table, a bl to the dispatcher).  The decoder
 * does not see through it: the replaced instruction lives in the kprobe
 * core's struct kprobe, which a module reaches only through get_kprobe()
 * (not exported) or by registering a kprobe of its own at the same place
 * (an aggregate probe, armed on the syscall path, for the sake of reading
 * one word): neither is a power this module should take.  Instead the
 * architecture's glue names the first breakpoint the walk read, and when
 * no candidate is the table that is the one line decode prints; the
 * kallsyms method (before decode in the default order) is untouched by
 * probes.  A function tracer's patched entry is a bl to ftrace's
 * trampoline, which the walk follows like any call: it still resolves.
 */
static unsigned long ci_try_decode(const char **dispatch)
{
	static unsigned long cand[CI_DECODE_MAX_CANDIDATES];
	char why[CI_WHY_LEN];
	unsigned long addr;
	int n, i;

	why[0] = '\0';
	n = ci_arch_decode_candidates(cand, ARRAY_SIZE(cand), dispatch,
				      why, sizeof(why));
	if (n < 0) {
		pr_info("decode: %s\n", why);
		return 0;
	}
	addr = ci_first_valid(cand, n, ci_syscall_table_check, &i);
	if (addr)
		pr_info("decode: candidate %d of %d is the table (%d rejected)\n",
			i + 1, n, i);
	else if (why[0])
		pr_info("decode: none of %d candidates is a syscall table: %s\n",
			n, why);
	else
		pr_info("decode: none of %d candidates is a syscall table\n", n);
	return addr;
}

void ci_resolve(const struct ci_resolve_order *order, unsigned long param,
		struct ci_resolve_result *res)
{
	int i;

	memset(res, 0, sizeof(*res));
	for (i = 0; i < order->n && !res->table; i++) {
		enum ci_resolve_method m = order->m[i];
		u64 t0 = ktime_get_ns();
		unsigned long addr = 0;

		switch (m) {
		case CI_RESOLVE_PARAM:
			addr = ci_try_param(param);
			break;
		case CI_RESOLVE_KALLSYMS:
			addr = ci_try_kallsyms();
			break;
		case CI_RESOLVE_DECODE:
			addr = ci_try_decode(&res->dispatch);
			break;
		default:
			break;
		}
		res->ns[m] = ktime_get_ns() - t0;
		pr_info("method %s: %s in %llu ns\n", ci_method_names[m],
			addr ? "found" : "failed", res->ns[m]);
		if (addr) {
			res->table = addr;
			res->method = m;
		}
	}
}

/*
 * The 32-bit table (arm64 AArch32, x86 ia32) for the callers that
 * is_compat_task() says are 32-bit: kallsyms, else (arm64) decoding from the
 * AArch32 vector.  Validated like the native table.
 */
void ci_resolve_compat(struct ci_resolve_result *res)
{
#ifdef CI_COMPAT_TABLE_NAME
	static unsigned long cand[CI_DECODE_MAX_CANDIDATES];
	int i;

	cand[0] = ci_kallsyms_lookup_name(CI_COMPAT_TABLE_NAME);
	res->compat_table = ci_first_valid(cand, cand[0] ? 1 : 0,
					   ci_compat_table_check, &i);
	res->compat_method = CI_RESOLVE_KALLSYMS;
# ifdef CONFIG_ARM64
	/* Only arm64 decodes the 32-bit table (from its AArch32 vector). */
	if (!res->compat_table) {
		char why[CI_WHY_LEN];
		int n = ci_arch_decode_compat_candidates(cand, ARRAY_SIZE(cand),
							 why, sizeof(why));

		res->compat_table = ci_first_valid(cand, n,
						   ci_compat_table_check, &i);
		res->compat_method = CI_RESOLVE_DECODE;
	}
# endif
	if (!res->compat_table) {
		res->compat_method = CI_RESOLVE_NONE;
		pr_info("no usable %s: 32-bit callers get no dispatch\n",
			CI_COMPAT_TABLE_NAME);
	}
#endif
}
