#!/usr/bin/env bash
# Monitoring benchmark: builds this module (the server's registry read and monitoring engine compiled from its sources),
# generates 1,000,000 households in H2 (file) and embedded PostgreSQL, times a full run (first and rerun) and the
# incremental evaluation of one household, and writes RESULTS.md here. Takes 10-20 minutes on 2 cores; needs ~4 GB disk.
# Usage: bench/monitoring/run.sh [--households N] [--dbs h2,postgres]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | sed 's/^1\.//'
}

# A JDK >= 21, newest first (JAVA_HOME, PATH, /usr/lib/jvm, ...).
find_jdk() {
  local candidates=() c best="" best_major=0 m
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"); fi
  for c in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
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

exec java -Xms2g -Xmx6g -cp "$HERE/target/classes:$HERE/target/lib/*" org.prosper.monitoring.MonitoringBench \
  --server "$ROOT/prosper-server" --work "$HERE/target/work" --out "$HERE/RESULTS.md" "$@"
