#!/usr/bin/env bash
# The standalone server before and after a change (issue 16's figures), in one command:
#
#   bench/base-build.sh 51f17cf                                 # once: builds the base into /work/base-51f17cf
#   BASE_DIR=/work/base-51f17cf bench/standalone-ab.sh          # about 12 minutes
#   BASE_DIR=/work/base-51f17cf bench/standalone-ab.sh --quick  # a smoke run of both parts (about 2 minutes)
#
# 1. bench/jmh-ab.sh: the JMH benchmarks of the standalone server (StandaloneServerBenchmark,
#    RequestParserBenchmark) of this checkout and of BASE_DIR, alternately, then their ratios
#    (bench/jmh-ab.py: new / base time per operation, below 1 is faster).
# 2. bench/run.sh --standalone: the hello world on jwsgi (this checkout) and jwsgi-base (BASE_DIR),
#    interleaved over 4 rounds under wrk, then their ratios (bench/pair.py: after / before in req/s,
#    per CPU-second and p99).
# This checkout is built first (package, no tests); the knobs of both scripts apply (ROUNDS is
# each script's own: set JMH_ROUNDS and LOAD_ROUNDS here). Run it on a quiet machine: the ratios
# of a shared one say little.
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH/.." && pwd)
: "${BASE_DIR:?set BASE_DIR to a checkout built by bench/base-build.sh}"
BASE_DIR=$(cd "$BASE_DIR" && pwd)
export BASE_DIR

QUICK=()
for arg in "$@"; do
  case $arg in
    --quick) QUICK=(--quick) ;;
    *) echo "usage: bench/standalone-ab.sh [--quick]" >&2; exit 2 ;;
  esac
done

log() { printf '%s standalone-ab: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "building this checkout: jwsgi-benchmarks and bench/jwsgi-bench-app (package, no tests)"
  (cd "$ROOT" && ./mvnw -B -ntp -Pbench -pl jwsgi-benchmarks,bench/jwsgi-bench-app -am package -Dmaven.test.skip=true) >&2
fi

log "JMH, base $(git -C "$BASE_DIR" rev-parse --short HEAD) against $(git -C "$ROOT" rev-parse --short HEAD)"
SKIP_BUILD=1 ROUNDS=${JMH_ROUNDS:-${ROUNDS:-}} "$BENCH/jmh-ab.sh" "${QUICK[@]}"

log "load: jwsgi against jwsgi-base"
SKIP_BUILD=1 ROUNDS=${LOAD_ROUNDS:-${ROUNDS:-}} "$BENCH/run.sh" --standalone "${QUICK[@]}"
