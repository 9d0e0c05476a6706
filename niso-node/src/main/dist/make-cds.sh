#!/bin/sh
# Build step (never fatal): records the classes a keygen/pack/verify/install/list run loads into
# lib/@NAME@.jsa (AppCDS, JDK 13+ dynamic archive), then checks the JVM accepts it. On any failure
# no archive is left behind and the launcher runs without one. The archive is only valid for the
# directory it was made in (the JVM checks the class path), so an installer that copies the
# distribution elsewhere runs this again there: sh lib/make-cds.sh DIST_DIR
home=$(cd "${1:?usage: make-cds.sh DIST_DIR}" && pwd)
main=${2:-online.niso.node.cli.CdsTraining}
java_bin=${JAVA_HOME:+$JAVA_HOME/bin/java}
java_bin=${java_bin:-java}
jsa="$home/lib/@NAME@.jsa"
tmp="$home/lib/.@NAME@.jsa.tmp"
rm -f "$jsa" "$tmp"
cp=""
for jar in "$home"/lib/*.jar; do
  cp="$cp${cp:+:}$jar"
done
if "$java_bin" -XX:ArchiveClassesAtExit="$tmp" -XX:+UseSerialGC -Xlog:cds=off -Xlog:cds+dynamic=off \
     -cp "$cp" "$main" >/dev/null 2>&1 \
   && "$java_bin" -XX:SharedArchiveFile="$tmp" -Xshare:on -XX:+UseSerialGC -cp "$cp" \
     online.niso.node.cli.NodeMain --version >/dev/null 2>&1; then
  mv -f "$tmp" "$jsa"
  echo "CDS archive: $jsa"
else
  rm -f "$tmp"
  echo "CDS archive not built (the launcher works without it, starting slower)"
fi
exit 0
