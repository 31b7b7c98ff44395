#!/usr/bin/env bash
# bench/python-load.sh - the load proof of jwsgi-python (issue 13, docs/python.md "Load"):
# the Flask app flask_demo under bin/jwsgi-python, 64 connections for 20 s with wrk, RUNS runs
# (4 by default; the first ones warm the JIT up; wrk's --timeout 30s, so a slow answer counts as
# an answer, not an error). After each run: wrk's errors, the heap after a full GC (jcmd) and the
# process's RSS; at the end SIGTERM, and the launcher's stop line: calls, results closed, 503s,
# replaced and idle Contexts. Pass: 0 errors, closes == calls, every Context idle, heap and RSS
# flat over the last runs. Not a timed test: run it by hand, once, on a quiet machine.
#
#   ./mvnw -B -ntp -pl jwsgi-python -am package -DskipTests   (JDK 21+, e.g. JAVA_HOME=.../temurin-25)
#   bench/python-load.sh [PORT]                               (default 18250)
#
# JFR=1 records the last run with JFR (jcmd JFR.start/JFR.dump, settings=profile) into
# bench/results/<UTC time>-python-load/load.jfr and splits its CPU samples with
# bench/python-jfr-split.py (compiler threads, interpreted or compiled Python, jwsgi, the JDK).
#
# Needs wrk, Debian's python3-flask (/usr/lib/python3/dist-packages), jcmd from JAVA_HOME.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${1:-18250}"
connections=64
duration=20s
runs="${RUNS:-4}"
workers="${WORKERS:-$(nproc)}"
flaskapp="$root/jwsgi-python/src/test/resources/flaskapp"
dist=/usr/lib/python3/dist-packages
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
jcmd="$java_home/bin/jcmd"

command -v wrk >/dev/null || { echo "python-load: wrk is not installed" >&2; exit 2; }
[ -d "$dist/flask" ] || { echo "python-load: Debian's python3-flask is not installed" >&2; exit 2; }
[ -x "$jcmd" ] || { echo "python-load: no jcmd in $java_home" >&2; exit 2; }

out="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$out"' EXIT

# wrk cycles through the app's routes: JSON, a template, a stream, a cookie read, a JSON POST.
cat > "$out/routes.lua" <<'EOF'
local requests = {
  wrk.format("GET", "/api/items"),
  wrk.format("GET", "/?name=load"),
  wrk.format("GET", "/stream?n=5"),
  wrk.format("GET", "/cookie/get", {Cookie = "flavour=ginger"}),
  wrk.format("POST", "/api/echo", {["Content-Type"] = "application/json"}, '{"a": [1, 2, 3]}'),
}
local i = 0
request = function()
  i = i + 1
  return requests[(i % #requests) + 1]
end
EOF

launch_start=$(date +%s%N)
JAVA_HOME="$java_home" "$root/jwsgi-python/bin/jwsgi-python" --port "$port" --workers "$workers" \
  --path "$flaskapp" --path "$dist" flask_demo:app >"$out/stdout" 2>"$out/stderr" &
pid=$!
until grep -q 'jwsgi-python: serving' "$out/stdout"; do
  kill -0 "$pid" 2>/dev/null || { cat "$out/stdout" "$out/stderr"; exit 1; }
  sleep 0.2
done
until curl -fs "http://127.0.0.1:$port/api/items" >/dev/null; do sleep 0.2; done
first_200_ms=$(( ($(date +%s%N) - launch_start) / 1000000 ))
cat "$out/stdout"
echo "python-load: first 200 after ${first_200_ms} ms (launch to response, JVM start included)"

measure() { # heap used after a full GC (KiB) and RSS (KiB)
  "$jcmd" "$pid" GC.run >/dev/null
  heap=$("$jcmd" "$pid" GC.heap_info | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -n 1)
  rss=$(sed -n 's/^VmRSS:[^0-9]*\([0-9]*\) kB/\1/p' "/proc/$pid/status")
  echo "python-load: after $1: heap used after GC ${heap} KiB, RSS ${rss} KiB"
}

measure "start-up"
total=0
for run in $(seq 1 "$runs"); do
  if [ "${JFR:-0}" = 1 ] && [ "$run" = "$runs" ]; then
    results="$root/bench/results/$(date -u +%Y%m%dT%H%M%SZ)-python-load"
    mkdir -p "$results"
    jfr_file="$results/load.jfr"
    "$jcmd" "$pid" JFR.start name=load settings=profile >/dev/null
  fi
  wrk -t2 -c"$connections" -d"$duration" --timeout 30s --latency -s "$out/routes.lua" "http://127.0.0.1:$port" >"$out/wrk$run"
  requests=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$out/wrk$run")
  rps=$(sed -n 's/^Requests\/sec: *//p' "$out/wrk$run")
  p99=$(sed -n 's/^ *99% *//p' "$out/wrk$run")
  errors=$(sed -n 's/^ *Socket errors: *//p' "$out/wrk$run")
  non2xx=$(sed -n 's/^ *Non-2xx or 3xx responses: *//p' "$out/wrk$run")
  total=$((total + requests))
  if [ -n "${jfr_file:-}" ]; then
    "$jcmd" "$pid" JFR.dump name=load filename="$jfr_file" >/dev/null
    "$jcmd" "$pid" JFR.stop name=load >/dev/null
  fi
  echo "python-load: run $run: $requests requests, $rps req/s, p99 $p99, socket errors: ${errors:-none}, non-2xx/3xx: ${non2xx:-0}"
  measure "run $run"
done

kill -TERM "$pid"
wait "$pid" || true
grep 'jwsgi-python: stopped' "$out/stderr"
if [ -n "${jfr_file:-}" ]; then
  echo "python-load: JFR recording of run $runs: $jfr_file"
  JAVA_HOME="$java_home" python3 "$root/bench/python-jfr-split.py" "$jfr_file" || true
fi
echo "python-load: wrk completed $total requests in all (the launcher's calls include those wrk cut off at each run's end)"
if grep -q 'Traceback' "$out/stderr"; then
  echo "python-load: Python tracebacks in the log:" >&2
  grep -A5 'Traceback' "$out/stderr" | head -n 40 >&2
  exit 1
fi
