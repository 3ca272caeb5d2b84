#!/usr/bin/env bash
# Registry benchmark: builds the server jar and this benchmark, generates 100,000- and 1,000,000-household files,
# imports them through the running server into PostgreSQL (embedded) and H2 (file), times the household list API and
# a full export on 1,000,000 households, and writes RESULTS.md here. Takes 10-20 minutes on 2 cores; needs ~5 GB disk.
# Usage: bench/registry/run.sh [--households N] [--small N] [--h2-households N] [--requests N] [--dbs postgres,h2] [--heap 512m]
# SERVER_BUILD_DIR=/tmp/somewhere builds the server there instead of prosper-server/target (for a shared checkout),
# against the other modules installed in the local Maven repository. --work and --out may be given to keep data and
# results elsewhere.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

source "$ROOT/bench/jdk.sh"
MVN=(mvn -B -q -Dstyle.color=never)

echo "bench: building the server jar and the benchmark with JDK at $JAVA_HOME" >&2
"${MVN[@]}" -f "$ROOT/pom.xml" -N install
if [[ -n "${SERVER_BUILD_DIR:-}" ]]; then
  # the other modules as installed in the local repository: their target folders may be someone else's build
  "${MVN[@]}" -f "$ROOT/pom.xml" -pl prosper-server -DskipTests -Dserver.build.dir="$SERVER_BUILD_DIR" package
else
  SERVER_BUILD_DIR="$ROOT/prosper-server/target"
  "${MVN[@]}" -f "$ROOT/pom.xml" -pl prosper-server -am -DskipTests package
fi
"${MVN[@]}" -f "$HERE/pom.xml" -DskipTests package

exec java -Xmx1g -cp "$HERE/target/classes:$HERE/target/lib/*" org.prosper.bench.registry.RegistryBench \
  --jar "$SERVER_BUILD_DIR/prosper-server.jar" --work "$HERE/target/work" --out "$HERE/RESULTS.md" "$@"
