#!/bin/sh
# niso launcher: runs @MAIN_CLASS@ on the JVM with the jars in ../lib next to this script.
# Works from the build tree (target/dist/bin) and when installed (symlinked from /usr/local/bin).
set -e
self=$(readlink -f "$0")
home=$(dirname "$(dirname "$self")")
java_bin=${NISO_JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}
if [ -z "$java_bin" ]; then
  java_bin=$(command -v java || true)
fi
if [ -z "$java_bin" ]; then
  echo "@NAME@: no Java runtime found (need Java 17+: apt-get install openjdk-17-jre-headless)" >&2
  exit 4
fi
# Short-lived CLI: C1 only and the serial GC start fastest; the CDS archive (if built) skips class parsing.
cds=""
if [ -f "$home/lib/@NAME@.jsa" ]; then
  cds="-XX:SharedArchiveFile=$home/lib/@NAME@.jsa -Xshare:auto"
fi
exec "$java_bin" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss1m $cds $NISO_JAVA_OPTS \
  -cp "$home/lib/*" @MAIN_CLASS@ "$@"
