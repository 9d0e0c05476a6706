#!/usr/bin/env bash
# Benchmark (not a test): `niso activate` of this build against another one (BASE) in two test hosts side by
# side, rounds alternating between them, so both see the same load. Two hosts, not one: builds with different
# unit layouts would rewrite each other's unit (and daemon-reload) on every switch in a shared /opt/niso.
# Per round: wall = `niso activate static-web V` until `systemctl is-active`, CPU = user + sys of niso and its
# children; then `activate --wait` wall; then `systemctl restart` of a hand-written copy of the unit.
# Run as root after `mvn -o -pl niso-node -am package -DskipTests` (here and in BASE's tree) and test-infra/bin/prepare:
#     bench/activate-ab.sh BASE_DIST_DIR [ROUNDS]       (default 15; instances $BENCH_INSTANCE_A/B, default bab1/bab2)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
T=$ROOT/test-infra/bin/testhosts
BASE=$(cd "${1:?usage: activate-ab.sh BASE_DIST_DIR [ROUNDS]}" && pwd)
ROUNDS=${2:-15}
NEW=$ROOT/niso-node/target/dist
IA=${BENCH_INSTANCE_A:-bab1}
IB=${BENCH_INSTANCE_B:-bab2}
[[ -x $NEW/bin/niso && -x $BASE/bin/niso ]] || { echo "build both distributions first" >&2; exit 1; }

work=$(mktemp -d)
cleanup() { "$T" --instance "$IA" down >/dev/null 2>&1 || true; "$T" --instance "$IB" down >/dev/null 2>&1 || true
    rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/app/bin"
gcc -static -O2 -o "$work/app/bin/static-web" "$ROOT/niso-node/src/test/resources/apps/static-web/server.c"
cp "$ROOT/niso-node/src/test/resources/apps/static-web/manifest.toml" "$work/app/"

setup() { # $1 instance, $2 dist; prints the host's PID
    "$T" --instance "$1" up 1 >/dev/null
    local pid
    pid=$("$T" --instance "$1" pid th1)
    tar -C "$2/.." -c "$(basename "$2")" | nsenter -t "$pid" -a sh -c 'mkdir -p /usr/local/lib/niso && tar -C /usr/local/lib/niso -x && ln -sfn /usr/local/lib/niso/'"$(basename "$2")"' /usr/local/lib/niso/dist && ln -sf /usr/local/lib/niso/dist/bin/niso /usr/local/bin/niso'
    tar -C "$work/app" -c . | nsenter -t "$pid" -a sh -c 'mkdir -p /srv/app && tar -C /srv/app -x'
    nsenter -t "$pid" -a sh -c 'export NISO_CDS=0; cd /srv/app && niso pack . --output /srv/out >/dev/null && sed -i "s/^version = .*/version = \"2.0.0\"/" manifest.toml && niso pack . --output /srv/out >/dev/null && niso install /srv/out/static-web-1.0.0-x86_64.niso >/dev/null && niso install /srv/out/static-web-2.0.0-x86_64.niso >/dev/null && niso activate static-web 1.0.0 --wait >/dev/null'
    # The real path: the launcher keys the archive by the class path it builds from readlink -f of itself.
    nsenter -t "$pid" -a sh -c 'd=$(readlink -f /usr/local/lib/niso/dist) && sh "$d/lib/make-cds.sh" "$d" --archive-only' >/dev/null
    nsenter -t "$pid" -a sh -c 'cat > /usr/local/bin/bench-round <<"EOS"
#!/bin/bash
# bench-round niso VERSION [--wait] | bench-round hand: prints "wall_ms cpu_ms"
TIMEFORMAT="%U %S"
start=$(date +%s%N)
if [ "$1" = niso ]; then t=$( { time niso activate static-web "$2" $3 >/dev/null 2>&1; } 2>&1 ); unit=niso-static-web.service
else t=$( { time { systemctl reset-failed bench-hand.service 2>/dev/null; systemctl restart bench-hand.service; }; } 2>&1 ); unit=bench-hand.service; fi
while [ "$(systemctl is-active $unit)" != active ]; do sleep 0.005; done
read u s <<<"$t"
echo "$(( ($(date +%s%N) - start) / 1000000 )) $(awk "BEGIN{printf \"%d\", ($u+$s)*1000}")"
EOS
chmod +x /usr/local/bin/bench-round'
    echo "$pid"
}
# Distinct directory names so the launcher's class-data-sharing key (class path) differs per build.
cp -a "$NEW" "$work/niso-new" && cp -a "$BASE" "$work/niso-base"
A=$(setup "$IA" "$work/niso-new")
B=$(setup "$IB" "$work/niso-base")

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
v=2.0.0
for ((i = 0; i < ROUNDS; i++)); do
    nsenter -t "$A" -a bench-round niso $v >> "$work/A.switch"
    nsenter -t "$B" -a bench-round niso $v >> "$work/B.switch"
    [[ $v == 2.0.0 ]] && v=1.0.0 || v=2.0.0
done
for ((i = 0; i < ROUNDS; i++)); do
    nsenter -t "$A" -a bench-round niso $v --wait >> "$work/A.wait"
    nsenter -t "$B" -a bench-round niso $v --wait >> "$work/B.wait"
    [[ $v == 2.0.0 ]] && v=1.0.0 || v=2.0.0
done
for P in $A $B; do nsenter -t "$P" -a sh -c 'systemctl stop niso-static-web.service; sed "s/^Description=.*/Description=hand-written copy/" /etc/systemd/system/niso-static-web.service > /etc/systemd/system/bench-hand.service && systemctl daemon-reload'; done
for ((i = 0; i < ROUNDS; i++)); do
    nsenter -t "$A" -a bench-round hand >> "$work/A.hand"
    nsenter -t "$B" -a bench-round hand >> "$work/B.hand"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
printf '%d rounds each, medians (ms), static app; load average %s before, %s after\n' "$ROUNDS" "$load_before" "$load_after"
for k in A B; do
    [[ $k == A ]] && name="this build" || name="base $BASE"
    printf '%-12s switch wall %5s cpu %4s | activate --wait wall %5s | systemctl restart (hand unit) %4s\n' \
        "${name:0:12}" "$(cut -d' ' -f1 "$work/$k.switch" | median)" "$(cut -d' ' -f2 "$work/$k.switch" | median)" \
        "$(cut -d' ' -f1 "$work/$k.wait" | median)" "$(cut -d' ' -f1 "$work/$k.hand" | median)"
done
