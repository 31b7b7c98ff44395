#!/usr/bin/env bash
# One command for every figure of docs/benchmarks.md ("Servers side by side" and "Targets"):
#
#   bench/run.sh            # the full run (about 20 minutes), then bench/report.py
#   bench/run.sh --quick    # a smoke run: 1 round, 3 s per server, a 64 MiB file
#   bench/run.sh --pair     # only the raw servlet and the bridge (issue 14): 4 interleaved rounds,
#                           # no extras, then bench/pair.py prints their ratios (about 6 minutes)
#   BASE_JAR=/tmp/old-bench-app.jar bench/run.sh --pair
#                           # adds servlet-base and bridge-base, the same servers from another
#                           # build of bench/jwsgi-bench-app (e.g. the commit before a change),
#                           # interleaved with the others: a before/after A/B in one run
#                           # (bench/pair-jvm.sh measures the same pair in ONE JVM, alternating
#                           # short windows: less JIT variance between runs; see docs/benchmarks.md)
#   BASE_DIR=/work/base-51f17cf bench/run.sh --standalone
#                           # only the standalone server: jwsgi and jwsgi-base (the same server from
#                           # BASE_DIR's build: its jwsgi-core jar and bench app classes, see
#                           # bench/base-build.sh), 4 interleaved rounds, then bench/pair.py prints
#                           # after/before ratios (about 3 minutes); add --quick for a smoke run
#   BASE_DIR=<dir>          # a checkout of another commit built by bench/base-build.sh: sets BASE_JAR,
#                           # BASE_CORE_JAR and BASE_BENCH_CLASSES (each can be given on its own)
#
# It builds what it needs, installs missing tools (Debian packages, guarded by `command -v`),
# starts each server on 127.0.0.1 on a port of its own pinned to CPU 0 (taskset), loads it with
# wrk pinned to CPU 1 (32 keep-alive connections, hello world, a warm-up then a measured run),
# interleaves the servers over ROUNDS rounds (the order reverses every other round), stops every
# server (also on Ctrl-C, through a trap), then runs the target checks: the standalone server
# under -Xmx64m, the demo server's first answer after launch, a 1 GiB download and upload, and
# bench/load-keepalive.sh (64 keep-alive connections for 20 s).
# Results go to bench/results/<UTC time>/ (runs.jsonl, extras.jsonl, meta.json; bench/results/
# is .gitignored, bench/results/latest points at the last run), and bench/report.py turns them
# into docs/benchmarks.md's tables and docs/benchmarks-servers.png.
#
# Knobs (environment): DURATION (s, default 10), WARMUP (s, 30: long enough for the JIT to finish
# compiling the deeper Spring stacks, see docs/benchmarks.md), ROUNDS (2), CONNECTIONS (32),
# BENCH_JAVA (the java binary for every Java server; default: Temurin 25 if installed, else
# $JAVA_HOME/bin/java, else java),
# BENCH_JAVA_OPTS (default "-Xmx512m -XX:+UseSerialGC"), SERVERS (space-separated subset of
# jwsgi servlet bridge mvc wsgiref gunicorn waitress nginx), FILE_MB (1024), CPU_SERVER (0),
# CPU_CLIENT (1), PORTS_FROM (28081: the servers listen on 28081-28094), SKIP_BUILD=1, EXTRAS=0 (only the side-by-side runs), KEEPALIVE_SECONDS (20), JFR=1 (record a JFR profile of each Java server run into the
# results directory; see docs/benchmarks.md for reading it), NO_REPORT=1.
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH/.." && pwd)

QUICK=0
PAIR=0
STANDALONE=0
for arg in "$@"; do
  case $arg in
    --quick) QUICK=1 ;;
    --pair) PAIR=1 ;;
    --standalone) PAIR=1; STANDALONE=1 ;;
    *) echo "usage: bench/run.sh [--quick] [--pair | --standalone]" >&2; exit 2 ;;
  esac
done
if [ -n "${BASE_DIR:-}" ]; then
  BASE_DIR=$(cd "$BASE_DIR" && pwd)
  : "${BASE_JAR:=$BASE_DIR/bench/jwsgi-bench-app/target/jwsgi-bench-app-0.1.0-SNAPSHOT.jar}"
  : "${BASE_CORE_JAR:=$BASE_DIR/jwsgi-core/target/jwsgi-core-0.1.0-SNAPSHOT.jar}"
  : "${BASE_BENCH_CLASSES:=$BASE_DIR/bench/jwsgi-bench-app/target/classes}"
fi
if [ $QUICK = 1 ]; then
  : "${DURATION:=3}" "${WARMUP:=1}" "${ROUNDS:=1}" "${FILE_MB:=64}"
fi
if [ $PAIR = 1 ]; then
  : "${ROUNDS:=4}" "${WARMUP:=20}" "${EXTRAS:=0}" "${NO_REPORT:=1}"
  if [ $STANDALONE = 1 ]; then
    : "${SERVERS:=jwsgi${BASE_CORE_JAR:+ jwsgi-base}}"
  else
    : "${SERVERS:=servlet bridge${BASE_JAR:+ servlet-base bridge-base}}"
  fi
fi
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-30}
ROUNDS=${ROUNDS:-2}
CONNECTIONS=${CONNECTIONS:-32}
FILE_MB=${FILE_MB:-1024}
CPU_SERVER=${CPU_SERVER:-0}
CPU_CLIENT=${CPU_CLIENT:-1}
PORTS_FROM=${PORTS_FROM:-28081}
SERVERS=${SERVERS:-jwsgi servlet bridge mvc wsgiref gunicorn waitress nginx}
. "$BENCH/java.sh"  # BENCH_JAVA
read -r -a JAVA_OPTS <<<"${BENCH_JAVA_OPTS:--Xmx512m -XX:+UseSerialGC}"
# Debian's gunicorn and waitress run on /usr/bin/python3; wsgiref runs on the same interpreter.
PY=/usr/bin/python3
[ -x $PY ] || PY=$(command -v python3)

log() { printf '%s bench: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# --- tools -------------------------------------------------------------------------------------
need_apt=()
command -v wrk >/dev/null 2>&1 || need_apt+=(wrk)
command -v curl >/dev/null 2>&1 || need_apt+=(curl)
command -v taskset >/dev/null 2>&1 || need_apt+=(util-linux)
if [ $PAIR = 0 ]; then  # --pair needs neither the Python servers, nginx nor the chart
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need_apt+=(nginx-light)
  command -v gunicorn >/dev/null 2>&1 || need_apt+=(gunicorn)
  command -v waitress-serve >/dev/null 2>&1 || need_apt+=(python3-waitress)
  /usr/bin/python3 -c 'import matplotlib' >/dev/null 2>&1 || need_apt+=(python3-matplotlib)
fi
if [ ${#need_apt[@]} -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
  log "installing ${need_apt[*]}"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}") >&2 \
    || log "could not install some of ${need_apt[*]}: the servers that need them are skipped"
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
command -v wrk >/dev/null 2>&1 || { log "wrk is required"; exit 1; }

# --- build -------------------------------------------------------------------------------------
CORE_JAR=$ROOT/jwsgi-core/target/jwsgi-core-0.1.0-SNAPSHOT.jar
BENCH_JAR=$ROOT/bench/jwsgi-bench-app/target/jwsgi-bench-app-0.1.0-SNAPSHOT.jar
BENCH_CLASSES=$ROOT/bench/jwsgi-bench-app/target/classes
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "building jwsgi-core, the starter and bench/jwsgi-bench-app"
  (cd "$ROOT" && ./mvnw -B -ntp -q -Pbench -pl bench/jwsgi-bench-app -am package -Dmaven.test.skip=true) >&2
fi
for f in "$CORE_JAR" "$BENCH_JAR" "$BENCH_CLASSES"; do [ -e "$f" ] || { log "missing $f (build first)"; exit 1; }; done
case " $SERVERS " in *" jwsgi-base "*)
  for f in "${BASE_CORE_JAR:?jwsgi-base needs BASE_DIR or BASE_CORE_JAR}" "${BASE_BENCH_CLASSES:?jwsgi-base needs BASE_DIR or BASE_BENCH_CLASSES}"; do
    [ -e "$f" ] || { log "missing $f (build the base with bench/base-build.sh)"; exit 1; }
  done ;;
esac
case " $SERVERS " in *" servlet-base "*|*" bridge-base "*)
  [ -e "${BASE_JAR:?servlet-base and bridge-base need BASE_DIR or BASE_JAR}" ] || { log "missing $BASE_JAR"; exit 1; } ;;
esac

# --- results -----------------------------------------------------------------------------------
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$BENCH/results/$STAMP
mkdir -p "$OUT"
ln -sfn "$STAMP" "$BENCH/results/latest"
WORK=$(mktemp -d /tmp/jwsgi-bench.XXXXXX)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
DATE_START=$(date -u +%Y-%m-%dT%H:%MZ)

PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do stop_tree "$pid"; done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# tree, stop_tree, sum_status (VmRSS/VmHWM of a process tree), cpu_ticks
. "$BENCH/proc.sh"
HZ=$(getconf CLK_TCK)

wait_ready() {  # url timeout_s
  local i
  for i in $(seq $(($2 * 10))); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" || true)" = 200 ] && return 0
    sleep 0.1
  done
  return 1
}

write_nginx_conf() {  # port
  mkdir -p "$WORK/nginx/logs"
  cat >"$WORK/nginx/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  server {
    listen 127.0.0.1:$1;
    location / { default_type text/plain; return 200 "Hello, world!\n"; }
  }
}
EOF
}

# Sets CMD (the server's command line) and URL for server $1 on port $2.
server_cmd() {
  local name=$1 port=$2
  URL=http://127.0.0.1:$port/
  case $name in
    jwsgi|jwsgi-xmx64m)
      CMD=("$BENCH_JAVA" "${JAVA_OPTS[@]}" "${EXTRA_JAVA_OPTS[@]}" -cp "$CORE_JAR:$BENCH_CLASSES"
           io.jwsgi.bench.StandaloneServer "$port") ;;
    jwsgi-base)
      CMD=("$BENCH_JAVA" "${JAVA_OPTS[@]}" "${EXTRA_JAVA_OPTS[@]}" -cp "$BASE_CORE_JAR:$BASE_BENCH_CLASSES"
           io.jwsgi.bench.StandaloneServer "$port") ;;
    servlet|bridge|mvc|servlet-base|bridge-base)
      local jar=$BENCH_JAR
      case $name in *-base) jar=${BASE_JAR:?BASE_JAR names the other build of the bench app} ;; esac
      CMD=("$BENCH_JAVA" "${JAVA_OPTS[@]}" "${EXTRA_JAVA_OPTS[@]}" -jar "$jar" "--server.port=$port")
      case $name in servlet*) URL+=servlet ;; bridge*) URL+=jwsgi ;; mvc) URL+=mvc ;; esac ;;
    wsgiref) CMD=("$PY" "$BENCH/hello_wsgi.py" "$port") ;;
    gunicorn) CMD=(gunicorn --workers 2 --worker-class sync --bind "127.0.0.1:$port" --chdir "$BENCH" hello_wsgi:app) ;;
    waitress) CMD=(env "PYTHONPATH=$BENCH" waitress-serve "--listen=127.0.0.1:$port" hello_wsgi:app) ;;
    nginx) write_nginx_conf "$port"; CMD=("$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf") ;;
    *) log "unknown server $name"; return 1 ;;
  esac
}

available() {
  case $1 in
    gunicorn) command -v gunicorn >/dev/null 2>&1 ;;
    waitress) command -v waitress-serve >/dev/null 2>&1 ;;
    nginx) [ -x "$NGINX" ] ;;
    *) true ;;
  esac
}

# Each server's port: PORTS_FROM (28081) and up; the demo server and the file server take +9, +10.
port_of() {
  local k
  case $1 in
    jwsgi) k=0 ;; servlet) k=1 ;; bridge) k=2 ;; mvc) k=3 ;; wsgiref) k=4 ;; gunicorn) k=5 ;;
    waitress) k=6 ;; nginx) k=7 ;; servlet-base) k=11 ;; bridge-base) k=12 ;; jwsgi-base) k=13 ;;
    *) k=8 ;;
  esac
  echo $((PORTS_FROM + k))
}

# Starts server $1 pinned to CPU_SERVER; sets SERVER_PID and URL.
start_server() {
  local name=$1 port
  port=$(port_of "$name")
  server_cmd "$name" "$port"
  launch "$OUT/$name.log" || { log "$name: not started"; return 1; }
}

# Starts CMD pinned to CPU_SERVER once URL's port is free, waits for a 200 from URL, and checks that
# the answer came from this process (not from a stray server on the same port). Sets SERVER_PID.
launch() {  # log-file
  local port=${URL#http://127.0.0.1:} i
  port=${port%%/*}
  for i in $(seq 100); do
    [ -z "$(ss -Htln "( sport = :$port )")" ] && break
    [ "$i" = 100 ] && { log "port $port stays busy"; return 1; }
    sleep 0.1
  done
  taskset -c "$CPU_SERVER" "${CMD[@]}" >"$1" 2>&1 &
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
  if ! wait_ready "$URL" 90 || ! kill -0 "$SERVER_PID" 2>/dev/null; then
    log "no answer from the server on $URL; see $1"
    stop_tree "$SERVER_PID"
    return 1
  fi
}

wrk_json() {  # url seconds connections -> the WRKJSON object
  taskset -c "$CPU_CLIENT" wrk -t1 -c"$3" -d"$2"s --latency -s "$BENCH/wrk-report.lua" "$1" \
    | sed -n 's/^WRKJSON //p'
}

# One measured run of server $1 in round $2, appended to runs.jsonl.
measure() {
  local name=$1 round=$2 json rss load ticks
  EXTRA_JAVA_OPTS=()
  [ "${JFR:-0}" = 1 ] && EXTRA_JAVA_OPTS=("-XX:StartFlightRecording=filename=$OUT/$name-r$round.jfr,settings=profile")
  [ "$name" = jwsgi-xmx64m ] && EXTRA_JAVA_OPTS+=(-Xmx64m)
  start_server "$name" || return 0
  log "$name (round $round): warm-up ${WARMUP}s, then ${DURATION}s at $URL"
  wrk_json "$URL" "$WARMUP" "$CONNECTIONS" >/dev/null
  load=$(cut -d' ' -f1 /proc/loadavg)
  ticks=$(cpu_ticks "$SERVER_PID")
  json=$(wrk_json "$URL" "$DURATION" "$CONNECTIONS")
  ticks=$(($(cpu_ticks "$SERVER_PID") - ticks))
  rss=$(sum_status "$SERVER_PID" VmHWM)
  stop_tree "$SERVER_PID"
  [ -n "$json" ] || { log "$name: wrk printed no result"; return 0; }
  printf '{"server":"%s","round":%d,"connections":%d,"seconds":%d,"peak_rss_kb":%d,"cpu_seconds":%s,"load1":%s,"wrk":%s}\n' \
    "$name" "$round" "$CONNECTIONS" "$DURATION" "$rss" "$(awk -v t="$ticks" -v hz="$HZ" 'BEGIN {printf "%.2f", t / hz}')" \
    "$load" "$json" >>"$OUT/runs.jsonl"
  log "$name: $json"
}

# --- the servers, interleaved ------------------------------------------------------------------
read -r -a ORDER <<<"$SERVERS"
for name in "${ORDER[@]}"; do available "$name" || log "$name is not installed: skipped"; done
for round in $(seq "$ROUNDS"); do
  list=("${ORDER[@]}")
  if [ $((round % 2)) = 0 ]; then
    list=(); for ((i = ${#ORDER[@]} - 1; i >= 0; i--)); do list+=("${ORDER[$i]}"); done
  fi
  for name in "${list[@]}"; do
    available "$name" && measure "$name" "$round"
  done
done

# --- the targets that are not a side-by-side figure --------------------------------------------
extra() { printf '%s\n' "$1" >>"$OUT/extras.jsonl"; log "$1"; }

if [ "${EXTRAS:-1}" = 1 ]; then
# Standalone hello world under -Xmx64m.
measure jwsgi-xmx64m 1

# First answer of the demo server after launch: java -jar jwsgi-core.jar (its Main-Class serves
# SimpleServer.demoApp() as python -m wsgiref.simple_server does), given a port of the bench's own
# range instead of its default 8000.
DEMO_PORT=$((PORTS_FROM + 9))
LAUNCH=("$BENCH_JAVA" -jar "$CORE_JAR" "$DEMO_PORT"); LAUNCHER="java -jar jwsgi-core.jar"
for i in 1 2 3 4 5; do
  r=$("$PY" "$BENCH/first_answer.py" "http://127.0.0.1:$DEMO_PORT/" 20 -- taskset -c "$CPU_SERVER" "${LAUNCH[@]}")
  extra "{\"test\":\"first_answer\",\"launcher\":\"$LAUNCHER\",\"try\":$i,\"load1\":$(cut -d' ' -f1 /proc/loadavg),\"result\":$r}"
done

# 1 GiB (FILE_MB) download through FileWrapper and upload through wsgi.input, server under -Xmx64m,
# on BENCH_JAVA and, where it differs and is installed, on Java 17 too (platform threads instead of
# virtual threads: the two take different paths through the socket).
BIG=$WORK/big.bin
log "writing a ${FILE_MB} MiB file"
head -c $((FILE_MB * 1024 * 1024)) /dev/urandom >"$BIG"
FILE_JAVAS=("$BENCH_JAVA")
JAVA17=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
[ -x "$JAVA17" ] && [ "$(readlink -f "$JAVA17")" != "$(readlink -f "$BENCH_JAVA")" ] && FILE_JAVAS+=("$JAVA17")
for FILE_JAVA in "${FILE_JAVAS[@]}"; do
  feature=$("$FILE_JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
  EXTRA_JAVA_OPTS=(-Xmx64m)
  saved_java=$BENCH_JAVA; BENCH_JAVA=$FILE_JAVA
  server_cmd jwsgi $((PORTS_FROM + 10))
  BENCH_JAVA=$saved_java
  CMD+=("$BIG")
  if launch "$OUT/jwsgi-files-java$feature.log"; then
    base="http://127.0.0.1:$((PORTS_FROM + 10))"
    rss_of() { awk '/^VmRSS:/ {print $2}' "/proc/$SERVER_PID/status"; }
    curl -s "$base/heap" >/dev/null
    # One transfer: the server's heap peak is reset (after a GC) just before and read just after.
    # curl's exit status is not fatal: a transfer cut short is recorded (bytes moved) as a failure.
    transfer() {  # test body-file curl-args...
      local test=$1 body=$2 before heap r counted=null
      shift 2
      before=$(rss_of)
      curl -s "$base/heap" >/dev/null
      r=$(taskset -c "$CPU_CLIENT" curl -s -o "$body" -w '{"http":%{http_code},"bytes_down":%{size_download},"bytes_up":%{size_upload},"seconds":%{time_total},"curl_exit":%{exitcode}}' "$@" || true)
      heap=$(curl -s "$base/heap")
      [ "$body" = /dev/null ] || counted=$(tr -dc 0-9 <"$body" 2>/dev/null || true)
      extra "{\"test\":\"$test\",\"java\":\"$feature\",\"file_bytes\":$((FILE_MB * 1024 * 1024)),\"xmx_mb\":64,\"peak_heap_bytes\":${heap:-0},\"counted\":${counted:-null},\"rss_before_kb\":$before,\"rss_after_kb\":$(rss_of),\"load1\":$(cut -d' ' -f1 /proc/loadavg),\"result\":$r}"
      rm -f "$WORK/counted"
    }
    for i in 1 2 3; do transfer download /dev/null "$base/download"; done
    for i in 1 2; do transfer upload "$WORK/counted" -T "$BIG" -H 'Content-Type: application/octet-stream' "$base/upload"; done
    transfer upload_chunked "$WORK/counted" -T "$BIG" -H 'Content-Type: application/octet-stream' -H 'Transfer-Encoding: chunked' "$base/upload"
    extra "{\"test\":\"file_server_peak_rss\",\"java\":\"$feature\",\"peak_rss_kb\":$(sum_status "$SERVER_PID" VmHWM)}"
  else
    log "the file server did not start; see $OUT/jwsgi-files-java$feature.log"
  fi
  stop_tree "$SERVER_PID"
done
rm -f "$BIG"

# Issue 3: 64 keep-alive connections for 20 s, zero errors.
log "bench/load-keepalive.sh"
KEEPALIVE_OUT=$WORK/keepalive.json BENCH_JAVA=$BENCH_JAVA DURATION=${KEEPALIVE_SECONDS:-20} CONNECTIONS=64 "$BENCH/load-keepalive.sh" >&2 || log "load-keepalive failed"
[ -s "$WORK/keepalive.json" ] && extra "$(cat "$WORK/keepalive.json")"
fi

# --- what the run ran on -----------------------------------------------------------------------
jver=$("$BENCH_JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.vm.name|java.runtime.version/ {printf "%s ", $2}')
cat >"$OUT/meta.json" <<EOF
{"date_utc":"$DATE_START","date_end_utc":"$(date -u +%Y-%m-%dT%H:%MZ)","stamp":"$STAMP","java":"${jver% }","java_opts":"${JAVA_OPTS[*]}",
 "python":"$("$PY" -c 'import platform; print(platform.python_version())')",
 "gunicorn":"$(gunicorn --version 2>/dev/null | awk '{print $3}' | tr -d ')' || true)",
 "waitress":"$("$PY" -c 'import importlib.metadata as m; print(m.version("waitress"))' 2>/dev/null || true)",
 "nginx":"$("$NGINX" -v 2>&1 | sed 's/.*nginx\///')","wrk":"$(wrk -v 2>&1 | head -1 | awk '{print $2}')",
 "cpu":"$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)","cpus":$(nproc),
 "kernel":"$(uname -r)","load_start":"$LOAD_START","load_end":"$(cut -d' ' -f1-3 /proc/loadavg)",
 "duration_s":$DURATION,"warmup_s":$WARMUP,"rounds":$ROUNDS,"connections":$CONNECTIONS,
 "cpu_server":$CPU_SERVER,"cpu_client":$CPU_CLIENT,"quick":$QUICK,
 "commit":"$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || true)$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo +changes)",
 "base_commit":"$( [ -n "${BASE_DIR:-}" ] && git -C "$BASE_DIR" rev-parse --short HEAD 2>/dev/null || true)"}
EOF
log "results in $OUT"
[ $PAIR = 1 ] && "$PY" "$BENCH/pair.py" "$OUT"

if [ "${NO_REPORT:-0}" != 1 ]; then
  "$PY" "$BENCH/report.py" "$OUT"
fi
