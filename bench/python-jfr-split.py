"""Where a jwsgi-python server's CPU samples went (docs/python.md, "Performance").

    python3 bench/python-jfr-split.py RECORDING.jfr [HH:MM:SS]

Reads the jdk.ExecutionSample events of a JFR recording (bench/python-run.sh with JFR=1), only
those at or after the given time of day if one is given (e.g. the start of the measured window),
and splits them: the Truffle compiler threads; Python code whose innermost Python frame still
runs in GraalPy's bytecode interpreter, or is compiled; jwsgi's own code; Tomcat and Spring; the
JDK. `jfr` comes from JAVA_HOME or the PATH (JDK 21+). Python standard library only.
"""

import collections
import os
import re
import shutil
import subprocess
import sys


def category(thread, frames):
    if thread.startswith("TruffleCompilerThread") or "Compiler" in thread:
        return "Truffle compiler threads (compiling Python)"
    if any("jdk.graal.compiler" in f for f in frames):
        return "Graal compiler on a request thread"
    for frame in frames:  # innermost first
        if "PBytecodeRootNode.bytecodeLoop" in frame:
            return "Python, innermost frame interpreted"
        if "OptimizedCallTarget" in frame:
            return "Python, innermost frame compiled"
    top = frames[0] if frames else ""
    if top.startswith("io.jwsgi"):
        return "jwsgi (server, environ, host calls)"
    if top.startswith(("org.apache", "org.springframework", "io.micrometer")):
        return "Tomcat, Spring, Micrometer"
    if top.startswith(("java.", "jdk.", "sun.")):
        return "JDK (I/O, collections, ...)"
    if top.startswith(("com.oracle.truffle", "com.oracle.graal.python")):
        return "GraalPy/Truffle runtime, other"
    return "other"


def main():
    recording = sys.argv[1]
    since = sys.argv[2] if len(sys.argv) > 2 else "00:00:00"
    jfr = os.path.join(os.environ["JAVA_HOME"], "bin", "jfr") if os.environ.get("JAVA_HOME") else shutil.which("jfr")
    printed = subprocess.Popen(
        [jfr, "print", "--events", "jdk.ExecutionSample", "--stack-depth", "40", recording],
        stdout=subprocess.PIPE,
        text=True,
    )
    counts = collections.Counter()
    event = None

    def done(event):
        if event and event["thread"] is not None and event["time"] >= since:
            counts[category(event["thread"], event["frames"])] += 1

    for line in printed.stdout:
        text = line.strip()
        if line.startswith("jdk.ExecutionSample"):
            done(event)
            event = {"thread": None, "time": "", "frames": []}
        elif event is None:
            continue
        elif text.startswith("startTime = "):
            event["time"] = text[len("startTime = ") : len("startTime = ") + 8]
        elif text.startswith("sampledThread = "):
            match = re.match(r'sampledThread = "(.*)"', text)
            event["thread"] = match.group(1) if match else ""
        elif "line:" in text:
            event["frames"].append(text)
    done(event)
    printed.wait()
    total = sum(counts.values())
    print("%d samples since %s" % (total, since))
    for name, n in counts.most_common():
        print("%6d %5.1f%%  %s" % (n, 100.0 * n / max(total, 1), name))


if __name__ == "__main__":
    main()
