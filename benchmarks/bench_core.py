"""Core timings: one long single run and a 10,000-dyad ensemble, compile time reported apart.

Run:  .venv/bin/python benchmarks/bench_core.py
"""

from __future__ import annotations

import time

import numpy as np

import twinflames as tf


def timed(fn, repeat: int = 3) -> float:
    best = np.inf
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    t = time.perf_counter()
    tf.simulate("classic", days=1)
    tf.ensemble("classic", 2, days=1, progress=False)
    warm = time.perf_counter() - t
    rows = []
    sc = tf.load("classic")
    single = timed(lambda: tf.simulate(sc, days=3652.5, dt_hours=1))
    steps = 3652.5 * 24
    rows.append(("single run, 10 years, 1 h steps", single, steps / single))
    for dt, label in ((24, "1 day"), (1, "1 h")):
        days = 1095
        runs = 10_000
        s = timed(lambda dt=dt, runs=runs, days=days: tf.ensemble(
            sc, runs, days=days, dt_hours=dt, progress=False), repeat=1 if dt == 1 else 3)
        rows.append((f"ensemble 10,000 dyads x 3 years, {label} steps", s,
                     runs * days * 24 / dt / s))
    print(f"first call (load + compile or read the on-disk cache): {warm:.2f} s")
    print(f"{'case':<48} {'seconds':>9} {'dyad-steps/s':>14}")
    for name, sec, rate in rows:
        print(f"{name:<48} {sec:>9.3f} {rate:>14.3g}")


if __name__ == "__main__":
    main()
