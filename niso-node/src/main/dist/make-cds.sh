#!/bin/sh
# Class-data sharing for the @NAME@ launcher (never fatal: without an archive the CLI works, only starts slower).
#
#   make-cds.sh DIST_DIR                  build time: record the classes a representative run loads
#                                         (lib/@NAME@.classlist, from the training class), then the archive
#   make-cds.sh DIST_DIR --archive-only   the launcher, on a first run wherever the distribution was copied to:
#                                         just the archive, from the shipped class list
#
# Dumped with the launcher's collector (@GC@): with G1, JDK 17 also archives heap objects (the module graph,
# interned strings) that the launcher's runs then map instead of building.
# The archive is a static one (-Xshare:dump from the class list), not a dynamic one (-XX:ArchiveClassesAtExit):
# JDK 17 archives no class older than Java 6 in a dynamic archive, and picocli is compiled for Java 5, so a
# dynamic archive left ~175 picocli classes to be parsed and verified on every run. The archive is only valid
# for the exact class path, jars and JVM it was made with; the JVM checks this itself and otherwise runs
# without it. lib/@NAME@.jsa.key records the JVM and class path it was made for, so the launcher knows
# when to make it again (written on failure too: a JVM that cannot make one is not asked again each run).
home=$(cd "${1:?usage: make-cds.sh DIST_DIR [--archive-only]}" && pwd)
mode=${2:-}
main=online.niso.node.cli.CdsTraining
java_bin=${NISO_CDS_JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}
java_bin=${java_bin:-java}
lib="$home/lib"
jsa="$lib/@NAME@.jsa"
list="$lib/@NAME@.classlist"
tmp="$lib/.@NAME@.jsa.$$"
cp=""
for jar in "$lib"/*.jar; do
  cp="$cp${cp:+:}$jar"
done
java_real=$(readlink -f "$(command -v "$java_bin" || echo "$java_bin")")
# As the launcher runs it (see there): the class list must hold the locale classes those runs load.
locale=""
if [ -f "${java_real%/bin/java}/release" ]; then
  while IFS= read -r line; do
    case "$line" in
      JAVA_VERSION=\"1[7-9]*|JAVA_VERSION=\"2[0-2]*) locale="-Djava.locale.providers=COMPAT" ;;
    esac
  done < "${java_real%/bin/java}/release"
fi
trap 'rm -f "$tmp" "$tmp.list" "$tmp.key"' EXIT

if [ "$mode" != --archive-only ]; then
  rm -f "$jsa" "$jsa.key" "$list"
  if ! "$java_bin" -XX:DumpLoadedClassList="$tmp.list" @GC@ $locale -cp "$cp" "$main" >/dev/null 2>&1; then
    echo "CDS class list not made (the launcher works without it, starting slower)"
    exit 0
  fi
  mv -f "$tmp.list" "$list"
fi
[ -f "$list" ] || exit 0

if "$java_bin" -Xshare:dump -XX:SharedClassListFile="$list" -XX:SharedArchiveFile="$tmp" @GC@ \
     -cp "$cp" >/dev/null 2>&1 \
   && "$java_bin" -XX:SharedArchiveFile="$tmp" -Xshare:on @GC@ $locale -cp "$cp" \
     online.niso.node.cli.NodeMain --version >/dev/null 2>&1; then
  chmod 0644 "$tmp"
  mv -f "$tmp" "$jsa"
  result="CDS archive: $jsa"
else
  rm -f "$jsa"
  result="CDS archive not made (the launcher works without it, starting slower)"
fi
# Same key format as the launcher: the resolved JVM, then the class path.
printf '%s %s\n' "$java_real" "$cp" > "$tmp.key" && mv -f "$tmp.key" "$jsa.key"
echo "$result"
exit 0
