"""The command line for the classic models and for analyses: ``twinflames simulate MODEL``
(when MODEL is a classic model) and ``twinflames analyze``. Kept apart from cli.py, which
calls in here."""

from __future__ import annotations

import json
from pathlib import Path

import click
import numpy as np
from rich.console import Console
from rich.table import Table

from ..errors import InputError
from ..files import check_plot


def _classic():
    from .. import classic  # imported on use: other commands start without scipy

    return classic

out = Console(highlight=False)


def pairs(items: tuple[str, ...] | list[str], option: str = "--set") -> dict[str, str]:
    """``("a=0", "b=1")`` -> ``{"a": "0", "b": "1"}``."""
    result = {}
    for item in items:
        name, eq, value = item.partition("=")
        if not eq or not name.strip():
            raise InputError(f"{option} {item!r}: allowed: name=value, e.g. a=0.5")
        result[name.strip()] = value.strip()
    return result


def parse_init(text: str | None) -> dict[str, float] | None:
    """``"R=1,J=0"`` -> ``{"R": 1.0, "J": 0.0}``."""
    if not text:
        return None
    values = pairs([p for p in text.split(",") if p.strip()], "--init")
    try:
        return {k: float(v) for k, v in values.items()}
    except ValueError:
        raise InputError(f"--init {text!r}: allowed: name=number pairs separated by commas, "
                         "e.g. R=1,J=0") from None


def handles(target: str, init: str | None) -> bool:
    """True if ``target`` is a classic model (so ``simulate`` should come here)."""
    if _classic().is_model(target):
        return True
    if init:
        raise InputError(f"--init: allowed only for the classic models "
                         f"({', '.join(_classic().names())}); set a scenario's start with --set, "
                         "e.g. --set a.wound=0.9")
    return False


def simulate(model: str, *, days, seed, dt_hours, sets, as_json, policies, out_path, plot_path,
             init, preset=None) -> None:
    """``twinflames simulate MODEL`` for a classic model."""
    if dt_hours is not None:
        raise InputError("--dt: allowed only for runner-chaser scenarios (classic flows choose "
                         "their own step; maps move one turn at a time)")
    if policies:
        raise InputError("--policy: allowed only for runner-chaser scenarios")
    run = _classic().simulate(model, preset=preset, changes=pairs(sets), init=parse_init(init),
                           duration=days, seed=seed or 0)
    if out_path:
        run.save(out_path)
    if plot_path:
        from ..classic.plot import plot_run

        plot_run(run, plot_path)
    if as_json:
        click.echo(run.to_json())
        return
    m = run.model
    span = f"{len(run.t) - 1}" if m.kind == "map" else f"{run.t[-1]:g}"
    out.print(f"[bold]{m.title}[/bold] ({m.kind}, {span} {m.time_unit})")
    out.print("parameters: " + ", ".join(f"{k}={v}" for k, v in run.params.model_dump().items()))
    out.print("start: " + ", ".join(f"{n}={v:.4g}" for n, v in zip(m.state, run.states[0],
                                                                     strict=True)))
    out.print("end:   " + ", ".join(f"{n}={v:.4g}" for n, v in run.final.items()))
    out.print(f"[dim]{m.citation}[/dim]")
    for path, what in ((out_path, "data"), (plot_path, "picture")):
        if path:
            out.print(f"wrote {what}: {path}")


@click.command()
@click.argument("target")
@click.option("--set", "sets", multiple=True, metavar="NAME=VALUE", help="Change a parameter.")
@click.option("--preset", help="A classic model's preset (see docs/models.md).")
@click.option("--init", help="Start of trajectories, e.g. R=1,J=0 (classic) or wound_a=0.9.")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
@click.option("--plot", "plot_path", help="Figure: the phase portrait, or the scan, "
              "warnings or Sobol chart when those are asked for.")
@click.option("--axes", metavar="X,Y", help="Variables of the phase portrait (default: the "
              "first two).")
@click.option("--starts", type=click.IntRange(0, 100_000), default=40, show_default=True,
              help="Random starts of the fixed-point search.")
@click.option("--scan", metavar="NAME=START:STOP:COUNT", help="One-parameter bifurcation scan.")
@click.option("--basins", type=click.IntRange(0, 100_000), default=0,
              help="Sample this many starts and report the share reaching each attractor.")
@click.option("--lyapunov", is_flag=True, help="Largest Lyapunov exponent from the start.")
@click.option("--warnings", "warn_runs", type=click.IntRange(0, 10_000), default=0,
              help="Runner-chaser only: simulate N runs and score early-warning indicators "
                   "before runner phases end.")
@click.option("--sobol", multiple=True, metavar="NAME=LOW:HIGH", help="Runner-chaser only: "
              "Sobol indices of the outcome's probability over these ranges.")
@click.option("--outcome", default="union", show_default=True, help="Outcome for --sobol.")
@click.option("--samples", type=int, default=64, show_default=True,
              help="Sobol base samples (a power of two).")
@click.option("--runs", type=click.IntRange(1, 1_000_000), default=200, show_default=True,
              help="Dyads per Sobol point.")
@click.option("--days", type=float, help="Horizon: trajectories (model time units), Sobol "
              "(days, default 1095) and warnings (days).")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Seed of the random starts, runs and samples.")
def analyze(target, sets, preset, init, as_json, plot_path, axes, starts, scan, basins,
            lyapunov, warn_runs, sobol, outcome, samples, runs, days, seed):
    """Analyse TARGET: a classic model (strogatz, rinaldi, gottman, felmlee) or a
    runner-chaser scenario (its deterministic skeleton: noise and events off)."""
    from .. import analysis as an
    from ..analysis import plots
    from ..api import parse_changes

    check_plot(plot_path)
    is_classic = _classic().is_model(target)
    if not is_classic and preset:
        raise InputError("--preset: allowed only for the classic models")
    if is_classic and (warn_runs or sobol):
        raise InputError("--warnings/--sobol: allowed only for runner-chaser scenarios")
    # classic models have parameters named a and b, so only scenarios take a=POLICY shorthand
    changes = pairs(sets) if is_classic else parse_changes(sets)
    system = an.system_of(target, changes, parse_init(init), preset)
    report: dict = {"target": target, "kind": system.kind, "variables": list(system.names),
                    "parameters": {k: v for k, v in system.params.items()}}
    points = an.fixed_points(system, starts=starts, seed=seed)
    report["fixed_points"] = [p.to_dict(system.names) for p in points]
    horizon = days or (1500.0 if system.confined else 200.0 if system.kind == "map" else 100.0)
    a = an.settle(system, system.start, horizon)
    report["from_start"] = {"settles_on": a.kind, "period": a.period,
                            "fixed_point": an.nearest_fixed_point(system, a.high, points, 1e-2)
                            if a.kind == "equilibrium" else None,
                            "low": dict(zip(system.names, a.low.tolist(), strict=True)),
                            "high": dict(zip(system.names, a.high.tolist(), strict=True))}
    figure = None
    basin_result = None
    if lyapunov:
        report["lyapunov"] = an.lyapunov(system, duration=horizon)
    if basins:
        basin_result = an.basins(system, basins, duration=days, seed=seed, points=points)
        report["basins"] = basin_result.to_dict()
    if scan:
        name, values = an.parse_range(scan)
        result = an.scan(system, name, values, duration=days, seed=seed)
        report["bifurcation"] = result.to_dict()
        figure = lambda p: plots.plot_scan(result, path=p)  # noqa: E731
    if warn_runs:
        check = an.check_runner_warnings(target, warn_runs, seed=seed, days=days,
                                         changes=changes)
        report["early_warnings"] = check.to_dict()
    if sobol:
        res = an.flagship_sobol(target, an.parse_bounds(sobol), outcome=outcome,
                                days=days or 3 * 365.0, runs=runs, samples=samples, seed=seed,
                                changes=changes)
        report["sobol"] = res.to_dict()
        figure = lambda p: plots.plot_sobol(res, p)  # noqa: E731
    if plot_path:
        if figure is None:
            xy = (axes or "").split(",") if axes else [None, None]
            if len(xy) != 2:
                raise InputError(f"--axes {axes!r}: allowed: two variables, e.g. "
                                 f"{system.names[0]},{system.names[1]}")
            an.phase_portrait(system, xy[0], xy[1], points=points, basins=basin_result,
                              path=plot_path)
        else:
            figure(plot_path)
    if as_json:
        click.echo(json.dumps(report, indent=2, default=_plain))
        return
    _print(report, plot_path)


def _plain(value):
    if isinstance(value, (np.floating, np.integer)):
        return value.item()
    if isinstance(value, np.bool_):
        return bool(value)
    return str(value)


def _frame_table(frame, title: str | None = None, index: str | None = None) -> Table:
    table = Table(title=title, title_justify="left")
    if index:
        table.add_column(index)
    for col in frame.columns:
        table.add_column(str(col), justify="right" if col != "kind" else "left")
    for name, row in frame.iterrows():
        table.add_row(*([str(name)] if index else []), *(str(v) for v in row))
    return table


def _print(report: dict, plot_path: str | None) -> None:
    from ..analysis import report as words

    kind = "a flow" if report["kind"] == "flow" else "a map"
    out.print(f"[bold]{report['target']}[/bold] ({kind}, {len(report['variables'])} variables)")
    out.print(words.fixed_point_sentence(report))
    if report["fixed_points"]:
        out.print(_frame_table(words.fixed_point_table(report).set_index("fixed point"),
                               "Fixed points", index="fixed point"))
        for block in words.where_tables(report):
            out.print(_frame_table(block, index="variable"))
    out.print(words.start_sentence(report))
    if "lyapunov" in report:
        out.print(f"Largest Lyapunov exponent from the start: {report['lyapunov']:+.4f} per "
                  "time unit (positive: nearby starts fly apart, a sign of chaos).")
    for line in words.basin_sentences(report):
        out.print(line)
    for tr in report.get("bifurcation", {}).get("transitions", []):
        lo, hi = tr["between"]
        out.print(f"Between {lo:.4g} and {hi:.4g}: {tr['detail']}")
    for line in words.warning_sentences(report):
        out.print(line)
    if "sobol" in report:
        table = Table(title=f"Sobol indices for P({report['sobol'].get('outcome', 'outcome')}) "
                            "(95% intervals)", title_justify="left")
        for col in ("parameter", "first order S1", "total ST"):
            table.add_column(col, justify="left" if col == "parameter" else "right")
        for row in report["sobol"]["indices"]:
            table.add_row(row["parameter"],
                          f"{row['S1']:.3f} [{row['S1_low']:.3f}, {row['S1_high']:.3f}]",
                          f"{row['ST']:.3f} [{row['ST_low']:.3f}, {row['ST_high']:.3f}]")
        out.print(table)
    if plot_path:
        out.print(f"wrote picture: {Path(plot_path)}")
