"""The machine's limit for the kernel's mix of operations, and how near the kernel comes to it.

Run:  .venv/bin/python benchmarks/bench_limit.py        (about a minute)

Each micro-benchmark is a compiled loop over 4,096 independent lanes (so the processor can
overlap them, as it overlaps the work of one dyad-step) on one thread. Other jobs share this
machine's two cores, so every figure is the best of several runs in *processor time* of this
process (``time.process_time``: time spent waiting for a core is not counted); the 2-thread rate
is work per processor-second times two, what two undisturbed cores would give.

The roofline of one dyad-step is the sum, over the operation classes of the kernel, of
(operations per dyad-step) x (seconds per operation); the counts were taken by hand from the
source of one step (``engine/lanes.py`` with the model functions it inlines) and the ensemble's
summary loop (``engine/kernels.py``). The plain-arithmetic logarithm and turn
(``model/elementary.py``) are timed in a loop that vectorises, as in the block step; the C
library's functions one value at a time.
"""

from __future__ import annotations

import time

import numba
import numpy as np
from numba import njit

import twinflames as tf
from twinflames.engine.kernels import summarise_batch
from twinflames.engine.pack import pack_many
from twinflames.engine.rng import _mix, seed_keys
from twinflames.model.elementary import log_unit, turn

LANES = 4096
ROUNDS = 64
REPEAT = 15

# operations of one fixed dyad-step (engine/lanes.py), counted from the source; the events'
# C-library calls happen only in steps with an event (0.36 of classic's twin-steps)
MIX = {
    "add/sub/mul/min/max/compare (float64)": 600,
    "division": 2,
    "square root": 3,
    "logarithm, plain arithmetic (2 event clocks, Box-Muller)": 3,
    "cosine + sine of a turn, plain arithmetic": 1,
    "C library log (an event's log-probability)": 1.4,
    "C library expm1 (an event's chance)": 0.7,
    "64-bit random mix (SplitMix64 finaliser)": 4,
}


@njit(cache=True, nogil=True)
def _arith_scalar(x, rounds):
    # 8 independent chains of a dependent add-multiply: the throughput of scalar arithmetic
    acc = 0.0
    for i in range(0, x.shape[0], 8):
        a0, a1, a2, a3 = x[i], x[i + 1], x[i + 2], x[i + 3]
        a4, a5, a6, a7 = x[i + 4], x[i + 5], x[i + 6], x[i + 7]
        for _ in range(rounds):
            a0 = a0 * 0.999 + 0.001
            a1 = a1 * 0.999 + 0.001
            a2 = a2 * 0.999 + 0.001
            a3 = a3 * 0.999 + 0.001
            a4 = a4 * 0.999 + 0.001
            a5 = a5 * 0.999 + 0.001
            a6 = a6 * 0.999 + 0.001
            a7 = a7 * 0.999 + 0.001
        acc += a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7
    return acc


@njit(cache=True, nogil=True)
def _arith_vector(x, rounds):
    # the same arithmetic laid out across lanes: the compiler vectorises it (SIMD)
    y = x.copy()
    for _ in range(rounds):
        for i in range(y.shape[0]):
            y[i] = y[i] * 0.999 + 0.001
    return y.sum()


@njit(cache=True, nogil=True)
def _division(x, rounds):
    acc = 0.0
    for _ in range(rounds):
        for i in range(x.shape[0]):
            acc += 1.0 / x[i]
    return acc


@njit(cache=True, nogil=True)
def _sqrt(x, rounds):
    acc = 0.0
    for _ in range(rounds):
        for i in range(x.shape[0]):
            acc += np.sqrt(x[i])
    return acc


@njit(cache=True, nogil=True)
def _log(x, rounds):
    acc = 0.0
    for _ in range(rounds):
        for i in range(x.shape[0]):
            acc += np.log(x[i])
    return acc


@njit(cache=True, nogil=True)
def _sincos(x, rounds):
    acc = 0.0
    for _ in range(rounds):
        for i in range(x.shape[0]):
            acc += np.cos(6.283185307179586 * x[i]) + np.sin(6.283185307179586 * x[i])
    return acc


@njit(cache=True, nogil=True)
def _expm1(x, rounds):
    acc = 0.0
    for _ in range(rounds):
        for i in range(x.shape[0]):
            acc += np.expm1(-x[i])
    return acc


@njit(cache=True, nogil=True)
def _plain(x, rounds, which):
    # log_unit (which 0) or turn (1), written to an array so that the loop over lanes
    # vectorises as the block step's does
    y = np.empty_like(x)
    acc = 0.0
    for _ in range(rounds):
        for i in range(x.shape[0]):
            if which == 0:
                y[i] = log_unit(x[i])
            else:
                c, s = turn(x[i])
                y[i] = c + s
        acc += y[7]
    return acc


@njit(cache=True, nogil=True)
def _mixes(x, rounds):
    acc = np.uint64(0)
    for r in range(rounds):
        for i in range(x.shape[0]):
            acc ^= _mix(np.uint64(i) * np.uint64(8) + np.uint64(r))
    return acc


def per_op(fn, ops: float) -> float:
    """Best-of-``REPEAT`` seconds per operation of micro-benchmark ``fn``."""
    x = np.random.default_rng(0).uniform(0.1, 0.9, LANES)
    fn(x, 1)
    best = np.inf
    for _ in range(REPEAT):
        t = time.process_time()
        fn(x, ROUNDS)
        best = min(best, time.process_time() - t)
    return best / (LANES * ROUNDS * ops)


def kernel_rate(threads: int, adaptive: bool, runs: int = 4000, days: int = 365) -> float:
    """Best-of-five dyad-steps per second of the ensemble kernel (classic, daily steps: the
    event-driven integrator ensembles run, or the fixed step the roofline counts), from
    processor time: ``threads`` x work / processor-seconds."""
    sc = tf.load("classic").with_changes(dt_hours=24, days=days)
    key, param_key = seed_keys(sc.seed)
    dyads = np.arange(runs, dtype=np.int64)
    states, params = pack_many(sc, dyads, param_key)
    numba.set_num_threads(threads)
    summarise_batch(states[:8].copy(), params[:8], key, dyads[:8], days, 1.0, adaptive)
    best = np.inf
    for _ in range(5):
        t = time.process_time()
        summarise_batch(states.copy(), params, key, dyads, days, 1.0, adaptive)
        best = min(best, (time.process_time() - t) / threads)
    numba.set_num_threads(numba.config.NUMBA_NUM_THREADS)
    return runs * days / best


def main() -> None:
    cost = {
        "add/sub/mul/min/max/compare (float64)": per_op(_arith_scalar, 2.0),
        "division": per_op(_division, 1.0),
        "square root": per_op(_sqrt, 1.0),
        "logarithm, plain arithmetic (2 event clocks, Box-Muller)": per_op(
            lambda x, r: _plain(x, r, 0), 1.0),
        "cosine + sine of a turn, plain arithmetic": per_op(lambda x, r: _plain(x, r, 1), 1.0),
        "C library log (an event's log-probability)": per_op(_log, 1.0),
        "C library expm1 (an event's chance)": per_op(_expm1, 1.0),
        "64-bit random mix (SplitMix64 finaliser)": per_op(_mixes, 1.0),
    }
    simd = per_op(_arith_vector, 2.0)
    print(f"one thread, best of {REPEAT} in processor time (a shared machine)")
    print(f"{'operation':<52} {'ns/op':>7} {'per step':>9} {'ns/step':>8}")
    scalar_total = 0.0
    other = 0.0
    for name, count in MIX.items():
        ns = cost[name] * 1e9
        scalar_total += count * ns
        if not name.startswith("add"):
            other += count * ns
        print(f"{name:<52} {ns:>7.2f} {count:>9g} {count * ns:>8.1f}")
    print(f"{'float64 arithmetic vectorised across lanes (SIMD)':<52} {simd * 1e9:>7.3f}")
    print(f"{'for comparison: C library sine + cosine (until 0.1.0)':<52} "
          f"{per_op(_sincos, 1.0) * 1e9:>7.2f}")
    arith = MIX["add/sub/mul/min/max/compare (float64)"]
    simd_total = other + arith * simd * 1e9
    scalar_limit, simd_limit = 2e9 / scalar_total, 2e9 / simd_total
    print(f"\nroofline, 2 threads: arithmetic one dyad at a time {scalar_total:.0f} ns/dyad-step "
          f"per thread = {scalar_limit:.3g} dyad-steps/s; arithmetic vectorised across dyads "
          f"{simd_total:.0f} ns = {simd_limit:.3g} dyad-steps/s")
    for name, adaptive in (("fixed daily steps", False),
                           ("event-driven integrator, what ensembles run", True)):
        one, two = kernel_rate(1, adaptive), kernel_rate(2, adaptive)
        print(f"ensemble kernel, {name} (classic, 4,000 dyads x 365 days): 1 thread {one:.3g}, "
              f"2 threads {two:.3g} dyad-steps/s = {two / scalar_limit:.0%} of the scalar "
              f"limit, {two / simd_limit:.0%} of the vectorised one")


if __name__ == "__main__":
    main()
