"""How fast the urge flow answers (issue 15): the forecast of this moment must feel immediate.

Times, on a synthetic 365-day journal with warm caches (best of three): the forecast step
(1,000 futures under each of the three choices, 90 days, from a posterior already inferred),
the whole flow data once the posterior is there (history, forecast, words), the filter run that
gives the posterior, and the two-choice forecast of ``journal forecast`` for scale. Prints one
table with each target, the ratio to it and whether it was met.

Run:  .venv/bin/python benchmarks/bench_urge.py [--particles 2000] [--runs 1000]
"""

from __future__ import annotations

import argparse
import sys
import time

from twinflames.inference import infer
from twinflames.inference.observations import DEFAULT_PARTICLES
from twinflames.inference.urge import DEFAULT_RUNS, urge_forecast
from twinflames.inference.urge_flow import urge_flow
from twinflames.inference.validation.synthetic import synthetic_journal

FORECAST_TARGET = 3.0  # seconds, warm: "fast enough to feel immediate"


def best(work, repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        work()
        times.append(time.perf_counter() - t0)
    return min(times)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--particles", type=int, default=DEFAULT_PARTICLES)
    ap.add_argument("--runs", type=int, default=DEFAULT_RUNS)
    args = ap.parse_args(argv)
    entries = synthetic_journal(3, days=365, which=3).entries
    warm = infer(entries[:60], particles=200)
    urge_forecast(warm, blocked=False, runs=100)  # compile and warm up
    result = infer(entries, particles=args.particles, seed=1)
    rows = [
        ("urge forecast: 3 choices, 90 days", best(
            lambda: urge_forecast(result, blocked=False, runs=args.runs)), FORECAST_TARGET),
        ("urge flow data, posterior given", best(
            lambda: urge_flow(entries, posterior=result, runs=args.runs)), FORECAST_TARGET),
        ("filter run (the posterior, 365 days)", best(
            lambda: infer(entries, particles=args.particles, seed=1)), 30.0),
        ("journal forecast: 2 choices, 90 days", best(
            lambda: result.forecast(days=90, runs=args.runs)), 5.0),
    ]
    print(f"{args.particles} particles, {args.runs} futures per choice, warm, best of three")
    print("| task | seconds | target | ratio | met |\n|---|---:|---:|---:|---|")
    for name, seconds, target in rows:
        print(f"| {name} | {seconds:.3f} | ≤ {target:g} s | {seconds / target:.3f} | "
              f"{'yes' if seconds <= target else 'NO'} |")
    return 0 if all(s <= t for _, s, t in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
