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
