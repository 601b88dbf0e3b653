"""Fitting benchmarks: IC and CLO on 10,000 dyads x 600 points (target <= 60 s each, end to
end from the long table), and the flagship model's parameter recovery and calibration, from
both twins' well-being (``flagship``) and from one twin's journal (``journal``).

Run:  nice .venv/bin/python benchmarks/bench_fit.py [--dyads 10000] [--points 600]
          [--part speed|flagship|journal|all] [--tests 200] [--reference 20000]
          [--days 180] [--keep 0.7] [--me chaser|runner] [--presets classic,both-heal,...]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from twinflames import fit

PRESETS = ("classic", "both-heal", "wildfire")


def synthetic_long(dyads: int, points: int, seed: int = 1) -> pd.DataFrame:
    """Long-format VAR(1) dyads with random inertia and coordination, a few values missing."""
    rng = np.random.default_rng(seed)
    inert = rng.uniform(0.3, 0.8, (dyads, 2))
    coord = rng.uniform(-0.2, 0.2, (dyads, 2))
    x = np.zeros((dyads, 2, points))
    noise = rng.normal(size=(dyads, 2, points))
    for t in range(1, points):
        x[:, :, t] = inert * x[:, :, t - 1] + coord * x[:, ::-1, t - 1] + noise[:, :, t]
    x[rng.random(x.shape) < 0.01] = np.nan
    d, k, t = np.meshgrid(np.arange(dyads), (0, 1), np.arange(points), indexing="ij")
    return pd.DataFrame({"dyad": d.ravel(), "person": (2 * d + k).ravel(),
                         "distinguisher": k.ravel(), "time": t.ravel() + 1,
                         "value": x.ravel()})


def speed(dyads: int, points: int) -> list[tuple[str, float, str]]:
    df = synthetic_long(dyads, points)
    rows = []
    for name, call in (("IC, lag 1", lambda: fit.ic(df, lag=1)),
                       ("IC, absMaxCC", lambda: fit.ic(df)),
                       ("CLO, tau 2-3 x embed 3-4", lambda: fit.clo(df))):
        start = time.perf_counter()
        result = call()
        seconds = time.perf_counter() - start
        rows.append((name, seconds, result.summary()))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dyads", type=int, default=10_000)
    ap.add_argument("--points", type=int, default=600)
    ap.add_argument("--part", choices=["speed", "flagship", "journal", "all"], default="all")
    ap.add_argument("--tests", type=int, default=200, help="flagship: test dyads per preset")
    ap.add_argument("--reference", type=int, default=20_000,
                    help="flagship: reference table size")
    ap.add_argument("--days", type=int, default=180, help="journal: days a journal spans")
    ap.add_argument("--keep", type=float, default=0.7,
                    help="journal: share of days with entries")
    ap.add_argument("--me", choices=["chaser", "runner"], default="chaser",
                    help="journal: the keeper starts as the preset's chaser or runner")
    ap.add_argument("--presets", default=",".join(PRESETS),
                    help="flagship and journal: presets, comma-separated")
    args = ap.parse_args()
    if args.part in ("speed", "all"):
        print(f"## IC and CLO: {args.dyads:,} dyads x {args.points} points (target <= 60 s)\n")
        print("| fit | seconds | target ratio | summary |\n|---|---:|---:|---|")
        for name, seconds, summary in speed(args.dyads, args.points):
            print(f"| {name} | {seconds:.1f} | {seconds / 60:.2f} | {summary} |")
    if args.part in ("flagship", "all"):
        from twinflames.fit import flagship_sim as sim
        from twinflames.fit.recovery import report

        print("\n## Flagship: recovery and calibration (target: 90% intervals cover the truth "
              "85-95%)\n")
        start = time.perf_counter()
        print(report([sim.Design(preset=p) for p in args.presets.split(",")], n_test=args.tests,
                     n_reference=args.reference))
        print(f"({time.perf_counter() - start:.0f} s)")
    if args.part in ("journal", "all"):
        from twinflames.fit.flagship_journal import DEFAULT_KEEP
        from twinflames.fit.journal_sim import JournalDesign
        from twinflames.fit.recovery import report

        print("\n## Flagship from a journal: recovery and calibration (target: 90% intervals "
              "cover the truth 85-95%)\n")
        start = time.perf_counter()
        print(report([JournalDesign(preset=p, days=args.days, keep=args.keep, me=args.me)
                      for p in args.presets.split(",")],
                     n_test=args.tests, n_reference=args.reference, keep=DEFAULT_KEEP))
        print(f"({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
