#!/bin/sh
# `niso status --json --cached` without a JVM (the launcher runs this; $1 is the launcher, for the fallback).
# Prints the document the Java `niso status --json --cached` prints (StatusService.Depth.UNIT_STATE): the status
# cache that every niso command changing a host's services or packages rewrites when it ends (StatusCache), with
# each unit's ActiveState/SubState read from systemd now and health "unknown" while a unit with a health check is
# active, "unhealthy" when it is not (nothing is probed). Without a cache this niso wrote (none yet, another niso
# version's, a change in flight or interrupted), or when anything does not fit, Java answers (and writes the cache).
# Unit names, states and host names are plain [A-Za-z0-9.:@_-] words, so they go into sed as they are.
set -u
niso=$1
full() {
  NISO_STATUS_CACHE=0
  export NISO_STATUS_CACHE
  exec "$niso" status --json --cached
}
cache="${NISO_ROOT:-}/opt/niso/state/status-cache"
{ IFS= read -r header && IFS= read -r doc; } 2>/dev/null < "$cache" || full
set -f  # the header's words are unit names: no globbing
# shellcheck disable=SC2086
set -- $header
set +f
if [ "$#" -lt 3 ] || [ "$1" != niso-status-cache ] || [ "$2" != 1 ] || [ "$3" != "@VERSION@" ]; then
  full
fi
shift 3
IFS= read -r host 2>/dev/null < /proc/sys/kernel/hostname || full
script="s/@niso:host@/$host/"
if [ "$#" -gt 0 ]; then
  # One block per unit, blank-line separated, in the order asked; systemd orders the properties itself.
  shown=$(systemctl show --property=Id --property=ActiveState --property=SubState -- "$@" 2>/dev/null) || full
  id="" active="" sub=""
  flush() {
    if [ -n "$id" ]; then
      health=unhealthy
      if [ "$active" = active ]; then health=unknown; fi
      script="$script;s/@niso:ActiveState:$id@/$active/g;s/@niso:SubState:$id@/$sub/g;s/@niso:health:$id@/$health/g"
    fi
    id="" active="" sub=""
  }
  while IFS= read -r line; do
    case $line in
      Id=*) id=${line#Id=} ;;
      ActiveState=*) active=${line#ActiveState=} ;;
      SubState=*) sub=${line#SubState=} ;;
      "") flush ;;
    esac
  done <<EOF
$shown
EOF
  flush
fi
out=$(printf '%s\n' "$doc" | sed "$script") || full
case $out in
  *@niso:*) full ;;  # a unit systemd did not answer for
esac
printf '%s\n' "$out"
