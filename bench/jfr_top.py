"""Where a JFR recording spent its CPU samples (docs/benchmarks.md, "Profiling").

    python3 bench/jfr_top.py RECORDING.jfr [N] [FILTER]
    python3 bench/jfr_top.py --alloc RECORDING.jfr [N] [FILTER]

Runs the JDK's `jfr print --json --events jdk.ExecutionSample` and prints the N (default 25)
methods with the most samples on top of the stack ("self"), and the N with the most samples
anywhere in the stack ("total"), optionally only frames whose class name contains FILTER
(e.g. io.jwsgi). With --alloc it reads JFR's allocation samples (jdk.ObjectAllocationSample,
recorded by `settings=profile`) instead and counts each by its weight, the bytes it stands for:
the methods that allocated the most ("self", the allocating frame), the ones under which the most
was allocated ("total"), and the classes allocated. Python standard library only; `jfr` must be
on the PATH (or JAVA_HOME/bin).
"""

import collections
import json
import os
import shutil
import subprocess
import sys


def main():
    args = sys.argv[1:]
    alloc = bool(args) and args[0] == "--alloc"
    if alloc:
        args = args[1:]
    recording = args[0]
    n = int(args[1]) if len(args) > 1 else 25
    only = args[2] if len(args) > 2 else ""
    event_type = "jdk.ObjectAllocationSample" if alloc else "jdk.ExecutionSample"
    jfr = shutil.which("jfr") or os.path.join(os.environ.get("JAVA_HOME", ""), "bin", "jfr")
    printed = subprocess.run(
        [jfr, "print", "--json", "--stack-depth", "64", "--events", event_type, recording],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    events = json.loads(printed)["recording"]["events"]
    self_counts = collections.Counter()
    total_counts = collections.Counter()
    class_counts = collections.Counter()
    for event in events:
        values = event["values"]
        weight = int(values.get("weight", 0)) if alloc else 1
        frames = values["stackTrace"]["frames"] if values.get("stackTrace") else []
        names = [f"{f['method']['type']['name']}.{f['method']['name']}" for f in frames]
        if names:
            self_counts[names[0]] += weight
        for name in set(names):
            total_counts[name] += weight
        if alloc:
            class_counts[values["objectClass"]["name"]] += weight
    samples = sum(self_counts.values()) if alloc else len(events)
    unit = "bytes" if alloc else "samples"
    print(f"{len(events)} samples ({samples} {unit}) in {recording}")
    tables = [("self", self_counts), ("total", total_counts)]
    if alloc:
        tables.append(("allocated class", class_counts))
    for title, counts in tables:
        print(f"\n-- top {n} by {title} {unit}" + (f" (frames containing {only!r})" if only and title != "allocated class" else ""))
        shown = [(name, c) for name, c in counts.most_common() if title == "allocated class" or only in name][:n]
        for name, c in shown:
            print(f"{100.0 * c / max(samples, 1):6.1f}%  {c:12d}  {name}")


if __name__ == "__main__":
    main()
