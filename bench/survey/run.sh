#!/usr/bin/env bash
# Survey benchmark and field checks against a running server (H2 file database, demo data), from a second process
# on loopback: a scripted ODK Collect-like client (curl: formList with Digest, form and manifest download, 1,000
# submissions with duplicates and one malformed), the scope check, sustained submission load with wrk, a kill -9
# in the middle of a burst with a restart (every 201 must be there, none twice), and the import of a 100,000-row
# KoboToolbox CSV export. Writes RESULTS.md here. Takes about 10 minutes on 2 cores.
# Usage: [JAR=server.jar] bench/survey/run.sh [--no-build] [--duration 30] [--connections 16] [--rows 100000]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BUILD=1; DURATION=30; CONNECTIONS=16; ROWS=100000; PORT="${PORT:-18087}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) BUILD=0; shift ;;
    --duration) DURATION="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --rows) ROWS="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

source "$ROOT/bench/jdk.sh"

if ! command -v wrk >/dev/null 2>&1; then
  echo "bench: installing wrk (Debian package)" >&2
  apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi
# JAR=/path/to/prosper-server.jar runs a server built elsewhere (e.g. with -Dserver.build.dir) together with --no-build
JAR="${JAR:-$ROOT/prosper-server/target/prosper-server.jar}"
if [[ $BUILD == 1 || ! -f "$JAR" ]]; then
  echo "bench: building the server jar" >&2
  mvn -B -q -f "$ROOT/pom.xml" -N install
  mvn -B -q -f "$ROOT/pom.xml" -pl prosper-server -am -DskipTests package
fi

WORK="$HERE/target/work"
rm -rf "$WORK"; mkdir -p "$WORK/subs" "$WORK/crash"
BASE="http://127.0.0.1:$PORT"
SERVER=""
cleanup() { [[ -n "$SERVER" ]] && kill "$SERVER" 2>/dev/null || true; }
trap cleanup EXIT

start_server() {
  java -Xmx1g -jar "$JAR" --server.port="$PORT" --prosper.demo.enabled=true --prosper.data-dir="$WORK/data" >>"$WORK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 600); do
    if curl -s -u enumerator-kh:demo "$BASE/openrosa/formList" 2>/dev/null | grep -q household_baseline; then return 0; fi
    kill -0 "$SERVER" 2>/dev/null || { echo "bench: the server died; see $WORK/server.log" >&2; exit 1; }
    sleep 1
  done
  echo "bench: the server did not start in 10 minutes" >&2; exit 1
}

stored_total() {
  curl -s -u admin:demo "$BASE/api/v1/survey/submissions?form=household_baseline&size=1" | grep -o '"total":[0-9]*' | cut -d: -f2
}

export_keys() { # instance IDs of every stored submission of the baseline form, one a line
  curl -s -u admin:demo "$BASE/api/v1/survey/forms/household_baseline/export?format=csv" | tail -n +2 | cut -d, -f1 | sed 's/^\xEF\xBB\xBF//'
}

submission_xml() { # instanceID household
  cat <<XML
<?xml version="1.0"?><household_baseline id="household_baseline" version="$VERSION"><country>KH</country><village>KH-PILOT-SVAYAMPEAR</village><household_id>$2</household_id><head_name>Curl</head_name><housing><water_source>PIPED</water_source><sanitation>FLUSH</sanitation><cooking_fuel>GAS</cooking_fuel><electricity>yes</electricity></housing><hh_size>1</hh_size><members><member_name>A</member_name><sex>F</sex><birth_date>1980-01-01</birth_date><relation>HEAD</relation></members><income><income_crops>10</income_crops><income_livestock>0</income_livestock><income_wage>0</income_wage><income_business>0</income_business><income_remittances>0</income_remittances><income_total>10</income_total></income><meta><instanceID>$1</instanceID></meta></household_baseline>
XML
}

post_one() { # file -> "status instanceID"
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' -u "${USERNAME:-enumerator-kh}:demo" -H 'X-OpenRosa-Version: 1.0' \
    -F "xml_submission_file=@$1;type=text/xml;filename=submission.xml" "$BASE/openrosa/submission" || true)
  echo "$code $(basename "$1" .xml)"
}
export -f post_one
export BASE

echo "bench: starting the server (demo data into a new H2 file database)" >&2
t0=$(date +%s)
start_server
STARTUP=$(( $(date +%s) - t0 ))

# ---- 1. an ODK Collect-like client
curl -s --digest -u enumerator-kh:demo -H 'X-OpenRosa-Version: 1.0' "$BASE/openrosa/formList" >"$WORK/formList.xml"
DOWNLOAD=$(grep -o '<downloadUrl>[^<]*household_baseline[^<]*' "$WORK/formList.xml" | sed 's/<downloadUrl>//')
MANIFEST=$(grep -o '<manifestUrl>[^<]*household_baseline[^<]*' "$WORK/formList.xml" | sed 's/<manifestUrl>//')
VERSION=$(grep -A3 '<formID>household_baseline' "$WORK/formList.xml" | grep -o '<version>[^<]*' | sed 's/<version>//')
HASH=$(grep -A4 '<formID>household_baseline' "$WORK/formList.xml" | grep -o 'md5:[0-9a-f]*' | cut -d: -f2)
FORM_CODE=$(curl -s --digest -u enumerator-kh:demo -o "$WORK/form.xml" -w '%{http_code}' "$DOWNLOAD")
MANIFEST_CODE=$(curl -s --digest -u enumerator-kh:demo -o "$WORK/manifest.xml" -w '%{http_code}' "$MANIFEST")
FORM_HASH_OK=no; [[ "$(md5sum "$WORK/form.xml" | cut -d' ' -f1)" == "$HASH" ]] && FORM_HASH_OK=yes
export VERSION

before=$(stored_total)
for i in $(seq 1 949); do
  id="uuid:$(cat /proc/sys/kernel/random/uuid)"
  submission_xml "$id" "$(printf 'KH-SVAYAMPEAR-%04d' $(( i % 220 + 1 )))" >"$WORK/subs/$id.xml"
done
ls "$WORK/subs" | grep -v malformed >"$WORK/unique.txt"
for f in $(sed -n 1,50p "$WORK/unique.txt"); do cp "$WORK/subs/$f" "$WORK/subs/dup-$f"; done
MALFORMED_ID="uuid:malformed-$(cat /proc/sys/kernel/random/uuid)"
submission_xml "$MALFORMED_ID" KH-SVAYAMPEAR-0001 | sed 's|</village>|</vilage>|' >"$WORK/subs/$MALFORMED_ID.xml"
# duplicates go last so that each has its original stored first; the rest in parallel, 4 at a time
{ ls "$WORK"/subs/uuid* ; ls "$WORK"/subs/dup-*; } >"$WORK/order.txt"
grep -v '/dup-' "$WORK/order.txt" | xargs -P 4 -I{} bash -c 'post_one {}' >"$WORK/answers.txt"
grep '/dup-' "$WORK/order.txt" | xargs -P 4 -I{} bash -c 'post_one {}' >>"$WORK/answers.txt"
SENT=$(wc -l <"$WORK/answers.txt")
C201=$(grep -c '^201 ' "$WORK/answers.txt" || true)
C202=$(grep -c '^202 ' "$WORK/answers.txt" || true)
C400=$(grep -c '^400 ' "$WORK/answers.txt" || true)
after=$(stored_total)
STORED=$(( after - before ))
MALFORMED_STORED=$(export_keys | grep -c "$MALFORMED_ID" || true)

# ---- 2. scope: enumerator-la may not submit for a household of Svay Ampear
oos="uuid:$(cat /proc/sys/kernel/random/uuid)"
submission_xml "$oos" KH-SVAYAMPEAR-0005 >"$WORK/oos.xml"
OUT_OF_SCOPE=$(USERNAME=enumerator-la post_one "$WORK/oos.xml" | cut -d' ' -f1)
OUT_OF_SCOPE_STORED=$(export_keys | grep -c "$oos" || true)

# ---- 3. sustained load
AUTH=$(printf 'enumerator-kh:demo' | base64)
echo "bench: load, ${DURATION}s with $CONNECTIONS connections" >&2
FORM_VERSION="$VERSION" AUTH="$AUTH" wrk -t2 -c"$CONNECTIONS" -d5s -s "$HERE/submit.lua" "$BASE" >/dev/null 2>&1 || true
sleep 3
before_load=$(stored_total)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER/stat"; }
TICKS=$(getconf CLK_TCK)
cpu0=$(cpu_ticks)
FORM_VERSION="$VERSION" AUTH="$AUTH" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s "$HERE/submit.lua" "$BASE" >"$WORK/wrk.txt" 2>&1
cpu1=$(cpu_ticks)
# the processing of what was received runs behind: wait until nothing is pending, counting its CPU too
for _ in $(seq 1 120); do
  pending=$(curl -s -u admin:demo "$BASE/api/v1/survey/submissions?processing=PENDING&size=1" | grep -o '"total":[0-9]*' | cut -d: -f2)
  [[ "$pending" == "0" ]] && break
  sleep 1
done
cpu2=$(cpu_ticks)
after_load=$(stored_total)
LOAD_AVG=$(cut -d' ' -f1 /proc/loadavg)
RPS=$(grep -o 'rps=[0-9.]*' "$WORK/wrk.txt" | cut -d= -f2)
P50=$(grep -o 'p50_ms=[0-9.]*' "$WORK/wrk.txt" | cut -d= -f2)
P90=$(grep -o 'p90_ms=[0-9.]*' "$WORK/wrk.txt" | cut -d= -f2)
P99=$(grep -o 'p99_ms=[0-9.]*' "$WORK/wrk.txt" | cut -d= -f2)
LOAD_CREATED=$(grep -o 'created=[0-9]*' "$WORK/wrk.txt" | cut -d= -f2)
LOAD_OTHER=$(grep -o 'other=[0-9]*' "$WORK/wrk.txt" | cut -d= -f2)
LOAD_STORED=$(( after_load - before_load ))
CPU_MS_INTAKE=$(awk -v t=$((cpu1 - cpu0)) -v hz=$TICKS -v n=$LOAD_STORED 'BEGIN { printf "%.2f", n ? t * 1000 / hz / n : 0 }')
CPU_MS_TOTAL=$(awk -v t=$((cpu2 - cpu0)) -v hz=$TICKS -v n=$LOAD_STORED 'BEGIN { printf "%.2f", n ? t * 1000 / hz / n : 0 }')
CAPACITY=$(awk -v c=$CPU_MS_TOTAL -v cores=$(nproc) 'BEGIN { printf "%.0f", (c > 0 ? cores * 1000 / c : 0) }')

# ---- 4. kill -9 during a burst, restart: every 201 is there, none twice
echo "bench: crash test" >&2
for i in $(seq 1 3000); do
  id="uuid:$(cat /proc/sys/kernel/random/uuid)"
  submission_xml "$id" "$(printf 'KH-SVAYAMPEAR-%04d' $(( i % 220 + 1 )))" >"$WORK/crash/$id.xml"
done
ls "$WORK"/crash/*.xml | xargs -P 8 -I{} bash -c 'post_one {}' >"$WORK/crash-answers.txt" &
BURST=$!
# kill once a few hundred submissions have been acknowledged (or after 30 s), while the burst goes on
for _ in $(seq 1 60); do
  acked=$(grep -c '^201 ' "$WORK/crash-answers.txt" 2>/dev/null || true)
  (( ${acked:-0} >= 300 )) && break
  sleep 0.5
done
kill -9 "$SERVER"
wait "$SERVER" 2>/dev/null || true
SERVER=""
wait "$BURST" || true
CRASH_201=$(grep -c '^201 ' "$WORK/crash-answers.txt" || true)
CRASH_FAILED=$(grep -vc '^201 ' "$WORK/crash-answers.txt" || true)
t0=$(date +%s)
start_server
RESTART=$(( $(date +%s) - t0 ))
export_keys | sort >"$WORK/stored-keys.txt"
grep '^201 ' "$WORK/crash-answers.txt" | cut -d' ' -f2 | sort >"$WORK/acknowledged.txt"
CRASH_MISSING=$(comm -23 "$WORK/acknowledged.txt" "$WORK/stored-keys.txt" | wc -l)
CRASH_TWICE=$(uniq -d "$WORK/stored-keys.txt" | wc -l)

# ---- 5. import of a 100,000-row KoboToolbox CSV export (';' separated, group paths, repeat file joined by _parent_index)
echo "bench: import of $ROWS rows" >&2
awk -v n="$ROWS" 'BEGIN {
  srand(42);
  print "start;end;country;village;household_id;head_name;housing/water_source;housing/sanitation;housing/cooking_fuel;housing/electricity;hh_size;income/income_crops;income/income_livestock;income/income_wage;income/income_business;income/income_remittances;income/income_total;consumption_month;assets;_id;_uuid;_submission_time;_index" > "'"$WORK"'/kobo.csv";
  print "members/member_name;members/sex;members/birth_date;members/relation;members/education;_index;_parent_index;_parent_table_name" > "'"$WORK"'/kobo-members.csv";
  for (i = 1; i <= n; i++) {
    u = sprintf("%08x-%04x-4%03x-a%03x-%012x", i, int(rand()*65535), int(rand()*4095), int(rand()*4095), i * 7919);
    c = int(rand() * 1000); w = int(rand() * 500);
    printf "2026-03-01T08:00:00;2026-03-01T08:20:00;KH;KH-PILOT-SVAYAMPEAR;KH-IMP-%06d;Head %d;PIPED;FLUSH;WOOD;yes;2;%d;0;%d;0;0;%d;%d;radio bicycle;%d;%s;2026-03-01T09:00:00;%d\n", i, i, c, w, c + w, int(rand()*200), i, u, i >> "'"$WORK"'/kobo.csv";
    printf "Head %d;F;1980-05-01;HEAD;PRIMARY;%d;%d;household_baseline\n", i, 2*i-1, i >> "'"$WORK"'/kobo-members.csv";
    printf "Child %d;M;2012-05-01;CHILD;PRIMARY;%d;%d;household_baseline\n", i, 2*i, i >> "'"$WORK"'/kobo-members.csv";
  } }'
ROUND=$(curl -s -u admin:demo "$BASE/api/v1/survey/rounds" | grep -o '"code":"BASELINE-[0-9]*"' | awk 'NR==1' | cut -d'"' -f4)
before_import=$(stored_total)
IMPORT=$(curl -s -u admin:demo -o "$WORK/import.json" -w '%{http_code} %{time_total}' -F "round=$ROUND" \
  -F "file=@$WORK/kobo.csv;filename=household_baseline.csv;type=text/csv" -F "file=@$WORK/kobo-members.csv;filename=household_baseline-members.csv;type=text/csv" \
  "$BASE/api/v1/survey/forms/household_baseline/import")
IMPORT_CODE=${IMPORT%% *}; IMPORT_SECONDS=${IMPORT##* }
after_import=$(stored_total)
IMPORTED=$(( after_import - before_import ))
KOBO_MB=$(du -m "$WORK/kobo.csv" | cut -f1)

verdict() { if [[ "$1" == "1" ]]; then echo "yes"; else echo "**no**"; fi; }
cat >"$HERE/RESULTS.md" <<MD
# Survey benchmark results

Measured by \`bench/survey/run.sh\` on $(date -u +%Y-%m-%d) on this machine ($(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB),
JDK $(java_major "$JAVA_HOME/bin/java"), the server jar with its default embedded H2 file database and the demo data,
clients (curl, wrk $(wrk -v 2>&1 | awk 'NR==1 {print $2}')) in other processes on loopback. Server start with demo data: ${STARTUP} s.

## ODK Collect-like client (curl)

| check | result |
| --- | --- |
| formList with HTTP Digest as enumerator-kh | household_baseline version $VERSION listed |
| form download / manifest | HTTP $FORM_CODE / HTTP $MANIFEST_CODE; form MD5 matches the formList hash: $FORM_HASH_OK |
| requests sent | $SENT (949 unique, 50 duplicates, 1 not well-formed XML) |
| answered 201 / 202 / 400 | $C201 / $C202 / $C400 |
| new stored submissions | $STORED (exactly the unique ones: $(verdict $([[ $STORED == 949 && $C201 == 949 ]] && echo 1))) |
| the malformed one stored | $MALFORMED_STORED times |
| enumerator-la submitting for a Svay Ampear household | HTTP $OUT_OF_SCOPE, stored $OUT_OF_SCOPE_STORED times |

## Sustained submission load (wrk, ${CONNECTIONS} connections, ${DURATION} s, HTTP Basic)

| figure | value | target |
| --- | --- | --- |
| submissions per second | $RPS | >= 300 |
| latency p50 / p90 / p99 | $P50 / $P90 / $P99 ms | p99 < 200 ms |
| answered 201 / other | $LOAD_CREATED / $LOAD_OTHER | |
| rows stored during the run | $LOAD_STORED | >= 201s (a request cut off when wrk stops may still be stored) |
| server CPU per submission: during the run / with its processing | $CPU_MS_INTAKE / $CPU_MS_TOTAL ms | |
| what the server's CPU cost alone would allow on $(nproc) otherwise idle cores | about $CAPACITY per second | |
| machine load average at the end of the run (other work on the machine) | $LOAD_AVG | |

Every 201 is sent after the raw submission is fsynced to the journal and its row committed; the mapping and
validation run behind, on one background thread.

## kill -9 during a burst (8 parallel clients, 3,000 submissions, killed once 300 were acknowledged)

| figure | value |
| --- | --- |
| acknowledged with 201 before the kill | $CRASH_201 |
| refused or cut off (never acknowledged) | $CRASH_FAILED |
| restart until the form list answers again | ${RESTART} s |
| acknowledged but missing after restart | $CRASH_MISSING |
| stored twice | $CRASH_TWICE |

## Import of a KoboToolbox CSV export

| figure | value | target |
| --- | --- | --- |
| rows (submissions) / repeat rows | $ROWS / $(( ROWS * 2 )) ($KOBO_MB MB main file) | |
| HTTP answer | $IMPORT_CODE | |
| time from upload to answer | ${IMPORT_SECONDS} s | < 30 s |
| submissions stored | $IMPORTED | |
MD
cat "$HERE/RESULTS.md"
