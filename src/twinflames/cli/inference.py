"""``twinflames journal where | forecast | guide``: the inference on the command line."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.table import Table

from ..errors import InputError
from ..files import check_plot
from ..inference.observations import DEFAULT_PARTICLES
from .journal import journal_option, open_for_command

if TYPE_CHECKING:
    from ..inference.result import InferenceResult

out = Console(highlight=False)


def filter_options(f):
    """The options every inference command takes."""
    for option in reversed([
        journal_option,
        click.option("--particles", type=int, default=DEFAULT_PARTICLES, show_default=True,
                     help="Simulated dyads in the filter."),
        click.option("--seed", type=int, default=0, show_default=True,
                     help="Seed: the same seed and journal give the same answer."),
        click.option("--as-of", "as_of", metavar="YYYY-MM-DD",
                     help="Infer up to this day (default: the last entry)."),
        click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON."),
        click.option("--example", is_flag=True,
                     help="Read the synthetic example journal shipped with twinflames instead "
                          "of yours (your journal is not opened)."),
    ]):
        f = option(f)
    return f


def _infer(path, particles, seed, as_of, example=False, as_json=False) -> InferenceResult:
    from ..inference.filter import (
        infer,  # imported on use: other journal commands start without numba
    )

    if example:
        if path:
            raise InputError(f"--journal: {path!r}; allowed: --journal or --example, not both")
        from ..inference.example import NOTICE, example_entries

        click.echo(NOTICE, err=as_json)  # JSON on stdout stays JSON
        records = example_entries()
    else:
        with open_for_command(path) as jr:
            records = jr.list()
    return infer(records, particles=particles, seed=seed, as_of=as_of)


@click.command()
@filter_options
@click.option("--plot", "plot", metavar="FILE", help="Save the phase ribbon (.png/.svg/.pdf).")
def where(path, particles, seed, as_of, as_json, example, plot):
    """Where am I in the dynamic? Phase, roles and hidden states from your journal."""
    from ..inference.guidance import NOT_THERAPY
    from ..inference.words import sentences

    if plot:
        check_plot(plot)
    result = _infer(path, particles, seed, as_of, example, as_json)
    if plot:
        from ..inference.plot import plot_where

        plot_where(result, plot)
    if as_json:
        click.echo(result.to_json())
        return
    for line in sentences(result):
        out.print(line)
    table = Table(title=f"Phase probabilities, last {min(4, result.days.n // 7 or 1)} weeks")
    table.add_column("week ending")
    for name in result.phase:
        table.add_column(name.replace("_", " "), justify="right")
    timeline = result.timeline()
    for row in timeline[::-7][:4][::-1]:
        table.add_row(row["date"], *(f"{v:.2f}" for v in row["phase"].values()))
    out.print(table)
    d = result.diagnostics
    out.print(f"[dim]{d['particles']} particles, minimum effective sample size "
              f"{d['min_ess']:.0f}, log-likelihood {d['log_likelihood']:.1f}, seed {d['seed']}"
              f"{'; plot: ' + plot if plot else ''}[/dim]")
    out.print(f"[dim]{NOT_THERAPY}[/dim]")


@click.command()
@filter_options
@click.option("--vs", "vs", multiple=True, metavar="CHOICE",
              help="A choice: me=POLICY (current, anxious, guided, avoidant, secure, custom), "
                   "me.FIELD=VALUE or PARAMETER=VALUE; repeat; the first is the baseline "
                   "(default: me=current and me=guided).")
@click.option("--days", type=int, default=90, show_default=True, help="Horizon in days.")
@click.option("--runs", type=int, default=1000, show_default=True, help="Simulated futures.")
def forecast(path, particles, seed, as_of, as_json, example, vs, days, runs):
    """What would each choice likely change? The same futures under each choice, paired."""
    from ..inference.forecast import OUTCOMES, parse_choice
    from ..inference.guidance import NOT_THERAPY

    choices = list(vs) or ["me=current", "me=guided"]
    for c in choices:  # refuse a bad choice before the filter runs
        parse_choice(c)
    result = _infer(path, particles, seed, as_of, example, as_json).forecast(
        vs=choices, days=days, runs=runs)
    data = result.to_dict()
    if as_json:
        click.echo(json.dumps(data, indent=2))
        return
    base = data["baseline"]
    out.print(f"{runs} simulated futures of {days} days from where your journal leaves you, the "
              "same ones under each choice. Counts are out of 100; in brackets, where 90 in 100 "
              "dyads like yours land, as far as your journal can tell.")
    table = Table()
    table.add_column("choice")
    for name in (*OUTCOMES, "wellbeing"):
        table.add_column(name.replace("_", " "), justify="right")
    for choice, entry in data["choices"].items():
        table.add_row(choice, *(f"{entry[n]['of_100']:.0f} ({entry[n]['low']:.0f}-"
                                f"{entry[n]['high']:.0f})" for n in (*OUTCOMES, "wellbeing")))
        if "difference" in entry:
            diff = entry["difference"]
            table.add_row(f"  vs {base}", *(f"{diff[n]['of_100']:+.0f} ({diff[n]['low']:+.0f} "
                                            f"to {diff[n]['high']:+.0f})"
                                            for n in (*OUTCOMES, "wellbeing")))
    out.print(table)
    out.print("[dim]apart = chase, separation or mutual running; well-being is 0-100. Chances "
              f"from a simulation, not a prediction of your life. {NOT_THERAPY}[/dim]")


@click.command("guide")
@filter_options
def guide_command(path, particles, seed, as_of, as_json, example):
    """What the article suggests for where you most likely are, with your own numbers."""
    from ..inference.guidance import guide
    g = guide(_infer(path, particles, seed, as_of, example, as_json))
    if as_json:
        click.echo(json.dumps(g.to_dict(), indent=2))
        return
    for line in g.lines:
        out.print(line)

