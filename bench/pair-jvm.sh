#!/usr/bin/env bash
# The raw servlet and the bridge in ONE JVM (issue 14, part 3: "in one run on the same container and
# JVM"): bench/jwsgi-bench-app serves both, /servlet and /jwsgi, from one Tomcat; wrk loads them in
# turn, in short windows that alternate (the order reverses every other round), so both are measured
# with the same JIT-compiled container under the same machine state, window after window.
#
#   bench/pair-jvm.sh                      # 24 rounds of 3 s per endpoint after 30 s of warm-up each
#                                          # (about 3 minutes), then bench/pair.py prints the ratios
#   BASE_JAR=/tmp/base.jar bench/pair-jvm.sh
#                                          # a second JVM of another build beside the first (idle while
#                                          # the other is measured): servlet-base and bridge-base join
#                                          # the alternation, for a before/after A/B in one run
#   bench/pair-jvm.sh --quick              # a smoke run: 2 rounds of 2 s after 3 s of warm-up
#
# bench/run.sh --pair starts a new JVM for every measured run instead; between JVMs the JIT's choices
# differ, and so did the same server's figures, by up to 1.5x from round to round (docs/benchmarks.md).
# Here each JVM is warmed once, until its compiler is done (jstat -compiler counts no new
# compilations over a window; WARMUP is the least it waits).
#
# SERVERS="servlet bridge environ" adds /environ: the raw servlet plus the container getters and the
# HashMap a WSGI environ needs, without jwsgi (EnvironServlet): the floor under any bridge; "getters"
# adds /getters, the same getters without the map.
#
# Knobs: ROUNDS (24), WINDOW (s, 3), WARMUP (s per endpoint, 30), CONNECTIONS (32), BENCH_JAVA,
# BENCH_JAVA_OPTS ("-Xmx512m -XX:+UseSerialGC"), CPU_SERVER (0), CPU_CLIENT (1), PORT (28095; the
# base JVM takes PORT+1), SKIP_BUILD=1, JFR=1 (record the new build's JVM over the measured rounds).
# Results: bench/results/<UTC time>-pair-jvm/runs.jsonl (bench/run.sh's format), meta.json.
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH/.." && pwd)
if [ "${1:-}" = --quick ]; then
  : "${ROUNDS:=2}" "${WINDOW:=2}" "${WARMUP:=3}"
elif [ -n "${1:-}" ]; then
  echo "usage: bench/pair-jvm.sh [--quick]" >&2; exit 2
fi
ROUNDS=${ROUNDS:-24}
WINDOW=${WINDOW:-3}
WARMUP=${WARMUP:-30}
CONNECTIONS=${CONNECTIONS:-32}
CPU_SERVER=${CPU_SERVER:-0}
CPU_CLIENT=${CPU_CLIENT:-1}
PORT=${PORT:-28095}
. "$BENCH/java.sh"  # BENCH_JAVA
JSTAT=$(dirname "$(readlink -f "$BENCH_JAVA")")/jstat
read -r -a JAVA_OPTS <<<"${BENCH_JAVA_OPTS:--Xmx512m -XX:+UseSerialGC}"

log() { printf '%s pair-jvm: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

command -v wrk >/dev/null 2>&1 || { command -v apt-get >/dev/null 2>&1 && apt-get install -y -qq wrk >&2; }
command -v wrk >/dev/null 2>&1 || { log "wrk is required"; exit 1; }

BENCH_JAR=$ROOT/bench/jwsgi-bench-app/target/jwsgi-bench-app-0.1.0-SNAPSHOT.jar
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "building bench/jwsgi-bench-app"
  (cd "$ROOT" && ./mvnw -B -ntp -q -Pbench -pl bench/jwsgi-bench-app -am package -Dmaven.test.skip=true) >&2
fi
[ -e "$BENCH_JAR" ] || { log "missing $BENCH_JAR"; exit 1; }
[ -z "${BASE_JAR:-}" ] || [ -e "$BASE_JAR" ] || { log "missing $BASE_JAR"; exit 1; }

. "$BENCH/proc.sh"
HZ=$(getconf CLK_TCK)
STAMP=$(date -u +%Y%m%dT%H%M%SZ)-pair-jvm
OUT=$BENCH/results/$STAMP
mkdir -p "$OUT"
ln -sfn "$STAMP" "$BENCH/results/latest"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
PIDS=()
trap 'for p in "${PIDS[@]}"; do stop_tree "$p"; done' EXIT
trap 'exit 130' INT TERM

declare -A PID_OF URL_OF
start_jvm() {  # suffix jar port
  local extra=()
  [ "${JFR:-0}" = 1 ] && [ -z "$1" ] && extra=("-XX:StartFlightRecording=filename=$OUT/measured.jfr,settings=profile")
  taskset -c "$CPU_SERVER" "$BENCH_JAVA" "${JAVA_OPTS[@]}" "${extra[@]}" -jar "$2" "--server.port=$3" \
    >"$OUT/server$1.log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  local i
  for i in $(seq 900); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$3/jwsgi" || true)" = 200 ] && break
    kill -0 "$pid" 2>/dev/null || { log "the server of $2 ended; see $OUT/server$1.log"; exit 1; }
    [ "$i" = 900 ] && { log "no answer on port $3"; exit 1; }
    sleep 0.1
  done
  PID_OF[servlet$1]=$pid; PID_OF[bridge$1]=$pid; PID_OF[environ$1]=$pid; PID_OF[getters$1]=$pid
  URL_OF[servlet$1]=http://127.0.0.1:$3/servlet; URL_OF[bridge$1]=http://127.0.0.1:$3/jwsgi
  URL_OF[environ$1]=http://127.0.0.1:$3/environ; URL_OF[getters$1]=http://127.0.0.1:$3/getters
}
read -r -a ENDPOINTS <<<"${SERVERS:-servlet bridge}"
start_jvm "" "$BENCH_JAR" "$PORT"
if [ -n "${BASE_JAR:-}" ]; then
  start_jvm -base "$BASE_JAR" $((PORT + 1))
  for e in "${ENDPOINTS[@]}"; do [ "$e" = environ ] || [ "$e" = getters ] || ENDPOINTS+=("$e-base"); done
fi

wrk_json() {  # url seconds -> the WRKJSON object
  taskset -c "$CPU_CLIENT" wrk -t1 -c"$CONNECTIONS" -d"$2"s --latency -s "$BENCH/wrk-report.lua" "$1" \
    | sed -n 's/^WRKJSON //p'
}
compilations() { "$JSTAT" -compiler "$1" | awk 'NR == 2 {print $1}'; }

# Warm-up: every endpoint in turn, WINDOW at a time, until each had WARMUP seconds and a whole turn
# compiled nothing new in any JVM (at most 4 x WARMUP).
log "warm-up: ${WARMUP}s or more per endpoint of ${ENDPOINTS[*]}, until no new compilations"
warmed=0
while :; do
  declare -A before=()
  for e in "${ENDPOINTS[@]}"; do before[$e]=$(compilations "${PID_OF[$e]}"); done
  for e in "${ENDPOINTS[@]}"; do wrk_json "${URL_OF[$e]}" "$WINDOW" >/dev/null; done
  warmed=$((warmed + WINDOW))
  new=0
  for e in "${ENDPOINTS[@]}"; do
    n=$(( $(compilations "${PID_OF[$e]}") - before[$e] ))
    [ "$n" -gt 5 ] && new=1  # a few late compilations of cold paths are noise
  done
  log "warm-up ${warmed}s per endpoint, still compiling: $new"
  [ "$warmed" -ge "$WARMUP" ] && [ "$new" = 0 ] && break
  [ "$warmed" -ge $((4 * WARMUP)) ] && { log "still compiling after ${warmed}s: measuring anyway"; break; }
done

for round in $(seq "$ROUNDS"); do
  order=("${ENDPOINTS[@]}")
  if [ $((round % 2)) = 0 ]; then
    order=(); for ((i = ${#ENDPOINTS[@]} - 1; i >= 0; i--)); do order+=("${ENDPOINTS[$i]}"); done
  fi
  for e in "${order[@]}"; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    ticks=$(cpu_ticks "${PID_OF[$e]}")
    json=$(wrk_json "${URL_OF[$e]}" "$WINDOW")
    ticks=$(($(cpu_ticks "${PID_OF[$e]}") - ticks))
    [ -n "$json" ] || { log "$e: wrk printed no result"; continue; }
    printf '{"server":"%s","round":%d,"connections":%d,"seconds":%d,"peak_rss_kb":%d,"cpu_seconds":%s,"load1":%s,"wrk":%s}\n' \
      "$e" "$round" "$CONNECTIONS" "$WINDOW" "$(sum_status "${PID_OF[$e]}" VmHWM)" \
      "$(awk -v t="$ticks" -v hz="$HZ" 'BEGIN {printf "%.2f", t / hz}')" "$load" "$json" >>"$OUT/runs.jsonl"
  done
  log "round $round of $ROUNDS done"
done

jver=$("$BENCH_JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.runtime.version/ {print $2}')
cat >"$OUT/meta.json" <<EOF
{"mode":"pair-jvm","stamp":"$STAMP","java":"$jver","java_opts":"${JAVA_OPTS[*]}","rounds":$ROUNDS,"window_s":$WINDOW,
 "warmup_s":$warmed,"connections":$CONNECTIONS,"cpus":$(nproc),"load_start":"$LOAD_START","load_end":"$(cut -d' ' -f1-3 /proc/loadavg)",
 "commit":"$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || true)$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo +changes)"}
EOF
log "results in $OUT"
python3 "$BENCH/pair.py" "$OUT"
