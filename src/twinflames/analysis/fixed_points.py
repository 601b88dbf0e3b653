"""Fixed points from many starts, their Jacobian eigenvalues and what kind each one is."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import root

from ..errors import InputError
from .system import System

FLOW_KINDS = ("stable node", "unstable node", "stable spiral", "unstable spiral", "saddle",
              "centre", "non-hyperbolic")


@dataclass(frozen=True)
class FixedPoint:
    """An equilibrium (flow) or fixed point (map) with its eigenvalues and kind."""

    state: np.ndarray
    eigenvalues: np.ndarray
    kind: str
    stable: bool
    neutral: int = 0  # eigenvalues on the stability boundary (directions that do not move)

    def to_dict(self, names: tuple[str, ...]) -> dict:
        """JSON-ready: ``state`` by name, ``eigenvalues`` as [real, imaginary] pairs."""
        return {"state": {n: float(v) for n, v in zip(names, self.state, strict=True)},
                "eigenvalues": [[float(e.real), float(e.imag)] for e in self.eigenvalues],
                "kind": self.kind, "stable": self.stable, "neutral": self.neutral}


def jacobian(system: System, x: np.ndarray, step: float = 1e-6) -> np.ndarray:
    """Jacobian of ``system.rhs`` at ``x`` by central differences (one-sided at the edge of a
    confined system's box). For a map this is the map's Jacobian, not of F(x) - x."""
    x = np.asarray(x, dtype=float)
    n = len(x)
    jac = np.empty((n, n))
    lo, hi = system.box
    for i in range(n):
        h = step * max(1.0, abs(x[i]))
        up, down = x.copy(), x.copy()
        if system.confined and x[i] + h > hi[i]:
            up_by, down_by = 0.0, 2 * h
        elif system.confined and x[i] - h < lo[i]:
            up_by, down_by = 2 * h, 0.0
        else:
            up_by = down_by = h
        up[i] += up_by
        down[i] -= down_by
        jac[:, i] = (system.rhs(up) - system.rhs(down)) / (up_by + down_by)
    return jac


def neutral_count(eigenvalues: np.ndarray, kind: str = "flow", tol: float = 1e-6) -> int:
    """How many eigenvalues sit on the stability boundary (real part 0, or modulus 1)."""
    ev = np.asarray(eigenvalues, dtype=complex)
    if kind == "map":
        return int(np.sum(np.abs(np.log(np.maximum(np.abs(ev), 1e-300))) <= tol))
    return int(np.sum(np.abs(ev.real) <= tol * max(float(np.max(np.abs(ev))), 1e-12)))


def classify(eigenvalues: np.ndarray, kind: str = "flow", tol: float = 1e-6) -> tuple[str, bool]:
    """Kind and stability from eigenvalues.

    For a flow the sign of each real part decides (``tol`` relative to the largest modulus);
    for a map, whether each modulus is below or above 1. Complex eigenvalues make a spiral.
    Returns one of ``FLOW_KINDS`` and whether the point attracts.
    """
    ev = np.asarray(eigenvalues, dtype=complex)
    if kind == "map":
        rate = np.log(np.maximum(np.abs(ev), 1e-300))
        scale = 1.0
    else:
        rate = ev.real
        scale = max(float(np.max(np.abs(ev))), 1e-12)
    eps = tol * scale
    complex_pair = bool(np.any(np.abs(ev.imag) > eps)) if kind == "flow" else bool(
        np.any(np.abs(ev.imag) > tol))
    neg, pos = rate < -eps, rate > eps
    zero = ~neg & ~pos
    if neg.all():
        return ("stable spiral" if complex_pair else "stable node"), True
    if pos.all():
        return ("unstable spiral" if complex_pair else "unstable node"), False
    if neg.any() and pos.any():
        return "saddle", False
    if not pos.any() and zero.sum() == 2 and np.all(np.abs(ev[zero].imag) > eps):
        return "centre", False
    return "non-hyperbolic", False


def fixed_points(system: System, starts: int = 40, seed: int = 0, tol: float = 1e-9,
                 max_points: int = 50) -> list[FixedPoint]:
    """Fixed points of ``system`` found by :func:`scipy.optimize.root` from many starts.

    Starts: the system's own start, the centre of its box, then ``starts`` points drawn
    uniformly in the box (seeded). A root counts if its residual is below ``tol`` (relative
    to the state's size); roots closer than 1e-6 of the box width are merged. A line or
    plane of equilibria shows up as several points (at most ``max_points``).

    Returns
    -------
    list of FixedPoint
        Sorted by the first variable, then the second.
    """
    if not (isinstance(starts, int) and 0 <= starts <= 100_000):
        raise InputError(f"starts = {starts!r}: allowed: a whole number from 0 to 100000")
    lo, hi = system.box
    width = np.maximum(hi - lo, 1e-12)
    rng = np.random.default_rng(seed)
    candidates = [system.start, (lo + hi) / 2] + list(lo + width * rng.random((starts,
                                                                               system.dim)))
    found: list[np.ndarray] = []
    for x0 in candidates:
        sol = root(system.residual, x0, method="hybr", options={"xtol": 1e-12})
        x = np.clip(sol.x, lo, hi) if system.confined else sol.x
        if not np.all(np.isfinite(x)):
            continue
        if np.max(np.abs(system.residual(x))) > tol * max(1.0, float(np.max(np.abs(x)))):
            continue
        if all(np.max(np.abs(x - y) / width) > 1e-6 for y in found):
            found.append(x)
        if len(found) >= max_points:
            break
    found.sort(key=lambda v: tuple(np.round(v, 9)))
    out = []
    for x in found:
        ev = np.linalg.eigvals(jacobian(system, x))
        ev = ev[np.lexsort((ev.imag, ev.real))]
        kind, stable = classify(ev, system.kind)
        out.append(FixedPoint(state=x, eigenvalues=ev, kind=kind, stable=stable,
                              neutral=neutral_count(ev, system.kind)))
    return out
