#!/bin/sh
# niso launcher: runs @MAIN_CLASS@ on the JVM with the jars in ../lib next to this script.
# Works from the build tree (target/dist/bin) and when installed (symlinked from /usr/local/bin).
# Every run pays this script, so it forks as little as it can (readlink, uname; shell built-ins otherwise).
set -e
trace=""
if [ -n "$NISO_TRACE_TIMINGS" ] && [ "$NISO_TRACE_TIMINGS" != 0 ]; then
  trace="-Dniso.trace.t0=$(date +%s%N)"  # NISO_TRACE_TIMINGS phase times count from here
fi
self=$(readlink -f "$0")
home=${self%/bin/*}
# `niso status --json --cached`, niso-fleet's snapshot of every host, is answered from the status cache without
# a JVM; when there is none to answer from, lib/status-cached.sh runs this launcher again with NISO_STATUS_CACHE=0.
if [ "$#" = 3 ] && [ "$1 $2 $3" = "status --json --cached" ] && [ "${NISO_STATUS_CACHE:-1}" != 0 ] \
  && [ -f "$home/lib/status-cached.sh" ]; then
  exec sh "$home/lib/status-cached.sh" "$self"
fi
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
nd="$home/lib/native/$(uname -m)"
musl=""
for f in /lib/ld-musl-*; do
  if [ -e "$f" ]; then musl=1; fi
done
if [ -d "$nd" ] && [ -z "$musl" ]; then
  if [ -f "$nd/libzstd-jni.so" ]; then native="-DZstdNativePath=$nd/libzstd-jni.so"; fi
  if [ -f "$nd/libsqlitejdbc.so" ]; then
    native="$native -Dorg.sqlite.lib.path=$nd -Dorg.sqlite.lib.name=libsqlitejdbc.so"
  fi
fi
# No JVM statistics file is written to /tmp. The collector (@GC@) is chosen per CLI at build time, the same one
# make-cds.sh dumps the archive with: niso uses G1 because only G1 maps the archive's heap objects on JDK 17 (the
# module graph, interned strings), which saves ~11 ms of module-system start-up and ~15-20 ms of CPU per run;
# niso-fleet, a longer-lived process with its RSS budget, keeps the serial collector.
# JIT: C1 only (tier 1, no profiling), unless this run hashes a lot (pack, whose tree may be any size; a package
# file of 4 MiB or more given to install, verify or activate --from): then C1 for everything
# except the SHA-256 digest, which C2 compiles early to the CPU's SHA instructions (lib/jit-directives.json).
# Full tiers cost the other runs ~10% more CPU: C1 then compiles with profiling (tier 3) code that C2 is never
# allowed to take over; for a small package that is ~130 ms of CPU, more than C1 needs to hash it (~100 MB/s).
# C1 also waits 5 times longer than by default before compiling a method (CompileThresholdScaling): in a run
# this short most methods it would compile run only a few hundred times, and compiling them took ~1/3 of a
# fleet-style activate's CPU; compiling only the hot ones saves ~15% of the run's CPU for the same wall time
# (bench/cli-cpu.sh).
jit="-XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=5"
hashes=""
# niso-fleet stays C1-only, whatever its arguments: its runs are mostly SSH crypto and JSON, and full tiers made
# a 10-host `plan` cost 24% more controller CPU (paired ratio, cpu-ab.py 10), more than C2 saves verifying a
# large package (~0.6 s of CPU for 64 MB). So only niso looks at its arguments (a `find` per file argument).
if [ "@NAME@" = niso ] && [ -f "$home/lib/jit-directives.json" ]; then
  for arg in "$@"; do
    case "$arg" in
      pack) hashes=1 ;;
      --from=*) arg=${arg#--from=} ;;
    esac
    if [ -z "$hashes" ] && [ -f "$arg" ] && [ -n "$(find "$arg" -maxdepth 0 -size +4095k 2>/dev/null)" ]; then
      hashes=1
    fi
  done
fi
if [ -n "$hashes" ]; then
  # -DisplayVMOutput: the JVM would otherwise print "2 compiler directives added" on stdout.
  jit="-XX:+UnlockDiagnosticVMOptions -XX:-DisplayVMOutput -XX:CompilerDirectivesFile=$home/lib/jit-directives.json \
 -XX:Tier4InvocationThreshold=200 -XX:Tier4MinInvocationThreshold=100 -XX:Tier4CompileThreshold=300 \
 -XX:Tier4BackEdgeThreshold=2000"
fi
# Class-data sharing: the archive skips parsing and verifying ~3,000 classes. It is only valid for this class
# path, these jars and this JVM, so wherever the distribution was copied to (install, fleet bootstrap), the
# first run starts making it (only if lib/ is writable). A JVM that cannot use the archive (e.g. another
# build of Java 17 at the same path) ignores it silently (-Xshare:auto). NISO_CDS=0 turns all of this off.
java_real=$(readlink -f "$(command -v "$java_bin" || echo "$java_bin")")
# The JRE's own locale data on JDK 17-22: the first Calendar (Jackson and sqlite-jdbc both create one at
# start-up) otherwise has CLDR parse the language tags of all ~800 locales it knows, ~10% of a short run's
# CPU. niso formats nothing locale-dependent. JDK 23+ removed COMPAT (and warns about the setting).
locale=""
if [ -f "${java_real%/bin/java}/release" ]; then
  while IFS= read -r line; do
    case "$line" in
      JAVA_VERSION=\"1[7-9]*|JAVA_VERSION=\"2[0-2]*) locale="-Djava.locale.providers=COMPAT" ;;
    esac
  done < "${java_real%/bin/java}/release"
fi
cds=""
jsa="$home/lib/@NAME@.jsa"
if [ "${NISO_CDS:-1}" != 0 ] && [ -f "$home/lib/@NAME@.classlist" ]; then
  stale=1
  if [ -f "$jsa.key" ]; then
    have=""
    IFS= read -r have < "$jsa.key" || true
    if [ "$have" = "$java_real $cp" ]; then
      stale=""
      # A JVM or jar replaced in place: newer than the key.
      if [ "${java_real%/bin/java}/lib/modules" -nt "$jsa.key" ]; then stale=1; fi
      for jar in "$home"/lib/*.jar; do
        if [ "$jar" -nt "$jsa.key" ]; then stale=1; fi
      done
    fi
  fi
  if [ -n "$stale" ] && [ -w "$home/lib" ]; then
    # In the background at the lowest priority (~3 CPU-seconds, once): this run goes on without the archive,
    # later ones use it. The lock keeps concurrent runs from each starting one; a lock left by a killed
    # run expires after 10 minutes.
    lock="$home/lib/.@NAME@.cds.lock"
    if [ -d "$lock" ] && [ -n "$(find "$lock" -maxdepth 0 -mmin +10 2>/dev/null)" ]; then
      rmdir "$lock" 2>/dev/null || true
    fi
    if mkdir "$lock" 2>/dev/null; then
      (trap '' HUP; NISO_CDS_JAVA="$java_bin" nice -n 19 sh "$home/lib/make-cds.sh" "$home" --archive-only
       rmdir "$lock") >/dev/null 2>&1 </dev/null &
    fi
  fi
  # Only an archive made here for this JVM and these jars: one copied from elsewhere is never mapped (a
  # truncated archive crashes JDK 17 with SIGBUS instead of being ignored).
  if [ -z "$stale" ] && [ -f "$jsa" ]; then
    cds="-XX:SharedArchiveFile=$jsa -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off"
  fi
fi
exec "$java_bin" @GC@ -XX:-UsePerfData $jit -Xss1m $cds $native $locale $trace $NISO_JAVA_OPTS \
  -cp "$cp" @MAIN_CLASS@ "$@"
