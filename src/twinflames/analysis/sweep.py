"""Parameter sweeps: the same dyads run at every point of a 1-D or 2-D grid.

Each grid point is an ensemble with the same master seed, so every point sees the same dyads
and the same random numbers (differences between points are paired, not noise). The result is
an xarray Dataset with the grid as coordinates.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from importlib.metadata import version
from itertools import product
from pathlib import Path

import numpy as np
import xarray as xr
from tqdm.auto import tqdm

from ..api import ensemble, prepare_scenario
from ..errors import InputError
from ..files import write_atomically, write_table_chunks
from ..model import layout as L
from ..model.scenario import Scenario, check_in_range, resolve

MAX_POINTS = 10_000
SCALARS = ("days_to_union_median", "days_to_union_p10", "days_to_union_p90", "union_reached",
           "role_swaps", "blocks", "block_share")
METRICS = tuple(L.OUTCOMES) + tuple(f"days_{p}" for p in L.PHASES) + SCALARS


def check_metric(metric: str) -> str:
    """``metric`` if a sweep can show it, else :class:`InputError` listing what is allowed."""
    if metric not in METRICS:
        raise InputError(f"--metric {metric!r}: allowed: {', '.join(METRICS)}")
    return metric


def parse_grid(spec: str) -> tuple[str, np.ndarray]:
    """``"chase_pressure=0.1:0.5:5"`` -> ``("chase_pressure", array([0.1, 0.2, ..., 0.5]))``."""
    name, eq, rng = spec.partition("=")
    parts = rng.split(":")
    if not eq or len(parts) != 3:
        raise InputError(f"--grid {spec!r}: allowed: name=start:stop:count, "
                         "e.g. chase_pressure=0.1:0.5:5")
    try:
        start, stop, count = float(parts[0]), float(parts[1]), int(parts[2])
    except ValueError:
        raise InputError(f"--grid {spec!r}: start and stop must be numbers and count a whole "
                         "number") from None
    if count < 1 or not (np.isfinite(start) and np.isfinite(stop)):
        raise InputError(f"--grid {name.strip()}: count = {count}; allowed: a count of at least "
                         "1 and finite start and stop")
    check_in_range(name.strip(), (start, stop), "--grid")
    return name.strip(), np.linspace(start, stop, count)


def sweep(scenario: str | Scenario, grid: Mapping[str, Sequence[float]] | Sequence[str],
          runs: int = 500, *, seed: int | None = None, days: float | None = None,
          dt_hours: float | None = 24.0, changes: Mapping[str, object] | None = None,
          progress: bool = True) -> xr.Dataset:
    """Run the same ``runs`` dyads at every point of a 1-D or 2-D parameter grid.

    Parameters
    ----------
    grid : mapping name -> values, or a list of ``"name=start:stop:count"`` strings
        One or two parameters (flat names as in :meth:`Scenario.with_changes`).
    dt_hours : float
        Step in hours; sweeps default to daily steps.

    Returns
    -------
    xarray.Dataset
        Coordinates: the grid parameters, ``outcome``, ``phase``. Variables: ``probability``
        (outcome), ``days_to_union_median``/``_p10``/``_p90``, ``union_reached``,
        ``days_in_phase`` (phase), ``role_swaps``, ``blocks``, ``block_share``. Attributes:
        seed, version, scenario, runs, days, dt_hours.
    """
    pairs = [parse_grid(g) for g in grid] if not isinstance(grid, Mapping) else [
        (k, np.asarray(v, dtype=float)) for k, v in grid.items()]
    if not 1 <= len(pairs) <= 2:
        raise InputError(f"--grid: got {len(pairs)} parameters; allowed: one or two")
    if len({resolve(k) for k, _ in pairs}) != len(pairs):
        raise InputError(f"--grid: {pairs[0][0].strip()} is given twice; allowed: two different "
                         "parameters (or one)")
    axes = dict(pairs)
    points = int(np.prod([len(v) for v in axes.values()]))
    if points > MAX_POINTS:
        raise InputError(f"--grid: {points} points; allowed: at most {MAX_POINTS}")
    base = prepare_scenario(scenario, changes, days=days, seed=seed, dt_hours=dt_hours)
    names = list(axes)
    shape = tuple(len(v) for v in axes.values())
    n_out, n_phase = len(L.OUTCOMES), len(L.PHASES)
    prob = np.empty(shape + (n_out,))
    in_phase = np.empty(shape + (n_phase,))
    scalars = {k: np.empty(shape) for k in SCALARS}
    cells = list(product(*(range(n) for n in shape)))
    at = {idx: base.with_changes({name: float(axes[name][i])
                                  for name, i in zip(names, idx, strict=True)})
          for idx in cells}
    for sc in at.values():  # a grid over days or dt_hours: every point within the limit
        sc.check_steps()
    for idx in tqdm(cells, disable=not progress, desc=f"sweep {base.name}", unit="point",
                    leave=False):
        res = ensemble(at[idx], runs, progress=False)
        prob[idx] = [res.outcomes[o] for o in L.OUTCOMES]
        in_phase[idx] = [res.days_in_phase[p] for p in L.PHASES]
        dtu = res.days_to_union
        for key in ("median", "p10", "p90"):
            scalars[f"days_to_union_{key}"][idx] = np.nan if dtu[key] is None else dtu[key]
        scalars["union_reached"][idx] = dtu["reached"]
        for key in ("role_swaps", "blocks", "block_share"):
            scalars[key][idx] = res.rates[key]
    dims = tuple(names)
    data = {"probability": (dims + ("outcome",), prob),
            "days_in_phase": (dims + ("phase",), in_phase),
            **{k: (dims, v) for k, v in scalars.items()}}
    coords = {**{n: axes[n] for n in names}, "outcome": list(L.OUTCOMES),
              "phase": list(L.PHASES)}
    ds = xr.Dataset(data, coords=coords)
    ds.attrs.update(seed=base.seed, version=version("twinflames"), scenario=base.name,
                    runs=int(runs), days=base.n_steps * base.dt, dt_hours=base.dt_hours,
                    note="every grid point runs the same dyads (same seed)")
    return ds


def metric_values(ds: xr.Dataset, metric: str):
    """What a sweep shows for ``metric`` (see :data:`METRICS`): ``(values, low, high, label)``
    where ``low``/``high`` are a 95% band (outcomes), the p10-p90 band (days to union) or None."""
    if metric in ds.coords["outcome"].values:
        p = ds["probability"].sel(outcome=metric)
        half = 1.959964 * np.sqrt(p * (1 - p) / ds.attrs["runs"])
        return p, (p - half).clip(0, 1), (p + half).clip(0, 1), f"P({metric}) at the horizon"
    if metric == "days_to_union_median":
        return (ds[metric], ds["days_to_union_p10"], ds["days_to_union_p90"],
                "days to union (median, band p10–p90)")
    if metric.startswith("days_") and metric[5:] in ds.coords["phase"].values:
        phase = metric[5:]
        return ds["days_in_phase"].sel(phase=phase), None, None, f"mean days in {phase}"
    return ds[metric], None, None, metric.replace("_", " ")


def save_sweep(ds: xr.Dataset, path: str | Path) -> Path:
    """Write a sweep: ``.nc`` (NetCDF, the whole Dataset) or ``.parquet``/``.csv`` (long table)."""
    suffix = Path(path).suffix.lower()
    if suffix not in (".nc", ".parquet", ".csv"):
        raise InputError(f"--out: {str(path)!r}; allowed: a file ending in .nc, .parquet, .csv")

    if suffix == ".nc":
        return write_atomically(path, lambda tmp: ds.to_netcdf(tmp, engine="scipy"))
    return write_table_chunks(path, [ds.to_dataframe().reset_index()])
