#!/usr/bin/env bash
# Installs the built niso and niso-fleet for everyone: /opt/niso/dist/{niso,niso-fleet} + /usr/local/bin links.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
prefix=${NISO_DIST_PREFIX:-/opt/niso/dist}
bindir=${NISO_BIN_DIR:-/usr/local/bin}
for tool in niso:niso-node niso-fleet:niso-fleet; do
  name=${tool%%:*}; module=${tool#*:}
  src="$module/target/dist"
  [[ -x "$src/bin/$name" ]] || { echo "build first: mvn -q package -DskipTests" >&2; exit 2; }
  mkdir -p "$prefix"
  # Copy beside the target, then swap: a half-copied distribution is never on the path.
  tmp=$(mktemp -d "$prefix/.$name.XXXXXX")
  cp -a "$src/." "$tmp/"
  rm -rf "$prefix/$name.old"
  if [[ -e "$prefix/$name" ]]; then mv "$prefix/$name" "$prefix/$name.old"; fi
  mv "$tmp" "$prefix/$name"
  rm -rf "$prefix/$name.old"
  # The start-up archive (class-data sharing) is tied to its directory: rebuild it here (never fatal).
  if [[ -f "$prefix/$name/lib/make-cds.sh" ]]; then sh "$prefix/$name/lib/make-cds.sh" "$prefix/$name" --archive-only || true; fi
  ln -sfn "$prefix/$name/bin/$name" "$bindir/$name"
  echo "installed $bindir/$name -> $prefix/$name/bin/$name"
done
