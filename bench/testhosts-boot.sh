#!/usr/bin/env bash
# Benchmark (not a test): boots 10 and then 100 real test hosts with test-infra/bin/testhosts and prints, for each
# size, the time from nothing to every host reporting `systemctl is-system-running` = running, the memory used
# per host, and the teardown time. Run as root after test-infra/bin/prepare:
#     sudo bench/testhosts-boot.sh [SIZES...]        (default: 10 100)
# The tree is read from the page cache when warm (second and later runs).
# Memory per host is given two ways: the drop of MemAvailable while the hosts run (everything the hosts cost
# the machine: processes, page cache of their writable layers, tmpfs, kernel objects) and the summed PSS of the
# hosts' processes (their share of RAM-resident process memory only).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
T=$ROOT/test-infra/bin/testhosts
INST=bnch
sizes=("$@")
((${#sizes[@]})) || sizes=(10 100)

"$ROOT/test-infra/bin/prepare"
mem_available_kib() { awk '/^MemAvailable:/ {print $2}' /proc/meminfo; }
pss_kib() {
    local cg sum=0 pid v
    cg=/sys/fs/cgroup/unified/niso-testhosts/$INST
    [[ -d $cg ]] || cg=/sys/fs/cgroup/niso-testhosts/$INST
    for pid in $(cat $(find "$cg" -name cgroup.procs) 2>/dev/null); do
        v=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
        sum=$((sum + ${v:-0}))
    done
    echo "$sum"
}

printf '%-6s %-22s %-24s %-20s %s\n' hosts "time to all running" "MemAvailable drop/host" "PSS/host" "teardown"
for n in "${sizes[@]}"; do
    "$T" --instance "$INST" down >/dev/null 2>&1 || true
    sleep 1
    before=$(mem_available_kib)
    t0=$(date +%s.%N)
    "$T" --instance "$INST" up "$n" >/dev/null
    t1=$(date +%s.%N)
    sleep 2   # let just-booted hosts settle so the memory figure is not a start-up peak
    after=$(mem_available_kib)
    pss=$(pss_kib)
    t2=$(date +%s.%N)
    "$T" --instance "$INST" down >/dev/null
    t3=$(date +%s.%N)
    printf '%-6s %-22s %-24s %-20s %s\n' "$n" "$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f s", b - a}')" \
        "$(awk -v a="$before" -v b="$after" -v n="$n" 'BEGIN {printf "%.1f MiB", (a - b) / n / 1024}')" \
        "$(awk -v p="$pss" -v n="$n" 'BEGIN {printf "%.1f MiB", p / n / 1024}')" \
        "$(awk -v a="$t2" -v b="$t3" 'BEGIN {printf "%.1f s", b - a}')"
done
