# Guest side of tests/unit/x86/run: print the kallsyms lines of the symbols
# the test needs, each followed by the next symbol (its end), as
#   SYM <addr> <type> <name> <next-addr> <next-name>
# Run by busybox sh in a guest booted with nokaslr.
want=" entry_SYSCALL_64 do_syscall_64 x64_sys_call x32_sys_call ia32_sys_call
 sys_call_table x32_sys_call_table ia32_sys_call_table kallsyms_lookup_name
 _printk vfs_read __x64_sys_read schedule filp_open kernel_read
 __x86_return_thunk __x86_indirect_thunk_rax syscall_enter_from_user_mode "
echo 0 > /proc/sys/kernel/kptr_restrict 2>/dev/null
awk -v want="$want" '
	BEGIN { n = split(want, w, /[ \n]+/); for (i = 1; i <= n; i++) if (w[i] != "") W[w[i]] = 1 }
	NF >= 3 && $4 == "" {
		if (pend != "") { print pend, $1, $3; pend = "" }
		if (($3 in W) && !($3 in seen)) { seen[$3] = 1; pend = "SYM " $1 " " $2 " " $3 }
	}
	END { if (pend != "") print pend, "0", "-" }
' /proc/kallsyms
echo "KALLSYMS-DONE"
