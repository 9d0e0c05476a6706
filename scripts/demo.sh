#!/usr/bin/env bash
# The niso demo, from a fresh Debian/Ubuntu machine (run as root):
# builds niso, generates a signing key, packs the example app, verifies it, installs it into a
# temporary root (trusting only the demo key) and lists it. Then the fleet part: starts 3 local test hosts
# (real systemd + sshd, each in its own namespaces), bootstraps niso onto them, deploys the hello-api stack
# to `prod`, shows `niso-fleet status prod`, deploys a version that is unhealthy on th3 and shows the
# automatic fleet-wide rollback. Cleans up after itself (test hosts included).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
source scripts/lib/ensure-packages.sh
ensure_packages openjdk-17-jdk-headless maven python3

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "build niso"
mvn -B -q -ntp package -DskipTests

demo=$(mktemp -d /tmp/niso-demo.XXXXXX)
# A distinct test-host instance id, so the demo never collides with a test run or another demo.
inst=$(printf 'd%03x' $((RANDOM % 4096)))
cleanup() {
  test-infra/bin/testhosts --instance "$inst" down >/dev/null 2>&1 || true
  rm -rf "$demo"
}
trap cleanup EXIT
root="$demo/root"

step "niso keygen --output $demo/keys"
bin/niso keygen --output "$demo/keys"

step "niso pack fleet-examples/apps/hello-api --sign … --output $demo/out"
bin/niso pack fleet-examples/apps/hello-api --sign "$demo/keys/niso-signing.key" --output "$demo/out"
pkg=$(ls "$demo"/out/*.niso)

step "niso verify $(basename "$pkg") --key …"
bin/niso verify "$pkg" --key "$demo/keys/niso-signing.pub"

step "trust the demo key on the (temporary) host and install"
mkdir -p "$root/etc/niso/trusted-keys"
cp "$demo/keys/niso-signing.pub" "$root/etc/niso/trusted-keys/demo.pub"
bin/niso install "$pkg" --root "$root"

step "installing the same package again is a no-op"
bin/niso install "$pkg" --root "$root"

step "niso list"
bin/niso list --root "$root"

step "a tampered package is refused, and nothing is written"
python3 - "$pkg" "$demo/tampered.niso" <<'PY'
import sys
data = bytearray(open(sys.argv[1], 'rb').read())
data[len(data) // 2] ^= 0xFF
open(sys.argv[2], 'wb').write(data)
PY
if bin/niso install "$demo/tampered.niso" --root "$root"; then
  echo "BUG: tampered package was accepted" >&2; exit 1
fi
echo "(refused, as it should be)"

# ---------------------------------------------------------------------------------------------------------
# The fleet: niso-fleet deploys to real hosts over SSH.
step "start 3 local test hosts (test-infra/bin/testhosts --instance $inst up 3)"
test-infra/bin/prepare >/dev/null
test-infra/bin/testhosts --instance "$inst" up 3
hostdir=/var/tmp/niso-testhosts/$inst
mapfile -t hosts < <(test-infra/bin/testhosts --instance "$inst" status | awk '$1 ~ /^th[0-9]+$/ {print $1" "$2}')

fleetdir="$demo/fleet"
mkdir -p "$fleetdir/packages"
{
  printf '[fleet]\nname = "demo"\nstack = "stack.toml"\n\n[ssh]\nidentity_files = ["%s"]\nknown_hosts = "%s"\n\n' \
    "$hostdir/id_ed25519" "$hostdir/known_hosts"
  printf '[deploy]\nstrategy = "rolling"\nmax_parallel = 1\nmin_healthy_time = "2s"\nhealthy_deadline = "1m"\n'
  printf 'progress_deadline = "5m"\n\n[environments.prod]\n\n'
  for h in "${hosts[@]}"; do
    set -- $h
    printf '[[environments.prod.host]]\nname = "%s"\naddress = "ssh://root@%s"\nlabels = { role = "web" }\n\n' "$1" "$2"
  done
} > "$fleetdir/fleet.toml"
stack() {
  printf '[stack]\nname = "demo"\n\n[[service]]\nname = "api"\npackage = "hello-api:%s"\nports = ["8080:8080"]\n' \
    "$1" > "$fleetdir/stack.toml"
}
stack 1.0.0
echo "fleet.toml:"; sed 's/^/  /' "$fleetdir/fleet.toml"

step "niso-fleet bootstrap prod --dist niso-node/target/dist"
bin/niso-fleet bootstrap prod --dist niso-node/target/dist -f "$fleetdir/fleet.toml"

step "on each host: trust the demo key, add the python3 runtime"
for h in "${hosts[@]}"; do
  set -- $h
  ssh -F "$hostdir/ssh_config" "$1" 'mkdir -p /etc/niso/trusted-keys /etc/niso/hello-api' </dev/null
  ssh -F "$hostdir/ssh_config" "$1" 'cat > /etc/niso/trusted-keys/demo.pub' < "$demo/keys/niso-signing.pub"
  ssh -F "$hostdir/ssh_config" "$1" 'niso runtime add python3:3.11 --from /usr/bin/python3 >/dev/null' </dev/null
  # 1.1.0 reads this host-local env file; only the last host's moves the app off the health-checked port.
  last=${hosts[-1]%% *}
  if [[ $1 == "$last" ]]; then env='PORT=8081'; else env='# nothing to override'; fi
  echo "$env" | ssh -F "$hostdir/ssh_config" "$1" 'cat > /etc/niso/hello-api/.env'
  echo "  $1 ready"
done

cp "$pkg" "$fleetdir/packages/"
broken="$demo/hello-api-broken"
cp -r fleet-examples/apps/hello-api "$broken"
sed -i 's/^version = .*/version = "1.1.0"/; s/^GREETING = .*/GREETING = "hello from niso 1.1.0"\nenv_file = "\/etc\/niso\/hello-api\/.env"/' \
  "$broken/manifest.toml"
bin/niso pack "$broken" --sign "$demo/keys/niso-signing.key" --output "$fleetdir/packages" >/dev/null

step "niso-fleet deploy prod   (hello-api 1.0.0, rolling, one host at a time)"
bin/niso-fleet deploy prod --yes --message "demo: 1.0.0" -f "$fleetdir/fleet.toml"

step "niso-fleet status prod"
bin/niso-fleet status prod -f "$fleetdir/fleet.toml"

step "niso-fleet deploy prod   (hello-api 1.1.0: unhealthy on ${hosts[-1]%% *} → automatic fleet-wide rollback)"
stack 1.1.0
set +e
bin/niso-fleet deploy prod --yes --message "demo: 1.1.0" -f "$fleetdir/fleet.toml"
code=$?
set -e
if [[ $code -ne 1 ]]; then
  echo "BUG: the broken deploy exited $code, expected 1" >&2; exit 1
fi
echo "(exit 1: the rollout failed and every switched host was returned to 1.0.0)"

step "niso-fleet status prod   (1.0.0 everywhere again)"
bin/niso-fleet status prod -f "$fleetdir/fleet.toml"
