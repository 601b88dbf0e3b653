"""Where trajectories end up: cycle periods, the largest Lyapunov exponent, basin sizes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import InputError
from .fixed_points import FixedPoint, fixed_points
from .system import BLOW_UP, System


def cycle_period(t: np.ndarray, x: np.ndarray, min_crossings: int = 3) -> float | None:
    """Period of an oscillating series: the mean time between upward crossings of its mean.

    Crossing times are interpolated linearly. Returns None if the series crosses its mean
    upward fewer than ``min_crossings`` times or barely moves (range below 1e-9 of its size).
    """
    x = np.asarray(x, dtype=float)
    if np.ptp(x) <= 1e-9 * max(1.0, float(np.max(np.abs(x)))):
        return None
    d = x - x.mean()
    idx = np.where((d[:-1] < 0) & (d[1:] >= 0))[0]
    if len(idx) < min_crossings:
        return None
    times = t[idx] - d[idx] * (t[idx + 1] - t[idx]) / (d[idx + 1] - d[idx])
    return float(np.mean(np.diff(times)))


@dataclass(frozen=True)
class Attractor:
    """What the run from one start settles on after its transient."""

    kind: str  # "equilibrium", "cycle", "diverges" or "unsettled"
    low: np.ndarray
    high: np.ndarray
    period: float | None = None


def settle(system: System, x0: np.ndarray, duration: float, points: int = 4001,
           rel_tol: float = 1e-4) -> Attractor:
    """Run from ``x0`` for ``duration`` and describe the second half of the run.

    An equilibrium if every variable's range in the second half is below ``rel_tol`` of the
    box width; a cycle if it oscillates with a period (see :func:`cycle_period`; a map's cycle
    must return exactly after a whole number of turns); "diverges"
    if the run passes norm 1e9; otherwise "unsettled" (a slow transient, chaos, or a cycle
    longer than half the horizon).
    """
    t, xs = system.trajectory(x0, duration, points)
    full = int(duration) if system.kind == "map" else duration  # a map takes whole turns
    if len(t) < 2 or not np.all(np.abs(xs[-1]) < BLOW_UP) or t[-1] < 0.999 * full:
        return Attractor("diverges", xs[-1], xs[-1])
    late = xs[len(xs) // 2:]
    lo, hi = late.min(axis=0), late.max(axis=0)
    width = np.maximum(system.box[1] - system.box[0], 1e-12)
    if np.all((hi - lo) / width < rel_tol):
        return Attractor("equilibrium", late[-1], late[-1])
    i = int(np.argmax((hi - lo) / width))
    period = cycle_period(t[len(t) // 2:], late[:, i])
    if period is not None and system.kind == "flow":
        # a cycle repeats (the last state comes back one period earlier) and keeps its size
        back = np.interp(t[-1] - period, t, xs[:, i])
        q3, q4 = np.array_split(late[:, i], 2)
        steady = abs(np.ptp(q4) - np.ptp(q3)) < 1e-2 * (hi[i] - lo[i])
        if steady and abs(back - xs[-1, i]) < 1e-2 * (hi[i] - lo[i]):
            return Attractor("cycle", lo, hi, period)
    if period is not None and system.kind == "map":
        # a map's cycle returns exactly after a whole number of turns
        turns = int(round(period))
        if (turns >= 1 and abs(period - turns) < 0.05 and len(late) > turns
                and np.all(np.abs(late[-1] - late[-1 - turns]) < rel_tol * width)):
            return Attractor("cycle", lo, hi, float(turns))
    return Attractor("unsettled", lo, hi, period)


def lyapunov(system: System, x0: np.ndarray | None = None, duration: float = 200.0,
             interval: float = 0.5, transient: float = 20.0, d0: float = 1e-8) -> float:
    """Largest Lyapunov exponent by two nearby trajectories (Benettin et al. 1980).

    After a ``transient``, the pair is run ``interval`` at a time; each time their separation
    ``d`` is logged as log(d / d0) and reset to ``d0`` along the current direction. The
    exponent is the sum divided by the time run. Positive means nearby states drift apart
    exponentially (chaos); about 0 a cycle; negative a stable equilibrium. For a map
    ``interval`` is rounded up to whole turns.
    """
    if duration <= 0 or interval <= 0:
        raise InputError(f"duration = {duration!r}, interval = {interval!r}: allowed: numbers "
                         "above 0")
    x = np.asarray(system.start if x0 is None else x0, dtype=float)
    if transient > 0:
        x = system.trajectory(x, transient, 3)[1][-1]
    rng = np.random.default_rng(0)
    direction = rng.standard_normal(system.dim)
    y = x + d0 * direction / np.linalg.norm(direction)
    step = max(1, int(np.ceil(interval))) if system.kind == "map" else interval
    total, elapsed = 0.0, 0.0
    while elapsed < duration:
        x = system.trajectory(x, step, 2)[1][-1]
        y = system.trajectory(y, step, 2)[1][-1]
        d = float(np.linalg.norm(y - x))
        if not np.isfinite(d) or d == 0:
            break
        total += np.log(d / d0)
        y = x + (y - x) * (d0 / d)
        elapsed += step
    return total / elapsed if elapsed else float("nan")


@dataclass(frozen=True)
class Basins:
    """Share of sampled starts reaching each attractor."""

    labels: list[str]
    fractions: np.ndarray
    samples: int
    attractors: list[dict]
    starts: np.ndarray  # the sampled starts, one row each
    start_labels: list[int]  # which attractor (index into ``labels``) each start reached

    def to_dict(self) -> dict:
        se = np.sqrt(self.fractions * (1 - self.fractions) / self.samples)
        return {"samples": self.samples,
                "attractors": [{**a, "label": lab, "fraction": float(f), "se": float(s)}
                               for a, lab, f, s in zip(self.attractors, self.labels,
                                                       self.fractions, se, strict=True)]}


APPROACH = 0.05  # an unsettled end this close to a stable point (share of the box) is heading there


def basins(system: System, samples: int = 200, duration: float | None = None, seed: int = 0,
           points: list[FixedPoint] | None = None) -> Basins:
    """Fraction of ``samples`` starts drawn uniformly in the box that reach each attractor.

    Each run's end is matched to the nearest stable fixed point of ``points`` (default: those
    :func:`fixed_points` finds), named by its number in that list counting from 1: within 1%
    of the box width for a settled run, or within :data:`APPROACH` of it for a run still
    creeping towards it at the end (counted in ``still_approaching``). Cycles are told apart by
    their mean, divergent runs by the signs of where they went. The fraction of starts
    reaching an attractor is a measure of its resilience.
    """
    if not (isinstance(samples, int) and 1 <= samples <= 100_000):
        raise InputError(f"samples = {samples!r}: allowed: a whole number from 1 to 100000")
    points = fixed_points(system) if points is None else points
    duration = duration or (200.0 if system.kind == "map" else 100.0)
    lo, hi = system.box
    width = np.maximum(hi - lo, 1e-12)
    rng = np.random.default_rng(seed)
    labels: list[str] = []
    described: dict[str, dict] = {}
    starts = lo + width * rng.random((samples, system.dim))
    for x0 in starts:
        a = settle(system, x0, duration, points=801)
        label, info = _label(system, a, points, width)
        labels.append(label)
        entry = described.setdefault(label, {k: v for k, v in info.items() if k != "slow"})
        if info.get("slow"):
            entry["still_approaching"] = entry.get("still_approaching", 0) + 1
    names = sorted(described)
    counts = np.array([labels.count(n) for n in names], dtype=float)
    return Basins(labels=names, fractions=counts / samples, samples=samples,
                  attractors=[described[n] for n in names], starts=starts,
                  start_labels=[names.index(lab) for lab in labels])


def nearest_fixed_point(system: System, state: np.ndarray, points: list[FixedPoint],
                        tolerance: float) -> int | None:
    """The number (counting from 1) of the stable point within ``tolerance`` of the box width
    of ``state``, nearest first; None if there is none."""
    width = np.maximum(system.box[1] - system.box[0], 1e-12)
    best, number = tolerance, None
    for i, p in enumerate(points, start=1):
        gap = float(np.max(np.abs(state - p.state) / width))
        if p.stable and gap < best:
            best, number = gap, i
    return number


def _label(system: System, a: Attractor, points: list[FixedPoint], width: np.ndarray
           ) -> tuple[str, dict]:
    if a.kind == "diverges":
        signs = " ".join(f"{n}{'+' if v > 0 else '-'}" for n, v in zip(system.names, a.high,
                                                                      strict=True))
        return f"diverges {signs}", {"kind": "diverges"}
    centre = (a.low + a.high) / 2
    tolerance = {"equilibrium": 1e-2, "unsettled": APPROACH}.get(a.kind)
    number = None if tolerance is None else nearest_fixed_point(system, centre, points,
                                                                 tolerance)
    if number is not None:
        state = points[number - 1].state
        return f"fixed point {number}", {
            "kind": "equilibrium", "fixed_point": number, "slow": a.kind == "unsettled",
            "state": {n: float(v) for n, v in zip(system.names, state, strict=True)}}
    where = ", ".join(f"{n}={v:.3g}" for n, v in zip(system.names, centre, strict=True))
    info = {"kind": a.kind, "low": a.low.tolist(), "high": a.high.tolist()}
    if a.period is not None:
        info["period"] = a.period
    return f"{a.kind} around {where}", info
