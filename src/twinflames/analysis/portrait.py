"""Phase portraits: vector field, nullclines, trajectories and fixed points in one plane."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..plots import finish
from .attractors import Basins
from .fixed_points import FixedPoint, fixed_points
from .system import System

MARKERS = {"stable node": ("o", True), "stable spiral": ("o", True), "saddle": ("X", True),
           "unstable node": ("o", False), "unstable spiral": ("o", False),
           "centre": ("D", False), "non-hyperbolic": ("s", False)}

# where the label of the 1st, 2nd, ... point in one neighbourhood goes (offset in points)
LABEL_SPOTS = ((9, 6, "left"), (-9, -16, "right"), (9, -18, "left"), (-9, 8, "right"))


def phase_portrait(system: System, x: str | None = None, y: str | None = None, *,
                   starts: Sequence[np.ndarray] | None = None, duration: float | None = None,
                   points: list[FixedPoint] | None = None, grid: int = 121,
                   basins: Basins | None = None, path: str | Path | None = None):
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
    fig, ax = plt.subplots(figsize=(8.5, 6))
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
    if basins is not None:
        _draw_basins(ax, basins, ix, iy)
    points = fixed_points(system) if points is None else points
    _draw_points(ax, points, ix, iy, hi - lo)
    ax.set_xlim(lo[ix], hi[ix])
    ax.set_ylim(lo[iy], hi[iy])
    ax.set_xlabel(_axis_label(system, ix))
    ax.set_ylabel(_axis_label(system, iy))
    ax.set_title(f"{system.name}: phase portrait" + (" (slice)" if system.dim > 2 else ""))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    return finish(fig, path)


def _axis_label(system: System, i: int) -> str:
    name = system.names[i]
    meaning = system.meanings.get(name)
    return f"{name} ({meaning})" if meaning and meaning != name else name


def _draw_basins(ax, basins: Basins, ix: int, iy: int) -> None:
    from .plots import plt

    colours = plt.get_cmap("tab10")
    for k, label in enumerate(basins.labels):
        mine = [i for i, lab in enumerate(basins.start_labels) if lab == k]
        ax.scatter(basins.starts[mine, ix], basins.starts[mine, iy], s=9, alpha=0.6,
                   color=colours(k % 10), label=f"starts ending at {label}", zorder=3)


def _draw_points(ax, points: list[FixedPoint], ix: int, iy: int, width: np.ndarray) -> None:
    """Markers and "number kind" labels; labels of points close together go to different
    corners so they don't overlap."""
    placed: list[tuple[float, float]] = []
    for number, p in enumerate(points, start=1):
        marker, filled = MARKERS.get(p.kind, ("s", False))
        x, y = p.state[ix], p.state[iy]
        ax.plot(x, y, marker, ms=10, color="tab:red", mfc="tab:red" if filled else "white",
                mew=2, zorder=5)
        near = sum(abs(x - a) < 0.12 * width[ix] and abs(y - b) < 0.06 * width[iy]
                   for a, b in placed)
        placed.append((x, y))
        dx, dy, align = LABEL_SPOTS[near % len(LABEL_SPOTS)]
        ax.annotate(f"{number} {p.kind}", (x, y), textcoords="offset points",
                    xytext=(dx, dy), ha=align, fontsize=8, color="tab:red", zorder=6,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                          "alpha": 0.8})
