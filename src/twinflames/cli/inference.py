"""``twinflames journal where | forecast | guide``: the inference on the command line."""

from __future__ import annotations

import contextlib
import json
import sqlite3
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
                     help="Simulated couples weighed against the journal."),
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
        return infer(example_entries(), particles=particles, seed=seed, as_of=as_of)
    with open_for_command(path) as jr:
        records = jr.list()
        if as_of is not None:  # a look back: the kept answer is today's, leave it
            return infer(records, particles=particles, seed=seed, as_of=as_of)
        return _carry_on(jr, records, particles, seed)


def _carry_on(jr, records, particles: int, seed: int) -> InferenceResult:
    """Today's answer by the daily update from the answer the journal keeps (the same as a
    full replay, which runs when nothing usable is kept); then keep the new one."""
    from ..inference import kept
    from ..inference.filter import infer, update

    name = f"where/{particles}/{seed}"
    data = jr.kept(name)
    earlier = kept.loads(data) if data else None
    result = (update(earlier, records) if earlier is not None
              else infer(records, particles=particles, seed=seed))
    with contextlib.suppress(InputError, sqlite3.Error):  # busy or read-only: answer anyway
        jr.keep(name, kept.dumps(result))
    return result


@click.command()
@filter_options
@click.option("--plot", "plot", metavar="FILE", help="Save the phase ribbon (.png/.svg/.pdf).")
def where(path, particles, seed, as_of, as_json, example, plot):
    """Where am I in the dynamic? Phase, roles and hidden states from your journal."""
    from ..inference.guidance import NOT_THERAPY
    from ..inference.words import PHASE_WORDS, sentences

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
    # one row per phase, one column per week: dates and phase names are never cut
    weeks = result.timeline()[::-7][:4][::-1]
    table = Table(title=f"Chances in 100 at the end of the last {len(weeks)} weeks",
                  title_justify="left")
    table.add_column("phase")  # wraps between words if it must
    for row in weeks:
        table.add_column(row["date"], justify="right", no_wrap=True, min_width=10)
    for name in result.phase:
        table.add_row(PHASE_WORDS[name], *(f"{100 * row['phase'][name]:.0f}" for row in weeks))
    out.print(table)
    d = result.diagnostics
    out.print(f"[dim]Worked out from {d['particles']} simulated couples (seed {d['seed']}); "
              "the filter's own figures are in --json.[/dim]")
    if plot:
        out.print(f"wrote picture: {plot}", soft_wrap=True)
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
    from ..inference.words import (
        OUTCOME_WORDS,
        choice_words,
        count_words,
        difference_words,
    )

    choices = list(vs) or ["me=current", "me=guided"]
    for c in choices:  # refuse a bad choice before the filter runs
        parse_choice(c)
    result = _infer(path, particles, seed, as_of, example, as_json).forecast(
        vs=choices, days=days, runs=runs)
    data = result.to_dict()
    if as_json:
        click.echo(json.dumps(data, indent=2))
        return
    base = choice_words(data["baseline"])
    out.print(f"{runs} simulated futures of {days} days from where your journal leaves you, the "
              "same ones under each choice. Counts are out of 100; in brackets, where 90 in 100 "
              "couples like yours land, as far as your journal can tell.")
    # one row per outcome, one column per choice: the words are never cut
    table = Table()
    table.add_column("in 90 days" if days == 90 else f"in {days} days", no_wrap=True)
    for choice in data["choices"]:
        table.add_column(choice_words(choice), justify="right")
    for name in (*OUTCOMES, "wellbeing"):
        table.add_row(OUTCOME_WORDS[name],
                      *(count_words(entry[name]) for entry in data["choices"].values()))
    out.print(table)
    for choice, entry in data["choices"].items():
        if "difference" in entry:
            out.print(f"With \u201c{choice_words(choice)}\u201d instead of \u201c{base}\u201d, "
                      "the change in each, per 100 of the same futures: "
                      + "; ".join(f"{OUTCOME_WORDS[n]} {difference_words(entry['difference'][n])}"
                                  for n in (*OUTCOMES, "wellbeing")) + ".")
    out.print("[dim]still apart = chase, separation or both running; well-being is 0-100; "
              "\u201ccan't tell yet\u201d: the journal does not narrow it down yet. Chances "
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

