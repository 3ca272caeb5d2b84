#!/usr/bin/env bash
# Builds this benchmark (the server's search engine compiled from its sources), runs it on 100,000 generated documents
# by default and writes RESULTS.md here. Usage: bench/knowledge/run.sh [documents]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DOCS="${1:-100000}"

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | sed 's/^1\.//'
}

# A JDK >= 21 (Lucene 10 needs it), newest first.
find_jdk() {
  local candidates=() c best="" best_major=0 m
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"); fi
  for c in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    [[ -d "$c" ]] && candidates+=("$c")
  done
  for c in "${candidates[@]}"; do
    [[ -x "$c/bin/java" && -x "$c/bin/javac" ]] || continue
    m="$(java_major "$c/bin/java" || true)"
    [[ "$m" =~ ^[0-9]+$ ]] || continue
    if (( m >= 21 && m > best_major )); then best="$c"; best_major=$m; fi
  done
  [[ -n "$best" ]] || { echo "bench: no JDK 21+ found" >&2; exit 1; }
  echo "$best"
}

export JAVA_HOME="$(find_jdk)"
export PATH="$JAVA_HOME/bin:$PATH"
MVN=(mvn -B -q -Dstyle.color=never)

echo "bench: building with JDK at $JAVA_HOME" >&2
"${MVN[@]}" -f "$ROOT/pom.xml" -N install
"${MVN[@]}" -f "$HERE/pom.xml" -DskipTests package

echo "bench: $DOCS documents (a few minutes)" >&2
# the JVM options the launcher gives the server (./prosper): Lucene uses the vector API
exec java -Xms2g -Xmx4g --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp "$HERE/target/classes:$HERE/target/lib/*" \
  org.prosper.bench.knowledge.KnowledgeBench "$ROOT/prosper-server/src/main/resources" "$HERE/RESULTS.md" "$DOCS"
