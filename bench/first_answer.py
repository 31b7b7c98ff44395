"""Time from launching a server to its first HTTP answer (bench/run.sh's start-up target).

    python3 bench/first_answer.py URL TIMEOUT_S -- COMMAND ARGS...

Starts COMMAND, then tries GET URL every 2 ms until a 200 arrives, and prints one JSON line:
{"seconds": ..., "status": ...}. The clock starts just before the process is created, so the
figure includes fork/exec and the whole JVM start. The server is then stopped (SIGTERM, then
SIGKILL). Python standard library only.
"""

import http.client
import json
import subprocess
import sys
import time
import urllib.parse


def main():
    url, timeout, sep, *command = sys.argv[1:]
    if sep != "--" or not command:
        sys.exit("usage: first_answer.py URL TIMEOUT_S -- COMMAND ARGS...")
    target = urllib.parse.urlsplit(url)
    deadline = float(timeout)
    start = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    result = {"seconds": None, "status": None}
    try:
        while time.monotonic() - start < deadline:
            try:
                connection = http.client.HTTPConnection(target.hostname, target.port, timeout=2)
                connection.request("GET", target.path or "/")
                response = connection.getresponse()
                response.read()
                connection.close()
                if response.status == 200:
                    result = {"seconds": round(time.monotonic() - start, 4), "status": 200}
                    break
                result["status"] = response.status
            except OSError:
                pass
            time.sleep(0.002)
    finally:
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
