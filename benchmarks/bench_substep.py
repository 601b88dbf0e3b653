"""Where one sub-step of the event-driven integrator spends its time (one thread).

Times, compiled and warm, each piece a sub-step calls (the drift, the drives, the hazards, the
classification, the random numbers, a fresh state array) on a classic dyad, and a whole
``adaptive_step``, in nanoseconds per call; then the sub-steps a day of a few dyads of some
presets (counted with the uncompiled integrator, so it takes a minute).

    .venv/bin/python benchmarks/bench_substep.py
    .venv/bin/python benchmarks/bench_substep.py --presets classic,block-for-sanity --days 100
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

import numpy as np
from numba import njit

import twinflames as tf
from twinflames.engine import adaptive as A
from twinflames.engine.kernels import start
from twinflames.engine.pack import pack
from twinflames.engine.rng import dyad_stream, normal_pair, uniform
from twinflames.model import layout as L
from twinflames.model.classify import classify
from twinflames.model.dynamics import advance, drive, rates
from twinflames.model.events import twin_hazards

CALLS = 2_000_000
STEPS = 20_000


@njit
def _fresh_array(x0, p, n):
    s = 0.0
    for _ in range(n):
        x = x0.copy()
        s += x[0]
    return s


@njit
def _drift(x0, p, n):
    s = 0.0
    work = np.empty((A.WORK_ROWS, L.STATE_SIZE))
    for i in range(n):
        rates(x0, p, work[5])
        A._drift(work[2], x0, p, 0.25 + 1e-12 * i, work[4], work[5], work[6])
        s += work[2, 0]
    return s


@njit
def _advance(x0, p, n):
    s = 0.0
    x = x0.copy()
    for i in range(n):
        x[:] = x0
        advance(x, p, 0.25 + 1e-12 * i, 0.0, 0.0)
        s += x[0]
    return s


DRIVES, HAZARDS, CLASSIFY = 0, 1, 2


@njit
def _state_piece(x0, p, n, which):
    """``n`` calls of one piece that reads the state (a wound nudged each call, so nothing is
    hoisted out of the loop)."""
    s = 0.0
    x = x0.copy()
    h = np.empty(L.N_TWIN_EVENTS)
    for i in range(n):
        x[L.WOUND] = 0.5 + 1e-9 * i
        if which == DRIVES:
            s += drive(x, p, 0, 1) + drive(x, p, 1, 0)
        elif which == HAZARDS:
            twin_hazards(x, p, 0, 1, h)
            twin_hazards(x, p, 1, 0, h)
            s += h[0]
        else:
            s += classify(x, p, 0.01, -0.01)
    return s


@njit
def _random_numbers(x0, p, n):
    s = 0.0
    stream = dyad_stream(np.uint64(5), 3)
    for i in range(n):
        sub = dyad_stream(stream, i)
        z_a, z_b = normal_pair(sub, i)
        s += z_a + z_b + uniform(sub, i, 2)
    return s


@njit
def _whole_step(x0, p, n):
    x = x0.copy()
    work = np.empty((A.WORK_ROWS, L.STATE_SIZE))
    time_in = np.zeros(A.TIME_IN_SIZE)
    log = np.empty((A.LOG_SIZE, A.LOG_COLUMNS))
    stream = dyad_stream(np.uint64(5), 3)
    for k in range(n):
        A.adaptive_step(x, p, stream, k, 1.0, work, time_in, log)
    return x[0]


PIECES = (
    ("a fresh state array (allocation)", _fresh_array, CALLS, None),
    ("one drift evaluation (advance)", _advance, CALLS, None),
    ("the midpoint drift of a sub-step", _drift, CALLS, None),
    ("both drives", _state_piece, CALLS, DRIVES),
    ("both twins' hazards", _state_piece, CALLS, HAZARDS),
    ("roles, flags and phase (classify)", _state_piece, CALLS, CLASSIFY),
    ("a sub-step's random numbers", _random_numbers, CALLS, None),
    ("a whole daily step (classic)", _whole_step, STEPS, None),
)

# the uncompiled integrator with a counter on the sub-steps' streams (j > 0)
_COUNT = """
import sys
import numpy as np
from twinflames.api import prepare_scenario
from twinflames.engine import adaptive as A
from twinflames.engine.kernels import start
from twinflames.engine.pack import pack_many
from twinflames.engine.rng import dyad_stream, seed_keys
from twinflames.model import layout as L
calls = [0]
stream_of = A.dyad_stream
def counted(stream, j):
    calls[0] += 1
    return stream_of(stream, j)
A.dyad_stream = counted
name, days, dyads = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
if len(sys.argv) > 4:
    A.QUIET_SUBSTEP = float(sys.argv[4])
sc = prepare_scenario(name, None, days=days, seed=0, dt_hours=None)
key, param_key = seed_keys(sc.seed)
states, params = pack_many(sc, np.arange(dyads, dtype=np.int64), param_key)
for i in range(dyads):
    x, p = states[i].copy(), params[i]
    start(x, p)
    work, time_in = np.empty((A.WORK_ROWS, L.STATE_SIZE)), np.zeros(A.TIME_IN_SIZE)
    log = np.empty((A.LOG_SIZE, A.LOG_COLUMNS))
    for k in range(sc.n_steps):
        A.adaptive_step(x, p, dyad_stream(key, i), k, sc.dt, work, time_in, log)
print((calls[0] + dyads * sc.n_steps) / (dyads * sc.n_steps * sc.dt))
"""


def piece_times() -> list[tuple[str, float]]:
    """Nanoseconds per call of each piece, best of three, on a classic dyad."""
    x0, p = pack(tf.load("classic"))
    start(x0, p)
    rows = []
    for label, func, n, which in PIECES:
        args = () if which is None else (which,)
        func(x0, p, 10, *args)
        best = np.inf
        for _ in range(3):
            t = time.perf_counter()
            func(x0, p, n, *args)
            best = min(best, time.perf_counter() - t)
        rows.append((label, best / n * 1e9))
    return rows


def substeps_per_day(name: str, days: float, dyads: int, quiet: float | None = None) -> float:
    """Sub-steps a day of ``dyads`` dyads of preset ``name`` over ``days`` days; ``quiet``
    replaces the integrator's ``QUIET_SUBSTEP`` (its cap while both wounds are clear of the
    healing ramp)."""
    env = {**os.environ, "NUMBA_DISABLE_JIT": "1"}
    extra = [] if quiet is None else [str(quiet)]
    out = subprocess.run([sys.executable, "-W", "ignore", "-c", _COUNT, name, str(days),
                          str(dyads), *extra], capture_output=True, text=True, env=env,
                         check=True)
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--presets", default="classic,wildfire,both-heal,block-for-sanity")
    parser.add_argument("--days", type=float, default=100)
    parser.add_argument("--dyads", type=int, default=4)
    args = parser.parse_args()
    print("one thread, classic dyad, best of 3")
    print(f"{'piece':36s} {'ns per call':>12s}")
    for label, ns in piece_times():
        print(f"{label:36s} {ns:12.1f}")
    print(f"\nsub-steps a day ({args.dyads} dyads, {args.days:g} days, daily steps): with the "
          f"{A.QUIET_SUBSTEP * 24:g}-hour cap on quiet stretches, and with {A.MAX_SUBSTEP * 24:g} "
          "hours everywhere")
    for name in args.presets.split(","):
        now = substeps_per_day(name, args.days, args.dyads)
        without = substeps_per_day(name, args.days, args.dyads, quiet=A.MAX_SUBSTEP)
        print(f"{name:24s} {now:6.2f} {without:6.2f}")


if __name__ == "__main__":
    main()
