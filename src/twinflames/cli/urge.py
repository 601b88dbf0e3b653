"""``twinflames journal urge``: the moment of the urge to reach out, as one short flow."""

from __future__ import annotations

import json
import sys
import time

import click

from ..errors import InputError
from ..inference.observations import DEFAULT_PARTICLES
from ..journal import journal as api
from ..journal import urge_care as care
from .journal import journal_option, open_for_command

MAX_WAIT = 120.0  # minutes


def _check_wait(minutes: float) -> float:
    if not 0 <= minutes <= MAX_WAIT:
        raise InputError(f"--wait = {minutes:g}: allowed: minutes from 0 to {MAX_WAIT:g} "
                         "(0 skips the pause)")
    return minutes


def _pause(minutes: float, tty: bool) -> None:
    """Wait ``minutes``; in a terminal show the time left (Ctrl-C ends the pause early)."""
    if minutes <= 0:
        return
    end = time.monotonic() + 60 * minutes
    click.echo(f"A {minutes:g}-minute pause starts now." + (" Ctrl-C ends it early."
                                                             if tty else ""))
    try:
        while (left := end - time.monotonic()) > 0:
            if tty:
                click.echo(f"\r  {int(left // 60):2d}:{int(left % 60):02d} left ", nl=False)
            time.sleep(min(1.0, left))
    except KeyboardInterrupt:
        click.echo("")
        click.echo("The pause ended early; that is fine.")
        return
    click.echo(("\n" if tty else "") + "The pause is over.")


def _log(path, key, outcome: str | None, letter: str | None) -> dict:
    """Write the unsent letter and the urge's close, each as one journal entry."""
    logged: dict = {}
    if not outcome and not letter:
        return logged
    with api.open_journal(path, key=key) as jr:  # the key of the first opening: no second ask
        if letter:
            logged["unsent"] = jr.add("unsent", note=letter).id
        if outcome:
            logged["urge"] = jr.add("urge", value=1, detail=outcome).id
            logged["outcome"] = outcome
    return logged


@click.command("urge")
@click.option("--json", "as_json", is_flag=True,
              help="Print the flow's data as JSON (no pause, no questions).")
@click.option("--wait", "minutes", type=float, default=10.0, show_default=True,
              help="Minutes of the pause (0 skips it).")
@click.option("--close", "outcome", type=click.Choice(care.OUTCOMES),
              help="Log how it went without being asked: resisted or acted.")
@click.option("--unsent", "letter", metavar="TEXT",
              help="Keep what you would have sent as a private unsent letter.")
@click.option("--particles", type=int, default=DEFAULT_PARTICLES, show_default=True,
              help="Simulated couples weighed against the journal for the forecast.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Seed: the same seed and journal give the same forecast.")
@journal_option
def urge(as_json, minutes, outcome, letter, particles, seed, path):
    """I want to reach out: your own history, this moment forecast, a pause, then log it."""
    from ..inference.filter import infer  # on use: other journal commands start without numba
    from ..inference.observations import TooFewDaysError
    from ..inference.urge_flow import urge_flow

    minutes = _check_wait(minutes)
    with open_for_command(path) as jr:
        records, key = jr.list(), jr.key
    if not as_json:  # the acknowledgement and the history first: the forecast takes a moment
        first = urge_flow(records)
        for line in [first["acknowledge"], first["blocked_words"], *first["history"]["lines"]]:
            if line:
                click.echo(line + "\n")
        click.echo("Working out this moment's forecast from your journal...\n")
    try:
        posterior = infer(records, particles=particles, seed=seed)
    except TooFewDaysError as exc:  # the flow says how many more days the forecast needs
        posterior = exc
    flow = urge_flow(records, posterior=posterior)
    if as_json:
        flow["logged"] = _log(path, key, outcome, (letter or "").strip() or None)
        click.echo(json.dumps(flow, indent=1, ensure_ascii=False))
        return
    for line in [*flow["forecast_lines"], flow["practice_line"]]:
        click.echo(line + "\n")
    tty = sys.stdin.isatty() and sys.stdout.isatty()
    _pause(minutes, tty)
    if tty and not letter:
        click.echo(care.UNSENT_INVITE)
        letter = click.prompt("Your letter (Enter to skip)", default="", show_default=False)
    if tty and not outcome:
        answer = click.prompt("How did it go? 1 = I let it pass, 2 = I acted on it, Enter = "
                              "don't log", default="", show_default=False)
        outcome = {"1": "resisted", "2": "acted"}.get(answer.strip())
    logged = _log(path, key, outcome, (letter or "").strip() or None)
    if logged.get("unsent"):
        click.echo(care.UNSENT_SAVED)
    if logged.get("outcome"):
        click.echo(care.CLOSED[logged["outcome"]])
    elif not tty:
        click.echo("Not a terminal, so nothing was asked and nothing logged. To log how it "
                   "went: twinflames journal urge --wait 0 --close resisted (or --close acted).")
    click.echo(flow["not_therapy"])
