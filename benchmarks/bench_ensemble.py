"""Ensemble throughput of the engines, scaling with dyads and horizon, and peak memory.

Run:  .venv/bin/python benchmarks/bench_ensemble.py          (a few minutes)
      .venv/bin/python benchmarks/bench_ensemble.py --full   (adds 1,000,000 dyads x 10 years)

The `classic` scenario with daily steps. Compile time is paid before timing and reported apart.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numba
import numpy as np

import twinflames as tf
from twinflames.engine.kernels import start
from twinflames.engine.pack import pack_many
from twinflames.engine.rng import dyad_stream, seed_keys
from twinflames.engine.step import step_dyad
from twinflames.model import layout as L

SC = tf.load("classic").with_changes(dt_hours=24)


def python_loop(runs: int, days: int) -> float:
    """Dyad-steps per second of the pure-Python reference engine (the model's functions run
    uncompiled: NUMBA_DISABLE_JIT=1 in a child process), one dyad after another."""
    here = str(Path(__file__).parent)
    code = (f"import sys; sys.path.insert(0, {here!r}); import bench_ensemble as b, time; "
            f"t = time.perf_counter(); b._loop({runs}, {days}); "
            "print(time.perf_counter() - t)")
    env = {**os.environ, "NUMBA_DISABLE_JIT": "1"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True).stdout
    return runs * days / float(out.strip().splitlines()[-1])


def _loop(runs: int, days: int) -> None:
    key, pkey = seed_keys(SC.seed)
    states, params = pack_many(SC, np.arange(runs, dtype=np.int64), pkey)
    h_a, h_b = np.empty(L.N_TWIN_EVENTS), np.empty(L.N_TWIN_EVENTS)
    with np.errstate(over="ignore"):
        for i in range(runs):
            x, p = states[i], params[i]
            start(x, p)
            stream = dyad_stream(key, i)
            for k in range(days):
                step_dyad(x, p, stream, k, 1.0, -1, -1, h_a, h_b)


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--full", action="store_true", help="also 1e6 dyads x 10 years")
    args = parser.parse_args()
    t = time.perf_counter()
    tf.ensemble(SC, 4, days=2, progress=False)
    print(f"compile or load kernels: {time.perf_counter() - t:.2f} s (excluded below)\n")

    rows = []
    days, runs = 365, 20_000
    rows.append(("python per-dyad loop (reference engine)", python_loop(4, days)))
    for threads in (1, 2):
        numba.set_num_threads(threads)
        s = timed(lambda: tf.ensemble(SC, runs, days=days, progress=False))
        rows.append((f"compiled kernel, {threads} thread(s)", runs * days / s))
    numba.set_num_threads(numba.config.NUMBA_NUM_THREADS)
    s = timed(lambda: tf.ensemble(SC, runs, days=days, workers=2, progress=False))
    rows.append(("dask LocalCluster, 2 workers (incl. start-up)", runs * days / s))
    base = rows[0][1]
    print(f"{'engine':<48} {'dyad-steps/s':>14} {'vs python':>10}")
    for name, rate in rows:
        print(f"{name:<48} {rate:>14.3g} {rate / base:>9.0f}x")
    print("numpy-vectorised baseline: not built yet")

    print(f"\n{'scaling':<34} {'seconds':>9} {'dyad-steps/s':>14}")
    for n in (1_000, 10_000, 100_000):
        s = timed(lambda n=n: tf.ensemble(SC, n, days=3650, progress=False))
        print(f"{n:>9,} dyads x 10 years          {s:>9.2f} {n * 3650 / s:>14.3g}")
    for years in (1, 10, 50):
        d = int(years * 365.25)
        s = timed(lambda d=d: tf.ensemble(SC, 10_000, days=d, progress=False))
        print(f"   10,000 dyads x {years:>2} years          {s:>9.2f} {10_000 * d / s:>14.3g}")
    if args.full:
        s = timed(lambda: tf.ensemble(SC, 1_000_000, days=3650, progress=False))
        print(f"1,000,000 dyads x 10 years          {s:>9.2f} {1e6 * 3650 / s:>14.3g}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory of this process: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
