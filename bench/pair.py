"""The raw servlet against the bridge, and any build against its base, from one run of
`bench/run.sh --pair` (issue 14, part 3) or `bench/run.sh --standalone` (issue 16).

    python3 bench/pair.py [bench/results/<stamp>]      (default: bench/results/latest)

Prints, per server, req/s, server CPU µs per request and p99 for each round and their means, and
the bridge's ratios to the raw servlet of the same build: req/s, requests per server CPU-second
(the figure that depends least on a shared machine's load) and p99. With BASE_JAR the run also
has servlet-base and bridge-base (another build), so the same ratios come out for both builds.
Targets: bridge >= 0.95x the raw servlet in req/s and per CPU-second, p99 <= 1.2x. On a machine
shared with other work the means swing with the load; the ratio of the best rounds (the fewest CPU
µs per request of each server, the round least disturbed) is printed too, but only a run on a
quiet machine settles a target.

For every server X that ran with its X-base (jwsgi and jwsgi-base with BASE_DIR, servlet-base,
bridge-base with BASE_JAR), it prints X / X-base: after over before, in req/s (above 1 is faster),
per CPU-second (above 1 is cheaper) and p99 (below 1 is better), and the same for the best rounds.
"""

import json
import statistics
import sys
from pathlib import Path


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "results" / "latest"
    runs = [json.loads(line) for line in (out / "runs.jsonl").read_text().splitlines() if line.strip()]
    by = {}
    for r in runs:
        w = r["wrk"]
        by.setdefault(r["server"], []).append({
            "round": r["round"],
            "rps": w["requests"] / (w["duration_us"] / 1e6),
            "cpu_us": r["cpu_seconds"] * 1e6 / max(w["requests"], 1),
            "p99_ms": w["p99_us"] / 1000,
            "errors": w["connect_errors"] + w["read_errors"] + w["write_errors"] + w["status_errors"] + w["timeout_errors"],
            "load1": r["load1"],
        })
    mean = {s: {k: statistics.mean(x[k] for x in rs) for k in ("rps", "cpu_us", "p99_ms", "load1")} for s, rs in by.items()}
    print(f"{'server':<14} {'req/s':>9} {'CPU us/req':>11} {'p99 ms':>8} {'errors':>6}   per round (req/s, us/req, load1)")
    for s, rs in by.items():
        m = mean[s]
        rounds = "; ".join(f"{x['rps']:,.0f} {x['cpu_us']:.1f} {x['load1']}" for x in sorted(rs, key=lambda x: x["round"]))
        print(f"{s:<14} {m['rps']:>9,.0f} {m['cpu_us']:>11.1f} {m['p99_ms']:>8.2f} {sum(x['errors'] for x in rs):>6}   {rounds}")
    for suffix in ("", "-base"):
        servlet, bridge = "servlet" + suffix, "bridge" + suffix
        if servlet in mean and bridge in mean:
            a, b = mean[bridge], mean[servlet]
            print(f"{bridge} / {servlet}: req/s {a['rps'] / b['rps']:.3f}x, per CPU-second "
                  f"{b['cpu_us'] / a['cpu_us']:.3f}x, p99 {a['p99_ms'] / b['p99_ms']:.2f}x"
                  " (targets: >= 0.95x, >= 0.95x, <= 1.2x)")
            best_a = min(x["cpu_us"] for x in by[bridge])
            best_b = min(x["cpu_us"] for x in by[servlet])
            print(f"  best rounds: {bridge} {best_a:.1f} us/req, {servlet} {best_b:.1f} us/req:"
                  f" {best_b / best_a:.3f}x per CPU-second")
            paired(by[bridge], by[servlet], f"{bridge} / {servlet}")
    # The floor (bench/pair-jvm.sh SERVERS="servlet getters environ bridge"): the raw servlet plus
    # the container getters of a WSGI environ (getters), plus its HashMap (environ), no jwsgi code.
    for floor in ("getters", "environ"):
        if floor in mean and "servlet" in mean:
            a, b = mean[floor], mean["servlet"]
            print(f"{floor} / servlet (the floor, no jwsgi code): req/s {a['rps'] / b['rps']:.3f}x, per CPU-second "
                  f"{b['cpu_us'] / a['cpu_us']:.3f}x, {a['cpu_us'] - b['cpu_us']:+.2f} us/req")
            paired(by[floor], by["servlet"], f"{floor} / servlet")
    if "environ" in mean and "bridge" in mean:
        a, b = mean["bridge"], mean["environ"]
        print(f"bridge / environ (jwsgi's own cost above the floor): req/s {a['rps'] / b['rps']:.3f}x, per CPU-second "
              f"{b['cpu_us'] / a['cpu_us']:.3f}x, {a['cpu_us'] - b['cpu_us']:+.2f} us/req")
        paired(by["bridge"], by["environ"], "bridge / environ")
    for base in sorted(s for s in mean if s.endswith("-base")):
        new = base[: -len("-base")]
        if new in mean:
            a, b = mean[new], mean[base]
            print(f"{new} / {base} (after / before): req/s {a['rps'] / b['rps']:.3f}x, per CPU-second "
                  f"{b['cpu_us'] / a['cpu_us']:.3f}x, p99 {a['p99_ms'] / b['p99_ms']:.2f}x")
            best_a = min(x["cpu_us"] for x in by[new])
            best_b = min(x["cpu_us"] for x in by[base])
            print(f"  best rounds: {new} {best_a:.1f} us/req, {base} {best_b:.1f} us/req:"
                  f" {best_b / best_a:.3f}x per CPU-second")
            paired(by[new], by[base], f"{new} / {base}")


def paired(a, b, label):
    """The medians of the per-round ratios: each round's two runs were taken back to back, so a
    round's ratio is the least disturbed by the machine's drift (bench/pair-jvm.sh)."""
    rounds = {x["round"]: x for x in b}
    pairs = [(x, rounds[x["round"]]) for x in a if x["round"] in rounds]
    if len(pairs) < 3:
        return
    rps = statistics.median(x["rps"] / y["rps"] for x, y in pairs)
    cpu = statistics.median(y["cpu_us"] / x["cpu_us"] for x, y in pairs)
    p99 = statistics.median(x["p99_ms"] / y["p99_ms"] for x, y in pairs)
    print(f"  median of the {len(pairs)} rounds' ratios, {label}: req/s {rps:.3f}x, per CPU-second {cpu:.3f}x, p99 {p99:.2f}x")


if __name__ == "__main__":
    main()
