# shellcheck shell=sh
# Guest side of tests/bench/epoll-dispatch (busybox sh inside the booted
# kernel): load the modules, run onload_bench, unload.
# /test/params.sh (guest only) sets SFC_ARGS (extra sfc_resource
# parameters) and BENCH_N (iterations).
# shellcheck disable=SC1091
. /test/params.sh
cd /test || exit 1
# shellcheck disable=SC2086
insmod ./sfc_resource.ko $SFC_ARGS || exit 1
insmod ./onload.ko || exit 1
echo "BENCH method $(cat /sys/module/sfc_resource/parameters/resolved_method)"
./onload_bench "$BENCH_N" || exit 1
rmmod onload && rmmod sfc_resource
