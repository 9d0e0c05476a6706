#!/usr/bin/env bash
# Benchmark (not a test): requests/s and p99 latency to one HTTP service on a real test host, reached
#   (1) through the port niso publishes with nftables DNAT (host:8080 → service netns:80), and
#   (2) through a userland TCP proxy, socat, on the same host (host:8081 → the same service), in the same run,
# with keep-alive connections and with a new connection per request. wrk runs on the machine and talks only to
# the test host's address. Run as root after test-infra/bin/prepare (installs wrk from Debian if missing):
#     bench/dnat-vs-proxy.sh [DURATION_SECONDS] [CONNECTIONS]        (default: 10 32)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
T=$ROOT/test-infra/bin/testhosts
INST=bdnt
DUR=${1:-10}
CONN=${2:-32}

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

run() { # label port extra-wrk-args...
    local label=$1 port=$2; shift 2
    local out rps p99
    out=$(wrk -t2 -c"$CONN" -d"${DUR}s" --latency "$@" "http://$ip:$port/")
    rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    printf '%-34s %12s %10s\n' "$label" "$rps" "$p99"
    echo "$rps" > "$work/$label.rps"
}
echo "wrk -t2 -c$CONN -d${DUR}s to th1 ($ip); server: tiny-httpd in the service's netns"
printf '%-34s %12s %10s\n' path "requests/s" "p99"
run dnat-keepalive 8080
run socat-keepalive 8081
run dnat-new-connection 8080 -H "Connection: close"
run socat-new-connection 8081 -H "Connection: close"
for kind in keepalive new-connection; do
    awk -v a="$(cat "$work/dnat-$kind.rps")" -v b="$(cat "$work/socat-$kind.rps")" -v k="$kind" \
        'BEGIN {printf "DNAT / socat throughput (%s): %.2fx\n", k, a / b}'
done
