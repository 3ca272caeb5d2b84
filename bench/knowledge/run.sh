#!/usr/bin/env bash
# Builds this benchmark (the server's search engine compiled from its sources), runs it on 100,000 generated documents
# by default and writes RESULTS.md here. Usage: bench/knowledge/run.sh [documents]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DOCS="${1:-100000}"

source "$ROOT/bench/jdk.sh"
MVN=(mvn -B -q -Dstyle.color=never)

echo "bench: building with JDK at $JAVA_HOME" >&2
"${MVN[@]}" -f "$ROOT/pom.xml" -N install
"${MVN[@]}" -f "$HERE/pom.xml" -DskipTests package

echo "bench: $DOCS documents (a few minutes)" >&2
# the JVM options the launcher gives the server (./prosper): Lucene uses the vector API
exec java -Xms2g -Xmx4g --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp "$HERE/target/classes:$HERE/target/lib/*" \
  org.prosper.bench.knowledge.KnowledgeBench "$ROOT/prosper-server/src/main/resources" "$HERE/RESULTS.md" "$DOCS"
