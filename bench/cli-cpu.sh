#!/usr/bin/env bash
# Benchmark (not a test): CPU per `niso` run, this build against another one (BASE), in the same test host and
# the same rounds (alternating order). CPU = user + sys of niso and the processes it waited for; on a shared
# 2-core machine CPU is steadier than wall time, and it is what a fleet rollout of many hosts on few cores pays.
# Measured: a version switch of a static app (`niso activate`, no --wait), the activate niso-fleet sends a host
# (install a new signed package of the python hello-api, its stack file, --wait for health; the package is
# removed again, untimed, before each run), `niso status --json`, `niso --version`.
# Both builds get their class-data-sharing archive made up front (as the first run would in the background).
# Run as root after `mvn -o -pl niso-node -am package -DskipTests` and test-infra/bin/prepare:
#     bench/cli-cpu.sh BASE_DIST_DIR [ROUNDS]        (default 20 rounds)
# e.g. build main's older commit in a scratch clone and pass its niso-node/target/dist.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
T=$ROOT/test-infra/bin/testhosts
INST=${BENCH_INSTANCE:-bcpu}
BASE=$(cd "${1:?usage: cli-cpu.sh BASE_DIST_DIR [ROUNDS]}" && pwd)
ROUNDS=${2:-20}
DIST=$ROOT/niso-node/target/dist
[[ -x $DIST/bin/niso && -x $BASE/bin/niso ]] || { echo "build both distributions first" >&2; exit 1; }

work=$(mktemp -d)
cleanup() { "$T" --instance $INST down >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
"$T" --instance $INST up 1 >/dev/null
PID=$("$T" --instance $INST pid th1)
H() { nsenter -t "$PID" -a "$@"; }

mkdir -p "$work/app/bin"
gcc -static -O2 -o "$work/app/bin/static-web" "$ROOT/niso-node/src/test/resources/apps/static-web/server.c"
cp "$ROOT/niso-node/src/test/resources/apps/static-web/manifest.toml" "$work/app/"
for d in new:"$DIST" base:"$BASE"; do
  tar -C "${d#*:}/.." -c "$(basename "${d#*:}")" | H sh -c "mkdir -p /opt/bench/${d%%:*} && tar -C /opt/bench/${d%%:*} -x --strip-components=1"
  H sh "/opt/bench/${d%%:*}/lib/make-cds.sh" "/opt/bench/${d%%:*}" --archive-only >/dev/null
done
# The network boot unit runs the `niso` on PATH.
H ln -sf /opt/bench/new/bin/niso /usr/local/bin/niso
tar -C "$work/app" -c . | H sh -c 'mkdir -p /srv/app && tar -C /srv/app -x'
H sh -c 'n=/opt/bench/new/bin/niso; cd /srv/app && $n pack . --output /srv/out >/dev/null && sed -i "s/^version = .*/version = \"2.0.0\"/" manifest.toml && $n pack . --output /srv/out >/dev/null && $n install /srv/out/static-web-1.0.0-x86_64.niso >/dev/null && $n install /srv/out/static-web-2.0.0-x86_64.niso >/dev/null && $n activate static-web 1.0.0 --wait >/dev/null'
# Activate whichever version is not current: each run is a real switch.
H sh -c 'cat > /usr/local/bin/bench-toggle <<"EOS"
#!/bin/sh
case "$(readlink /opt/niso/packages/static-web/current)" in *1.0.0*) v=2.0.0 ;; *) v=1.0.0 ;; esac
exec "$1" activate static-web "$v"
EOS
chmod +x /usr/local/bin/bench-toggle'
cp "$ROOT/bench/cpu-ab.py" "/proc/$PID/root/usr/local/bin/cpu-ab.py"
# The fleet's activate: fleet-examples' hello-api (python3 from the host), versions 1.0.0 and 2.0.0, signed.
for v in 1.0.0 2.0.0; do
  tar -C "$ROOT/fleet-examples/apps" -c hello-api | H sh -c "mkdir -p /srv/ha/$v && tar -C /srv/ha/$v -x --strip-components=1"
done
H sh -c 'n=/opt/bench/new/bin/niso; cd /srv/ha && $n keygen --output keys >/dev/null && mkdir -p /etc/niso/trusted-keys \
  && cp keys/niso-signing.pub /etc/niso/trusted-keys/bench.pub && $n runtime add python3:3.11 --from /usr/bin/python3 >/dev/null \
  && for v in 1.0.0 2.0.0; do sed -i "s/^version = .*/version = \"$v\"/" $v/manifest.toml \
  && $n pack $v --sign keys/niso-signing.key --output out >/dev/null \
  && printf "[stack]\nname = \"bench\"\n\n[[service]]\nname = \"api\"\npackage = \"hello-api:%s\"\n" $v > stack-$v.toml; done \
  && $n activate api 1.0.0 --package hello-api --stack stack-1.0.0.toml --from out/hello-api-1.0.0-x86_64.niso --wait >/dev/null \
  && echo 1.0.0 > current'
H sh -c 'cat > /usr/local/bin/bench-fleet-prepare <<"EOS"
#!/bin/sh
# Removes the version bench-fleet-activate installs next, so that each run installs it anew.
case "$(cat /srv/ha/current)" in 1.0.0) v=2.0.0 ;; *) v=1.0.0 ;; esac
/opt/bench/new/bin/niso remove hello-api "$v" >/dev/null 2>&1 || true
EOS
cat > /usr/local/bin/bench-fleet-activate <<"EOS"
#!/bin/sh
case "$(cat /srv/ha/current)" in 1.0.0) v=2.0.0 ;; *) v=1.0.0 ;; esac
"$1" activate api "$v" --package hello-api --stack /srv/ha/stack-$v.toml --from /srv/ha/out/hello-api-$v-x86_64.niso \
  --wait --json && echo "$v" > /srv/ha/current
EOS
chmod +x /usr/local/bin/bench-fleet-prepare /usr/local/bin/bench-fleet-activate'

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
H python3 /usr/local/bin/cpu-ab.py "$ROUNDS" \
  "bench-toggle /opt/bench/base/bin/niso" "bench-toggle /opt/bench/new/bin/niso" \
  "bench-fleet-prepare :: bench-fleet-activate /opt/bench/base/bin/niso" \
  "bench-fleet-prepare :: bench-fleet-activate /opt/bench/new/bin/niso" \
  "/opt/bench/base/bin/niso status --json" "/opt/bench/new/bin/niso status --json" \
  "/opt/bench/base/bin/niso --version" "/opt/bench/new/bin/niso --version"
echo "$ROUNDS rounds, medians; load average $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after"
