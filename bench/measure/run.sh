#!/usr/bin/env bash
# Builds prosper-measure and this benchmark, runs it (10M rows by default) and writes RESULTS.md here.
# Usage: bench/measure/run.sh [rows]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
ROWS="${1:-10000000}"

source "$ROOT/bench/jdk.sh"
MVN=(mvn -B -q -Dstyle.color=never)

echo "bench: building with JDK at $JAVA_HOME" >&2
"${MVN[@]}" -f "$ROOT/pom.xml" -N install
"${MVN[@]}" -f "$ROOT/prosper-measure/pom.xml" -DskipTests install
"${MVN[@]}" -f "$HERE/pom.xml" -DskipTests package

echo "bench: running on $ROWS rows (takes a few minutes)" >&2
exec java -Xms3g -Xmx6g -XX:+UseParallelGC -cp "$HERE/target/classes:$HERE/target/lib/*" \
  org.prosper.bench.measure.BenchMain "$ROWS" "$HERE/RESULTS.md"
