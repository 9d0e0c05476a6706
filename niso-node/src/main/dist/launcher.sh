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
# An explicit, sorted class path (not lib/*, whose order is readdir order): the CDS archive is only
# valid for the exact class path it was made with, and make-cds.sh builds this same string.
cp=""
for jar in "$home"/lib/*.jar; do
  cp="$cp${cp:+:}$jar"
done
# Native libraries pre-extracted at build time (lib/native/<arch>/): otherwise zstd-jni and
# sqlite-jdbc unpack their .so into /tmp on every run. Not on musl (the extracted ones are glibc).
native=""
arch=$(uname -m)
nd="$home/lib/native/$arch"
if [ -d "$nd" ] && ! ls /lib/ld-musl-* >/dev/null 2>&1; then
  [ -f "$nd/libzstd-jni.so" ] && native="-DZstdNativePath=$nd/libzstd-jni.so"
  [ -f "$nd/libsqlitejdbc.so" ] && native="$native -Dorg.sqlite.lib.path=$nd -Dorg.sqlite.lib.name=libsqlitejdbc.so"
fi
# Short-lived CLI: the serial GC starts fastest; the CDS archive (if built) skips class parsing and
# verification. JIT: C1 for everything except the SHA-256 digest, which C2 compiles early to the
# CPU's SHA instructions (lib/jit-directives.json); without the file, C1 only.
jit="-XX:TieredStopAtLevel=1"
if [ -f "$home/lib/jit-directives.json" ]; then
  # -DisplayVMOutput: the JVM would otherwise print "2 compiler directives added" on stdout.
  jit="-XX:+UnlockDiagnosticVMOptions -XX:-DisplayVMOutput -XX:CompilerDirectivesFile=$home/lib/jit-directives.json \
 -XX:Tier4InvocationThreshold=200 -XX:Tier4MinInvocationThreshold=100 -XX:Tier4CompileThreshold=300 \
 -XX:Tier4BackEdgeThreshold=2000"
fi
cds=""
if [ -f "$home/lib/@NAME@.jsa" ]; then
  cds="-XX:SharedArchiveFile=$home/lib/@NAME@.jsa -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off"
fi
trace=""
if [ -n "$NISO_TRACE_TIMINGS" ] && [ "$NISO_TRACE_TIMINGS" != 0 ]; then
  trace="-Dniso.trace.t0=$(date +%s%N)"  # phase times are then counted from here
fi
exec "$java_bin" -XX:+UseSerialGC $jit -Xss1m $cds $native $trace $NISO_JAVA_OPTS \
  -cp "$cp" @MAIN_CLASS@ "$@"
