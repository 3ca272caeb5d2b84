#!/usr/bin/env bash
# Monitoring benchmark: builds this module (the server's registry read and monitoring engine compiled from its sources),
# generates 1,000,000 households in H2 (file) and embedded PostgreSQL, times a full run (first and rerun) and the
# incremental evaluation of one household, and writes RESULTS.md here. Takes 10-20 minutes on 2 cores; needs ~4 GB disk.
# Usage: bench/monitoring/run.sh [--households N] [--dbs h2,postgres]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

source "$ROOT/bench/jdk.sh"
MVN=(mvn -B -q -Dstyle.color=never)

echo "bench: building with JDK at $JAVA_HOME" >&2
"${MVN[@]}" -f "$ROOT/pom.xml" -N install
"${MVN[@]}" -f "$HERE/pom.xml" -DskipTests package

exec java -Xms2g -Xmx6g -cp "$HERE/target/classes:$HERE/target/lib/*" org.prosper.monitoring.MonitoringBench \
  --server "$ROOT/prosper-server" --work "$HERE/target/work" --out "$HERE/RESULTS.md" "$@"
