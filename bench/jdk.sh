# Sourced by the benchmarks' run.sh: puts a JDK >= 21 on JAVA_HOME and PATH, found the way ./prosper finds one
# (JAVA_HOME, the java on PATH, /usr/lib/jvm and the usual folders), the newest first.

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | sed 's/^1\.//'
}

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

JAVA_HOME="$(find_jdk)"
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
