#!/usr/bin/env bash
# Benchmark (not a test): inside one real test host, the time from `niso activate` to the unit being active,
# against `systemctl restart` of the same unit written by hand (already daemon-reloaded), in the same run.
# niso runs once without class-data sharing (NISO_CDS=0) and once with the archive the launcher makes for
# wherever the distribution lives (made here up front, as the first run would in the background). Then one
# run with NISO_TRACE_TIMINGS=1 shows where the time goes.
# Run as root after `mvn -o -pl niso-node -am package -DskipTests` and test-infra/bin/prepare:
#     bench/activate.sh [ROUNDS]      (default 10; test-host instance: $BENCH_INSTANCE, default bact)
# The app is a static C HTTP server (no runtime), activated without --wait: what is measured is niso's own
# overhead (JVM start, plan, rootfs, unit write, daemon-reload, restart), not the app's start-up.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
T=$ROOT/test-infra/bin/testhosts
INST=${BENCH_INSTANCE:-bact}
ROUNDS=${1:-10}
DIST=${BENCH_DIST:-$ROOT/niso-node/target/dist}  # BENCH_DIST: another build to compare
DIST=$(cd "$DIST" && pwd)
[[ -x $DIST/bin/niso ]] || { echo "build the distribution first: mvn -o -pl niso-node -am package -DskipTests" >&2; exit 1; }

work=$(mktemp -d)
cleanup() { "$T" --instance $INST down >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
"$T" --instance $INST up 1 >/dev/null
PID=$("$T" --instance $INST pid th1)
H() { nsenter -t "$PID" -a "$@"; }

mkdir -p "$work/app/bin"
gcc -static -O2 -o "$work/app/bin/static-web" "$ROOT/niso-node/src/test/resources/apps/static-web/server.c"
cp "$ROOT/niso-node/src/test/resources/apps/static-web/manifest.toml" "$work/app/"
tar -C "$DIST/.." -c dist | H sh -c 'mkdir -p /usr/local/lib/niso && tar -C /usr/local/lib/niso -x && ln -sf /usr/local/lib/niso/dist/bin/niso /usr/local/bin/niso'
tar -C "$work/app" -c . | H sh -c 'mkdir -p /srv/app && tar -C /srv/app -x'
H sh -c 'export NISO_CDS=0; cd /srv/app && niso pack . --output /srv/out >/dev/null && sed -i "s/^version = .*/version = \"2.0.0\"/" manifest.toml && niso pack . --output /srv/out >/dev/null && niso install /srv/out/static-web-1.0.0-x86_64.niso >/dev/null && niso install /srv/out/static-web-2.0.0-x86_64.niso >/dev/null && niso activate static-web 1.0.0 --wait >/dev/null'

# One round inside the host: activate the other version, then poll until systemd says active (ms).
H sh -c 'cat > /usr/local/bin/bench-round <<"EOS"
#!/bin/sh
# usage: bench-round niso VERSION | bench-round hand
start=$(date +%s%N)
if [ "$1" = niso ]; then NISO_CDS=$3 niso activate static-web "$2" >/dev/null; else systemctl reset-failed bench-hand.service; systemctl restart bench-hand.service; fi
unit=niso-static-web.service; [ "$1" = hand ] && unit=bench-hand.service
while [ "$(systemctl is-active $unit)" != active ]; do sleep 0.005; done
echo $(( ($(date +%s%N) - start) / 1000000 ))
EOS
chmod +x /usr/local/bin/bench-round'

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
run_niso() { # $1: NISO_CDS (0 = no class-data sharing)
    local v=2.0.0 i
    for ((i = 0; i < ROUNDS; i++)); do H bench-round niso $v "$1"; [[ $v == 2.0.0 ]] && v=1.0.0 || v=2.0.0; done
}
run_hand() {
    H sh -c 'systemctl stop niso-static-web.service; sed "s/^Description=.*/Description=hand-written copy/" /etc/systemd/system/niso-static-web.service > /etc/systemd/system/bench-hand.service && systemctl daemon-reload'
    local i
    for ((i = 0; i < ROUNDS; i++)); do H bench-round hand; done
    H sh -c 'systemctl stop bench-hand.service; rm /etc/systemd/system/bench-hand.service; systemctl daemon-reload; systemctl start niso-static-web.service'
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
niso_plain=$(run_niso 0 | median)
hand=$(run_hand | median)
# The archive the launcher would start making in the background on the first run in this directory.
H sh /usr/local/lib/niso/dist/lib/make-cds.sh /usr/local/lib/niso/dist --archive-only >/dev/null
niso_cds=$(run_niso 1 | median)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
version=$(H niso --version 2>/dev/null | head -1)
H sh -c 'niso --version >/dev/null; s=$(date +%s%N); niso --version >/dev/null; echo "jvm+picocli --version: $(( ($(date +%s%N) - s) / 1000000 )) ms"'
echo "one traced switch of version (NISO_TRACE_TIMINGS=1; ms since the launcher started, then the phase's own time):"
H sh -c 'niso activate static-web 2.0.0 >/dev/null; NISO_TRACE_TIMINGS=1 niso activate static-web 1.0.0 2>&1 >/dev/null' | sed 's/^/  /'

printf '\n%s, %d rounds each, medians (ms), static binary, no --wait; load average %s before, %s after\n' \
    "$version" "$ROUNDS" "$load_before" "$load_after"
printf '%-48s %6s\n' "systemctl restart of the hand-written unit" "$hand"
printf '%-48s %6s   overhead %s ms\n' "niso activate (NISO_CDS=0)" "$niso_plain" "$((niso_plain - hand))"
printf '%-48s %6s   overhead %s ms\n' "niso activate (CDS archive lib/niso.jsa)" "$niso_cds" "$((niso_cds - hand))"
