"""The ``twinflames`` command line: one module per command group.

Exit codes: 0 ok, 2 bad input (one line on stderr), 1 internal error.
"""

from __future__ import annotations

import sys

import click

from ..errors import InputError
from . import run
from .analyze import analyze
from .fit import fit
from .inference import forecast, guide_command, where
from .journal import journal
from .serve import serve
from .urge import urge


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="twinflames")
def cli() -> None:
    """The twin-flame runner–chaser dynamic as a simulator you can run, see and question.

    A model of an article's claims, not a clinical instrument.
    """


for command in (run.scenarios, run.params, run.simulate, run.ensemble, run.compare, run.sweep,
                run.explain, serve, analyze, journal, fit):
    cli.add_command(command)
for command in (where, forecast, guide_command, urge):
    journal.add_command(command)

# The lines of the command lists in --help: whole, at 80 columns (click would cut a longer
# first sentence with "..." or stop it at an "e.g.")
SHORT_HELP = {
    "analyze": "Fixed points, basins, scans and early warnings of a model",
    "compare": "The same dyads under two or more choices, paired",
    "ensemble": "Many independent dyads: outcome chances, days in each phase",
    "explain": "The story of one run in plain sentences",
    "fit": "Fit models to couples' time series, couple by couple",
    "journal": "Your private journal, kept on this machine",
    "params": "Every parameter --set accepts: unit, default, range",
    "scenarios": "The preset scenarios, each with its article section",
    "simulate": "One run of a scenario or of a classic model",
    "sweep": "The same dyads over a 1-D or 2-D parameter grid",
    "fit clo": "Coupled-oscillator model: frequency, damping, partner's pull",
    "fit flagship": "The runner–chaser model fitted per couple, by simulation",
    "fit gottman": "Gottman–Murray equations: set points, inertia, influence",
    "fit ic": "Inertia–coordination model: own and partner's lagged value",
    "fit profiles": "Latent profiles of couples from their fitted parameters",
    "journal add": "Log one entry, e.g. add reach_out, add urge --value 3",
    "journal erase": "Delete the journal and its backups (asks first)",
    "journal export": "Write your entries to a file (JSONL keeps everything)",
    "journal forecast": "What would each choice likely change? Simulated futures",
    "journal guide": "What the article suggests for where you most likely are",
    "journal import": "Add the entries of a file (Daylio, Bearable, CSV, JSONL)",
    "journal init": "Create a journal (--encrypt: sealed, recovery key shown once)",
    "journal recover": "Open an encrypted journal with its recovery key",
    "journal remove": "Take an entry out of the list (it stays in the history)",
    "journal stats": "Days since you last reached out, urges, moods, signs",
    "journal urge": "I want to reach out: a pause, your history, the forecast",
    "journal where": "Where am I in the dynamic? Phase, roles and hidden states",
}
for path, line in SHORT_HELP.items():
    group: click.Command = cli
    for word in path.split():
        group = group.commands[word]
    group.short_help = line


def _say(line: str) -> None:
    """One line on stderr, whatever it holds (bytes that were not UTF-8 are shown escaped)."""
    click.echo(line.encode("utf-8", "backslashreplace").decode("utf-8"), err=True)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, turning bad input into one line on stderr and exit code 2."""
    try:
        cli.main(args=argv, prog_name="twinflames", standalone_mode=False)
    except InputError as exc:
        _say(f"twinflames: error: {exc}")
        sys.exit(2)
    except click.exceptions.UsageError as exc:
        _say(f"twinflames: error: {exc.format_message()} (see --help)")
        sys.exit(2)
    except click.exceptions.Abort:
        click.echo("twinflames: aborted", err=True)
        sys.exit(1)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback
        text = " ".join(str(exc).split())[:300]  # one line, however long the error
        _say(f"twinflames: internal error: {type(exc).__name__}: {text} (please report it)")
        sys.exit(1)


if __name__ == "__main__":
    main()
