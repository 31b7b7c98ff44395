#!/usr/bin/env bash
# Issue 3's "done when": 64 concurrent keep-alive connections for 20 s against the standalone
# server (io.jwsgi.simpleserver, hello world), zero errors.
#
#   bench/load-keepalive.sh                 # builds if needed; CONNECTIONS=64 DURATION=20
#
# BENCH_JAVA picks the java binary (default: $JAVA_HOME/bin/java, else java); KEEPALIVE_OUT=FILE
# also writes the result as one JSON line (bench/run.sh does, for docs/benchmarks.md).
#
# Prints the requests served, the errors (socket errors and statuses >= 400, as wrk counts them)
# and whether keep-alive held: the client ports of the server's connections (`ss`) 2 s into the run
# and 2 s before its end must be the same 64. Exits 1 if there was any error or a connection was
# not kept alive. Server on CPU 0, wrk on CPU 1 where the machine has two CPUs.
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH/.." && pwd)
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-20}
PORT=${PORT:-28095}
CORE_JAR=$ROOT/jwsgi-core/target/jwsgi-core-0.1.0-SNAPSHOT.jar
CLASSES=$ROOT/bench/jwsgi-bench-app/target/classes
JAVA=${BENCH_JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}
JAVA=${JAVA:-java}

command -v wrk >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk) >&2
if [ ! -e "$CORE_JAR" ] || [ ! -d "$CLASSES/io/jwsgi/bench" ]; then
  (cd "$ROOT" && ./mvnw -B -ntp -q -Pbench -pl bench/jwsgi-bench-app -am package -Dmaven.test.skip=true) >&2
fi
pin_server=(); pin_client=()
if [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null 2>&1; then
  pin_server=(taskset -c 0); pin_client=(taskset -c 1)
fi

"${pin_server[@]}" "$JAVA" -cp "$CORE_JAR:$CLASSES" io.jwsgi.bench.StandaloneServer "$PORT" >/tmp/jwsgi-load-keepalive.log 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 300); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break
  sleep 0.1
done

# The client ports of the server's established connections: the same set early and late in the
# run means every request went over the connections wrk opened first (keep-alive held).
ports() { ss -Htn state established "( sport = :$PORT )" | awk '{print $4}' | sed 's/.*://' | sort; }
early=$(mktemp); late=$(mktemp)
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; rm -f "$early" "$late"' EXIT
out=$("${pin_client[@]}" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$BENCH/wrk-report.lua" "http://127.0.0.1:$PORT/" &
      wrk=$!; sleep 2; ports >"$early"; sleep $((DURATION - 4)); ports >"$late"; wait $wrk)
json=$(sed -n 's/^WRKJSON //p' <<<"$out")
connections=$(wc -l <"$late")
same=no
cmp -s "$early" "$late" && same=yes
read -r requests errors p99 < <(python3 -c '
import json, sys
r = json.loads(sys.argv[1])
errors = sum(r[k] for k in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeout_errors"))
print(r["requests"], errors, r["p99_us"] / 1000)' "$json")
echo "load-keepalive: $CONNECTIONS connections, ${DURATION} s: requests=$requests errors=$errors p99=${p99}ms"
echo "load-keepalive: connections open near the end: $connections, the same ones as 2 s in: $same"
echo "wrk: $json"
if [ -n "${KEEPALIVE_OUT:-}" ]; then
  printf '{"test":"keepalive","connections":%d,"seconds":%d,"open_near_end":%d,"same_connections":"%s","wrk":%s}\n' \
    "$CONNECTIONS" "$DURATION" "$connections" "$same" "$json" >"$KEEPALIVE_OUT"
fi
[ "$errors" = 0 ] && [ "$connections" = "$CONNECTIONS" ] && [ $same = yes ]
