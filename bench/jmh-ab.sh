#!/usr/bin/env bash
# JMH before/after: the same benchmarks from two builds of jwsgi-benchmarks, run alternately in one
# session (base, new, then new, base, ...), so both see the same machine; then bench/jmh-ab.py
# prints each benchmark's score per round and the ratio new / base.
#
#   BASE_DIR=/work/base-51f17cf bench/jmh-ab.sh            # 3 rounds of the standalone benchmarks
#   BASE_DIR=/work/base-51f17cf bench/jmh-ab.sh --quick    # a smoke run: 1 round, 1 short iteration
#
# BASE_DIR is a checkout built by bench/base-build.sh (its jwsgi-benchmarks/target/benchmarks.jar);
# BASE_JMH_JAR names such a jar directly. The new side is this checkout's benchmarks.jar, built
# first (package, no tests) unless SKIP_BUILD=1.
#
# Knobs (environment): BENCHMARKS (a JMH regular expression; default the standalone server's
# benchmarks, 'io.jwsgi.simpleserver.(StandaloneServerBenchmark|RequestParserBenchmark)'),
# ROUNDS (3), JMH_OPTS ("-f 1 -wi 10 -i 5": one fork, 10 warm-up and 5 measured iterations of 1 s,
# longer than JmhSettings' default warm-up, which serveBrowserGet outlasts), BENCH_JAVA (as in
# bench/run.sh: Temurin 25 if installed), JMH_CPUS (a taskset CPU list to pin the benchmark JVMs
# to; default unpinned). Results go to bench/results/jmh-<UTC time>/ (base-rN.json, new-rN.json,
# meta.json; bench/results/jmh-latest points at the last run).
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH/.." && pwd)

QUICK=0
for arg in "$@"; do
  case $arg in
    --quick) QUICK=1 ;;
    *) echo "usage: bench/jmh-ab.sh [--quick]" >&2; exit 2 ;;
  esac
done
BENCHMARKS=${BENCHMARKS:-'io.jwsgi.simpleserver.(StandaloneServerBenchmark|RequestParserBenchmark)'}
if [ $QUICK = 1 ]; then
  : "${ROUNDS:=1}" "${JMH_OPTS:=-f 1 -wi 1 -w 1 -i 1 -r 1}"
fi
ROUNDS=${ROUNDS:-3}
read -r -a OPTS <<<"${JMH_OPTS:--f 1 -wi 10 -i 5}"
. "$BENCH/java.sh"  # BENCH_JAVA
PIN=()
[ -n "${JMH_CPUS:-}" ] && PIN=(taskset -c "$JMH_CPUS")

log() { printf '%s jmh-ab: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

NEW_JAR=$ROOT/jwsgi-benchmarks/target/benchmarks.jar
if [ -z "${BASE_JMH_JAR:-}" ]; then
  BASE_JMH_JAR=${BASE_DIR:?set BASE_DIR (see bench/base-build.sh) or BASE_JMH_JAR}/jwsgi-benchmarks/target/benchmarks.jar
fi
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "building jwsgi-benchmarks (package, no tests)"
  (cd "$ROOT" && ./mvnw -B -ntp -pl jwsgi-benchmarks -am package -Dmaven.test.skip=true) >&2
fi
for f in "$NEW_JAR" "$BASE_JMH_JAR"; do [ -e "$f" ] || { log "missing $f"; exit 1; }; done

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$BENCH/results/jmh-$STAMP
mkdir -p "$OUT"
ln -sfn "jmh-$STAMP" "$BENCH/results/jmh-latest"

run() {  # side jar round
  log "$1, round $3: $BENCHMARKS ${OPTS[*]}"
  "${PIN[@]}" "$BENCH_JAVA" -jar "$2" "$BENCHMARKS" "${OPTS[@]}" -rf json -rff "$OUT/$1-r$3.json" \
    >"$OUT/$1-r$3.log" 2>&1 || { log "$1 round $3 failed; see $OUT/$1-r$3.log"; exit 1; }
}

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq "$ROUNDS"); do
  if [ $((round % 2)) = 1 ]; then
    run base "$BASE_JMH_JAR" "$round"; run new "$NEW_JAR" "$round"
  else
    run new "$NEW_JAR" "$round"; run base "$BASE_JMH_JAR" "$round"
  fi
done

jver=$("$BENCH_JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.vm.name|java.runtime.version/ {printf "%s ", $2}')
cat >"$OUT/meta.json" <<EOF
{"date_utc":"$(date -u +%Y-%m-%dT%H:%MZ)","java":"${jver% }","jmh_opts":"${OPTS[*]}","benchmarks":"$BENCHMARKS",
 "rounds":$ROUNDS,"quick":$QUICK,"new_jar":"$NEW_JAR","base_jar":"$BASE_JMH_JAR",
 "commit":"$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || true)$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo +changes)",
 "base_commit":"$( [ -n "${BASE_DIR:-}" ] && git -C "$BASE_DIR" rev-parse --short HEAD 2>/dev/null || true)",
 "cpu":"$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)","cpus":$(nproc),
 "load_start":"$LOAD_START","load_end":"$(cut -d' ' -f1-3 /proc/loadavg)"}
EOF
log "results in $OUT"
python3 "$BENCH/jmh-ab.py" "$OUT"
