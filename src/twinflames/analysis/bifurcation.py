"""One-parameter bifurcation scans: equilibria and cycle extremes against a parameter."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import InputError
from .attractors import settle
from .fixed_points import FixedPoint, fixed_points
from .system import System

MAX_VALUES = 1000


@dataclass(frozen=True)
class Scan:
    """The result of :func:`scan`.

    ``table`` has one row per equilibrium or cycle found at each value: ``value``,
    ``object`` ("equilibrium"/"cycle"), ``kind``, ``stable``, ``period`` and, per variable,
    its value (equilibria) or ``_min``/``_max`` over the cycle. ``transitions`` lists where
    the picture changes between neighbouring values.
    """

    system: str
    parameter: str
    values: np.ndarray
    names: tuple[str, ...]
    table: pd.DataFrame = field(repr=False)
    transitions: list[dict]

    def to_dict(self) -> dict:
        return {"system": self.system, "parameter": self.parameter,
                "values": self.values.tolist(), "transitions": self.transitions,
                "rows": json.loads(self.table.to_json(orient="records"))}


def parse_range(spec: str) -> tuple[str, np.ndarray]:
    """``"a=-1:1:41"`` -> ``("a", 41 values from -1 to 1)``."""
    name, eq, rng = spec.partition("=")
    parts = rng.split(":")
    if not eq or len(parts) != 3 or not name.strip():
        raise InputError(f"--scan {spec!r}: allowed: name=start:stop:count, e.g. a=-1:1:41")
    try:
        start, stop, count = float(parts[0]), float(parts[1]), int(parts[2])
    except ValueError:
        raise InputError(f"--scan {spec!r}: start and stop must be numbers and count a whole "
                         "number") from None
    if not (np.isfinite(start) and np.isfinite(stop)) or start == stop or not (
            2 <= count <= MAX_VALUES):
        raise InputError(f"--scan {spec!r}: the range is empty; allowed: start != stop and a "
                         f"count from 2 to {MAX_VALUES}")
    return name.strip(), np.linspace(start, stop, count)


def scan(system: System, parameter: str, values: np.ndarray, *, starts: int = 12,
         duration: float | None = None, seed: int = 0) -> Scan:
    """Equilibria, their stability and any cycle at each value of ``parameter``.

    At each value the fixed points are sought from ``starts`` random starts plus the
    equilibria of the previous value (a simple continuation), and the run from the system's
    start is followed for ``duration`` to find a cycle (min, max and period of each variable).
    Transitions reported between neighbouring values: a cycle appears or disappears, an
    equilibrium changes stability (with a cycle appearing: a Hopf bifurcation), or the
    number of equilibria changes (a fold or pitchfork). Both ends of the range are checked
    first, so a value outside a parameter's allowed range raises :class:`InputError`.
    """
    values = np.asarray(values, dtype=float)
    if len(values) < 2 or np.ptp(values) == 0:
        raise InputError(f"scan of {parameter}: the range is empty; allowed: at least two "
                         "different values")
    for v in (values[0], values[-1]):
        system.with_changes({parameter: float(v)})
    horizon = duration or (400.0 if system.kind == "map" else 200.0)
    rows, summary = [], []
    previous: list[FixedPoint] = []
    for v in values:
        sys_v = system.with_changes({parameter: float(v)})
        points = _continue(sys_v, previous, starts, seed)
        previous = points
        for p in points:
            rows.append({"value": v, "object": "equilibrium", "kind": p.kind,
                         "stable": p.stable, "period": np.nan,
                         **{n: x for n, x in zip(sys_v.names, p.state, strict=True)}})
        a = settle(sys_v, sys_v.start, horizon)
        if a.kind == "cycle":
            rows.append({"value": v, "object": "cycle", "kind": "cycle", "stable": True,
                         "period": a.period,
                         **{f"{n}_min": lo for n, lo in zip(sys_v.names, a.low, strict=True)},
                         **{f"{n}_max": hi for n, hi in zip(sys_v.names, a.high,
                                                            strict=True)}})
        summary.append({"n": len(points), "stable": sum(p.stable for p in points),
                        "kinds": sorted(p.kind for p in points), "cycle": a.kind == "cycle"})
    return Scan(system=system.name, parameter=parameter, values=values, names=system.names,
                table=pd.DataFrame(rows), transitions=_transitions(parameter, values, summary))


def _continue(system: System, previous: list[FixedPoint], starts: int, seed: int
              ) -> list[FixedPoint]:
    found = fixed_points(system, starts=starts, seed=seed)
    for p in previous:
        more = fixed_points(System(**{**system.__dict__, "start": p.state}), starts=0)
        for q in more:
            if all(np.max(np.abs(q.state - f.state)) > 1e-6 for f in found):
                found.append(q)
    return found


def _transitions(parameter: str, values: np.ndarray, summary: list[dict]) -> list[dict]:
    out = []
    for i in range(1, len(values)):
        before, after = summary[i - 1], summary[i]
        where = {"between": [float(values[i - 1]), float(values[i])]}
        if after["cycle"] and not before["cycle"]:
            hopf = before["stable"] > after["stable"]
            out.append({**where, "event": "hopf" if hopf else "cycle appears",
                        "detail": f"a cycle is born as {parameter} passes this interval"
                                  + (" while an equilibrium loses stability" if hopf else "")})
        elif before["cycle"] and not after["cycle"]:
            out.append({**where, "event": "cycle disappears",
                        "detail": f"the cycle is gone as {parameter} passes this interval"})
        if after["n"] != before["n"]:
            out.append({**where, "event": "equilibria change",
                        "detail": f"{before['n']} -> {after['n']} equilibria (fold or "
                                  "pitchfork)"})
        elif after["kinds"] != before["kinds"]:
            out.append({**where, "event": "stability change",
                        "detail": f"{', '.join(before['kinds'])} -> {', '.join(after['kinds'])}"})
    return out
