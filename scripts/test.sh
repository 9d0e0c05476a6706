#!/usr/bin/env bash
# The whole test suite, from a fresh Debian/Ubuntu machine (run as root):
#   1. installs the OS packages it needs (only the missing ones),
#   2. prepares the real test hosts' cached root tree (test-infra/bin/prepare),
#   3. builds and runs every test with real hosts REQUIRED: a test that needs root and real
#      systemd/sshd/nft fails instead of skipping, and any skipped test fails the run.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

if [[ $(id -u) -ne 0 ]]; then
  echo "scripts/test.sh: run as root (the real-host tests create namespaces, bridges and nft rules)" >&2
  exit 2
fi

source scripts/lib/ensure-packages.sh
# Tools the real-host tests call on the machine itself (each test lists its own in @RequiresRealHosts).
# redis-tools holds Debian's redis-server binary (redis-check-rdb, which picks its role from argv[0]) without the
# redis-server package's daemon; StackRealHostTest packages it with its library closure.
ensure_packages openjdk-17-jdk-headless maven tar zstd coreutils openssl iproute2 procps util-linux python3 \
  curl socat gcc libc6-dev systemd redis-tools
# node + npm for the Node app test; only when absent, so an existing install (e.g. NodeSource's, which bundles
# npm and conflicts with Debian's npm package) is left alone.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  ensure_packages nodejs npm
fi

if [[ -x test-infra/bin/prepare ]]; then
  test-infra/bin/prepare
fi

# A clean, offline-tolerant build: -o is not used, so a fresh machine fetches from Maven Central.
mvn -B -ntp verify -Dniso.requireRealHosts=true "$@"

scripts/lib/check-no-skips.sh
