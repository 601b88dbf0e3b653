"""Phase portraits: vector field, nullclines, trajectories and fixed points in one plane."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..plots import finish
from .fixed_points import FixedPoint, fixed_points
from .system import System

MARKERS = {"stable node": ("o", True), "stable spiral": ("o", True), "saddle": ("X", True),
           "unstable node": ("o", False), "unstable spiral": ("o", False),
           "centre": ("D", False), "non-hyperbolic": ("s", False)}


def phase_portrait(system: System, x: str | None = None, y: str | None = None, *,
                   starts: Sequence[np.ndarray] | None = None, duration: float | None = None,
                   points: list[FixedPoint] | None = None, grid: int = 121,
                   path: str | Path | None = None):
    """Draw the plane of variables ``x`` and ``y`` (default: the first two).

    Arrows show the direction of motion (dx/dt for a flow, the step F(x) - x for a map),
    solid and dashed lines the nullclines of ``x`` and ``y`` (where each stands still),
    thin lines trajectories from ``starts`` (default: the system's start and eight points on
    the box edge), markers the fixed points (filled: attracting; labelled with their kind).
    For more than two variables the plane is a slice: the others are held at the system's
    start, and trajectories are projected. Returns the figure; saves it to ``path`` if given.
    """
    from .plots import plt

    ix, iy = system.index(x or system.names[0]), system.index(y or system.names[1])
    lo, hi = system.box
    xs = np.linspace(lo[ix], hi[ix], grid)
    ys = np.linspace(lo[iy], hi[iy], grid)
    gx, gy = np.meshgrid(xs, ys)
    u, v = np.empty_like(gx), np.empty_like(gy)
    state = system.start.copy()
    for (r, c), _ in np.ndenumerate(gx):
        state[ix], state[iy] = gx[r, c], gy[r, c]
        d = system.residual(state)
        u[r, c], v[r, c] = d[ix], d[iy]
    fig, ax = plt.subplots(figsize=(6.5, 6))
    speed = np.hypot(u, v)
    ax.streamplot(gx, gy, u, v, color=np.log1p(speed / (speed.max() or 1) * 50), cmap="Greys",
                  density=1.1, linewidth=0.7, arrowsize=0.9)
    ax.contour(gx, gy, u, levels=[0], colors="tab:blue", linewidths=1.5)
    ax.contour(gx, gy, v, levels=[0], colors="tab:orange", linewidths=1.5, linestyles="--")
    ax.plot([], [], color="tab:blue", label=f"{system.names[ix]} nullcline")
    ax.plot([], [], color="tab:orange", ls="--", label=f"{system.names[iy]} nullcline")
    if starts is None:
        edge = [(0.05, 0.05), (0.5, 0.05), (0.95, 0.05), (0.95, 0.5), (0.95, 0.95),
                (0.5, 0.95), (0.05, 0.95), (0.05, 0.5)]
        starts = [system.start]
        for fx, fy in edge:
            s = system.start.copy()
            s[ix], s[iy] = lo[ix] + fx * (hi[ix] - lo[ix]), lo[iy] + fy * (hi[iy] - lo[iy])
            starts.append(s)
    horizon = duration or (60.0 if system.kind == "map" else 1500.0 if system.confined else 30.0)
    for k, s in enumerate(starts):
        _, traj = system.trajectory(np.asarray(s, dtype=float), horizon, 1500)
        style = ".-" if system.kind == "map" else "-"
        ax.plot(traj[:, ix], traj[:, iy], style, color="tab:green", lw=1.2 if k else 2,
                ms=3, alpha=0.9, label="trajectories" if k == 0 else None)
    points = fixed_points(system) if points is None else points
    for p in points:
        marker, filled = MARKERS.get(p.kind, ("s", False))
        ax.plot(p.state[ix], p.state[iy], marker, ms=10, color="tab:red",
                mfc="tab:red" if filled else "white", mew=2, zorder=5)
        ax.annotate(p.kind, (p.state[ix], p.state[iy]), textcoords="offset points",
                    xytext=(8, 8), fontsize=8, color="tab:red")
    ax.set_xlim(lo[ix], hi[ix])
    ax.set_ylim(lo[iy], hi[iy])
    ax.set_xlabel(system.names[ix])
    ax.set_ylabel(system.names[iy])
    ax.set_title(f"{system.name}: phase portrait" + (" (slice)" if system.dim > 2 else ""))
    ax.legend(loc="lower right", fontsize=8)
    return finish(fig, path)
