"""Ensemble throughput of the engines, scaling with dyads and horizon, and peak memory.

Run:  .venv/bin/python benchmarks/bench_ensemble.py          (about 5 minutes)
      .venv/bin/python benchmarks/bench_ensemble.py --full   (adds 1,000,000 dyads x 10 years,
                                                             in-process and on Dask: ~15 min)
      .venv/bin/python benchmarks/bench_ensemble.py --million   (only that: ~10 min)
      .venv/bin/python benchmarks/bench_ensemble.py --million --dyads 100000   (~1 min)

The `classic` scenario with daily steps. Compile time is paid before timing and reported apart.
"compiled kernel" rows run what ensembles run (the event-driven integrator); "fixed daily steps"
rows the block step of engine/lanes.py, the NumPy engine's model, so their ratio is like for like.
Baselines run the model's functions uncompiled (NUMBA_DISABLE_JIT=1) in a child process.
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
from twinflames.engine.kernels import start, summarise_batch
from twinflames.engine.pack import pack_many
from twinflames.engine.rng import dyad_stream, seed_keys
from twinflames.engine.step import step_dyad
from twinflames.engine.vectorised import run_vectorised
from twinflames.model import layout as L

SC = tf.load("classic").with_changes(dt_hours=24)


def uncompiled(baseline: str, runs: int, days: int) -> float:
    """Dyad-steps per second of ``_loop`` (one dyad after another) or ``_vectorised`` (all dyads
    as arrays) in a child process where the model's functions run uncompiled."""
    here = str(Path(__file__).parent)
    code = (f"import sys; sys.path.insert(0, {here!r}); import bench_ensemble as b, time; "
            f"t = time.perf_counter(); b.{baseline}({runs}, {days}); "
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


def _vectorised(runs: int, days: int) -> None:
    key, pkey = seed_keys(SC.seed)
    dyads = np.arange(runs, dtype=np.int64)
    states, params = pack_many(SC, dyads, pkey)
    run_vectorised(states, params, key, dyads, days, 1.0)


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def rate(runs: int, days: int, **kw) -> float:
    return runs * days / timed(lambda: tf.ensemble(SC, runs, days=days, progress=False, **kw))


def fixed_rate(runs: int, days: int) -> float:
    """Dyad-steps per second of the compiled fixed daily step (engine/lanes.py), the same model
    as the NumPy engine's, summaries included."""
    key, pkey = seed_keys(SC.seed)
    dyads = np.arange(runs, dtype=np.int64)
    states, params = pack_many(SC, dyads, pkey)
    summarise_batch(states[:16].copy(), params[:16], key, dyads[:16], 2, 1.0, False)
    return runs * days / timed(lambda: summarise_batch(states, params, key, dyads, days, 1.0,
                                                       False))


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def million(dyads: int = 1_000_000) -> None:
    """``dyads`` x 10 years in this process and on a 2-worker Dask LocalCluster (issue 18:
    1,000,000 dyads in <= 120 s, Dask overhead <= 15%)."""
    local = timed(lambda: tf.ensemble(SC, dyads, days=3650, progress=False))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    dask = timed(lambda: tf.ensemble(SC, dyads, days=3650, workers=2, progress=False))
    limit = 120 * dyads / 1_000_000
    print(f"{dyads:,} dyads x 10 years: in-process {local:.0f} s ({dyads * 3650 / local:.3g} "
          f"dyad-steps/s; {verdict(local <= limit)} <= {limit:g} s), peak memory {peak:.0f} MiB "
          f"({verdict(peak <= 2048)} <= 2 GiB); Dask 2 workers {dask:.0f} s, overhead "
          f"{dask / local - 1:+.0%} ({verdict(dask <= 1.15 * local)} <= 15%)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--full", action="store_true", help="also 1e6 dyads x 10 years")
    parser.add_argument("--million", action="store_true",
                        help="only 1e6 dyads x 10 years (in-process and on Dask)")
    parser.add_argument("--dyads", type=int, default=1_000_000,
                        help="dyads of the --million run (e.g. 100000 on a shared machine)")
    args = parser.parse_args()
    t = time.perf_counter()
    tf.ensemble(SC, 4, days=2, progress=False)
    print(f"compile or load kernels: {time.perf_counter() - t:.2f} s (excluded below)\n")
    if args.million:
        million(args.dyads)
        return

    days, runs = 365, 20_000
    rates = {"python": uncompiled("_loop", 4, days),
             "numpy": uncompiled("_vectorised", runs, days)}
    for threads in (1, 2):
        numba.set_num_threads(threads)
        rates[f"compiled {threads}"] = rate(runs, days)
        rates[f"fixed {threads}"] = fixed_rate(runs, days)
    numba.set_num_threads(numba.config.NUMBA_NUM_THREADS)
    rates["dask"] = rate(runs, days, workers=2)
    names = {"python": "python per-dyad loop (reference engine)",
             "numpy": "numpy-vectorised (arrays of dyads, loop over time)",
             "compiled 1": "compiled kernel, 1 thread", "compiled 2": "compiled kernel, 2 threads",
             "fixed 1": "compiled fixed daily steps (lanes), 1 thread",
             "fixed 2": "compiled fixed daily steps (lanes), 2 threads",
             "dask": "dask LocalCluster, 2 workers (incl. start-up)"}
    print(f"{runs:,} dyads x {days} days (python loop: 4 dyads)")
    print(f"{'engine':<52} {'dyad-steps/s':>13} {'vs python':>10} {'vs numpy':>9}")
    for key, name in names.items():
        r = rates[key]
        print(f"{name:<52} {r:>13.3g} {r / rates['python']:>9.0f}x "
              f"{r / rates['numpy']:>8.2f}x")
    best = rates["compiled 2"]
    print(f"\ntargets: 2 threads >= 5x numpy: {best / rates['numpy']:.1f}x "
          f"{verdict(best >= 5 * rates['numpy'])}; >= 500x python: "
          f"{best / rates['python']:.0f}x {verdict(best >= 500 * rates['python'])}; "
          f"2 threads >= 1.7x 1 thread: {best / rates['compiled 1']:.2f}x "
          f"{verdict(best >= 1.7 * rates['compiled 1'])}")
    fixed = rates["fixed 2"]  # the same model as the NumPy engine: fixed daily steps
    print(f"issue 18, fixed daily steps: 2 threads >= 3.0e7 dyad-steps/s: {fixed:.3g} "
          f"{verdict(fixed >= 3e7)}; >= 25x numpy: {fixed / rates['numpy']:.1f}x "
          f"{verdict(fixed >= 25 * rates['numpy'])}")

    print(f"\n{'scaling (2 threads)':<34} {'seconds':>9} {'dyad-steps/s':>14}")
    for n in (1_000, 10_000, 100_000):
        s = timed(lambda n=n: tf.ensemble(SC, n, days=3650, progress=False))
        print(f"{n:>9,} dyads x 10 years          {s:>9.2f} {n * 3650 / s:>14.3g}")
    for years in (1, 10, 50):
        d = int(years * 365.25)
        s = timed(lambda d=d: tf.ensemble(SC, 10_000, days=d, progress=False))
        print(f"   10,000 dyads x {years:>2} years          {s:>9.2f} {10_000 * d / s:>14.3g}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory of this process: {peak:.0f} MiB")
    if args.full:
        million()


if __name__ == "__main__":
    main()
