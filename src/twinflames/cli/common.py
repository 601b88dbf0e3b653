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


def interval(every: int, dt_hours: float) -> str:
    """``every`` steps of ``dt_hours`` in words: "every step (1 h)", "once a day",
    "every 2 h", "every 7 days"."""
    hours = every * dt_hours

    def span(h: float) -> str:
        return f"{h:g} h" if h < 24 else ("1 day" if h == 24 else f"{h / 24:g} days")

    if every == 1:
        return f"every step ({span(hours)})"
    return "once a day" if hours == 24 else f"every {span(hours)}"


def size(path: str | Path) -> str:
    """The size of the file at ``path``: "820 kB", "3.4 MB"."""
    n = Path(path).stat().st_size
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


def say_rows(path: str, rows: int, every: int, dt_hours: float, days: float,
             runs: int | None = None) -> None:
    """The line under "wrote ...: PATH" that says what a trajectory file holds: its rows, how
    often they record the state, and its size (``runs`` kept runs, or one run)."""
    def many(n: int, word: str) -> str:
        return f"{n:,} {word}{'' if n == 1 else 's'}"

    if Path(path).suffix.lower() == ".json":
        what = (many(runs, "run") if runs is not None else "the run") + (
            " (phases, events, final state; rows only in .csv/.parquet)")
    else:
        each = many(rows, "row") if runs is None else f"{many(runs, 'dyad')} × {many(rows, 'row')}"
        what = f"{each}: the state {interval(every, dt_hours)}, day 0 to {days:,g}"
    out.print(f"  {what}; {size(path)}")


def emit(result, as_json: bool) -> bool:
    if as_json:
        click.echo(result.to_json())
    return as_json


policy_option = click.option(
    "--policy", "policies", multiple=True, metavar="a=NAME|b=NAME",
    help="A twin's policy: anxious, guided, avoidant, secure, custom[:field=v,...].")
json_option = click.option("--json", "as_json", is_flag=True,
                           help="Print machine-readable JSON.")


common = [
    click.option("--days", type=float, help="Horizon in days (default: the scenario's)."),
    click.option("--seed", type=int, help="Master seed (default: the scenario's)."),
    click.option("--dt", "dt_hours", type=float, help="Step in hours (default: the scenario's)."),
    click.option("--set", "sets", multiple=True, metavar="NAME=VALUE",
                 help="Change a parameter, e.g. --set a.wound=0.9 --set chase_pressure=0.4."),
    json_option,
]


def with_common(f):
    for option in reversed(common):
        f = option(f)
    return f


