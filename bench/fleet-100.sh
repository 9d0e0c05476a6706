#!/usr/bin/env bash
# Benchmark (not a test), issue 7: N real test hosts (default 100), a new version of one service, rolling with
# max_parallel 25 (4 waves). Measures niso-fleet's wall time and the controller's peak RSS (/usr/bin/time -v,
# "Maximum resident set size"), with the load average next to them. hello-api 1.0.0 is deployed first (not timed),
# then 2.0.0 is timed. Run as root after `mvn package -DskipTests`. Tears the hosts down on exit.
#   bench/fleet-100.sh [N] [MAX_PARALLEL]       (NISO_BENCH_KEX=NAME: [ssh] kex_algorithms = ["NAME"])
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
N=${1:-100}
P=${2:-25}
[[ -x niso-node/target/dist/bin/niso && -x niso-fleet/target/dist/bin/niso-fleet ]] \
  || { echo "build first: mvn -q package -DskipTests" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }

inst=$(printf 'c%03x' $((RANDOM % 4096)))
work=$(mktemp -d /tmp/niso-bench-fleet100.XXXXXX)
cleanup() {
  test-infra/bin/testhosts --instance "$inst" down >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
echo "instance $inst (if interrupted hard: test-infra/bin/testhosts --instance $inst down)"
now() { date +%s.%N; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

t=$(now)
test-infra/bin/prepare >/dev/null
test-infra/bin/testhosts --instance "$inst" up "$N" >/dev/null
printf 'booted %d hosts in %.1fs\n' "$N" "$(echo "$(now) - $t" | bc)"
hd=/var/tmp/niso-testhosts/$inst
mapfile -t hosts < <(test-infra/bin/testhosts --instance "$inst" status | awk '$1 ~ /^th[0-9]+$/ {print $1" "$2}')

mkdir -p "$work/fleet/packages" "$work/src"
{
  printf '[fleet]\nname = "bench"\nstack = "stack.toml"\n\n[ssh]\nidentity_files = ["%s"]\nknown_hosts = "%s"\n' \
    "$hd/id_ed25519" "$hd/known_hosts"
  printf 'max_concurrent_handshakes = 25\n'
  # NISO_BENCH_KEX=curve25519-sha256: offer only that key exchange instead of MINA's post-quantum-first default.
  [[ -n ${NISO_BENCH_KEX:-} ]] && printf 'kex_algorithms = ["%s"]\n' "$NISO_BENCH_KEX"
  printf '\n'
  printf '[deploy]\nstrategy = "rolling"\nmax_parallel = %d\nmin_healthy_time = "1s"\nhealthy_deadline = "2m"\nprogress_deadline = "10m"\n\n' "$P"
  printf '[environments.prod]\n\n'
  for h in "${hosts[@]}"; do
    set -- $h
    printf '[[environments.prod.host]]\nname = "%s"\naddress = "ssh://root@%s"\n\n' "$1" "$2"
  done
} > "$work/fleet/fleet.toml"
# The stack names the service "api"; it runs package hello-api.
stack() { printf '[stack]\nname = "bench"\n\n[[service]]\nname = "api"\npackage = "hello-api:%s"\n' "$1" \
  > "$work/fleet/stack.toml"; }
niso-node/target/dist/bin/niso keygen --output "$work/keys" >/dev/null
for v in 1.0.0 2.0.0; do
  rm -rf "$work/src/$v"; cp -r fleet-examples/apps/hello-api "$work/src/$v"
  # start_period 30s: 100 python apps starting on a 2-core machine shared with other builds can take longer
  # than the demo app's 5s; an activation still returns as soon as the first probe passes.
  sed -i "s/^version = .*/version = \"$v\"/; s/^GREETING = .*/&\nAPP_VERSION = \"$v\"/; s/^start_period = .*/start_period = \"30s\"/" \
    "$work/src/$v/manifest.toml"
  niso-node/target/dist/bin/niso pack "$work/src/$v" --sign "$work/keys/niso-signing.key" \
    --output "$work/fleet/packages" >/dev/null
done
stack 1.0.0
fleet() { niso-fleet/target/dist/bin/niso-fleet "$@" -f "$work/fleet/fleet.toml"; }
t=$(now)
fleet bootstrap prod --dist niso-node/target/dist >/dev/null
printf 'bootstrapped in %.1fs\n' "$(echo "$(now) - $t" | bc)"
# Trust the key and register the runtime: 10 hosts at a time over plain ssh (setup, not measured).
for h in "${hosts[@]}"; do
  set -- $h
  ( ssh -F "$hd/ssh_config" "$1" 'mkdir -p /etc/niso/trusted-keys && cat > /etc/niso/trusted-keys/bench.pub &&
      niso runtime add python3:3.11 --from /usr/bin/python3 >/dev/null' < "$work/keys/niso-signing.pub" ) &
  (( $(jobs -r | wc -l) >= 10 )) && wait -n
done
wait
t=$(now)
# (a rerun converges what a loaded machine did not: it skips hosts already at 1.0.0)
fleet deploy prod --yes >/dev/null || fleet deploy prod --yes >/dev/null
printf 'untimed 1.0.0 deploy: %.1fs\n' "$(echo "$(now) - $t" | bc)"

# --- measured: 2.0.0, rolling, max_parallel P ------------------------------------------------------------------
stack 2.0.0
before=$(load)
t0=$(now)
/usr/bin/time -v -o "$work/time.txt" niso-fleet/target/dist/bin/niso-fleet deploy prod --yes --json \
  -f "$work/fleet/fleet.toml" > "$work/deploy.jsonl"
t1=$(now)
after=$(load)
rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
waves=$(grep -c '"event":"wave_started"' "$work/deploy.jsonl" || true)
converged=$(grep -c '"event":"host_converged"' "$work/deploy.jsonl" || true)
printf 'hosts %d  max_parallel %d  waves %d  converged %d  wall %.1fs  controller peak RSS %d MiB  load before %s  after %s\n' \
  "$N" "$P" "$waves" "$converged" "$(echo "$t1 - $t0" | bc)" "$((rss_kb / 1024))" "$before" "$after"
# Where the time went, from the --json events' "at": mean per-host upload, activate (incl. --hold) and total.
python3 - "$work/deploy.jsonl" "$t0" <<'EOF'
import json, sys
from datetime import datetime
def t(s): return datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()
start, up, act, done = {}, {}, {}, {}
wave_hosts = {}
for line in open(sys.argv[1]):
    e = json.loads(line)
    ev = e.get("event")
    if ev == "wave_started":
        for h in e["hosts"]: start[h] = t(e["at"])
    elif ev == "host_step" and e["step"] == "uploaded": up[e["host"]] = t(e["at"])
    elif ev == "host_step" and e["step"].startswith("activating"): act[e["host"]] = t(e["at"])
    elif ev == "host_converged": done[e["host"]] = t(e["at"])
hs = [h for h in done if h in start and h in act]
if start:
    print("before the first wave: %.2fs (controller JVM, SSH handshakes, lock, snapshot, plan)" % (
        min(start.values()) - float(sys.argv[2])))
if hs:
    mean = lambda xs: sum(xs) / len(xs)
    print("per host (mean of %d): to upload %.2fs, upload→activating %.2fs, activate+hold %.2fs, total %.2fs" % (
        len(hs), mean([up.get(h, act[h]) - start[h] for h in hs]), mean([act[h] - up.get(h, act[h]) for h in hs]),
        mean([done[h] - act[h] for h in hs]), mean([done[h] - start[h] for h in hs])))
EOF
# Check: every host serves 2.0.0.
bad=0
for h in "${hosts[@]}"; do
  set -- $h
  ssh -F "$hd/ssh_config" "$1" 'curl -fsS http://127.0.0.1:8080/ | grep -q "\"version\": \"2.0.0\""' </dev/null \
    || { echo "BUG: $1 is not on 2.0.0" >&2; bad=1; }
done
exit $bad
