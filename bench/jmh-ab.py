"""The JMH before/after of one run of bench/jmh-ab.sh.

    python3 bench/jmh-ab.py [bench/results/jmh-<stamp>]     (default: bench/results/jmh-latest)

Prints, per benchmark, the score of the base build and of the new build in each round (ns/op as
JmhSettings measures them: lower is faster), their means, and new / base of the means and of the
best rounds (below 1 the new build is faster). Rounds alternate base and new, so the two sides saw
the same machine; on a shared machine read the best rounds, and settle figures on a quiet one.
"""

import json
import statistics
import sys
from pathlib import Path


def scores(out, side):
    """{benchmark: [(round, score, error, unit)]} of one side."""
    by = {}
    for f in sorted(out.glob(f"{side}-r*.json")):
        round_no = int(f.stem.split("-r")[-1])
        for r in json.loads(f.read_text()):
            m = r["primaryMetric"]
            name = r["benchmark"].replace("io.jwsgi.", "")
            by.setdefault(name, []).append((round_no, m["score"], m["scoreError"], m["scoreUnit"]))
    return by


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "results" / "jmh-latest"
    base, new = scores(out, "base"), scores(out, "new")
    if not base or not new:
        sys.exit(f"no base-r*.json and new-r*.json in {out}")
    meta = out / "meta.json"
    if meta.exists():
        m = json.loads(meta.read_text())
        print(f"{m.get('date_utc')}: new {m.get('commit')} against base {m.get('base_commit')}, {m.get('java')},"
              f" {m.get('jmh_opts')}, {m.get('rounds')} rounds, load {m.get('load_start')} -> {m.get('load_end')}")
    width = max(len(n) for n in base.keys() | new.keys())
    print(f"{'benchmark':<{width}}  {'base':>10}  {'new':>10}  {'new/base':>8}  {'best':>6}   per round (base; new)")
    for name in sorted(base.keys() | new.keys()):
        b, n = base.get(name, []), new.get(name, [])
        if not b or not n:
            print(f"{name:<{width}}  only in {'base' if b else 'new'}")
            continue
        unit = b[0][3]
        mb, mn = statistics.mean(x[1] for x in b), statistics.mean(x[1] for x in n)
        best = min(x[1] for x in n) / min(x[1] for x in b)
        rounds = ", ".join(f"{x[1]:,.0f}" for x in sorted(b)) + "; " + ", ".join(f"{x[1]:,.0f}" for x in sorted(n))
        print(f"{name:<{width}}  {mb:>10,.1f}  {mn:>10,.1f}  {mn / mb:>7.3f}x  {best:>5.3f}x   {rounds} ({unit})")


if __name__ == "__main__":
    main()
