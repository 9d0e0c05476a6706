#!/usr/bin/env bash
# Benchmark (not a test): requests/s and p99 latency to one HTTP service on a real test host, reached
#   (1) through the port niso publishes with nftables DNAT (host:8080 → service netns:80), and
#   (2) through a userland TCP proxy, socat, on the same host (host:8081 → the same service), in the same run,
# with keep-alive connections and with a new connection per request. wrk runs on the machine and talks only to
# the test host's address. The two paths alternate for ROUNDS rounds and the medians are printed, so a load
# change on the (shared, 2-core) machine hits both alike. Run as root after test-infra/bin/prepare (installs wrk
# from Debian if missing):
#     bench/dnat-vs-proxy.sh [DURATION_SECONDS] [CONNECTIONS] [ROUNDS]        (default: 5 32 5)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
T=$ROOT/test-infra/bin/testhosts
INST=bdnt
DUR=${1:-5}
CONN=${2:-32}
ROUNDS=${3:-5}

command -v wrk >/dev/null || apt-get install -y -q wrk >/dev/null
"$ROOT/test-infra/bin/prepare" >/dev/null
(cd "$ROOT" && mvn -q -o package -DskipTests -pl niso-node -am)
work=$(mktemp -d)
cleanup() { "$T" --instance "$INST" down >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
gcc -O2 -o "$work/tiny-httpd" "$ROOT/bench/tiny-httpd.c"

"$T" --instance "$INST" down >/dev/null 2>&1 || true
"$T" --instance "$INST" up 1 >/dev/null
pid=$("$T" --instance "$INST" pid th1)
ip=$(awk '$1 == "th1" {print $2}' "/var/tmp/niso-testhosts/$INST/hosts.tsv")
in_host() { nsenter -t "$pid" -a -- /usr/bin/env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"; }

tar -C "$ROOT/niso-node/target/dist" -cf - . | in_host sh -c 'mkdir -p /opt/niso && tar -C /opt/niso -xf -'
in_host sh -c 'cat > /usr/local/bin/tiny-httpd && chmod 755 /usr/local/bin/tiny-httpd' < "$work/tiny-httpd"
in_host /opt/niso/bin/niso net attach web --port 8080:80 >/dev/null
in_host systemd-run --quiet --unit=web -p NetworkNamespacePath=/run/netns/niso-web /usr/local/bin/tiny-httpd 80
in_host systemd-run --quiet --unit=proxy socat TCP-LISTEN:8081,fork,reuseaddr,backlog=1024 TCP:10.99.0.2:80
for port in 8080 8081; do
    for _ in $(seq 100); do curl -fsS --max-time 2 "http://$ip:$port/" >/dev/null 2>&1 && break; sleep 0.1; done
done

run() { # label port extra-wrk-args...: one wrk run, appends "rps p99_ms" to $work/label
    local label=$1 port=$2; shift 2
    wrk -t2 -c"$CONN" -d"${DUR}s" --latency "$@" "http://$ip:$port/" | awk '
        /^Requests\/sec/ {rps = $2}
        $1 == "99%" {v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
                     p = (u == "us") ? v / 1000 : (u == "s") ? v * 1000 : (u == "m") ? v * 60000 : v}
        END {print rps, p}' >> "$work/$label"
}
median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
echo "wrk -t2 -c$CONN, $ROUNDS alternating rounds of ${DUR}s per path, to th1 ($ip); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$ROUNDS"); do
    run dnat-keepalive 8080
    run socat-keepalive 8081
    run dnat-new-connection 8080 -H "Connection: close"
    run socat-new-connection 8081 -H "Connection: close"
done
printf '%-24s %16s %16s   %s\n' path "median req/s" "median p99 ms" "rounds (req/s)"
for label in dnat-keepalive socat-keepalive dnat-new-connection socat-new-connection; do
    printf '%-24s %16.0f %16.2f   %s\n' "$label" "$(cut -d' ' -f1 "$work/$label" | median)" \
        "$(cut -d' ' -f2 "$work/$label" | median)" "$(cut -d' ' -f1 "$work/$label" | awk '{printf "%.0f ", $1}')"
done
for kind in keepalive new-connection; do
    awk -v a="$(cut -d' ' -f1 "$work/dnat-$kind" | median)" -v b="$(cut -d' ' -f1 "$work/socat-$kind" | median)" \
        -v k="$kind" 'BEGIN {printf "DNAT / socat median throughput (%s): %.2fx\n", k, a / b}'
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
