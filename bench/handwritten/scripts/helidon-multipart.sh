#!/usr/bin/env bash
# The multipart piece of `./mixserve bench handwritten` with Helidon's reader beside ours.
#   bash bench/handwritten/scripts/helidon-multipart.sh [--rounds N] [--seconds S]
# io.helidon.http.media:helidon-http-media-multipart:4.5.0 is taken from the Maven registry; where
# the registry does not serve it, it is compiled from Helidon's own sources at tag 4.5.0:
# HELIDON_SRC=/path/to/a/clone/of/helidon bash bench/handwritten/scripts/helidon-multipart.sh
# Nothing is installed into ~/.m2; everything lands in bench/handwritten/target/ext.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
root=$(cd "$here/../.." && pwd)
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
ext=$here/target/ext
jar=$ext/helidon-http-media-multipart-4.5.0.jar
if [ ! -f "$here/target/bench.jar" ]; then
  (cd "$root" && mvn -B -q -o package -pl bench/handwritten -am -DskipTests)
fi
cp=$here/target/bench.jar:$(ls "$here"/target/lib/*.jar | tr '\n' ':')
mkdir -p "$ext"
if [ ! -f "$jar" ]; then
  if ! (cd "$here" && mvn -B -q dependency:copy -Dmdep.useBaseVersion=true -DoutputDirectory="$ext" \
      -Dartifact=io.helidon.http.media:helidon-http-media-multipart:4.5.0 >/dev/null 2>&1); then
    if [ -z "${HELIDON_SRC:-}" ]; then
      echo "helidon-http-media-multipart:4.5.0 is not served here; set HELIDON_SRC to a clone of Helidon" >&2
      exit 2
    fi
    src=$(mktemp -d)
    git -C "$HELIDON_SRC" archive 4.5.0 http/media/multipart/src/main/java | tar -x -C "$src"
    find "$src" -name '*.java' ! -name module-info.java > "$src/files"
    mkdir -p "$src/classes"
    "$JAVA_HOME/bin/javac" -proc:none -nowarn -d "$src/classes" -cp "$cp" @"$src/files"
    "$JAVA_HOME/bin/jar" --create --file "$jar" -C "$src/classes" .
    rm -rf "$src"
    echo "built $jar from Helidon's sources at 4.5.0" >&2
  fi
fi
rm -rf "$ext/classes" && mkdir -p "$ext/classes"
"$JAVA_HOME/bin/javac" -d "$ext/classes" -cp "$cp:$jar" \
  "$here/src/helidon/java/dev/mixserve/bench/handwritten/HelidonMultipartParser.java"
exec "$JAVA_HOME/bin/java" -cp "$cp:$jar:$ext/classes" dev.mixserve.bench.handwritten.HandwrittenBench multipart "$@"
