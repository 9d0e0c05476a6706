#!/usr/bin/env bash
# The niso demo, from a fresh Debian/Ubuntu machine (run as root):
# builds niso, generates a signing key, packs the example app, verifies it, installs it into a
# temporary root (trusting only the demo key) and lists it. Cleans up after itself.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
source scripts/lib/ensure-packages.sh
ensure_packages openjdk-17-jdk-headless maven python3

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "build niso"
mvn -B -q -ntp package -DskipTests

demo=$(mktemp -d /tmp/niso-demo.XXXXXX)
trap 'rm -rf "$demo"' EXIT
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
