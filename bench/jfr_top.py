"""Where a JFR recording spent its CPU samples (docs/benchmarks.md, "Profiling").

    python3 bench/jfr_top.py RECORDING.jfr [N] [FILTER]

Runs the JDK's `jfr print --json --events jdk.ExecutionSample` and prints the N (default 25)
methods with the most samples on top of the stack ("self"), and the N with the most samples
anywhere in the stack ("total"), optionally only frames whose class name contains FILTER
(e.g. io.jwsgi). Python standard library only; `jfr` must be on the PATH (or JAVA_HOME/bin).
"""

import collections
import json
import os
import shutil
import subprocess
import sys


def main():
    recording = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    only = sys.argv[3] if len(sys.argv) > 3 else ""
    jfr = shutil.which("jfr") or os.path.join(os.environ.get("JAVA_HOME", ""), "bin", "jfr")
    printed = subprocess.run(
        [jfr, "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", recording],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    events = json.loads(printed)["recording"]["events"]
    self_counts = collections.Counter()
    total_counts = collections.Counter()
    for event in events:
        frames = event["values"]["stackTrace"]["frames"] if event["values"].get("stackTrace") else []
        names = [f"{f['method']['type']['name']}.{f['method']['name']}" for f in frames]
        if names:
            self_counts[names[0]] += 1
        for name in set(names):
            total_counts[name] += 1
    samples = len(events)
    print(f"{samples} samples in {recording}")
    for title, counts in (("self", self_counts), ("total", total_counts)):
        print(f"\n-- top {n} by {title} samples" + (f" (frames containing {only!r})" if only else ""))
        shown = [(name, c) for name, c in counts.most_common() if only in name][:n]
        for name, c in shown:
            print(f"{100.0 * c / max(samples, 1):6.1f}%  {c:6d}  {name}")


if __name__ == "__main__":
    main()
