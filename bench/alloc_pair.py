"""Heap bytes allocated per request by the raw servlet and the bridge on the real container (issue 14).

    python3 bench/alloc_pair.py [JAR ...]      (default: this tree's bench/jwsgi-bench-app jar)

For each jar (a build of bench/jwsgi-bench-app): starts it as bench/run.sh does (-Xmx512m
-XX:+UseSerialGC, port PORT), warms up /servlet and /jwsgi with wrk, then, ROUNDS times for each
path, loads it with wrk for DURATION seconds inside a JFR recording of only
jdk.ThreadAllocationStatistics: the JVM's exact count of the bytes each thread allocated, at the
start and at the end of the recording. Their difference summed over the threads, over the requests
wrk completed, is the heap allocated per request: by the container's request threads (exec), and
by every thread (all: pollers, acceptor, JFR's own). Unlike req/s and CPU time, neither depends on
how busy the machine is, so two builds compare on a shared machine. Knobs (environment): PORT
(19301), WARMUP (15 s per path), DURATION (5), ROUNDS (3), CONNECTIONS (32), BENCH_JAVA (Temurin 25
if installed, else java). Needs wrk, curl and the JDK's jcmd and jfr next to BENCH_JAVA.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("PORT", "19301"))
WARMUP = int(os.environ.get("WARMUP", "15"))
DURATION = int(os.environ.get("DURATION", "5"))
ROUNDS = int(os.environ.get("ROUNDS", "3"))
CONNECTIONS = int(os.environ.get("CONNECTIONS", "32"))
JAVA = os.environ.get("BENCH_JAVA") or (
    "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"
    if os.path.exists("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java")
    else shutil.which("java")
)
BIN = Path(os.path.realpath(JAVA)).parent
SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0">
  <event name="jdk.ThreadAllocationStatistics">
    <setting name="enabled">true</setting>
    <setting name="period">everyChunk</setting>
  </event>
</configuration>
"""


def wrk(path, seconds):
    out = subprocess.run(
        ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", f"http://127.0.0.1:{PORT}/{path}"],
        check=True, capture_output=True, text=True).stdout
    return next(int(line.split()[0]) for line in out.splitlines() if "requests in" in line)


def allocated(recording):
    """Bytes allocated during the recording: per thread, the last count minus the first."""
    printed = subprocess.run(
        [str(BIN / "jfr"), "print", "--json", "--events", "jdk.ThreadAllocationStatistics", recording],
        check=True, capture_output=True, text=True).stdout
    first, last, names = {}, {}, {}
    for event in json.loads(printed)["recording"]["events"]:
        v = event["values"]
        tid = v["thread"]["javaThreadId"] if v.get("thread") else None
        if tid is None:
            continue
        names[tid] = v["thread"]["javaName"] or ""
        first.setdefault(tid, v["allocated"])
        last[tid] = v["allocated"]
    exec_bytes = sum(last[t] - first[t] for t in last if "-exec-" in names[t])
    all_bytes = sum(last[t] - first[t] for t in last)
    return exec_bytes, all_bytes


def main():
    jars = sys.argv[1:] or [str(ROOT / "bench/jwsgi-bench-app/target/jwsgi-bench-app-0.1.0-SNAPSHOT.jar")]
    work = Path(tempfile.mkdtemp(prefix="alloc-pair."))
    (work / "alloc.jfc").write_text(SETTINGS)
    for jar in jars:
        server = subprocess.Popen(
            [JAVA, "-Xmx512m", "-XX:+UseSerialGC", "-jar", jar, f"--server.port={PORT}"],
            stdout=open(work / "server.log", "w"), stderr=subprocess.STDOUT)
        try:
            for _ in range(900):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{PORT}/servlet", timeout=2).read()
                    break
                except OSError:
                    time.sleep(0.1)
            print(f"== {jar}")
            for path in ("servlet", "jwsgi"):
                wrk(path, WARMUP)
            per = {"servlet": [], "jwsgi": []}
            for r in range(1, ROUNDS + 1):
                for path in ("servlet", "jwsgi"):
                    recording = str(work / f"{path}-{r}.jfr")
                    jcmd = [str(BIN / "jcmd"), str(server.pid)]
                    subprocess.run(jcmd + ["JFR.start", "name=alloc", f"settings={work / 'alloc.jfc'}"],
                                   check=True, capture_output=True)
                    n = wrk(path, DURATION)
                    subprocess.run(jcmd + ["JFR.stop", "name=alloc", f"filename={recording}"],
                                   check=True, capture_output=True)
                    exec_bytes, all_bytes = allocated(recording)
                    per[path].append((exec_bytes / n, all_bytes / n))
                    print(f"{path:<8} round {r}: {n:>8} requests, {exec_bytes / n:7.0f} bytes/request on the"
                          f" request threads, {all_bytes / n:7.0f} on all threads")
            for path, xs in per.items():
                print(f"{path:<8} median: {statistics.median(x[0] for x in xs):7.0f} bytes/request (request"
                      f" threads), {statistics.median(x[1] for x in xs):7.0f} (all threads)")
        finally:
            server.terminate()
            server.wait(30)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
