"""What every simulation command shares: the console, options and checks."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console

from ..errors import InputError
from ..files import check_writable
from ..model.policies import DESCRIPTIONS

out = Console(highlight=False)


def sim_api():
    """The simulation API, imported on first use so that `twinflames journal ...` starts
    without loading the compiled engine."""
    from .. import api

    return api


TOP_OPTIONS = {"days": "--days", "seed": "--seed", "dt_hours": "--dt"}


def changes_from(sets: tuple[str, ...], policies: tuple[str, ...], **top) -> dict[str, str]:
    """The ``--set`` and ``--policy`` changes; ``top`` holds the ``--days``, ``--seed`` and
    ``--dt`` given (None if not), which a ``--set`` of the same setting may not contradict."""
    for p in policies:
        if not p.startswith(("a=", "b=")) or not p[2:].strip():
            raise InputError(f"--policy {p!r}: allowed: a=NAME or b=NAME (NAME one of "
                             f"{', '.join(DESCRIPTIONS)}, optionally NAME:field=value,...)")
    changes = sim_api().parse_changes(list(sets) + list(policies))
    for name, option in TOP_OPTIONS.items():
        if top.get(name) is not None and name in changes:
            raise InputError(f"--set {name}={changes[name]}: {option} is given too; allowed: "
                             f"one of --set {name}=... and {option}")
    return changes


def scenario_for(scenario: str, days: float | None, seed: int | None, dt_hours: float | None,
                 sets: tuple[str, ...] = (), policies: tuple[str, ...] = ()):
    """The scenario a command runs: SCENARIO with its changes and settings, refused (before any
    work) above the step limit the web has too (:meth:`Scenario.check_steps`)."""
    sc = sim_api().prepare_scenario(scenario, changes_from(sets, policies, days=days, seed=seed,
                                                           dt_hours=dt_hours),
                                    days=days, seed=seed, dt_hours=dt_hours)
    sc.check_steps()
    return sc


def check_out(path: str | None, suffixes: tuple[str, ...] = (".json", ".csv", ".parquet")
               ) -> None:
    if path and Path(path).suffix.lower() not in suffixes:
        raise InputError(f"--out: {path!r}; allowed: a file ending in {', '.join(suffixes)}")
    check_writable(path, "--out")


def say_written(out_path: str | None, plot_path: str | None) -> None:
    for path, what in ((out_path, "data"), (plot_path, "picture")):
        if path:
            out.print(f"wrote {what}: {path}", soft_wrap=True)  # a path is never broken


def emit(result, as_json: bool) -> bool:
    if as_json:
        click.echo(result.to_json())
    return as_json


common = [
    click.option("--days", type=float, help="Horizon in days (default: the scenario's)."),
    click.option("--seed", type=int, help="Master seed (default: the scenario's)."),
    click.option("--dt", "dt_hours", type=float, help="Step in hours (default: the scenario's)."),
    click.option("--set", "sets", multiple=True, metavar="NAME=VALUE",
                 help="Change a parameter, e.g. --set a.wound=0.9 --set chase_pressure=0.4."),
    click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON."),
]


def with_common(f):
    for option in reversed(common):
        f = option(f)
    return f


