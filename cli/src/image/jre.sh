#!/usr/bin/env bash
# Links the Java runtime the image runs on, from the JDK that builds it (JDK 25 links from its own
# run-time image, no jmods needed): the modules mixserve's jars use (jdeps), plus jdk.zipfs,
# jdk.management and jdk.charsets that are only reached through services. The runtime goes in a
# layer of its own, so the base only has to bring glibc and the native libraries' runtimes, and
# any glibc image can be the base (an engine's image, for a worker that starts that engine).
#   usage: jre.sh JAVA_HOME OUT_DIR      (the runtime lands in OUT_DIR/opt/mixserve/jre)
set -euo pipefail
java_home="$1"
out="$2/opt/mixserve/jre"
modules=java.base,java.compiler,java.desktop,java.logging,java.management,java.net.http,java.sql
modules+=,java.xml,jdk.unsupported,jdk.zipfs,jdk.management,jdk.charsets
stamp="$2.modules"
if [ -x "$out/bin/java" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$java_home $modules" ]; then
  exit 0 # linked by an earlier build, from the same JDK
fi
rm -rf "$out" "$out.tmp"
mkdir -p "$(dirname "$out")"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --compress=zip-6 --output "$out.tmp"
# Jib copies files, not links: the legal notices that jlink links are copied whole.
cp -rL "$out.tmp" "$out"
rm -rf "$out.tmp"
echo "$java_home $modules" >"$stamp"
