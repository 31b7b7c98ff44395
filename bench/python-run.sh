#!/usr/bin/env bash
# The Flask benchmark of docs/python.md ("Performance"): one Flask app (Debian's python3-flask,
# jwsgi-python/src/test/resources/springflask/flask_routes.py) served four ways on the same CPUs,
#
#   jwsgi-python  jwsgi-python/bin/jwsgi-python --workers 2 (GraalPy, jwsgi's HTTP/1.1 server)
#   spring        the same app mounted in Spring Boot on Tomcat by jwsgi.apps.flask.python.* only
#   gunicorn      gunicorn --workers 2 --worker-class sync (CPython)
#   waitress      waitress-serve (CPython, one process, 4 threads)
#
# and for each: the time from launch to the first 200 of /json, the throughput over time from
# there (SLICES wrk runs of SLICE seconds on /json: the warm-up curve), then DURATION seconds on
# /json and on /template each (req/s, p99, CPU time per request of the server's process tree),
# and the server's resident set (now and peak). One line per server in
# bench/results/<UTC time>-python/python-runs.jsonl; bench/python-report.py prints the tables.
#
#   bench/python-run.sh            # about 4 x (SLICES x SLICE + 2 x DURATION + start-up)
#   bench/python-run.sh --quick    # a smoke run: 3 slices of 2 s, 3 s per route
#
# Knobs (environment): SERVERS (subset of "jwsgi-python spring gunicorn waitress"), SLICES (12),
# SLICE (5 s), CPY_SLICES (the slices for
# gunicorn and waitress, which have no JIT to wait for; SLICES by default), CURVE_TEMPLATE=1 (each
# slice also loads /template for SLICE seconds, so the JIT warms both routes up before they are
# measured), DURATION (20 s), CONNECTIONS (16), WORKERS (2: gunicorn's workers and jwsgi's
# Python contexts), CPUS (the server's CPUs, "0,1"), CLIENT_CPUS (wrk's, "0,1": on a 2-core machine
# wrk shares them; its own cost is small next to a Python server's), BENCH_JAVA (Temurin 25 by
# default), BENCH_JAVA_OPTS ("-Xmx1g"), SKIP_BUILD=1, NO_REPORT=1, JFR=1 (a JFR recording of each
# Java server from launch to stop, <server>.jfr in the results; bench/jfr_top.py reads it).
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH/.." && pwd)
APPDIR=$ROOT/jwsgi-python/src/test/resources/springflask
DIST=/usr/lib/python3/dist-packages

QUICK=0
[ "${1:-}" = "--quick" ] && QUICK=1
if [ $QUICK = 1 ]; then
  : "${SLICES:=3}" "${SLICE:=2}" "${DURATION:=3}"
fi
SLICES=${SLICES:-12}
SLICE=${SLICE:-5}
DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-16}
CURVE_TEMPLATE=${CURVE_TEMPLATE:-0}
WORKERS=${WORKERS:-2}
CPUS=${CPUS:-0,1}
CLIENT_CPUS=${CLIENT_CPUS:-0,1}
SERVERS=${SERVERS:-jwsgi-python spring gunicorn waitress}
BENCH_JAVA=${BENCH_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
[ -x "$BENCH_JAVA" ] || BENCH_JAVA=$(command -v java)
JAVA_HOME_BENCH=$(dirname "$(dirname "$(readlink -f "$BENCH_JAVA")")")
read -r -a JAVA_OPTS <<<"${BENCH_JAVA_OPTS:--Xmx1g}"
PY=/usr/bin/python3
[ -x $PY ] || PY=$(command -v python3)

log() { printf '%s python-bench: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# --- tools -------------------------------------------------------------------------------------
need_apt=()
command -v wrk >/dev/null 2>&1 || need_apt+=(wrk)
command -v gunicorn >/dev/null 2>&1 || need_apt+=(gunicorn)
command -v waitress-serve >/dev/null 2>&1 || need_apt+=(python3-waitress)
[ -f $DIST/flask/__init__.py ] || need_apt+=(python3-flask)
command -v curl >/dev/null 2>&1 || need_apt+=(curl)
if [ ${#need_apt[@]} -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
  log "installing ${need_apt[*]}"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}") >&2 \
    || log "could not install some of ${need_apt[*]}: the servers that need them are skipped"
fi
command -v wrk >/dev/null 2>&1 || { log "wrk is required"; exit 1; }
[ -f $DIST/flask/__init__.py ] || { log "Flask is required ($DIST/flask)"; exit 1; }

# --- build: the launcher's jars, and the test classpath for the Spring Boot application ----------
PYTARGET=$ROOT/jwsgi-python/target
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "building jwsgi-python (and its classpath for Spring Boot)"
  (cd "$ROOT" && JAVA_HOME=$JAVA_HOME_BENCH ./mvnw -B -ntp -q -pl jwsgi-python -am package \
    org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
    -DskipTests -Djacoco.skip=true -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt) >&2
fi
for f in "$PYTARGET/lib" "$PYTARGET/test-classes" "$PYTARGET/bench-classpath.txt"; do
  [ -e "$f" ] || { log "missing $f (build first)"; exit 1; }
done

# The Spring Boot application runs as the launcher runs Python: GraalPy, Truffle and what they need
# on the module path (the optimizing runtime needs them there), the Graal compiler on the upgrade
# module path, everything else (Spring, Tomcat, jwsgi) on the class path.
modulepath=""
declare -A on_module_path=()
for lib in "$PYTARGET"/lib/*.jar; do
  name=$(basename "$lib")
  case $name in jwsgi-*) continue ;; esac
  modulepath="${modulepath:+$modulepath:}$lib"
  on_module_path[$name]=1
done
classpath="$PYTARGET/test-classes:$PYTARGET/classes"
IFS=: read -r -a entries <"$PYTARGET/bench-classpath.txt" || true  # one line, no newline at its end
for entry in "${entries[@]}"; do
  [ -n "${on_module_path[$(basename "$entry")]:-}" ] || classpath="$classpath:$entry"
done
JIT=(-XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path "$(ls "$PYTARGET"/compiler/*.jar | head -n 1)")
MODULES=(--module-path "$modulepath" --add-modules org.graalvm.polyglot --enable-native-access=ALL-UNNAMED,org.graalvm.truffle)
"$BENCH_JAVA" "${JIT[@]}" "${MODULES[@]}" -version >/dev/null 2>&1 || { log "no JVMCI on $BENCH_JAVA: GraalPy runs in its interpreter"; JIT=(); }

# --- results -----------------------------------------------------------------------------------
STAMP=$(date -u +%Y%m%dT%H%M%SZ)-python
OUT=$BENCH/results/$STAMP
mkdir -p "$OUT"
ln -sfn "$STAMP" "$BENCH/results/latest-python"
HZ=$(getconf CLK_TCK)

PIDS=()
# tree, stop_tree, sum_status (VmRSS/VmHWM of a process tree), cpu_ticks
. "$BENCH/proc.sh"
cleanup() { local pid; for pid in "${PIDS[@]}"; do stop_tree "$pid"; done; }
trap cleanup EXIT
trap 'exit 130' INT TERM

wrk_json() {  # url seconds -> WRKJSON object
  taskset -c "$CLIENT_CPUS" wrk -t1 -c"$CONNECTIONS" -d"$2"s --latency -s "$BENCH/wrk-report.lua" "$1" \
    | sed -n 's/^WRKJSON //p'
}

server_cmd() {  # name port -> CMD
  local port=$2 jfr=()
  [ "${JFR:-0}" = 1 ] && jfr=("-XX:StartFlightRecording=filename=$OUT/$1.jfr,settings=profile")
  case $1 in
    jwsgi-python)
      CMD=(env "JAVA_HOME=$JAVA_HOME_BENCH" "JWSGI_PYTHON_JAVA_OPTS=${JAVA_OPTS[*]} ${jfr[*]}" "$ROOT/jwsgi-python/bin/jwsgi-python"
           --port "$port" --path "$APPDIR" --path "$DIST" --workers "$WORKERS" flask_routes:app) ;;
    spring)
      CMD=("$BENCH_JAVA" "${JIT[@]}" "${MODULES[@]}" "${JAVA_OPTS[@]}" "${jfr[@]}" -cp "$classpath" io.jwsgi.python.spring.BenchSpringApplication
           "--server.port=$port" --server.address=127.0.0.1 --jwsgi.apps.flask.path=/
           --jwsgi.apps.flask.python.app=flask_routes:app "--jwsgi.apps.flask.python.path=$APPDIR,$DIST"
           "--jwsgi.apps.flask.python.contexts=$WORKERS") ;;
    gunicorn)
      CMD=(gunicorn --workers "$WORKERS" --worker-class sync --bind "127.0.0.1:$port" --chdir "$APPDIR" flask_routes:app) ;;
    waitress)
      CMD=(env "PYTHONPATH=$APPDIR" waitress-serve --listen="127.0.0.1:$port" --threads=4 flask_routes:app) ;;
    *) log "unknown server $1"; return 1 ;;
  esac
}
available() {
  case $1 in
    gunicorn) command -v gunicorn >/dev/null 2>&1 ;;
    waitress) command -v waitress-serve >/dev/null 2>&1 ;;
    *) true ;;
  esac
}

port=28190
for name in $SERVERS; do
  available "$name" || { log "$name is not installed: skipped"; continue; }
  port=$((port + 1))
  base=http://127.0.0.1:$port
  server_cmd "$name" "$port"
  [ -z "$(ss -Htln "( sport = :$port )")" ] || { log "port $port is busy: $name skipped"; continue; }
  log "$name: starting"
  t0=$(date +%s%N)
  taskset -c "$CPUS" "${CMD[@]}" >"$OUT/$name.log" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  first=null
  for i in $(seq 6000); do  # 300 s at most
    if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$base/json" || true)" = 200 ]; then
      first=$(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN {printf "%.2f", (b - a) / 1e9}')
      break
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  if [ "$first" = null ]; then log "$name: no 200 from $base/json; see $OUT/$name.log"; stop_tree "$pid"; continue; fi
  log "$name: first 200 after ${first}s; warm-up curve of ${SLICE}s slices"
  curve=""
  slices=$SLICES
  case $name in gunicorn|waitress) slices=${CPY_SLICES:-$SLICES} ;; esac
  for i in $(seq "$slices"); do
    j=$(wrk_json "$base/json" "$SLICE")
    t=null
    [ "$CURVE_TEMPLATE" = 1 ] && t=$(wrk_json "$base/template" "$SLICE")
    curve="${curve:+$curve,}{\"slice\":$i,\"seconds\":$SLICE,\"rss_kb\":$(sum_status "$pid" VmRSS),\"wrk\":$j,\"template\":$t}"
    log "$name: slice $i: $(echo "$j" | awk -F'"requests":' '{split($2, a, ","); print a[1]}') /json requests, $(echo "$t" | awk -F'"requests":' '{split($2, a, ","); print a[1]}') /template"
  done
  routes=""
  for route in json template; do
    ticks=$(cpu_ticks "$pid")
    j=$(wrk_json "$base/$route" "$DURATION")
    ticks=$(($(cpu_ticks "$pid") - ticks))
    routes="${routes:+$routes,}\"$route\":{\"cpu_seconds\":$(awk -v t="$ticks" -v hz="$HZ" 'BEGIN {printf "%.2f", t / hz}'),\"wrk\":$j}"
    log "$name /$route: $j"
  done
  printf '{"server":"%s","first_200_s":%s,"rss_kb":%d,"peak_rss_kb":%d,"load1":%s,"curve":[%s],%s}\n' \
    "$name" "$first" "$(sum_status "$pid" VmRSS)" "$(sum_status "$pid" VmHWM)" "$(cut -d' ' -f1 /proc/loadavg)" \
    "$curve" "$routes" >>"$OUT/python-runs.jsonl"
  grep -m1 -o 'optimizing runtime[^;)]*\|interpreter only[^;)]*' "$OUT/$name.log" >"$OUT/$name.runtime" 2>/dev/null || true
  stop_tree "$pid"
done

cat >"$OUT/meta.json" <<EOF
{"stamp":"$STAMP","java":"$("$BENCH_JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.runtime.version/ {print $2}')",
 "java_opts":"${JAVA_OPTS[*]}","jit":$([ ${#JIT[@]} -gt 0 ] && echo true || echo false),
 "python":"$("$PY" -c 'import platform; print(platform.python_version())')",
 "flask":"$("$PY" -c 'import flask; print(flask.__version__)' 2>/dev/null || true)",
 "gunicorn":"$(gunicorn --version 2>/dev/null | awk '{print $3}' | tr -d ')' || true)",
 "cpu":"$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)","cpus":$(nproc),
 "server_cpus":"$CPUS","client_cpus":"$CLIENT_CPUS","connections":$CONNECTIONS,"workers":$WORKERS,
 "slices":$SLICES,"slice_s":$SLICE,"duration_s":$DURATION,"quick":$QUICK}
EOF
log "results in $OUT"
[ "${NO_REPORT:-0}" = 1 ] || "$PY" "$BENCH/python-report.py" "$OUT"
