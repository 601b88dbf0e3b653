"""``twinflames journal``: init, add, list, edit, remove, stats, export, import, passphrase,
recover, erase."""

from __future__ import annotations

import json
import os
import sys

import click
from rich.console import Console
from rich.table import Table

from ..errors import InputError
from ..files import check_plot
from ..journal import journal as api
from ..journal.importers import FORMATS
from ..journal.kinds import KINDS, WHO

out = Console(highlight=False)
PASSPHRASE_ENV = "TWINFLAMES_PASSPHRASE"
NEW_PASSPHRASE_ENV = "TWINFLAMES_NEW_PASSPHRASE"
RECOVERY_ENV = "TWINFLAMES_RECOVERY_KEY"


def journal_option(f):
    """The ``--journal PATH`` option every journal command takes."""
    return click.option("--journal", "path", metavar="PATH",
                        help="The journal file (default: $TWINFLAMES_JOURNAL, else your data "
                             "folder).")(f)


def _secret(env: str, prompt: str, confirm: bool = False, hide: bool = True) -> str:
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        raise InputError(f"{prompt.lower()}: missing; type it at the prompt (in a terminal) or "
                         f"set {env}")
    return click.prompt(prompt, hide_input=hide, confirmation_prompt=confirm)


def open_for_command(path: str | None) -> api.Journal:
    """The journal at ``path`` for a command, asking for the passphrase if it is encrypted
    (``$TWINFLAMES_PASSPHRASE`` or a prompt)."""
    if api.is_encrypted(path):
        return api.open_journal(path, _secret(PASSPHRASE_ENV, "Passphrase"))
    return api.open_journal(path)


def _describe(entry) -> str:
    parts = [entry.date, entry.time, entry.kind.replace("_", " "),
             f"by {entry.who}" if KINDS[entry.kind].group == "contact" else None,
             None if entry.value is None else str(entry.value), entry.detail]
    text = " ".join(p for p in parts if p)
    return text + (f' "{entry.note}"' if entry.note else "")


entry_options = [
    click.option("--who", type=click.Choice(WHO), help="me (default) or them (contact kinds)."),
    click.option("--value", help="urge: how many (default 1); ratings: 1-5."),
    click.option("--detail", help="urge: resisted|acted; sign: dream|song|message; else free."),
    click.option("--note", help="Free text."),
    click.option("--date", help="YYYY-MM-DD (default today)."),
    click.option("--time", help="HH:MM or H:MM am/pm."),
]


def with_entry_options(f):
    for option in reversed(entry_options):
        f = option(f)
    return f


@click.group("journal")
def journal() -> None:
    """Your private journal of the dynamic: stays on this machine, encrypted on request.

    Kinds: contact (--who me|them): reach_out, reply, ignore, withdraw, communicate, block,
    unblock, together, conflict; inner life: urge, practice, support, sign, trigger, note;
    ratings 1-5: wellbeing, anxiety, intensity. See docs/journal.md.
    """


@journal.command()
@journal_option
@click.option("--encrypt", is_flag=True, help="Seal every entry with a passphrase.")
def init(path, encrypt):
    """Create a journal (with --encrypt: sealed, and a recovery key printed once)."""
    passphrase = (_secret(PASSPHRASE_ENV, "Passphrase", confirm=True) if encrypt else None)
    jr, recovery = api.init_journal(path, passphrase)
    jr.close()
    click.echo(f"created a journal at {jr.path}" + (" (encrypted)" if encrypt else ""))
    if recovery:
        out.print("\nYour recovery key (shown only now; write it down and keep it apart from "
                  "your passphrase):", markup=False)
        click.echo(f"\n    {recovery}\n")  # on its own line, never wrapped
        out.print("If you forget the passphrase, `twinflames journal recover` opens the "
                  "journal with this key. Without both, no one can open it, not even you.",
                  markup=False)


@journal.command()
@click.argument("kind")
@with_entry_options
@journal_option
def add(kind, who, value, detail, note, date, time, path):
    """Log one entry of KIND, e.g. `add reach_out`, `add urge --value 3 --detail resisted`."""
    with open_for_command(path) as jr:
        record = jr.add(kind, date=date, time=time, who=who, value=value, detail=detail,
                        note=note)
    click.echo(f"added {record.id}: {_describe(record.entry)}")


@journal.command("list")
@click.option("--since", help="From this date (YYYY-MM-DD).")
@click.option("--until", help="Up to this date (YYYY-MM-DD).")
@click.option("--kind", help="Only this kind.")
@click.option("--history", is_flag=True, help="Every version, including edits and removals.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@journal_option
def list_entries(since, until, kind, history, as_json, path):
    """Show entries with their ids (oldest first)."""
    with open_for_command(path) as jr:
        records = (jr.history(since=since, until=until, kind=kind) if history
                   else jr.list(since, until, kind))
    if as_json:
        click.echo(json.dumps([r.to_dict(history) for r in records], indent=1,
                              ensure_ascii=False))
        return
    if not records:
        click.echo("no entries" + (" match" if since or until or kind else " yet"))
        return
    table = Table(box=None)
    columns = ("id", "version", "change", "date", "time", "kind", "who", "value", "detail",
               "note") if history else ("id", "date", "time", "kind", "who", "value",
                                        "detail", "note")
    for col in columns:
        table.add_column(col, overflow="fold")
    for r in records:
        row = r.to_dict(history)
        row["change"] = row.get("op")
        table.add_row(*("" if row.get(c) is None else str(row[c]) for c in columns))
    out.print(table)
    for r in records:
        if r.problem:
            click.echo(f"note: entry {r.id}: {r.problem}")


@journal.command()
@click.argument("entry_id", metavar="ID")
@click.option("--kind", help="A new kind.")
@with_entry_options
@journal_option
def edit(entry_id, kind, who, value, detail, note, date, time, path):
    """Change an entry; the old version stays in the history. Give "" to clear a field."""
    with open_for_command(path) as jr:
        before = jr.get(entry_id)
        record = jr.edit(entry_id, kind=kind, who=who, value=value, detail=detail, note=note,
                         date=date, time=time)
    click.echo(f"{record.id}: nothing to change" if record.version == before.version
               else f"{record.id} is now version {record.version}: {_describe(record.entry)}")


@journal.command()
@click.argument("entry_id", metavar="ID")
@journal_option
def remove(entry_id, path):
    """Take an entry out of the list; it stays in the history (list --history)."""
    with open_for_command(path) as jr:
        record = jr.remove(entry_id)
    click.echo(f"removed {record.id}: {_describe(record.entry)} (kept in the history)")


@journal.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--plot", "plot_path", help="Draw the stats on one time axis (.png/.svg/.pdf).")
@click.option("--today", help="Count days up to this date (default: today).")
@journal_option
def stats(as_json, plot_path, today, path):
    """Days since you last reached out, your longest stretch, urges, practice, moods, signs."""
    check_plot(plot_path)
    with open_for_command(path) as jr:
        result = jr.stats(today)
    if plot_path:
        from ..journal.plot import plot_stats

        plot_stats(result, plot_path)
    if as_json:
        click.echo(json.dumps(result, indent=1))
        return
    for line in result["summary"]:
        out.print(line, markup=False)  # wrapped between words at the terminal's width
    recent = [w for w in result["weeks"] if any(v for k, v in w.items() if k != "week")][-8:]
    if recent:
        table = Table(title="Recent weeks", box=None)
        for col in ("week of", "urges let pass", "urges acted on", "reach-outs by me",
                    "by them", "practice days", "signs"):
            table.add_column(col, justify="right")
        for w in recent:
            table.add_row(*(str(v) for v in w.values()))
        out.print(table)
    if plot_path:
        click.echo(f"wrote picture: {plot_path}")


@journal.command("export")
@click.argument("file")
@click.option("--format", "fmt", type=click.Choice(list(api.EXPORTS)),
              help="Default: from the extension (.csv, .md), else jsonl.")
@journal_option
def export_entries(file, fmt, path):
    """Write your entries to FILE (JSONL keeps everything, including ids)."""
    with open_for_command(path) as jr:
        count = len(jr.list())
        jr.export(file, fmt)
        sealed = jr.encrypted
    click.echo(f"wrote {count} entries to {file}")
    if sealed:
        click.echo("note: the exported file is not encrypted; keep it somewhere private.")


@journal.command("import")
@click.argument("file")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="auto", show_default=True,
              help="The file's format (auto: recognised by its header or extension).")
@click.option("--mood", "moods", multiple=True, metavar="NAME=N",
              help="A Daylio mood name and its well-being 1-5, e.g. --mood ecstatic=5.")
@click.option("--activity", "activities", multiple=True, metavar="NAME=KIND[@WHO][:DETAIL]",
              help="An activity/factor as a kind, e.g. --activity meditation=practice:meditation.")
@journal_option
def import_entries(file, fmt, moods, activities, path):
    """Add the entries of FILE (all or nothing; what is already there is skipped)."""
    with open_for_command(path) as jr:
        summary = jr.import_file(file, fmt, moods=moods, activities=activities)
    for line in summary.lines():
        click.echo(line)


@journal.command()
@journal_option
def passphrase(path):
    """Change the passphrase of an encrypted journal."""
    with open_for_command(path) as jr:
        if not jr.encrypted:
            raise InputError("passphrase: this journal is not encrypted; allowed: only a "
                             "journal made with init --encrypt has a passphrase")
        jr.change_passphrase(_secret(NEW_PASSPHRASE_ENV, "New passphrase", confirm=True))
    click.echo("passphrase changed; your recovery key still works")


@journal.command()
@journal_option
def recover(path):
    """Open an encrypted journal with its recovery key and set a new passphrase."""
    key = _secret(RECOVERY_ENV, "Recovery key", hide=False)
    new = _secret(NEW_PASSPHRASE_ENV, "New passphrase", confirm=True)
    api.recover(path, key, new).close()
    click.echo("new passphrase set; your recovery key still works")


@journal.command()
@click.option("--yes", is_flag=True, help="Do not ask: delete the journal and its backups.")
@journal_option
def erase(yes, path):
    """Delete the journal and all its backups (cannot be undone; asks first, and an encrypted
    journal needs its passphrase)."""
    where = api.journal_path(path)
    with open_for_command(path) as jr:  # refuses, deleting nothing, what you cannot open
        key = jr.key
    if not yes:
        if not sys.stdin.isatty():
            raise InputError("erase: not confirmed; allowed: erase --yes (this deletes the "
                             "journal and its backups for good)")
        if not click.confirm(f"Delete the journal at {where} and all its backups for good?",
                             default=False):
            click.echo("nothing was deleted")
            return
    gone = api.erase(path, key=key)
    click.echo(f"erased {len(gone)} files")
