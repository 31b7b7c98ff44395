#!/usr/bin/env bash
# Load and soak of the standalone server and the servlet bridge, on 127.0.0.1 only.
# NOT part of the test suite (it takes minutes); docs/reliability.md has the last results.
#
#   bench/soak/soak.sh [standalone|bridge|slow|all]     (default: all)
#
# standalone: wrk, 256 connections, until at least 1,000,000 requests; zero errors required.
# bridge:     the starter on Tomcat, 256 connections, until at least 200,000 requests; zero errors.
# slow:       1,000 connections trickling a header byte a second while normal requests are timed.
# While wrk runs, the server's RSS, thread count and old-generation heap are sampled every 5 s.
# The heap is fixed and pre-touched (-Xms = -Xmx = HEAP, AlwaysPreTouch), so RSS growth means a
# native or thread leak, not the heap growing into its limit.
# Knobs (environment): CONNS=256 WRK_THREADS=2 STANDALONE_MIN=1000000 BRIDGE_MIN=200000
#   SLICE=20s (wrk runs in slices until the minimum is reached) SLOW_CONNS=1000 SLOW_SECONDS=30
#   HEAP=512m WRK_TIMEOUT=10s (a response slower than this counts as an error) OUT=bench/soak/out
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/bench/soak"
OUT=${OUT:-$HERE/out}
CONNS=${CONNS:-256}
WRK_THREADS=${WRK_THREADS:-2}
STANDALONE_MIN=${STANDALONE_MIN:-1000000}
BRIDGE_MIN=${BRIDGE_MIN:-200000}
SLICE=${SLICE:-20s}
SLOW_CONNS=${SLOW_CONNS:-1000}
SLOW_SECONDS=${SLOW_SECONDS:-30}
HEAP=${HEAP:-512m}
WRK_TIMEOUT=${WRK_TIMEOUT:-10s}
WHAT=${1:-all}

mkdir -p "$OUT"
SERVER_PID=
SAMPLER_PID=
cleanup() {
    [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null || true
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
    wait 2>/dev/null || true
}
trap cleanup EXIT

need_wrk() {
    if command -v wrk >/dev/null; then return; fi
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get install -y wrk >/dev/null
    else
        echo "wrk is not installed (Debian: apt-get install -y wrk)" >&2
        exit 2
    fi
}

build() {
    echo "== building jwsgi-core and the starter (tests skipped)"
    (cd "$ROOT" && ./mvnw -B -ntp -q -DskipTests -pl jwsgi-spring-boot-starter -am package \
        dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$OUT/classpath.txt")
    CORE_JAR=$(ls "$ROOT"/jwsgi-core/target/jwsgi-core-*.jar | grep -v -e sources -e javadoc -e tests | head -1)
    STARTER_JAR=$(ls "$ROOT"/jwsgi-spring-boot-starter/target/jwsgi-spring-boot-starter-*.jar | grep -v -e sources -e javadoc | head -1)
    BRIDGE_CP="$STARTER_JAR:$(cat "$OUT/classpath.txt")"
    mkdir -p "$OUT/classes"
    javac -d "$OUT/classes" -cp "$CORE_JAR" "$HERE/SoakServer.java"
    javac -d "$OUT/classes" -cp "$BRIDGE_CP" "$HERE/SoakBridge.java"
}

# start_server NAME CLASSPATH MAINCLASS ARGS... : starts it, waits for the port
start_server() {
    local name=$1 cp=$2 main=$3 port=$4
    shift 4
    java -Xms"$HEAP" -Xmx"$HEAP" -XX:+AlwaysPreTouch -cp "$OUT/classes:$cp" "$main" "$@" >"$OUT/$name-server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 120); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return; fi
        sleep 0.5
    done
    echo "$name server did not listen on $port" >&2
    exit 1
}

stop_server() {
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
}

# old_used: the old generation's bytes in use (KiB) of $SERVER_PID, from jstat
old_used() {
    jstat -gc "$SERVER_PID" 2>/dev/null | awk 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "OU") c = i } NR == 2 { printf "%d", $c }'
}

# sample FILE: RSS (KiB), threads and old-generation heap in use (KiB, jstat) of $SERVER_PID every 5 s
sample() {
    local file=$1
    echo "seconds rss_kib threads old_used_kib" >"$file"
    local start=$SECONDS
    while kill -0 "$SERVER_PID" 2>/dev/null; do
        local rss threads old
        rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$SERVER_PID/status" 2>/dev/null || echo 0)
        threads=$(awk '/^Threads:/ {print $2}' "/proc/$SERVER_PID/status" 2>/dev/null || echo 0)
        old=$(old_used)
        echo "$((SECONDS - start)) $rss $threads ${old:-0}" >>"$file"
        sleep 5
    done
}

# load NAME PORT MINIMUM: wrk slices until MINIMUM requests; prints totals; fails on any error
load() {
    local name=$1 port=$2 minimum=$3
    echo "== $name: warm-up"
    wrk -t"$WRK_THREADS" -c"$CONNS" -d5s "http://127.0.0.1:$port/" >/dev/null
    jcmd "$SERVER_PID" GC.run >/dev/null 2>&1 || true
    WARM_LIVE=$(old_used)
    sample "$OUT/$name-samples.txt" &
    SAMPLER_PID=$!
    local total=0 errors=0 slices=0 start=$SECONDS
    : >"$OUT/$name-wrk.txt"
    while [ "$total" -lt "$minimum" ]; do
        wrk -t"$WRK_THREADS" -c"$CONNS" -d"$SLICE" --timeout "$WRK_TIMEOUT" --latency "http://127.0.0.1:$port/" | tee -a "$OUT/$name-wrk.txt" >"$OUT/$name-slice.txt"
        local n e
        n=$(awk '/requests in/ {print $1}' "$OUT/$name-slice.txt")
        e=$(awk '/Socket errors/ {gsub(/,/, ""); s += $4 + $6 + $8 + $10} /Non-2xx/ {s += $5} END {print s + 0}' "$OUT/$name-slice.txt")
        total=$((total + n))
        errors=$((errors + e))
        slices=$((slices + 1))
        echo "   slice $slices: $n requests, $e errors (total $total)"
    done
    local elapsed=$((SECONDS - start))
    jcmd "$SERVER_PID" GC.run >/dev/null 2>&1 || true
    local live
    live=$(old_used)
    kill "$SAMPLER_PID" 2>/dev/null || true
    wait "$SAMPLER_PID" 2>/dev/null || true
    SAMPLER_PID=
    echo "== $name: $total requests over $CONNS connections in ${elapsed}s ($((total / (elapsed > 0 ? elapsed : 1))) req/s), $errors errors"
    awk 'NR > 1 { if (min == "" || $2 < min) min = $2; if ($2 > max) max = $2; if (tmin == "" || $3 < tmin) tmin = $3; if ($3 > tmax) tmax = $3;
                 if (NR == 2) { f = $2; ft = $3; fo = $4 } l = $2; lt = $3; lo = $4 }
         END { printf "   RSS KiB first %d, min %d, max %d, last %d; threads first %d, min %d, max %d, last %d; old gen used KiB first %d, last %d (%d samples)\n", f, min, max, l, ft, tmin, tmax, lt, fo, lo, NR - 1 }' \
        "$OUT/$name-samples.txt"
    echo "   old gen in use after a full GC at the end (the live heap): ${live:-?} KiB (after warm-up: ${WARM_LIVE:-?} KiB)"
    if [ "$errors" -ne 0 ]; then
        echo "   FAILED: $errors errors" >&2
        return 1
    fi
}

echo "== $(date -u '+%Y-%m-%d %H:%M:%S UTC'); load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) CPUs; $(java -version 2>&1 | head -1)"
need_wrk
build
status=0
if [ "$WHAT" = standalone ] || [ "$WHAT" = all ]; then
    start_server standalone "$CORE_JAR" soak.SoakServer 18080 18080
    load standalone 18080 "$STANDALONE_MIN" || status=1
    stop_server
fi
if [ "$WHAT" = bridge ] || [ "$WHAT" = all ]; then
    start_server bridge "$BRIDGE_CP" soak.SoakBridge 18081 --server.port=18081 --server.address=127.0.0.1 \
        --spring.main.banner-mode=off --logging.level.root=warn
    load bridge 18081 "$BRIDGE_MIN" || status=1
    stop_server
fi
if [ "$WHAT" = slow ] || [ "$WHAT" = all ]; then
    echo "== slow connections: $SLOW_CONNS against the standalone server"
    start_server slow "$CORE_JAR" soak.SoakServer 18082 18082
    python3 "$HERE/slow_clients.py" 18082 --conns "$SLOW_CONNS" --seconds "$SLOW_SECONDS" || status=1
    echo "   server threads at the end: $(awk '/^Threads:/ {print $2}' "/proc/$SERVER_PID/status")"
    stop_server
fi
echo "== done (exit $status); raw output in $OUT"
exit $status
