# shellcheck shell=sh
# Guest side of tests/bench/epoll-dispatch (busybox sh inside the booted
# kernel): load the modules, run onload_bench, unload.
# /test/params.sh (guest only) sets BENCH_N (iterations).  No module
# parameters: sfc_resource finds the table itself on every kernel.
# shellcheck disable=SC1091
. /test/params.sh
cd /test || exit 1
insmod ./sfc_resource.ko || exit 1
insmod ./onload.ko || exit 1
echo "BENCH method $(cat /sys/module/sfc_resource/parameters/resolved_method)"
./onload_bench "$BENCH_N" || exit 1
rmmod onload && rmmod sfc_resource
